"""Shared fixtures.

``toy``: the hand-checked toy graph (see paradiplo_net.datasets.toy for its design).
``shared_data``: path to ../shared/data; tests using it are marked ``real_data`` and are
skipped cleanly when the folder is absent (a user's fresh clone).
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def toy():
    """A fresh copy of the toy graph (tests may mutate it)."""
    return pn.datasets.load("toy")


@pytest.fixture(scope="session")
def core():
    """The bundled core dataset (do not mutate; use .copy())."""
    return pn.datasets.load("core")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} absent")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never touch the network: any socket connection fails loudly."""
    import socket

    def guard(*args, **kwargs):
        raise RuntimeError("network access in tests is forbidden; use recorded responses")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setenv("PARADIPLO_OFFLINE", "1")
