"""The entity index's queries at warm start, the way they were and the way they are, side by side in one run on
one store (the machine is shared: compare the ratios, not the seconds).

    python -m sharaka.benchmarks.qa_index [GRAPH.nq]

Before: every lexicon query with its predicate list as VALUES rows, and the membership records as an OPTIONAL;
after: the predicate list as FILTER … IN (sharaka/qa/bind.py: ALWAYS_FILTER_VARIABLES) and the records as a
join (queries/lexicon/current_members.rq). Both must find the same rows; the script says if they do not."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sharaka.qa import bind as binder
from sharaka.qa.lexicon import NAME_PROPERTIES
from sharaka.queries import load_query
from sharaka.settings import Settings
from sharaka.store import MemoryStore

OLD_RECORDS = ("  OPTIONAL { ?membership prov:wasDerivedFrom ?record . "
               "?record dcterms:isPartOf ?dataset ; dcterms:identifier ?recordId }\n")


def _texts(name: str) -> tuple[str, str]:
    query = load_query(name)
    values = {"property": list(NAME_PROPERTIES[name.removesuffix("_names")])} if name.endswith("_names") else {}
    after = binder.bind_query(query, values)
    saved = binder.ALWAYS_FILTER_VARIABLES
    binder.ALWAYS_FILTER_VARIABLES = frozenset()
    try:
        before = binder.bind_query(query, values)
    finally:
        binder.ALWAYS_FILTER_VARIABLES = saved
    if name == "current_members":
        lines = after.split("\n")
        start = next(i for i, line in enumerate(lines) if "prov:wasDerivedFrom" in line and "OPTIONAL" not in line)
        before = "\n".join([*lines[:start - 2], OLD_RECORDS.rstrip("\n"), *lines[start + 2:]])
    return before, after


def _timed(store: MemoryStore, text: str) -> tuple[float, set[tuple[str, ...]]]:
    started = time.perf_counter()
    rows = store.select(text).rows
    seconds = time.perf_counter() - started
    return seconds, {tuple(sorted(f"{k}={v}" for k, v in row.items())) for row in rows}


def main(graph: Path) -> int:
    store = MemoryStore.from_nquads(graph)
    print(f"{'query':22s} {'rows':>7s} {'before s':>9s} {'after s':>9s} {'ratio':>7s}  same rows")
    totals = [0.0, 0.0]
    same_everywhere = True
    # role_kinds and weapon_designations did not change: their two runs show the noise of the machine.
    for name in ("nation_names", "organization_names", "agreement_names", "concept_names", "current_members",
                 "role_kinds", "weapon_designations"):
        before, after = _texts(name)
        t_before, rows_before = _timed(store, before)
        t_after, rows_after = _timed(store, after)
        totals[0] += t_before
        totals[1] += t_after
        same = rows_before == rows_after
        same_everywhere &= same
        ratio = t_before / max(t_after, 1e-6)
        print(f"{name:22s} {len(rows_after):7d} {t_before:9.2f} {t_after:9.2f} {ratio:7.1f}  {same}")
    print(f"{'total':22s} {'':7s} {totals[0]:9.2f} {totals[1]:9.2f} {totals[0] / max(totals[1], 1e-6):7.1f}")
    return 0 if same_everywhere else 1


if __name__ == "__main__":
    default = Path(Settings.load().data_dir) / "sharaka.nq"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
