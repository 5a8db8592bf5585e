"""Tests of paradiplo_net.paths: name resolution, shortest paths, ego networks, journeys."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import paths
from paradiplo_net.errors import GraphContractError, ParadiploError
from paradiplo_net.paths import CityLookupError, NoPathError


def graph(links, cities=None):
    """A contract graph from (source, target, year, end_year) tuples."""
    ids = sorted({c for row in links for c in row[:2]} | set(cities or {}))
    names = cities or {}
    table = pd.DataFrame({
        "name": [names.get(c, c) for c in ids], "country": ["DE"] * len(ids),
        "lat": [50.0] * len(ids), "lon": [8.0] * len(ids), "level": ["municipality"] * len(ids),
    }, index=ids)
    frame = pd.DataFrame(links, columns=["source", "target", "year", "end_year"])
    frame["year"] = frame["year"].astype("Int64")
    frame["end_year"] = frame["end_year"].astype("Int64")
    return pn.model.graph_from_tables(frame, table, dataset="t")


# ------------------------------------------------------------------------------ find_city


def test_find_city_by_id_name_case_and_country(toy):
    assert paths.find_city(toy, "A") == "A"
    assert paths.find_city(toy, "city  a") == "A"  # case and spaces folded
    assert paths.find_city(toy, "Province J", country="JP") == "J"


def test_find_city_ambiguous_lists_candidates():
    G = graph([("x1", "x2", 1990, None)], cities={"x1": "Springfield", "x2": "Springfield"})
    with pytest.raises(CityLookupError) as err:
        paths.find_city(G, "Springfield")
    msg = str(err.value)
    assert "matches 2 cities" in msg and "'x1'" in msg and "'x2'" in msg and "country=" in msg
    assert isinstance(err.value, ParadiploError) and isinstance(err.value, LookupError)


def test_find_city_not_found_suggests(toy):
    with pytest.raises(CityLookupError, match="close names: \\['City A'"):
        paths.find_city(toy, "City AA")
    with pytest.raises(CityLookupError, match="in FR"):
        paths.find_city(toy, "City A", country="FR")


# ------------------------------------------------------------------------------ shortest path


def test_shortest_path_toy(toy):
    # A-B-F-G-J-H (5 links) is shorter than A-C-D-E-G-J-H (6).
    p = paths.shortest_path(toy, "City A", "City H")
    assert p["city"].tolist() == ["A", "B", "F", "G", "J", "H"]
    assert p["step"].tolist() == list(range(6))
    # The link reaching B is A-B 1944; F is reached by F->B (1990-2022), walked backwards.
    assert p["link_year"].tolist()[1:3] == [1944, 1990]
    assert p.loc[2, "link_end_year"] == 2022
    assert pd.isna(p.loc[0, "link_year"]) and p["traversed"].isna().all()


def test_shortest_path_uses_earliest_parallel_link(toy):
    p = paths.shortest_path(toy, "H", "I")  # two agreements, 1994 and 2004
    assert p["link_year"].tolist()[1] == 1994


def test_shortest_path_same_city(toy):
    p = paths.shortest_path(toy, "A", "A")
    assert p["city"].tolist() == ["A"]


def test_shortest_path_in_a_year(toy):
    # 2022: F-B has ended, so A reaches H only round the other side of the cycle;
    # E-G is undated and excluded, so there is no path at all.
    with pytest.raises(NoPathError, match="in force in 2022"):
        paths.shortest_path(toy, "A", "H", year=2022)
    assert paths.shortest_path(toy, "A", "H", year=2021)["city"].tolist() == [
        "A", "B", "F", "G", "J", "H"]


def test_shortest_path_errors(toy):
    with pytest.raises(ValueError, match="year must be an int"):
        paths.shortest_path(toy, "A", "B", year="1990")
    with pytest.raises(GraphContractError):
        paths.shortest_path(nx.Graph([(1, 2)]), 1, 2)
    G = graph([("a", "b", 1990, None), ("c", "d", 1990, None)])
    with pytest.raises(NoPathError, match="different components"):
        paths.shortest_path(G, "a", "d")


# ------------------------------------------------------------------------------ ego networks


def test_ego_network_radius_and_year(toy):
    E = paths.ego_network(toy, "City G")  # partners F, J, E (E-G undated: kept, no year given)
    assert sorted(E) == ["E", "F", "G", "J"]
    assert E.nodes["G"]["ego_distance"] == 0 and E.nodes["F"]["ego_distance"] == 1
    assert E.graph["ego"] == "G" and E.graph["radius"] == 1 and E.graph["ego_year"] is None
    # Coventry-style question: G's partners' partners in 1960: only F-G (1955) exists around G;
    # F-B is formed 1990, so F has no other partner yet.
    assert sorted(paths.ego_network(toy, "G", year=1960, radius=2)) == ["F", "G"]
    # Radius 2 in 2000: G-F, G-J (1970); F-B (1990); J has no other partner before 2010.
    assert sorted(paths.ego_network(toy, "G", year=2000, radius=2)) == ["B", "F", "G", "J"]


def test_ego_network_keeps_parallel_edges_and_does_not_mutate(toy):
    before = toy.number_of_edges()
    E = paths.ego_network(toy, "H")
    assert E.number_of_edges("H", "I") == 2  # both agreements kept
    assert "ego_distance" not in toy.nodes["H"] and toy.number_of_edges() == before


def test_ego_network_isolated_in_year_and_errors(toy):
    E = paths.ego_network(toy, "H", year=1950)  # H's first link is 1994
    assert list(E) == ["H"] and E.number_of_edges() == 0
    with pytest.raises(ValueError, match="radius"):
        paths.ego_network(toy, "H", radius=0)
    with pytest.raises(CityLookupError):
        paths.ego_network(toy, "nowhere")


# ------------------------------------------------------------------------------ journeys


def test_earliest_arrival_formation_by_hand(toy):
    ea = paths.earliest_arrival(toy, "A")
    # From A: A-B 1944, A-C 1959, C-D 1962, B-F 1990. D-E (1956) is older than the arrival at
    # D (1962), F-G (1955) older than the arrival at F (1990): no further step in time order.
    assert ea["arrival_year"].to_dict() == {"A": None, "B": 1944, "C": 1959, "D": 1962,
                                            "F": 1990}
    assert ea.loc["D", "hops"] == 2 and ea.loc["D", "previous"] == "C"
    assert ea.attrs["excluded_undated"] == 1 and ea.attrs["traversal"] == "formation"


def test_earliest_arrival_in_force_by_hand(toy):
    ea = paths.earliest_arrival(toy, "A", traversal="in_force")
    # A link can be crossed any year it stands: D (1962) -> E over D-E (1956) in 1962;
    # F (1990) -> G over F-G (1955) in 1990 -> J over G-J (1970) in 1990 -> H over H-J in
    # 2010 -> I over H-I in 2010. E-G is undated and never used.
    expected = {"B": 1944, "C": 1959, "D": 1962, "E": 1962, "F": 1990, "G": 1990, "J": 1990,
                "H": 2010, "I": 2010}
    assert {k: int(v) for k, v in ea["arrival_year"].dropna().items()} == expected
    assert ea.index[0] == "A" and ea.loc["A", "hops"] == 0


def test_start_year_and_ended_links(toy):
    # Starting in 2022, F-B (ended 2022) is no longer in force: B reaches A, then C, D, E
    # over links still standing (E-G is undated), all in 2022; F and beyond are cut off.
    ea = paths.earliest_arrival(toy, "B", start_year=2022, traversal="in_force")
    assert ea["arrival_year"].to_dict() == {"A": 2022, "B": 2022, "C": 2022, "D": 2022,
                                            "E": 2022}
    # Under "formation" nothing formed from 2022 on: B alone.
    assert list(paths.earliest_arrival(toy, "B", start_year=2022).index) == ["B"]


def test_zero_length_link_never_used():
    G = graph([("a", "b", 1990, 1990), ("b", "c", 1995, None)])
    ea = paths.earliest_arrival(G, "a", traversal="in_force")
    assert list(ea.index) == ["a"] and ea.attrs["excluded_empty"] == 1


def test_time_respecting_path_table(toy):
    p = paths.time_respecting_path(toy, "A", "I", traversal="in_force")
    assert p["city"].tolist() == ["A", "B", "F", "G", "J", "H", "I"]
    crossed = p["traversed"].tolist()[1:]
    assert crossed == [1944, 1990, 1990, 1990, 2010, 2010]
    assert crossed == sorted(crossed)  # time-respecting
    assert p["link_year"].tolist()[1:] == [1944, 1990, 1955, 1970, 2010, 1994]


def test_time_respecting_prefers_fewer_hops_on_ties():
    # a-b-d and a-c-e-d all in 2000: both arrive in 2000, the 2-link path wins.
    G = graph([("a", "b", 2000, None), ("b", "d", 2000, None), ("a", "c", 2000, None),
               ("c", "e", 2000, None), ("e", "d", 2000, None)])
    assert paths.time_respecting_path(G, "a", "d")["city"].tolist() == ["a", "b", "d"]


def test_time_respecting_earlier_arrival_beats_fewer_hops():
    # Direct a-d formed 2010; a-b (1990), b-d (1995) arrives earlier with two links.
    G = graph([("a", "d", 2010, None), ("a", "b", 1990, None), ("b", "d", 1995, None)])
    p = paths.time_respecting_path(G, "a", "d")
    assert p["city"].tolist() == ["a", "b", "d"] and p["traversed"].tolist()[-1] == 1995


def test_time_respecting_errors(toy):
    with pytest.raises(NoPathError, match="traversal='in_force'"):
        paths.time_respecting_path(toy, "A", "G")
    with pytest.raises(ValueError, match="traversal="):
        paths.earliest_arrival(toy, "A", traversal="whenever")
    with pytest.raises(ValueError, match="start_year"):
        paths.earliest_arrival(toy, "A", start_year=1990.5)


# ------------------------------------------------------------------------------ real data


def _hekman(shared_data):
    G, _report = pn.io.read_links(
        shared_data / "wikipedia-hekman" / "twin_cities_raw.csv", source="city1",
        source_country="country1", target="city2", target_country="country2",
        drop_invalid=True, progress=False)
    return G


@pytest.mark.real_data
def test_real_hekman_paths(shared_data):
    G = _hekman(shared_data)
    with pytest.raises(CityLookupError, match="Liverpool\\|GB"):
        paths.find_city(G, "Liverpool")  # Liverpool (AU) and Liverpool (GB)
    p = paths.shortest_path(G, "Surabaya", paths.find_city(G, "Liverpool", country="GB"))
    assert p["city"].iloc[0] == "Surabaya|ID" and p["city"].iloc[-1] == "Liverpool|GB"
    assert len(p) == 2  # listed as direct partners in the Wikipedia lists
    E = paths.ego_network(G, "Coventry|GB", radius=2)
    assert E.nodes["Dresden|DE"]["ego_distance"] == 1  # (Volgograd is not on the 2026 list)
    assert sum(d == 1 for _n, d in E.nodes(data="ego_distance")) >= 20
    # No years in the Wikipedia lists: every link is undated, no journey is possible.
    ea = paths.earliest_arrival(G, "Surabaya|ID")
    assert list(ea.index) == ["Surabaya|ID"] and ea.attrs["excluded_undated"] == 26_111
