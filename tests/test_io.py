"""Tests of paradiplo_net.io: read_links / write_links / read_tables, KONECT, GraphML, GEXF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paradiplo_net as pn
from paradiplo_net.errors import SchemaError

DATA = Path(__file__).parent / "data"
GEXF = "{http://www.gexf.net/1.2draft}"


def links(text: str, **kw):
    """read_links on CSV text with columns a, b (names) unless told otherwise."""
    kw.setdefault("source", "a")
    kw.setdefault("target", "b")
    return pn.io.read_links(io.StringIO(text), **kw)


def same_graph(G, H):
    assert sorted(G.nodes(data=True)) == sorted(H.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True)) == sorted(H.edges(keys=True, data=True))


# ------------------------------------------------------------------ read_links: happy paths


def test_read_links_fixture_full_mapping():
    G, report = pn.io.read_links(
        DATA / "io_links.csv",
        source="city",
        target="partner",
        source_country="city_country",
        target_country="partner_country",
        year="since",
        end_year="until",
        phase="phase",
        kind="kind",
        sectors="sectors",
        note="note",
    )
    assert (report.rows_read, report.links_kept, report.n_rejected) == (7, 7, 0)
    # "England", "United Kingdom" and "GB" are one Coventry; "Korea Selatan" is KR.
    assert sorted(G.nodes) == [
        "Busan|KR",
        "Coventry|GB",
        "Dresden|DE",
        "Nagasaki|JP",
        "Saint Paul|US",
        "Surabaya|ID",
        "Volgograd|RU",
    ]
    e = G.edges["Coventry|GB", "Dresden|DE", 0]
    assert e == {
        "year": 1959,
        "end_year": None,
        "phase": "associative",
        "phase_source": "recorded",
        "kind": "twin_town",
        "dataset": "io_links",
        "sectors": "culture",
        "note": "first postwar link",
        "source_country_text": "England",
        "target_country_text": "Germany",
    }
    # German words: "Assoziativ" / "Städtepartnerschaft"; date "1944-02-20" -> 1944
    e = G.edges["Coventry|GB", "Volgograd|RU", 0]
    assert (e["year"], e["phase"], e["kind"]) == (1944, "associative", "partnership")
    # "c. 1944" -> 1944 (approximate, noted); empty phase/kind -> None / unspecified
    e = G.edges["Volgograd|RU", "Coventry|GB", 0]
    assert (e["year"], e["phase"], e["phase_source"], e["kind"]) == (
        1944,
        None,
        None,
        "unspecified",
    )
    # Indonesian words; "1994.0" -> 1994; parallel edge kept for the 2004 renewal
    assert G.number_of_edges("Surabaya|ID", "Busan|KR") == 2
    e = G.edges["Surabaya|ID", "Busan|KR", 0]
    assert (e["year"], e["phase"], e["kind"]) == (1994, "commercial", "sister_city")
    assert G.edges["Saint Paul|US", "Nagasaki|JP", 0]["year"] is None  # "?" marker
    assert G.edges["Saint Paul|US", "Volgograd|RU", 0]["end_year"] == 2022
    assert G.nodes["Coventry|GB"] == {
        "name": "Coventry",
        "country": "GB",
        "lat": None,
        "lon": None,
        "level": "municipality",
    }
    notes = "\n".join(report.notes)
    assert "separator ','" in notes
    assert "year: 1 row(s) with an unknown-year marker read as missing: '?' x1" in notes
    assert "1 approximate year(s)" in notes
    assert G.graph["load_report"]["rows_read"] == 7
    assert G.graph["rejected"] == 0 and G.graph["directed"] is True
    pn.model.validate_graph(G)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1956", 1956),
        ("1956.0", 1956),
        ("1956-05-04", 1956),
        ("+1956-05-04T00:00:00Z", 1956),
        ("04.05.1956", 1956),
        ("c. 1956", 1956),
        ("ca 1956", 1956),
        ("circa 1956", 1956),
        ("1956?", 1956),
        (" 1956 ", 1956),
        ("0", None),
        ("", None),
        ("?", None),
        ("unknown", None),
        ("N/A", None),
        ("####", None),
    ],
)
def test_year_formats(raw, expected):
    G, _ = links(f"a,b,y\nX,Y,{raw}\n", year="y")
    assert G.edges["X|??", "Y|??", 0]["year"] == expected


def test_year_formats_in_a_frame():
    frame = pd.DataFrame(
        {"a": ["X", "X", "X"], "b": ["Y", "Z", "W"], "y": [1956.0, float("nan"), 0]}
    )
    G, report = pn.io.read_links(frame, source="a", target="b", year="y")
    assert [d["year"] for *_, d in G.edges(data=True)] == [1956, None, None]
    assert "2 row(s) with an unknown-year marker" in report.notes[-1]
    assert report.source == "<DataFrame>" and G.graph["dataset"] == "links"


def test_unknown_year_option_and_range_options():
    G, _ = links("a,b,y\nX,Y,9999\n", year="y", unknown_year=("9999",))
    assert G.edges["X|??", "Y|??", 0]["year"] is None
    G, _ = links("a,b,y\nX,Y,1850\n", year="y", allow_years_outside=True)
    assert G.edges["X|??", "Y|??", 0]["year"] == 1850
    G, _ = links("a,b,y\nX,Y,1850\n", year="y", min_year=1800)
    assert G.edges["X|??", "Y|??", 0]["year"] == 1850


def test_separators_sniffed_and_given():
    for sep in (",", ";", "\t", "|"):
        G, report = links(f"a{sep}b{sep}y\nX{sep}Y{sep}1990\n", year="y")
        assert G.number_of_edges() == 1
        assert f"separator {sep!r} detected" in report.notes
    G, report = links("a;b\nX;Y\n", sep=";")
    assert G.number_of_edges() == 1 and not any("separator" in n for n in report.notes)


def test_buffers_bytes_and_text():
    G, _ = pn.io.read_links(io.BytesIO("a,b\nKöln,Liège\n".encode()), source="a", target="b")
    assert sorted(G.nodes) == ["Köln|??", "Liège|??"]
    G, report = pn.io.read_links(io.BytesIO("\ufeffa,b\nX,Y\n".encode()), source="a", target="b")
    assert G.number_of_edges() == 1 and "utf-8-sig" in report.notes[0]


def test_encoding_cp1252_detected_and_noted():
    G, report = pn.io.read_links(
        DATA / "io_cp1252.csv",
        source="stadt",
        target="partner",
        source_country="land",
        target_country="partnerland",
        year="jahr",
    )
    assert sorted(G.nodes) == ["Köln|DE", "Liège|BE"]
    assert (
        report.notes[0] == "encoding: not valid UTF-8 (first bad byte at line 2); decoded as cp1252"
    )


def test_encoding_mixed_is_an_error_naming_the_lines():
    # line 2 is UTF-8 ("Köln"), line 3 cp1252 ("München")
    with pytest.raises(
        SchemaError,
        match=(
            r"mixed encodings: 1 line\(s\) are UTF-8 .*\(lines 2\).*\(lines 3\)"
            r"(.|\n)*encoding='mixed'"
        ),
    ):
        pn.io.read_links(DATA / "io_mixed.csv", source="stadt", target="partner")


def test_encoding_mixed_decoded_line_by_line_on_request():
    G, report = pn.io.read_links(
        DATA / "io_mixed.csv", source="stadt", target="partner", encoding="mixed"
    )
    assert sorted(G.nodes) == ["Bordeaux|??", "Köln|??", "Liège|??", "München|??"]
    assert report.notes[0].startswith(
        "encoding: mixed - 1 line(s) not valid UTF-8 (lines 3) decoded as cp1252"
    )


def test_encoding_given_but_wrong():
    with pytest.raises(SchemaError, match=r"not valid utf-8: lines 2(.|\n)*encoding='cp1252'"):
        pn.io.read_links(DATA / "io_cp1252.csv", source="stadt", target="partner", encoding="utf-8")
    with pytest.raises(SchemaError, match="unknown encoding"):
        pn.io.read_links(DATA / "io_cp1252.csv", source="stadt", target="partner", encoding="nope")
    G, _ = pn.io.read_links(
        DATA / "io_cp1252.csv", source="stadt", target="partner", encoding="cp1252"
    )
    assert "Köln|??" in G


def test_binary_file_rejected():
    with pytest.raises(SchemaError, match="NUL bytes"):
        pn.io.read_links(io.BytesIO(b"a,b\x00\x00\n"), source="a", target="b")


def test_default_country_and_country_map():
    G, _ = links(
        "a,b,k\nAachen,Reims,Frankreich\n", target_country="k", default_source_country="DE"
    )
    assert list(G.edges) == [("Aachen|DE", "Reims|FR", 0)]
    G, report = links(
        "a,k1,b,k2\nRostock,EastGER,Aarhus,Denmark\nX,Narnia,Y,Gondor\n",
        source_country="k1",
        target_country="k2",
        country_map={"Gondor": "NZ"},
    )
    assert ("Rostock|DE", "Aarhus|DK", 0) in G.edges and ("X|??", "Y|NZ", 0) in G.edges
    assert G.nodes["X|??"]["country"] is None
    assert "1 country text(s) not recognised (1 city mention(s))" in report.notes[-1]
    assert "'Narnia' x1" in report.notes[-1]
    with pytest.raises(ValueError, match="not both"):
        links("a,b,k\nX,Y,Z\n", source_country="k", default_source_country="DE")
    with pytest.raises(ValueError, match="not both"):
        links("a,b,k\nX,Y,Z\n", target_country="k", default_target_country="DE")


def test_empty_country_cells_are_counted():
    G, report = links("a,k,b,l\nX,France,Y,\n", source_country="k", target_country="l")
    assert G.nodes["Y|??"]["country"] is None
    assert "1 row(s) with an empty 'l'" in report.notes[-1]


def test_id_columns():
    G, report = links(
        "a,ia,b,ib\nWeimar,Q3955,Trier,Q3138\nWeimar,Q3955,Blois,\nWeimer,Q3955,Trier,Q3138\n",
        source_id="ia",
        target_id="ib",
    )
    assert sorted(G.nodes) == ["Blois|??", "Q3138", "Q3955"]
    assert G.number_of_edges("Q3955", "Q3138") == 2
    assert G.nodes["Q3955"]["name"] == "Weimar"  # first name kept, conflict counted
    notes = "\n".join(report.notes)
    assert "1 row(s) with an empty 'ib'" in notes
    assert "names: 1 mention(s)" in notes and "'Weimer' as 'Weimar' (Q3955)" in notes
    frame = pd.DataFrame([["X", "Y", "Z"]], columns=["a", "a", "b"])
    with pytest.raises(SchemaError, match="column 'a' appears 2 times"):
        pn.io.read_links(frame, source="a", target="b")


def test_phase_and_kind_maps():
    G, _ = links(
        "a,b,f,p\nX,Y,p,x\nX,Z,k,\n",
        kind="f",
        phase="p",
        kind_map={"p": "partnership", "k": "contact"},
        phase_map={"x": "reciprocal"},
    )
    assert [(d["kind"], d["phase"]) for *_, d in G.edges(data=True)] == [
        ("partnership", "reciprocal"),
        ("contact", None),
    ]
    with pytest.raises(ValueError, match=r"phase_map\['x'\]='trade'"):
        links("a,b\nX,Y\n", phase_map={"x": "trade"})
    with pytest.raises(ValueError, match=r"kind_map\['p'\]='twin'"):
        links("a,b\nX,Y\n", kind_map={"p": "twin"})


def test_single_letter_codes_not_guessed():
    with pytest.raises(SchemaError) as err:
        links("a,b,f\nX,Y,p\nX,Z,k\n", kind="f")
    msg = str(err.value)
    assert "unknown kind in column 'f': 2 row(s): row 1: 'p', row 2: 'k'" in msg
    assert "kind_map" in msg and "twin_town" in msg


def test_unknown_phase_lists_allowed():
    with pytest.raises(
        SchemaError, match=r"unknown phase in column 'p'.*row 1: 'trade'(.|\n)*associative"
    ):
        links("a,b,p\nX,Y,trade\n", phase="p")


def test_duplicates_counted_and_deduped():
    text = "a,b,y\nX,Y,1990\nX,Y,1990\nX,Y,1991\n"
    G, report = links(text, year="y")
    assert G.number_of_edges("X|??", "Y|??") == 3  # exact duplicate kept as a parallel edge
    assert any(n.startswith("duplicates: 1 row(s) identical") for n in report.notes)
    G, report = links(text, year="y", dedupe=True)
    assert G.number_of_edges("X|??", "Y|??") == 2 and G.graph["deduplicated"] == 1
    assert report.rows_read == 3 and report.links_kept == 2
    assert any(n.startswith("dedupe: merged 1 row(s)") for n in report.notes)


def test_directed_false_recorded():
    G, _ = links("a,b\nX,Y\n", directed=False, dataset="pairs")
    assert G.graph["directed"] is False and G.graph["dataset"] == "pairs"
    assert G.edges["X|??", "Y|??", 0]["dataset"] == "pairs"


# ------------------------------------------------------------------ read_links: edge cases


def test_header_only_gives_empty_graph():
    G, report = links("a,b,y\n", year="y")
    assert G.number_of_nodes() == 0 and report.rows_read == 0 and report.links_kept == 0
    G, report = pn.io.read_links(pd.DataFrame({"a": [], "b": []}), source="a", target="b")
    assert G.number_of_edges() == 0


def test_single_row_single_year():
    G, _report = links("a,b,y\nX,Y,2001\n", year="y")
    assert list(G.edges(data="year")) == [("X|??", "Y|??", 2001)]
    assert G.number_of_nodes() == 2


# ------------------------------------------------------------------ read_links: errors


def test_empty_file():
    with pytest.raises(SchemaError, match="the file is empty"):
        links("")
    with pytest.raises(SchemaError, match="the file is empty"):
        links("  \n\n")


def test_missing_columns_listed_with_suggestion():
    with pytest.raises(SchemaError) as err:
        links("city,partner,yaer\nX,Y,1990\n", source="city", target="partnr", year="year")
    msg = str(err.value)
    assert "target='partnr': no such column (did you mean 'partner'?)" in msg
    assert "year='year': no such column (did you mean 'yaer'?)" in msg
    assert "available columns are 'city', 'partner', 'yaer'" in msg


def test_one_column_suggests_separator():
    with pytest.raises(SchemaError, match=r"parses as one column .*pass sep=';'"):
        links("a;b\nX;Y\n", sep=",")


def test_row_problems_collected_then_raised_once():
    text = "a,b,y,e\nX,Y,abc,\nX,X,1990,\nX,Z,1850,\n,Z,1990,\nX,W,2000,1990\nX,V,99999,\n"
    with pytest.raises(SchemaError) as err:
        links(text, year="y", end_year="e")
    msg = str(err.value)
    assert msg.startswith("<buffer>: 5 problem(s)")
    assert "unparseable year in column 'y': 1 row(s): row 1: 'abc'" in msg
    assert "self-link: 1 row(s): row 2: 'X' -> 'X' (id 'X|??')" in msg
    assert "year outside [1900, " in msg and "row 3: '1850', row 6: '99999'" in msg
    assert "empty source name in column 'a': 1 row(s): row 4" in msg
    assert "end_year before year: 1 row(s): row 5: 1990 < 2000" in msg
    assert "drop_invalid=True" in msg


def test_drop_invalid_rejects_into_report():
    text = "a,b,y\nX,Y,abc\nX,X,1990\nX,Z,1990\n"
    G, report = links(text, year="y", drop_invalid=True)
    assert list(G.edges) == [("X|??", "Z|??", 0)]
    assert report.rejected[["row", "reason"]].values.tolist() == [
        [1, "unparseable year: 'abc'"],
        [2, "self-link: 'X' -> 'X' (id 'X|??')"],
    ]
    assert G.graph["rejected"] == 2
    assert G.graph["load_report"]["reasons"] == {"unparseable year": 1, "self-link": 1}
    assert "Y|??" not in G  # only cities of kept links become nodes


def test_ragged_rows_and_bad_quotes():
    with pytest.raises(
        SchemaError,
        match=r"1 row\(s\) have more fields than the 2 header columns: row 1 \(4 fields\)",
    ):
        links("a,b\nX,Y,Z,W\n", sep=",")
    with pytest.raises(SchemaError, match="cannot be parsed with separator ',' at line 2"):
        links('a,b\n"X,Y\n', sep=",")
    with pytest.raises(SchemaError, match="one character"):
        links("a,b\nX,Y\n", sep=",,")
    G, report = links("a,b,c\nX,Y\n", sep=",")  # short rows are padded, and counted
    assert G.number_of_edges() == 1 and "1 row(s) have fewer fields" in report.notes[0]


def test_bad_input_type():
    with pytest.raises(TypeError, match="expected a path"):
        pn.io.read_links(42, source="a", target="b")


# ------------------------------------------------------------------ property test

_junk = st.one_of(
    st.text(max_size=6),
    st.sampled_from(
        [
            "",
            "0",
            "?",
            "1956",
            "1956-05-04",
            "c. 1956",
            "99999999999999999999",
            "-5",
            "1e5",
            "nan",
            "X",
        ]
    ),
    st.integers(-(10**12), 10**12).map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(
        st.sampled_from(["a", "b", "y", "e", "p", "k", "", "a b", "x"]), min_size=1, max_size=5
    ),
    rows=st.lists(st.lists(_junk, min_size=0, max_size=6), max_size=6),
    sep=st.sampled_from([",", ";", "\t", "|"]),
    give_sep=st.booleans(),
    drop=st.booleans(),
    mapping=st.sampled_from(
        [{}, {"year": "y"}, {"year": "y", "end_year": "e"}, {"phase": "p", "kind": "k"}]
    ),
)
def test_malformed_tables_load_or_raise_schema_error(header, rows, sep, *, give_sep, drop, mapping):
    def cell(v):
        return v.replace(sep, "").replace("\n", "").replace("\r", "").replace('"', "")

    text = "\n".join(sep.join(cell(v) for v in r) for r in [header, *rows])
    try:
        G, report = pn.io.read_links(
            io.StringIO(text),
            source="a",
            target="b",
            sep=sep if give_sep else None,
            drop_invalid=drop,
            **mapping,
        )
    except SchemaError:
        return
    pn.model.validate_graph(G, min_year=-(10**13), max_year=10**13)
    assert report.links_kept + report.n_rejected <= report.rows_read
    assert G.graph["rejected"] == report.n_rejected


# ------------------------------------------------------------------ resolve


def test_resolve_gives_geonames_ids_and_lists_unresolved():
    G, report = links(
        "a,k,b,l\nPoznan (Posen),Polen,Hannover,Deutschland\n"
        "Nowhereville,Polen,Hannover,Deutschland\n",
        source_country="k",
        target_country="l",
        resolve=True,
        progress=False,
    )
    poznan = G.nodes["gn:3088171"]
    assert poznan["name"] == "Poznan (Posen)" and poznan["geonames"] == 3088171
    assert abs(poznan["lat"] - 52.41) < 0.1 and abs(poznan["lon"] - 16.93) < 0.1
    assert "Nowhereville|PL" in G and G.nodes["Nowhereville|PL"]["lat"] is None
    assert report.unresolved[["name", "country", "rows"]].values.tolist() == [
        ["Nowhereville", "PL", 1]
    ]
    assert any(n.startswith("resolve: 3 distinct place(s)") for n in report.notes)


def test_resolve_empty_table():
    G, report = links("a,b\n", resolve=True, progress=False)
    assert len(report.unresolved) == 0 and G.number_of_nodes() == 0


# ------------------------------------------------------------------ duplicate_pairs


def test_duplicate_pairs_toy(toy):
    d = pn.io.duplicate_pairs(toy)
    # A<->B is a reciprocal pair (two edges), H->I a parallel pair: both are listed twice.
    assert d[
        ["name_a", "name_b", "n_edges", "n_city_pairs", "same_cities", "different_spellings"]
    ].values.tolist() == [
        ["City A", "City B", 2, 1, True, False],
        ["City H", "City I", 2, 1, True, False],
    ]
    assert d.loc[0, "spellings"] == ["GB / RU"]


def test_duplicate_pairs_different_places_and_empty():
    G, _ = links(
        "a,k,b,l\nX,France,Y,Chile\nY,Paraguay,X,France\n", source_country="k", target_country="l"
    )
    d = pn.io.duplicate_pairs(G)
    assert d.loc[0, "n_city_pairs"] == 2 and not d.loc[0, "same_cities"]
    assert d.loc[0, "spellings"] == ["France / Chile", "France / Paraguay"]
    empty = pn.io.duplicate_pairs(pn.model.new_graph(dataset="x"))
    assert len(empty) == 0 and "different_spellings" in empty.columns


# ------------------------------------------------------------------ write_links / read_tables


def test_write_links_read_tables_round_trip(toy, tmp_path):
    lp, cp = pn.io.write_links(toy, tmp_path / "toy.csv")
    assert cp == tmp_path / "toy.cities.csv"
    H, report = pn.io.read_tables(lp)
    same_graph(toy, H)
    assert H.graph["dataset"] == "toy" and report.rows_read == 12 and report.links_kept == 12


def test_write_links_read_links_round_trip(toy, tmp_path):
    lp, _ = pn.io.write_links(toy, tmp_path / "toy.csv")
    H, _ = pn.io.read_links(
        lp,
        source="source",
        target="target",
        source_id="source",
        target_id="target",
        year="year",
        end_year="end_year",
        phase="phase",
        kind="kind",
        sectors="sectors",
        note="note",
        ref="ref",
    )
    assert sorted(H.edges(keys=True, data="year")) == sorted(toy.edges(keys=True, data="year"))
    assert sorted(H.edges(keys=True, data="phase")) == sorted(toy.edges(keys=True, data="phase"))


def test_read_tables_round_trip_of_loaded_links(tmp_path):
    G, _ = pn.io.read_links(
        DATA / "io_links.csv",
        source="city",
        target="partner",
        source_country="city_country",
        target_country="partner_country",
        year="since",
        end_year="until",
        phase="phase",
        kind="kind",
        sectors="sectors",
        note="note",
    )
    lp, _ = pn.io.write_links(G, tmp_path / "l.csv")
    H, _ = pn.io.read_tables(lp)
    same_graph(G, H)


def test_read_tables_errors(tmp_path):
    (tmp_path / "x.csv").write_text("source,target\nA,B\n")
    (tmp_path / "x.cities.csv").write_text("id,name,country\nA,a,GB\n")
    with pytest.raises(SchemaError, match="no 'city' id column"):
        pn.io.read_tables(tmp_path / "x.csv")
    (tmp_path / "x.cities.csv").write_text("city,name,country\nA,a,GB\n")
    with pytest.raises(SchemaError, match="'B' not in the cities table"):
        pn.io.read_tables(tmp_path / "x.csv")
    (tmp_path / "x.csv").write_text("source,target,year\nA,A,1990\n")
    with pytest.raises(SchemaError, match="self-link"):
        pn.io.read_tables(tmp_path / "x.csv")
    (tmp_path / "x.csv").write_text("source,target,year\nA,A,abc\n")
    with pytest.raises(SchemaError, match="cannot read the tables"):
        pn.io.read_tables(tmp_path / "x.csv")


# ------------------------------------------------------------------ KONECT


def test_read_konect_sym_with_meta_and_size_line():
    G, report = pn.io.read_konect(DATA / "io_konect" / "out.demo")
    # three edges among 1..3; the size line says 4 nodes, so "4" is added isolated
    assert sorted(G.nodes) == ["1", "2", "3", "4"] and G.number_of_edges() == 3
    assert G.graph["directed"] is False and G.graph["dataset"] == "konect-demo"
    assert G.graph["konect_meta"] == {"name": "Demo", "timeiso": "2017-10"}
    assert G.graph["retrieved"] == "2017-10"
    assert G.nodes["4"] == {
        "name": "4",
        "country": None,
        "lat": None,
        "lon": None,
        "level": "other",
    }
    assert report.notes[0] == "structure: sym unweighted -> directed=False"
    assert "1 isolated node(s)" in "\n".join(report.notes)


def test_read_konect_asym_weight_time():
    G, report = pn.io.read_konect(DATA / "io_konect" / "out.timed", dataset="t")
    assert G.graph["directed"] is True and "konect_meta" not in G.graph
    e = G.edges["1", "2", 0]
    assert (e["weight"], e["time"], e["year"]) == (1, 1262304000, 2010)  # 2010-01-01 UTC
    assert G.edges["2", "1", 0]["year"] is None  # time 0 = unknown
    assert "1 edge(s) with no usable timestamp" in "\n".join(report.notes)


def test_read_konect_errors(tmp_path):
    p = tmp_path / "out.x"
    p.write_text("")
    with pytest.raises(SchemaError, match="empty"):
        pn.io.read_konect(p)
    p.write_text("% sym unweighted\n")
    with pytest.raises(SchemaError, match="no edge lines"):
        pn.io.read_konect(p)
    p.write_text("% bip unweighted\n1 2\n")
    with pytest.raises(SchemaError, match="bipartite"):
        pn.io.read_konect(p)
    p.write_text("% sym unweighted\n1 2\n3 3\nx y\n")
    with pytest.raises(SchemaError, match=r"2 problem\(s\)(.|\n)*self-loop 3 -> 3(.|\n)*'x y'"):
        pn.io.read_konect(p)
    G, report = pn.io.read_konect(p, drop_invalid=True)
    assert G.number_of_edges() == 1 and report.n_rejected == 2 and G.graph["rejected"] == 2


# ------------------------------------------------------------------ GraphML / GEXF


def test_graphml_round_trip_toy(toy, tmp_path):
    p = pn.io.write_graphml(toy, tmp_path / "t.graphml")
    H, report = pn.io.read_graphml(p)
    same_graph(toy, H)
    assert {k: v for k, v in H.graph.items() if k != "load_report"} == toy.graph
    assert report.links_kept == 12 and report.notes == []


def test_graphml_encodes_none_and_json(tmp_path):
    G = pn.model.new_graph(dataset="x", extra={"a": [1, 2]})
    G.add_node("A", name="A", country=None, lat=None, lon=None, level="other", tags=["x", "y"])
    G.add_node("B", name="B", country="FR", lat=1.5, lon=2.0, level="municipality")
    G.add_edge(
        "A",
        "B",
        year=None,
        end_year=None,
        phase=None,
        phase_source=None,
        kind="contact",
        dataset="x",
        note=None,
    )
    p = pn.io.write_graphml(G, tmp_path / "x.graphml")
    text = p.read_text()
    assert "_none" in text and "_json" in text
    H, _ = pn.io.read_graphml(p)
    same_graph(G, H)
    assert H.graph["extra"] == {"a": [1, 2]}
    assert H.edges["A", "B", 0]["note"] is None  # explicit None kept, not dropped


def test_read_graphml_foreign_file_filled_and_counted(tmp_path):
    U = nx.Graph()
    U.add_edge("a", "b", year=1990)
    p = tmp_path / "f.graphml"
    nx.write_graphml(U, p)
    G, report = pn.io.read_graphml(p)
    assert G.graph["directed"] is False and G.graph["dataset"] == "f"
    assert G.nodes["a"] == {
        "name": "a",
        "country": None,
        "lat": None,
        "lon": None,
        "level": "other",
    }
    assert G.edges["a", "b", 0]["year"] == 1990 and G.edges["a", "b", 0]["kind"] == "unspecified"
    notes = "\n".join(report.notes)
    assert "undirected file" in notes and "name x2" in notes and "kind x1" in notes


def test_read_graphml_not_graphml(tmp_path):
    p = tmp_path / "bad.graphml"
    p.write_text("<html></html>")
    with pytest.raises(SchemaError, match="GraphML"):
        pn.io.read_graphml(p)
    p.write_text("not xml at all <")
    with pytest.raises(SchemaError, match="GraphML"):
        pn.io.read_graphml(p)


@pytest.mark.parametrize("dynamic", [False, True])
def test_gexf_round_trip_toy(toy, tmp_path, dynamic):
    p = pn.io.write_gexf(toy, tmp_path / "t.gexf", dynamic=dynamic)
    H, _ = pn.io.read_gexf(p)
    same_graph(toy, H)
    assert {k: v for k, v in H.graph.items() if k != "load_report"} == toy.graph


def test_gexf_dynamic_structure(toy, tmp_path):
    root = ET.parse(pn.io.write_gexf(toy, tmp_path / "t.gexf", dynamic=True)).getroot()
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == (
        "dynamic",
        "integer",
        "directed",
    )
    spells = {}
    for e in graph.iter(f"{GEXF}edge"):
        key = next(
            a.get("value") for a in e.iter(f"{GEXF}attvalue") if a.get("for") == "networkx_key"
        )
        s = e.find(f"{GEXF}spells/{GEXF}spell")
        spells[(e.get("source"), e.get("target"), key)] = (
            None if s is None else (s.get("start"), s.get("end"))
        )
    # 11 dated edges have one spell; the undated E->G has none (always shown)
    assert sum(v is not None for v in spells.values()) == 11
    assert [k for k, v in spells.items() if v is None] == [("E", "G", "0")]
    assert spells[("F", "B", "0")] == ("1990", "2021")  # ended 2022: last active year 2021
    assert spells[("A", "B", "0")] == ("1944", None)  # open-ended
    assert (spells[("H", "I", "0")], spells[("H", "I", "1")]) == (("1994", None), ("2004", None))
    nodes = {n.get("id"): n.find(f"{GEXF}spells/{GEXF}spell") for n in graph.iter(f"{GEXF}node")}
    # B appears with its earliest link (A<->B, 1944); E and G have an undated link: no spell
    assert nodes["B"].get("start") == "1944" and nodes["H"].get("start") == "1994"
    assert nodes["E"] is None and nodes["G"] is None
    desc = root.find(f"{GEXF}meta/{GEXF}description").text
    assert "11 dated link(s) as spells" in desc and "1 undated link(s) without spell" in desc


def test_gexf_static_has_no_spells(toy, tmp_path):
    root = ET.parse(pn.io.write_gexf(toy, tmp_path / "t.gexf")).getroot()
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert not list(root.iter(f"{GEXF}spell"))


def test_gexf_same_year_end_and_empty_graph(tmp_path):
    G = pn.model.new_graph(dataset="x")
    p = pn.io.write_gexf(G, tmp_path / "e.gexf", dynamic=True)
    H, _ = pn.io.read_gexf(p)
    assert H.number_of_nodes() == 0 and H.graph["dataset"] == "x"
    for n in "AB":
        G.add_node(n, name=n, country=None, lat=None, lon=None, level="other")
    G.add_edge(
        "A",
        "B",
        year=1990,
        end_year=1990,
        phase=None,
        phase_source=None,
        kind="contact",
        dataset="x",
    )
    root = ET.parse(pn.io.write_gexf(G, tmp_path / "s.gexf", dynamic=True)).getroot()
    s = root.find(f"{GEXF}graph/{GEXF}edges/{GEXF}edge/{GEXF}spells/{GEXF}spell")
    assert (s.get("start"), s.get("end")) == ("1990", "1990")
    assert "1 link(s) ended in their start year" in root.find(f"{GEXF}meta/{GEXF}description").text


def test_read_gexf_foreign_and_networkx_file(tmp_path):
    U = nx.MultiDiGraph()
    U.add_edge("a", "b", kind="contact")
    p = tmp_path / "n.gexf"
    nx.write_gexf(U, p)  # networkx's own writer (GEXF 1.2draft, labels, networkx_key)
    G, report = pn.io.read_gexf(p)
    assert list(G.edges(keys=True, data="kind")) == [("a", "b", 0, "contact")]
    assert G.nodes["a"]["name"] == "a" and "label" not in G.nodes["a"]
    assert any("name x2" in n for n in report.notes)
    p.write_text(
        "<gexf><graph defaultedgetype='directed'><nodes><node id='x'/><node id='y'/></nodes>"
        "<edges><edge id='0' source='x' target='y'><spells><spell start='1977'/></spells>"
        "</edge></edges></graph></gexf>"
    )
    G, report = pn.io.read_gexf(p)
    assert G.edges["x", "y", 0]["year"] == 1977
    assert "year: 1 edge(s) dated from their first spell start" in report.notes


def test_read_gexf_errors(tmp_path):
    p = tmp_path / "b.gexf"
    p.write_text("<gexf>")
    with pytest.raises(SchemaError, match="not a readable XML"):
        pn.io.read_gexf(p)
    p.write_text("<html/>")
    with pytest.raises(SchemaError, match="no <gexf><graph>"):
        pn.io.read_gexf(p)


# ------------------------------------------------------------------ real data


@pytest.mark.real_data
def test_real_hekman(shared_data):
    G, report = pn.io.read_links(
        shared_data / "wikipedia-hekman" / "twin_cities_raw.csv",
        source="city1",
        target="city2",
        source_country="country1",
        target_country="country2",
        dataset="hekman",
        drop_invalid=True,
    )
    assert report.rows_read == 26_114
    # 3 rows twin two different places of the same name in the same country (Nienburg/Weser
    # - Nienburg/Saale, ...): name|CC ids collide, so they are rejected, not dropped silently.
    assert report.n_rejected == 3 and report.links_kept == 26_111
    assert report.rejected["row"].tolist() == [12170, 24305, 24634]
    assert G.graph["directed"] is True
    notes = "\n".join(report.notes)
    assert "2 country text(s) not recognised" in notes  # typos 'Kazakhstah', 'Japa'
    assert "5 row(s) with an empty 'country2'" in notes
    d = pn.io.duplicate_pairs(G)
    # 1,280 name pairs are listed more than once; for 1,237 every listing joins the same two
    # cities once countries are normalised, under different raw country spellings.
    assert len(d) == 1280
    assert int((d["same_cities"] & d["different_spellings"]).sum()) == 1237


@pytest.mark.real_data
def test_real_muench(shared_data):
    G, report = pn.io.read_links(
        shared_data / "de-twintowns-muench" / "partnerstaedte_final.csv",
        source="gemeindename",
        target="partnergemeinde",
        target_country="land",
        default_source_country="DE",
        year="seit",
        kind="form",
        kind_map={"p": "partnership", "f": "friendship_city", "k": "contact"},
        dataset="muench",
    )
    assert report.rows_read == 7138 and report.links_kept == 7138 and report.n_rejected == 0
    years = [y for *_, y in G.edges(data="year")]
    assert None not in years and min(years) == 1913 and max(years) == 2014
    # every non-empty `land` resolves to ISO2 (no "not recognised" note); 19 are blank
    notes = "\n".join(report.notes)
    assert "not recognised" not in notes and "19 row(s) with an empty 'land'" in notes
    countries = Counter(d["country"] for _, _, d in _partners(G))
    assert countries["FR"] == 2304 and countries[None] == 19
    assert all(G.nodes[u]["country"] == "DE" for u, _ in G.edges())
    kinds = Counter(k for *_, k in G.edges(data="kind"))
    assert kinds == {
        "partnership": 5436,
        "contact": 1079,
        "friendship_city": 613,
        "unspecified": 10,
    }


def _partners(G):
    return [(u, v, G.nodes[v]) for u, v in G.edges()]


@pytest.mark.real_data
def test_real_bsr(shared_data):
    G, report = pn.io.read_links(
        shared_data / "baltic-bsr-nickel" / "dyad.hans.csv",
        source="City1",
        target="City2",
        source_country="Country1",
        target_country="Country2",
        year="Year",
        directed=False,
        dataset="bsr",
        drop_invalid=True,
    )
    assert report.rows_read == 1759
    # 790 rows have year 0 (unknown): 969 dated
    assert "790 row(s) with an unknown-year marker read as missing: '0' x790" in "\n".join(
        report.notes
    )
    # Walldorf (WestGER) - Walldorf (EastGER): both DE, same id -> rejected as a self-link
    assert report.rejected[["row", "reason"]].values.tolist() == [
        [1002, "self-link: 'Walldorf' -> 'Walldorf' (id 'Walldorf|DE')"]
    ]
    assert report.links_kept == 1758 and G.graph["directed"] is False
    assert sum(y is not None for *_, y in G.edges(data="year")) == 968  # 969 minus Walldorf's
    assert "not recognised" not in "\n".join(report.notes)  # WestGER/EastGER -> DE


@pytest.mark.real_data
def test_real_konect(shared_data):
    G, report = pn.io.read_konect(shared_data / "wikidata-konect-twin-2017" / "out.twin")
    assert G.number_of_nodes() == 14_274 and G.number_of_edges() == 20_573
    assert G.graph["directed"] is False and G.graph["retrieved"] == "2017-10"
    assert G.graph["konect_meta"]["name"] == "Sister cities"
    assert report.rows_read == 20_573 and report.n_rejected == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_loaded_graph_round_trips_with_its_report(tmp_path, fmt):
    G, _ = pn.io.read_links(
        DATA / "io_links.csv",
        source="city",
        target="partner",
        source_country="city_country",
        target_country="partner_country",
        year="since",
        end_year="until",
        phase="phase",
        kind="kind",
        sectors="sectors",
        note="note",
    )
    write, read = getattr(pn.io, f"write_{fmt}"), getattr(pn.io, f"read_{fmt}")
    H, _ = read(write(G, tmp_path / f"l.{fmt}"))
    same_graph(G, H)
    assert H.graph == G.graph  # load_report (a dict) is JSON-encoded and restored


def test_huge_years_are_out_of_range_not_crashes():
    with pytest.raises(
        SchemaError, match=r"year outside \[1900, \d+\] in column 'y': 1 row\(s\): row 1: '9{30}'"
    ):
        links("a,b,y\nX,Y," + "9" * 30 + "\n", year="y")
    G, _ = links("a,b,y\nX,Y," + "9" * 30 + "\n", year="y", allow_years_outside=True)
    assert G.edges["X|??", "Y|??", 0]["year"] == int("9" * 30)
    with pytest.raises(SchemaError, match="unparseable year"):
        links("a,b,y\nX,Y," + "9" * 5000 + "\n", year="y")


# ---------------------------------------------------------------------------------------
# issue 14: total readers, reports that count, places kept apart, writers that round-trip


def _counts_add_up(report):
    merged = int(getattr(report, "merged", 0))
    return report.rows_read == report.links_kept + report.n_rejected + merged


def test_konect_size_header_does_not_allocate(tmp_path):
    p = tmp_path / "out.big"
    p.write_text("% asym\n% 1 10000000 10000000\n1 2\n", encoding="utf-8")
    G, report = pn.io.read_konect(p)
    assert G.number_of_nodes() == 2  # the 10^7 declared nodes are not created
    assert any("declares 10000000 nodes" in n for n in report.notes)


def test_konect_huge_time_is_no_year_not_overflow(tmp_path):
    p = tmp_path / "out.t"
    p.write_text("% asym\n1 2 1 1e20\n2 3 1 nan\n3 1 1 800000000\n", encoding="utf-8")
    G, report = pn.io.read_konect(p)
    assert sorted(G.edges(data="year"), key=str) == [
        ("1", "2", None),
        ("2", "3", None),
        ("3", "1", 1995),
    ]
    assert _counts_add_up(report)


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("x.graphml", b'<graphml><key id="d0" for="node" attr.type="nope"/>', "GraphML"),
        (
            "x.gexf",
            b'<gexf><graph><attributes class="edge"><attribute id="1" type="integer"/>'
            b'</attributes><nodes><node id="1"/><node id="2"/></nodes><edges><edge source="1" '
            b'target="2"><attvalues><attvalue for="1" value="x"/></attvalues></edge></edges>'
            b"</graph></gexf>",
            "x.gexf",
        ),
        ("x.graphml", b"\xff\xfe<\x00", "x.graphml"),
    ],
)
def test_xml_readers_raise_project_errors(tmp_path, name, data, match):
    p = tmp_path / name
    p.write_bytes(data)
    reader = pn.io.read_graphml if name.endswith("graphml") else pn.io.read_gexf
    with pytest.raises(pn.errors.ParadiploError, match=match):
        reader(p)


def test_graphml_report_counts_merges_and_skipped_graphs(tmp_path):
    p = tmp_path / "n.graphml"
    p.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<graph id="G" edgedefault="directed"><node id="a"/><node id="b"/>'
        '<node id="n"><graph id="n:" edgedefault="directed"><node id="n::x"/><node id="n::y"/>'
        '<edge source="n::x" target="n::y"/></graph></node>'
        '<edge id="e0" source="a" target="b"/><edge id="e0" source="a" target="b"/>'
        '<edge source="a" target="b"/></graph>'
        '<graph id="H" edgedefault="directed"><node id="c"/><node id="d"/>'
        '<edge source="c" target="d"/></graph></graphml>',
        encoding="utf-8",
    )
    _, report = pn.io.read_graphml(p)
    assert (report.rows_read, report.links_kept, report.n_rejected, report.merged) == (5, 2, 2, 1)
    reasons = list(report.rejected["reason"])
    assert "nested graph" in reasons[0] and "second <graph>" in reasons[1]
    assert any("merged: 1 edge(s)" in n and "'e0'" in n for n in report.notes)


def test_gexf_gephi_weight_label_and_duplicate_keys(tmp_path):
    p = tmp_path / "g.gexf"
    p.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3">'
        '<graph defaultedgetype="directed"><attributes class="edge">'
        '<attribute id="1" title="year" type="integer"/>'
        '<attribute id="2" title="networkx_key" type="integer"/>'
        '<attribute id="3" title="key" type="string"/></attributes>'
        '<nodes><node id="1" label="Coventry"/><node id="2" label="Dresden"/></nodes><edges>'
        '<edge id="0" source="1" target="2" weight="2.5" label="twin"><attvalues>'
        '<attvalue for="1" value="1959"/><attvalue for="2" value="0"/>'
        '<attvalue for="3" value="k"/></attvalues></edge>'
        '<edge id="1" source="1" target="2"><attvalues><attvalue for="2" value="0"/>'
        "</attvalues></edge>"
        '<edge id="2" source="2"/></edges></graph></gexf>',
        encoding="utf-8",
    )
    G, report = pn.io.read_gexf(p)
    assert (report.rows_read, report.links_kept, report.n_rejected) == (3, 2, 1)
    assert _counts_add_up(report)
    d = G.edges["1", "2", 0]
    assert (d["weight"], d["label"], d["key_"], d["year"]) == (2.5, "twin", "k", 1959)
    assert G.number_of_edges("1", "2") == 2  # the repeated key is a parallel edge, noted
    assert any("repeat the key" in n for n in report.notes)


def test_xml_writers_round_trip_control_characters(tmp_path, toy):
    u, v, k = next(iter(toy.edges(keys=True)))
    toy.edges[u, v, k]["note"] = "line\rbreak\x01bell\x0b"
    toy.nodes[u]["name"] = "Name\x02"
    for write, read, ext in (
        (pn.io.write_graphml, pn.io.read_graphml, "graphml"),
        (pn.io.write_gexf, pn.io.read_gexf, "gexf"),
    ):
        H, _ = read(write(toy, tmp_path / f"t.{ext}"))
        assert H.edges[u, v, k]["note"] == "line\rbreak\x01bell\x0b"
        assert H.nodes[u]["name"] == "Name\x02"
        assert sorted(H.edges(keys=True, data=True)) == sorted(toy.edges(keys=True, data=True))


def test_tables_keep_strings_and_lone_cr(tmp_path, toy):
    u, v, k = next(iter(toy.edges(keys=True)))
    toy.edges[u, v, k]["note"] = "first\rsecond"
    toy.edges[u, v, k]["ref"] = "007"
    toy.edges[u, v, k]["code"] = "1.50"
    lp, _ = pn.io.write_links(toy, tmp_path / "t.csv")
    H, report = pn.io.read_tables(lp)
    d = H.edges[u, v, k]
    assert (d["note"], d["ref"], d["code"]) == ("first\rsecond", "007", "1.50")
    assert _counts_add_up(report)


def test_tables_bad_integer_cell_names_row(tmp_path, toy):
    lp, _ = pn.io.write_links(toy, tmp_path / "t.csv")
    text = lp.read_text(encoding="utf-8").replace(",1959,", ",1959e205,", 1)
    lp.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=r"column 'year'.*not integers \(rows \d+"):
        pn.io.read_tables(lp)


def test_read_links_keys_keep_homonyms_apart():
    text = (
        "city,plz,partner,pcc\n"
        "Münster,48143,Orléans,FR\n"
        "Münster,64839,Morlaàs,FR\n"
        "Münster,48143,Lublin,PL\n"
        "Neunkirchen,66538,Neunkirchen,AT\n"
    )
    G, report = pn.io.read_links(
        io.StringIO(text),
        source="city",
        target="partner",
        target_country="pcc",
        default_source_country="DE",
        source_key="plz",
        progress=False,
    )
    assert {n for n in G if n.startswith("Münster")} == {"Münster|DE|48143", "Münster|DE|64839"}
    assert G.degree("Münster|DE|48143") == 2
    assert any("kept apart" in n and "Münster|DE x2" in n for n in report.notes)
    # one Neunkirchen|DE with one key value is not split
    assert report.links_kept == 4 and _counts_add_up(report)
    with pytest.raises(SchemaError, match="key column 'zip'"):
        pn.io.read_links(io.StringIO(text), source="city", target="partner", source_key="zip")


def test_read_links_coordinates_keep_homonymous_link():
    text = (
        "a,alat,alon,b,blat,blon\n"
        "Ennery,49.2261,6.2167,Ennery,49.0744,2.1061\n"
        "Ennery,49.0744,2.1061,Ennery,49.2261,6.2167\n"
        "Obzor,42.823,27.8787,Ennery,49.22,6.21\n"
    )
    G, report = pn.io.read_links(
        io.StringIO(text),
        source="a",
        target="b",
        default_source_country="FR",
        default_target_country="FR",
        source_key=["alat", "alon"],
        target_key=["blat", "blon"],
        progress=False,
    )
    assert report.n_rejected == 0 and report.links_kept == 3  # not self-links
    assert sorted(n for n in G if n.startswith("Ennery")) == [
        "Ennery|FR|49.074,2.106",
        "Ennery|FR|49.226,6.217",
    ]  # 49.22,6.21 is within 5 km of 49.2261,6.2167: the same place


@pytest.mark.real_data
def test_real_muench_homonyms_kept_apart(shared_data):
    G, report = pn.io.read_links(
        shared_data / "de-twintowns-muench" / "partnerstaedte_final.csv",
        source="gemeindename",
        target="partnergemeinde",
        target_country="land",
        default_source_country="DE",
        year="seit",
        source_key="plz",
        progress=False,
    )
    assert report.rows_read == report.links_kept == 7138
    assert sorted(n for n in G if n.startswith("Münster|DE")) == [
        "Münster|DE|48143",
        "Münster|DE|64839",
    ]
    assert len([n for n in G if n.startswith("Neunkirchen|DE|")]) == 3
    assert any("27 name(s) shared by places" in n and "101 row sides" in n for n in report.notes)


@pytest.mark.real_data
def test_real_rogorido_homonymous_links_kept(shared_data):
    kw = dict(
        source="origincityLabel",
        target="sistercityLabel",
        source_country="origincountry",
        target_country="destination_countryLabel",
        drop_invalid=True,
        progress=False,
    )
    path = shared_data / "wikidata-eu-rogorido-2017" / "sistercities_lesson.tsv"
    _, before = pn.io.read_links(path, **kw)
    assert before.n_rejected == 30  # name|CC ids: Ennery -> Ennery read as a self-link
    G, report = pn.io.read_links(
        path,
        source_key=["originlat", "originlong"],
        target_key=["destinationlat", "destinationlong"],
        **kw,
    )
    assert report.n_rejected == 0 and report.links_kept == report.rows_read == 13081
    assert G.has_edge("Ennery|FR|49.226,6.217", "Ennery|FR|49.074,2.106")
