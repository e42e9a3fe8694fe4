"""Each linguistic case the extractor must handle, on short articles written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from events.helpers import article_events, case_table

pytestmark = pytest.mark.issue(3)


CASES = [
    # (case, text, expected tuples (source, type, target, negated), tuples that must not appear)
    ("negation: yet to", "Kazakhstan is yet to recognise the Taliban government.",
     {("KAZ", "SUPPORT", "AFG", True)}, {("KAZ", "SUPPORT", "AFG", False)}),
    ("negation: refrained from", "Uzbekistan has refrained from granting formal recognition to the Taliban "
     "administration.", {("UZB", "SUPPORT", "AFG", True)}, {("UZB", "SUPPORT", "AFG", False)}),
    ("negation: does not", "India does not officially recognise the Taliban government in Kabul.",
     {("IND", "SUPPORT", "AFG", True)}, {("IND", "SUPPORT", "AFG", False)}),
    ("negation: passive by", "The Islamic Emirate has not been recognised by Tajikistan.",
     {("TJK", "SUPPORT", "AFG", True)}, {("TJK", "SUPPORT", "AFG", False)}),
    ("negation: none of", "Iran and Pakistan keep their embassies in Kabul open. None of these countries has "
     "formally recognised the Taliban government.",
     {("IRN", "SUPPORT", "AFG", True), ("PAK", "SUPPORT", "AFG", True)}, {("IRN", "SUPPORT", "AFG", False)}),
    ("negation: clausal subject", "Russian officials said this week that recognising a Taliban government was not "
     "on the agenda.", {("RUS", "SUPPORT", "AFG", True)}, {("RUS", "SUPPORT", "AFG", False)}),
    ("negation: opening quantifier", "But no government, China included, has formally recognised the Taliban as "
     "Afghanistan's rulers.", {("CHN", "SUPPORT", "AFG", True)}, {("CHN", "SUPPORT", "AFG", False)}),
    ("modal on a nominal subject", "Chinese officials have signalled that recognition of the Taliban government "
     "would come only later.", set(), {("CHN", "SUPPORT", "AFG", False)}),
    ("passive with agent", "The Russian embassy in Kabul was attacked by the Islamic State on Monday.",
     {("ISKP", "ASSAULT", "RUS", False)}, set()),
    ("nominal: withdrawal of", "The withdrawal of American troops from Afghanistan was completed in August 2021.",
     {("USA", "RETREAT", "AFG", False)}, set()),
    ("nominal: light verb", "Beijing voiced strong support for the Taliban administration.",
     {("CHN", "SUPPORT", "AFG", False)}, set()),
    ("reported accusation", "Pakistan's foreign office accused the Taliban of sheltering TTP fighters.",
     {("PAK", "ACCUSE", "AFG", False)}, {("AFG", "AID", "TTP", False)}),
    ("coordination", "China, Iran and Russia urged the Taliban to form an inclusive government.",
     {("CHN", "REQUEST", "AFG", False), ("IRN", "REQUEST", "AFG", False), ("RUS", "REQUEST", "AFG", False)},
     set()),
    ("pronoun", "Pakistan closed the Torkham crossing on Sunday. It accused Kabul of harbouring militants.",
     {("PAK", "ACCUSE", "AFG", False)}, set()),
    ("the two sides", "Wang Yi met Amir Khan Muttaqi in Islamabad on Saturday. The two sides agreed to extend "
     "the economic corridor to Afghanistan.", {("CHN", "CONSULT", "AFG", False), ("CHN", "AGREE", "AFG", False)},
     set()),
    ("reported sanctuary is an accusation", "Pakistan's foreign office said on Monday that Kabul was harbouring "
     "TTP militants.", {("PAK", "ACCUSE", "AFG", False), ("AFG", "AID", "TTP", False)}, set()),
    ("reported denial of sanctuary is no accusation", "Pakistan's foreign office said on Monday that Kabul was "
     "not harbouring TTP militants.", set(), {("PAK", "ACCUSE", "AFG", False)}),
    ("reported consequences are a threat", "Iran said on Sunday that the Taliban would face serious consequences "
     "over the water dispute.", {("IRN", "THREATEN", "AFG", False)}, set()),
    ("consequences nobody threatens", "Pakistan faces the consequences of last summer's floods.", set(),
     {("PAK", "THREATEN", "PAK", False)}),
    ("continued support is support, whoever reports it", "The envoy told reporters that Beijing would keep "
     "backing Afghanistan's reconstruction.", {("CHN", "SUPPORT", "AFG", False)}, {("CHN", "AGREE", "AFG", False)}),
    ("a noun's doer binds the pronoun of its clause", "China welcomed Pakistan's decision to upgrade its ties with "
     "Afghanistan.", {("CHN", "SUPPORT", "PAK", False), ("PAK", "SUPPORT", "AFG", False)},
     {("CHN", "SUPPORT", "AFG", False)}),
    ("a with-phrase on a target is no companion", "China expressed support for the Taliban regime with Russia's "
     "foreign minister accepting an envoy.", {("CHN", "SUPPORT", "AFG", False)}, {("CHN", "SUPPORT", "RUS", False)}),
    ("a denied act is negated", "Islamabad denied on Friday that its jets had struck Afghan villages.",
     {("PAK", "ASSAULT", "AFG", True)}, {("PAK", "ASSAULT", "AFG", False)}),
    ("a denial names no target of its own", "Kabul denied that it was sheltering TTP fighters.",
     {("AFG", "AID", "TTP", True)}, {("AFG", "REJECT", "TTP", False), ("AFG", "AID", "TTP", False)}),
    ("mediation between two parties", "Qatar and Turkey mediated talks between Pakistan and Afghanistan in "
     "Istanbul.", {("QAT", "CONSULT", "PAK", False), ("TUR", "CONSULT", "AFG", False)}, set()),
    ("aid measured by the tonne", "India sent 50,000 tonnes of wheat to Afghanistan through the port of Chabahar.",
     {("IND", "AID", "AFG", False)}, set()),
    ("an adjective parsed as a clause keeps the object", "Pakistani jets bombed suspected TTP hideouts in "
     "Paktika province, the Taliban said.", {("PAK", "ASSAULT", "TTP", False)}, set()),
    ("a state is never 'his'", "The Taliban named an ambassador to China in late 2022, and Beijing accepted his "
     "credentials in January.", {("CHN", "SUPPORT", "AFG", False)}, set()),
    ("an embassy reopened where it stands", "India reopened its embassy in Kabul on Tuesday.",
     {("IND", "SUPPORT", "AFG", False)}, set()),
    ("a border crossing reopened is no diplomacy", "Pakistan reopened the Torkham crossing on Friday.", set(),
     {("PAK", "SUPPORT", "AFG", False)}),
    ("traded accusations are accusations, not trade", "Tehran and Kabul traded accusations over water rights on "
     "the Helmand River.", {("IRN", "ACCUSE", "AFG", False)}, {("IRN", "COOPERATE", "AFG", False)}),
    ("'it' after 'but' is the first clause's subject", "Beijing has yet to recognise the Taliban, but it has "
     "accepted a Taliban ambassador.", {("CHN", "SUPPORT", "AFG", True), ("CHN", "SUPPORT", "AFG", False)}, set()),
    ("'it' in a concession is the subject conceded to", "Ashgabat has not recognised the Taliban, though it "
     "accepted a Taliban envoy's credentials in 2023.", {("TKM", "SUPPORT", "AFG", True), ("TKM", "SUPPORT", "AFG",
                                                                                          False)}, set()),
    ("'it' in a concession, the object named last", "Bishkek has welcomed Taliban ministers, although it does not "
     "formally recognise the movement's government.", {("KGZ", "SUPPORT", "AFG", True)}, set()),
    ("a refusal to recognise is a negated recognition", "Iran refuses to recognise the Taliban as Afghanistan's "
     "legitimate government.", {("IRN", "SUPPORT", "AFG", True)}, {("IRN", "REJECT", "AFG", False)}),
    ("no other country's refusal is not the leader's", "No other country has followed Russia's lead in "
     "recognising the Taliban.", set(), {("RUS", "SUPPORT", "AFG", True)}),
    ("an ambassador appointed to a state", "Earlier this year, China appointed a new ambassador to Kabul.",
     {("CHN", "SUPPORT", "AFG", False)}, set()),
    ("criticism drawn from others", "The Taliban's ban on girls' education drew criticism from Uzbekistan and "
     "Kazakhstan.", {("UZB", "ACCUSE", "AFG", False), ("KAZ", "ACCUSE", "AFG", False)},
     {("AFG", "ACCUSE", "UZB", False)}),
    ("a finite verb after a negated one is not negated", "A ministry official said Afghans had never accepted "
     "a foreign military presence and urged Washington to build ties with Kabul.",
     {("AFG", "REQUEST", "USA", False)}, {("AFG", "REQUEST", "USA", True)}),
    ("'no country but Russia' names the one that does", "The Taliban administration, which no country but Russia "
     "formally recognises, asked aid groups for help.", {("RUS", "SUPPORT", "AFG", False)},
     {("RUS", "SUPPORT", "AFG", True)}),
    ("a warning of others' attack is a tip-off", "Washington had warned Russian authorities that extremists were "
     "planning an attack on a concert in Moscow.", set(), {("USA", "THREATEN", "RUS", False)}),
    ("a call on a day is a call, not an appeal", "Tajik President Emomali Rahmon called Vladimir Putin on Saturday "
     "to offer his condolences.", {("TJK", "CONSULT", "RUS", False)}, {("TJK", "REQUEST", "RUS", False)}),
    ("tents flown in are aid", "India flew 1,000 family tents to Kabul.", {("IND", "AID", "AFG", False)}, set()),
    ("the accused are no accusers", "Police detained four men from Tajikistan along with several others accused "
     "of helping them.", set(), {("TJK", "ACCUSE", "RUS", False), ("TJK", "ACCUSE", "TJK", False)}),
    ("'the two sides' before a verb and its plural object", "Kazakhstan sells wheat to Afghanistan, and the two "
     "sides signed agreements worth $200 million in August.", {("KAZ", "AGREE", "AFG", False)}, set()),
    ("recognition of a fact is not of a government", "Kazakhstan called the step a recognition of the group's "
     "control of Afghanistan rather than of its government.", set(), {("KAZ", "SUPPORT", "AFG", False)}),
    ("the exception is the one that acts", "Beijing did not invite the Taliban, which no SCO member except Russia "
     "formally recognises.", {("RUS", "SUPPORT", "AFG", False)}, {("SCO", "SUPPORT", "AFG", False)}),
    ("forced to leave is an expulsion", "Iran has forced half a million Afghans to leave the country since June.",
     {("IRN", "COERCE", "AFG", False)}, set()),
    ("'the two leaders' alone carry a sentence", "Narendra Modi held talks with Xi Jinping on Sunday. The two leaders "
     "agreed that their countries should be partners rather than rivals.", {("IND", "AGREE", "CHN", False)}, set()),
    ("weapons that hit targets are their state's", "Iranian drones hit targets in Pakistan's Balochistan province "
     "on Tuesday.", {("IRN", "ASSAULT", "PAK", False)}, set()),
    ("recalled from a capital", "Islamabad recalled its ambassador from Tehran.", {("PAK", "SANCTION", "IRN", False)},
     set()),
    ("summoned a chargé d'affaires", "Tehran summoned Pakistan's chargé d'affaires.", {("IRN", "ACCUSE", "PAK", False)},
     set()),
    ("struck where the targets lie", "Pakistan carried out strikes on what it described as militant hideouts in "
     "Afghanistan's Khost province.", {("PAK", "ASSAULT", "AFG", False)}, set()),
    ("a definite description is the latest subject", "Tajikistan's foreign ministry blamed criminal gangs for the "
     "raid. The ministry did not accuse the Taliban government of involvement.",
     {("TJK", "ACCUSE", "AFG", True)}, {("TJK", "ACCUSE", "AFG", False)}),
    ("a plural description is not one actor", "Kazakhstan's trade minister met Taliban officials. The ministers "
     "agreed to meet again in Astana.", set(), {("KAZ", "AGREE", "KAZ", False)}),
    ("a government named by its seat", "Qatar has not recognised the government in Kabul.",
     {("QAT", "SUPPORT", "AFG", True)}, {("QAT", "SUPPORT", "AFG", False)}),
    ("'both sides' are the two the story is about", "Iran and Pakistan traded strikes this week. Iran said it had "
     "hit only Jaish al-Adl fighters, not Pakistani civilians. China urged both sides to show restraint.",
     {("CHN", "REQUEST", "IRN", False), ("CHN", "REQUEST", "PAK", False)}, {("CHN", "REQUEST", "JAA", False)}),
    ("help a state do something", "Russia said it was ready to help Dushanbe secure the border.",
     {("RUS", "AGREE", "TJK", False)}, set()),
    ("a reply voices the speaker's demand", "Jaishankar replied that Washington should not take a narrow view of "
     "the project.", {("IND", "REQUEST", "USA", False)}, set()),
    ("shipped wheat is aid", "India shipped 50,000 tonnes of wheat to Afghanistan by way of Iran.",
     {("IND", "AID", "AFG", False)}, set()),
    ("'stopped short of' parsed through its adverb", "Uzbekistan supplies power to Kabul. It has stopped short "
     "of recognising the Taliban.", {("UZB", "SUPPORT", "AFG", True)}, {("UZB", "SUPPORT", "AFG", False)}),
    ("an adjective parsed as passive keeps its doer", "Moscow was prepared to expand trade with Kabul and would "
     "remove the group from its list.", {("RUS", "AGREE", "AFG", False)}, {("AFG", "AGREE", "RUS", False)}),
    ("fighters from a group are the group's", "Fighters from the TTP attacked a checkpoint in Pakistan's Khyber "
     "district.", {("TTP", "ASSAULT", "PAK", False)}, set()),
    ("militants from a state are not the state's", "Militants from Afghanistan attacked a checkpoint in Pakistan's "
     "Khyber district.", set(), {("AFG", "ASSAULT", "PAK", False)}),
    ("expecting a state to act is a demand", "Islamabad expects the Taliban to rein in the TTP.",
     {("PAK", "REQUEST", "AFG", False)}, set()),
    ("being expected to act is no one's demand", "Russia is expected to sign a deal with Kabul.", set(),
     {("AFG", "REQUEST", "RUS", False), ("RUS", "REQUEST", "AFG", False)}),
    ("a rejected allegation rejects its accuser", "Pakistan accused India of backing the attackers. New Delhi "
     "rejected the allegation.", {("IND", "REJECT", "PAK", False)}, set()),
    ("'the participants' are the group just named", "Russia, China and Iran called for the lifting of sanctions. "
     "The participants also urged the Taliban to form an inclusive government.",
     {("RUS", "REQUEST", "AFG", False), ("CHN", "REQUEST", "AFG", False), ("IRN", "REQUEST", "AFG", False)}, set()),
    ("an attack in a province is in its state", "A suicide bomber struck a mosque in Kunduz on Friday. The Islamic "
     "State claimed responsibility for the attack.", {("ISKP", "ASSAULT", "AFG", False)}, set()),
    ("'an attack claimed by' sums up its clause", "Twin bombings in Kerman killed nearly 100 people, an attack "
     "claimed by the Islamic State.", {("ISKP", "ASSAULT", "IRN", False)}, set()),
    ("a place never acts", "Kandahar hosted talks with Pakistani officials.", set(),
     {("AFG", "CONSULT", "PAK", False)}),
    ("'carried out the bombing' is the attack told before", "Taliban minister Khalil Haqqani was killed in Kabul "
     "on Wednesday. The Islamic State said one of its fighters carried out the bombing.",
     {("ISKP", "ASSAULT", "AFG", False)}, set()),
    ("'the jets' are the latest subject's", "Pakistani warplanes bombed Barmal on Tuesday. Security officials said "
     "the jets had struck training camps of the TTP.", {("PAK", "ASSAULT", "TTP", False)}, set()),
    ("officials in a capital are its state's", "Officials in Kabul accused Pakistan of shelling border villages.",
     {("AFG", "ACCUSE", "PAK", False)}, set()),
    ("'IS' is the Islamic State", "Taliban forces raided an IS hideout in Nangarhar province.",
     {("AFG", "ASSAULT", "ISKP", False)}, set()),
    ("condemning an attack accuses its attacker", "Pakistani jets struck Barmal in Paktika province. The Taliban "
     "called the strikes a violation of international law and said they would retaliate.",
     {("AFG", "ACCUSE", "PAK", False), ("AFG", "THREATEN", "PAK", False)}, set()),
    ("ordered to leave is an expulsion", "India ordered Pakistani military advisers to leave the country.",
     {("IND", "COERCE", "PAK", False)}, set()),
    ("ended aid programmes in a state", "The United States has terminated its food assistance programmes in "
     "Afghanistan.", {("USA", "SANCTION", "AFG", False)}, set()),
    ("'an accusation X rejected' rejects whoever voiced it", "The State Department said the Taliban were diverting "
     "aid, an accusation the Taliban rejected.", {("AFG", "REJECT", "USA", False)}, set()),
    ("the speakers' second verb hung on what they said", "Indian officials said two of the attackers were Pakistani "
     "nationals and accused Islamabad of backing terrorism.", {("IND", "ACCUSE", "PAK", False)}, set()),
    ("'both countries' after a sentence naming one: the two the story names most", "India and Pakistan traded "
     "threats. Pakistan closed its airspace to Indian airlines. The Taliban condemned the killings. China called on "
     "both countries to exercise restraint.",
     {("CHN", "REQUEST", "IND", False), ("CHN", "REQUEST", "PAK", False), ("IND", "THREATEN", "PAK", False)},
     {("CHN", "REQUEST", "AFG", False), ("IND", "COOPERATE", "PAK", False)}),
    ("a pair's own works are no act of one on the other", "Turkmenistan's president met Afghanistan's prime minister "
     "in Herat. The two leaders opened a bridge that carries power from Turkmenistan to Afghanistan.", set(),
     {("AFG", "RETREAT", "TKM", False), ("TKM", "RETREAT", "AFG", False)}),
    ("shut crossings", "Islamabad shut all border crossings with Afghanistan.", {("PAK", "SANCTION", "AFG", False)},
     set()),
    ("a travel-ban exemption eases a sanction", "The UN Security Council committee granted Muttaqi an exemption from "
     "its travel ban.", {("UN", "CONCEDE", "AFG", False)}, set()),
    ("'will not leave this aggression unanswered' threatens the attacker", "Pakistani jets struck Kabul. The Islamic "
     "Emirate will not leave this aggression unanswered, Mujahid wrote.", {("AFG", "THREATEN", "PAK", False)},
     {("AFG", "THREATEN", "PAK", True)}),
    ("a state named as a place may act in its relative clause", "Muttaqi raised the treatment of Afghan migrants in "
     "Iran, which deported thousands of Afghans last year.", {("IRN", "COERCE", "AFG", False)}, set()),
    ("'the council' is the council named before", "The UN Security Council met on Afghanistan. Russia later pressed "
     "the council to ease the sanctions.", {("RUS", "REQUEST", "UN", False)}, set()),
    ("a with-phrase frames the speaker's act", "Pakistan's military said it had responded with drone strikes on "
     "Taliban positions.", {("PAK", "ASSAULT", "AFG", False)}, set()),
    ("appeals despite which one acts are not one's own", "Pakistan began deporting Afghans despite appeals from the "
     "United Nations.", set(), {("PAK", "REQUEST", "UN", False)}),
    ("names after a relative clause are not in it", "Unlike the Western states, which pulled their diplomats out of "
     "Kabul, Russia and China kept their embassies open.", {("WST", "RETREAT", "AFG", False)},
     {("RUS", "RETREAT", "AFG", False), ("CHN", "RETREAT", "AFG", False)}),
    ("an appositive name over a possessive", "Ishaq Dar flew to Kabul. Dar and his host, Amir Khan Muttaqi, agreed "
     "to set up a border mechanism.", {("PAK", "AGREE", "AFG", False)}, set()),
    ("lifting a requirement eases a restriction", "Islamabad said it would lift a requirement that Afghan transit "
     "goods carry bank guarantees.", {("PAK", "AGREE", "AFG", False)}, set()),
    ("envoys from a state are the state's", "The Taliban delegation held meetings with envoys from Russia and India.",
     {("AFG", "CONSULT", "RUS", False), ("AFG", "CONSULT", "IND", False)}, set()),
    ("a name parsed as the root is still the subject", "The UN envoy met donors. Zabihullah Mujahid, who led the "
     "Taliban delegation, called on participants to lift sanctions and release Afghanistan's frozen central bank "
     "assets. The delegation also held separate meetings with envoys from Russia.",
     {("AFG", "CONSULT", "RUS", False)}, {("UN", "CONSULT", "RUS", False)}),
    ("a threat is to whoever its condition is on", "Pakistan threatened to launch a new offensive in its war on "
     "militants unless Kabul expelled the TTP.", {("PAK", "THREATEN", "AFG", False)}, set()),
    ("a vow not to do something is a refusal", "Israel vowed not to give the Golan Heights back to Syria.",
     {("ISR", "REJECT", "SYR", False)}, {("ISR", "AGREE", "SYR", False)}),
    ("a pledge not to attack is a promise of restraint", "Pakistan pledged not to attack Afghan territory.",
     {("PAK", "AGREE", "AFG", False)}, set()),
    ("beating detainees is an assault", "Israeli soldiers beat up Palestinian detainees in the West Bank.",
     {("ISR", "ASSAULT", "PSE", False)}, set()),
    ("refusing a deployment in a state", "Pakistan has refused to deploy peacekeepers in Iraq.",
     {("PAK", "REJECT", "IRQ", False)}, set()),
    ("'is opposed to' states the subject's stand", "Israel is opposed to French mediation in its talks with Syria.",
     {("ISR", "REJECT", "FRA", False)}, {("FRA", "REJECT", "ISR", False)}),
    ("a suspension of links", "Italy announced a suspension of air links with Serbia.",
     {("ITA", "SANCTION", "SRB", False)}, set()),
    ("a reimposed blockade", "Pakistan reimposed a blockade on Afghan transit trade.",
     {("PAK", "COERCE", "AFG", False)}, set()),
    ("demolished homes", "Israeli bulldozers demolished Palestinian homes.", {("ISR", "COERCE", "PSE", False)}, set()),
    ("reinforced forces in a state", "Israel has strengthened its forces in Lebanon.",
     {("ISR", "MOBILIZE", "LBN", False)}, set()),
    ("a clause on the attack says where it was", "The Islamic State said one of its members carried out the suicide "
     "bombing that killed 54 people at a rally in Bajaur. The Taliban condemned the attack.",
     {("ISKP", "ASSAULT", "PAK", False), ("AFG", "ACCUSE", "ISKP", False)}, set()),
    ("standing with a state", "Beijing said it stood with Islamabad in the fight against terrorism.",
     {("CHN", "SUPPORT", "PAK", False)}, set()),
    ("unnamed forces are the reporting state's", "Pakistani officials said security forces killed two IS commanders "
     "in a raid.", {("PAK", "ASSAULT", "ISKP", False)}, set()),
    ("unnamed forces are not a rights group's", "Human Rights Watch said security forces had tortured Liberian "
     "refugees.", set(), {("NGO", "ASSAULT", "LBR", False)}),
    ("a possible hostile act of one's own side is a threat", "Blinken said the United States could put a very big "
     "bounty on senior Taliban leaders.", {("USA", "THREATEN", "AFG", False)}, set()),
    ("an analyst's possible act is no threat", "Analysts said Pakistan could strike Taliban positions.", set(),
     {("PAK", "THREATEN", "AFG", False), ("PAK", "ASSAULT", "AFG", False)}),
    ("a rejected threat answers its maker", "Blinken threatened the Taliban with sanctions. The Taliban government "
     "rejected the threat.", {("AFG", "REJECT", "USA", False)}, set()),
    ("handed over to a state", "Pakistan handed over to the United States a suspected Islamic State commander "
     "accused of planning the Kabul airport bombing.", {("PAK", "CONCEDE", "USA", False)},
     {("PAK", "CONCEDE", "ISKP", False), ("ISKP", "ACCUSE", "AFG", False)}),
    ("a condemned attack is an event of its own", "India condemned Pakistan's air strikes on Afghan territory.",
     {("IND", "ACCUSE", "PAK", False), ("PAK", "ASSAULT", "AFG", False)}, set()),
    ("a condemned attack with no doer is not the condemner's", "Iran's foreign ministry condemned the bombing in "
     "Kabul.", set(), {("IRN", "ASSAULT", "AFG", False)}),
    ("describing a state as a partner is praise", "The Taliban described India as a significant economic partner.",
     {("AFG", "SUPPORT", "IND", False)}, {("AFG", "ACCUSE", "IND", False)}),
    ("what is discussed is no partner", "India's envoy met Muttaqi in Dubai. The two sides also discussed using "
     "Iran's Chabahar port for trade.", {("IND", "CONSULT", "AFG", False)},
     {("IND", "CONSULT", "IRN", False), ("AFG", "CONSULT", "IRN", False)}),
    ("troops from states are the states'", "Troops from Russia and Tajikistan held joint military exercises near the "
     "Afghan border.", {("RUS", "COOPERATE", "TJK", False)}, set()),
    ("an offer's recipient", "China has offered Tajikistan funds to build a police outpost.",
     {("CHN", "AGREE", "TJK", False)}, set()),
    ("a name read as a modifier of the next one's title", "Raisi and Prime Minister Shehbaz Sharif signed eight "
     "memorandums of understanding.", {("IRN", "AGREE", "PAK", False)}, set()),
    ("'both sides' are not the urger", "The Taliban accused Dushanbe of interfering in Afghanistan's internal "
     "affairs. Moscow, which has held talks with the Taliban, urged both sides to avoid any escalation.",
     {("RUS", "REQUEST", "AFG", False), ("RUS", "REQUEST", "TJK", False)}, set()),
    ("everyone after 'between' is a party, not the mediators", "A third round of peace talks between Pakistan and "
     "Afghanistan's Taliban government, mediated by Turkey and Qatar, ended without an agreement.",
     {("AFG", "CONSULT", "PAK", False)}, {("TUR", "CONSULT", "AFG", False), ("QAT", "CONSULT", "PAK", False)}),
    ("a threat's condition names its addressee", "Khawaja Asif warned that Pakistan would respond forcefully if "
     "attacks by militants based in Afghanistan continued.", {("PAK", "THREATEN", "AFG", False)}, set()),
    ("'both governments' after a mediator's sentence", "Pakistan and Afghanistan clashed at Torkham. Turkish Foreign "
     "Minister Hakan Fidan said Ankara would work with Qatar to bring the two sides back to the table. Both "
     "governments had agreed in Doha to an immediate ceasefire.", {("PAK", "AGREE", "AFG", False)}, set()),
    ("'the group' is the group named before", "The Taliban seized Kabul in 2021. Turkmenistan does not formally "
     "recognise the group's government.", {("TKM", "SUPPORT", "AFG", True)}, {("TKM", "SUPPORT", "AFG", False)}),
    ("'the group' with no group named is nobody", "Turkmenistan does not formally recognise the group's government.",
     set(), {("TKM", "SUPPORT", "AFG", True)}),
    ("a delegation sent to a capital is a visit", "Kazakhstan sent a trade delegation to Kabul.",
     {("KAZ", "CONSULT", "AFG", False)}, set()),
    ("blacklisted for what the blacklisted did", "The United States blacklisted three Chinese firms for supplying "
     "missile parts.", {("USA", "SANCTION", "CHN", False)}, {("USA", "COOPERATE", "CHN", False)}),
    ("a plural pronoun is not one state's", "Beijing has deepened its economic ties with the Taliban despite not "
     "formally recognising their government.", {("CHN", "SUPPORT", "AFG", True)}, set()),
    ("'none of' a group not named is nobody", "Russia has expressed interest in the route. None of the Central Asian "
     "states has formally recognised the Taliban government.", set(), {("RUS", "SUPPORT", "AFG", True)}),
    ("pushed to act, parsed as a purpose", "The sudden collapse in Kabul has pushed China and Russia to deepen their "
     "partnership.", {("CHN", "COOPERATE", "RUS", False)}, {("AFG", "COOPERATE", "CHN", False)}),
    ("claimed attack", "A suicide bomber struck the Chinese-run hotel in Kabul on Monday. The Islamic State later "
     "claimed responsibility for the attack.", {("ISKP", "ASSAULT", "CHN", False)}, set()),
    ("hypothetical", "Russia could recognise the Taliban government next year, analysts say.", set(),
     {("RUS", "SUPPORT", "AFG", False), ("RUS", "SUPPORT", "AFG", True)}),
    ("conditional", "If Iran recognises the Taliban government, Pakistan will follow.", set(),
     {("IRN", "SUPPORT", "AFG", False)}),
    ("question", "Will China recognise the Taliban government this year?", set(),
     {("CHN", "SUPPORT", "AFG", False)}),
    ("recommendation", "Analysts say Beijing should engage the Taliban more closely.", set(),
     {("CHN", "CONSULT", "AFG", False)}),
    ("analyst's opinion is not a state's act", "Experts argue that the alliance between Moscow and Beijing "
     "is shallow.", set(), {("RUS", "COOPERATE", "CHN", False)}),
]


test_events_linguistic_case = case_table(CASES)


@pytest.mark.parametrize(("published", "code"), [(date(2019, 6, 1), "TAL"), (date(2023, 6, 1), "AFG")])
def test_events_taliban_resolved_by_date(extractor, published, code):
    events = article_events(extractor, "The United States held talks with the Taliban in Doha.", published)
    assert ("USA", "CONSULT", code, False) in {(e.source, e.type, e.target, e.negated) for e in events}


@pytest.mark.parametrize(("sentence", "expected", "precision"), [
    ("On Monday, China signed a mining deal with the Taliban.", "2023-05-08", "day"),
    # the week before May 10, 2023 lies inside May: it is told as the month
    ("Last week, China signed a mining deal with the Taliban.", "2023-05", "month"),
    ("Earlier this month, China signed a mining deal with the Taliban.", "2023-05", "month"),
    ("In August last year, China signed a mining deal with the Taliban.", "2022-08", "month"),
    ("In December, China signed a mining deal with the Taliban.", "2022-12", "month"),
    ("On Dec. 28, 2022, China signed a mining deal with the Taliban.", "2022-12-28", "day"),
    ("China signed a mining deal with the Taliban.", "2023-05-10", "published"),
    ("In mid-October, China signed a mining deal with the Taliban.", "2022-10", "month"),
    ("The Taliban took power in August 2021, and China signed a mining deal with them two years later.",
     "2023-05-10", "published"),
])
def test_events_relative_dates(extractor, sentence, expected, precision):
    (event,) = [e for e in article_events(extractor, sentence) if e.type == "AGREE"]
    assert (event.date, event.date_precision) == (expected, precision)


def test_events_dated_by_their_own_phrase_not_by_a_coordinated_verb(extractor):
    text = ("The Taliban named a new envoy to Pakistan in late 2022, and Islamabad signed a transit deal with Kabul "
            "in January.")
    (event,) = [e for e in article_events(extractor, text) if e.type == "AGREE"]
    assert (event.source, event.target, event.date, event.date_precision) == ("PAK", "AFG", "2023-01", "month")


def test_events_the_three_ministers_are_the_two_just_named_and_the_third_the_story_names(extractor):
    text = ("Pakistan's Ishaq Dar flew to Beijing. Wang Yi met Ishaq Dar in Beijing. Wang then hosted Amir Khan "
            "Muttaqi. The three ministers agreed to extend the corridor into Afghanistan.")
    agreed = {frozenset((e.source, e.target)) for e in article_events(extractor, text) if e.type == "AGREE"}
    assert agreed == {frozenset(("CHN", "AFG")), frozenset(("CHN", "PAK")), frozenset(("PAK", "AFG"))}


def test_events_a_given_name_before_a_known_surname_is_someone_else(extractor):
    text = ("Interior Minister Sirajuddin Haqqani visited Doha. Khalil Haqqani met Pakistani officials. Minister "
            "Haqqani met Qatari officials.")
    consulted = {(e.source, e.target) for e in article_events(extractor, text) if e.type == "CONSULT"}
    assert ("AFG", "QAT") in consulted and ("AFG", "PAK") not in consulted


def test_events_share_the_day_of_the_verb_whose_subject_they_share(extractor):
    text = "Pakistan recalled its envoy from Iran on Wednesday and barred Iran's ambassador from returning."
    events = article_events(extractor, text, date(2024, 1, 18))
    assert {(e.type, e.date) for e in events} == {("SANCTION", "2024-01-17"), ("REJECT", "2024-01-17")}


def test_events_not_dated_by_a_date_that_names_another_noun(extractor):
    text = "Pakistan recalled its envoy from Iran on Wednesday, calling Tuesday's strike a violation of its airspace."
    (event,) = [e for e in article_events(extractor, text, date(2024, 1, 18)) if e.type == "SANCTION"]
    assert event.date == "2024-01-17"


def test_events_undated_article_gives_undated_relativearticle_events(extractor):
    (event,) = [e for e in article_events(extractor, "On Monday, China signed a mining deal with the Taliban.", None)
                if e.type == "AGREE"]
    assert event.date is None


def test_events_recognition_levels(extractor):
    events = article_events(extractor, "President Xi Jinping accepted the credentials of the Taliban's ambassador in "
                                "Beijing. Russia formally recognised the Taliban government in July.")
    levels = {(e.source, e.recognition) for e in events if e.cameo == "054"}
    assert levels == {("CHN", "credentials"), ("RUS", "formal")}


@pytest.mark.parametrize(("text", "level"), [
    ("Tajikistan accredited a chargé d'affaires sent to Dushanbe by the Taliban last spring.", "mission"),
    ("A junior Taliban diplomat posted to Tashkent received accreditation from Uzbekistan's foreign ministry.",
     "mission"),
    ("Kazakhstan accredited the Taliban's ambassador in Astana in March.", "credentials"),
])
def test_events_accreditation_level_follows_the_rank_accredited(extractor, text, level):
    levels = {e.recognition for e in article_events(extractor, text) if e.cameo == "054" and not e.negated}
    assert levels == {level}


def test_events_contexts_name_what_a_relation_is_about(extractor):
    (event,) = [e for e in article_events(extractor, "China signed a deal with the Taliban to extract copper and oil.")
                if e.type == "AGREE"]
    assert {"natural_resource", "economic"} & set(event.contexts)
