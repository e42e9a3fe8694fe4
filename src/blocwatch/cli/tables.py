"""Tables that fit the terminal: short values (codes, dates, periods, counts) are always printed whole,
long text (evidence, sources) takes what width is left, one line a row, cut with an ellipsis; columns that
still do not fit are left out, and the caption names them. `--wide` prints everything at its full width.
"""

from __future__ import annotations

import textwrap
from typing import Literal, cast

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from blocwatch.cli import terminal

# A value longer than this makes its column free text, cut to the width; shorter values are never cut.
LONG_VALUE = 24
# Free text narrower than this is an unreadable stub: rather leave its column out.
MIN_TEXT_WIDTH = 16
_ColorSystem = Literal["auto", "standard", "256", "truecolor", "windows"]


def fit_table(rows: list[dict[str, object]], *, width: int, wide: bool, title: str | None = None,
              caption: str | None = None) -> Table:
    """A Rich table of `rows` (dicts sharing their keys) no wider than `width`, unless `wide`."""
    title = terminal.shown(title) if title else None
    if not rows:
        return Table("(nothing found)", title=title, caption=terminal.shown(caption, lines=True) if caption else None,
                     caption_justify="left", box=box.SIMPLE_HEAD)
    # One line a row: a newline in a value would otherwise break the row into several. Values come from
    # outside (ids, evidence): printable here, and added as Text below, never read as markup.
    cells = {name: ["" if row[name] is None else " ".join(terminal.printable(row[name]).split()) for row in rows]
             for name in rows[0]}
    natural = {name: max(len(v) for v in values) for name, values in cells.items()}
    # A header may wrap at its spaces, so a short column is as wide as its longest value or header word.
    whole = {name: max(natural[name], *(len(word) for word in _header(name).split()))
             for name in cells if natural[name] <= LONG_VALUE}
    # The first text column (the evidence, the claim) is what a reader came for: it keeps a quarter of the
    # width before a later column is given any.
    texts = [name for name in cells if name not in whole]
    least = {name: min(natural[name], MIN_TEXT_WIDTH if index else max(MIN_TEXT_WIDTH, width // 4))
             for index, name in enumerate(texts)}
    # Two spaces between columns where that fits, one where it saves a column.
    for gap in (2, 1):
        shown = list(cells)
        left_out: list[str] = []
        while not wide and len(shown) > 1 and _needed(shown, whole, least, gap) > width:
            victim = _least_needed(shown, whole)
            shown.remove(victim)
            left_out.append(victim)
        if not left_out:
            break
    spare = width - _needed(shown, whole, least, gap) + sum(least.get(name, 0) for name in shown)
    text_widths = _share(spare, {name: (least[name], natural[name]) for name in shown if name in least})
    notes = [caption] if caption else []
    if left_out:
        notes.append(f"not shown at this width: {', '.join(left_out)} (--wide or --format json shows all)")
    # The console does not wrap (it soft-wraps, for pipes): a caption is wrapped here to the table's width.
    caption_lines = [line for note in notes for part in note.split("\n") for line in textwrap.wrap(part, width)]
    table = Table(title=title, caption=terminal.shown("\n".join(caption_lines), lines=True) or None,
                  caption_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                  padding=(0, gap - 1))
    for name in shown:
        header = Text(_header(name), no_wrap=False, overflow="fold")
        if wide:
            table.add_column(header, no_wrap=True, min_width=whole.get(name))
        else:
            table.add_column(header, no_wrap=True, overflow="ellipsis", width=whole.get(name, text_widths.get(name)))
    for index in range(len(rows)):
        table.add_row(*(Text(cells[name][index]) for name in shown))
    return table


def print_table(console: Console, table: Table, *, wide: bool) -> None:
    """Print `table` at the console's width, or at the table's own full width with `wide`."""
    if wide:
        full = console.measure(table, options=console.options.update(width=100_000)).maximum
        # A console prints no wider than itself: a wide table needs one as wide as the table.
        # Rich names a console's colour system by one of the strings its constructor takes.
        colors = cast("_ColorSystem | None", console.color_system)
        Console(file=console.file, width=max(console.width, full), soft_wrap=True,
                color_system=colors, no_color=console.no_color).print(table, crop=False)
    else:
        console.print(table)


def _header(name: str) -> str:
    return name.replace("_", " ")


def _needed(shown: list[str], whole: dict[str, int], least: dict[str, int], gap: int) -> int:
    return sum(whole[name] if name in whole else least[name] for name in shown) + gap * (len(shown) - 1)


def _least_needed(shown: list[str], whole: dict[str, int]) -> str:
    """The column to leave out first: a second text column, then short columns from the right (never the
    first, which names the row), and the first text column last of all."""
    texts = [name for name in shown if name not in whole]
    if len(texts) > 1:
        return texts[-1]
    shorts = [name for name in shown[1:] if name in whole]
    return shorts[-1] if shorts else texts[-1]


def _share(spare: int, wants: dict[str, tuple[int, int]]) -> dict[str, int]:
    """Split `spare` characters between text columns, each wanting (at least, at most): its least each, the
    rest in proportion to what more each would take."""
    rest = spare - sum(least for least, _ in wants.values())
    total = sum(most - least for least, most in wants.values()) or 1
    return {name: least + min(most - least, rest * (most - least) // total) for name, (least, most) in wants.items()}
