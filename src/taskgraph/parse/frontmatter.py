"""What a plan says about itself: title, issuer, date, document number, jurisdiction, level, year.

Read from the lines before the plan's body (the notice, its signature and date, the title), from
the printing line after it, and from what the reader found (a web page's metadata table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from taskgraph.parse.markers import chinese_number
from taskgraph.parse.normalise import Line
from taskgraph.registry import Level

# "（此件公开发布）"
PUBLICATION = re.compile(r"^[（(](此件[^）)]{1,12})[）)]$")
# "2024年1月20日", "二〇二四年一月二十日", "2025年02月27日", "2024-01-20"
DATE = re.compile(
    r"^([0-9〇○零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日$"
)
ISO_DATE = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})")
# "附件" / "附件1" above the plan's title
ANNEX = re.compile(r"^附\s*件\s*\d*[:：]?$")
# A document number: "莘政发〔2024〕1号", "穗府办〔2006〕19号", "国发〔2020〕6号".
DOCUMENT_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d{1,4}\s*[号號])"
)
# A number cited in a sentence, not the plan's own: "…若干意见》（国发〔2012〕39号）".
_CITED = re.compile(r"[》>][(（]?\s*$")
# A line of a site's chrome, never part of a title: a breadcrumb ("当前位置:首页 > 政务公开"),
# page metadata ("发布日期:2020-05-14", "来源:市府办公厅", "听全文", "分享到"), a site's name
# ("中国政府网"), a bullet or a dash alone.
CHROME_LINE = re.compile(
    r"当前位置|您现在的位置|[>＞]|^首页|返回首页|发布日期|发布时间|发布人|来源[:：]|浏览次数|字体[:：]|分享|听全文|打印|关闭"
    r"|^[\u4e00-\u9fff]{2,10}(?:政府网|门户网站?|网)$|^[•·]|^[\-—\s]*$"
)
# "莘县人民政府" -> "莘县"; "XX市人民政府办公室" -> "XX市"
GOVERNMENT = re.compile(r"(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府)$")
# "广州市人民政府关于印发…", "长兴县人民政府办公室关于印发…"
ISSUER_IN_TITLE = re.compile(
    r"^(?P<issuer>国务院办公厅|国务院|[\u4e00-\u9fff]{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府))关于"
)
# Words a plan's title has: "2024年县政府工作报告重点工作任务责任分工方案".
TITLE_WORDS = re.compile(r"方案|分工|分解|清单|任务|事项|意见|要点|安排|计划|责任|通知|台账|重点工作")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
# Metadata keys a government site's page states (索引号 table, <meta>), read by the HTML reader.
META_NUMBER = re.compile(r"文\s*号|发文字号|文件编号|发文文号")
META_ISSUER = re.compile(r"发文机关|发布机构|发文机构|发布单位|ContentSource", re.IGNORECASE)
META_DATE = re.compile(r"成文日期|发文日期|PubDate|发布日期", re.IGNORECASE)


@dataclass
class FrontMatter:
    """The parts of the lines before a plan's body."""

    notice: list[Line] = field(default_factory=list)
    issuer: Line | None = None
    date: Line | None = None
    publication: Line | None = None
    title: list[Line] = field(default_factory=list)


def parse_date(text: str) -> str | None:
    """ISO 8601 for a written date, or None.

    Examples
    --------
    >>> parse_date("2024年1月20日"), parse_date("二〇二四年一月二十日"), parse_date("2024-1-20")
    ('2024-01-20', '2024-01-20', '2024-01-20')
    """
    m = DATE.match(text.strip())
    if m:
        year = m.group(1).replace("○", "〇")
        year_n = int(year) if year.isdigit() else chinese_number(year)
        month, day = chinese_number(m.group(2)), chinese_number(m.group(3))
    else:
        iso = ISO_DATE.fullmatch(text.strip().rstrip("日"))
        if not iso:
            return None
        year_n, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1949 <= year_n <= 2100):
        return None
    return f"{year_n:04d}-{month:02d}-{day:02d}"


def _heading_like(line: Line) -> bool:
    return len(line.text) <= 40 and not line.text.endswith(("。", "；", "，", ";", ","))


def _front_marker(line: Line) -> bool:
    return bool(PUBLICATION.match(line.text) or parse_date(line.text))


def split_front(lines: list[Line]) -> FrontMatter:
    """The title (the heading-like lines just above the body), and the issuer, date and
    publication note above it; the rest is the notice."""
    front = FrontMatter()
    head = len(lines)
    # A sentence introducing the plan may sit between the title and the body ("现制定如下方案。").
    end = head
    while end > 0 and not _heading_like(lines[end - 1]) and head - end < 2 and len(lines[end - 1].text) < 400:
        if not re.search(r"如下|制定本方案|特制定|现将|提出", lines[end - 1].text):
            break
        end -= 1
    start = end
    while start > 0 and _heading_like(lines[start - 1]) and not _front_marker(lines[start - 1]):
        start -= 1
    title = [ln for ln in lines[start:end] if not ANNEX.match(ln.text) and not is_chrome_line(ln.text)]
    # Keep the lines of the title proper: the run that holds a title word, nearest the body.
    runs: list[list[Line]] = [[]]
    for ln in title:
        runs[-1].append(ln)
        if TITLE_WORDS.search(ln.text) and len(ln.text) > 6 and ln is not title[-1] and _ends_title(ln.text):
            runs.append([])
    chosen = next((r for r in reversed(runs) if r and any(TITLE_WORDS.search(x.text) for x in r)), [])
    front.title = chosen if len("".join(x.text for x in chosen)) <= 80 else chosen[-2:]
    stop = start
    for i in range(start - 1, -1, -1):
        text = lines[i].text
        if front.publication is None and front.date is None and PUBLICATION.match(text):
            front.publication, stop = lines[i], i
        elif front.date is None and parse_date(text):
            front.date, stop = lines[i], i
            if i > 0 and _heading_like(lines[i - 1]) and GOVERNMENT.search(lines[i - 1].text):
                front.issuer, stop = lines[i - 1], i - 1
            break
        elif not _heading_like(lines[i]):
            break
    front.notice = lines[:stop]
    return front


def is_chrome_line(text: str) -> bool:
    """Whether a line before the plan is a site's chrome or a bare document number, not a title.

    Examples
    --------
    >>> [is_chrome_line(t) for t in ("> 政务公开 > 工作报告", "中国政府网", "穗府〔2021〕3号", "•", "发布日期:2020-05-14")]
    [True, True, True, True, True]
    >>> is_chrome_line("国务院关于落实《政府工作报告》重点工作部门分工的意见")
    False
    """
    text = text.strip()
    if CHROME_LINE.search(text):
        return True
    m = DOCUMENT_NUMBER.search(text)
    return bool(m and len(text) - len(m.group(1)) <= 2)


def best_title(lines: list[str]) -> str:
    """The line most like a plan's title among ``lines`` (page chrome left out), or "".

    Used when the lines just above the body hold no title: the title is then further up, among
    the notice or the page's own title. A title names its kind of document (方案, 意见, 通知 …),
    is short and does not end as a sentence does.

    Examples
    --------
    >>> best_title(["国内政策【切换】 国际政策", "您现在的位置: 首页 > 政策前沿", "加快西宁市流通业发展实施意见"])
    '加快西宁市流通业发展实施意见'
    """
    best, score = "", 0
    for text in lines:
        text = text.strip()
        if (
            not 6 <= len(text) <= 80
            or is_chrome_line(text)
            or text.endswith(("。", "；", "，", ";", ",", "：", ":"))
        ):
            continue
        points = (
            len(TITLE_WORDS.findall(text)) + (2 if _ends_title(text) else 0) + (1 if "关于" in text else 0)
        )
        if points > score:
            best, score = text, points
    return best


def _ends_title(text: str) -> bool:
    return text.endswith(("方案", "分工", "分解", "清单", "意见", "要点", "通知", "事项", "安排"))


def document_number(texts: list[str]) -> str | None:
    """The first document number among ``texts``.

    Examples
    --------
    >>> document_number(["各区、县级市人民政府：", "穗府办〔2006〕19号"])
    '穗府办〔2006〕19号'
    """
    for text in texts:
        for m in DOCUMENT_NUMBER.finditer(text):
            if _CITED.search(text[: m.start()]):
                continue  # a document the plan cites, not its own number
            number = re.sub(r"\s+", "", m.group(1))
            # "…文件鞍立政发〔2023〕2号": the number is the run after the last 文件/号.
            return re.sub(r"^.*(?:文件|发布机构|文号|字号|编号)", "", number)
    return None


def jurisdiction_of(issuer: str | None) -> str | None:
    """The place a government or its office governs.

    Examples
    --------
    >>> jurisdiction_of("莘县人民政府"), jurisdiction_of("广州市人民政府办公厅"), jurisdiction_of("国务院")
    ('莘县', '广州市', '国务院')
    """
    if not issuer:
        return None
    if issuer.startswith("国务院"):
        return "国务院"
    if GOVERNMENT.search(issuer):
        place = GOVERNMENT.sub("", issuer)
        return place if len(place) >= 2 else None
    return None


def level_of(jurisdiction: str | None, prefixes: str = "") -> Level | None:
    """The level of government of a jurisdiction, or (failing that) of the units' prefix.

    ``prefixes`` are the first characters of the plan's unit names (县, 市, 省 …): the most
    common one tells the level of a plan that does not name its jurisdiction.
    """
    from taskgraph.units import level_of as unit_level

    if jurisdiction:
        found = unit_level(jurisdiction)
        if found:
            return Level(found)
    if prefixes:
        counts = {p: prefixes.count(p) for p in set(prefixes)}
        found = unit_level(max(sorted(counts), key=lambda p: counts[p]))
        return Level(found) if found else None
    return None


def year_of(title: str, date: str | None, number: str | None = None) -> int | None:
    """The year a plan is for: the year in its title, else the year of its date, else the year
    of its document number (穗府〔2021〕3号).

    Examples
    --------
    >>> year_of("2024年县政府工作报告重点工作任务责任分工方案", "2024-01-20"), year_of("方案", "2023-03-28")
    (2024, 2023)
    >>> year_of("责任分工的通知", None, "穗府〔2021〕3号")
    2021
    """
    m = YEAR.search(title)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(title)
    if m:
        return chinese_number(m.group(1).replace("○", "〇"))
    if date:
        return int(date[:4])
    m = re.search(r"(?:19|20)\d\d", number or "")
    return int(m.group()) if m else None
