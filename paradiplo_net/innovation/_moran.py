"""Moran's I of adoption, with documented weight matrices (private)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._checks import check_int, check_option
from ._panel import DiffusionPanel, as_panel

__all__ = ["MoranResult", "inverse_geodesic", "moran", "moran_by_period", "moran_toa"]

_ALTERNATIVES = ("two-sided", "greater", "less")


@dataclass(frozen=True, eq=False)
class MoranResult:
    """Moran's I with its normal-approximation and permutation p-values.

    Attributes
    ----------
    observed, expected, sd : float
        :math:`I`, :math:`E[I] = -1/(N-1)` and the standard deviation under the
        randomisation null (Cliff & Ord), as netdiffuseR's ``moran`` and ape's ``Moran.I``.
    p_value : float
        From the normal approximation, for ``alternative``.
    p_perm : float
        Permutation p-value :math:`(k + 1)/(R + 1)` (NaN when ``permutations=0``).
    n : int
        Values used.
    permutations, seed : int
    alternative : str
    params : dict
        ``normalize`` (row-standardised weights), ``weights`` (how they were built),
        ``variable``.
    """

    observed: float
    expected: float
    sd: float
    p_value: float
    p_perm: float
    n: int
    permutations: int
    seed: int
    alternative: str
    params: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"MoranResult(I={self.observed:.4f}, expected={self.expected:.4f}, "
                f"sd={self.sd:.4f}, p_value={self.p_value:.4g}, n={self.n})")


def _moran_core(x: np.ndarray, W: sp.csr_matrix) -> tuple[float, float, float]:
    """NetdiffuseR's moran_cpp (src/stats.cpp): observed, expected, sd (ape's formulas)."""
    N = np.float64(len(x))  # numpy floats: N < 4 gives NaN moments, not ZeroDivisionError
    z = x - x.mean()
    wsum = float(W.sum())
    numer = float(z @ (W @ z))
    denom = float(z @ z)
    S = W + W.T
    s1 = float(S.multiply(S).sum()) / 2.0
    rs = np.asarray(W.sum(axis=1)).reshape(-1)
    cs = np.asarray(W.sum(axis=0)).reshape(-1)
    s2 = float(np.sum((rs + cs) ** 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        s3 = float(np.sum(z**4) / N / (np.sum(z**2) / N) ** 2)
    s4 = (N * N - 3.0 * N + 3.0) * s1 - N * s2 + 3 * wsum**2
    s5 = N * (N - 1.0) * s1 - 2.0 * N * s2 + 6.0 * wsum**2
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = (N / wsum) * (numer / (denom + 1e-20))
        expected = -1.0 / (N - 1.0)
        var = (N * s4 - s3 * s5) / ((N - 1.0) * (N - 2.0) * (N - 3.0) * wsum**2) - expected**2
        sd = float(np.sqrt(var))
    return observed, expected, sd


def _p_normal(obs: float, exp: float, sd: float, alternative: str) -> float:
    from scipy.stats import norm

    if not math.isfinite(sd) or sd <= 0:
        return math.nan
    pv = float(norm.cdf(obs, loc=exp, scale=sd))
    if alternative == "two-sided":
        return 2 * pv if obs <= exp else 2 * (1 - pv)
    return 1 - pv if alternative == "greater" else pv


def moran(
    x: Any,
    w: Any,
    *,
    normalize: bool = True,
    alternative: Literal["two-sided", "greater", "less"] = "two-sided",
    permutations: int = 0,
    seed: int = 0,
) -> MoranResult:
    r"""Moran's I of ``x`` under weights ``w``, with normal and permutation inference.

    .. math:: I = \frac{N}{\sum_{ij} w_{ij}}
                  \frac{\sum_{ij} w_{ij} (x_i - \bar x)(x_j - \bar x)}{\sum_i (x_i - \bar x)^2}

    With ``normalize`` the rows of ``w`` are divided by their sums (rows summing to 0 stay 0,
    netdiffuseR's :math:`10^{-20}` guard). The moments under the randomisation null are
    Cliff & Ord's (those of netdiffuseR's ``moran`` and ape's ``Moran.I``); the normal p-value
    is two-sided by default. ``permutations`` > 0 adds a permutation p-value: ``x`` is
    randomly permuted ``permutations`` times (``numpy.random.default_rng(seed)``) and
    :math:`p = (k + 1)/(R + 1)`, :math:`k` the permutations at least as extreme (for
    ``"two-sided"``: :math:`|I - E[I]|` at least as large).

    Parameters
    ----------
    x : array-like of float
        Finite values.
    w : scipy sparse or numpy ``N x N`` matrix
    normalize : bool, default True
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
    permutations : int, default 0
    seed : int, default 0

    Returns
    -------
    MoranResult

    Raises
    ------
    ValueError
        Non-finite ``x``, shapes that differ, unknown ``alternative``, negative
        ``permutations``.

    References
    ----------
    Moran, P. A. P. (1950). Notes on continuous stochastic phenomena. *Biometrika*,
    37(1/2), 17-23.

    Cliff, A. D., & Ord, J. K. (1981). *Spatial Processes: Models and Applications*. Pion.

    Vega Yon, G. G., & Valente, T. W. netdiffuseR (R package), ``moran``.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]])  # a path
    >>> r = moran([1.0, 2.0, 3.0, 4.0], W)
    >>> round(r.observed, 6), round(r.expected, 6)
    (0.4, -0.333333)
    """
    check_option("alternative", alternative, _ALTERNATIVES)
    permutations = check_int("permutations", permutations, minimum=0)
    xv = np.asarray(x, dtype=float).reshape(-1)
    if not np.isfinite(xv).all():
        raise ValueError("x must have only finite values (drop or impute missing ones first)")
    W = sp.csr_matrix(w, dtype=float)
    if W.shape != (len(xv), len(xv)):
        raise ValueError(f"w must be {len(xv)} x {len(xv)}, got {W.shape}")
    if normalize:
        rs = np.asarray(W.sum(axis=1)).reshape(-1)
        W = sp.csr_matrix(sp.diags(1.0 / (rs + 1e-20)) @ W)
    obs, exp, sd = _moran_core(xv, W)
    p_perm = math.nan
    if permutations:
        rng = np.random.default_rng(seed)
        Z = np.column_stack([rng.permutation(xv) for _ in range(permutations)])
        Z = Z - Z.mean(axis=0)
        num = np.einsum("ij,ij->j", Z, W @ Z)
        null = (len(xv) / float(W.sum())) * num / (np.einsum("ij,ij->j", Z, Z) + 1e-20)
        if alternative == "greater":
            k = int(np.sum(null >= obs))
        elif alternative == "less":
            k = int(np.sum(null <= obs))
        else:
            k = int(np.sum(np.abs(null - exp) >= abs(obs - exp)))
        p_perm = (k + 1) / (permutations + 1)
    return MoranResult(float(obs), float(exp), float(sd), _p_normal(obs, exp, sd, alternative),
                       p_perm, len(xv), permutations, seed, alternative,
                       {"normalize": normalize})


def inverse_geodesic(adj: Any, *, max_steps: int = 6) -> sp.csr_matrix:
    """Element-wise inverse of directed geodesic distances up to ``max_steps`` (else 0).

    netdiffuseR's ``approx_geodesic(graph, n = 6)`` followed by ``g@x <- 1/g@x``, the
    weights of its ``summary.diffnet`` Moran's I: ``W[i, j] = 1 / d(i -> j)`` along
    directed paths of at most ``max_steps`` ties, 0 beyond and on the diagonal.

    Parameters
    ----------
    adj : scipy sparse or numpy matrix
    max_steps : int, default 6

    Returns
    -------
    scipy.sparse.csr_matrix

    References
    ----------
    Vega Yon, G. G., & Valente, T. W. netdiffuseR (R package), ``approx_geodesic``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0]])
    >>> inverse_geodesic(A).toarray().tolist()
    [[0.0, 1.0, 0.5], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]
    """
    from scipy.sparse.csgraph import shortest_path

    max_steps = check_int("max_steps", max_steps)
    A = sp.csr_matrix(adj, dtype=float)
    A.data[:] = 1.0
    D = shortest_path(A, method="D", directed=True, unweighted=True)
    np.fill_diagonal(D, np.inf)
    D[max_steps < D] = np.inf
    with np.errstate(divide="ignore"):
        inv = np.where(np.isfinite(D), 1.0 / D, 0.0)
    return sp.csr_matrix(inv)


def _weights(panel: DiffusionPanel, weights: Any, t: int = 0) -> tuple[sp.csr_matrix, str]:
    if weights is None or (isinstance(weights, str) and weights == "inverse_geodesic"):
        return inverse_geodesic(panel.graph(t)), "inverse_geodesic(max_steps=6)"
    if sp.issparse(weights) or isinstance(weights, np.ndarray):
        return sp.csr_matrix(weights, dtype=float), "given"
    raise ValueError("weights must be None, 'inverse_geodesic' or an n x n matrix")


def moran_by_period(data: Any, toa: Any = None, *, weights: Any = None,
                    normalize: bool = True) -> pd.DataFrame:
    """Moran's I of the cumulative adoption indicator in each period (netdiffuseR's summary).

    netdiffuseR's ``summary.diffnet`` (R/diffnet-methods.r): in each period ``t``,
    ``moran(cumadopt[, t], 1 / approx_geodesic(graph_t))``: is having adopted by ``t``
    clustered on the network? When every node (or none) has adopted, ``x`` is constant:
    :math:`I` is 0 (the :math:`10^{-20}` guard) and ``sd``, ``p_value`` are NaN, as in
    netdiffuseR.

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.
    weights : None, "inverse_geodesic" or matrix
        Default: the inverse geodesic distances of each period's graph (see
        :func:`inverse_geodesic`); a matrix (e.g. :func:`geo_weights`) is used in every period.
    normalize : bool, default True

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period``: ``moran_obs``, ``moran_exp``, ``moran_sd``, ``moran_pval``.

    References
    ----------
    Moran (1950); Cliff & Ord (1981): see :func:`moran`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> A = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    >>> m = moran_by_period(A, pd.Series([1, 1, 2, 2]))
    >>> m["moran_obs"].round(6).tolist()  # two pairs adopting together: I = 1, then constant
    [1.0, 0.0]
    """
    panel = as_panel(data, toa)
    C = panel.cumadopt().astype(float)
    rows = []
    cache: dict[int, sp.csr_matrix] = {}
    for t in range(panel.T):
        key = 0 if (panel.static or weights is not None) else t
        if key not in cache:
            cache[key] = _weights(panel, weights, key)[0]
        r = moran(C[:, t], cache[key], normalize=normalize)
        rows.append((r.observed, r.expected, r.sd, r.p_value))
    return pd.DataFrame(rows, columns=["moran_obs", "moran_exp", "moran_sd", "moran_pval"],
                        index=pd.Index(panel.periods, name="period"))


def moran_toa(
    data: Any,
    toa: Any = None,
    *,
    weights: Any = None,
    normalize: bool = True,
    alternative: Literal["two-sided", "greater", "less"] = "greater",
    permutations: int = 999,
    seed: int = 0,
) -> MoranResult:
    """Moran's I of the time of adoption among adopters (are early adopters near each other).

    Non-adopters (NaN) are left out with their rows and columns of the weights (counted in
    ``params["non_adopters"]``). Positive :math:`I`: neighbours (on the network, or in
    space with :func:`geo_weights`) adopted at similar times.

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.
    weights : None, "inverse_geodesic" or matrix
        Default: inverse geodesic distances on the (first period's) network.
    normalize, alternative, permutations, seed
        As in :func:`moran` (here one-sided ``"greater"`` and 999 permutations by default).

    Returns
    -------
    MoranResult

    References
    ----------
    Moran (1950); Cliff & Ord (1981): see :func:`moran`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> A = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    >>> r = moran_toa(A, pd.Series([1, 1, 5, 5]), permutations=99, seed=1)
    >>> round(r.observed, 6), r.params["non_adopters"]
    (1.0, 0)
    """
    panel = as_panel(data, toa)
    W, how = _weights(panel, weights)
    keep = np.isfinite(panel.toa)
    idx = np.flatnonzero(keep)
    Wk = W[idx][:, idx]
    r = moran(panel.toa[keep], Wk, normalize=normalize, alternative=alternative,
              permutations=permutations, seed=seed)
    params = {**r.params, "weights": how, "variable": "toa",
              "non_adopters": int((~keep).sum())}
    return MoranResult(r.observed, r.expected, r.sd, r.p_value, r.p_perm, r.n,
                       r.permutations, r.seed, r.alternative, params)
