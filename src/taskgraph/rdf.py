"""Plans to RDF and back: an rdflib Dataset with one named graph per plan.

IRIs are deterministic: a plan's IRI comes from its jurisdiction, date and title, a unit's from
its jurisdiction and canonical name, so that the same bureau in two plans of one county is one
node. Every source a command takes (RDF in any format, or a plan document) goes through
:func:`read_sources`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef

from taskgraph.errors import InputError, UsageError
from taskgraph.model import Kind, Party, Plan, Role
from taskgraph.namespaces import (
    DCTERMS,
    DEFAULT_BASE,
    FOAF,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TG,
    XSD,
)

ROLE_TERMS = {
    Role.LEAD_LEADER: (TG.LeadLeader, TG.leadLeader),
    Role.LEAD_UNIT: (TG.LeadUnit, TG.leadUnit),
    Role.RESPONSIBLE_UNIT: (TG.ResponsibleUnit, TG.responsibleUnit),
    Role.COOPERATING_UNIT: (TG.CooperatingUnit, TG.cooperatingUnit),
}
_ROLE_EN = {
    Role.LEAD_LEADER: "lead leader",
    Role.LEAD_UNIT: "lead unit",
    Role.RESPONSIBLE_UNIT: "responsible unit",
    Role.COOPERATING_UNIT: "cooperating unit",
}

# Output formats: name -> (rdflib serializer, whether it keeps named graphs, file extensions)
FORMATS = {
    "ttl": ("longturtle", False, (".ttl",)),
    "nt": ("nt", False, (".nt",)),
    "jsonld": ("json-ld", True, (".jsonld", ".json")),
    "xml": ("xml", False, (".rdf", ".xml", ".owl")),
    "trig": ("trig", True, (".trig",)),
    "nq": ("nquads", True, (".nq",)),
}
_PARSERS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig", "nq": "nquads"}


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _key(text: str | None) -> str:
    """An IRI path segment: Chinese stays readable (IRIs allow it), ASCII specials are escaped.

    >>> _key("县财政局〔县国资局〕"), _key("A/B 局")
    ('县财政局〔县国资局〕', 'A%2FB%20局')
    """
    return "".join(
        ch if ord(ch) > 127 and ch.isprintable() and not ch.isspace() else quote(ch, safe="-._~")
        for ch in (text or "unknown")
    )


class _Minter:
    """Deterministic IRIs under one base."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def plan(self, plan: Plan) -> URIRef:
        digest = hashlib.sha1(f"{plan.title}|{plan.issuer}|{plan.date}".encode()).hexdigest()[:8]
        return URIRef(f"{self.base}plan/{_key(plan.jurisdiction)}/{plan.date or 'undated'}-{digest}")

    @staticmethod
    def segment(party: Party, role: Role) -> str:
        """The IRI segment that also says the agent's classes (see ``_AGENT_TYPES``)."""
        if role is Role.LEAD_LEADER:
            return "person" if party.kind is Kind.PERSON else "leaders"
        return {Kind.COLLECTIVE: "units", Kind.GROUP: "group"}.get(party.kind, "unit")

    def named(self, kind: str, name: str, jurisdiction: str | None) -> URIRef:
        return URIRef(f"{self.base}{kind}/{_key(jurisdiction)}/{_key(name)}")


def _roles(g: Graph) -> None:
    g.add((TG.Roles, RDF.type, SKOS.ConceptScheme))
    g.add((TG.Roles, SKOS.prefLabel, _zh("分工角色")))
    for role, (concept, _) in ROLE_TERMS.items():
        for t in (TG.Role, PROV.Role, SKOS.Concept):
            g.add((concept, RDF.type, t))
        g.add((concept, SKOS.inScheme, TG.Roles))
        g.add((concept, SKOS.prefLabel, _zh(role.label_zh)))
        g.add((concept, SKOS.prefLabel, Literal(_ROLE_EN[role], lang="en")))


_AGENT_TYPES = {
    "person": (TG.Leader, FOAF.Person, PROV.Person, PROV.Agent),
    "leaders": (TG.CollectiveLeader, FOAF.Group, PROV.Agent),
    "unit": (TG.Unit, ORG.Organization, PROV.Organization, PROV.Agent),
    "units": (TG.CollectiveUnit, ORG.Organization, PROV.Organization, PROV.Agent),
    "group": (TG.UnitGroup, ORG.Organization, PROV.Organization, PROV.Agent),
}


def _agent(g: Graph, iri: URIRef, segment: str, name: str, jurisdiction: str | None) -> None:
    for t in _AGENT_TYPES[segment]:
        g.add((iri, RDF.type, t))
    g.add((iri, SKOS.prefLabel, _zh(name)))
    g.add((iri, RDFS.label, _zh(name)))
    if segment == "person":
        g.add((iri, FOAF.name, _zh(name)))
    if jurisdiction:
        g.add((iri, TG.jurisdiction, _zh(jurisdiction)))


def add_plan(ds: Dataset, plan: Plan, base: str = DEFAULT_BASE) -> URIRef:
    """Add ``plan`` to ``ds`` as its own named graph; return the plan's IRI (also the graph name)."""
    mint = _Minter(base)
    p = mint.plan(plan)
    g = ds.graph(p)
    jur = plan.jurisdiction
    # The role vocabulary is shared by every plan: it goes to the default graph once, so that
    # a union of many plans' graphs does not repeat it (Oxigraph's union keeps duplicates).
    _roles(ds.default_graph)
    for t in (TG.Plan, PROV.Entity, DCTERMS.BibliographicResource):
        g.add((p, RDF.type, t))
    if plan.title:
        g.add((p, DCTERMS.title, _zh(plan.title)))
        g.add((p, RDFS.label, _zh(plan.title)))
    g.add((p, DCTERMS.source, Literal(os.path.basename(plan.source))))
    if plan.date:
        g.add((p, DCTERMS.issued, Literal(plan.date, datatype=XSD.date)))
    if plan.printed:
        g.add((p, TG.printed, Literal(plan.printed, datatype=XSD.date)))
    if jur:
        g.add((p, TG.jurisdiction, _zh(jur)))
    if plan.publication:
        g.add((p, TG.publicationNote, _zh(plan.publication)))
    for body in plan.cc:
        g.add((p, TG.copiedTo, _zh(body)))
    for prop, name in ((DCTERMS.publisher, plan.issuer), (TG.issuedByOffice, plan.issued_by_office)):
        if name:
            org = mint.named("org", name, jur)
            g.add((p, prop, org))
            for t in (ORG.Organization, PROV.Agent):
                g.add((org, RDF.type, t))
            g.add((org, SKOS.prefLabel, _zh(name)))
            g.add((org, RDFS.label, _zh(name)))

    sections: dict[str | None, URIRef] = {}
    subsections: dict[tuple[str | None, str], URIRef] = {}
    for section in plan.sections:
        s = URIRef(f"{p}/section/{section.number}")
        sections[section.title] = s
        _section(g, s, section.title, section.number, p, p)
        for k, title in enumerate(section.subsections, start=1):
            sub = URIRef(f"{s}/{k}")
            subsections[(section.title, title)] = sub
            _section(g, sub, title, k, s, p)

    seen: dict[int, int] = {}
    for task in plan.tasks:
        seen[task.number] = seen.get(task.number, 0) + 1
        suffix = "" if seen[task.number] == 1 else f"-{seen[task.number]}"
        t = URIRef(f"{p}/task/{task.number}{suffix}")
        for typ in (TG.Task, PROV.Activity):
            g.add((t, RDF.type, typ))
        g.add((t, TG.number, Literal(task.number)))
        g.add((t, DCTERMS.identifier, Literal(str(task.number))))
        g.add((t, RDFS.label, _zh(f"任务{task.number}")))
        if task.text:
            g.add((t, DCTERMS.description, _zh(task.text)))
        g.add((t, TG.sourceLine, Literal(task.line)))
        g.add((t, TG.inPlan, p))
        g.add((t, DCTERMS.isPartOf, p))
        if task.section in sections:
            g.add((t, TG.inSection, sections[task.section]))
            g.add((t, DCTERMS.isPartOf, sections[task.section]))
        if task.subsection and (task.section, task.subsection) in subsections:
            sub = subsections[(task.section, task.subsection)]
            g.add((t, TG.inSubsection, sub))
            g.add((t, DCTERMS.isPartOf, sub))
        positions: dict[Role, int] = {}
        for a in task.assignments:
            positions[a.role] = positions.get(a.role, 0) + 1
            concept, shortcut = ROLE_TERMS[a.role]
            segment = mint.segment(a.party, a.role)
            agent = mint.named(segment, a.party.name, jur)
            _agent(g, agent, segment, a.party.name, jur)
            assoc = URIRef(f"{t}/{a.role.value}/{positions[a.role]}")
            g.add((t, PROV.qualifiedAssociation, assoc))
            g.add((assoc, RDF.type, PROV.Association))
            g.add((assoc, PROV.agent, agent))
            g.add((assoc, PROV.hadRole, concept))
            g.add((assoc, TG.asWritten, _zh(a.party.as_written)))
            g.add((assoc, TG.position, Literal(positions[a.role])))
            g.add((t, shortcut, agent))
            g.add((t, PROV.wasAssociatedWith, agent))

    for alias, canonical in plan.aliases:
        g.add((mint.named("unit", canonical, jur), SKOS.altLabel, _zh(alias)))
    for written, corrected in plan.typos:
        g.add((mint.named("unit", corrected, jur), SKOS.hiddenLabel, _zh(written)))
    for group in plan.groups:
        gi = mint.named("group", group.name, jur)
        _agent(g, gi, "group", group.name, jur)
        for member in group.members:
            mi = mint.named("unit", member, jur)
            _agent(g, mi, "unit", member, jur)
            g.add((gi, ORG.hasMember, mi))
            g.add((mi, ORG.memberOf, gi))
    return p


def _section(g: Graph, s: URIRef, title: str, number: int, parent: URIRef, plan: URIRef) -> None:
    for t in (TG.Section, PROV.Entity):
        g.add((s, RDF.type, t))
    g.add((s, DCTERMS.title, _zh(title)))
    g.add((s, RDFS.label, _zh(title)))
    g.add((s, TG.number, Literal(number)))
    g.add((s, DCTERMS.isPartOf, parent))
    g.add((s, TG.inPlan, plan))


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    return ds


def to_rdf(plans: Plan | Iterable[Plan], base: str = DEFAULT_BASE) -> Dataset:
    """An rdflib Dataset with one named graph per plan.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> ds = to_rdf(parse_plan("一、目标\\n1.甲。（牵头单位：县财政局）"))
    >>> len(list(ds.graphs())) - 1  # named graphs, besides the default graph
    1
    """
    ds = new_dataset()
    for plan in [plans] if isinstance(plans, Plan) else plans:
        add_plan(ds, plan, base)
    return ds


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` when given, else from the extension."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown RDF format {fmt!r} (one of {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    for name, (_, _, extensions) in FORMATS.items():
        if suffix in extensions:
            return name
    raise UsageError(f"cannot tell the RDF format of {os.fspath(path)!r}: give --format")


def serialize(ds: Dataset, fmt: str) -> str:
    """Serialise ``ds``; formats without named graphs get the union of all graphs."""
    serializer, keeps_graphs, _ = FORMATS[fmt]
    if keeps_graphs:
        text = ds.serialize(format=serializer)
    else:
        union = Graph()
        for prefix, iri in PREFIXES.items():
            union.bind(prefix, iri)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        text = union.serialize(format=serializer)
    if fmt in ("nt", "nq"):
        text = "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))
    return text


def write_rdf(ds: Dataset, path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Write ``ds`` to ``path`` (format from the extension unless given); return the format."""
    name = format_for(path, fmt)
    Path(path).write_text(serialize(ds, name), encoding="utf-8")
    return name


def rdf_format(path: str | os.PathLike[str]) -> str | None:
    """The RDF format of a source path by its extension, or None for a plan document."""
    suffix = Path(path).suffix.lower()
    for name, (_, _, extensions) in FORMATS.items():
        if suffix in extensions:
            return name
    return None


def read_rdf(path: str | os.PathLike[str], ds: Dataset | None = None) -> Dataset:
    """Parse an RDF file into ``ds`` (a new Dataset when None)."""
    ds = ds if ds is not None else new_dataset()
    name = os.fspath(path)
    fmt = rdf_format(name)
    if fmt is None:
        raise InputError("not an RDF file (.ttl .nt .jsonld .rdf .trig .nq)", name)
    if not os.path.isfile(name):
        raise InputError("no such file" if not os.path.exists(name) else "is a directory", name)
    try:
        with open(name, encoding="utf-8") as fh:
            data = fh.read()
    except UnicodeDecodeError:
        raise InputError("RDF files must be UTF-8", name) from None
    if not data.strip():
        raise InputError("the file is empty", name)
    try:
        if FORMATS[fmt][1]:
            ds.parse(data=data, format=_PARSERS[fmt], publicID=Path(name).resolve().as_uri())
        else:
            graph = ds.graph(URIRef(Path(name).resolve().as_uri()))
            graph.parse(data=data, format=_PARSERS[fmt])
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"not valid {fmt.upper()}: {message[:200]}", name) from None
    return ds


def read_sources(
    paths: Iterable[str | os.PathLike[str]], base: str = DEFAULT_BASE
) -> tuple[Dataset, list[Plan]]:
    """Read SOURCE arguments: RDF files are parsed, plan documents parsed and converted.

    Returns the dataset and the plans that were parsed on the way (for their warnings).
    """
    from taskgraph.parse import read_plan

    ds = new_dataset()
    plans = []
    for path in paths:
        if rdf_format(path):
            read_rdf(path, ds)
        else:
            plan = read_plan(path)
            plans.append(plan)
            add_plan(ds, plan, base)
    return ds, plans
