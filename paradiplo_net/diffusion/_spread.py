"""Spread: distance of adopters from the seed cities over time (private)."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .. import geo
from .._checks import check_graph, check_option, check_range
from ._adoption import (
    _arrays,
    _linfit,
    _missing_counts,
    _short_repr,
    _unit_years,
    _Units,
    _units,
    seed_countries,
)

logger = logging.getLogger(__name__)



@dataclass
class SpreadResult:
    """Distance and network distance of adopters from the seed cities, and the velocity.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per adopter (index ``city`` or ``country``): ``name`` (cities) or ``cities``
        (countries), ``country``, ``first_year``, ``distance_km`` (great-circle distance to
        the nearest seed city; NaN without coordinates), ``hops`` (shortest-path length from
        the nearest seed city on the undirected collapse; <NA> when unreachable), sorted by
        ``first_year`` then id.
    velocity : pandas.DataFrame
        Index ``distance_km`` and ``hops``: OLS of the measure on the adoption year,
        ``slope`` (km or hops per year), ``stderr``, ``ci_low``, ``ci_high`` (95 % t
        interval), ``intercept``, ``rvalue``, ``pvalue`` (two-sided, slope = 0), ``n``.
    seeds : list
        Seed cities (or countries).
    params : dict
    dataset : str or None
    counts : dict
        ``seeds``, ``seeds_without_coordinates``, ``adopters``, ``before_since`` (non-seed
        units adopting before ``since``, left out), ``only_undated``, ``no_coordinates``,
        ``unreachable``.
    """

    table: pd.DataFrame
    velocity: pd.DataFrame
    seeds: list[Any]
    params: dict[str, Any]
    dataset: str | None
    counts: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        v = self.velocity.loc["distance_km", "slope"] if len(self.velocity) else math.nan
        return _short_repr("SpreadResult", adopters=len(self.table), seeds=len(self.seeds),
                           km_per_year=round(float(v), 3), dataset=self.dataset)


def _unit_xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    p, lam = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(p) * np.cos(lam), np.cos(p) * np.sin(lam), np.sin(p)])


@dataclass
class _SpreadCtx:
    """What the spread statistic needs besides the adoption years (fixed across nulls)."""

    in_seed: np.ndarray  # city in a seed country
    has_xy: np.ndarray
    xyz: np.ndarray
    since: int
    until: int
    units: _Units


def _spread_core(first_city: np.ndarray, ctx: _SpreadCtx) -> dict[str, np.ndarray]:
    """Seed cities, adopters and distance to the nearest seed city (vectorised, KD-tree)."""
    from scipy.spatial import cKDTree

    seed = ctx.in_seed & (first_city >= ctx.since) & (first_city <= ctx.until)
    dist = np.full(len(first_city), np.nan)
    seed_xy = seed & ctx.has_xy
    if seed_xy.any():
        tree = cKDTree(ctx.xyz[seed_xy])
        chord, _ = tree.query(ctx.xyz[ctx.has_xy])
        dist[ctx.has_xy] = 2 * geo.EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0, 1))
    return {"seed": seed, "dist": dist}


def _country_spread(first_city: np.ndarray, seed: np.ndarray, dist: np.ndarray,
                    units: _Units) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Country first years, seed countries and distance of each country (see spread)."""
    n = units.n + 1
    oc = units.of_city
    first = np.full(n, np.inf)
    np.minimum.at(first, oc, first_city)
    seed_c = np.zeros(n, dtype=bool)
    seed_c[oc[seed]] = True
    at_first = np.isfinite(first_city) & (first_city == first[oc]) & ~np.isnan(dist)
    d = np.full(n, np.inf)
    np.minimum.at(d, oc[at_first], dist[at_first])
    d[~np.isfinite(d)] = np.nan
    return first, seed_c, d


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3:
        return math.nan
    xm = x - x.mean()
    den = float((xm * xm).sum())
    return float((xm * (y - y.mean())).sum() / den) if den > 0 else math.nan


def _hops_from(arr: Any, seed: np.ndarray) -> np.ndarray:
    """Links (hops, undirected) from each city to the nearest seed city; inf if unreachable."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    n = len(arr.nodes)
    hops = np.full(n, np.inf)
    if seed.any() and len(arr.u):
        A = coo_matrix((np.ones(len(arr.u)), (arr.u, arr.v)), shape=(n, n)).tocsr()
        hops = dijkstra(A, directed=False, indices=np.flatnonzero(seed), unweighted=True,
                        min_only=True)
    elif seed.any():
        hops[seed] = 0
    return hops


def _velocity(table: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Linear fits of distance and hops on the adoption year; (fits, has distance, has hops)."""
    x = table["first_year"].to_numpy(dtype=float)
    dk = table["distance_km"].to_numpy(dtype=float)
    ok_d = ~np.isnan(dk)
    hv = np.array([np.nan if v is pd.NA else float(v) for v in table["hops"]], dtype=float)
    ok_h = ~np.isnan(hv)
    velocity = pd.DataFrame([_linfit(x[ok_d], dk[ok_d]), _linfit(x[ok_h], hv[ok_h])],
                            index=pd.Index(["distance_km", "hops"], name="measure"))
    velocity["n"] = velocity["n"].astype("int64")
    return velocity, ok_d, ok_h


def _country_level(
    first_city: np.ndarray, seed: np.ndarray, dist: np.ndarray, hops: np.ndarray, units: _Units
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Country first years, seed flags, distances and hops (hops of its first adopters)."""
    first, is_seed, d = _country_spread(first_city, seed, dist, units)
    oc = units.of_city
    at_first = np.isfinite(first_city) & (first_city == first[oc])
    h = np.full(units.n + 1, np.inf)
    np.minimum.at(h, oc[at_first], hops[at_first])
    return first[:-1], is_seed[:-1], d[:-1], h[:-1]


def spread(
    G: nx.MultiDiGraph,
    *,
    seed_region: str | Iterable[str] = "western-europe",
    since: int = 1945,
    until: int = 1960,
    level: Literal["city", "country"] = "city",
) -> SpreadResult:
    r"""Distance from the seed region against adoption year: the velocity of the spread.

    Seed cities are the cities of the seed countries that adopted in ``since..until``
    (inclusive). Adopters are all other cities with an adoption year ``>= since`` (seed-region
    cities adopting later included). For each adopter: ``distance_km``, the great-circle
    distance to the nearest seed city (nearest neighbour on the unit sphere by a KD-tree on
    3-D coordinates, converted with :math:`d = 2R \arcsin(c/2)`, :math:`R` =
    :data:`paradiplo_net.geo.EARTH_RADIUS_KM`), and ``hops``, the shortest-path length from
    the nearest seed city on the undirected collapse of ``G`` (every link, dated or not).

    At ``level="country"`` the units are countries: a country adopts in its cities' earliest
    year; seed countries are those with a seed city; a country's distance (hops) is the
    smallest over its cities that adopted in the country's adoption year.

    The diffusion velocity is the OLS slope of distance on adoption year
    (:func:`scipy.stats.linregress`): km per year, with its standard error and a 95 %
    confidence interval :math:`b \pm t_{0.975, n-2}\,SE(b)`; the same for hops (hops per
    year). Adopters without coordinates (or unreachable) are left out of that fit and counted.
    The OLS interval assumes independent errors; :func:`null_model` with
    ``statistic="distance_trend"`` gives a permutation p-value that does not.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    seed_region : str or iterable of str, default "western-europe"
    since, until : int, default 1945, 1960
        The seed period (inclusive).
    level : {"city", "country"}, default "city"

    Returns
    -------
    SpreadResult

    Raises
    ------
    ValueError
        Unknown option or seed region; ``since`` after ``until``.

    References
    ----------
    Hägerstrand, T. (1967). *Innovation Diffusion as a Spatial Process*. University of
    Chicago Press.

    Fisher, R. A. (1937). The wave of advance of advantageous genes. *Annals of Eugenics*,
    7(4), 355-369 (velocity of a spreading front).

    Bentley, J. L. (1975). Multidimensional binary search trees used for associative
    searching. *Communications of the ACM*, 18(9), 509-517 (KD-tree).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> s = spread(G, since=1944, until=1956)
    >>> s.seeds
    ['A', 'D', 'E']
    >>> s.table[["first_year", "distance_km", "hops"]].round(0)
          first_year  distance_km  hops
    city
    B           1944       2596.0     1
    F           1955       6313.0     2
    G           1955       9437.0     1
    C           1959        850.0     1
    J           1970       9548.0     2
    H           1994      11394.0     3
    I           1994       9163.0     4
    >>> round(float(s.velocity.loc["distance_km", "slope"]), 1), int(s.velocity.loc["hops", "n"])
    (133.8, 7)
    """
    check_graph(G)
    check_option("level", level, ("city", "country"))
    lo, hi = check_range(since, until, until_optional=False)
    assert hi is not None
    seed_label, seeds = seed_countries(seed_region)
    arr = _arrays(G)
    city_units = _units(arr, "city")
    first_city, links_city, _ = _unit_years(arr, city_units)
    first_city = first_city[:-1]
    has_xy = ~(np.isnan(arr.lat) | np.isnan(arr.lon))
    in_seed = np.array([c in seeds for c in arr.country], dtype=bool)
    units = _units(arr, level)
    ctx = _SpreadCtx(in_seed=in_seed, has_xy=has_xy, xyz=_unit_xyz(arr.lat, arr.lon),
                     since=lo, until=hi, units=units)
    core = _spread_core(first_city, ctx)
    seed, dist = core["seed"], core["dist"]
    hops = _hops_from(arr, seed)
    if level == "city":
        first, is_seed, d, h = first_city, seed, dist, hops
        ids = list(arr.nodes)
        missing = _missing_counts(np.append(first_city, np.inf), np.append(links_city[:-1], 0),
                                  city_units, "spread")
    else:
        first, is_seed, d, h = _country_level(first_city, seed, dist, hops, units)
        ids = units.ids
        cfirst, clinks, _ = _unit_years(arr, units)
        missing = _missing_counts(cfirst, clinks, units, "spread")
    adopter = np.isfinite(first) & (first >= lo) & ~is_seed
    before = int((np.isfinite(first) & (first < lo) & ~is_seed).sum())
    idx = np.flatnonzero(adopter)
    order = sorted(idx, key=lambda i: (first[i], str(ids[i])))
    hop_vals = pd.array([None if not np.isfinite(h[i]) else int(h[i]) for i in order],
                        dtype="Int64")
    table = pd.DataFrame(index=pd.Index([ids[i] for i in order], name=level, dtype=object))
    if level == "city":
        table["name"] = [G.nodes[ids[i]].get("name") for i in order]
        table["country"] = pd.Series([arr.country[i] for i in order], index=table.index,
                                     dtype=object)
    else:
        ncity = np.bincount(units.of_city, minlength=units.n + 1)
        table["cities"] = np.array([ncity[i] for i in order], dtype="int64")
        table["country"] = pd.Series([ids[i] for i in order], index=table.index, dtype=object)
    table["first_year"] = np.array([int(first[i]) for i in order], dtype="int64")
    table["distance_km"] = np.array([d[i] for i in order], dtype=float)
    table["hops"] = hop_vals
    velocity, ok_d, ok_h = _velocity(table)
    seed_ids = sorted(str(ids[i]) for i in np.flatnonzero(is_seed))
    counts = {
        "seeds": len(seed_ids),
        "seeds_without_coordinates": int((seed & ~has_xy).sum()),
        "adopters": len(table),
        "before_since": before,
        "only_undated": missing["only_undated"],
        "no_coordinates": int((~ok_d).sum()),
        "unreachable": int((~ok_h).sum()),
    }
    if not seed_ids:
        logger.warning("spread: no %s of %s adopted in %d-%d; no seeds, distances are NaN",
                       level, seed_label, lo, hi)
    if counts["no_coordinates"] or counts["unreachable"]:
        logger.info("spread: %d adopters without coordinates, %d unreachable from the seeds "
                    "(left out of the velocity fits)", counts["no_coordinates"],
                    counts["unreachable"])
    params = {"seed_region": seed_label, "seed_countries": sorted(seeds), "since": lo,
              "until": hi, "level": level}
    return SpreadResult(table=table, velocity=velocity, seeds=seed_ids, params=params,
                        dataset=G.graph.get("dataset"), counts=counts)
