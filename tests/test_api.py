"""The Python API checks its arguments and raises the package's own errors (issue 14).

A researcher in a notebook passes a path where a plan was expected, a number where a string was:
each call below must raise a :class:`taskgraph.TaskgraphError` whose message says what was
expected, never a raw TypeError or AttributeError from deep inside, and never quietly do nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import taskgraph as tg
from taskgraph.errors import InputError, QueryError, UsageError


@pytest.fixture(scope="module")
def shen(corpus):
    return corpus


CASES = {
    "read_plan of a number": (lambda c, p, t: tg.read_plan(5), UsageError, "path"),
    "parse_plan of bytes": (lambda c, p, t: tg.parse_plan(b"1. x"), UsageError, "text"),
    "Corpus of a path string": (lambda c, p, t: tg.Corpus("plan.txt"), UsageError, "Corpus.read"),
    "Corpus.read of None": (lambda c, p, t: tg.Corpus.read(None), UsageError, "paths"),
    "Corpus.read of numbers": (lambda c, p, t: tg.Corpus.read([1, 2]), UsageError, "paths"),
    "an unknown view": (lambda c, p, t: c.view("nope"), UsageError, "unknown view"),
    "sum by an unknown key": (lambda c, p, t: c.units(by="nope"), UsageError, "cannot sum by"),
    "a query parameter that is not a string": (
        lambda c, p, t: tg.run_named(c.backend, "unit-tasks", {"unit": 5}),
        QueryError,
        "must be a string",
    ),
    "a query that is not text": (lambda c, p, t: tg.run_query(c.backend, 5), UsageError, "query"),
    "a corpus query that is not text": (lambda c, p, t: c.query(5), UsageError, "query"),
    "a corpus of a number": (lambda c, p, t: tg.Corpus(5), UsageError, "list of parsed plans"),
    "a sum by a number": (lambda c, p, t: c.units(by=5), UsageError, "key or a list of keys"),
    "write_html of a number": (lambda c, p, t: tg.write_html(5, t / "x.html"), UsageError, "NetworkX graph"),
    "write_graph to an unknown format": (
        lambda c, p, t: tg.write_graph(c.view("units"), t / "x.xyz"),
        UsageError,
        ".graphml",
    ),
    "unit_table of a string": (lambda c, p, t: tg.unit_table("abc"), UsageError, "Corpus"),
    "explain an unknown measure": (lambda c, p, t: tg.explain("nope"), UsageError, "unknown measure"),
    "compare of numbers": (lambda c, p, t: tg.compare(1, 2), UsageError, "Corpus"),
    "compare with a threshold out of range": (lambda c, p, t: tg.compare(c, c, 3), UsageError, "threshold"),
    "write_figures of a number": (lambda c, p, t: tg.write_figures(5, t / "f"), UsageError, "Corpus"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_wrong_arguments_raise_the_packages_errors(case: str, shen, plan, tmp_path: Path) -> None:
    call, error, words = CASES[case]
    with pytest.raises(error) as info:
        call(shen, plan, tmp_path)
    assert isinstance(info.value, tg.TaskgraphError)
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_validate_takes_a_plan(plan) -> None:
    """tg.validate of a parsed plan validates it (it used to fail with a format error)."""
    assert tg.validate(plan).conforms


@pytest.mark.slow
def test_write_report_takes_one_path(plan_path: Path, tmp_path: Path) -> None:
    """A single path string is one plan, not a list of one-character paths."""
    tg.write_report(str(plan_path), tmp_path / "report")
    assert (tmp_path / "report" / "index.html").exists()
    assert (tmp_path / "report" / "plans.json").exists()
    assert len(json.loads((tmp_path / "report" / "plans.json").read_text(encoding="utf-8"))["documents"]) == 1


def test_a_malformed_gold_is_an_input_error(plan_path: Path, tmp_path: Path) -> None:
    from taskgraph.evaluate import evaluate_file

    for content in (
        '{"tasks": 5}',
        "[1, 2]",
        "{",
        '{"tasks": [5]}',
        '{"tasks": [{"number": 1, "lead_units": 5}]}',
    ):
        gold = tmp_path / "gold.json"
        gold.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as info:
            evaluate_file(plan_path, gold)
        assert str(gold) in str(info.value)


def test_an_empty_corpus_gives_empty_tables() -> None:
    corpus = tg.Corpus([])
    for table in (corpus.units(), corpus.leaders(), corpus.tasks(), corpus.joint()):
        assert len(table) == 0
    assert json.loads(corpus.units().to_json(orient="records")) == []
