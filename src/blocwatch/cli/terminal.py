"""The one way the CLI writes to the terminal: strings from outside are made harmless on the way.

File names, URLs, HTTP headers, record ids and article text all come from whoever wrote the input. Rich
reads `[...]` in a printed string as markup (a stray `[/i]` raises an error that would end the run), and
a terminal obeys escape sequences (`ESC[2J` clears the screen) and bidirectional overrides (which make
a line read differently from what it holds). So every outside string passes `shown` or `shown_text`,
the tables are filled through `add_row`, and machine output through `json_line` and `data`.
"""

from __future__ import annotations

import json
import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

# C0 and C1 control characters, DEL, and the Unicode controls that reorder how a line is displayed.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What JSON leaves raw with ensure_ascii=False, though a terminal obeys it: C1 controls and DEL.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: object, *, lines: bool = False) -> str:
    """`value` as text without control characters: line breaks and tabs become spaces (unless `lines`
    keeps them, for a multi-line article), the others are dropped."""
    text = str(value)
    if lines:
        return _CONTROL_BUT_LINES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub(lambda m: " " if m.group(0) in "\t\n\r\x0b\x0c" else "", text)


def shown(value: object, *, lines: bool = False) -> str:
    """An outside string ready to go into a Rich markup template: printable, with its markup escaped."""
    return escape(printable(value, lines=lines))


def say(console: Console, template: str, *values: object) -> None:
    """Print `template` (trusted Rich markup, with `{}` places) filled with outside `values`, made harmless."""
    console.print(template.format(*(shown(v) for v in values)), highlight=False)


def add_row(table: Table, values: list[object]) -> None:
    """Add a row of outside values to a Rich table, whose cells would otherwise be read as markup (a cell
    may hold several lines)."""
    table.add_row(*("" if v is None else shown(v, lines=True) for v in values))


def json_line(value: object, *, indent: int | None = None) -> str:
    """`value` as JSON that a terminal shows as it is: non-ASCII text kept, controls written as escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def data(text: str) -> str:
    """Machine output (CSV, GraphML) for standard output, without the controls a terminal would obey."""
    return printable(text, lines=True)
