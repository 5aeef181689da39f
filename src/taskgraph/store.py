"""Where the knowledge graph lives: in memory, in an on-disk store, or behind a SPARQL endpoint.

Every backend answers the same question the same way — :meth:`Backend.select` runs a SELECT
(or ASK) query over the union of the named graphs and streams its rows as plain Python values —
so the query library, the analysis and the report never know which one they talk to.
:class:`LocalStore` wraps Oxigraph (pyoxigraph), in memory or in a folder on disk; the remote
backend for SPARQL 1.1 endpoints is :class:`taskgraph.endpoint.RemoteStore`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from taskgraph.errors import InputError, QueryError
from taskgraph.sparql import Rows

__all__ = ["DEFAULT_TIMEOUT", "Backend", "LocalStore", "Rows", "converter", "python_value"]

# How long a query may run before it is stopped, in seconds (``--timeout``; 0 means no limit).
DEFAULT_TIMEOUT = float(os.environ.get("TASKGRAPH_QUERY_TIMEOUT", "120"))


class Backend(Protocol):
    """What the query library needs of a store."""

    def select(
        self, query: str, bindings: Mapping[str, str] | None = None, timeout: float | None = None
    ) -> Rows: ...

    def graphs(self) -> list[str]: ...


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (str, int, float, bool or None).

    Called once per value of every row a query streams, so it compares the datatype IRI with
    constant sets (folded by the compiler) and looks nothing up by name.
    """
    if term is None:
        return None
    import pyoxigraph as ox

    if not isinstance(term, ox.Literal):
        return term.value if not isinstance(term, ox.Triple) else str(term)
    datatype = term.datatype.value
    if datatype in {
        "http://www.w3.org/2001/XMLSchema#string",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
    }:
        return term.value
    if datatype in {
        "http://www.w3.org/2001/XMLSchema#integer",
        "http://www.w3.org/2001/XMLSchema#int",
        "http://www.w3.org/2001/XMLSchema#long",
        "http://www.w3.org/2001/XMLSchema#short",
        "http://www.w3.org/2001/XMLSchema#nonNegativeInteger",
        "http://www.w3.org/2001/XMLSchema#positiveInteger",
    }:
        try:
            return int(term.value)
        except ValueError:
            return term.value
    if datatype in {
        "http://www.w3.org/2001/XMLSchema#decimal",
        "http://www.w3.org/2001/XMLSchema#double",
        "http://www.w3.org/2001/XMLSchema#float",
    }:
        try:
            return float(term.value)
        except ValueError:
            return term.value
    if datatype == "http://www.w3.org/2001/XMLSchema#boolean":
        return term.value in ("true", "1")
    return term.value


# Distinct terms whose Python values one query keeps at most (then it starts afresh).
_CONVERTED = 1 << 16


def converter() -> Callable[[Any], Any]:
    """:func:`python_value` for the terms of one query, remembering the values of terms it met.

    A result repeats its terms (a plan's IRI on each of its rows, a unit's name on each of its
    tasks), and looking a term up costs a quarter of converting it. At most ``_CONVERTED``
    terms are kept, so memory stays bounded however many rows stream.
    """
    seen: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        if term is None:
            return None
        try:
            return seen[term]
        except KeyError:
            pass
        except TypeError:  # a term that cannot be hashed: converted every time
            return python_value(term)
        value = python_value(term)
        if len(seen) >= _CONVERTED:
            seen.clear()
        seen[term] = value
        return value

    return convert


class LocalStore:
    """An Oxigraph store, in memory (``path`` None) or in a folder on disk.

    A plan is one named graph (its IRI); :meth:`replace_graph` adds or replaces it, so that a
    store is built up plan by plan and a plan read again replaces itself.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.path = None if path is None else Path(path)
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise InputError(
                        "no taskgraph store here (build one with `taskgraph build … --store DIR`)", str(path)
                    )
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.store = ox.Store(str(self.path))
        except OSError as exc:
            raise InputError(f"cannot open the store: {str(exc).splitlines()[0]}", str(path)) from None

    def select(
        self, query: str, bindings: Mapping[str, str] | None = None, timeout: float | None = None
    ) -> Rows:
        """Run a SELECT or ASK query over the union of the graphs; see :func:`taskgraph.sparql.check_query`.

        ``bindings`` are written into the query as escaped ``VALUES`` (:func:`taskgraph.sparql.bind`),
        as for an endpoint, rather than passed as Oxigraph substitutions: the same rows, but the
        values are there when Oxigraph plans the query, so it starts from them (``unit-tasks``
        at 1,000 plans: 0.3 s against 500 s).
        """
        from taskgraph.sparql import bind, check_bindings, check_query, query_shape, stream

        check_query(query)
        text = query
        if bindings:
            check_bindings(query, bindings, query_shape(query))
            text = bind(query, bindings)

        def run() -> Any:
            try:
                return self.store.query(text, use_default_graph_as_union=True)
            except SyntaxError as exc:
                raise QueryError(f"SPARQL syntax error: {str(exc).strip().splitlines()[0]}") from None
            except (OSError, ValueError, RuntimeError) as exc:
                raise QueryError(f"the query failed: {str(exc).strip().splitlines()[0]}") from None

        return stream(run, converter(), DEFAULT_TIMEOUT if timeout is None else timeout)

    def graphs(self) -> list[str]:
        """The named graphs' IRIs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if hasattr(g, "value"))

    def load(self, data: bytes, fmt: Any, graph: str | None = None, base: str | None = None) -> None:
        """Bulk-load RDF (bytes in ``fmt``, a pyoxigraph ``RdfFormat``) into ``graph`` or the graphs it names."""
        import pyoxigraph as ox

        to_graph = ox.NamedNode(graph) if graph else None
        self.store.bulk_load(data, fmt, base_iri=base, to_graph=to_graph)

    def extend(self, quads: Iterable[Any]) -> None:
        """Add pyoxigraph quads."""
        self.store.bulk_extend(quads)

    def replace_graph(self, graph: str, quads: Iterable[Any]) -> None:
        """Replace named graph ``graph`` with ``quads`` (added when it did not exist)."""
        import pyoxigraph as ox

        node = ox.NamedNode(graph)
        if self._has_graph(node):
            self.store.remove_graph(node)
        self.store.bulk_extend(quads)

    def _has_graph(self, node: Any) -> bool:
        try:
            return bool(self.store.contains_named_graph(node))
        except (AttributeError, OSError):
            return False

    def quads(self, graph: str | None = None) -> Iterator[Any]:
        """The store's quads (of one named graph, or all)."""
        import pyoxigraph as ox

        return iter(self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None))

    def default_quads(self) -> Iterator[Any]:
        """The quads of the default graph (what the plans share)."""
        import pyoxigraph as ox

        return iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def __len__(self) -> int:
        return len(self.store)

    def flush(self) -> None:
        """Write everything to disk and compact it (an on-disk store).

        A store built plan by plan holds a set of files per plan; compacting merges them, so
        that reading a term back (each value a query returns, sorts or compares) is one look-up
        rather than one per file: ``assignments`` at 1,000 plans reads in 15 s instead of 24 s.
        It takes a few seconds (5 s at 1,000 plans).
        """
        if self.path is not None:
            self.store.flush()
            self.store.optimize()
