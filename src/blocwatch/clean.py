"""Clean stage: RawPage -> Article (the article's own text and its metadata) or Problem.

HTML goes through trafilatura for the main text and metadata, after the sections that a
closing heading opens below the article are cut from the markup (where their position is
still known); its title comes from the page's metadata and headline (blocwatch.titles). Plain text (and
trafilatura's output, which still carries teasers on many sites) then goes through the same block rules:
broken markup and entities are repaired, each line is classed by its shape (prose, bullet,
table row, label), non-article sections are cut where a heading opens them after the
article has begun, and repeated paragraphs or whole repeated copies are kept once.
The decisions use general signals of page layout (data/boilerplate.json), never a site's strings.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import dateparser
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from blocwatch import boilerplate, titles
from blocwatch.budget import Budget, TooComplex, check_elements
from blocwatch.model import Article, Problem, RawPage
from blocwatch.precision import Published
from blocwatch.published import from_metadata, from_url, parse_given

_MIN_ENGLISH_SHARE = 0.12  # share of English function words; English prose runs at 0.35-0.5
_PROSE_ENGLISH_SHARE = 0.25  # a line this rich in function words reads as a sentence, not a menu
_UNFINISHED_WORDS = 12  # an unfinished last line at least this long is a sentence; menus and credits are shorter


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """Knobs of the clean stage; the defaults suit news pages.

    Attributes:
        min_words: an article shorter than this is rejected as "no article text".
        require_english: reject articles that do not read as English.
        max_elements: an HTML page with more elements than this is skipped as too complex before it is
            parsed: the parsed tree costs about a kilobyte an element, and trafilatura a fraction of a
            millisecond each. News pages hold a few thousand.
        max_seconds: a page still being cleaned after this much processor time is skipped as too complex.
            Processor time, not time on the clock, so that a busy machine does not skip pages that an idle
            one keeps; checked between steps, so one step (trafilatura's) may overrun it by its own length.
    """

    min_words: int = 8
    require_english: bool = True
    max_elements: int = 40_000
    max_seconds: float = 30.0


DEFAULT_OPTIONS = CleanOptions()


@dataclass(frozen=True, slots=True)
class _Signals:
    end_of_article: re.Pattern[str]
    line_markers: re.Pattern[str]
    line_prefixes: re.Pattern[str]
    disclaimers: re.Pattern[str]


@lru_cache(maxsize=1)
def _signals() -> _Signals:
    return _Signals(end_of_article=boilerplate.pattern("end_of_article"),
                    line_markers=boilerplate.pattern("line_markers"),
                    line_prefixes=boilerplate.pattern("line_prefixes", end=False),
                    disclaimers=boilerplate.pattern("disclaimers", start=False, end=False))


def clean(page: RawPage, *, options: CleanOptions = DEFAULT_OPTIONS) -> Article | Problem:
    """Turn a raw page into the article it carries.

    Args:
        page: the page as read by ingest.
        options: thresholds for rejecting a page.

    Returns:
        The Article, or a Problem (not a failure) when the page holds no English article or is over the
        budget of `options` (too many elements, or too long to clean).
    """
    try:
        return _clean(page, options, Budget(options.max_seconds))
    except TooComplex as exc:
        return Problem(page.origin, f"page too complex to clean ({exc}); skipped", failed=False)


def _clean(page: RawPage, options: CleanOptions, budget: Budget) -> Article | Problem:
    title, published, outlet, url = page.title, page.date, page.outlet, page.url
    body = page.content
    if page.kind == "html":
        check_elements(page.content, options.max_elements)
        extracted = _extract_html(page.content, page.url, budget)
        if extracted is None:
            return Problem(page.origin, "HTML page holds no article text", failed=False)
        body = extracted.text
        title = title or extracted.title
        outlet = outlet or extracted.outlet
        url = url or extracted.url
    lines = _normalise(body).split("\n")
    budget.check()
    text_title, text_date = _find_title_and_date(lines)
    title = titles.tidy(_normalise(title)) if title else text_title
    text = _article_text(lines, title)
    budget.check()
    words = len(text.split())
    if words < options.min_words:
        return Problem(page.origin, f"no article text found ({words} words after cleaning)", failed=False)
    if options.require_english:
        share = english_share(text)
        if share < _MIN_ENGLISH_SHARE:
            return Problem(page.origin, f"not English (only {share:.0%} English function words); skipped",
                           failed=False)
    when, source = _publication(published, page, url, text_date)
    return Article(
        id=page.id, origin=page.origin, title=title, url=url, outlet=outlet,
        date=when.day if when else None, date_precision=when.precision if when else "day", date_source=source,
        language="en", raw_text=page.content, text=text,
    )


def english_share(text: str) -> float:
    """Share of the words of `text` that are English function words."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    stop_words = _stop_words()
    return sum(w in stop_words for w in words) / len(words) if words else 0.0


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # Imported on first use: importing spaCy costs most of a second, and a process that only reads and
    # stores pages (an ingest's main process, beside its workers) never cleans one.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _publication(given: str | None, page: RawPage, url: str | None,
                 text_date: date | None) -> tuple[Published | None, str | None]:
    """The publication date from the first source that tells it, and which source that was."""
    candidates: tuple[tuple[str, Callable[[], Published | None]], ...] = (
        ("given", lambda: parse_given(given) if given else None),
        ("metadata", lambda: from_metadata(page.content) if page.kind == "html" else None),
        ("url", lambda: from_url(url)),
        ("text", lambda: Published(text_date) if text_date else None),
    )
    for source, find in candidates:
        found = find()
        if found:
            return found, source
    return None, None


@dataclass(frozen=True, slots=True)
class _Extracted:
    """What trafilatura finds on a page that the article keeps."""

    text: str
    title: str | None
    outlet: str | None
    url: str | None


def _extract_html(content: str, url: str | None, budget: Budget) -> _Extracted | None:
    tree = trafilatura.load_html(content)  # None, not an exception, when lxml cannot parse it
    if tree is None:
        return None
    page_title = titles.html_title(tree)
    _cut_closing_sections(tree)
    budget.check()
    try:
        # No cross-document deduplication: trafilatura's shared cache would make a page's text
        # depend on the pages cleaned before it; repeats within a page go in _drop_repeats.
        document = trafilatura.bare_extraction(
            tree, url=url, include_tables=True, include_comments=False, include_links=False,
            with_metadata=True, favor_recall=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted lxml errors on hostile markup
        document = None
    budget.check()
    # Never a dict: that is only with as_dict=True.
    if not isinstance(document, Document) or not document.text or not document.text.strip():
        return None
    return _Extracted(text=document.text, title=page_title, outlet=document.sitename, url=document.url)


def _cut_closing_sections(tree: HtmlElement) -> None:
    """Remove each section that a closing heading ("Related", "Comments", ...) opens after the article.

    This is done on the markup because trafilatura may pick a teaser block as the main text
    and put it first, which loses the position that the text rules rely on.
    """
    started = False
    closing: list[HtmlElement] = []
    for element in tree.iter("p", "h2", "h3", "h4", "h5", "h6"):
        block = _classify(_element_text(element))
        if element.tag == "p":
            started = started or _opens_article(block)
        elif started and block.kind == "heading_end":
            closing.append(element)
    for heading in closing:
        if not any(ancestor is tree for ancestor in heading.iterancestors()):
            continue  # an earlier cut already removed it
        start = _section_start(heading)
        parent = start.getparent()
        for element in [start, *start.itersiblings()]:
            parent.remove(element)


def _section_start(heading: HtmlElement) -> HtmlElement:
    """The element from which `heading`'s section runs to the end of its container.

    A heading alone in a wrapper (<div class="box-title"><h3>Related</h3></div>) opens
    what follows the wrapper, so climb until something follows; never above <body>'s children.
    """
    start = heading
    while not _has_text_after(start):
        parent = start.getparent()
        if parent.tag == "body" or parent.getparent() is None:
            break
        start = parent
    return start


def _element_text(element: HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _has_text_after(element: HtmlElement) -> bool:
    return bool((element.tail or "").strip()) or any(_element_text(e) for e in element.itersiblings())


# --- markup repair -------------------------------------------------------------------------

_SPACED_ENTITY = re.compile(r"&\s*(#\d+|#x[0-9a-f]+|[a-z]{2,8})\s*;", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*(?:\s[^<>]{0,200})?/?\s*>|<\s*/\s*[a-z]+\s*>?|<\s*[a-z]+\s*/\s*>",
                  re.IGNORECASE)
_BROKEN_TAG_END = re.compile(r"(?:(?<=\s)|^)/?(?:li|ul|ol|td|tr|th|tbody|table|b|i|p|div|span|h[1-6])\s*>",
                             re.IGNORECASE)
_LEFTOVER_TAG_START = re.compile(r"<\s*;?\s*/?\s*(?:li|ul|td|tr|p|b|div|span)\b(?:[^<>]{0,80}>|[^.!?<>]{0,60}?(?:;|$))",
                                 re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])(?=\s|$)")
_SPACED_APOSTROPHE = re.compile(r"(\w) ([’']) (s|t|re|ve|ll|d)\b")
_GLUED_HEADING_TAG = re.compile(r"(?<=[a-z])h[1-6]>")
_RUNS = re.compile(r"(?:[.$*_=~#|-]\s*){4,}")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACED_ENTITY.sub(lambda m: html_lib.unescape(f"&{m.group(1)};"), text)
    text = html_lib.unescape(text)
    text = _GLUED_HEADING_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = _LEFTOVER_TAG_START.sub(" ", text)
    text = _BROKEN_TAG_END.sub(" ", text)
    text = "\n".join(_RUNS.sub(_keep_table_separator, line) for line in text.split("\n"))
    text = _SPACES.sub(" ", text)
    text = _SPACED_APOSTROPHE.sub(r"\1\2\3", _SPACE_BEFORE_PUNCT.sub(r"\1", text))
    return "\n".join(line.strip() for line in text.split("\n"))


def _keep_table_separator(match: re.Match[str]) -> str:
    return match.group(0) if set(match.group(0)) <= set("-| ") and "|" in match.group(0) else " "


# --- title and date from scraped text ------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_FORMS = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})",
    re.IGNORECASE,
)
# Each try costs dateparser milliseconds, and a page whose first date-like lines do not parse
# ("Feb 30, 2024") has no date line to find: without a bound, a page of them takes minutes.
_DATE_TRIES = 10
# "On 2 March 2024, Pakistan closed ..." opens a sentence, not a dateline: "on" alone labels only short lines
# Lines of this many words or fewer above a story are as often labels of the page as its headline.
_LABEL_WORDS = 3
_DATE_LABEL = re.compile(r"^(?:published|posted|date|updated|first published)\b", re.IGNORECASE)


def _find_title_and_date(lines: list[str]) -> tuple[str | None, date | None]:
    """The headline before the body, and the first written date of the page.

    A page names its story before telling it: once a paragraph of the body has begun, a short line
    is a section heading ("The claim of responsibility") or a paragraph cut short where the passage
    ends, never the title. Before it, the first headline-like line of a few words or more is the title,
    past the labels that often stand above it ("Press releases", "Accessibility links"); a shorter one
    only where there is no longer one.
    """
    found_date = None
    headlines: list[str] = []
    tries = 0
    body = False
    for line in lines:
        if not line:
            continue
        opens = _opens_article(_classify(line))
        words = line.split()
        if found_date is None and tries < _DATE_TRIES and (len(words) <= 10 or _DATE_LABEL.match(line)):
            match = _DATE_FORMS.search(line)
            if match and (len(words) <= 10 or match.start() < 40):
                tries += 1
                found_date = _parse_written_date(match.group(0))
                if found_date:
                    body = body or opens  # a dateline run together with the lead
                    continue
        if not body and titles.is_headline(line):
            headlines.append(titles.tidy(line))
        body = body or opens
        if found_date and (body or any(len(h.split()) > _LABEL_WORDS for h in headlines)):
            break
    title = next((h for h in headlines if len(h.split()) > _LABEL_WORDS), headlines[0] if headlines else None)
    return title, found_date


def _parse_written_date(text: str) -> date | None:
    order = "DMY" if "." in text and re.match(r"\d{1,2}\.\d", text) else "MDY"
    if "/" in text and int(text.split("/")[0]) > 12:
        order = "DMY"
    parsed = dateparser.parse(text, languages=["en"], settings={"DATE_ORDER": order})
    return parsed.date() if parsed else None


# --- block classification ------------------------------------------------------------------

_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…")
_BULLET = re.compile(r"^(?:[-•*·▪●◦–]|\d{1,2}[.)])\s+")
_SPEAKER = re.compile(r"^[A-Z][A-Z .'-]{0,30}:\s")  # "ANCHOR: ", "Q: " in transcripts and interviews
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[a-z)][.!?])(?=[A-Z][a-z])")


@dataclass(slots=True)
class _Block:
    text: str
    kind: str  # prose | bullet | table | rule | question | label | heading_end | marker
    sentences: list[str] = field(default_factory=list)


def _classify(line: str) -> _Block:
    signals = _signals()
    bare = line.strip(" :|›»>-–—•*")
    words = line.split()
    if signals.line_markers.match(bare) and len(words) <= 25:
        return _Block(line, "marker")
    if signals.line_prefixes.match(line):
        return _Block(line, "marker")
    if len(words) <= 8 and signals.end_of_article.match(bare):
        return _Block(line, "heading_end")
    if line.count("|") >= 2:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r"[-: ]*", c) for c in cells):
            return _Block(line, "rule")
        return _Block(" | ".join(c for c in cells if c), "table")
    if _BULLET.match(line):
        return _Block(line, "bullet")
    stripped = line.rstrip(" ›»|}]")
    if stripped.endswith("?") and len(words) <= 20 and not _SPEAKER.match(line):
        return _Block(stripped, "question")  # a speaker's question is dialogue, not a FAQ entry
    if stripped.endswith(_TERMINAL) and (len(words) >= 5 or stripped.endswith(('."', ".”'"))):
        return _Block(line, "prose")
    if len(words) >= 25 and english_share(line) > _PROSE_ENGLISH_SHARE:
        return _Block(stripped, "prose")  # a paragraph whose last sentence lost its full stop
    return _Block(line, "label")


def _article_text(lines: list[str], title: str | None) -> str:
    signals = _signals()
    blocks = _unfinished_ending(_demote_lone_rows([_classify(line) for line in lines if line]))
    faq = _faq_starts(blocks)
    started = False
    kept: list[_Block] = []
    for index, block in enumerate(blocks):
        started = started or _opens_article(block)
        if block.kind == "heading_end" and started and not _story_goes_on(blocks, index):
            break
        if block.kind == "question" and started and faq[index]:
            break
        if block.kind in ("marker", "rule", "label", "heading_end", "question"):
            continue
        if block.kind == "prose" and title and block.text.strip() == title:
            continue
        kept.append(block)
    kept = _drop_teasers(kept, signals)
    kept = _drop_repeats(kept)
    paragraphs = []
    for block in kept:
        text = _URL.sub("", block.text).strip()
        text = re.sub(r"\s{2,}", " ", text)
        if len(text.split()) >= 2 or block.kind in ("bullet", "table"):
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _story_goes_on(blocks: list[_Block], index: int) -> bool:
    """A "Recommended" box inside the story, whose teasers the page lost: paragraphs of prose follow it
    at once, where a closing list would start with a headline."""
    after = blocks[index + 1:index + 4]
    return len(after) == 3 and all(block.kind == "prose" for block in after)


def _opens_article(block: _Block) -> bool:
    """The article has begun once a full paragraph of prose appears."""
    return block.kind == "prose" and len(block.text.split()) >= 12


def _unfinished_ending(blocks: list[_Block]) -> list[_Block]:
    """A text cut off at a length (as feeds and archives hand it over) ends in a sentence without its
    full stop: a last line that reads as a sentence is prose, not a label."""
    if blocks and blocks[-1].kind == "label":
        text = blocks[-1].text.strip()
        if len(text.split()) >= _UNFINISHED_WORDS and text[:1].isupper() and not _URL.search(text) \
                and english_share(text) >= _PROSE_ENGLISH_SHARE:
            blocks[-1].kind = "prose"
    return blocks


def _demote_lone_rows(blocks: list[_Block]) -> list[_Block]:
    """A pipe-separated line with no table row or rule beside it is a menu, not a table."""
    def in_table(index: int) -> bool:
        return 0 <= index < len(blocks) and blocks[index].kind in ("table", "rule")

    for index, block in enumerate(blocks):
        if block.kind == "table" and not (in_table(index - 1) or in_table(index + 1)):
            block.kind = "label"
    return blocks


def _faq_starts(blocks: list[_Block]) -> list[bool]:
    """Whether a FAQ section could start at each block: questions keep coming from there on.

    Counted once from the end, so a page of many questions costs no more than its length.
    """
    starts = [False] * len(blocks)
    questions = 0
    for index in range(len(blocks) - 1, -1, -1):
        questions += blocks[index].kind == "question"
        starts[index] = questions >= 2 and questions * 5 >= len(blocks) - index
    return starts


def _drop_teasers(blocks: list[_Block], signals: _Signals) -> list[_Block]:
    kept = []
    for block in blocks:
        text = block.text
        if signals.disclaimers.search(text) and len(text.split()) <= 60:
            continue
        without_urls = _URL.sub("", text).strip()
        if len(without_urls) < 0.5 * len(text):
            continue  # mostly links: a link list or a spam line
        if without_urls.endswith(("…", "...")) and len(without_urls.split()) < 60 and block.kind == "prose":
            continue  # a truncated teaser of another story
        kept.append(block)
    return kept


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _drop_repeats(blocks: list[_Block]) -> list[_Block]:
    """Keep each paragraph once, and drop a block that is a copy of the others run together."""
    seen: set[str] = set()
    unique = []
    for block in blocks:
        key = _key(block.text)
        if key and key not in seen:
            seen.add(key)
            unique.append(block)
    # How many kept blocks hold each sentence: a count, not a search of every other block for
    # every sentence, which grows with the square of the page (100,000 short paragraphs).
    holders: Counter[str] = Counter()
    for block in unique:
        block.sentences = [_key(s) for s in _SENTENCE_SPLIT.split(block.text) if len(s.split()) >= 4]
        holders.update(set(block.sentences))
    # Longest first: a run-together copy must go before the paragraphs it repeats are judged.
    alive = set(range(len(unique)))
    candidates = sorted((i for i, b in enumerate(unique) if len(b.sentences) >= 3),
                        key=lambda i: -len(unique[i].text))
    for index in candidates:
        sentences = unique[index].sentences
        repeated = sum(holders[s] > 1 for s in sentences)  # held by a kept block besides this one
        if repeated * 2 >= len(sentences):
            alive.discard(index)
            holders.subtract(set(sentences))
    return [block for i, block in enumerate(unique) if i in alive]
