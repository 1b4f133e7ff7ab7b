"""Write set_c.jsonl from questions_c.py, deterministically.

Every question is computed under the baseline reading (the contract's clarifications: ATOP phases merge
when one starts the month after the previous ends; SIPRI deals cover the defence sector) and again
under each alternative reading left open by data.py / rules.py. A question whose answer changes, or
whose top-N cut has a tie, is dropped and reported (stderr) - never kept with a guessed answer.
Usage: python3 gold_c.py  [--keep-unstable to list them only]
"""
import json
import sys

import os

HERE = os.path.dirname(os.path.abspath(__file__))
# The data layer and rules of round two's English writer (unchanged), beside this set's own questions.
sys.path.insert(0, os.path.join(HERE, "..", "..", "blind2", "en"))
sys.path.insert(0, HERE)
import data  # noqa: E402
import rules  # noqa: E402

BASE = dict(lenient=True, skip_risky=False, sipri_sectors=True, org_filter_ever=False,
            wide_categories=False, nuclear_curated=False)
VARIANTS = [
    {},
    {"lenient": False},
    {"skip_risky": True},
    {"sipri_sectors": False},
    {"org_filter_ever": True},
    {"wide_categories": True},
    {"nuclear_curated": True},
]


def canon(res):
    tag, v = res
    if tag in ("nations", "agreements", "organizations"):
        v = sorted(v)
        if not v:
            return {"status": "no_results"}
        return {tag: v}
    if tag == "value":
        if v is None:
            return {"status": "no_results"}
        return {"value": v}
    if tag == "status":
        return {"status": v}
    raise ValueError(tag)


def run():
    import questions_c as QC
    results = {}  # index -> list of expect (or exception text)
    loaded = None
    for var in VARIANTS:
        cfg = dict(BASE, **var)
        key = (cfg["lenient"], cfg["skip_risky"])
        if key != loaded:
            data.load_agreements(lenient_merge=cfg["lenient"], skip_risky=cfg["skip_risky"])
            loaded = key
        for k in rules.READING:
            rules.READING[k] = cfg[k]
        for i, (typ, text, fn) in enumerate(QC.Q):
            try:
                e = canon(fn())
            except Exception as ex:  # a tie at the cut, a reading-dependent answer
                e = f"ERROR {type(ex).__name__}: {ex}"
            results.setdefault(i, []).append(e)
    texts = [t for _, t, _ in QC.Q]
    dup = {t for t in texts if texts.count(t) > 1}
    assert not dup, dup
    out, dropped = [], []
    for i, (typ, text, fn) in enumerate(QC.Q):
        es = results[i]
        base = es[0]
        if isinstance(base, str) or any(e != base for e in es):
            dropped.append((text, es))
            continue
        out.append((typ, text, base))
    with open(os.path.join(HERE, "..", "..", "blind3_en.jsonl"), "w", encoding="utf-8") as f:
        for n, (typ, text, exp) in enumerate(out, start=1):
            f.write(json.dumps({"id": f"en-c-{n:03d}", "question": text, "type": typ, "expect": exp},
                               ensure_ascii=False) + "\n")
    for text, es in dropped:
        print("DROPPED:", text, "|", [str(e)[:120] for e in es], file=sys.stderr)
    print(f"{len(out)} questions written, {len(dropped)} dropped", file=sys.stderr)


if __name__ == "__main__":
    run()
