"""A document's title: from a page's metadata and headline, or from the first headline-like line of text.

A page names its story in several places (`og:title`, `twitter:title`, `<title>`, the `<h1>`), most of
them with the site's name attached and some of them wrong: a logo `<h1>`, a "Skip to content" link, a
story number, a photo credit. Each place gives a candidate; candidates that are furniture, captions,
body sentences or the site's own name are dropped (data/boilerplate.json, `title_furniture` and
`captions`), the site's name is cut from the rest, and a headline that a metadata title confirms wins.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Set

from lxml.html import HtmlElement

from blocwatch import boilerplate

# Separators between a headline and a site's name ("Headline | Site", "Site - Headline").
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
_BREADCRUMB = re.compile(r"\s(?:/|>|»|›|\|)\s")
# A second sentence inside the line: body text, not a headline ("... on Monday. The minister said").
_INNER_SENTENCE = re.compile(r"[a-z0-9)][.!?][\"”’]?\s+[\"“‘]?[A-Z]")
# Sentence ends, also inside a closing quote or bracket: headlines end without a full stop.
_SENTENCE_END = re.compile(r"(?:[.…]|[.!?][\"”’')\]}]+)$")
# A quotation followed by its speaker ("... politics," the minister said): a pull quote, not a headline.
_ATTRIBUTED_QUOTE = re.compile(r"[,!?][\"”’]\s+\w")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MAX_WORDS = 24  # past this a line is a paragraph, whatever its punctuation
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A headline is in title case when nearly all its longer words are capitalised (short function words may
# not be: "Envoy Presents Credentials in Beijing").
_TITLE_CASE_LENGTH = 4
_TITLE_CASE_SHARE = 0.8
# Where a page's chrome lives: an <h1> there is a logo or a section name, not the story's headline.
_CHROME = {"nav", "footer", "aside", "figure", "figcaption", "form", "menu"}


def html_title(tree: HtmlElement, site_name: str | None = None) -> str | None:
    """The story's title on an HTML page, without the site's name; None when no candidate is a headline.

    Args:
        tree: the parsed page (before any part of it is cut).
        site_name: the site's name where known otherwise (e.g. from trafilatura's metadata).
    """
    metas = [_meta(tree, "og:title"), _meta(tree, "twitter:title"), _text(tree.find(".//title"))]
    sites = {_key(name) for name in (site_name, _meta(tree, "og:site_name"), _meta(tree, "application-name"))
             if name}
    sites |= {_key(part) for meta in metas if meta for part in _site_parts(meta)}
    sites.discard("")
    titles = [title for title in (tidy(meta, sites) for meta in metas if meta) if is_headline(title, sites)]
    headings = [tidy(_text(h1), sites) for h1 in tree.iter("h1") if not _in_chrome(h1)]
    headings = [heading for heading in headings if is_headline(heading, sites)]
    # A headline the metadata repeats is the story's, in full: og:title is often a shortened variant, and
    # <title> may carry a kicker ("Commentary: ...") or a site name too long to tell from the headline.
    confirmed = [heading for heading in headings if any(_agree(title, heading) for title in titles)]
    if confirmed:
        return max(confirmed, key=len)
    return next(iter(titles or headings), None)


def is_headline(line: str, sites: Set[str] = frozenset()) -> bool:
    """Whether `line` reads as a headline: a short phrase that is no furniture, caption, sentence or site name."""
    words = line.split()
    if not 2 <= len(words) <= _MAX_WORDS or _key(line) in sites:
        return False
    bare = line.strip(" :|›»>-–—•*")
    if _BREADCRUMB.search(without_site_name(line)) or _URL.search(line):
        return False  # a menu or breadcrumb trail ("Log in | Register", "News / World")
    if _SENTENCE_END.search(line) or _INNER_SENTENCE.search(line) or _ATTRIBUTED_QUOTE.search(line) \
            or line[0].islower():
        return False  # a sentence of the story's body
    furniture = boilerplate.pattern("title_furniture", "captions", "line_markers", "end_of_article")
    return not furniture.match(bare)


def sentence_case(title: str, names: Set[int] = frozenset()) -> str:
    """A headline written in title case ("Envoy Presents Credentials In Beijing") as a sentence writes it,
    for the parser, which reads each capitalised word as a name ("Envoy presents credentials in Beijing").

    Only a word capitalised as a title capitalises (an initial capital, then lower case) is lowered, never
    the first word, one of `names` (the character offsets of the headline's known names) nor an acronym;
    a headline already in sentence case, or too short to tell, is kept as it is. Characters keep their
    offsets.
    """
    words = list(_WORD.finditer(title))
    long = [word.group() for word in words if len(word.group()) >= _TITLE_CASE_LENGTH]
    if len(long) < 3 or sum(word[0].isupper() for word in long) < _TITLE_CASE_SHARE * len(long):
        return title
    cased = list(title)
    for word in words[1:]:
        text = word.group()
        if text[0].isupper() and text[1:] == text[1:].lower() and len(text.lower()) == len(text) \
                and not any(i in names for i in range(word.start(), word.end())):
            cased[word.start(): word.end()] = text.lower()
    return "".join(cased)


def tidy(title: str, sites: Set[str] = frozenset()) -> str:
    """`title` with entities decoded, spaces collapsed, and the site's name cut from either end."""
    text = " ".join(html_lib.unescape(title).split())
    parts = _TITLE_PARTS.split(text)
    kept = [part for part in parts if _key(part) not in sites]
    if kept and len(kept) < len(parts):
        return " - ".join(kept)
    return without_site_name(text)


def without_site_name(title: str) -> str:
    """`title` without a trailing " | Site Name": a short last part after a longer headline."""
    parts = _TITLE_PARTS.split(title)
    if len(parts) > 1 and len(parts[-1].split()) <= 4 and len(parts[0].split()) >= 3:
        return " - ".join(parts[:-1])
    return title


def _site_parts(title: str) -> list[str]:
    """The short outer parts of a "Headline | Site" title that name the site, not the story."""
    parts = _TITLE_PARTS.split(" ".join(title.split()))
    if len(parts) < 2:
        return []
    return [part for part in (parts[0], parts[-1]) if len(part.split()) <= 4 and len(part) < len(title) / 2]


def _agree(title: str, heading: str) -> bool:
    return _key(heading) in _key(title) or _key(title) in _key(heading)


def _meta(tree: HtmlElement, name: str) -> str | None:
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if name in (meta.get("property"), meta.get("name")) and (content or "").strip():
            return str(content)
    return None


def _text(element: HtmlElement | None) -> str:
    return "" if element is None else " ".join(" ".join(element.itertext()).split())


def _in_chrome(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        classes = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if ancestor.tag in _CHROME or re.search(r"\b(?:logo|masthead|site-?(?:name|title|header)|brand)\b", classes):
            return True
    return False


def _key(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").lower())
