"""The questions, as people type them, each with the rule that computes its gold (rules.py).

gold = (answer kind, function): kind is nations / agreements / organizations / value / status.
An empty nations/agreements answer becomes {"status": "no_results"} (gold.py).
"""
import rules as R
from rules import (agreements_between, agreements_of, partners, partners_in_force, common_partners,
                   top_partners, first_between, first_of, rank_nations, select)

QUESTIONS = []
N, A, V, O, S = "nations", "agreements", "value", "organizations", "status"


def q(text, type_, kind, fn):
    QUESTIONS.append({"q": text, "type": type_, "gold": (kind, fn)})


class Tie(Exception):
    """A top-N answer whose cut falls inside a tie: the order then rests on English names."""


class Unclear(Exception):
    """The words of the question allow two readings of the contract that give different answers."""


def either(first, second):
    a, b = first(), second()
    if a != b:
        raise Unclear()
    return a


def cut(result):
    top, tie = result
    if tie:
        raise Tie()
    return top


def oic(s):
    return s & R.org_filter("OIC")


def org(code, s):
    return s & R.org_filter(code)


# ====================================================================== partners by kind
T = "partners"
q("who are pakistan's allies", T, N, lambda: partners("PAK", kind="alliance"))
q("hey can you tell me which countries turkey has defence cooperation agreements with", T, N,
  lambda: partners("TUR", kind="dca"))
q("Saudi Arbia defence pacts with which countries?", T, N, lambda: partners("SAU", kind="defence_pact"))
q("which countries does indonesai have trade agreements with", T, N, lambda: partners("IDN", kind="trade"))
q("who has egypt signed normalization deals with", T, N, lambda: partners("EGY", kind="normalization"))
q("list the countries iran has nuclear cooperation agreements with pls", T, N,
  lambda: partners("IRN", kind="nuclear"))
q("malysia intel sharing partners?", T, N, lambda: partners("MYS", kind="intelligence_sharing"))
q("which countries did the UAE do military drills with", T, N, lambda: partners("ARE", kind="joint_exercise"))
q("who has Quatar got military aid agreements with", T, N, lambda: partners("QAT", kind="military_assistance"))
q("which countries has bahrain signed a strategic partnership with", T, N,
  lambda: partners("BHR", kind="strategic_partnership"))
q("Türkiye defence industry partners", T, N, lambda: partners("TUR", kind="defence_industry"))
q("which countries were part of disaster relief efforts with pakistan", T, N,
  lambda: partners("PAK", kind="disaster_response"))
q("who did kazakstan sign technology transfer deals with?", T, N,
  lambda: partners("KAZ", kind="technology_exchange"))
q("somalia humanitarian missions - which countries were involved with them", T, N,
  lambda: partners("SOM", kind="humanitarian_mission"))
q("afganistan non-aggression pacts with who", T, N, lambda: partners("AFG", kind="nonaggression_pact"))
q("which countries is azerbaijn allied with", T, N, lambda: partners("AZE", kind="alliance"))
q("morocco's security pacts, with which countries", T, N, lambda: partners("MAR", kind="defence_pact"))
q("Who does Bangladesh have FTAs with?", T, N, lambda: partners("BGD", kind="trade"))
q("nigeria defense cooperation agreement partners", T, N, lambda: partners("NGA", kind="dca"))
q("who has Iraq signed intelligence sharing deals with", T, N, lambda: partners("IRQ", kind="intelligence_sharing"))
q("senegal military exercises with which countries?", T, N, lambda: partners("SEN", kind="joint_exercise"))
q("With which countries did Tunisia sign free trade agreements", T, N, lambda: partners("TUN", kind="trade"))
q("uzbekistan nuclear deal with who", T, N, lambda: partners("UZB", kind="nuclear"))
q("israel normalization agreements - with which countries?", T, N, lambda: partners("ISR", kind="normalization"))
q("gambia's allies", T, N, lambda: partners("GMB", kind="alliance"))
q("which countries are allied with brunei", T, N, lambda: partners("BRN", kind="alliance"))
q("Oman DCA partners", T, N, lambda: partners("OMN", kind="dca"))
q("kuwiat trade deals with which countries", T, N, lambda: partners("KWT", kind="trade"))
q("which nations have a consultation pact with jordan", T, N, lambda: partners("JOR", kind="consultation_pact"))
q("neutrality pacts involving iran, who are the other parties", T, N,
  lambda: partners("IRN", kind="neutrality_pact"))
q("who has Mali had military assistance agreements with", T, N, lambda: partners("MLI", kind="military_assistance"))
q("which countries has albnia signed defence cooperation agreements with", T, N,
  lambda: partners("ALB", kind="dca"))
q("pakistan defence pact partners", T, N, lambda: partners("PAK", kind="defence_pact"))
q("azerbaidjan mutual defence treaty with which states", T, N, lambda: partners("AZE", kind="defence_pact"))
q("who are the allies of Turkmenistan", T, N, lambda: partners("TKM", kind="alliance"))
q("i was wondering who egypt has done war games with", T, N, lambda: partners("EGY", kind="joint_exercise"))
q("Which countries does Jordan have a free trade deal with?", T, N, lambda: partners("JOR", kind="trade"))
q("who has algérie signed a nuclear deal with", T, N, lambda: partners("DZA", kind="nuclear"))
q("syria allies?", T, N, lambda: partners("SYR", kind="alliance"))
q("offensive alliances of saudi arabia", T, N, lambda: partners("SAU", kind="offence_pact"))
q("which countries did indonesia do joint exercises with", T, N, lambda: partners("IDN", kind="joint_exercise"))
q("who are lebanon's allies", T, N, lambda: partners("LBN", kind="alliance"))
q("intelligence sharing partners of the Emirates", T, N, lambda: partners("ARE", kind="intelligence_sharing"))
q("with whom has Chad signed a normalization agreement", T, N, lambda: partners("TCD", kind="normalization"))
q("which countries has Kyrgyzstan got defence cooperation agreements with", T, N,
  lambda: partners("KGZ", kind="dca"))
q("who has sudan been allied with", T, N, lambda: partners("SDN", kind="alliance"))
q("maldives trade agreements partners", T, N, lambda: partners("MDV", kind="trade"))
q("which countries have co-production deals with pakistan", T, N, lambda: partners("PAK", kind="defence_industry"))

# ====================================================================== partners, event years
T = "partners_years"
q("Which countries has Pakistan signed defence pacts with since 2000?", T, N,
  lambda: partners("PAK", kind="defence_pact", years=(2000, None)))
q("who did turkey sign DCAs with in the 90s", T, N, lambda: partners("TUR", kind="dca", years=(1990, 1999)))
q("trade agreements malaysia signed after 2005, with which countries?", T, N,
  lambda: partners("MYS", kind="trade", years=(2006, None)))
q("which countries signed defence cooperation agreements with indonesia before 1995", T, N,
  lambda: partners("IDN", kind="dca", years=(None, 1994)))
q("which countries did egypt form alliances with between 1950 and 1960", T, N,
  lambda: partners("EGY", kind="alliance", years=(1950, 1960)))
q("who signed nuclear cooperation agreements with pakistan in the 70s", T, N,
  lambda: partners("PAK", kind="nuclear", years=(1970, 1979)))
q("who did saudi arabia sign trade deals with in 2019", T, N,
  lambda: partners("SAU", kind="trade", years=(2019, 2019)))
q("uae drill partners since 2005", T, N, lambda: partners("ARE", kind="joint_exercise", years=(2005, None)))
q("who did kazakhstan do military exercises with back in the 90s", T, N,
  lambda: partners("KAZ", kind="joint_exercise", years=(1990, 1999)))
q("which countries has iran signed nuclear deals with since 1990", T, N,
  lambda: partners("IRN", kind="nuclear", years=(1990, None)))
q("turkey free trade agreements signed from 2010 to 2015 - which countries", T, N,
  lambda: partners("TUR", kind="trade", years=(2010, 2015)))
q("Which states signed a DCA with Azerbaijan in 2005?", T, N,
  lambda: partners("AZE", kind="dca", years=(2005, 2005)))
q("with which countries did marocco sign trade agreements in the 2000s", T, N,
  lambda: partners("MAR", kind="trade", years=(2000, 2009)))
q("who did iraq form alliances with before 1960", T, N, lambda: partners("IRQ", kind="alliance", years=(None, 1959)))
q("egypt nuclear cooperation agreements back in the 80s, with whom", T, N,
  lambda: partners("EGY", kind="nuclear", years=(1980, 1989)))
q("Which countries has Qatar signed defence cooperation agreements with until 2008?", T, N,
  lambda: partners("QAT", kind="dca", years=(None, 2008)))
q("pakistan military drills with other countries in the 2000s", T, N,
  lambda: partners("PAK", kind="joint_exercise", years=(2000, 2009)))
q("who has jordan signed trade deals with since 2010", T, N, lambda: partners("JOR", kind="trade", years=(2010, None)))
q("which countries signed normalization agreements with israel after 2015", T, N,
  lambda: partners("ISR", kind="normalization", years=(2016, None)))
q("who signed alliances with saudi arabia in the 1930s", T, N,
  lambda: partners("SAU", kind="alliance", years=(1930, 1939)))
q("lybia alliances signed between 1969 and 1980?", T, N, lambda: partners("LBY", kind="alliance", years=(1969, 1980)))
q("who did bangladesh sign DCAs with after 2000", T, N, lambda: partners("BGD", kind="dca", years=(2001, None)))
q("Which countries did Malaysia hold war games with in 1995?", T, N,
  lambda: partners("MYS", kind="joint_exercise", years=(1995, 1995)))
q("which countries has tunisia signed trade deals with since the nineties", T, N,
  lambda: partners("TUN", kind="trade", years=(1990, None)))
q("countries that signed a DCA with uzbekistan before 2000", T, N, lambda: partners("UZB", kind="dca", years=(None, 1999)))
q("who did turkey sign defence pacts with in the 1950s", T, N,
  lambda: partners("TUR", kind="defence_pact", years=(1950, 1959)))
q("which countries did nigeria do exercises with in 2008", T, N,
  lambda: partners("NGA", kind="joint_exercise", years=(2008, 2008)))
q("algeria trade agreement partners signed before 1990", T, N,
  lambda: partners("DZA", kind="trade", years=(None, 1989)))
q("who has indonesia signed nuclear agreements with since 1980", T, N,
  lambda: either(lambda: partners("IDN", kind="nuclear", years=(1980, None)),
                 lambda: partners("IDN", sector="nuclear", years=(1980, None))))

# ====================================================================== partners in force (state)
T = "partners_in_force"
q("who was egypt allied with in 1978", T, N, lambda: partners_in_force("EGY", 1978, kind="alliance"))
q("which countries were in an alliance with iraq in 1990", T, N,
  lambda: partners_in_force("IRQ", 1990, kind="alliance"))
q("pakistan's allies in 1965", T, N, lambda: partners_in_force("PAK", 1965, kind="alliance"))
q("turkey defence pact partners in force in 1960", T, N, lambda: partners_in_force("TUR", 1960, kind="defence_pact"))
q("who were morocco's trade agreement partners in 1995", T, N, lambda: partners_in_force("MAR", 1995, kind="trade"))
q("who was syria allied with in 2012", T, N, lambda: partners_in_force("SYR", 2012, kind="alliance"))
q("allies of iran in 1975", T, N, lambda: partners_in_force("IRN", 1975, kind="alliance"))
q("which countries were allied with jordon in 1970?", T, N, lambda: partners_in_force("JOR", 1970, kind="alliance"))
q("who were indonesia's allies back in 1985", T, N, lambda: partners_in_force("IDN", 1985, kind="alliance"))
q("Malaysia's allies in 1970", T, N, lambda: partners_in_force("MYS", 1970, kind="alliance"))
q("which countries was saudi arabia in a defence pact with in 1990", T, N,
  lambda: partners_in_force("SAU", 1990, kind="defence_pact"))
q("who was afghanistan allied with in 1980", T, N, lambda: partners_in_force("AFG", 1980, kind="alliance"))
q("which countries were tunisa's trade partners in 2000, agreements in force", T, N,
  lambda: partners_in_force("TUN", 2000, kind="trade"))
q("who were the allies of kazakhstan in 1995", T, N, lambda: partners_in_force("KAZ", 1995, kind="alliance"))
q("egypt allies in 1990?", T, N, lambda: partners_in_force("EGY", 1990, kind="alliance"))
q("which countries was Libya allied with in 1985", T, N, lambda: partners_in_force("LBY", 1985, kind="alliance"))
q("turkiye allies in 1940", T, N, lambda: partners_in_force("TUR", 1940, kind="alliance"))
q("who was pakistan in an alliance with in 1980", T, N, lambda: partners_in_force("PAK", 1980, kind="alliance"))
q("which countries were allied with Oman in 2000", T, N, lambda: partners_in_force("OMN", 2000, kind="alliance"))
q("who were Somalia's allies in 1977", T, N, lambda: partners_in_force("SOM", 1977, kind="alliance"))

# ====================================================================== partners by obligation flag
T = "partners_obligation"
q("which countries have a non-aggression pact with turkey", T, N, lambda: partners("TUR", kind="nonaggression_pact"))
q("pakistan consultation pact partners", T, N, lambda: partners("PAK", kind="consultation_pact"))
q("who has egypt signed a non aggression pact with", T, N, lambda: partners("EGY", kind="nonaggression_pact"))
q("neutrality pacts of turkey - with which countries", T, N, lambda: partners("TUR", kind="neutrality_pact"))
q("offense pact partners of iran", T, N, lambda: partners("IRN", kind="offence_pact"))
q("which countries have consultation pacts with indonesia", T, N, lambda: partners("IDN", kind="consultation_pact"))
q("kazakhstan neutrality pacts with who", T, N, lambda: partners("KAZ", kind="neutrality_pact"))
q("iraq non-aggression pact partners?", T, N, lambda: partners("IRQ", kind="nonaggression_pact"))
q("who has jordan signed an offensive alliance with", T, N, lambda: partners("JOR", kind="offence_pact"))
q("afghanistan neutrality pact partners", T, N, lambda: partners("AFG", kind="neutrality_pact"))

# ====================================================================== partners by sector
T = "partners_sector"
q("which countries have economic agreements with brunei", T, N, lambda: either(lambda: partners("BRN", sector="economy"), lambda: partners("BRN", kind="trade")))
q("who has kazakhstan signed nuclear agreements with", T, N, lambda: either(lambda: partners("KAZ", sector="nuclear"), lambda: partners("KAZ", kind="nuclear")))
q("energy agreements of uzbekistan, with which countries?", T, N, lambda: partners("UZB", sector="energy"))
q("which countries has nigeria got technology agreements with", T, N, lambda: either(lambda: partners("NGA", sector="technology"),
                                lambda: partners("NGA", kind="technology_exchange")))
q("intelligence agreements between afghanistan and other countries - who?", T, N,
  lambda: either(lambda: partners("AFG", sector="intelligence"),
                 lambda: partners("AFG", kind="intelligence_sharing")))
q("humanitarian agreements of yemen, which countries", T, N, lambda: either(lambda: partners("YEM", sector="humanitarian"),
                                lambda: partners("YEM", kind="humanitarian_mission")))
q("which countries has the uae signed diplomacy agreements with", T, N, lambda: partners("ARE", sector="diplomacy"))
q("who has bangladsh signed nuclear agreements with", T, N,
  lambda: either(lambda: partners("BGD", sector="nuclear"), lambda: partners("BGD", kind="nuclear")))
q("economic agreements of palestine with which countries", T, N, lambda: either(lambda: partners("PSE", sector="economy"), lambda: partners("PSE", kind="trade")))
q("which countries did egypt sign energy deals with", T, N, lambda: partners("EGY", sector="energy"))
q("saudi tech agreements with who?", T, N, lambda: either(lambda: partners("SAU", sector="technology"),
                                lambda: partners("SAU", kind="technology_exchange")))
q("who has Chad got diplomacy agreements with", T, N, lambda: partners("TCD", sector="diplomacy"))
q("which countries have oil and gas agreements with qatar", T, N, lambda: partners("QAT", sector="energy"))

# ====================================================================== agreements between two nations
T = "agreements_between"
q("what defence cooperation agreements do turkey and azerbaijan have", T, A,
  lambda: agreements_between("TUR", "AZE", kind="dca"))
q("list the alliances between egypt and saudi arabia", T, A, lambda: agreements_between("EGY", "SAU", kind="alliance"))
q("trade agreements between turkey and malaysia", T, A, lambda: agreements_between("TUR", "MYS", kind="trade"))
q("which nuclear agreements did the US sign with pakistan", T, A, lambda: either(lambda: agreements_between("USA", "PAK", kind="nuclear"),
                                lambda: agreements_between("USA", "PAK", sector="nuclear")))
q("normalization agreements between israel and the uae", T, A,
  lambda: agreements_between("ISR", "ARE", kind="normalization"))
q("pakistan and china defence pacts", T, A, lambda: agreements_between("PAK", "CHN", kind="defence_pact"))
q("what agreements exist between qatar and turkey on defence cooperation", T, A,
  lambda: agreements_between("QAT", "TUR", kind="dca"))
q("show me the drills indonesia and malaysia did together", T, A,
  lambda: agreements_between("IDN", "MYS", kind="joint_exercise"))
q("what intel sharing agreements do pakistan and afghanistan have", T, A,
  lambda: agreements_between("PAK", "AFG", kind="intelligence_sharing"))
q("alliances between iran and iraq", T, A, lambda: agreements_between("IRN", "IRQ", kind="alliance"))
q("jordan and the US free trade agreements", T, A, lambda: agreements_between("JOR", "USA", kind="trade"))
q("DCAs between the united kingdom and oman", T, A, lambda: agreements_between("GBR", "OMN", kind="dca"))
q("defence pacts between turkey and greece?", T, A, lambda: agreements_between("TUR", "GRC", kind="defence_pact"))
q("what military aid agreements are there between turkey and somalia", T, A,
  lambda: agreements_between("TUR", "SOM", kind="military_assistance"))
q("nuclear cooperation between russia and egypt, which agreements", T, A,
  lambda: agreements_between("RUS", "EGY", kind="nuclear"))
q("which trade deals has indonesia signed with australia", T, A, lambda: agreements_between("IDN", "AUS", kind="trade"))
q("strategic partnerships between china and saudi arabia", T, A,
  lambda: agreements_between("CHN", "SAU", kind="strategic_partnership"))
q("defense industry agreements between turkey and indonesia", T, A,
  lambda: agreements_between("TUR", "IDN", kind="defence_industry"))
q("What alliances did Pakistan and the UK have?", T, A, lambda: agreements_between("PAK", "GBR", kind="alliance"))
q("what defence cooperation agreements did kazakhstan sign with turkey in the 90s", T, A,
  lambda: agreements_between("KAZ", "TUR", kind="dca", years=(1990, 1999)))
q("technology exchange agreements between the UAE and the States", T, A,
  lambda: agreements_between("ARE", "USA", kind="technology_exchange"))
q("which agreements did bangladesh and russia sign", T, A, lambda: agreements_between("BGD", "RUS"))

# ====================================================================== agreements of one nation
T = "agreements_of"
q("what normalization agreements has bahrain signed", T, A, lambda: agreements_of("BHR", kind="normalization"))
q("list azerbaijan's defence pacts", T, A, lambda: agreements_of("AZE", kind="defence_pact"))
q("which nuclear deals has the UAE signed", T, A, lambda: agreements_of("ARE", kind="nuclear"))
q("turkey's strategic partnership agreements", T, A, lambda: agreements_of("TUR", kind="strategic_partnership"))
q("what DCAs did malaysia sign in the 2000s", T, A, lambda: agreements_of("MYS", kind="dca", years=(2000, 2009)))
q("disaster relief agreements involving turkey", T, A, lambda: agreements_of("TUR", kind="disaster_response"))
q("show me the humanitarian missions qatar took part in", T, A, lambda: agreements_of("QAT", kind="humanitarian_mission"))
q("what trade agreements has palestine signed?", T, A, lambda: agreements_of("PSE", kind="trade"))
q("intelligence sharing agreements of saudi arabia", T, A, lambda: agreements_of("SAU", kind="intelligence_sharing"))
q("which technology transfer agreements has china signed", T, A, lambda: agreements_of("CHN", kind="technology_exchange"))
q("alliances egypt signed since 1990", T, A, lambda: agreements_of("EGY", kind="alliance", years=(1990, None)))
q("what defence cooperation agreements did pakistan sign between 2000 and 2005", T, A,
  lambda: agreements_of("PAK", kind="dca", years=(2000, 2005)))
q("list all defence industry deals of indonesia", T, A, lambda: agreements_of("IDN", kind="defence_industry"))
q("has brunei signed any nuclear cooperation agreements? which ones", T, A,
  lambda: agreements_of("BRN", kind="nuclear"))
q("which military assistance agreements involve syria", T, A, lambda: agreements_of("SYR", kind="military_assistance"))
q("trade agreements signed by Kuwait before 2000", T, A, lambda: agreements_of("KWT", kind="trade", years=(None, 1999)))

# ====================================================================== yes / no
T = "has_agreement"
q("do pakistan and china have a defence pact", T, V, lambda: bool(agreements_between("PAK", "CHN", kind="defence_pact")))
q("Is Türkiye in a joint exercise with Azerbaijan?", T, V,
  lambda: bool(agreements_between("TUR", "AZE", kind="joint_exercise")))
q("did turkey and azerbaijan have a defence pact before 1990?", T, V,
  lambda: bool(R.agreements_in_force_between("TUR", "AZE", -R.INF, 1989, kind="defence_pact")))
q("has KSA ever signed a DCA with the US", T, V, lambda: bool(agreements_between("SAU", "USA", kind="dca")))
q("is there a nuclear deal between the UAE and south korea", T, V,
  lambda: bool(agreements_between("ARE", "KOR", kind="nuclear")))
q("did iran and saudi arabia sign a normalization agreement?", T, V,
  lambda: bool(agreements_between("IRN", "SAU", kind="normalization")))
q("does israel have a normalization agreement with pakistan", T, V,
  lambda: bool(agreements_between("ISR", "PAK", kind="normalization")))
q("did malaysia and indonesia ever hold joint exercises", T, V,
  lambda: bool(agreements_between("MYS", "IDN", kind="joint_exercise")))
q("any intel sharing between pakistan and afghanistan?", T, V,
  lambda: bool(agreements_between("PAK", "AFG", kind="intelligence_sharing")))
q("has oman signed a defence cooperation agreement with the UK", T, V,
  lambda: bool(agreements_between("OMN", "GBR", kind="dca")))
q("were persia and iraq ever allies", T, V, lambda: bool(agreements_between("IRN", "IRQ", kind="alliance")))
q("did turkey and greece ever have a defence pact", T, V, lambda: bool(agreements_between("TUR", "GRC", kind="defence_pact")))
q("is there any trade agreement between iran and the united states", T, V,
  lambda: bool(agreements_between("IRN", "USA", kind="trade")))
q("have egypt and israel been in an alliance", T, V, lambda: bool(agreements_between("EGY", "ISR", kind="alliance")))
q("was pakistan in an alliance with the US in 1960", T, V,
  lambda: bool(R.agreements_in_force_between("PAK", "USA", 1960, kind="alliance")))
q("were egypt and syria allies in 1985?", T, V,
  lambda: bool(R.agreements_in_force_between("EGY", "SYR", 1985, kind="alliance")))
q("did indonesia sign a DCA with australia", T, V, lambda: bool(agreements_between("IDN", "AUS", kind="dca")))
q("Has Qatar done military exercises with Iran?", T, V,
  lambda: bool(agreements_between("QAT", "IRN", kind="joint_exercise")))
q("do saudi and pakistan have a mutual defence pact", T, V, lambda: bool(agreements_between("SAU", "PAK", kind="defence_pact")))
q("is there a nuclear cooperation agreement between turkey and russia", T, V,
  lambda: bool(agreements_between("TUR", "RUS", kind="nuclear")))
q("did the uae and israel sign a CEPA", T, V, lambda: bool(agreements_between("ARE", "ISR", kind="trade")))
q("were iraq and jordan allied in 1958", T, V,
  lambda: bool(R.agreements_in_force_between("IRQ", "JOR", 1958, kind="alliance")))
q("has malaysia ever signed a trade deal with pakistan", T, V, lambda: bool(agreements_between("MYS", "PAK", kind="trade")))
q("Did Kazakhstan and China sign a defence cooperation agreement?", T, V,
  lambda: bool(agreements_between("KAZ", "CHN", kind="dca")))
q("were turkey and iran allies before 1980", T, V,
  lambda: bool(R.agreements_in_force_between("TUR", "IRN", -R.INF, 1979, kind="alliance")))
q("does bangladesh have a nuclear agreement with russia", T, V, lambda: bool(agreements_between("BGD", "RUS", kind="nuclear")))

# ====================================================================== counts
T = "count_agreements"
q("how many DCAs has turkey signed", T, V, lambda: len(agreements_of("TUR", kind="dca")))
q("how many trade agreements does morocco have", T, V, lambda: len(agreements_of("MAR", kind="trade")))
q("number of nuclear cooperation agreements pakistan signed in the 70s", T, V,
  lambda: len(agreements_of("PAK", kind="nuclear", years=(1970, 1979))))
q("how many alliances has egypt been part of", T, V, lambda: len(agreements_of("EGY", kind="alliance")))
q("how many defence pacts did iran sign before 1979", T, V,
  lambda: len(agreements_of("IRN", kind="defence_pact", years=(None, 1978))))
q("how many military exercises did jordan take part in during the 2000s", T, V,
  lambda: len(agreements_of("JOR", kind="joint_exercise", years=(2000, 2009))))
q("count of normalization agreements signed by israel", T, V, lambda: len(agreements_of("ISR", kind="normalization")))
q("how many defence cooperation agreements has indonesia signed since 2000", T, V,
  lambda: len(agreements_of("IDN", kind="dca", years=(2000, None))))
q("how many arms deals has the UAE been part of since 2015", T, V,
  lambda: len(agreements_of("ARE", kind="arms_transfer", years=(2015, None))))
q("how many intelligence sharing agreements is saudi arabia in", T, V,
  lambda: len(agreements_of("SAU", kind="intelligence_sharing")))
q("How many FTAs has Jordan signed?", T, V, lambda: len(agreements_of("JOR", kind="trade")))
q("how many disaster response agreements include pakistan", T, V,
  lambda: len(agreements_of("PAK", kind="disaster_response")))
T = "count_between"
q("how many defence cooperation agreements between turkey and azerbaijan", T, V,
  lambda: len(agreements_between("TUR", "AZE", kind="dca")))
q("how many exercises did egypt and the us hold together", T, V,
  lambda: len(agreements_between("EGY", "USA", kind="joint_exercise")))
q("how many alliances do saudi arabia and egypt share", T, V, lambda: len(agreements_between("SAU", "EGY", kind="alliance")))
q("number of trade agreements between turkey and georgia", T, V, lambda: len(agreements_between("TUR", "GEO", kind="trade")))
q("how many nuclear agreements did france sign with pakistan", T, V,
  lambda: either(lambda: len(agreements_between("FRA", "PAK", kind="nuclear")),
                 lambda: len(agreements_between("FRA", "PAK", sector="nuclear"))))
q("how many DCAs between pakistan and turkey", T, V, lambda: len(agreements_between("PAK", "TUR", kind="dca")))
q("how many military drills have malaysia and singapore done together", T, V,
  lambda: len(agreements_between("MYS", "SGP", kind="joint_exercise")))
q("how many defense pacts do the us and turkey have together", T, V,
  lambda: len(agreements_between("USA", "TUR", kind="defence_pact")))
T = "count_partners"
q("how many countries is pakistan allied with", T, V, lambda: len(partners("PAK", kind="alliance")))
q("how many countries has indonesia signed trade deals with", T, V, lambda: len(partners("IDN", kind="trade")))
q("number of countries turkey has DCAs with", T, V, lambda: len(partners("TUR", kind="dca")))
q("how many countries has saudi arabia signed intelligence sharing agreements with", T, V,
  lambda: len(partners("SAU", kind="intelligence_sharing")))
q("with how many countries has kazakhstan held military exercises?", T, V,
  lambda: len(partners("KAZ", kind="joint_exercise")))
q("how many nuclear cooperation partners does egypt have", T, V, lambda: len(partners("EGY", kind="nuclear")))
q("how many countries have a normalization agreement with israel", T, V, lambda: len(partners("ISR", kind="normalization")))
q("how many countries are in a defence pact with azerbaijan", T, V, lambda: len(partners("AZE", kind="defence_pact")))

# ====================================================================== top partners
T = "top_partners"
q("who are turkey's top 3 DCA partners", T, N, lambda: cut(top_partners("TUR", 3, kind="dca")))
q("egypt's main trade partners (top 5)", T, N, lambda: cut(top_partners("EGY", 5, kind="trade")))
q("top 5 partners of pakistan in military exercises", T, N, lambda: cut(top_partners("PAK", 5, kind="joint_exercise")))
q("who does saudi arabia do the most arms deals with? top 3", T, N,
  lambda: cut(top_partners("SAU", 3, kind="arms_transfer")))
q("indonesia top 3 defense cooperation partners", T, N, lambda: cut(top_partners("IDN", 3, kind="dca")))
q("top 5 nuclear cooperation partners of pakistan", T, N, lambda: cut(top_partners("PAK", 5, kind="nuclear")))
q("which countries share the most alliances with egypt? top 4", T, N,
  lambda: cut(top_partners("EGY", 4, kind="alliance")))
q("top 4 exercise partners of the uae", T, N, lambda: cut(top_partners("ARE", 4, kind="joint_exercise")))
q("turkey's top 3 allies by number of shared alliances", T, N, lambda: cut(top_partners("TUR", 3, kind="alliance")))
q("saudi top 3 DCA partners", T, N, lambda: cut(top_partners("SAU", 3, kind="dca")))
q("who are algeria's top 5 trade agreement partners", T, N, lambda: cut(top_partners("DZA", 5, kind="trade")))
q("top 3 arms trade partners of qatar", T, N, lambda: cut(top_partners("QAT", 3, kind="arms_transfer")))
q("morocco's top 5 partners for joint exercises", T, N, lambda: cut(top_partners("MAR", 5, kind="joint_exercise")))
q("malaysia's top 5 partners", T, N, lambda: cut(top_partners("MYS", 5)))
q("who are azerbaijan's top 5 partners for defence cooperation agreements", T, N,
  lambda: cut(top_partners("AZE", 5, kind="dca")))

# ====================================================================== first / latest between two
T = "first_between"
q("when did turkey and azerbaijan sign their first defence cooperation agreement", T, V,
  lambda: first_between("TUR", "AZE", kind="dca")[0])
q("what year was the first alliance between egypt and saudi arabia", T, V,
  lambda: first_between("EGY", "SAU", kind="alliance")[0])
q("first nuclear deal between the US and pakistan - which year?", T, V,
  lambda: first_between("USA", "PAK", kind="nuclear")[0])
q("when did indonesia and malaysia first hold a joint military exercise", T, V,
  lambda: first_between("IDN", "MYS", kind="joint_exercise")[0])
q("when was the first trade agreement between turkey and israel signed", T, V,
  lambda: first_between("TUR", "ISR", kind="trade")[0])
q("first DCA between pakistan and china, what year", T, V, lambda: first_between("PAK", "CHN", kind="dca")[0])
q("when did iran and pakistan first become allies", T, V, lambda: first_between("IRN", "PAK", kind="alliance")[0])
q("which year did jordan and israel first sign a normalization agreement", T, V,
  lambda: first_between("JOR", "ISR", kind="normalization")[0])
T = "latest_between"
q("when was the latest defence cooperation agreement between turkey and azerbaijan", T, V,
  lambda: first_between("TUR", "AZE", latest=True, kind="dca")[0])
q("most recent trade agreement between egypt and turkey - year?", T, V,
  lambda: first_between("EGY", "TUR", latest=True, kind="trade")[0])
q("when did saudi arabia and pakistan sign their latest defence pact", T, V,
  lambda: first_between("SAU", "PAK", latest=True, kind="defence_pact")[0])
q("last alliance between iraq and syria, what year was it", T, V,
  lambda: first_between("IRQ", "SYR", latest=True, kind="alliance")[0])
q("the most recent nuclear deal between russia and iran, which year", T, V,
  lambda: first_between("RUS", "IRN", latest=True, kind="nuclear")[0])
q("when was the last joint exercise between egypt and the united states", T, V,
  lambda: first_between("EGY", "USA", latest=True, kind="joint_exercise")[0])

# ====================================================================== first / latest of one nation
T = "first_of"
q("when did azerbaijan sign its first DCA", T, V, lambda: first_of("AZE", kind="dca")[0])
q("what year did bangladesh sign its first trade agreement", T, V, lambda: first_of("BGD", kind="trade")[0])
q("when did saudi arabia join its first alliance? what year was it signed", T, V,
  lambda: first_of("SAU", kind="alliance")[0])
q("when was pakistan's first nuclear cooperation agreement", T, V, lambda: first_of("PAK", kind="nuclear")[0])
q("first normalization agreement israel signed - which year?", T, V, lambda: first_of("ISR", kind="normalization")[0])
T = "latest_of"
q("when did pakistan sign its most recent defence pact", T, V, lambda: first_of("PAK", latest=True, kind="defence_pact")[0])
q("what year was egypt's latest nuclear cooperation agreement", T, V,
  lambda: first_of("EGY", latest=True, kind="nuclear")[0])
q("latest DCA of indonesia, which year", T, V, lambda: first_of("IDN", latest=True, kind="dca")[0])
q("when did turkey sign its latest normalization agreement", T, V,
  lambda: first_of("TUR", latest=True, kind="normalization")[0])
q("when was the most recent alliance iran signed", T, V, lambda: first_of("IRN", latest=True, kind="alliance")[0])

# ====================================================================== common partners
T = "common_partners"
q("which countries are allies of both pakistan and turkey", T, N, lambda: common_partners("PAK", "TUR", kind="alliance"))
q("common DCA partners of indonesia and malaysia", T, N, lambda: common_partners("IDN", "MYS", kind="dca"))
q("countries that have trade agreements with both egypt and jordan", T, N,
  lambda: common_partners("EGY", "JOR", kind="trade"))
q("who has done drills with both pakistan and saudi arabia", T, N,
  lambda: common_partners("PAK", "SAU", kind="joint_exercise"))
q("which countries have nuclear deals with both iran and pakistan", T, N,
  lambda: common_partners("IRN", "PAK", kind="nuclear"))
q("shared defence pact partners of saudi arabia and iran?", T, N,
  lambda: common_partners("SAU", "IRN", kind="defence_pact"))
q("countries with defence cooperation agreements with both azerbaijan and kazakhstan", T, N,
  lambda: common_partners("AZE", "KAZ", kind="dca"))
q("which countries did both qatar and the uae sign normalization deals with", T, N,
  lambda: common_partners("QAT", "ARE", kind="normalization"))
q("common intelligence sharing partners of iraq and syria", T, N,
  lambda: common_partners("IRQ", "SYR", kind="intelligence_sharing"))
q("who sold or bought arms with both algeria and morocco", T, N,
  lambda: common_partners("DZA", "MAR", kind="arms_transfer"))

# ====================================================================== rankings / superlatives
T = "rank"
q("which OIC member has the most DCAs", T, N, lambda: cut(rank_nations(org="OIC", kind="dca")))
q("which country has the most trade agreements", T, N, lambda: cut(rank_nations(kind="trade")))
q("top 3 oic countries by number of defence pacts", T, N, lambda: cut(rank_nations(3, org="OIC", kind="defence_pact")))
q("which gulf state has been in the most arms deals", T, N, lambda: cut(rank_nations(org="GCC", kind="arms_transfer")))
q("which arab country signed the most nuclear cooperation agreements", T, N,
  lambda: cut(rank_nations(org="LAS", kind="nuclear")))
q("which muslim country did the most military exercises in the 2000s", T, N,
  lambda: cut(rank_nations(org="OIC", kind="joint_exercise", years=(2000, 2009))))
q("top 5 countries with the most normalization agreements", T, N, lambda: cut(rank_nations(5, kind="normalization")))
q("which country has signed the most defence cooperation agreements", T, N, lambda: cut(rank_nations(kind="dca")))
q("which islamic country has the most alliances", T, N, lambda: cut(rank_nations(org="OIC", kind="alliance")))
q("top 5 countries by number of nuclear cooperation agreements", T, N, lambda: cut(rank_nations(5, kind="nuclear")))
q("which GCC country has the most DCAs", T, N, lambda: cut(rank_nations(org="GCC", kind="dca")))
q("which oic member signed the most trade agreements in the 90s", T, N,
  lambda: cut(rank_nations(org="OIC", kind="trade", years=(1990, 1999))))
q("top 3 arab states by defence cooperation agreements since 2000", T, N,
  lambda: cut(rank_nations(3, org="LAS", kind="dca", years=(2000, None))))
q("top 3 countries by number of DCAs", T, N, lambda: cut(rank_nations(3, kind="dca")))
q("top 3 oic members with the most trade agreements", T, N, lambda: cut(rank_nations(3, org="OIC", kind="trade")))
q("which 5 arab league countries did the most military exercises", T, N, lambda: cut(rank_nations(5, org="LAS", kind="joint_exercise")))
q("top 3 muslim countries by number of arms deals", T, N, lambda: cut(rank_nations(3, org="OIC", kind="arms_transfer")))
q("which country took part in the most intelligence sharing agreements", T, N,
  lambda: cut(rank_nations(kind="intelligence_sharing")))

# ====================================================================== named agreements
T = "agreement_parties"
ABRAHAM = ["curated:abraham-accords-uae-israel-2020", "curated:abraham-accords-bahrain-israel-2020",
           "curated:abraham-accords-sudan-israel-2020", "curated:abraham-accords-morocco-israel-2020"]


def parties_of(*ids):
    res = set()
    for i in ids:
        res |= R.agreement(i).parties
    return res


q("Who are the parties to the Abraham Accords?", T, N, lambda: parties_of(*ABRAHAM))
q("who signed the alula declaration", T, N, lambda: parties_of("curated:alula-declaration-qatar-reconciliation-2021"))
q("members of the islamic military counter terrorism coalition?", T, N,
  lambda: parties_of("curated:islamic-military-counter-terrorism-coalition-2015"))
q("which countries took part in the gulf shield 1 exercise", T, N, lambda: parties_of("curated:gulf-shield-1-exercise-2018"))
q("who's part of the black sea grain initiative", T, N, lambda: parties_of("curated:black-sea-grain-initiative-2022"))
q("parties to the shusha declaration", T, N, lambda: parties_of("curated:shusha-declaration-turkey-azerbaijan-2021"))
q("who signed the qualifying industrial zones agreement", T, N,
  lambda: parties_of("curated:egypt-israel-us-qualifying-industrial-zones-2004"))
q("which countries are in the terrorist financing targeting center", T, N,
  lambda: parties_of("curated:terrorist-financing-targeting-center-2017"))
q("countries in the Our Eyes initiative", T, N, lambda: parties_of("curated:asean-our-eyes-initiative-2018"))
q("members of atop alliance 3275", T, N, lambda: parties_of("atop:3275"))
q("which countries were part of the saudi-led coalition in yemen", T, N,
  lambda: parties_of("curated:saudi-led-coalition-yemen-2015"))
q("who attended the beirut explosion international assistance conference", T, N,
  lambda: parties_of("curated:beirut-explosion-2020-international-assistance-conference"))
q("who is in the multinational joint task force against boko haram around lake chad", T, N,
  lambda: parties_of("curated:multinational-joint-task-force-lake-chad-2014"))
q("who took part in the indomalphi trilateral arrangement", T, N,
  lambda: parties_of("curated:indomalphi-trilateral-cooperative-arrangement-2017"))
T = "agreement_parties_at_year"
q("who was in atop alliance 3015 in 1985", T, N, lambda: R.parties_at("atop:3015", 1985))
q("members of atop 3275 in 1960", T, N, lambda: R.parties_at("atop:3275", 1960))
q("which countries were parties to atop alliance 3180 in 1960?", T, N, lambda: R.parties_at("atop:3180", 1960))
q("atop 3015 members in 2012", T, N, lambda: R.parties_at("atop:3015", 2012))
q("who were the members of atop alliance 3205 in 1970", T, N, lambda: R.parties_at("atop:3205", 1970))
T = "agreement_year"
q("when was the shusha declaration signed", T, V, lambda: R.agreement("curated:shusha-declaration-turkey-azerbaijan-2021").year)
q("what year was the egypt israel peace treaty", T, V, lambda: R.agreement("curated:egypt-israel-peace-treaty-1979").year)
q("when did the china pakistan economic corridor start", T, V,
  lambda: R.agreement("curated:china-pakistan-economic-corridor-2015").year)
q("when was the akkuyu nuclear plant agreement signed?", T, V,
  lambda: R.agreement("curated:akkuyu-nuclear-power-plant-agreement-2010").year)
q("what year did operation serval start", T, V, lambda: R.agreement("curated:operation-serval-mali-2013").year)
q("when was the islamic military counter terrorism coalition formed", T, V,
  lambda: R.agreement("curated:islamic-military-counter-terrorism-coalition-2015").year)
q("wadi araba treaty - what year", T, V, lambda: R.agreement("curated:israel-jordan-peace-treaty-1994").year)
q("what year was atop alliance 3275 signed", T, V, lambda: R.agreement("atop:3275").year)
q("when did the black sea grain initiative start", T, V, lambda: R.agreement("curated:black-sea-grain-initiative-2022").year)
q("when was the saudi pakistan strategic mutual defence agreement signed", T, V,
  lambda: R.agreement("curated:saudi-pakistan-strategic-mutual-defence-2025").year)
T = "agreement_in_force"
q("is the egypt-israel peace treaty still in force", T, V, lambda: R.in_force("curated:egypt-israel-peace-treaty-1979"))
q("is the black sea grain initiative still in force?", T, V, lambda: R.in_force("curated:black-sea-grain-initiative-2022"))
q("is operation serval still in force", T, V, lambda: R.in_force("curated:operation-serval-mali-2013"))
q("is atop alliance 3275 still in force", T, V, lambda: R.in_force("atop:3275"))
q("is the jordan israel peace treaty still valid", T, V, lambda: R.in_force("curated:israel-jordan-peace-treaty-1994"))
q("is atop 3015 still in effect?", T, V, lambda: R.in_force("atop:3015"))
q("is the gulf shield 1 exercise agreement still in force", T, V, lambda: R.in_force("curated:gulf-shield-1-exercise-2018"))
T = "agreement_joined"
q("which countries joined atop alliance 3180 after it started", T, N, lambda: R.joined("atop:3180"))
q("who joined atop 4810 later on", T, N, lambda: R.joined("atop:4810"))
q("which members joined atop alliance 3275 after it was signed", T, N, lambda: R.joined("atop:3275"))
T = "agreement_left"
q("who left atop 3275", T, N, lambda: R.left("atop:3275"))
q("which countries left atop alliance 3015", T, N, lambda: R.left("atop:3015"))
q("who left atop alliance 3260", T, N, lambda: R.left("atop:3260"))
T = "agreement_lead"
q("who led operation unified assistance in aceh", T, N, lambda: {R.agreement("curated:operation-unified-assistance-aceh-2004").meta["lead"]})
q("who is the lead party of the aman naval exercise", T, N, lambda: {R.agreement("curated:aman-naval-exercise").meta["lead"]})
q("who led the peninsula shield deployment to bahrain", T, N,
  lambda: {R.agreement("curated:peninsula-shield-deployment-bahrain-2011").meta["lead"]})
q("which country leads the our eyes initiative", T, N, lambda: {R.agreement("curated:asean-our-eyes-initiative-2018").meta["lead"]})
q("who led the saudi iran agreement in beijing", T, N, lambda: {R.agreement("curated:saudi-iran-beijing-agreement-2023").meta["lead"]})
T = "led_by"
q("which agreements were led by turkey", T, A, lambda: R.led_by("TUR"))
q("agreements where saudi arabia is the lead party", T, A, lambda: R.led_by("SAU"))
q("what agreements did russia lead", T, A, lambda: R.led_by("RUS"))
q("which agreements has china led?", T, A, lambda: R.led_by("CHN"))
q("agreements led by the uae", T, A, lambda: R.led_by("ARE"))
T = "agreements_in_period"
q("which normalization agreements were signed in 2020", T, A, lambda: R.in_period(kind="normalization", years=(2020, 2020)))
q("intelligence sharing agreements signed between 2015 and 2017", T, A,
  lambda: R.in_period(kind="intelligence_sharing", years=(2015, 2017)))
q("list the disaster response agreements since 2020", T, A, lambda: R.in_period(kind="disaster_response", years=(2020, None)))
q("strategic partnerships signed since 2020?", T, A, lambda: R.in_period(kind="strategic_partnership", years=(2020, None)))
q("what nuclear cooperation agreements were signed after 2008", T, A, lambda: R.in_period(kind="nuclear", years=(2009, None)))
q("humanitarian missions since 2015", T, A, lambda: R.in_period(kind="humanitarian_mission", years=(2015, None)))
q("which defence pacts were signed since 2015", T, A, lambda: R.in_period(kind="defence_pact", years=(2015, None)))
q("technology transfer agreements from the 2000s", T, A, lambda: R.in_period(kind="technology_exchange", years=(2000, 2009)))
q("defence industry agreements signed in 2022", T, A, lambda: R.in_period(kind="defence_industry", years=(2022, 2022)))

# ====================================================================== organizations
T = "org_members"
q("who are the members of the GCC", T, N, lambda: R.org_members("GCC"))
q("arab league members", T, N, lambda: R.org_members("LAS"))
q("list the D-8 members", T, N, lambda: R.org_members("D8"))
q("which countries are in the ECO (economic cooperation organization)", T, N, lambda: R.org_members("ECO"))
q("who is in the shanghai cooperation organisation", T, N, lambda: R.org_members("SCO"))
q("opec members?", T, N, lambda: R.org_members("OPEC"))
q("which countries are members of the arab maghreb union", T, N, lambda: R.org_members("AMU"))
q("members of saarc", T, N, lambda: R.org_members("SAARC"))
T = "org_members_at_year"
q("who was in nato in 1980", T, N, lambda: R.org_members_at("NATO", 1980))
q("members of the arab league in 1960", T, N, lambda: R.org_members_at("LAS", 1960))
q("which countries were in the OIC in 1975", T, N, lambda: R.org_members_at("OIC", 1975))
q("gcc members in 1985", T, N, lambda: R.org_members_at("GCC", 1985))
q("who was in CENTO in 1960", T, N, lambda: R.org_members_at("CENTO", 1960))
q("warsaw pact members in 1970?", T, N, lambda: R.org_members_at("WARSAW_PACT", 1970))
q("which countries were opec members in 1990", T, N, lambda: R.org_members_at("OPEC", 1990))
q("who were the members of the Arab Cooperation Council in 1989", T, N, lambda: R.org_members_at("ACC", 1989))
T = "org_membership"
q("is turkey in nato", T, V, lambda: R.is_member("NATO", "TUR"))
q("is egypt a member of opec", T, V, lambda: R.is_member("OPEC", "EGY"))
q("is indonesia in opec", T, V, lambda: R.is_member("OPEC", "IDN"))
q("is qatar in the arab league?", T, V, lambda: R.is_member("LAS", "QAT"))
q("is iran part of the gcc", T, V, lambda: R.is_member("GCC", "IRN"))
q("is azerbaijan a member of the oic", T, V, lambda: R.is_member("OIC", "AZE"))
q("is thailand a member of the OIC", T, V, lambda: R.is_member("OIC", "THA"))
q("is pakistan in saarc", T, V, lambda: R.is_member("SAARC", "PAK"))
q("is malaysia an asean member", T, V, lambda: R.is_member("ASEAN", "MYS"))
q("Is Turkiye a member of the D-8?", T, V, lambda: R.is_member("D8", "TUR"))
q("is israel in the OIC", T, V, lambda: R.is_member("OIC", "ISR"))
T = "org_join_year"
q("when did turkey join nato", T, V, lambda: R.org_join_year("NATO", "TUR"))
q("When did Cameroon join the OIC?", T, V, lambda: R.org_join_year("OIC", "CMR"))
q("when did qatar join the gcc", T, V, lambda: R.org_join_year("GCC", "QAT"))
q("what year did morocco join the arab league", T, V, lambda: R.org_join_year("LAS", "MAR"))
q("when did nigeria join the d8", T, V, lambda: R.org_join_year("D8", "NGA"))
q("when did azerbaijan join ECO", T, V, lambda: R.org_join_year("ECO", "AZE"))
q("when did albania join nato?", T, V, lambda: R.org_join_year("NATO", "ALB"))
q("when did kazakhstan join the organisation of islamic cooperation", T, V, lambda: R.org_join_year("OIC", "KAZ"))
q("syria joined the oic in which year", T, V, lambda: R.org_join_year("OIC", "SYR"))
q("when did yemen become an OIC member", T, V, lambda: R.org_join_year("OIC", "YEM"))
q("when did egypt join the african union", T, V, lambda: R.org_join_year("AU", "EGY"))
T = "org_left"
q("who left opec", T, N, lambda: R.org_left("OPEC"))
q("which countries left the arab league", T, N, lambda: R.org_left("LAS"))
q("Who left CENTO?", T, N, lambda: R.org_left("CENTO"))
q("which countries left the islamic development bank", T, N, lambda: R.org_left("ISDB"))
q("who left the CIS", T, N, lambda: R.org_left("CIS"))
T = "org_joined_in"
q("who joined the OIC in the 90s", T, N, lambda: R.org_joined_in("OIC", 1990, 1999))
q("which countries joined nato after 1990", T, N, lambda: R.org_joined_in("NATO", 1991, 2014))
q("which countries joined the oic in 1974", T, N, lambda: R.org_joined_in("OIC", 1974, 1974))
q("who joined the arab league in the 1970s", T, N, lambda: R.org_joined_in("LAS", 1970, 1979))
q("which countries became OIC members since 2000", T, N, lambda: R.org_joined_in("OIC", 2000, 2100))
T = "org_count"
q("how many members does the gcc have", T, V, lambda: len(R.org_members("GCC")))
q("how many countries are in the oic", T, V, lambda: len(R.org_members("OIC")))
q("number of nato members", T, V, lambda: len(R.org_members("NATO")))
q("how many countries are in the arab league?", T, V, lambda: len(R.org_members("LAS")))
q("how many members in asean", T, V, lambda: len(R.org_members("ASEAN")))
T = "nation_orgs"
q("what organisations is qatar a member of", T, O, lambda: R.nation_orgs("QAT"))
q("which international organizations does turkey belong to", T, O, lambda: R.nation_orgs("TUR"))
q("pakistan's organization memberships", T, O, lambda: R.nation_orgs("PAK"))
q("which organisations is palestine part of", T, O, lambda: R.nation_orgs("PSE"))
q("what orgs has egypt been a member of", T, O, lambda: R.nation_orgs("EGY"))
T = "org_filter"
q("which gcc countries have a DCA with the US", T, N, lambda: org("GCC", partners("USA", kind="dca")))
q("which arab league members signed normalization deals with israel", T, N,
  lambda: org("LAS", partners("ISR", kind="normalization")))
q("Which OIC members have defence pacts with the United States?", T, N,
  lambda: oic(partners("USA", kind="defence_pact")))
q("which OIC members have nuclear cooperation agreements with russia", T, N, lambda: oic(partners("RUS", kind="nuclear")))
q("which muslim countries have a 123 deal with the states", T, N, lambda: oic(partners("USA", kind="nuclear")))
q("which arab states are allied with turkey", T, N, lambda: org("LAS", partners("TUR", kind="alliance")))
q("which gulf states have done drills with pakistan", T, N, lambda: org("GCC", partners("PAK", kind="joint_exercise")))
q("which OIC countries share intelligence with saudi arabia", T, N,
  lambda: oic(partners("SAU", kind="intelligence_sharing")))
q("which ASEAN countries have DCAs with indonesia", T, N, lambda: org("ASEAN", partners("IDN", kind="dca")))
q("which D-8 members have trade agreements with turkey", T, N, lambda: org("D8", partners("TUR", kind="trade")))
q("members of the arab league that have defence cooperation agreements with france", T, N,
  lambda: org("LAS", partners("FRA", kind="dca")))
q("which nato members have done arms deals with saudi arabia", T, N,
  lambda: org("NATO", partners("SAU", kind="arms_transfer")))
q("Which islamic countries signed DCAs with china?", T, N, lambda: oic(partners("CHN", kind="dca")))
q("which OIC members are in NATO", T, N, lambda: R.org_members("NATO") & R.org_members("OIC"))
q("which oic countries are in asean", T, N, lambda: R.org_members("ASEAN") & R.org_members("OIC"))
q("which muslim majority countries have military exercises with india", T, N,
  lambda: oic(partners("IND", kind="joint_exercise")))
q("which SCO members are allied with pakistan", T, N, lambda: org("SCO", partners("PAK", kind="alliance")))
q("which gulf countries have trade deals with france", T, N,
  lambda: org("GCC", partners("FRA", kind="trade")))

# ====================================================================== nuclear suppliers / recipients
T = "nuclear_suppliers"
q("who supplied nuclear technology to pakistan", T, N, lambda: R.nuclear_suppliers("PAK"))
q("nuclear suppliers of iran", T, N, lambda: R.nuclear_suppliers("IRN"))
q("which countries gave indonesia nuclear assistance", T, N, lambda: R.nuclear_suppliers("IDN"))
q("who has supplied nuclear help to libya", T, N, lambda: R.nuclear_suppliers("LBY"))
q("nuclear suppliers of syria?", T, N, lambda: R.nuclear_suppliers("SYR"))
q("who are morocco's nuclear suppliers", T, N, lambda: R.nuclear_suppliers("MAR"))
q("which countries provided nuclear cooperation to algeria", T, N, lambda: R.nuclear_suppliers("DZA"))
q("nuclear suppliers for jordan", T, N, lambda: R.nuclear_suppliers("JOR"))
q("who supplied nuclear assistance to egypt", T, N, lambda: R.nuclear_suppliers("EGY"))
T = "nuclear_recipients"
q("which countries did pakistan provide nuclear assistance to", T, N, lambda: R.nuclear_recipients("PAK"))
q("which countries received nuclear assistance from argentina", T, N, lambda: R.nuclear_recipients("ARG"))
q("which OIC members got nuclear help from france", T, N, lambda: oic(R.nuclear_recipients("FRA")))
q("who received nuclear cooperation from china", T, N, lambda: R.nuclear_recipients("CHN"))
q("which countries has turkey given nuclear assistance to", T, N, lambda: R.nuclear_recipients("TUR"))
q("which muslim countries received nuclear assistance from the soviet union / russia", T, N,
  lambda: oic(R.nuclear_recipients("RUS")))
q("india nuclear recipients", T, N, lambda: R.nuclear_recipients("IND"))

# ====================================================================== arms transfers (SIPRI)
T = "arms_suppliers"
q("who supplies pakistan with arms", T, N, lambda: R.arms_suppliers("PAK"))
q("egpyt's arms suppliers since 2010", T, N, lambda: R.arms_suppliers("EGY", years=(2010, None)))
q("who sold submarines to pakistn", T, N, lambda: R.arms_suppliers("PAK", cat="submarine"))
q("which countries have sold tanks to indonesia since 2000", T, N, lambda: R.arms_suppliers("IDN", cat="tank", years=(2000, None)))
q("where does saudi arabia buy its fighter jets from", T, N, lambda: R.arms_suppliers("SAU", cat="combat aircraft"))
q("who sold helicopters to nigeria?", T, N, lambda: R.arms_suppliers("NGA", cat="helicopter"))
q("who supplied drones to the uae", T, N, lambda: R.arms_suppliers("ARE", cat="uav"))
q("algeria arms suppliers in the 2010s", T, N, lambda: R.arms_suppliers("DZA", years=(2010, 2019)))
q("who sold weapons to iran before 1979", T, N, lambda: R.arms_suppliers("IRN", years=(None, 1978)))
q("who sold frigates to morocco", T, N, lambda: R.arms_suppliers("MAR", cat="frigate"))
q("iraq tank suppliers since 2000", T, N, lambda: R.arms_suppliers("IRQ", cat="tank", years=(2000, None)))
q("which countries sold frigates to bangladesh", T, N, lambda: R.arms_suppliers("BGD", cat="frigate"))
q("who sold armed drones to azerbaijan", T, N, lambda: R.arms_suppliers("AZE", cat="armed drone"))
q("where did turkey get its helicopters from since 2000", T, N, lambda: R.arms_suppliers("TUR", cat="helicopter", years=(2000, None)))
q("who are qatar's arms suppliers since 2015", T, N, lambda: R.arms_suppliers("QAT", years=(2015, None)))
q("who did malaysia buy submarines from", T, N, lambda: R.arms_suppliers("MYS", cat="submarine"))
q("which countries sold fighter jets to egypt after 2010", T, N,
  lambda: R.arms_suppliers("EGY", cat="combat aircraft", years=(2011, None)))
q("kuwait's weapons suppliers in the 90s", T, N, lambda: R.arms_suppliers("KWT", years=(1990, 1999)))
q("who has sold combat helicopters or any helicopters to pakistan since 2015", T, N,
  lambda: R.arms_suppliers("PAK", cat="helicopter", years=(2015, None)))
q("who sold tanks to saudi arabia", T, N, lambda: R.arms_suppliers("SAU", cat="tank"))
T = "arms_exports"
q("what has turkey exported to azerbaijan", T, A, lambda: R.exported("TUR", "AZE"))
q("arms deals between china and pakistan since 2015", T, A, lambda: R.exported("CHN", "PAK", years=(2015, None)))
q("what did russia sell to algeria in 2010", T, A, lambda: R.exported("RUS", "DZA", years=(2010, 2010)))
q("what weapons did france sell to egypt from 2014 on", T, A, lambda: R.exported("FRA", "EGY", years=(2014, None)))
q("arms deals between the US and saudi arabia in 2017", T, A, lambda: R.exported("USA", "SAU", years=(2017, 2017)))
q("what has pakistan exported to nigeria", T, A, lambda: R.exported("PAK", "NGA"))
q("what weapons has south korea sold to indonesia", T, A, lambda: R.exported("KOR", "IDN"))
q("what did the US sell iran after 1979", T, A, lambda: R.exported("USA", "IRN", years=(1980, None)))
q("arms exports from israel to pakistan", T, A, lambda: R.exported("ISR", "PAK"))
q("what did turkiye sell to qatar", T, A, lambda: R.exported("TUR", "QAT"))
q("arms deals between germany and egypt since 2010", T, A, lambda: R.exported("DEU", "EGY", years=(2010, None)))
T = "arms_buyers"
q("which OIC members bought Bayraktar TB2", T, N, lambda: R.buyers(org="OIC", designation="Bayraktar TB2"))
q("which muslim countries bought F-16s", T, N, lambda: R.buyers(org="OIC", designation="F-16"))
q("which arab states bought the rafale", T, N, lambda: R.buyers(org="LAS", designation="Rafale"))
q("which OIC members bought submarines from germany", T, N, lambda: R.buyers(org="OIC", cat="submarine", supplier="DEU"))
q("which gulf states bought tanks from france", T, N, lambda: R.buyers(org="GCC", cat="tank", supplier="FRA"))
q("which oic countries bought armed drones from china", T, N, lambda: R.buyers(org="OIC", cat="armed drone", supplier="CHN"))
q("which OIC members bought Mirage-2000s", T, N, lambda: R.buyers(org="OIC", designation="Mirage-2000"))
q("which muslim countries bought the JF-17", T, N, lambda: R.buyers(org="OIC", designation="JF-17"))
q("which oic members bought su-30 fighters", T, N, lambda: R.buyers(org="OIC", designation="Su-30"))
q("Which OIC states ordered the Akinci drone?", T, N, lambda: R.buyers(org="OIC", designation="Akinci"))
q("which islamic countries bought wing loong drones from china", T, N,
  lambda: R.buyers(org="OIC", designation="Wing Loong", supplier="CHN"))
q("which gulf countries bought patriot missiles", T, N, lambda: R.buyers(org="GCC", designation="Patriot"))
q("which arab countries bought abrams tanks", T, N, lambda: R.buyers(org="LAS", designation="Abrams"))
q("which gulf states bought submarines", T, N, lambda: R.buyers(org="GCC", cat="submarine"))
T = "arms_top_suppliers"
q("top 3 arms suppliers of egypt since 2000", T, N, lambda: cut(R.top_suppliers("EGY", 3, years=(2000, None))))
q("who are pakistan's biggest arms suppliers between 2010 and 2024, top 3", T, N,
  lambda: cut(R.top_suppliers("PAK", 3, years=(2010, 2024))))
q("saudi arabia's top 5 arms suppliers", T, N, lambda: cut(R.top_suppliers("SAU", 5)))
q("top 3 weapons suppliers to algeria since 2000", T, N, lambda: cut(R.top_suppliers("DZA", 3, years=(2000, None))))
q("biggest arms suppliers to turkey in the 90s (top 3)", T, N, lambda: cut(R.top_suppliers("TUR", 3, years=(1990, 1999))))
q("top 2 arms suppliers of qatar since 2010", T, N, lambda: cut(R.top_suppliers("QAT", 2, years=(2010, None))))
q("top arms suppliers of the UAE", T, N, lambda: cut(R.top_suppliers("ARE", 5)))
q("iran's top 3 arms suppliers of all time", T, N, lambda: cut(R.top_suppliers("IRN", 3)))
T = "arms_received"
q("has pakistan received submarines from china", T, V, lambda: R.received("PAK", "submarine", "CHN"))
q("has egypt received submarines from germany", T, V, lambda: R.received("EGY", "submarine", "DEU"))
q("did saudi arabia get tanks from the US", T, V, lambda: R.received("SAU", "tank", "USA"))
q("has turkey received fighter jets from russia", T, V, lambda: R.received("TUR", "combat aircraft", "RUS"))
q("did iran receive submarines from russia?", T, V, lambda: R.received("IRN", "submarine", "RUS"))
q("has indonesia received combat aircraft from south korea", T, V, lambda: R.received("IDN", "combat aircraft", "KOR"))
q("did the uae receive fighter jets from france", T, V, lambda: R.received("ARE", "combat aircraft", "FRA"))
q("has qatar received tanks from germany", T, V, lambda: R.received("QAT", "tank", "DEU"))
q("has algeria received submarines from china", T, V, lambda: R.received("DZA", "submarine", "CHN"))
q("has bangladesh received submarines from china?", T, V, lambda: R.received("BGD", "submarine", "CHN"))
q("did azerbaijan receive armed drones from turkey", T, V, lambda: R.received("AZE", "armed drone", "TUR"))
q("has nigeria received helicopters from russia", T, V, lambda: R.received("NGA", "helicopter", "RUS"))
T = "arms_licence"
q("which OIC members produce chinese weapons under licence", T, N, lambda: R.licence_producers("CHN", org="OIC"))
q("which states license-produce weapons from the united states", T, N, lambda: R.licence_producers("USA"))
q("which countries make german weapons under license", T, N, lambda: R.licence_producers("DEU"))
q("which oic countries license produce turkish weapons", T, N, lambda: R.licence_producers("TUR", org="OIC"))
q("who co-produces russian weapons under licence?", T, N, lambda: R.licence_producers("RUS"))

# ====================================================================== exercises (MME + curated)
T = "exercises_between"
q("which exercises did egypt and the us hold together", T, A, lambda: R.exercises_between("EGY", "USA"))
q("what drills did pakistan and china do together", T, A, lambda: R.exercises_between("PAK", "CHN"))
q("military exercises between turkey and israel", T, A, lambda: R.exercises_between("TUR", "ISR"))
q("which exercises did jordan and the uk hold together", T, A, lambda: R.exercises_between("JOR", "GBR"))
q("saudi arabia and pakistan joint exercises in the 2000s", T, A, lambda: R.exercises_between("SAU", "PAK", years=(2000, 2009)))
q("what exercises did malaysia and indonesia hold in 2005", T, A, lambda: R.exercises_between("MYS", "IDN", years=(2005, 2005)))
q("war games between iran and the united states?", T, A, lambda: R.exercises_between("IRN", "USA"))
q("which exercises have morocco and france done together between 2000 and 2010", T, A,
  lambda: R.exercises_between("MAR", "FRA", years=(2000, 2010)))
q("drills held by kazakhstan with the US in the 2000s", T, A, lambda: R.exercises_between("KAZ", "USA", years=(2000, 2009)))
q("have saudi arabia and israel ever exercised together? which exercises", T, A, lambda: R.exercises_between("SAU", "ISR"))
q("which exercises did pakistan and india hold together", T, A, lambda: R.exercises_between("PAK", "IND"))
T = "exercise_participants"
q("who took part in bright star in 1999", T, N, lambda: R.series_participants("Bright Star", 1999))
q("participants of anatolian eagle 2004", T, N, lambda: R.series_participants("Anatolian Eagle", 2004))
q("cobra gold 2005, which countries participated", T, N, lambda: R.series_participants("Cobra Gold", 2005))
q("which countries joined bright star in 2005", T, N, lambda: R.series_participants("Bright Star", 2005))
q("which countries were in RIMPAC in 2008", T, N, lambda: R.series_participants("RIMPAC", 2008))
q("who participated in malabar 2007", T, N, lambda: R.series_participants("Malabar", 2007))
q("who took part in bright star in 2003", T, N, lambda: R.series_participants("Bright Star", 2003))
q("who was in the Bright Star exercise in 1993?", T, N, lambda: R.series_participants("Bright Star", 1993))
T = "humanitarian_exercises"
q("which OIC members joined humanitarian exercises with the us", T, N, lambda: R.humanitarian_exercise_partners("USA"))
q("which OIC members did humanitarian drills with pakistan", T, N, lambda: R.humanitarian_exercise_partners("PAK"))
q("muslim countries in humanitarian exercises with turkey", T, N, lambda: R.humanitarian_exercise_partners("TUR"))
q("which oic countries took part in humanitarian exercises with indonesia", T, N,
  lambda: R.humanitarian_exercise_partners("IDN"))
q("which OIC members joined humanitarian exercises with saudi arabia", T, N,
  lambda: R.humanitarian_exercise_partners("SAU"))
q("OIC states that did humanitarian exercises alongside the UK", T, N, lambda: R.humanitarian_exercise_partners("GBR"))

# ====================================================================== the OIC itself
T = "oic"
q("who are the members of the OIC", T, N, lambda: R.org_members("OIC"))
q("oic observers", T, N, lambda: {k for k in R.data.OIC_OBSERVERS if len(k) == 3})
q("since when is albania in the oic", T, V, lambda: R.org_join_year("OIC", "ALB"))
q("is russia an oic member", T, V, lambda: R.is_member("OIC", "RUS"))
q("which countries were founding members of the OIC in 1969", T, N, lambda: R.org_joined_in("OIC", 1969, 1969))
q("is palestine in the oic?", T, V, lambda: R.is_member("OIC", "PSE"))
q("who was in the oic in 1980", T, N, lambda: R.org_members_at("OIC", 1980))
q("when did guyana join the OIC", T, V, lambda: R.org_join_year("OIC", "GUY"))
q("which oic members are also in the arab league", T, N, lambda: R.org_members("LAS") & R.org_members("OIC"))
q("how many members does the organisation of islamic cooperation have", T, V, lambda: len(R.org_members("OIC")))
q("when did côte d'ivoire join the OIC", T, V, lambda: R.org_join_year("OIC", "CIV"))
q("Is Bosnia an OIC member?", T, V, lambda: R.is_member("OIC", "BIH"))

# ====================================================================== understood, nothing matches
q("which countries has the UK signed normalization agreements with", "partners", N,
  lambda: partners("GBR", kind="normalization"))
q("pakistan normalization agreements?", "agreements_of", A, lambda: agreements_of("PAK", kind="normalization"))
q("which countries has azerbaijan signed intelligence sharing agreements with", "partners", N,
  lambda: partners("AZE", kind="intelligence_sharing"))
q("what humanitarian missions has iran taken part in", "agreements_of", A,
  lambda: agreements_of("IRN", kind="humanitarian_mission"))
q("who sold submarines to saudi arabia", "arms_suppliers", N, lambda: R.arms_suppliers("SAU", cat="submarine"))
q("which countries sold tanks to the UAE since 2000", "arms_suppliers", N,
  lambda: R.arms_suppliers("ARE", cat="tank", years=(2000, None)))
q("which countries has qatar signed defence industry deals with", "partners", N,
  lambda: partners("QAT", kind="defence_industry"))
q("jordan strategic partnership agreements", "agreements_of", A, lambda: agreements_of("JOR", kind="strategic_partnership"))
q("who has brunei signed nuclear deals with", "partners", N, lambda: partners("BRN", kind="nuclear"))
q("egypt alliances signed after 2018", "agreements_of", A, lambda: agreements_of("EGY", kind="alliance", years=(2019, None)))
q("what has turkey sold to iran", "arms_exports", A, lambda: R.exported("TUR", "IRN"))
q("DCAs of the maldives", "agreements_of", A, lambda: agreements_of("MDV", kind="dca"))
q("suriname nuclear cooperation partners", "partners", N, lambda: partners("SUR", kind="nuclear"))
q("which countries did comoros hold military exercises with in 2009", "partners_years", N,
  lambda: partners("COM", kind="joint_exercise", years=(2009, 2009)))
q("who sold submarines to the uae", "arms_suppliers", N, lambda: R.arms_suppliers("ARE", cat="submarine"))
q("which exercises did iran and israel hold together", "exercises_between", A, lambda: R.exercises_between("IRN", "ISR"))
q("normalization agreements between saudi arabia and israel?", "agreements_between", A,
  lambda: agreements_between("SAU", "ISR", kind="normalization"))
q("what weapons did india sell to pakistan", "arms_exports", A, lambda: R.exported("IND", "PAK"))
q("who has oman signed nuclear cooperation agreements with", "partners", N, lambda: partners("OMN", kind="nuclear"))
q("turkey and armenia defence cooperation agreements", "agreements_between", A,
  lambda: agreements_between("TUR", "ARM", kind="dca"))

# ====================================================================== failures
T = "fail_ambiguous"
for text in ["partners of Congo", "who are korea's allies", "has congo signed any DCAs",
             "korea nuclear cooperation partners", "which countries does dominican have trade deals with",
             "Nigeri defence pacts", "what has congo bought from china",
             "did korea and pakistan hold joint exercises", "which countries has timor signed trade agreements with",
             "alliances of new guinea", "who are the islamic republic's allies", "congolese arms suppliers",
             "how many dcas does korea have", "nigeri's trade partners", "when did congo join the african union",
             "has the ROC signed any defence cooperation agreements", "nuclear suppliers of korea?"]:
    q(text, T, S, "ambiguous")
T = "fail_unknown_entity"
for text in ["who are Wakanda's allies", "which countries have trade agreements with Zamunda",
             "arms suppliers of Atlantis", "is Genovia in the OIC", "Narnia defence pacts",
             "when did Elbonia join NATO", "did Freedonia sign a DCA with Turkey",
             "which exercises did Westeros and Egypt hold together", "members of the Galactic Defence League",
             "nuclear suppliers of Agrabah", "how many alliances does Mordor have",
             "who signed the Treaty of Zubrowka", "partners of Ruritania",
             "what did Kamino buy from Russia", "trade partners of Latverland",
             "who are the allies of Tatooine", "did Zamunda and Egypt sign a trade deal"]:
    q(text, T, S, "unknown_entity")
T = "fail_out_of_scope"
for text in ["what is the capital of pakistan", "what was turkey's gdp in 2020", "weather in riyadh tomorrow?",
             "who is turkey's defence minister", "population of indonesia", "who won the world cup in 2022",
             "what language do they speak in iran", "who is the current president of egypt",
             "exchange rate of the malaysian ringgit to the dollar", "best time to visit morocco",
             "how do i make kabsa", "how far is cairo from riyadh", "who is the king of jordan",
             "what time is it in jakarta now", "hey can you recommend a good hotel in istanbul",
             "what's the tallest building in dubai", "who is the prime minister of pakistan",
             "what's the currency of qatar", "how many people live in cairo"]:
    q(text, T, S, "out_of_scope")
T = "fail_no_match"
for text in ["what is the average duration of alliances", "why did turkey sign a DCA with libya",
             "arms deals of egypt since 99999999999999999999", "pakistan's allies in 1750",
             "who will egypt sign trade deals with in 2090", "saudi arms imports in 12345",
             "which alliance is the strongest", "will pakistan and india sign a defence pact next year",
             "rank the alliances by how effective they were",
             "is the defence pact between turkey and azerbaijan good for peace in the caucasus",
             "which treaties are written in french", "how many alliances did turkey sign in the year 3000",
             "DCAs signed by indonesia since 123456", "egypt's alliances since 10000000",
             "turkey arms exports in the year 1650", "what do defence pacts usually say about nuclear weapons, in your opinion"]:
    q(text, T, S, "no_match")
