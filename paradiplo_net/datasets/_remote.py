"""Fetchable public datasets: pinned origin, SHA-256, licence, citation and the right reader.

Each entry names the files of one public twinning dataset at a pinned version (a git commit on
``raw.githubusercontent.com``), the SHA-256 of each file, its licence, how to cite it, and the
reader that turns it into a contract graph. :func:`fetch` downloads the files with pooch into
``settings.cache_dir / "datasets" / <name>`` (verified against the pinned digest: a file that
does not match is refused and not kept), then reads them. Nothing of the data is shipped with
the package.
"""

from __future__ import annotations

import hashlib
import logging
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._files import atomic_path
from ..errors import DatasetError
from ..model import LoadReport
from ..settings import settings

logger = logging.getLogger(__name__)

_GH = "https://raw.githubusercontent.com"


@dataclass(frozen=True)
class RemoteFile:
    """One file of a fetchable dataset.

    ``name`` is its path in the cache folder (and in a mirror, see ``base_url`` of
    :func:`fetch`); ``url`` its origin at the pinned version; ``member`` the path inside the
    archive at ``url`` when the origin is an archive (the digest is then the member's).
    """

    name: str
    url: str
    sha256: str
    member: str | None = None


@dataclass(frozen=True)
class RemoteDataset:
    """A fetchable dataset: what it is, where it comes from, its licence and its reader."""

    name: str
    description: str
    size: str
    years: str
    licence: str
    citation: str
    origin: str
    files: tuple[RemoteFile, ...]
    reader: Callable[[Path, str], tuple[nx.MultiDiGraph, LoadReport]]

    @property
    def url(self) -> str:
        """Origin URL of the main (first) file."""
        return self.files[0].url

    @property
    def sha256(self) -> str:
        """SHA-256 of the main (first) file."""
        return self.files[0].sha256


# ----------------------------------------------------------------------------- readers


def _read_hekman(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..io import read_links

    return read_links(
        folder / "twin_cities_raw.csv", source="city1", source_country="country1",
        target="city2", target_country="country2", drop_invalid=True, progress=False,
        dataset=name,
    )


def _read_l3viathan(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..wikidata import read_statements_tsv

    return read_statements_tsv(folder / "relations.tsv", folder / "names.tsv", dataset=name)


def _read_rogorido(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..io import read_links

    parts = [
        pd.read_csv(folder / f.name, sep="\t", dtype=str, keep_default_na=False)
        for f in _ROGORIDO_FILES
    ]
    frame = pd.concat(parts, ignore_index=True)
    return read_links(
        frame, source="origincityLabel", source_country="origincountry",
        target="sistercityLabel", target_country="destination_countryLabel",
        drop_invalid=True, progress=False, dataset=name,
    )


def _read_muench(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..io import read_links

    return read_links(
        folder / "partnerstaedte_final.csv", source="gemeindename", target="partnergemeinde",
        target_country="land", year="seit", default_source_country="DE", drop_invalid=True,
        progress=False, dataset=name,
    )


def _read_nickel(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..io import read_links

    return read_links(
        folder / "dyad.hans.csv", source="City1", target="City2", source_country="Country1",
        target_country="Country2", year="Year", sep=";", directed=False, drop_invalid=True,
        progress=False, dataset=name,
    )


def _read_w12k(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..wikidata import read_wikidata12k

    return read_wikidata12k(folder, dataset=name)


def _read_konect(folder: Path, name: str) -> tuple[nx.MultiDiGraph, LoadReport]:
    from ..io import read_konect

    return read_konect(folder / "out.twin", dataset=name)


# ---------------------------------------------------------------------------- registry

_HEKMAN = f"{_GH}/Hekman/twincities/84ebdec26ee6878367953cfbc56311ae6452752b"
_L3V = f"{_GH}/L3viathan/sister-cities/d3028c22c7e47f18947eb39a41c13e4f2751342e"
_ROG = f"{_GH}/rogorido/sistercities/6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6"
_MUENCH = f"{_GH}/muenchdo/TwinTowns/6144481b3684f117c4d4a251fffc81d754ea5f07"
_NICKEL = f"{_GH}/senickel/city-networks-BSR-data/e30475db4ab1f98e1f49deafd7a4cb65a5603f1f"
_TILP = f"{_GH}/xiongsiheng/TILP/4c3587d69e2760c42e9d273afd5ecc023bf2eee1"
_KONECT_TAR = (
    f"{_GH}/KaiErikNiermann/sister-city-visualizer/"
    "1e787641b4c5982f73fde740ac3ae787051e92fc/assets/download.tsv.twin.tar"
)

_ROGORIDO_SUMS = (
    ("austria", "b0d11258a2f9fa1a9fce54ea78b896e34b7e9b1a133109a4e4cc0f6a3e259846"),
    ("belgium", "f66e7faab9f2d1cce727b452870a0a88bd63abb637cf3cff75f1408b51176d7c"),
    ("bulgaria", "1d4a2355c332a2fca53b363e9ba489d628bfd1107eb7c92787edf5b9111c91a5"),
    ("croatia", "12800997d119b4f193c2c88dd423f1d0db57d2a04239969de36415f9a0c45a5a"),
    ("cyprus", "e897d8e702176f22d9c139a2d0010d1d5d19dcbe302247fa0a7d7343c8e8ac11"),
    ("czech", "2ccdf9f1c3bc26f7174fd7c87d38f3778c7ef81735a4c4cdaaf946dd736470cf"),
    ("denmark", "c8772cf3b7d665992e45de5108ad629d32fe19910c651afa472f1d58988938c7"),
    ("estonia", "84f8fc01f1dd8e97643f685333b1e357d88912e2a2c348e801a47bb7cd1174c0"),
    ("finland", "35119a3d9193486df6d05437d9ebccae13d9da2110ef3f98d2718fd7ee40faf3"),
    ("france", "c8bffdbca802a437c42008c92be2153e84a395365bd37fffaa5d27b3402d1224"),
    ("germany", "7e0922d3fa364a38ecb44b4c1827fcd61ab8bbd44f15c83af2875a619a20f1b5"),
    ("hungary", "7b72c2482ce3179fa1998fa6cd0da214714b613a5ad2aac7fbebd45210bdff2b"),
    ("ireland", "8239959532b5b68a49b0f24b62f85d4e87cfa1a2611688b1adeeeac5a838948a"),
    ("italy", "e1abb542ab17c90e4bf1081b9a8b98afb4064c8519af18dde076c7cefed7a992"),
    ("latvia", "47bb0fba85de510c16ba6de13414c6a03bfe790c0a4456c33887a6e2203fd72d"),
    ("lithuania", "eb3bebbd0ef9a93668b8c4545f1dd960be0a0fb62c44dd659dcaa1ff0b4899ab"),
    ("netherlands", "bd7985663a244140d6d7c59166191a2118af046ae97bba0f1ff7e682ba640c25"),
    ("poland", "2ad5f1cef5fef78801825424a7a9350c563cfc5fdb48fe925aa97ec9a14eedda"),
    ("portugal", "ed3470642034d14dc0b01cec4d1fc30e11acf1509239e8880ac00d5cb50048cd"),
    ("romania", "c0cb2185becaf98558d0c524fd414eb80c1d975421cd99d9d59d7af1226d78f6"),
    ("slovakia", "9a5e7d06632bfd36f1913fc0109d9450ae0f56311ca06245994836914bbec41a"),
    ("slovenia", "5211868b994fae187765e940596e3e2b9857c301d3c573d7b055d548ccb6a909"),
    ("spain", "37a0dbfd07d6b3a0ef819e9d9a5a5b170b59ee92be07bbf64cbcad11110b3e7a"),
    ("sweden", "22f370346ec3e80ef9c2b97a1fe98ff897cfaf8d7c1a4e51a00d32a18ac9548b"),
    ("uk", "7cfc996cfdd1bfedfff1724aadc60b77eb6aa16843ba2f509620565cf04f5ca2"),
)
_ROGORIDO_FILES = tuple(
    RemoteFile(f"by_country/{c}.tsv", f"{_ROG}/sparql/data/{c}.tsv", h) for c, h in _ROGORIDO_SUMS
)

_W12K = {
    "train.txt": "dbb72d0fdfb3e3beeb84467d723e7b48f9bf0c6db8d20eba633ea84db7ef3b48",
    "valid.txt": "fd6cbe6ad2e62a39441f7679d320de02487611ab81a899ff0889aba742c011c9",
    "test.txt": "a8f0af78ac57a33f642145bd5d133ec39a11601db24aa3aec33704bee2d6c6e9",
    "entity2id.txt": "307628d198b9369b650d46bb88980b38ed0957a9e8148227c94907f9b2804f01",
    "relation2id.txt": "fef14b3c161de028344d90be2e53a94d7fdb4cc18b5aa5622ab58051c8887582",
}

_DATASETS: tuple[RemoteDataset, ...] = (
    RemoteDataset(
        "wikipedia-hekman",
        "English Wikipedia lists of twin towns and sister cities (6 continent pages and 81 "
        "country pages), scraped by E. Hekman; names and country text, no years, no ids.",
        "26,114 rows", "undated (scraped 2026)",
        "MIT (repository); content CC BY-SA (Wikipedia)",
        "Hekman, E. (2026). twincities [data set]. GitHub Hekman/twincities, commit 84ebdec. "
        "Derived from English Wikipedia (CC BY-SA).",
        "github:Hekman/twincities@84ebdec26ee6878367953cfbc56311ae6452752b",
        (RemoteFile("twin_cities_raw.csv", f"{_HEKMAN}/twin_cities_raw.csv",
                    "e2d2e542f319fe45ddaf588b9cf6308c7fc17dbceb3c9b16c64fabfbbe7923c1"),),
        _read_hekman,
    ),
    RemoteDataset(
        "wikidata-p190-l3viathan",
        "Wikidata P190 statements crawled breadth-first from Weimar in September 2016 "
        "(the component reachable from Weimar); Q-ids and labels, no years.",
        "34,182 statements", "undated (crawled 2016)",
        "no licence file; content CC0 (Wikidata)",
        "L3viathan (2016). sister-cities [data set]. GitHub L3viathan/sister-cities, commit "
        "d3028c2. Data from Wikidata (CC0).",
        "github:L3viathan/sister-cities@d3028c22c7e47f18947eb39a41c13e4f2751342e",
        (RemoteFile("relations.tsv", f"{_L3V}/relations.tsv",
                    "97a24bcf23989728ecfbecb20322237a8800836709931fb750ae92e372294154"),
         RemoteFile("names.tsv", f"{_L3V}/names.tsv",
                    "d088a22ad6ea7bcca7301a0dbc8698b90e86aec1bb576edab9fb83e85fff0a04")),
        _read_l3viathan,
    ),
    RemoteDataset(
        "wikidata-eu-rogorido-2017",
        "Wikidata sister cities of municipalities in 25 EU countries (SPARQL, 2017), from the "
        "Programming Historian lesson; English labels, coordinates, no years, no ids.",
        "24,926 rows", "undated (queried 2017)",
        "no licence file; content CC0 (Wikidata)",
        "Romero, I. (2017). sistercities [data set], GitHub rogorido/sistercities, commit "
        "6bb5473; Programming Historian lesson 'Visualizing Urban and Demographic Data in R "
        "with ggplot2'. Data from Wikidata (CC0).",
        "github:rogorido/sistercities@6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6",
        _ROGORIDO_FILES,
        _read_rogorido,
    ),
    RemoteDataset(
        "de-twintowns-muench",
        "Partnerships of German municipalities with the year each was formed (student project, "
        "TU Munich 2015; upstream source unconfirmed); German names.",
        "7,138 rows", "1913-2014 (all dated)",
        "MIT (repository); upstream licence unknown",
        "Muench, D. (2015). TwinTowns [data set]. GitHub muenchdo/TwinTowns, commit 6144481.",
        "github:muenchdo/TwinTowns@6144481b3684f117c4d4a251fffc81d754ea5f07",
        (RemoteFile("partnerstaedte_final.csv",
                    f"{_MUENCH}/data/data/partnerstaedte_final.csv",
                    "7ebb25cdacc4bfa4b74aed63033f7598604fa39ccb8b617711d80fd303c433e3"),),
        _read_muench,
    ),
    RemoteDataset(
        "baltic-bsr-nickel",
        "Twin-town dyads of Baltic Sea Region countries scraped from English Wikipedia in "
        "2013, with the year where printed (replication data of Bussmann & Nickel 2018).",
        "1,759 dyads", "1939-2012 (55 % dated)",
        "no licence file; content CC BY-SA (Wikipedia)",
        "Bussmann, M. & Nickel, S. (2018). Replication data, GitHub "
        "senickel/city-networks-BSR-data, commit e30475d.",
        "github:senickel/city-networks-BSR-data@e30475db4ab1f98e1f49deafd7a4cb65a5603f1f",
        (RemoteFile("dyad.hans.csv", f"{_NICKEL}/data/dyad.hans.csv",
                    "89f67698a3633e40d2445fcd16e0adf07ed0a98037242f623ae8559fb0ca2097"),),
        _read_nickel,
    ),
    RemoteDataset(
        "wikidata12k-tkg",
        "WIKIDATA12k temporal knowledge graph (HyTE benchmark); its 151 P190 facts all carry a "
        "start year and Q-ids.",
        "151 P190 facts", "1916-2015 (all dated)",
        "MIT (TILP repository); content CC0 (Wikidata)",
        "Dasgupta, S. S., Ray, S. N. & Talukdar, P. (2018). HyTE: hyperplane-based temporally "
        "aware knowledge graph embedding. EMNLP 2018, 2001-2011. Copy: GitHub "
        "xiongsiheng/TILP, commit 4c3587d.",
        "github:xiongsiheng/TILP@4c3587d69e2760c42e9d273afd5ecc023bf2eee1",
        tuple(RemoteFile(f, f"{_TILP}/data/WIKIDATA12k/{f}", h) for f, h in _W12K.items()),
        _read_w12k,
    ),
    RemoteDataset(
        "wikidata-konect-twin-2017",
        "KONECT 'twin': anonymous undirected network of sister cities extracted from Wikidata "
        "(October 2017); integer node ids only, for structural comparison.",
        "20,573 edges", "undated (2017)",
        "none stated; content CC0 (Wikidata)",
        "Kunegis, J. (2013). KONECT - The Koblenz Network Collection. Proc. WWW 2013 Companion, "
        "1343-1350; network konect:2017:twin (Sister cities network dataset -- KONECT).",
        "github:KaiErikNiermann/sister-city-visualizer@1e787641b4c5982f73fde740ac3ae787051e92fc"
        " (assets/download.tsv.twin.tar, unpacked)",
        (RemoteFile("out.twin", _KONECT_TAR,
                    "3611d917f4d87a74716de2147e8ff48c13fad632664a37cde1a290e4aca211f5",
                    member="twin/out.twin"),
         RemoteFile("meta.twin", _KONECT_TAR,
                    "cd7d64eabe8d5814a3311c97df7d04f3f95bcccf050824c9d8a5fce19ae4567a",
                    member="twin/meta.twin"),
         RemoteFile("README.twin", _KONECT_TAR,
                    "4c3074a8e3f94ffca5a905edde414b8655daf33e3987b9fbac7a05bb2049ec2a",
                    member="twin/README.twin")),
        _read_konect,
    ),
)

REMOTE: dict[str, RemoteDataset] = {d.name: d for d in _DATASETS}


def fetchable() -> tuple[str, ...]:
    """Names accepted by :func:`fetch`, sorted.

    Examples
    --------
    >>> "wikipedia-hekman" in fetchable()
    True
    """
    return tuple(sorted(REMOTE))


def remote(name: str) -> RemoteDataset:
    """The registry entry of a fetchable dataset (raises :class:`DatasetError` if unknown)."""
    if name not in REMOTE:
        raise DatasetError(
            f"unknown fetchable dataset {name!r}; valid names: {', '.join(fetchable())}. "
            "Bundled datasets are read with paradiplo_net.datasets.load(name)."
        )
    return REMOTE[name]


def provenance(name: str) -> str:
    """Provenance, licence and citation of a fetchable dataset, as printable text.

    Examples
    --------
    >>> print(provenance("baltic-bsr-nickel").splitlines()[0])
    baltic-bsr-nickel: Twin-town dyads of Baltic Sea Region countries scraped from English \
Wikipedia in 2013, with the year where printed (replication data of Bussmann & Nickel 2018).
    """
    d = remote(name)
    return "\n".join([
        f"{d.name}: {d.description}",
        f"  origin:   {d.origin}",
        f"  size:     {d.size}; years: {d.years}",
        f"  licence:  {d.licence}",
        f"  cite as:  {d.citation}",
        f"  files:    {len(d.files)} (SHA-256 pinned; main {d.sha256[:12]}...)",
    ])


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _refuse(name: str, f: RemoteFile, url: str, exc: Exception) -> DatasetError:
    return DatasetError(
        f"{name}: download of {f.name} from {url} was refused: {exc}. Expected SHA-256 "
        f"{f.sha256}. Nothing was cached. The origin may have changed or the transfer was "
        "corrupted: retry, or report it if it persists."
    )


def _retrieve(name: str, f: RemoteFile, folder: Path, url: str, progress: bool) -> None:
    import pooch

    target = folder / f.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        pooch.retrieve(
            url, known_hash=f"sha256:{f.sha256}", fname=target.name, path=target.parent,
            progressbar=progress,
        )
    except ValueError as exc:  # pooch: hash mismatch; the temporary file is removed
        raise _refuse(name, f, url, exc) from exc
    except OSError as exc:
        raise DatasetError(f"{name}: could not download {url}: {exc}") from exc


def _extract(name: str, f: RemoteFile, folder: Path, progress: bool) -> None:
    """Origin is an archive: download it (digest not pinned), verify the member's digest."""
    import pooch

    try:
        archive = Path(pooch.retrieve(f.url, known_hash=None, path=folder / "_archives",
                                      progressbar=progress))
    except OSError as exc:
        raise DatasetError(f"{name}: could not download {f.url}: {exc}") from exc
    with tarfile.open(archive) as tar:
        member = tar.extractfile(f.member or f.name)
        if member is None:
            raise DatasetError(f"{name}: {f.member} is not a file in {f.url}")
        data = member.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != f.sha256:
        raise _refuse(name, f, f.url, ValueError(f"member {f.member} has SHA-256 {digest}"))
    with atomic_path(folder / f.name) as tmp:
        tmp.write_bytes(data)


def download(
    name: str,
    *,
    cache_dir: str | Path | None = None,
    base_url: str | None = None,
    progress: bool = False,
) -> Path:
    """Download (or find in the cache) the files of a fetchable dataset; return its folder.

    Parameters
    ----------
    name : str
        One of :func:`fetchable`.
    cache_dir : path, optional
        Default ``settings.cache_dir / "datasets"``; the files go to ``<cache_dir>/<name>/``.
    base_url : str, optional
        A mirror laid out as ``<base_url>/<name>/<file>`` (the layout of the cache folder),
        used instead of the origin; the pinned digests are checked all the same.
    progress : bool, default False
        Show pooch's progress bar.

    Returns
    -------
    pathlib.Path
        The folder holding the verified files.

    Raises
    ------
    DatasetError
        Unknown name, offline mode with files not cached, a download that failed, or a file
        whose SHA-256 differs from the pinned one (it is not kept).
    """
    d = remote(name)
    folder = Path(cache_dir) if cache_dir is not None else settings.cache_dir / "datasets"
    folder = folder / name
    missing = [f for f in d.files
               if not (folder / f.name).is_file() or _sha256(folder / f.name) != f.sha256]
    if missing and settings.offline:
        raise DatasetError(
            f"{name}: {len(missing)} file(s) not in the cache {folder} and offline mode is on "
            "(PARADIPLO_OFFLINE=1); unset it to download."
        )
    for f in missing:
        if base_url is not None:
            _retrieve(name, f, folder, f"{base_url.rstrip('/')}/{name}/{f.name}", progress)
        elif f.member is not None:
            _extract(name, f, folder, progress)
        else:
            _retrieve(name, f, folder, f.url, progress)
    return folder


def fetch(
    name: str,
    *,
    cache_dir: str | Path | None = None,
    base_url: str | None = None,
    progress: bool = False,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Download a public dataset at its pinned version, verify it, and read it into a graph.

    The files are fetched with pooch from their origin (a git commit on
    raw.githubusercontent.com) and checked against the pinned SHA-256; they are cached, so a
    second call reads the cache. The reader is the one the format needs (``io.read_links`` with
    the dataset's column mapping, ``wikidata.read_statements_tsv``,
    ``wikidata.read_wikidata12k``, ``io.read_konect``). The provenance is logged (INFO) and
    kept in ``G.graph``: ``source_url``, ``licence``, ``citation``, ``origin``, ``sha256``.

    Parameters
    ----------
    name : str
        One of :func:`fetchable` (``catalog()`` lists them with size, years and licence).
    cache_dir, base_url, progress
        As in :func:`download`.

    Returns
    -------
    G : networkx.MultiDiGraph
        A contract graph.
    report : LoadReport
        What the reader rejected or noted.

    Raises
    ------
    DatasetError
        See :func:`download`.

    See Also
    --------
    provenance : the same provenance text, to print.
    """
    d = remote(name)
    folder = download(name, cache_dir=cache_dir, base_url=base_url, progress=progress)
    logger.info("%s", provenance(name))
    G, report = d.reader(folder, name)
    G.graph.update({
        "source_url": d.url, "origin": d.origin, "licence": d.licence,
        "citation": d.citation, "sha256": d.sha256,
    })
    return G, report


def remote_catalog() -> pd.DataFrame:
    """One row per fetchable dataset (columns as in ``datasets.catalog``)."""
    rows: list[dict[str, Any]] = [
        {"name": d.name, "kind": "fetchable", "description": d.description, "size": d.size,
         "years": d.years, "licence": d.licence, "citation": d.citation, "url": d.url,
         "sha256": d.sha256, "files": len(d.files)}
        for d in _DATASETS
    ]
    return pd.DataFrame(rows).sort_values("name", ignore_index=True)
