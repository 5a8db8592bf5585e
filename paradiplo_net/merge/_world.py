"""The world graph: every public twinning source and the bundled core, reconciled."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from .._files import atomic_path
from ..datasets import checksum, fetch, load
from ..datasets._remote import remote
from ..settings import settings
from ._merge import MergeResult, merge

logger = logging.getLogger(__name__)

#: The public sources of the world graph, in the order their names are preferred (after core).
WORLD_SOURCES: tuple[str, ...] = (
    "wikipedia-hekman", "wikidata-p190-l3viathan", "wikidata-eu-rogorido-2017",
    "de-twintowns-muench", "baltic-bsr-nickel", "wikidata12k-tkg",
)


def world(
    *,
    folder: str | os.PathLike[str] | None = None,
    cache_dir: str | Path | None = None,
    base_url: str | None = None,
    tolerance_km: float = 25.0,
    cache: bool = True,
) -> MergeResult:
    """Merge the bundled ``core`` with every public source of :data:`WORLD_SOURCES`.

    The merge takes about 20 s; its result is kept in ``settings.cache_dir / "world"`` and
    read back (in about a second) while nothing it depends on has changed: the sources'
    pinned digests (or, for a local ``folder``, each file's size and modification time), the
    bundled ``core``, ``tolerance_km`` and the code of the readers and of the merge.

    Parameters
    ----------
    folder : path, optional
        A local folder laid out as ``<folder>/<name>/<file>`` (e.g. a lab's copy of the
        sources) read directly; by default each source is fetched with
        :func:`paradiplo_net.datasets.fetch` (downloaded once, verified, cached).
    cache_dir, base_url : optional
        Passed to :func:`~paradiplo_net.datasets.fetch`.
    tolerance_km : float, default 25
        See :func:`merge`.
    cache : bool, default True
        Read and write the cached result; False always merges afresh (and writes nothing).

    Returns
    -------
    MergeResult
        ``graph`` is the world graph (``G.graph["dataset"] == "world"``).
    """
    path = settings.cache_dir / "world" / f"world-{_key(folder, tolerance_km)}.pickle"
    if cache and path.is_file():
        try:
            with path.open("rb") as fh:
                res = pickle.load(fh)  # our own cache folder, written below
            if isinstance(res, MergeResult):
                logger.info("world graph read from the cache %s", path)
                return res
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            logger.warning("world cache %s unreadable (%s): merging afresh", path, exc)
    graphs = {"core": load("core")}
    for name in WORLD_SOURCES:
        if folder is not None:
            graphs[name] = remote(name).reader(Path(folder) / name, name)[0]
        else:
            graphs[name] = fetch(name, cache_dir=cache_dir, base_url=base_url)[0]
    res = merge(graphs, dataset="world", tolerance_km=tolerance_km)
    if cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            getattr(res.graph, "__networkx_cache__", {}).clear()  # igraph views: rebuilt on use
            with atomic_path(path) as tmp, Path(tmp).open("wb") as fh:
                pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:  # a read-only cache is no reason to fail the merge
            logger.warning("world cache %s not written: %s", path, exc)
    return res


def _key(folder: str | os.PathLike[str] | None, tolerance_km: float) -> str:
    """What the merged world depends on, hashed: inputs, options and the code that reads them."""
    from .. import __version__

    h = hashlib.sha256(f"{__version__}|{tolerance_km!r}|{checksum('core')}".encode())
    for name in WORLD_SOURCES:
        for f in remote(name).files:
            if folder is None:
                h.update(f"{name}/{f.name}:{f.sha256}".encode())
            else:
                st = (Path(folder) / name / f.name).stat()
                h.update(f"{name}/{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    package = Path(__file__).resolve().parent.parent
    for sub in ("merge", "io", "datasets", "geo", "model", "wikidata"):
        for src in sorted((package / sub).glob("*.py")):
            h.update(src.read_bytes())
    return h.hexdigest()[:20]
