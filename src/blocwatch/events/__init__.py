"""Events stage: Article -> list[Event] (the JSONL contract of EVENTS.md).

Only sentences that can hold an event are parsed: the text is tokenized and split into
sentences without the parser, actor mentions are found with a PhraseMatcher, and a sentence
goes to the full pipeline only when it or the sentence after it holds a word that may trigger an
event (a form of a lexicon lemma, of a verb claiming responsibility, a word of obligation or of a charge:
every event the coder makes starts at one; the sentence before is parsed for what its parse
leaves the discourse, such as who met whom) and it names two actors (or one, plus a pronoun,
"the two sides" or a claim of responsibility that may point back to an earlier sentence). The
gated sentences of a stream of articles go through one `nlp.pipe` stream; each parsed sentence
is then coded by `coder.code_sentence`, which is the list of the coder's passes.

The pipeline runs without the model's NER (blocwatch.nlp): the coder dates events by the date
expressions a Matcher finds (data/calendar.json) and places them by the gazetteer's places, and a
particle followed by a date or time is no particle. The sentences it does not parse never see the
tagger or parser, only the tokenizer.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from blocwatch import titles
from blocwatch.actors import PLACE, Gazetteer, Mention, find_mentions, load_gazetteer
from blocwatch.errors import DataError
from blocwatch.events import finalise
from blocwatch.events.coder import Coded, Decision, Discourse, code_sentence
from blocwatch.events.confidence import Calibration, event_features, load_calibration
from blocwatch.events.dates import Timeline
from blocwatch.events.dating import Dating, When
from blocwatch.events.lexicon import Lexicon, load_lexicon
from blocwatch.model import Article, Event
from blocwatch.nlp import load_nlp, sentencizer, word_forms
from blocwatch.plover import RECOGNITION_CAMEO
from blocwatch.precision import Published, format_date

__all__ = ["HEADLINE", "Explanation", "Extractor", "find_contexts"]

# Longer "sentences" are text without full stops (lists, run-together pages), not sentences: parsing
# and coding one grows faster than its length (100,000 characters take many minutes). News sentences
# run to a few hundred characters.
_MAX_SENTENCE_CHARS = 2000
# Sentences per `nlp.pipe` batch: gated sentences are short (about 30 words). The model's working
# arrays for a batch are allocated and freed at once, so a worker's memory rises and falls by them:
# 256 sentences swung a worker by some 150 MB, which two workers at their tops together added to the
# peak of an ingest; 64 swing it by 40 MB at the same CPU (benchmarks/README.md, "Memory at 200k").
BATCH_SIZE = 64
# The index of an article's headline among its sentences: it stands before the first sentence of the text,
# and outside it (its events carry no character offsets into the text).
HEADLINE = -1


@dataclass(slots=True)
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    mentions: list[tuple[int, int, str, str]]  # char start, char end (in `text`), alias, kind
    # Words by which this article may name an actor again without its name: "the council" after
    # "the UN Security Council"
    recalls: frozenset[str] = frozenset()
    triggered_here: bool = False  # holds a word that may trigger an event (see Extractor._trigger_words)
    triggered: bool = False  # it does, or the sentence after it does
    parsed_as: str = ""  # the text the parser reads, where it is not `text` (a headline in title case)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one trigger of an article became its events, or none (`blocwatch extract --explain`)."""

    doc: str
    sentence: int
    text: str
    trigger: str
    events: tuple[str, ...]  # "IRN AGREE TJK 057", with "negated" where it is
    trail: tuple[str, ...]  # "pass: what it decided", in the order of the passes


class Extractor:
    """Holds the model and the data files; codes articles into events."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon, calibration: Calibration | None = None):
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.calibration = calibration or load_calibration()
        self._sentencizer = sentencizer()
        # Words through which a sentence with one actor may still reach another: a pronoun, a
        # description ("the ministry", "the participants"), a rejected accusation, a claim, an incident condemned
        grammar = lexicon.grammar
        self._cues = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(
                grammar.plural_pronouns | grammar.singular_pronouns | grammar.responsibility_objects
                | grammar.negating_dets | grammar.definite_heads | grammar.group_heads | grammar.force_heads
                | grammar.accusation_nouns | grammar.responsibility_doers | grammar.incident_nouns,
                key=len, reverse=True))
            + r")s?\b", re.IGNORECASE)
        attack_words = sorted({lemma for (lemma, _), entries in lexicon.triggers.items()
                               if any(e.type == "ASSAULT" for e in entries)})
        self._attacks = re.compile(r"\b(?:" + "|".join(map(re.escape, attack_words)) + ")", re.IGNORECASE)
        # Every event starts at a lexicon entry's word, a claim of responsibility or an attack's doers named
        # (events.attacks), a word of obligation (events.polarity) or of a charge (events.charges), so a
        # sentence with none of their forms holds no event.
        forms = word_forms(nlp, {lemma for lemma, _ in lexicon.triggers} | grammar.responsibility_verbs
                           | grammar.responsibility_doers | grammar.failing_verbs | grammar.plotting_verbs)
        cues = grammar.obligation | grammar.culprit_preps | grammar.censure_adjectives  # events.charges
        self._trigger_words = numpy.array(sorted(nlp.vocab.strings.add(word)
                                                 for word in forms | cues), dtype="uint64")
        # "Turkmenistan hosted a summit": one actor, but whom later attendees of "the summit" consult
        self._hosting = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(grammar.host_verbs))) + ")",
                                   re.IGNORECASE)

    @classmethod
    def load(cls) -> Extractor:
        """Load the spaCy model, gazetteer and lexicon once."""
        return cls(load_nlp(), load_gazetteer(), load_lexicon())

    def extract(self, article: Article) -> list[Event]:
        """The events of one article."""
        return next(self.extract_many([article]))[1]

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = BATCH_SIZE,
                     n_process: int = 1) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles, in their order, parsing their gated sentences in one `nlp.pipe` stream.

        Args:
            articles: any iterable; it is consumed lazily, as the parser asks for sentences.
            batch_size: sentences per `nlp.pipe` batch.
            n_process: worker processes for parsing (spaCy's multiprocessing).
        """
        # Articles read but not yet coded, with their sentences, the gated ones and their parses so far.
        waiting: deque[tuple[Article, list[_Sentence], list[_Sentence], list[Doc]]] = deque()

        def gated_texts() -> Iterator[str]:
            for article in articles:
                sentences, gated = self._gated(article)
                waiting.append((article, sentences, gated, []))
                yield from (s.parsed_as or s.text for s in gated)

        for doc in self.nlp.pipe(gated_texts(), batch_size=batch_size, n_process=n_process):
            while len(waiting[0][3]) == len(waiting[0][2]):  # every parse of the first article is in
                yield self._coded(*waiting.popleft())
            waiting[0][3].append(doc)
        while waiting:
            yield self._coded(*waiting.popleft())

    def explain(self, article: Article) -> list[Explanation]:
        """Each trigger of one article, coded as `extract` codes it, with the events it became and why."""
        explained: list[Explanation] = []
        sentences, gated = self._gated(article)
        self._coded(article, sentences, gated, list(self.nlp.pipe(s.parsed_as or s.text for s in gated)), explained)
        return explained

    def _gated(self, article: Article) -> tuple[list[_Sentence], list[_Sentence]]:
        """The sentences of the article's text, and those of them worth parsing, with its headline if it is."""
        sentences = self.segment(article.text)
        gated = [s for s in sentences if self._worth_parsing(s)]
        headline = self._headline(article.title)
        if headline is not None and self._worth_parsing(headline):
            gated.append(headline)
        return sentences, gated

    def _headline(self, title: str | None) -> _Sentence | None:
        """The title as a sentence of its own, where it reads as a headline: a label ("Live updates"), a site's
        or a section's name, or a body paragraph a page gives as its title is no headline, and tells no event."""
        title = " ".join((title or "").split())
        if not title or len(title) > _MAX_SENTENCE_CHARS or not titles.is_headline(title):
            return None
        # The sentencizer may cut a headline at a colon or a quotation; it is one sentence all the same.
        parts = self.segment(title)
        mentions = [(part.start + start, part.start + end, alias, kind)
                    for part in parts for start, end, alias, kind in part.mentions]
        triggered = any(part.triggered_here for part in parts)
        named = {i for start, end, _, _ in mentions for i in range(start, end)}
        return _Sentence(HEADLINE, 0, len(title), title, mentions, parts[0].recalls if parts else frozenset(),
                         triggered_here=triggered, triggered=triggered, parsed_as=titles.sentence_case(title, named))

    def segment(self, text: str) -> list[_Sentence]:
        """Split clean text into sentences with their actor mentions, without parsing."""
        # The tokenizer, not make_doc: make_doc's length limit (a million characters) guards the
        # parser's memory, and the parser sees single sentences here, never the whole text.
        doc = self.nlp.tokenizer(text)
        self._sentencizer(doc)
        # Set as one array: each `token.is_sent_start = True` checks the whole doc for a parse. A token
        # opens a sentence where a line break lies between the start of the token before it and its own.
        starts = doc.to_array(SENT_START)
        if len(doc) > 1:
            breaks = numpy.array([m.start() for m in re.finditer("\n", text)], dtype="int64")
            offsets = doc.to_array(IDX).astype("int64")
            after_break = numpy.searchsorted(breaks, offsets[1:]) > numpy.searchsorted(breaks, offsets[:-1])
            starts[1:][after_break] = 1
        # spaCy's stub has to_array give floats and from_array want thinc's Ints2d: the array is its own.
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]
        mentions = find_mentions(doc, self.gazetteer, self.nlp)
        firsts = [m.start for m in mentions]  # in order: each sentence's mentions are found by bisection
        # By bisection in the sorted trigger words: numpy.isin would sort them with the text's words each time
        words = doc.to_array(LOWER)
        nearest = numpy.searchsorted(self._trigger_words, words).clip(max=len(self._trigger_words) - 1)
        triggers = numpy.flatnonzero(self._trigger_words[nearest] == words)
        sentences: list[_Sentence] = []
        for sent in doc.sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            first, last = bisect_left(firsts, sent.start), bisect_left(firsts, sent.end)
            inside = [(doc[m.start].idx - start, doc[m.end - 1].idx + len(doc[m.end - 1]) - start, m.alias, m.kind)
                      for m in mentions[first:last] if m.end <= sent.end]
            triggered = bool(numpy.searchsorted(triggers, sent.end) > numpy.searchsorted(triggers, sent.start))
            sentences.append(_Sentence(len(sentences), start, start + len(stripped), stripped, inside,
                                       triggered_here=triggered, triggered=triggered))
        recalls = frozenset(noun for m in mentions for noun in self._recall_nouns(m.alias))
        for sentence, following in zip(sentences, [*sentences[1:], None], strict=True):
            sentence.recalls = recalls
            # A parse leaves the next sentence more to refer back to than the names alone (the subject,
            # the parties of a meeting): a sentence before one with a trigger word is parsed as well.
            sentence.triggered |= following is not None and following.triggered_here
        return sentences

    def _recall_nouns(self, alias: str) -> frozenset[str]:
        """Nouns a later "the ..." may name this alias's actor by, short of a parse (see events.sentence)."""
        last = alias.split()[-1].lower()
        return self.gazetteer.described_as(alias) | ({last} & self.lexicon.grammar.institution_heads)

    def _worth_parsing(self, sentence: _Sentence) -> bool:
        if len(sentence.text) > _MAX_SENTENCE_CHARS or not sentence.triggered:
            return False
        if len(sentence.mentions) >= 2:
            return True
        # "the two leaders agreed" names the previous sentence's two actors, without a mention of its own;
        # one actor is enough where a pronoun or an attack may connect it to another
        text = sentence.text
        if self.lexicon.grammar.pair_pattern.search(text):
            return True
        if not sentence.mentions:
            return False
        lowered = text.lower()
        return bool(self._cues.search(text) or self._attacks.search(text) or self._hosting.search(text)
                    or any(f"the {word}" in lowered for word in sentence.recalls))

    def _coded(self, article: Article, sentences: list[_Sentence], gated: list[_Sentence], docs: list[Doc],
               explained: list[Explanation] | None = None) -> tuple[Article, list[Event]]:
        parsed = {s.index: (s, doc) for s, doc in zip(gated, docs, strict=True)}
        return article, self._code_article(article, sentences, parsed, explained)

    def _code_article(self, article: Article, sentences: list[_Sentence], parsed: dict[int, tuple[_Sentence, Doc]],
                      explained: list[Explanation] | None = None) -> list[Event]:
        discourse = Discourse()
        published = Published(article.date, article.date_precision) if article.date else None
        dating = Dating(Timeline(article.text, published), self.lexicon.grammar, self._attacks)
        events: list[Event] = []
        for sentence in sentences:
            doc = parsed[sentence.index][1] if sentence.index in parsed else None
            if doc is None:  # not parsed, but its actors are still what a pronoun may point back to
                resolved = [(alias, r) for alias, r in ((alias, self.gazetteer.resolve(alias, on=article.date))
                                                        for _, _, alias, _ in sentence.mentions)
                            if r and r.kind != PLACE]
                codes = [r.code for _, r in resolved]
                discourse.advance(codes[:1], codes, codes)
                for alias, actor in resolved:
                    discourse.name(actor.code, self._recall_nouns(alias))
                continue
            events += self._code_parsed(article, sentence, doc, discourse, dating, explained)
            dating.observe(doc, sentence.start)
        if HEADLINE in parsed and sentences:
            events += self._code_headline(article, sentences[0], parsed, dating, events, explained)
        return events

    def _code_headline(self, article: Article, lead: _Sentence, parsed: dict[int, tuple[_Sentence, Doc]],
                       dating: Dating, told: list[Event], explained: list[Explanation] | None) -> list[Event]:
        """The headline's events that the body does not tell (one event a key, as within a sentence).

        The headline tells the story the lead tells, on the lead's day; it is read with a discourse of its
        own, so that its actors are not what the lead's pronouns point back to."""
        headline, doc = parsed[HEADLINE]
        day = dating.lead(parsed[0][1] if 0 in parsed else self.nlp.tokenizer(lead.text), lead.start)
        keys = {(e.source, e.target, e.type, e.negated, e.cameo) for e in told}
        return [event for event in self._code_parsed(article, headline, doc, Discourse(), dating, explained, day)
                if (event.source, event.target, event.type, event.negated, event.cameo) not in keys]

    def _code_parsed(self, article: Article, sentence: _Sentence, doc: Doc, discourse: Discourse, dating: Dating,
                     explained: list[Explanation] | None, lead: When | None = None) -> list[Event]:
        """The events of one parsed sentence, dated (an event of the headline with no date of its own by `lead`)."""
        decisions: list[Decision] | None = None if explained is None else []
        mentions = self._align(doc, sentence)
        periods = cache(lambda: dating.periods(doc, sentence.start))
        coded = code_sentence(doc[:], mentions, gazetteer=self.gazetteer, lexicon=self.lexicon, on=article.date,
                              discourse=discourse, decisions=decisions, periods=periods)
        if sentence.index == HEADLINE:
            coded = [event for event in coded if not _headline_passive(event.trigger)]
        actors_at = {m.start: (r.code, m.kind) for m in mentions
                     for r in [self.gazetteer.resolve(m.alias, on=article.date)] if r and r.kind != PLACE}
        aliases = {i: m.alias for m in mentions for i in range(m.start, m.end)}
        events = []
        for event in coded:
            features = event_features(event, doc, mentions, resolved=actors_at, events_in_sentence=len(coded),
                                      sentence_index=max(sentence.index, 0), gazetteer=self.gazetteer,
                                      grammar=self.lexicon.grammar)
            when = dating.date(doc, event, sentence.start, fallback=lead)
            final = self._event(article, sentence, event, when, aliases, self.calibration.probability(features))
            if final is not None:
                events.append(final)
        if explained is not None and decisions:
            explained.extend(self._explanation(article, sentence, doc, d, dating, aliases, lead) for d in decisions)
        return events

    def _explanation(self, article: Article, sentence: _Sentence, doc: Doc, decision: Decision, dating: Dating,
                     aliases: dict[int, str], lead: When | None) -> Explanation:
        """One trigger's decision with its events as `extract` prints them: their actors at the event's date."""
        summaries, trail = [], list(decision.trail)
        for coded in decision.events:
            pair = finalise.at_event_date(self.gazetteer, coded, aliases,
                                          dating.date(doc, coded, sentence.start, fallback=lead), article.date)
            if pair != (coded.source, coded.target):
                trail.append(f"finalise.at_event_date: {coded.source} > {coded.target} is "
                             f"{' > '.join(pair) if pair else 'no pair of actors'} at the event's date")
            if pair:
                summaries.append(_summary(replace(coded, source=pair[0], target=pair[1])))
        return Explanation(article.id, sentence.index, sentence.text, decision.trigger.text, tuple(summaries),
                           tuple(trail))

    @staticmethod
    def _align(doc: Doc, sentence: _Sentence) -> list[Mention]:
        """Mentions found on the tokenizer's output, mapped onto the parsed sentence."""
        mentions = []
        for start, end, alias, kind in sentence.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                mentions.append(Mention(span.start, span.end, alias, kind))
        return mentions

    def _event(self, article: Article, sentence: _Sentence, coded: Coded, when: When | None,
               aliases: dict[int, str], confidence: float) -> Event | None:
        """The event as printed: dated, its actors as of that date (None where they were no actors then)."""
        pair = finalise.at_event_date(self.gazetteer, coded, aliases, when, article.date)
        if pair is None:
            return None
        contexts = find_contexts(sentence.text) or find_contexts(_paragraph(article.text, sentence.start))
        return Event(
            doc=article.id, source=pair[0], target=pair[1], type=coded.type, negated=coded.negated,
            cameo=coded.cameo, date=format_date(*when) if when else None, date_precision=when[1] if when else None,
            recognition=coded.recognition if coded.cameo == RECOGNITION_CAMEO else None,
            evidence=sentence.text, confidence=confidence, sentence=sentence.index, mode=coded.entry.mode,
            contexts=tuple(contexts), location=coded.place,
            **({} if sentence.index == HEADLINE else {"sentence_start": sentence.start, "sentence_end": sentence.end}),
        )


def _headline_passive(trigger: Token) -> bool:
    """ "Chinese workers killed in attack": a headline tells a past act in the present tense ("Taliban seize
    Kabul"), so a past form with no auxiliary is a passive whose subject is the one acted on, while the
    parser reads an active verb with its subject as the actor. An act told by such a verb, or under one, is
    left to the body, which tells it in full."""
    return any(verb.tag_ in ("VBD", "VBN") and not any(child.dep_ in ("aux", "auxpass") for child in verb.children)
               for verb in (trigger, *trigger.ancestors))


def _summary(coded: Coded) -> str:
    return f"{coded.source} {coded.type} {coded.target} {coded.cameo}" + (" negated" if coded.negated else "")


def _paragraph(text: str, offset: int) -> str:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 2 if start >= 0 else 0: end if end >= 0 else len(text)]


@lru_cache(maxsize=1)
def _context_patterns() -> dict[str, re.Pattern[str]]:
    raw = json.loads(resources.files("blocwatch.data").joinpath("contexts.json").read_text("utf-8"))
    patterns = {}
    for name, stems in raw.items():
        if name.startswith("_"):
            continue
        if not isinstance(stems, list) or not stems or not all(isinstance(stem, str) and stem for stem in stems):
            raise DataError(f"contexts.json: {name} is not a list of word stems")
        patterns[name] = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + ")", re.IGNORECASE)
    return patterns


def find_contexts(text: str) -> list[str]:
    """PLOVER-style contexts whose cue words occur in `text` (data/contexts.json)."""
    return [name for name, pattern in _context_patterns().items() if pattern.search(text)]
