"""Dataset registry: the bundled ``core`` and ``sample`` datasets and the ``toy`` test graph.

``core`` is package data in ``paradiplo_net/datasets/data/core/`` (``links.csv``,
``cities.csv``, ``CHECKSUMS``), read through :mod:`importlib.resources` so that it loads from
a wheel install as well as from a clone; see ``data/README.md`` for its method, columns,
licence and known gaps. The loader verifies the SHA-256 checksums before reading, so a reader
can tell exactly which data produced a result (:func:`checksum` gives the combined digest
recorded in figure manifests). :func:`data_file` gives the path of any bundled file (the Cold
War bloc table is ``data_file("blocs", "cold_war_blocs.csv")``).

``sample`` is a different kind of data: a stratified random sample of 662 towns (places of at
least 15,000 inhabitants in 24 countries), each with its twinning history as its own sources
list it, including the towns that never twinned and those whose list could not be found
(:func:`sample_towns` gives the design; :mod:`paradiplo_net.survey` the weighted estimates).
``core`` tells the history through curated landmark links; ``sample`` is the one to estimate
what share of towns twinned, when and with whom.

Public datasets published elsewhere (the Wikipedia lists, Wikidata crawls, the German and
Baltic lists, WIKIDATA12k, KONECT) are not shipped: :func:`fetch` downloads one at its pinned
version, verifies its SHA-256, caches it and reads it into a contract graph;
:func:`fetchable` lists their names, :func:`provenance` their origin, licence and citation,
and :func:`catalog` tabulates every dataset, bundled or fetchable.

``toy`` is a ten-city graph built in code, small enough to check every result by hand; it is
used by docstring examples and tests. Its cities are deliberately fictional ("City A" ...):
its years and phases are chosen to exercise the code, not to teach history.

Examples
--------
>>> import paradiplo_net as pn
>>> pn.datasets.names()
('core', 'sample', 'toy')
>>> G = pn.datasets.load("toy")
>>> sorted(G.nodes)[:3]
['A', 'B', 'C']
>>> "de-twintowns-muench" in pn.datasets.fetchable()
True
>>> pn.datasets.data_file("blocs", "cold_war_blocs.csv").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ._registry import _load_bundled as _load_bundled  # tests clear its cache
from ._registry import catalog, checksum, describe, load, names, sample_towns
from ._remote import download, fetch, fetchable, provenance
from ._toy import toy

__all__ = [
    "DATA_DIR", "catalog", "checksum", "data_file", "describe", "download", "fetch", "fetchable",
    "load", "names", "provenance", "sample_towns", "toy",
]

#: Folder holding the bundled data files (package data ``paradiplo_net/datasets/data``), as a
#: filesystem path: ``DATA_DIR / "blocs" / "cold_war_blocs.csv"`` is the bloc table.
DATA_DIR: Path = Path(str(files(__name__) / "data"))


def data_file(*parts: str) -> Path:
    """Filesystem path of a bundled data file, e.g. ``data_file("core", "links.csv")``.

    Parameters
    ----------
    *parts : str
        Path components below the data folder.

    Returns
    -------
    pathlib.Path
        The path (not checked for existence).

    Examples
    --------
    >>> data_file("core", "CHECKSUMS").name
    'CHECKSUMS'
    """
    return DATA_DIR.joinpath(*parts)
