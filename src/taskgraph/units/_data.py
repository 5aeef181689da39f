"""The data files of the units package, read with importlib.resources (no I/O at import)."""

from __future__ import annotations

import csv
from importlib import resources


def data_text(name: str) -> str:
    """The text of ``data/<name>``, read as UTF-8."""
    return resources.files("taskgraph.units").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV file in ``data/``; lines starting with ``#`` are comments.

    Examples
    --------
    >>> data_rows("abbreviations.csv")[0]["variant"]
    '发改'
    """
    lines = [line for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(lines)]


def data_lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of a text file in ``data/``."""
    return [
        line.strip() for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")
    ]
