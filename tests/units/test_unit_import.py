"""Importing taskgraph.units is cheap: no data file is read and no heavy library loaded."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import taskgraph.units
from taskgraph.units import english, functions, identity, places
caches = [functions.concepts, functions.rules, identity._abbreviations, english._terms, places._overrides]
assert all(c.cache_info().currsize == 0 for c in caches), [c.cache_info() for c in caches]
assert "rdflib" not in sys.modules and "pypinyin" not in sys.modules, "heavy import"
taskgraph.units.function_of("县财政局")
assert functions.concepts.cache_info().currsize == 1
assert "rdflib" not in sys.modules  # the vocabulary is read with Oxigraph's fast Turtle parser
"""


def test_import_reads_no_data():
    """The Turtle and the CSV files are read on first use, not on import; rdflib never, pypinyin not for this."""
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_data_files_ship_in_the_package():
    """The data files are package resources (pyproject's package-data must list units/data/*)."""
    from importlib import resources

    data = resources.files("taskgraph.units").joinpath("data")
    names = {entry.name for entry in data.iterdir()}
    expected = {"abbreviations.csv", "body_types.csv", "county_level_cities.txt", "english_terms.csv"}
    assert expected | {"function_rules.csv", "functions.ttl", "places.csv"} <= names
