"""The world graph: every public twinning source and the bundled core, reconciled."""

from __future__ import annotations

import os
from pathlib import Path

from ..datasets import fetch, load
from ..datasets._remote import remote
from ._merge import MergeResult, merge

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
) -> MergeResult:
    """Merge the bundled ``core`` with every public source of :data:`WORLD_SOURCES`.

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

    Returns
    -------
    MergeResult
        ``graph`` is the world graph (``G.graph["dataset"] == "world"``).
    """
    graphs = {"core": load("core")}
    for name in WORLD_SOURCES:
        if folder is not None:
            graphs[name] = remote(name).reader(Path(folder) / name, name)[0]
        else:
            graphs[name] = fetch(name, cache_dir=cache_dir, base_url=base_url)[0]
    return merge(graphs, dataset="world", tolerance_km=tolerance_km)
