"""Network analysis of plans: measures, brokerage, coordination load, portfolios, tables.

The tables (:mod:`taskgraph.analysis.frames`) need pandas: they are imported on first use, so
that the glossary (``taskgraph measures``) loads neither pandas nor NetworkX.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from taskgraph.analysis.brokerage import brokerage
from taskgraph.analysis.load import coordination_load
from taskgraph.analysis.portfolio import attribute_joint_tasks, infer_portfolios

if TYPE_CHECKING:
    from taskgraph.analysis.frames import (
        joint_attribution_table,
        leader_table,
        network_summary,
        task_table,
        unit_table,
    )

_TABLES = ("joint_attribution_table", "leader_table", "network_summary", "task_table", "unit_table")

__all__ = [
    "attribute_joint_tasks",
    "brokerage",
    "coordination_load",
    "infer_portfolios",
    "joint_attribution_table",
    "leader_table",
    "network_summary",
    "task_table",
    "unit_table",
]


def __getattr__(name: str) -> Any:
    if name in _TABLES:
        return getattr(importlib.import_module("taskgraph.analysis.frames"), name)
    raise AttributeError(f"module 'taskgraph.analysis' has no attribute {name!r}")
