"""City results: values per city, rankings, the wide table and phase layers (private)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_graph, check_int, check_option
from .._igraph import to_igraph
from ..model import PHASES
from ._measures import (
    _DIRECTIONAL,
    MEASURES,
    PATH_MEASURES,
    Measure,
    _phase_layer,
    _resolve_weighted,
    _table,
    _values,
    _with_references,
)


@_with_references
def city_values(
    G: nx.MultiDiGraph,
    measure: Measure,
    *,
    weighted: bool | None = None,
    damping: float = 0.85,
    phase: Literal["associative", "reciprocal", "commercial"] | None = None,
    seed: int = 0,
    k: int | Literal["auto", "exact"] = "auto",
    cutoff: int | None = None,
) -> pd.Series:
    """One centrality measure for every city: a Series indexed by city id.

    The per-city form of :func:`rank` (same measures, options and values; STYLE.md
    section 5). Cities appear in the order of ``G`` (of the phase layer with ``phase``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`MEASURES`.
    weighted, damping, phase, seed, k, cutoff
        As in :func:`rank`.

    Returns
    -------
    pandas.Series
        Named after the measure, index named ``city``. ``attrs`` records ``measure``,
        ``weighted``, ``damping``, ``phase``, ``seed``, ``dataset`` and the path sampling
        (``paths``, ``k``, ``cutoff``, as in :func:`rank`).

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
    values = _values(layer, measure, weighted=weighted, damping=damping, seed=seed, k=k,
                     cutoff=cutoff)
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
    k: int | Literal["auto", "exact"] = "auto",
    cutoff: int | None = None,
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
        ARPACK start vector is random) and of the pivots of a sampled path measure: the same
        seed gives the same ranking.
    k : int, "auto" or "exact", default "auto"
        Path measures (``betweenness``, ``closeness``, ``harmonic``) only: estimate from
        ``k`` randomly drawn pivot cities (Brandes-Pich [6]_ / Eppstein-Wang [7]_; a ``k`` at
        least the number of cities is exact). ``"auto"``: exact up to
        :data:`~paradiplo_net.centrality.PATH_SAMPLE_LIMIT` cities (20,000) in the
        undirected collapse, :data:`~paradiplo_net.centrality.DEFAULT_K` (1,000) pivots
        above; ``"exact"``: always exact. Other measures ignore it.
    cutoff : int, optional
        Path measures only: ignore paths longer than ``cutoff`` ties (igraph's cut-off
        measures); not combined with an integer ``k``.

    Returns
    -------
    pandas.DataFrame
        A ranking: columns ``city`` (id), ``name``, ``country``, ``value``, ``rank`` (1 =
        highest; ties share the best rank, "min" method), sorted by rank then city id, with a
        positional index (row 0 = first). :func:`city_values` gives the same values as a
        Series indexed by city id. ``attrs`` records
        ``measure``, ``weighted``, ``damping``, ``phase``, ``seed``, ``dataset`` and how the
        paths were used: ``paths`` (``"exact"``, ``"sampled"`` or ``"cutoff"``), ``k``
        (pivots, None when exact) and ``cutoff``.

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
    values = _values(layer, measure, weighted=weighted, damping=damping, seed=seed, k=k,
                     cutoff=cutoff)
    frame = _table(layer, values, top)
    frame.attrs.update(measure=measure, weighted=_resolve_weighted(measure, weighted),
                       damping=damping, phase=phase, seed=seed, dataset=G.graph.get("dataset"),
                       **values.attrs)
    return frame


@_with_references
def city_table(
    G: nx.MultiDiGraph,
    measures: Sequence[str] = MEASURES,
    *,
    phase: Literal["associative", "reciprocal", "commercial"] | None = None,
    seed: int = 0,
    k: int | Literal["auto", "exact"] = "auto",
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
    k : int, "auto" or "exact", default "auto"
        Pivots of the path measures, as in :func:`rank`.

    Returns
    -------
    pandas.DataFrame
        Indexed by city id, columns ``name``, ``country`` then one column per measure.
        ``attrs["sampling"]`` maps each path measure to its ``paths``/``k``/``cutoff``.

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
    sampling: dict[str, dict] = {}
    for m in measures:
        if m in _DIRECTIONAL and undirected:
            frame[m] = np.nan
        else:
            values = _values(layer, m, seed=seed, k=k, conv=conv)
            frame[m] = values
            if m in PATH_MEASURES:
                sampling[m] = dict(values.attrs)
    frame.attrs.update(measures=measures, phase=phase, seed=seed, dataset=G.graph.get("dataset"),
                       sampling=sampling)
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
