"""The interactive page, checked without a browser (tests/render/test_browser.py opens it in one)."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser

import networkx as nx
import pytest
from click.testing import CliRunner

from taskgraph.cli import cli
from taskgraph.corpus import Corpus
from taskgraph.errors import UsageError
from taskgraph.export import measured_view
from taskgraph.render.html import layout, page_data, render_html, tooltip, write_html

VIEWS = ["full", "units", "dependencies", "leaders", "coleaders"]
# A reference that would make the browser fetch something: src/href/url() to a host, @import.
REMOTE = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I
)
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def corpus(plan_path):
    return Corpus.read([plan_path])


def _payload(html: str) -> dict:
    block = re.search(r'<script id="taskgraph-data" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    return json.loads(block.group(1))


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


@pytest.mark.parametrize("view", VIEWS)
def test_page_parses_and_is_self_contained(corpus, view):
    """Each view's page parses, references nothing on the web and carries every node in its data."""
    G = measured_view(corpus, view)
    html = render_html(G, title="t")
    tags = _tags(html)
    assert [t for t, _ in tags].count("script") == 5 and ("div", {"id": "graph"}) in tags
    assert not REMOTE.search(html)
    assert not [a for _, a in tags if any(v and "//" in v for k, v in a.items() if k in ("src", "href"))]
    assert "vis.Network" in html and 'new FontFace("TaskgraphCJK"' in html
    assert re.search(
        r"<script id=\"taskgraph-font\" type=\"application/octet-stream\">[A-Za-z0-9+/=]{1000,}<", html
    )
    assert len(_payload(html)["nodes"]) == G.number_of_nodes()


def test_a_unit_named_with_markup_stays_text():
    """A unit named <img src=x onerror=alert(1)> is escaped in the page and kept whole in its data."""
    G = nx.Graph(view="units")
    G.add_node("a", label=HOSTILE, kind="unit", coordination_load=3.0)
    G.add_node("b", label="县财政局</script><script>alert(2)</script>", kind="unit", coordination_load=1.0)
    G.add_edge("a", "b", weight=1)
    html = render_html(G, "coordination_load", title=HOSTILE, subtitle=HOSTILE)
    assert "<img" not in html and "alert(2)</script>" not in html
    assert [t for t, _ in _tags(html)].count("img") == 0
    block = html.split('<script id="taskgraph-data" type="application/json">')[1].split("</script>")[0]
    assert "<" not in block  # every '<' of the data is escaped, so no tag can start or end in it
    data = _payload(html)
    assert data["nodes"][0]["label"] == HOSTILE and data["nodes"][0]["tip"][0] == HOSTILE
    assert data["title"] == HOSTILE and f"<title>{HOSTILE}</title>" not in html


@pytest.mark.parametrize("view", VIEWS)
def test_positions_are_in_the_data(corpus, view):
    """Every node has a finite position in the data, the same on every run, and no two coincide."""
    G = measured_view(corpus, view)
    data = page_data(G)
    points = [(n["x"], n["y"]) for n in data["nodes"]]
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points)
    assert len(set(points)) == len(points)
    assert page_data(G)["nodes"] == data["nodes"]


def test_layout_packs_components_apart():
    """Components are laid out alone and packed: their bounding boxes do not overlap."""
    G = nx.Graph([(f"a{i}", f"a{i + 1}") for i in range(12)] + [(f"b{i}", f"b{i + 1}") for i in range(6)])
    G.add_nodes_from(["c", "d"])
    pos = layout(G)
    boxes = []
    for prefix in ("a", "b", "c", "d"):
        xs = [p[0] for n, p in pos.items() if n.startswith(prefix)]
        ys = [p[1] for n, p in pos.items() if n.startswith(prefix)]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, p in enumerate(boxes):
        for q in boxes[i + 1 :]:
            assert p[2] < q[0] or q[2] < p[0] or p[3] < q[1] or q[3] < p[1]


def test_colour_legend_lists_functions(corpus):
    """The units view colours by kind of unit, function and community, each with a legend."""
    data = page_data(measured_view(corpus, "units"), "coordination_load")
    modes = {m["key"]: m for m in data["modes"]}
    assert list(modes) == ["kind", "function", "community"]
    kinds = [e["label"] for e in modes["kind"]["legend"]]
    assert kinds[0].startswith("government department") and any("development zone" in k for k in kinds)
    functions = [e["label"] for e in modes["function"]["legend"]]
    assert "development and reform 发展改革" in functions
    assert sum(e["count"] for e in modes["function"]["legend"]) == 41
    assert modes["community"]["legend"][0]["label"].startswith("community ")
    ndrc = next(n for n in data["nodes"] if n["label"] == "县发展改革局")
    entry = modes["function"]["legend"][ndrc["c"][1]]
    assert entry["label"].startswith("development and reform")


def test_leaders_and_tasks_keep_their_colours(corpus):
    """Leaders, tasks and sections have no colour-mode entry: they keep their own colour and shape."""
    data = page_data(measured_view(corpus, "full"))
    types = {t["kind"]: t for t in data["types"]}
    assert types["leader"]["shape"] == "star" and types["section"]["shape"] == "diamond"
    assert not any("c" in n for n in data["nodes"] if n["kind"] in ("leader", "task", "section"))
    collectives = page_data(measured_view(corpus, "units", collectives="include"))
    assert {t["kind"]: t["shape"] for t in collectives["types"]}["collective"] == "hexagon"


def test_full_view_opens_on_one_section(corpus):
    """The full view opens on its busiest innermost section, with a layout of its own."""
    G = measured_view(corpus, "full")
    data = page_data(G)
    first = data["defaultSection"]
    section = data["sections"][first]
    assert section["leaf"] and section["tasks"] == max(s["tasks"] for s in data["sections"] if s["leaf"])
    shown = [n for n in data["nodes"] if first in n.get("sec", [])]
    assert 20 < len(shown) < G.number_of_nodes() / 2
    assert len(data["layouts"][str(first)]) == 3 * len(shown)
    assert [s["label"] for s in data["sections"]][:2] == ["一、主要预期目标", "二、2024 年主要工作任务"]


def test_tooltip_of_a_unit_names_its_overseer_and_measures(corpus):
    """县发展改革局's tooltip names its overseer 丁卫东 and its coordination load 34, with definitions."""
    G = measured_view(corpus, "units")
    n = next(n for n, d in G.nodes(data=True) if d["label"] == "县发展改革局")
    lines = tooltip(G, n, "coordination_load")
    assert lines[:2] == ["县发展改革局", "County Development and Reform Bureau"]
    assert ["overseer", "丁卫东"] in lines and ["coordination_load", "34"] in lines
    assert {k for k, _ in (x for x in lines if isinstance(x, list))} >= {
        "tasks_led",
        "responsible",
        "betweenness",
        "community",
    }
    glossary = page_data(G, "coordination_load")["glossary"]
    assert glossary["coordination_load"]["definition"].startswith(
        "The coordination a unit's assignments demand"
    )


def test_tooltips_of_a_task_and_a_leader(corpus):
    """A task's tooltip gives its text and parties by role; a leader's its tasks and lead units."""
    G = measured_view(corpus, "full")
    task = next(n for n, d in G.nodes(data=True) if d["label"] == "任务5")
    lines = tooltip(G, task)
    assert lines[1].startswith("坚持重点项目领导帮包机制") and "牵头领导 lead leader: 丁卫东" in lines
    leader = next(n for n, d in G.nodes(data=True) if d["label"] == "丁卫东")
    lines = tooltip(G, leader)
    assert ["tasks", "34"] in lines and any(
        str(x).startswith("lead units (tasks): 县发展改革局 (12)") for x in lines
    )


def test_unknown_size_measure(corpus):
    """Sizing by a measure the nodes do not have is a usage error listing the ones they have."""
    G = measured_view(corpus, "units")
    with pytest.raises(UsageError, match="coordination_load"):
        render_html(G, size_by="nope")
    assert page_data(G, size_by="coordination_load")["sizeBy"] == "coordination_load"


def test_render_cli_writes_one_file(plan_path, tmp_path, monkeypatch):
    """render writes one UTF-8 file and no lib/ folder, even run from the output folder."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["render", str(plan_path), "-o", "g.html", "--view", "full", "--size-by", "degree"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html"]
    text = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "县发展改革局" in text and '<meta charset="utf-8">' in text


def test_ten_thousand_units_write_in_seconds(corpus, tmp_path):
    """A units view of 10,000 nodes (244 plans like Shen County's) is written in seconds, all placed."""
    base = measured_view(corpus, "units")
    G = nx.disjoint_union_all([base] * 244)
    G.graph["view"] = "units"
    start = time.perf_counter()
    path = write_html(G, tmp_path / "big.html", "coordination_load")
    seconds = time.perf_counter() - start
    assert G.number_of_nodes() == 10_004 and seconds < 30, seconds
    data = _payload(path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 10_004 and all(math.isfinite(n["x"]) for n in data["nodes"])


def test_same_page_under_any_hash_seed(plan_path):
    """The page's data does not depend on Python's hash seed: the same plan draws the same picture."""
    script = (
        "import hashlib, json, sys\n"
        "from taskgraph.corpus import Corpus\n"
        "from taskgraph.export import measured_view\n"
        "from taskgraph.render.html import page_data\n"
        "c = Corpus.read([sys.argv[1]])\n"
        "print(hashlib.sha256(json.dumps(page_data(measured_view(c, 'full')), sort_keys=True).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, str(plan_path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
