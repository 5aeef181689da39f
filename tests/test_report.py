"""taskgraph report: the whole pipeline into one folder."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli


@pytest.fixture(scope="module")
def report(tmp_path_factory, plan_path):
    out = tmp_path_factory.mktemp("report") / "out"
    result = CliRunner().invoke(cli, ["report", str(plan_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_report_files(report):
    """The folder holds Turtle, TriG, CSV, HTML, PNG, SVG, GraphML, GEXF, summary.md and index.html."""
    out, _ = report
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for expected in (
        "summary.md",
        "index.html",
        "plans.json",
        "assignments.csv",
        "rdf/graph.ttl",
        "rdf/graph.trig",
        "rdf/validation.txt",
        "tables/units.csv",
        "tables/leaders.csv",
        "tables/tasks.csv",
        "html/units.html",
        "html/full.html",
        "figures/coordination-load.png",
        "figures/leader-section.svg",
        "exports/units.gexf",
        "queries/lead-load.csv",
    ):
        assert expected in names, expected
    assert (out / "rdf" / "validation.txt").read_text(encoding="utf-8").startswith("conforms")


def test_summary_findings(report):
    """summary.md states the findings: heaviest load, portfolios, joint tasks, brokers, collectives."""
    out, _ = report
    text = (out / "summary.md").read_text(encoding="utf-8")
    for heading in (
        "Heaviest coordination load",
        "Leaders' portfolios",
        "Jointly led tasks",
        "Brokers",
        "How much falls on collectives",
    ):
        assert f"## {heading}" in text
    assert "16 of 92 tasks" in text
    assert "| 丁卫东 | 34 |" in text
    assert "县发展改革局 carries the heaviest load" in text


def test_index_links_everything(report):
    """index.html links every file the report wrote, by relative path."""
    out, _ = report
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in out.rglob("*"):
        if path.is_file() and path.name not in ("index.html", ".taskgraph.lock"):
            assert f'href="{path.relative_to(out).as_posix()}"' in index, path


def test_progress_on_stderr(report):
    """Progress lines go to stderr, one per stage."""
    _, result = report
    assert "building the knowledge graph" in result.stderr and "rendering" in result.stderr


def test_report_bad_plan(tmp_path):
    """A bad plan stops the report with one error line."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(cli, ["report", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "empty" in result.stderr


@pytest.mark.parametrize(
    "fixture",
    [
        "wellformed/predicates",
        "wellformed/table-one-cell-per-line",
        "wellformed/traditional",
        "wellformed/unnumbered",
    ],
)
def test_report_on_other_layouts(tmp_path, fixture):
    """Plans without leaders, from tables, in traditional characters or unnumbered still report fully."""
    from pathlib import Path

    path = Path(__file__).resolve().parent / "fixtures" / "plans" / f"{fixture}.txt"
    result = CliRunner().invoke(cli, ["report", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    assert (tmp_path / "out" / "index.html").exists() and (
        tmp_path / "out" / "figures" / "leader-section.png"
    ).exists()
    if result.exit_code == 1:
        assert "does not conform" in result.stderr and "lead unit" in (
            tmp_path / "out" / "rdf" / "validation.txt"
        ).read_text(encoding="utf-8")


def test_corpus_report(tmp_path, plan_path, plan_text):
    """A report on several plans writes each plan's report and a table comparing them side by side."""
    later = tmp_path / "shenxian-2025.txt"
    later.write_text(
        plan_text.replace("2024 年县政府工作报告", "2025 年县政府工作报告").replace("增长 6%", "增长 7%"),
        encoding="utf-8",
    )
    out = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["report", str(plan_path), str(later), "-o", str(out)])
    assert result.exit_code == 0, result.output
    import csv

    rows = list(csv.DictReader((out / "corpus.csv").open(encoding="utf-8")))
    assert [(r["jurisdiction"], r["year"], r["tasks"]) for r in rows] == [
        ("莘县", "2024", "92"),
        ("莘县", "2025", "92"),
    ]
    assert {
        "joint_leadership_share",
        "leader_span",
        "centralization",
        "collective_share",
        "top_function",
    } <= set(rows[0])
    assert (out / "plans" / "莘县-2024" / "summary.md").exists() and (
        out / "plans" / "莘县-2025" / "index.html"
    ).exists()
    assert list((out / "figures").glob("corpus.*"))


def test_corpus_report_without_a_report_each(tmp_path, plan_path, plan_text, monkeypatch):
    """--no-each-plan (and, by default, more than EACH_PLAN_LIMIT plans) writes the comparison
    alone, says so in the summary, and still lists every plan's parser warnings."""
    import taskgraph.report

    later = tmp_path / "shenxian-2025.txt"
    later.write_text(
        plan_text.replace("2024 年县政府工作报告", "2025 年县政府工作报告").replace("增长 6%", "增长 7%"),
        encoding="utf-8",
    )
    out = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["report", str(plan_path), str(later), "-o", str(out), "--no-each-plan"])
    assert result.exit_code == 0, result.output
    assert not (out / "plans").exists()
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "2 plans. No plan has a report of its own" in summary
    assert (out / "corpus.csv").exists() and (out / "rdf" / "corpus.trig").exists()

    monkeypatch.setattr(taskgraph.report, "EACH_PLAN_LIMIT", 1)  # the default follows the limit
    report = taskgraph.report.write_report([plan_path, later], tmp_path / "default")
    assert not (tmp_path / "default" / "plans").exists() and report.files
    report = taskgraph.report.write_report([plan_path, later], tmp_path / "forced", each_plan=True)
    assert (tmp_path / "forced" / "plans" / "莘县-2025" / "index.html").exists()


def test_report_folder_locked(tmp_path, plan_path):
    """A second run into a folder another run is writing is refused with one line, exit 1."""
    from taskgraph.safety import FolderLock

    out = tmp_path / "locked"
    with FolderLock(out):
        result = CliRunner().invoke(cli, ["report", str(plan_path), "-o", str(out)])
    assert result.exit_code == 1 and "another taskgraph run" in result.stderr


def test_the_index_carries_its_own_cjk_font(report):
    """index.html names the shipped CJK font, cut to its characters, for its text and its summary
    (a machine without a CJK font shows the Chinese too); nothing is fetched."""
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    out, _ = report
    page = (out / "index.html").read_text(encoding="utf-8")
    m = re.search(
        r'@font-face\{font-family:"taskgraph CJK";src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)', page
    )
    assert m and 'font-family:monospace,"taskgraph CJK"' in page
    cmap = TTFont(io.BytesIO(base64.b64decode(m.group(1)))).getBestCmap()
    shown = {ch for ch in page if "\u4e00" <= ch <= "\u9fff"}
    assert shown and all(ord(ch) in cmap for ch in shown)
    assert "http://" not in page and "https://" not in page.replace("https://w3id.org", "")
