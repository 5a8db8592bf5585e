"""Adoption years: when each city or country first twinned, by phase (private)."""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_graph, check_option
from ..model import PHASES

logger = logging.getLogger(__name__)



def adoption(
    G: nx.MultiDiGraph,
    *,
    level: Literal["city", "country"] = "city",
    by_phase: bool = False,
) -> pd.DataFrame:
    """The year each city (or country) first twinned, and first twinned in each phase.

    A city's adoption year is the earliest ``year`` among all its links, as either side
    (source or target), ended links included (they were formed then). A country's is the
    earliest among its cities' (domestic links included).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    level : {"city", "country"}, default "city"
    by_phase : bool, default False
        Add ``first_associative``, ``first_reciprocal``, ``first_commercial`` (earliest
        dated link with that ``phase``).

    Returns
    -------
    pandas.DataFrame
        Indexed by city id (``city``) or country code (``country``), sorted by
        ``first_year`` (missing last) then id. Columns: for cities ``name``, ``country``;
        for countries ``cities``; then ``first_year`` (``Int64``; <NA> when every link is
        undated or there is none), ``links`` and ``undated_links`` (incident edges). ``attrs``:
        ``only_undated`` (rows with links, all undated), ``no_links`` (cities without any
        link, listed with <NA>), ``unknown_country`` (cities left out at country level
        because their country is None).

    References
    ----------
    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press (adoption time
    of each unit as the basis of diffusion curves).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> a = adoption(G)
    >>> a["first_year"].head(3).tolist()
    [1944, 1944, 1955]
    >>> int(a.loc["E", "first_year"]), int(a.loc["E", "undated_links"])  # D-E 1956, E-G undated
    (1956, 1)
    >>> c = adoption(G, level="country", by_phase=True)
    >>> c.loc["JP", ["first_year", "first_associative", "first_reciprocal"]].tolist()
    [1955, <NA>, 1955]
    """
    check_graph(G)
    check_option("level", level, ("city", "country"))
    first: dict[Any, float] = {n: math.inf for n in G}
    first_ph: dict[str, dict[Any, float]] = {p: {n: math.inf for n in G} for p in PHASES}
    links: Counter[Any] = Counter()
    undated: Counter[Any] = Counter()
    for u, v, d in G.edges(data=True):
        y = d.get("year")
        ph = d.get("phase")
        for n in (u, v):
            links[n] += 1
            if y is None:
                undated[n] += 1
                continue
            first[n] = min(first[n], y)
            if ph in first_ph:
                first_ph[ph][n] = min(first_ph[ph][n], y)
    if level == "city":
        ids = list(G.nodes)
        frame = pd.DataFrame({
            "name": [G.nodes[n].get("name") for n in ids],
            "country": [G.nodes[n].get("country") for n in ids],
        }, index=pd.Index(ids, name="city", dtype="object"))
        groups: dict[Any, list[Any]] = {n: [n] for n in ids}
        unknown = 0
    else:
        groups = defaultdict(list)
        unknown = 0
        for n, d in G.nodes(data=True):
            if d.get("country") is None:
                unknown += 1
            else:
                groups[d["country"]].append(n)
        ids = sorted(groups)
        frame = pd.DataFrame({"cities": [len(groups[c]) for c in ids]},
                             index=pd.Index(ids, name="country", dtype="object"))

    def agg(values: dict[Any, float]) -> pd.arrays.IntegerArray:
        out = [min((values[n] for n in groups[i]), default=math.inf) for i in ids]
        return pd.array([None if x == math.inf else int(x) for x in out], dtype="Int64")

    frame["first_year"] = agg(first)
    frame["links"] = np.array([sum(links[n] for n in groups[i]) for i in ids], dtype="int64")
    frame["undated_links"] = np.array([sum(undated[n] for n in groups[i]) for i in ids],
                                      dtype="int64")
    if by_phase:
        for p in PHASES:
            frame[f"first_{p}"] = agg(first_ph[p])
    if len(frame):
        frame = frame.assign(_missing=frame["first_year"].isna(), _id=frame.index.astype(str))
        frame = frame.sort_values(["_missing", "first_year", "_id"])
        frame = frame.drop(columns=["_missing", "_id"])
    only_undated = int(((frame["links"] > 0) & frame["first_year"].isna()).sum())
    no_links = int((frame["links"] == 0).sum()) if level == "city" else sum(
        1 for n in G if links[n] == 0 and G.nodes[n].get("country") is not None)
    frame.attrs.update(level=level, only_undated=only_undated, no_links=no_links,
                       unknown_country=unknown)
    if only_undated or unknown:
        logger.info("adoption(%s): %d with only undated links, "
                    "%d cities of unknown country left out",
                    level, only_undated, unknown)
    return frame
