"""English names of units, built from the parts of their Chinese names.

A unit's name is a jurisdiction (县, 省, 莘县, 杭州市, 聊城鲁西经济开发区), the words of its line
of work (发展改革, 财政, 商务投资促进) and what kind of body it is (局, 委, 厅, 办公室, 管委会). The
English follows how the State Council and local governments name their own bodies:
``县发展改革局`` -> County Development and Reform Bureau, ``省财政厅`` -> Provincial Department of
Finance, ``省政府办公厅`` -> General Office of the Provincial Government. The words are data
(``data/english_terms.csv``, ``data/body_types.csv``); a name with a word or a kind of body that
is not there has no English name (None), rather than a guessed one. Collectives
(``各镇人民政府〔街道办事处〕``) are named by :mod:`taskgraph.units.collectives`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from taskgraph.units._data import data_rows
from taskgraph.units.identity import canonical_form
from taskgraph.units.places import PREFIXES, english_name_for_jurisdiction, prefix_english, split_jurisdiction


@dataclass(frozen=True)
class Term:
    """A word of a unit's name and its English."""

    zh: str
    en: str
    kind: str  # "field" (a line of work), "word" or "name" (all that follows the jurisdiction)
    modifier: str = ""  # the form a field takes before a word: 农业 -> Agricultural


@dataclass(frozen=True)
class Body:
    """The kind of body a name ends with and how its English is ordered."""

    zh: str
    en: str
    order: str  # "after": X Bureau; "before": Department of X; "of": General Office of the X
    modifier: bool  # the last field before it takes its modifier form: 水务集团 -> Water Group


AND = Term("和", "", "and")

# Bodies that stand for their jurisdiction itself and so need no words before them:
# "县政府", "妹冢镇人民政府", "聊城鲁西经济开发区管委会".
STANDALONE_BODIES = frozenset({"政府", "人民政府", "管委会", "管理委员会", "办事处", "办公厅"})

# A bracket at the end of a name: "县财政局〔县国资局〕", "各镇人民政府〔街道办事处〕".
BRACKETED = re.compile(r"^(?P<outer>.+?)〔(?P<inner>[^〔〕]+)〕$")
# Bracket contents that are notes about a unit, not a second nameplate: "市财政局（牵头）".
NOTE = re.compile(r"^(牵头|负责|含|包括|不含|除)")
# A branch of a higher-level bureau in a county: "市生态环境局莘县分局" (Shen County 2024).
BRANCH = re.compile(r"^(?P<parent>.+?局)(?P<place>[\u4e00-\u9fff]{1,6}?[县区市])分局$")
# A unit inside a bureau: "市公安局交通警察支队" (a traffic police detachment of the bureau).
SUB_UNIT = re.compile(r"^(?P<parent>.+?局)(?P<child>[^局]+)$")
# A branch of the central bank: "人民银行市中心支行" (heldout city plan).
CENTRAL_BANK = re.compile(r"^(?:中国)?人民银行(?P<rest>.+?(?:中心支行|支行|分行))$")
# A Party committee before the name of one of its organs: "省委改革办" (zhejiang-province-2020),
# "县委办公室", "中共莘县县委组织部".
PARTY = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fff]*?[省市县区])[省市县区]?委(?P<rest>.*)$")
# The Communist Youth League committee of a jurisdiction: "团县委", "团市委".
YOUTH_LEAGUE = re.compile(r"^(?:共青)?团(?P<level>[省市县区])委$")
# A jurisdiction's own body for a group of its zones: "县属开发区管委会" (Shen County 2024).
ADMINISTERED = re.compile(r"^(?P<level>[省市县区])属(?P<rest>.+)$")


@cache
def _terms() -> dict[str, Term]:
    return {
        row["zh"]: Term(row["zh"], row["en"], row["kind"], row["modifier"])
        for row in data_rows("english_terms.csv")
    }


@cache
def _bodies() -> tuple[Body, ...]:
    bodies = [
        Body(row["zh"], row["en"], row["order"], row["modifier"] == "yes")
        for row in data_rows("body_types.csv")
    ]
    return tuple(sorted(bodies, key=lambda b: -len(b.zh)))


@cache
def _term_pattern() -> re.Pattern[str]:
    # "name" terms are words too inside a longer name: 政协 in 县政协办公室.
    words = list(_terms())
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)) + "|和")


def _segment(words: str) -> list[Term] | None:
    """The terms a run of words is made of, longest first; None if a part is unknown."""
    terms, pattern, at = _terms(), _term_pattern(), 0
    out: list[Term] = []
    while at < len(words):
        m = pattern.match(words, at)
        if m is None:
            return None
        out.append(AND if m.group(0) == "和" else terms[m.group(0)])
        at = m.end()
    return out


def _items(terms: list[Term], modify_last: bool) -> list[str]:
    """The list items of a run of terms: one per field, with the words around it attached."""
    groups: list[list[Term]] = [[]]
    for term in terms:
        if term is AND:
            groups.append([])
        elif term.kind == "field" and groups[-1] and groups[-1][-1].kind == "field":
            groups.append([term])
        else:
            groups[-1].append(term)
    items: list[str] = []
    for gi, group in enumerate(g for g in groups if g):
        if len(group) == 1 and group[0].kind == "field" and "|" in group[0].en:
            items.extend(group[0].en.split("|"))
            continue
        parts = []
        for i, term in enumerate(group):
            before_word = i + 1 < len(group) and group[i + 1].kind == "word"
            last = gi == len(groups) - 1 and i == len(group) - 1
            modified = term.kind == "field" and term.modifier and (before_word or (last and modify_last))
            parts.append(term.modifier if modified else term.en)
        items.append(" ".join(p for p in parts if p))
    return items


def _join(items: list[str]) -> str:
    """Items as an English list: "A and B", "A, B and C"; items that contain "and" themselves
    are listed with commas alone, as in "Culture, Radio, Television, Press and Publication"."""
    if len(items) <= 1:
        return "".join(items)
    if any(" and " in item for item in items):
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def english_words(words: str, modify_last: bool = False) -> str | None:
    """The English of the words of a name between its jurisdiction and its kind of body.

    Examples
    --------
    >>> english_words("商务投资促进"), english_words("文化广电和旅游")
    ('Commerce and Investment Promotion', 'Culture, Radio, Television and Tourism')
    >>> english_words("省级农业高新技术产业开发区")
    'Provincial Agricultural High-tech Industrial Development Zone'
    >>> english_words("聊城鲁西") is None
    True
    """
    terms = _segment(words)
    if terms is None:
        return None
    return _join(_items(terms, modify_last))


def _with_body(prefix: str, rest: str) -> str | None:
    """English of what follows a jurisdiction (``rest``), given the jurisdiction's English."""
    terms = _terms()
    if rest in terms and terms[rest].kind == "name":
        return " ".join(p for p in (prefix, terms[rest].en) if p)
    for body in _bodies():
        if not rest.endswith(body.zh):
            continue
        stem = rest[: -len(body.zh)]
        if not stem and (body.zh not in STANDALONE_BODIES or not prefix):
            continue
        words = english_words(stem, body.modifier) if stem else ""
        if words is None:
            continue
        if body.order == "before":
            return f"{prefix} {body.en} of {words}".strip()
        if body.order == "of":
            return f"{body.en} of the " + " ".join(p for p in (prefix, words) if p)
        return " ".join(p for p in (prefix, words, body.en) if p)
    return None


def _splits(name: str) -> list[tuple[str, str, str]]:
    """Ways to read the start of a name as its jurisdiction: (written, English, rest)."""
    out: list[tuple[str, str, str]] = []
    for written, (_, adjective) in sorted(PREFIXES.items(), key=lambda kv: -len(kv[0])):
        if name.startswith(written):
            out.append((written, adjective, name[len(written) :]))
    m = ADMINISTERED.match(name)
    if m:
        out.append(
            (m.group("level") + "属", PREFIXES[m.group("level")][1] + "-administered", m.group("rest"))
        )
    for end in range(2, len(name) + 1):
        place = name[:end]
        if split_jurisdiction(place) is not None and not (len(place) == 1 or place in PREFIXES):
            place_english = prefix_english(place)
            if place_english is not None:
                out.append((place, place_english, name[end:]))
    m = PARTY.match(name)
    if m:
        party = prefix_english(m.group("place"))
        if party is not None:
            out.append((m.group("place") + "委", party + " Party Committee", m.group("rest")))
    out.append(("", "", name))
    return out


def unit_english(name: str) -> str | None:
    """English of one unit's name without a bracket after it, or None.

    Examples
    --------
    >>> unit_english("市生态环境局莘县分局")
    'Municipal Ecology and Environment Bureau Shen County Branch'
    """
    m = BRANCH.match(name)
    if m:
        parent, place = unit_english(m.group("parent")), english_name_for_jurisdiction(m.group("place"))
        return None if parent is None or place is None else f"{parent} {place} Branch"
    m = SUB_UNIT.match(name)
    if m:
        parent, child = unit_english(m.group("parent")), _with_body("", m.group("child"))
        if parent is not None and child is not None:
            return f"{parent} {child}"
    m = CENTRAL_BANK.match(name)
    if m:
        bodies = {b.zh: b.en for b in _bodies()}
        for written, english, rest in _splits(m.group("rest")):
            if written and rest in bodies:
                return f"People's Bank of China {english} {bodies[rest]}"
        return None
    m = YOUTH_LEAGUE.match(name)
    if m:
        return f"{PREFIXES[m.group('level')][1]} Communist Youth League Committee"
    for written, english, rest in _splits(name):
        party = written.endswith("委") and english.endswith("Party Committee")
        if party and rest in ("", "办公室", "办"):
            # "县委办公室": the office of the Party committee, as "县政府办公室" is the government's.
            return english + (" Office" if rest else "")
        if not rest:
            if written and written not in PREFIXES and not written.endswith("属"):
                return english_name_for_jurisdiction(written)
            continue
        result = _with_body(english, rest)
        if result is not None:
            return result
    return None


@lru_cache(maxsize=4096)
def english_name(name: str) -> str | None:
    """The English name of a unit as a plan writes it, or None when a part of it is unknown.

    Examples
    --------
    >>> english_name("县发展改革局"), english_name("市发展改革委")
    ('County Development and Reform Bureau', 'Municipal Development and Reform Commission')
    >>> english_name("省发展和改革委员会"), english_name("省财政厅")
    ('Provincial Development and Reform Commission', 'Provincial Department of Finance')
    >>> english_name("县政府办公室"), english_name("各镇人民政府〔街道办事处〕")
    ('County Government Office', 'town governments (sub-district offices)')
    >>> english_name("聊城鲁西经济开发区管委会")
    'Liaocheng Luxi Economic Development Zone Administrative Committee'
    """
    text = canonical_form(name)
    m = BRACKETED.match(text)
    outer, inner = (m.group("outer"), m.group("inner")) if m else (text, None)
    from taskgraph.units.collectives import collective_english

    collective = collective_english(outer, inner)
    if collective is not None:
        return collective
    english = unit_english(outer)
    if english is None or inner is None or NOTE.match(inner):
        return english
    # A second nameplate shares the first one's jurisdiction: "县发改局(粮食局)" is 县粮食局 too.
    splits = [s for s in _splits(outer) if s[0] and _with_body(s[1], s[2]) is not None]
    if splits and not any(inner.startswith(s[0]) for s in _splits(inner) if s[0]):
        inner = splits[0][0] + inner
    second = unit_english(inner)
    return None if second is None else f"{english} ({second})"
