// Charts and numeric sorting for the SPARQL editor's results (YASR, in the vendored @zazuko/yasgui 4.6.2).
// Load after vendor/yasgui/yasgui.min.js and before sparql-yasgui.js (all `defer`).
//
// YASR has no chart that works offline (Triply's old chart plugin loads Google Charts from gstatic.com), so
// this is our own: a horizontal bar chart drawn as plain SVG (attributes only: no style attribute, no
// library), one label column by one numeric column, downloadable as SVG.
(function () {
  "use strict";

  if (typeof window.Yasgui !== "function") return;
  const Yasr = window.Yasgui.Yasr;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"].map((t) => XSD + t));
  const MAX_ROWS = 2000; // more bars than this do not make a readable chart

  function isNumeric(term) {
    return !!term && (term.type === "literal" || term.type === "typed-literal") && NUMERIC.has(term.datatype);
  }

  // Columns whose bound values are all xsd numbers (at least one bound).
  function numericVariables(results) {
    const bindings = results.getBindings() || [];
    return (results.getVariables() || []).filter((v) => {
      let seen = 0;
      for (const b of bindings) {
        if (!b[v]) continue;
        if (!isNumeric(b[v])) return false;
        seen++;
      }
      return seen > 0;
    });
  }

  function shortIri(iri, prefixes) {
    for (const p of Object.keys(prefixes || {})) {
      if (prefixes[p] && iri.startsWith(prefixes[p])) return p + ":" + iri.slice(prefixes[p].length);
    }
    return iri;
  }

  function termText(term, prefixes) {
    if (!term) return "";
    return term.type === "uri" ? shortIri(term.value, prefixes) : term.value;
  }

  function svg(tag, attrs, text) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  class ChartPlugin {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 5;
      this.label = "Chart";
      this.svgEl = null;
    }

    canHandleResults() {
      const results = this.yasr.results;
      if (!results || results.hasError() || typeof results.getBindings !== "function") return false;
      if (results.getBoolean() !== undefined) return false;
      const bindings = results.getBindings();
      if (!bindings || bindings.length === 0 || bindings.length > MAX_ROWS) return false;
      return numericVariables(results).length > 0;
    }

    getIcon() {
      const wrap = document.createElement("div");
      const icon = svg("svg", { viewBox: "0 0 16 16", width: 15, height: 15, "aria-hidden": "true" });
      for (const [y, w] of [[2, 9], [7, 14], [12, 6]]) {
        icon.appendChild(svg("rect", { x: 1, y, width: w, height: 3, fill: "currentColor" }));
      }
      wrap.appendChild(icon);
      return wrap;
    }

    // The value is the last numeric column (a count after its label or year); the label is the first other one.
    columns(conf) {
      const variables = this.yasr.results.getVariables();
      const numeric = numericVariables(this.yasr.results);
      const value = numeric.includes(conf.value) ? conf.value : numeric[numeric.length - 1];
      const label = variables.includes(conf.label) && conf.label !== value ? conf.label
        : (variables.find((v) => v !== value && !numeric.includes(v)) || variables.find((v) => v !== value) || value);
      return { variables, numeric, value, label };
    }

    controls(conf, cols) {
      const box = document.createElement("div");
      box.className = "sk-chart-controls";
      const choose = (text, options, current, key) => {
        const label = document.createElement("label");
        label.textContent = text + " ";
        const select = document.createElement("select");
        for (const o of options) {
          const option = document.createElement("option");
          option.value = String(o);
          option.textContent = o === 0 ? "all" : String(o);
          option.selected = String(o) === String(current);
          select.appendChild(option);
        }
        select.addEventListener("change", () => {
          this.yasr.storePluginConfig("chart", Object.assign({}, conf, { [key]: key === "limit" ? Number(select.value) : select.value }));
          this.yasr.draw();
        });
        label.appendChild(select);
        box.appendChild(label);
      };
      choose("Label", cols.variables, cols.label, "label");
      choose("Value", cols.numeric, cols.value, "value");
      choose("Bars", [10, 30, 100, 0], conf.limit, "limit");
      const sortLabel = document.createElement("label");
      const sortBox = document.createElement("input");
      sortBox.type = "checkbox";
      sortBox.checked = !!conf.sort;
      sortBox.addEventListener("change", () => {
        this.yasr.storePluginConfig("chart", Object.assign({}, conf, { sort: sortBox.checked }));
        this.yasr.draw();
      });
      sortLabel.append(sortBox, document.createTextNode(" largest first"));
      box.appendChild(sortLabel);
      return box;
    }

    draw(persistentConfig) {
      const conf = Object.assign({ sort: false, limit: 30 }, persistentConfig || {});
      const cols = this.columns(conf);
      const prefixes = this.yasr.getPrefixes ? this.yasr.getPrefixes() : {};
      const box = document.createElement("div");
      box.className = "sk-chart";
      box.appendChild(this.controls(conf, cols));

      let rows = this.yasr.results.getBindings()
        .filter((b) => b[cols.value])
        .map((b) => ({ label: termText(b[cols.label], prefixes), value: Number(b[cols.value].value) }))
        .filter((r) => Number.isFinite(r.value));
      if (conf.sort) rows.sort((a, b) => b.value - a.value);
      const total = rows.length;
      if (conf.limit > 0) rows = rows.slice(0, conf.limit);

      const width = 760, labelWidth = 230, barHeight = 18, gap = 6, top = 8, valueRoom = 70;
      const max = Math.max(0, ...rows.map((r) => r.value));
      const min = Math.min(0, ...rows.map((r) => r.value));
      const span = (max - min) || 1;
      const x = (v) => labelWidth + ((v - min) / span) * (width - labelWidth - valueRoom);
      const height = top * 2 + rows.length * (barHeight + gap);
      const chart = svg("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img",
        "aria-label": "Bar chart of " + cols.value + " by " + cols.label, class: "sk-chart-svg",
        "font-family": "sans-serif", "font-size": 12 });
      chart.appendChild(svg("title", {}, cols.value + " by " + cols.label));
      rows.forEach((r, i) => {
        const y = top + i * (barHeight + gap);
        const name = r.label.length > 34 ? r.label.slice(0, 33) + "…" : r.label;
        const g = svg("g", {});
        g.appendChild(svg("title", {}, r.label + ": " + r.value.toLocaleString()));
        g.appendChild(svg("text", { x: labelWidth - 8, y: y + barHeight - 5, "text-anchor": "end", fill: "#222" }, name));
        const x0 = x(Math.min(0, r.value)), x1 = x(Math.max(0, r.value));
        g.appendChild(svg("rect", { x: x0.toFixed(1), y, width: Math.max(1, x1 - x0).toFixed(1), height: barHeight,
          fill: "#2f6f9f", class: "sk-chart-bar" }));
        g.appendChild(svg("text", { x: (x1 + 5).toFixed(1), y: y + barHeight - 5, fill: "#222" }, r.value.toLocaleString()));
        chart.appendChild(g);
      });
      if (min < 0) chart.appendChild(svg("line", { x1: x(0), x2: x(0), y1: 0, y2: height, stroke: "#555" }));
      box.appendChild(chart);
      if (conf.limit > 0 && total > rows.length) {
        const note = document.createElement("p");
        note.className = "sk-chart-note";
        note.textContent = "Showing " + rows.length + " of " + total + " rows (choose “Bars: all” for every one).";
        box.appendChild(note);
      }
      this.svgEl = chart;
      this.yasr.resultsEl.appendChild(box);
    }

    download() {
      if (!this.svgEl) return undefined;
      const copy = this.svgEl.cloneNode(true);
      copy.setAttribute("xmlns", SVG_NS);
      copy.setAttribute("width", "760");
      return {
        contentType: "image/svg+xml",
        getData: () => new XMLSerializer().serializeToString(copy),
        filename: "sharaka-chart.svg",
        title: "Download the chart (SVG)",
      };
    }
  }
  Yasr.registerPlugin("chart", ChartPlugin);

  // The table starts in YASR's "simple view" (values without their datatype: 1871, not "1871"^^xsd:integer);
  // the checkbox above the table switches back, and YASR remembers that choice.
  const Table = Yasr.plugins.table;
  if (Table && Table.prototype && typeof Table.prototype.draw === "function") {
    const nativeTableDraw = Table.prototype.draw;
    Table.prototype.draw = function (config) { return nativeTableDraw.call(this, Object.assign({ compact: true }, config)); };
  }

  // Sorting and filtering use each value as text. YASR hands DataTables the raw value through DOMPurify for
  // that, and DOMPurify parses it as HTML with DOMParser: a value with markup (a label "<img onerror=…>") then
  // makes Chromium report a CSP violation for the handler it parsed, though nothing runs. The value itself,
  // with <, > and & escaped, sorts and filters the same and is never parsed.
  if (Table && Table.prototype && typeof Table.prototype.getColumns === "function") {
    const asText = (value) => String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const nativeColumns = Table.prototype.getColumns;
    Table.prototype.getColumns = function () {
      return nativeColumns.call(this).map((column) => {
        if (typeof column.render !== "function") return column;
        const render = column.render;
        return Object.assign({}, column, {
          render: (data, type, row, meta) => ((type === "filter" || type === "sort" || !type) && data
            && typeof data === "object" && "value" in data ? asText(data.value) : render(data, type, row, meta)),
        });
      });
    };
  }

  // Numeric sorting in the table: YASR hands DataTables each cell's lexical form and lets it guess the
  // column type from HTML, so "117" sorts before "12". Before each draw, declare the columns whose bound
  // values are all xsd numbers as type "num" (columnDefs in the table plugin's shared tableConfig).
  const tableDefaults = Yasr.plugins.table && Yasr.plugins.table.defaults;
  if (tableDefaults && tableDefaults.tableConfig) {
    const nativeDraw = Yasr.prototype.draw;
    Yasr.prototype.draw = function () {
      const results = this.results;
      let targets = [];
      if (results && !results.hasError() && typeof results.getBindings === "function") {
        const numeric = new Set(numericVariables(results));
        targets = (results.getVariables() || []).map((v, i) => (numeric.has(v) ? i + 1 : -1)).filter((i) => i > 0);
      }
      tableDefaults.tableConfig.columnDefs = targets.length ? [{ targets, type: "num" }] : [];  // column 0: row number
      return nativeDraw.apply(this, arguments);
    };
  }
})();
