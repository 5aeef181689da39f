"""The pages in a real headless Chromium with the network off.

Without Chromium or Playwright these tests skip on a developer's machine; with CI=true they
fail instead, since .ci/run installs Chromium.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from taskgraph.network import as_store, build_view, read_assignments
from taskgraph.parse import parse_plan
from taskgraph.render.html import write_html

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parent / "screenshots"


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


def _open(browser, path: Path):
    """Open a page from file:// with every other request blocked; return page, outside requests, errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, offline=True)
    outside: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("window.taskgraph && window.taskgraph.settled === true", timeout=90_000)
    return page, outside, errors


@pytest.fixture(scope="module")
def shen(plan):
    return read_assignments(as_store(plan))


@pytest.mark.parametrize("view", ["full", "units", "dependencies", "leaders"])
def test_view_opens_offline(browser, shen, tmp_path, view):
    """Each view opens from file://, logs no error, asks nothing of the network, draws every node."""
    G = build_view(shen, view)
    path = write_html(G, tmp_path / f"{view}.html", title=f"莘县 {view}")
    page, outside, errors = _open(browser, path)
    assert outside == [] and errors == []
    assert page.evaluate("window.taskgraph.nodes.length") == G.number_of_nodes()
    assert page.evaluate("window.taskgraph.view.length") == G.number_of_nodes()
    assert page.evaluate("document.querySelector('#graph canvas') !== null")
    assert page.evaluate("document.fonts.check('14px TaskgraphCJK')")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"shenxian-{view}.png"))
    assert (SHOTS / f"shenxian-{view}.png").stat().st_size > 20_000


def test_filters_and_search(browser, shen, tmp_path):
    """Unticking a kind hides its nodes; choosing a section keeps only its nodes; search shows details."""
    G = build_view(shen, "full")
    page, _, errors = _open(browser, write_html(G, tmp_path / "full.html"))
    tasks = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "task")
    page.uncheck("input[data-kind=task]")
    assert page.evaluate("window.taskgraph.view.length") == G.number_of_nodes() - tasks
    page.check("input[data-kind=task]")
    page.select_option("#section", "一、主要预期目标")
    shown = page.evaluate("window.taskgraph.view.getIds().length")
    assert 3 < shown < 20
    page.fill("#search", "县财政局")
    page.click("#search-go")
    assert page.text_content("#details").startswith("县财政局")
    assert errors == []


def test_hostile_markup_stays_text(browser, tmp_path):
    """A plan whose text holds <script> and <img onerror> renders them as text; nothing runs."""
    text = (
        "一、目标\n1.推进<script>window.pwned=1</script>工作。"
        '（牵头领导：张三；牵头单位：县<img src=x onerror="window.pwned=2">局；责任单位：县财政局）\n'
    )
    G = build_view(read_assignments(as_store(parse_plan(text))), "full")
    page, outside, errors = _open(browser, write_html(G, tmp_path / "hostile.html"))
    assert page.evaluate("window.pwned === undefined")
    page.fill("#search", "任务1")
    page.click("#search-go")
    details = page.text_content("#details")
    assert "<script>window.pwned=1</script>" in details
    assert page.evaluate("document.querySelectorAll('#details *, #side img').length") == 0
    assert outside == [] and errors == []
