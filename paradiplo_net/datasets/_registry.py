"""Registry of dataset names, checksum verification and loading of the bundled files."""

from __future__ import annotations

import hashlib
import re
import warnings
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pandas as pd

from ..errors import DatasetError
from ..model import graph_from_tables
from ._toy import toy, toy_checksum

_REGISTRY: dict[str, str] = {
    "core": "A sourced, dated history of twinning, 1920 to today: curated landmark links "
    "(bundled; datasets/data/core).",
    "sample": "A stratified random sample of 662 towns in 24 countries, each with its twinning "
    "history as its own sources list it (bundled; datasets/data/sample; see sample_towns).",
    "toy": "Ten fictional cities and twelve links, for hand-checked tests and examples.",
}

_CORE_FILES = ("links.csv", "cities.csv")
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


def _data_dir() -> Path:
    """The package's ``DATA_DIR``, looked up at call time so that it can be redirected."""
    from .. import datasets

    return Path(datasets.DATA_DIR)


def names() -> tuple[str, ...]:
    """Names accepted by :func:`load`.

    Examples
    --------
    >>> names()
    ('core', 'sample', 'toy')
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
        raise DatasetError(
            f"{path} is missing; the bundled data cannot be verified. "
            "Reinstall, or run scripts/build_core.py (core) / scripts/build_sample.py (sample)."
        )
    sums = {}
    bad = []
    text = path.read_bytes().decode("utf-8", errors="replace")
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or not _HEX64.fullmatch(parts[0]):
            bad.append(f"line {i}: {line[:80]!r}")
            continue
        sums[parts[1]] = parts[0].lower()
    if bad:
        raise DatasetError(
            f"{path}: {len(bad)} malformed line(s) ({'; '.join(bad[:3])}); each line must be "
            "'<sha256 hex digest> <file name>'. Restore the file with git, or rebuild with "
            "scripts/build_core.py (core) / scripts/build_sample.py (sample)."
        )
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
        return toy_checksum()
    return _sha256(_data_dir() / name / "CHECKSUMS")


def load(name: str = "core", *, verify: bool = True) -> nx.MultiDiGraph:
    """Load a registered dataset as a contract graph (a fresh copy each call).

    Parameters
    ----------
    name : {"core", "sample", "toy"}
    verify : bool, default True
        Check the SHA-256 checksums of the bundled files first.

    Returns
    -------
    networkx.MultiDiGraph

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


def _verify(folder: Path, files: tuple[str, ...] = _CORE_FILES) -> None:
    sums = _read_checksums(folder)
    missing = [f for f in files if not (folder / f).is_file()]
    if missing:
        raise DatasetError(
            f"{', '.join(missing)} missing in {folder}: the package data is incomplete. "
            "Restore the files with git or reinstall paradiplo_net."
        )
    bad = [f for f in files if f not in sums or _sha256(folder / f) != sums[f]]
    if bad:
        raise DatasetError(
            f"checksum mismatch for {', '.join(bad)} in {folder}: the files differ from the "
            "published ones. Restore them with git, or after a deliberate edit run "
            "scripts/build_core.py to rebuild and re-sign."
        )


@lru_cache(maxsize=4)
def _load_bundled(name: str, verify: bool) -> nx.MultiDiGraph:
    folder = _data_dir() / name
    if not folder.is_dir():
        raise DatasetError(
            f"bundled dataset folder {folder} not found; the package data is missing "
            "(reinstall paradiplo_net)"
        )
    if verify:
        _verify(folder)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # e.g. a year 1e208 cast to int
            return _read_bundled(folder, name)
    except DatasetError:
        raise
    except (OSError, ValueError, KeyError, TypeError, UnicodeError, RuntimeWarning) as err:
        raise DatasetError(
            f"bundled dataset {name!r} in {folder} cannot be read ({type(err).__name__}: "
            f"{str(err)[:200]}). Restore the files with git or reinstall paradiplo_net; after a "
            "deliberate edit rebuild with scripts/build_core.py / scripts/build_sample.py."
        ) from err


def _read_bundled(folder: Path, name: str) -> nx.MultiDiGraph:
    links = pd.read_csv(
        folder / "links.csv",
        dtype={"year": "Int64", "end_year": "Int64"},
        keep_default_na=False,
        na_values=[""],
    )
    cities = pd.read_csv(
        folder / "cities.csv",
        index_col="city",
        dtype={"geonames": "Int64"},
        keep_default_na=False,
        na_values=[""],
    )
    links["dataset"] = name
    G = graph_from_tables(links, cities, dataset=name, retrieved=None)
    G.graph["checksum"] = checksum(name)
    return G


def sample_towns(*, verify: bool = True) -> pd.DataFrame:
    """The design table of the bundled ``sample``: one row per drawn town.

    Columns: ``geonameid``, ``name``, ``country``, ``admin1``, ``population``, ``lat``, ``lon``,
    ``size_class``, ``stratum``, ``frame_size`` and ``sample_size`` (the design, from
    ``scripts/draw_town_sample.py``), then ``status`` (``links``, ``zero``, ``nonresponse`` or
    ``ineligible``), ``completeness`` (``complete``, ``partial`` or ``as_found`` for responding
    towns), ``unit`` (the local government), ``source_url``, ``note`` and ``passes`` (the
    research passes that covered the town). Its city ids are ``"gn:" + geonameid`` in
    ``load("sample")``. :mod:`paradiplo_net.survey` turns it into weights and estimates.

    Examples
    --------
    >>> towns = sample_towns()
    >>> len(towns), towns["country"].nunique()
    (662, 24)
    """
    folder = _data_dir() / "sample"
    if verify:
        _verify(folder, files=("towns.csv", "towns_drawn.csv"))
    return pd.read_csv(
        folder / "towns.csv", dtype={"geonameid": str, "admin1": str}, keep_default_na=False
    )


def _bundled_row(name: str) -> dict[str, object]:
    G = load(name)
    years = [y for _, _, y in G.edges(data="year") if y is not None]
    span = f"{min(years)}-{max(years)} ({len(years) / max(G.number_of_edges(), 1):.0%} dated)" \
        if years else "undated"
    licence = ("fictional test data" if name == "toy"
               else "CC BY 4.0 (compilation; see datasets/data/README.md)")
    return {
        "name": name, "kind": "bundled", "description": _REGISTRY[name],
        "size": f"{G.number_of_edges():,} links", "years": span, "licence": licence,
        "citation": "paradiplo_net developers, bundled dataset " + repr(name),
        "url": "", "sha256": checksum(name), "files": 1 if name == "toy" else 2,
    }


def catalog() -> pd.DataFrame:
    """Every dataset the package knows: the bundled ones and the fetchable public ones.

    Columns: ``name``, ``kind`` (``bundled`` for :func:`load`, ``fetchable`` for
    :func:`~paradiplo_net.datasets.fetch`), ``description``, ``size``, ``years`` (covered, with
    the dated share), ``licence``, ``citation``, ``url`` (origin of the main file at its pinned
    version), ``sha256`` (of the main file, or the bundled ``CHECKSUMS``) and ``files``.

    Examples
    --------
    >>> cat = catalog()
    >>> cat.loc[cat["kind"] == "bundled", "name"].tolist()
    ['core', 'sample', 'toy']
    >>> "wikipedia-hekman" in set(cat["name"])
    True
    """
    from ._remote import remote_catalog

    bundled = pd.DataFrame([_bundled_row(n) for n in names()])
    return pd.concat([bundled, remote_catalog()], ignore_index=True)
