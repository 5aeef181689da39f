"""Figures for papers, read back from the files: PDF pages and text, SVG text and font, PNG dpi and caption."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from taskgraph.corpus import Corpus, Renaming
from taskgraph.parse import parse_plan
from taskgraph.render import figures
from taskgraph.render.figures import FigureOptions, load_change_figure, write_figures

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
DC = "{http://purl.org/dc/elements/1.1/}"
NAMES = ("coordination-load", "leader-section", "degree-distribution", "function-load")

# Three tasks in the shape of the Shen County plan: a joint task, a collective, a name with "$".
PLAN = """莘县2024年政府工作报告重点工作任务分工方案
一、主要预期目标
1.地区生产总值增长6%。（牵头领导：丁卫东；牵头单位：县发展改革局；责任单位：县财政局、县统计局）
二、2024年主要工作任务
（一）聚焦重点项目，持续厚植发展动能
2.推进重点项目建设。（牵头领导：丁卫东、万长荣；牵头单位：县发展改革局、县商务局；责任单位：各镇人民政府〔街道办事处〕、县财政局）
3.做好成本核算。（牵头领导：万长荣；牵头单位：县$x$局；责任单位：县财政局）
"""
# The same county a year before: 县商务局 not yet renamed, less load on 县发展改革局.
EARLIER = """莘县2023年政府工作报告重点工作任务分工方案
一、主要预期目标
1.地区生产总值增长5%。（牵头领导：丁卫东；牵头单位：县发展改革局；责任单位：县统计局）
2.外贸进出口稳中提质。（牵头领导：万长荣；牵头单位：县商务局；责任单位：县财政局）
"""


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus([parse_plan(PLAN)])


def svg_texts(path: Path) -> list[str]:
    """The text of every ``<text>`` element of an SVG (matplotlib writes one per line)."""
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_pdf_has_one_page_with_chinese_text_and_caption(corpus, tmp_path):
    """Each PDF is one page whose text holds the Chinese unit names, its Subject the caption."""
    import pdfplumber

    paths = write_figures(corpus, tmp_path, FigureOptions(formats=("pdf",)))
    assert [p.name for p in paths] == [f"{n}.pdf" for n in NAMES]
    with pdfplumber.open(tmp_path / "coordination-load.pdf") as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
        assert pdf.metadata["Subject"].startswith("分组拆分为其成员单位；不计集合性主体")
    for name in ("县发展改革局", "县商务局", "协调负荷最高的前"):
        assert name in text.replace("\n", "")
    raw = (tmp_path / "coordination-load.pdf").read_bytes()
    assert b"/FontFile2" in raw and re.search(
        rb"/BaseFont /[A-Z]{6}\+DroidSansFallback", raw
    )  # a Type 42 subset


def test_svg_keeps_text_editable_in_the_named_font_with_the_caption(corpus, tmp_path):
    """SVG text is ``<text>`` (not outlines) in Droid Sans Fallback; the caption is in ``<desc>`` and the metadata."""
    write_figures(corpus, tmp_path, FigureOptions(formats=("svg",)))
    path = tmp_path / "coordination-load.svg"
    texts = svg_texts(path)
    assert "县发展改革局" in texts and "县财政局" in texts
    root = ET.parse(path).getroot()
    styles = [t.get("style", "") for t in root.iter(f"{SVG}text")]
    assert all("font-family: 'Droid Sans Fallback'" in s for s in styles)
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("分组拆分为其成员单位；") and "1个方案共3项任务" in desc
    assert root.find(f".//{DC}description").text == desc
    assert "<path" not in ET.tostring(root.find(f".//{SVG}text"), encoding="unicode")


def test_png_records_the_dpi_and_the_caption(corpus, tmp_path):
    """A PNG says its resolution (the option's) and carries the caption as Description."""
    from PIL import Image

    write_figures(corpus, tmp_path, FigureOptions(formats=("png",), dpi=150, size=(3.5, 2.5), lang="en"))
    with Image.open(tmp_path / "coordination-load.png") as image:
        assert [round(d) for d in image.info["dpi"]] == [150, 150]
        assert image.size == (525, 375)
        assert image.info["Description"].startswith("Groups split into their member units; collectives")
        assert "3 tasks of 1 plan" in image.info["Description"]
        assert image.info["Title"] == "Top 5 units by coordination load"


def test_english_names_units_and_keeps_titles_in_one_language(corpus, tmp_path):
    """--lang en draws units by their English names, and no title holds a Chinese character."""
    write_figures(corpus, tmp_path, FigureOptions(formats=("svg",), lang="en"))
    texts = svg_texts(tmp_path / "coordination-load.svg")
    assert "County Development and Reform Bureau" in " ".join(texts)
    assert "Top 5 units by coordination load" in texts
    assert "县$x$局" in texts  # no English name: the Chinese one
    for name in NAMES:
        title = ET.parse(tmp_path / f"{name}.svg").getroot().find(f"{SVG}title").text
        assert not re.search(r"[\u4e00-\u9fff]", title), title
    leaders = svg_texts(tmp_path / "leader-section.svg")
    assert {"Ding Weidong", "Wan Changrong", "I", "II.1"} <= set(leaders)


def test_both_languages_put_the_english_under_the_chinese(corpus, tmp_path):
    """--lang both draws the Chinese name with the English on the line below, and titles in both."""
    write_figures(corpus, tmp_path, FigureOptions(formats=("svg",), lang="both"))
    texts = svg_texts(tmp_path / "coordination-load.svg")
    at = texts.index("县发展改革局")
    assert "County Development and Reform Bureau".startswith(texts[at + 1])
    title = ET.parse(tmp_path / "coordination-load.svg").getroot().find(f"{SVG}title").text
    assert title == "协调负荷最高的前5个单位 / Top 5 units by coordination load"


def test_a_dollar_in_a_name_is_drawn_as_written(corpus, tmp_path):
    """A unit named with ``$x$`` is text, not a formula (mathtext would drop the dollars)."""
    write_figures(corpus, tmp_path, FigureOptions(formats=("svg",)))
    assert "县$x$局" in svg_texts(tmp_path / "coordination-load.svg")


def test_section_labels_are_shortened_at_the_comma(corpus, tmp_path):
    """Heat map columns keep a heading's numbering whole and stop at its first comma."""
    write_figures(corpus, tmp_path, FigureOptions(formats=("svg",)))
    texts = svg_texts(tmp_path / "leader-section.svg")
    assert "（一）聚焦重点项目" in texts and "一、主要预期目标" in texts
    assert not any(t.startswith("、") or "，" in t for t in texts if "聚焦" in t)


def test_an_empty_corpus_draws_figures_that_say_so(tmp_path):
    """No plan at all still gives every figure, each saying there is nothing to draw."""
    paths = write_figures(Corpus([]), tmp_path, FigureOptions(formats=("svg",), lang="en"))
    assert [p.name for p in paths] == [f"{n}.svg" for n in NAMES]
    for path in paths:
        assert any(t.startswith("Nothing to draw") for t in svg_texts(path)), path.name


def test_a_view_with_no_edges_draws_a_degree_figure_that_says_so(tmp_path):
    """A plan where no two units share a task has no degree distribution to draw, and says so."""
    plan = parse_plan("一、目标\n1.增长6%。（牵头领导：丁卫东；牵头单位：县财政局）")
    write_figures(Corpus([plan]), tmp_path, FigureOptions(formats=("svg",), lang="en"))
    texts = svg_texts(tmp_path / "degree-distribution.svg")
    assert "Nothing to draw: no two units are named on the same task." in " ".join(texts)


def test_load_change_marks_the_renamed_unit(tmp_path):
    """The change in load between two plans shows before and after values, the renamed unit marked."""
    renamed = [Renaming("莘县", "县商务局", "县商务投资促进局", 2024)]
    before = Corpus([parse_plan(EARLIER)], renamings=renamed)
    after = Corpus([parse_plan(PLAN.replace("县商务局", "县商务投资促进局"))], renamings=renamed)
    result = before.compare(after)
    path = load_change_figure(result, tmp_path / "change.svg", FigureOptions(lang="en"))
    texts = svg_texts(path)
    joined = " ".join(texts)
    assert "County Commerce Bureau → County Commerce and Investment Promotion Bureau (renamed)" in joined
    assert "County Development and Reform Bureau" in joined and "before" in texts and "after" in texts
    desc = ET.parse(path).getroot().find(f"{SVG}desc").text
    assert desc.startswith("Before: 2 tasks of 1 plan; after: 3 tasks of 1 plan; groups split")
    png = load_change_figure(result, tmp_path / "change.png")
    assert png.stat().st_size > 10_000


def test_load_change_refuses_an_unknown_format(corpus, tmp_path):
    """A figure path must end in .png, .svg or .pdf."""
    from taskgraph.errors import UsageError

    with pytest.raises(UsageError, match=r"\.png, \.svg or \.pdf"):
        load_change_figure(corpus.compare(corpus), tmp_path / "change.gif")


def test_corpus_figure_labels_plans_by_place_and_year(tmp_path):
    """Plans side by side are labelled by jurisdiction and year, in English with --lang en."""
    from taskgraph.report import corpus_table

    corpus = Corpus([replace(parse_plan(text), jurisdiction="莘县") for text in (EARLIER, PLAN)])
    paths = figures.corpus_figure(corpus_table(corpus), tmp_path, FigureOptions(formats=("svg",), lang="en"))
    texts = svg_texts(paths[0])
    assert {"Shen County 2023", "Shen County 2024", "joint leadership", "0%", "33%"} <= set(texts)
    heat = figures.function_figure(corpus.units(), tmp_path, FigureOptions(formats=("svg",), lang="en"))
    assert {"development and reform", "Shen County 2024"} <= set(svg_texts(heat[0]))


def test_the_caption_states_the_choices(corpus, tmp_path):
    """Groups kept and collectives counted are said in the caption, which changes with them."""
    write_figures(
        corpus, tmp_path, FigureOptions(formats=("svg",), lang="en", groups="keep", collectives="include")
    )
    desc = ET.parse(tmp_path / "coordination-load.svg").getroot().find(f"{SVG}desc").text
    assert desc.startswith("Groups kept as one unit, as written; collectives counted as units (hatched)")


@pytest.mark.parametrize(("lang", "size"), [("en", None), ("zh", (3.5, 2.5)), ("both", (3.5, 2.5))])
def test_nothing_is_cut_on_the_shen_county_plan(lang, size, monkeypatch, tmp_path):
    """On the Shen County plan no text runs off the canvas and every value label ends inside its axes."""
    from taskgraph.parse import read_plan

    cut: dict[str, list[str]] = {}
    write = figures._Sheet.write

    def checked(self, fig, path, fmt):
        cut[path.name] = figures.clipped(fig)
        return write(self, fig, path, fmt)

    monkeypatch.setattr(figures._Sheet, "write", checked)
    corpus = Corpus([read_plan(ROOT / "data" / "shenxian-2024-task-allocation.txt")])
    write_figures(corpus, tmp_path, FigureOptions(formats=("png",), dpi=100, size=size, lang=lang))
    assert set(cut) == {f"{n}.png" for n in NAMES}
    assert cut == {name: [] for name in cut}


def test_options_are_checked():
    """An unknown language, format or size is a usage error, not a broken figure."""
    from taskgraph.errors import UsageError

    with pytest.raises(UsageError, match="language"):
        FigureOptions(lang="fr")
    with pytest.raises(UsageError, match="figure format"):
        FigureOptions(formats=("gif",))
    with pytest.raises(UsageError, match="WxH"):
        FigureOptions.parse(("png",), 300, "3.5", "zh", "exclude", "expand", 20)
    assert FigureOptions.parse(("pdf",), 600, "3.5x2.5", "en", "exclude", "keep", 5).size == (3.5, 2.5)


def test_the_compact_font_is_built_once_and_grows_for_a_rare_character():
    """PDF figures cut the font once per process; a character outside it rebuilds it with that character."""
    from fontTools.ttLib import TTFont

    from taskgraph.render.fonts import compact_font, matplotlib_font

    first = compact_font("县财政局")
    assert compact_font("县发展改革局") == first
    grown = compact_font("堃")
    assert grown != first and ord("堃") in TTFont(grown).getBestCmap()
    assert grown.stat().st_size < 1_500_000  # the full font is 4 MB
    assert matplotlib_font("县", compact=True) == "Droid Sans Fallback"
    assert matplotlib_font() == "Droid Sans Fallback"  # the full font again, as other callers expect
