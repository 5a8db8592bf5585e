"""The registry of fetchable public datasets: catalog, provenance, and the real download path.

Downloads go through pooch against a local HTTP server on 127.0.0.1 that serves
``../shared/data`` (laid out as ``<name>/<file>``, the mirror layout of ``fetch(base_url=)``);
those tests are ``real_data`` and skip when the folder is absent.
"""

from __future__ import annotations

import _socket
import dataclasses
import functools
import http.server
import shutil
import socket
import tarfile
import threading
from pathlib import Path

import pytest

import paradiplo_net as pn
from paradiplo_net.datasets import _remote
from paradiplo_net.errors import DatasetError


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def serve(monkeypatch):
    """Start a server on 127.0.0.1 for a folder; allow connections to it only."""
    def connect(self, address):
        if isinstance(address, tuple) and address[0] in ("127.0.0.1", "localhost"):
            return _socket.socket.connect(self, address)
        raise RuntimeError("network access in tests is forbidden (only 127.0.0.1)")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setenv("PARADIPLO_OFFLINE", "0")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_names_unchanged_and_fetchable_listed():
    assert pn.datasets.names() == ("core", "sample", "toy")
    assert set(pn.datasets.fetchable()) == {
        "wikipedia-hekman", "wikidata-p190-l3viathan", "wikidata-eu-rogorido-2017",
        "de-twintowns-muench", "baltic-bsr-nickel", "wikidata12k-tkg",
        "wikidata-konect-twin-2017",
    }


def test_catalog_columns_and_pins():
    cat = pn.datasets.catalog()
    assert list(cat.columns) == ["name", "kind", "description", "size", "years", "licence",
                                 "citation", "url", "sha256", "files"]
    remote = cat[cat["kind"] == "fetchable"]
    assert len(remote) == 7
    assert remote["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    # every origin is pinned to a 40-digit commit on raw.githubusercontent.com
    assert remote["url"].str.match(r"https://raw\.githubusercontent\.com/[^/]+/[^/]+/[0-9a-f]{40}/").all()
    assert (remote["licence"].str.len() > 0).all() and (remote["citation"].str.len() > 20).all()


def test_provenance_text():
    text = pn.datasets.provenance("de-twintowns-muench")
    assert "muenchdo/TwinTowns@6144481" in text and "MIT" in text and "cite as" in text


def test_unknown_and_offline(tmp_path):
    with pytest.raises(DatasetError, match="valid names: baltic-bsr-nickel"):
        pn.datasets.fetch("nope")
    with pytest.raises(DatasetError, match="offline mode is on"):
        pn.datasets.fetch("baltic-bsr-nickel", cache_dir=tmp_path)


# ------------------------------------------------------------------- real download path

EXPECTED = {  # name -> (edges, dataset attribute present)
    "wikipedia-hekman": 26_114,
    "wikidata-p190-l3viathan": 34_178,
    "wikidata-eu-rogorido-2017": 24_926,
    "de-twintowns-muench": 7_138,
    "baltic-bsr-nickel": 1_759,
    "wikidata12k-tkg": 151,
    "wikidata-konect-twin-2017": 20_573,
}


@pytest.mark.real_data
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fetch_every_dataset_through_local_server(name, shared_data, serve, tmp_path):
    base = serve(shared_data)
    G, report = pn.datasets.fetch(name, cache_dir=tmp_path, base_url=base)
    # every file present and verified
    for f in _remote.remote(name).files:
        assert _remote._sha256(tmp_path / name / f.name) == f.sha256
    rejected = len(report.rejected)
    assert G.number_of_edges() + rejected >= EXPECTED[name] * 0.97
    assert G.number_of_edges() <= EXPECTED[name]
    assert G.graph["sha256"] == _remote.remote(name).sha256
    assert G.graph["licence"] and G.graph["citation"]


@pytest.mark.real_data
def test_cache_is_reused_without_network(shared_data, serve, tmp_path, monkeypatch):
    base = serve(shared_data)
    pn.datasets.download("baltic-bsr-nickel", cache_dir=tmp_path, base_url=base)
    monkeypatch.setenv("PARADIPLO_OFFLINE", "1")
    G, _ = pn.datasets.fetch("baltic-bsr-nickel", cache_dir=tmp_path)  # no download needed
    assert G.number_of_edges() > 1700


@pytest.mark.real_data
def test_corrupt_download_refused_and_not_cached(shared_data, serve, tmp_path):
    mirror = tmp_path / "mirror" / "baltic-bsr-nickel"
    mirror.mkdir(parents=True)
    data = (shared_data / "baltic-bsr-nickel" / "dyad.hans.csv").read_bytes()
    (mirror / "dyad.hans.csv").write_bytes(data[:-10] + b"0000000000")  # corrupted tail
    base = serve(tmp_path / "mirror")
    cache = tmp_path / "cache"
    with pytest.raises(DatasetError, match=r"refused.*Nothing was cached"):
        pn.datasets.fetch("baltic-bsr-nickel", cache_dir=cache, base_url=base)
    assert not (cache / "baltic-bsr-nickel" / "dyad.hans.csv").exists()
    assert not any(p.is_file() for p in cache.rglob("*"))
    # a corrupted cached file is replaced by a verified download
    (cache / "baltic-bsr-nickel").mkdir(parents=True, exist_ok=True)
    (cache / "baltic-bsr-nickel" / "dyad.hans.csv").write_bytes(b"junk")
    good = serve(shared_data)
    pn.datasets.download("baltic-bsr-nickel", cache_dir=cache, base_url=good)
    assert (cache / "baltic-bsr-nickel" / "dyad.hans.csv").read_bytes() == data


@pytest.mark.real_data
def test_archive_origin_member_verified(shared_data, serve, tmp_path, monkeypatch):
    """KONECT's origin is a tar: the member's pinned digest is checked after unpacking."""
    site = tmp_path / "site"
    site.mkdir()
    src = shared_data / "wikidata-konect-twin-2017"
    with tarfile.open(site / "twin.tar", "w") as tar:
        for f in ("out.twin", "meta.twin", "README.twin"):
            tar.add(src / f, arcname=f"twin/{f}")
    base = serve(site)
    d = _remote.remote("wikidata-konect-twin-2017")
    files = tuple(dataclasses.replace(f, url=f"{base}/twin.tar") for f in d.files)
    monkeypatch.setitem(_remote.REMOTE, d.name, dataclasses.replace(d, files=files))
    G, _ = pn.datasets.fetch(d.name, cache_dir=tmp_path / "cache")
    assert G.number_of_edges() == 20_573
    # a tampered member is refused
    bad = dataclasses.replace(files[0], sha256="0" * 64)
    monkeypatch.setitem(_remote.REMOTE, d.name, dataclasses.replace(d, files=(bad,)))
    shutil.rmtree(tmp_path / "cache")
    with pytest.raises(DatasetError, match="refused"):
        pn.datasets.download(d.name, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache" / d.name / "out.twin").exists()
