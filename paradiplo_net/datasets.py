"""Dataset registry: the bundled ``core`` history of twinning and the ``toy`` test graph.

``core`` lives in ``datasets/core/`` (``links.csv``, ``cities.csv``, ``CHECKSUMS``); see
``datasets/README.md`` for its method, columns, licence and known gaps. The loader verifies
the SHA-256 checksums before reading, so a reader can tell exactly which data produced a
result (:func:`checksum` gives the combined digest recorded in figure manifests).

``toy`` is a ten-city graph built in code, small enough to check every result by hand; it is
used by docstring examples and tests. Its cities are deliberately fictional ("City A" ...):
its years and phases are chosen to exercise the code, not to teach history.

Examples
--------
>>> import paradiplo_net as pn
>>> pn.datasets.names()
('core', 'toy')
>>> G = pn.datasets.load("toy")
>>> sorted(G.nodes)[:3]
['A', 'B', 'C']
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import DatasetError
from .model import graph_from_tables

__all__ = ["DATA_DIR", "checksum", "describe", "load", "names", "toy"]

#: Folder holding the bundled datasets (the repository's top-level ``datasets/``).
DATA_DIR = Path(__file__).resolve().parent.parent / "datasets"

_REGISTRY: dict[str, str] = {
    "core": "A sourced, dated history of twinning, 1920 to today (bundled; datasets/core).",
    "toy": "Ten fictional cities and twelve links, for hand-checked tests and examples.",
}

_CORE_FILES = ("links.csv", "cities.csv")


def names() -> tuple[str, ...]:
    """Names accepted by :func:`load`.

    Examples
    --------
    >>> names()
    ('core', 'toy')
    """
    return tuple(sorted(_REGISTRY))


def describe(name: str) -> str:
    """One-line description of a registered dataset.

    Examples
    --------
    >>> describe("toy")
    'Ten fictional cities and twelve links, for hand-checked tests and examples.'
    """
    _check_name(name)
    return _REGISTRY[name]


def _check_name(name: str) -> None:
    if name not in _REGISTRY:
        raise DatasetError(
            f"unknown dataset {name!r}; valid names: {', '.join(names())}. "
            "To load your own links use paradiplo_net.io.read_links(path, ...)."
        )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_checksums(folder: Path) -> dict[str, str]:
    path = folder / "CHECKSUMS"
    if not path.exists():
        raise DatasetError(f"{path} is missing; the bundled data cannot be verified. Reinstall or run scripts/build_core.py.")
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, fname = line.split()
            sums[fname] = digest
    return sums


def checksum(name: str = "core") -> str:
    """SHA-256 digest identifying a dataset's files (recorded in manifests).

    For ``core`` it is the digest of the ``CHECKSUMS`` file, which lists each data file's
    own SHA-256; for ``toy`` the digest of its definition.

    Examples
    --------
    >>> len(checksum("toy"))
    64
    """
    _check_name(name)
    if name == "toy":
        return hashlib.sha256(repr(_TOY).encode()).hexdigest()
    return _sha256(DATA_DIR / name / "CHECKSUMS")


def load(name: str = "core", *, verify: bool = True) -> nx.MultiDiGraph:
    """Load a registered dataset as a contract graph (a fresh copy each call).

    Parameters
    ----------
    name : {"core", "toy"}
    verify : bool, default True
        Check the SHA-256 checksums of the bundled files first.

    Raises
    ------
    DatasetError
        Unknown name (the message lists the valid ones), missing files or a checksum mismatch.

    Examples
    --------
    >>> G = load("toy")
    >>> G.graph["dataset"], G.number_of_edges()
    ('toy', 12)
    """
    _check_name(name)
    if name == "toy":
        return toy()
    return _load_bundled(name, verify).copy()


@lru_cache(maxsize=4)
def _load_bundled(name: str, verify: bool) -> nx.MultiDiGraph:
    folder = DATA_DIR / name
    if not folder.is_dir():
        raise DatasetError(f"bundled dataset folder {folder} not found; install from a clone of the repository (pip install -e .)")
    if verify:
        sums = _read_checksums(folder)
        bad = [f for f in _CORE_FILES if f not in sums or _sha256(folder / f) != sums[f]]
        if bad:
            raise DatasetError(
                f"checksum mismatch for {', '.join(bad)} in {folder}: the files differ from the "
                "published ones. Restore them with git, or after a deliberate edit run "
                "scripts/build_core.py to rebuild and re-sign."
            )
    links = pd.read_csv(folder / "links.csv", dtype={"year": "Int64", "end_year": "Int64"}, keep_default_na=False, na_values=[""])
    cities = pd.read_csv(folder / "cities.csv", index_col="city", dtype={"geonames": "Int64"}, keep_default_na=False, na_values=[""])
    links["dataset"] = name
    G = graph_from_tables(links, cities, dataset=name, retrieved=None)
    G.graph["checksum"] = checksum(name)
    return G


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
    ("A", "B", 1944, None, "associative", "twin_town", None),   # reciprocal pair A<->B
    ("B", "A", 1944, None, "associative", "twin_town", None),
    ("A", "C", 1959, None, "associative", "twin_town", None),
    ("D", "E", 1956, None, "associative", "twin_town", None),
    ("F", "G", 1955, None, "reciprocal", "sister_city", "education;exchange"),
    ("H", "I", 1994, None, "commercial", "sister_city", "trade"),
    ("H", "I", 2004, None, "commercial", "sister_city", "trade;investment"),  # parallel edge
    ("G", "J", 1970, None, None, "friendship_city", None),          # domestic, no phase
    ("C", "D", 1962, None, "associative", "twin_town", "culture"),
    ("F", "B", 1990, 2022, "reciprocal", "sister_city", None),       # ended (suspended) link
    ("H", "J", 2010, None, "commercial", "cooperation", "trade;tourism"),
    ("E", "G", None, None, None, "twin_town", None),                 # undated link
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
