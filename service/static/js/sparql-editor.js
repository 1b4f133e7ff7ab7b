// The SPARQL editor: runs the query against /sparql (POST, content negotiation) and shows the result.
// Every value from the server goes into the page through textContent or checked attributes, never HTML.
(function () {
  "use strict";

  const form = document.getElementById("sparql-form");
  if (!form) return;
  const textarea = document.getElementById("query");
  const status = document.getElementById("results-status");
  const output = document.getElementById("results-output");
  const runButton = document.getElementById("run-query");
  const downloads = document.getElementById("downloads");
  const OUR_BASE = "https://w3id.org/sharaka/";
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
  let running = null;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // Our IRIs open on this server (linked-data pages); other http(s) IRIs link out; anything else is text.
  function iriNode(iri) {
    let href = null;
    if (iri.startsWith(OUR_BASE)) href = "/" + iri.slice(OUR_BASE.length);
    else if (/^https?:\/\//i.test(iri)) href = iri;
    if (href === null) return el("span", iri, "iri");
    const a = el("a", iri, "iri");
    a.href = href;
    if (!iri.startsWith(OUR_BASE)) a.rel = "noopener noreferrer";
    return a;
  }

  function termNode(term) {
    if (!term) return el("span", "", "unbound");
    if (term.type === "uri") return iriNode(term.value);
    if (term.type === "bnode") return el("span", "_:" + term.value, "bnode");
    if (term.type === "triple") return el("span", JSON.stringify(term.value), "triple");
    const span = el("span", term.value, "literal");
    const lang = term["xml:lang"];
    if (lang) {
      span.lang = lang;
      span.dir = "auto";
      const tag = el("small", "@" + lang, "lang-tag");
      const wrap = el("span");
      wrap.append(span, " ", tag);
      return wrap;
    }
    return span;
  }

  function renderSelect(data) {
    const vars = data.head && data.head.vars ? data.head.vars : [];
    const rows = data.results && data.results.bindings ? data.results.bindings : [];
    const table = el("table", null, "results-table");
    const caption = el("caption", rows.length + (rows.length === 1 ? " row" : " rows"));
    const thead = el("thead");
    const headRow = el("tr");
    for (const name of vars) {
      const th = el("th", "?" + name);
      th.scope = "col";
      headRow.append(th);
    }
    thead.append(headRow);
    const tbody = el("tbody");
    for (const row of rows) {
      const tr = el("tr");
      for (const name of vars) {
        const td = el("td");
        td.append(termNode(row[name]));
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    output.append(table);
    return rows.length + (rows.length === 1 ? " row." : " rows.");
  }

  function renderAsk(data) {
    output.append(el("p", data.boolean ? "true" : "false", "ask-result"));
    return "Answer: " + (data.boolean ? "yes (true)." : "no (false).");
  }

  function renderGraph(text) {
    output.append(el("pre", text.trim() ? text : "(an empty graph)", "graph-result"));
    return "A graph, in Turtle.";
  }

  function showKind(kind) {
    // After a run we know what the query gives: offer only the download formats that fit.
    for (const link of downloads.querySelectorAll("a[data-kind]")) {
      link.hidden = kind !== null && link.dataset.kind !== kind;
    }
  }

  function updateLinks(query) {
    for (const link of downloads.querySelectorAll("a[data-format]")) {
      const params = new URLSearchParams({ query: query, format: link.dataset.format });
      link.href = form.action + "?" + params.toString();
    }
    const shareable = new URLSearchParams({ query: query });
    if (query.length < 4000) history.replaceState(null, "", form.action + "?" + shareable.toString());
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return (problem.title || "Error") + ": " + (problem.detail || response.statusText);
    } catch (error) {
      return "Error " + response.status + ": " + response.statusText;
    }
  }

  async function run() {
    const query = textarea.value;
    if (!query.trim()) {
      status.textContent = "Write a query first.";
      textarea.focus();
      return;
    }
    if (running) running.abort();
    running = new AbortController();
    output.replaceChildren();
    status.textContent = "Running…";
    runButton.disabled = true;
    updateLinks(query);
    const started = performance.now();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query: query }),
        signal: running.signal,
      });
      if (!response.ok) {
        status.textContent = await problemText(response);
        showKind(null);
        return;
      }
      const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      let summary;
      if (type === "text/turtle") {
        summary = renderGraph(await response.text());
        showKind("graph");
      } else {
        const data = await response.json();
        summary = "boolean" in data ? renderAsk(data) : renderSelect(data);
        showKind("results");
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      status.textContent = summary + " " + seconds + " s.";
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = "The request failed: " + error.message;
    } finally {
      runButton.disabled = false;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });

  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });

  for (const link of document.querySelectorAll("a.example, a.gallery-query")) {
    link.addEventListener("click", function (event) {
      const query = new URL(link.href).searchParams.get("query");
      if (query === null) return;
      event.preventDefault();
      textarea.value = query;
      output.replaceChildren();
      showKind(null);
      status.textContent = "Example “" + link.textContent + "” loaded. Press “Run query”.";
      updateLinks(textarea.value);
      textarea.focus();
    });
  }

  if (form.dataset.run === "true" && textarea.value.trim()) run();
})();
