"""A corpus of plans (issue 11): the same county across years, places side by side, compare.

The later year is derived from the Shen County plan the way a county's next plan differs: a
renamed bureau (recorded in an alias file), a unit written by its abbreviation, a changed
leader, tasks dropped and one added.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli
from taskgraph.corpus import Corpus, read_aliases, read_manifest
from taskgraph.errors import InputError, UsageError

REALPLANS = Path(__file__).resolve().parent / "fixtures" / "realplans" / "docs"


def later_year(text: str) -> str:
    """The Shen County plan as its 2025 successor: 县商务投资促进局 renamed 县商务局, 县发展改革局
    written 县发改局 in task 1, task 12's leader changed, tasks 90-92 dropped, a new task 90."""
    text = text.replace("2024 年县政府工作报告", "2025 年县政府工作报告").replace(
        "2024 年 1 月 20 日", "2025 年 1 月 18 日"
    )
    text = text.replace("县商务投资促进局", "县商务局")
    text = text.replace("牵头单位：县发\n\n展改革局", "牵头单位：县发改局", 1)
    text = text.replace("（牵头领导：魏晨清；", "（牵头领导：李华；")
    start, end = text.index("\n90.深化统计监督"), text.index("抄送：")
    new = "\n90.推进数字政府建设，上线“一网通办”事项300项。（牵头领导：丁卫东；牵头单位：县政府办公室；责任单位：县政府有关部门〔单位〕）\n"
    return text[:start] + new + text[end:]


@pytest.fixture(scope="module")
def years(tmp_path_factory, plan_path):
    folder = tmp_path_factory.mktemp("years")
    later = folder / "shenxian-2025.txt"
    later.write_text(later_year(plan_path.read_text(encoding="utf-8")), encoding="utf-8")
    aliases = folder / "aliases.csv"
    aliases.write_text("jurisdiction,from,to,since\n莘县,县商务投资促进局,县商务局,2025\n", encoding="utf-8")
    return plan_path, later, aliases


@pytest.fixture(scope="module")
def corpus(years):
    before, after, aliases = years
    return Corpus.read([before, after], aliases=aliases)


def test_two_years_two_plans(corpus):
    """Two plans of one county: jurisdiction, level and year read from each document."""
    infos = sorted(corpus.assignments.plans.values(), key=lambda p: p.year)
    assert [(p.jurisdiction, p.level, p.year) for p in infos] == [
        ("莘县", "county", 2024),
        ("莘县", "county", 2025),
    ]
    assert len(corpus.assignments.tasks) == 92 + 90


def test_one_unit_one_iri_across_years(corpus):
    """县发展改革局 (2024) and 县发改局 (2025) are one unit: one IRI, in both plans' rows."""
    units = corpus.units()
    rows = units[units.iri.str.endswith("/unit/莘县/县发展改革局")]
    assert sorted(rows.year) == [2024, 2025] and set(rows.unit) == {"县发展改革局"}
    G = corpus.view("units")
    assert sum(1 for _, d in G.nodes(data=True) if d["label"] in ("县发展改革局", "县发改局")) == 1


def test_every_row_names_its_plan(corpus):
    """With two plans loaded, query rows and tables carry plan, jurisdiction and year; lead-load
    counts each plan apart instead of adding the years up."""
    result = corpus.query("lead-load")
    assert result.columns[:3] == ("plan", "jurisdiction", "year")
    rows = [r for r in result.fetch() if r[3] == "县农业农村局"]
    assert sorted((r[2], r[4]) for r in rows) == [(2024, 13), (2025, 13)]
    assert {"plan", "jurisdiction", "level", "year"} <= set(corpus.leaders().columns)


def test_sum_by_year_and_function(corpus):
    """Tables sum across plans on request: by year, by level, by the function of a unit."""
    by_year = corpus.units(by="year")
    led = by_year[by_year.unit == "县农业农村局"].set_index("year").tasks_led
    assert led.to_dict() == {2024: 13, 2025: 13}
    by_function = corpus.units(by=["year", "function"])
    assert {"year", "function", "coordination_load", "plans"} <= set(by_function.columns)
    with pytest.raises(UsageError):
        corpus.units(by="colour")


def test_renaming_kept_as_history(corpus):
    """The alias file's renaming keeps both units and records the change (prov:wasRevisionOf, tg:since)."""
    rows = corpus.query(
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX tg: <https://w3id.org/taskgraph/ontology#> "
        "SELECT ?new ?old ?since WHERE { ?new prov:wasRevisionOf ?old . ?e a tg:Renaming ; tg:to ?new ; tg:since ?since }"
    ).fetch()
    assert [(n.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1], y) for n, o, y in rows] == [
        ("县商务局", "县商务投资促进局", 2025)
    ]


def test_compare_json(years, tmp_path):
    """compare OLD NEW: tasks matched by text (carried over, changed, new, dropped), units added and
    removed with the renaming shown as such, load and portfolios before and after."""
    before, after, aliases = years
    result = CliRunner().invoke(
        cli, ["compare", str(before), str(after), "--aliases", str(aliases), "--format", "json", "-q"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    tasks = data["tasks"]
    assert len(tasks["removed"]) == 3 and len(tasks["added"]) == 1
    assert tasks["added"][0]["text"].startswith("推进数字政府建设")
    assert len(tasks["matched"]) == 89
    assert sum(1 for m in tasks["matched"] if m["status"] == "changed") == 0
    assert data["units"]["renamed"] == [{"from": "县商务投资促进局", "to": "县商务局", "since": 2025}]
    assert "县商务局" not in data["units"]["added"] and "县商务投资促进局" not in data["units"]["removed"]
    load = {r["unit"]: r for r in data["load"]}
    assert load["县商务投资促进局→县商务局"]["status"] == "renamed"
    assert load["县统计局"]["after"] is None and load["县统计局"]["status"] == "removed"
    portfolios = {r["leader"]: r for r in data["portfolios"]}
    assert portfolios["李华"]["status"] == "added" and portfolios["魏晨清"]["status"] == "removed"
    assert set(data["load"][0]) >= {"unit", "before", "after"}


def test_compare_table_and_figure(years, tmp_path):
    """compare prints a table and draws the change in load."""
    before, after, aliases = years
    figure = tmp_path / "change.png"
    result = CliRunner().invoke(
        cli, ["compare", str(before), str(after), "--aliases", str(aliases), "--figure", str(figure), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "dropped" in result.stdout and "renamed" in result.stdout
    assert figure.stat().st_size > 1000


def test_same_document_twice(plan_path, tmp_path):
    """The same document given twice (a copy under another name) is loaded once, with a warning."""
    copy = tmp_path / "copy-of-plan.txt"
    copy.write_bytes(plan_path.read_bytes())
    result = CliRunner().invoke(cli, ["build", str(plan_path), str(copy), "-o", str(tmp_path / "g.nq")])
    assert result.exit_code == 0 and "1 plan(s), 92 tasks" in result.stderr
    assert "the same document as" in result.stderr


def test_manifest_overrides(plan_path, tmp_path):
    """A manifest row (path,jurisdiction,level,year) overrides what the document says."""
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        f"path,jurisdiction,level,year\n{plan_path},莘县（测试）,county,2023\n", encoding="utf-8"
    )
    corpus = Corpus.read([plan_path], manifest=manifest)
    assert (corpus.plans[0].jurisdiction, corpus.plans[0].year) == ("莘县（测试）", 2023)
    bad = tmp_path / "bad.csv"
    bad.write_text("path,jurisdiction,level,year\nx.txt,甲,galaxy,2024\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown level 'galaxy'") as info:
        read_manifest(bad)
    assert info.value.line == 2


def test_alias_file_errors(tmp_path):
    """An alias file without its columns, or with a bad year, is one clear error naming the line."""
    bad = tmp_path / "aliases.csv"
    bad.write_text("jurisdiction,from\n莘县,县商务投资促进局\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing to"):
        read_aliases(bad)
    bad.write_text("jurisdiction,from,to,since\n莘县,甲局,乙局,twenty\n", encoding="utf-8")
    with pytest.raises(InputError, match="since must be a year") as info:
        read_aliases(bad)
    assert info.value.line == 2


def test_places_side_by_side(tmp_path):
    """Plans of several places and levels: one row per plan and unit; summed by level."""
    paths = []
    for slug in ("tongchuan-2025", "huzhou-changxing-2023", "guangdong-province-2021"):
        lines = (REALPLANS / f"{slug}.txt").read_text(encoding="utf-8").splitlines(keepends=True)
        path = tmp_path / f"{slug}.txt"
        path.write_text(
            "".join(ln for ln in lines if not ln.startswith(("# source:", "# format:"))), encoding="utf-8"
        )
        paths.append(path)
    corpus = Corpus.read(paths)
    levels = corpus.units(by="level")
    assert set(levels.level) == {"city", "county", "province"}
    assert {p.jurisdiction for p in corpus.assignments.plans.values()} == {"铜川市", "长兴县", "广东省"}


EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


@pytest.fixture(scope="module")
def places():
    """The nine bundled plans of other governments, State Council to district, with their manifest."""
    return Corpus.read([], manifest=EXAMPLES / "manifest.csv")


def test_sum_by_level_keeps_views_and_years_apart(places):
    """Summing the network table by level sums each view on its own and never adds up years."""
    network = places.network(by="level")
    assert set(network.columns) >= {"level", "view", "nodes", "plans"}
    assert "year" not in network.columns
    assert len(network) == len(set(zip(network.level, network.view)))
    city_units = network[(network.level == "city") & (network.view == "units")].iloc[0]
    per_plan = places.network()
    expected = per_plan[(per_plan.level == "city") & (per_plan.view == "units")]
    assert city_units.nodes == expected.nodes.sum() and city_units.plans == len(expected) == 3


def test_sum_by_function_counts_plans_and_units(places):
    """A row per function: the plans naming such a unit, the distinct units (by IRI), summed load."""
    units = places.units()
    table = places.units(by="function").set_index("function")
    dev = units[units.function == "development and reform"]
    assert table.loc["development and reform", "plans"] == dev.plan.nunique()
    assert table.loc["development and reform", "units"] == dev.iri.nunique()
    assert table.loc["development and reform", "coordination_load"] == pytest.approx(
        dev.coordination_load.sum()
    )
    assert table["coordination_load"].is_monotonic_decreasing


def test_numbers_stay_numbers_when_a_plan_has_no_unit(places):
    """The State Council excerpt names only collectives: the other plans' columns stay numeric."""
    units = places.units()
    assert units.coordination_load.dtype.kind == "f" and units.tasks_led.dtype.kind in "iu"


@pytest.mark.slow
def test_compare_is_the_same_under_any_hash_seed():
    """Rows of equal load come in one order whatever Python's hash seed (sets are never the order)."""
    import os
    import subprocess
    import sys

    args = [sys.executable, "-m", "taskgraph.cli", "compare", str(EXAMPLES / "zhejiang-province-2020.txt"),
            str(EXAMPLES / "zhejiang-province-2023-page7.txt"), "--format", "csv", "-q"]  # fmt: skip
    outputs = {
        subprocess.run(
            args, capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_the_views_of_a_store_are_not_bound_by_the_query_time_limit(tmp_path, monkeypatch, plan):
    """The library's own reading of an on-disk store (assignments, for every view) runs without
    the limit that guards a user's query: on 10,000 plans it takes minutes, and analyze failed."""
    import taskgraph.store

    Corpus([plan]).write_store(tmp_path / "store")
    monkeypatch.setattr(taskgraph.store, "DEFAULT_TIMEOUT", 1e-9)
    corpus = Corpus.open(tmp_path / "store")
    assert corpus.units().set_index("unit").loc["县发展改革局", "tasks_led"] == 12
