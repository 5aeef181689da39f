"""The SPARQL query library and the engine it runs on (Oxigraph).

Queries live as ``.rq`` files in ``taskgraph/queries/`` with a header::

    # title: Lead load
    # description: Tasks led per unit …
    # param: unit — the unit, e.g. 县财政局

Parameters are bound as values (SPARQL substitutions), never pasted into query text.
Oxigraph (pyoxigraph) runs the queries: on plans shaped like the seed it is 70-100x faster than
rdflib's own SPARQL engine (see benchmarks/). rdflib stays the graph API for building,
serialising and SHACL; :func:`run_rdflib` is kept for comparison.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from taskgraph.errors import InputError, QueryError
from taskgraph.namespaces import DEFAULT_BASE

# "# param: unit — the unit, e.g. 县财政局"
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*[—–-]+\s*(.*)$")
# An update operation after any PREFIX/BASE declarations: "INSERT DATA { … }", "DELETE WHERE …"
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*(?:\n|$))\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_VARIABLE = re.compile(r"[?$](\w+)")

_OX_FORMATS = {
    "ttl": "TURTLE",
    "nt": "N_TRIPLES",
    "jsonld": "JSON_LD",
    "xml": "RDF_XML",
    "trig": "TRIG",
    "nq": "N_QUADS",
}


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
    """A SELECT result: column names and rows of Python values (str, int, float, bool, None)."""

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


# ------------------------------------------------------------------ the store


def to_store(ds: Any) -> Any:
    """An Oxigraph store holding the quads of an rdflib Dataset."""
    import pyoxigraph as ox

    store = ox.Store()
    data = ds.serialize(format="nquads")
    if data.strip():
        store.bulk_load(data.encode("utf-8"), ox.RdfFormat.N_QUADS)
    return store


def load_store(paths: Iterable[str | os.PathLike[str]], base: str = DEFAULT_BASE) -> tuple[Any, list[Any]]:
    """Read SOURCE arguments into an Oxigraph store: RDF files directly, plans parsed first.

    Returns the store and the plans parsed on the way (for their warnings).
    """
    import pyoxigraph as ox

    from taskgraph.parse import read_plan
    from taskgraph.rdf import add_plan, new_dataset, rdf_format

    store = ox.Store()
    plans = []
    for path in paths:
        name = os.fspath(path)
        fmt = rdf_format(name)
        if fmt is None:
            # One plan at a time, so memory stays bounded by the largest plan, not the corpus.
            plan = read_plan(name)
            plans.append(plan)
            ds = new_dataset()
            add_plan(ds, plan, base)
            store.bulk_load(ds.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
            continue
        if not os.path.isfile(name):
            raise InputError("no such file" if not os.path.exists(name) else "is a directory", name)
        rdf_format_ = getattr(ox.RdfFormat, _OX_FORMATS[fmt])
        graph = None if rdf_format_.supports_datasets else ox.NamedNode(Path(name).resolve().as_uri())
        try:
            with open(name, "rb") as fh:
                store.bulk_load(fh, rdf_format_, to_graph=graph, base_iri=Path(name).resolve().as_uri())
        except (SyntaxError, ValueError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
            raise InputError(f"not valid {fmt.upper()}: {message[:200]}", name) from None
    return store, plans


# ------------------------------------------------------------------ running


def _check_query(text: str, params: Mapping[str, str], declared: Iterable[str] = ()) -> None:
    if _UPDATE.match(text):
        raise QueryError("SPARQL Update is not allowed: taskgraph queries only read the graph")
    variables = set(_VARIABLE.findall(text))
    unknown = [k for k in params if k not in variables]
    if unknown:
        raise QueryError(f"the query has no variable ?{unknown[0]} to bind")
    missing = [k for k in declared if k not in params]
    if missing:
        raise QueryError(f"this query needs --param {missing[0]}=VALUE")


def _python(term: Any) -> Any:
    if term is None:
        return None
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long", "short", "nonNegativeInteger"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    return term.value


def run_query(
    store: Any, text: str, params: Mapping[str, str] | None = None, declared: Iterable[str] = ()
) -> Result:
    """Run a SELECT (or ASK) query on an Oxigraph store over the union of its graphs.

    ``params`` bind variables to plain string literals; ``declared`` names the required ones.
    """
    import pyoxigraph as ox

    params = dict(params or {})
    _check_query(text, params, declared)
    substitutions = {ox.Variable(k): ox.Literal(v) for k, v in params.items()}
    try:
        result = store.query(text, use_default_graph_as_union=True, substitutions=substitutions)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {str(exc).strip().splitlines()[0]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {exc}") from None
    if isinstance(result, (bool, ox.QueryBoolean)):
        return Result(("ask",), ((bool(result),),))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_python(solution[c]) for c in columns) for solution in result)
        return Result(columns, rows)
    raise QueryError("only SELECT and ASK queries give tables; CONSTRUCT/DESCRIBE are not supported")


def run_named(store: Any, name: str, params: Mapping[str, str] | None = None) -> Result:
    """Run a library query by name."""
    query = get_query(name)
    return run_query(store, query.text, params, [p for p, _ in query.params])


def run_rdflib(ds: Any, text: str, params: Mapping[str, str] | None = None) -> Result:
    """The same query on rdflib's own engine (slow; for comparison and benchmarks)."""
    from rdflib import Dataset, Literal
    from rdflib.plugins.sparql import prepareQuery

    params = dict(params or {})
    _check_query(text, params)
    union = Dataset(store=ds.store, default_union=True)
    prepared = prepareQuery(text)
    result = union.query(prepared, initBindings={k: Literal(v) for k, v in params.items()})
    columns = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(None if row[c] is None else row[c].toPython() for c in columns) for row in result)  # type: ignore[index,call-overload,union-attr]
    return Result(columns, tuple(tuple(str(v) if hasattr(v, "n3") else v for v in r) for r in rows))
