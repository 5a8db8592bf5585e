"""paradiplo_net: network analysis of city twinning, sister cities and paradiplomacy.

>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> G.number_of_nodes(), G.number_of_edges()
(10, 12)
"""

from __future__ import annotations

import importlib
import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_MODULES = (
    "errors", "model", "settings", "geo", "io", "wikidata", "datasets", "phases", "temporal",
    "stats", "centrality", "countries", "innovation", "diffusion", "communities", "survey",
    "gravity", "survival", "paths", "konect", "merge", "i18n", "plot", "figures", "replay",
    "multilateral",
)


def __getattr__(name: str):
    # Public modules are imported lazily so `import paradiplo_net` stays fast and a
    # missing optional dependency only fails the module that needs it.
    if name in _MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'paradiplo_net' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])


__all__ = [
    "__version__",
    "centrality",
    "communities",
    "countries",
    "datasets",
    "diffusion",
    "errors",
    "figures",
    "geo",
    "gravity",
    "i18n",
    "innovation",
    "io",
    "konect",
    "merge",
    "model",
    "multilateral",
    "paths",
    "phases",
    "plot",
    "replay",
    "settings",
    "stats",
    "survey",
    "survival",
    "temporal",
    "wikidata",
]
