# -*- coding: utf-8 -*-
"""Arabic questions for sets A and B, each with its gold answer computed from the sources.

q(set, type, question, expect): expect is computed here, from sharaka_data (my reading of
docs/semantics.md). Set 'A' = set_a.jsonl, 'B' = set_b.jsonl.
"""
from sharaka_data import *  # noqa

Q = []


def q(st, typ, text, exp):
    Q.append((st, typ, text, exp))


def N(s):
    s = {x for x in s if x}
    return {'nations': sorted(s)} if s else {'status': 'no_results'}


def AG(s):
    s = set(s)
    return {'agreements': sorted(s)} if s else {'status': 'no_results'}


def ORG(s):
    s = set(s)
    return {'organizations': sorted(s)} if s else {'status': 'no_results'}


def V(v):
    return {'value': v}


def F(st):
    return {'status': st}


def T(n, tie_ok=False):
    lst, tie = n
    assert tie_ok or not tie, 'tie at cut'
    return N(lst)



def SUP(x, **kw):
    """suppliers of x; a weapon-category question is kept only if its answer does not depend on
    how the descriptions on the edge of a narrow concept are read (see FUZZY)."""
    a = arms_suppliers(x, **kw)
    if kw.get('cat'):
        assert a == arms_suppliers(x, loose=True, **kw), ('category answer not robust', x, kw)
    return a


def REC(x, **kw):
    a = arms_recipients(x, **kw)
    if kw.get('cat'):
        assert a == arms_recipients(x, loose=True, **kw), ('category answer not robust', x, kw)
    return a


def BUYERS(**kw):
    a = {r['rec'] for r in sipri_deals(**kw)}
    if kw.get('cat'):
        assert a == {r['rec'] for r in sipri_deals(loose=True, **kw)}
    return a


def first_year(ids):
    return min(A(i)['start'] for i in ids)


def last_year(ids):
    return max(A(i)['start'] for i in ids)


DCA = 'defence cooperation agreement'
TRADE = 'economic partnership or trade agreement'
NUC = 'nuclear cooperation agreement'
EX = 'joint exercise'
ALL = 'alliance'
DP = 'defence pact'
NORM = 'normalization'
INTEL = 'intelligence sharing'
ARMS = 'arms transfer'
DIC = 'defence-industry collaboration'
MILAID = 'military assistance'
STRAT = 'strategic partnership'
HUM = 'humanitarian mission'
DIS = 'disaster response'
TECH = 'technology exchange'

OIC = org_members('OIC')
GCC = org_members('GCC')
LAS = org_members('LAS')


def ev(lo=None, hi=None):
    return ('event', lo, hi)


def st(lo=None, hi=None):
    return ('state', lo, hi)


# =====================================================================================
# partners by kind (no time)
q('A', 'partners_kind', 'لو سمحت مع اي دول وقعت باكستن اتفاقيات تعاون دفاعي', N(partners('PAK', DCA)))
q('A', 'partners_kind', 'الدول اللي عندها اتفاقية تعاون دفاعي مع السعوديه', N(partners('SAU', DCA)))
q('A', 'partners_kind', 'ممكن تعطيني قائمة بالدول التي طبّعت مع اسرائيل', N(partners('ISR', NORM)))
q('A', 'partners_kind', 'مع مين بتتبادل باكستان المعلومات الاستخباراتية', N(partners('PAK', INTEL)))
q('A', 'partners_kind', 'شركاء مِصْر في التعاون النووي', N(partners('EGY', NUC)))
q('A', 'partners_kind', 'ايش الدول اللي عندها شراكه استراتيجيه مع KSA', N(partners('SAU', STRAT)))
q('A', 'partners_kind', 'مع من تعاونت تركيا في مهمات إنسانية؟', N(partners('TUR', HUM)))
q('A', 'partners_kind', 'الدول التي ساعدت باكستان أو تعاونت معها في الاستجابة للكوارث', N(partners('PAK', DIS)))
q('A', 'partners_kind', 'بدي اعرف مع اي دول عمل الاردن مناورات عسكريه مشتركه', N(partners('JOR', EX)))
q('A', 'partners_kind', 'شركاء قطر في اتفاقيات التعاون الدفاعي DCA', N(partners('QAT', DCA)))
q('A', 'partners_kind', 'مين شركاء باكستان في الصناعات الدفاعية والانتاج المشترك؟', N(partners('PAK', DIC)))
q('A', 'partners_kind', 'قطر طبعت او تصالحت مع مين', N(partners('QAT', NORM)))
q('A', 'partners_kind', 'الدول اللي عندها اتفاقيات تعاون دفاعي مع الاردن', N(partners('JOR', DCA)))
q('A', 'partners_kind', 'عايز اعرف الدول اللي عندها اتفاقيات تعاون دفاعي مع مصر', N(partners('EGY', DCA)))
q('B', 'partners_kind', 'اريد قائمة الدول التي وقعت معها اندنوسيا اتفاقيات تعاون دفاعي', N(partners('IDN', DCA)))
q('B', 'partners_kind', 'شركاء الامارت في التعاون النووي', N(partners('ARE', NUC)))
q('B', 'partners_kind', 'مع مين تتبادل السعودية معلومات استخباراتية', N(partners('SAU', INTEL)))
q('B', 'partners_kind', 'الدول التي أجرت ماليزيا معها تدريبات عسكرية مشتركة', N(partners('MYS', EX)))
q('B', 'partners_kind', 'مع من تتعاون تركيه في الصناعات الدفاعيه والانتاج المشترك', N(partners('TUR', DIC)))
q('B', 'partners_kind', 'الدول اللي وقعت معها الامارات اتفاقيات تبادل تكنولوجي', N(partners('ARE', TECH)))
q('B', 'partners_kind', 'الكويت عندها اتفاقيات تعاون دفاعي مع مين؟', N(partners('KWT', DCA)))

# partners, signed in a period (events)
q('A', 'partners_signed_period', 'تركيا وقعت اتفاقيات تعاون دفاعي مع مين سنة ٢٠٠٥', N(partners('TUR', DCA, time=ev(2005, 2005))))
q('A', 'partners_signed_period', 'الدول التي وقعت معها اندونيسيا اتفاقيات تعاون دفاعي في الالفينات', N(partners('IDN', DCA, time=ev(2000, 2009))))
q('A', 'partners_signed_period', 'مع من وقعت ماليزيا اتفاقيات DCA قبل سنة 2000', N(partners('MYS', DCA, time=ev(None, 1999))))
q('A', 'partners_signed_period', 'الدول التي طبعت مع إسرائيل منذ 2019', N(partners('ISR', NORM, time=ev(2019, None))))
q('A', 'partners_signed_period', 'مع مين وقعت باكستان اتفاقيات تعاون نووي ايام السبعينات', N(partners('PAK', NUC, time=ev(1970, 1979))))
q('A', 'partners_signed_period', 'مع من وقّعت تركيا اتفاقيات تجارة حرة بين ٢٠٠٠ و٢٠٠٩', N(partners('TUR', TRADE, time=ev(2000, 2009))))
q('A', 'partners_signed_period', 'الدول التي وقعت معها UAE اتفاقيات تعاون دفاعي في التسعينيات', N(partners('ARE', DCA, time=ev(1990, 1999))))
q('A', 'partners_signed_period', 'مع مين وقعت باكستان معاهدات دفاع مشترك من سنة 2000 وطالع', N(partners('PAK', DP, time=ev(2000, None))))
q('B', 'partners_signed_period', 'مع من وقعت كازاخستان اتفاقيات تعاون دفاعي منذ ٢٠٠٨', N(partners('KAZ', DCA, time=ev(2008, None))))
q('B', 'partners_signed_period', 'مع اي دول وقع الأردن اتفاقيات تجاريه بعد عام ٢٠٠٠', N(partners('JOR', TRADE, time=ev(2001, None))))
q('B', 'partners_signed_period', 'مع من وقعت مصر اتفاقيات تعاون نووي قبل ١٩٧٠', N(partners('EGY', NUC, time=ev(None, 1969))))
q('B', 'partners_signed_period', 'الدول اللي وقعت معها ازربيجان اتفاقيات تعاون دفاعي في الفترة من 2000 الى 2005', N(partners('AZE', DCA, time=ev(2000, 2005))))

# partners in force in a year / since (state of affairs)
q('A', 'partners_in_force', 'من كانوا حلفاء مصر في عام ١٩٨٠؟', N(partners('EGY', ALL, time=st(1980, 1980))))
q('A', 'partners_in_force', 'مع من كانت إيران في تحالف سنة 1975', N(partners('IRN', ALL, time=st(1975, 1975))))
q('A', 'partners_in_force', 'حلفاء العراق في ١٩٥٦', N(partners('IRQ', ALL, time=st(1956, 1956))))
q('A', 'partners_in_force', 'مع من كانت باكستان مرتبطة بمعاهدة دفاع مشترك سارية في عام 1970', N(partners('PAK', DP, time=st(1970, 1970))))
q('A', 'partners_in_force', 'هل كان لإيران حلفاء في ١٩٨٥؟ مين هم', N(partners('IRN', ALL, time=st(1985, 1985))))
q('A', 'partners_since_state', 'مين حلفاء باكستان منذ عام 2000 (التحالفات السارية من وقتها)', N(partners('PAK', ALL, time=st(2000, None))))
q('B', 'partners_in_force', 'من كانوا حلفاء الاردن في 1970', N(partners('JOR', ALL, time=st(1970, 1970))))
q('B', 'partners_in_force', 'مع اي دول كانت تركيا في معاهدة دفاع مشترك عام 1953', N(partners('TUR', DP, time=st(1953, 1953))))
q('B', 'partners_in_force', 'حلفاء مصر في 1978', N(partners('EGY', ALL, time=st(1978, 1978))))

# partners by sector
q('A', 'partners_sector', 'مع من عند تركيا اتفاقيات في قطاع الطاقه', N(partners('TUR', sector='energy')))
q('A', 'partners_sector', 'الدول التي لدى اندونيسيا معها اتفاقيات اقتصادية', N(partners('IDN', sector='economy')))
q('A', 'partners_sector', 'مع من لدى الامارات اتفاقيات في مجال التكنولوجيا والفضاء', N(partners('ARE', sector='technology')))
q('A', 'partners_sector', 'شركاء نيجيريا في الاتفاقيات الاستخباراتية ومكافحة الارهاب', N(partners('NGA', sector='intelligence')))
q('B', 'partners_sector', 'مع من وقعت مصر اتفاقيات في مجال الطاقة', N(partners('EGY', sector='energy')))
q('B', 'partners_sector', 'شركاء قطر في الاتفاقيات الإنسانية', N(partners('QAT', sector='humanitarian')))

# allies vs defence pacts, obligations
q('A', 'allies', 'مين حلفاء المغرب', N(partners('MAR', ALL)))
q('A', 'defence_pact_partners', 'مع من يرتبط المغرب بمعاهدات دفاع مشترك', N(partners('MAR', DP)))
q('A', 'allies', 'ممكن تقولي مين حلفاء افغانستان؟؟', N(partners('AFG', ALL)))
q('A', 'defence_pact_partners', 'ما الدول التي لديها معاهده دفاع مشترك مع باكستان', N(partners('PAK', DP)))
q('A', 'obligation_partners', 'مع من وقعت افغانستان معاهدات عدم اعتداء', N(partners('AFG', 'non-aggression pact')))
q('A', 'obligation_partners', 'الدول التي لديها مع إيران معاهدات حياد', N(partners('IRN', 'neutrality pact')))
q('A', 'obligation_partners', 'مع من لدى السعودية اتفاقيات تشاور (consultation pacts)', N(partners('SAU', 'consultation pact')))
q('B', 'allies', 'حلفاء باكستان؟؟', N(partners('PAK', ALL)))
q('B', 'defence_pact_partners', 'الدول المرتبطة بمعاهدات دفاع مشترك مع تونس', N(partners('TUN', DP)))
q('B', 'obligation_partners', 'مع من لدى تركيا معاهدات حياد', N(partners('TUR', 'neutrality pact')))

# agreements of a nation / between two
q('A', 'agreements_of_nation', 'ما هي اتفاقيات التطبيع التي وقعتها دولة الإمارات', AG(agreements_of('ARE', NORM)))
q('A', 'agreements_of_nation', 'اتفاقيات تبادل المعلومات الاستخباراتية اللي باكستان طرف فيها', AG(agreements_of('PAK', INTEL)))
q('A', 'agreements_of_nation', 'ما المهمات الإنسانية التي شاركت فيها قطر', AG(agreements_of('QAT', HUM)))
q('A', 'agreements_of_nation', 'اتفاقيات التعاون النووي لبنغلاديش', AG(agreements_of('BGD', NUC)))
q('A', 'agreements_of_nation', 'التحالفات التي دخلتها اذربيجان', AG(agreements_of('AZE', ALL)))
q('A', 'agreements_of_nation', 'ما اتفاقيات المساعدات العسكرية الخاصة بالصومال', AG(agreements_of('SOM', MILAID)))
q('B', 'agreements_of_nation', 'ما هي اتفاقيات التطبيع التي وقعتها البحرين', AG(agreements_of('BHR', NORM)))
q('B', 'agreements_of_nation', 'الشراكات الاستراتيجية لإيران', AG(agreements_of('IRN', STRAT)))
q('B', 'agreements_of_nation', 'اتفاقيات الاستجابة للكوارث اللي شاركت فيها تركيا', AG(agreements_of('TUR', DIS)))

q('A', 'agreements_between', 'شو الاتفاقيات بين مصر واسرائيل', AG(agreements_between('EGY', 'ISR')))
q('A', 'agreements_between', 'وش الاتفاقيات اللي بين السعودية وايران', AG(agreements_between('SAU', 'IRN')))
q('A', 'agreements_between', 'اتفاقيات التعاون الدفاعي بين تركيا واذربيجان', AG(agreements_between('TUR', 'AZE', DCA)))
q('A', 'agreements_between', 'التحالفات بين تركيا وأذربيجان', AG(agreements_between('TUR', 'AZE', ALL)))
q('A', 'agreements_between', 'اتفاقيات التعاون النووي بين باكستان و الصين الشعبية', AG(agreements_between('PAK', 'CHN', NUC)))
q('A', 'agreements_between', 'ما اتفاقيات التجارة بين المغرب وتونس', AG(agreements_between('MAR', 'TUN', TRADE)))
q('B', 'agreements_between', 'الاتفاقيات بين الاردن واسرائيل', AG(agreements_between('JOR', 'ISR')))
q('B', 'agreements_between', 'اتفاقيات التعاون الدفاعي بين باكستان والسعودية', AG(agreements_between('PAK', 'SAU', DCA)))
q('B', 'agreements_between', 'معاهدات الدفاع المشترك بين مصر والسعودية', AG(agreements_between('EGY', 'SAU', DP)))

# yes / no
q('A', 'has_agreement', 'هل توجد اتفاقية تعاون دفاعي بين قطر وTürkiye؟', V(bool(agreements_between('QAT', 'TUR', DCA))))
q('A', 'has_agreement', 'هل عند السعودية وايران اي اتفاقية تعاون نووي', V(bool(agreements_between('SAU', 'IRN', NUC))))
q('A', 'has_agreement', 'هل تركيا وأذربيجان في تحالف واحد؟', V(bool(agreements_between('TUR', 'AZE', ALL))))
q('A', 'has_agreement', 'هل كان بين تركيا وأذربيجان معاهدة دفاع مشترك قبل 1990؟', V(bool(agreements_between('TUR', 'AZE', DP, time=st(None, 1989)))))
q('A', 'has_agreement', 'هل وقعت ماليزيا اتفاقية تطبيع مع اسرائيل', V(bool(agreements_between('MYS', 'ISR', NORM))))
q('A', 'has_agreement', 'هل أجرت إيران وأميركا مناورات عسكرية مشتركة؟', V(bool(exercises_between('IRN', 'USA'))))
q('A', 'has_agreement', 'هل في اتفاقية تجارة حرة بين الأردن وأمريكا', V(bool(agreements_between('JOR', 'USA', TRADE))))
q('B', 'has_agreement', 'هل يوجد تحالف بين باكستان والصين', V(bool(agreements_between('PAK', 'CHN', ALL))))
q('B', 'has_agreement', 'هل بين المغرب وإسرائيل اتفاقية تطبيع', V(bool(agreements_between('MAR', 'ISR', NORM))))
q('B', 'has_agreement', 'هل عند اندونيسيا وتركيا اتفاقيات صناعات دفاعية', V(bool(agreements_between('IDN', 'TUR', DIC))))
q('B', 'has_agreement', 'هل كانت مصر والعراق حلفاء في 1980', V(bool(agreements_between('EGY', 'IRQ', ALL, time=st(1980, 1980)))))

# counts
q('A', 'count_agreements', 'كم اتفاقيه تعاون دفاعي وقعت باكستان', V(len(agreements_of('PAK', DCA))))
q('A', 'count_agreements', 'مصر دخلت في كم تحالف', V(len(agreements_of('EGY', ALL))))
q('A', 'count_agreements', 'كم اتفاقية تعاون دفاعي وقعت تركيا في الالفينات؟', V(len(agreements_of('TUR', DCA, time=ev(2000, 2009)))))
q('A', 'count_agreements', 'كم اتفاقية تعاون نووي وقعتها إندونيسيا؟', V(len(agreements_of('IDN', NUC))))
q('A', 'count_agreements_between', 'كم اتفاقية تعاون دفاعي بين تركيا والولايات المتحدة', V(len(agreements_between('TUR', 'USA', DCA))))
q('A', 'count_agreements_between', 'كم مناوره مشتركه سوتها الكويت مع امريكا', V(len(exercises_between('KWT', 'USA'))))
q('A', 'count_partners', 'مع كم دولة لدى قطر اتفاقيات تعاون دفاعي', V(len(partners('QAT', DCA))))
q('A', 'count_partners', 'كم دولة طبعت مع اسرائيل', V(len(partners('ISR', NORM))))
q('B', 'count_agreements', 'كم عدد اتفاقيات التعاون الدفاعي للإمارات', V(len(agreements_of('ARE', DCA))))
q('B', 'count_agreements_between', 'كم مناورة عسكرية مشتركة بين ماليزيا واندونيسيا', V(len(exercises_between('MYS', 'IDN'))))
q('B', 'count_partners', 'مع كم دولة وقعت باكستان اتفاقيات تعاون دفاعي', V(len(partners('PAK', DCA))))
q('B', 'count_agreements', 'كم اتفاقية تطبيع وقعت اسرائيل منذ ٢٠٢٠', V(len(agreements_of('ISR', NORM, time=ev(2020, None)))))

# first / latest
q('A', 'first_between', 'متى وقعت تركيا وأذربيجان أول اتفاقية تعاون دفاعي؟', V(first_year(agreements_between('TUR', 'AZE', DCA))))
q('A', 'latest_between', 'امتى كانت اخر اتفاقية تعاون دفاعي بين باكستان وتركيا', V(last_year(agreements_between('PAK', 'TUR', DCA))))
q('A', 'first_between', 'متى أول اتفاقية تعاون نووي بين مصر والولايات المتحدة', V(first_year(agreements_between('EGY', 'USA', NUC))))
q('A', 'first_of_nation', 'متى وقعت قطر اول اتفاقيه تعاون دفاعي لها', V(first_year(agreements_of('QAT', DCA))))
q('A', 'latest_of_nation', 'في أي سنة وقعت السعودية آخر اتفاقية تطبيع', V(last_year(agreements_of('SAU', NORM))))
q('B', 'first_between', 'متى كان اول تحالف بين باكستان والسعودية', V(first_year(agreements_between('PAK', 'SAU', ALL))))
q('B', 'latest_of_nation', 'متى وقعت اندونيسيا آخر اتفاقية تعاون دفاعي', V(last_year(agreements_of('IDN', DCA))))
q('B', 'latest_between', 'آخر اتفاقية تجارية بين الأردن وتركيا كانت في أي سنة', V(last_year(agreements_between('JOR', 'TUR', TRADE))))

# top partners, superlatives
q('A', 'top_partners', 'اكثر ٣ دول وقعت معها تركيا اتفاقيات تعاون دفاعي', T(top_n(shared_counts('TUR', DCA), 3)))
q('A', 'top_partners', 'مين اكثر دولة عندها اتفاقيات تعاون نووي مع باكستان', N(argmax(shared_counts('PAK', NUC))))
q('A', 'top_partners', 'أهم خمس شركاء لتركيا في المناورات العسكرية', T(top_n(shared_counts('TUR', EX), 5)))
q('A', 'superlative', 'أي دولة عضو في منظمة التعاون الإسلامي لديها أكبر عدد من اتفاقيات التعاون الدفاعي؟', N(argmax(count_by_nation(DCA, among=OIC))))
q('A', 'superlative', 'اي دولة من GCC وقعت اكثر اتفاقيات تعاون دفاعي', N(argmax(count_by_nation(DCA, among=GCC))))
q('A', 'superlative', 'أكثر دولة عربية دخلت في تحالفات', N(argmax(count_by_nation(ALL, among=LAS))))
q('A', 'superlative', 'اكثر 3 دول اسلامية عندها اتفاقيات تعاون نووي', T(top_n(count_by_nation(NUC, among=OIC), 3)))
q('B', 'top_partners', 'اكثر خمس دول اجرت معها ماليزيا مناورات مشتركة', T(top_n(shared_counts('MYS', EX), 5)))
q('B', 'superlative', 'ما الدولة التي وقعت أكبر عدد من اتفاقيات التطبيع', N(argmax(count_by_nation(NORM))))
q('B', 'superlative', 'أي دولة في الجامعة العربية عندها أكثر اتفاقيات تجارة', N(argmax(count_by_nation(TRADE, among=LAS))))

# common partners
q('A', 'common_partners', 'ما الدول التي لديها اتفاقيات تعاون دفاعي مع كل من باكستان والسعودية', N(
    (partners('PAK', DCA) & partners('SAU', DCA)) - {'PAK', 'SAU'}))
q('A', 'common_partners', 'الشركاء المشتركين لمصر والاردن في التعاون الدفاعي', N(
    (partners('EGY', DCA) & partners('JOR', DCA)) - {'EGY', 'JOR'}))
q('B', 'common_partners', 'الدول اللي عندها تعاون نووي مع ليبيا والمغرب معا', N(
    (partners('LBY', NUC) & partners('MAR', NUC)) - {'LBY', 'MAR'}))

# named agreements
q('A', 'agreement_parties', 'مين اطراف اتفاقيات ابراهام', N(set().union(*[parties(i) for i in [
    'curated:abraham-accords-uae-israel-2020', 'curated:abraham-accords-bahrain-israel-2020',
    'curated:abraham-accords-sudan-israel-2020', 'curated:abraham-accords-morocco-israel-2020']])))
q('A', 'agreement_parties', 'مين الدول الأعضاء في التحالف الإسلامي العسكري لمحاربة الإرهاب', N(parties('curated:islamic-military-counter-terrorism-coalition-2015')))
q('A', 'agreement_parties', 'اطراف اتفاقية أغادير', N(parties('desta:4')))
q('A', 'agreement_parties', 'مين وقع على اعلان العُلا', N(parties('curated:alula-declaration-qatar-reconciliation-2021')))
q('A', 'agreement_parties_at_year', 'من كانت أطراف منطقة التجارة الحرة العربية الكبرى في عام 2000', N(parties_at('desta:462', 2000)))
q('A', 'agreement_parties_at_year', 'من كان عضوا في الكوميسا COMESA سنة ٢٠٠٠', N(parties_at('desta:243', 2000)))
q('A', 'agreement_date', 'متى تم توقيع اعلان شوشا بين تركيا وأذربيجان', V(A('curated:shusha-declaration-turkey-azerbaijan-2021')['start']))
q('A', 'agreement_date', 'في اي سنة بدأ الممر الاقتصادي الصيني الباكستاني', V(A('curated:china-pakistan-economic-corridor-2015')['start']))
q('A', 'agreement_in_force', 'هل مبادرة حبوب البحر الاسود لا تزال ساريه؟', V(agreement_in_force('curated:black-sea-grain-initiative-2022')))
q('A', 'agreement_in_force', 'هل معاهدة السلام بين مصر واسرائيل ما زالت سارية المفعول', V(agreement_in_force('curated:egypt-israel-peace-treaty-1979')))
q('A', 'agreement_joined', 'من انضم إلى الكوميسا بعد تأسيسها', N(joined_after_start('desta:243')))
q('A', 'agreement_left', 'من انسحب من الكوميسا', N(left('desta:243')))
q('A', 'agreement_lead', 'من يقود التحالف الإسلامي العسكري لمحاربة الإرهاب', N([A('curated:islamic-military-counter-terrorism-coalition-2015')['lead']]))
q('A', 'led_by', 'ما الاتفاقيات التي تقودها تركيا', AG(i for i, a in AGREEMENTS.items() if a.get('lead') == 'TUR'))
q('B', 'agreement_parties', 'أطراف منطقة التجارة الحرة العربية الكبرى', N(parties('desta:462')))
q('B', 'agreement_parties', 'مين المشاركين في اتفاقية الدرع الخليجي ١ (Gulf Shield 1)', N(parties('curated:gulf-shield-1-exercise-2018')))
q('B', 'agreement_date', 'متى وقعت اتفاقية وادي عربة بين الأردن وإسرائيل', V(A('curated:israel-jordan-peace-treaty-1994')['start']))
q('B', 'agreement_in_force', 'هل عملية سرفال الفرنسية في مالي ما زالت مستمرة', V(agreement_in_force('curated:operation-serval-mali-2013')))
q('B', 'agreement_joined', 'مين انضم لاتفاقية التجارة الحرة لجنوب آسيا سافتا بعد توقيعها', N(joined_after_start('desta:667')))
q('B', 'agreement_left', 'مين انسحب من اتفاقية المجموعة الاقتصادية الاوراسية', N(left('desta:434')))
q('B', 'agreement_lead', 'مين الدولة اللي قادت اتفاق بكين بين السعودية وإيران', N([A('curated:saudi-iran-beijing-agreement-2023')['lead']]))
q('B', 'led_by', 'اي اتفاقيات تقودها السعودية', AG(i for i, a in AGREEMENTS.items() if a.get('lead') == 'SAU'))

# agreements in a period
q('A', 'agreements_in_period', 'ما اتفاقيات التطبيع الموقعة منذ عام 2020', AG(agreements_in_period(NORM, lo=2020)))
q('A', 'agreements_in_period', 'اتفاقيات الاستجابة للكوارث في 2023', AG(agreements_in_period(DIS, lo=2023, hi=2023)))
q('B', 'agreements_in_period', 'اتفاقيات تبادل المعلومات الاستخباراتية الموقعة بين 2015 و2018', AG(agreements_in_period(INTEL, lo=2015, hi=2018)))

q('B', 'partners_since_state', 'مين حلفاء مصر منذ عام ١٩٩٠', N(partners('EGY', ALL, time=st(1990, None))))
q('B', 'agreement_parties_at_year', 'من كانت اطراف اتفاقية سافتا SAFTA في ٢٠٠٥', N(parties_at('desta:667', 2005)))
q('B', 'first_of_nation', 'متى وقعت ماليزيا اول اتفاقية تجارة', V(first_year(agreements_of('MYS', TRADE))))
q('B', 'agreement_date', 'في اي سنة اتوقعت اتفاقية اغادير', V(A('desta:4')['start']))

# =====================================================================================
# organizations
q('A', 'org_members', 'مين اعضاء مجلس التعاون الخليجي', N(org_members('GCC')))
q('A', 'org_members', 'اعضاء الجامعة العربية', N(org_members('LAS')))
q('A', 'org_members', 'مين الدول الاعضاء في منظمة شنغهاي للتعاون', N(org_members('SCO')))
q('A', 'org_members', 'أعضاء منظمة الدول الثماني النامية D-8', N(org_members('D8')))
q('A', 'org_members', 'ما هي دول منظمة التعاون الاسلامي', N(org_members('OIC')))
q('A', 'org_members_at_year', 'من كان عضوا في الجامعة العربية عام 1980', N(org_members_at('LAS', 1980)))
q('A', 'org_members_at_year', 'أعضاء أوبك في ١٩٩٠', N(org_members_at('OPEC', 1990)))
q('A', 'org_membership', 'هل تركيا عضو في NATO', V(bool(IGO['NATO'].get('TUR'))))
q('A', 'org_membership', 'هل اذربيجان عضو في منظمة شنغهاي للتعاون', V(bool(IGO['SCO'].get('AZE'))))
q('A', 'org_membership', 'هل روسيا عضو في منظمة التعاون الإسلامي؟', V('RUS' in OIC_MEMBERS))
q('A', 'org_membership', 'هل كانت قطر عضوا في اوبك', V(bool(IGO['OPEC'].get('QAT'))))
q('A', 'org_join_year', 'متى انضمت مصر إلى منظمة التعاون الإسلامي', V(OIC_MEMBERS['EGY']))
q('A', 'org_join_year', 'امتى انضمت تركيا لحلف الناتو', V(org_join_year('NATO', 'TUR')))
q('A', 'org_join_year', 'في أي سنة أصبحت الكاميرون عضوا في منظمة التعاون الإسلامي', V(OIC_MEMBERS['CMR']))
q('A', 'org_join_year', 'امتى دخلت الجزاير اوبك', V(org_join_year('OPEC', 'DZA')))
q('A', 'org_join_year', 'متى انضمت ألبانيا لمنظمة المؤتمر الإسلامي', V(OIC_MEMBERS['ALB']))
q('A', 'org_left', 'من غادر أوبك', N(org_left('OPEC')))
q('A', 'org_left', 'الدول التي انسحبت من منظمة معاهدة الأمن الجماعي', N(org_left('CSTO')))
q('A', 'org_filter', 'اي دول خليجية لديها اتفاقيات تعاون دفاعي مع فرنسا', N(partners('FRA', DCA) & GCC))
q('A', 'org_filter', 'ما الدول الاعضاء في منظمة التعاون الإسلامي التي لديها معاهدات دفاع مشترك مع الولايات المتحدة', N(partners('USA', DP) & OIC))
q('A', 'org_filter', 'الدول العربية اللي طبعت مع إسرائيل', N(partners('ISR', NORM) & LAS))
q('A', 'org_filter', 'أي دول من مجلس التعاون الخليجي عندها اتفاقيات تعاون نووي مع الولايات المتحدة', N(partners('USA', NUC) & GCC))
q('A', 'org_filter', 'اي دول من اسيان لديها اتفاقيات تعاون دفاعي مع تركيا', N(partners('TUR', DCA) & org_members('ASEAN')))
q('A', 'count_org_members', 'كم عدد الدول الأعضاء في الجامعة العربية', V(len(org_members('LAS'))))
q('A', 'count_org_members', 'كم دولة في حلف الناتو', V(len(org_members('NATO'))))
q('A', 'org_joined_in_period', 'مين انضم لل OIC في التسعينات', N(org_joined_in('OIC', 1990, 1999)))
q('A', 'nation_organizations', 'قطر عضو في اي منظمات؟', ORG(nation_orgs('QAT')))
q('A', 'oic_observers', 'من هي الدول المراقبة في منظمة التعاون الإسلامي', N(n for n in OIC_OBSERVERS if n != 'turkish-cypriot-state'))
q('A', 'oic_since', 'منذ متى روسيا مراقب في منظمة التعاون الإسلامي', V(OIC_OBSERVERS['RUS']))
q('B', 'org_members', 'أعضاء اتحاد المغرب العربي', N(org_members('AMU')))
q('B', 'org_members', 'اعضاء منظمه التعاون الاقتصادي (ECO) مين هم', N(org_members('ECO')))
q('B', 'org_members_at_year', 'مين كانوا اعضاء الناتو سنة 1960', N(org_members_at('NATO', 1960)))
q('B', 'org_membership', 'هل باكستان عضو في SAARC', V(bool(IGO['SAARC'].get('PAK'))))
q('B', 'org_membership', 'هل تايلاند عضو في منظمة التعاون الاسلامي', V('THA' in OIC_MEMBERS))
q('B', 'org_join_year', 'متى انضمت اذربيجان إلى منظمة التعاون الإسلامي', V(OIC_MEMBERS['AZE']))
q('B', 'org_join_year', 'متى دخلت نيجيريا منظمة التعاون الإسلامي', V(OIC_MEMBERS['NGA']))
q('B', 'org_left', 'من خرج من الجامعة العربية', N(org_left('LAS')))
q('B', 'org_filter', 'اي دول عربية عندها اتفاقيات تعاون دفاعي مع روسيا', N(partners('RUS', DCA) & LAS))
q('B', 'org_filter', 'أي أعضاء في منظمة التعاون الإسلامي لديهم تعاون نووي مع الصين', N(partners('CHN', NUC) & OIC))
q('B', 'count_org_members', 'كم دولة عضو في منظمة التعاون الاسلامي', V(len(OIC_MEMBERS)))
q('B', 'org_joined_in_period', 'الدول التي انضمت لمنظمة التعاون الإسلامي في السبعينيات', N(org_joined_in('OIC', 1970, 1979)))
q('B', 'nation_organizations', 'في اي منظمات عضوية تركيا', ORG(nation_orgs('TUR')))
q('B', 'oic_observers', 'الدول التي لها صفة مراقب في OIC', N(n for n in OIC_OBSERVERS if n != 'turkish-cypriot-state'))

q('B', 'oic_since', 'من امتى البوسنة والهرسك مراقب في منظمة التعاون الاسلامي', V(OIC_OBSERVERS['BIH']))
q('B', 'org_left', 'مين انسحب من الايكواس', N(org_left('ECOWAS')))
q('B', 'org_members_at_year', 'الدول الاعضاء في منظمة التعاون الاسلامي سنة 1995', N(org_members_at('OIC', 1995)))

# =====================================================================================
# nuclear suppliers / recipients
q('A', 'nuclear_suppliers', 'مين زود باكستان بالتكنولوجيا النووية', N(nuclear_suppliers('PAK')))
q('A', 'nuclear_suppliers', 'ما الدول التي قدمت مساعدات نووية لإيران', N(nuclear_suppliers('IRN')))
q('A', 'nuclear_recipients', 'الدول التي تلقت تعاونا نوويا من الصين', N(nuclear_recipients('CHN')))
q('A', 'nuclear_recipients', 'لمن قدمت ايران مساعدة نووية', N(nuclear_recipients('IRN')))
q('B', 'nuclear_suppliers', 'من هم موردو التكنولوجيا النووية لإندونيسيا', N(nuclear_suppliers('IDN')))
q('B', 'nuclear_suppliers', 'مين زوّد ليبيا بمساعدات نووية', N(nuclear_suppliers('LBY')))
q('B', 'nuclear_recipients', 'الدول اللي تلقت مساعدة نووية من باكستان', N(nuclear_recipients('PAK')))

# =====================================================================================
# arms transfers (SIPRI)
q('A', 'arms_suppliers', 'من وين بتشتري باكستان سلاحها من 2010 لليوم', N(SUP('PAK', lo=2010)))
q('A', 'arms_suppliers', 'من اين تشتري المملكة العربية السعودية طائراتها المقاتلة منذ عام 2000', N(SUP('SAU', cat='combat aircraft', lo=2000)))
q('A', 'arms_suppliers', 'مين باع غواصات لمصرر', N(SUP('EGY', cat='submarines')))
q('A', 'arms_suppliers', 'موردي الدبابات للجزائر', N(SUP('DZA', cat='tanks')))
q('A', 'arms_suppliers', 'من زود قطر بالاسلحة في التسعينات', N(SUP('QAT', lo=1990, hi=1999)))
q('A', 'arms_suppliers', 'من وين تشتري المملكة سلاحها من ٢٠١٥ (اقصد السعودية)', N(SUP('SAU', lo=2015)))
q('A', 'arms_exports_between', 'شو صدرت تركيا لاذربيجان من اسلحة', AG('sipri:%d' % r['n'] for r in sipri_deals(sup='TUR', rec='AZE')))
q('A', 'arms_exports_between', 'صفقات السلاح بين تركيا وقطر', AG('sipri:%d' % r['n'] for r in sipri_deals(sup='TUR', rec='QAT')))
q('A', 'arms_exports_between', 'ماذا باعت باكستان للسعودية من أسلحة', AG('sipri:%d' % r['n'] for r in sipri_deals(sup='PAK', rec='SAU')))
q('A', 'arms_buyers_oic', 'اي دول من منظمه التعاون الاسلامي اشترت درون بيرقدار TB2', N({r['rec'] for r in sipri_deals(designation='Bayraktar TB2')} & OIC))
q('A', 'arms_buyers_oic', 'ما الدول الإسلامية التي اشترت غواصات', N(BUYERS(cat='submarines') & OIC))
q('A', 'arms_buyers_oic', 'أي دول في منظمة التعاون الإسلامي اشترت طائرات مسيرة مسلحة من الصين', N(REC('CHN', cat='armed drones') & OIC))
q('A', 'arms_buyers_oic', 'مين من الدول الاسلامية اشترى دبابات من روسيا منذ عام 2000', N(REC('RUS', cat='tanks', lo=2000) & OIC))
q('A', 'arms_buyers_oic', 'من اشترى مقاتلات JF-17', N({r['rec'] for r in sipri_deals(designation='JF-17')}))
q('A', 'top_arms_suppliers', 'اكبر ٥ موردين سلاح لمصر', T(top_arms_suppliers('EGY')[:2]))
q('A', 'top_arms_suppliers', 'اكبر موردين للسلاح لباكستان', T(top_arms_suppliers('PAK')[:2]))
q('A', 'top_arms_suppliers', 'أكبر 3 موردي أسلحة للإمارات', T(top_arms_suppliers('ARE', n=3)[:2]))
q('A', 'arms_received_yesno', 'هل استلمت مصر غواصات من ألمانيا؟', V(bool(sipri_deals(sup='DEU', rec='EGY', cat='submarines', delivered=True))))
q('A', 'arms_received_yesno', 'هل تسلمت باكستان غواصات من الصين ولا لسه', V(bool(sipri_deals(sup='CHN', rec='PAK', cat='submarines', delivered=True))))
q('A', 'arms_received_yesno', 'هل حصلت ايران على غواصات من روسيا', V(bool(sipri_deals(sup='RUS', rec='IRN', cat='submarines', delivered=True))))
q('A', 'license_production', 'ما الدول التي تصنع اسلحة المانية بترخيص', N(REC('DEU', kind=DIC)))
q('B', 'arms_suppliers', 'مين بيبيع سلاح لبلاد فارس', N(SUP('IRN')))
q('B', 'arms_suppliers', 'من زود اندونيسيا بالغواصات', N(SUP('IDN', cat='submarines')))
q('B', 'arms_suppliers', 'موردو المروحيات للعراق منذ 2003', N(SUP('IRQ', cat='helicopters', lo=2003)))
q('B', 'arms_exports_between', 'صفقات الأسلحة من الصين إلى بنغلاديش', AG('sipri:%d' % r['n'] for r in sipri_deals(sup='CHN', rec='BGD')))
q('B', 'arms_buyers_oic', 'أي دول من منظمة التعاون الإسلامي اشترت بيرقدار TB2 من تركيا', N(REC('TUR', designation='Bayraktar TB2') & OIC))
q('B', 'arms_buyers_oic', 'اي دول خليجية اشترت مقاتلات F-16', N({r['rec'] for r in sipri_deals(designation='F-16')} & GCC))
q('B', 'top_arms_suppliers', 'مين اكبر موردين السلاح للسعوديه', T(top_arms_suppliers('SAU')[:2]))
q('B', 'arms_received_yesno', 'هل استلمت باكستان غواصات من امريكا', V(bool(sipri_deals(sup='USA', rec='PAK', cat='submarines', delivered=True))))
q('B', 'license_production', 'من ينتج أسلحة صينية بترخيص', N(REC('CHN', kind=DIC)))

# =====================================================================================
# exercises (MME + curated)
q('A', 'exercises_between', 'ايش التدريبات العسكريه اللي سوتها مصر مع الولايات المتحده', AG(exercises_between('EGY', 'USA')))
q('A', 'exercises_between', 'war games بين باكستان والصين', AG(exercises_between('PAK', 'CHN')))
q('A', 'exercises_between', 'التمارين العسكرية بين تركيا وإسرائيل', AG(exercises_between('TUR', 'ISR')))
q('A', 'exercises_between', 'مناورات الجزائر مع روسيا', AG(exercises_between('DZA', 'RUS')))
q('A', 'exercise_participants', 'من شارك في تمرين النجم الساطع (Bright Star) سنة ١٩٩٩', N(set().union(*[m['nations'] for m in series_rows('Bright Star') if m['year'] == 1999])))
q('A', 'exercise_participants', 'من شارك في مناورات النسر الأناضولي عام 2004', N(set().union(*[m['nations'] for m in series_rows('Anatolian Eagle') if m['year'] == 2004])))
q('A', 'humanitarian_exercises_oic', 'أي دول في منظمة التعاون الإسلامي شاركت في تمارين إنسانية مع ماليزيا', N(humanitarian_exercise_partners('MYS') & OIC))
q('A', 'humanitarian_exercises_oic', 'الدول الاسلامية التي شاركت في مناورات انسانية مع تركيا', N(humanitarian_exercise_partners('TUR') & OIC))
q('B', 'exercises_between', 'التدريبات العسكرية المشتركة بين سلطنة عمان وبريطانيا', AG(exercises_between('OMN', 'GBR')))
q('B', 'exercises_between', 'المناورات اللي سوتها السعودية مع باكستان', AG(exercises_between('SAU', 'PAK')))
q('B', 'exercise_participants', 'مين شارك في تمرين فلينتلوك 2005', N(set().union(*[m['nations'] for m in series_rows('Flintlock') if m['year'] == 2005])))
q('B', 'humanitarian_exercises_oic', 'أي دول في منظمة التعاون الإسلامي شاركت في تمارين إنسانية مع إندونيسيا', N(humanitarian_exercise_partners('IDN') & OIC))

# =====================================================================================
# expected failures
# no_results: understood, nothing in the data
q('A', 'agreements_between', 'اتفاقيات التطبيع بين بريطانيا واسرائيل', F('no_results'))
q('A', 'arms_exports_between', 'صفقات سلاح من قطر إلى إيران', AG('sipri:%d' % r['n'] for r in sipri_deals(sup='QAT', rec='IRN')))
q('A', 'agreements_of_nation', 'اتفاقيات التعاون الدفاعي لفلسطين', AG(agreements_of('PSE', DCA)))
q('B', 'agreements_between', 'اتفاقيات التعاون النووي بين السعودية وإيران', AG(agreements_between('SAU', 'IRN', NUC)))
q('B', 'partners_kind', 'مع من وقعت جزر القمر اتفاقيات تعاون نووي', N(partners('COM', NUC)))
q('A', 'arms_exports_between', 'صفقات سلاح من ايران الى السعوديه', AG('sipri:%d' % r['n'] for r in sipri_deals(sup='IRN', rec='SAU')))
q('A', 'exercises_between', 'هل في مناورات مشتركة بين ايران واسرائيل؟ اذكرها', AG(exercises_between('IRN', 'ISR')))
q('A', 'arms_suppliers', 'مين زود الكويت بفرقاطات', N(SUP('KWT', cat='frigates')))
q('B', 'agreements_between', 'التحالفات بين ايران واسرائيل', AG(agreements_between('IRN', 'ISR', ALL)))
q('B', 'agreements_between', 'اتفاقيات التعاون الدفاعي بين باكستان والهند', AG(agreements_between('PAK', 'IND', DCA)))
# ambiguous
q('A', 'ambiguous', 'مع من وقعت الكونغو اتفاقيات تعاون دفاعي', F('ambiguous'))
q('A', 'ambiguous', 'حلفاء كوريا', F('ambiguous'))
q('A', 'ambiguous', 'هل الكونغو عضو في منظمة التعاون الاسلامي', F('ambiguous'))
q('B', 'ambiguous', 'صفقات السلاح بين كوريا وباكستان', F('ambiguous'))
q('B', 'ambiguous', 'شركاء الكونغو', F('ambiguous'))
q('A', 'ambiguous', 'هل كوريا عضو في اسيان', F('ambiguous'))
q('B', 'ambiguous', 'هل وقعت الكونغو اتفاقيات تجارة مع المغرب', F('ambiguous'))
# unknown entity
q('A', 'unknown_entity', 'مين حلفاء واكاندا؟', F('unknown_entity'))
q('A', 'unknown_entity', 'هل مملكة نارنيا عضو في الجامعة العربية', F('unknown_entity'))
q('A', 'unknown_entity', 'اتفاقيات التعاون الدفاعي بين زامونيا ومصر', F('unknown_entity'))
q('B', 'unknown_entity', 'من يزود جمهورية أتلانتس بالسلاح', F('unknown_entity'))
q('B', 'unknown_entity', 'متى انضمت جنوفيا إلى منظمة التعاون الإسلامي', F('unknown_entity'))
q('A', 'unknown_entity', 'حلفاء جمهورية زوبروفكا', F('unknown_entity'))
q('B', 'unknown_entity', 'اتفاقيات سلطنة زامبالا مع السعودية', F('unknown_entity'))
# out of scope
q('A', 'out_of_scope', 'ما هي عاصمة باكستان؟', F('out_of_scope'))
q('A', 'out_of_scope', 'كم عدد سكان اندونيسيا', F('out_of_scope'))
q('A', 'out_of_scope', 'من هو وزير الدفاع التركي', F('out_of_scope'))
q('A', 'out_of_scope', 'كيف الطقس في الدوحة اليوم', F('out_of_scope'))
q('A', 'out_of_scope', 'ما هو الناتج المحلي الاجمالي للسعودية', F('out_of_scope'))
q('B', 'out_of_scope', 'من هو رئيس مصر الحالي', F('out_of_scope'))
q('B', 'out_of_scope', 'ما هي عملة ماليزيا', F('out_of_scope'))
q('B', 'out_of_scope', 'اعطني وصفة الكبسة السعودية', F('out_of_scope'))
q('B', 'out_of_scope', 'كم طول نهر النيل', F('out_of_scope'))
q('A', 'out_of_scope', 'مين فاز بكاس العالم 2022', F('out_of_scope'))
# no match: domain words, uncovered question or a year that cannot be understood
q('A', 'no_match', 'ما متوسط مدة التحالفات الدفاعية التي وقعتها مصر', F('no_match'))
q('A', 'no_match', 'لماذا انسحبت مصر من الجامعة العربية؟', F('no_match'))
q('A', 'no_match', 'حلفاء مصر منذ ٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩', F('no_match'))
q('A', 'no_match', 'مع من وقعت تركيا اتفاقيات تعاون دفاعي في عام ٣٠٠٠', F('no_match'))
q('A', 'no_match', 'هل ستوقع السعودية اتفاقية تطبيع مع إسرائيل العام القادم', F('no_match'))
q('B', 'no_match', 'حلفاء العراق في سنة ١٥٠٠', F('no_match'))
q('B', 'no_match', 'ما نص المادة الخامسة من معاهدة حلف الناتو', F('no_match'))
q('B', 'no_match', 'صفقات السلاح بين مصر وروسيا منذ 12345678901', F('no_match'))
# Hijri years: out of scope of the contract, the engine must say it did not understand the year
q('A', 'hijri_year', 'ما الاتفاقيات التي وقعتها السعودية عام ١٤٤٠ هـ', F('no_match'))
q('A', 'hijri_year', 'حلفاء مصر في سنة ١٣٩٨ هجري', F('no_match'))
q('A', 'hijri_year', 'صفقات السلاح بين تركيا وقطر منذ ١٤٣٥هـ', F('no_match'))
q('A', 'hijri_year', 'مين انضم لمنظمة التعاون الإسلامي سنة 1410 للهجرة', F('no_match'))
q('A', 'hijri_year', 'اتفاقيات التعاون الدفاعي التي وقعتها باكستان بعد عام ١٤٢٠هـ', F('no_match'))
q('A', 'hijri_year', 'هل كان العراق في تحالف مع الاردن عام 1400 هـ', F('no_match'))
q('B', 'hijri_year', 'المناورات العسكرية بين مصر وامريكا في ١٤٢٠ هـ', F('no_match'))
q('B', 'hijri_year', 'من كان عضوا في الجامعة العربية سنة ١٤٠٠ للهجرة', F('no_match'))
q('B', 'hijri_year', 'اتفاقيات التطبيع منذ 1441هـ', F('no_match'))
q('B', 'hijri_year', 'كم اتفاقية تعاون دفاعي وقعت الامارات بين 1415 و 1425 هجرية', F('no_match'))
