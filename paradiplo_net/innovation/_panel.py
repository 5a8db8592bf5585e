"""The diffusion panel: node order, times of adoption, periods, adjacency (private).

Every measure of :mod:`paradiplo_net.innovation` is a function of one
:class:`DiffusionPanel`. :func:`diffusion_panel` builds it from a contract graph (times of
adoption = year of each city's first dated link) or from generic inputs (an adjacency and a
Series of times of adoption), so that any diffusion network (netdiffuseR's
``medInnovations``, say) can be analysed the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._checks import check_option
from ..errors import SchemaError, format_problems

__all__ = ["DiffusionPanel", "diffusion_panel"]

_NETWORKS = ("static", "formed_by")


@dataclass(frozen=True, eq=False)
class DiffusionPanel:
    """Nodes, times of adoption and the adjacency of a diffusion, period by period.

    Attributes
    ----------
    nodes : pandas.Index
        Node ids, in the order of every array and matrix below.
    toa : numpy.ndarray
        Time of adoption of each node (float; NaN = never adopted within the data).
    periods : numpy.ndarray
        The integer periods ``t0, t0 + 1, ..., t1`` (inclusive).
    graphs : tuple of scipy.sparse.csr_matrix
        One adjacency (static network) or one per period. ``graphs[..][i, j]`` is the value
        of the tie ``i -> j`` (``i`` names / lists ``j``); self-ties are kept here and dropped
        by the measures.
    lat, lon : numpy.ndarray or None
        Coordinates in degrees (NaN where unknown), used by :func:`geo_weights`.
    params : dict
        How the panel was built: ``source`` (``"graph"``, ``"adjacency"``), ``network``
        (``"static"`` or ``"formed_by"``), ``directed``, ``dataset``, ``n_undated``.

    Examples
    --------
    >>> import numpy as np, pandas as pd, scipy.sparse as sp
    >>> A = sp.csr_matrix(np.array([[0, 1], [1, 0]]))
    >>> P = diffusion_panel(A, pd.Series([1, 2]))
    >>> P.n, P.T, P.periods.tolist(), P.static
    (2, 2, [1, 2], True)
    >>> P.cumadopt().astype(int).tolist()
    [[1, 1], [0, 1]]
    """

    nodes: pd.Index
    toa: np.ndarray
    periods: np.ndarray
    graphs: tuple[sp.csr_matrix, ...]
    lat: np.ndarray | None = None
    lon: np.ndarray | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def T(self) -> int:  # noqa: N802 (the field's notation, as netdiffuseR's T)
        """Number of periods."""
        return len(self.periods)

    @property
    def static(self) -> bool:
        """True when one adjacency serves every period."""
        return len(self.graphs) == 1

    def graph(self, i: int) -> sp.csr_matrix:
        """The adjacency of the ``i``-th period (0-based)."""
        return self.graphs[0] if self.static else self.graphs[i]

    def cumadopt(self) -> np.ndarray:
        """Boolean ``n x T`` matrix: node ``i`` has adopted at or before period ``t``."""
        with np.errstate(invalid="ignore"):
            return self.toa[:, None] <= self.periods[None, :]

    def adopt(self) -> np.ndarray:
        """Boolean ``n x T`` matrix: node ``i`` adopts in period ``t``."""
        return self.toa[:, None] == self.periods[None, :]

    def __repr__(self) -> str:
        net = "static" if self.static else "dynamic"
        adopters = int(np.isfinite(self.toa).sum())
        return (f"DiffusionPanel(n={self.n}, periods={self.periods[0]}..{self.periods[-1]}, "
                f"{net}, adopters={adopters})")


def _toa_array(toa: Any, nodes: pd.Index) -> np.ndarray:
    """Times of adoption aligned on ``nodes`` (by label if the index matches, else by position)."""
    s = toa if isinstance(toa, pd.Series) else pd.Series(np.asarray(toa, dtype=float))
    if len(s) != len(nodes):
        raise SchemaError(format_problems("toa", [
            f"expected one time of adoption per node ({len(nodes)}), found {len(s)}"],
            fix="give a Series indexed by node id (NaN = never adopted)"))
    if isinstance(toa, pd.Series) and set(s.index) == set(nodes):
        s = s.reindex(nodes)
    vals = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    bad = [f"{nodes[i]!r}: {s.iloc[i]!r}" for i in np.flatnonzero(
        (np.isfinite(vals) & (vals != np.round(vals))) | (np.isnan(vals) & s.notna().to_numpy()))]
    if bad:
        raise SchemaError(format_problems("toa", [f"not an integer period: {b}" for b in bad],
                                          fix="times of adoption are integer periods or NaN"))
    return vals


def _periods(toa: np.ndarray, periods: tuple[int, int] | None) -> np.ndarray:
    if periods is None:
        fin = toa[np.isfinite(toa)]
        if not len(fin):
            raise SchemaError(format_problems("toa", ["no node has a time of adoption"],
                                              fix="give at least one finite time of adoption"))
        return np.arange(int(fin.min()), int(fin.max()) + 1)
    t0, t1 = periods
    if not (isinstance(t0, (int, np.integer)) and isinstance(t1, (int, np.integer))) or t0 > t1:
        raise ValueError(f"periods must be (t0, t1) ints with t0 <= t1, got {periods!r}")
    return np.arange(int(t0), int(t1) + 1)


def _from_contract(G: nx.MultiDiGraph, network: str, periods: tuple[int, int] | None
                   ) -> DiffusionPanel:
    from ..temporal import adoption

    nodes = pd.Index(list(G.nodes), dtype="object")
    pos = {u: i for i, u in enumerate(nodes)}
    first = adoption(G)["first_year"].reindex(nodes)
    toa = first.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    per = _periods(toa, periods)
    rows, cols, years, ends = [], [], [], []
    for u, v, d in G.edges(data=True):
        rows.append(pos[u])
        cols.append(pos[v])
        years.append(math.nan if d.get("year") is None else d["year"])
        ends.append(math.inf if d.get("end_year") is None else d["end_year"])
    r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y, e = np.array(years, dtype=float), np.array(ends, dtype=float)
    n = len(nodes)

    def sym(mask: np.ndarray) -> sp.csr_matrix:
        A = sp.coo_matrix((np.ones(int(mask.sum())), (r[mask], c[mask])), shape=(n, n))
        return (A + A.T).tocsr()

    if network == "static":
        graphs: tuple[sp.csr_matrix, ...] = (sym(np.ones(len(r), dtype=bool)),)
    else:
        with np.errstate(invalid="ignore"):
            graphs = tuple(sym((y <= t) & (t < e)) for t in per)
    lat = np.array([np.nan if G.nodes[u].get("lat") is None else G.nodes[u]["lat"]
                    for u in nodes], dtype=float)
    lon = np.array([np.nan if G.nodes[u].get("lon") is None else G.nodes[u]["lon"]
                    for u in nodes], dtype=float)
    params = {"source": "graph", "network": network, "directed": False,
              "dataset": G.graph.get("dataset"), "n_undated": int(np.isnan(y).sum())}
    return DiffusionPanel(nodes, toa, per, graphs, lat, lon, params)


def _adjacency(adj: Any, toa: Any) -> tuple[pd.Index, sp.csr_matrix, bool]:
    if isinstance(adj, nx.Graph):
        directed = adj.is_directed()
        labels = list(toa.index) if isinstance(toa, pd.Series) else list(adj.nodes)
        missing = [u for u in adj.nodes if u not in set(labels)]
        if missing:
            raise SchemaError(format_problems(
                "toa", [f"node {u!r} of the graph has no entry in toa" for u in missing],
                fix="index toa by every node of the graph (NaN = never adopted)"))
        H = nx.DiGraph(adj) if directed else nx.Graph(adj)
        H.add_nodes_from(labels)
        A = nx.to_scipy_sparse_array(H, nodelist=labels, weight="weight", format="csr")
        return pd.Index(labels, dtype="object"), sp.csr_matrix(A, dtype=float), directed
    if sp.issparse(adj) or isinstance(adj, np.ndarray):
        A = sp.csr_matrix(adj, dtype=float)
        if A.shape[0] != A.shape[1]:
            raise SchemaError(format_problems("adjacency", [f"not square: shape {A.shape}"],
                                              fix="give an n x n matrix"))
        labels = list(toa.index) if isinstance(toa, pd.Series) else list(range(A.shape[0]))
        if len(labels) != A.shape[0]:
            raise SchemaError(format_problems("toa", [
                f"expected one time of adoption per node ({A.shape[0]}), found {len(labels)}"],
                fix="give one time of adoption per row of the adjacency (NaN = never)"))
        directed = (A != A.T).nnz > 0
        return pd.Index(labels, dtype="object"), A, directed
    raise TypeError("expected a contract MultiDiGraph, a DiffusionPanel, a networkx graph or a "
                    f"scipy sparse / numpy adjacency, got {type(adj).__name__}")


def diffusion_panel(
    data: Any,
    toa: Any = None,
    *,
    network: Literal["static", "formed_by"] = "static",
    periods: tuple[int, int] | None = None,
    coords: pd.DataFrame | None = None,
) -> DiffusionPanel:
    """Build the :class:`DiffusionPanel` every measure of this module works on.

    Definitions
        From a contract graph ``G`` (:mod:`paradiplo_net.model`): a city's time of adoption
        is the year of its first dated link (:func:`paradiplo_net.temporal.adoption`: either
        side, ended links included; cities whose links are all undated have NaN and are
        never adopters here). Twinning is mutual, so the adjacency is the undirected
        collapse: ``A[i, j]`` = the number of links (statements, parallel edges, both
        directions) between ``i`` and ``j``. ``network="static"`` uses every link, dated or
        not, in every period (as netdiffuseR's ``medInnovationsDiffNet``, a network surveyed
        once); ``network="formed_by"`` gives period ``t`` the links formed by ``t`` and not
        ended (``year <= t < end_year``; undated links never enter). Note that a city has no
        link before its own first link, so its ``formed_by`` exposure before adoption is 0 by
        construction: use it for the exposure of the partners' partners, not of newcomers.

        From generic inputs: ``data`` is a scipy sparse / numpy adjacency (``A[i, j]`` the
        tie ``i -> j``, in the order of ``toa``) or a networkx (Di)Graph (edge ``weight``,
        default 1) and ``toa`` a Series of integer times of adoption indexed by node (NaN =
        never). A node of ``toa`` absent from the graph is an isolate; a node of the graph
        absent from ``toa`` is an error.

    Parameters
    ----------
    data : networkx.MultiDiGraph, DiffusionPanel, networkx.Graph/DiGraph, scipy sparse or ndarray
    toa : pandas.Series or array-like, optional
        Required for generic inputs; not allowed with a contract graph.
    network : {"static", "formed_by"}, default "static"
        Contract graphs only (see Definitions).
    periods : (int, int), optional
        First and last period, inclusive. Default: from the earliest to the latest time of
        adoption. Nodes adopting before ``t0`` count as adopted in every period; after
        ``t1``, as not adopted within the window.
    coords : pandas.DataFrame, optional
        ``lat`` and ``lon`` columns indexed by node, for generic inputs (geographic exposure).

    Returns
    -------
    DiffusionPanel

    Raises
    ------
    SchemaError
        ``toa`` of the wrong length, not integer, without any adoption, or missing a node.
    TypeError
        ``data`` of an unsupported type.
    ValueError
        Unknown ``network``; bad ``periods``; ``toa`` given with a contract graph.

    References
    ----------
    Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*. Hampton Press.

    Vega Yon, G. G., & Valente, T. W. netdiffuseR: Analysis of Diffusion and Contagion
    Processes on Networks (R package); Valente, T. W., & Vega Yon, G. G. (2020).
    Diffusion/contagion processes on social networks. *Health Education & Behavior*, 47(2),
    235-248.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> P = diffusion_panel(pn.datasets.load("toy"))
    >>> P
    DiffusionPanel(n=10, periods=1944..1994, static, adopters=10)
    >>> int(P.graph(0)[P.nodes.get_loc("A"), P.nodes.get_loc("B")])  # A->B and B->A
    2
    """
    if isinstance(data, DiffusionPanel):
        if toa is not None:
            raise ValueError("toa is already in the DiffusionPanel; pass toa=None")
        return data
    check_option("network", network, _NETWORKS)
    if isinstance(data, nx.MultiDiGraph) and toa is None:
        return _from_contract(data, network, periods)
    if toa is None:
        raise ValueError("toa (times of adoption) is required with an adjacency or simple graph")
    if network != "static":
        raise ValueError("network='formed_by' needs a contract graph with link years")
    nodes, A, directed = _adjacency(data, toa)
    t = _toa_array(toa, nodes)
    lat = lon = None
    if coords is not None:
        c = coords.reindex(nodes)
        lat, lon = c["lat"].to_numpy(dtype=float), c["lon"].to_numpy(dtype=float)
    params = {"source": "adjacency", "network": "static", "directed": directed,
              "dataset": None, "n_undated": 0}
    return DiffusionPanel(nodes, t, _periods(t, periods), (A,), lat, lon, params)


def as_panel(data: Any, toa: Any = None) -> DiffusionPanel:
    """The panel of ``data`` (a panel is returned unchanged)."""
    return diffusion_panel(data, toa)


def node_mask(panel: DiffusionPanel, nodes: Iterable[Any] | None) -> np.ndarray:
    """Boolean mask of ``nodes`` in the panel's order (all when None); unknown ids are an error."""
    if nodes is None:
        return np.ones(panel.n, dtype=bool)
    wanted = list(nodes)
    idx = panel.nodes.get_indexer(wanted)
    if (idx < 0).any():
        bad = [repr(w) for w, i in zip(wanted, idx, strict=True) if i < 0]
        raise SchemaError(format_problems("nodes", [f"unknown node {b}" for b in bad],
                                          fix="give ids of the panel's nodes"))
    mask = np.zeros(panel.n, dtype=bool)
    mask[idx] = True
    return mask
