"""Tests of paradiplo_net.countries: the country network and the country matrix."""

import networkx as nx
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import countries
from paradiplo_net.errors import GraphContractError


def test_country_graph_is_reexported_by_centrality():
    assert pn.centrality.country_graph is countries.country_graph


def test_country_graph_toy(toy):
    C = countries.country_graph(toy)
    assert (C.number_of_nodes(), C.number_of_edges()) == (9, 9)
    assert C["KR"]["ID"]["weight"] == 2 and C["KR"]["ID"]["pairs"] == 1
    assert C.nodes["JP"]["domestic_links"] == 1 and not C.has_edge("JP", "JP")
    K = countries.country_graph(toy, domestic="keep")
    assert K["JP"]["JP"]["weight"] == 1
    with pytest.raises(ValueError, match="domestic="):
        countries.country_graph(toy, domestic="merge")


def test_country_matrix_toy(toy):
    m = countries.country_matrix(toy, top=3)  # JP: 4 links; GB, ID, RU: 3 each (code order)
    assert m.index.tolist() == ["JP", "GB", "ID"] and m.columns.tolist() == ["JP", "GB", "ID"]
    assert m.index.name == "country" and m.columns.name is None
    assert m.to_numpy().tolist() == [[1, 0, 1], [0, 0, 0], [1, 0, 0]]
    assert (m.to_numpy() == m.to_numpy().T).all()
    assert m.attrs == {"top": 3, "countries": 9, "links_country_unknown": 0}
    full = countries.country_matrix(toy)
    assert full.shape == (9, 9)
    # every statement between known countries is counted once per direction of its pair cell
    off = full.to_numpy().sum() - full.to_numpy().trace()
    assert off == 2 * (toy.number_of_edges() - full.to_numpy().trace())


@pytest.mark.parametrize("name", ["toy", "core"])
def test_country_matrix_matches_figures(name):
    """The analysis moved out of figures.country_matrix gives the same table."""
    G = pn.datasets.load(name)
    ours = countries.country_matrix(G, top=12)
    theirs = pn.figures.country_matrix(G, top=12)
    pd.testing.assert_frame_equal(ours, theirs)
    assert ours.attrs == theirs.attrs


def test_country_matrix_errors(toy):
    with pytest.raises(ValueError, match="top must be an int >= 1"):
        countries.country_matrix(toy, top=0)
    with pytest.raises(GraphContractError):
        countries.country_matrix(nx.Graph())
    empty = countries.country_matrix(pn.model.new_graph(dataset="empty"))
    assert empty.shape == (0, 0)
