"""City and country rankings: degree, partners, betweenness, closeness, eigenvector, PageRank.

How direction and parallel edges are treated (the contract graph is a MultiDiGraph of
statements, see :mod:`paradiplo_net.model`):

================ ======================================================================
measure          computed on
================ ======================================================================
``in_degree``    statements received (parallel edges counted); directed sources only
``out_degree``   statements made (parallel edges counted); directed sources only
``degree``       statements either way (in + out; a reciprocal pair counts 2)
``partners``     distinct partner cities either way (degree in the undirected collapse)
``betweenness``  undirected simple collapse, unweighted, normalised as in networkx
``closeness``    undirected simple collapse, unweighted, Wasserman-Faust for components
``harmonic``     undirected simple collapse, unweighted, sum of 1/distance
``eigenvector``  undirected simple collapse, unweighted by default (``weighted=True``:
                 weight = statements per pair); unit Euclidean norm as in networkx
``pagerank``     directed simple collapse with weight = statements per ordered pair
                 (parallel edges as weights), damping 0.85; on an undirected source
                 (``G.graph["directed"] is False``) the undirected collapse
================ ======================================================================

The undirected simple collapse is :func:`paradiplo_net.model.collapse`: one tie per city pair.
Path-based measures are unweighted because the weight counts statements, not distance.

igraph does the work. Each graph is converted once and cached in a
:class:`weakref.WeakKeyDictionary` keyed on the graph object (the entry disappears with the
graph), together with a fingerprint of its topology (node and edge counts and the hashes of
its node and edge sequences, a few milliseconds on 35,000 edges). Adding or removing any node
or edge changes the fingerprint, so the next call rebuilds the conversion; computed measures
are cached in the same entry and die with it. Names and countries are read fresh on each call.
:func:`paradiplo_net.stats.clear_cache` empties the cache. igraph's random steps (the ARPACK
start vector of ``eigenvector``) run under ``paradiplo_net._igraph.seeded(seed)``: every
function takes ``seed=`` (default 0), so repeated calls give identical results.

Result shapes (STYLE.md section 5): :func:`city_values` gives one measure per city as a
``pandas.Series`` indexed by city id (index name ``city``); :func:`city_table` several
measures as a wide table with the same index; :func:`rank` is a *ranking*, rows in rank
order with a positional index and the city id in the ``city`` column, so that
``rank(G, m).set_index("city")["value"]`` equals ``city_values(G, m)`` (in rank order).

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> pn.centrality.rank(G, "partners", top=1)[["city", "name", "value", "rank"]]
  city    name  value  rank
0    G  City G      3     1
"""

from __future__ import annotations

import difflib
import logging
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from . import temporal
from ._checks import check_graph, check_int, check_option
from ._igraph import IgraphView, seeded, to_igraph
from .countries import country_graph  # moved to countries; re-exported here for old code
from .model import PHASES

__all__ = [
    "COUNTRY_MEASURES",
    "MEASURES",
    "city_table",
    "city_values",
    "country_graph",
    "country_rank",
    "partner_concentration",
    "rank",
    "rank_by_phase",
    "rank_over_time",
    "trajectories",
]

log = logging.getLogger(__name__)

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


# --------------------------------------------------------------------------------------------
# City measures
# --------------------------------------------------------------------------------------------


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


@_with_references
def city_values(
    G: nx.MultiDiGraph,
    measure: Measure,
    *,
    weighted: bool | None = None,
    damping: float = 0.85,
    phase: Literal["associative", "reciprocal", "commercial"] | None = None,
    seed: int = 0,
) -> pd.Series:
    """One centrality measure for every city: a Series indexed by city id.

    The per-city form of :func:`rank` (same measures, options and values; STYLE.md
    section 5). Cities appear in the order of ``G`` (of the phase layer with ``phase``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`MEASURES`.
    weighted, damping, phase, seed
        As in :func:`rank`.

    Returns
    -------
    pandas.Series
        Named after the measure, index named ``city``. ``attrs`` records ``measure``,
        ``weighted``, ``damping``, ``phase``, ``seed`` and ``dataset``.

    Raises
    ------
    ValueError
        As :func:`rank`.
    GraphContractError
        If ``G`` is not a networkx.MultiDiGraph.

    See Also
    --------
    rank : the same values as a ranking table.
    city_table : several measures at once.

    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> v = city_values(pn.datasets.load("toy"), "partners")
    >>> v.index.name, v.name, int(v["G"]), int(v["I"])
    ('city', 'partners', 3, 1)
    """
    check_graph(G)
    layer = _phase_layer(G, phase) if phase is not None else G
    values = _values(layer, measure, weighted=weighted, damping=damping, seed=seed)
    values.attrs.update(measure=measure, weighted=_resolve_weighted(measure, weighted),
                        damping=damping, phase=phase, seed=seed, dataset=G.graph.get("dataset"))
    return values


@_with_references
def rank(
    G: nx.MultiDiGraph,
    measure: Measure,
    *,
    top: int | None = None,
    weighted: bool | None = None,
    damping: float = 0.85,
    phase: Literal["associative", "reciprocal", "commercial"] | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    r"""Rank cities by a centrality measure.

    Direction and parallel edges are treated as in the table of the module docstring.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`MEASURES`: ``in_degree``, ``out_degree``, ``degree``, ``partners``,
        ``betweenness``, ``closeness``, ``harmonic``, ``eigenvector``, ``pagerank``.
    top : int, optional
        Keep the first ``top`` rows (cities tied at the cut beyond ``top`` are left out).
    weighted : bool, optional
        Only for ``eigenvector`` and ``pagerank``: weight ties by their number of statements.
        None (default): PageRank weighted, everything else unweighted.
    damping : float, default 0.85
        PageRank damping factor.
    phase : {"associative", "reciprocal", "commercial"}, optional
        Rank on one phase layer: the links whose ``phase`` attribute is this phase and the
        cities they touch (links without a phase are in no layer).
    seed : int, default 0
        Seed of igraph's generator while the measure runs (the eigenvector centrality's
        ARPACK start vector is random): the same seed gives the same ranking.

    Returns
    -------
    pandas.DataFrame
        A ranking: columns ``city`` (id), ``name``, ``country``, ``value``, ``rank`` (1 =
        highest; ties share the best rank, "min" method), sorted by rank then city id, with a
        positional index (row 0 = first). :func:`city_values` gives the same values as a
        Series indexed by city id. ``attrs`` records
        ``measure``, ``weighted``, ``damping``, ``phase``, ``seed`` and ``dataset``.

    Raises
    ------
    ValueError
        Unknown measure or phase; ``in_degree``/``out_degree`` on an undirected source;
        ``weighted=True`` for a measure without weights; bad ``top`` or ``damping``.
    GraphContractError
        If ``G`` is not a networkx.MultiDiGraph.

    See Also
    --------
    city_values, city_table, rank_by_phase, rank_over_time

    Notes
    -----
    Betweenness is normalised by :math:`2 / ((n-1)(n-2))` [1]_. Closeness of a city whose
    component has :math:`r` nodes is :math:`\frac{r-1}{\sum_v d(u,v)} \cdot \frac{r-1}{n-1}`
    [2]_; harmonic centrality is :math:`\sum_{v \ne u} 1/d(u,v)` [2]_. Eigenvector
    centrality [3]_ is igraph's dominant eigenvector of the adjacency matrix: on a
    disconnected graph the cities outside the component holding it get 0 (networkx's power
    iteration leaves them small positive values instead). PageRank [4]_ spreads dangling
    cities' rank uniformly. Computed with igraph [5]_.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> rank(G, "degree", top=3)[["city", "value", "rank"]]  # A, B, G, H: 3 statements each
      city  value  rank
    0    A      3     1
    1    B      3     1
    2    G      3     1
    >>> rank(G, "betweenness", top=2)[["city", "value"]].round(3)
      city  value
    0    G  0.583
    1    J  0.389
    >>> rank(G, "partners", phase="commercial")[["city", "value", "rank"]]
      city  value  rank
    0    H      2     1
    1    I      1     2
    2    J      1     2
    """
    check_int("top", top, allow_none=True)
    layer = _phase_layer(G, phase) if phase is not None else G
    check_graph(layer)
    values = _values(layer, measure, weighted=weighted, damping=damping, seed=seed)
    frame = _table(layer, values, top)
    frame.attrs.update(measure=measure, weighted=_resolve_weighted(measure, weighted),
                       damping=damping, phase=phase, seed=seed, dataset=G.graph.get("dataset"))
    return frame


@_with_references
def city_table(
    G: nx.MultiDiGraph,
    measures: Sequence[str] = MEASURES,
    *,
    phase: Literal["associative", "reciprocal", "commercial"] | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """All chosen measures for every city: a wide table.

    Each measure uses its default treatment of direction and weights (see :func:`rank`).
    On an undirected source (``G.graph["directed"] is False``) ``in_degree`` and
    ``out_degree`` are meaningless and filled with NaN.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measures : sequence of str, default :data:`MEASURES`
    phase : {"associative", "reciprocal", "commercial"}, optional
        Compute on one phase layer (see :func:`rank`).
    seed : int, default 0
        As in :func:`rank`.

    Returns
    -------
    pandas.DataFrame
        Indexed by city id, columns ``name``, ``country`` then one column per measure.

    Raises
    ------
    ValueError
        Unknown measure or phase.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = city_table(pn.datasets.load("toy"), ["in_degree", "partners", "betweenness"])
    >>> t.loc[["A", "G", "I"]].round(3)
            name country  in_degree  partners  betweenness
    city
    A     City A      GB          1         2        0.083
    G     City G      JP          2         3        0.583
    I     City I      KR          2         1        0.000
    """
    measures = list(measures)
    for m in measures:
        check_option("measure", m, MEASURES)
    layer = _phase_layer(G, phase) if phase is not None else G
    check_graph(layer)
    conv = to_igraph(layer)
    index = pd.Index(conv.nodes, name="city")
    frame = pd.DataFrame({
        attr: pd.Series([layer.nodes[c].get(attr) for c in conv.nodes], index=index, dtype=object)
        for attr in ("name", "country")
    }, index=index)
    undirected = layer.graph.get("directed", True) is False
    for m in measures:
        if m in _DIRECTIONAL and undirected:
            frame[m] = np.nan
        else:
            frame[m] = _values(layer, m, seed=seed)
    frame.attrs.update(measures=measures, phase=phase, seed=seed, dataset=G.graph.get("dataset"))
    return frame


@_with_references
def rank_by_phase(
    G: nx.MultiDiGraph,
    measure: Measure,
    *,
    top: int | None = None,
    weighted: bool | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Rank cities on each phase layer (associative, reciprocal, commercial).

    A layer holds the links whose ``phase`` is that phase and the cities they touch; links
    without a phase are in no layer and counted in ``attrs["links_without_phase"]``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`MEASURES`.
    top : int, optional
        Rows kept per phase.
    weighted, seed
        As in :func:`rank`.

    Returns
    -------
    pandas.DataFrame
        Long table: ``phase``, ``city``, ``name``, ``country``, ``value``, ``rank``.

    Raises
    ------
    ValueError
        As :func:`rank`.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = rank_by_phase(pn.datasets.load("toy"), "partners", top=1)
    >>> t[["phase", "city", "value"]]
             phase city  value
    0  associative    A      2
    1   reciprocal    F      2
    2   commercial    H      2
    >>> t.attrs["links_without_phase"]
    2
    """
    check_graph(G)
    parts = []
    for phase in PHASES:
        part = rank(G, measure, top=top, weighted=weighted, phase=phase, seed=seed)
        part.insert(0, "phase", phase)
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame.attrs.update(
        measure=measure, seed=seed, dataset=G.graph.get("dataset"),
        links_without_phase=sum(1 for *_e, p in G.edges(data="phase") if p is None),
    )
    return frame


# --------------------------------------------------------------------------------------------
# Over time
# --------------------------------------------------------------------------------------------


def _resolve_cities(G: nx.MultiDiGraph, cities: Iterable[str]) -> list[str]:
    """City ids from ids or names (exact, then case-insensitive); errors list candidates."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for n, name in G.nodes(data="name"):
        if name:
            by_name[str(name).casefold()].append(n)
    out, problems = [], []
    for c in cities:
        if c in G:
            out.append(c)
            continue
        hits = by_name.get(str(c).casefold(), [])
        if len(hits) == 1:
            out.append(hits[0])
        elif hits:
            problems.append(f"{c!r} is ambiguous: {len(hits)} cities, ids {sorted(hits)[:10]}; "
                            "pass an id")
        else:
            close = difflib.get_close_matches(str(c).casefold(), list(by_name), n=3)
            problems.append(f"{c!r} is neither a city id nor a name; close names: {close}")
    if problems:
        from .errors import format_problems

        raise KeyError(format_problems("cities", problems,
                                       fix="pass city ids (G.nodes) or exact names"))
    return out


def _eras_table(eras: Any) -> list[tuple[str, int | None, int | None]]:
    """(name, start, end) of each era, checked by :func:`paradiplo_net.temporal.normalize_eras`."""
    table = temporal.normalize_eras(None if eras is True else eras)
    return [(str(name), None if pd.isna(start) else int(start), None if pd.isna(end) else int(end))
            for name, start, end in table[["name", "start", "end"]].itertuples(index=False)]


def _time_points(
    G: nx.MultiDiGraph, dated: list[int], years: Iterable[int] | None, eras: Any
) -> list[tuple[int, str | None]]:
    """(snapshot year, era name or None) to rank at: given years, era ends or every decade."""
    if years is not None and eras is not None:
        raise ValueError("pass years or eras, not both")
    if eras is not None and eras is not False:
        if not dated:
            raise ValueError("no dated link: cannot place eras")
        return [(end if end is not None else max(dated), name)
                for name, _s, end in _eras_table(eras)]
    if years is None:
        if not dated:
            raise ValueError(
                f"no dated link in {G.graph.get('dataset')!r}: pass years= explicitly")
        first, last = min(dated) // 10 * 10, max(dated)
        years = sorted({*range(first, last + 1, 10), last})
    return [(int(y), None) for y in years]


@_with_references
def rank_over_time(
    G: nx.MultiDiGraph,
    measure: Measure,
    *,
    years: Iterable[int] | None = None,
    eras: bool | pd.DataFrame | Sequence[tuple[str, int, int | None]] | None = None,
    cities: Iterable[str] | None = None,
    top: int | None = None,
    weighted: bool | None = None,
    undated: Literal["exclude", "assume"] = "exclude",
    assume_year: int | None = None,
    progress: bool = True,
    seed: int = 0,
) -> pd.DataFrame:
    """Rank cities on yearly snapshots or at the end of each era.

    Each ranking is computed on the snapshot of the network as it stood in that year
    (built incrementally by :func:`paradiplo_net.temporal.snapshots`: links formed in or
    before the year and not yet ended; undated links excluded and counted, or given
    ``assume_year``), restricted to cities with at least one active link. An era is ranked
    on the snapshot of its last year (the network at the end of the era; an open-ended era
    at the last dated year).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`MEASURES`.
    years : iterable of int, optional
        Snapshot years. Default (with ``eras`` None): every tenth year from the decade of the
        first dated link, plus the last dated year.
    eras : True, DataFrame or sequence of (name, start, end), optional
        Rank once per era instead of per year; True uses :data:`paradiplo_net.temporal.ERAS`.
    cities : iterable of str, optional
        Keep only these cities (ids or exact names); in a year where a city has no active
        link its row has NaN value and rank.
    top : int, optional
        Rows kept per year (ignored when ``cities`` is given).
    weighted : bool, optional
        As in :func:`rank`.
    undated : {"exclude", "assume"}, default "exclude"
        Leave undated links out of every snapshot (counted in ``attrs["excluded_undated"]``)
        or treat them as formed in ``assume_year`` (recorded in ``attrs``).
    assume_year : int, optional
        Required with ``undated="assume"``.
    progress : bool, default True
        Show a tqdm bar over the snapshots.
    seed : int, default 0
        As in :func:`rank` (the same seed for every snapshot).

    Returns
    -------
    pandas.DataFrame
        Long table ``year``, ``era`` (None when ranking by year), ``city``, ``name``,
        ``measure``, ``value``, ``rank`` (rank among the cities active that year).

    Raises
    ------
    ValueError
        Both ``years`` and ``eras``, no dated link, or as :func:`rank`.
    KeyError
        A city that is neither an id nor an unambiguous name.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> t = rank_over_time(G, "partners", years=[1960, 2020], progress=False)
    >>> t[t["year"] == 1960][["city", "value", "rank"]]   # A-B, A-C, D-E, F-G by 1960
      city  value  rank
    0    A      2     1
    1    B      1     2
    2    C      1     2
    3    D      1     2
    4    E      1     2
    5    F      1     2
    6    G      1     2
    >>> t.attrs["excluded_undated"]
    1
    """
    check_option("measure", measure, MEASURES)
    check_option("undated", undated, ("exclude", "assume"))
    if (undated == "assume") != (assume_year is not None):
        raise ValueError("assume_year is required with undated='assume' and only then")
    check_int("top", top, allow_none=True)
    check_graph(G)
    dated = [y for *_e, y in G.edges(data="year") if y is not None]
    points = _time_points(G, dated, years, eras)
    wanted = _resolve_cities(G, cities) if cities is not None else None
    tables: dict[int, pd.DataFrame] = {}
    # Incremental snapshots (one pass over the edges); the yielded graph is mutated between
    # years, which the igraph cache detects through its topology fingerprint.
    for year, H in temporal.snapshots(G, sorted({y for y, _e in points}), undated=undated,
                                      assume_year=assume_year, keep_isolates=False,
                                      progress=progress):
        values = (_values(H, measure, weighted=weighted, seed=seed) if H.number_of_nodes()
                  else pd.Series(dtype=float))
        frame = _table(H, values, None if wanted is not None else top)
        if wanted is not None:
            frame = frame.set_index("city").reindex(wanted)
            frame["name"] = [G.nodes[c].get("name") for c in wanted]
            frame = frame.rename_axis("city").reset_index()
        tables[year] = frame
    parts = []
    for year, era in points:
        frame = tables[year].copy()
        frame.insert(0, "era", era)
        frame.insert(0, "year", year)
        frame["measure"] = measure
        parts.append(frame[["year", "era", "city", "name", "measure", "value", "rank"]])
    if parts:
        out = pd.concat(parts, ignore_index=True)
    else:
        out = pd.DataFrame(columns=["year", "era", "city", "name", "measure", "value", "rank"])
    out["era"] = out["era"].astype(object)
    out["rank"] = out["rank"].astype("Int64")
    out.attrs.update(measure=measure, seed=seed, dataset=G.graph.get("dataset"), undated=undated,
                     assume_year=assume_year,
                     excluded_undated=0 if undated == "assume"
                     else G.number_of_edges() - len(dated))
    return out


@_with_references
def trajectories(
    G: nx.MultiDiGraph,
    cities: Iterable[str],
    measure: Measure,
    years: Iterable[int] | None = None,
    *,
    eras: bool | pd.DataFrame | Sequence[tuple[str, int, int | None]] | None = None,
    weighted: bool | None = None,
    progress: bool = True,
    seed: int = 0,
) -> pd.DataFrame:
    """Rank trajectories of chosen cities (ids or names) over snapshot years or eras.

    A shortcut for :func:`rank_over_time` with ``cities=``; the rank is among all cities
    active in that year, and a city without an active link that year has NaN value and rank.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    cities : iterable of str
        City ids or exact names, e.g. ``["Coventry", "Paris"]``.
    measure : str
        One of :data:`MEASURES`.
    years : iterable of int, optional
        As in :func:`rank_over_time`.
    eras, weighted, progress, seed
        As in :func:`rank_over_time`.

    Returns
    -------
    pandas.DataFrame
        Long table ``year``, ``era``, ``city``, ``name``, ``measure``, ``value``, ``rank``.

    Raises
    ------
    KeyError
        Unknown or ambiguous city.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> trajectories(G, ["City H", "B"], "partners", [1990, 2010], progress=False)
       year   era city    name   measure  value  rank
    0  1990  None    H  City H  partners    NaN  <NA>
    1  1990  None    B  City B  partners    2.0     1
    2  2010  None    H  City H  partners    2.0     1
    3  2010  None    B  City B  partners    2.0     1
    """
    return rank_over_time(G, measure, years=years, eras=eras, cities=list(cities),
                          weighted=weighted, progress=progress, seed=seed)


# --------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------


@_with_references
def country_rank(
    G: nx.MultiDiGraph,
    measure: Literal["links", "foreign_links", "partners", "cities", "betweenness", "closeness",
                     "harmonic", "eigenvector", "pagerank"],
    *,
    top: int | None = None,
    domestic: Literal["drop", "keep"] = "drop",
) -> pd.DataFrame:
    """Rank countries on the country network (:func:`country_graph`).

    ``links``: statements touching the country (domestic ones once); ``foreign_links``:
    statements with a foreign partner; ``partners``: distinct partner countries; ``cities``:
    cities of the country in ``G``; ``betweenness``, ``closeness``, ``harmonic``: unweighted
    on the country ties (networkx definitions, as for cities); ``eigenvector`` and
    ``pagerank``: weighted by statements (self-loops only with ``domestic="keep"``). The
    country network is small (< 250 nodes), so networkx computes these directly.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`COUNTRY_MEASURES`.
    top : int, optional
    domestic : {"drop", "keep"}, default "drop"

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``value``, ``rank`` (1 = highest, ties "min").

    Raises
    ------
    ValueError
        Unknown measure or option.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> country_rank(pn.datasets.load("toy"), "partners", top=3)   # JP: US, IT, ID
      country  value  rank
    0      JP      3     1
    1      DE      2     2
    2      FR      2     2
    """
    check_option("measure", measure, COUNTRY_MEASURES)
    check_int("top", top, allow_none=True)
    H = country_graph(G, domestic=domestic)
    nodes = list(H)
    loops = nx.Graph(H)
    loops.remove_edges_from(list(nx.selfloop_edges(loops)))
    if measure == "links":
        vals = [H.nodes[c]["links"] for c in nodes]
    elif measure == "foreign_links":
        vals = [H.nodes[c]["links"] - H.nodes[c]["domestic_links"] for c in nodes]
    elif measure == "partners":
        vals = [loops.degree(c) for c in nodes]
    elif measure == "cities":
        vals = [H.nodes[c]["cities"] for c in nodes]
    elif measure == "betweenness":
        d = nx.betweenness_centrality(loops)
        vals = [d[c] for c in nodes]
    elif measure == "closeness":
        d = nx.closeness_centrality(loops)
        vals = [d[c] for c in nodes]
    elif measure == "harmonic":
        d = nx.harmonic_centrality(loops)
        vals = [d[c] for c in nodes]
    elif measure == "eigenvector":
        d = (nx.eigenvector_centrality(H, weight="weight", max_iter=10_000)
             if H.number_of_edges() else {})
        vals = [d.get(c, 0.0) for c in nodes]
    else:
        d = nx.pagerank(H, weight="weight") if H.number_of_nodes() else {}
        vals = [d[c] for c in nodes]
    frame = pd.DataFrame({"country": pd.Series(nodes, dtype=object), "value": vals})
    frame["rank"] = frame["value"].rank(method="min", ascending=False).astype("Int64")
    frame = frame.sort_values(["rank", "country"], kind="stable").reset_index(drop=True)
    if top is not None:
        frame = frame.head(top)
    frame.attrs.update(measure=measure, domestic=domestic, **{
        k: H.graph[k] for k in ("dataset", "domestic_links", "links_country_unknown")})
    return frame


def partner_concentration(G: nx.MultiDiGraph) -> pd.DataFrame:
    r"""How concentrated each country's foreign links are on a few partner countries.

    Counts statements between cities of different known countries (domestic statements and
    those with an end of unknown country are left out, counted in ``attrs``).

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Returns
    -------
    pandas.DataFrame
        Indexed by country (countries with at least one foreign link), sorted by ``links``
        descending: ``links`` (foreign statements), ``partner_countries``, ``hhi``
        (Herfindahl-Hirschman index of partner-country shares, 1/partner_countries for an
        even spread up to 1 for a single partner), ``top_partner`` (ties: first
        alphabetically) and ``top_share``.

    Notes
    -----
    :math:`HHI_c = \sum_p s_{cp}^2` with :math:`s_{cp}` the share of country :math:`c`'s
    foreign statements that link it to country :math:`p` [1]_.

    References
    ----------
    .. [1] Hirschman, A. O. (1964). The paternity of an index. *American Economic Review*
       54(5), 761; Rhoades, S. A. (1993). The Herfindahl-Hirschman index. *Federal Reserve
       Bulletin* 79, 188-189.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = partner_concentration(pn.datasets.load("toy"))
    >>> t.loc[["ID"]].round(3)   # H-I twice (KR), H-J once (JP): (2/3)^2 + (1/3)^2
             links  partner_countries    hhi top_partner  top_share
    country
    ID           3                  2  0.556          KR      0.667
    >>> t.attrs["domestic_links"]
    1
    """
    H = country_graph(G, domestic="drop")
    rows = []
    for c in H:
        shares = {p: H[c][p]["weight"] for p in H[c]}
        total = sum(shares.values())
        if not total:
            continue
        top_p = min(shares, key=lambda p: (-shares[p], p))
        rows.append({"country": c, "links": total, "partner_countries": len(shares),
                     "hhi": sum((w / total) ** 2 for w in shares.values()),
                     "top_partner": top_p, "top_share": shares[top_p] / total})
    cols = ["links", "partner_countries", "hhi", "top_partner", "top_share"]
    frame = pd.DataFrame(rows, columns=["country", *cols])
    frame["top_partner"] = frame["top_partner"].astype(object)
    frame = frame.sort_values(["links", "country"], ascending=[False, True]).set_index("country")
    frame.attrs.update(dataset=G.graph.get("dataset"), domestic_links=H.graph["domestic_links"],
                       links_country_unknown=H.graph["links_country_unknown"])
    return frame
