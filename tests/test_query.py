"""The query library on the Shen County plan: results derived from the gold, goldens, safety."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

import pytest

from taskgraph.errors import QueryError
from taskgraph.query import PLAN_COLUMNS, get_query, library, run_named, run_query
from taskgraph.sparql import bind
from taskgraph.store import converter
from taskgraph.tables import format_rows

PARAMS = {"unit-tasks": {"unit": "县国资局"}, "leader-tasks": {"leader": "丁卫东"}}
# Queries whose rows are about the plans themselves, not per-plan results
WHOLE = ("plans", "assignments", "group-members")


@pytest.fixture(scope="module")
def store(corpus):
    return corpus.backend


def run_rdflib(corpus, text, params=None):
    """The same query on rdflib's own SPARQL engine, over the same quads (slow; a cross-check)."""
    import pyoxigraph as ox
    from rdflib import Dataset, Literal
    from rdflib.plugins.sparql import prepareQuery

    ds = Dataset()
    ds.parse(data=ox.serialize(list(corpus.quads()), format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    result = ds.query(prepareQuery(text), initBindings={k: Literal(v) for k, v in (params or {}).items()})
    columns = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(None if row[c] is None else row[c].toPython() for c in columns) for row in result)
    return columns, rows


@pytest.fixture(scope="module")
def kinds(gold):
    kinds = {u: "unit" for u in gold["units_canonical"]}
    kinds.update({u: "collective" for u in gold["collective_units"]})
    kinds.update({g: "group" for g in gold["groups"]})
    return kinds


def _rows(store, name):
    """The rows without the plan columns (one plan is loaded)."""
    result = run_named(store, name, PARAMS.get(name))
    if name in WHOLE:
        return result.rows
    assert result.columns[:3] == PLAN_COLUMNS
    return tuple(r[3:] for r in result.rows)


def test_library_has_the_named_queries():
    """At least 12 queries, among them the ones the issue names, each with a description."""
    names = set(library())
    assert len(names) >= 12
    assert {
        "lead-load",
        "responsible-load",
        "leader-portfolio",
        "co-lead-pairs",
        "lead-responsible-dependencies",
        "section-summary",
        "joint-leadership-tasks",
        "unit-tasks",
        "leader-tasks",
        "aliases",
        "collective-involvement",
        "cross-section-units",
    } <= names
    assert all(q.description and q.title for q in library().values())
    assert [p for p, _ in get_query("unit-tasks").params] == ["unit"]


def test_lead_load(store, gold):
    """Tasks led, co-led and led alone per unit equal the gold; 县农业农村局 13 first, 县发展改革局 12 second."""
    led, joint = Counter(), Counter()
    for t in gold["tasks"]:
        units = set(t["lead_units_canonical"])
        for u in units:
            led[u] += 1
            joint[u] += len(units) > 1
    rows = _rows(store, "lead-load")
    assert {(u, n, c, s) for u, n, c, s in rows} == {(u, led[u], joint[u], led[u] - joint[u]) for u in led}
    assert rows[0][:2] == ("县农业农村局", 13) and rows[1][:2] == ("县发展改革局", 12)


def test_responsible_load(store, gold, kinds):
    """Tasks per responsible party equal the gold, with the right kinds."""
    count = Counter(u for t in gold["tasks"] for u in set(t["responsible_units_canonical"]))
    assert set(_rows(store, "responsible-load")) == {(u, kinds[u], n) for u, n in count.items()}


def test_leader_portfolio(store, gold):
    """Tasks, lead units, sections and subsections per leader equal the gold; 丁卫东 oversees 34."""
    tasks, units, sections, subs = Counter(), defaultdict(set), defaultdict(set), defaultdict(set)
    for t in gold["tasks"]:
        for leader in t["lead_leaders"]:
            tasks[leader] += 1
            units[leader] |= set(t["lead_units_canonical"])
            sections[leader].add(t["section"])
            if t["subsection"]:
                subs[leader].add(t["subsection"])
    expected = {
        (
            l,
            "collective" if l in gold["collective_leaders"] else "person",
            n,
            len(units[l]),
            len(sections[l]),
            len(subs[l]),
        )
        for l, n in tasks.items()
    }
    rows = _rows(store, "leader-portfolio")
    assert set(rows) == expected
    assert rows[0][:3] == ("丁卫东", "person", 34)


def test_leader_units(store, gold):
    """Leader-unit pairs counted in tasks equal the gold."""
    pairs = Counter(
        (l, u) for t in gold["tasks"] for l in t["lead_leaders"] for u in set(t["lead_units_canonical"])
    )
    assert set(_rows(store, "leader-units")) == {(l, u, n) for (l, u), n in pairs.items()}


def test_co_lead_pairs(store, gold):
    """Pairs of co-lead units and their shared tasks equal the gold."""
    pairs = Counter(
        pair for t in gold["tasks"] for pair in combinations(sorted(set(t["lead_units_canonical"])), 2)
    )
    assert set(_rows(store, "co-lead-pairs")) == {(a, b, n) for (a, b), n in pairs.items()}


def test_lead_responsible_dependencies(store, gold, kinds):
    """Lead -> responsible ties counted in tasks equal the gold."""
    ties = Counter(
        (l, r)
        for t in gold["tasks"]
        for l in set(t["lead_units_canonical"])
        for r in set(t["responsible_units_canonical"])
        if l != r
    )
    assert set(_rows(store, "lead-responsible-dependencies")) == {
        (l, r, kinds[r], n) for (l, r), n in ties.items()
    }


def test_section_summary(store, gold):
    """Per section: tasks, subsections, lead units, leaders, responsible parties equal the gold."""
    by = defaultdict(list)
    for t in gold["tasks"]:
        by[t["section"]].append(t)
    expected = set()
    for number, (section, ts) in enumerate(by.items(), start=1):
        expected.add(
            (
                number,
                section,
                len(ts),
                len({t["subsection"] for t in ts if t["subsection"]}),
                len({u for t in ts for u in t["lead_units_canonical"]}),
                len({l for t in ts for l in t["lead_leaders"]}),
                len({u for t in ts for u in t["responsible_units_canonical"]}),
            )
        )
    assert set(_rows(store, "section-summary")) == expected


def test_joint_leadership_tasks(store, gold):
    """Tasks with several leaders or several lead units equal the gold, in order."""
    expected = [
        (str(t["number"]), len(t["lead_leaders"]), len(set(t["lead_units_canonical"])))
        for t in gold["tasks"]
        if len(t["lead_leaders"]) > 1 or len(set(t["lead_units_canonical"])) > 1
    ]
    assert [r[:3] for r in _rows(store, "joint-leadership-tasks")] == expected


def test_unit_tasks_by_second_nameplate(store, gold):
    """unit-tasks with unit=县国资局 finds every task of 县财政局 with its role."""
    expected = []
    for t in gold["tasks"]:
        if "县财政局" in t["lead_units_canonical"]:
            expected.append((str(t["number"]), "牵头单位", ""))
        if "县财政局" in t["responsible_units_canonical"]:
            expected.append((str(t["number"]), "责任单位", ""))
    assert [r[1:4] for r in _rows(store, "unit-tasks")] == expected


def test_unit_tasks_through_a_group(store):
    """A unit named through a group it belongs to (县属开发区管委会) is listed with the group under via,
    so the query answers as the analysis counts: 县化工产业园服务中心 leads 1 task and answers for 40 (issue 13)."""
    rows = run_named(store, "unit-tasks", {"unit": "县化工产业园服务中心"}).to_dicts()
    assert Counter(r["role"] for r in rows) == {"责任单位": 40, "牵头单位": 1}
    assert {r["via"] for r in rows} == {"", "县属开发区管委会"}


def test_leader_tasks(store, gold):
    """leader-tasks with leader=丁卫东 lists his 34 tasks, one row per lead unit."""
    expected = sorted(
        (
            (t["number"], u)
            for t in gold["tasks"]
            if "丁卫东" in t["lead_leaders"]
            for u in set(t["lead_units_canonical"])
        ),
        key=lambda x: (x[0], x[1]),
    )
    expected = [(str(n), u) for n, u in expected]
    rows = _rows(store, "leader-tasks")
    assert [r[1:3] for r in rows] == expected
    assert len({r[1] for r in rows}) == 34


def test_aliases(store, gold):
    """Second nameplates, the corrected misspelling and differing written forms are listed."""
    expected = {(c, a, "second nameplate") for a, c in gold["aliases"].items()}
    expected |= {(c, w, "misspelling") for w, c in gold["typos"].items()}
    for t in gold["tasks"]:
        for role in ("lead_units", "responsible_units"):
            for w, c in zip(t[role], t[f"{role}_canonical"]):
                if w != c:
                    expected.add((c, w, "written form"))
    assert set(_rows(store, "aliases")) == expected


def test_collective_involvement(store, gold):
    """Collectives' tasks per role and their share of the 92 tasks equal the gold."""
    count = Counter()
    for t in gold["tasks"]:
        for u in set(t["responsible_units_canonical"]) & set(gold["collective_units"]):
            count[(u, "责任单位")] += 1
        for l in set(t["lead_leaders"]) & set(gold["collective_leaders"]):
            count[(l, "牵头领导")] += 1
    expected = {(c, r, n, round(1000 * n / 92) / 10) for (c, r), n in count.items()}
    assert {(c, r, n, round(p, 1)) for c, r, n, p in _rows(store, "collective-involvement")} == expected


def test_cross_section_units(store, gold, kinds):
    """Named lead units spanning several (sub)sections equal the gold."""
    where, tasks = defaultdict(set), Counter()
    for t in gold["tasks"]:
        for u in set(t["lead_units_canonical"]):
            where[u].add(t["subsection"] or t["section"])
            tasks[u] += 1
    expected = {(u, len(w), tasks[u]) for u, w in where.items() if len(w) > 1 and kinds.get(u) == "unit"}
    assert set(_rows(store, "cross-section-units")) == expected


def test_plans_and_groups(store, gold):
    """plans lists the plan with 92 tasks; group-members the group's three members."""
    doc = gold["document"]
    (row,) = run_named(store, "plans").to_dicts()
    assert (row["title"], row["issuer"], row["date"], row["jurisdiction"], row["level"], row["year"], row["tasks"]) == (
        doc["title"], doc["issuer"], doc["date"], "莘县", "county", 2024, 92
    )  # fmt: skip
    assert {(r["group"], r["member"]) for r in run_named(store, "group-members").to_dicts()} == {
        (g, m) for g, ms in gold["groups"].items() for m in ms
    }


def test_unit_roles(store, gold, kinds):
    """Tasks led and answered for per unit equal the gold, for all 44 units."""
    led = Counter(u for t in gold["tasks"] for u in set(t["lead_units_canonical"]))
    resp = Counter(u for t in gold["tasks"] for u in set(t["responsible_units_canonical"]))
    rows = _rows(store, "unit-roles")
    assert len(rows) == 44
    assert set(rows) == {(u, kinds[u], led[u], resp[u], 0) for u in kinds}


@pytest.mark.parametrize("name", sorted(library()))
def test_golden_results(store, golden, name):
    """Each query's CSV on the Shen County plan is stable (tests/golden/queries/NAME.csv)."""
    result = run_named(store, name, PARAMS.get(name))
    golden(f"queries/{name}.csv", format_rows(result.columns, result.rows, "csv") + "\n")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(library()))
def test_oxigraph_agrees_with_rdflib(store, corpus, name):
    """Oxigraph and rdflib's own engine give the same rows for every library query."""
    fast = run_named(store, name, PARAMS.get(name))
    columns, slow = run_rdflib(corpus, get_query(name).text, PARAMS.get(name))

    def norm(rows):
        return sorted(tuple(str(round(v, 3)) if isinstance(v, float) else str(v) for v in r) for r in rows)

    assert fast.columns == columns
    assert norm(fast.rows) == norm(slow)


@pytest.mark.parametrize(
    "text",
    ["INSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX x: <a:>\nDELETE WHERE { ?s ?p ?o }", "# hi\nDROP ALL"],
)
def test_update_refused(store, text):
    """SPARQL Update is refused with a clear message, and the graph is untouched."""
    before = len(store)
    with pytest.raises(QueryError, match="Update is not allowed"):
        run_query(store, text).fetch()
    assert len(store) == before


def test_parameters_are_values_not_text(store):
    """A hostile parameter value is a string to compare, not SPARQL: no rows, no error."""
    rows = run_named(store, "unit-tasks", {"unit": '县财政局") } UNION { ?s ?p ?o } #'}).rows
    assert rows == ()


def test_missing_and_unknown_parameters(store):
    """A missing required parameter or a parameter with no variable is an error."""
    with pytest.raises(QueryError, match="needs --param unit"):
        run_named(store, "unit-tasks")
    with pytest.raises(QueryError, match="no variable"):
        run_named(store, "lead-load", {"nope": "x"})


def test_syntax_error(store):
    """Malformed SPARQL is a QueryError naming the problem."""
    with pytest.raises(QueryError, match="syntax error"):
        run_query(store, "SELECT ?x WHERE {").fetch()


# ------------------------------------------------------------------ several plans in one store

# The sort keys of the library and the variables they stand for (see the note in taskgraph.query).
SORT_KEYS = {
    "plan_key": "plan",
    "jurisdiction_key": "jurisdiction",
    "unit_key": "unit",
    "leader_key": "leader",
    "lead_key": "lead_unit",
    "responsible_key": "responsible_unit",
    "collective_key": "collective",
    "key_a": "unit_a",
    "key_b": "unit_b",
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory, plan_path):
    """Three plans: Shen County 2024, the same county in 2025 (the same units: one IRI each) and
    a neighbouring county; with one corpus per plan, to compare with."""
    from taskgraph.corpus import Corpus

    folder = tmp_path_factory.mktemp("plans")
    text = plan_path.read_text(encoding="utf-8")
    paths = [plan_path, folder / "shenxian-2025.txt", folder / "guanxian-2024.txt"]
    paths[1].write_text(text.replace("2024", "2025"), encoding="utf-8")
    paths[2].write_text(text.replace("莘县", "冠县"), encoding="utf-8")
    together = Corpus.read(paths)
    return together, [Corpus.read([path]) for path in paths]


def plain_order(text):
    """``text`` sorted by the variables themselves rather than by their sort keys."""
    head, order = text.rsplit("ORDER BY", 1)
    return (
        head + "ORDER BY" + re.sub(r"\?(\w+)", lambda m: "?" + SORT_KEYS.get(m.group(1), m.group(1)), order)
    )


@pytest.mark.parametrize("name", sorted(library()))
def test_sort_keys_keep_the_order(plans, name):
    """Sorting by the computed keys gives the rows in the order sorting by the terms gives."""
    together, _ = plans
    text = get_query(name).text
    keyed = run_query(together.backend, text, PARAMS.get(name)).fetch()
    plain = run_query(together.backend, plain_order(text), PARAMS.get(name)).fetch()
    assert len(keyed) > 0 and keyed == plain


@pytest.mark.parametrize("name", sorted(set(library()) - {"plans", "group-members"}))
def test_plans_are_counted_apart(plans, name):
    """Each plan's rows in a store of three plans (two of one county, sharing its units) are the
    rows of that plan alone: nothing is counted across plans, and the plans come in order."""
    together, alone = plans
    result = run_named(together.backend, name, PARAMS.get(name))
    at = result.columns.index("plan")
    separate = [run_named(corpus.backend, name, PARAMS.get(name)) for corpus in alone]
    by_plan = {rows.rows[0][at]: rows.rows for rows in separate if rows.rows}
    assert len(by_plan) == 3
    rows = [row for row in result.rows if row[at] in by_plan]
    assert rows == [row for plan in dict.fromkeys(r[at] for r in result.rows) for row in by_plan[plan]]


@pytest.mark.parametrize("name", ["unit-tasks", "leader-tasks"])
def test_bound_values_match_oxigraph_substitutions(plans, name):
    """Values written into the query (as for an endpoint) give the rows Oxigraph's own
    substitutions give, in the same order."""
    import pyoxigraph as ox

    together, _ = plans
    text, params = get_query(name).text, PARAMS[name]
    store = together.backend.store
    expected = store.query(
        text,
        use_default_graph_as_union=True,
        substitutions={ox.Variable(k): ox.Literal(v) for k, v in params.items()},
    )
    convert = converter()
    expected_rows = [tuple(map(convert, solution)) for solution in expected]
    assert run_named(together.backend, name, params).rows == tuple(expected_rows)
    assert len(expected_rows) > 0


SHAPES = [
    "SELECT ?u ?name WHERE { GRAPH ?g { ?u skos:prefLabel ?l FILTER(STR(?l) = ?name) } }",
    "SELECT ?u ?name WHERE { GRAPH ?g { ?u a tg:Unit OPTIONAL { ?u skos:altLabel ?l FILTER(STR(?l) = ?name) } } }",
    "SELECT ?u ?name WHERE { { ?u skos:prefLabel ?l } UNION { ?u skos:altLabel ?l } FILTER(STR(?l) = ?name) }",
    "SELECT ?name ?n WHERE { { SELECT (COUNT(?name) AS ?n) WHERE { ?u skos:prefLabel ?name } } }",
    "SELECT ?name ?n WHERE { { SELECT ?name (COUNT(?u) AS ?n) WHERE { ?u skos:prefLabel ?l BIND(STR(?l) AS ?name) } GROUP BY ?name } }",
    "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l FILTER EXISTS { ?u skos:altLabel ?a FILTER(STR(?a) = ?name) } }",
    "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l MINUS { ?u skos:altLabel ?a FILTER(STR(?a) != ?name) } }",
    "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l MINUS { ?u skos:altLabel ?a } }",
    "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l BIND(STR(?l) AS ?name) }",
    'SELECT ?u ?name ?w WHERE { ?u skos:altLabel ?l BIND(CONCAT(?name, "!") AS ?w) }',
    "SELECT ?u ?name WHERE { GRAPH ?g { ?u skos:altLabel ?l } { SELECT ?g WHERE { GRAPH ?g { ?p a tg:Plan } } } }",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_bound_shapes_match_oxigraph_substitutions(store, shape):
    """Query shapes where binding could go wrong give, bound in the text, the rows of Oxigraph's
    own substitutions (filters in groups, OPTIONAL, UNION, subqueries, EXISTS, MINUS, BIND)."""
    import pyoxigraph as ox

    text = (
        "PREFIX tg: <https://w3id.org/taskgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        + shape
    )
    params = {"name": "县国资局"}
    substituted = store.store.query(
        text,
        use_default_graph_as_union=True,
        substitutions={ox.Variable(k): ox.Literal(v) for k, v in params.items()},
    )
    convert = converter()
    expected = Counter(tuple(map(convert, solution)) for solution in substituted)
    assert Counter(store.select(text, params).fetch()) == expected


def test_bind_only_where_the_variable_is_named():
    """The values go into the outermost group and the groups that name the variable; a group
    that does not name it gets none (a join there would only hinder Oxigraph's planner)."""
    query = "SELECT ?x ?u WHERE { { SELECT ?x ?u WHERE { ?x ?p ?n FILTER(STR(?n) = ?u) } } GRAPH ?g { ?x ?q ?y } }"
    assert bind(query, {"u": "县"}) == (
        'SELECT ?x ?u WHERE { VALUES ?u { "县" } { SELECT ?x ?u WHERE { VALUES ?u { "县" } ?x ?p ?n '
        "FILTER(STR(?n) = ?u) } } GRAPH ?g { ?x ?q ?y } }"
    )


def test_converter_values_are_python_values(store):
    """The converter a query's rows go through gives python_value's values, for repeated terms too."""
    from taskgraph.store import python_value

    convert = converter()
    terms = [
        solution[0] for solution in store.store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2000")
    ]
    assert [convert(t) for t in terms + terms] == [python_value(t) for t in terms + terms]
