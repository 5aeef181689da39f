"""Functions of units: a SKOS scheme with complete labels, and rules that point into it."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from taskgraph.units import Function, broader, function_of
from taskgraph.units._data import data_text
from taskgraph.units.functions import SCHEME_IRI, concepts, rules

# Real names and their function, from the Shen County gold and the real plans.
FUNCTIONS = [
    ("县发展改革局", "development-reform"),
    ("县发改局(粮食局)", "development-reform"),
    ("县财政局〔县国资局〕", "finance"),
    ("县商务投资促进局", "commerce"),
    ("县工业和信息化局", "industry-information-technology"),
    ("县农业农村局", "agriculture-rural-affairs"),
    ("县乡村振兴局", "agriculture-rural-affairs"),
    ("县自然资源和规划局", "natural-resources"),
    ("市生态环境局莘县分局", "ecology-environment"),
    ("县环委办", "ecology-environment"),
    ("县住房城乡建设局", "housing-urban-rural-development"),
    ("县交通运输局", "transport"),
    ("县交警大队", "public-security"),
    ("县水利局", "water-resources"),
    ("县水务集团", "state-enterprise"),
    ("县农发公司", "state-enterprise"),
    ("县教育体育局", "education"),
    ("县体育运动和全民健身指导服务中心", "sports"),
    ("县卫生健康局", "health"),
    ("市醫保局", "healthcare-security"),
    ("县应急局", "emergency-management"),
    ("县安委会办公室", "emergency-management"),
    ("省消防救援总队", "emergency-management"),
    ("县市场监管局", "market-regulation"),
    ("省药监局", "market-regulation"),
    ("县地方金融监管局", "financial-affairs"),
    ("市金融办", "financial-affairs"),
    ("县综合执法局", "urban-management"),
    ("县行政审批局", "administrative-approval"),
    ("县政府办公室", "government-office"),
    ("省政府辦公廳", "government-office"),
    ("市编办", "institutional-staffing"),
    ("省委改革办", "deepening-reform"),
    ("市税务局", "taxation"),
    ("市邮政管理局", "postal-administration"),
    ("人民银行市中心支行", "central-bank"),
    ("省金融控股公司", "state-enterprise"),
    ("市殘聯", "mass-organisation"),
    ("妹冢镇人民政府", "town-government"),
    ("南沙区政府", "county-government"),
    ("黄埔区", "county-government"),
    ("杭州市政府", "city-government"),
    ("义乌市政府", "county-government"),
    ("聊城鲁西经济开发区管委会", "development-zone"),
    ("县省级农业高新技术产业开发区管委会", "development-zone"),
    ("县化工产业园服务中心", "development-zone"),
    ("县属开发区管委会", "development-zone"),
    ("县人民政府", "county-government"),
    ("县民政局", "civil-affairs"),
]

# Collectives get a function where their names make it clear.
COLLECTIVES = [
    ("各镇人民政府〔街道办事处〕", "town-government"),
    ("各街道(功能区)", "town-government"),
    ("各区县政府", "county-government"),
    ("各縣市區政府", "county-government"),
    ("各设区市政府", "city-government"),
    ("县政府有关部门〔单位〕", "government-department"),
    ("区直各部门", "government-department"),
    ("国务院各部门", "government-department"),
    ("省减轻企业负担领导小组其他成员单位", "coordination-body"),
    ("全区经济运行各专班", "coordination-body"),
    ("各地", "local-government"),
]


@pytest.fixture(scope="module")
def g() -> Graph:
    g = Graph()
    g.parse(data=data_text("functions.ttl"), format="turtle")
    return g


def test_every_concept_is_labelled_and_defined(g):
    """Every concept of functions.ttl is in the scheme, with zh and en labels and an English definition."""
    scheme = URIRef(SCHEME_IRI)
    subjects = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(subjects) >= 40
    for concept in subjects:
        assert (concept, SKOS.inScheme, scheme) in g, concept
        languages = {v.language for v in g.objects(concept, SKOS.prefLabel) if isinstance(v, Literal)}
        assert {"zh", "en"} <= languages, concept
        definitions = [v for v in g.objects(concept, SKOS.definition) if isinstance(v, Literal)]
        assert any(d.language == "en" and len(d) > 20 for d in definitions), concept
        for parent in g.objects(concept, SKOS.broader):
            assert parent in subjects, (concept, parent)


def test_every_rule_points_at_a_concept():
    """Each classification rule names a concept of the scheme."""
    known = concepts()
    assert all(rule.function in known for rule in rules())


def test_every_rule_example_gets_its_function():
    """The real name each rule was written for is classified by that rule, despite the rules before it."""
    for rule in rules():
        function = function_of(rule.example)
        assert function is not None and function.id == rule.function, (rule.example, rule.function, function)


@pytest.mark.parametrize("name,expected", FUNCTIONS + COLLECTIVES)
def test_function_of_real_names(name, expected):
    """A real unit name gets the job it does."""
    function = function_of(name)
    assert function is not None and function.id == expected


def test_unknown_names_have_no_function():
    """A name no rule knows has no function rather than a guessed one."""
    assert function_of("县一二三四") is None


def test_function_is_a_frozen_value_with_an_iri():
    """Function is a frozen dataclass of id, zh and en, with the concept's IRI."""
    function = function_of("县财政局")
    assert function == Function("finance", "财政", "finance")
    assert function.iri == "https://w3id.org/taskgraph/function/finance"
    with pytest.raises(dataclasses.FrozenInstanceError):
        function.en = "money"  # type: ignore[misc]


def test_broader_concepts():
    """A vertically managed agency's function sits under vertical-agency, a bureau's under government-department."""
    assert broader(function_of("市税务局")).id == "vertical-agency"
    assert broader(function_of("县财政局")).id == "government-department"
    assert broader(concepts()["vertical-agency"].function) is None
