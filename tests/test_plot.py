"""plot.py: every plot_* function draws what it is given, with translated labels.

Expected labels come from i18n; counts are checked on the toy graph (10 cities, 12 links,
10 distinct city pairs, one undated link E->G, phases 5 associative / 2 reciprocal /
3 commercial / 2 none).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import plot
from paradiplo_net.errors import GraphContractError, SchemaError
from paradiplo_net.i18n import t


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend_texts(ax):
    leg = ax.get_legend()
    return [x.get_text() for x in leg.get_texts()] if leg else []


# --------------------------------------------------------------------------------- maps


@pytest.mark.parametrize("lang", ["en", "id"])
def test_world_map_phase_legend_and_title(toy, lang):
    _fig, ax = plot.plot_world_map(toy, color_by="phase", lang=lang)
    assert ax.get_title() == t("fig.map.title", lang=lang)
    # every phase present on the toy graph plus "not recorded" (G->J and E->G have none)
    assert _legend_texts(ax) == [
        t(f"phase.{p}", lang=lang) for p in ("associative", "reciprocal", "commercial", "none")
    ]
    # one LineCollection of arcs: 10 distinct pairs; F-G (Minnesota-Nagasaki) crosses the
    # Pacific and the date line, so it is drawn as two segments: 11 segments in all
    arcs = [c for c in ax.collections if c.get_gid() == "arcs"]
    assert len(arcs) == 1 and len(arcs[0].get_segments()) == 11


def test_world_map_decade_has_colorbar_and_undated_entry(toy):
    fig, ax = plot.plot_world_map(toy, color_by="decade")
    labels = [a.get_xlabel() for a in fig.axes if a is not ax]
    assert t("plot.color_by_decade") in labels
    assert _legend_texts(ax) == [t("word.undated")]  # E-G has no year


def test_world_map_era_colouring(toy):
    _fig, ax = plot.plot_world_map(toy, color_by="era", eras=pn.temporal.ERAS)
    texts = _legend_texts(ax)
    assert "Early Cold War" in texts and texts[-1] == t("word.undated")


def test_world_map_splits_arcs_at_the_date_line():
    G = pn.model.new_graph(dataset="pacific")
    G.add_node("a", name="Tokyo-ish", country="JP", lat=35.0, lon=139.0, level="municipality")
    G.add_node("b", name="LA-ish", country="US", lat=34.0, lon=-118.0, level="municipality")
    G.add_edge(
        "a",
        "b",
        year=1959,
        end_year=None,
        phase=None,
        phase_source=None,
        kind="sister_city",
        dataset="pacific",
    )
    _fig, ax = plot.plot_world_map(G, color_by="decade")
    segs = next(c for c in ax.collections if c.get_gid() == "arcs").get_segments()
    assert len(segs) == 2  # one arc, cut in two at the map edge


def test_world_map_counts_cities_without_coordinates(toy):
    H = toy.copy()
    H.nodes["A"]["lat"] = None
    _fig, ax = plot.plot_world_map(H)
    notes = [x.get_text() for x in ax.texts]
    # A has two partners (B, C): two pairs not drawn, eight drawn
    assert t("plot.arcs_note", n=8, skipped=2) in notes


def test_world_map_empty_graph_and_single_node():
    G = pn.model.new_graph(dataset="empty")
    _fig, ax = plot.plot_world_map(G)
    assert ax.get_title() == t("fig.map.title")
    G.add_node("x", name="X", country="FR", lat=48.0, lon=2.0, level="municipality")
    _fig, ax = plot.plot_world_map(G)
    assert _legend_texts(ax) == []


def test_world_map_errors(toy):
    with pytest.raises(ValueError, match="'phase', 'decade', 'era'"):
        plot.plot_world_map(toy, color_by="kind")
    with pytest.raises(ValueError, match="'en', 'id'"):
        plot.plot_world_map(toy, lang="fr")
    with pytest.raises(GraphContractError, match="MultiDiGraph"):
        plot.plot_world_map(nx.Graph())


def test_base_map_is_offline_and_crops_antarctica():
    _fig, ax, m = plot.base_map()
    assert ax.get_ylim()[0] == pytest.approx(m(0.0, -60.0)[1])
    with pytest.raises(ValueError, match="resolution"):
        plot.base_map(resolution="f")


def test_diffusion_map_draws_adopters_and_seeds(toy):
    adoption = pn.temporal.adoption(toy)
    fig, ax = plot.plot_diffusion_map(
        toy,
        adoption,
        seed_cities=["A", "D"],
        seed_region="western-europe",
        period=(1944, 1956),
        lang="id",
    )
    assert ax.get_title() == t("fig.diffusion.title", lang="id")
    assert _legend_texts(ax) == [t("plot.seed_cities", lang="id") + ": Eropa Barat, 1944\u20131956"]
    # 10 cities, all dated: 10 points on the world map (plus 2 seed rings)
    sizes = [len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets")]
    assert 10 in sizes and 2 in sizes
    cbar_labels = [a.get_xlabel() for a in fig.axes]
    assert t("word.adoption_year", lang="id") in cbar_labels


def test_diffusion_map_no_dated_city_and_bad_table(toy):
    adoption = pn.temporal.adoption(toy).assign(first_year=pd.array([None] * 10, dtype="Int64"))
    _fig, ax = plot.plot_diffusion_map(toy, adoption, inset=False)
    assert t("plot.no_data") in [x.get_text() for x in ax.texts]
    with pytest.raises(SchemaError, match="first_year"):
        plot.plot_diffusion_map(toy, pd.DataFrame({"year": [1]}))


def test_communities_map_legend_counts(toy):
    comm = pd.Series(
        {"A": 0, "B": 0, "C": 0, "D": 0, "E": 1, "F": 1, "G": 1, "J": 2, "H": 3, "I": 3}
    )
    _fig, ax = plot.plot_communities_map(toy, comm, top=2, lang="en")
    assert _legend_texts(ax) == [
        "community 1 (4 cities)",
        "community 2 (3 cities)",
        t("plot.other_communities"),
    ]
    with pytest.raises(SchemaError, match="Series"):
        plot.plot_communities_map(toy, {"A": 0})


def test_country_network_sizes_and_labels(toy):
    C = pn.centrality.country_graph(toy)
    pos = {
        "GB": (52, -1),
        "RU": (49, 44),
        "DE": (51, 13),
        "FR": (48, 2),
        "IT": (42, 12),
        "US": (45, -93),
        "JP": (33, 130),
        "ID": (-7, 113),
    }  # KR left without a position
    comm = pd.Series({c: i % 2 for i, c in enumerate(sorted(C.nodes))})
    _fig, ax = plot.plot_country_network(C, comm, pos, labels=3, lang="id")
    assert ax.get_title() == t("fig.country_communities.title", lang="id")
    assert ax.get_legend().get_title().get_text() == t("plot.node_size_links", lang="id")
    assert 1 <= len([x for x in ax.texts]) <= 3
    with pytest.raises(GraphContractError):
        plot.plot_country_network("C", comm, pos)


# ------------------------------------------------------------------------------- charts


@pytest.mark.parametrize("lang", ["en", "id"])
def test_growth_stacks_phases_and_labels_eras(toy, lang):
    table = pn.temporal.growth(toy, by="phase")
    _fig, ax = plot.plot_growth(table, eras=pn.temporal.ERAS, lang=lang)
    assert ax.get_title() == t("fig.growth.title", lang=lang)
    assert ax.get_xlabel() == t("word.year", lang=lang)
    assert ax.get_ylabel() == t("word.new_links", lang=lang)
    assert ax.get_legend().get_title().get_text() == t("phase.title", lang=lang)
    # bar heights sum to the dated links (11 of 12)
    heights = sum(p.get_height() for p in ax.patches if p.get_width() < 1)
    assert heights == 11
    era_texts = [x.get_text().replace("\n", " ") for x in ax.texts]
    col = "label_en" if lang == "en" else "label_id"
    assert pn.temporal.ERAS.set_index("name").loc["postwar", col] in era_texts


def test_growth_without_eras_and_empty_table():
    empty = pd.DataFrame(
        {
            "year": pd.Series(dtype=int),
            "group": pd.Series(dtype=object),
            "new": pd.Series(dtype=int),
        }
    )
    _fig, ax = plot.plot_growth(empty)
    assert t("plot.no_data") in [x.get_text() for x in ax.texts]
    with pytest.raises(SchemaError, match="new"):
        plot.plot_growth(pd.DataFrame({"year": [1], "group": ["all"]}))


def test_growth_single_year():
    table = pd.DataFrame({"year": [1990, 1990], "group": ["associative", "none"], "new": [2, 1]})
    _fig, ax = plot.plot_growth(table, eras=[("late", 1980, 1995)])
    assert [x.get_text() for x in ax.get_legend().get_texts()] == [
        "associative",
        "phase not recorded",
    ]


def test_adoption_curves_fit_on_share_scale():
    years = np.arange(1950, 1991)
    cum = np.round(pn.diffusion.logistic(years, 1970, 0.3, 40)).astype(int)
    curves = pd.DataFrame(
        {"year": years, "group": "east-asia", "cumulative": cum, "share": cum / cum.max()}
    )
    fits = pd.DataFrame({"group": ["east-asia"], "midpoint": [1970.0], "rate": [0.3], "K": [40.0]})
    _fig, ax = plot.plot_adoption_curves(curves, fits, lang="id")
    assert ax.get_ylabel() == t("plot.share_adopted", lang="id")
    fit_line = next(ln for ln in ax.get_lines() if ln.get_linestyle() == "-")
    # the fitted curve is drawn on the share scale: it ends near 1, not near K = 40
    assert fit_line.get_ydata().max() == pytest.approx(40 / cum.max(), rel=0.01)
    assert _legend_texts(ax)[0] == "Asia Timur"


def test_adoption_curves_without_fits_and_bad_input():
    curves = pd.DataFrame(
        {"year": [1950, 1951], "group": ["x", "x"], "cumulative": [1, 2], "share": [0.5, 1.0]}
    )
    _fig, ax = plot.plot_adoption_curves(curves)
    assert _legend_texts(ax)[0] == "x"  # unknown region names are shown as given
    with pytest.raises(SchemaError, match="midpoint"):
        plot.plot_adoption_curves(curves, pd.DataFrame({"group": ["x"]}))


def test_centrality_bars_and_trajectories(toy):
    r = pn.centrality.rank(toy, "betweenness", top=4)
    _fig, ax = plot.plot_centrality_bars(r, lang="id")
    assert ax.get_xlabel() == t("measure.betweenness", lang="id")
    assert ax.get_yticklabels()[0].get_text() == "City G (JP)"
    tr = pn.centrality.trajectories(toy, ["A", "H"], "partners", [1960, 2000], progress=False)
    _fig, ax = plot.plot_rank_trajectories(tr)
    assert _legend_texts(ax) == ["City A", "City H"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # rank 1 on top
    with pytest.raises(SchemaError):
        plot.plot_rank_trajectories(r)


def test_centrality_bars_empty():
    r = pd.DataFrame({"name": [], "country": [], "value": []})
    _fig, ax = plot.plot_centrality_bars(r)
    assert t("plot.no_data") in [x.get_text() for x in ax.texts]


def test_country_heatmap_log_scale_and_blank_zeros():
    m = pd.DataFrame(
        [[0, 120, 1], [120, 3, 0], [1, 0, 0]], index=["DE", "FR", "PL"], columns=["DE", "FR", "PL"]
    )
    fig, ax = plot.plot_country_heatmap(m, labels={"DE": "Germany (DE)"})
    im = ax.get_images()[0]
    assert isinstance(im.norm, plt.matplotlib.colors.LogNorm)
    assert np.ma.is_masked(im.get_array()[0, 0])  # zero: blank, not the low colour
    assert next(x.get_text() for x in ax.get_yticklabels()) == "Germany (DE)"
    cbar = next(a for a in fig.axes if a is not ax)
    assert cbar.get_ylabel() == t("plot.links_log")
    assert sorted(x.get_text() for x in ax.texts) == ["1", "1", "120", "120", "3"]
    with pytest.raises(SchemaError, match="square"):
        plot.plot_country_heatmap(m.iloc[:2])


def test_distance_decay_two_panels():
    tab = pd.DataFrame(
        {
            "left": [10, 100, 1000],
            "right": [100, 1000, 10000],
            "observed": [0.2, 0.5, 0.3],
            "null_median": [0.1, 0.3, 0.6],
            "null_low": [0.05, 0.25, 0.5],
            "null_high": [0.15, 0.35, 0.7],
        }
    )
    fig, ax = plot.plot_distance_decay(tab, lang="id")
    assert len(fig.axes) == 2
    assert fig.axes[1].get_xlabel() == t("word.distance_km", lang="id")
    assert _legend_texts(ax)[0] == t("word.observed", lang="id")
    fig2, ax2 = plt.subplots()
    fig3, ax3 = plot.plot_distance_decay(tab, ax=ax2)
    assert fig3 is fig2 and ax3.get_xlabel() == t("word.distance_km")
    with pytest.raises(SchemaError, match="null_low"):
        plot.plot_distance_decay(tab.drop(columns="null_low"))


def test_region_label():
    assert plot.region_label("south-asia", "id") == "Asia Selatan"
    assert plot.region_label("seed") == "seed"


def test_world_map_is_a_deprecated_alias(toy):
    with pytest.deprecated_call(match="plot_world_map"):
        fig, ax = plot.world_map(toy, color_by="phase")
    assert ax.get_title() == "The world of twinning links"
    plt.close(fig)


# ----------------------------------------------------------- world size (issues 15 and 20)


def test_great_circle_arcs_match_the_scalar_function():
    from paradiplo_net.geo import great_circle_points
    from paradiplo_net.geo._distance import great_circle_arcs

    rng = np.random.default_rng(1)
    lat1, lat2 = rng.uniform(-70, 70, 50), rng.uniform(-70, 70, 50)
    lon1, lon2 = rng.uniform(-180, 180, 50), rng.uniform(-180, 180, 50)
    lat, lon, ok = great_circle_arcs(lat1, lon1, lat2, lon2, n=12)
    assert lat.shape == lon.shape == (50, 12) and ok.all()
    for i in range(50):
        ref = great_circle_points(lat1[i], lon1[i], lat2[i], lon2[i], n=12)
        assert np.allclose(np.c_[lat[i], lon[i]], ref, atol=1e-9)
    # antipodal, missing and identical ends
    lat, lon, ok = great_circle_arcs([0, np.nan, 10], [0, 0, 20], [0, 5, 10], [180, 5, 20], n=3)
    assert ok.tolist() == [False, False, True]
    assert np.isnan(lat[:2]).all() and np.allclose(lat[2], 10) and np.allclose(lon[2], 20)
    with pytest.raises(ValueError, match="equal lengths"):
        great_circle_arcs([0, 1], [0], [0], [0])


def test_arc_segments_split_at_the_date_line():
    from paradiplo_net.plot._basemaps import _arcs_segments

    _fig, _ax, m = plot.base_map()
    # Tokyo - San Francisco crosses the date line: two pieces; Paris - Berlin: one
    segs, owner = _arcs_segments(m, [35.7, 48.9], [139.7, 2.35], [37.8, 52.5], [-122.4, 13.4],
                                 n=30)
    assert sorted(owner.tolist()) == [0, 0, 1]
    for s in segs:
        assert np.all(np.abs(np.diff(s[:, 0])) < (m.xmax - m.xmin) / 2)


def test_dense_arc_layers_are_rasterised(toy, monkeypatch):
    from paradiplo_net.plot import _world

    _fig, ax = plot.plot_world_map(toy, color_by="decade")
    arcs = next(c for c in ax.collections if c.get_gid() == "arcs")
    assert not arcs.get_rasterized()  # 10 arcs stay vector paths
    monkeypatch.setattr(_world, "RASTER_ABOVE", 5)
    _fig, ax = plot.plot_world_map(toy, color_by="decade")
    arcs = next(c for c in ax.collections if c.get_gid() == "arcs")
    assert arcs.get_rasterized()
    # 10 pairs, one split at the date line
    assert len(arcs.get_segments()) == 11


def test_map_outline_is_closed_at_the_cut(toy):
    _fig, ax = plot.plot_world_map(toy)
    south = [ln for ln in ax.get_lines() if ln.get_gid() == "map-outline-south"]
    assert len(south) == 1
    y = south[0].get_ydata()
    assert y[0] == y[1] == pytest.approx(ax.get_ylim()[0])


def test_country_network_great_circles_and_size_key(toy):
    C = pn.centrality.country_graph(toy)
    pos = {"GB": (52, -1), "RU": (49, 44), "DE": (51, 13), "FR": (48, 2), "IT": (42, 12),
           "US": (45, -93), "JP": (33, 130), "ID": (-7, 113), "KR": (35, 129)}
    comm = pd.Series({c: 0 for c in pos})
    _fig, ax = plot.plot_country_network(C, comm, pos)
    lines = [c for c in ax.collections if type(c).__name__ == "LineCollection"
             and c.get_zorder() == 3 and len(c.get_segments()) and len(c.get_segments()[0]) > 2]
    assert lines, "country links are drawn as arcs of many points, not straight lines"
    keys = [a for a in ax.get_children() if type(a).__name__ == "Legend" and
            a.get_title().get_text() == t("plot.size_key_links")]
    assert len(keys) == 1


def test_place_labels_never_overlap():
    from paradiplo_net.plot._maps import _place_labels

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    items = [("FR", 5.0, 5.0, 4.0), ("DE", 5.2, 5.1, 4.0), ("IT", 5.1, 4.9, 4.0),
             ("BE", 5.05, 5.05, 2.0)]
    n = _place_labels(ax, items)
    assert n >= 3
    fig.canvas.draw()
    boxes = [a.get_window_extent() for a in ax.texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_palette_registry():
    assert set(plot.REGION_COLORS) == set(pn.geo.REGIONS)
    assert set(plot.ERA_COLORS) == set(pn.temporal.ERAS["name"])
    assert plot.palette("phase") == plot.PHASE_COLORS
    assert len(set(plot.REGION_COLORS.values())) == len(plot.REGION_COLORS)
    with pytest.raises(ValueError, match="kind"):
        plot.palette("decade")


def test_growth_ticks_are_integers_on_small_data(toy):
    fig, ax = plot.plot_growth(pn.temporal.growth(toy, by="phase"))
    fig.canvas.draw()
    assert all(float(v).is_integer() for v in ax.get_yticks())


def test_base_map_outline_ends_at_the_southern_cut_and_land_is_one_collection():
    """The outline clips arcs: it must stop where the map is cut (SVG honours a clip path
    instead of the axes box, so Antarctica showed below SVG maps). Land, coasts and borders
    lie inside the outline: the axes box clips them at the cut (cheaper to draw and write)."""
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.patches import Polygon

    fig, ax, _m = pn.plot.base_map()
    outlines = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(outlines) == 1  # the outline only: land is a single collection
    assert outlines[0].get_xy()[:, 1].min() >= ax.get_ylim()[0] - 1e-6
    land = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(land) == 1
    base = [c for c in ax.collections if isinstance(c, PolyCollection | LineCollection)]
    assert len(base) == 3  # land, coasts, borders
    for artist in base:
        assert artist.get_clip_path() is None and artist.get_clip_on()
        assert artist.get_clip_box().bounds == ax.bbox.bounds
    plt.close(fig)


def test_base_maps_are_cached_on_disk_and_rebuilt_when_unreadable(tmp_path, monkeypatch):
    """Built once (Basemap clips its outlines in Python: 0.9 s), a base map is read back from
    settings.cache_dir; a damaged file is rebuilt, an unwritable cache is skipped."""
    import pickle

    from paradiplo_net.plot import _basemaps
    from paradiplo_net.settings import settings

    built = []

    def build():
        built.append(1)
        return _basemaps._basemap_class()(projection="robin", lon_0=0, resolution="c")

    monkeypatch.setenv("PARADIPLO_CACHE", str(tmp_path))
    try:
        m = _basemaps._cached("test-robin", build)
        files = list((tmp_path / "basemaps").glob("test-robin-*.pickle"))
        assert len(files) == 1 and "2.0" in files[0].name  # basemap versions in the name
        again = _basemaps._cached("test-robin", build)
        assert len(built) == 1 and hasattr(again, "cntrysegs")
        assert again(10.0, 50.0) == m(10.0, 50.0)
        files[0].write_bytes(b"not a pickle")
        rebuilt = _basemaps._cached("test-robin", build)
        assert len(built) == 2 and rebuilt(10.0, 50.0) == m(10.0, 50.0)
        assert pickle.loads(files[0].read_bytes())(0.0, 0.0) == m(0.0, 0.0)  # rewritten
        blocked = tmp_path / "file"
        blocked.write_text("x")
        monkeypatch.setenv("PARADIPLO_CACHE", str(blocked))  # not a folder: nothing written
        assert _basemaps._cached("test-robin", build)(0.0, 0.0) == m(0.0, 0.0)
        assert len(built) == 3
    finally:
        settings.reset()
