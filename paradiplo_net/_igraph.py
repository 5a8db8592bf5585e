"""The one bridge to igraph: cached conversion of contract graphs and a seeded random generator.

Every module that runs an igraph algorithm goes through here:

- :func:`to_igraph` converts a contract graph once and caches the result per graph object
  (re-exported as :func:`paradiplo_net.stats.to_igraph`);
- :func:`seeded` runs a block with igraph drawing from a private ``random.Random(seed)`` and
  restores the generator igraph used before, so no call leaves process-wide state changed
  and every randomised igraph call (community detection, the ARPACK start vector of the
  eigenvector centrality, ...) is reproducible for a given seed.

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net._igraph import seeded, to_igraph
>>> view = to_igraph(pn.datasets.load("toy"))
>>> with seeded(42):
...     a = view.U.community_label_propagation().membership
>>> with seeded(42):
...     b = view.U.community_label_propagation().membership
>>> a == b
True
"""

from __future__ import annotations

import logging
import os
import random
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .settings import ENV, settings

# Environment before import: an OpenMP or BLAS runtime reads OMP_NUM_THREADS once, when it is
# loaded. An explicit OMP_NUM_THREADS of the user wins; PARADIPLO_THREADS (default 1) else.
if ENV["threads"] in os.environ or "OMP_NUM_THREADS" not in os.environ:
    os.environ["OMP_NUM_THREADS"] = str(settings.threads)

import igraph as ig
import networkx as nx
import numpy as np

from ._checks import check_graph

__all__ = [
    "CACHE_KEY", "CHUNK_CELLS", "IgraphView", "apply_threads", "clear_cache", "current_rng",
    "distance_chunks", "distance_sums", "invalidate", "seeded", "to_igraph",
]

log = logging.getLogger(__name__)


@dataclass
class IgraphView:
    """The igraph form of a contract graph, built once per graph version.

    ``nodes`` lists the node ids in igraph vertex order. ``U`` is the undirected simple
    collapse (edge attribute ``weight`` = statements per unordered pair), ``D`` the directed
    simple collapse (``weight`` = statements per ordered pair). ``in_deg``/``out_deg`` count
    statements. ``measures`` caches computed vertex measures keyed by (name, parameters).
    """

    token: object
    nodes: list[str]
    U: ig.Graph
    D: ig.Graph
    in_deg: np.ndarray
    out_deg: np.ndarray
    measures: dict[tuple, Any] = field(default_factory=dict)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

#: Key of this module's validity token in ``G.__networkx_cache__``.
CACHE_KEY = "paradiplo_net.igraph"


def _root(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph that owns ``G``'s data: ``G`` itself, or the base graph of a view.

    networkx views (``G.subgraph``, ``G.reverse(copy=False)``, ``nx.subgraph_view``) have
    their own ``__networkx_cache__``, which is *not* cleared when the base graph changes;
    the base graph's is.
    """
    while hasattr(G, "_graph"):
        G = G._graph
    return G


def _token(G: nx.MultiDiGraph) -> object:
    """The current version token of ``G``'s data (created on first use).

    networkx (3.3 and later; checked on the installed 3.6.1) calls ``nx._clear_cache(G)``,
    which empties ``G.__networkx_cache__``, in every method that changes nodes or edges:
    ``add_node(s_from)``, ``remove_node(s_from)``, ``add_edge(s_from)``,
    ``add_weighted_edges_from``, ``remove_edge(s_from)``, ``update``, ``clear``,
    ``clear_edges`` (networkx/classes/graph.py, digraph.py, multigraph.py, multidigraph.py)
    and ``nx.set_node_attributes`` / ``nx.set_edge_attributes`` (classes/function.py). A token
    stored there therefore survives exactly as long as the topology is unchanged: the check
    is one dictionary lookup, whatever the size of the graph.
    """
    root = _root(G)
    cache = getattr(root, "__networkx_cache__", None)
    if cache is None:  # a graph class without the networkx cache: never reuse
        return object()
    token = cache.get(CACHE_KEY)
    if token is None:
        token = cache[CACHE_KEY] = object()
    return token


def invalidate(G: nx.MultiDiGraph) -> None:
    """Mark ``G`` as changed: the next :func:`to_igraph` call converts it again.

    networkx does this itself in every method that changes nodes or edges. Call it after
    editing the adjacency dictionaries directly (``G._succ``, ``G._pred``, ``G._adj``,
    ``G._node``), which networkx cannot see.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> view = to_igraph(G)
    >>> invalidate(G)
    >>> to_igraph(G) is view
    False
    """
    cache = getattr(_root(G), "__networkx_cache__", None)
    if cache is not None:
        cache.pop(CACHE_KEY, None)


def _simple(E: np.ndarray, n: int, *, directed: bool) -> ig.Graph:
    """Simple igraph graph of an edge array, ``weight`` = statements per pair."""
    pairs = E if directed else np.sort(E, axis=1)
    if len(E):
        pairs, weights = np.unique(pairs, axis=0, return_counts=True)
    else:
        weights = np.zeros(0, dtype=np.int64)
    H = ig.Graph(n=n, edges=pairs.tolist(), directed=directed)
    H.es["weight"] = weights.astype(float).tolist()
    return H


def to_igraph(G: nx.MultiDiGraph) -> IgraphView:
    """Return the igraph form of ``G``, converted once and cached per graph.

    The cache is keyed on the graph object (a weak reference) and checked in O(1): the view
    is valid while the token it was built under is still in ``G.__networkx_cache__``, which
    networkx empties on every change of nodes or edges (see :func:`invalidate` for direct
    edits of the adjacency). Adding or removing a node or edge therefore triggers a fresh
    conversion; attribute changes do not (nothing attribute-dependent is cached).
    :mod:`paradiplo_net.centrality` and :mod:`paradiplo_net.communities` run their heavy
    measures on it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph.

    Returns
    -------
    IgraphView
        The undirected (``U``) and directed (``D``) simple collapses, node order and degrees.

    Raises
    ------
    GraphContractError
        If ``G`` is not a networkx.MultiDiGraph.

    References
    ----------
    .. [1] Csardi, G., Nepusz, T. (2006). The igraph software package for complex network
       research. *InterJournal Complex Systems* 1695.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> view = pn.stats.to_igraph(pn.datasets.load("toy"))
    >>> view.U.vcount(), view.U.ecount(), view.D.ecount()
    (10, 10, 11)
    """
    check_graph(G)
    apply_threads()
    token = _token(G)
    hit = _CACHE.get(G)
    if hit is not None and hit.token is token:
        return hit
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    # (an empty edge list gives shape (0,), hence the reshape)
    E = np.array([(index[u], index[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
    in_deg = np.bincount(E[:, 1], minlength=n) if n else np.zeros(0, dtype=np.int64)
    out_deg = np.bincount(E[:, 0], minlength=n) if n else np.zeros(0, dtype=np.int64)
    U = _simple(E, n, directed=False)
    D = _simple(E, n, directed=True)
    conv = IgraphView(token, nodes, U, D, in_deg, out_deg)
    _CACHE[G] = conv
    log.debug("converted %s to igraph: %d nodes, %d pairs", G.graph.get("dataset"), n,
              U.ecount())
    return conv


_applied_threads: int | None = None


def apply_threads() -> int:
    """Limit igraph's OpenMP and the BLAS to ``settings.threads`` threads (default 1).

    On a shared 2-core machine igraph's bundled OpenMP made a 1.6 ms PageRank take up to
    1.6 s of wall time when the other core was busy; one thread gives 1.6 ms every time.
    Two mechanisms, both documented in :mod:`paradiplo_net.settings`:

    - at import of this module, ``OMP_NUM_THREADS`` is set from ``PARADIPLO_THREADS`` (or 1)
      unless the user set ``OMP_NUM_THREADS`` and not ``PARADIPLO_THREADS``; it governs
      runtimes loaded afterwards;
    - here, when :mod:`threadpoolctl` is installed, the limit is applied to every OpenMP and
      BLAS runtime already loaded (igraph's libgomp, numpy's OpenBLAS). This runs on every
      :func:`to_igraph` call but does work only when ``settings.threads`` changed since the
      last call (one comparison otherwise).

    Returns
    -------
    int
        The thread limit in force.

    Examples
    --------
    >>> from paradiplo_net.settings import settings
    >>> apply_threads() == settings.threads
    True
    """
    global _applied_threads  # noqa: PLW0603 - the runtimes' thread pools are process-wide
    n = int(settings.threads)
    if n == _applied_threads:
        return n
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional; the environment variable still applies
        log.debug("threadpoolctl not installed: threads limited through OMP_NUM_THREADS only")
    else:
        threadpool_limits(limits=n)
    _applied_threads = n
    return n


#: Most distance-matrix cells (float64) :func:`distance_chunks` holds at once: 32 MB.
CHUNK_CELLS = 4_000_000


def distance_chunks(H: ig.Graph, sources: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Unweighted distances from ``sources`` in ``H``, as numpy blocks: (start, rows).

    ``rows[i, v]`` is the distance from ``sources[start + i]`` to ``v`` (``inf`` when
    unreachable); each block holds at most :data:`CHUNK_CELLS` cells. Breadth-first searches
    by :func:`scipy.sparse.csgraph.shortest_path` on the adjacency matrix (both directions
    for an undirected ``H``): no Python list of distances is ever built (igraph's
    ``distances`` returns one, 100M Python floats per 100 sources at 1M nodes).

    Examples
    --------
    >>> import igraph as ig, numpy as np
    >>> [(start, d.tolist()) for start, d in distance_chunks(ig.Graph.Ring(4), np.array([0]))]
    [(0, [[0.0, 1.0, 2.0, 1.0]])]
    """
    return _chunks(_out_adjacency(H), sources)


def _out_adjacency(H: ig.Graph) -> Any:
    """``H`` as a CSR matrix: row ``u`` lists ``u``'s out-neighbours, repeated links merged.

    An undirected ``H`` has every link in both directions.
    """
    from scipy.sparse import csr_matrix

    n = H.vcount()
    E = np.array(H.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    rows, cols = E[:, 0], E[:, 1]
    if not H.is_directed():
        rows, cols = np.concatenate([rows, cols]), np.concatenate([cols, rows])
    A = csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    A.sum_duplicates()
    return A


def _chunks(A: Any, sources: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """:func:`distance_chunks` on the out-adjacency ``A`` of :func:`_out_adjacency`."""
    from scipy.sparse.csgraph import shortest_path

    n = A.shape[0]
    step = max(1, min(100, CHUNK_CELLS // max(n, 1)))
    for start in range(0, len(sources), step):
        chunk = np.asarray(sources[start:start + step], dtype=np.int64)
        yield start, shortest_path(A, directed=True, unweighted=True, indices=chunk)


#: Most breadth-first levels :func:`distance_sums` runs bit-parallel for one batch; a graph
#: whose searches go deeper (a long chain, not a twinning network: their diameters stay under
#: 40) has the batch searched by :func:`distance_chunks` instead, which costs per node.
MAX_PARALLEL_LEVELS = 128


#: Push from the frontier (scatter its words to its out-neighbours) while its links are fewer
#: than this share of all links; else pull (every node ORs its in-neighbours' words): the
#: direction-optimising switch of Beamer et al. (2012), measured best near 0.3 here.
PUSH_BELOW = 0.3


def _bit_levels(
    pull: Any, push: Any, n: int, src: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Breadth-first levels of up to 64 sources at once, one bit per source in a word per node.

    ``pull`` and ``push`` are the CSR adjacency by in- and by out-neighbours (the same matrix
    for an undirected graph). Level ``L`` is ``(nodes, bits)``: the nodes first reached at
    distance ``L`` by any source, and a (nodes x sources) 0/1 matrix of which sources reached
    them. ``None`` past :data:`MAX_PARALLEL_LEVELS` levels.
    """
    one = np.uint64(1)
    has = np.diff(pull.indptr) > 0
    starts = pull.indptr[:-1][has]
    out_degree = np.diff(push.indptr)
    frontier = np.zeros(n, dtype=np.uint64)
    frontier[src] |= one << np.arange(len(src), dtype=np.uint64)
    active = np.unique(src)
    seen = frontier.copy()
    levels: list[tuple[np.ndarray, np.ndarray]] = []
    while True:
        reach = np.zeros(n, dtype=np.uint64)
        lengths = out_degree[active]
        total = int(lengths.sum())
        if total < PUSH_BELOW * len(pull.indices):
            # the frontier's out-links only: positions of their slices in push.indices
            at = np.repeat(push.indptr[active] - (np.cumsum(lengths) - lengths), lengths)
            targets = push.indices[at + np.arange(total)]
            np.bitwise_or.at(reach, targets, np.repeat(frontier[active], lengths))
        else:
            # a node's word after one step: the OR of its in-neighbours' words
            reach[has] = np.bitwise_or.reduceat(frontier[pull.indices], starts)
        new = reach & ~seen
        nodes = np.flatnonzero(new)
        if not len(nodes):
            return levels
        if len(levels) == MAX_PARALLEL_LEVELS:
            return None
        seen |= new
        bits = np.unpackbits(new[nodes].view(np.uint8).reshape(-1, 8), axis=1,
                             bitorder="little")[:, :len(src)]
        levels.append((nodes, bits))
        frontier, active = new, nodes


def distance_sums(H: ig.Graph, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per source: the sum of distances to the nodes it reaches, its eccentricity, a farthest node.

    Unweighted distances in ``H`` (both directions for an undirected ``H``), as
    :func:`distance_chunks` gives them, but without a distance matrix: 64 sources are searched
    at once, bit-parallel (one bit per source in a 64-bit word per node; every level is one
    vectorised pass over the links, or over the frontier's links while it is small), after the
    multi-source BFS of Then et al. (2014), "The More the Merrier: Efficient Multi-Source
    Graph Traversal", PVLDB 8(4), and the direction-optimising BFS of Beamer, Asanović and
    Patterson (2012), SC'12. The farthest node is the one of smallest index among those at
    the largest distance, as ``argmax`` of a distance row gives it; a source that reaches no
    other node is its own farthest node.

    Returns ``(sums, ecc, far)``, integer arrays in the order of ``sources``.

    Examples
    --------
    >>> import igraph as ig, numpy as np
    >>> [a.tolist() for a in distance_sums(ig.Graph.Ring(5), np.array([0, 2]))]
    [[6, 6], [2, 2], [2, 0]]
    """
    n = H.vcount()
    out = _out_adjacency(H)
    # row v of pull lists v's in-neighbours: the nodes whose words reach v in one step
    pull = out if not H.is_directed() else out.T.tocsr()
    src_all = np.asarray(sources, dtype=np.int64)
    k = len(src_all)
    sums = np.zeros(k, dtype=np.int64)
    ecc = np.zeros(k, dtype=np.int64)
    far = src_all.copy()
    for b0 in range(0, k, 64):
        src = src_all[b0:b0 + 64]
        levels = _bit_levels(pull, out, n, src)
        if levels is None:  # too deep for bit-parallel levels: one search per source
            for start, rows in _chunks(out, src):
                d = np.where(np.isinf(rows), -1.0, rows)  # unreachable: below every distance
                at = slice(b0 + start, b0 + start + len(d))
                sums[at] = np.maximum(d, 0).sum(axis=1).astype(np.int64)
                ecc[at] = d.max(axis=1).astype(np.int64)
                far[at] = np.argmax(d, axis=1)
            continue
        for depth, (nodes, bits) in enumerate(levels, start=1):
            # per source, the nodes it first reaches at this depth: a float32 BLAS product,
            # 4x faster than summing the 0/1 columns and exact (counts of < 2**24 nodes)
            real = np.float32 if len(nodes) < 2**24 else np.float64
            reached = (np.ones(len(nodes), dtype=real) @ bits.astype(real)).astype(np.int64)
            sums[b0:b0 + len(src)] += depth * reached
            ecc[b0:b0 + len(src)][reached > 0] = depth
        for j in np.flatnonzero(ecc[b0:b0 + len(src)]):
            nodes, bits = levels[ecc[b0 + j] - 1]
            far[b0 + j] = nodes[np.argmax(bits[:, j])]
    return sums, ecc, far


def clear_cache() -> None:
    """Forget every cached igraph conversion and measure (normally never needed).

    Examples
    --------
    >>> clear_cache()
    """
    _CACHE.clear()


# igraph offers no getter for its generator: the one installed through this module is tracked
# here. igraph's own default is the ``random`` module.
_current_rng: Any = random


def current_rng() -> Any:
    """The generator igraph draws from now (the ``random`` module unless inside :func:`seeded`).

    Examples
    --------
    >>> import random
    >>> current_rng() is random
    True
    """
    return _current_rng


@contextmanager
def seeded(seed: int) -> Iterator[random.Random]:
    """Run a block with igraph drawing from a private ``random.Random(seed)``.

    The generator igraph used before (tracked by this module, see :func:`current_rng`) is
    restored on exit, also after an error; blocks nest. Nothing process-wide is left
    changed: the state of the ``random`` module is neither read nor advanced.

    Parameters
    ----------
    seed : int
        Seed of the private generator (callers check it, e.g. with
        :func:`paradiplo_net._checks.check_int`).

    Yields
    ------
    random.Random
        The generator igraph draws from inside the block.

    Examples
    --------
    >>> import random
    >>> with seeded(7) as rng:
    ...     current_rng() is rng
    True
    >>> current_rng() is random
    True
    """
    global _current_rng  # noqa: PLW0603 - igraph's generator is process-wide by design
    rng = random.Random(int(seed))
    previous = _current_rng
    ig.set_random_number_generator(rng)
    _current_rng = rng
    try:
        yield rng
    finally:
        ig.set_random_number_generator(previous)
        _current_rng = previous
