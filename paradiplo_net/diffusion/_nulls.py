"""Null models: shuffled years and rewired links for diffusion statistics, re-paired distances."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .. import geo
from .._checks import check_graph, check_int, check_number, check_option, check_range
from ..model import collapse_undirected
from ._adoption import _arrays, _first_years, _short_repr, _Units, _units, seed_countries
from ._cascades import _cascade_share
from ._spread import _country_spread, _slope, _spread_core, _SpreadCtx, _unit_xyz

logger = logging.getLogger(__name__)



@dataclass
class NullResult:
    """An observed statistic against its distribution under a null model.

    Attributes
    ----------
    statistic : str
    observed : float
    null : numpy.ndarray
        The statistic in each repetition (NaN when undefined, e.g. no seeds).
    p_value : float
        One-sided: :math:`(k + 1) / (n + 1)`, :math:`k` the repetitions at least as extreme
        as ``observed`` in the direction of ``alternative`` (NaN repetitions count as not
        extreme).
    n : int
    seed : int
    model : str
    alternative : str
    params : dict
        ``level``, ``n_jobs``, ``undated_links`` (links without year, never placed in time),
        and the seed region and period (``distance_trend``) or the swaps (``rewire``).
    dataset : str or None
    """

    statistic: str
    observed: float
    null: np.ndarray
    p_value: float
    n: int
    seed: int
    model: str
    alternative: str
    params: dict[str, Any]
    dataset: str | None

    @property
    def z(self) -> float:
        """Standardised effect ``(observed - mean(null)) / std(null)`` (NaN if std is 0)."""
        vals = self.null[~np.isnan(self.null)]
        sd = float(vals.std(ddof=1)) if len(vals) > 1 else 0.0
        return (self.observed - float(vals.mean())) / sd if sd > 0 else math.nan

    def __repr__(self) -> str:
        return _short_repr("NullResult", statistic=self.statistic, model=self.model,
                           observed=round(self.observed, 4), p_value=round(self.p_value, 4),
                           n=self.n, seed=self.seed)


def _pair_arrays(a: np.ndarray, b: np.ndarray, y: np.ndarray, n_nodes: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Undirected collapse: one edge per unordered pair, year = earliest known (NaN if none)."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = lo * n_nodes + hi
    frame = pd.DataFrame({"key": key, "y": y})
    g = frame.groupby("key", sort=True)["y"].min()
    k = g.index.to_numpy(dtype=np.int64)
    return k // n_nodes, k % n_nodes, g.to_numpy(dtype=float)


def _rewire(a: np.ndarray, b: np.ndarray, n_nodes: int, rng: np.random.Generator,
            swaps_per_edge: float) -> tuple[np.ndarray, np.ndarray, int]:
    """Degree-preserving double-edge swaps on a simple undirected graph, in vectorised rounds.

    Each round pairs the edges at random (a random permutation cut in two halves); pair
    (i, j) proposes (a_i, b_i), (a_j, b_j) -> (a_i, b_j'), (a_j', b_i), with j's orientation
    flipped at random. A proposal is rejected when it would create a self-loop, an edge
    already present, or an edge proposed twice in the round (one sort of the current and
    proposed edge keys finds every duplicate). Years stay on edge slots. Stops after
    ``ceil(swaps_per_edge * m)`` accepted swaps; returns the new ends and that number.
    """
    a, b = a.copy(), b.copy()
    m = len(a)
    target = math.ceil(swaps_per_edge * m)
    half = m // 2
    done = 0
    if half == 0 or target == 0:
        return a, b, 0
    for _ in range(50 + 20 * math.ceil(target / half)):
        if done >= target:
            break
        perm = rng.permutation(m)
        i, j = perm[:half], perm[half: 2 * half]
        flip = rng.random(half) < 0.5
        aj = np.where(flip, b[j], a[j])
        bj = np.where(flip, a[j], b[j])
        ai, bi = a[i], b[i]
        k1 = np.minimum(ai, bj) * n_nodes + np.maximum(ai, bj)
        k2 = np.minimum(aj, bi) * n_nodes + np.maximum(aj, bi)
        keys = np.concatenate([np.minimum(a, b) * n_nodes + np.maximum(a, b), k1, k2])
        order = np.argsort(keys)
        eq = keys[order][1:] == keys[order][:-1]
        dup_sorted = np.zeros(len(keys), dtype=bool)
        dup_sorted[1:] |= eq
        dup_sorted[:-1] |= eq
        dup = np.empty_like(dup_sorted)
        dup[order] = dup_sorted
        ok = (ai != bj) & (aj != bi) & ~dup[m: m + half] & ~dup[m + half:]
        take = np.flatnonzero(ok)[: target - done]
        ii, jj = i[take], j[take]
        b[ii] = bj[take]
        a[jj] = aj[take]
        b[jj] = bi[take]
        done += len(take)
    return a, b, done


@dataclass
class _Statistic:
    """A picklable statistic of edge arrays (u, v, year) for the null models."""

    kind: str
    level: str
    units: _Units
    n_nodes: int
    ctx: _SpreadCtx | None = None

    def __call__(self, u: np.ndarray, v: np.ndarray, y: np.ndarray) -> float:
        d = ~np.isnan(y)
        if self.kind == "cascade_share":
            oc = self.units.of_city
            return _cascade_share(self.units.n, oc[u[d]], oc[v[d]], y[d], self.units.n + 1)
        ctx = self.ctx
        assert ctx is not None
        first = _first_years(self.n_nodes, u[d], v[d], y[d])
        core = _spread_core(first, ctx)
        seed_m, dist = core["seed"], core["dist"]
        if self.level == "country":
            first, seed_m, dist = _country_spread(first, seed_m, dist, self.units)
            first, seed_m, dist = first[:-1], seed_m[:-1], dist[:-1]
        ok = np.isfinite(first) & (first >= ctx.since) & ~seed_m & ~np.isnan(dist)
        return _slope(first[ok], dist[ok])


def _null_reps(stat: _Statistic, model: str, links: tuple[np.ndarray, np.ndarray, np.ndarray],
               seeds: list[np.random.SeedSequence], *, swaps_per_edge: float
               ) -> tuple[list[float], list[int]]:
    """Run the repetitions of one chunk; one generator per repetition (reproducible)."""
    u, v, y = links
    values: list[float] = []
    swaps: list[int] = []
    dated = np.flatnonzero(~np.isnan(y))
    for ss in seeds:
        rng = np.random.default_rng(ss)
        if model == "shuffle_years":
            yy = y.copy()
            yy[dated] = y[dated][rng.permutation(len(dated))]
            values.append(stat(u, v, yy))
        else:
            ru, rv, k = _rewire(u, v, stat.n_nodes, rng, swaps_per_edge)
            swaps.append(k)
            values.append(stat(ru, rv, y))
    return values, swaps


def _n_jobs(n_jobs: Any) -> int:
    """Worker processes: None or -1 = the CPUs this process may use."""
    if n_jobs is None or n_jobs == -1:
        import os

        n_jobs = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else (os.cpu_count() or 1))
    return int(check_int("n_jobs", n_jobs))


def _run_reps(
    stat: _Statistic, model: str, links: tuple[np.ndarray, np.ndarray, np.ndarray], *,
    n: int, seed: int, n_jobs: int, swaps_per_edge: float, progress: bool,
) -> tuple[np.ndarray, list[int]]:
    """All ``n`` repetitions in chunks (in worker processes when ``n_jobs`` > 1).

    One child SeedSequence per repetition, so results do not depend on ``n_jobs``.
    """
    from tqdm.auto import tqdm

    children = np.random.SeedSequence(seed).spawn(n)
    size = max(1, min(25, math.ceil(n / (4 * n_jobs))))
    chunks = [children[i: i + size] for i in range(0, n, size)]
    bar = tqdm(total=n, desc=f"null model ({stat.kind}, {model})", unit="rep",
               disable=not progress)
    results: list[tuple[list[float], list[int]]] = []
    if n_jobs == 1:
        for chunk in chunks:
            results.append(_null_reps(stat, model, links, chunk, swaps_per_edge=swaps_per_edge))
            bar.update(len(chunk))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=n_jobs) as pool:
            futures = [pool.submit(_null_reps, stat, model, links, chunk,
                                   swaps_per_edge=swaps_per_edge) for chunk in chunks]
            for fut, chunk in zip(futures, chunks, strict=True):
                results.append(fut.result())
                bar.update(len(chunk))
    bar.close()
    null = np.array([x for vals, _ in results for x in vals], dtype=float)
    return null, [k for _, ks in results for k in ks]


def _p_value(observed: float, null: np.ndarray, n: int, alternative: str) -> float:
    """(k + 1) / (n + 1), k = defined null values at least as extreme as the observed one."""
    if math.isnan(observed):
        return math.nan
    k = int((null >= observed).sum() if alternative == "greater" else (null <= observed).sum())
    return (k + 1) / (n + 1)


def null_model(
    G: nx.MultiDiGraph,
    statistic: Literal["cascade_share", "distance_trend"] = "cascade_share",
    *,
    model: Literal["shuffle_years", "rewire"] = "shuffle_years",
    n: int = 200,
    seed: int = 0,
    progress: bool = True,
    level: Literal["city", "country"] = "city",
    seed_region: str | Iterable[str] = "western-europe",
    since: int = 1945,
    until: int = 1960,
    alternative: Literal["greater", "less"] = "greater",
    swaps_per_edge: float = 10.0,
    n_jobs: int | None = 1,
) -> NullResult:
    """Significance of the cascade share or the distance-time trend against a null model.

    Statistics
        ``"cascade_share"``: :attr:`CascadeResult.share` of :func:`cascades` at ``level``.
        ``"distance_trend"``: the km-per-year slope of :func:`spread` (``seed_region``,
        ``since``, ``until``, ``level``); in each repetition the seed cities are re-derived
        from the permuted years by the same rule.

    Models
        ``"shuffle_years"``: the years of the dated links are randomly permuted among them
        (undated links stay undated; the network is unchanged).
        ``"rewire"``: the undirected collapse of ``G`` (one edge per pair; its year is the
        pair's earliest known year) is rewired by degree-preserving double-edge swaps,
        ``swaps_per_edge`` accepted swaps per edge, each edge keeping its year. Swaps are done
        in vectorised rounds (random disjoint pairs of edges; a proposal creating a self-loop
        or a multi-edge is rejected). On the collapse both statistics equal those of ``G``
        (only each pair's earliest year matters).

    Every statistic is computed on numpy edge arrays (no graph is built per repetition;
    nearest seed cities by a KD-tree). The
    p-value is one-sided, :math:`p = (k + 1) / (n + 1)` with :math:`k` the number of
    repetitions whose statistic is ``>=`` (``alternative="greater"``) or ``<=`` (``"less"``)
    the observed value: the permutation p-value that counts the observed data as one of the
    equally likely arrangements, never 0.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    statistic : {"cascade_share", "distance_trend"}, default "cascade_share"
    model : {"shuffle_years", "rewire"}, default "shuffle_years"
    n : int, default 200
        Repetitions.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`; recorded in the result.
    progress : bool, default True
        Show a tqdm progress bar.
    level : {"city", "country"}, default "city"
    seed_region, since, until
        As in :func:`spread` (``distance_trend`` only).
    alternative : {"greater", "less"}, default "greater"
    swaps_per_edge : float, default 10
        Accepted swaps per edge (``rewire``): ``ceil(swaps_per_edge * m)`` double-edge swaps
        for ``m`` edges, as igraph's default of ten times the number of edges.
    n_jobs : int or None, default 1
        Worker processes (None or -1: every available core). Each repetition has its own
        generator spawned from ``seed`` (:class:`numpy.random.SeedSequence`), so the result
        does not depend on ``n_jobs``.

    Returns
    -------
    NullResult

    Raises
    ------
    ValueError
        Unknown option, ``n`` < 1, non-int ``seed``, bad ``swaps_per_edge``.

    References
    ----------
    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
    Applications in Genetics and Molecular Biology*, 9(1), 39.

    Maslov, S., & Sneppen, K. (2002). Specificity and stability in topology of protein
    networks. *Science*, 296(5569), 910-913 (degree-preserving rewiring).

    Milo, R., et al. (2003). On the uniform generation of random graphs with prescribed degree
    sequences. arXiv:cond-mat/0312028.

    Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125
    (randomised reference models: shuffled time stamps).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> r = null_model(G, "cascade_share", n=99, seed=1, progress=False)
    >>> r.observed, r.n, r.seed, r.model
    (0.2, 99, 1, 'shuffle_years')
    >>> 0 < r.p_value <= 1, len(r.null)
    (True, 99)
    >>> null_model(G, model="rewire", n=20, seed=1, progress=False).params["swaps_per_edge"]
    10.0
    """
    check_graph(G)
    check_option("statistic", statistic, ("cascade_share", "distance_trend"))
    check_option("model", model, ("shuffle_years", "rewire"))
    check_option("level", level, ("city", "country"))
    check_option("alternative", alternative, ("greater", "less"))
    n = check_int("n", n)
    seed = check_int("seed", seed, minimum=0)
    check_number("swaps_per_edge", swaps_per_edge)
    n_jobs = _n_jobs(n_jobs)
    lo, hi = check_range(since, until, until_optional=False)
    assert hi is not None
    seed_label, seeds = seed_countries(seed_region)
    arr = _arrays(G)
    units = _units(arr, level)
    n_nodes = len(arr.nodes)
    ctx = None
    if statistic == "distance_trend":
        ctx = _SpreadCtx(in_seed=np.array([c in seeds for c in arr.country], dtype=bool),
                         has_xy=~(np.isnan(arr.lat) | np.isnan(arr.lon)),
                         xyz=_unit_xyz(arr.lat, arr.lon), since=lo, until=hi, units=units)
    stat = _Statistic(kind=statistic, level=level, units=units, n_nodes=n_nodes, ctx=ctx)
    if model == "shuffle_years":
        u, v, y = arr.u, arr.v, arr.year
    else:
        u, v, y = _pair_arrays(arr.u, arr.v, arr.year, max(n_nodes, 1))
    observed = stat(u, v, y)
    null, done_swaps = _run_reps(stat, model, (u, v, y), n=n, seed=int(seed), n_jobs=n_jobs,
                                 swaps_per_edge=swaps_per_edge, progress=progress)
    valid = ~np.isnan(null)
    p = _p_value(observed, null[valid], n, alternative)
    n_undated = int(np.isnan(arr.year).sum())
    params: dict[str, Any] = {"level": level, "n_jobs": n_jobs, "undated_links": n_undated}
    if n_undated:
        logger.info("null_model: %d undated links are never placed in time (they keep no year "
                    "under shuffle_years and count only for the degrees under rewire)", n_undated)
    if statistic == "distance_trend":
        params.update(seed_region=seed_label, seed_countries=sorted(seeds), since=lo, until=hi)
    if model == "rewire":
        params.update(swaps_per_edge=float(swaps_per_edge),
                      swaps_done_mean=float(np.mean(done_swaps)) if done_swaps else 0.0)
    if (~valid).any():
        logger.info("null_model: %d of %d repetitions gave an undefined statistic (NaN)",
                    int((~valid).sum()), n)
    return NullResult(statistic=statistic, observed=float(observed), null=null, p_value=p,
                      n=n, seed=int(seed), model=model, alternative=alternative, params=params,
                      dataset=G.graph.get("dataset"))


# ---------------------------------------------------------------------------------------
# link lengths against re-paired stubs


def _distance_bins(bins: Sequence[float] | None) -> np.ndarray:
    """Bin edges in km: given, or 15 logarithmic bins from 10 to 20,100 km."""
    edges = np.asarray(bins, dtype=float) if bins is not None else np.geomspace(10, 20100, 16)
    if edges.ndim != 1 or len(edges) < 2 or np.any(np.diff(edges) <= 0) or edges[0] <= 0:
        raise ValueError("bins: give at least two increasing, positive edges in km")
    return edges


def _located_pairs(G: nx.MultiDiGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(coordinates per node, end a, end b, pairs left out) of the linked pairs with positions.

    One pair per unordered linked city pair (the undirected collapse), self-pairs left out.
    """
    U = collapse_undirected(G)
    nodes = list(U.nodes)
    index = {n: i for i, n in enumerate(nodes)}

    def coord(n: Any) -> tuple[float, float]:
        d = U.nodes[n]
        lat, lon = d.get("lat"), d.get("lon")
        return (np.nan, np.nan) if lat is None or lon is None else (float(lat), float(lon))

    pairs = [(u, v) for u, v in U.edges() if u != v]
    xy = np.array([coord(n) for n in nodes], dtype=float).reshape(-1, 2)
    a = np.array([index[u] for u, _ in pairs], dtype=np.int64)
    b = np.array([index[v] for _, v in pairs], dtype=np.int64)
    if pairs:
        ok = ~(np.isnan(xy[a]).any(axis=1) | np.isnan(xy[b]).any(axis=1))
    else:
        ok = np.zeros(0, bool)
    return xy, a[ok], b[ok], int((~ok).sum())


def _bin_shares(km: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(shares, counts) of lengths per bin; lengths outside fall in the first / last bin."""
    nb = len(edges) - 1
    idx = np.clip(np.searchsorted(edges, km, side="right") - 1, 0, nb - 1)
    counts = np.bincount(idx, minlength=nb).astype(float)
    total = counts.sum()
    return (counts / total if total else counts), counts


def _repaired_shares(
    xy: np.ndarray, a: np.ndarray, b: np.ndarray, edges: np.ndarray, *, runs: int, seed: int
) -> tuple[np.ndarray, list[float], int]:
    """Per-run bin shares of re-paired stubs, per-run median km, self-pairs drawn."""
    rng = np.random.default_rng(seed)
    stubs = np.concatenate([a, b])
    null = np.zeros((runs, len(edges) - 1))
    medians: list[float] = []
    self_pairs = 0
    m = len(a)
    for r in range(runs if m else 0):
        perm = rng.permutation(stubs)
        x, y = perm[:m], perm[m:]
        keep = x != y
        self_pairs += int((~keep).sum())
        km = geo.haversine_km(xy[x[keep], 0], xy[x[keep], 1], xy[y[keep], 0], xy[y[keep], 1])
        null[r] = _bin_shares(km, edges)[0]
        if len(km):
            medians.append(float(np.median(km)))
    return null, medians, self_pairs


def distance_null(
    G: nx.MultiDiGraph,
    *,
    runs: int = 200,
    seed: int = 0,
    bins: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Share of city pairs per distance bin, observed and under a re-pairing null model.

    Observed: one length per unordered linked city pair (the undirected collapse
    :func:`paradiplo_net.model.collapse`; reciprocal and renewed statements count once),
    great-circle km (:func:`paradiplo_net.geo.haversine_km`); pairs with an end lacking
    coordinates are left out and counted in ``attrs["no_coordinates"]``.

    Null model: the pairs' end points are pooled as *stubs* (a city appears once per
    partner) and re-paired uniformly at random, ``runs`` times (the configuration model:
    every city keeps its number of partners and its position; only who pairs with whom is
    random). Self-pairs drawn by chance are left out of that run's shares (their mean count
    is in ``attrs["null_self_pairs"]``). Shares are per run; the table gives their median and
    5 / 95 % quantiles per bin.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    runs : int, default 200
        Re-pairings drawn.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng` (recorded in ``attrs``).
    bins : sequence of float, optional
        Bin edges in km; default 15 logarithmic bins from 10 to 20,100 km. Lengths below the
        first edge fall in the first bin, above the last in the last.

    Returns
    -------
    pandas.DataFrame
        ``left``, ``right``, ``observed``, ``null_median``, ``null_low``, ``null_high``,
        ``observed_pairs``, ``ratio`` (observed / null median). ``attrs``: ``pairs``,
        ``runs``, ``seed``, ``no_coordinates``, ``null_self_pairs``, ``median_observed_km``,
        ``median_null_km``, ``model``.

    Raises
    ------
    GraphContractError
        If ``G`` is not a networkx.MultiDiGraph.
    ValueError
        ``runs`` not an int >= 1; ``bins`` not at least two increasing positive edges.

    See Also
    --------
    null_model : diffusion statistics against shuffled years or rewired links.

    References
    ----------
    Molloy, M., & Reed, B. (1995). A critical point for random graphs with a given degree
    sequence. *Random Structures & Algorithms*, 6(2-3), 161-180 (stub matching).

    Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and
    historical perspective. *Annals of the Association of American Geographers*, 81(1),
    1-31 (distance and twinning).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> tab = pn.diffusion.distance_null(pn.datasets.load("toy"), runs=50, seed=1)
    >>> round(float(tab["observed"].sum()), 6), tab.attrs["pairs"], tab.attrs["seed"]
    (1.0, 10, 1)
    >>> list(tab.columns)
    ['left', 'right', 'observed', 'null_median', 'null_low', 'null_high', 'observed_pairs', 'ratio']
    """
    check_graph(G)
    runs = check_int("runs", runs)
    edges = _distance_bins(bins)
    xy, a, b, no_coords = _located_pairs(G)
    m = len(a)
    obs_km = geo.haversine_km(xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]) if m else np.zeros(0)
    observed, obs_counts = _bin_shares(obs_km, edges)
    null, null_medians, self_pairs = _repaired_shares(xy, a, b, edges, runs=runs, seed=seed)
    q = np.quantile(null, [0.5, 0.05, 0.95], axis=0) if m else np.zeros((3, len(edges) - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(q[0] > 0, observed / q[0], np.nan)
    out = pd.DataFrame({
        "left": edges[:-1], "right": edges[1:], "observed": observed,
        "null_median": q[0], "null_low": q[1], "null_high": q[2],
        "observed_pairs": obs_counts.astype("int64"), "ratio": ratio,
    })
    out.attrs.update(
        pairs=int(m), runs=runs, seed=seed, no_coordinates=no_coords,
        null_self_pairs=self_pairs / runs if m else 0.0,
        median_observed_km=float(np.median(obs_km)) if m else float("nan"),
        median_null_km=float(np.median(null_medians)) if null_medians else float("nan"),
        model="configuration (stub re-pairing), positions fixed",
    )
    if no_coords:
        logger.info("distance_null: %d city pairs without coordinates left out", no_coords)
    return out
