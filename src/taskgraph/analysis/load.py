"""The coordination load index of a unit — defined here and nowhere else.

For a unit *u*:

    CL(u) = Σ_{t ∈ Lead(u)} [ w_lead + w_partner · |P_t − {u}| ] / |L_t|  +  w_resp · |R(u)|

- ``Lead(u)``: the tasks *u* leads (牵头单位); ``L_t`` the lead units of task *t*;
- ``P_t``: every party named on *t* as lead, responsible or cooperating unit (after the
  collective/group options; a collective counts as one partner);
- ``R(u)``: the tasks on which *u* is responsible or cooperating but does not lead.

Rationale: leading a task is a fixed cost (``w_lead``) plus one unit of coordination per
partner to align (``w_partner``), and co-leads share both, hence the division by ``|L_t|``;
answering for a task someone else leads costs less (``w_resp`` = 0.5 by default) because the
lead carries the coordination. Defaults: ``w_lead = 1``, ``w_partner = 1``, ``w_resp = 0.5``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

WEIGHTS = {"lead": 1.0, "partner": 1.0, "responsible": 0.5}


def coordination_load(
    assignments: Any, w_lead: float = 1.0, w_partner: float = 1.0, w_resp: float = 0.5
) -> dict[str, float]:
    """The coordination load of every unit (by IRI) in ``assignments``.

    Examples
    --------
    >>> from taskgraph.assignments import Assignments, Party, TaskRecord
    >>> A, B, C = (Party(x, x, "unit", False) for x in "ABC")
    >>> t = TaskRecord("t1", 1, "1", "", "p", None, None, None, None,
    ...                {"lead_unit": [A, B], "responsible_unit": [C]})
    >>> coordination_load(Assignments([t], {}))
    {'A': 1.5, 'B': 1.5, 'C': 0.5}
    """
    load: dict[str, float] = defaultdict(float)
    for t in assignments.tasks:
        leads = t.parties.get("lead_unit", [])
        everyone = t.units()
        lead_iris = {p.iri for p in leads}
        for u in leads:
            partners = sum(1 for p in everyone if p.iri != u.iri)
            load[u.iri] += (w_lead + w_partner * partners) / len(lead_iris)
        for p in everyone:
            if p.iri not in lead_iris:
                load[p.iri] += w_resp
    return dict(load)
