"""Tests of paradiplo_net.wikidata: recorded SPARQL pages, entity JSON, TSV crawls, WIKIDATA12k.

No network: the live fetcher gets a fake session returning recorded responses
(tests/data/wikidata_p190_page*.json, see tests/data/wikidata_README.md).
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

import paradiplo_net as pn
from paradiplo_net import wikidata as wd
from paradiplo_net.errors import DatasetError, GraphContractError, SchemaError
from paradiplo_net.settings import settings

DATA = Path(__file__).resolve().parent / "data"
PAGE1 = DATA / "wikidata_p190_page1.json"
PAGE2 = DATA / "wikidata_p190_page2.json"
WD = "http://www.wikidata.org/entity/"
TODAY = date.today().isoformat()


# ---------------------------------------------------------------------------- helpers


def uri(q):
    return {"type": "uri", "value": WD + q}


def lit(v):
    return {"type": "literal", "value": v}


def results(rows, variables=None):
    variables = variables or sorted({k for r in rows for k in r})
    return {"head": {"vars": variables}, "results": {"bindings": rows}}


def binding(item, partner, stmt=None, **extra):
    row = {"item": uri(item), "partner": uri(partner)}
    if stmt:
        row["statement"] = {"type": "uri", "value": f"{WD}statement/{item}-{stmt}"}
    row.update({k: lit(v) for k, v in extra.items()})
    return row


class FakeResponse:
    def __init__(self, status=200, payload=None, headers=None, text=None):
        self.status_code = status
        self.headers = headers or {}
        self._payload = payload
        self.text = text if text is not None else json.dumps(payload)

    def json(self):
        if self._payload is None:
            return json.loads(self.text)  # raises ValueError like requests does
        return self._payload


class FakeSession:
    """Returns the queued responses in order and records each call."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.calls = []

    def get(self, url, params=None, headers=None, timeout=None):
        self.calls.append({"url": url, "params": params, "headers": headers, "timeout": timeout})
        if not self.responses:
            raise AssertionError("unexpected extra request")
        r = self.responses.pop(0)
        if isinstance(r, Exception):
            raise r
        return r


class NoNetwork:
    def get(self, *args, **kwargs):
        raise AssertionError("the network must not be used")


def page(path):
    return FakeResponse(200, json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, online mode, and sleeps recorded instead of slept."""
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "offline", False)
    sleeps = []
    monkeypatch.setattr(wd, "_sleep", sleeps.append)
    return sleeps


# ---------------------------------------------------------------------------- build_query


def test_build_query_pages_statements_in_a_subquery():
    q = wd.build_query(8, 4)
    # paging applies to statements (sub-query), with a stable order
    assert "ORDER BY ?statement\n    LIMIT 4\n    OFFSET 8" in q
    for part in (
        "p:P190 ?statement",
        "ps:P190 ?partner",
        "pqv:P580",
        "pqv:P582",
        "wdt:P625",
        "wdt:P297",
        "wdt:P31",
        'wikibase:language "en,mul,de,fr,es,id"',
    ):
        assert part in q
    assert "LIMIT" not in wd.P190_QUERY and wd.build_query(0, None) == wd.P190_QUERY
    for var in wd.SPARQL_VARIABLES:
        assert f"?{var}" in q


@pytest.mark.parametrize(("offset", "limit"), [(-1, 10), (0, 0), (0, 2.5), ("0", 10)])
def test_build_query_rejects_bad_paging(offset, limit):
    with pytest.raises(ValueError, match="must be an int"):
        wd.build_query(offset, limit)


# ---------------------------------------------------------------------------- read_sparql_json


def test_read_sparql_json_recorded_page():
    G, report = wd.read_sparql_json(PAGE1)
    pn.model.validate_graph(G)
    # 5 rows: Siena's statement appears twice (two coordinates) -> 4 statements, 5 nodes
    assert (report.rows_read, report.links_kept, report.n_rejected) == (5, 4, 0)
    assert G.number_of_nodes() == 5 and G.number_of_edges() == 4
    assert "5 statement rows collapsed into 4 statements" in report.notes[0]
    assert any(n.startswith("1 items with several coordinates") for n in report.notes)
    e = G.edges["Q3955", "Q160927", 0]
    assert (e["year"], e["end_year"], e["start_date"], e["kind"], e["phase"]) == (
        1995,
        None,
        "1995-02-18",
        "unspecified",
        None,
    )
    assert e["statement"] == "Q3955$f5bc4a76-4cfb-d8da-8620-e9d1f17716cc"
    assert e["dataset"] == "wikidata-p190" and G.graph["dataset"] == "wikidata-p190"
    w = G.nodes["Q3955"]
    assert (w["name"], w["country"], w["level"], w["wikidata"]) == (
        "Weimar",
        "DE",
        "municipality",
        "Q3955",
    )
    assert w["lat"] == pytest.approx(50.983333) and w["lon"] == pytest.approx(11.316667)
    assert w["instance_of"] == "Q22865;Q262166"
    # Siena: of its two coordinates the first in sorted order (lat 43.3183 < 43.3186)
    assert G.nodes["Q2751"]["lat"] == pytest.approx(43.318333)
    assert G.nodes["Q2751"]["name"] == "Siena"
    assert G.nodes["Q160927"]["name"] == "Hämeenlinna" and G.nodes["Q160927"]["country"] == "FI"
    assert G.graph["retrieved"] is None and G.graph["rejected"] == 0


def test_read_sparql_json_year_precision_and_buffer():
    with PAGE2.open(encoding="utf-8") as fh:
        G, _ = wd.read_sparql_json(fh, dataset="mine")
    e = G.edges["Q3138", "Q3955", 0]
    # precision 9 (year): the stored date is cut to the year
    assert (e["year"], e["start_date"], e["dataset"]) == (1987, "1987", "mine")
    assert G.graph["dataset"] == "mine"


@pytest.mark.parametrize(
    ("raw", "precision", "year", "date_text", "problem"),
    [
        ("1995-02-18T00:00:00Z", "11", 1995, "1995-02-18", None),
        ("1995-02-01T00:00:00Z", "10", 1995, "1995-02", None),
        ("1990-01-01T00:00:00Z", "8", 1990, "1990", None),  # a decade: first year kept
        ("+1995-00-00T00:00:00Z", None, 1995, "1995", None),  # entity JSON year precision
        ("-0500-01-01T00:00:00Z", None, None, "-0500-01-01T00:00:00Z", "negative (BCE)"),
        ("1850-01-01T00:00:00Z", "9", None, "1850-01-01T00:00:00Z", "before 1900"),
        ("2999-01-01T00:00:00Z", "9", None, "2999-01-01T00:00:00Z", "after"),
        ("http://www.wikidata.org/.well-known/genid/abc", None, None, None, "unreadable"),
    ],
)
def test_dates(raw, precision, year, date_text, problem):
    G, report = wd.read_sparql_json(
        results(
            [binding("Q1", "Q2", start=raw, **({"startPrecision": precision} if precision else {}))]
        )
    )
    e = G.edges["Q1", "Q2", 0]
    assert e["year"] == year
    assert e.get("start_date") == (date_text if date_text else raw)
    if problem:
        # the statement is kept, its unusable date counted with the reason
        assert report.links_kept == 1 and report.n_rejected == 0
        assert any(f"start dates giving no plausible year ({problem}" in n for n in report.notes)
    pn.model.validate_graph(G)


def test_rejections_and_kept_deprecated():
    rows = [
        binding("Q1", "Q2", "a"),
        {"item": uri("Q1"), "partner": {"type": "bnode", "value": "t9"}},  # unknown value
        {
            "item": uri("Q1"),
            "partner": {"type": "uri", "value": "http://www.wikidata.org/.well-known/genid/x"},
        },
        binding("Q3", "Q3", "b"),  # self-link
        {
            **binding("Q4", "Q5", "c"),
            "rank": {"type": "uri", "value": "http://wikiba.se/ontology#DeprecatedRank"},
        },
    ]
    G, report = wd.read_sparql_json(results(rows))
    assert (report.rows_read, report.links_kept, report.n_rejected) == (5, 1, 4)
    assert report.rejected["row"].tolist() == [2, 3, 4, 5]
    assert report.rejected["reason"].str.split(":").str[0].tolist() == [
        "partner is not a Wikidata item (unknown value or not an entity)"
    ] * 2 + ["self-link", "deprecated rank"]
    assert G.graph["rejected"] == 4 and sorted(G.nodes) == ["Q1", "Q2"]
    G2, report2 = wd.read_sparql_json(results(rows), keep_deprecated=True)
    assert report2.n_rejected == 3 and G2.edges["Q4", "Q5", 0]["rank"] == "deprecated"


def test_end_before_start_several_dates_and_values():
    rows = [
        binding("Q1", "Q2", "a", start="2000-01-01T00:00:00Z", end="1990-01-01T00:00:00Z"),
        binding("Q2", "Q1", "b", start="1960-05-01T00:00:00Z", itemCountryCode="IL"),
        binding("Q2", "Q1", "b", start="1958-05-01T00:00:00Z", itemCountryCode="PS"),
        binding(
            "Q3",
            "Q1",
            "c",
            itemCoord="<http://www.wikidata.org/entity/Q405> Point(1 2)",
            itemCountryCode="Germany",
            itemLabel="Q3",
        ),
    ]
    G, report = wd.read_sparql_json(results(rows))
    notes = "\n".join(report.notes)
    assert G.edges["Q1", "Q2", 0]["end_year"] is None and G.edges["Q1", "Q2", 0]["year"] == 2000
    assert "1 statements ending before they start" in notes
    # two start dates on one statement: the earliest
    assert G.edges["Q2", "Q1", 0]["year"] == 1958
    assert "1 statements with several start dates (earliest used)" in notes
    # two countries: first in sorted order (IL < PS), counted
    assert G.nodes["Q2"]["country"] == "IL" and "1 items with several countries" in notes
    # moon coordinates and a non-ISO country are ignored and counted; a label equal to the
    # Q-id counts as no label
    assert G.nodes["Q3"]["lat"] is None and G.nodes["Q3"]["country"] is None
    assert "other globe" in notes and "not ISO alpha-2" in notes
    assert G.nodes["Q3"]["name"] == "Q3"
    pn.model.validate_graph(G)


def test_minimal_columns_without_statement_variable():
    rows = [
        binding("Q1", "Q2"),
        binding("Q1", "Q2"),
        binding("Q1", "Q2", start="1999-01-01T00:00:00Z"),
    ]
    G, report = wd.read_sparql_json(results(rows, ["item", "partner", "start"]))
    # identical rows = one statement; a different start = another statement (parallel edge)
    assert G.number_of_edges() == 2 and report.links_kept == 2
    assert report.notes[0].startswith("no 'statement' variable")
    assert "1 ordered pairs carry several statements" in "\n".join(report.notes)
    assert G.nodes["Q1"] == {
        "name": "Q1",
        "country": None,
        "lat": None,
        "lon": None,
        "level": "municipality",
        "wikidata": "Q1",
    }


def test_levels_from_types():
    rows = [
        binding("Q1", "Q2", itemTypes="Q1221156;Q515", partnerTypes="Q35657"),
        binding("Q3", "Q4", itemTypes="Q999999999"),
    ]
    G, report = wd.read_sparql_json(results(rows))
    # city wins over state (the most local level); a state alone is a state
    assert G.nodes["Q1"]["level"] == "municipality" and G.nodes["Q2"]["level"] == "state"
    assert G.nodes["Q3"]["level"] == "municipality"
    assert "items whose level is unknown from P31" in "\n".join(report.notes)


def test_empty_results():
    G, report = wd.read_sparql_json(results([], ["item", "partner"]))
    assert G.number_of_nodes() == 0 and report.rows_read == 0 and report.links_kept == 0
    pn.model.validate_graph(G)


def test_csv_and_tsv_exports():
    G, report = wd.read_sparql_json(DATA / "wikidata_p190_export.csv")
    assert report.links_kept == 2 and G.nodes["Q145972"]["name"] == "Zamość, Lublin"
    assert G.edges["Q3955", "Q202158", 0]["year"] == 1970
    assert G.nodes["Q202158"]["country"] == "FR"
    assert G.nodes["Q202158"]["lon"] == pytest.approx(1.335)
    T, treport = wd.read_sparql_json(DATA / "wikidata_p190_export.tsv")
    assert treport.links_kept == 2 and treport.n_rejected == 0
    assert T.nodes["Q202158"]["name"] == "Blois" and T.nodes["Q145972"]["name"] == "Zamość"
    assert T.edges["Q3955", "Q202158", 0]["start_date"] == "1970-09-06"
    assert T.edges["Q3955", "Q145972", 0]["year"] is None and T.nodes["Q145972"]["lat"] is None


def test_read_sparql_json_errors(tmp_path):
    with pytest.raises(SchemaError, match="missing variable 'partner'"):
        wd.read_sparql_json(results([{"item": uri("Q1")}], ["item"]))
    with pytest.raises(SchemaError, match=r"expected keys 'head' and 'results.bindings'"):
        wd.read_sparql_json({"entities": {}})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SchemaError, match="not valid JSON"):
        wd.read_sparql_json(bad)
    with pytest.raises(DatasetError, match="not found"):
        wd.read_sparql_json(tmp_path / "absent.json")


# ---------------------------------------------------------------------------- fetch_p190


def test_fetch_pages_until_a_short_page_and_writes_cache(cache):
    session = FakeSession(page(PAGE1), page(PAGE2))
    G, report = wd.fetch_p190(limit_per_page=4, session=session, progress=False)
    pn.model.validate_graph(G)
    # page 1 has 4 statements (= limit, so ask again), page 2 has 2 (< 4, so stop)
    assert len(session.calls) == 2
    assert "OFFSET 0" in session.calls[0]["params"]["query"]
    assert "OFFSET 4" in session.calls[1]["params"]["query"]
    call = session.calls[0]
    assert call["url"] == wd.SPARQL_URL and call["params"]["format"] == "json"
    assert call["headers"]["User-Agent"] == settings.user_agent and call["timeout"] == 60
    assert (report.rows_read, report.links_kept, report.n_rejected) == (7, 6, 0)
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 6
    assert G.graph["retrieved"] == TODAY and G.graph["pages"] == 2
    assert G.graph["cache"] == str(wd.cache_dir())
    assert any("2 page(s) of 4 statements, 0 read from the cache" in n for n in report.notes)
    # cache files are named by the SHA-256 of the endpoint and the query (issue 14: the
    # endpoint is part of the key) and hold the JSON response + meta
    files = sorted(p.name for p in wd.cache_dir().iterdir())
    expected = sorted(
        hashlib.sha256(f"{settings.endpoint}\n{wd.build_query(o, 4)}".encode()).hexdigest()
        + ".json"
        for o in (0, 4)
    )
    assert files == expected
    cached = json.loads((wd.cache_dir() / expected[0]).read_text(encoding="utf-8"))
    assert cached["paradiplo_net"]["retrieved"] == TODAY and "bindings" in cached["results"]
    # a cached page reads like any saved result, with its retrieval date
    H, _ = wd.read_sparql_json(wd.cache_dir() / files[0])
    assert H.graph["retrieved"] == TODAY
    # one-sided: every statement but the Weimar <-> Trier pair
    assert len(wd.one_sided(G)) == 4


def test_fetch_offline_reads_cache_only(cache, monkeypatch):
    wd.fetch_p190(limit_per_page=4, session=FakeSession(page(PAGE1), page(PAGE2)), progress=False)
    # pretend the pages were fetched on an earlier day
    for p in wd.cache_dir().iterdir():
        data = json.loads(p.read_text(encoding="utf-8"))
        data["paradiplo_net"]["retrieved"] = "2025-01-31"
        p.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(settings, "offline", True)
    G, report = wd.fetch_p190(limit_per_page=4, session=NoNetwork(), progress=False)
    assert G.number_of_edges() == 6 and G.graph["retrieved"] == "2025-01-31"
    assert any("2 read from the cache" in n for n in report.notes)
    # online again: the cache is still used, no request made
    monkeypatch.setattr(settings, "offline", False)
    G2, _ = wd.fetch_p190(limit_per_page=4, session=NoNetwork(), progress=True)
    assert nx.utils.edges_equal(G.edges(keys=True), G2.edges(keys=True))


def test_fetch_offline_without_cache_raises(cache, monkeypatch):
    monkeypatch.setattr(settings, "offline", True)
    with pytest.raises(DatasetError, match=r"offline is True and page 1 .* is not cached"):
        wd.fetch_p190(session=NoNetwork(), progress=False)
    with pytest.raises(DatasetError, match="asked to refresh the cache"):
        wd.fetch_p190(refresh=True, session=NoNetwork(), progress=False)
    with pytest.raises(DatasetError, match="asked to bypass the cache"):
        wd.fetch_p190(cache=False, session=NoNetwork(), progress=False)


def test_fetch_offline_missing_second_page_raises(cache, monkeypatch):
    wd.fetch_p190(limit_per_page=4, max_pages=1, session=FakeSession(page(PAGE1)), progress=False)
    monkeypatch.setattr(settings, "offline", True)
    with pytest.raises(DatasetError, match=r"page 2 .offset 4, limit 4. is not cached"):
        wd.fetch_p190(limit_per_page=4, session=NoNetwork(), progress=False)


def test_fetch_retries_429_honouring_retry_after(cache):
    session = FakeSession(
        FakeResponse(429, None, {"Retry-After": "3"}, text="slow down"), page(PAGE1), page(PAGE2)
    )
    G, _ = wd.fetch_p190(limit_per_page=4, session=session, progress=False)
    assert cache == [3.0] and len(session.calls) == 3 and G.number_of_edges() == 6


def test_fetch_retries_5xx_bad_body_and_network_errors_with_backoff(cache):
    import requests

    session = FakeSession(
        FakeResponse(503, None, text="busy"),
        requests.ConnectionError("reset"),
        FakeResponse(200, None, text='{"head": {"vars": ["item"]}, "results": {"bind'),  # truncated
        FakeResponse(429, None, {}, text=""),  # no Retry-After: backoff
        page(PAGE2),
    )
    G, _ = wd.fetch_p190(limit_per_page=4, session=session, progress=False)
    assert cache == [1.0, 2.0, 4.0, 8.0] and G.number_of_edges() == 2


def test_fetch_retry_after_http_date(cache):
    session = FakeSession(
        FakeResponse(429, None, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, text=""),
        page(PAGE2),
    )
    wd.fetch_p190(limit_per_page=4, session=session, progress=False)
    assert cache == [0.0]  # a date in the past: retry at once


def test_fetch_gives_up_after_retries(cache):
    timeout = FakeResponse(500, None, text="java.util.concurrent.TimeoutException")
    session = FakeSession(timeout, timeout, timeout)
    with pytest.raises(DatasetError, match=r"failed 3 time\(s\); last error: HTTP 500"):
        wd.fetch_p190(retries=2, session=session, progress=False)
    assert cache == [1.0, 2.0]
    assert not wd.cache_dir().exists()  # nothing cached from a failed fetch


def test_fetch_client_error_is_not_retried(cache):
    session = FakeSession(FakeResponse(400, None, text="MalformedQueryException"))
    with pytest.raises(DatasetError, match=r"HTTP 400 .*MalformedQueryException"):
        wd.fetch_p190(session=session, progress=False)
    assert cache == [] and len(session.calls) == 1


def test_fetch_max_pages_refresh_and_no_cache(cache):
    G, report = wd.fetch_p190(
        limit_per_page=4, max_pages=1, session=FakeSession(page(PAGE1)), progress=False
    )
    assert G.number_of_edges() == 4 and G.graph["pages"] == 1
    assert any("stopped after max_pages=1" in n for n in report.notes)
    # refresh: the cached page 1 is fetched again (and rewritten)
    session = FakeSession(page(PAGE1), page(PAGE2))
    G, _ = wd.fetch_p190(limit_per_page=4, refresh=True, session=session, progress=False)
    assert len(session.calls) == 2 and G.number_of_edges() == 6
    # cache=False: nothing read or written
    other = settings.cache_dir.parent / "elsewhere"
    settings.cache_dir = other
    G, report = wd.fetch_p190(
        limit_per_page=4, cache=False, progress=False, session=FakeSession(page(PAGE1), page(PAGE2))
    )
    assert not other.exists() and G.graph["cache"] is None
    assert any("(cache disabled)" in n for n in report.notes)


def test_fetch_bad_response_shape(cache):
    bad = results([{"x": uri("Q1")}], ["x"])
    with pytest.raises(SchemaError, match="expected variables 'item' and 'partner'"):
        wd.fetch_p190(session=FakeSession(FakeResponse(200, bad)), progress=False)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"limit_per_page": 0}, "limit_per_page must be an int >= 1"),
        ({"max_pages": 0}, "max_pages must be an int >= 1 or None"),
        ({"retries": -1}, "retries must be an int >= 0"),
        ({"timeout": 0}, "timeout must be a number"),
    ],
)
def test_fetch_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        wd.fetch_p190(session=NoNetwork(), progress=False, **kwargs)


# ---------------------------------------------------------------------------- entity JSON


def _claim(q, *, start=None, precision=11, rank="normal", snaktype="value", cid=None, end=None):
    c = {
        "mainsnak": {"snaktype": snaktype, "property": "P190"},
        "type": "statement",
        "rank": rank,
        "id": cid or f"Q1$claim-{q}",
    }
    if snaktype == "value":
        c["mainsnak"]["datavalue"] = {
            "value": {"entity-type": "item", "numeric-id": int(q[1:]), "id": q},
            "type": "wikibase-entityid",
        }
    quals = {}
    for prop, times in (("P580", start), ("P582", end)):
        if times:
            quals[prop] = [
                {
                    "snaktype": "value",
                    "property": prop,
                    "datavalue": {
                        "value": {"time": t, "precision": precision, "timezone": 0},
                        "type": "time",
                    },
                }
                for t in ([times] if isinstance(times, str) else times)
            ]
    if quals:
        c["qualifiers"] = quals
    return c


def _item_claim(prop, q, rank="normal"):
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datavalue": {"value": {"id": q}, "type": "wikibase-entityid"},
        },
        "rank": rank,
    }


def test_read_entity_json_inline():
    entity = {
        "id": "Q1",
        "labels": {"fr": {"value": "Ville"}, "de": {"value": "Stadt"}},
        "claims": {
            "P190": [
                _claim("Q2", start=["+1999-00-00T00:00:00Z", "+1990-00-00T00:00:00Z"], precision=9),
                _claim(
                    "Q3", start="+2001-06-00T00:00:00Z", precision=10, end="+2010-01-01T00:00:00Z"
                ),
                _claim("Q4", snaktype="somevalue"),
                _claim("Q5", rank="deprecated"),
                _claim("Q1"),
            ],
            "P17": [_item_claim("P17", "Q155570"), _item_claim("P17", "Q183", "preferred")],
            "P625": [
                {
                    "mainsnak": {
                        "snaktype": "value",
                        "datavalue": {
                            "value": {
                                "latitude": 50.98,
                                "longitude": 11.32,
                                "globe": "http://www.wikidata.org/entity/Q2",
                            }
                        },
                    },
                    "rank": "normal",
                }
            ],
            "P31": [_item_claim("P31", "Q1221156")],
        },
    }
    data = {
        "entities": {
            "Q1": entity,
            "Q2": {
                "id": "Q2",
                "labels": {"it": {"value": "Città"}},
                "claims": {"P17": [_item_claim("P17", "Q99999")]},
            },
        }
    }
    G, report = wd.read_entity_json(data)
    pn.model.validate_graph(G)
    assert (report.rows_read, report.links_kept, report.n_rejected) == (5, 2, 3)
    assert report.rejected["row"].tolist() == [3, 4, 5]
    reasons = report.rejected["reason"].tolist()
    assert "snaktype 'somevalue'" in reasons[0] and reasons[1].startswith("deprecated rank")
    assert reasons[2] == "self-link: Q1 -> Q1"
    e2, e3 = G.edges["Q1", "Q2", 0], G.edges["Q1", "Q3", 0]
    # two start qualifiers: the earliest; year precision -> "1990"
    assert (e2["year"], e2["start_date"], e2["statement"]) == (1990, "1990", "Q1$claim-Q2")
    assert (e3["year"], e3["start_date"], e3["end_year"], e3["end_date"]) == (
        2001,
        "2001-06",
        2010,
        "2010-01",
    )
    n1 = G.nodes["Q1"]
    # label fallback en -> mul -> de; preferred country; state from P31
    assert (n1["name"], n1["country"], n1["lat"], n1["level"]) == ("Stadt", "DE", 50.98, "state")
    assert G.nodes["Q2"]["name"] == "Città" and G.nodes["Q2"]["country"] is None
    assert G.nodes["Q3"]["name"] == "Q3"  # partner not in the file
    notes = "\n".join(report.notes)
    assert "1 partner items are not entities of the file" in notes
    assert "1 country items not in COUNTRY_OF_ITEM, country left None: Q99999" in notes
    G2, report2 = wd.read_entity_json(data, keep_deprecated=True)
    assert report2.links_kept == 3 and G2.edges["Q1", "Q5", 0]["rank"] == "deprecated"


def test_read_entity_json_single_entity_and_errors(tmp_path):
    G, report = wd.read_entity_json({"id": "Q1", "claims": {"P190": [_claim("Q2")]}})
    assert list(G.edges()) == [("Q1", "Q2")] and report.rows_read == 1
    G, report = wd.read_entity_json({"entities": {}})
    assert G.number_of_nodes() == 0 and report.rows_read == 0
    G, report = wd.read_entity_json({"entities": {"Q9": {"id": "Q9", "missing": ""}}})
    assert G.number_of_nodes() == 0 and "missing or empty" in report.notes[0]
    with pytest.raises(SchemaError, match="expected an 'entities' mapping"):
        wd.read_entity_json({"head": {}})
    bad = tmp_path / "bad.json"
    bad.write_text("[", encoding="utf-8")
    with pytest.raises(SchemaError, match="not valid JSON"):
        wd.read_entity_json(bad)
    with pytest.raises(DatasetError, match="not found"):
        wd.read_entity_json(tmp_path / "nope.json")


@pytest.mark.real_data
def test_read_entity_json_weimar(shared_data):
    G, report = wd.read_entity_json(shared_data / "wikidata-p190-l3viathan" / "weimar.json")
    pn.model.validate_graph(G)
    assert (report.rows_read, report.links_kept, report.n_rejected) == (5, 5, 0)
    years = {v: d["year"] for _, v, d in G.out_edges("Q3955", data=True)}
    assert years == {
        "Q160927": 1995,
        "Q202158": 1970,
        "Q2751": 1994,
        "Q3138": 1987,
        "Q145972": 2012,
    }
    dates = {v: d["start_date"] for _, v, d in G.out_edges("Q3955", data=True)}
    assert dates == {
        "Q160927": "1995-02-18",
        "Q202158": "1970-09-06",
        "Q2751": "1994-04-15",
        "Q3138": "1987-05-24",
        "Q145972": "2012-05-25",
    }
    w = G.nodes["Q3955"]
    assert (w["name"], w["country"]) == ("Weimar", "DE")
    assert w["lat"] == pytest.approx(50.9833, abs=1e-3)
    assert w["lon"] == pytest.approx(11.3167, abs=1e-3)


# ---------------------------------------------------------------------------- statements TSV


def test_read_statements_tsv_inline():
    rel = io.StringIO(
        "Q1\tQ2\n"
        "Q2\tQ1\n"
        "Q1\tQ2\n"  # exact duplicate
        "Q1\tBeta\n"  # label resolved through names -> Q3
        "Q3\tNowhere\n"  # label unknown -> slug node
        "Q4\tQ4\n"  # self-link
        "\n"  # blank
        "Q1\tQ2\tQ3\n"  # three fields
    )
    names = io.StringIO("Q1\tAlpha\nQ2\tGamma\nQ3\tBeta\nQ1\tAgain\n")
    G, report = wd.read_statements_tsv(rel, names)
    pn.model.validate_graph(G)
    assert (report.rows_read, report.links_kept, report.n_rejected) == (7, 4, 2)
    assert report.rejected["row"].tolist() == [6, 8]
    assert sorted(G.edges()) == [("Q1", "Q2"), ("Q1", "Q3"), ("Q2", "Q1"), ("Q3", "Nowhere|??")]
    assert G.nodes["Q1"]["name"] == "Alpha" and G.nodes["Nowhere|??"]["name"] == "Nowhere"
    assert "wikidata" not in G.nodes["Nowhere|??"] and G.nodes["Q3"]["wikidata"] == "Q3"
    notes = "\n".join(report.notes)
    for text in (
        "1 exact duplicate rows",
        "1 blank lines skipped",
        "1 repeated ids in the names file",
        "1 cells held a label instead of a Q-id and were resolved",
        "1 cells held a label that names no single item",
    ):
        assert text in notes
    G2, report2 = wd.read_statements_tsv(io.StringIO("Q1\tQ2\nQ1\tQ2\n"), dedupe=False)
    # kept as parallel edges; no names file: named by Q-id
    assert G2.number_of_edges() == 2 and G2.nodes["Q1"]["name"] == "Q1"
    assert "kept as parallel edges (dedupe=False)" in report2.notes[0]
    assert any("2 nodes have no label" in n for n in report2.notes)


def test_read_statements_tsv_empty_and_missing(tmp_path):
    G, report = wd.read_statements_tsv(io.StringIO(""))
    assert G.number_of_nodes() == 0 and report.rows_read == 0
    with pytest.raises(DatasetError, match="not found"):
        wd.read_statements_tsv(tmp_path / "relations.tsv")


@pytest.mark.real_data
def test_read_statements_tsv_l3viathan(shared_data):
    folder = shared_data / "wikidata-p190-l3viathan"
    G, report = wd.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")
    # PROVENANCE.md: 34,182 rows, 4 exact duplicates -> 34,178 statements, 10,055 nodes, 624
    # one-sided statements, every node labelled
    assert (report.rows_read, report.links_kept, report.n_rejected) == (34182, 34178, 0)
    assert G.number_of_nodes() == 10055 and G.number_of_edges() == 34178
    assert report.notes[0].startswith("4 exact duplicate rows")
    assert len(wd.one_sided(G)) == 624
    assert G.nodes["Q3955"]["name"] == "Weimar" and G.nodes["Q201391"]["name"] == "Kohtla-Järve"
    assert not any("label" in n for n in report.notes)  # every cell is a Q-id, every node named
    # the same statements, duplicates kept as parallel edges
    G2, _ = wd.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv", dedupe=False)
    assert G2.number_of_edges() == 34182 and set(G2.edges()) == set(G.edges())


# ---------------------------------------------------------------------------- WIKIDATA12k


def _write_12k(folder, train, entities=("Q1", "Q2", "Q3"), valid="", relations=None):
    folder.mkdir(exist_ok=True)
    (folder / "entity2id.txt").write_text("".join(f"{q}\t{i}\n" for i, q in enumerate(entities)))
    (folder / "train.txt").write_text(train)
    if valid:
        (folder / "valid.txt").write_text(valid)
    if relations:
        (folder / "relation2id.txt").write_text(relations)
    return folder


def test_read_wikidata12k_inline(tmp_path):
    folder = _write_12k(
        tmp_path / "k",
        "0\t5\t1\t1956\t1961\n"
        "0\t5\t1\t1961\t3000\n"  # original open-end marker
        "1\t5\t2\t####\t####\n"  # unknown start, open end
        "2\t5\t9\t1990\t2022\n"  # unknown entity id 9
        "2\t5\t2\t1990\t2022\n"  # self-link
        "1\t5\t0\t1880\t2022\n"  # start before 1900
        "0\t6\t1\t1990\t2022\n",  # another relation
        valid="2\t5\t0\t2000\t1995\n",  # end before start
        relations="P190\t5\ttwinned administrative body\n",
    )
    G, report = wd.read_wikidata12k(folder)
    pn.model.validate_graph(G)
    assert (report.rows_read, report.links_kept, report.n_rejected) == (7, 5, 2)
    assert report.rejected["where"].tolist() == ["train:4", "train:5"]
    years = [(u, v, d["year"], d["end_year"], d["split"]) for u, v, d in G.edges(data=True)]
    assert years == [
        ("Q1", "Q2", 1956, 1961, "train"),
        ("Q1", "Q2", 1961, None, "train"),
        ("Q2", "Q3", None, None, "train"),
        ("Q2", "Q1", None, None, "train"),
        ("Q3", "Q1", 2000, None, "valid"),
    ]
    notes = "\n".join(report.notes)
    for text in (
        "1 facts of other relations ignored",
        "1 ordered pairs appear in several facts",
        "1 open ends (marker 3000)",
        "1 open ends (marker ####)",
        "1 open ends (marker 2022)",
        "1 unknown start years (####)",
        "1 start years unreadable or outside",
        "1 facts ending before they start",
    ):
        assert text in notes
    assert not any("not P190" in n for n in report.notes)
    G5, _report5 = wd.read_wikidata12k(folder, open_end=None)
    assert G5.edges["Q2", "Q1", 0]["end_year"] == 2022
    _G6, report6 = wd.read_wikidata12k(folder, relation_id=6)
    assert report6.links_kept == 1 and "relation 6" not in "\n".join(report6.notes)


def test_read_wikidata12k_errors(tmp_path):
    with pytest.raises(DatasetError, match=r"expected a folder with entity2id.txt"):
        wd.read_wikidata12k(tmp_path / "absent")
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "entity2id.txt").write_text("Q1\t0\n")
    with pytest.raises(DatasetError, match=r"has none of train.txt"):
        wd.read_wikidata12k(tmp_path / "e")
    folder = _write_12k(tmp_path / "r", "0\t6\t1\t1990\t2022\n", relations="P17\t6\tcountry\n")
    G, report = wd.read_wikidata12k(folder, relation_id=6)
    assert "relation 6 is P17 (country), not P190" in report.notes
    G, report = wd.read_wikidata12k(folder)
    assert G.number_of_edges() == 0 and report.rows_read == 0
    with pytest.raises(ValueError, match="relation_id must be an int"):
        wd.read_wikidata12k(folder, relation_id=-1)


@pytest.mark.real_data
def test_read_wikidata12k_real(shared_data):
    G, report = wd.read_wikidata12k(shared_data / "wikidata12k-tkg")
    pn.model.validate_graph(G)
    # PROVENANCE.md: 151 statements (137 / 9 / 5), 150 distinct directed pairs, 132 nodes,
    # every start year in 1916-2015, 8 real end years
    assert (report.rows_read, report.links_kept, report.n_rejected) == (151, 151, 0)
    assert G.number_of_nodes() == 132 and len(set(G.edges())) == 150
    splits = [d["split"] for *_, d in G.edges(data=True)]
    assert (splits.count("train"), splits.count("valid"), splits.count("test")) == (137, 9, 5)
    years = [d["year"] for *_, d in G.edges(data=True)]
    assert None not in years and (min(years), max(years)) == (1916, 2015)
    ends = sorted(d["end_year"] for *_, d in G.edges(data=True) if d["end_year"] is not None)
    assert ends == [1961, 1991, 1992, 1992, 1992, 2016, 2016, 2016]
    assert "143 open ends (marker 2022) read as None" in report.notes
    # the pair in two facts: Q1899 -> Q2079, 1956-1961 then 1961-
    assert G.number_of_edges("Q1899", "Q2079") == 2


# ---------------------------------------------------------------------------- one_sided


def test_one_sided_toy(toy):
    table = wd.one_sided(toy)
    # the toy graph has 12 edges, of which one reciprocal pair (2 edges): 10 one-sided
    assert len(table) == 10
    assert table.columns.tolist() == [
        "source",
        "target",
        "key",
        "source_name",
        "target_name",
        "year",
    ]
    assert str(table["year"].dtype) == "Int64" and str(table["key"].dtype) == "int64"
    pairs = set(zip(table["source"], table["target"], strict=True))
    recip = [(u, v) for u, v in toy.edges() if toy.has_edge(v, u)]
    assert len(recip) == 2 and not pairs & set(recip)


def test_one_sided_edge_cases():
    G, _ = wd.read_statements_tsv(io.StringIO("Q1\tQ2\nQ2\tQ1\n"))
    assert len(wd.one_sided(G)) == 0 and list(wd.one_sided(G).columns)[:2] == ["source", "target"]
    G, _ = wd.read_statements_tsv(io.StringIO("Q1\tQ2\nQ1\tQ2\n"), dedupe=False)
    # parallel one-sided edges are each listed
    assert wd.one_sided(G)["key"].tolist() == [0, 1]
    assert len(wd.one_sided(pn.model.new_graph(dataset="empty"))) == 0
    U = pn.model.new_graph(dataset="konect", directed=False)
    with pytest.raises(GraphContractError, match=r"directed'. = False"):
        wd.one_sided(U)


# ---------------------------------------------------------------------------------------
# issue 14: total readers


def test_tsv_export_is_read_in_linear_time(tmp_path):
    import time

    row = f'<{WD}Q1>\t<{WD}Q2>\t"{"a" * 200}\\"quoted\\" \\t tab"@en\t"x"^^<http://t>\n'
    p = tmp_path / "big.tsv"
    p.write_text("?item\t?partner\t?itemLabel\t?start\n" + row * 10_000, encoding="utf-8")
    p2 = tmp_path / "long.tsv"  # one 2.5 MB cell full of quotes: the old regex was quadratic
    cell = '"' + 'a\\"' * 800_000
    p2.write_text(f"?item\t?partner\n<{WD}Q1>\t{cell}\n", encoding="utf-8")
    t0 = time.perf_counter()
    G, report = wd.read_sparql_json(p)
    _, r2 = wd.read_sparql_json(p2)
    assert time.perf_counter() - t0 < 10
    assert report.rows_read == 10_000 and G.nodes["Q1"]["name"].endswith('"quoted" \t tab')
    assert r2.rows_read == 1 and r2.n_rejected == 1


def test_csv_export_field_over_128kb(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text(f"item,partner,itemLabel\n{WD}Q1,{WD}Q2,{'x' * 200_000}\n", encoding="utf-8")
    G, _ = wd.read_sparql_json(p)
    assert len(G.nodes["Q1"]["name"]) == 200_000


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"results": {"bindings": {}}}, r"results.bindings' \(a list\)"),
        ({"results": None}, "results.bindings"),
        ({"head": [], "results": {"bindings": []}}, "'head' must be an object"),
        ({"head": {"vars": ["item"]}, "results": {"bindings": [1]}}, "binding 1 is a int"),
    ],
)
def test_sparql_json_shapes_checked(data, match):
    with pytest.raises(SchemaError, match=match):
        wd.read_sparql_json(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "x.json",
            '{"results": {"bindings": [{"item": {"value": "M\u00fcnster"}}]}}'.encode("cp1252"),
        ),
        ("x.json", b"[" * 100_000),
        ("x.tsv", b"?item\t?partner\n<" + WD.encode() + b"Q" + b"9" * 4300 + b">\t<x>\n"),
        ("x.csv", b"item,partner,itemCoord\nQ1,Q2,Point(1 2 3\n"),
    ],
)
def test_sparql_readers_raise_project_errors_or_read(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    try:
        _, report = wd.read_sparql_json(p)
    except pn.errors.ParadiploError as err:
        assert name in str(err)
    else:
        assert report.rows_read == report.links_kept + report.n_rejected + report.merged


def test_entity_json_wrong_types_are_project_errors(tmp_path):
    p = tmp_path / "e.json"
    p.write_text('{"entities": {"Q1": {"claims": {"P190": "oops"}, "labels": []}}}')
    try:
        wd.read_entity_json(p)
    except pn.errors.ParadiploError as err:
        assert "e.json" in str(err)


def test_statements_tsv_non_utf8_is_a_project_error(tmp_path):
    p = tmp_path / "s.tsv"
    p.write_bytes("Q1\tQ2\nM\u00fcnster\tQ3\n".encode("cp1252"))
    with pytest.raises(pn.errors.ParadiploError, match=r"s\.tsv"):
        wd.read_statements_tsv(p)
