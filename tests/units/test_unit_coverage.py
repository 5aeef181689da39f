"""Coverage: the units real plans name get a function and an English name."""

from __future__ import annotations

from unit_fixtures import realplan_units, shen_units

from taskgraph.units import english_name, function_of


def share(names: list[str], covered) -> float:
    return sum(1 for n in names if covered(n) is not None) / len(names)


def test_shen_county_units_have_functions():
    """At least 95% of the Shen County plan's units (collectives included) have a function."""
    names = shen_units()
    assert len(names) == 44
    assert share(names, function_of) >= 0.95, [n for n in names if function_of(n) is None]


def test_shen_county_units_have_english_names():
    """At least 95% of the Shen County plan's units (collectives included) have an English name."""
    names = shen_units()
    assert share(names, english_name) >= 0.95, [n for n in names if english_name(n) is None]


def test_real_plans_units_are_covered():
    """At least 95% of the units the real plans write have a function and an English name."""
    names = realplan_units()
    assert share(names, function_of) >= 0.95, [n for n in names if function_of(n) is None]
    assert share(names, english_name) >= 0.95, [n for n in names if english_name(n) is None]
