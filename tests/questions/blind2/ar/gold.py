"""Write the blind Arabic evaluation sets with gold answers computed from the source CSV files.

    python gold.py            # writes set_a.jsonl, set_b.jsonl, set_fr_tr.jsonl
    python gold.py --review   # also prints every question with a short view of its answer

Stdlib only. The rules are my own reading of /work/main/docs/semantics.md (see NOTES.md);
the data layer is sharaka_data.py, the questions are questions_ar.py and questions_fr_tr.py.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import questions_ar  # noqa: E402
import questions_fr_tr  # noqa: E402


def _dump(path, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + '\n')


def build():
    out = {'A': [], 'B': [], 'FT': []}
    for st, typ, text, exp in questions_ar.Q:
        out[st].append((typ, text, exp))
    for lang, typ, text, exp in questions_fr_tr.Q:
        out['FT'].append((typ, text, exp, lang))
    files = {}
    for key, prefix, fname in (('A', 'ar-a', 'set_a.jsonl'), ('B', 'ar-b', 'set_b.jsonl'),
                               ('FT', None, 'set_fr_tr.jsonl')):
        rows = []
        counter = Counter()
        for item in out[key]:
            typ, text, exp = item[:3]
            p = prefix or item[3]
            counter[p] += 1
            rows.append({'id': '%s-%03d' % (p, counter[p]), 'question': text, 'type': typ, 'expect': exp})
        files[fname] = rows
    seen = set()
    for fname, rows in files.items():
        for r in rows:
            assert r['question'] not in seen, r['question']
            seen.add(r['question'])
            assert len(r['expect']) == 1
        _dump(os.path.join(HERE, fname), rows)
    return files


def summary(rows):
    types = Counter(r['type'] for r in rows)
    stat = Counter(r['expect'].get('status', 'answered') for r in rows)
    return types, stat


if __name__ == '__main__':
    files = build()
    for fname, rows in files.items():
        types, stat = summary(rows)
        print(fname, len(rows), dict(stat))
    if '--review' in sys.argv:
        for fname, rows in files.items():
            for r in rows:
                e = r['expect']
                k, v = next(iter(e.items()))
                if isinstance(v, list):
                    v = '%d: %s' % (len(v), ' '.join(v[:12]) + (' …' if len(v) > 12 else ''))
                print(r['id'], r['type'], '|', r['question'], '=>', k, v)
