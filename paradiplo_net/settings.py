"""The one settings object: environment concerns only (directories, offline mode).

Analysis parameters are always function arguments, never settings.

>>> from paradiplo_net.settings import settings
>>> settings.offline in (True, False)
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Settings", "settings"]


def _default_cache() -> Path:
    if os.environ.get("PARADIPLO_CACHE"):
        return Path(os.environ["PARADIPLO_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "paradiplo_net"


@dataclass
class Settings:
    """Where data and caches live and whether the network may be used.

    Attributes
    ----------
    cache_dir : Path
        On-disk cache for live queries (``$PARADIPLO_CACHE`` or ``~/.cache/paradiplo_net``).
    offline : bool
        If True, live fetchers raise :class:`~paradiplo_net.errors.DatasetError` instead of
        using the network (``$PARADIPLO_OFFLINE=1``).
    user_agent : str
        The polite User-Agent sent to Wikidata.
    """

    cache_dir: Path = field(default_factory=_default_cache)
    offline: bool = field(default_factory=lambda: os.environ.get("PARADIPLO_OFFLINE", "") == "1")
    user_agent: str = (
        "paradiplo_net/0.1 (research toolkit for twinning networks; "
        "https://github.com/paradiplo-net/paradiplo_net)"
    )

    def __setattr__(self, name: str, value: object) -> None:
        if name == "cache_dir":
            value = Path(value)  # type: ignore[arg-type]
        if name == "offline" and not isinstance(value, bool):
            raise TypeError(f"settings.offline must be True or False, got {value!r}")
        super().__setattr__(name, value)


settings = Settings()
