"""Plans to RDF and RDF to and from files, through Oxigraph: one named graph per plan.

:func:`plan_quads` turns a parsed :class:`~taskgraph.model.Plan` straight into pyoxigraph quads
(no text round trip); :func:`write_rdf` serialises them with Oxigraph's writers (Turtle, TriG,
N-Triples, N-Quads, RDF/XML, JSON-LD), in time linear in the number of triples;
:func:`read_rdf` loads RDF files into a store after :mod:`taskgraph.rdfinput` has checked them.
The vocabulary every plan shares (roles, functions of units) goes to the default graph once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from taskgraph.collector import collector_paused
from taskgraph.errors import InputError, UsageError
from taskgraph.iris import DEFAULT_BASE, Minter, agent_segment
from taskgraph.model import Plan, Role
from taskgraph.registry import ROLE_TERMS

TG = "https://w3id.org/taskgraph/ontology#"
FUNCTION = "https://w3id.org/taskgraph/function/"
PREFIXES = {
    "tg": TG,
    "tgf": FUNCTION,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _n(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


A = _n("rdf", "type")
LABEL = _n("rdfs", "label")
PREF = _n("skos", "prefLabel")
ALT = _n("skos", "altLabel")
HIDDEN = _n("skos", "hiddenLabel")
TITLE = _n("dcterms", "title")
DESCRIPTION = _n("dcterms", "description")
IDENTIFIER = _n("dcterms", "identifier")
PART_OF = _n("dcterms", "isPartOf")
ISSUED = _n("dcterms", "issued")
SOURCE = _n("dcterms", "source")
PUBLISHER = _n("dcterms", "publisher")
XSD_DATE = _n("xsd", "date")
XSD_INTEGER = _n("xsd", "integer")
QUALIFIED = _n("prov", "qualifiedAssociation")
ASSOCIATION = _n("prov", "Association")
AGENT = _n("prov", "agent")
HAD_ROLE = _n("prov", "hadRole")
ASSOCIATED = _n("prov", "wasAssociatedWith")
HAS_MEMBER = _n("org", "hasMember")
MEMBER_OF = _n("org", "memberOf")
FOAF_NAME = _n("foaf", "name")
REVISION_OF = _n("prov", "wasRevisionOf")


@cache
def tg(local: str) -> ox.NamedNode:
    """The ontology's term ``local``, made once."""
    return ox.NamedNode(TG + local)


ROLE_NODES = {
    role: (tg(term.name), tg(role.value.split("_")[0] + role.value.split("_")[1].title()))
    for role, term in ROLE_TERMS.items()
}
_PLAN_TYPES = (tg("Plan"), _n("prov", "Entity"), _n("dcterms", "BibliographicResource"))
_SECTION_TYPES = (tg("Section"), _n("prov", "Entity"))
_TASK_TYPES = (tg("Task"), _n("prov", "Activity"))
_AGENT_TYPES = {
    "person": (tg("Leader"), _n("foaf", "Person"), _n("prov", "Person"), _n("prov", "Agent")),
    "leaders": (tg("CollectiveLeader"), _n("foaf", "Group"), _n("prov", "Agent")),
    "unit": (tg("Unit"), _n("org", "Organization"), _n("prov", "Organization"), _n("prov", "Agent")),
    "units": (
        tg("CollectiveUnit"),
        _n("org", "Organization"),
        _n("prov", "Organization"),
        _n("prov", "Agent"),
    ),
    "group": (tg("UnitGroup"), _n("org", "Organization"), _n("prov", "Organization"), _n("prov", "Agent")),
}
_ORG_TYPES = (_n("org", "Organization"), _n("prov", "Agent"))

# Output formats: name -> (Oxigraph format, file extensions)
FORMATS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "ttl": (ox.RdfFormat.TURTLE, (".ttl",)),
    "nt": (ox.RdfFormat.N_TRIPLES, (".nt",)),
    "jsonld": (ox.RdfFormat.JSON_LD, (".jsonld", ".json")),
    "xml": (ox.RdfFormat.RDF_XML, (".rdf", ".xml", ".owl")),
    "trig": (ox.RdfFormat.TRIG, (".trig",)),
    "nq": (ox.RdfFormat.N_QUADS, (".nq",)),
}


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def vocabulary_quads() -> Iterator[ox.Quad]:
    """The role concept scheme, in the default graph (shared by every plan)."""
    from taskgraph.registry import Role

    g = ox.DefaultGraph()
    scheme = tg("Roles")
    yield ox.Quad(scheme, A, _n("skos", "ConceptScheme"), g)
    yield ox.Quad(scheme, PREF, _zh("分工角色"), g)
    for role in Role:
        concept = ROLE_NODES[role][0]
        for t in (tg("Role"), _n("prov", "Role"), _n("skos", "Concept")):
            yield ox.Quad(concept, A, t, g)
        yield ox.Quad(concept, _n("skos", "inScheme"), scheme, g)
        yield ox.Quad(concept, PREF, _zh(role.term.zh), g)
        yield ox.Quad(concept, PREF, ox.Literal(role.term.en, language="en"), g)


def plan_quads(plan: Plan, minter: Minter | None = None) -> list[ox.Quad]:
    """The quads of one plan, in its own named graph (the plan's IRI).

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> quads = plan_quads(parse_plan("一、目标\\n1.甲。（牵头单位：县财政局）"))
    >>> len({q.graph_name for q in quads}), any(q.predicate == tg("leadUnit") for q in quads)
    (1, True)
    """
    return _quads(*plan_statements(plan, minter))


def plan_statements(plan: Plan, minter: Minter | None = None) -> tuple[ox.NamedNode, list[Any]]:
    """One plan's named graph (its IRI) and its statements, as one flat list of terms: subject,
    predicate, object, subject, …

    What :func:`plan_quads` makes quads of and :func:`write_statements` writes as N-Quads or
    N-Triples lines. A flat list holds no object per statement: neither a pyoxigraph ``Quad``
    (a microsecond each to make) nor a tuple (which the cyclic collector would count, and walk
    every parsed plan in memory for; issue 12).
    """
    from taskgraph.units import english_name, function_of

    mint = minter or Minter()
    p = ox.NamedNode(mint.plan(plan))
    scope = mint.scope(plan)
    out: list[Any] = []
    add = out.extend

    def t(s: Any, pred: Any, o: Any) -> None:
        add((s, pred, o))

    for typ in _PLAN_TYPES:
        t(p, A, typ)
    if plan.title:
        t(p, TITLE, _zh(plan.title))
        t(p, LABEL, _zh(plan.title))
    t(p, SOURCE, ox.Literal(os.path.basename(plan.source)))
    if plan.date:
        t(p, ISSUED, ox.Literal(plan.date, datatype=XSD_DATE))
    if plan.printed:
        t(p, tg("printed"), ox.Literal(plan.printed, datatype=XSD_DATE))
    if plan.jurisdiction:
        t(p, tg("jurisdiction"), _zh(plan.jurisdiction))
    if plan.level:
        t(p, tg("level"), ox.Literal(plan.level.value))
    if plan.year:
        t(p, tg("year"), _int(plan.year))
    if plan.document_number:
        t(p, IDENTIFIER, ox.Literal(plan.document_number))
    t(p, tg("digest"), ox.Literal(plan.digest))
    if plan.publication:
        t(p, tg("publicationNote"), _zh(plan.publication))
    for body in plan.cc:
        t(p, tg("copiedTo"), _zh(body))
    for pred, name in ((PUBLISHER, plan.issuer), (tg("issuedByOffice"), plan.issued_by_office)):
        if name:
            org = ox.NamedNode(mint.organisation(name, scope))
            t(p, pred, org)
            for typ in _ORG_TYPES:
                t(org, A, typ)
            t(org, PREF, _zh(name))
            t(org, LABEL, _zh(name))

    sections: dict[str | None, ox.NamedNode] = {}
    subsections: dict[tuple[str | None, str], ox.NamedNode] = {}
    for k, section in enumerate(plan.sections, start=1):
        s = ox.NamedNode(f"{p.value}/section/{k}")
        sections[section.title] = s
        _section(t, s, section.title, section.number or k, p, p)
        for j, title in enumerate(section.subsections, start=1):
            sub = ox.NamedNode(f"{s.value}/{j}")
            subsections[(section.title, title)] = sub
            _section(t, sub, title, j, s, p)

    agents: dict[str, ox.NamedNode] = {}

    def agent(kind: str, name: str) -> ox.NamedNode:
        iri = mint.agent(kind, name, scope)
        node = agents.get(iri)
        if node is None:
            node = agents[iri] = ox.NamedNode(iri)
            for typ in _AGENT_TYPES[kind]:
                t(node, A, typ)
            t(node, PREF, _zh(name))
            t(node, LABEL, _zh(name))
            if kind == "person":
                t(node, FOAF_NAME, _zh(name))
            else:
                english = english_name(name)
                if english:
                    t(node, LABEL, ox.Literal(english, language="en"))
                function = function_of(name)
                if function is not None:
                    t(node, tg("function"), ox.NamedNode(FUNCTION + function.id))
            if plan.jurisdiction:
                t(node, tg("jurisdiction"), _zh(plan.jurisdiction))
        return node

    for task in plan.tasks:
        task_node = ox.NamedNode(f"{p.value}/task/{task.index}")
        for typ in _TASK_TYPES:
            t(task_node, A, typ)
        t(task_node, tg("index"), _int(task.index))
        if task.value is not None:
            t(task_node, tg("number"), _int(task.value))
        t(task_node, IDENTIFIER, ox.Literal(task.number or str(task.index)))
        t(task_node, LABEL, _zh(f"任务{task.number or task.index}"))
        if task.text:
            t(task_node, DESCRIPTION, _zh(task.text))
        if task.deadline:
            t(task_node, tg("deadline"), _zh(task.deadline))
        t(task_node, tg("sourceLine"), _int(task.line))
        t(task_node, tg("inPlan"), p)
        t(task_node, PART_OF, p)
        if task.section in sections:
            t(task_node, tg("inSection"), sections[task.section])
            t(task_node, PART_OF, sections[task.section])
        if task.subsection and (task.section, task.subsection) in subsections:
            sub = subsections[(task.section, task.subsection)]
            t(task_node, tg("inSubsection"), sub)
            t(task_node, PART_OF, sub)
        positions: dict[Role, int] = {}
        for a in task.assignments:
            n = positions[a.role] = positions.get(a.role, 0) + 1
            concept, shortcut = ROLE_NODES[a.role]
            who = agent(agent_segment(a.party, a.role), a.party.name)
            assoc = ox.NamedNode(f"{task_node.value}/{a.role.value}/{n}")
            t(task_node, QUALIFIED, assoc)
            t(assoc, A, ASSOCIATION)
            t(assoc, AGENT, who)
            t(assoc, HAD_ROLE, concept)
            t(assoc, tg("asWritten"), _zh(a.party.as_written))
            t(assoc, tg("position"), _int(n))
            t(task_node, shortcut, who)
            t(task_node, ASSOCIATED, who)

    for alias, canonical in plan.aliases:
        t(agent("unit", canonical), ALT, _zh(alias))
    for written, corrected in plan.typos:
        t(agent("unit", corrected), HIDDEN, _zh(written))
    for group in plan.groups:
        gi = agent("group", group.name)
        for member in group.members:
            mi = agent("unit", member)
            t(gi, HAS_MEMBER, mi)
            t(mi, MEMBER_OF, gi)
    return p, out


def _section(
    t: Any, s: ox.NamedNode, title: str, number: int, parent: ox.NamedNode, plan: ox.NamedNode
) -> None:
    for typ in _SECTION_TYPES:
        t(s, A, typ)
    t(s, TITLE, _zh(title))
    t(s, LABEL, _zh(title))
    t(s, tg("number"), _int(number))
    t(s, PART_OF, parent)
    t(s, tg("inPlan"), plan)


def function_quads(ids: Iterable[str]) -> Iterator[ox.Quad]:
    """The SKOS concepts of the functions named, from the shipped vocabulary, in the default graph."""
    from taskgraph.units.functions import concepts

    g = ox.DefaultGraph()
    scheme = ox.NamedNode(FUNCTION.rstrip("/"))
    yield ox.Quad(scheme, A, _n("skos", "ConceptScheme"), g)
    known = concepts()
    for fid in sorted(set(ids) & set(known)):
        c = known[fid].function
        node = ox.NamedNode(FUNCTION + fid)
        yield ox.Quad(node, A, _n("skos", "Concept"), g)
        yield ox.Quad(node, _n("skos", "inScheme"), scheme, g)
        yield ox.Quad(node, PREF, _zh(c.zh), g)
        yield ox.Quad(node, PREF, ox.Literal(c.en, language="en"), g)


def renaming_quads(renamings: Iterable[Any], minter: Minter) -> Iterator[ox.Quad]:
    """Renamings and mergers from the alias file, kept as history: the new unit
    ``prov:wasRevisionOf`` the old one, ``tg:since`` the year of the reform (default graph)."""
    g = ox.DefaultGraph()
    for r in renamings:
        if r.since is None:
            continue  # the same unit written another way: one IRI, nothing to record
        new = ox.NamedNode(minter.agent("unit", r.new, r.jurisdiction))
        old = ox.NamedNode(minter.agent("unit", r.old, r.jurisdiction))
        event = ox.NamedNode(f"{new.value}/revision/{r.since}")
        yield ox.Quad(new, REVISION_OF, old, g)
        yield ox.Quad(event, A, tg("Renaming"), g)
        yield ox.Quad(event, tg("from"), old, g)
        yield ox.Quad(event, tg("to"), new, g)
        yield ox.Quad(event, tg("since"), _int(r.since), g)
        yield ox.Quad(old, PREF, _zh(r.old), g)
        yield ox.Quad(new, PREF, _zh(r.new), g)


# ------------------------------------------------------------------ the Python API


def _corpus(source: Any, base: str = DEFAULT_BASE) -> Any:
    from taskgraph.corpus import Corpus
    from taskgraph.errors import UsageError

    if isinstance(source, Corpus):
        return source
    if isinstance(source, Plan):
        return Corpus([source], base=base)
    if isinstance(source, (list, tuple)) and all(isinstance(p, Plan) for p in source):
        return Corpus(source, base=base)
    raise UsageError(f"expected a Corpus, a Plan or a list of plans, not {type(source).__name__}")


def to_rdf(source: Any, base: str = DEFAULT_BASE) -> Any:
    """An rdflib Dataset of plans (a Plan, plans or a Corpus), one named graph per plan.

    For Python users who continue in rdflib; taskgraph itself works on Oxigraph quads.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> ds = to_rdf(parse_plan("一、目标\\n1.甲。（牵头单位：县财政局）"))
    >>> len([g for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier])
    1
    """
    from rdflib import Dataset

    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    data = ox.serialize(list(_corpus(source, base).quads()), format=ox.RdfFormat.N_QUADS) or b""
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


def write_rdf(source: Any, path: str | os.PathLike[str], fmt: str | None = None) -> tuple[str, int]:
    """Write plans (a Plan, plans or a Corpus) as RDF; return the format and the statements written."""
    return _corpus(source).write_rdf(path, fmt)


# ------------------------------------------------------------------ files


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` when given, else from the extension."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown RDF format {fmt!r} (one of {', '.join(FORMATS)})")
        return fmt
    name = rdf_format(path)
    if name is None:
        raise UsageError(f"cannot tell the RDF format of {os.fspath(path)!r}: give --format")
    return name


def rdf_format(path: str | os.PathLike[str]) -> str | None:
    """The RDF format of a path by its extension, or None for anything else (a plan document)."""
    suffix = Path(path).suffix.lower()
    for name, (_, extensions) in FORMATS.items():
        if suffix in extensions and not (suffix in (".json", ".xml") and not _looks_rdf(path)):
            return name
    return None


def _looks_rdf(path: str | os.PathLike[str]) -> bool:
    """A .json or .xml file is RDF only when it says so (JSON-LD keys, an rdf:RDF root)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return True  # the reader will say what is wrong
    return b"@context" in head or b"@id" in head or b"rdf:RDF" in head or b"22-rdf-syntax-ns" in head


def write_quads(
    quads: Iterable[ox.Quad], path: str | os.PathLike[str], fmt: str | None = None
) -> tuple[str, int]:
    """Write quads to ``path`` atomically in ``fmt`` (from the extension when None).

    Formats without named graphs (Turtle, N-Triples, RDF/XML) get the union of the graphs, each
    triple once. Returns the format and the number of statements written.
    """
    from taskgraph.safety import atomic_output

    name = format_for(path, fmt)
    rdf_fmt = FORMATS[name][0]
    count = 0

    def counted(items: Iterable[Any]) -> Iterator[Any]:
        nonlocal count
        for item in items:
            count += 1
            yield item

    data: Iterable[Any] = quads if rdf_fmt.supports_datasets else _triples(quads)
    if name == "xml":
        data = _xml_safe_triples(data)
    with atomic_output(path, "wb") as fh:
        prefixes = PREFIXES if name in ("ttl", "trig", "xml", "jsonld") else None
        ox.serialize(counted(data), fh, rdf_fmt, prefixes=prefixes)
    return name, count


def write_statements(
    groups: Iterable[tuple[Any, list[Any]]], path: str | os.PathLike[str], fmt: str | None = None
) -> tuple[str, int]:
    """Write groups of statements, each ``(graph, [subject, predicate, object, subject, …])``, to ``path``.

    N-Quads and N-Triples are written line by line from each term's own text, which Oxigraph
    makes (``str(term)`` is the term as those syntaxes write it, escapes and all), once per
    term of a group: three times as fast as making a quad of each statement for Oxigraph's
    writer (issue 12). Other formats go through :func:`write_quads`. N-Triples gets the union
    of the graphs, each triple once, as from :func:`write_quads`.
    """
    from taskgraph.safety import atomic_output

    name = format_for(path, fmt)
    if name not in ("nq", "nt"):
        with collector_paused():  # the plans in memory are walked by no collection meanwhile
            return write_quads((q for g, terms in groups for q in _quads(g, terms)), path, fmt)
    count = 0
    seen: set[int] = set()  # N-Triples: the hashes of the lines written
    with atomic_output(path, "w", encoding="utf-8", newline="\n") as fh, collector_paused():
        for graph, terms in groups:
            end = " .\n" if name == "nt" or isinstance(graph, ox.DefaultGraph) else f" {graph} .\n"
            it = map(str, terms)
            lines = [f"{s} {p} {o}{end}" for s, p, o in zip(it, it, it)]
            if name == "nt":
                fresh = []
                for line in lines:
                    key = hash(line)
                    if key not in seen:
                        seen.add(key)
                        fresh.append(line)
                lines = fresh
            fh.write("".join(lines))
            count += len(lines)
    return name, count


def _quads(graph: Any, terms: list[Any]) -> list[ox.Quad]:
    it = iter(terms)
    return [ox.Quad(s, p, o, graph) for s, p, o in zip(it, it, it)]


def _xml_safe_triples(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """Triples whose literals XML 1.0 can hold: characters it forbids (ESC, U+FFFE …) removed, so
    RDF/XML output is well-formed whatever RDF it was read from (issue 14)."""
    from taskgraph.safety import xml_safe

    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and xml_safe(o.value) != o.value:
            value = xml_safe(o.value)
            o = (
                ox.Literal(value, language=o.language)
                if o.language
                else ox.Literal(value, datatype=o.datatype)
            )
            t = ox.Triple(t.subject, t.predicate, o)
        yield t


def _triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The triples of quads, each once (the union of the graphs)."""
    seen: set[int] = set()
    for q in quads:
        triple = q.triple
        key = hash(triple)
        if key in seen:
            continue
        seen.add(key)
        yield triple


def read_rdf(path: str | os.PathLike[str], store: Any) -> None:
    """Load an RDF file into ``store`` (a :class:`taskgraph.store.LocalStore`).

    Formats with named graphs keep them; a file of triples becomes one named graph (its IRI).
    """
    from taskgraph.rdfinput import check_rdf
    from taskgraph.readers import read_bytes

    name = os.fspath(path)
    fmt = rdf_format(name) or format_for(name)
    data = read_bytes(name)
    if not data.strip():
        raise InputError("the file is empty", name)
    check_rdf(data, fmt, name)
    rdf_fmt = FORMATS[fmt][0]
    uri = Path(name).resolve().as_uri()
    try:
        store.load(data, rdf_fmt, None if rdf_fmt.supports_datasets else uri, base=uri)
    except (SyntaxError, ValueError, OSError) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
        raise InputError(f"not valid {fmt.upper()}: {message[:200]}", name) from None


__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "PREFIXES",
    "format_for",
    "plan_quads",
    "plan_statements",
    "rdf_format",
    "read_rdf",
    "to_rdf",
    "vocabulary_quads",
    "write_quads",
    "write_rdf",
    "write_statements",
]
