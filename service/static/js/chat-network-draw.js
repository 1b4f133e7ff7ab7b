/* Sharaka chat: the partner-network picture, an SVG drawn here (no library). The nation sits in the centre,
   its partners on a circle around it; one edge per kind of agreement the two share, coloured by kind, thicker
   for more agreements. The picture is as big as its partners need (one partner: one short line, not half a
   screen), and every partner can be selected by keyboard, touch or mouse to show its details in a panel. */
(function () {
  "use strict";
  const {el, svg, localPath} = window.SharakaChat;

  // A phone gets fewer, larger names rather than the desktop picture shrunk to illegibility.
  // `spacing`: the arc each partner needs on the circle; the radius grows with the number of partners.
  const LAYOUTS = {
    wide: {partners: 24, labelChars: 22, font: 14, spacing: 52, minRadius: 90, maxRadius: 205},
    narrow: {partners: 12, labelChars: 12, font: 15, spacing: 56, minRadius: 70, maxRadius: 110},
  };
  const CENTRE_RADIUS = 30;
  const DOT_RADIUS = 7;
  const CHAR_WIDTH = 0.56;  // of the font size: a generous average for Latin names
  const PADDING = 8;

  function networkLayout(figure) {
    const width = figure.isConnected ? figure.getBoundingClientRect().width : window.innerWidth;
    return LAYOUTS[width && width < 560 ? "narrow" : "wide"];
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function edgePath(cx, cy, x, y, bend) {
    // A quadratic curve from the centre to (x, y); `bend` pushes its middle sideways so
    // several kinds between the same two nations stay visible side by side.
    const mx = (cx + x) / 2, my = (cy + y) / 2;
    const dx = x - cx, dy = y - cy, length = Math.hypot(dx, dy) || 1;
    const qx = mx - (dy / length) * bend, qy = my + (dx / length) * bend;
    return `M${cx.toFixed(1)} ${cy.toFixed(1)} Q${qx.toFixed(1)} ${qy.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)}`;
  }

  /** Where each partner and its name go, and the box around everything (the viewBox). */
  function placement(layout, shown) {
    const n = shown.length;
    const radius = Math.min(layout.maxRadius, Math.max(layout.minRadius, (n * layout.spacing) / (2 * Math.PI)));
    // One or two partners sit beside the centre (a flat picture), more go round it from the top.
    const start = n <= 2 ? 0 : -Math.PI / 2;
    const box = {x0: -CENTRE_RADIUS, y0: -CENTRE_RADIUS, x1: CENTRE_RADIUS, y1: CENTRE_RADIUS};
    const spots = shown.map((partner, i) => {
      const angle = start + (2 * Math.PI * i) / n;
      const cos = Math.cos(angle), sin = Math.sin(angle);
      const x = radius * cos, y = radius * sin;
      const anchor = cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle";
      const lx = (radius + 12) * cos, ly = (radius + 12) * sin;
      const text = shorten(partner.label, layout.labelChars);
      const width = text.length * layout.font * CHAR_WIDTH;
      const left = anchor === "start" ? lx : anchor === "end" ? lx - width : lx - width / 2;
      box.x0 = Math.min(box.x0, x - DOT_RADIUS, left);
      box.x1 = Math.max(box.x1, x + DOT_RADIUS, left + width);
      box.y0 = Math.min(box.y0, y - DOT_RADIUS, ly - layout.font * 1.3);
      box.y1 = Math.max(box.y1, y + DOT_RADIUS, ly + layout.font * 1.3);
      const dy = anchor === "middle" ? (sin < 0 ? "-0.3em" : "1em") : "0.35em";
      return {partner, x, y, lx, ly, anchor, dy, text};
    });
    return {spots, box: {x: box.x0 - PADDING, y: box.y0 - PADDING,
                         width: box.x1 - box.x0 + 2 * PADDING, height: box.y1 - box.y0 + 2 * PADDING}};
  }

  function describe(nation, partner) {
    const kinds = partner.kinds.map(k => `${k.label} (${k.agreements})`).join(", ");
    return `${partner.label}${partner.iso3 ? " (" + partner.iso3 + ")" : ""}: ` +
           `${plural(partner.total, "shared agreement", "shared agreements")} with ${nation.label}` +
           (kinds ? " — " + kinds : "");
  }

  /** The details panel's content for one partner, the selected kind (from an edge) marked. */
  function detailsOf(nation, partner, colours, kind) {
    const path = localPath(partner.uri);
    const name = el("strong", {dir: "auto", text: partner.label});
    return [
      el("p", {}, path ? el("a", {href: path}, name) : name, partner.iso3 ? ` (${partner.iso3})` : "",
         `: ${plural(partner.total, "shared agreement", "shared agreements")} with ${nation.label}`),
      el("ul", {class: "detail-kinds"}, partner.kinds.map(k => el("li", {class: k.kind === kind ? "chosen" : null},
        svg("svg", {viewBox: "0 0 24 8", class: "swatch", "aria-hidden": "true", focusable: "false"},
            svg("rect", {x: "0", y: "2", width: "24", height: "4", rx: "2", fill: colours.get(k.kind)})),
        el("span", {text: `${k.label}: ${plural(k.agreements, "agreement", "agreements")}`})))),
    ];
  }

  /** Keyboard, touch and mouse: one tab stop for the picture (roving tabindex); arrows, Home and End move
      between partners; focusing or tapping a partner (or tapping an edge) fills the details panel. */
  function makeSelectable(nodes, show) {
    let current = 0;
    const select = (index, kind, focus) => {
      current = (index + nodes.length) % nodes.length;
      nodes.forEach((node, i) => {
        node.setAttribute("tabindex", i === current ? "0" : "-1");
        node.setAttribute("aria-pressed", String(i === current));
        node.classList.toggle("selected", i === current);
      });
      show(current, kind);
      if (focus) nodes[current].focus();
    };
    nodes.forEach((node, i) => {
      node.addEventListener("focus", () => { if (current !== i || !node.classList.contains("selected")) select(i); });
      node.addEventListener("click", () => select(i, null, true));
      node.addEventListener("keydown", event => {
        const moves = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};
        if (event.key in moves) select(current + moves[event.key], null, true);
        else if (event.key === "Home") select(0, null, true);
        else if (event.key === "End") select(nodes.length - 1, null, true);
        else if (event.key === "Enter" || event.key === " ") select(current);
        else return;
        event.preventDefault();
      });
    });
    return select;
  }

  function drawNetworkSvg(layout, nation, shown, colours, label, details) {
    const {spots, box} = placement(layout, shown);
    const picture = svg("svg", {viewBox: `${box.x.toFixed(1)} ${box.y.toFixed(1)} ${box.width.toFixed(1)} ${box.height.toFixed(1)}`,
                                width: box.width.toFixed(0), role: "group", "aria-label": label,
                                class: "network-svg", "font-size": layout.font});
    picture.append(svg("title", {text: label}));
    const edges = svg("g", {class: "edges", fill: "none"});
    const nodes = svg("g", {class: "nodes"});
    const partnerNodes = [];
    const edgeClicks = [];
    spots.forEach((spot, i) => {
      const {partner, x, y} = spot;
      partner.kinds.forEach((k, j) => {
        const bend = (j - (partner.kinds.length - 1) / 2) * 14;
        const words = `${nation.label} – ${partner.label}: ${k.label}, ${plural(k.agreements, "agreement", "agreements")}`;
        const edge = svg("path", {d: edgePath(0, 0, x, y, bend), stroke: colours.get(k.kind),
                                  "stroke-width": (1.2 + Math.log2(1 + k.agreements)).toFixed(2),
                                  "stroke-opacity": "0.85", class: "edge", "data-kind": k.kind},
                         svg("title", {text: words}));
        edgeClicks.push([edge, i, k.kind]);
        edges.append(edge);
      });
      const node = svg("g", {class: "node partner", tabindex: i === 0 ? "0" : "-1", role: "button",
                             "aria-pressed": "false", "aria-label": describe(nation, partner)},
        svg("title", {text: describe(nation, partner)}),
        svg("circle", {cx: x.toFixed(1), cy: y.toFixed(1), r: String(DOT_RADIUS + 10), class: "hit-area"}),
        svg("circle", {cx: x.toFixed(1), cy: y.toFixed(1), r: String(DOT_RADIUS), class: "partner-dot"}),
        svg("text", {x: spot.lx.toFixed(1), y: spot.ly.toFixed(1), dy: spot.dy, "text-anchor": spot.anchor,
                     class: "partner-label", text: spot.text}));
      partnerNodes.push(node);
      nodes.append(node);
    });
    nodes.append(svg("g", {class: "node centre", "aria-hidden": "true"},
      svg("title", {text: `${nation.label}${nation.iso3 ? " (" + nation.iso3 + ")" : ""}`}),
      svg("circle", {cx: 0, cy: 0, r: String(CENTRE_RADIUS), class: "centre-dot"}),
      svg("text", {x: 0, y: 0, dy: "0.35em", "text-anchor": "middle", class: "centre-label",
                   text: nation.iso3 || shorten(nation.label, 8)})));
    picture.append(edges, nodes);
    const select = makeSelectable(partnerNodes, (index, kind) => {
      details.replaceChildren(...detailsOf(nation, shown[index], colours, kind));
      edges.querySelectorAll(".edge").forEach(edge => edge.classList.remove("chosen"));
      edgeClicks.filter(([, i]) => i === index).forEach(([edge]) => edge.classList.add("chosen"));
    });
    edgeClicks.forEach(([edge, index, kind]) => edge.addEventListener("click", () => select(index, kind, true)));
    return picture;
  }

  Object.assign(window.SharakaChat, {drawNetworkSvg, networkLayout});
})();
