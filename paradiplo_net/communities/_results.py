"""Result containers of community detection: CommunityResult and ConsensusResult (private)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

Method = Literal["leiden", "louvain", "infomap", "label_propagation"]


#: Methods accepted by :func:`detect`.
METHODS: tuple[str, ...] = ("leiden", "louvain", "infomap", "label_propagation")


#: Methods with a resolution parameter.
_RESOLUTION_METHODS = ("leiden", "louvain")


#: Levels accepted by :func:`detect`.
_LEVELS: tuple[str, ...] = ("city", "country")


@dataclass
class CommunityResult:
    """A partition of the cities (or countries) of a graph, with its provenance.

    Attributes
    ----------
    membership : pandas.Series
        Member id (city id, or ISO2 code at ``level="country"``) -> community number (int).
        Communities are numbered by size, largest first, from 0; ties in size are ordered by
        their smallest member id.
    modularity : float
        Newman's weighted modularity of the partition at the given resolution (NaN for a
        graph without edges).
    method : str
        One of :data:`METHODS`.
    parameters : dict
        Every option that shaped the result (resolution, weights, level, iterations, ...).
    seed : int
        Seed of the random number generator.
    dataset : str or None
        ``G.graph["dataset"]``.
    level : str
        ``"city"`` or ``"country"``.
    members : pandas.DataFrame
        ``name`` and ``country`` of each member, indexed like ``membership`` (used by
        :meth:`table`).
    excluded : dict
        What was left out, with counts (e.g. statements with an end of unknown country).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> res = pn.communities.detect(pn.datasets.load("toy"))
    >>> res.n_communities, res.method, res.parameters["resolution"]
    (4, 'leiden', 1.0)
    >>> res.table().head(3)
          community    name country
    city
    C             0  City C      DE
    D             0  City D      FR
    E             0  City E      IT
    """

    membership: pd.Series
    modularity: float
    method: str
    parameters: dict[str, Any]
    seed: int
    dataset: str | None
    level: str = "city"
    members: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["name", "country"]))
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def sizes(self) -> pd.Series:
        """Members per community, indexed by community number (largest first)."""
        counts = self.membership.value_counts().sort_index()
        counts.index.name = "community"
        counts.name = "size"
        return counts.astype("int64")

    @property
    def n_communities(self) -> int:
        """Number of communities (one-member communities included)."""
        return int(self.membership.nunique())

    def table(self) -> pd.DataFrame:
        """Membership with each member's name and country, sorted by community then id."""
        frame = pd.DataFrame({"community": self.membership})
        frame = frame.join(self.members[["name", "country"]])
        frame.index.name = self.membership.index.name
        return frame.sort_values(["community"], kind="stable")

    def __repr__(self) -> str:
        q = "nan" if math.isnan(self.modularity) else f"{self.modularity:.3f}"
        return (
            f"CommunityResult(method={self.method!r}, level={self.level!r}, "
            f"dataset={self.dataset!r}, n_communities={self.n_communities}, modularity={q}, "
            f"seed={self.seed})"
        )


@dataclass
class ConsensusResult:
    """Consensus of repeated seeded runs and how stable the communities are.

    Attributes
    ----------
    partition : CommunityResult
        The consensus partition (``parameters["consensus"]`` records runs, threshold, rounds).
    seeds : list of int
        The seeds of the runs: ``seed, seed + 1, ..., seed + runs - 1``.
    co_assignment : pandas.DataFrame
        One row per linked pair (``source``, ``target``, ``weight``, ``share``): the share of
        the runs (on the original graph) in which the two ends were in the same community.
    stable : pandas.Series
        Member -> bool: True when its community never changed across the runs (after
        matching labels, see :func:`consensus`).
    stable_share : float
        Share of members that are stable.
    runs : pandas.DataFrame
        One row per run: ``seed``, ``n_communities``, ``modularity``, ``unchanged_share``
        (members whose matched community equals the first run's), ``nmi_first`` (NMI with
        the first run).
    converged : bool
        True when the consensus graph became unanimous within
        :data:`CONSENSUS_MAX_ROUNDS` rounds.
    rounds : int
        Consensus rounds run.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> c = pn.communities.consensus(pn.datasets.load("toy"), runs=5, progress=False)
    >>> c.converged, c.partition.n_communities, round(c.partition.modularity, 4)
    (True, 4, 0.4132)
    """

    partition: CommunityResult
    seeds: list[int]
    co_assignment: pd.DataFrame
    stable: pd.Series
    stable_share: float
    runs: pd.DataFrame
    converged: bool
    rounds: int

    def __repr__(self) -> str:
        return (
            f"ConsensusResult(method={self.partition.method!r}, runs={len(self.seeds)}, "
            f"n_communities={self.partition.n_communities}, stable_share={self.stable_share:.3f}, "
            f"converged={self.converged})"
        )
