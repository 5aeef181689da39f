"""Every command on hostile and unusual input (issue 14), run as a user runs them.

The module-level safety pieces are pinned in ``tests/safety``; here each case of the issue goes
through the command line: one line on stderr naming the file and the fault with exit 1, exit 2 for
wrong usage, exit 0 with empty tables for a graph with nothing to measure, and never a traceback.
"""

from __future__ import annotations

import json
import xml.dom.minidom
from pathlib import Path

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli

TITLE = "某县2024年政府工作报告重点工作任务分工方案\n\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def collectives_only(tmp_path: Path) -> Path:
    """A plan whose every party is a collective: no unit, so no edge in any view."""
    return write(
        tmp_path,
        "collectives.txt",
        TITLE
        + "1. 推进乡村振兴。\n牵头单位：各镇人民政府\n2. 抓好安全生产。\n责任单位：各镇人民政府、各街道办事处\n",
    )


@pytest.fixture
def foaf(tmp_path: Path) -> Path:
    """RDF with no task in it at all."""
    return write(
        tmp_path,
        "foaf.ttl",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<http://ex.org/a> foaf:knows <http://ex.org/b> .\n",
    )


# -- graphs with nothing to measure ------------------------------------------------------------


@pytest.mark.parametrize("source", ["collectives_only", "foaf"])
def test_analyze_an_edgeless_graph_gives_empty_tables(source: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(source)
    for view in ("units", "leaders", "network", "joint"):
        code, out, err = run("analyze", path, "--view", view, "--format", "json", "-q")
        assert code == 0, err
        rows = json.loads(out)
        assert isinstance(rows, list)
        if view == "units":
            assert rows == []


@pytest.mark.slow
@pytest.mark.parametrize("source", ["collectives_only", "foaf"])
def test_export_render_figures_report_on_an_edgeless_graph(
    source: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = request.getfixturevalue(source)
    code, _, err = run("export", path, "-o", tmp_path / "g.graphml", "-q")
    assert code == 0, err
    xml.dom.minidom.parse(str(tmp_path / "g.graphml"))
    code, _, err = run("render", path, "-o", tmp_path / "g.html", "-q")
    assert code == 0, err
    assert "</html>" in (tmp_path / "g.html").read_text(encoding="utf-8")
    code, _, err = run("figures", path, "-o", tmp_path / "figures", "-q")
    assert code == 0, err
    code, _, err = run("report", path, "-o", tmp_path / "report", "-q")
    assert code == 0, err
    assert (tmp_path / "report" / "index.html").exists()
    units = (tmp_path / "report" / "tables" / "units.csv").read_text(encoding="utf-8-sig")
    assert len(units.strip().splitlines()) == 1  # the header only


def test_an_empty_plan_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "")
    for args in (("parse",), ("build", "-o", tmp_path / "x.ttl"), ("analyze",)):
        code, _, err = run(args[0], path, *args[1:])
        assert code == 1
        assert err.strip().splitlines() == [f"Error: {path}: the file is empty"]


# -- names a figure would read as mathtext ------------------------------------------------------


def test_dollar_names_are_drawn_literally(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        "dollar.txt",
        TITLE + "1. 推进乡村振兴。\n牵头单位：县$x^2$局\n责任单位：县$\\alpha$办、县财政局\n"
        "2. 抓好安全生产。\n牵头单位：县应急局\n责任单位：县$x^2$局\n",
    )
    code, _, err = run("figures", plan, "-o", tmp_path / "figures", "--format", "svg", "-q")
    assert code == 0, err
    svg = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "figures").glob("*.svg"))
    assert "县$x^2$局" in svg


# -- usage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["not an iri", "relative/path/", "http://ex.org/a b/", "urn:x<y>"])
def test_a_bad_base_is_wrong_usage(base: str, plan_path: Path, tmp_path: Path) -> None:
    code, _, err = run("build", plan_path, "--base", base, "-o", tmp_path / "x.ttl", "-q")
    assert code == 2
    assert "--base" in err
    assert not (tmp_path / "x.ttl").exists()


# -- network and queries ---------------------------------------------------------------------------


def test_service_is_refused_in_one_line(plan_path: Path) -> None:
    code, out, err = run(
        "query", plan_path, "-q", "-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    )
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "SERVICE" in err


def test_a_remote_json_ld_context_is_refused_by_every_reader(tmp_path: Path) -> None:
    doc = write(
        tmp_path,
        "ctx.jsonld",
        json.dumps({"@context": "http://127.0.0.1:9/c", "@id": "http://ex/a", "name": "x"}),
    )
    for args in (("validate", doc), ("query", doc, "-e", "SELECT * {?s ?p ?o}"), ("analyze", doc)):
        code, _, err = run(*args)
        assert code == 1, args
        assert err.strip().splitlines() == [
            f"Error: {doc}: JSON-LD context 'http://127.0.0.1:9/c' is not fetched: taskgraph never reaches "
            "the network or other files; put the context inline"
        ]


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://ex.org/">
<rdf:Description rdf:about="http://ex.org/x"><e:p>&d;&d;&d;&d;&d;&d;&d;&d;</e:p></rdf:Description></rdf:RDF>
"""


def test_entity_expansion_is_refused_by_every_command(tmp_path: Path) -> None:
    doc = write(tmp_path, "laughs.rdf", LAUGHS)
    for args in (
        ("query", doc, "-e", "SELECT * {?s ?p ?o}"),
        ("validate", doc),
        ("analyze", doc),
        ("build", doc, "-o", tmp_path / "x.nt"),
    ):
        code, _, err = run(*args)
        assert code == 1, args
        assert len(err.strip().splitlines()) == 1 and str(doc) in err and "entit" in err.lower()


def test_a_runaway_query_stops_at_the_timeout(plan_path: Path) -> None:
    code, _, err = run(
        "query", plan_path, "-q", "--timeout", "1", "-e",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    )  # fmt: skip
    assert code == 1
    assert err.strip() == "Error: the query ran longer than 1 s and was stopped (raise --timeout)"


def test_an_endless_file_is_refused_at_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    monkeypatch.setenv("TASKGRAPH_MAX_BYTES", str(2 * 1024 * 1024))
    code, _, err = run("parse", "/dev/zero")
    assert code == 1
    assert (
        err.strip() == "Error: /dev/zero: larger than the limit of 2 MB; set TASKGRAPH_MAX_BYTES to read it"
    )
    monkeypatch.setenv("TASKGRAPH_MAX_BYTES", "1000")
    code, _, err = run("query", "/dev/zero", "-e", "SELECT * {?s ?p ?o}")
    assert code == 1
    assert (
        err.strip()
        == "Error: /dev/zero: larger than the limit of 1,000 bytes; set TASKGRAPH_MAX_BYTES to read it"
    )


# -- text that would be lost or misread -------------------------------------------------------------


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,002 tasks; every hundredth names units with zero-width joiners, control characters and
    a form feed; every task has Latin words with spaces and a cell a spreadsheet would evaluate."""
    lines = [TITLE.strip(), ""]
    for i in range(1, 1003):
        lines.append(f"{i}. 推进第{i}项工作，建设 cloud computing 中心。")
        if i % 100 == 1:
            lines.append("牵头单位：县财政\u200d局、县发改局\x1b\ufffe")
            lines.append('责任单位：=HYPERLINK("x")局、县\u200b农业农村局\f')
        else:
            lines.append("牵头单位：县财政局、@SUM(1)局")
            lines.append("责任单位：县农业农村局")
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def long_tasks(long_plan: Path) -> list[dict]:
    code, out, err = run("parse", long_plan, "--format", "json", "-q")
    assert code == 0, err
    return json.loads(out)["documents"][0]["tasks"]


def test_a_thousand_and_more_tasks_are_all_read(long_tasks: list[dict]) -> None:
    assert len(long_tasks) == 1002
    assert [t["number"] for t in long_tasks[-3:]] == ["1000", "1001", "1002"]
    assert all(t["text"].startswith(f"推进第{t['number']}项工作") for t in long_tasks)


def test_form_feeds_do_not_shift_line_numbers(long_tasks: list[dict]) -> None:
    assert [t["line"] for t in long_tasks] == [3 + 3 * i for i in range(1002)]


def test_spaces_between_latin_words_are_kept(long_tasks: list[dict]) -> None:
    assert all("cloud computing" in t["text"] for t in long_tasks)


def test_invisible_and_control_characters_leave_names(long_tasks: list[dict]) -> None:
    names = {p["name"] for t in long_tasks for role in ("lead_units", "responsible_units") for p in t[role]}
    assert names == {"县财政局", "县发改局", "@SUM(1)局", '=HYPERLINK("x")局', "县农业农村局"}


def test_formula_cells_are_made_safe_in_csv(long_plan: Path) -> None:
    code, out, _ = run("parse", long_plan, "--format", "csv", "-q")
    assert code == 0
    cells = [cell for line in out.splitlines() for cell in line.split(",")]
    assert not any(c.lstrip('"').startswith(("=", "@", "+")) for c in cells)
    assert "'=HYPERLINK" in out and "'@SUM(1)局" in out


@pytest.mark.parametrize("suffix", [".rdf", ".graphml", ".gexf"])
def test_xml_outputs_are_well_formed_whatever_the_text(long_plan: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    command = "build" if suffix == ".rdf" else "export"
    code, _, err = run(command, long_plan, "-o", out, "-q")
    assert code == 0, err
    xml.dom.minidom.parse(str(out))


# -- writes ---------------------------------------------------------------------------------------------


def test_an_output_symlink_is_refused_and_its_target_kept(plan_path: Path, tmp_path: Path) -> None:
    target = write(tmp_path, "target.txt", "keep")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    code, _, err = run("build", plan_path, "-o", link, "-q")
    assert code == 1 and "symbolic link" in err
    assert target.read_text(encoding="utf-8") == "keep"


def test_a_report_folder_being_written_is_refused(plan_path: Path, tmp_path: Path) -> None:
    from taskgraph.safety import FolderLock

    with FolderLock(tmp_path / "report"):
        code, _, err = run("report", plan_path, "-o", tmp_path / "report", "-q")
    assert code == 1 and "another" in err.lower()
    assert not (tmp_path / "report" / "index.html").exists()


@pytest.mark.slow
def test_names_never_become_html_in_the_summary(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        "html.txt",
        TITLE + "1. 推进<script>alert(1)</script>工作。\n牵头单位：县<b>财政</b>局\n责任单位：县`发改`局\n",
    )
    code, _, err = run("report", plan, "-o", tmp_path / "report", "-q")
    assert code == 0, err
    summary = (tmp_path / "report" / "summary.md").read_text(encoding="utf-8")
    assert "<b>" not in summary and "<script" not in summary
    assert "县&lt;b&gt;财政&lt;/b&gt;局" in summary
    for page in (tmp_path / "report").rglob("*.html"):
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8")
