"""Replay the history of a twinning network year by year: slider, frames, animation export.

A replay shows, for each year, the network *as it stood then* (the links formed by that year
and not yet ended, :func:`paradiplo_net.temporal.snapshots`) on the offline world map, the
growth curve beside it (:func:`paradiplo_net.temporal.growth`) with the year marked, and a
short note at the turning points of the history (:data:`NOTES`). It is the lecturer's demo
of ``notebooks/02-history-of-twinning.ipynb``.

This module only *renders*: which links are active in a year, how many links were formed
and ended, the era of a year, all come from :mod:`paradiplo_net.temporal` and
:mod:`paradiplo_net.model`; the map is :func:`paradiplo_net.plot.base_map`.

Workflow
    1. ``state = prepare(G)``: every number the frames need, computed once (a
       :class:`ReplayState`; cheap, about a second for the bundled data).
    2. ``fig, axes = draw_frame(state, 1956)``: one frame as a matplotlib figure.
    3. ``slider(state)``: an ipywidgets year slider for a running notebook.
    4. ``to_gif(state, "history.gif")`` / ``to_html(state, "history.html")``: a
       self-contained animation for slides, that plays without Python or a kernel.

Definitions
    Arcs
        One great-circle arc per unordered city pair (a reciprocal pair or a renewed
        agreement is one arc, as in :func:`paradiplo_net.plot.plot_world_map`), drawn while at
        least one of the pair's links is active. The arc is coloured by the era
        (:data:`paradiplo_net.temporal.ERAS`) of the pair's earliest dated link
        (:func:`paradiplo_net.model.collapse`, ``first_year``); arcs of pairs first formed
        since the previous frame are drawn thicker.
    Undated links
        Never placed in time: they appear in no frame and are counted
        (``ReplayState.excluded_undated``), as in :func:`paradiplo_net.temporal.snapshot`.
    Ended links
        Leave the map in their end year (the snapshot rule); the growth panel shows links in
        force (``active``) and links ever formed (``cumulative``).
    Fast mode
        With the environment variable ``PARADIPLO_FAST=1`` (used by the test suite) or
        ``fast=True``, :func:`replay_years` keeps at most :data:`FAST_FRAMES` evenly spaced
        years, so that notebooks that build and export a replay stay quick in tests.

References
----------
Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125
(snapshot representation of time-stamped links).

Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD)*. https://jfly.uni-koeln.de/color/
(the colour-blind-safe era palette).

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net import replay
>>> state = replay.prepare(pn.datasets.load("toy"), start=1940, end=2025, fast=False,
...                        progress=False)
>>> state.years[0], state.years[-1], len(state.years)
(1940, 2025, 86)
>>> state.counts.loc[1990, ["links", "pairs", "cities"]].tolist()
[8, 7, 8]
>>> fig, axes = replay.draw_frame(state, 1956)
>>> axes["map"].get_title()
'1956: 4 links in force between 6 cities in 6 countries'
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from .errors import OptionalDependencyError, format_problems
from .i18n import LANGS, t
from .model import check_graph, check_option, check_year, collapse

__all__ = [
    "ERA_COLORS",
    "FAST_ENV",
    "FAST_FRAMES",
    "NOTES",
    "ReplayState",
    "draw_frame",
    "fast_mode",
    "note_at",
    "prepare",
    "replay_years",
    "slider",
    "to_gif",
    "to_html",
]

logger = logging.getLogger(__name__)

#: Environment variable that switches every replay to a few frames (tests, quick previews).
FAST_ENV = "PARADIPLO_FAST"
#: Number of frames kept in fast mode.
FAST_FRAMES = 4

#: Colour of each era of :data:`paradiplo_net.temporal.ERAS` (Okabe-Ito, pale yellow left
#: out; eras of another table get these colours in order).
ERA_COLORS: dict[str, str] = {
    "before_1919": "#999999",
    "interwar": "#000000",
    "wartime": "#D55E00",
    "postwar": "#E69F00",
    "early_cold_war": "#0072B2",
    "late_cold_war": "#56B4E9",
    "post_cold_war": "#009E73",
    "recent": "#CC79A7",
}
_GREY = "#BBBBBB"

#: Short notes at the turning points of the history of twinning, in English and Indonesian.
#: A note is shown from its ``year`` until the next note, for at most ``hold`` years
#: (:func:`note_at`). Each is backed by links of the bundled ``core`` dataset (named in the
#: text) and by Zelinsky (1991).
NOTES: pd.DataFrame = pd.DataFrame(
    [
        (1920, "forerunners",
         "Forerunners",
         "Perintis",
         "After the First World War, Keighley (UK) 'adopts' the ruined French town of "
         "Poix-du-Nord: aid between towns, not yet twinning.",
         "Setelah Perang Dunia I, Keighley (Inggris) 'mengadopsi' kota Prancis Poix-du-Nord "
         "yang hancur: bantuan antarkota, belum kota kembar."),
        (1944, "wartime_solidarity",
         "1944: wartime solidarity",
         "1944: solidaritas masa perang",
         "Coventry and Stalingrad, two bombed cities, form the first formal twinning; "
         "Vancouver links with Odesa. Twinning starts as solidarity between peoples.",
         "Coventry dan Stalingrad, dua kota yang dibom, menjalin kota kembar resmi pertama; "
         "Vancouver bermitra dengan Odesa. Kota kembar lahir sebagai solidaritas antarbangsa."),
        (1950, "reconciliation",
         "1950s: reconciliation",
         "1950-an: rekonsiliasi",
         "Montbéliard and Ludwigsburg (1950) open the Franco-German twinnings: towns of former "
         "enemies make peace from below. British-German links follow.",
         "Montbéliard dan Ludwigsburg (1950) membuka kemitraan Prancis-Jerman: kota-kota bekas "
         "musuh berdamai dari bawah. Kemitraan Inggris-Jerman menyusul."),
        (1956, "people_to_people",
         "1956: People to People",
         "1956: People to People",
         "US President Eisenhower launches the People to People programme: American 'sister "
         "cities' spread. Rome and Paris twin exclusively.",
         "Presiden AS Eisenhower meluncurkan program People to People: 'sister city' Amerika "
         "menyebar. Roma dan Paris menjadi kota kembar secara eksklusif."),
        (1973, "detente",
         "1973: détente and Asia",
         "1973: détente dan Asia",
         "Kobe and Tianjin form China's first friendship-city link after the 1972 "
         "Japan-China normalisation; Seattle and Tashkent the first US-Soviet one.",
         "Kobe dan Tianjin menjalin kota persahabatan pertama Tiongkok setelah normalisasi "
         "Jepang-Tiongkok 1972; Seattle dan Tashkent yang pertama antara AS dan Uni Soviet."),
        (1990, "after_the_wall",
         "1990: after the Berlin Wall",
         "1990: setelah Tembok Berlin",
         "The Cold War ends: links across the former Iron Curtain multiply (Exeter-Yaroslavl "
         "1990, Düsseldorf-Moscow 1992), and Asian cities keep twinning.",
         "Perang Dingin berakhir: tautan melintasi bekas Tirai Besi bertambah "
         "(Exeter-Yaroslavl 1990, Düsseldorf-Moskwa 1992), dan kota-kota Asia terus bermitra."),
        (2022, "suspensions",
         "2022: suspensions",
         "2022: penangguhan",
         "After Russia's invasion of Ukraine, many cities suspend or end their links with "
         "Russian cities, Coventry-Volgograd among them: the network shrinks for the first time.",
         "Setelah invasi Rusia ke Ukraina, banyak kota menangguhkan atau mengakhiri kemitraan "
         "dengan kota Rusia, termasuk Coventry-Volgograd: jaringan menyusut untuk pertama kali."),
    ],
    columns=["year", "name", "title_en", "title_id", "text_en", "text_id"],
).astype({"year": "int64"})




# --------------------------------------------------------------------------------------------
# years and notes
# --------------------------------------------------------------------------------------------

def fast_mode(fast: bool | None = None) -> bool:
    """Whether replays run with few frames: ``fast`` if given, else ``$PARADIPLO_FAST == "1"``.

    Examples
    --------
    >>> fast_mode(True), fast_mode(False)
    (True, False)
    """
    if fast is None:
        return os.environ.get(FAST_ENV, "") == "1"
    if not isinstance(fast, bool):
        raise ValueError(f"fast must be True, False or None (read ${FAST_ENV}), got {fast!r}")
    return fast


def replay_years(
    start: int = 1920,
    end: int | None = None,
    *,
    step: int = 1,
    fast: bool | None = None,
    keep: Iterable[int] = (),
) -> list[int]:
    """The years shown by a replay: ``start`` to ``end`` (inclusive) every ``step`` years.

    ``end`` itself is always included, even when ``step`` does not land on it, and so is
    every year of ``keep`` inside ``[start, end]``. In fast mode (:func:`fast_mode`) only
    :data:`FAST_FRAMES` evenly spaced years (the first and the last among them) and the
    ``keep`` years remain.

    Parameters
    ----------
    start : int, default 1920
    end : int, optional
        Default: the current year.
    step : int, default 1
    fast : bool, optional
        None: read ``$PARADIPLO_FAST``.
    keep : iterable of int, optional
        Years always shown (e.g. the years of :data:`NOTES`).

    Returns
    -------
    list of int

    Raises
    ------
    ValueError
        Non-integer years, ``start > end`` or ``step < 1``.

    Examples
    --------
    >>> replay_years(1950, 1960, step=4, fast=False)
    [1950, 1954, 1958, 1960]
    >>> replay_years(1920, 2025, fast=True)
    [1920, 1955, 1990, 2025]
    >>> replay_years(1920, 2025, fast=True, keep=[1944, 2022, 2030])
    [1920, 1944, 1955, 1990, 2022, 2025]
    """
    start = check_year("start", start)
    end = check_year("end", end, optional=True)
    if end is None:
        end = pd.Timestamp.now().year
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 1:
        raise ValueError(f"step must be an int >= 1, got {step!r}")
    if start > end:
        raise ValueError(f"start {start} is after end {end}; give start <= end (both inclusive)")
    years = list(range(start, end + 1, int(step)))
    if years[-1] != end:
        years.append(end)
    if fast_mode(fast) and len(years) > FAST_FRAMES:
        idx = np.linspace(0, len(years) - 1, FAST_FRAMES).round().astype(int)
        years = [years[i] for i in sorted(set(idx))]
    extra = {int(check_year("keep item", y)) for y in keep}  # type: ignore[arg-type]
    return sorted(set(years) | {y for y in extra if start <= y <= end})


def _check_notes(notes: Any) -> pd.DataFrame:
    cols = ("year", "title_en", "title_id", "text_en", "text_id")
    if not isinstance(notes, pd.DataFrame):
        raise ValueError(f"notes must be a DataFrame with columns {list(cols)} like NOTES, "
                         f"got {type(notes).__name__}")
    missing = [c for c in cols if c not in notes.columns]
    if missing:
        raise ValueError(format_problems(
            "notes table", [f"missing column {c!r}" for c in missing],
            fix=f"give columns {list(cols)} (see paradiplo_net.replay.NOTES)"))
    return notes.sort_values("year", kind="stable", ignore_index=True)


def note_at(
    year: int,
    *,
    notes: pd.DataFrame = NOTES,
    hold: int = 10,
    lang: str = "en",
) -> tuple[str, str] | None:
    """The note shown in ``year``: the latest note at or before it, held at most ``hold`` years.

    A note stays on screen from its year until the next note's year, but never for more than
    ``hold`` years (so long quiet stretches show no stale note).

    Parameters
    ----------
    year : int
    notes : DataFrame, default :data:`NOTES`
        Columns ``year``, ``title_en``, ``title_id``, ``text_en``, ``text_id``.
    hold : int, default 10
    lang : {"en", "id"}

    Returns
    -------
    (title, text) or None

    Examples
    --------
    >>> note_at(1957)[0]
    '1956: People to People'
    >>> note_at(1943) is None  # more than 10 years after the 1920 note
    True
    >>> note_at(2023, lang="id")[0]
    '2022: penangguhan'
    """
    year = check_year("year", year)
    check_option("lang", lang, LANGS)
    table = _check_notes(notes)
    before = table[table["year"] <= year]
    if not len(before):
        return None
    row = before.iloc[-1]
    if year - int(row["year"]) >= hold:
        return None
    return str(row[f"title_{lang}"]), str(row[f"text_{lang}"])


# --------------------------------------------------------------------------------------------
# state
# --------------------------------------------------------------------------------------------

@dataclass
class ReplayState:
    """Everything the frames of a replay need, computed once by :func:`prepare`.

    Attributes
    ----------
    years : list of int
        The frames, ascending.
    lang : str
        ``"en"`` or ``"id"``.
    pairs : pandas.DataFrame
        One row per unordered city pair: ``source``, ``target``, ``first_year`` (earliest
        dated link; <NA> if none), ``era`` (of ``first_year``), ``color``.
    active : dict of int -> numpy.ndarray
        Year -> row positions in ``pairs`` with at least one link in force that year.
    counts : pandas.DataFrame
        Indexed by year: ``links`` (statements in force), ``pairs``, ``cities``,
        ``countries``, ``ended`` (statements formed by then but ended).
    growth : pandas.DataFrame
        :func:`paradiplo_net.temporal.growth` of the whole graph (yearly).
    eras : pandas.DataFrame
        The era table used for colours and labels.
    notes : pandas.DataFrame
    hold : int
    dataset : str or None
    excluded_undated : int
        Links without a year (in no frame).
    no_coordinates : int
        Pairs with an end without coordinates (never drawn).
    coords : dict
        City id -> (lat, lon) of the cities with coordinates.
    """

    years: list[int]
    lang: str
    pairs: pd.DataFrame
    active: dict[int, np.ndarray]
    counts: pd.DataFrame
    growth: pd.DataFrame
    eras: pd.DataFrame
    notes: pd.DataFrame
    hold: int
    dataset: str | None
    excluded_undated: int
    no_coordinates: int
    coords: dict[Any, tuple[float, float]] = field(repr=False, default_factory=dict)

    def __repr__(self) -> str:
        span = f"{self.years[0]}-{self.years[-1]}" if self.years else "no years"
        return (f"ReplayState(dataset={self.dataset!r}, {len(self.years)} frames {span}, "
                f"{len(self.pairs)} city pairs, lang={self.lang!r}, "
                f"undated links excluded={self.excluded_undated})")


def prepare(
    G: nx.MultiDiGraph,
    *,
    start: int = 1920,
    end: int | None = None,
    step: int = 1,
    years: Iterable[int] | None = None,
    lang: str = "en",
    notes: pd.DataFrame = NOTES,
    hold: int = 10,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] | None = None,
    fast: bool | None = None,
    progress: bool = True,
) -> ReplayState:
    """Compute, once, what every frame of a replay of ``G`` shows.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph with ``lat`` / ``lon`` on the cities; not modified.
    start, end, step, fast
        The frames, as in :func:`replay_years` (``end`` defaults to the current year); the
        years of ``notes`` are always frames, so every note can be shown.
    years : iterable of int, optional
        Explicit frames instead (sorted, duplicates dropped; ``fast`` still applies).
    lang : {"en", "id"}
    notes : DataFrame, default :data:`NOTES`
    hold : int, default 10
        Years a note stays on screen at most (:func:`note_at`).
    eras : DataFrame or sequence of (name, start, end), optional
        Colours of the arcs; default :data:`paradiplo_net.temporal.ERAS`.
    progress : bool, default True
        tqdm bar over the yearly snapshots.

    Returns
    -------
    ReplayState

    Raises
    ------
    GraphContractError
        ``G`` is not a MultiDiGraph.
    ValueError
        Bad years, ``lang``, ``hold`` or ``notes``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = prepare(pn.datasets.load("toy"), years=[1944, 2022], fast=False, progress=False)
    >>> s.counts
          links  pairs  cities  countries  ended
    year
    1944      2      1       2          2      0
    2022     10      8      10          9      1
    >>> s.excluded_undated
    1
    """
    from .temporal import ERAS, era_of, growth, snapshots

    check_graph(G)
    check_option("lang", lang, LANGS)
    if isinstance(hold, bool) or not isinstance(hold, (int, np.integer)) or hold < 1:
        raise ValueError(f"hold must be an int >= 1 (years a note stays), got {hold!r}")
    notes = _check_notes(notes)
    if years is None:
        frames = replay_years(start, end, step=step, fast=fast, keep=notes["year"].tolist())
    else:
        frames = sorted({int(check_year("years item", y)) for y in years})  # type: ignore[arg-type]
        if not frames:
            raise ValueError("years is empty; give at least one year (or use start/end)")
        if fast_mode(fast) and len(frames) > FAST_FRAMES:
            idx = np.linspace(0, len(frames) - 1, FAST_FRAMES).round().astype(int)
            frames = [frames[i] for i in sorted(set(idx))]
    era_table = _era_table(ERAS if eras is None else eras)

    # one row per unordered pair, with the earliest dated link (model.collapse)
    U = collapse(G, to="undirected")
    rows = [(u, v, d.get("first_year")) for u, v, d in U.edges(data=True)]
    pairs = pd.DataFrame(rows, columns=["source", "target", "first_year"])
    pairs["first_year"] = pd.array(pairs["first_year"].tolist(), dtype="Int64")
    pairs["era"] = (era_of(pairs["first_year"], era_table) if len(pairs)
                    else pd.Series(dtype="object"))
    palette = _era_palette(era_table)
    pairs["color"] = [palette.get(e, _GREY) if isinstance(e, str) else _GREY for e in pairs["era"]]
    position = {}
    for i, (u, v) in enumerate(zip(pairs["source"], pairs["target"], strict=True)):
        position[(u, v)] = i
        position[(v, u)] = i

    coords = {}
    for n, d in G.nodes(data=True):
        lat, lon = d.get("lat"), d.get("lon")
        if lat is not None and lon is not None and not (pd.isna(lat) or pd.isna(lon)):
            coords[n] = (float(lat), float(lon))
    no_xy = int(sum(1 for u, v in zip(pairs["source"], pairs["target"], strict=True)
                    if u not in coords or v not in coords))
    if no_xy:
        logger.warning("replay: %d of %d city pairs have an end without coordinates and are "
                       "not drawn", no_xy, len(pairs))

    active: dict[int, np.ndarray] = {}
    count_rows = []
    undated = 0
    for y, H in snapshots(G, frames, progress=progress):
        idx = sorted({position[(u, v)] for u, v in H.edges()})
        active[y] = np.array(idx, dtype=int)
        countries = {d.get("country") for _, d in H.nodes(data=True) if d.get("country")}
        count_rows.append((y, H.number_of_edges(), len(idx), H.number_of_nodes(),
                           len(countries), int(H.graph["excluded_ended"])))
        undated = int(H.graph["excluded_undated"])
    if not frames or not count_rows:  # pragma: no cover - frames is never empty here
        undated = sum(1 for *_, d in G.edges(data=True) if d.get("year") is None)
    counts = pd.DataFrame(count_rows, columns=["year", "links", "pairs", "cities", "countries",
                                               "ended"]).set_index("year")
    table = growth(G)
    logger.info("replay of %s: %d frames %s-%s, %d city pairs, %d undated links excluded",
                G.graph.get("dataset"), len(frames), frames[0], frames[-1], len(pairs), undated)
    return ReplayState(
        years=frames, lang=lang, pairs=pairs, active=active, counts=counts, growth=table,
        eras=era_table, notes=notes, hold=int(hold), dataset=G.graph.get("dataset"),
        excluded_undated=undated, no_coordinates=no_xy, coords=coords,
    )


def _era_table(eras: Any) -> pd.DataFrame:
    if isinstance(eras, pd.DataFrame):
        missing = [c for c in ("name", "start", "end") if c not in eras.columns]
        if missing:
            raise ValueError(format_problems(
                "eras table", [f"missing column {c!r}" for c in missing],
                fix="give columns name, start, end (see paradiplo_net.temporal.ERAS)"))
        return eras.reset_index(drop=True)
    try:
        return pd.DataFrame([tuple(e) for e in eras], columns=["name", "start", "end"])
    except (TypeError, ValueError) as exc:
        raise ValueError("eras must be a DataFrame like paradiplo_net.temporal.ERAS or a "
                         f"sequence of (name, start, end) tuples, got {eras!r}") from exc


def _era_palette(eras: pd.DataFrame) -> dict[str, str]:
    fallback = [c for c in ERA_COLORS.values() if c != "#999999"]
    palette = {}
    for i, name in enumerate(eras["name"]):
        palette[name] = ERA_COLORS.get(name, fallback[i % len(fallback)])
    return palette


def _era_label(row: Any, lang: str) -> str:
    value = row.get(f"label_{lang}") if hasattr(row, "get") else None
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return str(row["name"]).replace("_", " ")
    return str(value)


# --------------------------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------------------------

_RC = {
    "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 8, "xtick.labelsize": 7,
    "ytick.labelsize": 7, "legend.fontsize": 7, "axes.spines.top": False,
    "axes.spines.right": False,
}


class _Canvas:
    """One figure whose artists are updated from frame to frame (no redraw of the map)."""

    def __init__(self, state: ReplayState, figsize: tuple[float, float]) -> None:
        from .plot import style

        with style(_RC):
            self._build(state, figsize)

    def _build(self, state: ReplayState, figsize: tuple[float, float]) -> None:
        from .geo import great_circle_points
        from .plot import OKABE_ITO, base_map, clip_to_map

        self.state = state
        lang = state.lang
        fig = plt.figure(figsize=figsize, layout="constrained")
        grid = fig.add_gridspec(3, 2, width_ratios=[2.3, 1], height_ratios=[1, 1, 0.34])
        ax_map = fig.add_subplot(grid[0:2, 0])
        ax_cum = fig.add_subplot(grid[0, 1])
        ax_new = fig.add_subplot(grid[1, 1], sharex=ax_cum)
        ax_note = fig.add_subplot(grid[2, :])
        ax_note.set_axis_off()
        _, _, m = base_map(ax_map)
        self.fig, self.m = fig, m
        self._laid_out = False
        self.axes = {"map": ax_map, "growth": ax_cum, "new": ax_new, "note": ax_note}

        # projected arc segments of every pair, once
        segs: list[list[np.ndarray]] = []
        for u, v in zip(state.pairs["source"], state.pairs["target"], strict=True):
            if u not in state.coords or v not in state.coords:
                segs.append([])
                continue
            (la1, lo1), (la2, lo2) = state.coords[u], state.coords[v]
            try:
                pts = great_circle_points(la1, lo1, la2, lo2, n=24)
            except ValueError:
                segs.append([])
                continue
            cuts = np.where(np.abs(np.diff(pts[:, 1])) > 180)[0] + 1
            parts = []
            for la, lo in zip(np.split(pts[:, 0], cuts), np.split(pts[:, 1], cuts), strict=True):
                if len(la) >= 2:
                    x, y = m(lo, la)
                    parts.append(np.column_stack([x, y]))
            segs.append(parts)
        self.segs = segs
        self.colors = list(state.pairs["color"])
        self.city_xy = {n: m(lon, lat) for n, (lat, lon) in state.coords.items()}

        n_pairs = max(len(state.pairs), 1)
        self.lw = float(np.clip(4 / math.sqrt(math.sqrt(n_pairs)), 0.35, 1.5))
        self.alpha = float(np.clip(30 / math.sqrt(n_pairs), 0.3, 0.9))
        self.old = LineCollection([], linewidths=self.lw, alpha=self.alpha, zorder=3)
        self.new = LineCollection([], linewidths=self.lw * 2.6, alpha=0.95, zorder=4)
        ax_map.add_collection(self.old)
        ax_map.add_collection(self.new)
        self.dots = ax_map.scatter([], [], s=3, c="#222222", linewidths=0, zorder=5)
        # clip to the map's outline (the Robinson limb drawn by base_map), so no arc pokes out
        clip_to_map(ax_map, self.old, self.new, self.dots)

        # legend: the eras that occur among the replayed pairs, in era order
        present = set(state.pairs["era"].dropna())
        palette = _era_palette(state.eras)
        handles = [Line2D([], [], color=palette[r["name"]], lw=2, label=_era_label(r, lang))
                   for _, r in state.eras.iterrows() if r["name"] in present]
        self.new_handle = Line2D([], [], color="#444444", lw=self.lw * 2.6, label="")
        handles.append(self.new_handle)
        ax_map.legend(handles=handles, title=t("replay.era_of_first", lang=lang), loc="upper center",
                      bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False, fontsize=7,
                      title_fontsize=7)
        if state.excluded_undated:
            ax_map.text(0.0, 0.0, t("replay.undated_note", lang=lang, n=state.excluded_undated),
                        transform=ax_map.transAxes, fontsize=6, color="#666666", va="bottom")

        # growth panels: the whole curve in grey, the part up to the year in colour
        g = state.growth
        gy = g["year"].to_numpy(dtype=float) if len(g) else np.array([], dtype=float)
        self.gy = gy
        self.g_active = g["active"].to_numpy(dtype=float) if len(g) else gy
        self.g_cum = g["cumulative"].to_numpy(dtype=float) if len(g) else gy
        g_new = g["new"].to_numpy(dtype=float) if len(g) else gy
        ax_cum.plot(gy, self.g_cum, color="#DDDDDD", lw=1.2, zorder=1)
        ax_cum.plot(gy, self.g_active, color="#DDDDDD", lw=1.2, zorder=1)
        (self.cum_line,) = ax_cum.plot([], [], color=OKABE_ITO[1], lw=1.2, ls="--",
                                       label=t("replay.ever_formed", lang=lang), zorder=2)
        (self.act_line,) = ax_cum.plot([], [], color=OKABE_ITO[0], lw=1.8,
                                       label=t("replay.in_force", lang=lang), zorder=3)
        (self.act_dot,) = ax_cum.plot([], [], "o", color=OKABE_ITO[0], ms=4, zorder=4)
        ax_cum.legend(loc="upper left", frameon=False)
        ax_cum.set_ylabel(t("word.links", lang=lang))
        ax_cum.set_title(t("replay.growth_title", lang=lang))
        self.bars = ax_new.bar(gy, g_new, width=0.9, color="#DDDDDD", linewidth=0)
        ax_new.set_ylabel(t("word.new_links", lang=lang))
        ax_new.set_xlabel(t("word.year", lang=lang))
        x_lo = min([*state.years[:1], *gy[:1]]) - 1 if (state.years or len(gy)) else 1920
        x_hi = max([*state.years[-1:], *gy[-1:]]) + 1 if (state.years or len(gy)) else 2025
        ax_cum.set_xlim(x_lo, x_hi)
        top = max(self.g_cum.max() if len(gy) else 1.0, 1.0)
        ax_cum.set_ylim(0, top * 1.08)
        self.year_lines = [ax.axvline(x_lo, color="#555555", lw=0.8, zorder=0)
                           for ax in (ax_cum, ax_new)]
        self.note_title = ax_note.text(0.01, 0.92, "", fontsize=10, fontweight="bold",
                                       va="top", ha="left", transform=ax_note.transAxes)
        self.note_text = ax_note.text(0.01, 0.48, "", fontsize=8.5, va="top", ha="left",
                                      transform=ax_note.transAxes, wrap=True)

    def update(self, year: int) -> list[Any]:
        state, lang = self.state, self.state.lang
        if year not in state.active:
            raise ValueError(
                f"year {year} is not a frame of this replay; frames run "
                f"{state.years[0]}-{state.years[-1]} ({len(state.years)} years): "
                f"{state.years[:5]}{' ...' if len(state.years) > 5 else ''}. "
                "Prepare the replay with that year (prepare(G, years=[...]))")
        pos = state.years.index(year)
        prev = state.years[pos - 1] if pos > 0 else year - 1
        first = state.pairs["first_year"]
        idx = state.active[year]
        new_mask = np.zeros(len(state.pairs), dtype=bool)
        if len(state.pairs):
            fy = first.astype("float64").to_numpy()
            new_mask = (fy > prev) & (fy <= year)
        old_segs, old_cols, new_segs, new_cols = [], [], [], []
        for i in idx:
            target = (new_segs, new_cols) if new_mask[i] else (old_segs, old_cols)
            for s in self.segs[i]:
                target[0].append(s)
                target[1].append(self.colors[i])
        self.old.set_segments(old_segs)
        self.old.set_color(old_cols)
        self.new.set_segments(new_segs)
        self.new.set_color(new_cols)
        cities = set()
        for i in idx:
            cities.add(state.pairs["source"].iat[i])
            cities.add(state.pairs["target"].iat[i])
        xy = [self.city_xy[c] for c in cities if c in self.city_xy]
        self.dots.set_offsets(np.array(xy, dtype=float).reshape(-1, 2))
        self.new_handle.set_label(t("replay.new_in", lang=lang, year=year) if prev == year - 1
                                  else t("replay.new_since", lang=lang, start=prev + 1))
        leg = self.axes["map"].get_legend()
        if leg is not None:
            leg.get_texts()[-1].set_text(self.new_handle.get_label())
        row = state.counts.loc[year]
        self.axes["map"].set_title(t("replay.title", lang=lang, year=year, links=int(row["links"]),
                                      cities=int(row["cities"]),
                                      countries=int(row["countries"])), fontsize=10)
        upto = self.gy <= year
        self.act_line.set_data(self.gy[upto], self.g_active[upto])
        self.cum_line.set_data(self.gy[upto], self.g_cum[upto])
        if upto.any():
            self.act_dot.set_data([self.gy[upto][-1]], [self.g_active[upto][-1]])
        else:
            self.act_dot.set_data([], [])
        from .plot import OKABE_ITO

        for bar, y in zip(self.bars, self.gy, strict=True):
            if y > year:
                bar.set_color("#DDDDDD")
            elif y > prev:
                bar.set_color(OKABE_ITO[3])
            else:
                bar.set_color(OKABE_ITO[0])
        for line in self.year_lines:
            line.set_xdata([year, year])
        note = note_at(year, notes=state.notes, hold=state.hold, lang=lang)
        self.note_title.set_text(note[0] if note else "")
        self.note_text.set_text(note[1] if note else "")
        if not self._laid_out:
            # constrained layout once, on the first frame; later frames keep the positions
            # (moving panels would make the animation jitter, and layout is the slow part)
            self.fig.canvas.draw()
            self.fig.set_layout_engine("none")
            self._laid_out = True
        return [self.old, self.new, self.dots, self.act_line, self.cum_line, self.act_dot,
                *self.bars, *self.year_lines, self.note_title, self.note_text]


def _check_state(state: Any) -> ReplayState:
    if not isinstance(state, ReplayState):
        raise TypeError("expected the ReplayState returned by prepare(G), "
                        f"got {type(state).__name__}")
    return state


def draw_frame(
    state: ReplayState,
    year: int,
    *,
    figsize: tuple[float, float] = (11, 5.2),
) -> tuple[Any, dict[str, Any]]:
    """Draw the frame of one year: map, growth curve, new links per year and the note.

    Parameters
    ----------
    state : ReplayState
        From :func:`prepare`.
    year : int
        One of ``state.years``.
    figsize : (float, float), default (11, 5.2)

    Returns
    -------
    fig : matplotlib Figure
    axes : dict
        ``"map"``, ``"growth"`` (links in force and ever formed), ``"new"`` (new links per
        year, this frame's in vermillion, earlier ones in blue) and ``"note"``.

    Raises
    ------
    ValueError
        ``year`` is not a frame of ``state``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = prepare(pn.datasets.load("toy"), years=[1950, 2022], lang="id", progress=False)
    >>> fig, axes = draw_frame(s, 2022)
    >>> axes["map"].get_title()
    '2022: 10 tautan berlaku antara 10 kota di 9 negara'
    >>> axes["note"].texts[0].get_text()
    '2022: penangguhan'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_state(state)
    year = check_year("year", year)  # type: ignore[assignment]
    if year not in state.active:
        raise ValueError(
            f"year {year} is not a frame of this replay (frames: {state.years[0]}-"
            f"{state.years[-1]}, {len(state.years)} years); prepare(G, years=[...]) with it")
    canvas = _Canvas(state, figsize)
    canvas.update(year)
    return canvas.fig, canvas.axes


# --------------------------------------------------------------------------------------------
# interactive slider
# --------------------------------------------------------------------------------------------

def slider(
    state: ReplayState,
    *,
    figsize: tuple[float, float] = (11, 5.2),
    dpi: int = 90,
    start: int | None = None,
) -> Any:
    """An ipywidgets year slider (with a play button) that redraws the frame in a notebook.

    The map is drawn once; moving the slider only updates the arcs, the curves and the
    note, and sends the new frame to an ``ipywidgets.Image`` (a PNG), so it follows the
    slider smoothly (about 0.3 s a frame) and needs no output capture. Needs ``ipywidgets``
    (the ``interactive`` extra: ``pip install paradiplo_net[interactive]``).

    Parameters
    ----------
    state : ReplayState
    figsize : (float, float)
    dpi : int, default 90
        Resolution of the frame image (90 dpi x 11 inches = 990 pixels wide).
    start : int, optional
        Year shown first (default: the first frame).

    Returns
    -------
    ipywidgets.VBox
        A play button and slider above the frame. Display it as the last line of a cell.
        ``box.children[0].children[1]`` is the slider (set its ``value`` to move),
        ``box.children[1]`` the image.

    Raises
    ------
    OptionalDependencyError
        ipywidgets is not installed.
    ValueError
        ``start`` is not a frame; bad ``dpi``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = prepare(pn.datasets.load("toy"), years=[1950, 1960, 1970], progress=False)
    >>> box = slider(s)
    >>> play, year = box.children[0].children
    >>> year.min, year.max, year.value
    (1950, 1970, 1950)
    >>> year.value = 1960  # redraws the frame of 1960
    >>> bytes(box.children[1].value[:4])  # the frame, as a PNG image
    b'\\x89PNG'
    """
    _check_state(state)
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover - ipywidgets is a test dependency
        raise OptionalDependencyError(
            "the year slider needs ipywidgets: pip install 'paradiplo_net[interactive]' "
            "(or export the replay with to_gif / to_html, which need no widgets)") from exc
    if isinstance(dpi, bool) or not isinstance(dpi, (int, np.integer)) or dpi < 10:
        raise ValueError(f"dpi must be an int >= 10, got {dpi!r}")
    years = state.years
    first = years[0] if start is None else check_year("start", start)
    if first not in state.active:
        raise ValueError(f"start {first} is not a frame of this replay "
                         f"(frames {years[0]}-{years[-1]})")
    canvas = _Canvas(state, figsize)
    plt.close(canvas.fig)  # shown through the Image widget only, never by the backend
    steps = sorted({b - a for a, b in itertools.pairwise(years)}) or [1]
    year_slider = widgets.IntSlider(
        value=first, min=years[0], max=years[-1], step=steps[0] if len(steps) == 1 else 1,
        description=t("replay.slider", lang=state.lang), continuous_update=False,
        layout=widgets.Layout(width="70%"))
    play = widgets.Play(value=first, min=years[0], max=years[-1], step=year_slider.step,
                        interval=700)
    widgets.jslink((play, "value"), (year_slider, "value"))
    image = widgets.Image(format="png", layout=widgets.Layout(
        width="100%", max_width=f"{round(figsize[0] * dpi)}px"))

    def show(year: int) -> None:
        # the latest frame at or before the slider value (frames need not be every year)
        frame = max([y for y in years if y <= year] or [years[0]])
        canvas.update(frame)
        buffer = io.BytesIO()
        canvas.fig.savefig(buffer, format="png", dpi=dpi)
        image.value = buffer.getvalue()

    year_slider.observe(lambda change: show(change["new"]), names="value")
    show(first)
    box = widgets.VBox([widgets.HBox([play, year_slider]), image])
    box.canvas = canvas  # type: ignore[attr-defined]  # kept alive with the widget
    return box


# --------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------

def _gif_writer(fps: float) -> Any:
    """matplotlib's PillowWriter with one shared palette that keeps the replay's colours.

    Pillow reduces each RGB frame to 256 colours on its own; colours that cover few pixels
    (a legend swatch, a few new arcs) can then be merged into a neighbouring grey. Here every
    frame is mapped onto one palette: the replay's own colours first, the rest taken from the
    last (fullest) frame, without dithering.
    """
    from matplotlib.animation import PillowWriter
    from matplotlib.colors import to_rgb
    from PIL import Image

    from .plot import OKABE_ITO, PHASE_COLORS

    fixed = list(dict.fromkeys([*ERA_COLORS.values(), *OKABE_ITO, *PHASE_COLORS.values(),
                                _GREY, "#DDDDDD", "#EFEFEF", "#9A9A9A", "#555555", "#222222",
                                "#444444", "#888888", "#FFFFFF"]))

    class _SharedPaletteWriter(PillowWriter):
        def finish(self) -> None:
            frames = [im.convert("RGB") for im in self._frames]
            rest = frames[-1].quantize(colors=256 - len(fixed), dither=Image.Dither.NONE)
            palette = [round(255 * c) for h in fixed for c in to_rgb(h)]
            palette += rest.getpalette()[: 3 * (256 - len(fixed))]
            ref = Image.new("P", (1, 1))
            ref.putpalette(palette)
            out = [f.quantize(palette=ref, dither=Image.Dither.NONE) for f in frames]
            out[0].save(self.outfile, save_all=True, append_images=out[1:],
                        duration=int(1000 / self.fps), loop=0)

    return _SharedPaletteWriter(fps=fps)


def _frames(state: ReplayState, years: Sequence[int] | None, fps: float) -> list[int]:
    frames = list(state.years if years is None else years)
    bad = [y for y in frames if y not in state.active]
    if not frames:
        raise ValueError("years is empty; give at least one frame of the replay")
    if bad:
        raise ValueError(
            f"years must be frames of this replay ({state.years[0]}-{state.years[-1]}, "
            f"{len(state.years)} years); {len(bad)} are not: {bad[:5]}. Prepare the replay "
            "with them: prepare(G, years=[...])")
    if not isinstance(fps, (int, float)) or isinstance(fps, bool) or fps <= 0:
        raise ValueError(f"fps must be a number of frames per second > 0, got {fps!r}")
    return frames


def _write(state: ReplayState, writer: Any, out: Path, frames: Sequence[int], dpi: int,
           figsize: tuple[float, float], progress: bool) -> None:
    """Draw each frame once into ``writer`` (one render per frame, no FuncAnimation)."""
    from tqdm.auto import tqdm

    if isinstance(dpi, bool) or not isinstance(dpi, (int, np.integer)) or dpi < 10:
        raise ValueError(f"dpi must be an int >= 10, got {dpi!r}")
    canvas = _Canvas(state, figsize)
    try:
        with writer.saving(canvas.fig, str(out), dpi):
            for year in tqdm(frames, desc="replay frames", unit="frame",
                             disable=None if progress else True):
                canvas.update(year)
                writer.grab_frame()
    finally:
        plt.close(canvas.fig)


def _out_path(path: str | Path, suffix: str) -> Path:
    out = Path(path)
    if out.suffix.lower() != suffix:
        raise ValueError(f"path {str(out)!r} should end in {suffix}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def to_gif(
    state: ReplayState,
    path: str | Path,
    *,
    years: Sequence[int] | None = None,
    fps: float = 2.0,
    dpi: int = 80,
    figsize: tuple[float, float] = (11, 5.2),
    hold_last: int = 3,
    progress: bool = True,
) -> Path:
    """Write the replay as an animated GIF (matplotlib's PillowWriter): plays anywhere.

    A GIF needs no kernel, browser script or Python: drop it into slides. All frames share
    one 256-colour palette that keeps the replay's colours exactly (era colours, legend).

    Parameters
    ----------
    state : ReplayState
    path : str or Path
        Must end in ``.gif``; its folder is created.
    years : sequence of int, optional
        Frames to write (default every frame of ``state``).
    fps : float, default 2
        Frames per second.
    dpi : int, default 80
        Resolution (80 dpi x 11 inches = 880 pixels wide).
    figsize : (float, float)
    hold_last : int, default 3
        The last frame is repeated this many extra times so the final year stays on screen.
    progress : bool, default True
        tqdm bar over the frames.

    Returns
    -------
    Path

    Examples
    --------
    >>> import paradiplo_net as pn, tempfile, pathlib
    >>> s = prepare(pn.datasets.load("toy"), years=[1950, 2022], progress=False)
    >>> p = to_gif(s, pathlib.Path(tempfile.mkdtemp()) / "toy.gif", dpi=30, hold_last=0)
    >>> from PIL import Image
    >>> with Image.open(p) as gif:
    ...     gif.n_frames
    2
    """
    _check_state(state)
    out = _out_path(path, ".gif")
    if isinstance(hold_last, bool) or not isinstance(hold_last, (int, np.integer)) or hold_last < 0:
        raise ValueError(f"hold_last must be an int >= 0, got {hold_last!r}")
    frames = _frames(state, years, fps)
    frames = frames + frames[-1:] * int(hold_last)
    _write(state, _gif_writer(fps), out, frames, dpi, figsize, progress)
    logger.info("replay GIF: %d frames written to %s", len(frames), out)
    return out


def to_html(
    state: ReplayState,
    path: str | Path,
    *,
    years: Sequence[int] | None = None,
    fps: float = 2.0,
    dpi: int = 80,
    figsize: tuple[float, float] = (11, 5.2),
    title: str | None = None,
    frame_format: str = "jpeg",
    progress: bool = True,
) -> Path:
    """Write the replay as one self-contained HTML page with play controls.

    The page is what matplotlib's ``Animation.to_jshtml`` makes (its ``HTMLWriter``, written
    to directly so each frame is drawn once): every frame is embedded (base64 JPEG or PNG)
    with a small script for the play / step / speed buttons, so it opens in any browser
    without Python or a kernel. It needs no network either: the icon font matplotlib links
    from a CDN is removed and the buttons are labelled with text symbols.

    Parameters
    ----------
    state : ReplayState
    path : str or Path
        Must end in ``.html``; its folder is created.
    years, fps, dpi, figsize
        As in :func:`to_gif`.
    title : str, optional
        Page title (default: "Twinning, replayed year by year: <first>-<last>").
    frame_format : {"jpeg", "png"}, default "jpeg"
        Image format of the embedded frames: JPEG pages are about four times smaller
        (about 60 kB a frame at 80 dpi); PNG keeps thin lines sharper.
    progress : bool, default True
        tqdm bar over the frames.

    Returns
    -------
    Path

    Examples
    --------
    >>> import paradiplo_net as pn, tempfile, pathlib
    >>> s = prepare(pn.datasets.load("toy"), years=[1950, 2022], progress=False)
    >>> p = to_html(s, pathlib.Path(tempfile.mkdtemp()) / "toy.html", dpi=30)
    >>> text = p.read_text(encoding="utf-8")
    >>> text.count("data:image/jpeg;base64"), "<script" in text
    (2, True)
    """
    from matplotlib.animation import HTMLWriter

    _check_state(state)
    out = _out_path(path, ".html")
    check_option("frame_format", frame_format, ("jpeg", "png"))
    frames = _frames(state, years, fps)
    with TemporaryDirectory() as tmp:
        fragment = Path(tmp) / "replay.html"
        # a high embed limit: matplotlib would otherwise drop frames past 20 MB silently
        with mpl.rc_context({"animation.embed_limit": 1000.0,
                             "animation.frame_format": frame_format}):
            writer = HTMLWriter(fps=fps, embed_frames=True, default_mode="once")
            _write(state, writer, fragment, frames, dpi, figsize, progress)
        body = _offline_controls(fragment.read_text(encoding="utf-8"))
    if title is None:
        title = t("replay.page_title", lang=state.lang, start=frames[0], end=frames[-1])
    head = _html_escape(title)
    page = (f'<!DOCTYPE html>\n<html lang="{state.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{head}</title>\n</head>\n<body>\n"
            f'<h1 style="font-family:sans-serif;font-size:18px">{head}</h1>\n'
            f"{body}\n</body>\n</html>\n")
    out.write_text(page, encoding="utf-8")
    logger.info("replay HTML: %d frames written to %s", len(frames), out)
    return out


#: Text symbols for the buttons of matplotlib's HTML animation, which uses Font Awesome
#: icons loaded from a CDN (blank buttons offline). Longest class first.
_BUTTON_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("fa fa-play fa-flip-horizontal", "\u25c0"),   # play backwards
    ("fa fa-fast-backward", "|\u25c0\u25c0"),
    ("fa fa-step-backward", "|\u25c0"),
    ("fa fa-fast-forward", "\u25b6\u25b6|"),
    ("fa fa-step-forward", "\u25b6|"),
    ("fa fa-pause", "\u275a\u275a"),
    ("fa fa-play", "\u25b6"),
    ("fa fa-minus", "\u2212"),
    ("fa fa-plus", "+"),
)


def _offline_controls(fragment: str) -> str:
    """Make matplotlib's HTML animation work offline: no CDN stylesheet, text buttons."""
    import re

    fragment = re.sub(r"<link[^>]*font-awesome[^>]*>", "", fragment)
    for cls, symbol in _BUTTON_SYMBOLS:
        fragment = fragment.replace(f'<i class="{cls}"></i>', symbol)
    return fragment


def _html_escape(text: str) -> str:
    import html

    return html.escape(text)
