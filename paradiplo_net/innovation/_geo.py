"""Geographic neighbour matrices for exposure and Moran's I (private)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._checks import check_int, check_number
from ._panel import as_panel, node_mask

__all__ = ["geo_weights"]

_R_EARTH_KM = 6371.0088


def _xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def geo_weights(
    data: Any,
    *,
    k: int | None = None,
    km: float | None = None,
    inverse: bool = False,
    candidates: Any = None,
) -> sp.csr_matrix:
    """Geographic neighbour matrix: the ``k`` nearest places, or those within ``km``.

    ``W[i, j] = 1`` (or ``1 / d_ij`` with ``inverse``, distances in km) when ``j`` is one of
    the ``k`` nearest places of ``i`` or lies within ``km`` of ``i`` (great-circle distance
    on a sphere of radius 6371.0088 km, from the chord via a KD-tree). ``i`` itself is
    never its own neighbour; places without coordinates have no neighbours and are nobody's
    neighbour. ``candidates`` (node ids) restricts who can be a neighbour (e.g. only the
    German towns of a German list). kNN is not symmetric (``j`` among ``i``'s nearest does
    not make ``i`` among ``j``'s); a distance band is.

    Parameters
    ----------
    data : DiffusionPanel, contract graph, or pandas.DataFrame with ``lat``, ``lon``
    k : int, optional
    km : float, optional
        Exactly one of ``k`` and ``km``.
    inverse : bool, default False
    candidates : iterable of node ids, optional

    Returns
    -------
    scipy.sparse.csr_matrix
        ``n x n`` in the node order of the panel (or of the DataFrame's rows).

    Raises
    ------
    ValueError
        Neither or both of ``k`` and ``km``; ``k`` < 1; ``km`` <= 0.

    References
    ----------
    Hägerstrand, T. (1967). *Innovation Diffusion as a Spatial Process*. University of Chicago
    Press (the neighbourhood effect).

    Cliff, A. D., & Ord, J. K. (1981). *Spatial Processes: Models and Applications*. Pion
    (spatial weight matrices).

    Examples
    --------
    >>> import pandas as pd
    >>> xy = pd.DataFrame({"lat": [0.0, 0.0, 0.0], "lon": [0.0, 1.0, 3.0]})
    >>> geo_weights(xy, k=1).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    >>> geo_weights(xy, km=150).nnz  # 1 degree of longitude at the equator is 111 km
    2
    """
    from scipy.spatial import cKDTree

    if (k is None) == (km is None):
        raise ValueError("give exactly one of k (nearest neighbours) and km (distance band)")
    if isinstance(data, pd.DataFrame):
        lat, lon = data["lat"].to_numpy(dtype=float), data["lon"].to_numpy(dtype=float)
        n, mask = len(data), np.ones(len(data), dtype=bool)
        if candidates is not None:
            mask = data.index.isin(list(candidates))
    else:
        panel = as_panel(data)
        if panel.lat is None or panel.lon is None:
            raise ValueError("the panel has no coordinates: build it with coords=, "
                             "or resolve the places of the graph")
        lat, lon, n = panel.lat, panel.lon, panel.n
        mask = node_mask(panel, candidates)
    ok = np.isfinite(lat) & np.isfinite(lon)
    src = np.flatnonzero(ok)
    cand = np.flatnonzero(ok & mask)
    rows: np.ndarray
    if not len(src) or not len(cand):
        return sp.csr_matrix((n, n))
    tree = cKDTree(_xyz(lat[cand], lon[cand]))
    pts = _xyz(lat[src], lon[src])
    if k is not None:
        k = check_int("k", k)
        kk = min(k + 1, len(cand))
        d, j = tree.query(pts, k=kk)
        d, j = d.reshape(len(src), kk), j.reshape(len(src), kk)
        rows = np.repeat(src, kk)
        cols = cand[j.reshape(-1)]
        keep = rows != cols
        rows, cols = rows[keep], cols[keep]
        chord = d.reshape(-1)[keep]
        # keep the k nearest others (the self-match, when present, was dropped above)
        order = np.lexsort((chord, rows))
        rows, cols, chord = rows[order], cols[order], chord[order]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
        sel = rank < k
        rows, cols, chord = rows[sel], cols[sel], chord[sel]
    else:
        radius = check_number("km", km)
        chord_max = 2 * np.sin(radius / (2 * _R_EARTH_KM))
        other = cKDTree(pts)
        D = other.sparse_distance_matrix(tree, chord_max, output_type="coo_matrix")
        rows, cols, chord = src[D.row], cand[D.col], D.data
        keep = rows != cols
        rows, cols, chord = rows[keep], cols[keep], chord[keep]
    dist = 2 * _R_EARTH_KM * np.arcsin(np.clip(chord / 2, 0, 1))
    vals = 1.0 / np.maximum(dist, 1e-9) if inverse else np.ones(len(rows))
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
