# -*- coding: utf-8 -*-
"""Writes set_c.jsonl (blind Arabic set C) from questions_c.py, deterministically.

Run: python3 tests/questions/blind3/ar/gold_c.py (writes tests/questions/blind3_ar.jsonl)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The data layer of round two's Arabic writer (unchanged), beside this set's own questions.
sys.path.insert(0, os.path.join(HERE, '..', '..', 'blind2', 'ar'))
sys.path.insert(0, HERE)
import questions_c as qc  # noqa: E402

OUT = os.path.join(HERE, '..', '..', 'blind3_ar.jsonl')
KEYS = {'nations', 'agreements', 'organizations', 'value', 'status'}
STATUSES = {'no_results', 'ambiguous', 'unknown_entity', 'out_of_scope', 'no_match'}


def main():
    texts = [t for t, _, _ in qc.Q]
    assert len(texts) == len(set(texts)), 'duplicate question text'
    lines = []
    for k, (text, typ, fn) in enumerate(qc.Q, start=1):
        qc.LOOSE[0] = True
        exp_loose = fn()
        qc.LOOSE[0] = False
        exp = fn()
        assert exp == exp_loose, ('gold depends on an unclear weapon description', text)
        assert isinstance(exp, dict) and len(exp) == 1 and set(exp) <= KEYS, exp
        if 'status' in exp:
            assert exp['status'] in STATUSES, exp
            # a question typed as a failure must fail, and an answerable one must not come out empty
            assert (typ in STATUSES) == True or exp['status'] == 'no_results', (text, exp)
        if typ in STATUSES:
            assert exp.get('status') == typ, (text, typ, exp)
        for key in ('nations', 'agreements', 'organizations'):
            if key in exp:
                assert exp[key] and exp[key] == sorted(exp[key]), exp
        lines.append(json.dumps({'id': 'ar-c-%03d' % k, 'question': text, 'type': typ, 'expect': exp},
                                ensure_ascii=False, sort_keys=False))
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote %d questions to %s' % (len(lines), OUT))


if __name__ == '__main__':
    main()
