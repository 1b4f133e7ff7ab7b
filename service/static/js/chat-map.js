/* Sharaka chat: a world map for answers whose items are nations — the answer's nations shaded (darker for more
   agreements when the answer counts them), each a link to its page. Drawn as SVG from the vendored, already
   projected Natural Earth paths (static/vendor/world-atlas); no map library, no tiles, nothing from elsewhere.
   The map is a picture for the eye (aria-hidden, out of the tab order): the answer table is its accessible
   twin, and the caption says so. */
(function () {
  "use strict";
  const {el, svg, localPath, getJSON} = window.SharakaChat;

  const CLASSES = 5;          // shades .q0 … .q4 in chat.css
  const MIN_VIEW = 560;       // narrowest zoom, in map units (the whole world is 2000 wide)
  const DOT_PX = 5;           // on-screen radius of a small state's dot
  let atlasPromise = null;    // the paths are fetched once per page

  function atlas() {
    if (!atlasPromise) {
      const root = document.getElementById("chat");
      atlasPromise = getJSON(root.dataset.worldMap).catch(err => {
        atlasPromise = null;  // a later answer may try again
        throw err;
      });
    }
    return atlasPromise;
  }

  const entries = answer => (answer.answers || []).filter(item => item.uri);
  const isNation = item => item.type === "nation";

  /** Nation-list answers: at least one nation, and nations are most of what the answer lists. */
  function wantsMap(answer) {
    if (!answer || answer.status !== "answered") return false;
    const listed = entries(answer);
    const nations = listed.filter(isNation).length;
    return nations > 0 && nations * 2 >= listed.length;
  }

  /** Quantile breaks of the answer's counts, so that each shade holds about as many nations. */
  function breaksOf(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const cuts = [];
    for (let i = 1; i < CLASSES; i++) {
      const v = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / CLASSES))];
      if (v > sorted[0] && (!cuts.length || v > cuts[cuts.length - 1])) cuts.push(v);
    }
    return cuts;
  }

  const classOf = (value, cuts) => cuts.filter(cut => value >= cut).length;

  /** The extent of a path of the atlas ("M x y l dx dy … z", integers, relative after each M). */
  function extentOf(d, box) {
    for (const part of d.split("M").filter(Boolean)) {
      const numbers = (part.match(/-?\d+/g) || []).map(Number);
      let x = numbers[0], y = numbers[1];
      box.grow(x, y);
      for (let i = 2; i + 1 < numbers.length; i += 2) {
        x += numbers[i];
        y += numbers[i + 1];
        box.grow(x, y);
      }
    }
  }

  function newBox() {
    return {x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity,
            grow(x, y) { this.x0 = Math.min(this.x0, x); this.y0 = Math.min(this.y0, y);
                         this.x1 = Math.max(this.x1, x); this.y1 = Math.max(this.y1, y); }};
  }

  /** A viewBox of the world's proportions around the shaded nations (the whole world when they are spread). */
  function viewOf(world, box) {
    const [, , width, height] = world.viewBox.split(" ").map(Number);
    if (!Number.isFinite(box.x0)) return {x: 0, y: 0, width, height};
    const ratio = width / height;
    let w = Math.max(MIN_VIEW, (box.x1 - box.x0) * 1.3, (box.y1 - box.y0) * 1.3 * ratio);
    w = Math.min(w, width);
    const h = w / ratio;
    const cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
    const x = Math.min(Math.max(cx - w / 2, 0), width - w), y = Math.min(Math.max(cy - h / 2, 0), height - h);
    return {x, y, width: w, height: h};
  }

  function countText(item) {
    return typeof item.count === "number" ? `: ${item.count} ${item.count === 1 ? "agreement" : "agreements"}` : "";
  }

  /** The shades' key: one swatch for "in the answer", or the count range of each shade. */
  function legendOf(counted, cuts, values, shadeOfClass) {
    const swatch = shade => el("span", {class: `map-swatch q${shade}`});
    if (!counted) return el("p", {class: "map-legend"}, swatch(CLASSES - 1), " in the answer");
    const lows = [Math.min(...values), ...cuts];
    const top = Math.max(...values);
    return el("p", {class: "map-legend"}, "Agreements: ", lows.map((low, k) => {
      const high = k + 1 < lows.length ? lows[k + 1] - 1 : top;
      return el("span", {class: "map-key"}, swatch(shadeOfClass(k)), high > low ? ` ${low}–${high}` : ` ${low}`);
    }));
  }

  function notesOf(missing, others) {
    const notes = [];
    if (missing.length) {
      notes.push(el("p", {class: "map-missing"},
        `${missing.length} of the answer's nations ${missing.length === 1 ? "is" : "are"} not on today's map: ` +
        missing.map(n => n.label).join(", ") + "."));
    }
    if (others.length) {
      notes.push(el("p", {class: "map-missing"}, "Not nations, so not on the map: " +
                    others.map(n => n.label).join(", ") + "."));
    }
    return notes;
  }

  function draw(figure, answer, world) {
    const nations = entries(answer).filter(isNation);
    const onMap = new Set([...world.countries.map(c => c.id), ...world.points.map(p => p.id)]);
    const shown = new Map(nations.filter(n => n.iso3 && onMap.has(n.iso3)).map(n => [n.iso3, n]));
    const values = [...shown.values()].map(n => n.count).filter(v => typeof v === "number");
    const counted = values.length === shown.size && new Set(values).size > 1;
    const cuts = counted ? breaksOf(values) : [];
    const shadeOfClass = k => Math.round((k * (CLASSES - 1)) / Math.max(1, cuts.length));
    const shadeOf = item => (counted ? shadeOfClass(classOf(item.count, cuts)) : CLASSES - 1);

    const countries = world.countries.filter(c => shown.has(c.id));
    const points = world.points.filter(p => shown.has(p.id));
    const box = newBox();
    countries.forEach(c => extentOf(c.d, box));
    points.forEach(p => box.grow(p.x, p.y));
    const view = viewOf(world, box);
    const radius = (DOT_PX * view.width) / (figure.getBoundingClientRect().width || 600);

    const status = el("p", {class: "map-status", "aria-hidden": "true"});
    const linkFor = (item, shape) => {
      const label = item.label + countText(item);
      shape.setAttribute("class", `${shape.getAttribute("class")} in-answer q${shadeOf(item)}`);
      shape.append(svg("title", {text: label}));
      const link = svg("a", {href: localPath(item.uri) || "#", tabindex: "-1", "data-iso3": item.iso3}, shape);
      link.addEventListener("mouseenter", () => { status.textContent = label; });
      link.addEventListener("mouseleave", () => { status.textContent = ""; });
      return link;
    };
    const picture = svg("svg", {viewBox: [view.x, view.y, view.width, view.height].map(v => v.toFixed(0)).join(" "),
                                class: "map-svg", "aria-hidden": "true", focusable: "false"},
      svg("path", {d: world.sphere, class: "sphere"}),
      svg("g", {class: "countries"}, world.countries.map(c => {
        const shape = svg("path", {d: c.d, class: "country"});
        return shown.has(c.id) ? linkFor(shown.get(c.id), shape) : shape;
      })),
      svg("g", {class: "points"}, points.map(p =>
        linkFor(shown.get(p.id), svg("circle", {cx: p.x, cy: p.y, r: radius.toFixed(1), class: "point"})))));

    const missing = nations.filter(n => !(n.iso3 && onMap.has(n.iso3)));
    const others = entries(answer).filter(item => !isNation(item));
    if (!shown.size) {  // nothing to shade: only say why
      figure.replaceChildren(...notesOf(missing, others));
      figure.removeAttribute("aria-busy");
      return;
    }
    const caption = el("figcaption", {},
      `World map of the answer's ${shown.size} ${shown.size === 1 ? "nation" : "nations"} on today's map, shaded` +
      (counted ? " by number of agreements" : "") + "; the table below lists every one with a link to its page. ",
      el("span", {class: "map-credit", text: "Boundaries: Natural Earth (via world-atlas)."}));
    figure.replaceChildren(picture, status, legendOf(counted, cuts, values, shadeOfClass),
                           ...notesOf(missing, others), caption);
    figure.removeAttribute("aria-busy");
  }

  /** A figure for the answer's world map, drawn when the paths arrive; null when the answer lists no nations. */
  function mapFigure(answer) {
    if (!wantsMap(answer)) return null;
    const figure = el("figure", {class: "world-map", "aria-busy": "true"},
                      el("p", {class: "loading", text: "Drawing the map…"}));
    atlas().then(world => draw(figure, answer, world)).catch(err => {
      figure.replaceChildren(el("p", {class: "notice", text: "The map could not be drawn: " + err.message}));
      figure.removeAttribute("aria-busy");
    });
    return figure;
  }

  Object.assign(window.SharakaChat, {mapFigure, wantsMap});
})();
