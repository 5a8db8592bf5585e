"""Shared fixtures.

``toy``: the hand-checked toy graph (see paradiplo_net.datasets.toy for its design).
``shared_data``: path to ../shared/data; tests using it are marked ``real_data`` and are
skipped cleanly when the folder is absent (a user's fresh clone).
``script``: loads a file of ``scripts/`` as a module (the scripts are not a package).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import matplotlib
import pytest

matplotlib.use("Agg")

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _load_script(name: str) -> ModuleType:
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, f"no script {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def script() -> Callable[[str], ModuleType]:
    """``script("validate_sample")``: the module of ``scripts/validate_sample.py``."""
    return _load_script


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
