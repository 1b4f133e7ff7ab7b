/* Sharaka chat: one answer object (see /api/openapi.json, schema Answer) → an answer bubble. */
(function () {
  "use strict";
  const {el, localPath, nameSpan, networkFigure, copyLinkControl, addressOf} = window.SharakaChat;

  const STATUS_WORDS = {
    answered: "Answered", no_results: "No results", no_match: "Not understood",
    ambiguous: "Ambiguous", unknown_entity: "Unknown name", out_of_scope: "Out of scope",
  };
  // Column order and headings of the answer table; other keys follow, humanized.
  const COLUMNS = [
    ["label", "Name"], ["iso3", "ISO3"], ["type", "Type"], ["kind", "Kind"], ["scheme", "Scheme"],
    ["start", "Start"], ["start_month", "Start month"], ["start_date", "Start date"], ["end", "End"],
    ["end_date", "End date"], ["join_year", "Joined"], ["exit_year", "Left"], ["first", "First"],
    ["latest", "Latest"], ["count", "Count"], ["partners", "Partners"], ["withFirst", "With the first"],
    ["withSecond", "With the second"], ["spells", "Spells"], ["in_force", "In force"],
    ["coverage_end", "Coverage ends"], ["in_force_at_coverage_end", "In force at coverage end"],
    ["definition", "Definition"], ["version", "Version"], ["citation", "Citation"], ["homepage", "Homepage"],
    ["source_id", "Source record"], ["source_ids", "Source records"],
  ];
  const HIDDEN_KEYS = new Set(["uri"]);
  const RTL_LANGUAGES = new Set(["ar", "fa", "ur", "he"]);
  const ROWS_SHOWN = 25;
  const IDS_INLINE = 4;

  function humanize(key) {
    const words = key.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function plainValue(value) {
    if (value === true) return "yes";
    if (value === false) return "no";
    return String(value);
  }

  function columnsOf(items) {
    const present = new Set();
    items.forEach(item => Object.keys(item).forEach(k => present.add(k)));
    HIDDEN_KEYS.forEach(k => present.delete(k));
    // A type column that says the same thing on every row is noise.
    if (present.has("type") && new Set(items.map(i => i.type)).size <= 1) present.delete("type");
    const known = COLUMNS.filter(([key]) => present.has(key));
    const knownKeys = new Set(known.map(([key]) => key));
    const rest = [...present].filter(k => !knownKeys.has(k)).sort().map(k => [k, humanize(k)]);
    return known.concat(rest);
  }

  function idList(ids) {
    const text = ids.join(", ");
    if (ids.length <= IDS_INLINE) return el("span", {class: "ids", text});
    return el("details", {class: "ids"}, el("summary", {text: `${ids.slice(0, 2).join(", ")} … (${ids.length})`}),
              el("span", {text}));
  }

  function cell(key, item) {
    const value = item[key];
    if (value === null || value === undefined || value === "") return el("td", {});
    if (key === "label") {
      const path = localPath(item.uri);
      const name = nameSpan(value);
      return el("td", {dir: "auto"}, path ? el("a", {href: path}, name) : name);
    }
    if (Array.isArray(value)) return el("td", {}, idList(value.map(String)));
    if (key === "homepage" && ["http:", "https:"].some(scheme => String(value).startsWith(scheme))) {
      return el("td", {}, el("a", {href: String(value), rel: "noopener noreferrer", text: String(value)}));
    }
    const numeric = typeof value === "number";
    return el("td", {dir: numeric ? null : "auto", class: numeric ? "num" : null, text: plainValue(value)});
  }

  function rowOf(columns, item) {
    return el("tr", {}, columns.map(([key]) => cell(key, item)));
  }

  function answerTable(answer) {
    const items = answer.answers || [];
    if (!items.length) return null;
    const columns = columnsOf(items);
    if (!columns.length) return null;
    const body = el("tbody", {}, items.slice(0, ROWS_SHOWN).map(item => rowOf(columns, item)));
    const table = el("table", {class: "answer-table"},
      el("caption", {class: "visually-hidden", text: "Answers to: " + answer.question}),
      // The service sends the headings in the answer's language (answers.toml [headings]); English otherwise.
      el("thead", {}, el("tr", {}, columns.map(([key, heading]) =>
        el("th", {scope: "col", text: (answer.headings || {})[key] || heading})))),
      body);
    const wrap = el("div", {class: "table-scroll", role: "region", tabindex: "0",
                            "aria-label": `Answer table, ${items.length} ${items.length === 1 ? "row" : "rows"}`}, table);
    const parts = [wrap];
    // A long answer (up to the service's row cap, 10,000 by default) shows its first rows and says so.
    const total = items.length.toLocaleString("en");
    if (items.length > ROWS_SHOWN) {
      const count = el("span", {class: "row-count", text: `Showing ${ROWS_SHOWN} of ${total} rows`});
      const more = el("button", {type: "button", class: "link-button show-all", text: "show all"});
      const line = el("p", {class: "rows-shown", role: "status"}, count, " — ", more);
      more.addEventListener("click", () => {
        body.append(...items.slice(ROWS_SHOWN).map(item => rowOf(columns, item)));
        line.replaceChildren(el("span", {class: "row-count", text: `Showing all ${total} rows`}));
        wrap.setAttribute("aria-label", `Answer table, ${total} rows`);
        wrap.focus();
      });
      parts.push(line);
    }
    if (answer.truncated) {
      parts.push(el("p", {class: "notice truncated",
                          text: `The list stops at ${total} rows, the service's limit: there are more. ` +
                                "The SPARQL query below finds them all (add LIMIT and OFFSET to page through)."}));
    }
    return el("div", {class: "answer-rows"}, parts);
  }

  function valueLine(answer) {
    const value = answer.value;
    if (value === null || value === undefined) return null;
    const shown = value === true ? "Yes" : value === false ? "No" : String(value);
    return el("p", {class: "value"}, el("span", {class: "value-label", text: "Answer: "}),
              el("strong", {class: "value-" + typeof value, text: shown}));
  }

  function sourcesPart(answer) {
    const sources = answer.sources || [];
    if (!sources.length) return null;
    const records = sources.reduce((n, s) => n + (s.record_count || (s.records || []).length), 0);
    return el("details", {class: "sources"},
      el("summary", {text: `Sources (${sources.length} ${sources.length === 1 ? "dataset" : "datasets"}, ` +
                           `${records} ${records === 1 ? "record" : "records"})`}),
      el("ul", {}, sources.map(s => {
        const ids = s.records || [];
        const more = (s.record_count || ids.length) - ids.length;
        return el("li", {class: "source"},
          el("p", {}, el("strong", {text: s.title || s.dataset}), s.version ? ` (version ${s.version})` : ""),
          s.citation ? el("p", {class: "citation", dir: "auto", text: s.citation}) : null,
          ids.length ? el("p", {class: "records"}, "Records: ",
                          el("span", {class: "ids", text: ids.join(", ") + (more > 0 ? ` and ${more} more` : "")}))
                     : null);
      })));
  }

  function sparqlPart(answer) {
    if (!answer.sparql) return null;
    return el("details", {class: "sparql"},
      el("summary", {text: "Show SPARQL"}),
      el("pre", {}, el("code", {text: answer.sparql})),
      el("a", {class: "button-link open-editor", href: "/sparql?query=" + encodeURIComponent(answer.sparql),
               text: "Open in SPARQL editor"}));
  }

  function suggestionsPart(suggestions, ask, heading) {
    if (!suggestions || !suggestions.length) return null;
    return el("div", {class: "suggestions"},
      el("p", {class: "suggestions-heading", text: heading}),
      el("ul", {}, suggestions.filter(s => s.question).map(s => el("li", {},
        el("button", {type: "button", class: "suggestion", dir: "auto", "data-question": s.question,
                      text: s.text || s.question, on: {click: () => ask(s.question)}})))));
  }

  function suggestionsHeading(answer) {
    if (answer.status === "ambiguous") return "Which one did you mean?";
    if ((answer.suggestions || []).some(s => s.kind === "entity")) return "Did you mean:";
    return "You could ask:";
  }

  function statusBadge(status) {
    return el("p", {class: "status"},
      el("span", {class: "badge status-" + status, text: STATUS_WORDS[status] || status}));
  }

  function meta(answer) {
    const bits = [];
    if (answer.template) bits.push("question type: " + answer.template);
    if (typeof answer.elapsed_ms === "number") bits.push(answer.elapsed_ms.toFixed(1) + " ms");
    if (answer.dataset_version) bits.push("dataset " + answer.dataset_version);
    return bits.length ? el("p", {class: "meta", text: bits.join(" · ")}) : null;
  }

  /** The bubble for an answer object; `ask(question)` is called by suggestion buttons. */
  function answerBubble(answer, ask) {
    const {mapFigure, timelineFigure} = window.SharakaChat;
    // An answer in a right-to-left language (Arabic) is laid out right to left, and says its language.
    const lang = answer.lang || "en";
    return el("article", {class: "bubble answer", "data-status": answer.status, "aria-label": "Answer", tabindex: "-1",
                          lang, dir: RTL_LANGUAGES.has(lang) ? "rtl" : "ltr"},
      statusBadge(answer.status),
      el("p", {class: "answer-text", dir: "auto", text: answer.text}),
      valueLine(answer),
      suggestionsPart(answer.suggestions, ask, suggestionsHeading(answer)),
      mapFigure ? mapFigure(answer) : null,
      timelineFigure ? timelineFigure(answer) : null,
      networkFigure(answer),
      answerTable(answer),
      sourcesPart(answer),
      sparqlPart(answer),
      copyLinkControl(answer.permalink || addressOf(answer.question)),
      meta(answer));
  }

  /** The bubble for a failed request: the problem's detail, or the network failure. */
  function errorBubble(error) {
    const problem = error.problem || {};
    return el("article", {class: "bubble answer error", "data-status": "error", "aria-label": "Error"},
      el("p", {class: "status"}, el("span", {class: "badge status-error",
                                                 text: problem.status ? `Error ${problem.status}` : "Error"})),
      el("p", {class: "answer-text", dir: "auto", text: error.message}),
      problem.code ? el("p", {class: "meta", text: "code: " + problem.code}) : null);
  }

  function questionBubble(question) {
    return el("article", {class: "bubble question", "aria-label": "Your question"},
      el("p", {dir: "auto", text: question}));
  }

  Object.assign(window.SharakaChat, {answerBubble, errorBubble, questionBubble, suggestionsPart});
})();
