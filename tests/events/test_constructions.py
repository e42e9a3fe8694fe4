"""Constructions of real news (issue 10), each on a short article written for the test.

One row per lexicon entry, gazetteer row or rule: the sentence exercises it and nothing else.
"""

from __future__ import annotations

from datetime import date

import pytest

from events.helpers import article_events, case_table, event_tuples

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("intent: assured", "Beijing assured Islamabad that the loan would be rolled over.",
     {("CHN", "AGREE", "PAK", False)}, set()),
    ("intent: seeking closer ties is no request", "Tashkent is seeking closer ties with Kabul's new rulers.",
     {("UZB", "AGREE", "AFG", False)}, {("UZB", "REQUEST", "AFG", False)}),
    ("intent: a hope for ties", "Turkmen diplomats expressed hope for closer trade ties with Iran.",
     {("TKM", "AGREE", "IRN", False)}, set()),
    ("intent: building something in a state is working with it", "A Kazakh delegation visited Kabul. Astana "
     "plans to build a grain silo in the country.", {("KAZ", "AGREE", "AFG", False)}, set()),
    ("evaluation: regards as a partner", "Tehran regards Moscow as a dependable ally, the minister said.",
     {("IRN", "SUPPORT", "RUS", False)}, set()),
    ("evaluation: praise in the predicate", "Kabul called Tashkent's offer of transit a constructive step.",
     {("AFG", "SUPPORT", "UZB", False)}, {("AFG", "ACCUSE", "UZB", False)}),
    ("evaluation: termed a landmark", "Moscow termed the Kazakh decision a landmark.",
     {("RUS", "SUPPORT", "KAZ", False)}, set()),
    ("evaluation: termed an attack an aggression accuses the attacker", "Uzbek guards fired on a Tajik "
     "border post on Friday. Dushanbe termed the incident a hostile provocation.",
     {("TJK", "ACCUSE", "UZB", False)}, set()),
    ("word: in consultation with", "Tashkent reviewed the canal route in consultation with the Afghan "
     "authorities.", {("UZB", "CONSULT", "AFG", False)}, set()),
    ("idiom: put the blame on", "Islamabad put the blame on New Delhi.",
     {("PAK", "ACCUSE", "IND", False)}, set()),
    ("word: contact, negated", "Dushanbe has had no contact with the Taliban since the spring.",
     {("TJK", "CONSULT", "AFG", True)}, {("TJK", "CONSULT", "AFG", False)}),
    ("word: alleged that", "Kabul alleged that Pakistani generals had armed the rebels.",
     {("AFG", "ACCUSE", "PAK", False)}, set()),
    ("word: inaugurated together", "Uzbek and Afghan ministers inaugurated a new power line on Sunday.",
     {("UZB", "COOPERATE", "AFG", False)}, set()),
    ("recognition: a nominee refused as ambassador", "Tajikistan refused to accept the Taliban nominee as "
     "ambassador.", {("TJK", "SUPPORT", "AFG", True)}, {("TJK", "SUPPORT", "AFG", False)}),
    ("recognition: an exchange of ambassadors recognises the movement's government", "The Taliban and "
     "Kazakhstan have exchanged ambassadors, Kazakh diplomats said.", {("KAZ", "SUPPORT", "AFG", False)},
     {("AFG", "SUPPORT", "KAZ", False)}),
    ("recognition: two states exchanging ambassadors recognise each other", "Egypt and Iran exchanged "
     "ambassadors in the spring.", {("EGY", "SUPPORT", "IRN", False), ("IRN", "SUPPORT", "EGY", False)}, set()),
    ("recognition: unrecognised by a state", "The Taliban rulers remain unrecognized by Tajikistan, which hosts "
     "their opponents.", {("TJK", "SUPPORT", "AFG", True)}, {("TJK", "SUPPORT", "AFG", False)}),
    ("recognition: the previous regime, at its own time", "Qatar was one of two states, with Turkey, to recognise "
     "the former Taliban regime.", {("QAT", "SUPPORT", "TAL", False), ("TUR", "SUPPORT", "TAL", False)},
     {("QAT", "SUPPORT", "AFG", False)}),
    ("recognition: withheld from a government", "Mongolia still withholds full recognition from the Taliban "
     "administration.", {("MNG", "SUPPORT", "AFG", True)}, {("MNG", "SUPPORT", "AFG", False)}),
    ("recognition: a fronted 'whose' object", "Oman has long talked to the Taliban, whose government it has yet "
     "to recognise.", {("OMN", "SUPPORT", "AFG", True)}, {("OMN", "SUPPORT", "AFG", False)}),
    ("recognition: a seat refused", "The United Nations declined once more to give the Taliban the Afghan seat.",
     {("UN", "SUPPORT", "AFG", True)}, {("UN", "SUPPORT", "AFG", False), ("UN", "REJECT", "AFG", False)}),
    ("recognition: a seat denied", "The UN denied the Taliban the Afghan seat in New York for a third year.",
     {("UN", "SUPPORT", "AFG", True)}, {("UN", "SUPPORT", "AFG", False)}),
    ("recognition: a seat at talks is no recognition", "Norway gave the Taliban a seat at the table.", set(),
     {("NOR", "SUPPORT", "AFG", False)}),
    ("fellows: the third state after two others", "Kyrgyzstan is the third state, after Iran and Qatar, to "
     "accept the credentials of a Taliban envoy.", {("KGZ", "SUPPORT", "AFG", False), ("IRN", "SUPPORT", "AFG", False),
                                                   ("QAT", "SUPPORT", "AFG", False)}, set()),
    ("fellows: becoming the second to do so", "Oman signed the transit pact with Iran, becoming the second state after "
     "Qatar to do so.", {("OMN", "AGREE", "IRN", False), ("QAT", "AGREE", "IRN", False)}, set()),
    ("fellows: one of three along with others", "Tajikistan was one of three nations, along with India and Iran, to "
     "condemn the Taliban takeover.", {("IND", "ACCUSE", "AFG", False), ("IRN", "ACCUSE", "AFG", False)}, set()),
    ("fellows: the first to do so has none", "Belarus praised Pakistan, becoming the first country to do so.",
     {("BLR", "SUPPORT", "PAK", False)}, set()),
    # several parties
    ("meeting: attendees consult the host told before", "Turkmenistan hosted a regional energy summit on Monday. "
     "Delegates from Kazakhstan, Pakistan and India attended the summit.",
     {("KAZ", "CONSULT", "TKM", False), ("PAK", "CONSULT", "TKM", False), ("IND", "CONSULT", "TKM", False)},
     {("KAZ", "CONSULT", "PAK", False), ("PAK", "CONSULT", "IND", False), ("KAZ", "CONSULT", "IND", False)}),
    ("meeting: the convener in a relative clause", "Ministers of Iran, Tajikistan and Pakistan attended a "
     "conference that Qatar convened in Doha.", {("IRN", "CONSULT", "QAT", False), ("PAK", "CONSULT", "QAT", False)},
     {("IRN", "CONSULT", "TJK", False)}),
    ("meeting: a UN-convened meeting", "Afghan officials attended a UN-convened meeting in Doha.",
     {("AFG", "CONSULT", "UN", False)}, set()),
    ("meeting: 'the participants' are its attendees", "Uzbekistan hosted a meeting on Afghanistan with the "
     "participation of Russia, China and Iran. The participants called on the Taliban to form an inclusive "
     "government.", {("RUS", "REQUEST", "AFG", False), ("CHN", "REQUEST", "AFG", False),
                     ("IRN", "REQUEST", "AFG", False)}, set()),
    ("meeting: mediators consult each party, the parties each other", "Iran and Pakistan agreed to reopen the "
     "crossing after three days of talks mediated by Qatar.",
     {("QAT", "CONSULT", "IRN", False), ("QAT", "CONSULT", "PAK", False), ("IRN", "CONSULT", "PAK", False)}, set()),
    ("meeting: 'as invited guests' invites nobody named", "Envoys of Qatar, Oman and Turkey also attended the "
     "forum as invited guests.", set(), {("QAT", "CONSULT", "OMN", False), ("OMN", "CONSULT", "TUR", False)}),
    # non-participants
    ("reaction: dismay at an attack is no attack", "Uzbekistan voiced dismay at the shelling of a bazaar in Khost.",
     set(), {("UZB", "ASSAULT", "AFG", False)}),
    ("reaction: outrage over a bombing", "Tajikistan expressed outrage over the bombing of a school in Kunduz.",
     set(), {("TJK", "ASSAULT", "AFG", False)}),
    ("place: killed in a state's province names no attacker", "Three Chinese engineers were killed in Pakistan's "
     "Khyber district on Friday.", set(), {("PAK", "ASSAULT", "CHN", False)}),
    ("possessor: a state's neighbours are others", "An Uzbek delegation attended the summit of China's "
     "neighbours in Bishkek.", set(), {("UZB", "CONSULT", "CHN", False)}),
    ("topic: talks on a subject are not with it", "The Kyrgyz envoy described his talks on Afghan trade.",
     set(), {("KGZ", "CONSULT", "AFG", False)}),
    ("topic: an agreement talked about is not agreed", "Pakistani and Iranian officials held talks on a gas "
     "agreement.", {("PAK", "CONSULT", "IRN", False)}, {("PAK", "AGREE", "IRN", False)}),
    # reciprocal acts
    ("reciprocal: clashed", "Iranian and Afghan border guards clashed on Sunday.",
     {("IRN", "ASSAULT", "AFG", False), ("AFG", "ASSAULT", "IRN", False)}, set()),
    ("reciprocal: an exchange of fire", "An exchange of fire between Pakistani troops and Taliban fighters killed "
     "two soldiers.", {("PAK", "ASSAULT", "AFG", False), ("AFG", "ASSAULT", "PAK", False)}, set()),
    # scope and reference
    ("scope: a hope does not reach the request coordinated with it", '"We hope trade will grow, and we ask Tehran '
     'to ease visas," the Afghan commerce minister said.', {("AFG", "REQUEST", "IRN", False)}, set()),
    ("reference: quoted 'we' is the speaker's side", '"We urge Kabul to reopen the schools," the Tajik foreign '
     'minister said.', {("TJK", "REQUEST", "AFG", False)}, set()),
    ("reference: 'him' is never an organisation", "Muttaqi flew to Brussels after the European Union granted him an "
     "exemption.", {("EU", "CONCEDE", "AFG", False)}, set()),
    # word senses, intents and reference
    ("sense: calling on officials is a visit", "On a trip to Ashgabat, the Iranian president called on Turkmen "
     "officials at their foreign ministry.", {("IRN", "CONSULT", "TKM", False)}, {("IRN", "REQUEST", "TKM", False)}),
    ("sense: calling on officials to act is a request", "Pakistan called on Afghan officials to hand over the "
     "suspects.", {("PAK", "REQUEST", "AFG", False)}, {("PAK", "CONSULT", "AFG", False)}),
    ("intent: plans to build", "Kazakhstan plans to build a railway to Afghanistan.",
     {("KAZ", "AGREE", "AFG", False)}, set()),
    ("intent: a plan to strike is a threat", "Pakistan plans to strike TTP camps in Afghanistan.",
     {("PAK", "THREATEN", "TTP", False)}, {("PAK", "AGREE", "TTP", False)}),
    ("intent: a passive 'was planned' is nobody's intent", "Islamabad said the bombing was planned in "
     "Afghanistan.", set(), {("PAK", "AGREE", "AFG", False)}),
    ("word: a ban on a group", "Tajikistan banned the TTP last year.", {("TJK", "SANCTION", "TTP", False)}, set()),
    ("actor: the short name Pak", "Pak officials met Afghan traders at Torkham.",
     {("PAK", "CONSULT", "AFG", False)}, set()),
    ("actor: a president out of office acts for no state", "Ashraf Ghani criticised Pakistan on Monday.",
     set(), {("AFG", "ACCUSE", "PAK", False)}),
    ("actor at the event's date: the Taliban before their takeover", "Tajikistan banned the Taliban in 2003.",
     {("TJK", "SANCTION", "TAL", False)}, {("TJK", "SANCTION", "AFG", False)}),
    ("actor at the event's date: a ban recalled in a later report", "Uzbekistan banned the Taliban as an extremist "
     "group in 2002, an Uzbek minister said on Monday.", {("UZB", "SANCTION", "TAL", False)},
     {("UZB", "SANCTION", "AFG", False)}),
    ("actor at the event's date: the Taliban after their takeover", "Uzbekistan criticised the Taliban on Monday.",
     {("UZB", "ACCUSE", "AFG", False)}, {("UZB", "ACCUSE", "TAL", False)}),
    ("actor at the event's date: a delisting in the article's year", "Kazakhstan removed the Taliban from its list "
     "of banned organisations in December 2023, the ministry said.", {("KAZ", "CONCEDE", "AFG", False)}, set()),
    ("actor: the interim government named by its capital", "The interim government in Kabul summoned Iran's "
     "ambassador on Sunday.", {("AFG", "ACCUSE", "IRN", False)}, set()),
    ("actor: the interim government named by its demonym", "Iran urged the interim Afghan government to protect "
     "Shia mosques.", {("IRN", "REQUEST", "AFG", False)}, set()),
    ("actor at the event's date: a person before his term", "Shehbaz Sharif visited Beijing in 2019.",
     set(), {("PAK", "CONSULT", "CHN", False)}),
    ("actor at the event's date: a person inside his term", "Shehbaz Sharif visited Beijing in June 2022.",
     {("PAK", "CONSULT", "CHN", False)}, set()),
]


test_events_construction = case_table(CASES, date(2024, 4, 2))


RECOGNITION = [
    # (text, source, level)
    ("Kyrgyzstan accepted a chargé d'affaires named by the Taliban last month.", "KGZ", "mission"),
    ("Uzbekistan handed the Afghan embassy in Tashkent over to envoys of the Taliban government.", "UZB", "mission"),
    ("Iran upgraded its mission in Kabul to an embassy.", "IRN", "mission"),
    ("The Taliban's ambassador presented his credentials to Kazakhstan's president.", "KAZ", "credentials"),
    ("Uzbekistan and the Taliban exchanged ambassadors last year.", "UZB", "credentials"),
    ("Kazakhstan accepted the credentials of the Taliban's envoy in March.", "KAZ", "credentials"),
    ("Tajikistan named a new ambassador to Kabul last week.", "TJK", "credentials"),
    ("The Kyrgyz foreign ministry decided to upgrade the Afghan mission in Bishkek to an embassy.", "KGZ", "mission"),
]


@pytest.mark.parametrize(("text", "source", "level"), RECOGNITION, ids=[r[0][:40] for r in RECOGNITION])
def test_events_recognition_rung(extractor, text, source, level):
    found = {(e.source, e.target, e.recognition) for e in article_events(extractor, text) if e.cameo == "054"
             and not e.negated}
    assert (source, "AFG", level) in found, found


def test_events_person_in_office_at_the_event_date_acts_for_the_state(extractor):
    assert ("AFG", "ACCUSE", "PAK", False) in event_tuples(extractor, "Ashraf Ghani criticised Pakistan on Monday.",
                                                           date(2019, 3, 4))


def test_events_of_the_earlier_actor_are_not_dated_by_the_article(extractor):
    [event] = [e for e in article_events(extractor, "Qatar recognised the former Taliban regime.", date(2024, 4, 2))
               if e.cameo == "054"]
    assert (event.target, event.date) == ("TAL", None)
    [dated] = [e for e in article_events(extractor, "Qatar recognised the former Taliban regime in 1997.",
                                         date(2024, 4, 2)) if e.cameo == "054"]
    assert (dated.target, dated.date) == ("TAL", "1997")
