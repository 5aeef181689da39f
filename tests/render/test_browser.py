"""The pages in a real headless Chromium with the network off.

Without Chromium or Playwright these tests skip on a developer's machine; with CI=true they
fail instead, since .ci/run installs Chromium. Playwright never downloads a browser here: it
drives Debian's Chromium. Screenshots go to tests/screenshots/ (ignored by git) to be looked at.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

from taskgraph.corpus import Corpus
from taskgraph.export import measured_view
from taskgraph.network import to_networkx
from taskgraph.parse import parse_plan
from taskgraph.render.html import VIEW_SUBTITLES, write_html

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parent.parent / "screenshots"
VIEWS = ["full", "units", "dependencies", "leaders", "coleaders"]
SIZE = {
    "units": "coordination_load",
    "dependencies": "coordination_load",
    "leaders": "tasks",
    "coleaders": "tasks",
}


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def corpus(plan_path):
    return Corpus.read([plan_path])


@pytest.fixture(scope="module")
def pages(corpus, tmp_path_factory):
    """The five views of the Shen County plan written as pages, as `taskgraph render` writes them."""
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for view in VIEWS:
        G = measured_view(corpus, view)
        out[view] = (
            G,
            write_html(G, folder / f"{view}.html", SIZE.get(view), f"莘县 — {view}", VIEW_SUBTITLES[view]),
        )
    return out


class Page:
    """A page opened from file:// with every other request blocked and recorded."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append("dialog: " + d.message), d.dismiss()))
        self.page.goto(path.as_uri(), wait_until="load")

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def close(self) -> None:
        self.context.close()


def _drawn_pixels(png: bytes) -> int:
    """Pixels of a screenshot that are not the white background (nodes, edges, labels)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(count for level, count in enumerate(image.histogram()) if level < 230)


@pytest.mark.parametrize("view", VIEWS)
def test_first_frame_shows_the_graph(browser, pages, view):
    """A screenshot taken right after load shows drawn nodes in the canvas, with no request or error."""
    G, path = pages[view]
    p = Page(browser, path)
    box = p.page.locator("#graph").bounding_box()
    png = p.page.screenshot(clip=box)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / f"shenxian-{view}.png").write_bytes(p.page.screenshot())
    assert _drawn_pixels(png) > 3000, "the canvas is blank right after load"
    # The nodes in the first frame are where the data put them: drawn from precomputed positions.
    first = p.js("window.taskgraph.view.getIds()[0]")
    data = p.js(f"window.taskgraph.nodes[{first}]")
    at = p.js(f"window.taskgraph.network.getPositions([{first}])[{first}]")
    if p.js("window.taskgraph.section()") < 0:
        assert at["x"] == pytest.approx(data["x"], abs=1) and at["y"] == pytest.approx(data["y"], abs=1)
    assert p.js("window.taskgraph.settled") is True and p.js("window.taskgraph.labelsDrawn") > 0
    assert p.js("document.fonts.check('14px TaskgraphCJK', '县发展改革局')")
    assert p.js("window.taskgraph.nodes.length") == G.number_of_nodes()
    assert p.outside == [] and p.errors == []
    p.close()


def test_printed_page_shows_the_graph(browser, pages):
    """With print styles on (controls hidden), the page still shows the drawn graph."""
    p = Page(browser, pages["units"][1])
    p.page.emulate_media(media="print")
    assert p.js("getComputedStyle(document.getElementById('controls')).display") == "none"
    box = p.page.locator("#graph").bounding_box()
    assert _drawn_pixels(p.page.screenshot(clip=box)) > 3000
    assert p.outside == [] and p.errors == []
    p.close()


def test_colour_modes_switch_with_their_legend(browser, pages):
    """The units view opens coloured by kind of unit; switching to function and community recolours the
    nodes and lists functions, then communities, in the legend."""
    p = Page(browser, pages["units"][1])
    ndrc = p.js("window.taskgraph.indexOf('县发展改革局')")
    colour = f"window.taskgraph.view.get({ndrc}).color.background"
    legend = p.page.locator("#legend")
    assert "government department 政府工作部门" in legend.inner_text()
    assert "development zone or park administration" in legend.inner_text()
    by_kind = p.js(colour)
    p.page.check("input[data-mode=function]")
    assert "development and reform 发展改革" in legend.inner_text()
    by_function = p.js(colour)
    p.page.check("input[data-mode=community]")
    assert "community 1 社群" in legend.inner_text()
    assert len({by_kind, by_function, p.js(colour)}) >= 2
    zone = p.js("window.taskgraph.indexOf('县化工产业园服务中心')")
    assert p.js(f"window.taskgraph.view.get({zone}).color.background") == p.js(colour)  # same community 1
    assert p.outside == [] and p.errors == []
    p.close()


def test_full_view_shows_one_section_by_default(browser, pages):
    """The full view opens on one section, its selector says which, and (all) shows every node."""
    G, path = pages["full"]
    p = Page(browser, path)
    shown = p.js("window.taskgraph.view.length")
    assert 20 < shown < G.number_of_nodes() / 2
    assert p.page.locator("#section option:checked").inner_text().strip().startswith("（二）聚焦科技创新")
    p.page.select_option("#section", "-1")
    assert p.js("window.taskgraph.view.length") == G.number_of_nodes()
    p.page.select_option("#section", label="一、主要预期目标 (3)")
    assert 3 < p.js("window.taskgraph.view.length") < 20
    assert p.outside == [] and p.errors == []
    p.close()


def test_tooltip_names_overseer_and_coordination_load(browser, pages):
    """Hovering over 县发展改革局 shows a tooltip naming its overseer 丁卫东 and its coordination load 34."""
    p = Page(browser, pages["units"][1])
    ndrc = p.js("window.taskgraph.indexOf('县发展改革局')")
    box = p.page.locator("#graph").bounding_box()
    at = p.js(f"window.taskgraph.domPosition({ndrc})")
    p.page.mouse.move(box["x"] + at["x"] - 5, box["y"] + at["y"] - 5)
    p.page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    tip = p.page.locator("#tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    assert text.startswith("县发展改革局\nCounty Development and Reform Bureau")
    assert "overseeing leader 分管领导（推断）: 丁卫东" in text
    assert "coordination load index 协调负荷指数: 34\nThe coordination a unit's assignments demand" in text
    assert "betweenness centrality" in text and "Louvain community" in text
    SHOTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(SHOTS / "shenxian-units-tooltip.png"))
    assert p.outside == [] and p.errors == []
    p.close()


def test_no_request_leaves_the_page(browser, pages):
    """Searching, filtering, switching sections and colours, hovering and zooming ask nothing of the network."""
    G, path = pages["full"]
    p = Page(browser, path)
    tasks = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "task")
    p.page.select_option("#section", "-1")
    p.page.uncheck("input[data-kind=task]")
    assert p.js("window.taskgraph.view.length") == G.number_of_nodes() - tasks
    p.page.check("input[data-kind=task]")
    p.page.check("input[data-mode=community]")
    p.page.fill("#search", "县财政局")
    p.page.click("#search-go")
    assert p.page.text_content("#details").startswith("县财政局")
    box = p.page.locator("#graph").bounding_box()
    p.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    p.page.mouse.wheel(0, -400)
    p.page.click("#fit")
    assert p.outside == [] and p.errors == []
    p.close()


def test_hostile_markup_stays_text(browser, tmp_path):
    """A plan whose names and text hold <script> and <img onerror> shows them as text; nothing runs."""
    text = (
        "一、目标\n1.推进<script>window.pwned=1</script>工作。"
        "（牵头领导：张三；牵头单位：县<img src=x onerror=alert(1)>局；责任单位：县财政局）\n"
    )
    G = to_networkx(parse_plan(text), "full")
    p = Page(browser, write_html(G, tmp_path / "hostile.html", title="<img src=x onerror=alert(3)>"))
    assert p.js("window.pwned === undefined")
    p.page.fill("#search", "任务1")
    p.page.click("#search-go")
    details = p.page.text_content("#details")
    assert "<script>window.pwned=1</script>" in details and "<img src=x onerror=alert(1)>" in details
    assert p.js("document.querySelectorAll('img, #details script, #tooltip script').length") == 0
    assert p.page.title() == "<img src=x onerror=alert(3)>"
    assert p.outside == [] and p.errors == []
    p.close()


def test_a_large_view_draws_from_the_first_frame(browser, corpus, tmp_path):
    """A units view of 10,000 nodes opens drawn, with labels, and switches colour without error."""
    G = nx.disjoint_union_all([measured_view(corpus, "units")] * 244)
    G.graph["view"] = "units"
    p = Page(browser, write_html(G, tmp_path / "big.html", "coordination_load"))
    box = p.page.locator("#graph").bounding_box()
    assert _drawn_pixels(p.page.screenshot(clip=box)) > 20_000
    assert p.js("window.taskgraph.view.length") == 10_004 and p.js("window.taskgraph.labelsDrawn") > 20
    p.page.check("input[data-mode=community]")
    assert p.outside == [] and p.errors == []
    p.close()
