"""Community structure: Leiden, Louvain, Infomap and label propagation, and what they mean.

Every method works on the **undirected weighted collapse** of the contract graph
(:func:`paradiplo_net.model.collapse`): one tie per city pair, ``weight`` = the number of
statements between the two cities (a reciprocal pair and a renewal both count), or weight 1
per pair with ``weights=None``. Edge direction and years play no part in the partition;
cities without links are their own one-city communities. ``level="country"`` uses the
country-to-country network (:func:`paradiplo_net.countries.country_graph`: statements
between countries, domestic statements and statements with an end of unknown country left
out and counted in :attr:`CommunityResult.excluded`).

========================= ===================================================================
function                  what it gives
========================= ===================================================================
:func:`detect`            one seeded partition (:class:`CommunityResult`)
:func:`consensus`         consensus over seeded repetitions and the share of cities whose
                          community never changes (:class:`ConsensusResult`)
:func:`describe`          per community: countries, continents, languages, top members, years
:func:`compare`           NMI and adjusted Rand index against country, continent, Cold War
                          bloc or main-language partitions
:func:`blocs`             the Cold War bloc of each country, 1989 (``datasets/data/blocs``);
                          :func:`bloc_table` with the reason and source of each
:func:`by_era`            one partition per era (:data:`paradiplo_net.temporal.ERAS`)
:func:`match_eras`        communities matched across consecutive eras: continue, split, merge
========================= ===================================================================

igraph does the work (its C implementations of Leiden, Louvain, Infomap and label
propagation). The city-level igraph graph is the cached conversion of
:func:`paradiplo_net.stats.to_igraph` (shared with :mod:`paradiplo_net.centrality`), built
once per graph. Random steps draw from a :class:`random.Random` seeded with ``seed`` that is
given to igraph for the duration of the call only (``paradiplo_net._igraph.seeded``: the
generator igraph used before is restored afterwards), so the same seed gives the same
partition.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> res = pn.communities.detect(G, seed=0)
>>> res  # doctest: +NORMALIZE_WHITESPACE
CommunityResult(method='leiden', level='city', dataset='toy', n_communities=4,
                modularity=0.413, seed=0)
>>> res.sizes.tolist()
[3, 3, 2, 2]
>>> sorted(res.membership[res.membership == 1].index)
['F', 'G', 'J']
"""

from __future__ import annotations

from . import _detect, _interpret
from ._detect import CONSENSUS_MAX_ROUNDS, INFOMAP_TRIALS, consensus, detect
from ._interpret import BLOCS, COMPARE_AGAINST, bloc_table, blocs, compare, describe
from ._over_time import MATCH_COLUMNS, by_era, match_eras
from ._results import METHODS, CommunityResult, ConsensusResult

# Private hooks reachable on the public face (the tests use them): the bloc table's path is
# read from here at call time, so pointing it elsewhere takes effect.
_match = _detect._match
_blocs_table = _interpret._blocs_table
_BLOCS_FILE = _interpret._BLOCS_FILE

__all__ = [
    "BLOCS",
    "COMPARE_AGAINST",
    "CONSENSUS_MAX_ROUNDS",
    "INFOMAP_TRIALS",
    "MATCH_COLUMNS",
    "METHODS",
    "CommunityResult",
    "ConsensusResult",
    "bloc_table",
    "blocs",
    "by_era",
    "compare",
    "consensus",
    "describe",
    "detect",
    "match_eras",
]
