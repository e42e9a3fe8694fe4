"""Word senses and constructions of real news found missing or over-firing on the later real articles
(issue 10): closings, requests made to others, withdrawals, mediators, hosts of people.

One row per rule or lexicon entry, each on a short article written for the test.
"""

from __future__ import annotations

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("closing: an embassy shut in a capital acts on that state", "Norway shut down its embassy in Tehran after "
     "the crackdown on protesters last year.", {("NOR", "SANCTION", "IRN", False)}, set()),
    ("request: urging others than actors asks nothing of whom they would deal with", "A UN rights envoy "
     "urged governments to avoid normalising relations with the Taliban.", set(), {("UN", "REQUEST", "AFG", False)}),
    ("withdrawal: with no from-phrase, from the state the story is about", "Tajikistan fears the Taliban. "
     "Afghanistan has been unstable since the pullout of British and American troops in 2021.",
     {("GBR", "RETREAT", "AFG", False), ("USA", "RETREAT", "AFG", False)}, set()),
    ("withdrawal: a conjoined happening's possessor is not among those who pulled out", "The Taliban "
     "have ruled Afghanistan since 2021. Kabul now trades more with Iran. Its airports are run by a Turkish firm "
     "following the withdrawal of NATO forces and the Taliban's return to power.", {("NATO", "RETREAT", "AFG", False)},
     {("AFG", "RETREAT", "IRN", False), ("AFG", "RETREAT", "TUR", False)}),
    ("withdrawal: from something named that is no actor", "Iran and the US signed a nuclear deal in 2015. "
     "Washington withdrew from the agreement three years later.", set(), {("USA", "RETREAT", "IRN", False)}),
    ("mediator: acting as go-between for two named parties", "Oman acted as the mediator between Iran and "
     "the United States during last year's talks.", {("OMN", "CONSULT", "IRN", False),
                                                     ("OMN", "CONSULT", "USA", False)},
     {("IRN", "CONSULT", "USA", False)}),
    ("mediator: an intermediary between two capitals", "For months Norway served as an intermediary between "
     "Bogota and the rebels of the FARC.", {("NOR", "CONSULT", "COL", False)}, set()),
    ("mediation: by two states, between 'both sides' named before", "Talks between India and Pakistan "
     "broke down in Geneva on Monday. Despite mediation by Saudi Arabia and Oman, both sides went home with "
     "nothing.", {("SAU", "CONSULT", "IND", False), ("OMN", "CONSULT", "PAK", False)}, set()),
    ("charge: the doer of a condemned act, hung on the verb", "Tajikistan strongly condemned the shelling "
     "by the Taliban on Sunday.", {("TJK", "ACCUSE", "AFG", False)}, set()),
    ("threat: a vowed response answers what the same sentence condemns", "Dushanbe has long distrusted the TTP. "
     "Tajikistan condemned the shelling by the Taliban and vowed a firm response.",
     {("TJK", "THREATEN", "AFG", False)}, {("TJK", "AGREE", "AFG", False), ("TJK", "THREATEN", "TTP", False)}),
    ("threat: a promised response is to whoever struck last", "Taliban fighters shelled Tajik border posts "
     "overnight, killing two guards. Tajikistan's president has promised a strong response, his office said.",
     {("TJK", "THREATEN", "AFG", False)}, {("TJK", "AGREE", "AFG", False)}),
    ("host: hosting people is sanctuary, not a meeting", "Turkey has hosted more than three million Syrians, "
     "most of whom fled the civil war.", {("TUR", "AID", "SYR", False)}, {("TUR", "CONSULT", "SYR", False)}),
    ("host: hosting refugees of a state", "Pakistan has hosted millions of Afghan refugees for four decades, "
     "officials said.", {("PAK", "AID", "AFG", False)}, {("PAK", "CONSULT", "AFG", False)}),
    ("host: hosting officials is still a meeting", "Uzbekistan hosted Afghan and Pakistani officials at a "
     "railway meeting in Termez.", {("UZB", "CONSULT", "AFG", False)}, {("UZB", "AID", "AFG", False)}),
    ("meeting: three who meet in a capital consult its state", "At a three-way meeting in Tashkent, the "
     "foreign ministers of Uzbekistan, Pakistan and Afghanistan discussed a railway.",
     {("PAK", "CONSULT", "UZB", False), ("AFG", "CONSULT", "UZB", False)}, {("PAK", "CONSULT", "AFG", False)}),
    ("meeting: an aim three voice at their talks is not coded among them", "Iran, India and Oman held a "
     "constructive dialogue to deepen cooperation on transit through mutual trust.", set(),
     {("IRN", "COOPERATE", "IND", False), ("IND", "COOPERATE", "OMN", False)}),
    ("praise: gratitude expressed to a state", "The Taliban's foreign minister expressed deep gratitude to "
     "Kazakhstan for its wheat shipments.", {("AFG", "SUPPORT", "KAZ", False)}, set()),
    ("praise: a friendship reaffirmed", "The Chinese envoy reaffirmed China's enduring friendship with the people "
     "of Pakistan at the ceremony.", {("CHN", "SUPPORT", "PAK", False)}, set()),
    ("praise: a friendship only described is no act", "Relations between the two neighbours soured over "
     "Moscow's growing friendship with Beijing.", set(), {("RUS", "SUPPORT", "CHN", False)}),
    ("request: what one side does 'as requested by' the other", "Uzbekistan will open a second border crossing "
     "next year, as requested by the Afghan authorities.", {("AFG", "REQUEST", "UZB", False)}, set()),
    ("talks: with no parties of their own, the two set against each other before them", "Hopes of easing the "
     "feud between Armenia and Azerbaijan faded after three days of talks in Geneva ended without a deal.",
     {("ARM", "CONSULT", "AZE", False), ("ARM", "AGREE", "AZE", True)}, set()),
    ("talks: two named after them are not their parties", "The summit came a week after a truce ended the "
     "fighting between India and Pakistan.", set(), {("IND", "CONSULT", "PAK", False)}),
    ("doer: a private person of a nationality acts for no state", "Police said a knife attack carried out by "
     "an Afghan man at a market in Munich left two people dead.", set(), {("AFG", "ASSAULT", "DEU", False)}),
    ("doer: a state's soldiers still act for it", "Police said an attack carried out by Afghan soldiers at a "
     "border post in Iran left two guards dead.", {("AFG", "ASSAULT", "IRN", False)}, set()),
    ("charge: 'the move' is the act of the sentence before", "Uzbekistan reopened its consulate in Mazar "
     "last month. Tajikistan sharply criticised the move on Friday, its foreign ministry said.",
     {("TJK", "ACCUSE", "UZB", False)}, set()),
    ("negation: holding back from an act", "Uzbekistan reopened its consulate in Mazar last month. Washington "
     "held back from criticising the move, a spokesman said.", {("USA", "ACCUSE", "UZB", True)},
     {("USA", "ACCUSE", "UZB", False)}),
    ("request: urging an actor still asks it", "A UN rights envoy urged Kabul to stop jailing women "
     "activists.", {("UN", "REQUEST", "AFG", False)}, set()),
]

test_news_words = case_table(CASES)
