"""Who does what to whom in complex clauses (issue 10): complement clauses under warnings and reports,
obligations, purpose clauses, object control; each row a short article written for the test."""

from __future__ import annotations

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("warning: the one bound to act is warned", "Tehran warned that Kabul would have to release more water "
     "from the dam.", {("IRN", "THREATEN", "AFG", False)}, set()),
    ("warning: a modal obligation in the clause", "Beijing warned that Manila must stop its patrols near the "
     "reef.", {("CHN", "THREATEN", "PHL", False)}, set()),
    ("warning: a warning of a threat shares intelligence", "Ankara warned the Greek authorities of a terrorist "
     "plot against a ferry.", {("TUR", "COOPERATE", "GRC", False)}, {("TUR", "THREATEN", "GRC", False)}),
    ("warning: a warning of a threat made to nobody shares nothing", "Uzbek officials have warned of a growing "
     "threat posed by the ISKP.", set(), {("UZB", "COOPERATE", "ISKP", False)}),
    ("warning: a warning of one's own response is a threat", "Tehran warned Washington of a harsh response.",
     {("IRN", "THREATEN", "USA", False)}, {("IRN", "COOPERATE", "USA", False)}),
    ("warning: a forecast about a state threatens nobody", "The agency warned that Somalia could face famine "
     "this year.", set(), {("UN", "THREATEN", "SOM", False), ("NGO", "THREATEN", "SOM", False)}),
    ("obligation: a thing that must leave someone's hands", "A Kyrgyz minister said the seized cargo was "
     "Kyrgyz property and should be released from Kazakh warehouses.", {("KGZ", "REQUEST", "KAZ", False)}, set()),
    ("obligation: a state that must act is asked", "Kabul's envoy said Tajikistan must reopen the bridge.",
     {("AFG", "REQUEST", "TJK", False)}, set()),
    ("request: a destination in what is asked for is not who is asked", "Uzbekistan criticised Turkmenistan "
     "for blocking the fuel convoy and demanded the prompt passage of the tankers to Afghanistan.",
     {("UZB", "REQUEST", "TKM", False)}, {("UZB", "REQUEST", "AFG", False)}),
    ("request: an end to a state's act asks that state", "Tajikistan demanded an end to Russia's detention of "
     "migrant workers.", {("TJK", "REQUEST", "RUS", False)}, set()),
    ("word: seeking a compromise with a state is an intent to agree", "Astana is seeking a compromise with "
     "Bishkek over the shared reservoir.", {("KAZ", "AGREE", "KGZ", False)}, {("KAZ", "REQUEST", "KGZ", False)}),
    ("actor: forces in a state, with no other owner, are that state's", "Border police in Tajikistan detained "
     "six Afghan traders on Tuesday.", {("TJK", "COERCE", "AFG", False)}, set()),
    ("actor: a named owner outranks where the forces are", "Russian troops in Tajikistan shelled Afghan positions "
     "across the river.", {("RUS", "ASSAULT", "AFG", False)}, {("TJK", "ASSAULT", "AFG", False)}),
    ("grievance: a complaint is against whose act it is over", "Tajikistan complained to the SCO on Friday "
     "about Afghan border raids.", {("TJK", "ACCUSE", "AFG", False)}, {("TJK", "ACCUSE", "SCO", False)}),
    ("grievance: victims in what it is over are not accused", "Kabul complained to Tehran over the shooting "
     "of Afghan migrants.", {("AFG", "ACCUSE", "IRN", False)}, set()),
    ("outcome: what a meeting helped others do is no act of theirs", "The summit offered a venue for frank "
     "debate, which helped Kazakhstan, Kyrgyzstan and Tajikistan understand each other and cooperate better.",
     set(), {("KAZ", "COOPERATE", "KGZ", False), ("KGZ", "COOPERATE", "TJK", False)}),
    ("outcome: what an actor helped others do is still coded", "Uzbekistan helped Kabul and Dushanbe sign a "
     "power deal.", {("AFG", "AGREE", "TJK", False)}, set()),
    ("implicit: raids from one state strike the state reporting them", "ISKP fighters have launched more "
     "attacks from Afghan soil this year, Tajik officials said.", {("ISKP", "ASSAULT", "TJK", False)},
     {("ISKP", "ASSAULT", "AFG", False)}),
    ("implicit: a raid's own target outranks the reporter", "The TTP carried out raids on Chinese engineers "
     "from Afghan soil, Pakistani officials said.", {("TTP", "ASSAULT", "CHN", False)},
     {("TTP", "ASSAULT", "PAK", False)}),
    ("purpose: what is given goes to whom its purpose serves", "The IMF released 50 million dollars in held-back "
     "loans to cover the wages of Kyrgyz nurses.", {("IMF", "CONCEDE", "KGZ", False)}, set()),
    ("obligation: the content of a warning issued to a state", "Uzbekistan's president said he was giving a "
     "warning to the leaders of Tajikistan, that they must open the border posts at once.",
     {("UZB", "REQUEST", "TJK", False)}, set()),
]

test_verb_argument_case = case_table(CASES)

CHARGES = [
    ("charge: the culprit behind hostile acts", "Tajikistan's foreign ministry said ISKP militants were behind "
     "the recent shelling of its border posts.", {("TJK", "ACCUSE", "ISKP", False)}, set()),
    ("charge: behind a decision is no charge", "Kazakhstan's president said Uzbekistan was behind the new "
     "transit agreement.", set(), {("KAZ", "ACCUSE", "UZB", False)}),
    ("charge: denied being behind it", "Iran said that Pakistan was not behind the bombing in Zahedan.", set(),
     {("IRN", "ACCUSE", "PAK", False)}),
    ("charge: failed to keep a promise", "Washington said the Taliban had failed to keep their pledge on girls' "
     "schooling.", {("USA", "ACCUSE", "AFG", False)}, set()),
    ("charge: the owner of an unacceptable decision", "The Turkmen government said that Iran's decision to close "
     "the border crossing was unacceptable.", {("TKM", "ACCUSE", "IRN", False)}, set()),
    ("charge: who set unacceptable terms", "The Kazakh minister said Kyrgyzstan had set unacceptable terms for "
     "the water deal.", {("KAZ", "ACCUSE", "KGZ", False)}, set()),
    ("charge: where an attack was planned", "India's army said the ambush on its convoy was planned in "
     "Pakistan.", {("IND", "ACCUSE", "PAK", False)}, set()),
]

test_reported_charge_case = case_table(CHARGES)
