"""Real-shaped corpora for the benchmarks, built at run time; nothing of them is kept in the repository.

The sentences are those of ../shared/real (real news articles) and ../shared/seeds where ../shared is
present, else those of the bundled examples (examples/corpus) and dev articles (tests/data/articles).
Each document takes the length in sentences of a source article (the sources in turn, or a fixed
length where asked) and draws its sentences from a deck of all the sources' sentences, shuffled
anew each time it runs out. So at any size the corpus keeps the sources' mix of sentences, which
decides how much of it the extractor parses (how many name two actors and an event word), and
their article lengths, while no document repeats an article as it was written.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL_SOURCES = (SHARED / "real" / "input.jsonl", SHARED / "seeds")
BUNDLED_SOURCES = (ROOT / "examples" / "corpus", ROOT / "tests" / "data" / "articles")
PARAGRAPH = 3  # sentences per paragraph of a built document


@dataclass(frozen=True)
class Document:
    """One built document: an id, its text and a publication date (ISO)."""

    id: str
    text: str
    date: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Sources:
    """The sentences documents are drawn from, each source article's length in sentences, and what they are."""

    sentences: tuple[str, ...]
    lengths: tuple[int, ...]
    dates: tuple[str, ...]
    words_per_article: float  # the source articles' mean length in words
    name: str  # "real-shaped: sentences of ../shared/real (48 articles) and ../shared/seeds (5 articles)"


def source_paths() -> tuple[Path, ...]:
    """The real sources where ../shared is present, else the bundled examples and dev articles."""
    return REAL_SOURCES if all(path.exists() for path in REAL_SOURCES) else BUNDLED_SOURCES


@lru_cache(maxsize=1)
def load_sources() -> Sources:
    """Read, clean and split the sources into sentences as the extractor splits them."""
    from blocwatch.events import Extractor
    from blocwatch.model import Article
    from blocwatch.pipeline import iter_articles

    extractor = Extractor.load()
    sentences: list[str] = []
    lengths: list[int] = []
    dates: list[str] = []
    counts = []
    for path in source_paths():
        articles = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
        for article in articles:
            own = [s.text for s in extractor.segment(article.text)]
            sentences += own
            lengths.append(len(own))
            if article.date:
                dates.append(article.date.isoformat())
        counts.append(f"{_shown(path)} ({len(articles)} articles)")
    if not sentences:
        raise SystemExit(f"no article text in {', '.join(map(str, source_paths()))}")
    words = sum(len(sentence.split()) for sentence in sentences) / len(lengths)
    name = "real-shaped: sentences of " + " and ".join(counts)
    return Sources(tuple(sentences), tuple(lengths), tuple(dates), words, name)


def documents(count: int | None = None, *, words: int | None = None, sentences: int | None = None,
              seed: int = 15) -> Iterator[Document]:
    """Built documents, `count` of them or as many as hold `words` words.

    Args:
        count: how many documents.
        words: how many words at least, where `count` is not given.
        sentences: sentences per document; None takes the source articles' own lengths in turn.
        seed: the shuffle's seed: the same arguments build the same corpus.
    """
    if (count is None) == (words is None):
        raise ValueError("give either count or words")
    sources = load_sources()
    rng = random.Random(seed)
    deck: list[str] = []
    total = number = 0
    while (number < count) if count is not None else (total < words):
        length = sentences or sources.lengths[number % len(sources.lengths)]
        drawn = []
        for _ in range(length):
            if not deck:
                deck = list(sources.sentences)
                rng.shuffle(deck)
            drawn.append(deck.pop())
        text = "\n\n".join(" ".join(drawn[at: at + PARAGRAPH]) for at in range(0, len(drawn), PARAGRAPH))
        when = rng.choice(sources.dates) if sources.dates else (date(2022, 1, 1) + timedelta(rng.randrange(1400)))
        document = Document(f"b{number:07d}", text, str(when))
        total += document.words
        number += 1
        yield document


def write_jsonl(built: Iterator[Document], folder: Path, shard: int = 500) -> tuple[list[Path], int, int]:
    """Write documents as JSON Lines files of `shard` documents each (as `blocwatch ingest` reads them).

    Returns:
        the files, the number of documents and of words written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    count = words = 0
    out = None
    for document in built:
        if count % shard == 0:
            if out:
                out.close()
            files.append(folder / f"shard-{count // shard:05d}.jsonl")
            out = files[-1].open("w", encoding="utf-8")
        out.write(json.dumps({"id": document.id, "text": document.text, "date": document.date}) + "\n")
        count += 1
        words += document.words
    if out:
        out.close()
    return files, count, words


def articles(built: Iterator[Document]) -> list:
    """Built documents as the extractor's `Article`s (cleaned as `blocwatch ingest` cleans them)."""
    from blocwatch.clean import clean
    from blocwatch.model import Article, RawPage

    made = [clean(RawPage(id=d.id, origin=d.id, content=d.text, kind="text", date=d.date)) for d in built]
    return [a for a in made if isinstance(a, Article)]


def _shown(path: Path) -> str:
    return f"../shared/{path.relative_to(SHARED)}" if path.is_relative_to(SHARED) else str(path.relative_to(ROOT))
