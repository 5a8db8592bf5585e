"""Property-based tests of every reader (issue 14): any bytes in, a graph or a project error out.

For each reader, hypothesis feeds mutated seed files (tokens inserted, cut, lines repeated,
re-encoded) and arbitrary bytes. The property: the reader returns a graph that passes
``validate_graph`` with a report whose counts add up, or raises a
:class:`~paradiplo_net.errors.ParadiploError`; never a raw Python error. Bounded in time
(``max_examples`` and ``deadline``); the larger seeded run is ``scripts/fuzz_readers.py``.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paradiplo_net as pn
from paradiplo_net.errors import ParadiploError
from paradiplo_net.model import validate_graph

WD = "http://www.wikidata.org/entity/"
FUZZ = settings(
    max_examples=150,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

TOKENS = [
    b"1e20", b"-1", b"99999999999999999999", b"1959?", b"maybe", b"NaN", b"\x00", b"\x01",
    b"\r", b"\n", b"\t", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe9", b"[[[[[[[[", b"{", b"<", b"&",
    b'"', b",", b"null", b"[]", b"{}", b"Q" + b"9" * 60, b"Point(1 2 3)", b"1000", b"%",
    b"% 1 10000000 10000000", b"<graph>", b"<default/>", b"####", b"\xc3", b"Z" * 300,
]  # fmt: skip


def _seeds() -> dict[str, list[bytes]]:
    G = pn.datasets.load("toy")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        graphml = pn.io.write_graphml(G, d / "t.graphml").read_bytes()
        gexf = pn.io.write_gexf(G, d / "t.gexf", dynamic=True).read_bytes()
        links, cities = (p.read_bytes() for p in pn.io.write_links(G, d / "t.csv"))
    row = {
        "item": {"type": "uri", "value": WD + "Q3955"},
        "partner": {"type": "uri", "value": WD + "Q2751"},
        "start": {"type": "literal", "value": "1994-04-15T00:00:00Z"},
        "partnerCoord": {"type": "literal", "value": "Point(11.33 43.32)"},
    }
    sparql = json.dumps({"head": {"vars": list(row)}, "results": {"bindings": [row]}}).encode()
    entity = json.dumps(
        {
            "entities": {
                "Q3955": {
                    "id": "Q3955",
                    "labels": {"en": {"value": "Weimar"}},
                    "claims": {
                        "P190": [
                            {
                                "rank": "normal",
                                "mainsnak": {
                                    "snaktype": "value",
                                    "datavalue": {"value": {"id": "Q2751"}},
                                },
                            }
                        ]
                    },
                }
            }
        }
    ).encode()
    return {
        "graphml": [graphml],
        "gexf": [gexf],
        "sparql_json": [sparql],
        "sparql_csv": [f"item,partner,start\n{WD}Q1,{WD}Q2,1994-01-01T00:00:00Z\n".encode()],
        "sparql_tsv": [f'?item\t?partner\n<{WD}Q1>\t<{WD}Q2>\n"x"@en\t"y"\n'.encode()],
        "entity": [entity],
        "statements": [b"Q1\tQ2\nQ2\tQ1\nQ1\tQ2\n"],
        "w12k": [b"0\t5\t1\t1994\t####\n1\t5\t0\t1995\t2022\n"],
        "konect": [b"% asym\n% 2 3 3\n1 2 1 800000000\n2 3\n"],
        "links": [b"city,partner,since\nCoventry,Dresden,1959\nDresden,Coventry,?\n"],
        "tables": [links],
        "cities": [cities],
    }


SEEDS = _seeds()


def mutated(kind: str) -> st.SearchStrategy[bytes]:
    """A seed with a token inserted, a cut, or a line repeated; or arbitrary bytes."""

    def insert(args: tuple[bytes, int, bytes, int]) -> bytes:
        seed, pos, tok, times = args
        pos %= len(seed) + 1
        return seed[:pos] + tok * times + seed[pos:]

    def cut(args: tuple[bytes, int, int]) -> bytes:
        seed, a, b = args
        a, b = sorted((a % (len(seed) + 1), b % (len(seed) + 1)))
        return seed[:a] + seed[b:]

    seeds = st.sampled_from(SEEDS[kind])
    return st.one_of(
        st.tuples(seeds, st.integers(0, 10**6), st.sampled_from(TOKENS), st.integers(1, 50)).map(
            insert
        ),
        st.tuples(seeds, st.integers(0, 10**6), st.integers(0, 10**6)).map(cut),
        st.binary(max_size=200),
        seeds.map(lambda s: s.decode("utf-8", "replace").encode("utf-16")),
    )


def check(call: Callable[[], Any]) -> None:
    """The property: a valid graph with consistent counts, or a project error."""
    try:
        res = call()
    except ParadiploError:
        return
    G, report = res if isinstance(res, tuple) else (res, None)
    validate_graph(G, min_year=0, max_year=10_000)
    if report is not None:
        merged = int(getattr(report, "merged", 0))
        assert report.rows_read == report.links_kept + report.n_rejected + merged


def _in_tmp(name: str, data: bytes, fn: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_bytes(data)
        check(lambda: fn(p))


@FUZZ
@given(mutated("graphml"))
def test_read_graphml_total(data):
    _in_tmp("x.graphml", data, pn.io.read_graphml)


@FUZZ
@given(mutated("gexf"))
def test_read_gexf_total(data):
    _in_tmp("x.gexf", data, pn.io.read_gexf)


@FUZZ
@given(mutated("sparql_json"))
def test_read_sparql_json_total(data):
    _in_tmp("x.json", data, pn.wikidata.read_sparql_json)


@FUZZ
@given(st.one_of(mutated("sparql_csv"), mutated("sparql_tsv")), st.sampled_from(["csv", "tsv"]))
def test_read_sparql_exports_total(data, suffix):
    _in_tmp(f"x.{suffix}", data, pn.wikidata.read_sparql_json)


@FUZZ
@given(mutated("entity"))
def test_read_entity_json_total(data):
    _in_tmp("x.json", data, pn.wikidata.read_entity_json)


@FUZZ
@given(mutated("statements"))
def test_read_statements_tsv_total(data):
    _in_tmp("s.tsv", data, pn.wikidata.read_statements_tsv)


@FUZZ
@given(mutated("w12k"), st.booleans())
def test_read_wikidata12k_total(data, bad_ids):
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "train.txt").write_bytes(data)
        (d / "entity2id.txt").write_bytes(b"Q3955\t0\nQ2x\t1\n" if bad_ids else b"Q1\t0\nQ2\t1\n")
        check(lambda: pn.wikidata.read_wikidata12k(d))


@FUZZ
@given(mutated("konect"), st.booleans())
def test_read_konect_total(data, drop):
    _in_tmp("out.x", data, lambda p: pn.io.read_konect(p, drop_invalid=drop))


@FUZZ
@given(mutated("links"), st.booleans())
def test_read_links_total(data, drop):
    check(
        lambda: pn.io.read_links(
            io.BytesIO(data), source="city", target="partner", year="since", drop_invalid=drop
        )
    )


@FUZZ
@given(mutated("tables"), st.one_of(st.just(None), mutated("cities")))
def test_read_tables_total(links, cities):
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "x.csv").write_bytes(links)
        (d / "x.cities.csv").write_bytes(cities if cities is not None else SEEDS["cities"][0])
        check(lambda: pn.io.read_tables(d / "x.csv"))


@FUZZ
@given(mutated("tables"), st.sampled_from(["links", "checksums", "missing"]))
def test_datasets_load_total(monkeypatch_module, data, what):
    from paradiplo_net.datasets import _registry

    with tempfile.TemporaryDirectory() as tmp:
        core = Path(tmp) / "core"
        core.mkdir()
        links = data if what == "links" else SEEDS["tables"][0]
        cities = SEEDS["cities"][0]
        sums = "".join(
            f"{hashlib.sha256(b).hexdigest()}  {n}\n"
            for n, b in (("links.csv", links), ("cities.csv", cities))
        ).encode()
        (core / "links.csv").write_bytes(links)
        (core / "cities.csv").write_bytes(cities)
        (core / "CHECKSUMS").write_bytes(data if what == "checksums" else sums)
        if what == "missing":
            (core / "links.csv").unlink()
        monkeypatch_module.setattr(pn.datasets, "DATA_DIR", Path(tmp))
        _registry._load_bundled.cache_clear()
        try:
            check(lambda: pn.datasets.load("core"))
        finally:
            _registry._load_bundled.cache_clear()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()
