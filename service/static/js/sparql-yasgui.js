// Sharaka's SPARQL editor: the vendored YASGUI (@zazuko/yasgui 4.6.2, MIT; see vendor/yasgui/THIRD-PARTY-NOTICES.txt)
// set up to work offline under the site's strict Content-Security-Policy (no inline script or style, no eval,
// connect-src 'self'). Load order, all `defer`: vendor/yasgui/yasgui.min.js, sparql-chart.js, this file.
//
// Configuration comes from the page, never from inline script: data-* attributes on #yasgui (endpoint, our
// IRI base, prefixes and ontology terms as JSON), and the plain form's textarea (#query), which holds the
// query of the address (/sparql?query=…: the permalink). Without this file the plain form still works.
(function () {
  "use strict";

  const root = document.getElementById("yasgui");
  if (!root || typeof window.Yasgui !== "function") return;
  const Yasgui = window.Yasgui;
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;
  const plainForm = document.getElementById("sparql-form");
  const textarea = document.getElementById("query");
  const downloads = document.getElementById("sparql-downloads");

  const ENDPOINT_PATH = root.dataset.endpoint || "/sparql";
  const ENDPOINT = new URL(ENDPOINT_PATH, window.location.href).href;
  const OUR_BASE = root.dataset.ourBase || "";
  const MAX_HINTS = 50;
  const MAX_ADDRESS = 4000; // longer queries are not put in the address bar (the share button still works)

  function parseJson(text, fallback) {
    try { return JSON.parse(text || ""); } catch (error) { return fallback; }
  }
  const PREFIXES = parseJson(root.dataset.prefixes, {});
  const VOCABULARY = (function () {
    const v = parseJson(root.dataset.vocabulary, {});
    const tidy = (list) => (Array.isArray(list) ? list : []).filter((t) => t && typeof t.iri === "string")
      .map((t) => ({ iri: t.iri, label: typeof t.label === "string" ? t.label : "" }));
    return { classes: tidy(v.classes), properties: tidy(v.properties) };
  })();
  const LABELS = new Map(VOCABULARY.classes.concat(VOCABULARY.properties).filter((t) => t.label).map((t) => [t.iri, t.label]));

  // -------------------------------------------------------------------------------------------------------
  // 1. CSP: column-resizer (in YASR's table) inserts <style> elements into <head> on every table draw, and
  // "*{cursor:col-resize!important}" while a column is dragged; style-src 'self' blocks each (Chromium checks
  // the policy before the element's type, so it must not be inserted at all). Its elements carry the expando
  // `gripid`. The rules ship in sparql-yasgui.css instead. At the end of a drag column-resizer removes
  // head.lastChild, so the cursor element is replaced by an inert <template> for it to remove.
  const head = document.head;
  const nativeAppendChild = head.appendChild;
  head.appendChild = function (node) {
    if (node && node.nodeName === "STYLE" && node.gripid !== undefined) {
      if (/^\*\{cursor:/.test(node.textContent || "")) return nativeAppendChild.call(this, document.createElement("template"));
      return node;
    }
    return nativeAppendChild.call(this, node);
  };

  // -------------------------------------------------------------------------------------------------------
  // 2. Permalinks: /sparql?query=… (the server puts the query in #query; ?run=1 runs it). YASGUI's own
  // URL reading is off (populateFromUrl: false): it would run any linked query at once, and its links can
  // set the endpoint and request headers. Its share button gives our link instead of its #query=… one.
  function permalink(query) {
    return new URL(ENDPOINT_PATH + "?" + new URLSearchParams({ query }).toString(), window.location.href).href;
  }
  Yasgui.Tab.prototype.getShareableLink = function () { return permalink(this.getQuery()); };

  // -------------------------------------------------------------------------------------------------------
  // 3. Completion from our lists only (never prefix.cc or Linked Open Vocabularies). A persistenceId that
  // returns "" keeps the lists out of localStorage (a missing one falls back to the editor's own key).
  const NO_CACHE = () => "";
  const PN_LOCAL = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

  Yasqe.forkAutocompleter("prefixes", {
    name: "sharaka-prefixes",
    persistenceId: NO_CACHE,
    get: () => Promise.resolve(Object.keys(PREFIXES).sort().map((p) => p + ": <" + PREFIXES[p] + ">")),
  }, false);

  // The shortest form of an IRI: a prefix the query declares, else one of ours (declared when picked), else <IRI>.
  function shorten(yasqe, iri) {
    const pick = (map) => {
      let best = null;
      for (const p of Object.keys(map)) {
        const ns = map[p];
        if (!ns || !iri.startsWith(ns)) continue;
        const local = iri.slice(ns.length);
        if (local && !PN_LOCAL.test(local)) continue;
        if (!best || ns.length > best.ns.length) best = { prefix: p, ns, local };
      }
      return best;
    };
    const declared = pick(yasqe.getPrefixesFromQuery());
    if (declared) return { text: declared.prefix + ":" + declared.local };
    const ours = pick(PREFIXES);
    if (ours) return { text: ours.prefix + ":" + ours.local, declare: { [ours.prefix]: ours.ns } };
    return { text: "<" + iri + ">" };
  }

  // Terms whose IRI starts with what was typed, or whose local name or label contains it (2+ characters).
  function matchTerms(terms, token) {
    const typed = (token.autocompletionString || "").trim();
    if (!typed) return [];
    const ns = token.tokenPrefixUri || "";
    const rest = (ns && typed.startsWith(ns) ? typed.slice(ns.length) : typed).toLowerCase();
    const ranked = [];
    for (const t of terms) {
      if (ns && !t.iri.startsWith(ns)) continue;
      const local = t.iri.replace(/^.*[#/]/, "").toLowerCase();
      let rank = -1;
      if (t.iri.startsWith(typed)) rank = 0;
      else if (local.startsWith(rest)) rank = 1;
      else if (rest.length >= 2 && (local.includes(rest) || t.label.toLowerCase().includes(rest))) rank = 2;
      if (rank >= 0) ranked.push([rank, t.iri]);
    }
    ranked.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    return ranked.slice(0, MAX_HINTS).map((r) => r[1]);
  }

  function termCompleter(base, name, terms) {
    const pending = new Map(); // suggested text -> {iri, declare}
    Yasqe.forkAutocompleter(base, {
      name,
      bulk: false,
      autoShow: true,
      persistenceId: NO_CACHE,
      get: (yasqe, token) => { pending.clear(); return Promise.resolve(token ? matchTerms(terms, token) : []); },
      postProcessSuggestion: (yasqe, token, iri) => {
        const short = shorten(yasqe, iri);
        pending.set(short.text, { iri, declare: short.declare });
        return short.text;
      },
      postprocessHints: (yasqe, hints) => hints.map((hint) => {
        const info = pending.get(hint.text) || {};
        const label = LABELS.get(info.iri) || "";
        hint.render = (el) => { // text only: labels come from the graph
          const code = document.createElement("span");
          code.className = "sk-hint-term";
          code.textContent = hint.text;
          el.appendChild(code);
          if (label) {
            const small = document.createElement("span");
            small.className = "sk-hint-label";
            small.textContent = label;
            el.appendChild(small);
          }
        };
        hint.hint = (cm, data, completion) => {
          cm.replaceRange(completion.text, completion.from || data.from, completion.to || data.to, "complete");
          if (info.declare) yasqe.addPrefixes(info.declare);
        };
        return hint;
      }),
    }, false);
  }
  termCompleter("class", "sharaka-classes", VOCABULARY.classes);
  termCompleter("property", "sharaka-properties", VOCABULARY.properties);
  // On the defaults, not in the config: YASQE lodash-merges config into defaults, which merges arrays index
  // by index and would keep the LOV completers.
  Yasqe.defaults.autocompleters = ["variables", "sharaka-prefixes", "sharaka-classes", "sharaka-properties"];
  Yasqe.defaults.prefixCcApi = null;
  // A new tab starts from a query about this graph, not YASQE's generic one.
  const DEFAULT_QUERY = "PREFIX sk: <https://w3id.org/sharaka/ontology#>\n" +
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n" +
    "SELECT ?nation ?name WHERE {\n  ?nation a sk:Nation ; rdfs:label ?name .\n  FILTER(LANG(?name) = \"en\")\n}\n" +
    "ORDER BY ?name\nLIMIT 20\n";
  Yasqe.defaults.value = DEFAULT_QUERY;

  // -------------------------------------------------------------------------------------------------------
  // 4. Errors, marked where they are. YASQE's own parser marks a syntax error as you type (gutter icon; we
  // underline the token; its tooltip is rebuilt without the style attribute the CSP refuses). An error the
  // endpoint finds comes back as problem+json (RFC 9457); when it names a `line` and `column`, that place is
  // underlined, and YASR shows the problem's title and detail instead of the raw JSON.
  function markSyntaxError(yasqe) {
    if (yasqe.sharakaErrorMark) { yasqe.sharakaErrorMark.clear(); yasqe.sharakaErrorMark = null; }
    yasqe.sharakaSyntaxError = null;
    const doc = yasqe.getDoc();
    for (let line = 0; line < doc.lineCount(); line++) {
      const bad = yasqe.getLineTokens(line, true).find((t) => t.state && t.state.OK === false);
      if (!bad) continue;
      const expected = (bad.state.possibleCurrent || []).slice(0, 12);
      const message = bad.state.errorMsg || ("Expected: " + expected.join(", "));
      yasqe.sharakaErrorMark = doc.markText({ line, ch: bad.start }, { line, ch: Math.max(bad.end, bad.start + 1) },
        { className: "sk-syntax-error", attributes: { title: "Syntax error. " + message } });
      yasqe.sharakaSyntaxError = { title: "Syntax error", detail: "line " + (line + 1) + ", column " + (bad.start + 1) +
        ", at “" + bad.string + "”. " + message + ". The query was not sent." };
      const icon = yasqe.getWrapperElement().querySelector(".parseErrorIcon");
      if (icon) {
        let tip = null;
        icon.onmouseover = () => {
          if (!tip) {
            tip = document.createElement("div");
            tip.className = "yasqe_tooltip";
            tip.appendChild(document.createTextNode(bad.state.errorMsg ? message : "This line is invalid. Expected: "));
            if (!bad.state.errorMsg) {
              expected.forEach((e, i) => {
                if (i) tip.appendChild(document.createTextNode(", "));
                const strong = document.createElement("strong");
                strong.className = "sk-expected";
                strong.textContent = e;
                tip.appendChild(strong);
              });
            }
          }
          tip.hidden = false;
          icon.appendChild(tip);
        };
        icon.onmouseout = () => { if (tip) tip.hidden = true; };
        icon.setAttribute("aria-label", "Syntax error on line " + (line + 1) + ". " + message);
      }
      return;
    }
  }

  // A query the editor's parser rejects is not sent (the endpoint would only refuse it): its error is
  // shown where the endpoint's would be.
  const nativeQuery = Yasqe.prototype.query;
  Yasqe.prototype.query = function () {
    if (this.queryValid === false && this.sharakaSyntaxError) {
      this.emit("queryResponse", new Error(JSON.stringify(this.sharakaSyntaxError)), 0);
      return Promise.resolve(undefined);
    }
    return nativeQuery.apply(this, arguments);
  };

  function problemOf(text) {
    const problem = parseJson(text, null);
    return problem && typeof problem === "object" && typeof problem.title === "string" ? problem : null;
  }

  function markServerError(yasqe, problem) {
    if (yasqe.sharakaServerMark) { yasqe.sharakaServerMark.clear(); yasqe.sharakaServerMark = null; }
    if (!problem || !Number.isInteger(problem.line) || !Number.isInteger(problem.column)) return;
    const doc = yasqe.getDoc();
    const line = Math.min(Math.max(problem.line - 1, 0), doc.lineCount() - 1);
    const text = doc.getLine(line) || "";
    const start = Math.min(Math.max(problem.column - 1, 0), text.length);
    const word = /^[^\s{}()[\],;.]+/.exec(text.slice(start));
    const end = Math.min(text.length, start + (word ? word[0].length : 1));
    const title = problem.title + (problem.detail ? ": " + problem.detail : "");
    const from = Math.min(start, Math.max(text.length - 1, 0)); // past the end of the line: its last character
    yasqe.sharakaServerMark = doc.markText({ line, ch: from }, { line, ch: Math.max(end, from + 1) },
      { className: "sk-server-error", attributes: { title } });
    yasqe.setCursor({ line, ch: start });
  }

  function renderProblem(error) {
    const problem = problemOf(error && error.text);
    if (!problem) return undefined;
    const box = document.createElement("div");
    box.className = "sk-problem";
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = problem.title + (problem.status ? " (" + problem.status + ")" : "");
    title.appendChild(strong);
    box.appendChild(title);
    if (problem.detail) box.appendChild(Object.assign(document.createElement("p"), { textContent: problem.detail }));
    if (Number.isInteger(problem.line) && Number.isInteger(problem.column)) {
      box.appendChild(Object.assign(document.createElement("p"), {
        textContent: "At line " + problem.line + ", column " + problem.column + " (underlined in the query).",
      }));
    }
    if (problem.setting) {
      box.appendChild(Object.assign(document.createElement("p"), {
        textContent: "Limit: the setting " + problem.setting + (problem.limit !== undefined ? " = " + problem.limit : "") + ".",
      }));
    }
    return box;
  }

  Yasr.defaults.errorRenderers = [renderProblem];  // on the defaults: YASGUI does not pass it on from its config
  Yasr.defaults.getPlainQueryLinkToEndpoint = undefined;  // its "try in a new window" link is a GET of our page

  // -------------------------------------------------------------------------------------------------------
  // 5. Our IRIs open this site's pages: https://w3id.org/sharaka/id/nation/PAK -> /id/nation/PAK.
  function rewriteLinks(container) {
    if (!OUR_BASE) return;
    for (const a of container.querySelectorAll("a[href^='" + CSS.escape(OUR_BASE) + "']")) {
      a.setAttribute("href", "/" + a.getAttribute("href").slice(OUR_BASE.length));
      a.removeAttribute("target");
    }
  }
  new MutationObserver(() => rewriteLinks(root)).observe(root, { childList: true, subtree: true });

  // -------------------------------------------------------------------------------------------------------
  // 6. Download in every format the endpoint serves: a same-origin form POST (form-action 'self') with
  // format=…, answered with Content-Disposition: attachment. Only the formats of the query's kind are offered.
  function updateDownloads(yasqe) {
    if (!downloads) return;
    const type = (yasqe.getQueryType && yasqe.getQueryType()) || "SELECT";
    const kind = (type === "CONSTRUCT" || type === "DESCRIBE") ? "graph" : "results";
    for (const button of downloads.querySelectorAll("button[data-kind]")) button.hidden = button.dataset.kind !== kind;
  }

  // -------------------------------------------------------------------------------------------------------
  // 7. Start. The editor replaces the plain form; it is shown first: CodeMirror draws nothing in a hidden box.
  if (plainForm) plainForm.hidden = true;
  root.hidden = false;
  const yasgui = new Yasgui(root, {
    requestConfig: {
      endpoint: ENDPOINT,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }] },
    persistenceId: "sharaka-sparql",
    populateFromUrl: false,
    yasqe: { editorHeight: "300px", prefixCcApi: null },
    yasr: { pluginOrder: ["table", "chart", "response"], defaultPlugin: "table" },
  });
  window.sharakaYasgui = yasgui; // for tests and the console

  function currentYasqe() {
    const tab = yasgui.getTab();
    return tab && tab.getYasqe();
  }

  // A query opens in the tab that already holds it, else in the current tab if that is empty, else a new tab.
  function openQuery(query, name) {
    const tabs = Object.values(yasgui._tabs || {});
    const same = tabs.find((t) => t.getQuery && t.getQuery().trim() === query.trim());
    if (same) return yasgui.selectTabId(same.getId());
    const tab = yasgui.getTab();
    if (tab && [ "", DEFAULT_QUERY.trim()].includes(tab.getQuery().trim())) {
      tab.setQuery(query);
      if (name) tab.setName(name);
      return tab;
    }
    return yasgui.addTab(true, Object.assign(Yasgui.Tab.getDefaults(yasgui), name ? { name } : {}, { yasqe: { value: query } }));
  }

  const wired = new WeakSet();
  function wire() {
    const tab = yasgui.getTab();
    const yasqe = tab && tab.getYasqe();
    if (!yasqe) return;
    updateDownloads(yasqe);
    if (wired.has(yasqe)) return;
    wired.add(yasqe);
    if (tab.getEndpoint && tab.getEndpoint() !== ENDPOINT && tab.setEndpoint) tab.setEndpoint(ENDPOINT);  // stored tabs
    yasqe.on("changes", () => { markSyntaxError(yasqe); markServerError(yasqe, null); updateDownloads(yasqe); });
    yasqe.on("queryResponse", (instance, response) => {
      markServerError(yasqe, response instanceof Error ? problemOf(response.message) : null);
    });
    markSyntaxError(yasqe);
  }
  yasgui.on("tabSelect", () => window.setTimeout(wire, 0));
  yasgui.on("tabAdd", () => window.setTimeout(wire, 0));
  yasgui.on("query", (instance, tab) => {  // the address follows the query that runs: copy it to share
    const query = tab.getQuery();
    if (query.length <= MAX_ADDRESS) window.history.replaceState(null, "", permalink(query));
  });

  if (downloads) {
    downloads.addEventListener("submit", (event) => {
      const yasqe = currentYasqe();
      if (!yasqe || !yasqe.queryValid) { event.preventDefault(); return; }
      downloads.elements.namedItem("query").value = yasqe.getValue();
    });
    downloads.hidden = false;
  }

  // The gallery's and the examples' links are permalinks (/sparql?query=…): opened here in a tab, no reload.
  for (const link of document.querySelectorAll("a.gallery-query, a.example")) {
    link.addEventListener("click", (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return; // new window: the link
      const query = new URL(link.href).searchParams.get("query");
      if (!query) return;
      event.preventDefault();
      openQuery(query, link.dataset.title || "");
      window.history.replaceState(null, "", permalink(query));
      root.scrollIntoView({ block: "start" });
      const yasqe = currentYasqe();
      if (yasqe) yasqe.focus();
    });
  }

  const initial = textarea ? textarea.value : "";
  if (initial.trim()) {
    const tab = openQuery(initial, "");
    if (root.dataset.run === "true" && tab) window.setTimeout(() => tab.query(), 0);
  }
  wire();
})();
