"""Identity of units: the written forms of one unit meet under one key, and no others do."""

from __future__ import annotations

import pytest
from unit_fixtures import realplan_units, shen_units

from taskgraph.units import canonical_form, clean, unit_key
from taskgraph.units._data import data_rows

# Written forms of one unit, each group from a real plan or the genre's standard short forms.
SAME = [
    ("县发改局", "县发展改革局", "县发展和改革局"),
    ("市人社局", "市人力资源社会保障局", "市人力资源和社会保障局", "市人力社保局"),
    ("市发改委", "市发展改革委", "市发展和改革委员会", "市發改委", "市發(fā)改委"),
    ("县住建局", "县住房城乡建设局", "县住房和城乡建设局"),
    ("区工信局", "区工业和信息化局", "区工业信息化局"),
    ("市经信局", "市经济和信息化局"),
    ("市卫健委", "市卫生健康委", "市卫生健康委员会"),
    ("县文旅局", "县文化和旅游局", "县文化旅游局"),
    ("县教体局", "县教育体育局", "县教育和体育局"),
    ("区市场局", "区市场监管局", "区市场监督管理局"),
    ("县应急局", "县应急管理局"),
    ("县自规局", "县自然资源和规划局"),
    ("市医保局", "市医疗保障局", "市醫保局"),
    ("县综合执法局", "县综合行政执法局"),
    ("县行政审批局", "县行政审批服务局"),
    ("县退役军人局", "县退役军人事务局"),
    ("县安委会办公室", "县安委办", "县安全生产委员会办公室"),
    ("县政府办公室", "县政府办", "县人民政府办公室"),
    ("县政府", "县人民政府"),
    ("开发区管委会", "开发区管理委员会"),
    ("省国资委", "省国有资产监督管理委员会"),
    ("区科技和经信局", "区科技和经济和信息化局"),
    ("县县民政局", "县民政局"),
    ("市残联", "市殘聯", "市残疾人联合会"),
    ("省商务厅等", "省商务厅"),
    ("县发改局(粮食局)", "县发改局（粮食局）", "县发展改革局〔粮食局〕"),
]

# Pairs that look alike but are two units: they must keep two keys.
DIFFERENT = [
    ("县财政局", "县商务局"),
    ("市文化和旅游局", "市文化局"),
    ("市文化和旅游局", "市旅游局"),
    ("县自然资源和规划局", "县自然资源局"),
    ("县工业和信息化局", "县经济和信息化局"),
    ("县水利局", "县水务局"),
    ("市大数据局", "市数据局"),
    ("县政府办公室", "县委办公室"),
    ("县人力资源社会保障局", "县社保局"),
    ("县卫生健康局", "县卫计局"),
    ("县公安局", "县交警大队"),
    ("市生态环境局", "市生态环境局莘县分局"),
    ("县委组织部", "县委宣传部"),
    ("县人民法院", "县人民检察院"),
    ("县财政局", "市财政局"),
    ("省商务厅", "市商务局"),
    ("市市场监管局", "市场监管局"),
    ("和平区政府", "平区政府"),
    ("县农业农村局", "县农业局"),
    ("市科协", "市科技局"),
    ("县发改局", "县发改委"),
]


@pytest.mark.parametrize("forms", SAME, ids=[forms[0] for forms in SAME])
def test_forms_of_one_unit_meet(forms):
    """Every written form of one unit has the same key."""
    assert len({unit_key(form) for form in forms}) == 1, [unit_key(f) for f in forms]


@pytest.mark.parametrize("a,b", DIFFERENT, ids=[f"{a}-{b}" for a, b in DIFFERENT])
def test_different_units_stay_apart(a, b):
    """Two names of different units never share a key."""
    assert unit_key(a) != unit_key(b)


def test_canonical_forms_are_the_preferred_short_forms():
    """canonical_form spells a line of work as the State Council's documents do."""
    assert canonical_form("县发改局") == "县发展改革局"
    assert canonical_form("市发展和改革委员会") == "市发展改革委员会"
    assert canonical_form("区市场监督管理局") == "区市场监管局"
    assert canonical_form("市醫保局") == "市医疗保障局"
    assert canonical_form("县政府有关部门〔单位〕") == "县政府有关部门〔单位〕"


def test_clean_removes_accidents_of_writing():
    """clean folds traditional characters, drops romanisation notes and spaces, and fixes a doubled prefix."""
    assert clean("南沙區(qū)政府") == "南沙区政府"
    assert clean(" 县县民政局 ") == "县民政局"
    assert clean("各街道(功能区)") == "各街道〔功能区〕"
    assert clean("市市场监管局") == "市市场监管局"  # 市 + 市场监管局, no doubled prefix


def test_preferred_forms_are_fixed_points():
    """A preferred form of abbreviations.csv is its own canonical form, so one pass is enough."""
    for row in data_rows("abbreviations.csv"):
        assert canonical_form(row["preferred"]) == row["preferred"], row


def test_canonical_form_keeps_the_key():
    """canonical_form is idempotent and never changes a real name's key."""
    for name in shen_units() + realplan_units():
        once = canonical_form(name)
        assert canonical_form(once) == once
        assert unit_key(once) == unit_key(name)
