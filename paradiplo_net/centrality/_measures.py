"""City measures on the cached igraph view: names, references, computation (private)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_int, check_option
from .._igraph import IgraphView, seeded, to_igraph
from ..model import PHASES

Measure = Literal["in_degree", "out_degree", "degree", "partners", "betweenness", "closeness",
                  "harmonic", "eigenvector", "pagerank"]


#: City measures accepted by :func:`rank` and :func:`city_table`.
MEASURES: tuple[str, ...] = ("in_degree", "out_degree", "degree", "partners", "betweenness",
                             "closeness", "harmonic", "eigenvector", "pagerank")


#: Country measures accepted by :func:`country_rank`.
COUNTRY_MEASURES: tuple[str, ...] = ("links", "foreign_links", "partners", "cities",
                                     "betweenness", "closeness", "harmonic", "eigenvector",
                                     "pagerank")


_DIRECTIONAL = ("in_degree", "out_degree")


_WEIGHTABLE = ("eigenvector", "pagerank")


_INT_MEASURES = ("in_degree", "out_degree", "degree", "partners")


#: Measures whose igraph routine draws random numbers (ARPACK's start vector); cached per seed.
_RANDOMISED = ("eigenvector",)


_REFERENCES = """
    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35-41; Brandes, U. (2001). A faster algorithm for betweenness
       centrality. *J. Math. Sociol.* 25(2), 163-177.
    .. [2] Wasserman, S., Faust, K. (1994). *Social Network Analysis*. Cambridge UP (closeness
       on disconnected graphs); Marchiori, M., Latora, V. (2000). Harmony in the small-world.
       *Physica A* 285, 539-546 (harmonic).
    .. [3] Bonacich, P. (1987). Power and centrality: a family of measures. *Am. J. Sociol.*
       92(5), 1170-1182 (eigenvector).
    .. [4] Page, L., Brin, S., Motwani, R., Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.
    .. [5] Csardi, G., Nepusz, T. (2006). The igraph software package for complex network
       research. *InterJournal Complex Systems* 1695.
"""


def _with_references(func):
    """Insert the shared References section at the ``{REFERENCES}`` placeholder."""
    func.__doc__ = func.__doc__.replace("    {REFERENCES}\n", _REFERENCES.lstrip("\n") + "\n")
    return func


def _resolve_weighted(measure: str, weighted: bool | None) -> bool:
    if weighted is None:
        return measure == "pagerank"
    if weighted and measure not in _WEIGHTABLE:
        raise ValueError(
            f"weighted=True is only defined for {', '.join(_WEIGHTABLE)}, not {measure!r}: "
            "the weight counts statements per pair, which is not a distance. Use "
            "measure='degree' for statement counts, or weighted=None."
        )
    return bool(weighted)


def _compute(
    G: nx.MultiDiGraph, measure: str, weighted: bool, damping: float, seed: int = 0
) -> np.ndarray:
    """Measure values aligned with the cached node order (cached per graph version).

    Runs under :func:`paradiplo_net._igraph.seeded`: the eigenvector centrality's ARPACK start
    vector is drawn from igraph's generator, so the result depends on ``seed`` only.
    """
    conv = to_igraph(G)
    key: tuple = (measure, weighted, damping if measure == "pagerank" else None)
    if measure in _RANDOMISED:
        key = (*key, seed)
    if key in conv.measures:
        return conv.measures[key]
    with seeded(seed):
        val = _measure(conv, G, measure, weighted, damping)
    conv.measures[key] = val
    return val


def _betweenness(conv: IgraphView, n: int) -> np.ndarray:
    val = np.array(conv.U.betweenness(directed=False), dtype=float)
    return val * (2.0 / ((n - 1) * (n - 2))) if n > 2 else val


def _closeness(conv: IgraphView, n: int) -> np.ndarray:
    # igraph: (r - 1) / sum of distances to the r - 1 reachable nodes (NaN if r = 1);
    # networkx (wf_improved) scales by (r - 1) / (n - 1).
    comp = conv.U.connected_components()
    size = np.array(comp.sizes(), dtype=float)[np.array(comp.membership)]
    raw = np.array(conv.U.closeness(normalized=True), dtype=float)
    return np.where(size > 1, np.nan_to_num(raw) * (size - 1) / max(n - 1, 1), 0.0)


def _eigenvector(conv: IgraphView, n: int, weighted: bool) -> np.ndarray:
    U = conv.U
    if U.ecount() == 0:
        return np.zeros(n)
    with warnings.catch_warnings():
        # igraph warns when the graph is disconnected; documented in rank(). (U is
        # undirected; igraph 1.0 rejects an explicit directed=False here.)
        warnings.simplefilter("ignore", RuntimeWarning)
        val = np.abs(np.array(U.eigenvector_centrality(
            weights="weight" if weighted else None), dtype=float))
    norm = np.linalg.norm(val)
    return val / norm if norm > 0 else val


def _measure(
    conv: IgraphView, G: nx.MultiDiGraph, measure: str, weighted: bool, damping: float
) -> np.ndarray:
    """One vertex measure on the igraph view (uncached; see :func:`_compute`)."""
    U, n = conv.U, len(conv.nodes)
    counts: dict[str, Callable[[], np.ndarray]] = {
        "in_degree": lambda: conv.in_deg.astype(np.int64),
        "out_degree": lambda: conv.out_deg.astype(np.int64),
        "degree": lambda: (conv.in_deg + conv.out_deg).astype(np.int64),
        "partners": lambda: np.array(U.degree(), dtype=np.int64),
    }
    if measure in counts:
        return counts[measure]()
    if n == 0:
        return np.zeros(0)
    H = conv.D if G.graph.get("directed", True) else U
    paths: dict[str, Callable[[], np.ndarray]] = {
        "betweenness": lambda: _betweenness(conv, n),
        "closeness": lambda: _closeness(conv, n),
        "harmonic": lambda: np.nan_to_num(
            np.array(U.harmonic_centrality(normalized=False), dtype=float)),
        "eigenvector": lambda: _eigenvector(conv, n, weighted),
        "pagerank": lambda: np.array(H.pagerank(directed=H.is_directed(), damping=damping,
                                                weights="weight" if weighted else None),
                                     dtype=float),
    }
    return paths[measure]()


def _values(
    G: nx.MultiDiGraph, measure: str, *, weighted: bool | None = None, damping: float = 0.85,
    seed: int = 0,
) -> pd.Series:
    check_option("measure", measure, MEASURES)
    w = _resolve_weighted(measure, weighted)
    if measure in _DIRECTIONAL and G.graph.get("directed", True) is False:
        raise ValueError(
            f"measure={measure!r} is meaningless here: {G.graph.get('dataset')!r} lists "
            "undirected pairs (G.graph['directed'] is False), so edge direction is arbitrary. "
            "Use 'degree' or 'partners'."
        )
    if not 0 < damping < 1:
        raise ValueError(f"damping must be in (0, 1), got {damping!r}")
    conv = to_igraph(G)
    check_int("seed", seed, minimum=0)
    return pd.Series(_compute(G, measure, w, damping, seed).copy(),
                     index=pd.Index(conv.nodes, name="city"), name=measure)


def _table(G: nx.MultiDiGraph, values: pd.Series, top: int | None) -> pd.DataFrame:
    """city, name, country, value, rank; sorted by rank then city id."""
    names = [G.nodes[c].get("name") for c in values.index]
    countries = [G.nodes[c].get("country") for c in values.index]
    frame = pd.DataFrame({"city": values.index.astype(str), "name": names,
                          "country": countries, "value": values.to_numpy()})
    frame["name"] = frame["name"].astype(object)
    frame["country"] = frame["country"].astype(object)
    frame["rank"] = frame["value"].rank(method="min", ascending=False).astype("Int64")
    frame = frame.sort_values(["rank", "city"], kind="stable").reset_index(drop=True)
    if top is not None:
        frame = frame[frame["rank"] <= top].head(top).reset_index(drop=True)
    return frame


def _phase_layer(G: nx.MultiDiGraph, phase: str) -> nx.MultiDiGraph:
    """Edges whose primary ``phase`` is ``phase`` and the cities they touch (a new graph)."""
    check_option("phase", phase, PHASES)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["phase_layer"] = phase
    edges = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
             if d.get("phase") == phase]
    H.add_nodes_from((n, G.nodes[n]) for n in dict.fromkeys(x for e in edges for x in e[:2]))
    H.add_edges_from(edges)
    return H
