"""Blind English set C: questions with the code that computes each gold answer.

Each entry: (type, question, fn). fn() returns one of
  ("nations", set) ("agreements", set) ("organizations", set) ("value", v) ("status", s)
computed from data.py / rules.py (or own stdlib code below). Never a hand-written answer,
except the status of failure questions, which is the contract's status for that kind of question.
"""
import re
from collections import Counter

import data
import rules as R

NOW = 2026


def N(s):
    return ("nations", set(s))


def A(s):
    return ("agreements", set(s))


def O(s):
    return ("organizations", set(s))


def V(v):
    return ("value", v)


def S(s):
    return ("status", s)


def top(res):
    """rules.ranked/top_* return (set, tie_at_cut); a tie at the cut makes the question unusable."""
    s, tie = res
    if tie:
        raise ValueError("tie at the top-N cut")
    return N(s)


# --- weapon designations, as the contract's clarification says (word match, family prefix + letters)
def _words(s):
    return [re.sub(r"[^0-9a-z]", "", w) for w in re.split(r"\s+", s.lower().replace("-", "")) if w]


def desig_match(name, desig):
    dw = _words(desig)
    for w in _words(name):
        if not any(d == w or (d.startswith(w) and d[len(w):].isalpha()) for d in dw):
            return False
    return True


def deals_named(name, supplier=None, recipient=None, years=None, delivered=None):
    out = []
    for a in R.deals(supplier=supplier, recipient=recipient, years=years, delivered=delivered):
        if desig_match(name, a.meta["designation"]):
            out.append(a)
    return out


def recips(ds):
    res = set()
    for a in ds:
        res |= R._role(a, "recipient")
    return res


def sups(ds):
    res = set()
    for a in ds:
        res |= R._role(a, "supplier")
    return res


def oic():
    return R.org_members("OIC")


def count_partners(x, **kw):
    return V(len(R.partners(x, **kw)))


def top_nations_by(counter, n):
    return top(R.ranked(counter, n))


def most(counter):
    return N(R.maxima(counter))


def ag_count_with(x, **kw):
    return Counter(p for a in R._with(x, **kw) for p in a.parties - {x})


def supplier_tiv(x, years=None):
    c = Counter()
    for a in R.deals(recipient=x, years=years):
        for s in R._role(a, "supplier"):
            c[s] += a.meta["tiv_delivered"]
    return c


def mme_named(name):
    return {a.id for a in data.MME if a.meta["name"].strip().lower() == name.lower()}


def series_ids(series, year=None, curated=None):
    ids = {a.id for a in data.MME if a.meta["series"].lower() == series.lower()
           and (year is None or a.year == year)}
    if curated and year is None:
        ids.add(curated)
    return ids


def curated_ids(*ids):
    return {f"curated:{i}" for i in ids}


def same(x, y):
    if x != y:
        raise ValueError("depends on a reading")
    return x


def cow_oic_joined(lo, hi):
    return {n for (n, st, e, by) in data.IGO["OIC"] if lo <= st <= hi}


def desta_id(name, year):
    ids = [a.id for a in data.AGREEMENTS if a.source == "desta" and a.meta["name"] == name and a.year == year]
    assert len(ids) == 1, (name, ids)
    return ids[0]


Q = []


def q(typ, text, fn):
    Q.append((typ, text, fn))


# =================================================================== partners (~25)
q("partners", "who are turkey's defence pact partners", lambda: N(R.partners("TUR", kind="defence_pact")))
q("partners", "which countries has saudi arabia signed a DCA with", lambda: N(R.partners("SAU", kind="dca")))
q("partners", "hi, can you list egypts allies in 1978?", lambda: N(R.partners_in_force("EGY", 1978, kind="alliance")))
q("partners", "who were pakistan's allies in 1960", lambda: N(R.partners_in_force("PAK", 1960, kind="alliance")))
q("partners", "hey quick question - which nations did jordan sign defence cooperation agreements with in the 90s",
  lambda: N(R.partners("JOR", kind="dca", years=(1990, 1999))))
q("partners", "nuclear cooperation partners of the emirates", lambda: N(R.partners("ARE", kind="nuclear")))
q("partners", "who has supplied nuclear technology to iran under a nuclear cooperation agreement",
  lambda: N(R.nuclear_suppliers("IRN")))
q("partners", "which countries has argentina supplied under nuclear cooperation agreements",
  lambda: N(R.nuclear_recipients("ARG")))
q("partners", "Who has Malaysia signed free trade agreements with since 2010?",
  lambda: N(R.partners("MYS", kind="trade", years=(2010, None))))
q("partners", "list the trade deal partners of morroco before 2000",
  lambda: N(R.partners("MAR", kind="trade", years=(None, 1999))))
q("partners", "what countries share a non-aggression pact with afghanistan",
  lambda: N(R.partners("AFG", kind="nonaggression_pact")))
q("partners", "persia's alliance partners in 1975 please",
  lambda: N(R.partners_in_force("IRN", 1975, kind="alliance")))
q("partners", "which countries were in a defense pact with iraq in 1955",
  lambda: N(R.partners_in_force("IRQ", 1955, kind="defence_pact")))
q("partners", "intelligence sharing partners of pakistan", lambda: N(R.partners("PAK", kind="intelligence_sharing")))
q("partners", "which countries did oman have defence cooperation agreements with in 2005",
  lambda: N(R.partners_in_force("OMN", 2005, kind="dca")))
q("partners", "pakistan disaster response partners",
  lambda: N(R.partners("PAK", kind="disaster_response")))
q("partners", "burma's defence cooperation agreement partners",
  lambda: N(R.partners("MMR", kind="dca")))
q("partners", "top 5 partners of pakistan by number of defence cooperation agreements",
  lambda: top(R.top_partners("PAK", 5, kind="dca")))
q("partners", "which country has kazakhstan signed the most DCAs with",
  lambda: most(ag_count_with("KAZ", kind="dca")))
q("partners", "which countries are both turkey's and azerbaijan's defence pact partners",
  lambda: N(R.common_partners("TUR", "AZE", kind="defence_pact")))
q("partners", "who were algeria's consultation pact partners",
  lambda: N(R.partners("DZA", kind="consultation_pact")))
q("partners", "strategic partnership partners of the usa", lambda: N(R.partners("USA", kind="strategic_partnership")))
q("partners", "how many countries has tunisia signed trade agreements with",
  lambda: count_partners("TUN", kind="trade"))
q("partners", "im writing a paper on gulf security, which gulf states has the uk signed defence cooperation agreements with",
  lambda: N(R.org_members_with("GCC", "GBR", kind="dca")))
q("partners", "which arab states has france got DCAs with",
  lambda: N(R.org_members_with("LAS", "FRA", kind="dca")))
q("partners", "who are senegal's allies between 1970 and 1980",
  lambda: N(R.partners_in_force("SEN", 1970, 1980, kind="alliance")))

q("partners", "which countries has iran got nuclear agreements with",
  lambda: same(N(R.partners("IRN", sector="nuclear")), N(R.partners("IRN", kind="nuclear"))))
q("partners", "energy agreements of the uae, with which countries", lambda: N(R.partners("ARE", sector="energy")))
q("partners", "which countries has china signed technology agreements with", lambda: N(R.partners("CHN", sector="technology")))
q("partners", "who has jordan signed economic agreements with since 2000",
  lambda: N(R.partners("JOR", sector="economy", years=(2000, None))))
q("partners", "which countries has turkey signed DCAs with in the last 20 years",
  lambda: N(R.partners("TUR", kind="dca", years=(NOW - 20, NOW))))
q("partners", "which countries has saudi arabia got intelligence agreements with",
  lambda: same(N(R.partners("SAU", sector="intelligence")), N(R.partners("SAU", kind="intelligence_sharing"))))

# =================================================================== agreements (~25)
q("agreements", "does turkey have a defence cooperation agreement with azerbaijan",
  lambda: V(bool(R.agreements_between("TUR", "AZE", kind="dca"))))
q("agreements", "did the uae and israel sign a trade agreement",
  lambda: V(bool(R.agreements_between("ARE", "ISR", kind="trade"))))
q("agreements", "how many defence cooperation agreements has turkiye signed",
  lambda: V(len(R.agreements_of("TUR", kind="dca"))))
q("agreements", "how many alliances was egypt a part of", lambda: V(len(R.agreements_of("EGY", kind="alliance"))))
q("agreements", "list the trade agreements between chile and japan",
  lambda: A(R.agreements_between("CHL", "JPN", kind="trade")))
q("agreements", "when did pakistan and china sign their first defence cooperation agreement",
  lambda: V(R.first_between("PAK", "CHN", kind="dca")[0]))
q("agreements", "what year was the first alliance between the states and the uk",
  lambda: V(R.first_between("USA", "GBR", kind="alliance")[0]))
q("agreements", "latest free trade agreement between egypt and turkey, when was it signed",
  lambda: V(R.first_between("EGY", "TUR", latest=True, kind="trade")[0]))
q("agreements", "what nuclear cooperation agreements did pakistan and china sign",
  lambda: A(R.agreements_between("PAK", "CHN", kind="nuclear")))
q("agreements", "are there any normalization agreements between israel and morocco",
  lambda: V(bool(R.agreements_between("ISR", "MAR", kind="normalization"))))
q("agreements", "does the UK have any normalization agreement",
  lambda: V(bool(R.agreements_of("GBR", kind="normalization"))))
q("agreements", "how many nuclear cooperation deals did india conclude in the 2000s",
  lambda: V(len(R.agreements_of("IND", kind="nuclear", years=(2000, 2009)))))
q("agreements", "which defence pacts did the KSA sign in the 1950s",
  lambda: A(R.agreements_of("SAU", kind="defence_pact", years=(1950, 1959))))
q("agreements", "was iran in an alliance with iraq in 1980",
  lambda: V(bool(R.agreements_in_force_between("IRN", "IRQ", 1980, kind="alliance"))))
q("agreements", "were turkey and pakistan allied in 1965",
  lambda: V(bool(R.agreements_in_force_between("TUR", "PAK", 1965, kind="alliance"))))
q("agreements", "did turkey and azerbaijan have a defence pact before 1990",
  lambda: V(bool(R.agreements_in_force_between("TUR", "AZE", -R.INF, 1989, kind="defence_pact"))))
q("agreements", "intelligence sharing arrangements involving indonesia",
  lambda: A(R.agreements_of("IDN", kind="intelligence_sharing")))
q("agreements", "what agreements is saudi arabia the lead party of", lambda: A(R.led_by("SAU")))
q("agreements", "which agreements did the US lead", lambda: A(R.led_by("USA")))
q("agreements", "which country signed the most defence cooperation agreements",
  lambda: most(R.count_by_nation(kind="dca")))
q("agreements", "which OIC member has the most nuclear cooperation agreements",
  lambda: N(R.rank_nations(None, org="OIC", kind="nuclear")[0]))
q("agreements", "top 5 countries by number of trade agreements signed since 2015",
  lambda: top(R.rank_nations(5, kind="trade", years=(2015, None))))
q("agreements", "which 3 countries signed the most DCAs between 2000 and 2010",
  lambda: top(R.rank_nations(3, kind="dca", years=(2000, 2010))))
q("agreements", "how many defence pacts were signed in 1939", lambda: V(len(R.in_period(kind="defence_pact", years=(1939, 1939)))))
q("agreements", "first ever trade agreement signed by malaysia, what year",
  lambda: V(R.first_of("MYS", kind="trade")[0]))
q("agreements", "the most recent defense cooperation agreement signed by brazil - which one",
  lambda: A(R.first_of("BRA", latest=True, kind="dca")[1]))
q("agreements", "how many technology exchange agreements does the UAE have",
  lambda: V(len(R.agreements_of("ARE", kind="technology_exchange"))))

# =================================================================== named agreements (~12)
ABR = ["abraham-accords-uae-israel-2020", "abraham-accords-bahrain-israel-2020",
       "abraham-accords-sudan-israel-2020", "abraham-accords-morocco-israel-2020"]


def named_parties(*ids):
    res = set()
    for i in ids:
        res |= R.agreement(f"curated:{i}").parties
    return N(res)


q("named_agreement", "who are the parties to the abraham accords", lambda: named_parties(*ABR))
q("named_agreement", "when was the egypt israel peace treaty signed",
  lambda: V(R.agreement("curated:egypt-israel-peace-treaty-1979").year))
q("named_agreement", "is the black sea grain initiative still in force",
  lambda: V(R.in_force("curated:black-sea-grain-initiative-2022")))
q("named_agreement", "who is part of the islamic military counter terrorism coalition",
  lambda: named_parties("islamic-military-counter-terrorism-coalition-2015"))
q("named_agreement", "which countries were in the saudi-led coalition in yemen",
  lambda: named_parties("saudi-led-coalition-yemen-2015"))
q("named_agreement", "what year did the alula declaration happen",
  lambda: V(R.agreement("curated:alula-declaration-qatar-reconciliation-2021").year))
q("named_agreement", "is operation serval still ongoing", lambda: V(R.in_force("curated:operation-serval-mali-2013")))
q("named_agreement", "parties of the terrorist financing targeting center",
  lambda: named_parties("terrorist-financing-targeting-center-2017"))
q("named_agreement", "who took part in the rescue after the 2023 turkey earthquake",
  lambda: named_parties("turkey-earthquake-2023-international-rescue"))
q("named_agreement", "members of the eurasian economic union treaty",
  lambda: named_parties("eurasian-economic-union-treaty-2014"))
q("named_agreement", "when was the jordan us fta signed",
  lambda: V(R.agreement("curated:jordan-us-free-trade-agreement-2000").year))
q("named_agreement", "who signed the shusha declaration", lambda: named_parties("shusha-declaration-turkey-azerbaijan-2021"))
q("named_agreement", "which countries are part of the indomalphi trilateral arrangement",
  lambda: named_parties("indomalphi-trilateral-cooperative-arrangement-2017"))
q("named_agreement", "which OIC members took part in the beirut explosion assistance conference",
  lambda: N(R.agreement("curated:beirut-explosion-2020-international-assistance-conference").parties & oic()))

q("named_agreement", "who are the parties of the agadir agreement",
  lambda: N(R.agreement(desta_id("Agadir Agreement", 2004)).parties))
q("named_agreement", "when was the agadir agreement signed", lambda: V(R.agreement(desta_id("Agadir Agreement", 2004)).year))
q("named_agreement", "which countries joined the asean free trade area after it was signed",
  lambda: N(R.joined(desta_id("Association of Southeast Asian Nations (ASEAN) FTA", 1992))))
q("named_agreement", "which countries withdrew from comesa",
  lambda: N(R.left(desta_id("Common Market for Eastern and Southern Africa (COMESA)", 1993))))
q("named_agreement", "who signed nafta", lambda: N(R.agreement(desta_id("North American Free Trade Agreement (NAFTA)", 1992)).parties))
q("named_agreement", "who left the central european free trade agreement",
  lambda: N(R.left(desta_id("Central European Free Trade Agreement (CEFTA)", 1992))))
q("named_agreement", "members of the greater arab free trade agreement",
  lambda: N(R.agreement(desta_id("Greater Arab Free Trade Agreement", 1997)).parties))

# =================================================================== organizations (~20)
q("membership", "who are the members of the GCC", lambda: N(R.org_members("GCC")))
q("membership", "is iran a member of the OIC", lambda: V(R.is_member("OIC", "IRN")))
q("membership", "is russia an OIC member", lambda: V(R.is_member("OIC", "RUS")))
q("membership", "is thailand an observer state of the organisation of islamic cooperation",
  lambda: V("THA" in data.OIC_OBSERVERS))
q("membership", "when did albania join the oic", lambda: V(R.org_join_year("OIC", "ALB")))
q("membership", "what year did kazakstan become a member of the OIC", lambda: V(R.org_join_year("OIC", "KAZ")))
q("membership", "how many members does the OIC have", lambda: V(len(R.org_members("OIC"))))
q("membership", "which countries joined the OIC in 1974", lambda: N(R.org_joined_in("OIC", 1974, 1974)))
q("membership", "who were the members of CENTO", lambda: N(
    {n for (n, s, e, by) in data.IGO["CENTO"] if s <= max(e for (_, _, e, _) in data.IGO["CENTO"]) <= e}))
q("membership", "members of the arab league in 1960", lambda: N(R.org_members_at("LAS", 1960)))
q("membership", "what organizations is turkey a member of", lambda: O(R.nation_orgs("TUR")))
q("membership", "which organisations does egypt belong to", lambda: O(R.nation_orgs("EGY")))
q("membership", "is uzbekistan in the SCO", lambda: V(R.is_member("SCO", "UZB")))
q("membership", "members of the shanghai cooperation organisation", lambda: N(R.org_members("SCO")))
q("membership", "which OIC members are in NATO", lambda: N(R.org_members("NATO") & oic()))
q("membership", "when did egypt join the arab league", lambda: V(R.org_join_year("LAS", "EGY")))
q("membership", "who were members of the warsaw pact", lambda: N(
    {n for (n, s, e, by) in data.IGO["WARSAW_PACT"] if e == max(x[2] for x in data.IGO["WARSAW_PACT"])}))
q("membership", "which countries are members of the D-8", lambda: N(R.org_members("D8")))
q("membership", "is azerbaijan part of turksoy", lambda: V(R.is_member("TURKSOY", "AZE")))
q("membership", "how many members does the african union have", lambda: V(len(R.org_members("AU"))))
q("membership", "which countries in ASEAN are also in the OIC", lambda: N(R.org_members("ASEAN") & oic()))

# =================================================================== arms (~25)
q("arms", "who has been supplying arms to saudia arabia since 2015", lambda: N(R.arms_suppliers("SAU", years=(2015, None))))
q("arms", "which countries sold weapons to qatar since 2018??", lambda: N(R.arms_suppliers("QAT", years=(2018, None))))
q("arms", "who has sold tanks to egpyt", lambda: N(R.arms_suppliers("EGY", cat="tank")))
q("arms", "which countries supplied fighter jets to morocco",
  lambda: N(R.arms_suppliers("MAR", cat="combat aircraft")))
q("arms", "who has sold drones to saudi arabia", lambda: N(R.arms_suppliers("SAU", cat="uav")))
q("arms", "what arms has germany exported to türkiye since 2010",
  lambda: A(R.exported("DEU", "TUR", years=(2010, None))))
q("arms", "arms deals between france and the uae in the 2010s",
  lambda: A(R.exported("FRA", "ARE", years=(2010, 2019))))
q("arms", "which OIC members bought the bayraktar tb2",
  lambda: N(recips(deals_named("Bayraktar TB2")) & oic()))
q("arms", "which OIC members bought TB2 drones from turkiye",
  lambda: N(recips(deals_named("TB2", supplier="TUR")) & oic()))
q("arms", "which muslim countries ordered the rafale", lambda: N(recips(deals_named("Rafale")) & oic()))
q("arms", "who bought JF-17s", lambda: N(recips(deals_named("JF-17"))))
q("arms", "which OIC members bought submarines from germany",
  lambda: N(R.buyers(org="OIC", supplier="DEU", cat="submarine")))
q("arms", "which countries has russia sold submarines to since 1990",
  lambda: N(R.arms_recipients("RUS", cat="submarine", years=(1990, None))))
q("arms", "top 5 arms suppliers of india", lambda: top(R.top_suppliers("IND", 5)))
q("arms", "top 3 arms suppliers to egypt between 2000 and 2020", lambda: top(R.top_suppliers("EGY", 3, years=(2000, 2020))))
q("arms", "who was indonesia's biggest arms supplier since 2010",
  lambda: same(most(supplier_tiv("IDN", years=(2010, None))),
               most(Counter(s for a in R.deals(recipient="IDN", years=(2010, None)) for s in R._role(a, "supplier")))))
q("arms", "has pakistn received submarines from germany", lambda: V(R.received("PAK", "submarine", "DEU")))
q("arms", "has turkey received submarines from germany", lambda: V(R.received("TUR", "submarine", "DEU")))
q("arms", "has algeria got submarines from russia", lambda: V(R.received("DZA", "submarine", "RUS")))
q("arms", "which countries license-produce weapons from the united states", lambda: N(R.licence_producers("USA")))
q("arms", "which OIC members produce weapons under licence from china", lambda: N(R.licence_producers("CHN", org="OIC")))
q("arms", "who buys turkish weapons", lambda: N(R.arms_recipients("TUR")))
q("arms", "how many arms deals did israel sign with azerbaijan",
  lambda: same(V(len(R.exported("ISR", "AZE"))), V(len(R.exported("ISR", "AZE") | R.exported("AZE", "ISR")))))
q("arms", "did china sell armed drones to the UAE", lambda: V(bool(R.deals(supplier="CHN", recipient="ARE", cat="armed drone"))))
q("arms", "which countries did indonesa buy frigates from", lambda: N(R.arms_suppliers("IDN", cat="frigate")))
q("arms", "who sold helicopters to the emirates before 1990",
  lambda: N(R.arms_suppliers("ARE", cat="helicopter", years=(None, 1989))))
q("arms", "which gulf states bought patriot missiles", lambda: N(recips(deals_named("Patriot")) & R.org_filter("GCC")))

# =================================================================== exercises (~12)
q("exercise", "what exercises did egypt and the us hold together in the 90s",
  lambda: A(R.exercises_between("EGY", "USA", years=(1990, 1999))))
q("exercise", "joint military exercises between pakistan and turkey",
  lambda: A(R.exercises_between("PAK", "TUR")))
q("exercise", "who took part in bright star in 1999", lambda: N(R.series_participants("Bright Star", 1999)))
q("exercise", "participants of cobra gold 2005", lambda: N(R.series_participants("Cobra Gold", 2005)))
q("exercise", "which OIC members joined humanitarian exercises with the united states",
  lambda: N(R.humanitarian_exercise_partners("USA")))
q("exercise", "which oic members did france hold humanitarian exercises with",
  lambda: N(R.humanitarian_exercise_partners("FRA")))
q("exercise", "how many joint exercises did malaysia and singapore hold between them",
  lambda: V(len(R.exercises_between("MYS", "SGP"))))
q("exercise", "did saudi arabia and pakistan do any military drills together in the 2000s",
  lambda: V(bool(R.exercises_between("SAU", "PAK", years=(2000, 2009)))))
q("exercise", "which countries did jordan exercise with in 2005, thanks",
  lambda: N(R.partners("JOR", kind="joint_exercise", years=(2005, 2005))))
q("exercise", "who participated in anatolian eagle 2001", lambda: N(R.series_participants("Anatolian Eagle", 2001)))
q("exercise", "who took part in unitas 2001", lambda: N(R.series_participants("Unitas", 2001)))
q("exercise", "war games between india and the states since 2005",
  lambda: A(R.exercises_between("IND", "USA", years=(2005, None))))
q("exercise", "which countries has bangladesh held joint exercises with",
  lambda: N(R.partners("BGD", kind="joint_exercise")))
q("no_results", "who took part in the unitas exercise in 2000", lambda: N(R.series_participants("UNITAS", 2000)))

# =================================================================== failures (~20 %)
q("out_of_scope", "what's the weather like in riyadh tomorrow", lambda: S("out_of_scope"))
q("out_of_scope", "what is the capital of kazakhstan", lambda: S("out_of_scope"))
q("out_of_scope", "whats the price of gold today", lambda: S("out_of_scope"))
q("out_of_scope", "who is the current president of indonesia", lambda: S("out_of_scope"))
q("out_of_scope", "what is the population of egypt", lambda: S("out_of_scope"))
q("out_of_scope", "can you recommend a good hotel in doha", lambda: S("out_of_scope"))
q("out_of_scope", "who won the 2022 world cup", lambda: S("out_of_scope"))
q("no_match", "will turkey and greece sign a defence pact next year", lambda: S("no_match"))
q("no_match", "why did egypt sign a peace treaty with israel", lambda: S("no_match"))
q("no_match", "is the nato alliance good for turkey", lambda: S("no_match"))
q("no_match", "how many troops did pakistan send under its defence pact with saudi arabia", lambda: S("no_match"))
q("unknown_entity", "who are Wakanda's defence pact partners", lambda: S("unknown_entity"))
q("unknown_entity", "did Zubrowka sign a trade agreement with Austria", lambda: S("unknown_entity"))
q("unknown_entity", "arms suppliers of Elbonia", lambda: S("unknown_entity"))
q("ambiguous", "which countries has congo signed defence cooperation agreements with", lambda: S("ambiguous"))
q("ambiguous", "does korea have a nuclear cooperation agreement with the us", lambda: S("ambiguous"))
q("ambiguous", "did dominican sign a trade agreement with the united states", lambda: S("ambiguous"))
q("ambiguous", "which countries has nigeri signed trade deals with", lambda: S("ambiguous"))
q("no_results", "normalization agreements of the united kingdom",
  lambda: N(R.partners("GBR", kind="normalization")))
q("no_results", "which countries did iceland sign nuclear cooperation agreements with",
  lambda: N(R.partners("ISL", kind="nuclear")))
q("no_results", "intelligence sharing deals between brazil and argentina",
  lambda: A(R.agreements_between("BRA", "ARG", kind="intelligence_sharing")))
q("arms", "who has supplied tanks to iraq since 2000", lambda: N(R.arms_suppliers("IRQ", cat="tank", years=(2000, None))))
q("arms", "has saudi arabia received submarines from the united states",
  lambda: V(R.received("SAU", "submarine", "USA")))
q("agreements", "disaster response agreements between japan and brazil",
  lambda: A(R.agreements_between("JPN", "BRA", kind="disaster_response")))
q("no_results", "humanitarian missions of norway", lambda: A(R.agreements_of("NOR", kind="humanitarian_mission")))
q("no_results", "defence pacts of switzerland since 1950",
  lambda: A(R.agreements_of("CHE", kind="defence_pact", years=(1950, None))))
q("out_of_scope", "who is turkey's defence minister", lambda: S("out_of_scope"))
q("out_of_scope", "whats the gdp of saudi arabia", lambda: S("out_of_scope"))
q("no_match", "which countries have cyber-security deals with israel", lambda: S("no_match"))
q("no_match", "which countries have not signed a DCA with turkey", lambda: S("no_match"))
q("no_match", "how long does the egypt israel peace treaty last", lambda: S("no_match"))
q("unknown_entity", "Narnia defence pacts", lambda: S("unknown_entity"))
q("out_of_scope", "what time is it in tehran right now", lambda: S("out_of_scope"))
q("no_match", "what is the strongest army in the middle east", lambda: S("no_match"))
q("no_match", "how much did egypt's rafale deal with france cost", lambda: S("no_match"))
q("unknown_entity", "what alliances does Gondor have", lambda: S("unknown_entity"))
q("no_results", "strategic partnerships of japan", lambda: A(R.agreements_of("JPN", kind="strategic_partnership")))
q("no_results", "which countries has nepal signed defence pacts with",
  lambda: N(R.partners("NPL", kind="defence_pact")))
