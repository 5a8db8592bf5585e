"""Exposure, thresholds, infection, susceptibility, hazard and cumulative adoption (private)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._checks import check_int
from ._panel import DiffusionPanel, as_panel

__all__ = [
    "cumulative_adoption",
    "exposure",
    "hazard_rate",
    "infection",
    "susceptibility",
    "threshold",
]

_EPS = 1e-20  # netdiffuseR's guard in the exposure denominator (R/stats.R, .exposure)
_EPS15 = 1e-15  # netdiffuseR's guard in rates, hazard, infection and susceptibility


def _long(panel: DiffusionPanel, M: np.ndarray, measure: str) -> pd.DataFrame:
    """An ``n x T`` matrix as the long table (``period``, ``node``, ``measure``, ``value``)."""
    return pd.DataFrame({
        "period": np.tile(panel.periods, panel.n),
        "node": np.repeat(panel.nodes.to_numpy(dtype=object), panel.T),
        "measure": measure,
        "value": M.reshape(-1),
    })


def _prepare(W: sp.spmatrix, *, valued: bool, outgoing: bool, self_ties: bool) -> sp.csr_matrix:
    W = sp.csr_matrix(W, dtype=float, copy=True)
    if not valued:
        W.data[:] = 1.0
    if not outgoing:
        W = W.T.tocsr()
    if not self_ties:
        W.setdiag(0.0)
        W.eliminate_zeros()
    return W


def _weights_list(panel: DiffusionPanel, weights: Any) -> list[sp.spmatrix]:
    if weights is None:
        return list(panel.graphs)
    if sp.issparse(weights) or isinstance(weights, np.ndarray):
        ws: list[Any] = [weights]
    elif isinstance(weights, Sequence) and not isinstance(weights, str) and len(weights) == panel.T:
        ws = list(weights)
    else:
        raise ValueError("weights must be an n x n matrix or one per period "
                         f"({panel.T}), got {type(weights).__name__}")
    for w in ws:
        if w.shape != (panel.n, panel.n):
            raise ValueError(f"weights must be {panel.n} x {panel.n}, got {w.shape}")
    return ws


def exposure_matrix(
    panel: DiffusionPanel,
    *,
    weights: Any = None,
    normalized: bool = True,
    valued: bool = False,
    outgoing: bool = True,
    lags: int = 0,
    self_ties: bool = False,
) -> np.ndarray:
    """The ``n x T`` exposure matrix (NaN in the first ``lags`` periods); see :func:`exposure`."""
    if not isinstance(lags, (int, np.integer)) or isinstance(lags, bool) or abs(lags) >= panel.T:
        raise ValueError(f"lags must be an int with |lags| < {panel.T} (periods), got {lags!r}")
    C = panel.cumadopt().astype(float)
    ws = [_prepare(w, valued=valued, outgoing=outgoing, self_ties=self_ties)
          for w in _weights_list(panel, weights)]
    E = np.empty((panel.n, panel.T))
    if len(ws) == 1:
        E[:] = ws[0] @ C
        if normalized:
            E /= np.asarray(ws[0].sum(axis=1)).reshape(-1, 1) + _EPS
    else:
        for t, w in enumerate(ws):
            E[:, t] = w @ C[:, t]
            if normalized:
                E[:, t] /= np.asarray(w.sum(axis=1)).reshape(-1) + _EPS
    out = np.full_like(E, np.nan)
    if lags >= 0:
        out[:, lags:] = E[:, : panel.T - lags]
    else:
        out[:, : panel.T + lags] = E[:, -lags:]
    return out


def exposure(
    data: Any,
    toa: Any = None,
    *,
    weights: Any = None,
    normalized: bool = True,
    valued: bool = False,
    outgoing: bool = True,
    lags: int = 0,
    self_ties: bool = False,
) -> pd.DataFrame:
    r"""Exposure of every node in every period: the (share of) its contacts that have adopted.

    netdiffuseR's ``exposure()`` (R/stats.R), the same formula and defaults:

    .. math:: E_t = \frac{S_t\,a_t}{S_t\,\mathbf{1} + 10^{-20}}

    with :math:`S_t` the adjacency in period :math:`t` (binarised unless ``valued``, self-ties
    dropped unless ``self_ties``, transposed when ``outgoing=False``) and :math:`a_t` the
    cumulative adoption vector (1 if the node adopted *at or before* :math:`t`). A node
    without contacts has exposure 0 (the :math:`10^{-20}` guard), as in netdiffuseR.
    ``lags=1`` gives, in period :math:`t`, the exposure of :math:`t - 1` (NaN in the first
    period): the lagged exposure of event-history models.

    Definitions
        ``weights=None`` uses the panel's network (for a contract graph: twinning partners,
        see :func:`diffusion_panel`); any ``n x n`` matrix (or one per period) replaces it,
        netdiffuseR's ``alt.graph``: e.g. :func:`geo_weights` for exposure through the ``k``
        nearest places or those within a distance. Direction: with ``outgoing=True`` the
        contacts of ``i`` are the ``j`` with a tie ``i -> j`` (those ``i`` named).

    Parameters
    ----------
    data : contract MultiDiGraph, DiffusionPanel, adjacency or networkx graph
    toa : pandas.Series, optional
        Times of adoption for generic inputs (see :func:`diffusion_panel`).
    weights : sparse matrix or sequence of them, optional
    normalized : bool, default True
        False gives counts (the numerator only).
    valued : bool, default False
        Use tie values (e.g. number of links, or inverse distances) instead of 0/1.
    outgoing : bool, default True
    lags : int, default 0
    self_ties : bool, default False

    Returns
    -------
    pandas.DataFrame
        Long: ``period``, ``node``, ``measure`` (``"exposure"``), ``value``; ``attrs`` record
        the options (``weights``, ``normalized``, ``valued``, ``outgoing``, ``lags``,
        ``self_ties``), the definition and the dataset.

    Raises
    ------
    ValueError
        ``|lags| >= T`` or weights of the wrong shape.

    See Also
    --------
    threshold, geo_weights, event_history

    References
    ----------
    Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*. Hampton Press.

    Burt, R. S. (1987). Social contagion and innovation: cohesion versus structural
    equivalence. *American Journal of Sociology*, 92(6), 1287-1335.

    Vega Yon, G. G., & Valente, T. W. netdiffuseR (R package), ``exposure``.

    Examples
    --------
    >>> import numpy as np, pandas as pd, scipy.sparse as sp
    >>> A = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 0], [0, 0, 0]]))
    >>> e = exposure(A, pd.Series([1, 2, 3]))
    >>> e.pivot(index="node", columns="period", values="value").to_numpy().tolist()
    [[0.0, 0.5, 1.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
    """
    panel = as_panel(data, toa)
    M = exposure_matrix(panel, weights=weights, normalized=normalized, valued=valued,
                        outgoing=outgoing, lags=lags, self_ties=self_ties)
    out = _long(panel, M, "exposure")
    out.attrs.update(weights="network" if weights is None else "given", normalized=normalized,
                     valued=valued, outgoing=outgoing, lags=lags, self_ties=self_ties,
                     definition="netdiffuseR exposure()", dataset=panel.params.get("dataset"))
    return out


def threshold(
    data: Any,
    toa: Any = None,
    *,
    include_censored: bool = False,
    lags: int = 0,
    **exposure_options: Any,
) -> pd.Series:
    """Each adopter's network threshold: its exposure in the period it adopted.

    netdiffuseR's ``threshold()`` (R/stats.R): ``expo[i, toa[i] - lags]``, NaN for
    non-adopters and where ``toa - lags`` falls outside the periods.

    Deliberate difference
        netdiffuseR documents that thresholds are *not* reported for nodes adopting in the
        first period (left-censored: their exposure says nothing about what they needed),
        and so does Valente (1995); but its code (version 1.25.0) returns them anyway, its
        ``include_censored`` having no effect. Here ``include_censored=False`` (default)
        gives NaN for first-period adopters, as documented; ``include_censored=True``
        reproduces netdiffuseR's returned values.

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.
    include_censored : bool, default False
    lags : int, default 0
        ``1``: exposure in the period before adoption.
    **exposure_options
        Passed to :func:`exposure` (``weights``, ``normalized``, ``valued``, ``outgoing``).

    Returns
    -------
    pandas.Series
        Indexed by node, named ``"threshold"``; ``attrs`` record the options.

    References
    ----------
    Valente, T. W. (1996). Social network thresholds in the diffusion of innovations.
    *Social Networks*, 18(1), 69-89.

    Granovetter, M. (1978). Threshold models of collective behavior. *American Journal of
    Sociology*, 83(6), 1420-1443.

    Examples
    --------
    >>> import numpy as np, pandas as pd, scipy.sparse as sp
    >>> A = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 0], [0, 0, 0]]))
    >>> threshold(A, pd.Series([1, 2, 3])).tolist()  # node 0 adopted first: censored
    [nan, 1.0, 0.0]
    >>> threshold(A, pd.Series([1, 2, 3]), include_censored=True).tolist()
    [0.0, 1.0, 0.0]
    """
    panel = as_panel(data, toa)
    E = exposure_matrix(panel, **exposure_options)
    col = panel.toa - panel.periods[0] - lags
    ok = np.isfinite(col) & (col >= 0) & (col < panel.T)
    if not include_censored:
        ok &= panel.toa != panel.periods[0]
    out = np.full(panel.n, np.nan)
    out[ok] = E[np.flatnonzero(ok), col[ok].astype(int)]
    res = pd.Series(out, index=panel.nodes, name="threshold")
    res.attrs.update(include_censored=include_censored, lags=lags, **exposure_options)
    if "weights" in exposure_options:
        res.attrs["weights"] = "network" if exposure_options["weights"] is None else "given"
    return res


def cumulative_adoption(data: Any, toa: Any = None) -> pd.DataFrame:
    r"""Adopters per period: new, cumulative, cumulative share, and the adoption rate.

    netdiffuseR's ``cumulative_adopt_count()`` (R/stats.R): ``num`` :math:`q_t` (cumulative
    adopters), ``prop`` :math:`q_t / n` (``n`` all nodes, non-adopters included) and
    ``rate`` :math:`(q_t - q_{t-1}) / (q_{t-1} + 10^{-15})`, 0 in the first period (as
    netdiffuseR). ``adopters`` (new adopters in the period) is added.

    Parameters
    ----------
    data, toa
        As in :func:`exposure` (only the times of adoption are used).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period``; columns ``adopters``, ``num``, ``prop``, ``rate``.

    References
    ----------
    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

    Examples
    --------
    >>> import numpy as np, pandas as pd, scipy.sparse as sp
    >>> c = cumulative_adoption(sp.csr_matrix((4, 4)), pd.Series([1, 2, 2, np.nan]))
    >>> c["num"].tolist(), c["prop"].tolist(), c["rate"].round(6).tolist()
    ([1, 3], [0.25, 0.75], [0.0, 2.0])
    """
    panel = as_panel(data, toa)
    q = panel.cumadopt().sum(axis=0)
    rate = np.zeros(panel.T)
    rate[1:] = (q[1:] - q[:-1]) / (q[:-1] + _EPS15)
    return pd.DataFrame({"adopters": panel.adopt().sum(axis=0), "num": q,
                         "prop": q / panel.n, "rate": rate},
                        index=pd.Index(panel.periods, name="period"))


def hazard_rate(data: Any, toa: Any = None) -> pd.Series:
    r"""Discrete-time hazard of adoption per period: new adopters over those still at risk.

    netdiffuseR's ``hazard_rate()`` (R/stats.R):
    :math:`h_t = (q_t - q_{t-1}) / (n - q_{t-1} + 10^{-15})`, :math:`q_t` the cumulative
    adopters and :math:`n` all nodes; 0 in the first period (netdiffuseR's convention; the
    hazard is undefined there, every node being at risk before the data start).

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.

    Returns
    -------
    pandas.Series
        Indexed by ``period``, named ``"hazard"``.

    References
    ----------
    Allison, P. D. (1984). *Event History Analysis: Regression for Longitudinal Event Data*.
    Sage.

    Examples
    --------
    >>> import numpy as np, pandas as pd, scipy.sparse as sp
    >>> h = hazard_rate(sp.csr_matrix((4, 4)), pd.Series([1, 2, 2, np.nan]))
    >>> h.round(6).tolist()  # period 2: 2 of the 3 still at risk adopt
    [0.0, 0.666667]
    """
    panel = as_panel(data, toa)
    q = panel.cumadopt().sum(axis=0)
    h = np.zeros(panel.T)
    h[1:] = (q[1:] - q[:-1]) / (panel.n - q[:-1] + _EPS15)
    return pd.Series(h, index=pd.Index(panel.periods, name="period"), name="hazard")


def _discount(K: int, r: float, expdiscount: bool) -> np.ndarray:
    k = np.arange(1, K + 1, dtype=float)
    return (1.0 + r) ** (k - 1.0) if expdiscount else k


def _check_k(K: Any, T: int) -> int:
    K = check_int("K", K)
    if K >= T:
        raise ValueError(f"K={K} must be smaller than the number of periods ({T})")
    return int(K)


def _infect_suscept(panel: DiffusionPanel, *, infect: bool, K: int, r: float,
                    expdiscount: bool, normalize: bool, outgoing: bool) -> pd.Series:
    """Shared loop of :func:`infection` and :func:`susceptibility` (grouped by adoption time)."""
    K = _check_k(K, panel.T)
    disc = _discount(K, r, expdiscount)
    rel = panel.toa - panel.periods[0] + 1  # netdiffuseR's times, 1..T
    num, den, nad = np.zeros(panel.n), np.zeros(panel.n), np.zeros(panel.n)
    fin = np.isfinite(rel)
    for v in np.unique(rel[fin]).astype(int):
        who = rel == v
        for k in range(1, K + 1):
            other = v + k if infect else v - k
            t_idx = v + k - 1 if infect else v - k  # 0-based index of the graph used
            if (infect and t_idx >= panel.T) or (not infect and v - k + 1 <= 1):
                continue
            B = panel.graph(t_idx).copy().tocsr()
            B.data[:] = 1.0
            B.setdiag(0.0)
            if not outgoing:
                B = B.T.tocsr()
            M = B.T.tocsr() if infect else B  # infection: ties j -> i; susceptibility: i -> j
            hit = (rel == other).astype(float)
            risk = (rel >= other) if infect else (rel <= other)
            num[who] += (M @ hit)[who] / disc[k - 1]
            den[who] += (M @ risk.astype(float))[who] / disc[k - 1]
            nad[who] += hit.sum() / disc[k - 1]
    out = num / (den + _EPS15)
    if normalize:
        out = out / (nad + _EPS15)
    edge = (rel == panel.T) if infect else (rel == 1)
    out[edge] = 0.0
    out[~fin] = np.nan
    return pd.Series(out, index=panel.nodes, name="infection" if infect else "susceptibility")


def infection(
    data: Any,
    toa: Any = None,
    *,
    K: int = 1,
    r: float = 0.5,
    expdiscount: bool = False,
    normalize: bool = True,
    outgoing: bool = True,
) -> pd.Series:
    r"""Infectiousness: how far a node's adoption was followed by its contacts' adoptions.

    netdiffuseR's ``infection()`` (R/infect_suscept.r, src/infection.cpp): for node
    :math:`i` adopting at :math:`t`,

    .. math:: I_i = \frac{\sum_{k=1}^K \sum_{j \ne i} x_{ji} [t_j = t + k] / w_k}
                         {\sum_{k=1}^K \sum_{j \ne i} x_{ji} [t_j \ge t + k] / w_k}

    with :math:`x_{ji} = 1` for a tie :math:`j \to i` in the graph of period :math:`t + k`
    (0/1, values ignored), :math:`w_k = k` or :math:`(1 + r)^{k-1}` (``expdiscount``), a
    :math:`10^{-15}` guard in the denominator; ``normalize`` divides by
    :math:`\sum_k \#\{j: t_j = t + k\} / w_k`. As in netdiffuseR, last-period adopters get 0
    and non-adopters NaN. Differences: non-adopting alters (NaN) never count (netdiffuseR
    casts NaN to an integer, undefined behaviour in C++); ``K >= T`` is an error
    (netdiffuseR truncates it to ``T - 1`` with a warning).

    Parameters
    ----------
    data, toa
        As in :func:`exposure`.
    K : int, default 1
        Periods after adoption considered.
    r : float, default 0.5
    expdiscount : bool, default False
    normalize : bool, default True
    outgoing : bool, default True
        False transposes the graphs.

    Returns
    -------
    pandas.Series
        Indexed by node, named ``"infection"``.

    Raises
    ------
    ValueError
        ``K`` < 1 or ``K >= T``.

    References
    ----------
    Myers, D. J. (2000). The diffusion of collective violence: infectiousness, susceptibility,
    and mass media networks. *American Journal of Sociology*, 106(1), 173-208.

    Valente, T. W., Dyal, S. R., Chu, K.-H., Wipfli, H., & Fujimoto, K. (2015). Diffusion of
    innovations theory applied to global tobacco control treaty ratification. *Social
    Science & Medicine*, 145, 89-97.

    Examples
    --------
    netdiffuseR's own test (tests/testthat/test-infect_suscept.R): ties 2..5 -> 1, times
    (2, 1, 3, 4, 4); node 1 adopted at 2, one of its three later-adopting contacts at 3.

    >>> import numpy as np, pandas as pd, scipy.sparse as sp
    >>> A = np.zeros((5, 5)); A[1:, 0] = 1
    >>> toa = pd.Series([2, 1, 3, 4, 4])
    >>> round(float(infection(A, toa, normalize=False).iloc[0]), 6)
    0.333333
    >>> round(float(infection(A, toa, K=2, normalize=False).iloc[0]), 6)
    0.5
    """
    return _infect_suscept(as_panel(data, toa), infect=True, K=K, r=r, expdiscount=expdiscount,
                           normalize=normalize, outgoing=outgoing)


def susceptibility(
    data: Any,
    toa: Any = None,
    *,
    K: int = 1,
    r: float = 0.5,
    expdiscount: bool = False,
    normalize: bool = True,
    outgoing: bool = True,
) -> pd.Series:
    r"""Susceptibility: how far a node's adoption followed its contacts' recent adoptions.

    netdiffuseR's ``susceptibility()`` (src/infection.cpp): for :math:`i` adopting at
    :math:`t`,

    .. math:: S_i = \frac{\sum_{k=1}^K \sum_{j \ne i} x_{ij} [t_j = t - k] / w_k}
                         {\sum_{k=1}^K \sum_{j \ne i} x_{ij} [t_j \le t - k] / w_k}

    with :math:`x_{ij}` the tie :math:`i \to j` in the graph of period :math:`t - k + 1`
    (terms with :math:`t - k + 1 \le 1` skipped), other conventions as :func:`infection`;
    first-period adopters get 0, non-adopters NaN.

    Parameters
    ----------
    data, toa, K, r, expdiscount, normalize, outgoing
        As in :func:`infection`.

    Returns
    -------
    pandas.Series
        Indexed by node, named ``"susceptibility"``.

    Raises
    ------
    ValueError
        ``K`` < 1 or ``K >= T``.

    References
    ----------
    Myers, D. J. (2000), and Valente et al. (2015): see :func:`infection`.

    Examples
    --------
    netdiffuseR's test: ties 5 -> 1..4, times (1, 4, 1, 2, 3); node 5 adopted at 3, one
    of its three earlier-adopting contacts at 2 (K=1), two more at 1 (K=2).

    >>> import numpy as np, pandas as pd
    >>> A = np.zeros((5, 5)); A[4, :4] = 1
    >>> toa = pd.Series([1, 4, 1, 2, 3])
    >>> round(float(susceptibility(A, toa, normalize=False).iloc[4]), 6)
    0.333333
    >>> round(float(susceptibility(A, toa, K=2, normalize=False).iloc[4]), 6)
    0.5
    """
    return _infect_suscept(as_panel(data, toa), infect=False, K=K, r=r,
                           expdiscount=expdiscount, normalize=normalize, outgoing=outgoing)
