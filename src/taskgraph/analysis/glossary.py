"""What every column of the analysis tables means, how to read it, and why it can be zero.

One :class:`Measure` per column of the units table (``frames.UNIT_COLUMNS``), the leaders
table (``frames.LEADER_COLUMNS``) and the whole-network summary (``frames.network_summary``),
in English and Chinese, with its formula and the literature it comes from. The readings are
for a unit (单位) or leader (领导) of a Chinese government task allocation plan
(重点工作任务分工方案): the networks are built from who is named with whom on a task
(``taskgraph.network``).

    >>> explain("betweenness").label_zh
    '中介中心度'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from taskgraph.errors import UsageError

if TYPE_CHECKING:  # (a definition needs no NetworkX: `taskgraph measures` does not load it)
    import networkx as nx

TABLES = ("units", "leaders", "network")

FREEMAN_1977 = (
    "Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40(1), 35–41"
)
FREEMAN_1979 = (
    "Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. "
    "Social Networks 1(3), 215–239"
)
BRANDES_2001 = (
    "Brandes, U. (2001). A faster algorithm for betweenness centrality. "
    "Journal of Mathematical Sociology 25(2), 163–177"
)
WASSERMAN_FAUST_1994 = (
    "Wasserman, S. and Faust, K. (1994). Social Network Analysis: Methods and Applications. "
    "Cambridge University Press"
)
BONACICH_1972 = (
    "Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique "
    "identification. Journal of Mathematical Sociology 2(1), 113–120"
)
PAGE_1999 = (
    "Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). The PageRank citation ranking: "
    "bringing order to the web. Technical report 1999-66, Stanford InfoLab"
)
BURT_1992 = (
    "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard University Press"
)
BORGATTI_1997 = (
    "Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures. Connections 20(1), 35–38"
)
GOULD_FERNANDEZ_1989 = (
    "Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to "
    "brokerage in transaction networks. Sociological Methodology 19, 89–126"
)
NEWMAN_2001 = (
    "Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted "
    "networks, and centrality. Physical Review E 64, 016132"
)
BARRAT_2004 = (
    "Barrat, A., Barthélemy, M., Pastor-Satorras, R. and Vespignani, A. (2004). The architecture "
    "of complex weighted networks. PNAS 101(11), 3747–3752"
)
BLONDEL_2008 = (
    "Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). Fast unfolding of "
    "communities in large networks. Journal of Statistical Mechanics P10008"
)
NEWMAN_GIRVAN_2004 = (
    "Newman, M. E. J. and Girvan, M. (2004). Finding and evaluating community structure in "
    "networks. Physical Review E 69, 026113"
)
SEIDMAN_1983 = "Seidman, S. B. (1983). Network structure and minimum degree. Social Networks 5(3), 269–287"
TASKGRAPH = "taskgraph's own"


@dataclass(frozen=True)
class Measure:
    """One column of an analysis table, explained.

    ``formula`` is plain text; ``read`` says what a high value means for coordination in a
    plan; ``zero_when`` why a value (or a whole column) can be zero or empty; ``tables`` the
    tables the column is in (``units``, ``leaders``, ``network``).
    """

    name: str
    label_en: str
    label_zh: str
    definition: str
    formula: str
    reference: str
    read: str
    zero_when: str
    tables: tuple[str, ...]


def _measures(*entries: Measure) -> dict[str, Measure]:
    return {m.name: m for m in entries}


_CO_ASSIGNMENT = "on the co-assignment network (units tied when named on the same task)"
_BROKERAGE_ZERO = (
    "A score needs a directed two-path a → b → c with no tie a → c, whose groups match the role. "
    "On the dependency network (the default) ties run from a task's lead units to its responsible "
    "and cooperating units; most lead units only send ties and many plans name only collectives "
    "(left out by default) as responsible, so most units, and on some plans every unit, score 0. "
    "--brokerage-on coassignment counts on the co-assignment ties instead."
)


def _role(role: str, zh: str, pattern: str, definition: str, read: str) -> Measure:
    return Measure(
        f"brokerage_{role}",
        f"brokerage as {role}",
        zh,
        f"Ordered pairs (a, c) with a → b → c, no tie a → c, and groups {pattern}: {definition} "
        "Groups are the section a unit leads most tasks in, or its overseeing leader (--brokerage-by).",
        f"count of (a, c), a ≠ c, with a → b, b → c, no a → c and {pattern}",
        GOULD_FERNANDEZ_1989,
        read,
        _BROKERAGE_ZERO,
        ("units",),
    )


GLOSSARY: dict[str, Measure] = _measures(
    # --- identifiers -------------------------------------------------------------------------
    Measure(
        "unit",
        "unit",
        "单位",
        "The unit's canonical name (skos:prefLabel); second nameplates such as 〔县国资局〕 are merged into it.",
        "—",
        TASKGRAPH + ": ontology/taskgraph.ttl (tg:Unit)",
        "A name, not a measure.",
        "Never zero: text.",
        ("units",),
    ),
    Measure(
        "leader",
        "leader",
        "领导",
        "The leader's name as written in the plan's 牵头领导 field.",
        "—",
        TASKGRAPH + ": ontology/taskgraph.ttl (tg:Leader)",
        "A name, not a measure.",
        "Never zero: text.",
        ("leaders",),
    ),
    Measure(
        "kind",
        "kind",
        "类型",
        "For a unit: unit, group (a short name a plan defines for several units, with --groups keep) "
        "or collective (such as 各镇人民政府〔街道办事处〕); for a leader: person or collective "
        "(such as 县政府各位县长).",
        "—",
        TASKGRAPH
        + ": ontology/taskgraph.ttl (tg:Unit, tg:UnitGroup, tg:CollectiveUnit, tg:CollectiveLeader)",
        "Collectives stand for many unnamed units or leaders; their network measures are not comparable "
        "with a single unit's.",
        "Never zero: text.",
        ("units", "leaders"),
    ),
    Measure(
        "iri",
        "IRI",
        "标识符",
        "The node's identifier in the RDF graph, stable across runs.",
        "—",
        TASKGRAPH,
        "Join key with the RDF graph and the exported networks.",
        "Never zero: text.",
        ("units", "leaders"),
    ),
    # --- units: roles and load -------------------------------------------------------------------
    Measure(
        "tasks_led",
        "tasks led",
        "牵头任务数",
        "Tasks on which the unit is named as lead unit (牵头单位).",
        "|Lead(u)|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: the unit carries many of the plan's tasks itself; the main executors of a government "
        "work report (发展改革, 财政, 工业和信息化 …) lead the most.",
        "0 for a unit named only as responsible or cooperating unit.",
        ("units",),
    ),
    Measure(
        "co_led",
        "tasks co-led",
        "共同牵头任务数",
        "Tasks the unit leads together with at least one other lead unit.",
        "|{t ∈ Lead(u) : |L_t| > 1}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: the unit's work is joint by design; co-leadership splits responsibility and calls for "
        "alignment between departments.",
        "0 for a unit that always leads alone, or never leads.",
        ("units",),
    ),
    Measure(
        "responsible",
        "tasks responsible for",
        "责任任务数",
        "Tasks on which the unit is named as responsible unit (责任单位).",
        "|{t : u ∈ R_t}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: other units' tasks depend on this one to deliver; typical of zones, towns and units "
        "holding a resource others need.",
        "0 for a unit never named 责任单位; many plans name only collectives (各镇人民政府 …) as "
        "responsible, and collectives are left out by default.",
        ("units",),
    ),
    Measure(
        "cooperating",
        "tasks cooperating on",
        "配合任务数",
        "Tasks on which the unit is named as cooperating unit (配合单位).",
        "|{t : u ∈ C_t}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: the unit assists many tasks led elsewhere, a supporting rather than leading role.",
        "0 for every unit when the plan has no 配合单位 field, which is common.",
        ("units",),
    ),
    Measure(
        "coordination_load",
        "coordination load index",
        "协调负荷指数",
        "The coordination a unit's assignments demand: each task it leads costs 1 plus 1 per other "
        "party named on it, shared among co-leads; each task it answers for without leading costs 0.5.",
        "CL(u) = Σ_{t ∈ Lead(u)} [w_lead + w_partner · |P_t − {u}|] / |L_t| + w_resp · |R(u)|, "
        "w_lead = 1, w_partner = 1, w_resp = 0.5",
        TASKGRAPH + ": defined in taskgraph.analysis.load",
        "High: the unit must align many partners across many tasks, mostly as lead; the default sort "
        "of the units table, and a candidate measure of a department's coordination burden.",
        "Never 0 for a unit in the table: every unit named on a task has a role that costs something.",
        ("units",),
    ),
    # --- units: degree family ---------------------------------------------------------------------
    Measure(
        "degree",
        "degree",
        "度中心度",
        f"Number of distinct units the unit shares at least one task with, {_CO_ASSIGNMENT}.",
        "d(v) = |N(v)|",
        FREEMAN_1979,
        "High: the unit works with many different departments; a broad but possibly shallow reach.",
        "0 for a unit that never shares a task with another named unit, e.g. a sole lead whose task "
        "names only collectives besides it.",
        ("units",),
    ),
    Measure(
        "strength",
        "strength",
        "强度（共同任务数）",
        f"Tasks shared with other units, summed over partners, {_CO_ASSIGNMENT}: the weighted degree.",
        "s(v) = Σ_{u ∈ N(v)} w_uv, w_uv = tasks naming both u and v",
        BARRAT_2004,
        "High: many joint assignments; strength well above degree means repeated work with the same "
        "partners.",
        "0 exactly when degree is 0.",
        ("units",),
    ),
    Measure(
        "newman_strength",
        "Newman collaboration strength",
        "纽曼合作强度",
        "Shared tasks discounted by crowding: a task naming n units adds 1/(n − 1) to each pair, so one "
        "task adds at most 1 to a unit's total.",
        "s_N(v) = Σ_{u ∈ N(v)} Σ_{t ∋ u, v} 1/(n_t − 1)",
        NEWMAN_2001,
        "High: many tasks in small teams, where working together is close; low against strength means "
        "the shared tasks are crowded lists of units.",
        "0 exactly when degree is 0.",
        ("units",),
    ),
    # --- units: paths -----------------------------------------------------------------------------
    Measure(
        "betweenness",
        "betweenness centrality",
        "中介中心度",
        f"Share of shortest paths between two other units that pass through this one, {_CO_ASSIGNMENT}, "
        "ties unweighted; normalised by the whole network's size.",
        "C_B(v) = Σ_{s ≠ v ≠ t} σ_st(v)/σ_st × 2/((n − 1)(n − 2))",  # noqa: RUF001 (Greek letters of the formula)
        f"{FREEMAN_1977}; {BRANDES_2001}",
        "High: the unit bridges departments that share no task directly, so coordination between policy "
        "areas runs through it; removing it would lengthen or cut those chains.",
        "0 for a unit on no shortest path between two others: one whose partners all share tasks with "
        "each other, a unit with one partner, or an isolated unit. The whole column is 0 when every "
        "component is a clique (units working only in fixed teams) or a pair.",
        ("units",),
    ),
    Measure(
        "closeness",
        "closeness centrality",
        "接近中心度",
        f"Inverse mean number of co-assignment steps to the units the unit can reach, {_CO_ASSIGNMENT}, "
        "scaled by the share of the network it can reach (Wasserman–Faust, as NetworkX).",
        "C_C(v) = (r − 1)/Σ_u d(v, u) × (r − 1)/(n − 1), r = size of v's component",
        f"{FREEMAN_1979}; {WASSERMAN_FAUST_1994}",
        "High: few steps to everyone else, so requests and information reach the unit quickly. In a "
        "corpus each plan is a component, so units of small plans score lower.",
        "0 only for an isolated unit (no shared task).",
        ("units",),
    ),
    # --- units: spectral ----------------------------------------------------------------------------
    Measure(
        "eigenvector",
        "eigenvector centrality",
        "特征向量中心度",
        f"The unit's entry in the principal eigenvector of the weighted adjacency matrix, {_CO_ASSIGNMENT}: "
        "central when tied by many shared tasks to units that are central themselves.",
        "A x = λ₁ x, ‖x‖ = 1, on the component with the largest λ₁; 0 elsewhere",
        BONACICH_1972,
        "High: the unit sits in the densely co-assigned core of the plan (often 发展改革, 财政 and the "
        "development zones), not merely next to many units.",
        "0 for every unit outside the component with the largest leading eigenvalue: with several plans "
        "in one table, the units of all plans but one score 0; compare within a plan by analysing it "
        "alone. 0 everywhere when no two units share a task.",
        ("units",),
    ),
    Measure(
        "pagerank",
        "PageRank",
        "PageRank 值",
        "Stationary share of a random walk on the dependency network (lead unit → responsible or "
        "cooperating unit, weighted by tasks) that restarts anywhere with probability 0.15.",
        "PR(v) = (1 − α)/n + α Σ_{u → v} PR(u) w_uv / s_out(u) + α Σ_{u: s_out(u) = 0} PR(u)/n, α = 0.85",  # noqa: RUF001 (Greek letters of the formula)
        PAGE_1999,
        "High: many lead units, especially ones others depend on, rely on this unit to deliver; a "
        "measure of being depended upon, not of leading.",
        "Never 0: every unit gets the restart share (1 − α)/n. Nearly equal values mean few dependency ties.",  # noqa: RUF001 (Greek letters of the formula)
        ("units",),
    ),
    # --- units: structural holes --------------------------------------------------------------------
    Measure(
        "constraint",
        "Burt's constraint",
        "约束系数",
        f"How much the unit's ties are concentrated on partners that are tied to each other, {_CO_ASSIGNMENT}, "
        "weighted by shared tasks.",
        "C(i) = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)², p_ij = (w_ij + w_ji)/Σ_k (w_ik + w_ki)",
        BURT_1992,
        "High (towards 1 and above): the unit works inside one closed team and has little room to broker; "
        "low: its partners do not work with each other, so it spans structural holes between departments. "
        "The units table sorts it ascending.",
        "Never 0 for a unit with a tie; empty (NaN) for an isolated unit, where it is undefined.",
        ("units",),
    ),
    Measure(
        "effective_size",
        "Burt's effective size",
        "有效规模",
        f"The number of the unit's partners less their redundancy (their ties to its other partners), "
        f"{_CO_ASSIGNMENT}, weighted by shared tasks.",
        "ES(i) = Σ_{j ∈ N(i)} (1 − Σ_{q ≠ i, j} p_iq m_jq), m_jq = (w_jq + w_qj)/max_k (w_jk + w_kj); "
        "unweighted: n − 2t/n",
        f"{BURT_1992}; {BORGATTI_1997}",
        "High, close to degree: the unit's partners are non-redundant, each opening a different part of "
        "the plan; close to 1: all its partners form one team.",
        "Never 0 for a unit with a tie; empty (NaN) for an isolated unit, where it is undefined.",
        ("units",),
    ),
    # --- units: cohesion ------------------------------------------------------------------------------
    Measure(
        "core",
        "k-core number",
        "k-核数",
        f"The largest k such that the unit belongs to a group in which every unit shares tasks with at "
        f"least k others of the group, {_CO_ASSIGNMENT}.",
        "core(v) = max{k : v ∈ k-core}, the k-core being the largest subgraph of minimum degree k",
        SEIDMAN_1983,
        "High: the unit belongs to the plan's inner circle of mutually co-assigned departments; low: "
        "on the periphery, attached through few ties.",
        "0 only for an isolated unit.",
        ("units",),
    ),
    Measure(
        "community",
        "Louvain community",
        "社群编号",
        f"The community the unit falls in when the co-assignment network is split to maximise modularity "
        f"with the Louvain method (seeded, reproducible), {_CO_ASSIGNMENT}.",
        "argmax over partitions of Q (see modularity), by local moves and aggregation",
        f"{BLONDEL_2008}; {NEWMAN_GIRVAN_2004}",
        "Units with the same number share tasks with each other more than chance predicts: a working "
        "cluster such as the economic or the social-services departments. A label (1 = largest), not a rank.",
        "Never 0: communities are numbered from 1; an isolated unit is a community of its own.",
        ("units",),
    ),
    # --- units: brokerage -----------------------------------------------------------------------------
    _role(
        "coordinator",
        "经纪角色：协调人",
        "A(a) = A(b) = A(c)",
        "the broker mediates between two members of its own group.",
        "High: the unit relays work inside its own policy area (or its leader's portfolio), "
        "between units that have no direct tie.",
    ),
    _role(
        "itinerant",
        "经纪角色：巡回者（顾问）",
        "A(a) = A(c) ≠ A(b)",
        "an outsider mediates between two members of another group (also called consultant).",
        "High: the unit links units of another area that do not deal with each other directly; "
        "a cross-cutting service such as finance or statistics.",
    ),
    _role(
        "representative",
        "经纪角色：代表人",
        "A(a) = A(b) ≠ A(c)",
        "the broker takes from its own group and passes on to another group.",
        "High: the unit carries its area's demands outward, speaking for its group to others.",
    ),
    _role(
        "gatekeeper",
        "经纪角色：守门人",
        "A(b) = A(c) ≠ A(a)",
        "the broker receives from another group and passes on inside its own.",
        "High: the unit controls what reaches its area from outside.",
    ),
    _role(
        "liaison",
        "经纪角色：联络人",
        "A(a), A(b), A(c) all different",
        "the broker links two groups it belongs to neither of.",
        "High: the unit connects two other areas, a pure go-between across policy fields.",
    ),
    Measure(
        "brokerage_total",
        "brokerage, all roles",
        "经纪角色合计",
        "The sum of the five Gould–Fernandez role counts: every open two-path a → b → c through the unit.",
        "coordinator + itinerant + representative + gatekeeper + liaison",
        GOULD_FERNANDEZ_1989,
        "High: the unit stands between many pairs of units that have no direct tie; on the dependency "
        "network, a unit that both answers to some leads and leads others.",
        _BROKERAGE_ZERO,
        ("units",),
    ),
    # --- units: portfolio -----------------------------------------------------------------------------
    Measure(
        "overseer",
        "overseeing leader",
        "分管领导（推断）",
        "The leader whose portfolio (分管) the unit is inferred to be in: the one named alone as lead "
        "leader on most of the unit's led tasks.",
        "argmax_L |{t ∈ Lead(u) : lead leaders of t = {L}}|, ties by leader IRI",
        TASKGRAPH + ": defined in taskgraph.analysis.portfolio",
        "Reconstructs the division of labour among deputy heads, which plans rarely state outright.",
        "Empty (not 0) when the unit leads no task with exactly one person as lead leader.",
        ("units",),
    ),
    Measure(
        "overseer_confidence",
        "overseer confidence",
        "分管推断置信度",
        "The overseer's share of the unit's single-leader led tasks.",
        "evidence(u, L) / Σ_L' evidence(u, L')",
        TASKGRAPH + ": defined in taskgraph.analysis.portfolio",
        "1: every single-leader task of the unit names the same leader; lower: the unit answers to "
        "several leaders, or its portfolio changed within the corpus.",
        "Never 0; empty when there is no overseer.",
        ("units",),
    ),
    # --- leaders --------------------------------------------------------------------------------------
    Measure(
        "tasks",
        "tasks overseen",
        "牵头任务数（领导）",
        "Tasks on which the leader is named as lead leader (牵头领导).",
        "|{t : L ∈ lead leaders of t}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: the leader oversees a large share of the plan, typically the executive deputy head.",
        "Never 0: a leader is in the table because a task names them.",
        ("leaders",),
    ),
    Measure(
        "sole_tasks",
        "tasks overseen alone",
        "单独牵头任务数",
        "Tasks on which the leader is the only lead leader.",
        "|{t : lead leaders of t = {L}}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: a clear portfolio of one's own; these tasks are the evidence for the inferred portfolios.",
        "0 for a leader only ever named together with other leaders.",
        ("leaders",),
    ),
    Measure(
        "joint_tasks",
        "tasks overseen jointly",
        "共同牵头任务数（领导）",
        "Tasks on which the leader is one of several lead leaders.",
        "|{t : L ∈ lead leaders of t, |lead leaders of t| > 1}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: the leader's work crosses portfolios and needs agreement with other leaders.",
        "0 for a leader always named alone.",
        ("leaders",),
    ),
    Measure(
        "units_overseen",
        "lead units overseen",
        "牵头单位数（领导）",
        "Distinct lead units named on the leader's tasks.",
        "|{u : u leads a task L leads}|",
        TASKGRAPH + ": counted from the plan's attributions",
        "High: the leader directs many departments, whether in their portfolio or on joint tasks.",
        "0 when the leader's tasks name no lead unit, or only collectives (left out by default).",
        ("leaders",),
    ),
    Measure(
        "portfolio_units",
        "units in the inferred portfolio",
        "分管单位数（推断）",
        "Units whose inferred overseer is this leader.",
        "|{u : overseer(u) = L}|",
        TASKGRAPH + ": defined in taskgraph.analysis.portfolio",
        "The size of the leader's inferred portfolio (分管范围).",
        "0 when no unit's single-leader evidence points mostly to this leader, e.g. a leader named "
        "only on joint tasks.",
        ("leaders",),
    ),
    Measure(
        "sections",
        "sections spanned",
        "涉及部分数",
        "Distinct top-level sections (一、二、三 …) of the plan in which the leader oversees tasks.",
        "|{section(t) : L leads t}|",
        TASKGRAPH + ": counted from the plan's structure",
        "High: the leader's work spans the plan's policy areas rather than one chapter.",
        "0 when the leader's tasks sit under no section heading.",
        ("leaders",),
    ),
    Measure(
        "subsections",
        "subsections spanned",
        "涉及小节数",
        "Distinct subsections (（一）（二） …) in which the leader oversees tasks.",
        "|{subsection(t) : L leads t}|",
        TASKGRAPH + ": counted from the plan's structure",
        "A finer version of sections.",
        "0 when the plan has no subsections, or none of the leader's tasks is in one.",
        ("leaders",),
    ),
    Measure(
        "co_leaders",
        "co-leaders",
        "共同牵头领导数",
        "Distinct other leaders named with this leader on at least one task (degree in the co-leaders network).",
        "d(L) in the leader–leader co-oversight network",
        FREEMAN_1979,
        "High: the leader shares oversight with many colleagues; a hub of the leadership team.",
        "0 for a leader always named alone.",
        ("leaders",),
    ),
    Measure(
        "co_oversight_tasks",
        "co-oversight ties",
        "共同牵头次数",
        "Tasks shared with other leaders, summed over co-leaders (weighted degree in the co-leaders "
        "network; a task with three leaders counts 2 for each).",
        "s(L) = Σ_{L' ≠ L} |{t : L, L' both lead t}|",
        BARRAT_2004,
        "High: frequent joint oversight; against co_leaders, repeated pairing with the same colleagues.",
        "0 exactly when co_leaders is 0.",
        ("leaders",),
    ),
    # --- whole network -------------------------------------------------------------------------------
    Measure(
        "view",
        "network view",
        "网络视图",
        "Which network the row describes: units (co-assignment), dependencies (lead → responsible), "
        "leaders (leader–unit), coleaders (leader–leader) or full (tasks and every party).",
        "—",
        TASKGRAPH + ": defined in taskgraph.network",
        "A name, not a measure.",
        "Never zero: text.",
        ("network",),
    ),
    Measure(
        "nodes",
        "nodes",
        "节点数",
        "Number of nodes in the view.",
        "n = |V|",
        WASSERMAN_FAUST_1994,
        "The size of the view: units, leaders, or all nodes.",
        "0 when the plans name nobody for this view (for example no leaders).",
        ("network",),
    ),
    Measure(
        "edges",
        "edges",
        "边数",
        "Number of ties in the view (a tie counts once however many tasks it stands for).",
        "m = |E|",
        WASSERMAN_FAUST_1994,
        "With nodes, the raw material of density.",
        "0 when no two parties of the view meet on a task.",
        ("network",),
    ),
    Measure(
        "density",
        "density",
        "密度",
        "Share of all possible ties that are present.",
        "undirected: 2m/(n(n − 1)); directed: m/(n(n − 1))",
        WASSERMAN_FAUST_1994,
        "High: most units work with most others; falls with the number of plans in a corpus, since "
        "units of different plans never meet.",
        "0 when there are no ties, or fewer than two nodes.",
        ("network",),
    ),
    Measure(
        "degree_centralization",
        "Freeman degree centralisation",
        "度中心势",
        "How far the view is dominated by its best-connected node: 1 for a star, 0 when every node has "
        "the same degree (directed views are read undirected).",
        "C_D = Σ_i (d_max − d_i) / ((n − 1)(n − 2))",
        FREEMAN_1979,
        "High: coordination is organised around one hub unit or leader; low: spread evenly.",
        "0 when all nodes have the same degree (no ties, a ring, a clique) or there are fewer than 3 nodes.",
        ("network",),
    ),
    Measure(
        "components",
        "connected components",
        "连通分量数",
        "Number of separate pieces of the view (directed views read undirected).",
        "number of connected components",
        WASSERMAN_FAUST_1994,
        "1: everyone is linked through some chain of shared tasks; in a corpus, roughly one per plan, "
        "plus one per unit that shares no task.",
        "0 only for an empty view.",
        ("network",),
    ),
    Measure(
        "communities",
        "Louvain communities",
        "社群数",
        "Number of Louvain communities of the units view.",
        "|{community(u)}|",
        BLONDEL_2008,
        "How many working clusters the units fall into; isolated units each count as one.",
        "0 only for an empty units view; empty for the other views.",
        ("network",),
    ),
    Measure(
        "modularity",
        "modularity",
        "模块度",
        "How much more the units share tasks inside their Louvain communities than a random network "
        "with the same strengths would.",
        "Q = (1/2m) Σ_ij [A_ij − k_i k_j / 2m] δ(c_i, c_j)",
        f"{NEWMAN_GIRVAN_2004}; {BLONDEL_2008}",
        "Above about 0.3: clear clusters of departments that work among themselves; near 0: "
        "co-assignment cuts across any grouping.",
        "0 when there are no ties or everything is one community; empty for views other than units.",
        ("network",),
    ),
)


def explain(name: str) -> Measure:
    """The glossary entry of a column.

    Examples
    --------
    >>> explain("brokerage_gatekeeper").formula
    'count of (a, c), a ≠ c, with a → b, b → c, no a → c and A(b) = A(c) ≠ A(a)'
    >>> explain("fame")
    Traceback (most recent call last):
    ...
    taskgraph.errors.UsageError: unknown measure 'fame' (see taskgraph.analysis.glossary.GLOSSARY)
    """
    try:
        return GLOSSARY[name]
    except KeyError:
        raise UsageError(f"unknown measure {name!r} (see taskgraph.analysis.glossary.GLOSSARY)") from None


def all_zero_reason(
    name: str, values: Iterable[Any] | Mapping[Any, Any], G: nx.Graph | None = None
) -> str | None:
    """A sentence to print when every value of a column is zero; None when some value is not.

    Empty and NaN values are skipped. With the network the column was computed on, ``G``, the
    sentence says what in that network makes it zero, when that can be told.

    Examples
    --------
    >>> all_zero_reason("betweenness", [0.0, 0.5]) is None
    True
    >>> import networkx as nx
    >>> G = nx.DiGraph([("县财政局", "县统计局"), ("县商务局", "县统计局")])
    >>> print(all_zero_reason("brokerage_total", {"a": 0, "b": 0}, G))  # doctest: +ELLIPSIS
    Every value of brokerage_total (brokerage, all roles) is 0. A score needs ... Here 2 nodes only send ties and 1 only receives them; none does both, so there is no two-path a → b → c at all.
    """
    measure = explain(name)
    found = [v for v in (values.values() if isinstance(values, Mapping) else values) if not _blank(v)]
    if not found or any(v != 0 for v in found):
        return None
    reason = f"Every value of {name} ({measure.label_en}) is 0. {measure.zero_when}"
    detail = _detail(name, G) if G is not None else None
    return f"{reason} {detail}" if detail else reason


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _nodes(n: int) -> str:
    return f"{n} node" if n == 1 else f"{n} nodes"


def _detail(name: str, G: nx.Graph) -> str | None:
    """What in ``G`` makes the column ``name`` zero, when it can be told from the network alone."""
    if G.number_of_edges() == 0 and name not in ("nodes", "components", "communities", "pagerank"):
        return f"Here the network has {G.number_of_nodes()} nodes and no tie."
    if name.startswith("brokerage_"):
        if not G.is_directed():
            return "Here the network is undirected; brokerage needs directions."
        senders = {u for u, v in G.edges() if u != v}
        receivers = {v for u, v in G.edges() if u != v}
        middle = senders & receivers
        if not middle:
            return (
                f"Here {_nodes(len(senders))} only send ties and {len(receivers)} only "
                f"{'receives' if len(receivers) == 1 else 'receive'} them; none does both, so there is "
                "no two-path a → b → c at all."
            )
        return (
            f"Here {_nodes(len(middle))} both receive and send ties, but every two-path through them "
            "is closed by a direct tie a → c, or has the groups of another role."
        )
    if name == "betweenness" and not G.is_directed():
        import networkx as nx

        pieces = list(nx.connected_components(G))
        cliques = sum(1 for c in pieces if G.subgraph(c).number_of_edges() * 2 >= len(c) * (len(c) - 1))
        if cliques == len(pieces):
            return f"Here all {len(pieces)} components are cliques, so no unit is needed on a shortest path."
    if name == "degree_centralization":
        degrees = {d for _, d in G.degree()}
        if len(degrees) == 1:
            return f"Here every node has degree {degrees.pop()}."
    return None
