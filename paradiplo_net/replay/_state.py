"""What a replay shows: its years, notes and the per-frame state computed once."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_graph, check_int, check_lang, check_year
from ..errors import format_problems
from ..model import collapse_undirected
from ..plot._style import ERA_COLORS as _STYLE_ERA_COLORS
from ..settings import ENV

logger = logging.getLogger(__name__)


#: Environment variable that switches every replay to a few frames (tests, quick previews);
#: read through :data:`paradiplo_net.settings.settings` (``settings.fast``).
FAST_ENV = ENV["fast"]


#: Number of frames kept in fast mode.
FAST_FRAMES = 4


#: Colour of each era of :data:`paradiplo_net.temporal.ERAS`: the registry
#: :data:`paradiplo_net.plot.ERA_COLORS` (no two near-identical blues); eras of another table
#: get these colours in order.
ERA_COLORS: dict[str, str] = dict(_STYLE_ERA_COLORS)


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
        (1963, "elysee_treaty",
         "1963: the Élysée Treaty",
         "1963: Perjanjian Élysée",
         "De Gaulle and Adenauer sign the Franco-German friendship treaty; its youth office "
         "funds exchanges, and Franco-German town twinnings multiply through the 1960s.",
         "De Gaulle dan Adenauer menandatangani perjanjian persahabatan Prancis-Jerman; kantor "
         "pemudanya membiayai pertukaran, dan kota kembar Prancis-Jerman berlipat pada 1960-an."),
        (1973, "detente",
         "1973: détente and Asia",
         "1973: détente dan Asia",
         "Kobe and Tianjin form China's first friendship-city link after the 1972 "
         "Japan-China normalisation; Seattle and Tashkent the first US-Soviet one.",
         "Kobe dan Tianjin menjalin kota persahabatan pertama Tiongkok setelah normalisasi "
         "Jepang-Tiongkok 1972; Seattle dan Tashkent yang pertama antara AS dan Uni Soviet."),
        (1989, "wall_falls",
         "1989: the Berlin Wall falls",
         "1989: Tembok Berlin runtuh",
         "The revolutions of 1989 open Central and Eastern Europe: towns on both sides of the "
         "former Iron Curtain start looking for partners.",
         "Revolusi 1989 membuka Eropa Tengah dan Timur: kota-kota di kedua sisi bekas Tirai "
         "Besi mulai mencari mitra."),
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


def fast_mode(fast: bool | None = None) -> bool:
    """Whether replays run with few frames: ``fast`` if given, else ``$PARADIPLO_FAST == "1"``.

    Examples
    --------
    >>> fast_mode(True), fast_mode(False)
    (True, False)
    """
    if fast is None:
        from ..settings import settings

        return bool(settings.fast)
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
    start = int(check_year("start", start) or 0)
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
    year = int(check_year("year", year) or 0)
    check_lang(lang)
    table = _check_notes(notes)
    before = table[table["year"] <= year]
    if not len(before):
        return None
    row = before.iloc[-1]
    if year - int(row["year"]) >= hold:
        return None
    return str(row[f"title_{lang}"]), str(row[f"text_{lang}"])


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
        The frames, as in :func:`replay_years`; ``end`` defaults to the data's last year (the
        latest ``year`` or ``end_year`` of a link), not the calendar year. The years of
        ``notes`` up to ``end`` are always frames, so every note can be shown.
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
    from ..temporal import ERAS, growth

    check_graph(G)
    check_lang(lang)
    hold = check_int("hold", hold)
    notes = _check_notes(notes)
    if end is None and years is None:
        end = _last_year(G)
    frames = _frame_years(start, end, step=step, years=years, fast=fast, notes=notes)
    era_table = _era_table(ERAS if eras is None else eras)
    pairs, position = _pair_table(G, era_table)
    coords = _coordinates(G)
    no_xy = int(sum(1 for u, v in zip(pairs["source"], pairs["target"], strict=True)
                    if u not in coords or v not in coords))
    if no_xy:
        logger.warning("replay: %d of %d city pairs have an end without coordinates and are "
                       "not drawn", no_xy, len(pairs))
    active, counts, undated = _frame_counts(G, frames, position, progress=progress)
    table = growth(G)
    logger.info("replay of %s: %d frames %s-%s, %d city pairs, %d undated links excluded",
                G.graph.get("dataset"), len(frames), frames[0], frames[-1], len(pairs), undated)
    return ReplayState(
        years=frames, lang=lang, pairs=pairs, active=active, counts=counts, growth=table,
        eras=era_table, notes=notes, hold=int(hold), dataset=G.graph.get("dataset"),
        excluded_undated=undated, no_coordinates=no_xy, coords=coords,
    )


def _last_year(G: nx.MultiDiGraph) -> int | None:
    """The latest year the data knows (a link's ``year`` or ``end_year``); None if undated."""
    years = [int(y) for *_e, d in G.edges(data=True)
             for y in (d.get("year"), d.get("end_year")) if y is not None and not pd.isna(y)]
    return max(years) if years else None


def _frame_years(
    start: int, end: int | None, *, step: int, years: Iterable[int] | None, fast: bool | None,
    notes: pd.DataFrame,
) -> list[int]:
    """The years a replay shows: from start/end/step (with every note's year), or ``years``."""
    if years is None:
        return replay_years(start, end, step=step, fast=fast, keep=notes["year"].tolist())
    frames = sorted({int(check_year("years item", y) or 0) for y in years})
    if not frames:
        raise ValueError("years is empty; give at least one year (or use start/end)")
    if fast_mode(fast) and len(frames) > FAST_FRAMES:
        idx = np.linspace(0, len(frames) - 1, FAST_FRAMES).round().astype(int)
        frames = [frames[i] for i in sorted(set(idx))]
    return frames


def _pair_table(
    G: nx.MultiDiGraph, era_table: pd.DataFrame
) -> tuple[pd.DataFrame, dict[tuple[Any, Any], int]]:
    """One row per unordered pair with its earliest dated link, era and colour."""
    from ..temporal import era_of

    U = collapse_undirected(G)
    rows = [(u, v, d.get("first_year")) for u, v, d in U.edges(data=True)]
    pairs = pd.DataFrame(rows, columns=["source", "target", "first_year"])
    pairs["first_year"] = pd.array(pairs["first_year"].tolist(), dtype="Int64")
    pairs["era"] = (era_of(pairs["first_year"], era_table) if len(pairs)
                    else pd.Series(dtype="object"))
    palette = _era_palette(era_table)
    pairs["color"] = [palette.get(e, _GREY) if isinstance(e, str) else _GREY for e in pairs["era"]]
    position: dict[tuple[Any, Any], int] = {}
    for i, (u, v) in enumerate(zip(pairs["source"], pairs["target"], strict=True)):
        position[(u, v)] = i
        position[(v, u)] = i
    return pairs, position


def _coordinates(G: nx.MultiDiGraph) -> dict[Any, tuple[float, float]]:
    coords = {}
    for n, d in G.nodes(data=True):
        lat, lon = d.get("lat"), d.get("lon")
        if lat is not None and lon is not None and not (pd.isna(lat) or pd.isna(lon)):
            coords[n] = (float(lat), float(lon))
    return coords


def _frame_counts(
    G: nx.MultiDiGraph, frames: list[int], position: dict[tuple[Any, Any], int], *,
    progress: bool,
) -> tuple[dict[int, np.ndarray], pd.DataFrame, int]:
    """Active pairs and counts (links, pairs, cities, countries, ended) of every frame."""
    from ..temporal import snapshots

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
    return active, counts, undated


def _era_table(eras: Any) -> pd.DataFrame:
    from ..temporal import normalize_eras

    return normalize_eras(eras)

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
