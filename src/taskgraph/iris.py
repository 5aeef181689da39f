"""Deterministic IRIs for plans, tasks, sections, leaders and units — minted here and nowhere else.

A plan's IRI comes from its jurisdiction, year and content digest, so the same document read
twice (in any format, under any file name) is the same plan. A unit's IRI comes from its
jurisdiction and its identity key (:func:`taskgraph.units.unit_key`), so 县发改局 in one year and
县发展和改革局 in the next are one node; leaders, collectives and groups likewise by name.
Both the RDF writer and the in-memory records use :class:`Minter`, which is what keeps the two
paths from plans to tables equal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from taskgraph.errors import UsageError
from taskgraph.model import Kind, Party, Plan, Role

DEFAULT_BASE = "https://w3id.org/taskgraph/id/"
# What an IRI's scheme and authority look like: "https://example.org/", "urn:x-local:".
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def check_base(base: str) -> str:
    """``base`` when it can start IRIs (an absolute IRI ending in ``/`` or ``#``, added if missing).

    Examples
    --------
    >>> check_base("https://example.org/data")
    'https://example.org/data/'
    >>> check_base("not an iri")
    Traceback (most recent call last):
    taskgraph.errors.UsageError: --base must be an absolute IRI such as https://example.org/data/, not 'not an iri'
    """
    bad = (
        not _SCHEME.match(base) or any(ch in base for ch in ' <>"{}|\\^`') or any(ord(ch) < 33 for ch in base)
    )
    if not bad and base.lower().startswith(("http:", "https:")):
        bad = not urlsplit(base).netloc
    if bad:
        raise UsageError(f"--base must be an absolute IRI such as https://example.org/data/, not {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


@lru_cache(maxsize=65536)
def segment(text: str | None) -> str:
    """An IRI path segment: Chinese stays readable (IRIs allow it), ASCII specials are escaped.

    >>> segment("县财政局〔县国资局〕"), segment("A/B 局")
    ('县财政局〔县国资局〕', 'A%2FB%20局')
    """
    return "".join(
        ch if ord(ch) > 127 and ch.isprintable() and not ch.isspace() else quote(ch, safe="-._~")
        for ch in (text or "unknown")
    )


def agent_segment(party: Party, role: Role) -> str:
    """The path segment that says what an agent is: person, leaders, unit, units or group."""
    if role is Role.LEAD_LEADER:
        return "person" if party.kind is Kind.PERSON else "leaders"
    return {Kind.COLLECTIVE: "units", Kind.GROUP: "group"}.get(party.kind, "unit")


class Minter:
    """IRIs under one base."""

    def __init__(self, base: str = DEFAULT_BASE, aliases: dict[tuple[str, str], str] | None = None) -> None:
        self.base = check_base(base)
        # (jurisdiction, identity key) -> the name the user says is the same unit (alias file)
        self.aliases = aliases or {}

    def plan(self, plan: Plan) -> str:
        year = plan.year or (plan.date[:4] if plan.date else "undated")
        return f"{self.base}plan/{segment(plan.jurisdiction)}/{year}-{plan.digest[:12]}"

    def scope(self, plan: Plan) -> str:
        """The namespace units of a plan share: its jurisdiction, or the plan itself when unknown."""
        return plan.jurisdiction or f"plan-{plan.digest[:12]}"

    def agent(self, kind: str, name: str, scope: str) -> str:
        if kind == "unit":
            from taskgraph.units import unit_key

            name = unit_key(name)
            if self.aliases:
                name = unit_key(self.aliases.get((scope, name), name))
        return f"{self.base}{kind}/{segment(scope)}/{segment(name)}"

    def party(self, party: Party, role: Role, scope: str) -> str:
        return self.agent(agent_segment(party, role), party.name, scope)

    def organisation(self, name: str, scope: str) -> str:
        """An issuing body (莘县人民政府)."""
        return f"{self.base}org/{segment(scope)}/{segment(name)}"
