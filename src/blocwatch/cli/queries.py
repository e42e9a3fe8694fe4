"""The analyses over a store (`events`, `relations`, `recognition`, `bloc`, `actors`, `report`, `graph`)
and `export`: thin shells that parse options, call one function and render its result."""

from __future__ import annotations

import csv
import functools
import inspect
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer

from blocwatch.analysis import (
    actor_graph,
    bloc,
    find_events,
    recognition,
    recognition_history,
    relations,
    write_graph,
)
from blocwatch.analysis.checks import day, period
from blocwatch.analysis.clusters import EventListing
from blocwatch.analysis.cohesion import MAX_BLOC_MEMBERS
from blocwatch.analysis.directory import actor_directory
from blocwatch.analysis.evidence import DEFAULT_THRESHOLDS, Thresholds
from blocwatch.analysis.plots import plot_bloc, plot_relations, write_plot
from blocwatch.cli.app import app, err, out, warn
from blocwatch.cli.options import (
    Confident,
    Db,
    FormatOption,
    Period,
    PlotFile,
    Since,
    TableFormat,
    Undated,
    Until,
    WideOption,
)
from blocwatch.cli.tables import fit_table, print_table
from blocwatch.cli.terminal import data, json_line, say
from blocwatch.errors import ParameterError
from blocwatch.export import export
from blocwatch.model import Problem
from blocwatch.report import DEFAULT_MEMBERS, build_report, write_report
from blocwatch.store import DEFAULT_PATH, Store, open_store
from blocwatch.store.failures import translated

# A reader waits out an ingest's write of one batch, or of the clusters at its end.
_READ_WAIT_SECONDS = 30.0


class EventOrder(StrEnum):
    date = "date"
    recent = "recent"
    mentions = "mentions"
    articles = "articles"


# How each --sort orders the happenings; undated ones go last in the two date orders.
_EVENT_ORDERS = {
    EventOrder.date: lambda c: (c.day is None, c.day.toordinal() if c.day else 0, c.id),
    EventOrder.recent: lambda c: (c.day is None, -c.day.toordinal() if c.day else 0, c.id),
    EventOrder.mentions: lambda c: (-c.num_mentions, -c.num_articles, c.id),
    EventOrder.articles: lambda c: (-c.num_articles, -c.num_mentions, c.id),
}


class GraphFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"


class _Result(Protocol):
    def to_json(self) -> object: ...

    def rows(self) -> list[dict[str, object]]: ...


@contextmanager
def _reading(db: Path, min_confidence: float = 0.0) -> Iterator[Store]:
    """The store at `db`, opened for reading and seen with `--min-confidence` (see `Store.confident`);
    says so when it is empty or its clusters lag its documents."""
    with translated(db), open_store(db, read_only=True, wait=_READ_WAIT_SECONDS) as store:
        if not store.counts()["documents"]:
            warn(Problem(str(db), f"holds no documents yet: add some with `blocwatch ingest FILES --db {db}`",
                         failed=False))
        elif store.clusters_stale():
            warn(Problem(str(db), "documents were written after the event clusters were built (an ingest is "
                                  "running, or was interrupted: running it again finishes it); these answers "
                                  "leave them out", failed=False))
        yield store.confident(min_confidence)


# What a command reading the store is handed in place of the options that say which store and how much of it
# (`_reads_store`): it opens the store when the command has checked its own options.
Reading = Callable[[], AbstractContextManager[Store]]


def _reads_store(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with the options every analysis of the store takes, declared once here: `--min-confidence` and
    `--db`, after its own options; it gets them as `reading`, which opens the store they name for reading."""
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
              for name, kind, default in (("min_confidence", Confident, 0.0), ("db", Db, DEFAULT_PATH))]
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "reading"]

    @functools.wraps(command)
    def run(*args: Any, min_confidence: float = 0.0, db: Path = DEFAULT_PATH, **kwargs: Any) -> None:
        command(*args, reading=lambda: _reading(db, min_confidence), **kwargs)

    # Typer reads a command's options from its signature and type hints: these now name the shared ones.
    run.__dict__["__signature__"] = inspect.Signature([*own, *shared], return_annotation=None)
    run.__annotations__ = {p.name: p.annotation for p in [*own, *shared]} | {"return": None}
    return run


@app.command("events")
@_reads_store
def events_command(
    actor: Annotated[str | None, typer.Option("--actor", help="Only events with this actor (source or target).")]
    = None,
    pair: Annotated[tuple[str, str] | None, typer.Option(
        "--pair", help="Only events between these two actors, either way.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER event type (e.g. ASSAULT).")]
    = None,
    since: Since = None,
    until: Until = None,
    sort: Annotated[EventOrder, typer.Option(
        "--sort", help="date (oldest first), recent (newest first), mentions or articles (most first); "
                       "undated happenings come last in date orders.")] = EventOrder.date,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = None,
    undated: Undated = False,
    format: FormatOption = TableFormat.table,
    wide: WideOption = False,
    *,
    reading: Reading,
) -> None:
    """List event clusters (one per happening) with their evidence and the articles reporting them."""
    with reading() as store:
        first, last = period(since, until, ("--since", "--until"))
        listing = find_events(store, actor=actor, pair=pair, type=type, since=first, until=last, undated=undated)
    _left_out(listing.undated_left_out)
    found = sorted(listing.clusters, key=_EVENT_ORDERS[sort])
    shown = found[:limit] if limit else found
    caption = f"{len(shown)} of {len(found)} happenings (--limit)" if len(shown) < len(found) else None
    _render(EventListing(shown), format, title="events", caption=caption, wide=wide)


@app.command("relations")
@_reads_store
def relations_command(
    x: Annotated[str, typer.Argument(help="One actor code (e.g. PAK).")],
    y: Annotated[str, typer.Argument(help="The other actor code (e.g. AFG).")],
    by: Annotated[Period, typer.Option("--by", help="Period: month, quarter or year.")] = Period.month,
    since: Since = None,
    until: Until = None,
    format: FormatOption = TableFormat.table,
    wide: WideOption = False,
    plot: PlotFile = None,
    *,
    reading: Reading,
) -> None:
    """Counts per quad class and net cooperation score per period, in both directions."""
    with reading() as store:
        first, last = period(since, until, ("--since", "--until"))
        result = relations(store, x, y, by=by.value, since=first, until=last)
    if plot:
        write_plot(plot_relations(result), plot)
    notes = [f"{result.undated} undated events not shown"] if result.undated else []
    notes += [f"{p.period}: {sum(p.quads)} happening{'s' if sum(p.quads) != 1 else ''} {p.source} -> {p.target} "
              f"known only to the year, in no {result.by}" for p in result.coarser if sum(p.quads)]
    notes += [f"turns {t.direction} in {t.period} (net {t.before:+.1f} in {t.previous}, {t.after:+.1f} then)"
              for t in result.turns]
    _render(result, format, title=f"{result.a} and {result.b} by {result.by}", caption="\n".join(notes) or None,
            wide=wide)


@app.command("recognition")
@_reads_store
def recognition_command(
    target: Annotated[str, typer.Argument(help="The recognised actor's code (e.g. AFG).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Status as of this day (YYYY, YYYY-MM or YYYY-MM-DD: a year or month, its last day). "
                        "A claim known only to its month or year counts once that whole span is over by then; "
                        "undated claims do not count, unless --undated.")] = None,
    undated: Annotated[bool, typer.Option(
        "--undated", help="With --as-of, count undated claims too (left out by default, and counted).")] = False,
    history: Annotated[bool, typer.Option(
        "--history", help="Each state's status at every year's end instead, over the years holding claims.")]
    = False,
    format: FormatOption = TableFormat.table,
    wide: WideOption = False,
    *,
    reading: Reading,
) -> None:
    """Each state's rung on the recognition ladder toward TARGET (formal > credentials > mission; else refuses
    or no evidence), with the date reached and the claims behind it. CSV: one claim a row."""
    if history and as_of is not None:
        raise ParameterError("--history", "the history spans every year holding claims: leave out --as-of")
    with reading() as store:
        if history:
            past = recognition_history(store, target)
            _render(past, format, title=f"recognition of {past.target} at each year's end", wide=wide)
            return
        result = recognition(store, target, as_of=day(as_of, "--as-of", end=True), undated=undated)
    if result.undated_left_out:
        say(err, "note: {} undated claim{} left out by --as-of (--undated counts them)", result.undated_left_out,
            "s" if result.undated_left_out != 1 else "")
    when = f"as of {result.as_of.isoformat()}" if result.as_of else "all claims, dated or not"
    when += ", undated claims too" if result.as_of and undated else ""
    _render(result, format, title=f"recognition of {result.target} ({when})", csv_rows=result.claim_rows(),
            wide=wide)


def _count(flag: str, help: str) -> Any:  # Any: what typer.Option gives, metadata for Annotated
    """A bloc threshold's option: a count, 1 or more."""
    return typer.Option(flag, min=1, help=help)


@app.command("bloc")
@_reads_store
def bloc_command(
    members: Annotated[list[str], typer.Argument(help=f"Two to {MAX_BLOC_MEMBERS} actor codes.")],
    by: Annotated[Period | None, typer.Option(
        "--by", help="Also per period (month, quarter or year): cohesion, frictions, common adversaries and the "
                     "periods where a pair's net score turns.")] = None,
    since: Since = None,
    until: Until = None,
    min_friction_happenings: Annotated[int, _count("--min-friction-happenings", "A friction needs this many "
                                                   "conflictual happenings ...")]
    = DEFAULT_THRESHOLDS.friction_happenings,
    min_friction_articles: Annotated[int, _count("--min-friction-articles", "... reported in this many articles ...")]
    = DEFAULT_THRESHOLDS.friction_articles,
    min_friction_outlets: Annotated[int, _count("--min-friction-outlets", "... or one happening reported by this many "
                                                "outlets.")] = DEFAULT_THRESHOLDS.friction_outlets,
    min_adversary_members: Annotated[int, _count("--min-adversary-members", "A common adversary needs conflictual "
                                                 "acts from this many members.")]
    = DEFAULT_THRESHOLDS.adversary_members,
    min_happenings: Annotated[int, _count("--min-happenings", "A verdict needs this many happenings inside the group; "
                                          "with fewer it says 'not enough evidence' and what it has.")]
    = DEFAULT_THRESHOLDS.verdict_happenings,
    format: FormatOption = TableFormat.table,
    wide: WideOption = False,
    plot: PlotFile = None,
    *,
    reading: Reading,
) -> None:
    """How far a group acts as a bloc: cooperation per pair, frictions, common adversaries and a verdict, each
    with the happenings, articles and outlets it rests on (weighted by confidence)."""
    thresholds = Thresholds(min_friction_happenings, min_friction_articles, min_friction_outlets,
                            min_adversary_members, min_happenings)
    with reading() as store:
        first, last = period(since, until, ("--since", "--until"))
        result = bloc(store, members, since=first, until=last, by=by.value if by else None, thresholds=thresholds)
    _left_out(result.undated_left_out, "without --since and --until they count")
    if result.coarser_left_out:
        say(err, "note: {} happening{} known only to the year in no {} (the whole span counts them)",
            result.coarser_left_out, "s" if result.coarser_left_out != 1 else "", result.by)
    if plot:
        write_plot(plot_bloc(result), plot)
    adversaries = "; ".join(f"{x.actor} ({x.evidence.describe()}; by {', '.join(x.members)})"
                            for x in result.common_adversaries) or "none"
    frictions = "; ".join(f"{f.a}–{f.b} ({f.evidence.describe()})" for f in result.frictions) or "none"
    turns = "; ".join(f"{t.a}–{t.b} {t.turn.direction} in {t.turn.period}" for t in result.turns)
    _render(result, format, title=f"bloc {' '.join(result.members)}: cohesion {result.cohesion:+.2f}",
            caption=f"{result.verdict}\nfrictions: {frictions}\ncommon adversaries: {adversaries}"
                    + (f"\nturns: {turns}" if turns else ""), wide=wide)


@app.command("actors")
def actors_command(
    query: Annotated[str | None, typer.Argument(
        help="A code or part of a name, any case (\"Taliban\" finds AFG); none lists the database's actors.")]
    = None,
    format: FormatOption = TableFormat.table,
    wide: WideOption = False,
    db: Db = DEFAULT_PATH,
) -> None:
    """Actor codes with their names, number of happenings and first and last day in the database."""
    with _reading(db) as store:
        result = actor_directory(store, query)
    title = f"actors matching {query!r}" if result.query else "actors in the database"
    _render(result, format, title=title, caption=None if result.entries else "no actor code or name matches",
            wide=wide)


@app.command("report")
@_reads_store
def report_command(
    out_file: Annotated[Path, typer.Option("--out", help="The report to write: an .html page or a .md file.")],
    target: Annotated[str, typer.Option("--target", help="Whose recognition the ladder follows.")] = "AFG",
    members: Annotated[str, typer.Option(
        "--members", help="The group the bloc verdict judges, comma-separated.")] = ",".join(DEFAULT_MEMBERS),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The day of the recognition ladder (YYYY, YYYY-MM or YYYY-MM-DD); default today.")] = None,
    top: Annotated[int, typer.Option("--top", help="How many of the busiest pairs to plot over time.")] = 4,
    *,
    reading: Reading,
) -> None:
    """One self-contained page for a briefing: the recognition ladder and its history, the bloc verdict with its
    evidence, the busiest pairs over time, and the sentences behind every claim linked to their articles."""
    codes = [code.strip() for code in members.split(",") if code.strip()]
    with reading() as store:
        report = build_report(store, target=target, members=codes, as_of=day(as_of, "--as-of", end=True), top=top)
    written = write_report(report, out_file)
    say(err, "wrote the {} report to {}", written, out_file)


@app.command("graph")
@_reads_store
def graph_command(
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="graphml, gexf or json.")]
    = GraphFormat.json,
    since: Since = None,
    undated: Undated = False,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of printing.")]
    = None,
    *,
    reading: Reading,
) -> None:
    """The signed, weighted actor network (edge weight: sum of Goldstein scores of A's acts toward B)."""
    with reading() as store:
        graph = actor_graph(store, since=day(since, "--since"), undated=undated)
    _left_out(graph.undated_left_out)
    text = write_graph(graph, format.value)
    _emit(text, out_file)


@app.command("export")
def export_command(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl, parquet or plover: one row per event; csv: one row per event cluster, "
                               "with GDELT 2.0 column names.")],
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Write to this file (required for parquet); otherwise print.")] = None,
    db: Db = DEFAULT_PATH,
) -> None:
    """Export the database's events for other tools."""
    with _reading(db) as store:
        summary = export(store, format=format.value, out=out_file)
    if out_file:
        say(err, "wrote {} rows to {}", summary.rows, out_file)


def _render(result: _Result, format: TableFormat, *, title: str, caption: str | None = None,
            csv_rows: list[dict[str, object]] | None = None, wide: bool = False) -> None:
    """Print an analysis result as a table fitting the terminal (with a caption), JSON or CSV (its `rows()`,
    or `csv_rows` where a CSV holds more than the table)."""
    if format is TableFormat.json:
        print(json_line(result.to_json(), indent=2))
        return
    rows = result.rows()
    if format is TableFormat.csv:
        rows = rows if csv_rows is None else csv_rows
        if rows:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            sys.stdout.write(data(buffer.getvalue()))
        return
    table = fit_table(rows, width=out.width, wide=wide, title=title, caption=caption)
    print_table(out, table, wide=wide)


def _left_out(count: int, keep: str = "--undated keeps them") -> None:  # happenings, not claims
    if count:
        say(err, "note: {} undated happening{} left out by the date bounds ({})", count, "s" if count != 1 else "",
            keep)


def _emit(text: str, path: Path | None) -> None:
    if path is None:
        print(data(text))
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ParameterError("--out", f"{path}: cannot be written ({exc.strerror or exc})") from None
