"""Bass (1969) model of innovation and imitation, fitted to observed adoptions (private)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._checks import check_option
from ._panel import as_panel

__all__ = ["BassResult", "bass_F", "bass_by_group", "fit_bass"]

_METHODS = ("nls", "ols", "netdiffuser")


def bass_F(t: Any, p: float, q: float) -> Any:  # noqa: N802 (Bass's notation)
    r"""Bass cumulative adoption share :math:`F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})`.

    Examples
    --------
    >>> round(float(bass_F(1, 0.03, 0.38)), 6)
    0.035758
    """
    e = np.exp(-(p + q) * np.asarray(t, dtype=float))
    return (1 - e) / (1 + (q / p) * e)


@dataclass(frozen=True, eq=False)
class BassResult:
    """A fitted Bass model and how it was fitted.

    Attributes
    ----------
    p, q, m : float
        Coefficient of innovation, of imitation, and market potential (number of eventual
        adopters; fixed to ``n`` by ``method="netdiffuser"``).
    table : pandas.DataFrame
        ``estimate``, ``se``, ``ci_low``, ``ci_high`` for ``p``, ``q`` (and ``m`` when fitted).
    fitted : pandas.DataFrame
        Per period: ``observed`` and ``fitted`` (cumulative share for ``"netdiffuser"``,
        new adopters for ``"nls"``).
    rss : float
    n_periods : int
    method : str
    params : dict
        ``n`` (nodes), ``t0`` (period of t = 1), ``level`` (confidence level), ``start``.
    """

    p: float
    q: float
    m: float
    table: pd.DataFrame
    fitted: pd.DataFrame
    rss: float
    n_periods: int
    method: str
    params: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"BassResult(method={self.method!r}, p={self.p:.4g}, q={self.q:.4g}, "
                f"m={self.m:.4g}, n_periods={self.n_periods})")


def _gauss_newton(fun: Any, x0: np.ndarray, bounds: tuple[Any, Any]) -> Any:
    from scipy.optimize import least_squares

    return least_squares(fun, x0, bounds=bounds, method="trf", x_scale="jac",
                         xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)


def _cov_nls(J: np.ndarray, rss: float, df: int) -> np.ndarray:
    """Gauss-Newton covariance sigma^2 (J^T J)^-1, sigma^2 = RSS / df (NaN if singular)."""
    s2 = rss / df if df > 0 else math.nan
    try:
        return np.linalg.inv(J.T @ J) * s2
    except np.linalg.LinAlgError:
        return np.full((J.shape[1], J.shape[1]), math.nan)


def _fit_netdiffuser(t: np.ndarray, q_cum: np.ndarray, n: int) -> dict[str, Any]:
    y = q_cum / n
    x0 = np.array([max(y[0], 1e-6), 0.5])
    res = _gauss_newton(lambda b: bass_F(t, b[0], b[1]) - y, x0,
                        (np.array([1e-12, -np.inf]), np.array([np.inf, np.inf])))
    fitted = bass_F(t, *res.x)
    rss = float(np.sum((fitted - y) ** 2))
    return {"names": ["p", "q"], "est": res.x, "m": float(n), "y": y, "fitted": fitted,
            "cov": _cov_nls(res.jac, rss, len(t) - 2), "x0": x0, "ok": bool(res.success)}


def _fit_nls(t: np.ndarray, q_cum: np.ndarray, new: np.ndarray) -> dict[str, Any]:
    total = q_cum[-1]
    x0 = np.array([0.01, 0.3, max(total * 1.1, 1.0)])

    def resid(b: np.ndarray) -> np.ndarray:
        F = bass_F(np.concatenate([[0.0], t]), b[0], b[1])
        return b[2] * np.diff(F) - new

    res = _gauss_newton(resid, x0, (np.array([1e-9, 0.0, max(total, 1e-9)]),
                                    np.array([np.inf, np.inf, np.inf])))
    fitted = resid(res.x) + new
    rss = float(np.sum((fitted - new) ** 2))
    return {"names": ["p", "q", "m"], "est": res.x, "m": float(res.x[2]), "y": new,
            "fitted": fitted, "cov": _cov_nls(res.jac, rss, len(t) - 3), "x0": x0,
            "ok": bool(res.success)}


def _pqm(theta: np.ndarray) -> np.ndarray:
    """Bass (1969): (a, b, c) of n_t = a + b N + c N^2 -> (p, q, m)."""
    a, b, c = theta
    disc = b * b - 4 * a * c
    if c >= 0 or disc < 0:
        return np.full(3, math.nan)
    m = (-b - math.sqrt(disc)) / (2 * c)
    return np.array([a / m, -c * m, m])


def _fit_ols(q_cum: np.ndarray, new: np.ndarray) -> dict[str, Any]:
    prev = np.concatenate([[0.0], q_cum[:-1]])
    X = np.column_stack([np.ones(len(prev)), prev, prev**2])
    theta, *_ = np.linalg.lstsq(X, new, rcond=None)
    fitted = X @ theta
    df = len(new) - 3
    s2 = float(np.sum((new - fitted) ** 2)) / df if df > 0 else math.nan
    cov_theta = s2 * np.linalg.pinv(X.T @ X)
    est = _pqm(theta)
    G = np.empty((3, 3))  # delta method, central differences
    for k in range(3):
        h = 1e-6 * max(abs(theta[k]), 1e-12)
        up, dn = theta.copy(), theta.copy()
        up[k] += h
        dn[k] -= h
        G[:, k] = (_pqm(up) - _pqm(dn)) / (2 * h)
    return {"names": ["p", "q", "m"], "est": est, "m": float(est[2]), "y": new,
            "fitted": fitted, "cov": G @ cov_theta @ G.T, "x0": [],
            "ok": bool(np.isfinite(est).all())}


def fit_bass(
    data: Any,
    toa: Any = None,
    *,
    method: Literal["nls", "ols", "netdiffuser"] = "nls",
    level: float = 0.95,
) -> BassResult:
    r"""Fit the Bass diffusion model: innovation ``p``, imitation ``q``, market potential ``m``.

    Model: :math:`F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})`, with :math:`t = 1`
    the first period, :math:`N(t) = m F(t)` the cumulative adopters and :math:`n_t = m
    [F(t) - F(t-1)]` the new adopters of period :math:`t`.

    Methods
    -------
        ``"nls"`` (default; Srinivasan & Mason 1986): nonlinear least squares of the new
        adopters per period :math:`n_t` on :math:`m [F(t) - F(t-1)]`, ``p``, ``q``, ``m`` all
        estimated (bounded: ``p, q > 0``, ``m`` at least the observed adopters).
        ``"ols"`` (Bass 1969): ordinary least squares of :math:`n_t = a + b N_{t-1} + c
        N_{t-1}^2`, then :math:`m` the positive root of :math:`c m^2 + b m + a = 0`,
        :math:`p = a/m`, :math:`q = -cm` (NaN when :math:`c \ge 0` or no real root); its
        intervals by the delta method. Fast and closed-form, but biased on short series
        (Srinivasan & Mason 1986).
        ``"netdiffuser"`` (netdiffuseR's ``fitbass``, R/bass.r): ``stats::nls`` of the
        *cumulative share* of adopters ``prop`` (of all ``n`` nodes, see
        :func:`cumulative_adoption`) on :math:`F(t)`, starting from ``p = prop[1]``,
        ``q = 0.5``; ``m`` is not estimated (it is the ``n`` nodes, reported with no
        interval). Least squares are solved with :func:`scipy.optimize.least_squares`; at
        the minimum this equals R's ``nls`` (the same objective).

        Confidence intervals are Wald intervals from the Gauss-Newton covariance
        :math:`\hat\sigma^2 (J^\top J)^{-1}`, :math:`\hat\sigma^2 = RSS / (T - k)`, with
        Student-t quantiles on :math:`T - k` degrees of freedom (R's ``summary.nls``
        standard errors; R's ``confint`` would profile the likelihood instead).

    Parameters
    ----------
    data : contract graph, DiffusionPanel, adjacency (with ``toa``), or a pandas.Series of
        times of adoption (no network needed).
    toa : pandas.Series, optional
    method : {"nls", "ols", "netdiffuser"}, default "nls"
    level : float, default 0.95

    Returns
    -------
    BassResult

    Raises
    ------
    ValueError
        Unknown method; fewer than 3 periods (nls needs ``T > 3``); ``level`` not in (0, 1).

    References
    ----------
    Bass, F. M. (1969). A new product growth for model consumer durables. *Management
    Science*, 15(5), 215-227.

    Srinivasan, V., & Mason, C. H. (1986). Nonlinear least squares estimation of new product
    diffusion models. *Marketing Science*, 5(2), 169-178.

    Vega Yon, G. G., & Valente, T. W. netdiffuseR (R package), ``fitbass``.

    Examples
    --------
    >>> import pandas as pd
    >>> toa = pd.Series(sum(([t] * k for t, k in enumerate([2, 4, 7, 9, 7, 4, 2], 1)), []))
    >>> r = fit_bass(toa)
    >>> r.method, r.n_periods, round(r.m)
    ('nls', 7, 36)
    >>> 0 < r.p < r.q
    True
    """
    check_option("method", method, _METHODS)
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    if isinstance(data, pd.Series) and toa is None:
        import scipy.sparse as sp

        vals = pd.to_numeric(data, errors="coerce")
        panel = as_panel(sp.csr_matrix((len(vals), len(vals))), vals.reset_index(drop=True))
    else:
        panel = as_panel(data, toa)
    T = panel.T
    k = 2 if method == "netdiffuser" else 3
    if k >= T:
        raise ValueError(f"method={method!r} needs more than {k} periods, got {T}")
    t = np.arange(1, T + 1, dtype=float)
    q_cum = panel.cumadopt().sum(axis=0).astype(float)
    new = panel.adopt().sum(axis=0).astype(float)
    new[0] = q_cum[0]
    if method == "netdiffuser":
        f = _fit_netdiffuser(t, q_cum, panel.n)
    elif method == "nls":
        f = _fit_nls(t, q_cum, new)
    else:
        f = _fit_ols(q_cum, new)
    from scipy import stats

    est = np.asarray(f["est"], dtype=float)
    se = np.sqrt(np.clip(np.diag(f["cov"]), 0, None))
    tq = stats.t.ppf(0.5 + level / 2, T - k)
    table = pd.DataFrame({"estimate": est, "se": se, "ci_low": est - tq * se,
                          "ci_high": est + tq * se}, index=pd.Index(f["names"], name="parameter"))
    fit = pd.DataFrame({"observed": f["y"], "fitted": f["fitted"]},
                       index=pd.Index(panel.periods, name="period"))
    rss = float(np.sum((fit["fitted"] - fit["observed"]) ** 2))
    return BassResult(float(est[0]), float(est[1]), f["m"], table, fit, rss, T, method,
                      {"n": panel.n, "t0": int(panel.periods[0]), "level": level,
                       "start": list(f["x0"]), "converged": f["ok"]})


def bass_by_group(
    toa: pd.Series,
    groups: pd.Series,
    *,
    method: Literal["nls", "ols", "netdiffuser"] = "nls",
    level: float = 0.95,
    min_adopters: int = 10,
) -> pd.DataFrame:
    """:func:`fit_bass` for each group (country, region, ...) of nodes.

    Groups with fewer than ``min_adopters`` adopters, or too few periods, are listed with
    NaN estimates and the reason in ``note`` (never dropped).

    Parameters
    ----------
    toa : pandas.Series
        Times of adoption indexed by node (NaN = never).
    groups : pandas.Series
        Group label of each node (same index); nodes with a missing label are left out and
        counted in ``attrs["no_group"]``.
    method, level
        As in :func:`fit_bass`.
    min_adopters : int, default 10

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``adopters``, ``p``, ``q``, ``m``, ``p_low``, ``p_high``, ``q_low``,
        ``q_high``, ``m_low``, ``m_high``, ``rss``, ``note``.

    References
    ----------
    Bass, F. M. (1969); Srinivasan, V., & Mason, C. H. (1986): see :func:`fit_bass`.

    Examples
    --------
    >>> import pandas as pd
    >>> toa = pd.Series([1, 2, 2, 3, 3, 3, 4, 4, 5, 1])
    >>> g = pd.Series(["a"] * 9 + ["b"])
    >>> bass_by_group(toa, g, min_adopters=5)["note"].tolist()
    ['', 'fewer than 5 adopters']
    """
    g = groups.reindex(toa.index)
    out = []
    for label, idx in g.dropna().groupby(g.dropna()).groups.items():
        sub = toa.loc[idx]
        row: dict[str, Any] = {"group": label, "adopters": int(sub.notna().sum()), "note": ""}
        if row["adopters"] < min_adopters:
            row["note"] = f"fewer than {min_adopters} adopters"
        else:
            try:
                r = fit_bass(sub, method=method, level=level)
            except ValueError as exc:
                row["note"] = str(exc)
            else:
                row.update(p=r.p, q=r.q, m=r.m, rss=r.rss)
                for name in r.table.index:
                    row[f"{name}_low"] = r.table.loc[name, "ci_low"]
                    row[f"{name}_high"] = r.table.loc[name, "ci_high"]
        out.append(row)
    cols = ["adopters", "p", "q", "m", "p_low", "p_high", "q_low", "q_high", "m_low",
            "m_high", "rss", "note"]
    frame = pd.DataFrame(out).set_index("group") if out else pd.DataFrame(columns=["group"])
    frame = frame.reindex(columns=cols)
    frame.attrs.update(method=method, level=level, no_group=int(g.isna().sum()))
    return frame
