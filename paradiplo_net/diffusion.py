"""Diffusion waves: how twinning spread out of a seed region (by default post-war Western Europe).

Given a dated graph, the functions here show *when*, *where* and *along which links* twinning
spread, starting from a seed region and period (default: ``"western-europe"``, 1945-1960).

Definitions used by every function here
    Adoption
        A city *adopts* twinning in the year of its earliest dated link, as either side
        (source or target), ended links included (they were formed then): the same rule as
        :func:`paradiplo_net.temporal.adoption`. A country adopts in the earliest adoption
        year of its cities (domestic links included).
    Missing years
        A link whose ``year`` is None never places a city in time. Cities (countries) whose
        links are all undated are *not adopters*: they are counted in every result
        (``only_undated``) and logged, never given a year.
    Seed region
        ``seed_region`` is a name of :data:`paradiplo_net.geo.REGIONS` (``"western-europe"``,
        ``"eastern-europe"``, ``"north-america"``, ``"east-asia"``, ...) or an iterable of
        ISO 3166-1 alpha-2 codes (e.g. ``{"FR", "DE"}``). When grouping by region, the
        countries of a custom seed form their own group labelled ``"seed"`` (the other
        countries keep their region). The *seed cities* are the cities of the seed countries
        that adopted in the seed period ``since..until`` (inclusive).
    Time windows
        Inclusive at both ends: ``since=1945, until=1960`` covers 1945 and 1960.

References
----------
Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

Hägerstrand, T. (1967). *Innovation Diffusion as a Spatial Process*. University of Chicago
Press.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> c = pn.diffusion.cascades(G)
>>> c.share, c.chains
(0.2, [['A', 'C'], ['G', 'J']])
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from . import geo
from .errors import format_problems
from .model import check_graph, check_option, check_year

__all__ = [
    "CascadeResult",
    "NullResult",
    "SpreadResult",
    "WavesResult",
    "adoption_curves",
    "cascades",
    "fit_logistic",
    "logistic",
    "null_model",
    "peak_periods",
    "seed_countries",
    "spread",
    "waves",
]

logger = logging.getLogger(__name__)

_UNKNOWN = "??"
_SEED_LABEL = "seed"


# ---------------------------------------------------------------------------------------
# shared helpers




def _check_range(since: Any, until: Any, *, until_optional: bool = True) -> tuple[int, int | None]:
    lo = check_year("since", since)
    hi = check_year("until", until, optional=until_optional)
    if hi is not None and lo is not None and lo > hi:
        raise ValueError(f"since={lo} is after until={hi}; give since <= until (both inclusive)")
    return lo, hi  # type: ignore[return-value]


def _check_positive_int(name: str, value: Any, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return int(value)


def seed_countries(seed_region: str | Iterable[str]) -> tuple[str, frozenset[str]]:
    """Resolve a seed region to its label and its set of ISO2 country codes.

    Parameters
    ----------
    seed_region : str or iterable of str
        A key of :data:`paradiplo_net.geo.REGIONS`, or ISO 3166-1 alpha-2 codes.

    Returns
    -------
    label : str
        The region name, or ``"seed"`` for a custom set of codes.
    codes : frozenset of str
        Upper-case ISO2 codes.

    Raises
    ------
    ValueError
        Unknown region name (the message lists the valid ones), an empty set, or a code that
        is not two letters.

    Examples
    --------
    >>> label, codes = seed_countries("north-america")
    >>> label, sorted(codes)
    ('north-america', ['BM', 'CA', 'GL', 'PM', 'US'])
    >>> label, codes = seed_countries(["fr", "DE"])
    >>> label, sorted(codes)
    ('seed', ['DE', 'FR'])
    >>> seed_countries("europe")
    Traceback (most recent call last):
    ...
    ValueError: seed_region='europe' is not one of: 'western-europe', ...
    """
    if isinstance(seed_region, str):
        check_option("seed_region", seed_region, tuple(geo.REGIONS))
        return seed_region, frozenset(geo.REGIONS[seed_region])
    try:
        codes = [str(c).strip().upper() for c in seed_region]
    except TypeError:
        raise ValueError(
            f"seed_region must be a region name ({', '.join(geo.REGIONS)}) or an iterable of "
            f"ISO2 codes, got {seed_region!r}") from None
    bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
    if bad or not codes:
        raise ValueError(
            f"seed_region: expected ISO 3166-1 alpha-2 codes such as 'FR', found "
            f"{len(bad)} bad value(s) {bad[:5]}" if bad else
            "seed_region: the set of country codes is empty; give at least one ISO2 code")
    return _SEED_LABEL, frozenset(codes)


@dataclass
class _Arrays:
    """Node and edge arrays of a graph (node index order = ``nodes``)."""

    nodes: list[Any]
    country: np.ndarray  # object, ISO2 or None
    lat: np.ndarray
    lon: np.ndarray
    u: np.ndarray
    v: np.ndarray
    year: np.ndarray  # float, NaN = undated


def _arrays(G: nx.MultiDiGraph) -> _Arrays:
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    u: list[int] = []
    v: list[int] = []
    y: list[float] = []
    for a, nbrs in G._succ.items():
        ia = index[a]
        for b, keydict in nbrs.items():
            ib = index[b]
            for d in keydict.values():
                u.append(ia)
                v.append(ib)
                yr = d.get("year")
                y.append(math.nan if yr is None else float(yr))

    def num(n: Any, a: str) -> float:
        x = G.nodes[n].get(a)
        try:
            return math.nan if x is None else float(x)
        except (TypeError, ValueError):
            return math.nan

    return _Arrays(
        nodes=nodes,
        country=np.array([G.nodes[n].get("country") for n in nodes], dtype=object),
        lat=np.array([num(n, "lat") for n in nodes], dtype=float),
        lon=np.array([num(n, "lon") for n in nodes], dtype=float),
        u=np.asarray(u, dtype=np.int64),
        v=np.asarray(v, dtype=np.int64),
        year=np.asarray(y, dtype=float),
    )


@dataclass
class _Units:
    """Adopting units (cities or countries): ids and the map from city index to unit index.

    Unit ``n`` (= ``len(ids)``) is a sentinel for cities of unknown country at country level.
    """

    level: str
    ids: list[Any]
    of_city: np.ndarray

    @property
    def n(self) -> int:
        return len(self.ids)


def _units(arr: _Arrays, level: str) -> _Units:
    if level == "city":
        return _Units("city", list(arr.nodes), np.arange(len(arr.nodes), dtype=np.int64))
    codes = sorted({c for c in arr.country if c is not None})
    index = {c: i for i, c in enumerate(codes)}
    sentinel = len(codes)
    of_city = np.array([index.get(c, sentinel) if c is not None else sentinel
                        for c in arr.country], dtype=np.int64)
    return _Units("country", codes, of_city)


def _first_years(n: int, a: np.ndarray, b: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Earliest year per unit over links (a, b, y) with finite y; inf where none."""
    first = np.full(n, np.inf)
    if len(y):
        np.minimum.at(first, a, y)
        np.minimum.at(first, b, y)
    return first


def _unit_years(arr: _Arrays, units: _Units) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Units' first years (size n+1, sentinel last), links per unit, undated links per unit."""
    n = units.n + 1
    a, b = units.of_city[arr.u], units.of_city[arr.v]
    dated = ~np.isnan(arr.year)
    first = _first_years(n, a[dated], b[dated], arr.year[dated])
    links = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    undated = np.bincount(a[~dated], minlength=n) + np.bincount(b[~dated], minlength=n)
    return first, links, undated


def _missing_counts(first: np.ndarray, links: np.ndarray, units: _Units,
                    label: str) -> dict[str, Any]:
    """Counts of units that cannot be placed in time, logged."""
    k = units.n
    only_undated = np.flatnonzero((links[:k] > 0) & ~np.isfinite(first[:k]))
    no_links = int((links[:k] == 0).sum())
    out = {
        "only_undated": len(only_undated),
        "only_undated_ids": [units.ids[i] for i in only_undated[:20]],
        "no_links": no_links,
    }
    if len(only_undated):
        logger.info("%s: %d %s(s) have only undated links and are not placed in time "
                    "(first: %s)", label, len(only_undated), units.level,
                    out["only_undated_ids"][:5])
    return out


def _group_of_country(by: str, seed_label: str, seeds: frozenset[str]) -> Callable[[Any], str]:
    """Country code -> group label (region with seed override, or continent)."""
    def group(cc: Any) -> str:
        if cc is None:
            return _UNKNOWN
        if by == "region":
            if seed_label == _SEED_LABEL and cc in seeds:
                return _SEED_LABEL
            return geo.region_of(cc) or _UNKNOWN
        return geo.continent(cc) or _UNKNOWN
    return group


def _linfit(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """OLS of y on x via scipy.stats.linregress with a 95 % t confidence interval."""
    from scipy import stats

    n = len(x)
    nan = math.nan
    out = {"slope": nan, "stderr": nan, "ci_low": nan, "ci_high": nan, "intercept": nan,
           "rvalue": nan, "pvalue": nan, "n": n}
    if n < 3 or np.all(x == x[0]):
        return out
    res = stats.linregress(x, y)
    q = float(stats.t.ppf(0.975, n - 2))
    out.update(slope=float(res.slope), stderr=float(res.stderr),
               ci_low=float(res.slope - q * res.stderr), ci_high=float(res.slope + q * res.stderr),
               intercept=float(res.intercept), rvalue=float(res.rvalue), pvalue=float(res.pvalue))
    return out


def _short_repr(name: str, **items: Any) -> str:
    return f"{name}(" + ", ".join(f"{k}={v!r}" for k, v in items.items()) + ")"


# ---------------------------------------------------------------------------------------
# adoption curves and logistic fits


def adoption_curves(
    G: nx.MultiDiGraph,
    *,
    level: Literal["city", "country"] = "city",
    by: Literal["region", "continent"] = "region",
    seed_region: str | Iterable[str] = "western-europe",
    since: int = 1945,
    until: int | None = None,
) -> pd.DataFrame:
    """Cumulative adopting cities (or countries) per year in each region or continent.

    Adoption years are those of :func:`paradiplo_net.temporal.adoption` (earliest dated link
    as either side). Units adopting before ``since`` are not new in the table but are part of
    ``cumulative`` from the first row (their number is ``attrs["before_since"]``), so
    ``cumulative`` is the number of adopters to date. Units with only undated links, or of
    unknown country or region, are left out and counted in ``attrs``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    level : {"city", "country"}, default "city"
    by : {"region", "continent"}, default "region"
        Group by :func:`paradiplo_net.geo.region_of` (named regions; a custom seed set of
        codes is its own group ``"seed"``) or :func:`paradiplo_net.geo.continent`.
    seed_region : str or iterable of str, default "western-europe"
        Recorded in ``attrs["seed_group"]`` (see the module docstring).
    since : int, default 1945
        First year of the table (inclusive).
    until : int, optional
        Last year (inclusive); defaults to the last adoption year.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``group``, ``new`` (units adopting that year), ``cumulative``
        (adopters to date, including those before ``since``) and ``share`` (``cumulative`` /
        the group's adopters up to ``until``); every year x group, zeros filled, sorted by
        group then year. ``attrs``: ``level``, ``by``, ``seed_group``, ``since``, ``until``,
        ``before_since``, ``after_until``, ``only_undated``, ``unknown_group``, ``dataset``.

    Raises
    ------
    ValueError
        Unknown option or seed region; ``since`` after ``until``.

    See Also
    --------
    fit_logistic : S-curve per group, midpoints give the order of the waves.

    References
    ----------
    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> c = adoption_curves(G, level="country", since=1950, until=1960)
    >>> c[c["year"].isin([1955, 1960])]
        year           group  new  cumulative  share
    5   1955       east-asia    1           1    1.0
    10  1960       east-asia    0           1    1.0
    16  1955  eastern-europe    0           1    1.0
    21  1960  eastern-europe    0           1    1.0
    27  1955   north-america    1           1    1.0
    32  1960   north-america    0           1    1.0
    38  1955  western-europe    0           1    0.25
    43  1960  western-europe    0           4    1.0
    >>> c.attrs["before_since"], c.attrs["after_until"]
    (2, 2)
    """
    check_graph(G)
    check_option("level", level, ("city", "country"))
    check_option("by", by, ("region", "continent"))
    lo, hi = _check_range(since, until)
    seed_label, seeds = seed_countries(seed_region)
    arr = _arrays(G)
    units = _units(arr, level)
    first, links, _ = _unit_years(arr, units)
    missing = _missing_counts(first, links, units, "adoption_curves")
    k = units.n
    first = first[:k]
    group_of = _group_of_country(by, seed_label, seeds)
    if level == "city":
        groups = np.array([group_of(c) for c in arr.country], dtype=object)
    else:
        groups = np.array([group_of(c) for c in units.ids], dtype=object)
    adopted = np.isfinite(first)
    unknown = int((adopted & (groups == _UNKNOWN)).sum())
    keep = adopted & (groups != _UNKNOWN)
    years = first[keep].astype(np.int64)
    gr = groups[keep]
    if hi is None:
        hi = int(years.max()) if len(years) else lo
        hi = max(hi, lo)
    after = int((years > hi).sum())
    before = int((years < lo).sum())
    in_range = years <= hi
    years, gr = years[in_range], gr[in_range]
    names = sorted(set(gr.tolist()))
    grid = np.arange(lo, hi + 1)
    rows = []
    for g in names:
        ys = years[gr == g]
        base = int((ys < lo).sum())
        new = np.bincount(ys[ys >= lo] - lo, minlength=len(grid))[: len(grid)]
        cum = base + np.cumsum(new)
        total = len(ys)
        rows.append(pd.DataFrame({"year": grid, "group": g, "new": new, "cumulative": cum,
                                  "share": cum / total}))
    if rows:
        frame = pd.concat(rows, ignore_index=True)
    else:
        frame = pd.DataFrame({"year": pd.Series(dtype="int64"), "group": pd.Series(dtype=object),
                              "new": pd.Series(dtype="int64"),
                              "cumulative": pd.Series(dtype="int64"),
                              "share": pd.Series(dtype="float64")})
    frame = frame.astype({"year": "int64", "new": "int64", "cumulative": "int64",
                          "share": "float64", "group": object})
    frame.attrs.update(level=level, by=by, seed_group=seed_label, seed_countries=sorted(seeds),
                       since=lo, until=hi, before_since=before, after_until=after,
                       only_undated=missing["only_undated"], unknown_group=unknown,
                       dataset=G.graph.get("dataset"))
    if unknown:
        logger.info("adoption_curves: %d adopting %s(s) of unknown %s left out", unknown, level, by)
    return frame


def logistic(t: Any, midpoint: float, rate: float, K: float) -> Any:
    """The logistic curve ``K / (1 + exp(-rate * (t - midpoint)))`` used by :func:`fit_logistic`.

    Examples
    --------
    >>> float(logistic(1960, 1960, 0.3, 100))
    50.0
    """
    z = np.clip(-rate * (np.asarray(t, dtype=float) - midpoint), -700, 700)
    return K / (1.0 + np.exp(z))


def fit_logistic(
    curves: pd.DataFrame,
    *,
    min_points: int = 4,
    k_max: float = 3.0,
) -> pd.DataFrame:
    """Fit a logistic (S-curve) to each group's cumulative adoption; order the waves.

    Parametrisation: :math:`C(t) = K / (1 + e^{-r (t - t_0)})`, fitted to ``cumulative`` by
    least squares (:func:`scipy.optimize.curve_fit`, trust-region reflective with bounds).
    ``midpoint`` :math:`t_0` is the year when half the saturation level is reached, ``rate``
    :math:`r` the growth rate per year (10 % to 90 % of ``K`` takes :math:`\\ln 81 / r
    \\approx 4.39 / r` years), ``K`` the saturation level in units (cities or countries).
    Bounds: :math:`t_0` within 50 years of the table's years, :math:`0.01 \\le r \\le 5`,
    :math:`C_{last} \\le K \\le` ``k_max`` :math:`\\cdot C_{last}` (the saturation is at least
    the adopters already counted). Start values: :math:`t_0` = first year with
    :math:`C \\ge C_{last}/2`, :math:`r = 0.2`, :math:`K = 1.1\\,C_{last}`.

    Groups with adopters in fewer than ``min_points`` distinct years of the table are flagged
    ``status="too_few_points"`` and not fitted; a fit that does not converge is flagged
    ``"failed"``.

    Parameters
    ----------
    curves : pandas.DataFrame
        Output of :func:`adoption_curves` (``year``, ``group``, ``new``, ``cumulative``).
    min_points : int, default 4
        Minimum number of distinct adoption years (the model has three parameters).
    k_max : float, default 3.0
        Upper bound of ``K`` as a multiple of the last cumulative count.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by ``midpoint`` (unfitted groups last): ``group``,
        ``midpoint``, ``rate``, ``K``, ``r2`` (coefficient of determination), ``rmse`` (units),
        ``n`` (yearly points fitted), ``adopters`` (last cumulative count), ``adoption_years``
        (distinct years with new adopters), ``status`` and ``order`` (1 = earliest wave;
        <NA> when not fitted).

    Raises
    ------
    SchemaError
        ``curves`` lacks a column of :func:`adoption_curves`.
    ValueError
        ``min_points`` < 3 or ``k_max`` < 1.

    References
    ----------
    Griliches, Z. (1957). Hybrid corn: an exploration in the economics of technological
    change. *Econometrica*, 25(4), 501-522 (logistic fits of adoption by region).

    Branch, M. A., Coleman, T. F., & Li, Y. (1999). A subspace, interior, and conjugate
    gradient method for large-scale bound-constrained minimization problems. *SIAM Journal on
    Scientific Computing*, 21(1), 1-23 (the ``trf`` algorithm).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Series(range(1950, 1991))
    >>> c = pd.DataFrame({"year": t, "group": "a", "new": 1,
    ...                   "cumulative": logistic(t, 1970, 0.3, 200).round().astype(int)})
    >>> f = fit_logistic(c)
    >>> f[["group", "midpoint", "rate", "K", "status", "order"]].round(1)
      group  midpoint  rate      K  status  order
    0     a    1970.0   0.3  200.0  fitted      1
    """
    from scipy.optimize import OptimizeWarning, curve_fit

    from .errors import SchemaError

    need = ("year", "group", "new", "cumulative")
    missing = [c for c in need if c not in curves.columns]
    if missing:
        raise SchemaError(format_problems(
            "fit_logistic", [f"missing column {c!r}" for c in missing],
            fix="pass the DataFrame returned by paradiplo_net.diffusion.adoption_curves"))
    if (isinstance(min_points, bool) or not isinstance(min_points, (int, np.integer))
            or min_points < 3):
        raise ValueError(f"min_points must be an int >= 3 (three parameters), got {min_points!r}")
    if not isinstance(k_max, (int, float)) or k_max < 1:
        raise ValueError(f"k_max must be a number >= 1, got {k_max!r}")
    rows = []
    for g, sub in curves.groupby("group", sort=True):
        sub = sub.sort_values("year")
        t = sub["year"].to_numpy(dtype=float)
        cum = sub["cumulative"].to_numpy(dtype=float)
        years_with = int((sub["new"].to_numpy() > 0).sum())
        last = float(cum[-1]) if len(cum) else 0.0
        rec: dict[str, Any] = {"group": g, "midpoint": math.nan, "rate": math.nan,
                               "K": math.nan, "r2": math.nan, "rmse": math.nan, "n": len(t),
                               "adopters": int(last), "adoption_years": years_with}
        if years_with < min_points or last <= 0:
            rec["status"] = "too_few_points"
            rows.append(rec)
            continue
        half = t[np.argmax(last / 2 <= cum)]
        lo_b = [t[0] - 50, 0.01, last]
        hi_b = [t[-1] + 50, 5.0, k_max * last + 1e-9]
        p0 = [float(np.clip(half, lo_b[0], hi_b[0])), 0.2, min(1.1 * last, hi_b[2])]
        try:
            with warnings.catch_warnings():  # the covariance is not used
                warnings.simplefilter("ignore", OptimizeWarning)
                popt, _ = curve_fit(logistic, t, cum, p0=p0, bounds=(lo_b, hi_b), method="trf",
                                    maxfev=20000)
        except (RuntimeError, ValueError) as exc:
            logger.warning("fit_logistic: group %r did not converge: %s", g, exc)
            rec["status"] = "failed"
            rows.append(rec)
            continue
        pred = logistic(t, *popt)
        ss_res = float(((cum - pred) ** 2).sum())
        ss_tot = float(((cum - cum.mean()) ** 2).sum())
        rec.update(midpoint=float(popt[0]), rate=float(popt[1]), K=float(popt[2]),
                   r2=1 - ss_res / ss_tot if ss_tot > 0 else math.nan,
                   rmse=math.sqrt(ss_res / len(t)), status="fitted")
        rows.append(rec)
    cols = ["group", "midpoint", "rate", "K", "r2", "rmse", "n", "adopters", "adoption_years",
            "status"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({"group": object, "n": "int64", "adopters": "int64",
                      "adoption_years": "int64", "status": object})
    out = out.sort_values(["midpoint", "group"], na_position="last", kind="stable",
                          ignore_index=True)
    fitted = out["status"] == "fitted"
    order = pd.array([pd.NA] * len(out), dtype="Int64")
    order[fitted.to_numpy()] = np.arange(1, int(fitted.sum()) + 1)
    out["order"] = order
    out.attrs.update({k: v for k, v in curves.attrs.items()})
    out.attrs.update(min_points=min_points, k_max=k_max,
                     model="K / (1 + exp(-rate (t - midpoint)))")
    return out


# ---------------------------------------------------------------------------------------
# waves


@dataclass
class WavesResult:
    """Waves of new links detected in yearly series, with their parameters.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per wave, sorted by ``start`` then ``group``: ``group``, ``wave`` (1, 2, ...
        within the group), ``start``, ``peak``, ``end`` (years, inclusive), ``size`` (links
        formed from ``start`` to ``end``), ``height`` (smoothed links per year at the peak),
        ``censored`` (the wave touches the edge of the window, so it may begin earlier or end
        later), ``seed`` (the group contains seed countries).
    series : pandas.DataFrame
        Long table ``year``, ``group``, ``new``, ``smoothed`` of the series analysed.
    method : str
    params : dict
        Every parameter, including the penalty actually used per group (``pelt``).
    seed_region : str
    seed_countries : tuple of str
    dataset : str or None
    counts : dict
        ``links``, ``undated``, ``before_since``, ``after_until``, ``unknown_country``,
        ``groups`` (analysed), ``groups_too_small`` (fewer than ``min_size`` links in the
        window), ``waves_too_small`` (detected but smaller than ``min_size``).
    """

    table: pd.DataFrame
    series: pd.DataFrame
    method: str
    params: dict[str, Any]
    seed_region: str
    seed_countries: tuple[str, ...]
    dataset: str | None
    counts: dict[str, Any] = field(default_factory=dict)

    def first_waves(self) -> pd.DataFrame:
        """The first wave of each group, in order of start year (the order of the waves).

        Examples
        --------
        >>> import paradiplo_net as pn
        >>> w = waves(pn.datasets.load("toy"), min_size=1, smooth=1)
        >>> w.first_waves()["group"].tolist()
        ['east-asia', 'north-america', 'western-europe', 'eastern-europe', 'southeast-asia']
        """
        t = self.table.sort_values(["group", "start"]).groupby("group", sort=False).head(1)
        return t.sort_values(["start", "peak", "group"], ignore_index=True)

    def __repr__(self) -> str:
        return _short_repr("WavesResult", method=self.method, waves=len(self.table),
                           groups=self.counts.get("groups"), seed_region=self.seed_region,
                           dataset=self.dataset)


def _smooth(x: np.ndarray, width: int) -> np.ndarray:
    """Centred moving average over ``width`` years, truncated at the ends of the window."""
    if width <= 1 or x.shape[-1] == 0:
        return x.astype(float)
    kernel = np.ones(width)
    half = width // 2
    count = np.convolve(np.ones(x.shape[-1]), kernel, mode="full")[half: half + x.shape[-1]]
    out = np.empty(x.shape, dtype=float)
    for i in range(x.shape[0]):
        out[i] = np.convolve(x[i], kernel, mode="full")[half: half + x.shape[-1]] / count
    return out


def _plateau_mid(s: np.ndarray, lo: int, hi: int) -> int:
    seg = s[lo: hi + 1]
    where = np.flatnonzero(np.isclose(seg, seg.max()))
    return lo + int((where[0] + where[-1]) // 2)


def _trim(raw: np.ndarray, lo: int, hi: int) -> tuple[int, int] | None:
    nz = np.flatnonzero(raw[lo: hi + 1] > 0)
    if not len(nz):
        return None
    return lo + int(nz[0]), lo + int(nz[-1])


def _peaks_waves(raw: np.ndarray, s: np.ndarray, *, prominence: float, min_distance: int,
                 rel_height: float) -> list[tuple[int, int, int]]:
    """(start, peak, end) indices of waves found by scipy.signal.find_peaks."""
    from scipy.signal import find_peaks

    top = float(s.max()) if len(s) else 0.0
    if top <= 0:
        return []
    padded = np.concatenate([[0.0], s, [0.0]])  # lets a maximum at either edge count
    peaks, _ = find_peaks(padded, prominence=max(prominence * top, 1e-9), distance=min_distance)
    peaks = peaks - 1
    out = []
    for j, p in enumerate(peaks):
        left = 0 if j == 0 else int(peaks[j - 1] + np.argmin(s[peaks[j - 1]: p + 1]))
        right = len(s) - 1 if j == len(peaks) - 1 else int(p + np.argmin(s[p: peaks[j + 1] + 1]))
        thr = rel_height * s[p]
        lo = p
        while lo - 1 >= left and s[lo - 1] >= thr and not (lo - 1 == left and j > 0):
            lo -= 1
        hi = p
        while hi + 1 <= right and s[hi + 1] >= thr and not (hi + 1 == right and j < len(peaks) - 1):
            hi += 1
        span = _trim(raw, lo, hi)
        if span is None:
            continue
        start, end = span
        if not start <= p <= end:
            # the smoothed maximum can fall on a year without links, trimmed off the span:
            # the peak is then the busiest year inside the wave
            p = start + int(np.argmax(raw[start: end + 1]))
        out.append((start, int(p), end))
    return out


def _pelt_penalty(raw: np.ndarray) -> float:
    """BIC-type penalty 2 sigma^2 ln(n); sigma^2 = max(robust noise variance, mean count)."""
    n = len(raw)
    diffs = np.diff(raw.astype(float))
    mad = float(np.median(np.abs(diffs - np.median(diffs)))) if len(diffs) else 0.0
    sigma2 = max((mad / (0.6745 * math.sqrt(2))) ** 2, float(raw.mean()) if n else 0.0, 1e-6)
    return 2.0 * sigma2 * math.log(max(n, 2))


def _pelt_waves(raw: np.ndarray, s: np.ndarray, *, penalty: float | None, min_segment: int
                ) -> tuple[list[tuple[int, int, int]], float]:
    """(start, peak, end) of segments whose mean exceeds both neighbours' (ruptures Pelt, l2)."""
    import ruptures as rpt

    n = len(raw)
    pen = _pelt_penalty(raw) if penalty is None else float(penalty)
    if n < 2 * min_segment or raw.sum() == 0:
        return [], pen
    bkps = rpt.Pelt(model="l2", min_size=min_segment, jump=1).fit(
        raw.astype(float).reshape(-1, 1)).predict(pen=pen)
    bounds = [0, *bkps]
    segs = [(bounds[i], bounds[i + 1] - 1) for i in range(len(bounds) - 1)]
    if len(segs) < 2:
        return [], pen
    means = [float(raw[a: b + 1].mean()) for a, b in segs]
    out = []
    for i, (a, b) in enumerate(segs):
        left = means[i - 1] if i > 0 else -math.inf
        right = means[i + 1] if i < len(segs) - 1 else -math.inf
        if means[i] > left and means[i] > right:
            span = _trim(raw, a, b)
            if span is None:
                continue
            out.append((span[0], _plateau_mid(s, span[0], span[1]), span[1]))
    return out, pen


def waves(
    G: nx.MultiDiGraph,
    *,
    seed_region: str | Iterable[str] = "western-europe",
    since: int = 1945,
    until: int | None = None,
    by: Literal["region", "country_pair"] = "region",
    method: Literal["peaks", "pelt"] = "peaks",
    min_size: int = 5,
    smooth: int = 3,
    prominence: float = 0.25,
    min_distance: int = 5,
    rel_height: float = 0.5,
    penalty: float | None = None,
    min_segment: int = 2,
) -> WavesResult:
    """Detect waves of new links per region or per country pair.

    The series of a group is the number of links formed in each year ``since..until``
    (inclusive). With ``by="region"`` a link counts for the region of each end (once when
    both ends are in one region): the region's involvement. With ``by="country_pair"`` a link
    counts for its unordered pair of countries (``"DE-FR"``; domestic ``"JP-JP"``). A custom
    seed set of codes is its own region ``"seed"``.

    ``method="peaks"``: the series is smoothed by a centred moving average over ``smooth``
    years (truncated at the window's ends; 1 = none), and peaks are found with
    :func:`scipy.signal.find_peaks` (prominence at least ``prominence`` times the series'
    maximum, peaks at least ``min_distance`` years apart; a maximum at either end of the
    window counts, and such waves are flagged ``censored``). A wave extends from its peak
    while the smoothed series stays at or above ``rel_height`` times the peak height (never
    past the lowest point between two peaks), then is trimmed to years with at least one link.
    ``peak`` is the peak of the smoothed series (middle of a plateau, rounded down).

    ``method="pelt"``: change points of the raw series by PELT (:class:`ruptures.Pelt`, cost
    ``l2``, ``min_segment`` years at least) with penalty :math:`2\\hat\\sigma^2 \\ln n` (a
    BIC-type penalty; :math:`\\hat\\sigma^2` the larger of the robust noise variance from the
    median absolute deviation of first differences, :math:`(MAD/(0.6745\\sqrt 2))^2`, and the
    mean count, the Poisson variance) unless ``penalty`` is given. A wave is a segment whose
    mean is above both neighbouring segments' (trimmed to years with links); ``peak`` is the
    maximum of the smoothed series inside it.

    Waves with fewer than ``min_size`` links are dropped (counted); groups with fewer than
    ``min_size`` links in the window are not analysed (counted).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    seed_region : str or iterable of str, default "western-europe"
        Marks the seed group(s) (column ``seed``); see the module docstring.
    since, until : int
        Inclusive window; ``until`` defaults to the last dated link's year.
    by : {"region", "country_pair"}, default "region"
    method : {"peaks", "pelt"}, default "peaks"
    min_size : int, default 5
    smooth : int, default 3
        Odd width of the moving average, in years.
    prominence : float, default 0.25
        Relative prominence (``peaks``), in (0, 1].
    min_distance : int, default 5
        Minimum years between two peaks (``peaks``).
    rel_height : float, default 0.5
        Relative height delimiting a wave (``peaks``), in (0, 1].
    penalty : float, optional
        PELT penalty (``pelt``); default as above.
    min_segment : int, default 2
        Minimum segment length in years (``pelt``).

    Returns
    -------
    WavesResult

    Raises
    ------
    ValueError
        Unknown option or seed region, bad numbers, ``since`` after ``until``.

    References
    ----------
    Virtanen, P., et al. (2020). SciPy 1.0: fundamental algorithms for scientific computing in
    Python. *Nature Methods*, 17, 261-272 (``scipy.signal.find_peaks``).

    Killick, R., Fearnhead, P., & Eckley, I. A. (2012). Optimal detection of changepoints with
    a linear computational cost. *JASA*, 107(500), 1590-1598 (PELT).

    Truong, C., Oudre, L., & Vayatis, N. (2020). Selective review of offline change point
    detection methods. *Signal Processing*, 167, 107299 (ruptures).

    Yao, Y.-C. (1988). Estimating the number of change-points via Schwarz' criterion.
    *Statistics & Probability Letters*, 6(3), 181-189.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> from paradiplo_net.model import new_graph
    >>> G = new_graph(dataset="demo")
    >>> for i, (a, b) in enumerate([("FR", "DE")] * 6 + [("DE", "PL")] * 8):
    ...     for n, cc in ((f"{a}{i}", a), (f"{b}{i}", b)):
    ...         G.add_node(n, name=n, country=cc, lat=None, lon=None, level="municipality")
    ...     year = 1950 + i % 3 if a == "FR" else 1991 + i % 4
    ...     _ = G.add_edge(f"{a}{i}", f"{b}{i}", year=year, end_year=None, phase=None,
    ...                phase_source=None, kind="twin_town", dataset="demo")
    >>> w = waves(G, since=1945, until=2000)
    >>> w.table[["group", "start", "peak", "end", "size", "seed"]]
                group  start  peak   end  size   seed
    0  western-europe   1950  1951  1952     6   True
    1  eastern-europe   1991  1992  1994     8  False
    2  western-europe   1991  1992  1994     8   True
    >>> p = waves(G, by="country_pair", method="pelt", until=2000)
    >>> p.table[["group", "start", "end", "size"]]
       group  start   end  size
    0  DE-FR   1950  1952     6
    1  DE-PL   1991  1994     8
    """
    check_graph(G)
    check_option("by", by, ("region", "country_pair"))
    check_option("method", method, ("peaks", "pelt"))
    lo, hi = _check_range(since, until)
    seed_label, seeds = seed_countries(seed_region)
    min_size = _check_positive_int("min_size", min_size)
    smooth = _check_positive_int("smooth", smooth)
    if smooth % 2 == 0:
        raise ValueError(f"smooth must be an odd number of years (centred window), got {smooth}")
    min_distance = _check_positive_int("min_distance", min_distance)
    min_segment = _check_positive_int("min_segment", min_segment)
    for name, val in (("prominence", prominence), ("rel_height", rel_height)):
        if not isinstance(val, (int, float)) or not 0 < val <= 1:
            raise ValueError(f"{name} must be a number in (0, 1], got {val!r}")
    if penalty is not None and (not isinstance(penalty, (int, float)) or penalty <= 0):
        raise ValueError(f"penalty must be a positive number or None, got {penalty!r}")

    arr = _arrays(G)
    dated = ~np.isnan(arr.year)
    n_undated = int((~dated).sum())
    if hi is None:
        hi = max(int(arr.year[dated].max()), lo) if dated.any() else lo
    yrs = arr.year
    before = int((dated & (yrs < lo)).sum())
    after = int((dated & (yrs > hi)).sum())
    inwin = dated & (yrs >= lo) & (yrs <= hi)
    cu, cv = arr.country[arr.u[inwin]], arr.country[arr.v[inwin]]
    ys = yrs[inwin].astype(np.int64) - lo
    unknown = np.array([a is None or b is None for a, b in zip(cu, cv, strict=True)], dtype=bool)
    group_of = _group_of_country("region", seed_label, seeds)
    gi: list[int] = []
    ti: list[int] = []
    names: dict[str, int] = {}
    for a, b, t, unk in zip(cu, cv, ys, unknown, strict=True):
        if unk:
            continue
        if by == "region":
            keys = {group_of(a), group_of(b)} - {_UNKNOWN}
        else:
            keys = {"-".join(sorted((a, b)))}
        for key in keys:
            gi.append(names.setdefault(key, len(names)))
            ti.append(int(t))
    labels = list(names)
    n_years = hi - lo + 1
    mat = np.zeros((len(labels), n_years), dtype=np.int64)
    if gi:
        np.add.at(mat, (np.asarray(gi), np.asarray(ti)), 1)
    totals = mat.sum(axis=1)
    order = sorted(range(len(labels)), key=lambda i: labels[i])
    big = [i for i in order if totals[i] >= min_size]
    sm = _smooth(mat[big], smooth) if big else np.zeros((0, n_years))

    def is_seed(label: str) -> bool:
        if by == "region":
            return label == seed_label
        return bool(set(label.split("-")) & seeds)

    rows = []
    series = []
    dropped = 0
    pens: dict[str, float] = {}
    grid = np.arange(lo, hi + 1)
    for row, i in enumerate(big):
        raw, s = mat[i], sm[row]
        label = labels[i]
        series.append(pd.DataFrame({"year": grid, "group": label, "new": raw, "smoothed": s}))
        if method == "peaks":
            found = _peaks_waves(raw, s, prominence=prominence, min_distance=min_distance,
                                 rel_height=rel_height)
        else:
            found, pens[label] = _pelt_waves(raw, s, penalty=penalty, min_segment=min_segment)
        k = 0
        for a, p, b in found:
            size = int(raw[a: b + 1].sum())
            if size < min_size:
                dropped += 1
                continue
            k += 1
            rows.append({"group": label, "wave": k, "start": lo + a, "peak": lo + p,
                         "end": lo + b, "size": size, "height": float(s[p]),
                         "censored": bool(a == 0 or b == n_years - 1),
                         "seed": is_seed(label)})
    cols = ["group", "wave", "start", "peak", "end", "size", "height", "censored", "seed"]
    table = pd.DataFrame(rows, columns=cols).astype(
        {"group": object, "wave": "int64", "start": "int64", "peak": "int64", "end": "int64",
         "size": "int64", "height": "float64", "censored": bool, "seed": bool})
    table = table.sort_values(["start", "group", "wave"], ignore_index=True, kind="stable")
    series_frame = (pd.concat(series, ignore_index=True) if series else
                    pd.DataFrame({"year": pd.Series(dtype="int64"),
                                  "group": pd.Series(dtype=object),
                                  "new": pd.Series(dtype="int64"),
                                  "smoothed": pd.Series(dtype="float64")}))
    params: dict[str, Any] = {"since": lo, "until": hi, "by": by, "method": method,
                              "min_size": min_size, "smooth": smooth}
    if method == "peaks":
        params.update(prominence=prominence, min_distance=min_distance, rel_height=rel_height)
    else:
        params.update(penalty=penalty, penalty_used=pens, min_segment=min_segment, cost="l2")
    counts = {"links": int(inwin.sum()), "undated": n_undated, "before_since": before,
              "after_until": after, "unknown_country": int(unknown.sum()),
              "groups": len(big), "groups_too_small": len(labels) - len(big),
              "waves_too_small": dropped}
    if n_undated or unknown.any():
        logger.info("waves: %d undated links and %d links with an end of unknown country "
                    "left out", n_undated, int(unknown.sum()))
    return WavesResult(table=table, series=series_frame, method=method, params=params,
                       seed_region=seed_label, seed_countries=tuple(sorted(seeds)),
                       dataset=G.graph.get("dataset"), counts=counts)


def peak_periods(
    G: nx.MultiDiGraph,
    *,
    by: Literal["partner_country", "partner_region"] = "partner_country",
    focal: str = "DE",
    period: int = 10,
    since: int | None = None,
    until: int | None = None,
    min_total: int = 20,
) -> pd.DataFrame:
    """The period (e.g. decade) in which the links of a focal country to each partner peak.

    A link counts for a partner when one end is in ``focal`` and the other in a different
    country (domestic links are not partnerships with another country; counted in
    ``attrs["domestic"]``). Period ``p`` covers ``p .. p + period - 1`` with
    ``p = (year // period) * period`` (decade 1990 = 1990-1999). Two peaks are given: the
    period with the most links to the partner (``peak``), and the period in which the partner
    takes its largest share of the focal country's links (``share_peak``; only periods in
    which the focal country formed at least ``min_total`` links with known partners count,
    so that a lone early link does not make a 100 % peak). The share peak separates a
    partner's own wave from the general growth of twinning. Ties: the earliest period.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    by : {"partner_country", "partner_region"}, default "partner_country"
        Partner country code, or its :data:`paradiplo_net.geo.REGIONS` name.
    focal : str, default "DE"
        ISO2 code of the focal country.
    period : int, default 10
        Length of a period in years.
    since, until : int, optional
        Inclusive range of link years counted.
    min_total : int, default 20
        Minimum links of the focal country in a period for it to be a ``share_peak``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``partner``, sorted by ``links`` (descending) then partner: ``peak``
        (first year of the period with most links), ``peak_links``, ``share_peak`` (first
        year of the period with the largest share), ``share`` (the partner's share of the
        focal country's links in that period), ``links`` (dated links counted), ``undated``
        (links without year, not placed in time), ``first_year``, ``median_year``. ``attrs``:
        ``counts`` (dict partner -> {period: links}), ``totals`` (dict period -> the focal
        country's links with known partners), ``focal``, ``period``, ``min_total``,
        ``domestic``, ``unknown_partner``, ``undated``, ``dataset``.

    Raises
    ------
    ValueError
        Unknown option, bad ``focal`` or ``period``, ``since`` after ``until``.

    References
    ----------
    Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
    perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> p = peak_periods(G, focal="JP", min_total=1)
    >>> p[["peak", "peak_links", "share_peak", "share", "links", "undated"]]
             peak  peak_links  share_peak  share  links  undated
    partner
    ID       2010           1        2010    1.0      1        0
    US       1950           1        1950    1.0      1        0
    IT       <NA>           0        <NA>    NaN      0        1
    """
    check_graph(G)
    check_option("by", by, ("partner_country", "partner_region"))
    if not (isinstance(focal, str) and len(focal) == 2 and focal.isalpha()):
        raise ValueError(f"focal must be an ISO 3166-1 alpha-2 code like 'DE', got {focal!r}")
    focal = focal.upper()
    period = _check_positive_int("period", period)
    min_total = _check_positive_int("min_total", min_total)
    lo = check_year("since", since, optional=True)
    hi = check_year("until", until, optional=True)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"since={lo} is after until={hi}; give since <= until (both inclusive)")
    arr = _arrays(G)
    cu, cv = arr.country[arr.u], arr.country[arr.v]
    domestic = unknown = 0
    recs: list[tuple[str, float]] = []
    for a, b, y in zip(cu, cv, arr.year, strict=True):
        if a != focal and b != focal:
            continue
        if a == b:
            domestic += 1
            continue
        other = b if a == focal else a
        if other is None:
            unknown += 1
            continue
        key = other if by == "partner_country" else (geo.region_of(other) or _UNKNOWN)
        if not math.isnan(y) and ((lo is not None and y < lo) or (hi is not None and y > hi)):
            continue
        recs.append((key, y))
    frame = pd.DataFrame(recs, columns=["partner", "year"]).astype({"partner": object,
                                                                    "year": "float64"})
    dated = frame.dropna(subset=["year"]).copy()
    dated["period"] = (dated["year"] // period * period).astype("int64")
    counts = (dated.groupby(["partner", "period"]).size().rename("links").reset_index()
              if len(dated) else pd.DataFrame({"partner": pd.Series(dtype=object),
                                               "period": pd.Series(dtype="int64"),
                                               "links": pd.Series(dtype="int64")}))
    partners = sorted(set(frame["partner"]))
    out = pd.DataFrame(index=pd.Index(partners, name="partner", dtype=object))
    if len(counts):
        best = counts.sort_values(["partner", "links", "period"], ascending=[True, False, True])
        best = best.groupby("partner").head(1).set_index("partner")
    else:
        best = pd.DataFrame({"period": pd.Series(dtype="int64"), "links": pd.Series(dtype="int64")})
    out["peak"] = pd.array(best["period"].reindex(out.index).tolist(), dtype="Int64")
    out["peak_links"] = best["links"].reindex(out.index).fillna(0).astype("int64")
    totals = counts.groupby("period")["links"].sum() if len(counts) else pd.Series(dtype="int64")
    if len(counts):
        counts["share"] = counts["links"] / counts["period"].map(totals)
        eligible = counts[counts["period"].map(totals) >= min_total]
        sbest = eligible.sort_values(["partner", "share", "period"], ascending=[True, False, True])
        sbest = sbest.groupby("partner").head(1).set_index("partner")
    else:
        counts["share"] = pd.Series(dtype="float64")
        sbest = pd.DataFrame({"period": pd.Series(dtype="int64"),
                              "share": pd.Series(dtype="float64")})
    out["share_peak"] = pd.array(sbest["period"].reindex(out.index).tolist(), dtype="Int64")
    out["share"] = sbest["share"].reindex(out.index).astype("float64")
    n_dated = dated.groupby("partner").size()
    out["links"] = n_dated.reindex(out.index).fillna(0).astype("int64")
    und = frame[frame["year"].isna()].groupby("partner").size()
    out["undated"] = und.reindex(out.index).fillna(0).astype("int64")
    g = dated.groupby("partner")["year"]
    out["first_year"] = pd.array(g.min().reindex(out.index).tolist(), dtype="Int64")
    out["median_year"] = g.median().reindex(out.index).astype("float64")
    out = out.assign(_neg=-out["links"], _p=out.index.astype(str))
    out = out.sort_values(["_neg", "_p"]).drop(columns=["_neg", "_p"])
    nested: dict[str, dict[int, int]] = {}
    for partner, per, k in counts[["partner", "period", "links"]].itertuples(index=False):
        nested.setdefault(partner, {})[int(per)] = int(k)
    out.attrs.update(counts=nested, totals={int(k): int(v) for k, v in totals.items()},
                     focal=focal, by=by, period=period,
                     min_total=min_total, since=lo, until=hi,
                     domestic=domestic, unknown_partner=unknown,
                     undated=int(out["undated"].sum()), dataset=G.graph.get("dataset"))
    if unknown or out["undated"].sum():
        logger.info("peak_periods(%s): %d links with undated year, %d with unknown partner "
                    "country not placed", focal, int(out["undated"].sum()), unknown)
    return out


# ---------------------------------------------------------------------------------------
# spread in space


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


def spread(
    G: nx.MultiDiGraph,
    *,
    seed_region: str | Iterable[str] = "western-europe",
    since: int = 1945,
    until: int = 1960,
    level: Literal["city", "country"] = "city",
) -> SpreadResult:
    """Distance from the seed region against adoption year: the velocity of the spread.

    Seed cities are the cities of the seed countries that adopted in ``since..until``
    (inclusive). Adopters are all other cities with an adoption year ``>= since`` (seed-region
    cities adopting later included). For each adopter: ``distance_km``, the great-circle
    distance to the nearest seed city (nearest neighbour on the unit sphere by a KD-tree on
    3-D coordinates, converted with :math:`d = 2R \\arcsin(c/2)`, :math:`R` =
    :data:`paradiplo_net.geo.EARTH_RADIUS_KM`), and ``hops``, the shortest-path length from
    the nearest seed city on the undirected collapse of ``G`` (every link, dated or not).

    At ``level="country"`` the units are countries: a country adopts in its cities' earliest
    year; seed countries are those with a seed city; a country's distance (hops) is the
    smallest over its cities that adopted in the country's adoption year.

    The diffusion velocity is the OLS slope of distance on adoption year
    (:func:`scipy.stats.linregress`): km per year, with its standard error and a 95 %
    confidence interval :math:`b \\pm t_{0.975, n-2}\\,SE(b)`; the same for hops (hops per
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
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    check_graph(G)
    check_option("level", level, ("city", "country"))
    lo, hi = _check_range(since, until, until_optional=False)
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
    n = len(arr.nodes)
    hops = np.full(n, np.inf)
    if seed.any() and len(arr.u):
        A = coo_matrix((np.ones(len(arr.u)), (arr.u, arr.v)), shape=(n, n)).tocsr()
        hops = dijkstra(A, directed=False, indices=np.flatnonzero(seed), unweighted=True,
                        min_only=True)
    elif seed.any():
        hops[seed] = 0
    if level == "city":
        first, is_seed, d, h = first_city, seed, dist, hops
        ids = list(arr.nodes)
        missing = _missing_counts(np.append(first_city, np.inf), np.append(links_city[:-1], 0),
                                  city_units, "spread")
    else:
        first, is_seed, d = _country_spread(first_city, seed, dist, units)
        oc = units.of_city
        at_first = np.isfinite(first_city) & (first_city == first[oc])
        h = np.full(units.n + 1, np.inf)
        np.minimum.at(h, oc[at_first], hops[at_first])
        first, is_seed, d, h = first[:-1], is_seed[:-1], d[:-1], h[:-1]
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
    x = table["first_year"].to_numpy(dtype=float)
    dk = table["distance_km"].to_numpy(dtype=float)
    ok_d = ~np.isnan(dk)
    hv = np.array([np.nan if v is pd.NA else float(v) for v in table["hops"]], dtype=float)
    ok_h = ~np.isnan(hv)
    velocity = pd.DataFrame([_linfit(x[ok_d], dk[ok_d]), _linfit(x[ok_h], hv[ok_h])],
                            index=pd.Index(["distance_km", "hops"], name="measure"))
    velocity["n"] = velocity["n"].astype("int64")
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


# ---------------------------------------------------------------------------------------
# cascades


@dataclass
class CascadeResult:
    """Who brought twinning to whom: first links to earlier adopters.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per adopter (index ``city`` or ``country``), sorted by ``first_year`` then
        id: ``first_year``, ``through_earlier`` (its first link went to an earlier adopter),
        ``introducer`` (that adopter, or None), ``introducer_year`` (its adoption year),
        ``candidates`` (earlier adopters among the partners of its first-year links).
    tree : networkx.DiGraph
        Introduction tree (a forest): edge ``introducer -> adopter`` with ``year``.
    share : float
        Share of adopters whose first link went to an earlier adopter (NaN without adopters).
    chains : list of list
        The longest introduction chains, root to leaf (root first), longest first.
    level : str
    dataset : str or None
    counts : dict
        ``adopters``, ``through_earlier``, ``only_undated``, ``no_links``, ``unknown_country``
        (cities left out at country level).
    """

    table: pd.DataFrame
    tree: nx.DiGraph
    share: float
    chains: list[list[Any]]
    level: str
    dataset: str | None
    counts: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return _short_repr("CascadeResult", level=self.level, adopters=len(self.table),
                           share=round(self.share, 4) if not math.isnan(self.share) else None,
                           longest=len(self.chains[0]) if self.chains else 0,
                           dataset=self.dataset)


def _through(n: int, a: np.ndarray, b: np.ndarray, y: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """First years, and for each link the masks 'a adopted via earlier b' / 'b via earlier a'."""
    first = _first_years(n, a, b, y)
    fa, fb = first[a], first[b]
    via_a = (y == fa) & (fb < y)
    via_b = (y == fb) & (fa < y)
    return first, via_a, via_b, fa


def _cascade_share(n_valid: int, a: np.ndarray, b: np.ndarray, y: np.ndarray, n: int) -> float:
    first, via_a, via_b, _ = _through(n, a, b, y)
    through = np.zeros(n, dtype=bool)
    through[a[via_a]] = True
    through[b[via_b]] = True
    adopters = int(np.isfinite(first[:n_valid]).sum())
    return float(through[:n_valid].sum() / adopters) if adopters else math.nan


def cascades(
    G: nx.MultiDiGraph,
    *,
    level: Literal["city", "country"] = "city",
    top: int = 5,
) -> CascadeResult:
    """For every adopter, whether its first link went to an earlier adopter, and which one.

    A unit's *first links* are its links dated in its adoption year. It adopted *through an
    earlier adopter* when a partner of one of those links had adopted in a strictly earlier
    year. Ties (several such partners): the introducer is the one that adopted earliest;
    among those, the smallest id (string order). Units adopting together in one year through
    a link between them are not through an earlier adopter (they are roots). At
    ``level="country"`` partners are countries: a domestic first link never counts, links to
    cities of unknown country are partnerships with no country (counted).

    The introduction tree has an edge ``introducer -> adopter``; as the introducer adopted
    strictly earlier it is a forest. A chain is a path from a root to a leaf of the tree (a
    unit that introduced nobody); the ``top`` longest are returned (ties: in order of the
    path's ids).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    level : {"city", "country"}, default "city"
    top : int, default 5
        How many of the longest chains to return.

    Returns
    -------
    CascadeResult

    Raises
    ------
    ValueError
        Unknown option or ``top`` < 1.

    See Also
    --------
    null_model : is the share higher than if the years were random?

    References
    ----------
    Leskovec, J., Adamic, L. A., & Huberman, B. A. (2007). The dynamics of viral marketing.
    *ACM Transactions on the Web*, 1(1), 5 (cascades and their trees).

    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> c = cascades(G)  # C's first link (1959) is to A (1944); J's (1970) to G (1955)
    >>> c.table[c.table["through_earlier"]]
          first_year  through_earlier introducer  introducer_year  candidates
    city
    C           1959             True          A             1944           1
    J           1970             True          G             1955           1
    >>> c.share, sorted(c.tree.edges)
    (0.2, [('A', 'C'), ('G', 'J')])
    >>> k = cascades(G, level="country")  # DE (1959) through GB (1944)
    >>> round(k.share, 4), k.chains
    (0.1111, [['GB', 'DE']])
    """
    check_graph(G)
    check_option("level", level, ("city", "country"))
    top = _check_positive_int("top", top)
    arr = _arrays(G)
    units = _units(arr, level)
    n = units.n + 1
    a, b = units.of_city[arr.u], units.of_city[arr.v]
    dated = ~np.isnan(arr.year)
    a, b, y = a[dated], b[dated], arr.year[dated]
    first, via_a, via_b, _ = _through(n, a, b, y)
    _, links, _ = _unit_years(arr, units)
    missing = _missing_counts(first, links, units, "cascades")
    adopter_pos = a[via_a].tolist() + b[via_b].tolist()
    partner = b[via_a].tolist() + a[via_b].tolist()
    ids = units.ids
    best: dict[int, tuple[float, str, int]] = {}
    cand: dict[int, set[int]] = {}
    for i, p in zip(adopter_pos, partner, strict=True):
        if i >= units.n or p >= units.n:
            continue
        key = (first[p], str(ids[p]), p)
        if i not in best or key < best[i]:
            best[i] = key
        cand.setdefault(i, set()).add(p)
    adopted = np.flatnonzero(np.isfinite(first[: units.n]))
    order = sorted(adopted, key=lambda i: (first[i], str(ids[i])))
    table = pd.DataFrame(index=pd.Index([ids[i] for i in order], name=level, dtype=object))
    table["first_year"] = np.array([int(first[i]) for i in order], dtype="int64")
    table["through_earlier"] = np.array([i in best for i in order], dtype=bool)
    table["introducer"] = pd.Series([ids[best[i][2]] if i in best else None for i in order],
                                    index=table.index, dtype=object)
    table["introducer_year"] = pd.array([int(best[i][0]) if i in best else None for i in order],
                                        dtype="Int64")
    table["candidates"] = np.array([len(cand.get(i, ())) for i in order], dtype="int64")
    T = nx.DiGraph(level=level, dataset=G.graph.get("dataset"))
    T.add_nodes_from((ids[i], {"year": int(first[i])}) for i in order)
    T.add_edges_from((ids[best[i][2]], ids[i], {"year": int(first[i])}) for i in order if i in best)
    share = float(table["through_earlier"].mean()) if len(table) else math.nan
    depth: dict[Any, int] = {}
    parent: dict[Any, Any] = {}
    for node in nx.topological_sort(T):
        preds = list(T.predecessors(node))
        if preds:
            parent[node] = preds[0]
            depth[node] = depth[preds[0]] + 1
        else:
            depth[node] = 0
    ranked = [node for node in depth if depth[node] > 0 and T.out_degree(node) == 0]

    def path(node: Any) -> list[Any]:
        out = [node]
        while out[-1] in parent:
            out.append(parent[out[-1]])
        return out[::-1]

    paths = [path(node) for node in ranked]
    paths.sort(key=lambda p: (-len(p), [str(x) for x in p]))
    counts = {"adopters": len(table), "through_earlier": int(table["through_earlier"].sum()),
              "only_undated": missing["only_undated"], "no_links": missing["no_links"],
              "unknown_country": int((units.of_city == units.n).sum()) if level == "country" else 0}
    return CascadeResult(table=table, tree=T, share=share, chains=paths[:top], level=level,
                         dataset=G.graph.get("dataset"), counts=counts)


# ---------------------------------------------------------------------------------------
# null models


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


def _null_reps(stat: _Statistic, model: str, u: np.ndarray, v: np.ndarray, y: np.ndarray,
               seeds: list[np.random.SeedSequence], swaps_per_edge: float
               ) -> tuple[list[float], list[int]]:
    """Run the repetitions of one chunk; one generator per repetition (reproducible)."""
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
    from tqdm.auto import tqdm

    check_graph(G)
    check_option("statistic", statistic, ("cascade_share", "distance_trend"))
    check_option("model", model, ("shuffle_years", "rewire"))
    check_option("level", level, ("city", "country"))
    check_option("alternative", alternative, ("greater", "less"))
    n = _check_positive_int("n", n)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be an int, got {seed!r}")
    if isinstance(swaps_per_edge, bool) or not isinstance(swaps_per_edge, (int, float)) \
            or swaps_per_edge <= 0:
        raise ValueError(f"swaps_per_edge must be a positive number, got {swaps_per_edge!r}")
    if n_jobs is None or n_jobs == -1:
        import os

        n_jobs = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else (os.cpu_count() or 1))
    n_jobs = _check_positive_int("n_jobs", n_jobs)
    lo, hi = _check_range(since, until, until_optional=False)
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
    children = np.random.SeedSequence(int(seed)).spawn(n)
    size = max(1, min(25, math.ceil(n / (4 * n_jobs))))
    chunks = [children[i: i + size] for i in range(0, n, size)]
    bar = tqdm(total=n, desc=f"null model ({statistic}, {model})", unit="rep",
               disable=not progress)
    results: list[tuple[list[float], list[int]]] = []
    if n_jobs == 1:
        for chunk in chunks:
            results.append(_null_reps(stat, model, u, v, y, chunk, swaps_per_edge))
            bar.update(len(chunk))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=n_jobs) as pool:
            futures = [pool.submit(_null_reps, stat, model, u, v, y, chunk, swaps_per_edge)
                       for chunk in chunks]
            for fut, chunk in zip(futures, chunks, strict=True):
                results.append(fut.result())
                bar.update(len(chunk))
    bar.close()
    null = np.array([x for vals, _ in results for x in vals], dtype=float)
    done_swaps = [k for _, ks in results for k in ks]
    valid = ~np.isnan(null)
    if math.isnan(observed):
        p = math.nan
    else:
        k = int((null[valid] >= observed).sum() if alternative == "greater"
                else (null[valid] <= observed).sum())
        p = (k + 1) / (n + 1)
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
