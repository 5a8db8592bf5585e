"""Detection: seeded igraph runs (Leiden, Louvain, Infomap, label propagation), consensus."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .. import geo
from .._checks import check_graph, check_int, check_number, check_option
from .._igraph import seeded, to_igraph
from ..countries import country_graph
from ._results import (
    _LEVELS,
    _RESOLUTION_METHODS,
    METHODS,
    CommunityResult,
    ConsensusResult,
    Method,
)

log = logging.getLogger(__name__)



#: Independent Infomap trials per run (the best is kept).
INFOMAP_TRIALS = 10


#: Rounds of re-clustering the consensus graph before :func:`consensus` gives up.
CONSENSUS_MAX_ROUNDS = 10


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
    return float(check_number("resolution", resolution))


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
    method: Any, *, weights: Any, level: Any, seed: Any, resolution: Any, n_iterations: Any
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
    labels = np.asarray(raw, dtype=np.int64)
    if not len(labels):
        return labels
    sizes = np.bincount(labels)
    first: dict[int, str] = {}
    for label, node in zip(labels.tolist(), ids, strict=True):
        if label not in first or node < first[label]:
            first[label] = node
    order = sorted(first, key=lambda c: (-sizes[c], first[c]))
    new = np.empty(len(sizes), dtype=np.int64)
    new[order] = np.arange(len(order))
    return new[labels]


def _modularity(
    U: ig.Graph, membership: Sequence[int] | np.ndarray, weights: str | None,
    resolution: float | None,
) -> float:
    if U.ecount() == 0:
        return math.nan
    return float(
        U.modularity(
            list(membership), weights=weights, resolution=1.0 if resolution is None else resolution
        )
    )


def _nmi(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    if len(a) < 2:
        return math.nan
    return float(ig.compare_communities(list(a), list(b), method="nmi"))


def _codes(values: Sequence[Any]) -> list[int]:
    table: dict[Any, int] = {}
    return [table.setdefault(v, len(table)) for v in values]


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
    r"""Find communities of cities (or countries) with a seeded, reproducible method.

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
        Resolution :math:`\gamma` of the modularity (leiden and louvain only; larger gives
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

    .. math:: Q = \frac{1}{2m} \sum_{ij} \left(A_{ij} - \gamma \frac{k_i k_j}{2m}\right)
              \delta(c_i, c_j)

    with :math:`A_{ij}` the weight between cities :math:`i` and :math:`j`, :math:`k_i` the
    weighted degree and :math:`m` the total weight. igraph's C implementation is used
    rather than leidenalg's: same algorithm and quality, about five times faster on the
    Wikidata crawl (10,055 cities; ``scripts/bench_communities.py``). The reported
    ``modularity`` is :math:`Q` at the given
    :math:`\gamma` (at :math:`\gamma = 1` for infomap and label propagation). Leiden
    guarantees connected communities; Louvain does not.
    """
    check_graph(G)
    seed, gamma, n_iterations = _check_run_options(
        method, weights=weights, level=level, seed=seed, resolution=resolution,
        n_iterations=n_iterations)
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
        from scipy.optimize import linear_sum_assignment  # lazy: keeps imports light

        r, c = linear_sum_assignment(table, maximize=True)
        for i, j in zip(r.tolist(), c.tolist(), strict=True):
            if table[i, j] > 0:
                mapping[cols[j]] = rows[i]
    return mapping


def _stability(
    U: ig.Graph, parts: list[np.ndarray], seeds: list[int], *, weights: str | None,
    gamma: float | None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Each run against the first (matched labels): the runs table and who never moved."""
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
    return runs_table, unchanged


def _co_shares(E: np.ndarray, parts: list[np.ndarray]) -> np.ndarray:
    """Per edge, the share of partitions that put both ends in one community."""
    if not len(E):
        return np.zeros(0)
    return np.mean([p[E[:, 0]] == p[E[:, 1]] for p in parts], axis=0)


def _consensus_membership(
    n: int, E: np.ndarray, D: np.ndarray, parts: list[np.ndarray], *, method: str,
    seeds: list[int], threshold: float, kw: dict[str, Any],
) -> tuple[list[int], int, bool]:
    """Re-cluster the co-assignment graph until unanimous: (membership, rounds, converged)."""
    rounds, current = 1, parts
    converged = bool(np.all((D == 0) | (D == 1)))
    while not converged and rounds < CONSENSUS_MAX_ROUNDS:
        keep = threshold <= D
        H = ig.Graph(n=n, edges=E[keep].tolist(), directed=False)
        H.es["weight"] = D[keep].tolist()
        current = [
            np.asarray(_run(H, method, weights="weight", seed=s, **kw), dtype=np.int64)
            for s in seeds
        ]
        D = _co_shares(E, current)
        rounds += 1
        converged = bool(np.all((D == 0) | (D == 1)))
    if converged:
        H = ig.Graph(n=n, edges=E[D == 1].tolist(), directed=False)
        return (H.connected_components().membership if n else []), rounds, converged
    log.warning(
        "consensus not unanimous after %d rounds; using the first run of the last round",
        rounds,
    )
    return current[0].tolist(), rounds, converged


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
    r"""Consensus partition of seeded repetitions, and the share of never-changing cities.

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
    is neither 0 nor 1, the consensus graph (links with :math:`D_{ij} \ge` ``threshold``,
    weighted by :math:`D_{ij}`) is partitioned again ``runs`` times with the same seeds and
    :math:`D` recomputed, at most :data:`CONSENSUS_MAX_ROUNDS` rounds. Once unanimous, the
    consensus communities are the connected groups of links with :math:`D_{ij} = 1`; if
    never unanimous, the first run of the last round is taken (``converged=False``, logged).
    Its modularity is computed on the original graph.
    """
    check_graph(G)
    seed, gamma, n_iterations = _check_run_options(
        method, weights=weights, level=level, seed=seed, resolution=resolution,
        n_iterations=n_iterations)
    runs = check_int("runs", runs)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float))
        or not 0 < threshold <= 1
    ):
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    base = _base(G, level)
    U = base.graph
    seeds = [seed + i for i in range(runs)]
    kw: dict[str, Any] = {"resolution": gamma, "n_iterations": n_iterations}
    bar = tqdm(seeds, desc=f"{method} runs", disable=not progress, leave=False)
    parts = [
        np.asarray(_run(U, method, weights=_w(weights), seed=s, **kw), dtype=np.int64) for s in bar
    ]

    runs_table, unchanged = _stability(U, parts, seeds, weights=weights, gamma=gamma)
    E = np.array(U.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    base_w = np.array(U.es["weight"], dtype=float) if U.ecount() else np.zeros(0)
    first_D = _co_shares(E, parts)
    raw, rounds, converged = _consensus_membership(
        U.vcount(), E, first_D, parts, method=method, seeds=seeds, threshold=threshold, kw=kw)
    extra = {"consensus": {"runs": runs, "threshold": threshold, "rounds": rounds,
                           "converged": converged}}
    partition = _result(base, raw, method=method, gamma=gamma, weights=weights, level=level,
                        seed=seed, n_iterations=n_iterations, dataset=G.graph.get("dataset"),
                        extra=extra)
    index = partition.membership.index
    co = pd.DataFrame({"source": [base.ids[i] for i in E[:, 0].tolist()],
                       "target": [base.ids[j] for j in E[:, 1].tolist()],
                       "weight": base_w, "share": first_D},
                      columns=["source", "target", "weight", "share"])
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
