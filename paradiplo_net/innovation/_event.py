"""Discrete-time event-history model of adoption, and its contagion test (private)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._checks import check_int, check_option
from ._measures import exposure_matrix
from ._panel import DiffusionPanel, as_panel, node_mask

__all__ = ["ContagionResult", "EventHistoryResult", "contagion_test", "event_history",
           "person_period"]

_TIMES = ("dummies", "linear", "cubic", "none")


def _exposures(exposures: Mapping[str, Any] | None) -> dict[str, Any]:
    if exposures is None:
        return {"network": None}
    if not isinstance(exposures, Mapping) or not exposures:
        raise ValueError("exposures must be a non-empty mapping name -> weights "
                         "(None = the panel's network, or an n x n matrix)")
    return dict(exposures)


def _risk_set(panel: DiffusionPanel, lags: int, population: Any, start: int | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Rows (node index, period index) at risk, the event flag, and left-censored count."""
    pop = node_mask(panel, population)
    first = lags
    if start is not None:
        first = max(first, int(start) - int(panel.periods[0]))
    col = panel.toa - panel.periods[0]
    last = np.where(np.isfinite(col) & (col < panel.T), col, panel.T - 1)
    left = pop & np.isfinite(col) & (col < first)
    ok = pop & ~left
    t = np.arange(panel.T)
    R = ok[:, None] & (t[None, :] >= first) & (t[None, :] <= last[:, None])
    i, j = np.nonzero(R)
    return i, j, (col[i] == j).astype(float), int(left.sum())


def person_period(
    data: Any,
    toa: Any = None,
    *,
    exposures: Mapping[str, Any] | None = None,
    covariates: pd.DataFrame | None = None,
    lags: int = 1,
    population: Any = None,
    start: int | None = None,
    normalized: bool = True,
    valued: bool = False,
) -> pd.DataFrame:
    """The person-period table of a discrete-time event-history model of adoption.

    One row per node and period in which it is *at risk*: from the first period with a
    lagged exposure (``t0 + lags``, or ``start`` if later) until it adopts (that row has
    ``adopted = 1``) or the data end. Nodes that adopted before the first risk period are
    left-censored and left out (counted in ``attrs["left_censored"]``); nodes outside
    ``population`` are never at risk but still count in everybody's exposure. This is
    netdiffuseR's ``diffreg`` data (``subset = toa >= per``, exposure with ``lags = 1``).

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.
    exposures : mapping name -> weights, optional
        Each becomes a column of :func:`exposure` with those weights (None = the panel's
        network). Default ``{"network": None}``.
    covariates : pandas.DataFrame, optional
        Static node covariates, indexed by node, joined to every row.
    lags : int, default 1
        Lag of the exposures (>= 1 keeps them prior to the adoption they explain).
    population : iterable of node ids, optional
        The nodes at risk (default all).
    start : int, optional
        First period at risk.
    normalized, valued : bool
        As in :func:`exposure`.

    Returns
    -------
    pandas.DataFrame
        ``node``, ``period``, ``adopted``, one column per exposure, then the covariates.

    References
    ----------
    Allison, P. D. (1982). Discrete-time methods for the analysis of event histories.
    *Sociological Methodology*, 13, 61-98.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> A = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    >>> pp = person_period(A, pd.Series([1, 2, np.nan]))
    >>> pp[["node", "period", "adopted", "network"]].values.tolist()
    [[1, 2, 1.0, 0.5], [2, 2, 0.0, 0.0]]
    """
    panel = as_panel(data, toa)
    lags = check_int("lags", lags, minimum=0)
    exps = _exposures(exposures)
    i, j, y, left = _risk_set(panel, lags, population, start)
    frame = pd.DataFrame({"node": panel.nodes.to_numpy(dtype=object)[i],
                          "period": panel.periods[j], "adopted": y})
    for name, w in exps.items():
        E = exposure_matrix(panel, weights=w, lags=lags, normalized=normalized, valued=valued)
        frame[name] = E[i, j]
    if covariates is not None:
        cov = covariates.reindex(panel.nodes)
        frame = pd.concat([frame, cov.iloc[i].reset_index(drop=True)], axis=1)
    frame.attrs.update(left_censored=left, lags=lags, exposures=list(exps))
    return frame


def _design(pp: pd.DataFrame, names: list[str], covs: list[str], time: str
            ) -> tuple[pd.DataFrame, list[Any]]:
    """Design matrix; with period dummies, periods without variation in the outcome are dropped."""
    dropped: list[Any] = []
    if time == "dummies":
        rate = pp.groupby("period")["adopted"].mean()
        dropped = [int(p) for p in rate.index[(rate == 0) | (rate == 1)]]
        pp = pp[~pp["period"].isin(dropped)]
    X = pd.DataFrame({"const": np.ones(len(pp))}, index=pp.index)
    for name in names:
        X[name] = pp[name].to_numpy(dtype=float)
    if time == "dummies":
        d = pd.get_dummies(pp["period"], prefix="period", drop_first=True, dtype=float)
        X = pd.concat([X, d], axis=1)
    elif time in ("linear", "cubic"):
        s = (pp["period"] - pp["period"].mean()) / (pp["period"].std(ddof=0) or 1.0)
        X["time"] = s
        if time == "cubic":
            X["time2"], X["time3"] = s**2, s**3
    if covs:
        c = pd.get_dummies(pp[covs], drop_first=True, dtype=float)
        X = pd.concat([X, c.astype(float)], axis=1)
    return X, dropped


def _logit(X: np.ndarray, y: np.ndarray, maxiter: int = 100, tol: float = 1e-10,
           start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, float]:
    """Newton-Raphson logit (coef, covariance, log-likelihood); the fast path of the nulls."""
    from scipy.special import expit

    ok = start is not None and len(start) == X.shape[1] and bool(np.isfinite(start).all())
    b = np.array(start, dtype=float) if ok else np.zeros(X.shape[1])
    H = np.eye(X.shape[1])
    for _ in range(maxiter):
        p = expit(X @ b)
        H = X.T @ (X * (p * (1 - p))[:, None])
        step = np.linalg.lstsq(H, X.T @ (y - p), rcond=None)[0]
        b = b + step
        if np.max(np.abs(step)) < tol:
            break
    p = np.clip(expit(X @ b), 1e-300, 1 - 1e-16)
    llf = float(np.sum(y * np.log(p) + (1 - y) * np.log1p(-p)))
    return b, np.linalg.pinv(H), llf


@dataclass(frozen=True, eq=False)
class EventHistoryResult:
    """A fitted discrete-time logit of adoption and how it was specified.

    Attributes
    ----------
    table : pandas.DataFrame
        Per term: ``coef``, ``se``, ``z``, ``p_value``, ``ci_low``, ``ci_high``,
        ``odds_ratio``.
    n_obs, n_events, n_nodes : int
        Person-periods, adoptions and nodes in the estimation.
    llf, llnull, aic, pseudo_r2 : float
        Log-likelihood, of the intercept-only model, AIC and McFadden's pseudo R².
    params : dict
        ``exposures``, ``covariates``, ``lags``, ``time``, ``start``, ``population``,
        ``left_censored``, ``dropped_periods``, ``normalized``, ``valued``, ``dataset``.
    """

    table: pd.DataFrame
    n_obs: int
    n_events: int
    n_nodes: int
    llf: float
    llnull: float
    aic: float
    pseudo_r2: float
    params: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        ex = ", ".join(f"{n}={self.table.loc[n, 'coef']:.3f}" for n in self.params["exposures"])
        return (f"EventHistoryResult({ex}, n_obs={self.n_obs}, n_events={self.n_events}, "
                f"time={self.params['time']!r})")


def _check_spec(time: str, lags: int, level: float) -> int:
    check_option("time", time, _TIMES)
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    return int(check_int("lags", lags, minimum=0))


def event_history(
    data: Any,
    toa: Any = None,
    *,
    exposures: Mapping[str, Any] | None = None,
    covariates: pd.DataFrame | None = None,
    time: Literal["dummies", "linear", "cubic", "none"] = "dummies",
    lags: int = 1,
    population: Any = None,
    start: int | None = None,
    normalized: bool = True,
    valued: bool = False,
    level: float = 0.95,
) -> EventHistoryResult:
    r"""Discrete-time logit of adoption on network exposure, geographic exposure and covariates.

    .. math:: \operatorname{logit} P(y_{it} = 1 \mid y_{i,t-1} = 0) =
              \alpha_t + \sum_k \beta_k E^{(k)}_{i,t-\ell} + \gamma^\top x_i

    fitted by maximum likelihood (:class:`statsmodels.discrete.discrete_model.Logit`) on
    the person-period table of :func:`person_period` (Allison 1982): every node at risk in
    every period until it adopts. :math:`E^{(k)}` are the lagged exposures (``exposures``:
    e.g. ``{"network": None, "geography": geo_weights(P, k=10)}``), :math:`\alpha_t` the
    baseline hazard: one dummy per period (``"dummies"``; periods in which nobody or
    everybody at risk adopts carry no information and are dropped, listed in
    ``params["dropped_periods"]``), a ``"linear"`` or ``"cubic"`` polynomial of the
    standardised period, or a constant (``"none"``). Categorical covariates become dummies.
    Which exposure predicts adoption, with the baseline hazard and covariates held fixed,
    is read from the :math:`\beta_k`. The model assumes the network exogenous to adoption
    (for twinning it is not: see :func:`contagion_test` and the module notes).

    This is netdiffuseR's ``diffreg`` (R/formula.r) with several exposures side by side.

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.
    exposures, covariates, lags, population, start, normalized, valued
        As in :func:`person_period`.
    time : {"dummies", "linear", "cubic", "none"}, default "dummies"
    level : float, default 0.95
        Of the Wald intervals.

    Returns
    -------
    EventHistoryResult

    Raises
    ------
    ValueError
        Unknown ``time``; bad ``lags`` or ``level``; no event or no row at risk.

    References
    ----------
    Allison, P. D. (1982). Discrete-time methods for the analysis of event histories.
    *Sociological Methodology*, 13, 61-98.

    Valente, T. W. (2005). Network models and methods for studying the diffusion of
    innovations. In Carrington, Scott & Wasserman (Eds.), *Models and Methods in Social
    Network Analysis*. Cambridge University Press.

    Vega Yon, G. G., & Valente, T. W. netdiffuseR (R package), ``diffreg``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> A = (rng.random((40, 40)) < 0.1).astype(float)
    >>> toa = pd.Series(rng.integers(1, 8, 40))
    >>> r = event_history(A, toa, time="linear")
    >>> list(r.table.index), r.n_events == int((toa > 1).sum())
    (['const', 'network', 'time'], True)
    """
    from statsmodels.discrete.discrete_model import Logit

    panel = as_panel(data, toa)
    lags = _check_spec(time, lags, level)
    exps = _exposures(exposures)
    covs = [] if covariates is None else list(covariates.columns)
    pp = person_period(panel, exposures=exps, covariates=covariates, lags=lags,
                       population=population, start=start, normalized=normalized, valued=valued)
    X, dropped = _design(pp, list(exps), covs, time)
    y = pp.loc[X.index, "adopted"].to_numpy(dtype=float)
    if not len(y) or y.sum() == 0:
        raise ValueError("no adoption among the rows at risk: nothing to model")
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        b0, _, _ = _logit(X.to_numpy(dtype=float), y)  # warm start: statsmodels polishes it
    fit = Logit(y, X).fit(start_params=b0 if np.isfinite(b0).all() else None, method="newton",
                          disp=0, maxiter=100, warn_convergence=False)
    ci = fit.conf_int(alpha=1 - level)
    table = pd.DataFrame({"coef": fit.params, "se": fit.bse, "z": fit.tvalues,
                          "p_value": fit.pvalues, "ci_low": ci[0], "ci_high": ci[1],
                          "odds_ratio": np.exp(fit.params)})
    params = {"exposures": list(exps), "covariates": covs, "lags": lags, "time": time,
              "start": start, "population": int(node_mask(panel, population).sum()),
              "left_censored": pp.attrs["left_censored"], "dropped_periods": dropped,
              "normalized": normalized, "valued": valued, "level": level,
              "dataset": panel.params.get("dataset")}
    return EventHistoryResult(table, len(y), int(y.sum()),
                              int(pp.loc[X.index, "node"].nunique()), float(fit.llf),
                              float(fit.llnull), float(fit.aic), float(fit.prsquared), params)


@dataclass(frozen=True, eq=False)
class ContagionResult:
    """Exposure coefficients against their distribution under shuffled adoption times.

    Attributes
    ----------
    observed : pandas.Series
        The coefficient of each exposure in the observed data.
    null : pandas.DataFrame
        One row per repetition, one column per exposure.
    p_value : pandas.Series
        One-sided (``greater``): :math:`(k + 1)/(n + 1)`, :math:`k` the repetitions with a
        coefficient at least as large, to 1e-8 (NaN repetitions count as not extreme).
    n, seed : int
    model : str
        ``"shuffle_toa"``.
    params : dict
        The model specification (as :class:`EventHistoryResult`).
    """

    observed: pd.Series
    null: pd.DataFrame
    p_value: pd.Series
    n: int
    seed: int
    model: str
    params: dict[str, Any] = field(default_factory=dict)

    def z(self) -> pd.Series:
        """Standardised effect ``(observed - mean(null)) / std(null)`` per exposure."""
        sd = self.null.std(ddof=1)
        return (self.observed - self.null.mean()) / sd.where(sd > 0)

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}: {self.observed[k]:.3f} (p={self.p_value[k]:.3f})"
                          for k in self.observed.index)
        return f"ContagionResult({parts}, n={self.n}, seed={self.seed})"


def _node_covariates(panel: DiffusionPanel, covariates: pd.DataFrame | None,
                     pop: np.ndarray) -> np.ndarray | None:
    """Covariate columns per node (dummies as in :func:`_design`, from the population)."""
    if covariates is None or not len(covariates.columns):
        return None
    sub = covariates.reindex(panel.nodes[pop])
    c = pd.get_dummies(sub, drop_first=True, dtype=float).to_numpy(dtype=float)
    out = np.zeros((panel.n, c.shape[1]))
    out[pop] = c
    return out


def _time_columns(panel: DiffusionPanel, j: np.ndarray, y: np.ndarray, time: str
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Baseline-hazard columns and the rows kept (same rules as :func:`_design`)."""
    keep = np.ones(len(j), dtype=bool)
    if time == "dummies":
        count = np.bincount(j, minlength=panel.T)
        events = np.bincount(j, weights=y, minlength=panel.T)
        informative = (count > 0) & (events > 0) & (events < count)
        keep = informative[j]
        levels = np.flatnonzero(informative)[1:]
        return (j[:, None] == levels[None, :]).astype(float), keep
    if time in ("linear", "cubic"):
        per = panel.periods[j].astype(float)
        sd = per.std()
        z = (per - per.mean()) / (sd if sd > 0 else 1.0)
        cols = [z] if time == "linear" else [z, z**2, z**3]
        return np.column_stack(cols), keep
    return np.empty((len(j), 0)), keep


def _coefs(panel: DiffusionPanel, exps: dict[str, Any], spec: dict[str, Any],
           cov: np.ndarray | None, start: np.ndarray | None = None) -> np.ndarray:
    """Coefficients of the event-history logit on numpy arrays (the fast path).

    ``start`` warm-starts Newton-Raphson (the observed fit's coefficients), so the
    repetitions converge in a few steps.
    """
    i, j, y, _ = _risk_set(panel, spec["lags"], spec["population_ids"], spec["start"])
    cols = [np.ones(len(i))]
    for w in exps.values():
        E = exposure_matrix(panel, weights=w, lags=spec["lags"], normalized=spec["normalized"],
                            valued=spec["valued"])
        cols.append(E[i, j])
    tcols, keep = _time_columns(panel, j, y, spec["time"])
    X = np.column_stack([*cols, tcols] + ([cov[i]] if cov is not None else []))[keep]
    y = y[keep]
    if not len(y) or y.sum() == 0 or y.sum() == len(y):
        return np.full(X.shape[1], math.nan)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        b, _, _ = _logit(X, y, start=start, tol=1e-8)
    return b


def _shuffle(toa: np.ndarray, groups: list[np.ndarray], rng: np.random.Generator
             ) -> np.ndarray:
    t = toa.copy()
    for g in groups:
        t[g] = toa[g][rng.permutation(len(g))]
    return t


def contagion_test(
    data: Any,
    toa: Any = None,
    *,
    exposures: Mapping[str, Any] | None = None,
    covariates: pd.DataFrame | None = None,
    time: Literal["dummies", "linear", "cubic", "none"] = "dummies",
    lags: int = 1,
    population: Any = None,
    start: int | None = None,
    normalized: bool = True,
    valued: bool = False,
    n: int = 99,
    seed: int = 0,
    strata: pd.Series | None = None,
    progress: bool = False,
) -> ContagionResult:
    """Contagion test: exposure effects against those under shuffled adoption times.

    The model of :func:`event_history` is refitted ``n`` times after randomly permuting the
    times of adoption among the ``population`` (non-adopters included, so the number of
    adopters and the adoption curve are kept; nodes outside the population keep theirs),
    exposures recomputed each time. Shuffling keeps the network, the covariates and the
    timing of adoption as a whole, and destroys any relation between *who* adopts *when*
    and *whom they are exposed to*: a contagion effect should exceed it. With ``strata``
    (a label per node, e.g. its region) times are permuted only within each stratum, which
    keeps regional differences in timing in the null (a stricter test when the model has
    regional fixed effects). Coefficients are
    estimated by Newton-Raphson (the same maximum-likelihood estimate as statsmodels, without
    its per-fit overhead). Each repetition uses ``numpy.random.default_rng(seed)`` spawned
    generators (``SeedSequence``), so results are reproducible.

    Parameters
    ----------
    data, toa, exposures, covariates, time, lags, population, start, normalized, valued
        As in :func:`event_history`.
    n : int, default 99
        Repetitions.
    seed : int, default 0
    strata : pandas.Series, optional
        Stratum of each population node (indexed by node); missing labels form one stratum.
    progress : bool, default False
        Show a tqdm progress bar.

    Returns
    -------
    ContagionResult

    Raises
    ------
    ValueError
        ``n`` < 1, non-int ``seed``, or as :func:`event_history`.

    References
    ----------
    Allison (1982): see :func:`event_history`.

    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology*, 9(1), 39.

    Valente, T. W., & Vega Yon, G. G. (2020). Diffusion/contagion processes on social
    networks. *Health Education & Behavior*, 47(2), 235-248 (structural-dependence tests
    against permuted networks and times, netdiffuseR's ``struct_test``).

    Examples
    --------
    Five cliques of four; in each, one member adopts and the other three follow a period
    later (clique ``c`` at periods ``2c + 1`` and ``2c + 2``): contagion within cliques.

    >>> import numpy as np, pandas as pd
    >>> A = np.kron(np.eye(5), np.ones((4, 4)))
    >>> toa = pd.Series([2 * c + 1 + (m > 0) for c in range(5) for m in range(4)])
    >>> r = contagion_test(A, toa, time="linear", n=19, seed=1)
    >>> r.n, r.seed, r.model, bool(r.p_value["network"] <= 0.05)
    (19, 1, 'shuffle_toa', True)
    """
    from tqdm.auto import tqdm

    panel = as_panel(data, toa)
    lags = _check_spec(time, lags, 0.95)
    n = check_int("n", n)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be an int, got {seed!r}")
    exps = _exposures(exposures)
    pop = node_mask(panel, population)
    spec = {"lags": lags, "time": time, "start": start, "normalized": normalized,
            "valued": valued, "covariates": [] if covariates is None else list(covariates.columns),
            "population_ids": list(panel.nodes[pop])}
    cov = _node_covariates(panel, covariates, pop)
    full = _coefs(panel, exps, spec, cov)
    observed = full[1: 1 + len(exps)]
    idx = np.flatnonzero(pop)
    groups = [idx]
    if strata is not None:
        lab = strata.reindex(panel.nodes[idx]).astype(object)
        labels = lab.where(lab.notna(), "<missing>")
        groups = [idx[m] for m in labels.groupby(labels.to_numpy()).indices.values()]
    null = np.empty((n, len(exps)))
    children = np.random.SeedSequence(int(seed)).spawn(n)
    for r, ss in enumerate(tqdm(children, disable=not progress, desc="contagion_test")):
        t = _shuffle(panel.toa, groups, np.random.default_rng(ss))
        null[r] = _coefs(dataclasses.replace(panel, toa=t), exps, spec, cov,
                         start=full)[1: 1 + len(exps)]
    names = list(exps)
    tie = 1e-8 * (1 + np.abs(observed))  # numerical ties count as at least as extreme
    k = np.sum(np.nan_to_num(null, nan=-np.inf) >= (observed - tie)[None, :], axis=0)
    params: dict[str, Any] = {key: v for key, v in spec.items() if key != "population_ids"}
    params.update(exposures=names, population=int(pop.sum()), strata=len(groups),
                  dataset=panel.params.get("dataset"), alternative="greater")
    return ContagionResult(pd.Series(observed, index=names), pd.DataFrame(null, columns=names),
                           pd.Series((k + 1) / (n + 1), index=names), n, int(seed),
                           "shuffle_toa", params)
