"""Multilateral city networks: the second layer of city diplomacy beside twinning.

Cities today also act together through multilateral networks (C40 Cities, Urban 20,
Eurocities, Mayors for Peace, UCLG, ICLEI...). This module reads a sourced table of
memberships (:func:`memberships`; the bundled one is compiled by hand, one reference per
row, see ``paradiplo_net/datasets/data/networks/README.md``), joins it to a twinning graph
as a bipartite layer of cities and networks (:func:`layer`), projects it to a weighted
city-city graph of co-membership (:func:`co_membership`) and asks whether co-membership
comes before twinning (:func:`precedes_twinning`, a temporal holdout test on the pairs of
:func:`holdout_pairs`). :func:`paradiplo_net.plot.plot_multilateral` draws the layer.

Definitions
    A membership is *in force* at year ``y`` when ``join_year <= y`` and (``end_year`` is
    None or ``end_year > y``), as links in :func:`paradiplo_net.temporal.snapshot`.
    Memberships without a join year are kept (their row's note says why they are undated)
    and left out of every count that needs a year, which says so.

Examples
--------
>>> import io, paradiplo_net as pn
>>> G = pn.datasets.load("toy")  # fictional cities "City A" ... "Province J"
>>> csv = '''network,city,country,join_year,end_year,role,ref,note
... Net X,City A,GB,1950,,founding_member,https://example.org/x,fictional
... Net X,City C,DE,1955,,member,https://example.org/x,fictional
... Net Y,City C,DE,1990,,member,https://example.org/y,fictional
... Net Y,City D,FR,,,member,https://example.org/y,undated: fictional list without years
... '''
>>> B = pn.multilateral.layer(G, io.StringIO(csv))
>>> sorted(B.nodes)
['A', 'C', 'D', 'net:Net X', 'net:Net Y']
>>> P = pn.multilateral.co_membership(B)
>>> sorted(P.edges(data="since"))
[('A', 'C', 1955), ('C', 'D', None)]
"""

from __future__ import annotations

from ._holdout import PAIR_STATUSES, holdout_pairs, precedes_twinning
from ._layer import NETWORK_PREFIX, co_membership, layer, network_members
from ._tables import (
    MEMBERSHIP_COLUMNS,
    NETWORK_COLUMNS,
    ROLES,
    UNDATED_PREFIX,
    YEAR_RANGE,
    memberships,
    networks,
)

__all__ = [
    "MEMBERSHIP_COLUMNS",
    "NETWORK_COLUMNS",
    "NETWORK_PREFIX",
    "PAIR_STATUSES",
    "ROLES",
    "UNDATED_PREFIX",
    "YEAR_RANGE",
    "co_membership",
    "holdout_pairs",
    "layer",
    "memberships",
    "network_members",
    "networks",
    "precedes_twinning",
]
