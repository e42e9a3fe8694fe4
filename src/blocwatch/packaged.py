"""The packaged data files under blocwatch/data, read with errors that name the file and the row."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from importlib import resources

from blocwatch.errors import DataError


def packaged_text(name: str) -> str:
    """The text of packaged data file `name`.

    Raises:
        DataError: the file is missing.
    """
    try:
        return resources.files("blocwatch.data").joinpath(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"packaged data file {name} is missing; reinstall blocwatch") from exc


def packaged_rows(name: str, columns: Iterable[str] = ()) -> list[tuple[int, dict[str, str]]]:
    """The rows of packaged CSV file `name`, each with its line number (the header is line 1).

    Raises:
        DataError: the file is missing, its header lacks one of `columns`, or a row has more or fewer
            fields than the header.
    """
    reader = csv.DictReader(packaged_text(name).splitlines())
    header = reader.fieldnames or []
    missing = [column for column in columns if column not in header]
    if missing:
        raise DataError(f"{name}: no column {', '.join(missing)} in its header")
    rows = list(enumerate(reader, 2))
    for number, row in rows:
        # DictReader files surplus fields under None and fills absent ones with None.
        if None in row or None in row.values():
            raise DataError(f"{name} line {number}: expected {len(header)} fields ({','.join(header)})")
    return rows
