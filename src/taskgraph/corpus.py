"""A set of plans — the one object the command line, the report and the notebook call.

:class:`Corpus` holds the plans it read (or the store or endpoint it reads from), their
warnings, and computes each view and table once, on first use::

    corpus = Corpus.read(["plans/"], manifest="manifest.csv", aliases="aliases.csv")
    corpus.units()                 # one row per plan and unit
    corpus.units(by="year")        # summed over plans, one row per year and unit
    corpus.query("lead-load")      # a library query, every row naming its plan
    corpus.write_rdf("all.trig")   # one named graph per plan

Plans come from any file a reader understands (text, web pages, Word, PDF, spreadsheets),
folders of them, RDF files, an on-disk store (``store=``) or a SPARQL endpoint
(``endpoint=``). The same document given twice is loaded once, with a warning.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from taskgraph.assignments import Assignments, from_plans, from_store
from taskgraph.errors import InputError, UsageError
from taskgraph.iris import DEFAULT_BASE, Minter
from taskgraph.model import Plan, Warning
from taskgraph.registry import Level

# Keys a table can be summed by (``by=``): the plan columns, and the function of a unit.
AGGREGATES = ("plan", "jurisdiction", "level", "year", "function", "corpus")


@dataclass(frozen=True)
class Renaming:
    """A unit renamed or merged into another in an institutional reform (a row of the alias file).

    With no ``since`` it says two written forms are one unit (``县发改局`` → ``县发展改革局``).
    """

    jurisdiction: str
    old: str
    new: str
    since: int | None = None


@dataclass(frozen=True)
class Overrides:
    """What a manifest row says of a plan file: jurisdiction, level, year."""

    jurisdiction: str | None = None
    level: Level | None = None
    year: int | None = None


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Overrides]:
    """A manifest CSV (``path,jurisdiction,level,year``): overrides by resolved file path."""
    name = os.fspath(path)
    folder = Path(name).resolve().parent
    out: dict[str, Overrides] = {}
    for line, row in _csv_rows(name, ("path",)):
        level = (row.get("level") or "").strip() or None
        if level is not None and level not in {lv.value for lv in Level}:
            raise InputError(
                f"unknown level {level!r} (one of {', '.join(lv.value for lv in Level)})", name, line
            )
        year = (row.get("year") or "").strip()
        if year and not (year.isdigit() and len(year) == 4):
            raise InputError(f"year must be four digits, not {year!r}", name, line)
        target = str((folder / row["path"].strip()).resolve())
        out[target] = Overrides(
            (row.get("jurisdiction") or "").strip() or None,
            Level(level) if level else None,
            int(year) if year else None,
        )
    return out


def read_aliases(path: str | os.PathLike[str]) -> tuple[Renaming, ...]:
    """An alias file (``jurisdiction,from,to,since``): renamings, mergers and written forms."""
    name = os.fspath(path)
    out = []
    for line, row in _csv_rows(name, ("jurisdiction", "from", "to")):
        since = (row.get("since") or "").strip()
        if since and not (since.isdigit() and len(since) == 4):
            raise InputError(f"since must be a year of four digits, not {since!r}", name, line)
        old, new = row["from"].strip(), row["to"].strip()
        if not old or not new or not row["jurisdiction"].strip():
            raise InputError("jurisdiction, from and to must not be empty", name, line)
        out.append(Renaming(row["jurisdiction"].strip(), old, new, int(since) if since else None))
    return tuple(out)


def _csv_rows(name: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with open(name, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"the header must name the columns {', '.join(required)} (missing {missing[0]})", name, 1
                )
            for k, row in enumerate(reader, start=2):
                yield k, {key: value or "" for key, value in row.items() if key}
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"not a UTF-8 CSV file: {exc}", name) from None


class Corpus:
    """A set of plans and everything computed from them, each table once.

    Build one with :meth:`read` (from paths), :meth:`open` (an on-disk store), or
    ``Corpus(plans)`` from plans already parsed.
    """

    def __init__(
        self,
        plans: Iterable[Plan] = (),
        *,
        backend: Any = None,
        base: str = DEFAULT_BASE,
        renamings: Sequence[Renaming] = (),
        warnings: Sequence[tuple[str, Warning]] = (),
    ) -> None:
        if isinstance(plans, (Plan, str, os.PathLike)):
            plans = [plans]  # type: ignore[list-item]
        if not isinstance(plans, Iterable):
            raise UsageError(f"a Corpus holds a list of parsed plans, not {type(plans).__name__}")
        plans = list(plans)
        for p in plans:
            if not isinstance(p, Plan):
                raise UsageError(
                    f"a Corpus holds parsed plans; use Corpus.read() for paths, not {type(p).__name__}"
                )
        self.plans: tuple[Plan, ...] = tuple(plans)
        self.renamings = tuple(renamings)
        self.minter = Minter(base, _same_units(self.renamings))
        self.warnings: list[tuple[str, Warning]] = list(warnings) + [
            (p.source, w) for p in self.plans for w in p.warnings
        ]
        self._backend = backend
        self._from_store = backend is not None
        self._cache: dict[Any, Any] = {}
        self.view_warnings: list[Warning] = []  # from building views (a task naming thousands of parties)

    # ------------------------------------------------------------- building

    @classmethod
    def read(
        cls,
        sources: Iterable[str | os.PathLike[str]],
        *,
        manifest: str | os.PathLike[str] | None = None,
        aliases: str | os.PathLike[str] | None = None,
        base: str = DEFAULT_BASE,
        progress: Callable[[int, int, str], None] | None = None,
        on_plan: Callable[[Plan], None] | None = None,
        jobs: int | None = None,
    ) -> Corpus:
        """Read plans and RDF files (folders expanded), each plan once.

        ``progress(done, total, path)`` is called before each file; ``on_plan(plan)`` after each
        plan is parsed (the command line prints its warnings there, as they come), in the order
        of the files. ``jobs``: how many processes may parse plan files at once (see
        :mod:`taskgraph.workers`; by default every CPU, from 16 plan files on).
        """
        from taskgraph.parse import read_plan
        from taskgraph.rdf import rdf_format, read_rdf
        from taskgraph.workers import ordered_map

        if isinstance(sources, (str, os.PathLike)):
            sources = [sources]
        if sources is None or not isinstance(sources, Iterable):
            raise UsageError(
                f"Corpus.read takes paths (a list of files or folders), not {type(sources).__name__}"
            )
        if bad := [s for s in sources if not isinstance(s, (str, os.PathLike))]:
            raise UsageError(f"Corpus.read takes paths, not {type(bad[0]).__name__}")
        overrides = read_manifest(manifest) if manifest else {}
        paths = [os.fspath(s) for s in sources]
        if not paths and overrides:
            paths = sorted(overrides)
        files = _expand(paths)
        renamings = read_aliases(aliases) if aliases else ()
        plans: list[Plan] = []
        warnings: list[tuple[str, Warning]] = []
        seen: dict[str, str] = {}
        store = None
        parsed = ordered_map(read_plan, [f for f in files if not rdf_format(f)], jobs)
        try:
            for k, path in enumerate(files):
                if progress:
                    progress(k, len(files), path)
                if rdf_format(path):
                    from taskgraph.store import LocalStore

                    store = store or LocalStore()
                    read_rdf(path, store)
                    continue
                plan = next(parsed)
                plan = _override(plan, overrides.get(str(Path(path).resolve())))
                if plan.digest in seen:
                    warnings.append(
                        (
                            path,
                            Warning(
                                "duplicate-document", f"the same document as {seen[plan.digest]}; loaded once"
                            ),
                        )
                    )
                    continue
                seen[plan.digest] = path
                if on_plan:
                    on_plan(plan)
                plans.append(plan)
        finally:
            parsed.close()  # the workers stop, however the reading ends
        if progress:
            progress(len(files), len(files), "")
        corpus = cls(plans, base=base, renamings=renamings, warnings=warnings)
        if store is not None:
            corpus._load_into(store)
            corpus._backend, corpus._from_store = store, True
        return corpus

    @classmethod
    def open(cls, store: str | os.PathLike[str], base: str = DEFAULT_BASE) -> Corpus:
        """A corpus read from an on-disk store built by ``taskgraph build --store``."""
        from taskgraph.store import LocalStore

        return cls(backend=LocalStore(store, read_only=True), base=base)

    @classmethod
    def connect(cls, endpoint: str, headers: Sequence[str] = (), base: str = DEFAULT_BASE) -> Corpus:
        """A corpus read from a SPARQL 1.1 endpoint."""
        from taskgraph.endpoint import RemoteStore

        return cls(backend=RemoteStore(endpoint, headers=headers), base=base)

    def _load_into(self, store: Any) -> None:
        from taskgraph.collector import collector_paused

        with collector_paused():  # millions of terms made and dropped: no collection walks the plans
            for plan in self.plans:
                store.replace_graph(self.minter.plan(plan), self.plan_quads(plan))
            store.extend(self.shared_quads())

    # ------------------------------------------------------------- RDF

    def plan_quads(self, plan: Plan) -> list[Any]:
        """The quads of one plan, in its named graph."""
        from taskgraph.rdf import plan_quads

        return plan_quads(plan, self.minter)

    def shared_quads(self) -> list[Any]:
        """What every plan shares, in the default graph: roles, functions of units, renamings."""
        from taskgraph.rdf import function_quads, renaming_quads, vocabulary_quads
        from taskgraph.units import function_of

        functions = {
            f.id
            for plan in self.plans
            for t in plan.tasks
            for a in t.assignments
            if a.party.kind.value != "person" and (f := function_of(a.party.name)) is not None
        }
        return [*vocabulary_quads(), *function_quads(functions), *renaming_quads(self.renamings, self.minter)]

    def quads(self) -> Iterator[Any]:
        """Every quad: each plan's named graph, then the shared vocabulary."""
        if self._from_store:
            yield from self.backend.quads()
            return
        for plan in self.plans:
            yield from self.plan_quads(plan)
        yield from self.shared_quads()

    def statements(self) -> Iterator[tuple[Any, list[Any]]]:
        """Every statement, a group per graph: ``(graph, [subject, predicate, object, subject, …])``
        for each plan's named graph, then for the default graph (what the plans share)."""
        if self._from_store:
            from itertools import groupby

            for graph, quads in groupby(self.quads(), key=lambda q: q.graph_name):
                yield graph, [term for q in quads for term in (q.subject, q.predicate, q.object)]
            return
        from taskgraph.rdf import plan_statements

        for plan in self.plans:
            yield plan_statements(plan, self.minter)
        shared = self.shared_quads()
        if shared:
            yield shared[0].graph_name, [term for q in shared for term in (q.subject, q.predicate, q.object)]

    def write_rdf(self, path: str | os.PathLike[str], fmt: str | None = None) -> tuple[str, int]:
        """Write the graph to a file (format from the extension unless given); return format and count."""
        from taskgraph.rdf import write_quads, write_statements

        if self._from_store:
            return write_quads(self.quads(), path, fmt)
        return write_statements(self.statements(), path, fmt)

    def write_store(self, folder: str | os.PathLike[str]) -> int:
        """Add or replace each plan's named graph in an on-disk store; return the quads in it."""
        from taskgraph.store import LocalStore

        store = LocalStore(folder)
        self._load_into(store)
        store.flush()
        return len(store)

    def graph_payloads(self) -> Iterator[tuple[str | None, bytes]]:
        """Each plan's named graph as N-Triples bytes, then what the plans share for the default
        graph (IRI None), for the Graph Store Protocol (``push``)."""
        import pyoxigraph as ox

        def ntriples(quads: Iterable[Any]) -> bytes:
            return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""

        if self._from_store:
            if not hasattr(self.backend, "default_quads"):
                raise UsageError("push reads plans, RDF files or a --store, not another endpoint")
            for graph in self.backend.graphs():
                yield graph, ntriples(self.backend.quads(graph))
            yield None, ntriples(self.backend.default_quads())
            return
        for plan in self.plans:
            yield self.minter.plan(plan), ntriples(self.plan_quads(plan))
        yield None, ntriples(self.shared_quads())

    @property
    def backend(self) -> Any:
        """Where queries run: the store or endpoint read from, or an in-memory store of the plans."""
        if self._backend is None:
            from taskgraph.store import LocalStore

            store = LocalStore()
            self._load_into(store)
            self._backend = store
        return self._backend

    def validate(self) -> Any:
        """SHACL validation of each plan's graph (see :mod:`taskgraph.shacl`)."""
        from taskgraph.shacl import validate_quads

        return validate_quads(self.quads())

    # ------------------------------------------------------------- records and views

    @property
    def assignments(self) -> Assignments:
        """The records every view and table is built from."""
        if "assignments" not in self._cache:
            if self._from_store:
                from taskgraph.store import LocalStore

                # The library's own queries, linear in the store, run without the time limit that
                # guards a user's query: 10,000 plans take minutes. A server keeps its limit (a
                # stalled server must not hang the command).
                local = isinstance(self.backend, LocalStore)
                self._cache["assignments"] = from_store(self.backend, timeout=0 if local else None)
            else:
                self._cache["assignments"] = from_plans(list(self.plans), self.minter)
        return self._cache["assignments"]

    def plan_id(self, iri: str) -> str:
        """A plan's short id in tables: its IRI without the base, ``plan/莘县/2024-dc25e72dcedf``
        (unique where titles are not: two counties' plans often share one)."""
        base = self.minter.base
        return iri[len(base) :] if iri.startswith(base) else iri

    @property
    def plan_count(self) -> int:
        return len(self.assignments.plans)

    def view(self, name: str = "units", collectives: str = "exclude", groups: str = "expand") -> Any:
        """A NetworkX view (see :mod:`taskgraph.network`) over every plan."""
        key = ("view", name, collectives, groups)
        if key not in self._cache:
            from taskgraph.network import build_view

            G = build_view(self.assignments, name, collectives, groups)
            self._note_too_many(G.graph.get("too_many_parties", ()), name)
            self._cache[key] = G
        return self._cache[key]

    def _note_too_many(self, tasks: Any, view: str) -> None:
        """Warn, once per task, that a task naming thousands of parties was left out of a view."""
        for task, n in tasks:
            message = (
                f"task {self.plan_id(task)} names {n} parties: left out of the {view} view "
                f"(more than {_max_parties()} would tie every pair of them)"
            )
            if all(w.message != message for w in self.view_warnings):
                self.view_warnings.append(Warning("too-many-parties", message))

    def by_plan(self) -> dict[str, Assignments]:
        """The records split by plan, in the order of the plans."""
        if "by_plan" not in self._cache:
            a = self.assignments
            tasks: dict[str, list[Any]] = {iri: [] for iri in a.plans}
            for t in a.tasks:  # one pass: linear in the corpus
                tasks.setdefault(t.plan, []).append(t)
            out: dict[str, Assignments] = {}
            for iri, mine in tasks.items():
                groups = {
                    p.iri: a.groups[p.iri]
                    for t in mine
                    for ps in t.parties.values()
                    for p in ps
                    if p.kind == "group" and p.iri in a.groups
                }
                out[iri] = Assignments(mine, groups, {iri: a.plans[iri]} if iri in a.plans else {})
            self._cache["by_plan"] = out
        return self._cache["by_plan"]

    def _table(self, name: str, compute: Callable[[Assignments], Any], by: str | Sequence[str] | None) -> Any:
        """A table computed per plan (with plan columns when there are several) or summed ``by``."""
        import pandas as pd

        keys = _by(by)
        if keys == ["corpus"]:
            key = (name, "corpus")
            if key not in self._cache:
                self._cache[key] = compute(self.assignments)
            return self._cache[key]
        key = (name, "plan")
        if key not in self._cache:
            parts = []
            for iri, a in self.by_plan().items():
                frame = compute(a)
                info = a.plans[iri]
                frame.insert(0, "year", info.year)
                frame.insert(0, "level", info.level)
                frame.insert(0, "jurisdiction", info.jurisdiction)
                frame.insert(0, "plan", self.plan_id(iri))
                parts.append(frame)
            # A plan with no row (only collectives, say) adds nothing, and must not turn every
            # column into objects: concatenated with an empty frame, numbers stop being numbers.
            rows = [p for p in parts if len(p)]
            table = (
                pd.concat(rows, ignore_index=True)
                if rows
                else (parts[0] if parts else compute(self.assignments))
            )
            if self.plan_count <= 1:
                table = table.drop(
                    columns=[c for c in ("plan", "jurisdiction", "level", "year") if c in table.columns]
                )
            self._cache[key] = table
        table = self._cache[key]
        if keys is None or keys == ["plan"]:
            return table
        return aggregate(table, keys)

    def units(self, by: str | Sequence[str] | None = None, collectives: str = "exclude", groups: str = "expand",
              brokerage_by: str = "section", brokerage_on: str = "dependencies", english: bool = True) -> Any:  # fmt: skip
        """One row per unit (per plan): role counts, coordination load, centralities, brokerage,
        the unit's function and (unless ``english=False``, which saves loading the romanisation
        dictionary) its English name."""
        from taskgraph.analysis import unit_table

        def compute(a: Assignments) -> Any:
            frame = unit_table(a, collectives, groups, brokerage_by, brokerage_on)
            self._note_too_many(frame.attrs.get("too_many_parties", ()), "units")
            return _with_function(frame, english)

        key = f"units:{collectives}:{groups}:{brokerage_by}:{brokerage_on}"
        if not english and (key + ":en", "plan") in self._cache:
            key += ":en"  # the table with English names answers too
        return self._table(key + (":en" if english else ""), compute, by)

    def leaders(self, by: str | Sequence[str] | None = None, collectives: str = "exclude") -> Any:
        """One row per leader (per plan): tasks, joint tasks, units overseen, portfolio, sections."""
        from taskgraph.analysis import leader_table

        return self._table(f"leaders:{collectives}", lambda a: leader_table(a, collectives), by)

    def tasks(self, by: str | Sequence[str] | None = None) -> Any:
        """One row per task: number, section, leaders, lead and responsible units."""
        from taskgraph.analysis import task_table

        return self._table("tasks", task_table, by)

    def joint(self, by: str | Sequence[str] | None = None) -> Any:
        """Jointly led tasks, each lead unit attributed to a leader by portfolio."""
        from taskgraph.analysis import joint_attribution_table

        return self._table("joint", joint_attribution_table, by)

    def network(
        self, by: str | Sequence[str] | None = None, collectives: str = "exclude", groups: str = "expand"
    ) -> Any:
        """Whole-network figures of each view (per plan)."""
        from taskgraph.analysis import network_summary

        return self._table(
            f"network:{collectives}:{groups}", lambda a: network_summary(a, collectives, groups), by
        )

    # ------------------------------------------------------------- queries

    def query(self, query: str, params: dict[str, Any] | None = None, timeout: float | None = None) -> Any:
        """Run a library query (by name) or SPARQL text; rows stream (see :class:`taskgraph.store.Rows`)."""
        from taskgraph.query import get_query, library, run_query

        if not isinstance(query, str):
            raise UsageError(f"a query is a name or SPARQL text, not {type(query).__name__}")
        if query in library():
            q = get_query(query)
            return run_query(self.backend, q.text, params, [p for p, _ in q.params], timeout)
        return run_query(self.backend, query, params, (), timeout)

    # ------------------------------------------------------------- comparing

    def compare(self, other: Corpus) -> Any:
        """What changed from this corpus (the older plans) to ``other``: see :mod:`taskgraph.comparison`."""
        from taskgraph.comparison import compare

        return compare(self, other)


def _max_parties() -> int:
    from taskgraph.network import MAX_PARTIES

    return MAX_PARTIES


def as_assignments(source: Any) -> Assignments:
    """Records from a Corpus, a Plan or list of plans, or records themselves."""
    if isinstance(source, Assignments):
        return source
    if isinstance(source, Corpus):
        return source.assignments
    if isinstance(source, Plan):
        return from_plans([source])
    if isinstance(source, (list, tuple)) and all(isinstance(p, Plan) for p in source):
        return from_plans(list(source))
    raise UsageError(f"expected a Corpus, plans or Assignments, not {type(source).__name__}")


def aggregate(table: Any, keys: list[str]) -> Any:
    """Sum a per-plan table by ``keys`` (plan columns, ``function`` of a unit, and the row's name).

    Counts and loads are summed; centralities and shares averaged; ``plans`` counts the plans
    summed into each row.
    """
    name = next((c for c in ("unit", "leader") if c in table.columns), None)
    missing = [k for k in keys if k not in table.columns]
    if missing:
        raise UsageError(
            f"cannot sum by {missing[0]!r}: the table has no such column (load more than one plan?)"
        )
    group = [*keys, name] if name and name not in keys and "function" not in keys else list(keys)
    if "view" in table.columns and "view" not in group:
        group.append("view")  # the network table: each view summed on its own
    numeric = [
        c for c in table.columns if c not in group and table[c].dtype.kind in "if" and c not in _NOT_SUMMED
    ]
    summed = [c for c in numeric if not _averaged(c)]
    averaged = [c for c in numeric if _averaged(c)]
    spec: dict[str, Any] = {**dict.fromkeys(summed, "sum"), **dict.fromkeys(averaged, "mean")}
    frame = table if "plan" in table.columns else table.assign(plan="")
    grouped = frame.groupby(group, dropna=False, sort=True)
    out = grouped.agg(spec) if spec else grouped.size().to_frame("rows").drop(columns="rows")
    out["plans"] = grouped["plan"].nunique()
    if name and name not in group:  # units (or leaders) summed into one row: how many
        out[name + "s"] = grouped["iri" if "iri" in frame.columns else name].nunique()
    out = out.reset_index()
    sort = next((c for c in ("coordination_load", "tasks", "tasks_led") if c in out.columns), None)
    if sort:
        order = [k for k in keys if k not in ("function", "corpus")][:1]
        out = out.sort_values([*order, sort], ascending=[True] * len(order) + [False], kind="stable")
    return out.reset_index(drop=True)


# Numbers that are labels, not amounts: never summed or averaged over plans.
_NOT_SUMMED = frozenset({"year", "community", "index", "number", "line", "position"})


def _averaged(column: str) -> bool:
    return column in (
        "betweenness", "closeness", "eigenvector", "pagerank", "constraint", "effective_size", "core",
        "overseer_confidence", "density", "degree_centralization", "modularity", "confidence",
    )  # fmt: skip


def _by(by: str | Sequence[str] | None) -> list[str] | None:
    if by is None:
        return None
    if not isinstance(by, (str, list, tuple)):
        raise UsageError(f"by is a key or a list of keys ({', '.join(AGGREGATES)}), not {type(by).__name__}")
    keys = [k.strip() for k in by.split(",")] if isinstance(by, str) else list(by)
    for k in keys:
        if k not in AGGREGATES:
            raise UsageError(f"cannot sum by {k!r} (one of {', '.join(AGGREGATES)})")
    return keys


def _with_function(frame: Any, english: bool = True) -> Any:
    """The unit table with each unit's function and English name (from :mod:`taskgraph.units`)."""
    from taskgraph.units import english_name, function_of

    position = list(frame.columns).index("kind") + 1
    functions = [function_of(u) for u in frame["unit"]]
    frame.insert(position, "function", [f.en if f else None for f in functions])
    if english:
        frame.insert(position + 1, "english", [english_name(u) for u in frame["unit"]])
    return frame


def _same_units(renamings: Sequence[Renaming]) -> dict[tuple[str, str], str]:
    from taskgraph.units import unit_key

    return {(r.jurisdiction, unit_key(r.old)): r.new for r in renamings if r.since is None}


def _override(plan: Plan, o: Overrides | None) -> Plan:
    if o is None:
        return plan
    return replace(
        plan,
        jurisdiction=o.jurisdiction or plan.jurisdiction,
        level=o.level or plan.level,
        year=o.year or plan.year,
    )


def _expand(paths: list[str]) -> list[str]:
    """Files the paths stand for: plan files and RDF files in folders, sorted; each file once."""
    from taskgraph.rdf import FORMATS
    from taskgraph.readers import plan_files

    rdf_ext = {e for _, exts in FORMATS.values() for e in exts} - {".json", ".xml"}
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = plan_files(path)
            for root, _, files in os.walk(path):
                found += [
                    os.path.join(root, f)
                    for f in files
                    if Path(f).suffix.lower() in rdf_ext and not f.startswith(".")
                ]
            if not found:
                raise InputError("no plan file in this folder (.txt .html .docx .pdf .xlsx, or RDF)", path)
            out.extend(sorted(set(found)))
        elif not os.path.exists(path):
            raise InputError("no such file or folder", path)
        else:
            out.append(path)
    return out


__all__ = [
    "AGGREGATES",
    "Corpus",
    "Overrides",
    "Renaming",
    "aggregate",
    "as_assignments",
    "read_aliases",
    "read_manifest",
]
