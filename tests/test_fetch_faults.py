"""Fault injection for the Wikidata fetcher against a local HTTP server on 127.0.0.1 (issue 14).

The server answers from a script of actions (one per request): HTTP 429 / 503 with
Retry-After, 5xx, a slow drip of bytes, truncated and wrong-shaped JSON, an oversized
body. The fetcher runs with its default session (urllib3 ``Retry`` mounted), its backoff
set to 0 so that the suite stays fast; Retry-After values are 0 or 1 s.
"""

from __future__ import annotations

import _socket
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import paradiplo_net.wikidata as wd
from paradiplo_net.errors import DatasetError, SchemaError
from paradiplo_net.settings import settings
from paradiplo_net.wikidata import _http

WD = "http://www.wikidata.org/entity/"


def _page(n: int = 1) -> bytes:
    rows = [
        {
            "item": {"type": "uri", "value": f"{WD}Q{10 + i}"},
            "partner": {"type": "uri", "value": f"{WD}Q{20 + i}"},
            "statement": {"type": "uri", "value": f"{WD}statement/Q{10 + i}-{i}"},
        }
        for i in range(n)
    ]
    return json.dumps(
        {"head": {"vars": ["item", "partner", "statement"]}, "results": {"bindings": rows}}
    ).encode()


GOOD = _page(2)


def ok(body: bytes = GOOD, status: int = 200, headers: dict[str, str] | None = None):
    def act(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    return act


def drip(seconds: float):
    """Headers at once, then one byte every 50 ms for ``seconds``."""

    def act(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(10_000))
        h.end_headers()
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass  # the client gave up: what we want

    return act


class Server:
    def __init__(self) -> None:
        self.actions: list = []
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits += 1
                act = outer.actions.pop(0) if outer.actions else ok(b"no more", status=500)
                act(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _local_only(sock, address, *args):
    """socket.connect allowing 127.0.0.1 only (conftest forbids every connection)."""
    if not (isinstance(address, tuple) and address[0] == "127.0.0.1"):
        raise RuntimeError("network access in tests is forbidden (127.0.0.1 only here)")
    return _socket.socket.connect(sock, address, *args)


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _local_only)
    srv = Server()
    monkeypatch.setattr(settings, "endpoint", srv.url)
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "offline", False)
    monkeypatch.setattr(_http, "_BACKOFF", (0.0, 0.0))
    waits: list[float] = []
    monkeypatch.setattr(wd, "_sleep", waits.append)
    srv.waits = waits  # type: ignore[attr-defined]
    yield srv
    srv.close()


def fetch(**kw):
    kw.setdefault("limit_per_page", 10)
    kw.setdefault("progress", False)
    kw.setdefault("retries", 3)
    return wd.fetch_p190(**kw)


def cache_files():
    folder = wd.cache_dir()
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_429_and_503_retry_after_honoured(server):
    server.actions = [
        ok(b"slow down", 429, {"Retry-After": "1"}),
        ok(b"busy", 503, {"Retry-After": "0"}),
        ok(),
    ]
    t0 = time.monotonic()
    G, _ = fetch()
    assert G.number_of_edges() == 2 and server.hits == 3
    assert time.monotonic() - t0 >= 0.9  # the 1 s Retry-After was waited for
    assert len(cache_files()) == 1


def test_5xx_retried_then_success(server):
    server.actions = [ok(b"x", 500), ok(b"x", 502), ok(b"x", 504), ok()]
    G, _ = fetch()
    assert G.number_of_edges() == 2 and server.hits == 4


def test_5xx_gives_up_without_caching(server):
    server.actions = [ok(b"x", 500)] * 5
    with pytest.raises(DatasetError, match="HTTP 500"):
        fetch(retries=2)
    assert cache_files() == []


def test_slow_drip_is_cut_by_the_total_deadline(server):
    server.actions = [drip(20.0)]
    t0 = time.monotonic()
    with pytest.raises(DatasetError, match="deadline"):
        fetch(timeout=1, retries=0)
    assert time.monotonic() - t0 < 5  # not the 20 s the server would drip for
    assert cache_files() == []


@pytest.mark.parametrize(
    "body",
    [
        GOOD[: len(GOOD) // 2],  # truncated
        b'{"results": null}',
        b'{"head": {"vars": ["item", "partner"]}, "results": {"bindings": {}}}',
        b'{"head": [], "results": {"bindings": []}}',
        b'{"head": {"vars": ["item"]}, "results": {"bindings": [1, 2]}}',
        b"[" * 100_000,
        b"\xff\xfe not json",
    ],
)
def test_bad_pages_are_retried_and_never_cached(server, body):
    server.actions = [ok(body), ok()]
    G, _ = fetch()
    assert G.number_of_edges() == 2 and server.hits == 2
    (path,) = cache_files()
    assert json.loads(path.read_text(encoding="utf-8"))["results"]["bindings"]
    server.actions = [ok(body)]
    path.unlink()
    with pytest.raises(DatasetError, match="HTTP 200"):
        fetch(retries=0)
    assert cache_files() == []


def test_page_without_item_or_partner_is_an_error_and_not_cached(server):
    body = json.dumps(
        {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "a"}}]}}
    ).encode()
    server.actions = [ok(body)]
    with pytest.raises(SchemaError, match="'item' and 'partner'"):
        fetch()
    assert cache_files() == []


def test_empty_page_is_read_but_not_cached(server):
    server.actions = [ok(_page(0))]
    G, _ = fetch()
    assert G.number_of_edges() == 0 and cache_files() == []


@pytest.mark.parametrize("corrupt", [b"\xff" + GOOD, GOOD[:-5], b'{"results": null}', b"", b"[]"])
def test_corrupt_cache_is_a_miss_and_replaced(server, corrupt):
    server.actions = [ok()]
    fetch()
    (path,) = cache_files()
    path.write_bytes(corrupt)
    server.actions = [ok()]
    G, _ = fetch()
    assert G.number_of_edges() == 2 and server.hits == 2
    assert json.loads(path.read_text(encoding="utf-8"))["results"]["bindings"]
    # and now it is a hit
    fetch()
    assert server.hits == 2


def test_response_size_cap(server, monkeypatch):
    monkeypatch.setattr(_http, "MAX_RESPONSE_BYTES", 100)
    server.actions = [ok()]
    with pytest.raises(DatasetError, match="larger than 100 bytes"):
        fetch(retries=0)
    assert cache_files() == []


def test_endpoint_is_part_of_the_cache_key(server, monkeypatch):
    server.actions = [ok()]
    fetch()
    monkeypatch.setattr(settings, "endpoint", server.url + "?other")
    server.actions = [ok()]
    fetch()
    assert server.hits == 2 and len(cache_files()) == 2
    meta = [json.loads(p.read_text(encoding="utf-8"))["paradiplo_net"] for p in cache_files()]
    assert {m["endpoint"] for m in meta} == {server.url, server.url + "?other"}


def test_twenty_concurrent_writers_of_one_cache_file(tmp_path):
    path = tmp_path / "cache" / "page.json"
    errors: list[BaseException] = []
    barrier = threading.Barrier(20)

    def write(i: int) -> None:
        data = json.loads(_page(1 + i % 3))
        try:
            barrier.wait()
            for _ in range(10):
                _http._write_cache(path, data)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _http._load_cached(path) is not None  # a whole page, never a mix
    assert [p.name for p in path.parent.iterdir()] == ["page.json"]  # no temp files left
