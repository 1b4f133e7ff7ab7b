/* Sharaka chat: a timeline for answers about time — a nation's or a pair's agreements by year (first, latest,
   spans with a recorded end), memberships with their join and exit years. An SVG drawn here (no library):
   one row per item for short answers, agreements (or joins) per year, by kind, for long ones. The answer
   table is its accessible twin: the picture is aria-hidden and its caption points to the table. */
(function () {
  "use strict";
  const {el, svg} = window.SharakaChat;

  // The query shapes whose rows carry years (queries/*.rq): agreements with their start and end, memberships and
  // parties with their join and exit years.
  const TIME_TEMPLATES = new Set(["agreements", "agreement_facts", "organizations", "members", "parties"]);
  const MAX_ROWS = 30;        // more items than this: counts per year instead of one row each
  const ROW = 24, FONT = 13, AXIS = 26, CHART_HEIGHT = 150;
  const KIND_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
  const OTHER_COLOUR = "#888888";

  const isYear = value => Number.isInteger(value);

  /** One row per item that has a year: agreements (start, end) or memberships (join, exit). */
  function rowsOf(answer) {
    return (answer.answers || []).map(item => {
      if (isYear(item.start)) return {item, type: "agreement", from: item.start, to: isYear(item.end) ? item.end : null};
      if (isYear(item.join_year) || isYear(item.exit_year)) {
        return {item, type: "membership", from: isYear(item.join_year) ? item.join_year : null,
                to: isYear(item.exit_year) ? item.exit_year : null};
      }
      return null;
    }).filter(Boolean);
  }

  const yearsOf = rows => rows.flatMap(r => [r.from, r.to]).filter(isYear);

  /** Answers about time whose items have at least two different years (one year is a sentence, not a line). */
  function wantsTimeline(answer) {
    return Boolean(answer && answer.status === "answered" && TIME_TEMPLATES.has(answer.template) &&
                   new Set(yearsOf(rowsOf(answer))).size >= 2);
  }

  /** Year ticks at a round step, about `most` of them. */
  function ticksOf(first, last, most) {
    const span = Math.max(1, last - first);
    const step = [1, 2, 5, 10, 20, 25, 50, 100].find(s => span / s <= most) || 100;
    const ticks = [];
    for (let year = Math.ceil(first / step) * step; year <= last; year += step) ticks.push(year);
    return ticks;
  }

  function scaleOf(first, last, x0, x1) {
    // A year is the interval [year, year + 1): a one-year span still has a width.
    return year => x0 + ((year - first) / (last + 1 - first)) * (x1 - x0);
  }

  function axisOf(x, first, last, y, width) {
    const group = svg("g", {class: "axis"}, svg("line", {x1: x(first), x2: x(last + 1), y1: y, y2: y}));
    ticksOf(first, last, Math.max(3, Math.floor(width / 70))).forEach(year => {
      group.append(svg("line", {x1: x(year), x2: x(year), y1: y, y2: y + 4}),
                   svg("text", {x: x(year), y: y + 16, "text-anchor": "middle", text: String(year)}));
    });
    return group;
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  function rowWords(row) {
    const {item} = row;
    const name = item.label || item.source_id || "";
    if (row.type === "membership") {
      const joined = row.from !== null ? `joined ${row.from}` : "join year not recorded";
      return `${name}: ${joined}${row.to !== null ? `, left ${row.to}` : ", no exit year recorded"}`;
    }
    const kind = item.kind ? ` (${item.kind})` : "";
    const end = row.to !== null ? `–${row.to}` : ", no end year recorded";
    return `${name}${kind}: ${row.from}${end}`;
  }

  /** Short answers: one row per item, a bar for a recorded span, a dot for a start without an end. */
  function rowsPicture(rows, width, status) {
    const years = yearsOf(rows);
    const first = Math.min(...years), last = Math.max(...years);
    const labelWidth = Math.min(width * 0.4, 280);
    const x = scaleOf(first, last, labelWidth + 10, width - 14);
    const height = rows.length * ROW + AXIS + 6;
    const picture = svg("svg", {viewBox: `0 0 ${width} ${height}`, width, class: "timeline-svg",
                                "aria-hidden": "true", focusable: "false", "font-size": FONT});
    rows.forEach((row, i) => {
      const y = i * ROW + ROW / 2 + 4;
      const words = rowWords(row);
      const mark = [];
      const membership = row.type === "membership";
      if (row.from !== null && (row.to !== null || membership)) {
        // A membership with no exit runs to the end of the axis, its open end faded: "no exit recorded".
        const end = row.to !== null ? x(row.to + 1) : x(last + 1);
        mark.push(svg("rect", {x: x(row.from), y: y - 6, width: Math.max(3, end - x(row.from)), height: 12, rx: 3,
                               class: `span ${membership ? "membership" : "agreement"}${row.to === null ? " open" : ""}`}));
      } else if (row.from !== null) {
        mark.push(svg("circle", {cx: x(row.from) + 3, cy: y, r: 5, class: "start"}));
      } else if (row.to !== null) {
        mark.push(svg("path", {d: `M${x(row.to)} ${y - 6}l8 12m0 -12l-8 12`, class: "exit"}));
      }
      const line = svg("g", {class: "row"}, svg("title", {text: words}),
        svg("rect", {x: 0, y: y - ROW / 2, width, height: ROW, class: "row-hit"}),
        svg("text", {x: labelWidth, y, dy: "0.35em", "text-anchor": "end", class: "row-label",
                     text: shorten(row.item.label || "", Math.floor(labelWidth / (FONT * 0.55)))}),
        ...mark);
      ["mouseenter", "click"].forEach(type => line.addEventListener(type, () => { status.textContent = words; }));
      picture.append(line);
    });
    picture.append(axisOf(x, first, last, rows.length * ROW + 6, width - labelWidth));
    return picture;
  }

  /** Long answers: how many agreements started (or members joined) each year, stacked by kind. */
  function perYearPicture(rows, width, status) {
    const dated = rows.filter(r => r.from !== null);
    const first = Math.min(...dated.map(r => r.from)), last = Math.max(...dated.map(r => r.from));
    const kindCounts = new Map();
    dated.forEach(r => kindCounts.set(r.item.kind || "", (kindCounts.get(r.item.kind || "") || 0) + 1));
    const kinds = [...kindCounts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const colour = kind => {
      const i = kinds.indexOf(kind);
      return i >= 0 && i < KIND_COLOURS.length ? KIND_COLOURS[i] : OTHER_COLOUR;
    };
    const byYear = new Map();
    dated.forEach(r => {
      if (!byYear.has(r.from)) byYear.set(r.from, new Map());
      const year = byYear.get(r.from);
      year.set(r.item.kind || "", (year.get(r.item.kind || "") || 0) + 1);
    });
    const most = Math.max(...[...byYear.values()].map(m => [...m.values()].reduce((a, b) => a + b, 0)));
    const x = scaleOf(first, last, 34, width - 10);
    const y = count => CHART_HEIGHT - (count / most) * (CHART_HEIGHT - 10);
    const picture = svg("svg", {viewBox: `0 0 ${width} ${CHART_HEIGHT + AXIS}`, width, class: "timeline-svg per-year",
                                "aria-hidden": "true", focusable: "false", "font-size": FONT});
    picture.append(svg("text", {x: 30, y: 14, "text-anchor": "end", class: "y-label", text: String(most)}),
                   svg("line", {x1: 32, x2: width - 10, y1: y(most), y2: y(most), class: "grid"}));
    const barWidth = Math.max(1, x(first + 1) - x(first) - 1);
    for (const [year, counts] of byYear) {
      let total = 0;
      const parts = [...counts.entries()].sort((a, b) => kinds.indexOf(a[0]) - kinds.indexOf(b[0]));
      const sum = parts.reduce((n, [, c]) => n + c, 0);
      const words = `${year}: ${sum} ` + (dated[0].type === "membership" ? "joined" : (sum === 1 ? "agreement" : "agreements")) +
        (parts.length > 1 || parts[0][0] ? " — " + parts.map(([k, c]) => `${k || "other"} ${c}`).join(", ") : "");
      const column = svg("g", {class: "year"}, svg("title", {text: words}));
      parts.forEach(([kind, count]) => {
        column.append(svg("rect", {x: x(year), y: y(total + count), width: barWidth, height: y(total) - y(total + count),
                                   fill: colour(kind)}));
        total += count;
      });
      ["mouseenter", "click"].forEach(type => column.addEventListener(type, () => { status.textContent = words; }));
      picture.append(column);
    }
    picture.append(axisOf(x, first, last, CHART_HEIGHT, width - 34));
    // Colours are SVG attributes, not inline styles (the page's CSP has no 'unsafe-inline').
    const swatch = fill => svg("svg", {viewBox: "0 0 12 12", class: "timeline-swatch", "aria-hidden": "true"},
                               svg("rect", {width: 12, height: 12, fill}));
    const named = kinds.slice(0, KIND_COLOURS.length).map(k => el("li", {}, swatch(colour(k)), k || "other"));
    if (kinds.length > KIND_COLOURS.length) named.push(el("li", {}, swatch(OTHER_COLOUR), "other kinds"));
    const legend = kinds.length > 1 ? el("ul", {class: "legend", "aria-hidden": "true"}, named) : null;
    return {picture, legend};
  }

  /** What the marks mean, only those drawn: the caption is the picture's key. */
  function keyOf(rows) {
    const has = test => rows.some(test);
    const membership = r => r.type === "membership";
    const words = [];
    if (has(r => !membership(r) && r.to !== null)) words.push("a bar runs from an agreement's start to its recorded end");
    if (has(r => !membership(r) && r.to === null)) words.push("a dot: the start year, no end year recorded");
    if (has(r => membership(r) && r.from !== null && r.to !== null)) words.push("a bar runs from joining to leaving");
    if (has(r => membership(r) && r.from !== null && r.to === null)) words.push("a faded bar: joined, no exit year recorded");
    if (has(r => membership(r) && r.from === null && r.to !== null)) words.push("a cross: the year it left");
    return words.join("; ");
  }

  function captionOf(rows, perYear) {
    const dated = rows.filter(r => r.from !== null);
    const years = yearsOf(rows);
    const range = `${Math.min(...years)}–${Math.max(...years)}`;
    const what = rows[0].type === "membership" ? "memberships" : "agreements";
    const text = perYear
      ? `Timeline: ${dated.length} ${what} by the year they ${what === "memberships" ? "began" : "started"}, ${range}. `
      : `Timeline of the answer's ${rows.length} ${rows.length === 1 ? what.slice(0, -1) : what}, ${range}: ${keyOf(rows)}. `;
    return el("figcaption", {}, text + "The table below lists every one with its years.");
  }

  function draw(figure, answer) {
    const rows = rowsOf(answer);
    const width = Math.max(280, Math.floor(figure.getBoundingClientRect().width) || 600);
    const status = el("p", {class: "timeline-status", "aria-hidden": "true"});
    const perYear = rows.length > MAX_ROWS && rows.some(r => r.from !== null);
    const parts = perYear ? perYearPicture(rows, width, status) : {picture: rowsPicture(rows, width, status), legend: null};
    figure.replaceChildren(parts.picture, status, parts.legend || "", captionOf(rows, perYear));
    figure.removeAttribute("aria-busy");
  }

  /** A figure for the answer's timeline (drawn once it is on the page, at its width); null when not about time. */
  function timelineFigure(answer) {
    if (!wantsTimeline(answer)) return null;
    const figure = el("figure", {class: "timeline", "aria-busy": "true"});
    window.requestAnimationFrame(() => draw(figure, answer));
    return figure;
  }

  Object.assign(window.SharakaChat, {timelineFigure, wantsTimeline});
})();
