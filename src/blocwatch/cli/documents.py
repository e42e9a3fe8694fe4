"""`blocwatch clean`, `extract` and `score`: one article at a time, no database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from blocwatch.cli.app import MaxMb, MinConfidence, Paths, app, exit_code, out, warn
from blocwatch.cli.terminal import add_row, json_line, printable, say
from blocwatch.errors import InputError
from blocwatch.ingest import MIB
from blocwatch.model import Article, Problem
from blocwatch.pipeline import CHUNK_DOCUMENTS, code_articles, iter_articles
from blocwatch.precision import format_date

if TYPE_CHECKING:
    from rich.table import Table

    from blocwatch.events import Extractor


class CleanFormat(StrEnum):
    text = "text"
    json = "json"


@dataclass(slots=True)
class _Tally:
    processed: int = 0
    failed: int = 0

    def articles(self, paths: list[str], max_mb: float) -> Iterator[Article]:
        """The inputs' articles; each problem is warned about and counted as it passes."""
        for item in iter_articles(paths, max_bytes=int(max_mb * MIB)):
            if isinstance(item, Problem):
                warn(item)
                self.failed += item.failed
            else:
                self.processed += 1
                yield item

    def uncoded(self, problem: Problem) -> None:
        """An article read and counted that the extractor then failed on."""
        warn(problem)
        self.processed -= 1
        self.failed += 1

    def exit(self) -> typer.Exit:
        return typer.Exit(exit_code(self.processed, self.failed))


def _format_option(help: str) -> Any:  # Any: what typer.Option gives, metadata for Annotated
    return typer.Option("--format", "-f", help=help)


@app.command("clean")
def clean_command(
    paths: Paths,
    format: Annotated[CleanFormat, _format_option("text, or json (one object a line).")] = CleanFormat.text,
    max_mb: MaxMb = 10.0,
) -> None:
    """Print each input's clean article text (json: with all its metadata)."""
    tally = _Tally()
    for item in tally.articles(paths, max_mb):
        if format is CleanFormat.json:
            print(json_line(item.to_json()))
        else:
            when = format_date(item.date, item.date_precision)
            heading = " | ".join(x for x in (item.id, item.title, when and f"{when} ({item.date_source})") if x)
            say(out, "[bold]== {}[/bold]", heading)
            print(printable(item.text, lines=True), end="\n\n")
    raise tally.exit()


class ExtractFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.command("extract")
def extract_command(
    paths: Paths,
    format: Annotated[ExtractFormat, _format_option("table, or jsonl (the event contract).")] = ExtractFormat.table,
    max_mb: MaxMb = 10.0,
    explain: Annotated[bool, typer.Option("--explain", help="Instead of the events, print why each was coded: "
                                          "what each pass of the coder decided.")] = False,
    explain_all: Annotated[bool, typer.Option("--explain-all", help="As --explain, with the trigger words "
                                              "that were dropped and the reason.")] = False,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Code the events of each article (EVENTS.md contract) and print them."""
    from blocwatch.events import Extractor  # loads spaCy: only for the commands that need it

    tally = _Tally()
    extractor = Extractor.load()
    if explain or explain_all:
        _explain(tally.articles(paths, max_mb), extractor, tally, dropped=explain_all)
        raise tally.exit()
    table = _event_table() if format is ExtractFormat.table else None
    articles = tally.articles(paths, max_mb)
    while batch := list(islice(articles, CHUNK_DOCUMENTS)):
        for outcome in code_articles(batch, extractor=extractor):
            if isinstance(outcome, Problem):
                tally.uncoded(outcome)
                continue
            for event in (e for e in outcome[1] if e.confidence >= min_confidence):
                if table is None:
                    print(json_line(event.to_json()), flush=False)
                else:
                    add_row(table, [event.doc, event.source, event.type, event.target,
                                    "yes" if event.negated else "", event.date, event.evidence])
    if table is not None:
        out.print(table)
    raise tally.exit()


def _explain(articles: Iterator[Article], extractor: Extractor, tally: _Tally, *, dropped: bool) -> None:
    """Print each trigger's events and trail, sentence by sentence (and dropped triggers with `dropped`)."""
    for article in articles:
        try:
            explained = extractor.explain(article)
        except Exception as exc:  # reported as the document's failure, as `extract` does
            tally.uncoded(Problem(article.origin, f"internal error while coding events: {type(exc).__name__}: {exc}"))
            continue
        heading = None
        for item in explained:
            if not (item.events or dropped):
                continue
            if heading != (item.doc, item.sentence):
                heading = (item.doc, item.sentence)
                print(printable(f"== {item.doc} sentence {item.sentence}: {item.text}"))
            print(printable(f"  {item.trigger!r} -> {', '.join(item.events) or 'no event'}"))
            for step in item.trail:
                print(printable(f"      {step}"))


def _event_table() -> Table:
    from rich.table import Table

    table = Table("doc", "source", "type", "target", "negated", "date", "evidence", show_lines=False)
    return table


@app.command("score")
def score_command(
    gold: Annotated[Path, typer.Option("--gold", help="Gold events (JSON Lines, EVENTS.md section 5).")],
    pred: Annotated[Path, typer.Option("--pred", help="Extracted events (`blocwatch extract --format jsonl`).")],
    show_errors: Annotated[bool, typer.Option("--errors", help="List misses and false positives.")] = False,
) -> None:
    """Score extracted events against gold events (precision, recall, F1, polarity flips)."""
    from blocwatch.evaluate import score

    gold_records, predicted = _read_records(gold), _read_records(pred)
    typed, quad = score(gold_records, predicted), score(gold_records, predicted, quad=True)
    if show_errors:
        for line in typed.missed:
            say(out, "missed  {}", line)
        for line in typed.false_positives:
            say(out, "false+  {}", line)
    out.print(f"events F1 {typed.f1:.3f} (P {typed.precision:.3f} R {typed.recall:.3f}) flips {typed.flips} "
              f"quad-F1 {quad.f1:.3f} recognition-R {typed.recognition_recall:.3f}", highlight=False)


def _read_records(path: Path) -> list[dict[str, object]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from exc
    return records
