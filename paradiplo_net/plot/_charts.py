"""Charts over time: growth, adoption curves, centrality bars and trajectories."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..i18n import t
from ..model import PHASES
from ._style import (
    OKABE_ITO,
    PHASE_COLORS,
    REGION_COLORS,
    _check_lang,
    _era_label,
    _era_rows,
    _figure,
    _measure_label,
    _need_columns,
    _no_data,
    region_label,
    style,
)


def plot_growth(
    table: pd.DataFrame,
    *,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] | None = None,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """New links per year as bars stacked by O'Toole phase, with eras shaded and labelled.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`paradiplo_net.temporal.growth` with ``by="phase"``: columns ``year``,
        ``group`` (a phase or ``"none"``), ``new``.
    eras : DataFrame or sequence of (name, start, end), optional
        Shaded in alternating grey bands, labelled at the top (``label_en`` / ``label_id``
        columns when present, else the name). None: no shading.
    lang, ax, title
        As everywhere.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> fig, ax = plot_growth(pn.temporal.growth(G, by="phase"), eras=pn.temporal.ERAS)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('year', 'new links per year')
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['associative', 'reciprocal', 'commercial', 'phase not recorded']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(table, ("year", "group", "new"), "growth table")
    with style():
        fig, ax = _figure(ax, (10, 4.6))
        wide = table.pivot_table(
            index="year", columns="group", values="new", aggfunc="sum", fill_value=0
        )
        groups = [g for g in [*PHASES, "none"] if g in wide.columns and wide[g].sum() > 0]
        groups += [
            g
            for g in wide.columns
            if g not in groups and g not in (*PHASES, "none") and wide[g].sum() > 0
        ]
        years = wide.index.to_numpy(dtype=float)
        bottom = np.zeros(len(wide))
        for i, g in enumerate(groups):
            label = t(f"phase.{g}", lang=lang) if g in (*PHASES, "none") else str(g)
            color = PHASE_COLORS.get(g, OKABE_ITO[(i + 4) % len(OKABE_ITO)])
            vals = wide[g].to_numpy(dtype=float)
            ax.bar(
                years,
                vals,
                bottom=bottom,
                width=0.85,
                color=color,
                label=label,
                linewidth=0,
                zorder=2,
            )
            bottom += vals
        if len(wide) == 0 or not groups:
            _no_data(ax, lang)
        lo = years.min() - 0.5 if len(years) else 1900
        hi = years.max() + 0.5 if len(years) else 2025
        ax.set_xlim(lo, hi)
        top = max(bottom.max() if len(bottom) else 1, 1) * 1.3
        ax.set_ylim(0, top)
        # counts and years are whole numbers: no fractional ticks on small data
        ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        _shade_eras(fig, ax, eras, (lo, hi, top), lang)
        ax.set_xlabel(t("word.year", lang=lang))
        ax.set_ylabel(t("word.new_links", lang=lang))
        if groups:
            ax.legend(
                title=t("phase.title", lang=lang),
                loc="upper left",
                bbox_to_anchor=(1.01, 1),
                frameon=False,
            )
        if title:
            ax.set_title(t("fig.growth.title", lang=lang))
    return fig, ax


def plot_adoption_curves(
    curves: pd.DataFrame,
    fits: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Cumulative adoption by region (points) with fitted logistic curves (lines).

    Parameters
    ----------
    curves : pandas.DataFrame
        Columns ``year``, ``group``, ``cumulative`` (adopters to date) and ``share``
        (``cumulative`` / the group's adopters), as from
        :func:`paradiplo_net.diffusion.adoption_curves`. Every group in the table is drawn.
    fits : pandas.DataFrame, optional
        Columns ``group``, ``midpoint``, ``rate``, ``K`` (as from
        :func:`paradiplo_net.diffusion.fit_logistic`, ``K`` in units); the curve drawn is
        :func:`paradiplo_net.diffusion.logistic` divided by the group's adopters, on the
        scale of ``share``. Groups with a missing midpoint are drawn without a fit.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import pandas as pd
    >>> curves = pd.DataFrame({"year": [1950, 1960, 1970] * 2,
    ...                        "group": ["western-europe"] * 3 + ["east-asia"] * 3,
    ...                        "cumulative": [2, 8, 10, 0, 3, 10],
    ...                        "share": [0.2, 0.8, 1.0, 0.0, 0.3, 1.0]})
    >>> fits = pd.DataFrame({"group": ["western-europe", "east-asia"], "midpoint": [1955.0, 1962.0],
    ...                      "rate": [0.3, 0.3], "K": [10.0, 10.0]})
    >>> fig, ax = plot_adoption_curves(curves, fits)
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['Western Europe', 'East Asia', 'observed', 'logistic fit']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(curves, ("year", "group", "cumulative", "share"), "adoption curves")
    if fits is not None:
        _need_columns(fits, ("group", "midpoint", "rate", "K"), "logistic fits")
    with style():
        fig, ax = _figure(ax, (9, 5))
        groups = _wave_order(list(dict.fromkeys(curves["group"])), fits)
        handles = []
        ts: Any = (
            np.linspace(float(curves["year"].min()), float(curves["year"].max()), 300)
            if len(curves)
            else []
        )
        for i, g in enumerate(groups):
            color = REGION_COLORS.get(g) or _CURVE_PALETTE[i % len(_CURVE_PALETTE)]
            marker = _MARKERS[i % len(_MARKERS)]
            sub = curves[curves["group"] == g].sort_values("year")
            fit = None if fits is None else fits[fits["group"] == g]
            _draw_adoption_group(ax, sub, fit, ts, color=color, marker=marker)
            handles.append(
                Line2D([], [], color=color, marker=marker, ms=4, label=region_label(g, lang))
            )
        if not groups:
            _no_data(ax, lang)
        ax.set_ylim(-0.02, 1.05)
        ax.set_xlabel(t("word.year", lang=lang))
        ax.set_ylabel(t("plot.share_adopted", lang=lang))
        if handles:
            handles += [
                Line2D(
                    [],
                    [],
                    color="#555555",
                    ls="",
                    marker="o",
                    ms=3,
                    label=t("word.observed", lang=lang),
                ),
                Line2D([], [], color="#555555", lw=1.5, label=t("word.fit", lang=lang)),
            ]
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        if title:
            ax.set_title(t("fig.scurves.title", lang=lang))
    return fig, ax


def plot_centrality_bars(
    ranked: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Horizontal bars of the top cities by a centrality measure.

    Parameters
    ----------
    ranked : pandas.DataFrame
        :func:`paradiplo_net.centrality.rank` output (columns ``name``, ``country``,
        ``value``; ``attrs["measure"]`` names the measure).

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> r = pn.centrality.rank(pn.datasets.load("toy"), "partners", top=3)
    >>> fig, ax = plot_centrality_bars(r)
    >>> ax.get_xlabel(), [x.get_text() for x in ax.get_yticklabels()]
    ('distinct partners', ['City G (JP)', 'City A (GB)', 'City B (RU)'])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(ranked, ("name", "country", "value"), "centrality ranking")
    measure = str(ranked.attrs.get("measure", "value"))
    with style():
        fig, ax = _figure(ax, (6, 0.3 * max(len(ranked), 3) + 1.2))
        labels = [
            f"{n} ({c})" if isinstance(c, str) else str(n)
            for n, c in zip(ranked["name"], ranked["country"], strict=True)
        ]
        y = np.arange(len(ranked))
        ax.barh(y, ranked["value"].astype(float), color=OKABE_ITO[0], height=0.7)
        ax.set_yticks(y, labels=labels)
        ax.invert_yaxis()
        values = ranked["value"].astype(float)
        if len(values) and np.allclose(values, values.round()):
            ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.set_xlabel(_measure_label(measure, lang))
        if not len(ranked):
            _no_data(ax, lang)
        if title:
            ax.set_title(
                t(
                    "plot.top_cities",
                    lang=lang,
                    n=len(ranked),
                    measure=_measure_label(measure, lang),
                )
            )
    return fig, ax


def plot_rank_trajectories(
    traj: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Rank of chosen cities over snapshot years (1 at the top); city names at line ends.

    Parameters
    ----------
    traj : pandas.DataFrame
        Long table ``year``, ``city``, ``name``, ``rank`` from
        :func:`paradiplo_net.centrality.trajectories` (NaN rank: not yet active, not drawn).

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> tr = pn.centrality.trajectories(pn.datasets.load("toy"), ["A", "G"], "partners",
    ...                                 [1960, 1990, 2010], progress=False)
    >>> fig, ax = plot_rank_trajectories(tr)
    >>> ax.get_ylabel(), [x.get_text() for x in ax.get_legend().get_texts()]
    ('rank (1 = most central)', ['City A', 'City G'])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(traj, ("year", "city", "name", "rank"), "rank trajectories")
    with style():
        fig, ax = _figure(ax, (7, 4.5))
        cities = list(dict.fromkeys(traj["city"]))
        markers = "osD^v<>ph*X"
        for i, c in enumerate(cities):
            sub = traj[traj["city"] == c].sort_values("year")
            r = pd.to_numeric(sub["rank"], errors="coerce").astype(float)
            name = str(sub["name"].iloc[0])
            ax.plot(
                sub["year"],
                r,
                marker=markers[i % len(markers)],
                ms=4,
                lw=1.4,
                color=OKABE_ITO[i % len(OKABE_ITO)],
                label=name,
            )
        if cities:
            ax.set_yscale("log")
            ranks = pd.to_numeric(traj["rank"], errors="coerce").astype(float)
            worst = float(np.nanmax(ranks)) if ranks.notna().any() else 1.0
            ticks = [
                v
                for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
                if v <= worst * 1.5
            ]
            ax.set_yticks(ticks, labels=[str(v) for v in ticks])
            ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
            ax.set_ylim(max(worst * 1.3, 1.5), 0.8)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
            # a tick only for snapshot years where some city has a rank (no empty 1950 tick)
            ranked = traj[pd.to_numeric(traj["rank"], errors="coerce").notna()]
            years = sorted(int(y) for y in ranked["year"].unique())
            ax.set_xticks(years, labels=[str(y) for y in years], rotation=45)
            if years:
                ax.set_xlim(years[0] - 2, years[-1] + 2)
        else:
            _no_data(ax, lang)
        ax.set_xlabel(t("word.year", lang=lang))
        ax.set_ylabel(t("plot.rank_inverted", lang=lang))
        if title:
            ax.set_title(t("fig.trajectories.title", lang=lang))
    return fig, ax


def _shade_eras(fig: Any, ax: Any, eras: Any, frame: tuple[float, float, float], lang: str) -> None:
    """Era bands and labels: wrapped to the width of their band, alternating two heights."""
    lo, hi, top = frame
    fig.canvas.draw_idle()
    axis_pt = ax.get_window_extent().width * 72 / fig.dpi
    visible = 0
    for i, row in enumerate(_era_rows(eras)):
        s = lo if pd.isna(row.start) else max(float(row.start) - 0.5, lo)
        e = hi if pd.isna(row.end) else min(float(row.end) + 0.5, hi)
        if e <= s:
            continue
        if i % 2 == 0:
            ax.axvspan(s, e, color="#E8E8E8", zorder=0, linewidth=0)
        ax.axvline(s, color="#AAAAAA", lw=0.5, zorder=1)
        span_pt = axis_pt * (e - s) / (hi - lo)
        fs = 7 if span_pt > 60 else 6
        chars = max(int(span_pt / (0.55 * fs)) - 1, 4)
        label = textwrap.fill(_era_label(row, lang), width=chars, break_long_words=False)
        y = top * (0.985 if visible % 2 == 0 else 0.90)
        ax.text(
            (s + e) / 2,
            y,
            label,
            ha="center",
            va="top",
            fontsize=fs,
            color="#444444",
            zorder=3,
            linespacing=1.0,
        )
        visible += 1


#: Colours of the adoption curves: Okabe-Ito without its pale yellow, then four darker hues.
_CURVE_PALETTE: tuple[str, ...] = (
    *(c for c in OKABE_ITO if c != "#F0E442"), "#777777", "#8C510A", "#01665E", "#762A83",
)
_MARKERS = "osD^v<>ph*X"


def _wave_order(groups: list[Any], fits: pd.DataFrame | None) -> list[Any]:
    """Groups ordered by wave: earliest fitted midpoint first, unfitted last."""
    if fits is None or not len(fits):
        return groups
    mid = dict(zip(fits["group"], fits["midpoint"], strict=True))
    return sorted(
        groups, key=lambda g: (pd.isna(mid.get(g)), mid.get(g) if not pd.isna(mid.get(g)) else 0)
    )


def _draw_adoption_group(
    ax: Any, sub: pd.DataFrame, fit: pd.DataFrame | None, ts: Any, *, color: str, marker: str
) -> None:
    """One region's observed shares (markers) and its logistic fit (line)."""
    from ..diffusion import logistic

    share_max = float(sub["share"].max())
    total = float(sub["cumulative"].max()) / share_max if share_max > 0 else np.nan
    ax.plot(sub["year"], sub["share"], ls="", marker=marker, ms=2.8, color=color, alpha=0.75,
            zorder=3)
    if fit is not None and len(fit) and not pd.isna(fit["midpoint"].iloc[0]) and np.isfinite(total):
        t0, r, k = (float(fit[c].iloc[0]) for c in ("midpoint", "rate", "K"))
        ax.plot(ts, logistic(ts, t0, r, k) / total, color=color, lw=1.4, zorder=2)
