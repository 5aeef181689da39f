"""The job a unit does, from a SKOS concept scheme kept as data.

The concepts (development and reform, finance, town governments, development zones, vertically
managed agencies ...) are in ``data/functions.ttl`` with Chinese and English labels and a
definition; which written names fall under which concept is decided by the ordered patterns of
``data/function_rules.csv``. Both files are read on first use, once: importing this module reads
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from taskgraph.units._data import data_rows, data_text
from taskgraph.units.identity import canonical_form

SCHEME_IRI = "https://w3id.org/taskgraph/function"
FUNCTION_NS = SCHEME_IRI + "/"
# A bracket at the end of a name is a second nameplate or a note: "县发改局〔粮食局〕" is the
# development and reform bureau, whatever else its bracket says.
FINAL_BRACKET = re.compile(r"〔[^〔〕]*〕$")


@dataclass(frozen=True)
class Function:
    """A concept of the function scheme: its identifier and its Chinese and English labels."""

    id: str  # the last segment of the concept's IRI: "development-reform"
    zh: str
    en: str

    @property
    def iri(self) -> str:
        """The concept's IRI, e.g. ``https://w3id.org/taskgraph/function/finance``."""
        return FUNCTION_NS + self.id


@dataclass(frozen=True)
class Concept:
    """All the scheme says about a concept."""

    function: Function
    definition: str
    broader: str | None  # the id of the broader concept


@dataclass(frozen=True)
class Rule:
    """A pattern of written names and the concept they fall under."""

    pattern: re.Pattern[str]
    function: str
    example: str


@cache
def concepts() -> dict[str, Concept]:
    """Every concept of ``data/functions.ttl``, by id, parsed once.

    Examples
    --------
    >>> concepts()["finance"].function
    Function(id='finance', zh='财政', en='finance')
    >>> concepts()["taxation"].broader
    'vertical-agency'
    """
    import pyoxigraph as ox

    skos = "http://www.w3.org/2004/02/skos/core#"
    triples = list(ox.parse(data_text("functions.ttl").encode("utf-8"), format=ox.RdfFormat.TURTLE))
    by: dict[tuple[str, str], list[Any]] = {}
    for t in triples:
        by.setdefault((t.subject.value, t.predicate.value), []).append(t.object)

    def label(subject: str, predicate: str, language: str) -> str:
        for value in by.get((subject, skos + predicate), ()):
            if isinstance(value, ox.Literal) and value.language == language:
                return value.value
        return ""

    out: dict[str, Concept] = {}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    subjects = sorted(
        {
            t.subject.value
            for t in triples
            if t.predicate.value == rdf_type and t.object.value == skos + "Concept"
        }
    )
    for subject in subjects:
        if not any(o.value == SCHEME_IRI for o in by.get((subject, skos + "inScheme"), ())):
            continue
        concept_id = subject.removeprefix(FUNCTION_NS)
        broader = next(
            (o.value.removeprefix(FUNCTION_NS) for o in by.get((subject, skos + "broader"), ())), None
        )
        function = Function(concept_id, label(subject, "prefLabel", "zh"), label(subject, "prefLabel", "en"))
        out[concept_id] = Concept(function, label(subject, "definition", "en"), broader)
    return out


@cache
def rules() -> tuple[Rule, ...]:
    """The classification rules of ``data/function_rules.csv``, in the order they are tried."""
    return tuple(
        Rule(re.compile(row["pattern"]), row["function"], row["example"])
        for row in data_rows("function_rules.csv")
    )


@lru_cache(maxsize=4096)
def function_of(name: str) -> Function | None:
    """The job of the unit a plan names ``name``, or None when no rule knows it.

    Examples
    --------
    >>> function_of("县发改局").en, function_of("各镇人民政府〔街道办事处〕").en
    ('development and reform', 'town government or sub-district office')
    >>> function_of("县政府有关部门〔单位〕").id, function_of("聊城鲁西经济开发区管委会").id
    ('government-department', 'development-zone')
    >>> function_of("县一二三") is None
    True
    """
    text = FINAL_BRACKET.sub("", canonical_form(name))
    for rule in rules():
        if rule.pattern.search(text):
            concept_id = rule.function
            if concept_id == "city-government" and _county_level_city_government(text):
                concept_id = "county-government"
            return concepts()[concept_id].function
    return None


def _county_level_city_government(text: str) -> bool:
    """Whether a city government is that of a county-level city: 义乌市政府."""
    from taskgraph.units.places import level_of

    place = re.sub(r"(人民)?政府$", "", text)
    return level_of(place) == "county"


def broader(function: Function) -> Function | None:
    """The broader concept of a function: taxation -> vertically managed agency.

    Examples
    --------
    >>> broader(function_of("县财政局")).en
    'government department'
    """
    parent = concepts()[function.id].broader
    return None if parent is None else concepts()[parent].function
