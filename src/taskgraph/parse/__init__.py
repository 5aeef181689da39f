"""Reading task allocation plans: :func:`read_plan` for a path, :func:`parse_plan` for text."""

from taskgraph.parse.plan import parse_plan, read_plan

__all__ = ["parse_plan", "read_plan"]
