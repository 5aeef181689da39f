"""The HTML page and the figures, checked without a browser (see test_browser.py for one)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from taskgraph.cli import cli
from taskgraph.errors import UsageError
from taskgraph.network import as_store, build_view, read_assignments
from taskgraph.parse import parse_plan
from taskgraph.render.fonts import font_path, matplotlib_font
from taskgraph.render.html import render_html

# A reference that would make the browser fetch something from the web.
REMOTE = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I
)

HOSTILE = (
    "一、目标\n1.推进<script>window.pwned=1</script>工作</script><!--。"
    '（牵头领导：张三；牵头单位：县<img src=x onerror="window.pwned=2">局；责任单位：县财政局）\n'
)


@pytest.fixture(scope="module")
def shen(plan):
    return read_assignments(as_store(plan))


def _payload(html: str) -> dict:
    block = re.search(
        r'<script id="taskgraph-data" type="application/json">(.*?)</script>', html, re.S
    ).group(1)
    return json.loads(block)


@pytest.mark.parametrize("view", ["full", "units", "dependencies", "leaders", "coleaders"])
def test_page_is_self_contained(shen, view):
    """Each view's page references nothing on the web and carries every node in its data."""
    G = build_view(shen, view)
    html = render_html(G, title="t")
    assert not REMOTE.search(html)
    assert "vis.Network" in html and "@font-face" in html and "data:font/ttf;base64," in html
    assert len(_payload(html)["nodes"]) == G.number_of_nodes()


def test_hostile_text_cannot_close_the_data_block():
    """'</script>' and '<img onerror>' in a plan stay inside the JSON data as text."""
    G = build_view(read_assignments(as_store(parse_plan(HOSTILE))), "full")
    html = render_html(G)
    block = html.split('<script id="taskgraph-data" type="application/json">')[1].split("</script>")[0]
    assert "<" not in block  # every '<' of the data is escaped, so no tag can start or end in it
    assert "<img src=x" not in html
    tooltips = " ".join(n["tooltip"] for n in _payload(html)["nodes"])
    assert (
        "<script>window.pwned=1</script>" in tooltips and '<img src=x onerror="window.pwned=2">' in tooltips
    )


def test_unknown_size_measure(shen):
    """Sizing by a measure the nodes do not have is a usage error listing the ones they have."""
    from taskgraph.analysis import unit_table
    from taskgraph.export import attach_measures

    G = attach_measures(build_view(shen, "units"), unit_table(shen))
    with pytest.raises(UsageError, match="coordination_load"):
        render_html(G, size_by="nope")
    assert "coordination_load" in render_html(G, size_by="coordination_load")


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


def test_cjk_font_resolves():
    """The shipped CJK font is what matplotlib finds for its family, and it has glyphs for unit names."""
    family = matplotlib_font()
    assert str(font_path()) in {f.fname for f in font_manager.fontManager.ttflist}
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    for path in (found, str(font_path())):
        font = FT2Font(str(path))
        assert all(font.get_char_index(ord(ch)) for ch in "县发展改革局农业农村丁卫东莘")


def test_figures(shen, tmp_path):
    """figures writes PNG and SVG of the three charts; SVG glyphs are outlines, not font names."""
    result = CliRunner().invoke(cli, ["figures", str(tmp_path / "in.txt")])
    assert result.exit_code == 2  # -o is required
    from taskgraph.render.figures import write_figures

    paths = write_figures(shen, tmp_path / "figs")
    names = sorted(p.name for p in paths)
    assert names == sorted(
        f"{n}.{e}"
        for n in ("coordination-load", "leader-section", "degree-distribution")
        for e in ("png", "svg")
    )
    for p in paths:
        assert p.stat().st_size > 5_000
    svg = (tmp_path / "figs" / "coordination-load.svg").read_text(encoding="utf-8")
    assert 'id="DroidSansFallback-' in svg  # Chinese glyphs drawn as outlines from the shipped font
