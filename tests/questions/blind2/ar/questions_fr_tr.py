# -*- coding: utf-8 -*-
"""French and Turkish questions (set_fr_tr.jsonl) for the ten most common kinds:
partners, agreements between, membership, members, joined when, counts, yes/no, suppliers,
exercises, allies. Gold computed from sharaka_data like the Arabic sets."""
from questions_ar import (N, AG, V, SUP, DCA, TRADE, NUC, EX, ALL, DP, NORM, INTEL, OIC, GCC,  # noqa
                          ev, st, partners, agreements_between, exercises_between, org_members,
                          org_members_at, org_join_year, OIC_MEMBERS, IGO, agreements_of, series_rows,
                          nuclear_suppliers, DIC)

Q = []


def f(typ, text, exp):
    Q.append(('fr', typ, text, exp))


def t(typ, text, exp):
    Q.append(('tr', typ, text, exp))


# ------------------------------------------------------------------ French
f('partners', "avec quels pays le Pakistan a signé des accords de coopération de défense ?", N(partners('PAK', DCA)))
f('partners', "pays qui ont normalisé leurs relations avec israel", N(partners('ISR', NORM)))
f('partners', "partenaires de l'egypte en cooperation nucleaire", N(partners('EGY', NUC)))
f('partners', "avec qui la Turquie a signé des accords de libre-échange entre 2000 et 2009", N(partners('TUR', TRADE, time=ev(2000, 2009))))
f('agreements_between', "quels accords entre le Maroc et la Tunisie en matiere de commerce", AG(agreements_between('MAR', 'TUN', TRADE)))
f('agreements_between', "accords de coopération de défense entre la Turquie et l'Azerbaïdjan", AG(agreements_between('TUR', 'AZE', DCA)))
f('agreements_between', "les accords entre l'Arabie saoudite et l'Iran", AG(agreements_between('SAU', 'IRN')))
f('agreements_between', "accords entre la jordanie et israel svp", AG(agreements_between('JOR', 'ISR')))
f('membership', "la Turquie est-elle membre de l'OTAN ?", V(bool(IGO['NATO'].get('TUR'))))
f('membership', "est ce que la russie est membre de l'organisation de la cooperation islamique", V('RUS' in OIC_MEMBERS))
f('membership', "le Pakistan fait-il partie de la SAARC", V(bool(IGO['SAARC'].get('PAK'))))
f('membership', "l'Azerbaidjan est il membre de l'Organisation de coopération de Shanghai", V(bool(IGO['SCO'].get('AZE'))))
f('members', "quels sont les membres du Conseil de coopération du Golfe", N(org_members('GCC')))
f('members', "membres de la ligue arabe", N(org_members('LAS')))
f('members', "qui sont les membres de l'Union du Maghreb arabe ?", N(org_members('AMU')))
f('members', "quels pays étaient membres de l'OPEP en 1990", N(org_members_at('OPEC', 1990)))
f('joined_when', "quand l'Égypte a-t-elle rejoint l'Organisation de la coopération islamique ?", V(OIC_MEMBERS['EGY']))
f('joined_when', "en quelle annee la turquie a rejoint l'otan", V(org_join_year('NATO', 'TUR')))
f('joined_when', "quand le Cameroun est devenu membre de l'OCI", V(OIC_MEMBERS['CMR']))
f('joined_when', "depuis quand la Libye est membre de l'OPEP", V(org_join_year('OPEC', 'LBY')))
f('counts', "combien d'accords de coopération de défense le Pakistan a-t-il signés ?", V(len(agreements_of('PAK', DCA))))
f('counts', "combien de pays membres dans la ligue arabe", V(len(org_members('LAS'))))
f('counts', "avec combien de pays le Qatar a des accords de coopération de défense", V(len(partners('QAT', DCA))))
f('counts', "combien d'exercices militaires conjoints entre le Koweït et les États-Unis", V(len(exercises_between('KWT', 'USA'))))
f('yes_no', "y a-t-il un accord de cooperation de defense entre le qatar et la turquie ?", V(bool(agreements_between('QAT', 'TUR', DCA))))
f('yes_no', "l'Arabie saoudite et l'Iran ont-ils un accord de coopération nucléaire ?", V(bool(agreements_between('SAU', 'IRN', NUC))))
f('yes_no', "la Malaisie a-t-elle normalisé avec Israël", V(bool(agreements_between('MYS', 'ISR', NORM))))
f('yes_no', "est-ce que le Maroc a signé un accord de normalisation avec Israël ?", V(bool(agreements_between('MAR', 'ISR', NORM))))
f('suppliers', "qui fournit des armes au Pakistan depuis 2010 ?", N(SUP('PAK', lo=2010)))
f('suppliers', "qui a vendu des sous-marins à l'Égypte", N(SUP('EGY', cat='submarines')))
f('suppliers', "fournisseurs de chars de l'Algérie", N(SUP('DZA', cat='tanks')))
f('suppliers', "quels pays ont fourni une assistance nucléaire à l'Iran ?", N(nuclear_suppliers('IRN')))
f('exercises', "quels exercices militaires l'Égypte a-t-elle menés avec les États-Unis ?", AG(exercises_between('EGY', 'USA')))
f('exercises', "exercices conjoints entre le Pakistan et la Chine", AG(exercises_between('PAK', 'CHN')))
f('exercises', "qui a participé à l'exercice Bright Star en 1999 ?", N(set().union(*[m['nations'] for m in series_rows('Bright Star') if m['year'] == 1999])))
f('exercises', "manoeuvres militaires de l'algerie avec la russie", AG(exercises_between('DZA', 'RUS')))
f('allies', "qui sont les alliés du Maroc ?", N(partners('MAR', ALL)))
f('allies', "allies de l'afghanistan", N(partners('AFG', ALL)))
f('allies', "qui étaient les alliés de l'Égypte en 1980 ?", N(partners('EGY', ALL, time=st(1980, 1980))))
f('allies', "avec quels pays l'Iran était-il allié en 1975", N(partners('IRN', ALL, time=st(1975, 1975))))

# ------------------------------------------------------------------ Turkish
t('partners', "Pakistan hangi ülkelerle savunma işbirliği anlaşması imzaladı?", N(partners('PAK', DCA)))
t('partners', "israil ile normallesen ulkeler hangileri", N(partners('ISR', NORM)))
t('partners', "Suudi Arabistan'ın savunma işbirliği anlaşması olan ülkeler", N(partners('SAU', DCA)))
t('partners', "Endonezya 2000'lerde kimlerle savunma işbirliği anlaşması imzaladı", N(partners('IDN', DCA, time=ev(2000, 2009))))
t('agreements_between', "Türkiye ile Azerbaycan arasındaki ittifaklar", AG(agreements_between('TUR', 'AZE', ALL)))
t('agreements_between', "misir ile israil arasindaki anlasmalar", AG(agreements_between('EGY', 'ISR')))
t('agreements_between', "Pakistan ile Çin arasındaki nükleer işbirliği anlaşmaları", AG(agreements_between('PAK', 'CHN', NUC)))
t('agreements_between', "Pakistan ve Suudi Arabistan arasindaki savunma isbirligi anlasmalari", AG(agreements_between('PAK', 'SAU', DCA)))
t('membership', "Türkiye NATO üyesi mi?", V(bool(IGO['NATO'].get('TUR'))))
t('membership', "Tayland İslam İşbirliği Teşkilatı üyesi mi", V('THA' in OIC_MEMBERS))
t('membership', "katar opec uyesi miydi", V(bool(IGO['OPEC'].get('QAT'))))
t('membership', "Azerbaycan Şanghay İşbirliği Örgütü üyesi mi?", V(bool(IGO['SCO'].get('AZE'))))
t('members', "Körfez İşbirliği Konseyi üyeleri kimler?", N(org_members('GCC')))
t('members', "islam isbirligi teskilati uyeleri", N(org_members('OIC')))
t('members', "Şanghay İşbirliği Örgütü'nün üyeleri hangi ülkeler", N(org_members('SCO')))
t('members', "1960 yılında NATO üyeleri kimlerdi", N(org_members_at('NATO', 1960)))
t('joined_when', "Türkiye NATO'ya ne zaman katıldı?", V(org_join_year('NATO', 'TUR')))
t('joined_when', "azerbaycan islam isbirligi teskilatina ne zaman katildi", V(OIC_MEMBERS['AZE']))
t('joined_when', "Nijerya İİT'ye hangi yıl üye oldu", V(OIC_MEMBERS['NGA']))
t('joined_when', "Arnavutluk İslam İşbirliği Teşkilatı'na ne zaman girdi?", V(OIC_MEMBERS['ALB']))
t('counts', "Türkiye kaç tane savunma işbirliği anlaşması imzaladı?", V(len(agreements_of('TUR', DCA))))
t('counts', "islam isbirligi teskilatinin kac uyesi var", V(len(OIC_MEMBERS)))
t('counts', "kaç ülke İsrail ile normalleşme anlaşması imzaladı", V(len(partners('ISR', NORM))))
t('counts', "Malezya ile Endonezya arasında kaç ortak tatbikat yapıldı", V(len(exercises_between('MYS', 'IDN'))))
t('yes_no', "Türkiye ile Azerbaycan aynı ittifakta mı?", V(bool(agreements_between('TUR', 'AZE', ALL))))
t('yes_no', "Türkiye ve Azerbaycan'ın 1990'dan önce bir savunma paktı var mıydı?", V(bool(agreements_between('TUR', 'AZE', DP, time=st(None, 1989)))))
t('yes_no', "iran ve abd ortak askeri tatbikat yapti mi", V(bool(exercises_between('IRN', 'USA'))))
t('yes_no', "Ürdün ile ABD arasında serbest ticaret anlaşması var mı?", V(bool(agreements_between('JOR', 'USA', TRADE))))
t('suppliers', "Pakistan'a 2010'dan beri kim silah satıyor?", N(SUP('PAK', lo=2010)))
t('suppliers', "Endonezya'ya denizaltı kim sattı", N(SUP('IDN', cat='submarines')))
t('suppliers', "suudi arabistan 2000den beri savas ucaklarini kimden aliyor", N(SUP('SAU', cat='combat aircraft', lo=2000)))
t('suppliers', "Pakistan'a nükleer teknoloji sağlayan ülkeler", N(nuclear_suppliers('PAK')))
t('exercises', "Türkiye ile İsrail arasındaki askeri tatbikatlar", AG(exercises_between('TUR', 'ISR')))
t('exercises', "Suudi Arabistan Pakistan ile hangi tatbikatları yaptı", AG(exercises_between('SAU', 'PAK')))
t('exercises', "2004 Anadolu Kartalı tatbikatına kimler katıldı?", N(set().union(*[m['nations'] for m in series_rows('Anatolian Eagle') if m['year'] == 2004])))
t('exercises', "umman ile ingiltere arasindaki ortak tatbikatlar", AG(exercises_between('OMN', 'GBR')))
t('allies', "Pakistan'ın müttefikleri kimler?", N(partners('PAK', ALL)))
t('allies', "1956'da Irak'ın müttefikleri", N(partners('IRQ', ALL, time=st(1956, 1956))))
t('allies', "Ürdün 1970 yılında kimlerle müttefikti", N(partners('JOR', ALL, time=st(1970, 1970))))
t('allies', "Türkiye 1953'te hangi ülkelerle savunma paktı içindeydi", N(partners('TUR', DP, time=st(1953, 1953))))
