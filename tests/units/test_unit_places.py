"""Jurisdictions: their level of government and their English names."""

from __future__ import annotations

import pytest

from taskgraph.units import english_name_for_jurisdiction, level_of
from taskgraph.units.places import romanise

LEVELS = [
    ("国务院", "national"),
    ("全国", "national"),
    ("浙江省", "province"),
    ("广西壮族自治区", "province"),
    ("北京市", "province"),
    ("重庆市", "province"),
    ("广州市", "city"),
    ("聊城市", "city"),
    ("义乌市", "county"),
    ("临清市", "county"),
    ("莘县", "county"),
    ("长兴县", "county"),
    ("达尔罕茂明安联合旗", "county"),
    ("黄埔区", "district"),
    ("济南市钢城区", "district"),
    ("妹冢镇", "town"),
    ("大王乡", "town"),
    ("立山街道", "town"),
    ("聊城鲁西经济开发区", "zone"),
    ("南太湖新区", "zone"),
    ("嘉鱼经济开发区", "zone"),
    ("县", "county"),
    ("市", "city"),
    ("省", "province"),
    ("区", "district"),
    ("镇", "town"),
    ("街道", "town"),
]


@pytest.mark.parametrize("jurisdiction,level", LEVELS)
def test_level_of(jurisdiction, level):
    """A jurisdiction, or a bare prefix of a unit's name, has its level of government."""
    assert level_of(jurisdiction) == level


@pytest.mark.parametrize("text", ["县发展改革局", "开发区", "县级市", "各区", ""])
def test_level_of_what_is_no_jurisdiction(text):
    """A unit's name, a level word alone or a generic phrase has no level."""
    assert level_of(text) is None


JURISDICTIONS = [
    ("莘县", "Shen County"),
    ("广州市", "Guangzhou"),
    ("浙江省", "Zhejiang Province"),
    ("陕西省", "Shaanxi Province"),
    ("山西省", "Shanxi Province"),
    ("北京市", "Beijing"),
    ("黄埔区", "Huangpu District"),
    ("妹冢镇", "Meizhong Town"),
    ("西安市", "Xi'an"),
    ("义乌市", "Yiwu"),
    ("单县", "Shan County"),
    ("聊城鲁西经济开发区", "Liaocheng Luxi Economic Development Zone"),
    ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
    ("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture"),
    ("聊城市莘县", "Shen County, Liaocheng"),
    ("国务院", "State Council"),
]


@pytest.mark.parametrize("jurisdiction,english", JURISDICTIONS)
def test_english_name_for_jurisdiction(jurisdiction, english):
    """A jurisdiction's English is its pinyin and its level word, or the official form where they differ."""
    assert english_name_for_jurisdiction(jurisdiction) == english


def test_no_english_for_what_is_no_place():
    """Generic words and a lone character before a level word are not romanised as places."""
    for text in ("县级市", "开发区", "团县", "县"):
        assert english_name_for_jurisdiction(text) is None


def test_romanise_marks_syllable_breaks():
    """A syllable starting with a, o or e inside a word takes an apostrophe (Xi'an, Dong'e)."""
    assert romanise("西安", "市") == "Xi'an"
    assert romanise("东阿", "县") == "Dong'e"
    assert romanise("聊城鲁西") == "Liaocheng Luxi"
