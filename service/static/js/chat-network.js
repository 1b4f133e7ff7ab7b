/* Sharaka chat: the partner-network figure of one nation — which partners, which kinds of agreement and how
   many, under the answer's own filter. The picture itself is drawn by chat-network-draw.js. */
(function () {
  "use strict";
  const {el, lastSegment, nameSpan, getJSON, drawNetworkSvg, networkLayout} = window.SharakaChat;

  // Answers about ONE nation's partners get a picture (answer.template).
  const NETWORK_TEMPLATES = new Set(["partners", "summary"]);
  // Bindings that do not narrow the agreements counted; `from`/`to` (start years) are passed to the summary.
  const NOT_FILTERS = new Set(["nation", "category", "limit", "from", "to"]);
  // Okabe–Ito and Tol colours: distinguishable with the common colour-vision deficiencies.
  const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
                   "#117733", "#332288", "#999933", "#AA4499", "#44AA99", "#661100", "#6699CC", "#888888"];
  const MATCHING = "matching";  // the one pseudo-kind of a filter the summary cannot apply

  function wantsNetwork(answer) {
    return Boolean(answer && answer.status === "answered" && NETWORK_TEMPLATES.has(answer.template) &&
                   answer.bindings && (answer.bindings.nation || []).length === 1);
  }

  const first = (bindings, name) => (bindings[name] || [])[0] || null;

  /** The answer's filter: start years, kinds, and whether another filter (sector, obligation, a year in
      force …) makes the nation's summary unable to count what the answer counts. */
  function filterOf(answer) {
    const bindings = answer.bindings || {};
    const from = first(bindings, "from"), to = first(bindings, "to");
    let years = "all years";
    if (from && to) years = from === to ? `in ${from}` : `${from}–${to}`;
    else if (from) years = `since ${from}`;
    else if (to) years = `until ${to}`;
    return {from, to, years, categories: bindings.category || [],
            other: Object.keys(bindings).some(name => !NOT_FILTERS.has(name) && (bindings[name] || []).length)};
  }

  function summaryPath(key, filter) {
    const query = new URLSearchParams();
    if (filter.from && !filter.other) query.set("from", filter.from);
    if (filter.to && !filter.other) query.set("to", filter.to);
    const text = query.toString();
    return "/api/v1/nations/" + encodeURIComponent(key) + (text ? "?" + text : "");
  }

  /** Kinds and partners counted by the summary, which applied the answer's start years. */
  function fromSummary(answer, summary, filter) {
    const wanted = new Set(filter.categories);
    const kinds = summary.by_kind.filter(k => wanted.size === 0 || wanted.has(k.kind))
      .map(k => ({kind: k.kind, label: k.label, agreements: k.agreements}));
    const byUri = new Map();
    for (const kind of summary.by_kind.filter(k => wanted.size === 0 || wanted.has(k.kind))) {
      for (const p of kind.partners) {
        if (!byUri.has(p.uri)) byUri.set(p.uri, {uri: p.uri, label: p.label, iso3: p.iso3, kinds: [], total: 0});
        const entry = byUri.get(p.uri);
        entry.kinds.push({kind: kind.kind, label: kind.label, agreements: p.agreements});
        entry.total += p.agreements;
      }
    }
    if (answer.template === "summary") return {kinds, partners: [...byUri.values()]};
    // The answer decides who the partners are; the summary says which kinds link them.
    const partners = answer.answers.filter(item => item.type === "nation" && item.uri).map(item =>
      byUri.get(item.uri) || {uri: item.uri, label: item.label, iso3: item.iso3, kinds: [], total: item.count || 0});
    return {kinds, partners};
  }

  /** One pseudo-kind whose counts are the answer's own (a filter the summary cannot apply). */
  function fromAnswer(answer, summary, filter) {
    const category = filter.categories.length === 1 ? filter.categories[0] : null;
    const known = category && summary.by_kind.find(k => k.kind === category);
    const agreements = new Set();
    answer.answers.forEach(item => (item.source_ids || []).forEach(id => agreements.add(id)));
    const kind = {kind: category || MATCHING, label: known ? known.label : "agreements that answer the question",
                  agreements: agreements.size || null};
    const partners = answer.answers.filter(item => item.type === "nation" && item.uri).map(item => {
      const count = item.count || (item.source_ids || []).length || 1;
      return {uri: item.uri, label: item.label, iso3: item.iso3, total: count,
              kinds: [{kind: kind.kind, label: kind.label, agreements: count}]};
    });
    return {kinds: [kind], partners};
  }

  function caption(nation, shown, total, filter, counted) {
    const bits = [el("strong", {}, "Partner network of " + nation.label)];
    const arabic = nation.labels && nation.labels.ar;
    if (arabic) bits.push(" (", nameSpan(arabic), ")");
    bits.push(total > shown
      ? `: the ${shown} partners with the most shared agreements, of ${total}. `
      : `: ${total} ${total === 1 ? "partner" : "partners"}. `);
    bits.push(counted === "summary"
      ? `Edges are coloured by kind of agreement; counts are of agreements that started ${filter.years === "all years" ? "in any year" : filter.years}. `
      : "Edges and counts are the agreements of the answer (its filter cannot be split by kind here). ");
    bits.push("Select a partner (Tab, then the arrow keys; or tap or click it) for the details.");
    return el("figcaption", {}, bits);
  }

  /** Fill `figure` with the picture for `answer` (async: the kinds come from /api/v1/nations/…). */
  async function drawNetwork(figure, answer) {
    const key = lastSegment(answer.bindings.nation[0]);
    const filter = filterOf(answer);
    try {
      const summary = await getJSON(summaryPath(key, filter));
      const counted = filter.other ? "answer" : "summary";
      const {kinds, partners} = (counted === "summary" ? fromSummary : fromAnswer)(answer, summary, filter);
      if (partners.length === 0) {
        figure.remove();
        return;
      }
      partners.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
      const layout = networkLayout(figure);
      const shown = partners.slice(0, layout.partners);
      const usedKinds = kinds.filter(k => shown.some(p => p.kinds.some(pk => pk.kind === k.kind)));
      const colours = new Map(kinds.map((k, i) => [k.kind, PALETTE[i % PALETTE.length]]));
      const nation = summary.nation;
      const label = `Partner network of ${nation.label}: ${shown.length} of ${partners.length} partners shown ` +
                    `around it, linked by ${usedKinds.map(k => k.label).join(", ")}.`;
      // Not a live region: a partner's own label is read when it takes the focus.
      const details = el("div", {class: "network-details"}, el("p", {class: "hint", text: "Select a partner to see its agreements here."}));
      figure.replaceChildren(drawNetworkSvg(layout, nation, shown, colours, label, details),
                             details, legendOf(usedKinds, colours),
                             caption(nation, shown.length, partners.length, filter, counted));
      figure.removeAttribute("aria-busy");
    } catch (err) {
      figure.replaceChildren(el("p", {class: "notice", text: "The partner network could not be drawn: " + err.message}));
      figure.removeAttribute("aria-busy");
    }
  }

  function legendOf(kinds, colours) {
    const {svg} = window.SharakaChat;
    return el("ul", {class: "legend", "aria-label": "Kinds of agreement"},
      kinds.map(k => el("li", {},
        svg("svg", {viewBox: "0 0 24 8", class: "swatch", "aria-hidden": "true", focusable: "false"},
            svg("rect", {x: "0", y: "2", width: "24", height: "4", rx: "2", fill: colours.get(k.kind)})),
        el("span", {text: k.agreements === null ? k.label : `${k.label} (${k.agreements})`}))));
  }

  /** A figure for the answer's partner network, drawn when the data arrives; null when not relevant. */
  function networkFigure(answer) {
    if (!wantsNetwork(answer)) return null;
    const figure = el("figure", {class: "network", "aria-busy": "true"},
                      el("p", {class: "loading", text: "Drawing the partner network…"}));
    drawNetwork(figure, answer);
    return figure;
  }

  Object.assign(window.SharakaChat, {networkFigure, wantsNetwork, networkFilterOf: filterOf});
})();
