"""Merged links: one edge per pair of merged places, every source and year kept; conflicts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import is_missing
from ..model import new_graph

#: Columns of the conflict report.
CONFLICT_COLUMNS = ("kind", "source", "target", "sources", "detail")

#: Words that name an administrative unit above or beside the town (county, district, ...).
_ADMIN = re.compile(
    r"\b(landkreis|kreis|county|district|province|provincia|region|oblast|prefecture|"
    r"powiat|gmina|municipality|kommune|kommun|comune|departement|département)\b",
    re.IGNORECASE,
)


@dataclass
class _Pair:
    """What the sources say about one unordered pair of merged places."""

    first: tuple[str, str]
    years: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    end_years: list[int] = field(default_factory=list)
    directions: set[tuple[str, str]] = field(default_factory=set)
    kinds: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    raw: set[tuple[str, str, str]] = field(default_factory=set)


def collect_pairs(
    graphs: Sequence[nx.MultiDiGraph], labels: Sequence[str], where: dict[tuple[str, str], str]
) -> tuple[dict[frozenset[str], _Pair], list[dict[str, Any]]]:
    """Group every edge of every source by its unordered pair of merged places."""
    pairs: dict[frozenset[str], _Pair] = {}
    collapsed: list[dict[str, Any]] = []
    for label, G in zip(labels, graphs, strict=True):
        for u, v, d in G.edges(data=True):
            a, b = where[(label, str(u))], where[(label, str(v))]
            if a == b:
                collapsed.append({"kind": "same_place", "source": a, "target": b,
                                  "sources": label, "detail": f"{u!s} -> {v!s} are one place"})
                continue
            p = pairs.setdefault(frozenset((a, b)), _Pair(first=(a, b)))
            p.records[label] += 1
            p.raw.add((label, str(u), str(v)))
            p.directions.add((a, b))
            if d.get("year") is not None:
                p.years[label].append(int(d["year"]))
            if d.get("end_year") is not None:
                p.end_years.append(int(d["end_year"]))
            if d.get("kind") not in (None, "unspecified"):
                p.kinds.append(str(d["kind"]))
    return pairs, collapsed


def _years_text(years: dict[str, list[int]]) -> str | None:
    parts = [f"{src}:{','.join(map(str, sorted(set(ys))))}" for src, ys in sorted(years.items())]
    return ";".join(parts) or None


def build_graph(
    pairs: dict[frozenset[str], _Pair], nodes: pd.DataFrame, *, dataset: str
) -> nx.MultiDiGraph:
    """One edge per pair of merged places, oriented as first recorded."""
    G = new_graph(dataset=dataset, retrieved=None, directed=False)
    G.add_nodes_from(nodes.to_dict("index").items())
    for p in pairs.values():
        a, b = p.first
        all_years = [y for ys in p.years.values() for y in ys]
        G.add_edge(
            a, b,
            year=min(all_years) if all_years else None,
            end_year=max(p.end_years) if p.end_years else None,
            phase=None, phase_source=None,
            kind=p.kinds[0] if p.kinds else "unspecified",
            dataset=dataset,
            sources=";".join(sorted(p.records)),
            n_sources=len(p.records),
            years=_years_text(p.years),
            both_sides=len(p.directions) == 2,
        )
    return G


def year_conflicts(pairs: dict[frozenset[str], _Pair]) -> list[dict[str, Any]]:
    """Pairs whose sources give different earliest years."""
    out = []
    for p in pairs.values():
        firsts = {src: min(ys) for src, ys in p.years.items()}
        if len(set(firsts.values())) > 1:
            out.append({"kind": "years_disagree", "source": p.first[0], "target": p.first[1],
                        "sources": ";".join(sorted(firsts)), "detail": _years_text(p.years)})
    return out


def one_sided(
    pairs: dict[frozenset[str], _Pair], coverage: dict[str, set[str]]
) -> list[dict[str, Any]]:
    """Pairs a source omits although it lists both places (with other partners)."""
    out = []
    for p in pairs.values():
        a, b = p.first
        silent = sorted(src for src, seen in coverage.items()
                        if src not in p.records and a in seen and b in seen)
        if silent:
            out.append({"kind": "one_sided", "source": a, "target": b,
                        "sources": ";".join(sorted(p.records)),
                        "detail": "not in " + ";".join(silent) + " (which lists both places)"})
    return out


def _variant(row: dict[str, Any]) -> tuple[str, bool]:
    text = row.get("name") or ""
    return (str(row.get("level")), bool(_ADMIN.search(text)))


def level_conflicts(
    pairs: dict[frozenset[str], _Pair], places: pd.DataFrame, where: dict[tuple[str, str], str]
) -> list[dict[str, Any]]:
    """The same pair recorded at different administrative levels.

    Two cases: (1) the records of one pair name one of its places at different levels (the
    ``level`` attribute differs, one name carries an administrative word such as
    "Municipality" or "Landkreis", or two Wikidata items were merged into one place); (2) a
    place named with an administrative word (``Landkreis Hameln-Pyrmont``) that was not merged
    is twinned with the same partner as the town of the same name in the same country.
    """
    info = places.set_index(["dataset", "node"])[["name", "level", "wikidata"]]
    rows = info.to_dict("index")
    out = []
    for p in pairs.values():
        seen: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        items: dict[str, set[str]] = defaultdict(set)
        for src, u, v in p.raw:
            for node in (u, v):
                row = rows[(src, node)]
                seen[where[(src, node)]].add(_variant(row))
                if row.get("wikidata"):
                    items[where[(src, node)]].add(str(row["wikidata"]))
        bad = [m for m in seen if len(seen[m]) > 1 or len(items[m]) > 1]
        if bad and len(p.records) > 1:
            out.append({"kind": "levels", "source": p.first[0], "target": p.first[1],
                        "sources": ";".join(sorted(p.records)),
                        "detail": "; ".join(_level_text(m, seen[m], items[m]) for m in bad)})
    out.extend(_unit_vs_town(pairs, places))
    return out


def _level_text(m: str, variants: set[tuple[str, bool]], items: set[str]) -> str:
    parts = [f"level {lvl}" + (" (administrative name)" if admin else "")
             for lvl, admin in sorted(variants)]
    if len(items) > 1:
        parts.append("items " + ",".join(sorted(items)))
    return f"{m}: " + " / ".join(parts)


def _unit_vs_town(pairs: dict[frozenset[str], _Pair], places: pd.DataFrame) -> list[dict[str, Any]]:
    """Pairs recorded with a district or county whose town is twinned with the same partner."""
    town_of_gn = {f"gn:{int(g)}": m for g, m in zip(places["geonames"], places["merged"],
                                                    strict=True) if not is_missing(g)}
    units = {m: town_of_gn.get(f"gn:{int(p)}", f"gn:{int(p)}")
             for m, p in zip(places["merged"], places["parent"], strict=True)
             if not is_missing(p)}
    partners: dict[str, set[str]] = defaultdict(set)
    for key in pairs:
        a, b = tuple(key)
        partners[a].add(b)
        partners[b].add(a)
    out = []
    for unit, town in units.items():
        if town == unit:
            continue
        for partner in sorted(partners[unit] & partners[town]):
            out.append({"kind": "levels", "source": unit, "target": partner, "sources": "",
                        "detail": f"also recorded as {town} - {partner} (the town it belongs to)"})
    return out
