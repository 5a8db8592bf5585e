"""Tests for paradiplo_net.replay (year-by-year replay: state, frames, slider, GIF/HTML).

Hand-checked values on the toy graph (see paradiplo_net.datasets.toy). Its dated links:
A<->B 1944 (two statements, one pair), F->G 1955, D->E 1956, A->C 1959, C->D 1962,
G->J 1970, F->B 1990 (ended 2022), H->I 1994 and 2004 (two statements, one pair),
H->J 2010; E->G is undated. Unordered pairs: A-B, A-C, C-D, D-E, E-G, F-G, F-B, G-J, H-I,
H-J = 10 pairs.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import replay
from paradiplo_net.errors import GraphContractError


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def state(toy):
    return replay.prepare(toy, years=[1944, 1960, 1990, 2022], fast=False, progress=False)


# ---------------------------------------------------------------------------------------------
# replay_years, fast_mode


def test_replay_years_every_year_inclusive():
    assert replay.replay_years(1950, 1953, fast=False) == [1950, 1951, 1952, 1953]


def test_replay_years_step_keeps_end():
    # 1950, 1954, 1958 by step 4, then the end 1960 is added
    assert replay.replay_years(1950, 1960, step=4, fast=False) == [1950, 1954, 1958, 1960]


def test_replay_years_single_year():
    assert replay.replay_years(1990, 1990, fast=True) == [1990]


def test_replay_years_default_end_is_this_year():
    assert replay.replay_years(2000, fast=False)[-1] == pd.Timestamp.now().year


def test_replay_years_fast_keeps_four_evenly_spaced():
    # 106 years 1920..2025: positions 0, 35, 70, 105
    assert replay.replay_years(1920, 2025, fast=True) == [1920, 1955, 1990, 2025]


def test_replay_years_keep_adds_years_in_range_only():
    years = replay.replay_years(1920, 2025, fast=True, keep=[1944, 1990, 2030, 1900])
    assert years == [1920, 1944, 1955, 1990, 2025]


def test_replay_years_fast_from_environment(monkeypatch):
    monkeypatch.setenv(replay.FAST_ENV, "1")
    assert replay.fast_mode() is True
    assert len(replay.replay_years(1920, 2025)) == replay.FAST_FRAMES
    monkeypatch.setenv(replay.FAST_ENV, "0")
    assert replay.fast_mode() is False
    assert len(replay.replay_years(1920, 2025)) == 106


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"start": 2000, "end": 1990}, "start 2000 is after end 1990"),
        ({"start": 1990, "end": 2000, "step": 0}, "step must be an int >= 1"),
        ({"start": "1990", "end": 2000}, "start must be an int year"),
        ({"start": 1990, "end": 2000.5}, "end must be an int year"),
        ({"start": 1990, "end": 2000, "keep": ["x"]}, "keep item must be an int year"),
    ],
)
def test_replay_years_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        replay.replay_years(**kwargs, fast=False)


def test_fast_mode_rejects_non_bool():
    with pytest.raises(ValueError, match="fast must be True, False or None"):
        replay.fast_mode("yes")


# ---------------------------------------------------------------------------------------------
# notes


def test_notes_table_covers_the_turning_points():
    years = replay.NOTES["year"].tolist()
    for y in (1944, 1950, 1956, 1973, 1990, 2022):
        assert y in years
    assert replay.NOTES[["title_en", "title_id", "text_en", "text_id"]].notna().all().all()
    assert years == sorted(years)


def test_note_at_shows_latest_note_within_hold():
    assert replay.note_at(1944)[0] == "1944: wartime solidarity"
    assert replay.note_at(1955)[0] == "1950s: reconciliation"  # 1950 note, 5 years on
    assert replay.note_at(1956)[0] == "1956: People to People"  # replaced by the next note
    assert replay.note_at(1982)[0] == "1973: détente and Asia"  # 9 years: still shown
    assert replay.note_at(1983) is None  # 10 years after 1973: hold reached
    assert replay.note_at(1983, hold=11)[0] == "1973: détente and Asia"


def test_note_at_before_first_note_and_indonesian():
    assert replay.note_at(1900) is None
    title, text = replay.note_at(2022, lang="id")
    assert title == "2022: penangguhan"
    assert "Rusia" in text


def test_note_at_custom_notes_unsorted():
    notes = pd.DataFrame(
        {
            "year": [2000, 1990],
            "title_en": ["b", "a"],
            "title_id": ["B", "A"],
            "text_en": ["tb", "ta"],
            "text_id": ["TB", "TA"],
        }
    )
    assert replay.note_at(1995, notes=notes) == ("a", "ta")
    assert replay.note_at(2001, notes=notes, lang="id") == ("B", "TB")


def test_note_at_errors():
    with pytest.raises(ValueError, match="lang='fr' is not one of"):
        replay.note_at(1950, lang="fr")
    with pytest.raises(ValueError, match="missing column 'text_id'"):
        replay.note_at(1950, notes=replay.NOTES.drop(columns="text_id"))
    with pytest.raises(ValueError, match="notes must be a DataFrame"):
        replay.note_at(1950, notes=[(1950, "x")])
    with pytest.raises(ValueError, match="year must be an int year"):
        replay.note_at(None)


# ---------------------------------------------------------------------------------------------
# prepare


def test_prepare_counts_by_hand(state):
    c = state.counts
    assert list(c.index) == [1944, 1960, 1990, 2022]
    # 1944: A->B and B->A: 2 statements, 1 pair, cities A, B (GB, RU)
    assert c.loc[1944].tolist() == [2, 1, 2, 2, 0]
    # 1960: + F->G 1955, D->E 1956, A->C 1959 = 5 statements, 4 pairs, cities A B C D E F G,
    # countries GB RU DE FR IT US JP
    assert c.loc[1960].tolist() == [5, 4, 7, 7, 0]
    # 1990: + C->D 1962, G->J 1970, F->B 1990 = 8 statements, 7 pairs, 8 cities (no H, I),
    # countries GB RU DE FR IT US JP = 7 (J is in JP)
    assert c.loc[1990].tolist() == [8, 7, 8, 7, 0]
    # 2022: + H->I 1994, 2004, H->J 2010; F->B ended in 2022: 10 statements, pairs 8
    # (A-B, A-C, C-D, D-E, F-G, G-J, H-I, H-J), all 10 cities, 9 countries, 1 ended
    assert c.loc[2022].tolist() == [10, 8, 10, 9, 1]


def test_prepare_pairs_and_active(state):
    p = state.pairs
    assert len(p) == 10  # every unordered pair, the undated E-G included
    ends = [frozenset(e) for e in zip(p["source"], p["target"], strict=True)]
    first = dict(zip(ends, p["first_year"], strict=True))
    assert first[frozenset("AB")] == 1944
    assert first[frozenset("HI")] == 1994  # earliest of 1994 and 2004
    assert pd.isna(first[frozenset("EG")])
    eras = dict(zip(ends, p["era"], strict=True))
    assert eras[frozenset("AB")] == "wartime"
    assert eras[frozenset("HJ")] == "recent"
    assert eras[frozenset("EG")] is None
    active_2022 = {frozenset((p["source"].iat[i], p["target"].iat[i])) for i in state.active[2022]}
    assert frozenset("FB") not in active_2022  # ended in 2022
    assert frozenset("EG") not in active_2022  # undated: never placed in time
    assert len(active_2022) == 8
    assert state.excluded_undated == 1
    assert state.no_coordinates == 0
    assert state.dataset == "toy"


def test_prepare_does_not_mutate(toy):
    before = (dict(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)), dict(toy.graph))
    replay.prepare(toy, years=[1960], progress=False)
    after = (dict(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)), dict(toy.graph))
    assert before == after


def test_prepare_default_frames_include_note_years(toy):
    s = replay.prepare(toy, start=1940, end=2025, fast=True, progress=False)
    # 4 evenly spaced frames (1940, 1968, 1997, 2025) plus the note years inside 1940-2025
    assert s.years == [1940, 1944, 1950, 1956, 1963, 1968, 1973, 1989, 1990, 1997, 2022, 2025]


def test_prepare_explicit_years_sorted_deduplicated(toy):
    s = replay.prepare(toy, years=[2000, 1950, 2000], fast=False, progress=False)
    assert s.years == [1950, 2000]
    assert "2 frames 1950-2000" in repr(s)


def test_prepare_single_year_and_custom_eras(toy):
    s = replay.prepare(
        toy, years=[1960], eras=[("early", 1900, 1957), ("late", 1958, None)], progress=False
    )
    assert s.years == [1960]
    assert set(s.pairs["era"].dropna()) == {"early", "late"}
    assert s.pairs["color"].nunique() == 3  # two era colours and grey for the undated pair


def test_prepare_city_without_coordinates(toy):
    toy.nodes["J"]["lat"] = None
    s = replay.prepare(toy, years=[2010], progress=False)
    assert s.no_coordinates == 2  # G-J and H-J
    _fig, axes = replay.draw_frame(s, 2010)
    assert axes["map"].get_title().startswith("2010:")


def test_prepare_empty_graph():
    G = nx.MultiDiGraph(dataset="empty")
    s = replay.prepare(G, years=[1950, 1960], progress=False)
    assert s.counts.loc[1960].tolist() == [0, 0, 0, 0, 0]
    assert len(s.pairs) == 0
    _fig, axes = replay.draw_frame(s, 1960)
    assert axes["map"].get_title() == "1960: 0 links in force between 0 cities in 0 countries"


def test_prepare_errors(toy):
    with pytest.raises(GraphContractError, match=r"expected a networkx\.MultiDiGraph"):
        replay.prepare(nx.Graph(), years=[1950])
    with pytest.raises(ValueError, match="lang='de' is not one of"):
        replay.prepare(toy, years=[1950], lang="de")
    with pytest.raises(ValueError, match="hold must be an int >= 1"):
        replay.prepare(toy, years=[1950], hold=0)
    with pytest.raises(ValueError, match="years is empty"):
        replay.prepare(toy, years=[])
    with pytest.raises(ValueError, match="years item must be an int year"):
        replay.prepare(toy, years=[1950.0])
    with pytest.raises(ValueError, match="missing column 'end'"):
        replay.prepare(toy, years=[1950], eras=pd.DataFrame({"name": ["x"], "start": [1900]}))


# ---------------------------------------------------------------------------------------------
# draw_frame


def test_draw_frame_title_note_and_legend(state):
    _fig, axes = replay.draw_frame(state, 1960)
    assert set(axes) == {"map", "growth", "new", "note"}
    assert axes["map"].get_title() == "1960: 5 links in force between 7 cities in 7 countries"
    # 1960 is 4 years after the 1956 note
    assert axes["note"].texts[0].get_text() == "1956: People to People"
    labels = [x.get_text() for x in axes["map"].get_legend().get_texts()]
    # eras of the dated pairs' first links, in era order: A-B 1944 wartime, F-G 1955 postwar,
    # D-E, A-C, C-D, G-J early Cold War, F-B and H-I after it, H-J recent; then the thick
    # "new" arcs since the previous frame (1944)
    assert labels == [
        "Second World War",
        "Post-war reconstruction",
        "Early Cold War",
        "After the Cold War",
        "Since 2008",
        "thick: new since 1945",
    ]
    assert axes["growth"].get_ylabel() == "links"
    assert axes["new"].get_xlabel() == "year"


def test_draw_frame_new_arcs_since_previous_frame(state):
    _fig, axes = replay.draw_frame(state, 1960)
    from matplotlib.collections import LineCollection

    # the arcs sit above the base map (zorder 2): links in force at 3, new ones at 4
    arcs = {c.get_zorder(): c for c in axes["map"].collections if isinstance(c, LineCollection)}
    old, new = arcs[3], arcs[4]
    # new since 1945: F-G 1955, D-E 1956, A-C 1959 (F-G crosses the date line: 2 pieces)
    assert len(new.get_paths()) == 4
    # old: A-B only
    assert len(old.get_paths()) == 1


def test_draw_frame_first_frame_and_indonesian(toy):
    s = replay.prepare(toy, years=[1944, 2022], lang="id", progress=False)
    _fig, axes = replay.draw_frame(s, 1944)
    assert axes["map"].get_title() == "1944: 2 tautan berlaku antara 2 kota di 2 negara"
    assert axes["note"].texts[0].get_text() == "1944: solidaritas masa perang"
    assert axes["map"].get_legend().get_texts()[-1].get_text() == "tebal: baru pada 1944"
    assert axes["new"].get_xlabel() == "tahun"


def test_draw_frame_no_note(toy):
    s = replay.prepare(toy, years=[1990], notes=replay.NOTES.head(0), progress=False)
    _fig, axes = replay.draw_frame(s, 1990)
    assert axes["note"].texts[0].get_text() == ""


def test_draw_frame_errors(state):
    with pytest.raises(ValueError, match="year 1950 is not a frame of this replay"):
        replay.draw_frame(state, 1950)
    with pytest.raises(TypeError, match="expected the ReplayState"):
        replay.draw_frame(pn.datasets.load("toy"), 1960)
    with pytest.raises(ValueError, match="year must be an int year"):
        replay.draw_frame(state, "1960")


# ---------------------------------------------------------------------------------------------
# slider


def test_slider_moves_the_frame(state):
    box = replay.slider(state)
    play, year = box.children[0].children
    assert (year.min, year.max, year.value) == (1944, 2022, 1944)
    assert play.max == 2022
    image = box.children[1]
    png_1944 = bytes(image.value)
    assert png_1944[:8] == b"\x89PNG\r\n\x1a\n"
    year.value = 1995  # not a frame: the latest frame before it (1990) is shown
    assert box.canvas.axes["map"].get_title().startswith("1990: 8 links")
    assert bytes(image.value)[:4] == b"\x89PNG" and bytes(image.value) != png_1944
    year.value = 2022
    assert box.canvas.axes["map"].get_title().startswith("2022: 10 links")


def test_slider_start_and_errors(state):
    box = replay.slider(state, start=1990)
    assert box.children[0].children[1].value == 1990
    with pytest.raises(ValueError, match="start 1991 is not a frame"):
        replay.slider(state, start=1991)
    with pytest.raises(TypeError, match="expected the ReplayState"):
        replay.slider("state")
    with pytest.raises(ValueError, match="dpi must be an int >= 10"):
        replay.slider(state, dpi=0)


# ---------------------------------------------------------------------------------------------
# export


def test_to_gif_frames(state, tmp_path):
    from PIL import Image

    path = replay.to_gif(
        state, tmp_path / "sub" / "replay.gif", dpi=30, hold_last=0, progress=False
    )
    assert path == tmp_path / "sub" / "replay.gif"
    with Image.open(path) as gif:
        assert gif.n_frames == 4
        assert gif.info["duration"] == 500  # 2 frames per second
        assert gif.size == (330, 156)  # 11 x 5.2 inches at 30 dpi


def test_to_gif_part_of_the_years(state, tmp_path):
    from PIL import Image

    path = replay.to_gif(
        state, tmp_path / "part.gif", years=[1960, 1990], fps=4, dpi=20, hold_last=0, progress=False
    )
    with Image.open(path) as gif:
        assert gif.n_frames == 2
        assert gif.info["duration"] == 250


def test_to_gif_errors(state, tmp_path):
    with pytest.raises(ValueError, match=r"should end in \.gif"):
        replay.to_gif(state, tmp_path / "replay.png")
    with pytest.raises(ValueError, match=r"1 are not: \[1950\]"):
        replay.to_gif(state, tmp_path / "r.gif", years=[1944, 1950])
    with pytest.raises(ValueError, match="fps must be a number"):
        replay.to_gif(state, tmp_path / "r.gif", fps=0)
    with pytest.raises(ValueError, match="dpi must be an int >= 10"):
        replay.to_gif(state, tmp_path / "r.gif", dpi=5)
    with pytest.raises(ValueError, match="hold_last must be an int >= 0"):
        replay.to_gif(state, tmp_path / "r.gif", hold_last=-1)
    with pytest.raises(ValueError, match="years is empty"):
        replay.to_gif(state, tmp_path / "r.gif", years=[])


def test_to_html_self_contained(state, tmp_path):
    path = replay.to_html(
        state, tmp_path / "replay.html", dpi=30, title="Twinning <demo>", progress=False
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("data:image/jpeg;base64") == 4
    assert "<title>Twinning &lt;demo&gt;</title>" in text
    # nothing is fetched from the network: no CDN icon font, buttons are text symbols
    assert "http://" not in text and "https://" not in text
    assert '<i class="fa' not in text and "\u25b6" in text
    assert "anim-buttons" in text


def test_to_html_png_and_default_title(toy, tmp_path):
    s = replay.prepare(toy, years=[1950, 2000], lang="id", progress=False)
    text = replay.to_html(
        s, tmp_path / "r.html", dpi=20, frame_format="png", progress=False
    ).read_text(encoding="utf-8")
    assert text.count("data:image/png;base64") == 2
    assert "<title>Kota kembar, tahun demi tahun: 1950-2000</title>" in text
    assert '<html lang="id">' in text


def test_to_html_errors(state, tmp_path):
    with pytest.raises(ValueError, match=r"should end in \.html"):
        replay.to_html(state, tmp_path / "r.htm")
    with pytest.raises(ValueError, match="frame_format='gif' is not one of"):
        replay.to_html(state, tmp_path / "r.html", frame_format="gif")


def test_era_colors_are_distinct():
    colors = [c for c in replay.ERA_COLORS.values()]
    assert len(set(colors)) == len(colors)
    assert set(replay.ERA_COLORS) == set(pn.temporal.ERAS["name"])
    assert np.all([c.startswith("#") and len(c) == 7 for c in colors])


# ---------------------------------------------------------------------------------------------
# lecture export (issue 15)


def test_era_colors_have_no_near_identical_pair():
    from matplotlib.colors import to_rgb

    rgb = np.array([to_rgb(c) for c in replay.ERA_COLORS.values()])
    d = np.sqrt(((rgb[:, None, :] - rgb[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    assert d.min() > 0.25
    assert replay.ERA_COLORS == pn.plot.ERA_COLORS


def test_titles_use_singular_for_one(toy):
    s = replay.prepare(toy, years=[1944, 1950], fast=False, progress=False)
    _fig, axes = replay.draw_frame(s, 1944)
    assert axes["map"].get_title() == "1944: 2 links in force between 2 cities in 2 countries"
    H = nx.MultiDiGraph(toy.subgraph(["A", "B"]))
    H.remove_edges_from([(u, v, k) for u, v, k in list(H.edges(keys=True))][1:])
    s = replay.prepare(H, years=[1944], fast=False, progress=False)
    _fig, axes = replay.draw_frame(s, 1944)
    assert axes["map"].get_title() == "1944: 1 link in force between 2 cities in 2 countries"


def test_frames_end_at_the_data_last_year(toy):
    s = replay.prepare(toy, start=1940, fast=True, progress=False)
    last = max(y for *_e, d in toy.edges(data=True)
               for y in (d.get("year"), d.get("end_year")) if y is not None)
    assert s.years[-1] == last
    assert {1950, 1963, 1973, 1989, 2022} <= set(replay.NOTES["year"])


def test_export_writes_lecture_size_and_skips_mp4_without_ffmpeg(toy, tmp_path, monkeypatch):
    from PIL import Image

    from paradiplo_net.replay import _export

    monkeypatch.setattr(_export, "ffmpeg_available", lambda: False)
    paths = replay.export(toy, tmp_path / "history.gif", fast=True, progress=False)
    assert paths["mp4"] is None
    assert paths["gif"] == tmp_path / "history.gif"
    with Image.open(paths["gif"]) as gif:
        assert gif.size == replay.LECTURE_SIZE == (1920, 1080)
    text = paths["html"].read_text(encoding="utf-8")
    assert "data:image/jpeg;base64" in text and "<script" in text and "font-awesome" not in text
    with pytest.raises(ValueError, match="formats: unknown"):
        replay.export(toy, tmp_path / "x", formats=["avi"])
    with pytest.raises(ValueError, match="width must be"):
        replay.export(toy, tmp_path / "x", width=10)


def test_player_embeds_frames_for_exported_notebooks(state):
    html = replay.player(state, dpi=20)
    assert html.data.count("data:image/jpeg;base64") == len(state.years)
    assert "<html" not in html.data


@pytest.mark.skipif(not replay.ffmpeg_available(), reason="ffmpeg is not installed")
def test_export_mp4_is_h264_at_lecture_size_with_one_frame_per_year(toy, tmp_path):
    """One frame per year, the last year held for three more frames (``hold_last=3``)."""
    import json
    import shutil
    import subprocess

    ffprobe = shutil.which("ffprobe")
    path = replay.to_mp4(replay.prepare(toy, start=1940, fast=True, progress=False),
                         tmp_path / "history.mp4", progress=False)
    assert path.suffix == ".mp4" and path.stat().st_size > 10_000
    if ffprobe is None:
        return
    probe = subprocess.run(
        [ffprobe, "-v", "error", "-count_frames", "-show_entries",
         "stream=codec_name,width,height,nb_read_frames", "-of", "json", str(path)],
        capture_output=True, text=True, check=True)
    stream = json.loads(probe.stdout)["streams"][0]
    years = replay.prepare(toy, start=1940, fast=True, progress=False).years
    assert stream["codec_name"] == "h264"
    assert (stream["width"], stream["height"]) == replay.LECTURE_SIZE
    assert int(stream["nb_read_frames"]) == len(years) + 3


def test_frames_name_their_data_and_what_kind_it_is():
    """A replay of ``core`` says on every frame that it shows curated landmark links."""
    G = pn.datasets.load("core")
    for lang, words in (("en", "curated landmark links"), ("id", "tonggak sejarah")):
        s = replay.prepare(G, years=[1963], lang=lang, fast=True, progress=False)
        fig, _axes = replay.draw_frame(s, 1963)
        footer = [x.get_text() for x in fig.texts if x.get_gid() == "data-footer"]
        plt.close(fig)
        assert len(footer) == 1 and words in footer[0] and "core" in footer[0]
