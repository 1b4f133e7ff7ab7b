"""Blind English evaluation set for Sharaka: questions typed the way people type, gold from the CSVs.

    python gold.py            # writes set_a.jsonl and set_b.jsonl (deterministic)
    python gold.py --show     # also prints every question with a short view of its gold

The gold of each question is computed by rules.py (my reading of docs/semantics.md) over data.py
(the source CSVs), never from the engine. Every question is recomputed under the alternative
readings listed in rules.READING (and ATOP phases merged leniently); a question whose gold changes
under any of them is dropped and reported, so the kept golds do not hinge on an unclear rule.
"""
import json
import sys

import data
import rules as R
from questions import QUESTIONS, Tie, Unclear

def expect_of(kind, value):
    if kind == "status":
        return {"status": value}
    if kind == "value":
        return {"value": value}
    items = sorted(value)
    if not items:
        return {"status": "no_results"}
    return {kind: items}


def evaluate():
    out = []
    for q in QUESTIONS:
        kind, fn = q["gold"]
        try:
            out.append(expect_of(kind, fn() if callable(fn) else fn))
        except Tie:
            out.append({"tie": True})
        except Unclear:
            out.append({"unclear": True})
    return out


def main(show=False):
    data.load_agreements()
    base = evaluate()
    variants = {}
    for flag in R.READING:
        R.READING[flag] = True
        variants[flag] = evaluate()
        R.READING[flag] = False
    data.load_agreements(lenient_merge=True)
    variants["atop_lenient_merge"] = evaluate()
    data.load_agreements(skip_risky=True)
    variants["risky_names_skipped"] = evaluate()
    data.load_agreements()

    kept, dropped = [], []
    for i, q in enumerate(QUESTIONS):
        exp = base[i]
        why = [name for name, v in variants.items() if v[i] != exp]
        if "tie" in exp:
            why.append("tie at the top-N cut")
        if "unclear" in exp:
            why.append("kind and sector readings of its words differ")
        if exp.get("value") is None and "value" in exp:
            why.append("no value")
        if why:
            dropped.append((q["q"], why))
            continue
        kept.append(dict(q, expect=exp))

    # stratified split: questions grouped by type, every third one goes to set B
    by_type = {}
    for q in kept:
        key = (q["type"], "status" in q["expect"])
        by_type.setdefault(key, []).append(q)
    set_a, set_b = [], []
    k = 0
    for t in sorted(by_type):
        for q in by_type[t]:
            (set_b if k % 3 == 2 else set_a).append(q)
            k += 1
    order = {id(q): n for n, q in enumerate(kept)}
    for name, rows in (("set_a", set_a), ("set_b", set_b)):
        rows.sort(key=lambda q: order[id(q)])
        with open(f"{name}.jsonl", "w", encoding="utf-8") as f:
            for n, q in enumerate(rows, start=1):
                rec = {"id": f"en-{name[-1]}-{n:03d}", "question": q["q"], "type": q["type"],
                       "expect": q["expect"]}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"kept {len(kept)}: set_a {len(set_a)}, set_b {len(set_b)}; dropped {len(dropped)}")
    for text, why in dropped:
        print(f"  dropped: {text!r}: {', '.join(why)}")
    if show:
        for q in kept:
            e = q["expect"]
            k = next(iter(e))
            v = e[k]
            if isinstance(v, list):
                v = f"{len(v)}: {' '.join(v[:12])}{' …' if len(v) > 12 else ''}"
            print(f"[{q['type']}] {q['q']}\n    -> {k}: {v}")


if __name__ == "__main__":
    main(show="--show" in sys.argv)
