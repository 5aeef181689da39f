"""Variants of the genre written blind (tests/fixtures/variants): plans in every format and layout
the development set does not show, each with the reading a careful annotator would give under the
development set's conventions, and look-alikes that must yield no task."""

from __future__ import annotations

from pathlib import Path

from taskgraph.evaluate import evaluate_folder

VARIANTS = Path(__file__).resolve().parents[1] / "fixtures" / "variants"


def test_every_variant_is_read_as_annotated():
    """Every task found, no task invented on a look-alike, fields read right but for a handful."""
    results, pooled = evaluate_folder(VARIANTS)
    assert pooled["documents"] == 378
    missed = [name for name, r in results if r["tasks_found"] < 1.0]
    assert not missed
    # No task read beyond the annotated ones, but for the excerpts of rounds 10 and 15 (r10-b, r15-b), which stop
    # inside their last task's attribution: that task is read with a warning, and the gold, by the
    # development set's conventions, leaves it out.
    extra = {
        name: r["tasks_parsed"] - r["tasks_gold"]
        for name, r in results
        if r["tasks_parsed"] != r["tasks_gold"]
    }
    assert all(name.startswith(("r10-b-", "r15-b-")) and n == 1 for name, n in extra.items()), extra
    assert pooled["task_recall"] == 1.0 and pooled["invented"] == 0
    assert pooled["recall"] >= 0.995 and pooled["f1"] >= 0.99, pooled
