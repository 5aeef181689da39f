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
    "parse_plan": "taskgraph.parse",
    "read_plan": "taskgraph.parse",
    "Plan": "taskgraph.model",
    "Task": "taskgraph.model",
    "Party": "taskgraph.model",
    "Role": "taskgraph.model",
    "Kind": "taskgraph.model",
    "TaskgraphError": "taskgraph.errors",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'taskgraph' has no attribute {name!r}")
