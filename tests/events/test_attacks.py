"""attacks: whom an attack hit, and who is behind an attack told before."""

from __future__ import annotations

import pytest

from blocwatch.events import arguments, attacks
from blocwatch.events.sentence import Discourse

from .helpers import candidate_for, codes, word

pytestmark = pytest.mark.issue(10)




def test_an_attack_on_a_province_hits_its_state(read):
    s = read("Pakistani jets struck hideouts in Khost.")
    assert codes(attacks.struck_place(s, word(s, "struck"), [])) == ["AFG"]
    own = attacks.struck_place(s, word(s, "struck"), [])
    assert attacks.struck_place(s, word(s, "struck"), own) == []  # never the attacker's own state


def test_an_unnamed_attacker_leaves_the_attack_for_a_claim(read):
    state = Discourse()
    s = read("A suicide bomber struck a mosque in Kunduz.", state)
    candidate = candidate_for(s, "struck")
    assert attacks.attack_targets(s, candidate) is None  # the state where it struck
    assert attacks.unclaimed(s, candidate) is not None
    assert state.unclaimed_attacks == [("AFG", "Kunduz")]


def test_a_claim_makes_the_claimant_the_attacker(read):
    state = Discourse(unclaimed_attacks=[("AFG", "Kunduz")])
    s = read("The Islamic State claimed the attack.", state)
    events = attacks.claimed_attacks(s)
    assert [(e.source, e.type, e.target, e.place) for e in events] == [("ISKP", "ASSAULT", "AFG", "Kunduz")]
    assert state.unclaimed_attacks == []
    assert word(s, "attack").i in s.consumed  # the claimed attack is not coded again


def test_a_condemned_attack_with_no_doer_names_its_attacker_from_before(read):
    state = Discourse(attackers={"AFG": "PAK"})
    s = read("Kabul condemned the strikes.", state)
    candidate = candidate_for(s, "condemned")
    assert attacks.names_unclaimed_attack(s, word(s, "condemned"))
    assert attacks.attack_targets(s, candidate) is None
    assert codes(candidate.targets) == ["PAK"]


def test_an_attack_blamed_on_another_is_not_the_accusers(read):
    s = read("Tashkent laid the blame for the attack on the border post at Kabul's door.")
    attack = candidate_for(s, "attack")
    arguments.guessed_source(s, attack)  # the nearest actor, as the coder would guess it
    assert "UZB" in codes(attack.sources)
    assert attacks.blamed_for(s, attack) is not None
    own = read("Tashkent staged the attack on the border post, Kabul said.")
    attack = candidate_for(own, "attack")
    arguments.guessed_source(own, attack)
    assert codes(attack.sources) == ["UZB"] and attacks.blamed_for(own, attack) is None
