"""The results as Markdown: one table per section, targets with their ratios (measured ÷ target)."""

from __future__ import annotations

from typing import Any


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if not isinstance(value, float):
        return str(value) + unit
    return (f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}") + unit


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return [*lines, ""]


def targets_rows(results: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    qa = results.get("qa")
    if qa:
        t = qa["targets"]
        rows.append(["answer p50 in-process, 1×", "≤ 10 ms", f"{qa['overall']['p50']:.2f} ms", t["p50_ratio"],
                     "yes" if qa["overall"]["p50"] <= t["p50_ms"] else "**no**"])
        rows.append(["answer p99 in-process, 1×", "≤ 100 ms", f"{qa['overall']['p99']:.2f} ms", t["p99_ratio"],
                     "yes" if qa["overall"]["p99"] <= t["p99_ms"] else "**no**"])
    http = results.get("http")
    if http:
        t = http["targets"]
        rows.append(["answers/s over HTTP, sharaka serve 2 processes", "≥ 300", f"{http['best_answers_per_s']:.0f}",
                     t["ratio"], "yes" if t["met"] else "**no**"])
    sparql = results.get("sparql")
    if sparql:
        ratio = sparql["total_vs_server"].get("embedded")
        rows.append(["embedded SPARQL mix vs Oxigraph server (total time)", "≤ 3×", f"{_fmt(ratio)}×",
                     None if ratio is None else round(ratio / 3, 3),
                     "yes" if ratio is not None and ratio <= 3 else "**no**"])
    startup = results.get("startup")
    if startup:
        t = startup["targets"]
        for name, warm in (("in memory", startup["warm"]), ("on-disk copy", startup.get("warm_disk"))):
            if warm is None:
                continue
            rows.append([f"warm start (process start → engine ready), 1×, {name}", "≤ 2 s", f"{warm['ready_s']:.2f} s",
                         round(warm["ready_s"] / t["warm_start_s"], 3),
                         "yes" if warm["ready_s"] <= t["warm_start_s"] else "**no**"])
            rows.append([f"peak RSS after loading, 1×, {name}", "≤ 400 MB", f"{warm['peak_rss_mb']:.0f} MB",
                         round(warm["peak_rss_mb"] / t["peak_rss_mb"], 3),
                         "yes" if warm["peak_rss_mb"] <= t["peak_rss_mb"] else "**no**"])
    growth = results.get("growth")
    if growth and growth["nation_lookups"]["worst_slope"] is not None:
        worst = growth["nation_lookups"]["worst_slope"]
        top = max(growth["sizes"])
        rows.append([f"growth exponent of one-nation lookups up to {top}× (worst type)", "< 1", f"{worst:.2f}",
                     round(worst, 3), "yes" if worst < 1 else "**no**"])
    return rows


def to_markdown(results: dict[str, Any]) -> str:
    meta = results["meta"]
    out = [f"# Sharaka benchmarks — {meta['started']}", "",
           f"`{meta['command']}` on {meta['machine']} (load average at start {meta['load_average']}); "
           f"{meta['seconds']:.0f} s in all.", ""]
    out += ["## Targets", ""]
    out += _table(["target", "wanted", "measured", "ratio", "met"], targets_rows(results))

    qa = results.get("qa")
    if qa:
        o = qa["overall"]
        out += ["## Question answering in-process (dev set, 1×)", "",
                f"{qa['questions']} questions × {qa['rounds']} rounds: **{qa['questions_per_s']:.0f} questions/s** "
                f"on one thread; p50 {o['p50']:.2f} ms, p95 {o['p95']:.2f} ms, p99 {o['p99']:.2f} ms, "
                f"max {o['max']:.1f} ms. Time by stage: "
                + ", ".join(f"{s} {100 * v:.0f}%" for s, v in qa["stage_share"].items()) + ".", ""]
        out += _table(["question type", "n", "p50 ms", "p95 ms", "p99 ms"],
                      [[t, s["n"], s["p50"], s["p95"], s["p99"]] for t, s in qa["by_type"].items()])

    http = results.get("http")
    if http:
        out += [f"## Answers over HTTP (sharaka serve, {http['workers']} processes, GET /api/v1/answer)", ""]
        out += _table(["users", "answers/s", "p50 ms", "p95 ms", "p99 ms", "statuses"],
                      [[u, r["answers_per_s"], r["latency"]["answer"]["p50_ms"], r["latency"]["answer"]["p95_ms"],
                        r["latency"]["answer"]["p99_ms"], ", ".join(f"{k}: {v}" for k, v in r["status"].items())]
                       for u, r in http["runs"].items()])

    sparql = results.get("sparql")
    if sparql:
        out += ["## SPARQL mix (1×): time per query, median ms (ratio to the Oxigraph server)", ""]
        rows = []
        for name, q in sparql["queries"].items():
            row: list[Any] = [name]
            for store in ("embedded", "oxrdflib", "server", "rdflib"):
                cell = q.get(store)
                if cell is None:
                    row.append("—")
                elif cell["ms"] is None:
                    row.append(f"> {cell['over_cap_s']:g} s")
                elif store == "server":
                    row.append(f"{cell['ms']:.2f}")
                else:
                    row.append(f"{cell['ms']:.2f} ({cell['vs_server']:.2f}×)")
            row.append(q["embedded"]["rows"])
            rows.append(row)
        totals = sparql["total_ms"]
        rows.append(["**total**"] + [
            "> cap" if totals.get(s) is None and s in totals else
            (f"{totals[s]:.1f} ({sparql['total_vs_server'][s]:.2f}×)" if s in totals else "—")
            for s in ("embedded", "oxrdflib", "server", "rdflib")] + [""])
        out += _table(["query", "embedded (pyoxigraph)", "oxrdflib", "oxigraph server", "rdflib memory", "rows"],
                      rows)
        mismatches = sparql["row_count_mismatches"]
        out += [("Row counts agree on every store." if not mismatches else
                 "**Row counts differ**: " + "; ".join(f"{m['query']} {m['rows']}" for m in mismatches)), ""]
        qs = sparql.get("questions_by_store")
        if qs:
            out += [f"The QA pipeline on each store (dev set): p50 {qs['embedded']['p50']:.2f} ms embedded, "
                    f"{qs['server']['p50']:.2f} ms on the server ({qs['server_over_embedded_p50']:.1f}×); p99 "
                    f"{qs['embedded']['p99']:.1f} vs {qs['server']['p99']:.1f} ms.", ""]

    startup = results.get("startup")
    if startup:
        cold, warm = startup["cold_build"], startup["warm"]
        out += ["## Start-up and build (1×, fresh processes)", ""]
        out += _table(["measure", "value"], [
            ["cold build from the sources (build + write)", f"{cold['build_s']:.2f} s ({cold['quads']:,} quads)"],
            ["peak RSS of the build", f"{cold['peak_rss_mb']:.0f} MB"],
        ])
        first, disk = startup.get("first_start"), startup.get("warm_disk") or warm
        if first and first.get("index_cache") == "written":
            out += [f"First start after a build: QA index built in {first['index_s']:.2f} s and kept beside the graph "
                    f"(then read back: {warm['index_s']:.2f} s).", ""]
        elif first:
            out += [f"The QA index was already kept beside this graph: every start read it ({warm['index_s']:.2f} s).",
                    ""]
        out += _table(["warm start, fresh processes", "in memory (store=memory)", "on-disk copy (store=disk)"], [
            [label, fmt.format(warm[key]), fmt.format(disk[key])] for label, key, fmt in (
                ("imports", "import_s", "{:.2f} s"), ("open or load the cached graph", "load_s", "{:.2f} s"),
                ("QA index (read back)", "index_s", "{:.2f} s"),
                ("process start → engine ready", "ready_s", "{:.2f} s"),
                ("first answer", "first_answer_ms", "{:.1f} ms"),
                ("time to first answer", "time_to_first_answer_s", "{:.2f} s"),
                ("peak RSS", "peak_rss_mb", "{:.0f} MB"))])

    growth = results.get("growth")
    if growth:
        sizes = [str(s) for s in growth["sizes"]]
        out += ["## Growth (synthetic graphs)", ""]
        size_rows = []
        for label in ("generate_s", "quads", "load_s", "index_s", "ready_s", "peak_rss_mb"):
            size_rows.append([label] + [growth["by_size"][s].get(label) for s in sizes])
        out += _table(["measure"] + [f"{s}×" for s in sizes], size_rows)
        errors = {s: e["error"].splitlines()[-1] for s, e in growth["by_size"].items() if "error" in e}
        if errors:
            out += ["Failed sizes: " + "; ".join(f"{s}×: {e}" for s, e in errors.items()), ""]
        lookups = set(growth["nation_lookups"]["types"])
        rows = []
        for kind, e in growth["exponents"].items():
            rows.append([kind + (" (one nation)" if kind in lookups else "")]
                        + [e["p50_ms"].get(s) for s in sizes] + [e["slope"], ", ".join(e["statuses"])])
        out += ["p50 ms of one fixed question per type, and the growth exponent (log-log slope):", ""]
        out += _table(["question type"] + [f"{s}×" for s in sizes] + ["exponent", "status"], rows)
        out += [f"Exponents of load {_fmt(growth['load_slope'])}, index {_fmt(growth['index_slope'])}, "
                f"peak RSS {_fmt(growth['rss_slope'])}. Chart: `benchmarks/results/latest.svg`.", ""]
    return "\n".join(out)
