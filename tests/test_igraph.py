"""The igraph bridge: cached conversion and the seeded random generator."""

import random

import igraph as ig
import pytest

import paradiplo_net as pn
from paradiplo_net import _igraph


def _draw():
    """Edges of a random igraph graph: what igraph's current generator produces."""
    return ig.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist()


def test_seeded_is_reproducible_and_restores_default():
    with _igraph.seeded(5):
        a = _draw()
    with _igraph.seeded(5):
        b = _draw()
    with _igraph.seeded(6):
        c = _draw()
    assert a == b
    assert a != c
    assert _igraph.current_rng() is random
    random.seed(11)
    expected = _draw()
    random.seed(11)
    assert _draw() == expected  # igraph draws from the random module again


def test_seeded_nests_and_restores_after_error():
    with _igraph.seeded(1) as outer:
        with _igraph.seeded(2) as inner:
            assert _igraph.current_rng() is inner
        assert _igraph.current_rng() is outer
    with pytest.raises(RuntimeError), _igraph.seeded(3):
        raise RuntimeError("boom")
    assert _igraph.current_rng() is random


def test_seeded_leaves_random_module_untouched():
    random.seed(3)
    expected = [random.random() for _ in range(3)]
    random.seed(3)
    with _igraph.seeded(9):
        _draw()
    assert [random.random() for _ in range(3)] == expected


def test_stats_reexports_the_bridge():
    assert pn.stats.to_igraph is _igraph.to_igraph
    assert pn.stats.clear_cache is _igraph.clear_cache
    assert pn.stats.IgraphView is _igraph.IgraphView
    assert pn.stats._CACHE is _igraph._CACHE


# ------------------------------------------------------------- O(1) cache validity (issue 20)


def _link(G, u, v):
    G.add_edge(u, v, year=2000, end_year=None, phase=None, phase_source=None,
               kind="twin_town", dataset="toy")


def test_cache_token_lives_in_the_networkx_cache():
    import networkx as nx

    G = pn.datasets.load("toy")
    view = _igraph.to_igraph(G)
    assert G.__networkx_cache__[_igraph.CACHE_KEY] is view.token
    assert _igraph.to_igraph(G) is view
    G.nodes["A"]["name"] = "Renamed"  # attributes are not cached: same view
    assert _igraph.to_igraph(G) is view
    G.add_node("Z", name="Z", country=None, lat=None, lon=None, level="municipality")
    view2 = _igraph.to_igraph(G)
    assert view2 is not view and view2.U.vcount() == 11
    nx.set_node_attributes(G, {"Z": "Zed"}, "name")  # networkx clears its cache here too
    assert _igraph.to_igraph(G) is not view2


def test_views_follow_their_base_graph():
    G = pn.datasets.load("toy")
    H = G.subgraph(["A", "B", "C", "J"])
    before = _igraph.to_igraph(H)
    assert _igraph.to_igraph(H) is before
    _link(G, "A", "J")  # changes H's topology, though H's own networkx cache is untouched
    after = _igraph.to_igraph(H)
    assert after is not before
    assert after.U.are_adjacent(after.nodes.index("A"), after.nodes.index("J"))


def test_invalidate_after_direct_adjacency_edits():
    G = pn.datasets.load("toy")
    view = _igraph.to_igraph(G)
    keydict = {0: {"year": None}}
    G._succ["A"]["J"] = keydict  # networkx cannot see this
    G._pred["J"]["A"] = keydict
    assert _igraph.to_igraph(G) is view  # stale, as documented
    _igraph.invalidate(G)
    fresh = _igraph.to_igraph(G)
    assert fresh is not view and fresh.D.ecount() == view.D.ecount() + 1


def test_threads_are_applied_to_igraph_openmp():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from paradiplo_net.settings import settings

    def omp():
        return {d["num_threads"] for d in threadpoolctl.threadpool_info()
                if d["user_api"] == "openmp"}

    try:
        settings.threads = 2
        assert _igraph.apply_threads() == 2
        assert omp() <= {2}
        settings.reset()
        assert _igraph.apply_threads() == 1
        assert omp() <= {1}
        _igraph.to_igraph(pn.datasets.load("toy"))  # applies the setting too
    finally:
        settings.reset()
        _igraph.apply_threads()


def test_distance_chunks_match_igraph_and_mark_unreachable():
    import numpy as np

    g = ig.Graph.Erdos_Renyi(n=60, m=70) + ig.Graph.Ring(5)
    sources = np.array([0, 3, 61, 64])
    got = np.vstack([d for _s, d in _igraph.distance_chunks(g, sources)])
    expected = np.array(g.distances(source=sources.tolist()), dtype=float)
    assert np.array_equal(got, expected)
    directed = ig.Graph([(0, 1), (1, 2)], directed=True)
    d = next(_igraph.distance_chunks(directed, np.array([2])))[1]
    assert d.tolist() == [[np.inf, np.inf, 0.0]]


def _row_profile(d):
    """(sum of finite distances, eccentricity, farthest reached node) of distance rows."""
    import numpy as np

    finite = np.where(np.isinf(d), -1.0, d)
    return (np.maximum(finite, 0).sum(axis=1).astype(int).tolist(),
            finite.max(axis=1).astype(int).tolist(), np.argmax(finite, axis=1).tolist())


@pytest.mark.parametrize("directed", [False, True])
def test_distance_sums_match_igraph_distances(directed):
    """The bit-parallel search gives igraph's distances: sums, eccentricities, farthest nodes.

    Over 64 sources (two batches), on a graph with several components, isolated nodes and
    multi-edges; and on a ring too long for bit-parallel levels (the per-source fallback).
    """
    import numpy as np

    g = ig.Graph.Erdos_Renyi(n=150, m=190, directed=directed) + ig.Graph.Ring(7, directed=directed)
    g.add_vertices(2)
    g.add_edges([(0, 1), (0, 1)])
    sources = np.random.default_rng(3).choice(g.vcount(), size=100, replace=False)
    mode = "out" if directed else "all"
    expected = _row_profile(np.array(g.distances(source=sources.tolist(), mode=mode)))
    got = [a.tolist() for a in _igraph.distance_sums(g, sources)]
    assert got == list(expected)
    ring = ig.Graph.Ring(2 * _igraph.MAX_PARALLEL_LEVELS + 40)
    src = np.array([0, 5])
    expected = _row_profile(np.array(ring.distances(source=src.tolist())))
    assert [a.tolist() for a in _igraph.distance_sums(ring, src)] == list(expected)
