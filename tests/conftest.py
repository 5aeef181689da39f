"""Shared fixtures: the bundled Shen County plan, its gold annotation, golden-file handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = ROOT / "data" / "shenxian-2024-task-allocation.txt"
GOLD_PATH = ROOT / "tests" / "fixtures" / "shenxian-2024.gold.json"
GOLDEN = ROOT / "tests" / "golden"


# Whole modules outside the fast tier (`make check`): they write full reports, figures and pages
# or run the README's examples. The fast tier keeps the parser, the model, the queries and the
# CLI on small inputs; `make test` runs everything.
SLOW_MODULES = {
    "tests/test_report.py",
    "tests/test_report_parallel.py",
    "tests/test_readme.py",
    "tests/render/test_figures.py",
    "tests/render/test_html.py",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.relative_to(ROOT).as_posix() in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden", action="store_true", help="Rewrite tests/golden/* from the current code."
    )


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return PLAN_PATH


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def plan():
    from taskgraph.parse import read_plan

    return read_plan(PLAN_PATH)


@pytest.fixture(scope="session")
def corpus(plan):
    """The Shen County plan as a corpus of one (its tables computed once for the session)."""
    from taskgraph.corpus import Corpus

    return Corpus([plan])


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME; rewrite it only under --regen-golden."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--regen-golden"):
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"golden file {name} missing: run pytest --regen-golden"
        assert actual == path.read_text(encoding="utf-8"), f"output differs from golden/{name}"

    return check
