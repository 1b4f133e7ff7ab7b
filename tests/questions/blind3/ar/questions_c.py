# -*- coding: utf-8 -*-
"""Blind Arabic evaluation set C: questions and the code that computes their gold.

Every gold answer is computed from the source CSVs through sharaka_data.py (plus the small stdlib
helpers below); none is written by hand. Failure questions (out of scope, unknown names, ambiguous
names, no_match) carry the status the contract (semantics.md) prescribes for their shape.
"""
import re
from collections import defaultdict

import sharaka_data as s

DP = 'defence pact'
AL = 'alliance'
DCA = 'defence cooperation agreement'
EC = 'economic partnership or trade agreement'
NUC = 'nuclear cooperation agreement'
JE = 'joint exercise'
OIC = s.org_members('OIC')

# ---- ATOP spells, per the clarification in semantics.md: a phase that starts in the month the previous
# one ends OR THE MONTH AFTER continues the same spell (sharaka_data merges the same month only).
def _atop_spells(rows):
    ph = []
    for r in rows:
        st = (s._i(r['yrent']), s._i(r['moent']))
        en = None if s._i(r['yrexit']) == 0 else (s._i(r['yrexit']), s._i(r['moexit']))
        ph.append([st, en])
    ph.sort(key=lambda x: x[0])
    spells = []
    for st, en in ph:
        if spells:
            le = spells[-1][1]
            nxt = None if le is None else ((le[0] + 1, 1) if le[1] == 12 else (le[0], le[1] + 1))
            if le is None or st <= nxt:
                if le is not None and (en is None or en > le):
                    spells[-1][1] = en
                continue
        spells.append([st, en])
    return [(a[0], None if b is None else b[0]) for a, b in spells]


def _fix_atop():
    by = defaultdict(lambda: defaultdict(list))
    for r in s.ATOP_M:
        by[r['atopid']][int(r['member'])].append(r)
    changed = 0
    for aid in s.ATOP_A:
        per_nation = defaultdict(list)
        for code, rows in by[aid].items():
            n = s.cow_nation(code, s._i(rows[0]['yrent']))
            if n is not None:
                per_nation[n].extend(rows)
        parts = [{'nation': n, 'join': j, 'exit': x, 'role': 'member'}
                 for n, rows in per_nation.items() for j, x in _atop_spells(rows)]
        a = s.AGREEMENTS['atop:%s' % aid]
        if sorted((p['nation'], p['join'], p['exit'] or 0) for p in parts) != \
                sorted((p['nation'], p['join'], p['exit'] or 0) for p in a['parts']):
            changed += 1
        a['parts'] = parts
    s.BY_NATION.clear()
    for a in s.AGREEMENTS.values():
        for p in a['parts']:
            s.BY_NATION[p['nation']].append((a['id'], p))
    return changed


ATOP_CHANGED = _fix_atop()


# ---- SIPRI sectors (contract: defence + arms procurement; + military assistance / defence industry)
for _a in s.AGREEMENTS.values():
    if _a['source'] == 'sipri':
        _a['sectors'] = {'defence', 'arms procurement'}
        if 'military assistance' in _a['kinds']:
            _a['sectors'].add('military assistance')
        if 'defence-industry collaboration' in _a['kinds']:
            _a['sectors'].add('defence industry')


# ---------------------------------------------------------------- helpers returning expect dicts
def nations(xs):
    xs = sorted(set(xs))
    return {'nations': xs} if xs else {'status': 'no_results'}


def agreements(xs):
    xs = sorted(set(xs))
    return {'agreements': xs} if xs else {'status': 'no_results'}


def orgs(xs):
    xs = sorted(set(xs))
    return {'organizations': xs} if xs else {'status': 'no_results'}


def value(v):
    return {'value': v}


def status(st):
    return lambda: {'status': st}


def first_year(ids):
    ids = list(ids)
    return value(min(s.A(i)['start'] for i in ids)) if ids else {'status': 'no_results'}


def latest_year(ids):
    ids = list(ids)
    return value(max(s.A(i)['start'] for i in ids)) if ids else {'status': 'no_results'}


def top(counts, n):
    lst, tie = s.top_n(counts, n)
    assert not tie, ('tie at the cut', counts)
    return nations(lst)


def most(counts):
    return nations(s.argmax(counts))


def common(x, y, **kw):
    return nations((s.partners(x, **kw) & s.partners(y, **kw)) - {x, y})


# ---- weapon designations, per the clarification in semantics.md (word equality or family prefix)
def _words(txt):
    return [re.sub(r'[^0-9a-z]', '', w.lower()) for w in txt.split() if re.sub(r'[^0-9a-z]', '', w.lower())]


def des_ok(designation, name):
    dws = _words(designation)
    for q in _words(name):
        if not any(d == q or (d.startswith(q) and d[len(q):].isalpha()) for d in dws):
            return False
    return True


# Narrow weapon categories as the contract states them (semantics.md, "SIPRI weapon categories" and the
# round-two decisions): (armed) UAV is an armed drone; UAVs also take maritime patrol UAV and
# light aircraft/UAV; combat aircraft also take FGA/electronic warfare aircraft; frigates every
# description naming a frigate; training tank is no tank; loitering munitions are missiles, no UAVs.
CONTRACT_EXTRA = {
    'armed drones': {'(armed) UAV'},
    'uav': {'(armed) UAV', 'maritime patrol UAV', 'light aircraft/UAV'},
    'combat aircraft': {'FGA/electronic warfare aircraft'},
}
# descriptions whose category the contract leaves unclear: a gold must be the same with and without them
UNCLEAR = {
    'combat aircraft': {'(armed) trainer aircraft'},
    'helicopters': {'helicopter/transport aircraft'},
}
LOOSE = [False]   # gold_c.py computes every gold twice, with LOOSE[0] False and True, and compares


def cat_ok(desc, cat):
    if s.cat_match(desc, cat) or desc in CONTRACT_EXTRA.get(cat, set()):
        return True
    return LOOSE[0] and desc in UNCLEAR.get(cat, set())


def deals(sup=None, rec=None, lo=None, hi=None, cat=None, des=None, delivered=None, kind=None):
    out = []
    for r in s.sipri_deals(sup=sup, rec=rec, lo=lo, hi=hi, delivered=delivered, kind=kind):
        if des and not des_ok(r['designation'], des):
            continue
        if cat and not cat_ok(r['description'], cat):
            continue
        out.append(r)
    return out


def sids(rs):
    return ['sipri:%d' % r['n'] for r in rs]


def recipients(rs, among=None):
    xs = {r['rec'] for r in rs if r['rec']}
    return xs & among if among is not None else xs


def suppliers(rs):
    return {r['sup'] for r in rs if r['sup']}


def deal_counts_by_recipient(rs, among=None):
    c = defaultdict(int)
    for r in rs:
        if r['rec'] and (among is None or r['rec'] in among):
            c[r['rec']] += 1
    return dict(c)


def top_suppliers(x, n, lo=None, hi=None):
    lst, tie, _ = s.top_arms_suppliers(x, n, lo, hi)
    assert not tie
    return nations(lst)


# ---- exercises
def exercises(x, y, lo=None, hi=None):
    return agreements(i for i in s.exercises_between(x, y)
                      if (lo is None or s.A(i)['start'] >= lo) and (hi is None or s.A(i)['start'] <= hi))


def series_participants(series, year):
    rows = [m for m in s.series_rows(series) if m['year'] == year]
    assert rows
    return nations(n for m in rows for n in m['nations'])


def curated(cid):
    return 'curated:' + cid


def members_oic_at(y):
    """members in a past year: the OIC list (joined_year <= y) plus COW IGO's spells, which add only
    North and South Yemen (cow-678, cow-680), as the contract says ("members ever are 59")."""
    a = s.org_members_at('OIC', y)
    b = a | {n for n, sp in s.IGO['OIC'].items() if any(x[0] <= y <= x[1] for x in sp)}
    assert b - a <= {'cow-678', 'cow-680'}, (y, sorted(b - a))
    return nations(b)


def last_members(org):
    last = max(x[1] for sp in s.IGO[org].values() for x in sp)
    return nations(s.org_members_at(org, last))


# ---------------------------------------------------------------- the questions
# (question, type, gold function)
Q = []


def q(text, typ, fn):
    Q.append((text, typ, fn))


# ===== partners of a nation (kind / sector / period / in force)
q('مين الدول اللي عندها اتفاقيات تعاون دفاعي مع باكستان؟', 'partners',
  lambda: nations(s.partners('PAK', kind=DCA)))
q('مع مين وقعت تركيا اتفاقيات تجارة حرة من 2010 و رايح', 'partners',
  lambda: nations(s.partners('TUR', kind=EC, time=('event', 2010, None))))
q('من كانوا حلفاء مصر سنة 1978؟', 'partners',
  lambda: nations(s.partners('EGY', kind=AL, time=('state', 1978, 1978))))
q('الدول اللي وقعت اتفاقات تطبيع مع اسرائيل', 'partners',
  lambda: nations(s.partners('ISR', kind='normalization')))
q('ايران عندها شراكات استراتيجيه مع اي دول؟', 'partners',
  lambda: nations(s.partners('IRN', kind='strategic partnership')))
q('مع من تتبادل إندونيسيا المعلومات الاستخباراتية (intelligence sharing)؟', 'partners',
  lambda: nations(s.partners('IDN', kind='intelligence sharing')))
q('شركاء المغرب في اتفاقيات التجارة اللي توقعت من 2005 لليوم', 'partners',
  lambda: nations(s.partners('MAR', kind=EC, time=('event', 2005, None))))
q('ماليزيا وقعت اتفاقيات تعاون دفاعي مع مين بين 2000 و 2009؟', 'partners',
  lambda: nations(s.partners('MYS', kind=DCA, time=('event', 2000, 2009))))
q('شكون كانو حلفاء الكويت فعام ١٩٩١؟', 'partners',
  lambda: nations(s.partners('KWT', kind=AL, time=('state', 1991, 1991))))
q('اعطني اهم 5 شركاء لباكستان في اتفاقيات التعاون الدفاعي', 'partners_top',
  lambda: top(s.shared_counts('PAK', kind=DCA), 5))
q('ما هي الدول الأعضاء في منظمة التعاون الإسلامي التي لديها حلف دفاعي مع الولايات المتحده؟', 'partners',
  lambda: nations(s.partners('USA', kind=DP) & OIC))
q('مين الدول اللي ساعدت بنغلاديش في الكوارث (disaster relief)؟', 'partners',
  lambda: nations(s.partners('BGD', kind='disaster response')))
q('شركاء تركيا في الصناعات الدفاعية', 'partners',
  lambda: nations(s.partners('TUR', kind='defence-industry collaboration')))
q('لو سمحت، مع أي دول عندها قطر اتفاقيات مساعدات عسكرية؟', 'partners',
  lambda: nations(s.partners('QAT', kind='military assistance')))
q('مين اكبر شريك للسعودية في اتفاقيات التعاون الدفاعي؟', 'partners_most',
  lambda: most(s.shared_counts('SAU', kind=DCA)))
q('عندي سؤال لو سمحت، بدي اعرف شو الدول اللي عندها اتفاقيات تعاون دفاعي مع تركيا وكمان مع أذربيجان بنفس الوقت', 'common_partners',
  lambda: common('TUR', 'AZE', kind=DCA))
q('حلفاء العراق في 1955', 'partners',
  lambda: nations(s.partners('IRQ', kind=AL, time=('state', 1955, 1955))))
q('مع أي بلدان وقعت الجزائر اتفاقيات تعاون نووي؟', 'partners',
  lambda: nations(s.partners('DZA', kind=NUC)))
q('مين الدول الموردة في اتفاقيات التعاون النووي مع مصر؟ يعني اللي زودت مصر', 'partners',
  lambda: nations(s.nuclear_suppliers('EGY')))
q('الإمارات UAE وقعت اتفاقيات تعاون دفاعي مع مين قبل سنة 2000؟', 'partners',
  lambda: nations(s.partners('ARE', kind=DCA, time=('event', None, 1999))))

# ===== agreements of a nation / between two nations
q('ما هي اتفاقيات الدفاع المشترك بين تركيا وأذربيجان؟', 'agreements',
  lambda: agreements(s.agreements_between('TUR', 'AZE', kind=DP)))
q('هل كان عند كازاخستان حلف دفاعي مع روسيا قبل 1990؟', 'agreements_yesno',
  lambda: value(bool(s.agreements_between('KAZ', 'RUS', kind=DP, time=('state', None, 1989)))))
q('كم اتفاقية تعاون دفاعي وقعتها اندونسيا؟', 'agreements_count',
  lambda: value(len(s.agreements_of('IDN', kind=DCA))))
q('امتى عمان وقعت اول اتفاقيه تعاون دفاعي ليها؟', 'agreements_first',
  lambda: first_year(s.agreements_of('OMN', kind=DCA)))
q('ايش الاتفاقيات النووية بين باكستان والصين', 'agreements',
  lambda: agreements(s.agreements_between('PAK', 'CHN', kind=NUC)))
q('هل KSA وقعت اتفاق تطبيع مع اسرائيل؟', 'agreements_yesno',
  lambda: value(bool(s.agreements_between('SAU', 'ISR', kind='normalization'))))
q('اتفاقيات التجارة الحرة بين الأردن وأمريكا', 'agreements',
  lambda: agreements(s.agreements_between('JOR', 'USA', kind=EC)))
q('هل في اتفاقية تجارة حرة بين المغرب و الولايات المتحدة؟', 'agreements_yesno',
  lambda: value(bool(s.agreements_between('MAR', 'USA', kind=EC))))
q('في كم حلف كان العراق عضو سنة 1955؟', 'agreements_count',
  lambda: value(len(s.agreements_of('IRQ', kind=AL, time=('state', 1955, 1955)))))
q('الاتفاقيات اللي السعودية هي الطرف القائد فيها', 'agreements',
  lambda: agreements(i for i, a in s.AGREEMENTS.items() if a.get('lead') == 'SAU'))
q('في أي سنة وقعت مصر آخر اتفاقية تجارية لها؟', 'agreements_latest',
  lambda: latest_year(s.agreements_of('EGY', kind=EC)))
q('كم اتفاقية تعاون دفاعي بين تركيا وباكستان؟', 'agreements_count',
  lambda: value(len(s.agreements_between('TUR', 'PAK', kind=DCA))))
q('عدد اتفاقيات التعاون النووي اللي وقعتها الهند في الثمانينات', 'agreements_count',
  lambda: value(len(s.agreements_of('IND', kind=NUC, time=('event', 1980, 1989)))))
q('هل تونس و ليبيا كانوا في تحالف عسكري سنة 1980؟', 'agreements_yesno',
  lambda: value(bool(s.agreements_between('TUN', 'LBY', kind=AL, time=('state', 1980, 1980)))))
q('أول حلف وقعته باكستان كان في أي سنة؟', 'agreements_first',
  lambda: first_year(s.agreements_of('PAK', kind=AL)))
q('اتفاقيات عدم الاعتداء اللي وقعتها أفغانستان', 'agreements',
  lambda: agreements(s.agreements_of('AFG', kind='non-aggression pact')))
q('كم اتفاقية تعاون نووي بين الإمارات وأمريكا؟', 'agreements_count',
  lambda: value(len(s.agreements_between('ARE', 'USA', kind=NUC))))
q('هل بين قطر وتركيا اتفاقية تعاون دفاعي', 'agreements_yesno',
  lambda: value(bool(s.agreements_between('QAT', 'TUR', kind=DCA))))
q('اتفاقيات الاستجابة للكوارث اللي شاركت فيها باكستان', 'agreements',
  lambda: agreements(s.agreements_of('PAK', kind='disaster response')))
q('إمتى الجزائر مضت أول اتفاقية تعاون نووي؟', 'agreements_first',
  lambda: first_year(s.agreements_of('DZA', kind=NUC)))

# ===== named agreements (names as the data holds them, in English inside the Arabic)
q('مين الاطراف في Saudi-led coalition in Yemen؟', 'parties',
  lambda: nations(s.parties(curated('saudi-led-coalition-yemen-2015'))))
q('متى تم توقيع Egypt–Israel peace treaty ؟', 'agreement_facts',
  lambda: value(s.A(curated('egypt-israel-peace-treaty-1979'))['start']))
q('هل Black Sea Grain Initiative لسه سارية؟', 'agreement_facts',
  lambda: value(s.agreement_in_force(curated('black-sea-grain-initiative-2022'))))
q('الدول المشاركة في اتفاقيات ابراهام Abraham Accords', 'parties',
  lambda: nations(set().union(*(s.parties(curated(c)) for c in (
      'abraham-accords-uae-israel-2020', 'abraham-accords-bahrain-israel-2020',
      'abraham-accords-sudan-israel-2020', 'abraham-accords-morocco-israel-2020')))))
q('سنة كم كان Shusha Declaration؟', 'agreement_facts',
  lambda: value(s.A(curated('shusha-declaration-turkey-azerbaijan-2021'))['start']))
q('مين شارك في Gulf Shield 1؟', 'parties',
  lambda: nations(s.parties(curated('gulf-shield-1-exercise-2018'))))
q('أعضاء Islamic Military Counter Terrorism Coalition اللي هم من دول الخليج GCC', 'parties',
  lambda: nations(s.parties(curated('islamic-military-counter-terrorism-coalition-2015')) & s.org_members('GCC')))
q('هل Zurich Protocols بين تركيا وأرمينيا لا تزال سارية المفعول؟', 'agreement_facts',
  lambda: value(s.agreement_in_force(curated('turkey-armenia-zurich-protocols-2009'))))
q('مين كان الطرف القائد في Operation Serval؟', 'parties',
  lambda: nations([s.A(curated('operation-serval-mali-2013'))['lead']]))

# ===== organizations
q('ما هي الدول الأعضاء في مجلس التعاون الخليجي GCC؟', 'members',
  lambda: last_members('GCC'))
q('هل ايران عضو في اوبك OPEC؟', 'members_yesno',
  lambda: value('IRN' in s.org_members('OPEC')))
q('متى انضمَّت مِصر لمنظمة التعاون الإسلامي؟', 'members_join_year',
  lambda: value(s.org_join_year('OIC', 'EGY')))
q('كم عدد الدول الأعضاء في OIC؟', 'members_count',
  lambda: value(len(s.org_members('OIC'))))
q('ما هي دول منظمة التعاون الاسلامي الأعضاء في حلف الناتو؟', 'members',
  lambda: nations(s.org_members('NATO') & OIC))
q('هل روسيا دولة مراقبة في منظمة التعاون الإسلامي؟', 'members_yesno',
  lambda: value('RUS' in s.OIC_OBSERVERS))
q('المنظمات اللي تركيا عضو فيها او كانت عضو فيها', 'organizations',
  lambda: orgs(s.nation_orgs('TUR')))
q('هل باكستان عضو في منظمة شنغهاي للتعاون؟', 'members_yesno',
  lambda: value('PAK' in s.org_members('SCO')))
q('الدول اللي انضمت للـ OIC في السبعينات', 'members_joined',
  lambda: nations(s.org_joined_in('OIC', 1970, 1979)))
q('اعضاء منظمه التعاون الاقتصادي ECO', 'members',
  lambda: last_members('ECO'))
q('مين كانوا أعضاء حلف بغداد CENTO سنة 1970؟', 'members_at',
  lambda: nations(s.org_members_at('CENTO', 1970)))
q('ما هي المنظمات التي تنتمي إليها ماليزيا؟', 'organizations',
  lambda: orgs(s.nation_orgs('MYS')))
q('متى دخلت سلطنة عمان جامعة الدول العربية؟', 'members_join_year',
  lambda: value(s.org_join_year('LAS', 'OMN')))
q('الدول الأعضاء في D-8', 'members',
  lambda: last_members('D8'))
q('من هم أعضاء الاتحاد المغاربي AMU', 'members',
  lambda: last_members('AMU'))
q('كم دولة كانت عضو في منظمة المؤتمر الإسلامي عام ١٩٧٥؟', 'members_count_at',
  lambda: value(len(members_oic_at(1975)['nations'])))
q('مين كانوا أعضاء SEATO؟', 'members',
  lambda: last_members('SEATO'))
q('هل كان العراق عضوا في أوبك سنة 1990؟', 'members_yesno',
  lambda: value('IRQ' in s.org_members_at('OPEC', 1990)))
q('قطر انضمت لأوبك امتى؟', 'members_join_year',
  lambda: value(s.org_join_year('OPEC', 'QAT')))
q('هل أذربيجان عضو في منظمة التعاون الإسلامي؟', 'members_yesno',
  lambda: value('AZE' in s.org_members('OIC')))

# ===== arms transfers (SIPRI)
q('السلام عليكم، مين الدول اللي تبيع سلاح للجزاير من 2010؟', 'arms_suppliers',
  lambda: nations(suppliers(deals(rec='DZA', lo=2010))))
q('ايش صدرت تركيا من سلاح لباكستان من 2015؟', 'arms_deals',
  lambda: agreements(sids(deals(sup='TUR', rec='PAK', lo=2015))))
q('أي دول من منظمة التعاون الإسلامي اشترت Bayraktar TB2؟', 'arms_buyers',
  lambda: nations(recipients(deals(des='Bayraktar TB2'), OIC)))
q('أكبر 5 موردين سلاح للسعودية بين 2010 و 2020', 'arms_top_suppliers',
  lambda: top_suppliers('SAU', 5, 2010, 2020))
q('هل استلمت باكستان غواصات من الصين؟', 'arms_yesno',
  lambda: value(bool(deals(sup='CHN', rec='PAK', cat='submarines', delivered=True))))
q('هل استلمت مصر غواصات من المانيا؟', 'arms_yesno',
  lambda: value(bool(deals(sup='DEU', rec='EGY', cat='submarines', delivered=True))))
q('اي دول اسلامية اشترت طائرات مقاتلة من فرنسا من 2010 ؟', 'arms_buyers',
  lambda: nations(recipients(deals(sup='FRA', lo=2010, cat='combat aircraft'), OIC)))
q('مين زود نيجيريا بدرونز مسلحة؟', 'arms_suppliers',
  lambda: nations(suppliers(deals(rec='NGA', cat='armed drones'))))
q('كم صفقة سلاح بين روسيا والجزائر في الألفينات؟', 'arms_count',
  lambda: value(len(deals(sup='RUS', rec='DZA', lo=2000, hi=2009))))
q('شو الدول اللي اشترت JF-17؟', 'arms_buyers',
  lambda: nations(recipients(deals(des='JF-17'))))
q('موردو المروحيات للعراق منذ 2003', 'arms_suppliers',
  lambda: nations(suppliers(deals(rec='IRQ', lo=2003, cat='helicopters'))))
q('منو كان يورد سلاح للإمارات في التسعينات؟', 'arms_suppliers',
  lambda: nations(suppliers(deals(rec='ARE', lo=1990, hi=1999))))
q('هل باعت ايران اسلحة لفنزولا؟', 'arms_yesno',
  lambda: value(bool(deals(sup='IRN', rec='VEN'))))
q('أي عضو في OIC اشترى أكبر عدد من صفقات الدبابات؟', 'arms_most',
  lambda: most(deal_counts_by_recipient(deals(cat='tanks'), OIC)))
q('ممكن تعطيني أهم ٣ موردين سلاح لمصر؟', 'arms_top_suppliers',
  lambda: top_suppliers('EGY', 3))
q('هل حصلت تركيا علي طائرات مسيرة من اسرائيل؟', 'arms_yesno',
  lambda: value(bool(deals(sup='ISR', rec='TUR', cat='uav', delivered=True))))
q('الدول اللي اشترت رافال Rafale', 'arms_buyers',
  lambda: nations(recipients(deals(des='Rafale'))))

# ===== joint military exercises (MME + curated)
q('ايش المناورات العسكرية المشتركة اللي سوتها باكستان مع تركيا؟', 'exercises',
  lambda: exercises('PAK', 'TUR'))
q('مين شارك في مناورات Bright Star سنة 1985؟', 'exercise_participants',
  lambda: series_participants('Bright Star', 1985))
q('المناورات المشتركة بين المغرب وأمريكا في التسعينات', 'exercises',
  lambda: exercises('MAR', 'USA', 1990, 1999))
q('أي دول OIC شاركت في تمارين إنسانية مع الأردن؟', 'exercise_partners',
  lambda: nations(s.humanitarian_exercise_partners('JOR') & OIC))
q('كم مناورة عسكرية مشتركة عملتها ماليزيا مع سنغافورة؟', 'exercises_count',
  lambda: value(len(s.exercises_between('MYS', 'SGP'))))
q('واش السعوديه ومصر دارو مناورات مشتركة؟', 'exercises_yesno',
  lambda: value(bool(s.exercises_between('SAU', 'EGY'))))
q('مين شارك بمناورات Anatolian Eagle عام 2007', 'exercise_participants',
  lambda: series_participants('Anatolian Eagle', 2007))
q('دول منظمة التعاون الإسلامي اللي عملت تمارين انسانيه مع امريكا', 'exercise_partners',
  lambda: nations(s.humanitarian_exercise_partners('USA') & OIC))

# ===== failures: out of scope, unknown names, ambiguity, no_match, no_results
q('كيف الجو في الرياض اليوم؟', 'out_of_scope', status('out_of_scope'))
q('كم سعر الذهب في دبي الحين', 'out_of_scope', status('out_of_scope'))
q('ما هي عاصمة ماليزيا؟', 'out_of_scope', status('out_of_scope'))
q('مين وزير الدفاع التركي حاليا؟', 'out_of_scope', status('out_of_scope'))
q('كم عدد سكان مصر؟', 'out_of_scope', status('out_of_scope'))
q('ابغى مطعم زين في جدة', 'out_of_scope', status('out_of_scope'))
q('هل في حلف دفاعي بين Genovia و مصر؟', 'unknown_entity', status('unknown_entity'))
q('اتفاقيات التجارة اللي وقعتها Latveria', 'unknown_entity', status('unknown_entity'))
q('مين حلفاء Elbonia؟', 'unknown_entity', status('unknown_entity'))
q('مين حلفاء الكونغو؟', 'ambiguous', status('ambiguous'))
q('هل عند كوريا اتفاقيات تعاون نووي مع الامارات؟', 'ambiguous', status('ambiguous'))
q('ليش تركيا وقعت اتفاقية دفاع مع أذربيجان؟', 'no_match', status('no_match'))
q('كم جندي أرسلت السعودية في Saudi-led coalition in Yemen؟', 'no_match', status('no_match'))
q('هل ستوقع السعودية حلفًا دفاعيًا مع اسرائيل السنة الجاية؟', 'no_match', status('no_match'))
q('الاتفاقيات الدفاعية اللي وقعتها مصر سنة 1440 هـ', 'no_match', status('no_match'))
q('ما هو أقوى تحالف عسكري لباكستان؟', 'no_match', status('no_match'))
q('هل لدى المملكة المتحدة اتفاقيات تطبيع؟', 'no_results',
  lambda: nations(s.partners('GBR', kind='normalization')))
q('أي دول من OIC اشترت غواصات من اليابان؟', 'no_results',
  lambda: nations(recipients(deals(sup='JPN', cat='submarines'), OIC)))
q('اتفاقيات الشراكة الاستراتيجية بين المغرب والصين', 'no_results',
  lambda: agreements(s.agreements_between('MAR', 'CHN', kind='strategic partnership')))
q('البحرين وقعت اتفاقيات تعاون نووي مع مين؟', 'no_results',
  lambda: nations(s.partners('BHR', kind=NUC)))
q('التمارين العسكرية المشتركة بين ايران والسعودية', 'no_results',
  lambda: exercises('IRN', 'SAU'))
