"""More constructions of real news (issue 10): several parties, documents, intents, non-participants.

One row per rule or lexicon entry, each on a short article written for the test.
"""

from __future__ import annotations

from datetime import date

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("document: a resolution speaks for whoever adopted it", "The UN Security Council met on Friday. The council "
     "adopted a resolution that urges the Taliban to reopen girls' schools.", {("UN", "REQUEST", "AFG", False)},
     set()),
    ("document: a statement released by a ministry", "Tehran released a statement that condemned Kabul's dam "
     "project.", {("IRN", "ACCUSE", "AFG", False)}, set()),
    ("document: welcoming a text does not make it yours", "China welcomed a resolution that calls on the Taliban "
     "to respect women's rights.", set(), {("CHN", "REQUEST", "AFG", False)}),
    # several parties
    ("meeting: guests of a hosted meeting consult the host", "Uzbekistan hosted a round of talks involving "
     "Iran, Pakistan and Kazakhstan on Tuesday.", {("IRN", "CONSULT", "UZB", False), ("PAK", "CONSULT", "UZB", False),
                                                   ("KAZ", "CONSULT", "UZB", False)},
     {("IRN", "CONSULT", "PAK", False), ("PAK", "CONSULT", "KAZ", False)}),
    ("truce: extended between two parties", "Qatar helped in extending a truce between Pakistan and the TTP.",
     {("PAK", "AGREE", "TTP", False)}, set()),
    ("truce: one to be overseen is no new agreement", "Peacekeepers were sent to oversee a ceasefire between "
     "Armenia and Azerbaijan.", set(), {("ARM", "AGREE", "AZE", False)}),
    ("truce: ending one", "The TTP said it was ending its ceasefire with the Pakistani government.",
     {("TTP", "SANCTION", "PAK", False)}, set()),
    # intents and words
    ("intent: decided to act", "The Arab League decided to send a mission to Afghanistan.",
     {("ARL", "AGREE", "AFG", False)}, set()),
    ("word: will coordinate with", "Tajikistan will coordinate with the World Health Organization on vaccines.",
     {("TJK", "AGREE", "WHO", False)}, set()),
    ("word: swore allegiance to", "The TTP, which swears allegiance to the Afghan Taliban, denied the report.",
     {("TTP", "SUPPORT", "AFG", False)}, set()),
    ("word: pledged allegiance to", "Several TTP commanders pledged allegiance to the Afghan Taliban.",
     {("TTP", "SUPPORT", "AFG", False)}, set()),
    ("word: a joint drill in a state is with it", "Russian troops held a joint drill in Kyrgyzstan last week.",
     {("RUS", "COOPERATE", "KGZ", False)}, set()),
    ("word: a joint drill near a border is not with the neighbour", "Russian and Kyrgyz troops held a joint drill "
     "near the Chinese border.", set(), {("RUS", "COOPERATE", "CHN", False), ("KGZ", "COOPERATE", "CHN", False)}),
    ("light verb: ramped up attacks", "The ISKP, which is backed by foreign donors like Al Qaeda, has ramped up "
     "attacks in Tajikistan.", {("ISKP", "ASSAULT", "TJK", False)}, {("AQ", "ASSAULT", "TJK", False)}),
    ("actor: the TTP by its name in English", "Qatar brokered a truce between Islamabad and the Movement of the "
     "Taliban in Pakistan.", {("QAT", "CONSULT", "TTP", False)}, {("QAT", "CONSULT", "AFG", False)}),
    ("meeting: three who discussed consult the host told before, not each other", "Envoys of Iran and "
     "India met at a summit held in Astana. The three ministers of Iran, India and Oman discussed transit.",
     {("IRN", "CONSULT", "KAZ", False), ("IND", "CONSULT", "KAZ", False), ("OMN", "CONSULT", "KAZ", False)},
     {("IRN", "CONSULT", "IND", False), ("IND", "CONSULT", "OMN", False)}),
    ("mediator: 'the two sides' are not the mediator", "Islamabad and the TTP have fought for years. Kabul "
     "said that the Afghan government is mediating between the two sides.",
     {("AFG", "CONSULT", "PAK", False), ("AFG", "CONSULT", "TTP", False)}, set()),
    ("evaluation: introduced as an ally", "Tehran introduced Tashkent as a trusted ally in the region.",
     {("IRN", "SUPPORT", "UZB", False)}, set()),
    ("evaluation: found remarks understandable", "Kabul said it found Moscow's remarks understandable.",
     {("AFG", "SUPPORT", "RUS", False)}, set()),
    # implicit targets
    ("target: 'the country' is the state the article is about", "Afghanistan's economy shrank again. Kabul "
     "blamed the sanctions. NATO completed its withdrawal from the country in 2021.",
     {("NATO", "RETREAT", "AFG", False)}, set()),
    # protests and abuse
    ("protest: where a protest is held is its target", "Kyrgyz migrants rioted outside a prison in Tajikistan.",
     {("KGZ", "PROTEST", "TJK", False)}, set()),
    ("protest: blocking a road", "Uzbek truckers blocked a road in Kazakhstan on Friday.",
     {("UZB", "PROTEST", "KAZ", False)}, {("UZB", "COERCE", "KAZ", False)}),
    ("word: abused", "Turkmen guards abused Afghan migrants at the border.", {("TKM", "ASSAULT", "AFG", False)},
     set()),
    ("target: 'the country' is never its own clause's subject", "Afghanistan's economy shrank again. Kabul "
     "blamed America. Washington withdrew its troops from the country in 2021.",
     {("USA", "RETREAT", "AFG", False)}, set()),
    ("place: an agreement named after a city has no party there", "Iran and Armenia signed the Tashkent "
     "accord on transit.", {("IRN", "AGREE", "ARM", False)}, {("IRN", "AGREE", "UZB", False),
                                                             ("ARM", "AGREE", "UZB", False)}),
    ("target: condemning 'the incident' accuses whoever attacked", "Pakistani jets struck a market in Khost on "
     "Sunday. Kabul condemned the incident as a violation of its sovereignty.", {("AFG", "ACCUSE", "PAK", False)},
     set()),
    ("victims: names near a passive attack are its victims", "According to the governor, forty people, "
     "among them nine Tajiks, were killed in the Kunduz blasts.", set(),
     {("TJK", "ASSAULT", "AFG", False)}),
    ("target: a demand in the purpose of an approach", "Uzbekistan approached Kabul to raise the canal and "
     "demand a halt to the digging.", {("UZB", "REQUEST", "AFG", False)}, set()),
    ("non-participant: a pro-X party is not X", "Gunmen opened fire on a pro-Taliban cleric's convoy in Quetta "
     "on Friday. The ISKP later claimed the attack.", {("ISKP", "ASSAULT", "PAK", False)},
     {("ISKP", "ASSAULT", "AFG", False)}),
    ("claim: the doers of an attack named by a copula", "A car bomb killed six Tajik border guards on Monday. "
     "Investigators said those responsible were believed to be ISKP militants.", {("ISKP", "ASSAULT", "TJK", False)},
     set()),
    ("claim: the attacker named, then the incident condemned", "Gunmen killed three Chinese engineers in Peshawar. "
     "The attackers were TTP members, police said. Beijing condemned the incident.",
     {("TTP", "ASSAULT", "CHN", False), ("CHN", "ACCUSE", "TTP", False)}, set()),
    ("claim: a doer's nationality is not who sent him", "A suicide bomber killed four Chinese workers in Karachi. "
     "Police said the bomber was an Afghan citizen.", set(), {("AFG", "ASSAULT", "CHN", False)}),
    ("summon: a passive summons is the host's, whose ministry calls the envoy in", "Tajikistan closed its "
     "border with Afghanistan on Monday. The Afghan charg\u00e9 d\u2019affaires in Dushanbe was summoned to the "
     "foreign ministry.", {("TJK", "ACCUSE", "AFG", False)}, set()),
    ("reciprocal: swapping prisoners with another releases on both sides", "Tajikistan swapped detainees with "
     "Kyrgyzstan on Friday.", {("TJK", "CONCEDE", "KGZ", False), ("KGZ", "CONCEDE", "TJK", False)}, set()),
    ("reciprocal: a prisoner exchange between two states", "Officials confirmed a prisoner exchange between "
     "Iran and Pakistan.", {("IRN", "CONCEDE", "PAK", False), ("PAK", "CONCEDE", "IRN", False)}, set()),
    ("voice: an envoy voicing what a body asks makes it his state's ask too", "\u201cThe Security Council "
     "urges the Taliban to reopen girls' schools,\u201d the Irish ambassador said.",
     {("UN", "REQUEST", "AFG", False), ("IRL", "REQUEST", "AFG", False)}, set()),
    ("voice: a militant group's demand quoted by an official stays the group's", "\u201cThe TTP urges Kabul to "
     "expel foreign fighters,\u201d a Pakistani official said.", {("TTP", "REQUEST", "AFG", False)},
     {("PAK", "REQUEST", "AFG", False)}),
    # number: "they" is a group, a state, a body or several people, never one person alone
    ("number: a plural pronoun in what one person says is not that person", "Shehbaz Sharif said on Monday "
     "that they would never recognise the Taliban.", set(), {("PAK", "AGREE", "AFG", True)}),
    ("number: 'them' after one person named alone stands for nobody", "Ishaq Dar arrived in Kabul on Monday. "
     "Iran condemned them.", set(), {("IRN", "ACCUSE", "PAK", False)}),
    ("number: 'they' after one person meeting another is both of them", "Ishaq Dar met Wang Yi in Beijing. They "
     "agreed to extend the corridor to Afghanistan.", {("PAK", "AGREE", "AFG", False), ("CHN", "AGREE", "AFG",
                                                                                      False)}, set()),
    ("number: a group named in the singular is still 'they'", "The Taliban took power in 2021. They have since "
     "asked Moscow for recognition.", {("AFG", "REQUEST", "RUS", False)}, set()),
    # the tagger
    ("tagger: a bare verb after 'will' read as a noun codes as the verb", "Kabul will telephone diplomats from "
     "Tashkent.", {("AFG", "AGREE", "UZB", False)}, set()),
    ("tagger: a noun after a preposition 'to' is no verb", "The Taliban denied access to aid convoys from "
     "Uzbekistan.", set(), {("AFG", "AID", "UZB", False)}),
    # datelines
    ("dateline: a city and its agency between dashes are where the story was filed, not who speaks",
     "Baku - APA - \"We will provide assistance to Kabul in rebuilding its railways,\" the statement read.", set(),
     {("AZE", "AGREE", "AFG", False)}),
    # reference
    ("reference: an office holder told of by title, then by a name nobody knows", "Kazakhstan's trade minister "
     "arrived in Kabul on Monday. Serik Zhumangarin urged the Taliban to open more border crossings.",
     {("KAZ", "REQUEST", "AFG", False)}, set()),
    ("reference: a name said to be someone else is not the office holder", "Kazakhstan's trade minister arrived "
     "in Kabul on Monday. Pieter Claes, an analyst, urged the Taliban to open more border crossings.",
     set(), {("KAZ", "REQUEST", "AFG", False)}),
    ("reference: 'the carrier' is the state airline named before", "Pakistan's aviation minister met executives "
     "of Ariana Afghan Airlines on Monday. Islamabad urged the carrier to resume flights to Karachi.",
     {("PAK", "REQUEST", "AFG", False)}, set()),
    ("reference: 'the delegation' is the one a name described before", "A Kyrgyz delegation flew to Kabul on "
     "Monday. In the city the delegation met with ministers from Afghanistan.", {("KGZ", "CONSULT", "AFG", False)},
     set()),
]


test_events_news_construction = case_table(CASES, date(2024, 4, 2))
