"""City measures on the cached igraph view: names, references, computation (private)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_int, check_option
from .._igraph import IgraphView, distance_chunks, seeded, to_igraph
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


#: Path measures that can be sampled (``k`` pivots) or truncated (``cutoff``).
PATH_MEASURES: tuple[str, ...] = ("betweenness", "closeness", "harmonic")

#: Nodes (of the undirected collapse) above which ``k="auto"`` samples path measures.
#: Exact betweenness costs one breadth-first search per node (exponent 2.4-2.5 in the links
#: measured: 72 s at 100k links); sampled, one per pivot.
PATH_SAMPLE_LIMIT = 20_000

#: Pivots used by ``k="auto"`` above :data:`PATH_SAMPLE_LIMIT` nodes.
DEFAULT_K = 1_000

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
    .. [6] Brandes, U., Pich, C. (2007). Centrality estimation in large networks. *Int. J.
       Bifurcation and Chaos* 17(7), 2303-2318 (sampled betweenness, ``k`` pivots).
    .. [7] Eppstein, D., Wang, J. (2004). Fast approximation of centrality. *J. Graph
       Algorithms Appl.* 8(1), 39-45 (sampled closeness, ``k`` pivots).
"""


def _with_references(func):
    """Insert the shared References section at the ``{REFERENCES}`` placeholder."""
    references = "\n" + _REFERENCES.lstrip("\n") + "\n"
    func.__doc__ = func.__doc__.replace("    {REFERENCES}\n", references)
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


def resolve_sampling(
    conv: IgraphView, measure: str, k: int | str = "auto", cutoff: int | None = None
) -> tuple[int | None, int | None]:
    """The (pivots, cutoff) a path measure runs with; (None, None) = exact.

    ``k="auto"``: exact up to :data:`PATH_SAMPLE_LIMIT` nodes, else :data:`DEFAULT_K`
    pivots; ``k="exact"``: exact; an int: that many pivots (exact when at least the number of
    nodes). Measures other than :data:`PATH_MEASURES` are never sampled.
    """
    if measure not in PATH_MEASURES:
        return None, None
    n = len(conv.nodes)
    if k == "auto":
        pivots = DEFAULT_K if n > PATH_SAMPLE_LIMIT and cutoff is None else None
    elif k == "exact":
        pivots = None
    elif isinstance(k, int) and not isinstance(k, bool) and k >= 1:
        pivots = k
    else:
        raise ValueError(f"k must be 'auto', 'exact' or a positive int, got {k!r}")
    if pivots is not None and pivots >= n:
        pivots = None
    if cutoff is not None:
        check_int("cutoff", cutoff, minimum=1)
        if isinstance(k, int):
            raise ValueError(f"{measure}: give k or cutoff, not both")
        pivots = None
    return pivots, cutoff


def _compute(
    G: nx.MultiDiGraph, measure: str, weighted: bool, damping: float, seed: int = 0, *,
    sampling: tuple[int | None, int | None] = (None, None),
    conv: IgraphView | None = None,
) -> np.ndarray:
    """Measure values aligned with the cached node order (cached per graph version).

    Runs under :func:`paradiplo_net._igraph.seeded`: the eigenvector centrality's ARPACK start
    vector is drawn from igraph's generator, so the result depends on ``seed`` only.
    """
    conv = to_igraph(G) if conv is None else conv
    key: tuple = (measure, weighted, damping if measure == "pagerank" else None)
    if measure in _RANDOMISED:
        key = (*key, seed)
    if sampling != (None, None):
        key = (*key, "sampled", *sampling, seed)
    if key in conv.measures:
        return conv.measures[key]
    with seeded(seed):
        if sampling != (None, None):
            val = _sampled(conv, measure, *sampling, seed)
        else:
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


def _pivot_sums(
    conv: IgraphView, pivots: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node: pivots reaching it (itself excluded), sum of d and of 1/d from them."""
    n = len(conv.nodes)
    count, total, inv = np.zeros(n), np.zeros(n), np.zeros(n)
    for _start, d in distance_chunks(conv.U, pivots):
        reach = np.isfinite(d) & (d > 0)
        count += reach.sum(axis=0)
        total += np.where(reach, d, 0.0).sum(axis=0)
        with np.errstate(divide="ignore"):
            inv += np.where(reach, 1.0 / d, 0.0).sum(axis=0)
    return count, total, inv


def _sampled(
    conv: IgraphView, measure: str, k: int | None, cutoff: int | None, seed: int
) -> np.ndarray:
    """A path measure from ``k`` random pivots and/or with paths cut at ``cutoff``.

    Betweenness: Brandes-Pich [6]_, the dependencies of ``k`` uniformly drawn sources scaled
    by n / k (igraph's subset betweenness), or igraph's cut-off betweenness. Closeness and
    harmonic: Eppstein-Wang [7]_, a node's mean distance (or mean inverse distance) to the others of
    its component estimated by its mean over the pivots of that component; nodes whose
    component holds no other pivot (small components) are computed exactly. With ``cutoff``
    instead, igraph's cut-off measures (paths longer than ``cutoff`` ignored; closeness is
    still scaled by the component size). ``k`` and ``cutoff`` do not combine.
    """
    U, n = conv.U, len(conv.nodes)
    comp = U.connected_components()
    size = np.array(comp.sizes(), dtype=float)[np.array(comp.membership)]
    pivots = (np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
              if k is not None else None)
    if measure == "betweenness":
        src = pivots.tolist() if pivots is not None else None
        val = np.array(U.betweenness(directed=False, cutoff=cutoff, sources=src), dtype=float)
        val = val * (n / k) if k is not None else val
        return val * (2.0 / ((n - 1) * (n - 2))) if n > 2 else val
    if pivots is None:  # cutoff only
        return _exact_path(U, measure, size, n, vertices=None, cutoff=cutoff)
    count, total, inv = _pivot_sums(conv, pivots)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "closeness":
            val = np.where(size > 1, count / total * (size - 1) / max(n - 1, 1), 0.0)
        else:
            val = (size - 1) * inv / count
    alone = np.flatnonzero((count == 0) & (size > 1))
    if len(alone):
        val[alone] = _exact_path(U, measure, size[alone], n, vertices=alone.tolist(),
                                 cutoff=None)
    return np.nan_to_num(val)


def _exact_path(
    U: Any, measure: str, size: np.ndarray, n: int, *, vertices: list[int] | None,
    cutoff: int | None,
) -> np.ndarray:
    """Igraph's closeness (Wasserman-Faust scaled) or harmonic centrality of ``vertices``."""
    if measure == "closeness":
        raw = np.array(U.closeness(vertices=vertices, normalized=True, cutoff=cutoff),
                       dtype=float)
        return np.where(size > 1, np.nan_to_num(raw) * (size - 1) / max(n - 1, 1), 0.0)
    return np.nan_to_num(np.array(
        U.harmonic_centrality(vertices=vertices, normalized=False, cutoff=cutoff), dtype=float))


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
    seed: int = 0, k: int | str = "auto", cutoff: int | None = None,
    conv: IgraphView | None = None,
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
    conv = to_igraph(G) if conv is None else conv
    check_int("seed", seed, minimum=0)
    sampling = resolve_sampling(conv, measure, k, cutoff)
    index = conv.measures.get(("_index",))
    if index is None:  # built once per conversion; each result gets its own shallow copy
        index = conv.measures[("_index",)] = pd.Index(conv.nodes, dtype=object, name="city")
    out = pd.Series(_compute(G, measure, w, damping, seed, sampling=sampling,
                             conv=conv).copy(),
                    index=index.copy(), name=measure)
    out.attrs.update(sampling_attrs(sampling))
    return out


def sampling_attrs(sampling: tuple[int | None, int | None]) -> dict[str, object]:
    """How a measure was computed, for ``attrs``: ``paths``, ``k`` and ``cutoff``.

    ``paths`` is "exact", "sampled" (``k`` pivots) or "cutoff".
    """
    k, cutoff = sampling
    paths = "sampled" if k is not None else ("cutoff" if cutoff is not None else "exact")
    return {"paths": paths, "k": k, "cutoff": cutoff}


def _table(G: nx.MultiDiGraph, values: pd.Series, top: int | None) -> pd.DataFrame:
    """city, name, country, value, rank; sorted by rank then city id.

    The order is found on numpy arrays first, so names and countries are read (fresh, they
    are not cached) only for the rows kept.
    """
    cities = np.asarray(values.index.astype(str), dtype=str)
    ranks = values.rank(method="min", ascending=False).to_numpy(dtype=float)
    order = np.lexsort((cities, np.where(np.isnan(ranks), np.inf, ranks)))
    if top is not None:
        order = order[ranks[order] <= top][:top]
    ids = values.index.to_numpy(dtype=object)[order]
    nodes = G._node  # the node attribute dicts, read-only here
    frame = pd.DataFrame({
        "city": pd.Series(cities[order].tolist(), dtype=object),
        "name": pd.Series([nodes[c].get("name") for c in ids], dtype=object),
        "country": pd.Series([nodes[c].get("country") for c in ids], dtype=object),
        "value": values.to_numpy()[order],
    })
    frame["rank"] = pd.array(ranks[order], dtype="Int64") if len(order) else pd.array(
        [], dtype="Int64")
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
