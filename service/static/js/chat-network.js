/* Sharaka chat: the partner-network picture of one nation, an SVG drawn here (no library).
   The nation sits in the centre, its partners on a circle around it; one edge per kind of
   agreement the two share, coloured by kind, thicker for more agreements. */
(function () {
  "use strict";
  const {el, svg, lastSegment, nameSpan, getJSON} = window.SharakaChat;

  // Answers about ONE nation's partners get a picture (answer.template).
  const NETWORK_TEMPLATES = new Set(["partners", "top_partners", "partners_at_year",
                                     "partners_by_obligation", "nation_summary"]);
  // Okabe–Ito and Tol colours: distinguishable with the common colour-vision deficiencies.
  const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
                   "#117733", "#332288", "#999933", "#AA4499", "#44AA99", "#661100", "#6699CC", "#888888"];
  // A phone gets fewer, larger names rather than the desktop picture shrunk to illegibility.
  const LAYOUTS = {
    wide: {width: 800, height: 560, radius: 205, partners: 24, labelChars: 22, font: 14},
    narrow: {width: 470, height: 420, radius: 108, partners: 12, labelChars: 12, font: 15},
  };

  function layoutFor(figure) {
    const width = figure.isConnected ? figure.getBoundingClientRect().width : window.innerWidth;
    return LAYOUTS[width && width < 560 ? "narrow" : "wide"];
  }

  function wantsNetwork(answer) {
    return Boolean(answer && answer.status === "answered" && NETWORK_TEMPLATES.has(answer.template) &&
                   answer.bindings && (answer.bindings.nation || []).length === 1);
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  /** Partners of the picture: [{uri, label, iso3, kinds: [{kind, label, agreements}], total}]. */
  function partnersOf(answer, summary) {
    const wantedKinds = new Set(answer.bindings.category || []);
    const kinds = summary.by_kind.filter(k => wantedKinds.size === 0 || wantedKinds.has(k.kind));
    const byUri = new Map();
    for (const kind of kinds) {
      for (const p of kind.partners) {
        if (!byUri.has(p.uri)) byUri.set(p.uri, {uri: p.uri, label: p.label, iso3: p.iso3, kinds: [], total: 0});
        const entry = byUri.get(p.uri);
        entry.kinds.push({kind: kind.kind, label: kind.label, agreements: p.agreements});
        entry.total += p.agreements;
      }
    }
    let partners;
    if (answer.template === "nation_summary") {
      partners = [...byUri.values()];
    } else {
      // The answer decides who the partners are; the summary says which kinds link them.
      partners = answer.answers.filter(item => item.type === "nation" && item.uri).map(item => {
        const known = byUri.get(item.uri);
        return known || {uri: item.uri, label: item.label, iso3: item.iso3, kinds: [], total: item.count || 0};
      });
    }
    partners.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
    return {kinds, partners};
  }

  function edgePath(cx, cy, x, y, bend) {
    // A quadratic curve from the centre to (x, y); `bend` pushes its middle sideways so
    // several kinds between the same two nations stay visible side by side.
    const mx = (cx + x) / 2, my = (cy + y) / 2;
    const dx = x - cx, dy = y - cy, length = Math.hypot(dx, dy) || 1;
    const qx = mx - (dy / length) * bend, qy = my + (dx / length) * bend;
    return `M${cx.toFixed(1)} ${cy.toFixed(1)} Q${qx.toFixed(1)} ${qy.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)}`;
  }

  function drawSvg(layout, nation, shown, colours, label) {
    const cx = layout.width / 2, cy = layout.height / 2, radius = layout.radius;
    const picture = svg("svg", {viewBox: `0 0 ${layout.width} ${layout.height}`, role: "img", "aria-label": label,
                                class: "network-svg", "font-size": layout.font, focusable: "false"});
    picture.append(svg("title", {text: label}));
    const edges = svg("g", {class: "edges", fill: "none"});
    const nodes = svg("g", {class: "nodes"});
    shown.forEach((partner, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / shown.length;
      const x = cx + radius * Math.cos(angle), y = cy + radius * Math.sin(angle);
      const count = partner.kinds.length;
      partner.kinds.forEach((k, j) => {
        const bend = (j - (count - 1) / 2) * 14;
        const words = `${nation.label} – ${partner.label}: ${k.label}, ${k.agreements} ` +
                      (k.agreements === 1 ? "agreement" : "agreements");
        edges.append(svg("path", {d: edgePath(cx, cy, x, y, bend), stroke: colours.get(k.kind),
                                  "stroke-width": (1.2 + Math.log2(1 + k.agreements)).toFixed(2),
                                  "stroke-opacity": "0.85", class: "edge"},
                         svg("title", {text: words})));
      });
      const cos = Math.cos(angle);
      const anchor = cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle";
      const lx = cx + (radius + 12) * cos, ly = cy + (radius + 12) * Math.sin(angle);
      const dy = anchor === "middle" ? (Math.sin(angle) < 0 ? "-0.3em" : "1em") : "0.35em";
      const kinds = partner.kinds.map(k => `${k.label} (${k.agreements})`).join(", ");
      const hover = `${partner.label}${partner.iso3 ? " (" + partner.iso3 + ")" : ""}: ` +
                    `${partner.total} shared ${partner.total === 1 ? "agreement" : "agreements"}` +
                    (kinds ? " — " + kinds : "");
      nodes.append(svg("g", {class: "node"},
        svg("title", {text: hover}),
        svg("circle", {cx: x.toFixed(1), cy: y.toFixed(1), r: "7", class: "partner-dot"}),
        svg("text", {x: lx.toFixed(1), y: ly.toFixed(1), dy, "text-anchor": anchor, class: "partner-label",
                     text: shorten(partner.label, layout.labelChars)})));
    });
    nodes.append(svg("g", {class: "node centre"},
      svg("title", {text: `${nation.label}${nation.iso3 ? " (" + nation.iso3 + ")" : ""}`}),
      svg("circle", {cx, cy, r: "30", class: "centre-dot"}),
      svg("text", {x: cx, y: cy, dy: "0.35em", "text-anchor": "middle", class: "centre-label",
                   text: nation.iso3 || shorten(nation.label, 8)})));
    picture.append(edges, nodes);
    return picture;
  }

  function legendOf(kinds, colours) {
    return el("ul", {class: "legend", "aria-label": "Kinds of agreement"},
      kinds.map(k => el("li", {},
        svg("svg", {viewBox: "0 0 24 8", class: "swatch", "aria-hidden": "true", focusable: "false"},
            svg("rect", {x: "0", y: "2", width: "24", height: "4", rx: "2", fill: colours.get(k.kind)})),
        el("span", {text: `${k.label} (${k.agreements})`}))));
  }

  function caption(nation, shown, total) {
    const bits = [el("strong", {}, "Partner network of " + nation.label)];
    const arabic = nation.labels && nation.labels.ar;
    if (arabic) bits.push(" (", nameSpan(arabic), ")");
    bits.push(total > shown
      ? `: the ${shown} partners with the most shared agreements, of ${total}. `
      : `: ${total} ${total === 1 ? "partner" : "partners"}. `);
    bits.push("Edges are coloured by kind of agreement (all years); hover for details.");
    return el("figcaption", {}, bits);
  }

  /** Fill `figure` with the picture for `answer` (async: the kinds come from /api/v1/nations/…). */
  async function drawNetwork(figure, answer) {
    const key = lastSegment(answer.bindings.nation[0]);
    try {
      const summary = await getJSON("/api/v1/nations/" + encodeURIComponent(key));
      const {kinds, partners} = partnersOf(answer, summary);
      if (partners.length === 0) {
        figure.remove();
        return;
      }
      const layout = layoutFor(figure);
      const shown = partners.slice(0, layout.partners);
      const usedKinds = kinds.filter(k => shown.some(p => p.kinds.some(pk => pk.kind === k.kind)));
      const colours = new Map(kinds.map((k, i) => [k.kind, PALETTE[i % PALETTE.length]]));
      const nation = summary.nation;
      const label = `Partner network of ${nation.label}: ${shown.length} of ${partners.length} partners shown ` +
                    `around it, linked by ${usedKinds.map(k => k.label).join(", ")}.`;
      figure.replaceChildren(drawSvg(layout, nation, shown, colours, label), legendOf(usedKinds, colours),
                             caption(nation, shown.length, partners.length));
      figure.removeAttribute("aria-busy");
    } catch (err) {
      figure.replaceChildren(el("p", {class: "notice", text: "The partner network could not be drawn: " + err.message}));
      figure.removeAttribute("aria-busy");
    }
  }

  /** A figure for the answer's partner network, drawn when the data arrives; null when not relevant. */
  function networkFigure(answer) {
    if (!wantsNetwork(answer)) return null;
    const figure = el("figure", {class: "network", "aria-busy": "true"},
                      el("p", {class: "loading", text: "Drawing the partner network…"}));
    drawNetwork(figure, answer);
    return figure;
  }

  Object.assign(window.SharakaChat, {networkFigure, wantsNetwork});
})();
