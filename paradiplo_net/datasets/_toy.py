"""The ``toy`` dataset: ten fictional cities and twelve links, built in code."""

from __future__ import annotations

import hashlib

import networkx as nx
import pandas as pd

from ..model import graph_from_tables

#: The toy graph. Coordinates are real-world points so maps and distances work.
#: cities: id -> (name, country, lat, lon, level)
_TOY_CITIES = {
    "A": ("City A", "GB", 52.41, -1.51, "municipality"),
    "B": ("City B", "RU", 48.71, 44.51, "municipality"),
    "C": ("City C", "DE", 51.05, 13.74, "municipality"),
    "D": ("City D", "FR", 48.85, 2.35, "municipality"),
    "E": ("City E", "IT", 41.89, 12.48, "municipality"),
    "F": ("City F", "US", 44.95, -93.09, "municipality"),
    "G": ("City G", "JP", 32.75, 129.88, "municipality"),
    "H": ("City H", "ID", -7.25, 112.75, "municipality"),
    "I": ("City I", "KR", 35.18, 129.08, "municipality"),
    "J": ("Province J", "JP", 34.98, 138.38, "prefecture"),
}
#: links: (source, target, year, end_year, phase, kind, sectors)
_TOY_LINKS = (
    ("A", "B", 1944, None, "associative", "twin_town", None),  # reciprocal pair A<->B
    ("B", "A", 1944, None, "associative", "twin_town", None),
    ("A", "C", 1959, None, "associative", "twin_town", None),
    ("D", "E", 1956, None, "associative", "twin_town", None),
    ("F", "G", 1955, None, "reciprocal", "sister_city", "education;exchange"),
    ("H", "I", 1994, None, "commercial", "sister_city", "trade"),
    ("H", "I", 2004, None, "commercial", "sister_city", "trade;investment"),  # parallel edge
    ("G", "J", 1970, None, None, "friendship_city", None),  # domestic, no phase
    ("C", "D", 1962, None, "associative", "twin_town", "culture"),
    ("F", "B", 1990, 2022, "reciprocal", "sister_city", None),  # ended (suspended) link
    ("H", "J", 2010, None, "commercial", "cooperation", "trade;tourism"),
    ("E", "G", None, None, None, "twin_town", None),  # undated link
)
_TOY = (_TOY_CITIES, _TOY_LINKS)


def toy() -> nx.MultiDiGraph:
    """The hand-checked toy graph: 10 cities, 12 links, 1944-2010.

    It has one reciprocal pair (A<->B, 1944), one parallel pair (H->I in 1994 and 2004), one
    ended link (F->B, 1990-2022), one undated link (E->G), one domestic link (G->J, Japan)
    and a prefecture (J); phases: 5 associative, 2 reciprocal, 3 commercial, 2 without.

    Examples
    --------
    >>> G = toy()
    >>> G.number_of_nodes(), G.number_of_edges(), G.number_of_edges("H", "I")
    (10, 12, 2)
    """
    cities = pd.DataFrame.from_dict(
        _TOY_CITIES, orient="index", columns=["name", "country", "lat", "lon", "level"]
    )
    links = pd.DataFrame(
        _TOY_LINKS, columns=["source", "target", "year", "end_year", "phase", "kind", "sectors"]
    )
    links["year"] = links["year"].astype("Int64")
    links["end_year"] = links["end_year"].astype("Int64")
    return graph_from_tables(links, cities, dataset="toy")


def toy_checksum() -> str:
    """SHA-256 digest of the toy graph's definition."""
    return hashlib.sha256(repr(_TOY).encode()).hexdigest()
