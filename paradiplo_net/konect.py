"""KONECT's network statistics that :func:`paradiplo_net.stats.summary` does not report.

Every statistic follows the definition of the KONECT Handbook [1]_ and of the KONECT
Toolbox [2]_ (read, not copied: the formulas below are re-derived and tested on small
graphs). All of them read the **undirected simple collapse** of the contract graph
(:func:`paradiplo_net.model.collapse`): one tie per unordered city pair however many
statements (reciprocal or parallel) it holds, self-loops ignored, weights ignored. This is
KONECT's treatment of an undirected unweighted network such as ``twin``.

Degrees are the numbers of distinct partners; cities without any tie (degree 0) are left
out of the degree statistics (Gini, entropy, power law), as KONECT builds them from the edge
list, where isolated nodes do not appear.

On KONECT's own ``twin`` edge list (Wikidata, 2017) every statistic here agrees with the
values KONECT publishes for it to the digits published (triangles, wedges, claws, Gini
coefficient, relative entropy, power-law exponent, clustering, spectral norm, algebraic
connectivity, largest component and diameter; ``tests/test_konect.py``), except the distance
figures: KONECT publishes a mean distance of 7.654, a median of 8 and effective diameters of
7.004 and 10.165, all above what the largest component's exact distances give (7.347, 6,
6.618, 9.819); its page cannot be reproduced there from its own edge list.

Examples
--------
>>> import paradiplo_net as pn
>>> row = konect_statistics(pn.datasets.load("toy")).iloc[0]
>>> int(row["triangles"]), int(row["wedges"]), int(row["claws"])
(0, 11, 1)
"""

from __future__ import annotations

import logging
import math
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._checks import check_graph
from .model import collapse_undirected

__all__ = [
    "algebraic_connectivity",
    "degree_gini",
    "degree_relative_entropy",
    "effective_diameter",
    "hop_distribution",
    "konect_statistics",
    "power_law_exponent",
    "spectral_norm",
    "star_counts",
]

log = logging.getLogger(__name__)

def _adjacency(G: nx.MultiDiGraph) -> tuple[sp.csr_array, list[Any]]:
    """Symmetric 0/1 adjacency of the undirected simple collapse, loops removed."""
    U = collapse_undirected(G)
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    nodes = list(U.nodes())
    index = {n: i for i, n in enumerate(nodes)}
    rows = [index[u] for u, v in U.edges()]
    cols = [index[v] for u, v in U.edges()]
    n = len(nodes)
    A = sp.coo_array((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    A = ((A + A.T) > 0).astype(float)
    return sp.csr_array(A), nodes


def _degrees(A: sp.csr_array) -> np.ndarray:
    d = np.asarray(A.sum(axis=1)).ravel()
    return d[d > 0]


def star_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    r"""Triangle, wedge (2-star) and claw (3-star) counts of the undirected simple collapse.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph.

    Returns
    -------
    dict
        ``triangles``, ``wedges`` and ``claws`` (Python ints).

    Notes
    -----
    With :math:`A` the symmetric 0/1 adjacency and :math:`d_u` the degrees:
    triangles :math:`t = \operatorname{tr}(A^3)/6`; wedges
    :math:`s = \sum_u \binom{d_u}{2}`; claws :math:`z = \sum_u \binom{d_u}{3}`
    (KONECT's ``triangles``, ``twostars`` and ``threestars``). The global clustering
    coefficient is :math:`3t/s`.

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> import networkx as nx
    >>> from paradiplo_net import model
    >>> G = nx.MultiDiGraph([(1, 2), (2, 3), (3, 1), (1, 4)])  # a triangle and a pendant
    >>> star_counts(G)  # degrees 3, 2, 2, 1: wedges 3 + 1 + 1, claws 1
    {'triangles': 1, 'wedges': 5, 'claws': 1}
    """
    check_graph(G)
    A, _nodes = _adjacency(G)
    d = np.asarray(A.sum(axis=1)).ravel().astype(np.int64)
    triangles = round(float((A @ A).multiply(A).sum()) / 6) if A.shape[0] else 0
    return {
        "triangles": triangles,
        "wedges": int(np.sum(d * (d - 1) // 2)),
        "claws": int(np.sum(d * (d - 1) * (d - 2) // 6)),
    }


def degree_gini(G: nx.MultiDiGraph) -> float:
    r"""Gini coefficient of the degree distribution (KONECT's ``gini``).

    Notes
    -----
    Degrees :math:`d_{(1)} \le \dots \le d_{(n)}` of the :math:`n` cities with at least
    one tie, :math:`s_i = \sum_{j \le i} d_{(j)} / \sum_j d_j` the Lorenz curve;
    :math:`G = 1 - (2 \sum_i s_i - 1)/n`. 0 when every degree is equal, towards 1 when a
    few cities hold every tie. NaN without ties.

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> import networkx as nx
    >>> round(degree_gini(nx.MultiDiGraph([(1, 2), (2, 3), (3, 1)])), 6)  # all degrees 2
    0.0
    >>> round(degree_gini(nx.MultiDiGraph([(0, 1), (0, 2), (0, 3)])), 4)  # a star: 3, 1, 1, 1
    0.25
    """
    check_graph(G)
    d = np.sort(_degrees(_adjacency(G)[0]))
    if len(d) == 0:
        return math.nan
    s = np.cumsum(d) / d.sum()
    return float(1 - (2 * s.sum() - 1) / len(d))


def degree_relative_entropy(G: nx.MultiDiGraph) -> float:
    r"""Relative edge distribution entropy of the degrees (KONECT's ``dentropyn``).

    Notes
    -----
    :math:`H_{er} = -\frac{1}{\ln n} \sum_u p_u \ln p_u` with
    :math:`p_u = d_u / \sum_v d_v` over the :math:`n` cities with at least one tie: 1 when
    all degrees are equal, smaller when ties concentrate. NaN with fewer than two such cities.

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> import networkx as nx
    >>> degree_relative_entropy(nx.MultiDiGraph([(1, 2), (2, 3), (3, 1)]))  # equal degrees
    1.0
    >>> round(degree_relative_entropy(nx.MultiDiGraph([(0, 1), (0, 2), (0, 3)])), 4)
    0.8962
    """
    check_graph(G)
    d = _degrees(_adjacency(G)[0])
    if len(d) < 2:
        return math.nan
    p = d / d.sum()
    return float(-np.sum(p * np.log(p)) / math.log(len(d)))


def power_law_exponent(G: nx.MultiDiGraph) -> tuple[float, float]:
    r"""Whole-distribution power-law exponent of the degrees and its error (KONECT's ``power``).

    Unlike :func:`paradiplo_net.stats.summary`'s ``powerlaw_alpha`` (Clauset et al.'s tail
    fit above a chosen ``xmin``), this is the simple estimator over **all** positive degrees,
    with :math:`d_{\min}` the smallest of them.

    Returns
    -------
    (gamma, sigma) : tuple of float
        NaN, NaN when there are no ties or every degree is equal.

    Notes
    -----
    :math:`\gamma = 1 + n / \sum_u \ln(d_u / d_{\min})`, :math:`\sigma = \sqrt{n} /
    \sum_u \ln(d_u / d_{\min})` (Newman 2005, eqs. 5-6 [3]_, as in KONECT).

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).
    .. [3] Newman, M. E. J. (2005). Power laws, Pareto distributions and Zipf's law.
       *Contemporary Physics* 46(5), 323-351.

    Examples
    --------
    >>> import networkx as nx
    >>> g, s = power_law_exponent(nx.MultiDiGraph([(0, 1), (0, 2), (0, 3)]))
    >>> round(g, 4), round(s, 4)  # n = 4, sum ln(d/1) = ln 3: 1 + 4/ln 3, 2/ln 3
    (4.641, 1.8205)
    """
    check_graph(G)
    d = _degrees(_adjacency(G)[0])
    v = float(np.sum(np.log(d / d.min()))) if len(d) else 0.0
    if v == 0:
        return math.nan, math.nan
    return 1 + len(d) / v, math.sqrt(len(d)) / v


def spectral_norm(G: nx.MultiDiGraph) -> float:
    r"""Spectral norm: the largest absolute eigenvalue of the adjacency (KONECT's ``snorm``).

    Notes
    -----
    :math:`\|A\|_2 = \max_i |\lambda_i(A)|` of the symmetric 0/1 adjacency of the
    undirected simple collapse, by ARPACK's Lanczos iteration (:func:`scipy.sparse.linalg.eigsh`);
    dense for graphs under 3 nodes. 0 without ties.

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> import networkx as nx
    >>> round(spectral_norm(nx.MultiDiGraph([(0, 1), (0, 2), (0, 3)])), 6)  # star: sqrt(3)
    1.732051
    """
    check_graph(G)
    A, _nodes = _adjacency(G)
    if A.nnz == 0:
        return 0.0
    if A.shape[0] < 3:
        return float(np.max(np.abs(np.linalg.eigvalsh(A.toarray()))))
    from scipy.sparse.linalg import eigsh

    vals = eigsh(A, k=1, which="LM", return_eigenvectors=False)
    return float(np.abs(vals).max())


def _largest_component(A: sp.csr_array) -> sp.csr_array:
    from scipy.sparse.csgraph import connected_components

    _n, labels = connected_components(A, directed=False)
    sizes = np.bincount(labels)
    keep = np.flatnonzero(labels == int(np.argmax(sizes)))
    return sp.csr_array(A[keep][:, keep])


def algebraic_connectivity(G: nx.MultiDiGraph) -> float:
    r"""Algebraic connectivity of the largest connected component (KONECT's ``alcon``).

    Notes
    -----
    The second-smallest eigenvalue :math:`a = \lambda_2(L)` of the Laplacian
    :math:`L = D - A` of the largest component (Fiedler 1973 [4]_); KONECT restricts the
    Laplacian to that component too (``konect_decomposition_lap``). Computed with
    :func:`networkx.algebraic_connectivity` (LOBPCG / tracemin, tolerance 1e-10) on large
    components, densely below 500 nodes. NaN when the component has fewer than two nodes.

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).
    .. [4] Fiedler, M. (1973). Algebraic connectivity of graphs. *Czechoslovak Mathematical
       Journal* 23(2), 298-305.

    Examples
    --------
    >>> import networkx as nx
    >>> round(algebraic_connectivity(nx.MultiDiGraph([(0, 1), (1, 2)])), 6)  # path P3
    1.0
    """
    check_graph(G)
    A, _nodes = _adjacency(G)
    if A.nnz == 0:
        return math.nan
    C = _largest_component(A)
    n = C.shape[0]
    if n < 500:
        L = np.diag(np.asarray(C.sum(axis=1)).ravel()) - C.toarray()
        return float(np.sort(np.linalg.eigvalsh(L))[1])
    H = nx.from_scipy_sparse_array(C)
    return float(nx.algebraic_connectivity(H, method="tracemin_lu", tol=1e-10, seed=0))


def hop_distribution(G: nx.MultiDiGraph) -> np.ndarray:
    """KONECT's hop distribution of the largest connected component.

    Returns
    -------
    numpy.ndarray
        ``c[x]`` = number of *ordered* node pairs of the largest component, a node with
        itself included, at distance at most ``x``, for ``x = 0 .. diameter``: ``c[0]`` is
        the number of nodes ``n``, ``c[1] = n + 2m`` and ``c[-1] = n**2``.

    Notes
    -----
    As in KONECT's analysis (``hopdistr_comp.m``: largest component, ``konect_hopdistr``),
    from an exact all-pairs breadth-first search (igraph's ``path_length_hist``).

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> import networkx as nx
    >>> hop_distribution(nx.MultiDiGraph([(0, 1), (1, 2)])).tolist()  # path P3
    [3, 7, 9]
    """
    import igraph as ig

    check_graph(G)
    A, _nodes = _adjacency(G)
    if A.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    C = sp.triu(_largest_component(A), k=1).tocoo()
    n = C.shape[0]
    g = ig.Graph(n=n, edges=list(zip(C.row.tolist(), C.col.tolist(), strict=True)))
    counts = np.zeros(1, dtype=np.int64)
    if g.ecount():
        bins = [(int(lo), int(c)) for lo, _hi, c in g.path_length_hist(directed=False).bins()]
        counts = np.zeros(max(lo for lo, _c in bins) + 1, dtype=np.int64)
        for lo, c in bins:
            counts[lo] += 2 * c
    counts[0] = n
    return np.cumsum(counts)


def effective_diameter(hops: np.ndarray, p: float = 0.9) -> float:
    r"""Effective diameter at percentile ``p`` from a hop distribution (KONECT's ``diameff``).

    Parameters
    ----------
    hops : numpy.ndarray
        Cumulative counts as returned by :func:`hop_distribution`.
    p : float, default 0.9
        Share of node pairs, in (0, 1).

    Returns
    -------
    float
        The interpolated distance within which the share ``p`` of ordered node pairs
        (self-pairs included) lie. NaN for an empty distribution.

    Raises
    ------
    ValueError
        ``p`` not in (0, 1).

    Notes
    -----
    With :math:`c_x` the cumulative counts and :math:`a = p\,c_{\max}`, the first
    :math:`x` with :math:`c_x \le a < c_{x+1}` gives :math:`\delta_p = x + (a - c_x) /
    (c_{x+1} - c_x)`; KONECT's median distance is :math:`\lfloor \delta_{0.5} \rfloor`.

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> effective_diameter(np.array([3, 7, 9]), 0.5)  # a = 4.5: 0 + (4.5 - 3) / (7 - 3)
    0.375
    >>> round(effective_diameter(np.array([3, 7, 9]), 0.9), 4)  # a = 8.1: 1 + 1.1 / 2
    1.55
    """
    if not (isinstance(p, (int, float)) and 0 < p < 1):
        raise ValueError(f"p must be a number in (0, 1), got {p!r}")
    c = np.asarray(hops, dtype=float)
    if len(c) == 0:
        return math.nan
    amount = p * c[-1]
    for x in range(len(c) - 1):
        if c[x] <= amount < c[x + 1]:
            return float(x + (amount - c[x]) / (c[x + 1] - c[x]))
    return float(len(c) - 1)


def konect_statistics(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One-row table of KONECT's statistics missing from :func:`paradiplo_net.stats.summary`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph (or one read with :func:`paradiplo_net.io.read_konect`).

    Returns
    -------
    pandas.DataFrame
        One row indexed by ``G.graph["dataset"]`` with columns ``triangles``, ``wedges``,
        ``claws``, ``clustering`` (:math:`3t/s`, KONECT's global clustering coefficient),
        ``gini``, ``relative_entropy``, ``spectral_norm``, ``algebraic_connectivity``,
        ``lcc_nodes``, ``diameter``, ``median_distance``, ``mean_distance`` (over ordered
        pairs of the largest component, self-pairs included, as KONECT computes it),
        ``effective_diameter_50``, ``effective_diameter_90``, ``power_law_exponent`` and
        ``power_law_sigma``.

    Raises
    ------
    GraphContractError
        ``G`` is not a networkx.MultiDiGraph.

    See Also
    --------
    paradiplo_net.stats.summary : sizes, components, assortativity, Clauset power-law fit.

    Notes
    -----
    Definitions in the functions of this module (all on the undirected simple collapse).

    References
    ----------
    .. [1] Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. Int. Conf.
       on World Wide Web Companion*, 1343-1350. Definitions: Kunegis, J., *Handbook of
       Network Analysis [KONECT Project]*, arXiv:1402.5500.
    .. [2] KONECT Toolbox, github.com/kunegis/konect-toolbox (``m/konect_statistic_*.m``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = konect_statistics(pn.datasets.load("toy")).iloc[0]
    >>> int(s["lcc_nodes"]), int(s["diameter"]), int(s["median_distance"])
    (10, 6, 1)
    """
    check_graph(G)
    stars = star_counts(G)
    hops = hop_distribution(G)
    gamma, sigma = power_law_exponent(G)
    n = int(hops[0]) if len(hops) else 0
    steps = np.diff(hops, prepend=0) if len(hops) else np.zeros(0)
    mean = float(np.dot(np.arange(len(steps)), steps) / hops[-1]) if len(hops) else math.nan
    row = {
        **stars,
        "clustering": 3 * stars["triangles"] / stars["wedges"] if stars["wedges"] else math.nan,
        "gini": degree_gini(G),
        "relative_entropy": degree_relative_entropy(G),
        "spectral_norm": spectral_norm(G),
        "algebraic_connectivity": algebraic_connectivity(G),
        "lcc_nodes": n,
        "diameter": len(hops) - 1 if len(hops) else math.nan,
        "median_distance": math.floor(effective_diameter(hops, 0.5)) if n else math.nan,
        "mean_distance": mean,
        "effective_diameter_50": effective_diameter(hops, 0.5),
        "effective_diameter_90": effective_diameter(hops, 0.9),
        "power_law_exponent": gamma,
        "power_law_sigma": sigma,
    }
    return pd.DataFrame([row], index=pd.Index([G.graph.get("dataset")], name="dataset"))
