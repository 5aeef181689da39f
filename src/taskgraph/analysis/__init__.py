"""Network analysis of plans: measures, brokerage, coordination load, portfolios, tables."""

from taskgraph.analysis.brokerage import brokerage
from taskgraph.analysis.frames import (
    joint_attribution_table,
    leader_table,
    network_summary,
    task_table,
    unit_table,
)
from taskgraph.analysis.load import coordination_load
from taskgraph.analysis.portfolio import attribute_joint_tasks, infer_portfolios

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
