"""Adoption: seed regions, per-unit adoption years, adoption curves and logistic fits (private)."""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .. import geo
from .._checks import check_graph, check_int, check_option, check_range
from ..errors import format_problems

logger = logging.getLogger(__name__)



_UNKNOWN = "??"


_SEED_LABEL = "seed"


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
    ids = [units.ids[i] for i in only_undated[:20]]
    out: dict[str, Any] = {"only_undated": len(only_undated), "only_undated_ids": ids,
                           "no_links": no_links}
    if len(only_undated):
        logger.info("%s: %d %s(s) have only undated links and are not placed in time "
                    "(first: %s)", label, len(only_undated), units.level, ids[:5])
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
    lo, hi = check_range(since, until)
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
    r"""Fit a logistic (S-curve) to each group's cumulative adoption; order the waves.

    Parametrisation: :math:`C(t) = K / (1 + e^{-r (t - t_0)})`, fitted to ``cumulative`` by
    least squares (:func:`scipy.optimize.curve_fit`, trust-region reflective with bounds).
    ``midpoint`` :math:`t_0` is the year when half the saturation level is reached, ``rate``
    :math:`r` the growth rate per year (10 % to 90 % of ``K`` takes :math:`\ln 81 / r
    \approx 4.39 / r` years), ``K`` the saturation level in units (cities or countries).
    Bounds: :math:`t_0` within 50 years of the table's years, :math:`0.01 \le r \le 5`,
    :math:`C_{last} \le K \le` ``k_max`` :math:`\cdot C_{last}` (the saturation is at least
    the adopters already counted). Start values: :math:`t_0` = first year with
    :math:`C \ge C_{last}/2`, :math:`r = 0.2`, :math:`K = 1.1\,C_{last}`.

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

    from ..errors import SchemaError

    need = ("year", "group", "new", "cumulative")
    missing = [c for c in need if c not in curves.columns]
    if missing:
        raise SchemaError(format_problems(
            "fit_logistic", [f"missing column {c!r}" for c in missing],
            fix="pass the DataFrame returned by paradiplo_net.diffusion.adoption_curves"))
    min_points = check_int("min_points", min_points, minimum=3)  # three parameters
    if not isinstance(k_max, (int, float)) or k_max < 1:
        raise ValueError(f"k_max must be a number >= 1, got {k_max!r}")
    rows = []
    for g, unsorted in curves.groupby("group", sort=True):
        sub = unsorted.sort_values("year")
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
