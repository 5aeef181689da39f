"""CliRunner tests for analyze and export; exports read back with NetworkX."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from taskgraph.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def _json(runner, args):
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_analyze_units_json(runner, plan_path):
    """Units JSON rows carry the measures; 县发展改革局 12 and 县农业农村局 13 tasks led."""
    rows = _json(runner, ["analyze", str(plan_path)])
    led = {r["unit"]: r["tasks_led"] for r in rows}
    assert led["县发展改革局"] == 12 and led["县农业农村局"] == 13
    for key in (
        "betweenness",
        "eigenvector",
        "pagerank",
        "constraint",
        "brokerage_total",
        "brokerage_gatekeeper",
    ):
        assert key in rows[0]
    assert all(r["kind"] != "collective" for r in rows)


def test_analyze_leaders(runner, plan_path):
    """丁卫东 oversees 34 tasks."""
    rows = _json(runner, ["analyze", str(plan_path), "--view", "leaders"])
    assert (rows[0]["leader"], rows[0]["tasks"]) == ("丁卫东", 34)


def test_analyze_top_measure_columns(runner, plan_path):
    """--measure sorts, --top cuts, --columns chooses."""
    rows = _json(runner, ["analyze", str(plan_path), "-m", "tasks_led", "-n", "2", "-c", "unit,tasks_led"])
    assert rows == [{"unit": "县农业农村局", "tasks_led": 13}, {"unit": "县发展改革局", "tasks_led": 12}]


@pytest.mark.parametrize("view", ["tasks", "network", "joint"])
def test_analyze_other_views(runner, plan_path, view):
    """The tasks, network and joint views print tables."""
    result = runner.invoke(cli, ["analyze", str(plan_path), "--view", view])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) > 3


def test_analyze_bad_measure(runner, plan_path):
    """An unknown column is a usage error naming the columns."""
    result = runner.invoke(cli, ["analyze", str(plan_path), "-m", "nope"])
    assert result.exit_code == 2 and "coordination_load" in result.stderr


@pytest.mark.parametrize("view", ["units", "full", "dependencies", "leaders"])
def test_export_graphml_gexf_roundtrip(runner, plan_path, tmp_path, view):
    """GraphML and GEXF read back with the same nodes, edges and attributes, Chinese intact."""
    runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / "g.json"), "--view", view])
    original = nx.node_link_graph(
        json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="links"
    )
    for ext in ("graphml", "gexf"):
        out = tmp_path / f"g.{ext}"
        result = runner.invoke(cli, ["export", str(plan_path), "-o", str(out), "--view", view])
        assert result.exit_code == 0, result.output
        back = nx.read_graphml(out) if ext == "graphml" else nx.read_gexf(out)
        assert set(back.nodes) == set(original.nodes)
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in original.edges}
        for n, data in original.nodes(data=True):
            assert back.nodes[n]["label"] == data["label"]
            if view == "units":
                assert back.nodes[n]["tasks_led"] == data["tasks_led"]
                assert back.nodes[n]["betweenness"] == pytest.approx(data["betweenness"])


def test_export_gephi_csv(runner, plan_path, tmp_path):
    """The CSV export is a Gephi nodes/edges pair with Id/Label and Source/Target/Type/Weight."""
    result = runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / "units.csv")])
    assert result.exit_code == 0
    nodes = list(csv.DictReader(open(tmp_path / "units.nodes.csv", encoding="utf-8")))
    edges = list(csv.DictReader(open(tmp_path / "units.edges.csv", encoding="utf-8")))
    assert len(nodes) == 41 and {"Id", "Label", "coordination_load"} <= set(nodes[0])
    assert {"Source", "Target", "Type", "Weight"} <= set(edges[0]) and edges[0]["Type"] == "Undirected"
    assert "县发展改革局" in {n["Label"] for n in nodes}


def test_export_bad_extension(runner, plan_path, tmp_path):
    """An unknown export extension is a usage error."""
    result = runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / "g.docx")])
    assert result.exit_code == 2 and ".graphml" in result.stderr


def _units_by_label(runner, plan_path, tmp_path):
    result = runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 0, result.output
    graph = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="links")
    return {d["label"]: d for _, d in graph.nodes(data=True)}


def test_export_xlsx_and_dta_read_back_with_pandas(runner, plan_path, tmp_path):
    """The node table as .xlsx (nodes and edges sheets) and Stata .dta: 41 units, short ids with
    the IRI as an attribute, Chinese intact, the measures equal to the graph's; in Stata the
    reserved word `function` becomes `unit_function`, with no warning."""
    import pandas as pd

    units = _units_by_label(runner, plan_path, tmp_path)
    result = runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / "units.xlsx")])
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(tmp_path / "units.xlsx", sheet_name=None)
    assert set(sheets) == {"nodes", "edges"} and len(sheets["nodes"]) == 41
    assert {"Source", "Target", "Type", "Weight"} <= set(sheets["edges"].columns)
    result = runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / "units.dta")])
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr
    dta = pd.read_stata(tmp_path / "units.dta")
    for frame, function in ((sheets["nodes"], "function"), (dta, "unit_function")):
        row = frame.set_index("label").loc["县发展改革局"]
        assert row["id"] == "unit/莘县/县发展改革局" and row["iri"].endswith("/unit/莘县/县发展改革局")
        assert row["coordination_load"] == units["县发展改革局"]["coordination_load"] == 34
        assert row["tasks_led"] == 12 and row[function] == "development and reform"
        assert row["english"] == "County Development and Reform Bureau"


def test_export_csv_for_excel_has_a_byte_order_mark(runner, plan_path, tmp_path):
    """--excel writes UTF-8 with a BOM (Excel on Windows then reads the Chinese); without it, none."""
    for flag, name in ((["--excel"], "excel.csv"), ([], "plain.csv")):
        result = runner.invoke(cli, ["export", str(plan_path), "-o", str(tmp_path / name), *flag])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "excel.nodes.csv").read_bytes().startswith(b"\xef\xbb\xbfId,Label")
    assert (tmp_path / "plain.nodes.csv").read_bytes().startswith(b"Id,Label")
    assert "县发展改革局" in (tmp_path / "excel.nodes.csv").read_text(encoding="utf-8-sig")
