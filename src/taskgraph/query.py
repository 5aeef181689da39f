"""The SPARQL query library and running queries on any backend (see :mod:`taskgraph.store`).

Queries live as ``.rq`` files in ``taskgraph/queries/`` with a header::

    # title: Lead load
    # description: Tasks led per unit …
    # param: unit — the unit, e.g. 县财政局

Every library query matches inside ``GRAPH ?g { … }`` (a plan is a named graph), so each row
names its plan, jurisdiction and year, and a unit shared by several plans is never counted once
per plan in another plan's rows. Parameters are bound as values — escaped string literals in
``VALUES`` clauses (:func:`taskgraph.sparql.bind`), on every backend — never as SPARQL text.

How the library's queries are written, so that each takes time in proportion to the plans it
reads (the figures: ``benchmarks/queries.py``). Oxigraph 0.5 evaluates a group of triple
patterns as nested loops, one index look-up per row, which on an on-disk store is a disk read
each; a subquery it evaluates on its own and joins by hash. So a query reads each pattern it
needs once, as a subquery (``{ SELECT ?g ?task ?u WHERE { GRAPH ?g { ?task tg:leadUnit ?u } } }``),
and joins them by hash; counts are made per named graph, then joined to the plan's IRI,
jurisdiction and year; a parameter's value is matched first and the rest looked up from it.
Reading a stored term back (an IRI, a long name) costs a disk read too, and Oxigraph 0.5 does
it for the terms an expression uses (``=``, ``STR``) and, for ``ORDER BY``, at every
comparison. So IRIs are compared with ``sameTerm`` (which reads nothing) and rows are sorted by
keys the query computes once per plan or per name — ``CONCAT("\\u0001", STR(?plan))``, and for
a name its value, datatype and language — strings Oxigraph holds in memory, which sort as the
terms themselves do. Each query gives the rows, in the order, of its plainer form (the tests
and ``benchmarks/queries.py --before`` compare them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from taskgraph.errors import InputError, QueryError, UsageError
from taskgraph.store import Rows

# "# param: unit — the unit, e.g. 县财政局"
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*[—–-]+\s*(.*)$")
_VARIABLE = re.compile(r"[?$](\w+)")
# The columns that say which plan a row comes from; dropped from tables of a single plan.
PLAN_COLUMNS = ("plan", "jurisdiction", "year")


@dataclass(frozen=True)
class Query:
    """A named query of the library."""

    name: str
    title: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str


@dataclass(frozen=True)
class Result:
    """A SELECT result held in memory: column names and rows of Python values."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_dataframe(self) -> Any:
        import pandas as pd

        return pd.DataFrame(list(self.rows), columns=list(self.columns))


def parse_query_file(text: str, name: str) -> Query:
    """Read a ``.rq`` file's header and text."""
    title, description, params = name, "", []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = m.groups()
        if key == "title":
            title = value.strip()
        elif key == "description":
            description = value.strip()
        else:
            pm = _PARAM.match(value.strip())
            params.append((pm.group(1), pm.group(2)) if pm else (value.strip(), ""))
    return Query(name, title, description, tuple(params), text)


@cache
def library() -> dict[str, Query]:
    """The shipped queries by name, sorted.

    Examples
    --------
    >>> "lead-load" in library() and library()["unit-tasks"].params[0][0]
    'unit'
    """
    folder = resources.files("taskgraph").joinpath("queries")
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            queries[name] = parse_query_file(entry.read_text(encoding="utf-8"), name)
    return queries


def get_query(name: str) -> Query:
    queries = library()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; `taskgraph queries` lists them")
    return queries[name]


def read_query_file(path: str | os.PathLike[str]) -> Query:
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query: {exc}", name) from None
    return parse_query_file(text, Path(name).stem)


def check_params(text: str, params: Mapping[str, Any], declared: Iterable[str] = ()) -> dict[str, str]:
    """The parameters as strings, checked against the query: each must be a variable of it."""
    out = {}
    if not isinstance(params, Mapping):
        raise QueryError(f"parameters are a mapping of names to strings, not {type(params).__name__}")
    for key, value in params.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise QueryError(
                f"parameter {key!r} must be a string (e.g. a unit's name), not {type(value).__name__}"
            )
        out[key] = value
    variables = set(_VARIABLE.findall(text))
    unknown = [k for k in out if k not in variables]
    if unknown:
        raise QueryError(f"the query has no variable ?{unknown[0]} to bind")
    missing = [k for k in declared if k not in out]
    if missing:
        raise QueryError(f"this query needs --param {missing[0]}=VALUE")
    return out


def run_query(
    backend: Any,
    text: str,
    params: Mapping[str, Any] | None = None,
    declared: Iterable[str] = (),
    timeout: float | None = None,
) -> Rows:
    """Run a SELECT (or ASK) query; rows stream from the backend (see :class:`taskgraph.store.Rows`)."""
    if not isinstance(text, str):
        raise UsageError(f"a query is SPARQL text, not {type(text).__name__}")
    bound = check_params(text, params if params is not None else {}, declared)
    return backend.select(text, bound, timeout)


def run_named(
    backend: Any, name: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
) -> Result:
    """Run a library query by name and hold its rows."""
    if not isinstance(name, str):
        raise QueryError(f"a query is named by a string, not {type(name).__name__}")
    query = get_query(name)
    rows = run_query(backend, query.text, params, [p for p, _ in query.params], timeout)
    return Result(rows.columns, tuple(rows.rows))
