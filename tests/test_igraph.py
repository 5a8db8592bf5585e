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
