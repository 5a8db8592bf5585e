"""Country-pair heatmap and distance-decay chart."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm

from ..errors import SchemaError
from ..i18n import t
from ._style import OKABE_ITO, _check_lang, _figure, _need_columns, _no_data, style


def plot_country_heatmap(
    matrix: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    annotate: bool = True,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Country-by-country counts of links on a logarithmic colour scale.

    A log scale (``matplotlib.colors.LogNorm`` from 1 to the largest count, colour map
    ``viridis``) because counts span orders of magnitude: a linear scale would show the few
    largest pairs and hide the rest. Zero cells are left white (no link), never coloured as
    the low end of the scale. With ``annotate`` each non-zero cell shows its count.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square table of counts, same countries on both axes (in the order shown).
    labels : mapping of code -> display name, optional
        Axis labels; default the codes themselves.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[0, 12], [12, 3]], index=["DE", "FR"], columns=["DE", "FR"])
    >>> fig, ax = plot_country_heatmap(m)
    >>> [x.get_text() for x in ax.get_xticklabels()]
    ['DE', 'FR']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    if not isinstance(matrix, pd.DataFrame) or list(matrix.index) != list(matrix.columns):
        raise SchemaError(
            "country heatmap: expected a square DataFrame with the same countries "
            "as index and columns (in the same order)"
        )
    n = len(matrix)
    with style():
        fig, ax = _figure(ax, (9.5, 8.2))
        values = matrix.to_numpy(dtype=float)
        if n and values.max() > 0:
            masked = np.ma.masked_less_equal(values, 0)
            cmap = mpl.colormaps["viridis"].with_extremes(bad="white")
            vmax = float(max(values.max(), 2))
            norm = LogNorm(vmin=1, vmax=vmax)
            im = ax.imshow(masked, cmap=cmap, norm=norm, aspect="equal", interpolation="nearest",
                           interpolation_stage="rgba")
            cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
            cb.set_label(t("plot.links_log", lang=lang))
            ticks = [
                v
                for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
                if v <= vmax
            ]
            cb.set_ticks(ticks, labels=[str(v) for v in ticks])
            cb.ax.minorticks_off()
            ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
            ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
            ax.grid(which="minor", color="white", linewidth=0.6)
            ax.tick_params(which="minor", length=0)
            if annotate:
                cut = math.sqrt(vmax)  # light text on the dark low end of viridis
                fs = 6 if n <= 25 else 5
                for i in range(n):
                    for j in range(n):
                        v = values[i, j]
                        if v > 0:
                            ax.text(
                                j,
                                i,
                                f"{v:.0f}",
                                ha="center",
                                va="center",
                                fontsize=fs,
                                color="white" if v < cut else "black",
                            )
        else:
            _no_data(ax, lang)
        names = [labels.get(c, c) if labels else c for c in matrix.index]
        ax.set_xticks(range(n), labels=list(matrix.columns), rotation=90)
        ax.set_yticks(range(n), labels=names)
        ax.set_xlabel(t("word.country", lang=lang))
        ax.set_ylabel(t("word.country", lang=lang))
        ax.spines[:].set_visible(False)
        ax.tick_params(length=0)
        if title:
            ax.set_title(t("fig.heatmap.title", lang=lang))
    return fig, ax


def plot_distance_decay(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Link length distribution against a null model, on logarithmic distance bins.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per distance bin: ``left``, ``right`` (bin edges in km), ``observed`` (share
        of observed links in the bin), ``null_median``, ``null_low``, ``null_high`` (median
        and 5 / 95 % quantiles of the share across null-model runs), as from
        :func:`paradiplo_net.figures.distance_table`.
    ax : matplotlib Axes, optional
        One Axes (the distribution only) or None: a figure with the distribution above and
        the ratio observed / null below, sharing the distance axis.

    Returns
    -------
    fig, ax
        ``ax`` is the distribution Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> tab = pd.DataFrame({"left": [10, 100, 1000], "right": [100, 1000, 10000],
    ...                     "observed": [0.2, 0.5, 0.3], "null_median": [0.1, 0.3, 0.6],
    ...                     "null_low": [0.05, 0.25, 0.5], "null_high": [0.15, 0.35, 0.7]})
    >>> fig, ax = plot_distance_decay(tab)
    >>> ax.get_ylabel()
    'share of links per distance bin'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(
        table,
        ("left", "right", "observed", "null_median", "null_low", "null_high"),
        "distance table",
    )
    with style():
        ratio_ax = None
        if ax is None:
            fig, (ax, ratio_ax) = plt.subplots(
                2,
                1,
                figsize=(8, 6),
                sharex=True,
                layout="constrained",
                gridspec_kw={"height_ratios": [2.2, 1]},
            )
        else:
            fig = ax.figure
        mid, obs = _draw_decay_bars(ax, table, lang)
        if not len(table):
            _no_data(ax, lang)
        if ratio_ax is not None:
            _draw_ratio_panel(ratio_ax, mid, obs, table, lang)
        else:
            ax.set_xlabel(t("word.distance_km", lang=lang))
        if title:
            ax.set_title(t("fig.distance.title", lang=lang))
    return fig, ax


def _draw_decay_bars(ax: Any, table: pd.DataFrame, lang: str) -> tuple[np.ndarray, np.ndarray]:
    """Observed shares as bars, the null model's median and band; the bins' midpoints."""
    left = table["left"].to_numpy(dtype=float)
    right = table["right"].to_numpy(dtype=float)
    mid = np.sqrt(left * right)
    obs = table["observed"].to_numpy(dtype=float)
    ax.bar(
        left,
        obs,
        width=right - left,
        align="edge",
        color=OKABE_ITO[0],
        alpha=0.75,
        edgecolor="white",
        linewidth=0.5,
        label=t("word.observed", lang=lang),
        zorder=2,
    )
    ax.fill_between(
        mid,
        table["null_low"].astype(float),
        table["null_high"].astype(float),
        color=OKABE_ITO[3],
        alpha=0.25,
        linewidth=0,
        label=t("plot.null_band", lang=lang),
        zorder=3,
    )
    ax.plot(
        mid,
        table["null_median"].astype(float),
        color=OKABE_ITO[3],
        lw=1.6,
        marker="o",
        ms=3,
        label=t("plot.null_median", lang=lang),
        zorder=4,
    )
    ax.set_xscale("log")
    ax.set_ylabel(t("plot.share_of_links", lang=lang))
    handles, labels = ax.get_legend_handles_labels()
    first = (
        [labels.index(t("word.observed", lang=lang))]
        if t("word.observed", lang=lang) in labels
        else []
    )
    order = first + [i for i in range(len(labels)) if i not in first]
    ax.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
    )
    return mid, obs


def _draw_ratio_panel(
    ratio_ax: Any, mid: np.ndarray, obs: np.ndarray, table: pd.DataFrame, lang: str
) -> None:
    """Observed over null-median share per bin, on a log scale, with its uncertainty.

    The band is the observed share over the null runs' 95 % and 5 % quantiles: the range of
    ratios the observed share would have against 90 % of the null runs (bins where the
    null's quantile is 0 have no finite upper end and show no band).
    """
    med = table["null_median"].to_numpy(dtype=float)
    low = table["null_low"].to_numpy(dtype=float)
    high = table["null_high"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((med > 0) & (obs > 0), obs / med, np.nan)
        r_lo = np.where((high > 0) & (obs > 0), obs / high, np.nan)
        r_hi = np.where((low > 0) & (obs > 0), obs / low, np.nan)
    band = np.isfinite(r_lo) & np.isfinite(r_hi)
    ratio_ax.axhline(1, color="#777777", lw=0.8)
    ratio_ax.fill_between(mid, np.where(band, r_lo, np.nan), np.where(band, r_hi, np.nan),
                          color=OKABE_ITO[0], alpha=0.2, linewidth=0,
                          label=t("plot.ratio_band", lang=lang))
    ratio_ax.plot(mid, ratio, color=OKABE_ITO[0], marker="o", ms=3.5, lw=1.4)
    if np.isfinite(ratio).any():
        ratio_ax.set_yscale("log")
        lo_r = np.nanmin(np.r_[ratio, r_lo[band]])
        hi_r = np.nanmax(np.r_[ratio, r_hi[band]])
        ticks = [
            v
            for v in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
            if min(lo_r, 1) / 1.5 <= v <= max(hi_r, 1) * 1.5
        ]
        ratio_ax.set_yticks(ticks, labels=[f"{v:g}" for v in ticks])
        ratio_ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
    if band.any():
        ratio_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ratio_ax.set_ylabel(t("plot.ratio_null", lang=lang))
    ratio_ax.set_xlabel(t("word.distance_km", lang=lang))
    ratio_ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
