"""Static figures for papers (PNG and SVG), Chinese labels in the shipped CJK font."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from dataclasses import dataclass

import networkx as nx

from taskgraph.render.fonts import matplotlib_font

MAX_LEADERS = 30


@dataclass(frozen=True)
class FigureOptions:
    """How figures are drawn: formats, resolution, size, language, and the analysis choices."""

    formats: tuple[str, ...] = ("png", "svg")
    dpi: int = 300
    size: tuple[float, float] | None = None
    lang: str = "zh"
    collectives: str = "exclude"
    groups: str = "expand"
    top: int = 20

    @classmethod
    def parse(cls, formats: tuple[str, ...], dpi: int, size: str | None, lang: str, collectives: str,
              groups: str, top: int) -> FigureOptions:  # fmt: skip
        """Options from the command line; ``size`` is ``WxH`` in inches."""
        from taskgraph.errors import UsageError

        dims = None
        if size:
            try:
                w, h = (float(x) for x in size.lower().split("x"))
            except ValueError:
                raise UsageError(f"--size must be WxH in inches, e.g. 6.5x4, not {size!r}") from None
            if not (0.5 <= w <= 40 and 0.5 <= h <= 40):
                raise UsageError("--size must be between 0.5 and 40 inches each way")
            dims = (w, h)
        return cls(tuple(formats), dpi, dims, lang, collectives, groups, top)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    family = matplotlib_font()
    plt.rcParams.update(
        {
            "font.family": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.fonttype": "path",  # glyphs as outlines: the SVG shows Chinese without the font
            "figure.dpi": 100,
            "savefig.dpi": 150,
        }
    )
    return plt


def _nothing(ax: Any, message: str) -> None:
    """An empty chart that says why, rather than no file (a plan may name no leader)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555")
    ax.set_xticks([])
    ax.set_yticks([])


def _save(fig: Any, folder: Path, name: str, options: FigureOptions | None = None) -> list[Path]:
    from taskgraph.safety import atomic_output

    options = options or FigureOptions()
    paths = []
    for ext in options.formats:
        path = folder / f"{name}.{ext}"
        with atomic_output(path, "wb") as fh:
            fig.savefig(fh, format=ext, dpi=options.dpi, bbox_inches="tight", metadata={"Date": None} if ext == "svg" else None)
        paths.append(path)
    return paths


def coordination_load_figure(units: Any, folder: str | os.PathLike[str], top: int = 20) -> list[Path]:
    """Horizontal bars: the ``top`` units by coordination load, split into leading and answering."""
    plt = _pyplot()
    data = units.dropna(subset=["coordination_load"]).head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(len(data), 4) + 1.4))
    if data.empty:
        _nothing(ax, "No unit is named on any task.")
    answering = 0.5 * (data["responsible"] + data["cooperating"])
    leading = data["coordination_load"] - answering
    ax.barh(data["unit"], leading, color="#0984e3", label="leading (tasks led + partners)")
    ax.barh(data["unit"], answering, left=leading, color="#fdcb6e", label="answering for others' tasks")
    ax.set_xlabel("coordination load index")
    ax.set_title(f"Top {len(data)} units by coordination load  协调负荷")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    paths = _save(fig, Path(folder), "coordination-load")
    plt.close(fig)
    return paths


def leader_section_figure(assignments: Any, folder: str | os.PathLike[str]) -> list[Path]:
    """Heat map: tasks per leader (rows) and (sub)section (columns)."""
    plt = _pyplot()
    counts: Counter[tuple[str, str]] = Counter()
    sections: list[str] = []
    for t in assignments.tasks:
        where = t.subsection_title or t.section_title or "—"
        if where not in sections:
            sections.append(where)
        for p in t.parties.get("lead_leader", []):
            counts[(p.name, where)] += 1
    totals: Counter[str] = Counter()
    for (name, _), v in counts.items():
        totals[name] += v
    # Many plans make many leaders: the figure keeps the MAX_LEADERS busiest, and says so.
    leaders = [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_LEADERS]]
    matrix = [[counts[(leader, s)] for s in sections] for leader in leaders]
    if not leaders:
        fig, ax = plt.subplots(figsize=(6, 2.5))
        _nothing(ax, "The plan names no lead leader (牵头领导).")
        ax.set_title("Tasks overseen per leader and section  领导 × 部分")
        paths = _save(fig, Path(folder), "leader-section")
        plt.close(fig)
        return paths
    fig, ax = plt.subplots(figsize=(1.0 + 0.75 * len(sections), 1.2 + 0.45 * len(leaders)))
    image = ax.imshow(matrix, cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(sections)))
    short = [
        s.split("，")[0] for s in sections
    ]  # "（一）聚焦重点项目，持续厚植发展动能" -> "（一）聚焦重点项目"
    ax.set_xticklabels(
        [s if len(s) <= 14 else s[:13] + "…" for s in short], rotation=50, ha="right", fontsize=8
    )
    ax.set_yticks(range(len(leaders)))
    ax.set_yticklabels(leaders)
    top = max((v for row in matrix for v in row), default=0)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v and len(leaders) * len(sections) <= 600:
                ax.text(
                    j,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v > top / 2 else "#222",
                )
    shown = "" if len(totals) <= MAX_LEADERS else f" (top {MAX_LEADERS} of {len(totals)} leaders)"
    ax.set_title(f"Tasks overseen per leader and section  领导 × 部分{shown}")
    fig.colorbar(image, ax=ax, shrink=0.8, label="tasks")
    fig.tight_layout()
    paths = _save(fig, Path(folder), "leader-section")
    plt.close(fig)
    return paths


def degree_distribution_figure(G: nx.Graph, folder: str | os.PathLike[str]) -> list[Path]:
    """Bars: how many units have each number of co-assignment partners (log scale when wide)."""
    plt = _pyplot()
    degrees = Counter(d for _, d in G.degree())
    xs = sorted(degrees)
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.bar(xs, [degrees[x] for x in xs], color="#0984e3")
    if xs and max(xs) > 50:
        ax.set_xscale("symlog")
        ax.set_yscale("log")
    ax.set_xlabel("partners (degree in the unit co-assignment network)")
    ax.set_ylabel("units")
    ax.set_title("Degree distribution  度分布")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    paths = _save(fig, Path(folder), "degree-distribution")
    plt.close(fig)
    return paths


def write_figures(source: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None) -> list[Path]:
    """All figures of a corpus into ``folder`` (created if needed); return the files written."""
    from taskgraph.corpus import Corpus

    options = options or FigureOptions()
    corpus = source if isinstance(source, Corpus) else Corpus(source if isinstance(source, (list, tuple)) else [source])
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    units = corpus.units("corpus", options.collectives if options.collectives != "separate" else "exclude", options.groups)
    paths = coordination_load_figure(units, out, options.top)
    paths += leader_section_figure(corpus.assignments, out)
    paths += degree_distribution_figure(corpus.view("units", options.collectives, options.groups), out)
    return paths


def corpus_figure(table: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None) -> list[Path]:
    """Plans side by side: tasks, joint leadership share and collective share per plan."""
    plt = _pyplot()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    labels = [f"{j or ''}{y or ''}" or str(p)[:12] for p, j, y in zip(table["plan"], table["jurisdiction"], table["year"])]
    fig, axes = plt.subplots(1, 3, figsize=(11, 0.4 * max(len(table), 4) + 1.5), sharey=True)
    for ax, column, title in zip(axes, ("tasks", "joint_leadership_share", "collective_share"), ("tasks", "joint leadership share", "collective share")):
        ax.barh(labels, table[column].fillna(0), color="#0984e3")
        ax.set_title(title)
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    paths = _save(fig, out, "corpus", options)
    plt.close(fig)
    return paths


def load_change_figure(comparison: Any, path: str | os.PathLike[str], options: FigureOptions | None = None) -> Path:
    """The units whose coordination load changed most between two plans, before and after."""
    plt = _pyplot()
    rows = [r for r in comparison.load if r["before"] is not None or r["after"] is not None]
    rows.sort(key=lambda r: -abs((r["after"] or 0) - (r["before"] or 0)))
    rows = rows[:20][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(len(rows), 4) + 1.4))
    names = [r["unit"] for r in rows]
    ax.barh([k - 0.2 for k in range(len(rows))], [r["before"] or 0 for r in rows], height=0.4, color="#b2bec3", label="before")
    ax.barh([k + 0.2 for k in range(len(rows))], [r["after"] or 0 for r in rows], height=0.4, color="#0984e3", label="after")
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(names)
    ax.set_xlabel("coordination load")
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    target = Path(path)
    ext = target.suffix.lstrip(".") or "png"
    from taskgraph.safety import atomic_output

    with atomic_output(target, "wb") as fh:
        fig.savefig(fh, format=ext, dpi=(options or FigureOptions()).dpi, bbox_inches="tight")
    plt.close(fig)
    return target
