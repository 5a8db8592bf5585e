"""City and country rankings: degree, partners, betweenness, closeness, eigenvector, PageRank.

How direction and parallel edges are treated (the contract graph is a MultiDiGraph of
statements, see :mod:`paradiplo_net.model`):

================ ======================================================================
measure          computed on
================ ======================================================================
``in_degree``    statements received (parallel edges counted); directed sources only
``out_degree``   statements made (parallel edges counted); directed sources only
``degree``       statements either way (in + out; a reciprocal pair counts 2)
``partners``     distinct partner cities either way (degree in the undirected collapse)
``betweenness``  undirected simple collapse, unweighted, normalised as in networkx
``closeness``    undirected simple collapse, unweighted, Wasserman-Faust for components
``harmonic``     undirected simple collapse, unweighted, sum of 1/distance
``eigenvector``  undirected simple collapse, unweighted by default (``weighted=True``:
                 weight = statements per pair); unit Euclidean norm as in networkx
``pagerank``     directed simple collapse with weight = statements per ordered pair
                 (parallel edges as weights), damping 0.85; on an undirected source
                 (``G.graph["directed"] is False``) the undirected collapse
================ ======================================================================

The undirected simple collapse is :func:`paradiplo_net.model.collapse`: one tie per city pair.
Path-based measures are unweighted because the weight counts statements, not distance.

igraph does the work. Each graph is converted once and cached in a
:class:`weakref.WeakKeyDictionary` keyed on the graph object (the entry disappears with the
graph), and checked in O(1) against a token kept in ``G.__networkx_cache__``, which networkx
empties whenever a node or edge is added or removed (see
:func:`paradiplo_net._igraph.to_igraph`). Such a change makes the next call rebuild the
conversion; computed measures
are cached in the same entry and die with it. Names and countries are read fresh on each call.
:func:`paradiplo_net.stats.clear_cache` empties the cache. igraph's random steps (the ARPACK
start vector of ``eigenvector``) run under ``paradiplo_net._igraph.seeded(seed)``: every
function takes ``seed=`` (default 0), so repeated calls give identical results.

Path measures scale: ``betweenness``, ``closeness`` and ``harmonic`` are exact up to
:data:`PATH_SAMPLE_LIMIT` (20,000) cities and estimated from :data:`DEFAULT_K` (1,000)
random pivots above it (``k=`` and ``cutoff=`` choose explicitly); ``attrs`` records
``paths`` (``"exact"``, ``"sampled"`` or ``"cutoff"``), ``k`` and ``cutoff``.

Result shapes (STYLE.md section 5): :func:`city_values` gives one measure per city as a
``pandas.Series`` indexed by city id (index name ``city``); :func:`city_table` several
measures as a wide table with the same index; :func:`rank` is a *ranking*, rows in rank
order with a positional index and the city id in the ``city`` column, so that
``rank(G, m).set_index("city")["value"]`` equals ``city_values(G, m)`` (in rank order).

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> pn.centrality.rank(G, "partners", top=1)[["city", "name", "value", "rank"]]
  city    name  value  rank
0    G  City G      3     1
"""

from __future__ import annotations

from ..countries import country_graph  # moved to countries; re-exported for old code
from ._cities import city_table, city_values, rank, rank_by_phase
from ._countries import country_rank, partner_concentration
from ._measures import COUNTRY_MEASURES, DEFAULT_K, MEASURES, PATH_MEASURES, PATH_SAMPLE_LIMIT
from ._over_time import rank_over_time, trajectories

__all__ = [
    "COUNTRY_MEASURES",
    "DEFAULT_K",
    "MEASURES",
    "PATH_MEASURES",
    "PATH_SAMPLE_LIMIT",
    "city_table",
    "city_values",
    "country_graph",
    "country_rank",
    "partner_concentration",
    "rank",
    "rank_by_phase",
    "rank_over_time",
    "trajectories",
]
