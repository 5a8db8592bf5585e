"""Drawing one frame of a replay on a map canvas."""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..i18n import count, t
from ..model import check_year
from ._state import ReplayState, _era_label, _era_palette, note_at

_RC = {
    "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 8, "xtick.labelsize": 7,
    "ytick.labelsize": 7, "legend.fontsize": 7, "axes.spines.top": False,
    "axes.spines.right": False,
}


def _data_line(state: ReplayState) -> str:
    """The frame's data line: which dataset, and for the bundled ones what kind of data."""
    from pathlib import PurePath

    name = state.dataset
    if name == "core":
        label = t("replay.data.core", lang=state.lang, core=t("data.core", lang=state.lang))
    elif name == "sample":
        label = t("replay.data.sample", lang=state.lang)
    else:
        label = "-" if name is None else PurePath(str(name)).name
    return t("replay.data", lang=state.lang, dataset=label)


class _Canvas:
    """One figure whose artists are updated from frame to frame (no redraw of the map)."""

    def __init__(self, state: ReplayState, figsize: tuple[float, float]) -> None:
        from ..plot import style

        with style(_RC):
            self._build(state, figsize)

    def _build(self, state: ReplayState, figsize: tuple[float, float]) -> None:
        from ..plot import base_map

        self.state = state
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
        self.segs = self._project_arcs(state, m)
        self._build_map(state, ax_map)
        self._build_growth(state, ax_cum, ax_new)
        self.note_title = ax_note.text(0.01, 0.92, "", fontsize=10, fontweight="bold",
                                       va="top", ha="left", transform=ax_note.transAxes)
        self.note_text = ax_note.text(0.01, 0.48, "", fontsize=8.5, va="top", ha="left",
                                      transform=ax_note.transAxes, wrap=True)
        fig.text(0.995, 0.005, _data_line(state), ha="right", va="bottom", fontsize=7.5,
                 color="#555555", gid="data-footer")

    @staticmethod
    def _project_arcs(state: ReplayState, m: Any) -> list[list[np.ndarray]]:
        """Projected arc segments of every pair, computed once in one vectorised step."""
        from ..plot._basemaps import _arcs_segments

        nan = (np.nan, np.nan)
        a = np.array([state.coords.get(u, nan) for u in state.pairs["source"]],
                     dtype=float).reshape(-1, 2)
        b = np.array([state.coords.get(v, nan) for v in state.pairs["target"]],
                     dtype=float).reshape(-1, 2)
        pieces, owner = _arcs_segments(m, a[:, 0], a[:, 1], b[:, 0], b[:, 1], n=24)
        segs: list[list[np.ndarray]] = [[] for _ in range(len(state.pairs))]
        for piece, i in zip(pieces, owner, strict=True):
            segs[int(i)].append(piece)
        return segs

    def _build_map(self, state: ReplayState, ax_map: Any) -> None:
        from ..plot import clip_to_map

        lang, m = state.lang, self.m
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
        ax_map.legend(handles=handles, title=t("replay.era_of_first", lang=lang),
                      loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False,
                      fontsize=7, title_fontsize=7)
        if state.excluded_undated:
            ax_map.text(0.0, 0.0, t("replay.undated_note", lang=lang, n=state.excluded_undated),
                        transform=ax_map.transAxes, fontsize=6, color="#666666", va="bottom")

    def _build_growth(self, state: ReplayState, ax_cum: Any, ax_new: Any) -> None:
        from ..plot import OKABE_ITO

        lang = state.lang
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
        ax_cum.legend(loc="lower right", frameon=False)
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
        _milestones(ax_cum, state.notes, x_lo, x_hi)

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
        old_segs: list[Any] = []
        old_cols: list[Any] = []
        new_segs: list[Any] = []
        new_cols: list[Any] = []
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
        self.axes["map"].set_title(t("replay.title", lang=lang, year=year,
                                     links=count(int(row["links"]), "links", lang=lang),
                                     cities=count(int(row["cities"]), "cities", lang=lang),
                                     countries=count(int(row["countries"]), "countries",
                                                     lang=lang)), fontsize=10)
        upto = self.gy <= year
        self.act_line.set_data(self.gy[upto], self.g_active[upto])
        self.cum_line.set_data(self.gy[upto], self.g_cum[upto])
        if upto.any():
            self.act_dot.set_data([self.gy[upto][-1]], [self.g_active[upto][-1]])
        else:
            self.act_dot.set_data([], [])
        from ..plot import OKABE_ITO

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


def _milestones(ax: Any, notes: Any, x_lo: float, x_hi: float) -> None:
    """Mark the years of the notes (milestones: 1950, 1963, 1973, 1989, 2022 ...) on a panel.

    A dotted line per milestone; its year is written inside the top of the panel, unless a
    labelled milestone is less than three years before it (1989 and 1990 share a label).
    """
    last = None
    for year in sorted(int(y) for y in notes["year"]):
        if not x_lo < year < x_hi:
            continue
        ax.axvline(year, color="#999999", lw=0.6, ls=":", zorder=0)
        if year - x_lo > 3 and (last is None or year - last >= 3):
            ax.annotate(str(year), (year, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(-1, -2), textcoords="offset points", rotation=90, ha="right",
                        va="top", fontsize=6.5, color="#555555")
            last = year


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
    >>> G = pn.datasets.load("toy")
    >>> s = pn.replay.prepare(G, years=[1950, 2022], lang="id", progress=False)
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
