"""merge(): reconcile several source graphs into one graph with a conflict report."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import check_graph
from ._links import (
    CONFLICT_COLUMNS,
    build_graph,
    collect_pairs,
    level_conflicts,
    one_sided,
    year_conflicts,
)
from ._places import match_places

logger = logging.getLogger(__name__)


@dataclass
class MergeResult:
    """The reconciled graph, the place table and the conflict report of :func:`merge`.

    Attributes
    ----------
    graph : networkx.MultiDiGraph
        One node per merged place, one edge per pair of places (see :func:`merge`).
    places : pandas.DataFrame
        One row per source node: ``dataset``, ``node``, ``name``, ``country``, ``wikidata``,
        ``geonames``, ``method`` (how it was matched), ``status``, ``key`` and ``merged``
        (its place id in ``graph``), ``level``, ``lat``, ``lon``.
    conflicts : pandas.DataFrame
        Columns ``kind`` (``years_disagree``, ``one_sided``, ``levels``, ``unmatched``,
        ``same_place``), ``source``, ``target``, ``sources``, ``detail``.
    parameters : dict
        The options used.
    """

    graph: nx.MultiDiGraph
    places: pd.DataFrame
    conflicts: pd.DataFrame
    parameters: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """Distinct pairs, the share dated and the share recorded by two or more sources."""
        G = self.graph
        n = G.number_of_edges()
        dated = sum(1 for *_, y in G.edges(data="year") if y is not None)
        multi = sum(1 for *_, k in G.edges(data="n_sources") if k >= 2)
        return {
            "pairs": n, "places": G.number_of_nodes(),
            "dated_share": dated / n if n else 0.0,
            "multi_source_share": multi / n if n else 0.0,
            "conflicts": self.conflicts["kind"].value_counts().to_dict(),
        }


def _labels(graphs: Sequence[nx.MultiDiGraph] | Mapping[str, nx.MultiDiGraph]) -> tuple[
        list[str], list[nx.MultiDiGraph]]:
    if isinstance(graphs, Mapping):
        return [str(k) for k in graphs], list(graphs.values())
    gs = [graphs] if isinstance(graphs, nx.Graph) else list(graphs)
    labels = [str(G.graph.get("dataset") or f"source{i}") for i, G in enumerate(gs)]
    if len(set(labels)) != len(labels):
        raise ValueError(
            f"graphs share dataset names {labels}; pass a dict {{label: graph}} to name them"
        )
    return labels, gs


def _node_table(places: pd.DataFrame) -> pd.DataFrame:
    """One row per merged place: the first non-missing value of its source nodes."""
    cols = ("name", "lat", "lon", "level", "wikidata", "geonames")
    first: dict[str, dict[str, Any]] = {}
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, dict[str, None]] = defaultdict(dict)
    sources: dict[str, dict[str, None]] = defaultdict(dict)
    for row in places.itertuples(index=False):
        m = row.merged
        rec = first.setdefault(m, dict.fromkeys(cols))
        for c in cols:
            v = getattr(row, c)
            if rec[c] is None and v is not None and not pd.isna(v):
                rec[c] = v
        if row.country is not None and not pd.isna(row.country):
            countries[m][row.country] += 1
        if row.name:
            names[m][row.name] = None
        sources[m][row.dataset] = None
    for m, rec in first.items():
        rec["name"] = rec["name"] or m
        rec["level"] = rec["level"] or "municipality"
        rec["geonames"] = None if rec["geonames"] is None else int(rec["geonames"])
        rec["country"] = countries[m].most_common(1)[0][0] if countries[m] else None
        rec["names"] = ";".join(names[m])
        rec["sources"] = ";".join(sources[m])
    nodes = pd.DataFrame.from_dict(first, orient="index").astype(object)
    return nodes.where(nodes.notna(), None)


def _unmatched(places: pd.DataFrame) -> list[dict[str, Any]]:
    n_sets = places.groupby("merged")["dataset"].nunique()
    lone = places[(places["status"] != "resolved") & places["merged"].map(n_sets).eq(1)
                  & places["wikidata"].isna()]
    return [{"kind": "unmatched", "source": m, "target": None, "sources": d,
             "detail": f"{name!r} ({cc}): {status}"}
            for m, d, name, cc, status in zip(lone["merged"], lone["dataset"], lone["name"],
                                              lone["country"], lone["status"], strict=True)]


def merge(
    graphs: Sequence[nx.MultiDiGraph] | Mapping[str, nx.MultiDiGraph],
    *,
    tolerance_km: float = 25.0,
    dataset: str = "merged",
    one_sided_report: bool = True,
) -> MergeResult:
    """Reconcile several twinning graphs into one graph, keeping every source and year.

    Places are matched across sources by identifiers and by the offline gazetteer (see
    :mod:`paradiplo_net.merge`): GeoNames ids; Wikidata Q-ids; names in any language or
    spelling the gazetteer knows (exonyms such as "Posen" = Poznań, administrative affixes
    such as "Gothenburg Municipality"), always within the node's country; coordinates,
    which veto a gazetteer match farther than ``tolerance_km``; the same folded spelling in
    the same country for names the gazetteer does not know. An ambiguous name is never
    merged. Nothing is dropped: every source node is in ``places`` with its merged id.

    The merged graph has one edge per unordered pair of merged places (``G.graph["directed"]``
    is False: the sources disagree on what direction means), oriented as first recorded.
    Edge attributes: ``year`` (the earliest year any source gives), ``end_year`` (the latest
    end any source gives), ``sources`` (``;``-joined dataset names), ``n_sources``,
    ``years`` (every year of every source, ``"src:1990;src2:1989,1995"``), ``both_sides``
    (whether records exist in both directions), ``kind`` and ``dataset``.

    Parameters
    ----------
    graphs : sequence of graphs, or dict label -> graph
        Contract graphs; labels default to each ``G.graph["dataset"]`` (which must differ).
        Order matters only for names: a merged place takes the name of its first source.
    tolerance_km : float, default 25
        Largest distance between a node's own coordinates and its gazetteer place.
    dataset : str, default "merged"
        Name of the merged graph.
    one_sided_report : bool, default True
        Report pairs a source omits although it lists both places (can be long).

    Returns
    -------
    MergeResult
        ``graph``, ``places``, ``conflicts`` and ``summary()``.

    Raises
    ------
    GraphContractError
        If an input is not a graph.
    ValueError
        Duplicate labels.

    Notes
    -----
    Records within one source that fall on the same merged pair (a reciprocal pair of
    statements, or two agreements) are one edge with their years kept; two source nodes that
    become one place (a town listed under two spellings) give a ``same_place`` conflict and no
    self-loop.

    References
    ----------
    Christen, P. (2012). *Data Matching: Concepts and Techniques for Record Linkage, Entity
    Resolution, and Duplicate Detection*. Springer (blocking by key, union-find merging).

    Examples
    --------
    >>> import networkx as nx
    >>> import paradiplo_net as pn
    >>> from paradiplo_net.merge import merge
    >>> a = pn.io.read_links(pd.DataFrame({"s": ["Poznań"], "t": ["Hannover"], "y": [1979],
    ...     "sc": ["PL"], "tc": ["DE"]}), source="s", target="t", year="y",
    ...     source_country="sc", target_country="tc", dataset="a", progress=False)[0]
    >>> b = pn.io.read_links(pd.DataFrame({"s": ["Hannover"], "t": ["Posen"], "y": [1979],
    ...     "sc": ["Deutschland"], "tc": ["Polen"]}), source="s", target="t", year="y",
    ...     source_country="sc", target_country="tc", dataset="b", progress=False)[0]
    >>> res = merge([a, b])
    >>> res.summary()["pairs"], res.summary()["multi_source_share"]
    (1, 1.0)
    >>> e = next(iter(res.graph.edges(data=True)))[2]
    >>> e["sources"], e["years"]
    ('a;b', 'a:1979;b:1979')
    """
    labels, gs = _labels(graphs)
    for G in gs:
        check_graph(G)
    places = match_places(gs, labels, tolerance_km=tolerance_km)
    where = {(d, n): m for d, n, m in zip(places["dataset"], places["node"], places["merged"],
                                          strict=True)}
    pairs, collapsed = collect_pairs(gs, labels, where)
    G = build_graph(pairs, _node_table(places), dataset=dataset)
    G.graph["sources"] = labels
    G.graph["rejected"] = {"same_place": len(collapsed)}
    rows = year_conflicts(pairs) + level_conflicts(pairs, places, where) + collapsed
    if one_sided_report:
        coverage: dict[str, set[str]] = {}
        for label in labels:
            coverage[label] = set(places.loc[places["dataset"] == label, "merged"])
        rows += one_sided(pairs, coverage)
    rows += _unmatched(places)
    conflicts = pd.DataFrame(rows, columns=list(CONFLICT_COLUMNS))
    params = {"tolerance_km": tolerance_km, "dataset": dataset, "sources": labels}
    logger.info("merged %d sources: %d places, %d pairs", len(gs), G.number_of_nodes(),
                G.number_of_edges())
    return MergeResult(G, places, conflicts, params)
