"""Files shipped inside the package (ontology, shapes, queries, font), read with importlib."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_file(*parts: str) -> Path:
    """Path of a file shipped in the package, e.g. ``package_file("ontology", "shapes.ttl")``."""
    ref = resources.files("taskgraph")
    for part in parts:
        ref = ref.joinpath(part)
    return Path(str(ref))
