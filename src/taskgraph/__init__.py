"""taskgraph: Chinese government task allocation plans as an RDF knowledge graph and a network.

One object does the work: :class:`Corpus`, a set of plans read from any format (or from an
RDF file, an on-disk store or a SPARQL endpoint), with its tables, views and queries::

    import taskgraph as tg
    corpus = tg.Corpus.read(["data/shenxian-2024-task-allocation.txt"])
    corpus.units().head()

The names below are imported lazily, so that ``import taskgraph`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

_API = {
    # the corpus: the one entry point
    "Corpus": "taskgraph.corpus",
    "compare": "taskgraph.comparison",
    "Comparison": "taskgraph.comparison",
    # reading plans
    "read_plan": "taskgraph.parse",
    "parse_plan": "taskgraph.parse",
    "read_document": "taskgraph.readers",
    "Plan": "taskgraph.model",
    "Task": "taskgraph.model",
    "Party": "taskgraph.model",
    "Role": "taskgraph.registry",
    "Kind": "taskgraph.registry",
    "Level": "taskgraph.registry",
    "TaskgraphError": "taskgraph.errors",
    # RDF, validation, queries
    "to_rdf": "taskgraph.rdf",
    "write_rdf": "taskgraph.rdf",
    "validate": "taskgraph.shacl",
    "library": "taskgraph.query",
    "run_query": "taskgraph.query",
    "run_named": "taskgraph.query",
    "LocalStore": "taskgraph.store",
    # networks and measures
    "to_networkx": "taskgraph.network",
    "build_view": "taskgraph.network",
    "unit_table": "taskgraph.analysis",
    "leader_table": "taskgraph.analysis",
    "task_table": "taskgraph.analysis",
    "network_summary": "taskgraph.analysis",
    "joint_attribution_table": "taskgraph.analysis",
    "coordination_load": "taskgraph.analysis",
    "brokerage": "taskgraph.analysis",
    "infer_portfolios": "taskgraph.analysis",
    "explain": "taskgraph.analysis.glossary",
    # units: identity, function, English name
    "unit_key": "taskgraph.units",
    "function_of": "taskgraph.units",
    "english_name": "taskgraph.units",
    # outputs
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
