"""Data layer for the blind Arabic evaluation set.

Reads the source CSV files directly (stdlib only) and builds, from my own reading of
docs/semantics.md, one in-memory table of agreements with kinds, sectors, years and
participations, plus organization memberships. Nothing here reads the graph or the engine.
"""
import csv
import os
import re
from collections import defaultdict

DATA = '/work/shared/data'
KG = '/work/main/kg/sources'

# --------------------------------------------------------------------------- nations

def _read(path, enc='utf-8'):
    with open(path, encoding=enc, newline='') as f:
        return list(csv.DictReader(f))


CODELIST = _read(os.path.join(DATA, 'countrycode', 'codelist.csv'))
COW2ISO = {}
ISON2ISO = {}
NAME_EN = {}
for _r in CODELIST:
    if _r['cown'] and _r['iso3c']:
        COW2ISO[int(_r['cown'])] = _r['iso3c']
    if _r['iso3n'] and _r['iso3c']:
        ISON2ISO[int(_r['iso3n'])] = _r['iso3c']
    if _r['iso3c']:
        NAME_EN[_r['iso3c']] = _r['country.name.en']
NAME_EN['XKX'] = 'Kosovo'
NAME_EN['SRB'] = 'Serbia'


def cow_nation(code, year=None):
    """COW numeric code -> nation id (ISO3 or cow-<code>), None when unmapped."""
    code = int(code)
    if code == 8152:
        return None
    if code == 260:
        return 'DEU'
    if code == 345:
        if year is not None and year >= 2006:
            return 'SRB'
        return 'cow-345'
    if code == 347:
        return 'XKX'
    if code in COW2ISO:
        return COW2ISO[code]
    return 'cow-%d' % code


def ison_nation(code):
    code = int(code)
    if code == 900:
        return 'XKX'
    return ISON2ISO.get(code)


# --------------------------------------------------------------------------- agreements
# agreement: dict(id, source, kinds:set, sectors:set, start:int, end:int|None,
#                 parts: list of dict(nation, join, exit, role), name, extra...)

AGREEMENTS = {}


def _add(a):
    assert a['id'] not in AGREEMENTS, a['id']
    AGREEMENTS[a['id']] = a


def _i(s):
    s = (s or '').strip()
    return int(float(s)) if s else 0


# ---- ATOP
ATOP_A = {r['atopid']: r for r in _read(os.path.join(DATA, 'atop', 'atop5_1a.csv'))}
ATOP_M = _read(os.path.join(DATA, 'atop', 'atop5_1m.csv'))
OBLIG = {'defense': 'defence pact', 'offense': 'offence pact', 'neutral': 'neutrality pact',
         'nonagg': 'non-aggression pact', 'consul': 'consultation pact'}


def _load_atop():
    by = defaultdict(lambda: defaultdict(list))
    for r in ATOP_M:
        by[r['atopid']][int(r['member'])].append(r)
    for aid, a in ATOP_A.items():
        kinds = {'alliance'}
        for f, k in OBLIG.items():
            if _i(a[f]) == 1:
                kinds.add(k)
        sectors = {'defence'}
        if 1 <= _i(a['milaid']) <= 4:
            sectors.add('military assistance')
        if 1 <= _i(a['ecaid']) <= 3:
            sectors.add('economy')
        parts = []
        members = by[aid]
        # merge West Germany (260) and Germany (255) into one DEU participation set
        per_nation = defaultdict(list)
        for code, rows in members.items():
            y0 = _i(rows[0]['yrent'])
            n = cow_nation(code, y0)
            if n is None:
                continue
            per_nation[n].extend(rows)
        for n, rows in per_nation.items():
            for j, x in _atop_spells_ym(rows):
                parts.append({'nation': n, 'join': j, 'exit': x, 'role': 'member'})
        end = _i(a['endyr']) or None
        _add({'id': 'atop:%s' % aid, 'source': 'atop', 'kinds': kinds, 'sectors': sectors,
              'start': _i(a['begyr']), 'end': end, 'parts': parts, 'name': 'ATOP %s' % aid,
              'flags': {f: _i(a[f]) for f in OBLIG}})


def _atop_spells_ym(rows):
    """Like _atop_spells but on (year, month) pairs; returns (join_year, exit_year|None)."""
    ph = []
    for r in rows:
        s = (_i(r['yrent']), _i(r['moent']))
        e = None if _i(r['yrexit']) == 0 else (_i(r['yrexit']), _i(r['moexit']))
        ph.append([s, e])
    ph.sort(key=lambda p: p[0])
    spells = []
    for s, e in ph:
        if spells:
            ls, le = spells[-1]
            if le is None or s <= le:   # starts in (or before) the month the previous one ends
                if le is not None and (e is None or e > le):
                    spells[-1][1] = e
                continue
        spells.append([s, e])
    return [(s[0], None if e is None else e[0]) for s, e in spells]


# ---- DCAD
DCAD_CAT = {'DIC': 'defence industry', 'TREX': 'training and exercises',
            'PROCUREMENT': 'arms procurement', 'RESEARCH': 'defence research',
            'COMMISSION': 'joint defence commission'}


def _load_dcad():
    for r in _read(os.path.join(DATA, 'dcad', 'DCAD-v1.0-main.csv')):
        y = _i(r['signYear'])
        sectors = {'defence'}
        for c in ('category1', 'category2', 'category3'):
            v = r[c].strip()
            if v in DCAD_CAT:
                sectors.add(DCAD_CAT[v])
        parts = []
        for c in ('ccode1', 'ccode2'):
            n = cow_nation(r[c], y)
            if n:
                parts.append({'nation': n, 'join': None, 'exit': None, 'role': 'party'})
        _add({'id': 'dcad:%s' % r['DCAid'], 'source': 'dcad', 'kinds': {'defence cooperation agreement'},
              'sectors': sectors, 'start': y, 'end': None, 'parts': parts,
              'terminated': _i(r['terminated']) == 1, 'name': r['DCAid']})


# ---- DESTA
def _load_desta():
    with open(os.path.join(DATA, 'desta', 'desta_list_of_treaties_02_03.csv'), encoding='latin-1', newline='') as f:
        rows = list(csv.DictReader(f))
    bases = {}
    for r in rows:
        if r['entry_type'] == 'base_treaty':
            y = _i(r['year'])
            parts = {}
            for k in range(1, 92):
                c = r.get('c%d' % k, '').strip()
                if c:
                    n = ison_nation(c)
                    if n and n not in parts:
                        parts[n] = {'nation': n, 'join': y, 'exit': None, 'role': 'member'}
            bases[r['number']] = {'id': 'desta:%s' % r['number'], 'source': 'desta',
                                  'kinds': {'economic partnership or trade agreement'},
                                  'sectors': {'economy'}, 'start': y, 'end': None,
                                  'pmap': parts, 'name': r['name']}
    for r in sorted((r for r in rows if r['entry_type'] == 'accession'), key=lambda r: _i(r['year'])):
        b = bases.get(r['base_treaty'])
        if not b:
            continue
        y = _i(r['year'])
        for k in range(1, 92):
            c = r.get('c%d' % k, '').strip()
            if c:
                n = ison_nation(c)
                if n and n not in b['pmap']:
                    b['pmap'][n] = {'nation': n, 'join': y, 'exit': None, 'role': 'member'}
    for r in rows:
        if r['entry_type'] != 'withdrawal':
            continue
        b = bases.get(r['base_treaty'])
        if not b:
            continue
        y = _i(r['year'])
        for k in range(1, 92):
            c = r.get('c%d' % k, '').strip()
            if c and r.get('mc%d' % k, '').strip() == '1':
                n = ison_nation(c)
                if n and n in b['pmap']:
                    b['pmap'][n]['exit'] = y
    for b in bases.values():
        b['parts'] = list(b.pop('pmap').values())
        _add(b)


# ---- NCA
NCA_ROWS = []


def _load_nca():
    for i, r in enumerate(_read(os.path.join(DATA, 'nca', 'nca_dataset_v2.0.csv')), start=1):
        y = _i(r['year'])
        t = _i(r['nca_type'])
        sectors = {'nuclear'}
        if t in (5, 6):
            sectors.add('energy')
        if t == 7:
            sectors.add('defence')
        s = cow_nation(r['ccode1'], y)
        c = cow_nation(r['ccode2'], y)
        parts = []
        if s:
            parts.append({'nation': s, 'join': None, 'exit': None, 'role': 'supplier'})
        if c:
            parts.append({'nation': c, 'join': None, 'exit': None, 'role': 'recipient'})
        NCA_ROWS.append((i, s, c, y, t))
        _add({'id': 'nca:%d' % i, 'source': 'nca', 'kinds': {'nuclear cooperation agreement'},
              'sectors': sectors, 'start': y, 'end': None, 'parts': parts, 'nca_type': t,
              'name': 'NCA %d' % i})


# ---- curated
CUR_KIND = {'normalization': 'normalization', 'strategic_partnership': 'strategic partnership',
            'joint_exercise': 'joint exercise', 'intelligence_sharing': 'intelligence sharing',
            'military_assistance': 'military assistance', 'defense_industry': 'defence-industry collaboration',
            'technology_exchange': 'technology exchange', 'humanitarian_mission': 'humanitarian mission',
            'disaster_response': 'disaster response', 'economic_partnership': 'economic partnership or trade agreement',
            'defence_pact': 'defence pact', 'nuclear_cooperation': 'nuclear cooperation agreement',
            'defence_cooperation': 'defence cooperation agreement'}
CUR_SECTOR = {'defense': 'defence', 'economy': 'economy', 'technology': 'technology',
              'intelligence': 'intelligence', 'humanitarian': 'humanitarian',
              'disaster_response': 'disaster response', 'diplomacy': 'diplomacy', 'energy': 'energy',
              'nuclear': 'nuclear'}
CURATED = {}


def _load_curated():
    for r in _read(os.path.join(DATA, 'curated', 'agreements.csv')):
        kinds = {CUR_KIND[r['category']]}
        for k in (r['also_kinds'] or '').split(';'):
            k = k.strip()
            if k:
                kinds.add(CUR_KIND[k])
        if 'defence pact' in kinds:
            kinds.add('alliance')
        sectors = {CUR_SECTOR[s.strip()] for s in r['sectors'].split(';') if s.strip()}
        if r['category'] == 'military_assistance':
            sectors.add('military assistance')
        if r['category'] == 'defense_industry':
            sectors.add('defence industry')
        if r['category'] == 'joint_exercise':
            sectors.add('training and exercises')
        start = int(r['start_date'][:4])
        end = int(r['end_date'][:4]) if r['end_date'].strip() else None
        parts = [{'nation': p.strip(), 'join': None, 'exit': None, 'role': 'party'}
                 for p in r['parties'].split(';') if p.strip()]
        a = {'id': 'curated:%s' % r['id'], 'source': 'curated', 'kinds': kinds, 'sectors': sectors,
             'start': start, 'end': end, 'parts': parts, 'name': r['name'],
             'lead': r['lead_party'].strip() or None}
        CURATED[r['id']] = r
        _add(a)


# ---- SIPRI
SIPRI_NAMES = {
    'Bosnia-Herzegovina': 'BIH', 'Brunei': 'BRN', 'Cabo Verde': 'CPV', 'Congo': 'COG', 'DR Congo': 'COD',
    "Cote d'Ivoire": 'CIV', 'Czechia': 'CZE', 'Czechoslovakia': 'cow-315', 'East Germany (GDR)': 'cow-265',
    'Kosovo': 'XKX', 'Laos': 'LAO', 'Myanmar': 'MMR', 'North Korea': 'PRK', 'North Macedonia': 'MKD',
    'North Yemen': 'cow-678', 'Yemen Arab Republic (North Yemen)': 'cow-678', 'South Yemen': 'cow-680',
    'Palestine': 'PSE', 'Russia': 'RUS', 'Soviet Union': 'RUS', 'Saint Kitts and Nevis': 'KNA',
    'Saint Vincent': 'VCT', 'South Korea': 'KOR', 'South Vietnam': 'cow-817', 'Turkiye': 'TUR', 'UAE': 'ARE',
    'United Kingdom': 'GBR', 'United States': 'USA', 'Viet Nam': 'VNM', 'Yugoslavia': 'cow-345',
    'eSwatini': 'SWZ', 'Antigua and Barbuda': 'ATG', 'Trinidad and Tobago': 'TTO', 'Timor-Leste': 'TLS',
    'Western Sahara': 'ESH', 'Aruba': 'ABW', 'Syria': 'SYR', 'Iran': 'IRN', 'Taiwan': 'TWN',
    'Gambia': 'GMB', 'Bahamas': 'BHS', 'Serbia': 'SRB', 'Northern Cyprus': None,
}
_EN2ISO = {r['country.name.en']: r['iso3c'] for r in CODELIST if r['iso3c']}
SIPRI_UNMAPPED = set()


def sipri_nation(name):
    name = name.strip()
    if not name or name.endswith('*') or name.startswith('unknown'):
        return None
    if name in ('Biafra', 'Katanga'):
        return None
    if name in SIPRI_NAMES:
        return SIPRI_NAMES[name]
    if name in _EN2ISO:
        return _EN2ISO[name]
    SIPRI_UNMAPPED.add(name)
    return None


AID_RE = re.compile(r'\baid\b|\bgift\b|\bdonat|financed by', re.I)
DIC_RE = re.compile(r'licen[cs]|co-?produc|joint(ly)? produc', re.I)
SIPRI = []   # list of dicts


def _load_sipri():
    with open(os.path.join(DATA, 'sipri_at', 'trade-register.csv'), encoding='latin-1', newline='') as f:
        lines = f.read().split('\n')
    rows = list(csv.reader(lines[11:]))
    header = rows[0]
    recs = []
    for row in rows[1:]:
        if not row or all(c == '' for c in row):
            continue
        if row[0] == '' and len(row) <= 4 and recs:
            # continuation: the three TIV values of the record before
            vals = row[1:]
            recs[-1] = recs[-1][:13] + vals
            continue
        recs.append(row)
    assert len(recs) == 29515, len(recs)
    for n, row in enumerate(recs, start=1):
        rec = dict(zip(['recipient', 'supplier', 'order', 'order_unc', 'n_ordered', 'n_unc', 'designation',
                        'description', 'n_delivered', 'd_unc', 'deliveries', 'status', 'comments',
                        'tiv_unit', 'tiv_total', 'tiv_delivered'], row))
        rec['n'] = n
        rec['order'] = _i(rec['order'])
        rec['delivery_years'] = [int(x) for x in re.findall(r'\d{4}', rec['deliveries'] or '')]
        rec['sup'] = sipri_nation(rec['supplier'])
        rec['rec'] = sipri_nation(rec['recipient'])
        try:
            rec['tivd'] = float(rec['tiv_delivered']) if rec['tiv_delivered'].strip() else 0.0
        except ValueError:
            rec['tivd'] = 0.0
        kinds = {'arms transfer'}
        c = rec['comments'] or ''
        if AID_RE.search(c):
            kinds.add('military assistance')
        if DIC_RE.search(c):
            kinds.add('defence-industry collaboration')
        rec['kinds'] = kinds
        SIPRI.append(rec)
        parts = []
        if rec['sup']:
            parts.append({'nation': rec['sup'], 'join': None, 'exit': None, 'role': 'supplier'})
        if rec['rec']:
            parts.append({'nation': rec['rec'], 'join': None, 'exit': None, 'role': 'recipient'})
        _add({'id': 'sipri:%d' % n, 'source': 'sipri', 'kinds': kinds, 'sectors': set(),
              'start': rec['order'], 'end': None, 'parts': parts, 'name': rec['designation'], 'rec': rec})


# ---- MME
MME_NAMES = {'Antigua & Barbuda': 'ATG', 'Bosnia & Herzegovina': 'BIH', 'Congo - Brazzaville': 'COG',
             'Congo - Kinshasa': 'COD', 'Côte d’Ivoire': 'CIV', 'Czechoslovakia': 'cow-315',
             'Federal Republic of Germany': 'DEU', 'German Democratic Republic': 'cow-265',
             'Yugoslavia': 'cow-345', 'st. christopher': 'KNA', 'Russia': 'RUS', 'Myanmar (Burma)': 'MMR',
             'Hong Kong SAR China': 'HKG', 'New Caledonia': 'NCL', 'Bermuda': 'BMU', 'Serbia': 'SRB'}
MME_SKIP = {'-9', 'Baltic States', 'Netherlands Antilles', 'NATO'}
MME = []


def mme_nation(name):
    name = name.strip()
    if not name or name in MME_SKIP:
        return None
    if name in MME_NAMES:
        return MME_NAMES[name]
    return _EN2ISO.get(name)


def _load_mme():
    rows = _read(os.path.join(DATA, 'mme', 'mme_v7.csv'))
    cnt = defaultdict(int)
    for r in rows:
        cnt[r['MMEID']] += 1
    seen = defaultdict(int)
    cols = [c for c in rows[0].keys() if c.startswith('State')]
    for r in rows:
        mid = r['MMEID']
        if cnt[mid] > 1:
            seen[mid] += 1
            sid = 'mme:%s-%d' % (mid, seen[mid])
        else:
            sid = 'mme:%s' % mid
        y = _i(r['s.year'])
        nations = []
        has_nato = False
        for c in cols:
            v = r[c].strip()
            if v == 'NATO':
                has_nato = True
            n = mme_nation(v)
            if n and n not in nations:
                nations.append(n)
        sectors = {'defence', 'training and exercises'}
        if r['Humanitarian'].strip() == '1':
            sectors.add('humanitarian')
        if r['Peacekeeping'].strip() == '1':
            sectors.add('peacekeeping')
        name = r['Ex_Name'].strip()
        rec = {'sid': sid, 'year': y, 'nations': nations, 'name': name, 'series': r['Series_Name'].strip(),
               'humanitarian': r['Humanitarian'].strip() == '1', 'row': r, 'nato': has_nato}
        MME.append(rec)
        _add({'id': sid, 'source': 'mme', 'kinds': {'joint exercise'}, 'sectors': sectors, 'start': y,
              'end': None, 'parts': [{'nation': n, 'join': None, 'exit': None, 'role': 'participant'} for n in nations],
              'name': name if name != '-9' else '', 'mme': rec})


_load_atop()
_load_dcad()
_load_desta()
_load_nca()
_load_curated()
_load_sipri()
_load_mme()

# --------------------------------------------------------------------------- organizations

ORGS = {r['code']: r for r in _read(os.path.join(KG, 'cow_igo', 'organizations.csv'))}
OIC_LIST = _read(os.path.join(DATA, 'oic', 'oic_membership_sis2023_factbook2026_cow.csv'))
OIC_MEMBERS = {r['iso3c']: int(r['joined_year']) for r in OIC_LIST if r['status'] == 'member'}
OIC_OBSERVERS = {r['iso3c'] or 'turkish-cypriot-state': int(r['joined_year']) for r in OIC_LIST if r['status'] == 'observer'}
assert len(OIC_MEMBERS) == 57 and len(OIC_OBSERVERS) == 5

# COW IGO spells: org -> nation -> list of [start, end, ended_by]
IGO = defaultdict(lambda: defaultdict(list))


def _load_igo():
    rows = _read(os.path.join(KG, 'cow_igo', 'igo_memberships.csv'))
    tmp = defaultdict(lambda: defaultdict(list))
    for r in rows:
        c = int(r['ccode'])
        n = 'DEU' if c in (255, 260) else cow_nation(c, int(r['start_year']))
        tmp[r['org_code']][n].append([int(r['start_year']), int(r['end_year']), r['ended_by']])
    for org, d in tmp.items():
        for n, spells in d.items():
            spells.sort()
            merged = []
            for s in spells:
                if merged and s[0] <= merged[-1][1] + 1:
                    if s[1] >= merged[-1][1]:
                        merged[-1][1] = s[1]
                        merged[-1][2] = s[2]
                    continue
                merged.append(list(s))
            IGO[org][n] = merged


_load_igo()

ENDED = {'0', '2', '3', '-1', 'absent'}


def org_members(org):
    """current members: OIC list for the OIC, COW IGO spells not ended by 2014 for others."""
    if org == 'OIC':
        return set(OIC_MEMBERS)
    return {n for n, sp in IGO[org].items() if any(s[1] >= 2014 and s[2] not in ENDED for s in sp)}


def org_members_ever(org):
    if org == 'OIC':
        return set(OIC_MEMBERS)
    return set(IGO[org])


def org_members_at(org, y):
    if org == 'OIC':
        return {n for n, j in OIC_MEMBERS.items() if j <= y}
    return {n for n, sp in IGO[org].items() if any(s[0] <= y <= s[1] for s in sp)}


def org_join_year(org, n):
    if org == 'OIC':
        return OIC_MEMBERS.get(n)
    sp = IGO[org].get(n)
    return sp[0][0] if sp else None


def org_left(org):
    if org == 'OIC':
        return set()
    return {n for n, sp in IGO[org].items() if any(s[2] in ENDED for s in sp)}


def org_joined_in(org, a, b):
    if org == 'OIC':
        return {n for n, j in OIC_MEMBERS.items() if a <= j <= b}
    return {n for n, sp in IGO[org].items() if any(a <= s[0] <= b for s in sp)}


def nation_orgs(n):
    out = {o for o, d in IGO.items() if n in d}
    if n in OIC_MEMBERS:
        out.add('OIC')
    return out


# --------------------------------------------------------------------------- semantics

# kind hierarchy: the five obligation kinds are narrower than alliance
NARROWER = {'alliance': {'alliance', 'defence pact', 'offence pact', 'neutrality pact',
                         'non-aggression pact', 'consultation pact'}}

# index: nation -> list of (agreement id, participation)
BY_NATION = defaultdict(list)
for _a in AGREEMENTS.values():
    for _p in _a['parts']:
        BY_NATION[_p['nation']].append((_a['id'], _p))


def kind_ok(a, kind):
    if kind is None:
        return True
    want = NARROWER.get(kind, {kind})
    return bool(a['kinds'] & want)


def sector_ok(a, sector):
    return sector is None or sector in a['sectors']


def _covers(p, t, a):
    j = p['join'] if p['join'] is not None else a['start']
    if j > t:
        return False
    if p['exit'] is not None and p['exit'] < t:
        return False
    return True


def in_force(a, t, *parts):
    if a['start'] > t:
        return False
    if a['end'] is not None and a['end'] < t:
        return False
    return all(_covers(p, t, a) for p in parts)


def time_ok(a, time, *parts):
    """time: None | ('event', lo, hi) | ('state', lo, hi); lo/hi may be None (open)."""
    if time is None:
        return True
    mode, lo, hi = time
    if mode == 'event':
        return (lo is None or a['start'] >= lo) and (hi is None or a['start'] <= hi)
    # state of affairs: in force together in some year of [lo, hi]
    lo2 = lo if lo is not None else -10 ** 6
    hi2 = hi if hi is not None else 2026
    # candidate years: from max(start, lo) to min(end, hi)
    start = max(a['start'], lo2)
    end = hi2 if a['end'] is None else min(a['end'], hi2)
    for t in range(start, end + 1):
        if in_force(a, t, *parts):
            return True
    return False


def A(i):
    return AGREEMENTS[i]


def agreements_of(n, kind=None, sector=None, time=None, role=None, source=None):
    out = set()
    for aid, p in BY_NATION.get(n, []):
        a = AGREEMENTS[aid]
        if role and p['role'] != role:
            continue
        if source and a['source'] != source:
            continue
        if kind_ok(a, kind) and sector_ok(a, sector) and time_ok(a, time, p):
            out.add(aid)
    return out


def agreements_between(x, y, kind=None, sector=None, time=None, source=None):
    out = set()
    for aid, p in BY_NATION.get(x, []):
        a = AGREEMENTS[aid]
        if source and a['source'] != source:
            continue
        if not (kind_ok(a, kind) and sector_ok(a, sector)):
            continue
        for q in a['parts']:
            if q['nation'] == y and time_ok(a, time, p, q):
                out.add(aid)
                break
    return out


def partners(x, kind=None, sector=None, time=None, source=None):
    out = set()
    for aid, p in BY_NATION.get(x, []):
        a = AGREEMENTS[aid]
        if source and a['source'] != source:
            continue
        if not (kind_ok(a, kind) and sector_ok(a, sector)):
            continue
        for q in a['parts']:
            if q['nation'] != x and q['nation'] not in out and time_ok(a, time, p, q):
                out.add(q['nation'])
    return out


def shared_counts(x, kind=None, sector=None, time=None):
    cnt = defaultdict(set)
    for aid, p in BY_NATION.get(x, []):
        a = AGREEMENTS[aid]
        if not (kind_ok(a, kind) and sector_ok(a, sector)):
            continue
        for q in a['parts']:
            if q['nation'] != x and time_ok(a, time, p, q):
                cnt[q['nation']].add(aid)
    return {k: len(v) for k, v in cnt.items()}


def top_n(counts, n):
    """top n by count, ties broken by English name; returns (list, tie_at_cut)."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], NAME_EN.get(kv[0], kv[0])))
    top = items[:n]
    tie = len(items) > n and items[n - 1][1] == items[n][1]
    return [k for k, _ in top], tie


def argmax(counts):
    if not counts:
        return set()
    m = max(counts.values())
    return {k for k, v in counts.items() if v == m}


def parties(aid):
    return {p['nation'] for p in AGREEMENTS[aid]['parts']}


def parties_at(aid, y):
    a = AGREEMENTS[aid]
    return {p['nation'] for p in a['parts'] if in_force(a, y, p)}


def joined_after_start(aid):
    a = AGREEMENTS[aid]
    return {p['nation'] for p in a['parts'] if p['join'] is not None and p['join'] > a['start']}


def left(aid):
    a = AGREEMENTS[aid]
    return {p['nation'] for p in a['parts'] if p['exit'] is not None and (a['end'] is None or p['exit'] < a['end'])}


def agreement_in_force(aid):
    a = AGREEMENTS[aid]
    if a['end'] is not None:
        return False
    if a.get('terminated'):
        return False
    return True


def agreements_in_period(kind=None, sector=None, lo=None, hi=None):
    return {i for i, a in AGREEMENTS.items() if kind_ok(a, kind) and sector_ok(a, sector)
            and (lo is None or a['start'] >= lo) and (hi is None or a['start'] <= hi)}


def count_by_nation(kind=None, sector=None, time=None, among=None):
    cnt = {}
    for n, lst in BY_NATION.items():
        if among is not None and n not in among:
            continue
        c = len(agreements_of(n, kind, sector, time))
        if c:
            cnt[n] = c
    return cnt


# ---- nuclear (NCA)
def nuclear_suppliers(x):
    return {s for _, s, c, _, _ in NCA_ROWS if c == x and s}


def nuclear_recipients(x):
    return {c for _, s, c, _, _ in NCA_ROWS if s == x and c}


# ---- SIPRI
COMBAT_AIRCRAFT = {'FGA aircraft', 'fighter aircraft', 'bomber aircraft', 'ground-attack aircraft',
                   'trainer/combat aircraft'}
UAVS = {'UAV', 'armed UAV', 'UCAV'}
ARMED_DRONES = {'armed UAV', 'UCAV'}
TANKS = {'tank', 'light tank'}
FRIGATES = {'frigate'}
CORVETTES = {'corvette'}
# descriptions whose membership in a narrow concept is unclear (used to check robustness)
FUZZY = {
    'combat aircraft': {'FGA/electronic warfare aircraft', '(armed) trainer aircraft'},
    'uav': {'(armed) UAV', 'maritime patrol UAV', 'light aircraft/UAV', 'one-way attack drone', 'loitering munition'},
    'armed drones': {'(armed) UAV', 'one-way attack drone', 'loitering munition'},
    'tanks': {'training tank'},
    'submarines': set(),
    'helicopters': {'helicopter/transport aircraft'},
    'frigates': {'patrol ship/frigate', 'frigate/landing ship', 'ampibious assault ship/frigate'},
    'corvettes': {'corvette/minesweeper'},
}


def cat_match(desc, cat, loose=False):
    if cat == 'combat aircraft':
        s = desc in COMBAT_AIRCRAFT
    elif cat == 'helicopters':
        s = desc.endswith('helicopter')
    elif cat == 'uav':
        s = desc in UAVS
    elif cat == 'armed drones':
        s = desc in ARMED_DRONES
    elif cat == 'tanks':
        s = desc in TANKS
    elif cat == 'submarines':
        s = desc == 'submarine' or desc.endswith(' submarine')
    elif cat == 'frigates':
        s = desc in FRIGATES
    elif cat == 'corvettes':
        s = desc in CORVETTES
    elif cat is None:
        s = True
    else:
        raise ValueError(cat)
    if loose and cat:
        s = s or desc in FUZZY.get(cat, set())
    return s


def norm_des(s):
    return re.sub(r'[^0-9a-z]', '', s.lower())


def des_match(designation, q):
    return norm_des(q) in norm_des(designation)


def sipri_deals(sup=None, rec=None, lo=None, hi=None, cat=None, designation=None, loose=False,
                delivered=None, kind=None):
    out = []
    for r in SIPRI:
        if sup is not None and r['sup'] != sup:
            continue
        if rec is not None and r['rec'] != rec:
            continue
        if lo is not None and r['order'] < lo:
            continue
        if hi is not None and r['order'] > hi:
            continue
        if cat and not cat_match(r['description'], cat, loose):
            continue
        if designation and not des_match(r['designation'], designation):
            continue
        if delivered and not r['delivery_years']:
            continue
        if kind and kind not in r['kinds']:
            continue
        out.append(r)
    return out


def arms_suppliers(x, **kw):
    return {r['sup'] for r in sipri_deals(rec=x, **kw) if r['sup']}


def arms_recipients(x, **kw):
    return {r['rec'] for r in sipri_deals(sup=x, **kw) if r['rec']}


def top_arms_suppliers(x, n=5, lo=None, hi=None):
    tot = defaultdict(float)
    for r in sipri_deals(rec=x, lo=lo, hi=hi):
        if r['sup']:
            tot[r['sup']] += r['tivd']
    items = sorted(tot.items(), key=lambda kv: (-kv[1], NAME_EN.get(kv[0], kv[0])))
    tie = len(items) > n and abs(items[n - 1][1] - items[n][1]) < 1e-9
    return [k for k, _ in items[:n]], tie, items[:n + 2]


# ---- MME / exercises
def exercises_between(x, y):
    return agreements_between(x, y, kind='joint exercise')


def series_rows(series):
    return [m for m in MME if m['series'].lower() == series.lower()]


def humanitarian_exercise_partners(x):
    out = set()
    for aid, p in BY_NATION.get(x, []):
        a = AGREEMENTS[aid]
        if 'joint exercise' in a['kinds'] and 'humanitarian' in a['sectors']:
            out |= {q['nation'] for q in a['parts'] if q['nation'] != x}
    return out
