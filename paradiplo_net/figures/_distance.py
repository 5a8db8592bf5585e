"""The distance-decay figure and its table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .. import geo, plot
from ..i18n import t
from ..model import check_graph, collapse
from ._common import _caption, _lang, logger


def distance_table(
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
        ``median_null_km``.

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
    >>> tab = distance_table(pn.datasets.load("toy"), runs=50, seed=1)
    >>> round(float(tab["observed"].sum()), 6), tab.attrs["pairs"], tab.attrs["seed"]
    (1.0, 10, 1)
    """
    check_graph(G)
    if not isinstance(runs, int) or runs < 1:
        raise ValueError(f"runs must be a positive int, got {runs!r}")
    edges = np.asarray(bins, dtype=float) if bins is not None else np.geomspace(10, 20100, 16)
    if edges.ndim != 1 or len(edges) < 2 or np.any(np.diff(edges) <= 0) or edges[0] <= 0:
        raise ValueError("bins: give at least two increasing, positive edges in km")
    U = collapse(G)

    def coord(n: Any) -> tuple[float, float]:
        d = U.nodes[n]
        lat, lon = d.get("lat"), d.get("lon")
        return (np.nan, np.nan) if lat is None or lon is None else (float(lat), float(lon))

    pairs = [(u, v) for u, v in U.edges() if u != v]
    nodes = list(U.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    xy = np.array([coord(n) for n in nodes], dtype=float).reshape(-1, 2)
    a = np.array([index[u] for u, _ in pairs], dtype=np.int64)
    b = np.array([index[v] for _, v in pairs], dtype=np.int64)
    ok = (
        ~(np.isnan(xy[a]).any(axis=1) | np.isnan(xy[b]).any(axis=1))
        if pairs
        else np.zeros(0, bool)
    )
    a, b = a[ok], b[ok]
    no_coords = int((~ok).sum())
    obs_km = geo.haversine_km(xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]) if len(a) else np.zeros(0)
    nb = len(edges) - 1

    def shares(km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        idx = np.clip(np.searchsorted(edges, km, side="right") - 1, 0, nb - 1)
        counts = np.bincount(idx, minlength=nb).astype(float)
        total = counts.sum()
        return (counts / total if total else counts), counts

    observed, obs_counts = shares(obs_km)
    rng = np.random.default_rng(seed)
    stubs = np.concatenate([a, b])
    null = np.zeros((runs, nb))
    null_medians = []
    self_pairs = 0
    m = len(a)
    for r in range(runs):
        if m == 0:
            break
        perm = rng.permutation(stubs)
        x, y = perm[:m], perm[m:]
        keep = x != y
        self_pairs += int((~keep).sum())
        km = geo.haversine_km(xy[x[keep], 0], xy[x[keep], 1], xy[y[keep], 0], xy[y[keep], 1])
        null[r] = shares(km)[0]
        if len(km):
            null_medians.append(float(np.median(km)))
    q = np.quantile(null, [0.5, 0.05, 0.95], axis=0) if m else np.zeros((3, nb))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(q[0] > 0, observed / q[0], np.nan)
    out = pd.DataFrame(
        {
            "left": edges[:-1],
            "right": edges[1:],
            "observed": observed,
            "null_median": q[0],
            "null_low": q[1],
            "null_high": q[2],
            "observed_pairs": obs_counts.astype("int64"),
            "ratio": ratio,
        }
    )
    out.attrs.update(
        pairs=int(m),
        runs=runs,
        seed=seed,
        no_coordinates=no_coords,
        null_self_pairs=self_pairs / runs if m else 0.0,
        median_observed_km=float(np.median(obs_km)) if m else float("nan"),
        median_null_km=float(np.median(null_medians)) if null_medians else float("nan"),
        model="configuration (stub re-pairing), positions fixed",
    )
    if no_coords:
        logger.info("distance_table: %d city pairs without coordinates left out", no_coords)
    return out


def distance_decay(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    seed: int = 0,
    runs: int = 200,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 8: link length distribution against the re-pairing null model.

    Returns
    -------
    fig, tables
        ``bins`` (:func:`distance_table`) and ``summary`` (pairs, runs, seed, medians).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = distance_decay(pn.datasets.load("toy"), runs=20)
    >>> int(tables["summary"].loc[0, "pairs"])
    10
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    tab = distance_table(G, runs=runs, seed=seed)
    fig, _ax = plot.plot_distance_decay(tab, lang=lang)
    summary = pd.DataFrame([{k: v for k, v in tab.attrs.items()}])
    text = t(
        "cap.distance_decay",
        lang=lang,
        n=tab.attrs["pairs"],
        runs=runs,
        seed=seed,
        obs=tab.attrs["median_observed_km"],
        null=tab.attrs["median_null_km"],
    )
    return fig, _caption({"bins": tab, "summary": summary}, text)
