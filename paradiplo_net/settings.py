"""The one settings object: environment concerns only (directories, offline mode, speed).

Analysis parameters are always function arguments, never settings. Every setting is read
when it is used, not at import: an environment variable set after ``import paradiplo_net``
(as a test or a notebook cell does) takes effect at once. Assigning a value overrides the
environment until :meth:`Settings.reset`.

==================  =========================  ===============================================
setting             environment variable       meaning
==================  =========================  ===============================================
``cache_dir``       ``PARADIPLO_CACHE``        on-disk cache of live queries, downloads and
                                               built base maps (default
                                               ``$XDG_CACHE_HOME/paradiplo_net`` or
                                               ``~/.cache/paradiplo_net``)
``offline``         ``PARADIPLO_OFFLINE=1``    live fetchers raise instead of using the network
``fast``            ``PARADIPLO_FAST=1``       replays keep a few frames (tests, previews)
``endpoint``        ``PARADIPLO_ENDPOINT``     the Wikidata SPARQL endpoint
``threads``         ``PARADIPLO_THREADS``      threads for igraph/BLAS on shared machines
                                               (default 1)
==================  =========================  ===============================================

How ``threads`` is applied (:func:`paradiplo_net._igraph.apply_threads`): when igraph is
first imported through the package, ``OMP_NUM_THREADS`` is set to it (unless the user set
``OMP_NUM_THREADS`` and not ``PARADIPLO_THREADS``), which governs OpenMP and BLAS runtimes
loaded afterwards; and on every igraph conversion, if the value changed, :mod:`threadpoolctl`
(when installed) limits the runtimes already loaded: igraph's OpenMP and numpy's BLAS. On a
busy 2-core machine igraph's OpenMP PageRank took 1.6 ms with one thread and up to 1.6 s with
two; raise it only on a machine of your own.

>>> from paradiplo_net.settings import settings
>>> settings.offline in (True, False)
True
>>> settings.fast = True
>>> settings.fast
True
>>> settings.reset()
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

__all__ = ["ENV", "Settings", "settings"]

#: Environment variable of each setting.
ENV: dict[str, str] = {
    "cache_dir": "PARADIPLO_CACHE",
    "offline": "PARADIPLO_OFFLINE",
    "fast": "PARADIPLO_FAST",
    "endpoint": "PARADIPLO_ENDPOINT",
    "threads": "PARADIPLO_THREADS",
}

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = (
    "paradiplo_net/0.1 (research toolkit for twinning networks; "
    "https://github.com/paradiplo-net/paradiplo_net)"
)


def _flag(name: str) -> bool:
    return os.environ.get(ENV[name], "").strip() == "1"


def _default_cache() -> Path:
    if os.environ.get(ENV["cache_dir"]):
        return Path(os.environ[ENV["cache_dir"]])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "paradiplo_net"


def _threads() -> int:
    raw = os.environ.get(ENV["threads"], "").strip()
    if not raw:
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"${ENV['threads']} must be a positive integer, got {raw!r}")
    return int(raw)


class Settings:
    """Where data and caches live, whether the network may be used, how fast to run.

    Attributes
    ----------
    cache_dir : Path
        On-disk cache for live queries, downloads and built base maps.
    offline : bool
        If True, live fetchers raise :class:`~paradiplo_net.errors.DatasetError` instead of
        using the network.
    fast : bool
        If True, replays keep a few frames.
    endpoint : str
        The Wikidata SPARQL endpoint (part of every cache key).
    threads : int
        Threads igraph and BLAS may use (1 by default: on a shared 2-core machine more threads
        make small computations slower, not faster).
    user_agent : str
        The polite User-Agent sent to Wikidata.
    """

    _READERS: ClassVar[dict[str, Any]] = {
        "cache_dir": _default_cache,
        "offline": lambda: _flag("offline"),
        "fast": lambda: _flag("fast"),
        "endpoint": lambda: os.environ.get(ENV["endpoint"]) or DEFAULT_ENDPOINT,
        "threads": _threads,
        "user_agent": lambda: USER_AGENT,
    }

    def __init__(self) -> None:
        object.__setattr__(self, "_overrides", {})

    def __getattr__(self, name: str) -> Any:
        readers = type(self)._READERS
        if name not in readers:
            raise AttributeError(f"no setting {name!r}; settings are: {', '.join(readers)}")
        overrides = object.__getattribute__(self, "_overrides")
        return overrides[name] if name in overrides else readers[name]()

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in type(self)._READERS:
            raise AttributeError(
                f"no setting {name!r}; settings are: {', '.join(type(self)._READERS)}"
            )
        if name == "cache_dir":
            value = Path(value)
        elif name in ("offline", "fast") and not isinstance(value, bool):
            raise TypeError(f"settings.{name} must be True or False, got {value!r}")
        elif name == "threads" and (isinstance(value, bool) or not isinstance(value, int)
                                    or value < 1):
            raise TypeError(f"settings.threads must be a positive int, got {value!r}")
        self._overrides[name] = value

    def __delattr__(self, name: str) -> None:
        self._overrides.pop(name, None)

    def reset(self) -> None:
        """Forget every assigned value: read the environment again."""
        self._overrides.clear()

    def __repr__(self) -> str:
        values = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._READERS)
        return f"Settings({values})"


settings = Settings()
