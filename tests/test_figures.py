"""figures.py: every published figure on the toy graph and on the bundled data, and run().

Fast settings throughout (PNG only, 72 dpi, few null-model runs where the test allows).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import figures
from paradiplo_net.errors import GraphContractError, ParadiploError
from paradiplo_net.i18n import t

TITLES = {  # figure -> title key of each panel
    "growth": ["fig.growth.title"],
    "phases": ["fig.phases.title"],
    "world_map": ["fig.map.title"],
    "diffusion_map": ["fig.diffusion.title"],
    "adoption_curves": ["fig.scurves.title"],
    "centrality": ["plot.top_cities", "fig.trajectories.title"],
    "communities": ["fig.communities.title", "fig.country_communities.title"],
    "country_heatmap": ["fig.heatmap.title"],
    "distance_decay": ["fig.distance.title"],
    "contagion": ["fig.contagion.title"],
}
TABLES = {
    "growth": {"growth", "phases"},
    "phases": {"phases"},
    "world_map": {"arcs"},
    "diffusion_map": {"adoption", "velocity"},
    "adoption_curves": {"curves", "fits"},
    "centrality": {"top", "trajectories"},
    "communities": {"communities", "membership", "countries"},
    "country_heatmap": {"matrix", "pairs"},
    "distance_decay": {"bins", "summary"},
    "contagion": {"effects"},
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _titles(fig):
    return [ax.get_title() for ax in fig.axes if ax.get_title()]


def _check_figure(name, fig, tables, lang):
    assert set(tables) == TABLES[name]
    titles = _titles(fig)
    for key in TITLES[name]:
        if key == "plot.top_cities":
            measure = t(f"measure.{tables['top'].attrs['measure']}", lang=lang)
            assert t(key, lang=lang, n=len(tables["top"]), measure=measure) in titles
        else:
            assert t(key, lang=lang) in titles
    for frame in tables.values():
        assert isinstance(frame, pd.DataFrame)
        assert frame.attrs["caption"]
    # every Axes with data has a legend, a colour bar or axis labels
    main = [ax for ax in fig.axes if ax.get_title()]
    for ax in main:
        has_legend = ax.get_legend() is not None
        has_labels = bool(ax.get_xlabel() or ax.get_ylabel())
        has_cbar = len(fig.axes) > len(main)
        assert has_legend or has_labels or has_cbar, (name, ax.get_title())


# --------------------------------------------------------------------- figure functions


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_every_figure_on_toy(toy, name):
    kwargs = {"runs": 20} if name == "distance_decay" else {}
    if name in ("communities", "distance_decay"):
        kwargs["seed"] = 0
    fig, tables = figures.FIGURES[name](toy, lang="en", **kwargs)
    _check_figure(name, fig, tables, "en")


@pytest.mark.parametrize(
    ("name", "option"),
    [
        ("growth", "seed"),
        ("world_map", "progress"),
        ("diffusion_map", "eras"),
        ("adoption_curves", "seed"),
        ("centrality", "eras"),
        ("communities", "progress"),
        ("country_heatmap", "seed"),
        ("distance_decay", "eras"),
    ],
)
def test_figures_refuse_options_they_do_not_use(toy, name, option):
    # a figure function takes only the options it uses: nothing is silently ignored
    with pytest.raises(TypeError, match=option):
        figures.FIGURES[name](toy, **{option: 0})


@pytest.mark.parametrize("name", ["growth", "world_map", "centrality", "country_heatmap"])
def test_figures_in_indonesian(toy, name):
    fig, tables = figures.FIGURES[name](toy, lang="id")
    _check_figure(name, fig, tables, "id")


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_every_figure_on_core(core, name):
    kwargs = {"runs": 50} if name == "distance_decay" else {}
    fig, tables = figures.FIGURES[name](core, **kwargs)
    _check_figure(name, fig, tables, "en")


def test_core_figures_content(core):
    # growth: every dated statement of core is in the table (none undated in core)
    _fig, tab = figures.growth(core)
    g = tab["growth"]
    assert g["new"].sum() + g.attrs["excluded_undated"] == core.number_of_edges()
    assert set(g["group"]) <= {"associative", "reciprocal", "commercial", "none"}
    # world map: one arc per distinct city pair (stats.summary counts them too)
    _fig, tab = figures.world_map(core)
    assert len(tab["arcs"]) == int(pn.stats.summary(core)["distinct_pairs"].iloc[0])
    # adoption curves: the Western European wave comes first (the seed region)
    _fig, tab = figures.adoption_curves(core)
    assert tab["fits"].sort_values("order")["group"].iloc[0] == "western-europe"


def test_growth_phase_rule_is_reported(toy):
    _fig, tab = figures.growth(toy, phase_rule=None)
    # toy: 10 recorded phases, 0 inferred, 2 without phase (G->J and E->G)
    assert (
        t("plot.inferred_phases", recorded=10, inferred=0, rule="-", none=2)
        in tab["growth"].attrs["caption"]
    )
    _fig, tab = figures.growth(toy, phase_rule="keywords")
    # issue 15: G->J's kind friendship_city alone is no phase: nothing inferred
    assert "0 inferred (keywords)" in tab["growth"].attrs["caption"]


def test_world_map_color_options(toy):
    for c in ("phase", "decade", "era"):
        fig, _tab = figures.world_map(toy, color_by=c)
        plt.close(fig)
    with pytest.raises(ValueError, match="color_by"):
        figures.world_map(toy, color_by="size")


def test_country_matrix_is_symmetric_with_domestic_diagonal(toy):
    m = figures.country_matrix(toy, top=9)
    assert (m.to_numpy() == m.to_numpy().T).all()
    assert m.loc["JP", "JP"] == 1  # G->J, the only domestic link
    assert m.loc["ID", "KR"] == 2  # H->I twice (parallel agreements)
    assert m.loc["GB", "RU"] == 2  # A<->B, a reciprocal pair: two statements
    with pytest.raises(ValueError, match="top"):
        figures.country_matrix(toy, top=0)


def test_distance_table_null_model(toy):
    a = figures.distance_table(toy, runs=30, seed=3)
    b = figures.distance_table(toy, runs=30, seed=3)
    pd.testing.assert_frame_equal(a, b)  # seeded: same result
    assert a.attrs["seed"] == 3 and a.attrs["runs"] == 30
    assert a["observed"].sum() == pytest.approx(1.0)
    assert a["observed_pairs"].sum() == 10  # 10 distinct city pairs in the toy graph
    # each null run re-pairs the same 20 stubs: shares sum to 1 in the median's neighbourhood
    assert (a["null_low"] <= a["null_median"]).all() and (a["null_median"] <= a["null_high"]).all()
    # the median observed length: A-B (Coventry-Volgograd) etc.; positive and below half the equator
    assert 0 < a.attrs["median_observed_km"] < 20100


def test_distance_table_edge_cases(toy):
    empty = pn.model.new_graph(dataset="empty")
    tab = figures.distance_table(empty, runs=5)
    assert tab.attrs["pairs"] == 0 and tab["observed"].sum() == 0
    H = toy.copy()
    H.nodes["A"]["lat"] = None
    assert figures.distance_table(H, runs=5).attrs["no_coordinates"] == 2
    with pytest.raises(ValueError, match="runs"):
        figures.distance_table(toy, runs=0)
    with pytest.raises(ValueError, match="bins"):
        figures.distance_table(toy, bins=[100, 10])


def test_resolve_eras():
    assert list(figures.resolve_eras(None)["name"]) == list(pn.temporal.ERAS["name"])
    assert list(figures.resolve_eras(["recent", "postwar"])["name"]) == ["postwar", "recent"]
    custom = figures.resolve_eras([("cold_war", 1947, 1991)])
    assert custom.loc[0, "name"] == "cold_war"
    with pytest.raises(ValueError, match="valid names: 'before_1919'"):
        figures.resolve_eras(["cold_war"])


def test_figure_functions_reject_bad_input(toy):
    with pytest.raises(GraphContractError):
        figures.growth(nx.Graph())
    with pytest.raises(ValueError, match="'en', 'id'"):
        figures.country_heatmap(toy, lang="de")


def test_figures_on_a_single_year_graph():
    G = pn.model.new_graph(dataset="one-year")
    G.add_node("a", name="Aa", country="FR", lat=48.0, lon=2.0, level="municipality")
    G.add_node("b", name="Bb", country="DE", lat=52.0, lon=13.0, level="municipality")
    G.add_edge(
        "a",
        "b",
        year=1960,
        end_year=None,
        phase="associative",
        phase_source="recorded",
        kind="twin_town",
        dataset="one-year",
    )
    for name in ("growth", "world_map", "country_heatmap", "distance_decay"):
        fig, _tables = figures.FIGURES[name](G)
        assert _titles(fig)
        plt.close(fig)


# -------------------------------------------------------------------------------- run()


def test_run_end_to_end_on_toy(toy, tmp_path):
    out = tmp_path / "out"
    m = figures.run(toy, out=out, formats=("png", "svg"), dpi=72, progress=False, dataset="toy")
    for name in figures.FIGURES:
        assert (out / "figures" / f"{name}.png").stat().st_size > 1000
        assert (out / "figures" / f"{name}.svg").exists()
        for table in TABLES[name]:
            assert (out / "tables" / f"{name}__{table}.csv").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest == json.loads(json.dumps(m, default=str))
    assert manifest["dataset"]["checksum"] == pn.datasets.checksum("toy")
    assert manifest["versions"]["paradiplo_net"] == pn.__version__
    assert manifest["parameters"]["dpi"] == 72 and manifest["seed"] == 0
    assert set(manifest["timings"]) == {"summary", *figures.FIGURES, "total"}
    assert all((out / f).exists() for f in manifest["files"])
    html = (out / "report.html").read_text()
    md = (out / "report.md").read_text()
    assert "figures/world_map.png" in html and "tables/growth__growth.csv" in html
    assert t("report.summary") in md and "tables/summary.csv" in md


def test_run_in_indonesian_on_core_subset(core, tmp_path):
    m = figures.run(
        core,
        out=tmp_path,
        figures=["growth", "country_heatmap"],
        lang="id",
        formats=["png"],
        dpi=72,
        progress=False,
        dataset="core",
        eras=["postwar", "recent"],
        estimates="none",  # issue 18: core's statistical figures come from the sample by default
    )
    assert m["dataset"]["checksum"] == pn.datasets.checksum("core")
    assert [e["name"] for e in m["parameters"]["eras"]] == ["postwar", "recent"]
    md = (tmp_path / "report.md").read_text()
    assert t("report.title", lang="id") in md and t("fig.heatmap.title", lang="id") in md
    assert m["figures"]["growth"]["caption"].startswith("Pernyataan")
    assert not (tmp_path / "figures" / "growth.svg").exists()


def test_run_checksum_of_a_file_and_of_an_unnamed_graph(toy, tmp_path):
    path = tmp_path / "links.csv"
    pn.io.write_links(toy, path)
    m = figures.run(
        toy,
        out=tmp_path / "a",
        figures=["growth"],
        formats=["png"],
        dpi=50,
        progress=False,
        summary=False,
        dataset=str(path),
    )
    import hashlib

    assert m["dataset"]["checksum"] == hashlib.sha256(path.read_bytes()).hexdigest()
    H = toy.copy()
    H.graph["dataset"] = "mine"
    m2 = figures.run(
        H,
        out=tmp_path / "b",
        figures=["growth"],
        formats=["png"],
        dpi=50,
        progress=False,
        summary=False,
    )
    assert len(m2["dataset"]["checksum"]) == 64 and m2["dataset"]["name"] == "mine"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"figures": ["growth", "maps"]}, "valid names: 'growth', 'world_map'"),
        ({"figures": "nope"}, "unknown name"),
        ({"lang": "fr"}, "'en', 'id'"),
        ({"formats": ["png", "jpg"]}, "valid formats: 'png', 'svg', 'pdf'"),
        ({"formats": []}, "valid formats"),
        ({"dpi": 0}, "dpi"),
        ({"dpi": 72.5}, "dpi"),
        ({"seed": "0"}, "seed"),
        ({"eras": ["cold_war"]}, "valid names"),
    ],
)
def test_run_bad_options_fail_before_any_work(toy, tmp_path, kwargs, match):
    out = tmp_path / "never"
    with pytest.raises(ValueError, match=match):
        figures.run(toy, out=out, progress=False, **kwargs)
    assert not out.exists()  # validated before the output folder is even created


def test_run_unwritable_output(toy, tmp_path):
    afile = tmp_path / "a_file"
    afile.write_text("x")
    with pytest.raises(figures.OutputError, match="not a folder"):
        figures.run(toy, out=afile, progress=False)
    with pytest.raises(ParadiploError, match="cannot write"):
        figures.run(toy, out=afile / "sub", progress=False)
    if os.geteuid() != 0:  # root can write anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        try:
            with pytest.raises(figures.OutputError, match=str(ro)):
                figures.run(toy, out=ro / "out", progress=False)
        finally:
            ro.chmod(0o700)


def test_run_rejects_a_non_graph(tmp_path):
    with pytest.raises(GraphContractError):
        figures.run(nx.Graph(), out=tmp_path, progress=False)


def test_run_does_not_mutate_the_graph(toy, tmp_path):
    before = pn.model.links_from_graph(toy)
    figures.run(
        toy,
        out=tmp_path,
        figures=["growth", "world_map"],
        formats=["png"],
        dpi=40,
        progress=False,
        summary=False,
    )
    pd.testing.assert_frame_equal(before, pn.model.links_from_graph(toy))


def test_make_figures_script_is_thin(tmp_path):
    script = Path(__file__).resolve().parent.parent / "scripts" / "make_figures.py"
    text = script.read_text()
    assert "figures.run" in text or "cli.main" in text


# --- atomic outputs (issue 14) -----------------------------------------------------------


def _leftovers(folder):
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_second_run_removes_stale_files_of_the_first(toy, tmp_path):
    first = figures.run(
        toy,
        out=tmp_path,
        figures=["growth", "country_heatmap"],
        formats=["png"],
        dpi=30,
        progress=False,
        summary=False,
    )
    assert "figures/country_heatmap.png" in first["files"]
    second = figures.run(
        toy,
        out=tmp_path,
        figures=["growth"],
        formats=["png"],
        dpi=30,
        progress=False,
        summary=False,
    )
    # the heatmap of the first run is gone; everything on disk is listed in the new manifest
    assert not (tmp_path / "figures" / "country_heatmap.png").exists()
    on_disk = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert on_disk == sorted(second["files"])
    assert _leftovers(tmp_path) == []


def test_user_files_in_the_output_folder_are_kept(toy, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    figures.run(
        toy,
        out=tmp_path,
        figures=["growth"],
        formats=["png"],
        dpi=30,
        progress=False,
        summary=False,
    )
    figures.run(
        toy,
        out=tmp_path,
        figures=["growth"],
        formats=["png"],
        dpi=30,
        progress=False,
        summary=False,
    )
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_interrupted_run_leaves_no_manifest_and_no_partial_files(toy, tmp_path, monkeypatch):
    figures.run(
        toy,
        out=tmp_path,
        figures=["growth", "country_heatmap"],
        formats=["png"],
        dpi=30,
        progress=False,
        summary=False,
    )
    assert (tmp_path / "manifest.json").exists()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setitem(figures.FIGURES, "country_heatmap", interrupted)
    with pytest.raises(KeyboardInterrupt):
        figures.run(
            toy,
            out=tmp_path,
            figures=["growth", "country_heatmap"],
            formats=["png"],
            dpi=30,
            progress=False,
            summary=False,
        )
    # no manifest or report describing a mix of old and new files; no temporary files
    assert not (tmp_path / "manifest.json").exists()
    assert not (tmp_path / "report.html").exists()
    assert _leftovers(tmp_path) == []


def test_failed_write_leaves_no_truncated_file(toy, tmp_path, monkeypatch):
    import matplotlib.figure

    real = matplotlib.figure.Figure.savefig

    def full_disk(self, fname, *args, **kwargs):
        real(self, fname, *args, **kwargs)
        with Path(fname).open("r+b") as fh:  # a truncated file, then the disk is full
            fh.truncate(10)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", full_disk)
    with pytest.raises(OSError, match="No space left"):
        figures.run(
            toy, out=tmp_path, figures=["growth"], formats=["svg"], progress=False, summary=False
        )
    assert not (tmp_path / "figures" / "growth.svg").exists()
    assert _leftovers(tmp_path) == []


# ------------------------------------------------------------------------- issue 15


def test_every_figure_names_its_data_and_n(toy, tmp_path):
    figures.run(toy, out=tmp_path, formats=["svg"], progress=False, summary=False, dataset="toy")
    footer = t("plot.footer", dataset="toy", nodes="10", links="12")
    for name in figures.FIGURES:
        assert footer in (tmp_path / "figures" / f"{name}.svg").read_text(), name


def test_report_is_self_contained_with_a_glossary(toy, tmp_path):
    import html
    import shutil

    from paradiplo_net.i18n import summary_term

    figures.run(
        toy, out=tmp_path / "run", formats=["png"], dpi=40, progress=False, lang="id", dataset="toy"
    )
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(tmp_path / "run" / "report.html", alone)
    text = (alone / "report.html").read_text()
    assert text.count("<img src='data:image/png;base64,") == len(figures.FIGURES)
    assert "<img src='figures/" not in text
    for key in pn.stats.summary(toy).columns:
        label, meaning = summary_term(key, lang="id")
        entry = f"<dt>{html.escape(label)} <code>{key}</code></dt><dd>{html.escape(meaning)}</dd>"
        assert entry in text
    assert t("report.glossary", lang="id") in text
    md = (tmp_path / "run" / "report.md").read_text()
    assert "hukum pangkat vs lognormal (R)" in md and "`powerlaw_R_lognormal`" in md


def test_adoption_fits_are_bounded_and_need_a_minimum_region(core):
    _fig, tab = figures.adoption_curves(core)
    fits = tab["fits"]
    fitted = fits[fits["status"] == "fitted"]
    assert len(fitted) and (fitted["K"] <= fitted["adopters"] + 1e-6).all()
    small = fits[fits["adopters"] < 5]
    assert (small["status"] == "too_few_cities").all() and small["midpoint"].isna().all()
    caption = tab["fits"].attrs["caption"]
    for g in small["group"]:
        assert pn.plot.region_label(g) in caption.split("Not fitted")[-1]


def test_captions_match_the_layout_and_units(core):
    fig, tab = figures.communities_figure(core)
    caption = tab["communities"].attrs["caption"]
    assert caption.startswith("Top:") and "Bottom:" in caption and "Left" not in caption
    plt.close(fig)
    fig, tab = figures.country_heatmap(core)
    assert "statements, not city pairs" in tab["matrix"].attrs["caption"]


def test_contagion_figure_on_core_and_in_indonesian(core):
    _fig, tab = figures.contagion(core, lang="id")
    effects = tab["effects"]
    assert effects.index.tolist() == ["partners", "neighbours"]
    assert (effects["ci_low"] <= effects["coef"]).all() and (
        effects["coef"] <= effects["ci_high"]
    ).all()
    assert effects.attrs["adoptions"] > 600 and "pengacakan" in effects.attrs["caption"]


def test_contagion_figure_with_too_few_cities_says_so():
    G = pn.datasets.load("toy")
    fig, tab = figures.contagion(G.subgraph(["A", "B", "C"]).copy())
    assert tab["effects"].empty
    assert any(t("plot.no_data") == x.get_text() for ax in fig.axes for x in ax.texts)


def test_contagion_figure_on_undated_data_shows_no_data(toy):
    G = toy.copy()
    for *_, d in G.edges(data=True):
        d["year"] = None
    fig, tab = figures.contagion(G)
    assert tab["effects"].empty and tab["effects"].attrs["adoptions"] == 0
    assert any(t("plot.no_data") == x.get_text() for ax in fig.axes for x in ax.texts)


def test_every_figure_survives_undated_data(toy, tmp_path):
    # a world-size list without years (the Wikipedia lists) must still give a full report
    G = toy.copy()
    for *_, d in G.edges(data=True):
        d["year"] = None
    manifest = figures.run(G, out=tmp_path, formats=["png"], dpi=30, progress=False, summary=False)
    assert set(manifest["figures"]) == set(figures.FIGURES)


def test_report_image_from_the_canvas_is_the_saved_png_scaled(tmp_path):
    """report.html embeds, from the canvas, exactly what scaling the saved PNG gives."""
    import re

    from paradiplo_net.figures import _common, _report

    figures.run(pn.datasets.load("toy"), out=tmp_path, figures=["growth"], formats=["png"],
                dpi=300, progress=False, summary=False, estimates="none")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    embedded = re.findall(r"src='(data:image/png;base64,[^']+)'", html)
    assert embedded == [_report._data_uri(tmp_path / "figures" / "growth.png")]
    assert _common.RUN_PHASED is None  # the run's memo is forgotten


def test_one_layout_serves_every_format(tmp_path):
    """PNG and SVG of a figure share one layout and box: the SVG is the PNG's size in points.

    (Laid out per format, core's diffusion map came out 12 points narrower in SVG.)
    """
    import re

    from PIL import Image

    figures.run(pn.datasets.load("core"), out=tmp_path, figures=["diffusion_map"],
                formats=["png", "svg"], dpi=300, progress=False, summary=False)
    with Image.open(tmp_path / "figures" / "diffusion_map.png") as im:
        size_px = im.size
    svg = (tmp_path / "figures" / "diffusion_map.svg").read_text(encoding="utf-8")
    size_pt = re.search(r'width="([0-9.]+)pt" height="([0-9.]+)pt"', svg).groups()
    for px, pt in zip(size_px, size_pt, strict=True):
        assert abs(px / 300 * 72 - float(pt)) < 0.5


def test_a_run_builds_its_shared_tables_once(tmp_path, monkeypatch):
    """The country graph (communities twice, the heatmap's matrix) and the city pairs (world
    map and its table, communities map) are derived once per graph and variant in a run; a
    graph changed through networkx inside a frozen block is derived again."""
    from paradiplo_net import countries
    from paradiplo_net.model import _transform

    calls = {"country": [], "pairs": []}
    real_country, real_pairs = countries._country_graph, _transform._pair_table
    monkeypatch.setattr(countries, "_country_graph",
                        lambda G, d: calls["country"].append((id(G), d)) or real_country(G, d))
    monkeypatch.setattr(_transform, "_pair_table",
                        lambda G: calls["pairs"].append(id(G)) or real_pairs(G))
    G = pn.datasets.load("core")
    figures.run(G, out=tmp_path, figures=["world_map", "communities", "country_heatmap"],
                formats=["png"], dpi=60, progress=False, summary=False, estimates="none",
                jobs=1)
    assert len(calls["country"]) == len(set(calls["country"])) == 2  # drop, keep
    # world map (plot and table) and communities map: three uses, one build per graph
    assert len(calls["pairs"]) == len(set(calls["pairs"])) >= 1
    # outside a run nothing is kept
    countries.country_graph(G)
    countries.country_graph(G)
    assert len(calls["country"]) == 4
    with pn.model.frozen(G):
        C = countries.country_graph(G)
        C.add_node("XX")  # a copy: the kept graph is not changed
        assert "XX" not in countries.country_graph(G)
        G.add_edge("gn:x1", "gn:x2")
        countries.country_graph(G)
    assert len(calls["country"]) == 6
