"""taskgraph: Chinese government task allocation plans as an RDF knowledge graph and a network.

The library reads left to right: ``parse`` -> ``rdf`` -> ``queries`` -> ``network`` ->
``analysis`` -> ``render``. The names below are imported lazily, so that ``import taskgraph``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    # parse
    "parse_plan": "taskgraph.parse",
    "read_plan": "taskgraph.parse",
    "Plan": "taskgraph.model",
    "Task": "taskgraph.model",
    "Party": "taskgraph.model",
    "Role": "taskgraph.model",
    "Kind": "taskgraph.model",
    "TaskgraphError": "taskgraph.errors",
    # rdf
    "to_rdf": "taskgraph.rdf",
    "write_rdf": "taskgraph.rdf",
    "read_rdf": "taskgraph.rdf",
    "validate": "taskgraph.shacl",
    # queries
    "to_store": "taskgraph.query",
    "load_store": "taskgraph.query",
    "run_query": "taskgraph.query",
    "run_named": "taskgraph.query",
    "library": "taskgraph.query",
    # network
    "to_networkx": "taskgraph.network",
    "read_assignments": "taskgraph.network",
    "build_view": "taskgraph.network",
    # analysis
    "unit_table": "taskgraph.analysis",
    "leader_table": "taskgraph.analysis",
    "task_table": "taskgraph.analysis",
    "network_summary": "taskgraph.analysis",
    "joint_attribution_table": "taskgraph.analysis",
    "coordination_load": "taskgraph.analysis",
    "brokerage": "taskgraph.analysis",
    "infer_portfolios": "taskgraph.analysis",
    # render and outputs
    "write_html": "taskgraph.render",
    "render_html": "taskgraph.render",
    "write_figures": "taskgraph.render",
    "write_graph": "taskgraph.export",
    "write_report": "taskgraph.report",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'taskgraph' has no attribute {name!r}")
