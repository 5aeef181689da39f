"""English names of units, checked by hand against how Chinese governments name their bodies."""

from __future__ import annotations

import pytest

from taskgraph.units import english_name

# Real names (Shen County 2024 gold; real plans; heldout plans) and their English. The pattern
# follows the bodies' own English: "X Bureau" for a 局, "Department of X" for a provincial 厅
# (Zhejiang Provincial Department of Finance), "X Commission" for a 委 (National Development
# and Reform Commission), "General Office of the X Government" for a 办公厅.
ENGLISH = [
    ("县发展改革局", "County Development and Reform Bureau"),
    ("县发改局", "County Development and Reform Bureau"),
    ("市发展改革委", "Municipal Development and Reform Commission"),
    ("省发展和改革委员会", "Provincial Development and Reform Commission"),
    ("省财政厅", "Provincial Department of Finance"),
    ("县政府办公室", "County Government Office"),
    ("各镇人民政府〔街道办事处〕", "town governments (sub-district offices)"),
    ("县政府有关部门〔单位〕", "relevant departments (units) of the county government"),
    ("聊城鲁西经济开发区管委会", "Liaocheng Luxi Economic Development Zone Administrative Committee"),
    ("县财政局", "County Finance Bureau"),
    ("县商务投资促进局", "County Commerce and Investment Promotion Bureau"),
    ("县工业和信息化局", "County Industry and Information Technology Bureau"),
    ("县农业农村局", "County Agriculture and Rural Affairs Bureau"),
    ("县自然资源和规划局", "County Natural Resources and Planning Bureau"),
    ("县住房城乡建设局", "County Housing and Urban-Rural Development Bureau"),
    ("县人力资源社会保障局", "County Human Resources and Social Security Bureau"),
    ("县交通运输局", "County Transport Bureau"),
    ("县水利局", "County Water Resources Bureau"),
    ("县教育体育局", "County Education and Sports Bureau"),
    ("县卫生健康局", "County Health Bureau"),
    ("县文化和旅游局", "County Culture and Tourism Bureau"),
    ("县应急局", "County Emergency Management Bureau"),
    ("县公安局", "County Public Security Bureau"),
    ("县司法局", "County Justice Bureau"),
    ("县民政局", "County Civil Affairs Bureau"),
    ("县统计局", "County Statistics Bureau"),
    ("县退役军人事务局", "County Veterans Affairs Bureau"),
    ("县科技局", "County Science and Technology Bureau"),
    ("县交警大队", "County Traffic Police Brigade"),
    ("县水务集团", "County Water Group"),
    ("县化工产业园服务中心", "County Chemical Industrial Park Service Center"),
    ("县体育运动和全民健身指导服务中心", "County Sports and National Fitness Guidance Service Center"),
    ("县安委会办公室", "County Work Safety Commission Office"),
    ("妹冢镇人民政府", "Meizhong Town People's Government"),
    ("朝城镇人民政府", "Chaocheng Town People's Government"),
    ("市生态环境局莘县分局", "Municipal Ecology and Environment Bureau Shen County Branch"),
    ("县财政局〔县国资局〕", "County Finance Bureau (County State-owned Assets Bureau)"),
    ("县发改局(粮食局)", "County Development and Reform Bureau (County Grain Bureau)"),
    ("省商务厅", "Provincial Department of Commerce"),
    ("省科技厅", "Provincial Department of Science and Technology"),
    ("省人力资源社会保障厅", "Provincial Department of Human Resources and Social Security"),
    ("省农业农村厅", "Provincial Department of Agriculture and Rural Affairs"),
    ("省工业和信息化厅", "Provincial Department of Industry and Information Technology"),
    ("省经信厅", "Provincial Department of Economy and Information Technology"),
    ("省自然资源厅", "Provincial Department of Natural Resources"),
    ("省生态环境厅", "Provincial Department of Ecology and Environment"),
    ("省应急管理厅", "Provincial Department of Emergency Management"),
    ("省交通运输厅", "Provincial Department of Transport"),
    ("省文化廣電和旅遊廳", "Provincial Department of Culture, Radio, Television and Tourism"),
    ("省政府辦公廳", "General Office of the Provincial Government"),
    ("市政府办公厅", "General Office of the Municipal Government"),
    ("省国资委", "Provincial State-owned Assets Supervision and Administration Commission"),
    ("市卫生健康委", "Municipal Health Commission"),
    ("市文化广电新闻出版局", "Municipal Culture, Radio, Television, Press and Publication Bureau"),
    ("市經(jīng)貿(mào)委", "Municipal Economic and Trade Commission"),
    ("市金融办", "Municipal Financial Affairs Office"),
    ("市法制办", "Municipal Legislative Affairs Office"),
    ("市殘聯", "Municipal Disabled Persons' Federation"),
    ("省消防救援总队", "Provincial Fire and Rescue Corps"),
    ("省金融控股公司", "Provincial Financial Holding Company"),
    ("杭州市政府", "Hangzhou Municipal Government"),
    ("南沙區(qū)政府", "Nansha District Government"),
    ("黄埔区", "Huangpu District"),
    ("嘉鱼经济开发区", "Jiayu Economic Development Zone"),
    ("人民银行市中心支行", "People's Bank of China Municipal Central Sub-branch"),
    ("区行政审批服务局", "District Administrative Approval Service Bureau"),
    ("各街道(功能区)", "sub-districts (functional zones)"),
    ("各区县政府", "district and county governments"),
    ("区直各部门", "all departments directly under the district"),
    ("市級各有關部門", "all relevant municipal departments"),
    ("国务院各部门", "all departments of the State Council"),
    ("区司法局等有关部门", "District Justice Bureau and other relevant departments"),
    (
        "省减轻企业负担领导小组其他成员单位",
        "other member units of the Provincial Enterprise Burden Reduction Leading Group",
    ),
]


@pytest.mark.parametrize("name,expected", ENGLISH, ids=[n for n, _ in ENGLISH])
def test_english_name(name, expected):
    """A real unit name gets the English its kind of body is given by Chinese governments."""
    assert english_name(name) == expected


def test_enough_hand_checked_pairs():
    """The table above holds at least 40 hand-checked pairs."""
    assert len(ENGLISH) >= 40


@pytest.mark.parametrize(
    "name",
    [
        "县一二三局",  # an unknown line of work
        "县财政所长",  # an unknown kind of body
        "县财政",  # no kind of body at all
        "团县",  # one character before 县 is no place name unless listed
        "县政府各位县长",  # a collective of leaders, not of units
    ],
)
def test_unknown_parts_give_no_english(name):
    """A name with an unknown word or kind of body has no English name rather than an invented one."""
    assert english_name(name) is None


def test_party_and_youth_league_committees():
    """The Party committee before an organ is named as such; 团县委 is the Youth League's committee, not a place."""
    assert english_name("县委办公室") == "County Party Committee Office"
    assert english_name("省委改革办") == "Provincial Party Committee Reform Office"
    assert english_name("团县委") == "County Communist Youth League Committee"


def test_no_pinyin_for_what_is_no_place():
    """Common words before a level character are not taken for place names and romanised."""
    assert english_name("县城乡建设局") == "County Urban-Rural Development Bureau"
    assert english_name("景区管委会") is None
    assert english_name("县级市人民政府") is None


def test_place_names_are_romanised_per_word():
    """Proper names before a level word are pinyin without tones, syllables joined per word."""
    assert english_name("莘县财政局") == "Shen County Finance Bureau"
    assert english_name("济南市钢城区人民政府办公室") == "Jinan Gangcheng District People's Government Office"
    assert english_name("开发区管委会") == "Development Zone Administrative Committee"
