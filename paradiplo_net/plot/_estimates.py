"""Charts of design-based estimates (the town sample): values with their 95 % intervals.

Every function draws a table it is given (from :mod:`paradiplo_net.survey`, through
:mod:`paradiplo_net.figures`) and never hides an interval: a wide interval is drawn wide, and
the number of towns or links behind each value is written on the chart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import t
from ..model import PHASES
from ._style import (
    GREY,
    PHASE_COLORS,
    REGION_COLORS,
    _check_lang,
    _figure,
    _need_columns,
    _no_data,
    region_label,
    style,
)

_CI = ["estimate", "ci_low", "ci_high"]


def _err(table: pd.DataFrame, low: str, high: str, value: str) -> np.ndarray:
    """Error bar lengths (below, above) from an interval, clipped at 0 (never negative)."""
    v = table[value].to_numpy(dtype=float)
    lo = np.clip(table[low].to_numpy(dtype=float), 0, None)
    hi = table[high].to_numpy(dtype=float)
    return np.vstack([np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)])


def plot_decade_estimates(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    partial: Mapping[int, int] | None = None,
    regions: pd.DataFrame | None = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Links formed per decade: estimated totals (left), the decade profile (right), by region.

    Parameters
    ----------
    table : DataFrame
        One row per decade: ``decade``, ``total``, ``total_low``, ``total_high`` (estimated
        number of dated links formed in the decade, 95 % interval) and ``estimate``,
        ``ci_low``, ``ci_high`` (share of dated links formed in the decade), as
        :func:`paradiplo_net.figures.estimated_growth` returns them.
    lang : {"en", "id"}
    partial : mapping decade -> last year, optional
        Decades not yet complete (drawn hatched, labelled "to <year>").
    regions : DataFrame, optional
        The totals by group (``region``, ``decade``, ``total``, ``total_low``, ``total_high``,
        ``n_towns``): a third panel below, one line with error bars per region.

    Returns
    -------
    fig, axes
        The figure and its Axes (two, or three with ``regions``).

    Examples
    --------
    >>> import pandas as pd
    >>> tab = pd.DataFrame({"decade": [1950, 1960], "total": [10.0, 30.0],
    ...     "total_low": [4.0, 20.0], "total_high": [16.0, 40.0], "estimate": [0.25, 0.75],
    ...     "ci_low": [0.1, 0.6], "ci_high": [0.4, 0.9]})
    >>> fig, axes = plot_decade_estimates(tab)
    >>> len(axes)
    2
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(table, ["decade", "total", "total_low", "total_high", *_CI], "decade table")
    import matplotlib.pyplot as plt

    with style():
        if regions is None:
            fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), layout="constrained")
        else:
            fig, grid = plt.subplot_mosaic([["a", "b"], ["c", "c"]], figsize=(12, 8.6),
                                           layout="constrained")
            axes = np.array([grid["a"], grid["b"], grid["c"]])
    if table.empty:
        for ax in axes:
            _no_data(ax, lang)
        return fig, axes
    partial = dict(partial or {})
    if regions is not None:
        _region_totals(axes[2], regions, lang, title=title, partial=partial)
    x = table["decade"].to_numpy(dtype=float)
    hatch = ["//" if int(d) in partial else "" for d in table["decade"]]
    specs = (("total", "total_low", "total_high", "est.growth.total", "est.axis.links"),
             ("estimate", "ci_low", "ci_high", "est.growth.profile", "est.axis.share_links"))
    for ax, (value, low, high, key, ylabel) in zip(axes[:2], specs, strict=True):
        bars = ax.bar(x, table[value], width=8, color="#0072B2", alpha=0.75,
                      edgecolor="#0072B2", label=t("est.legend.estimate", lang=lang))
        for bar, h in zip(bars, hatch, strict=True):
            bar.set_hatch(h)
        ax.errorbar(x, table[value], yerr=_err(table, low, high, value), fmt="none",
                    ecolor="#222222", capsize=3, lw=1, label=t("est.legend.ci", lang=lang))
        ax.set_xticks(x, [_decade_label(int(d), partial, lang) for d in table["decade"]],
                      rotation=0)
        ax.set_xlabel(t("est.axis.decade", lang=lang))
        ax.set_ylabel(t(ylabel, lang=lang))
        ax.set_ylim(bottom=0)
        if title:
            ax.set_title(t(key, lang=lang))
        ax.legend(loc="upper left", frameon=False)
    axes[1].yaxis.set_major_formatter(_percent())
    axes[0].yaxis.set_major_formatter(_thousands())
    return fig, axes


def _region_totals(
    ax: Any, regions: pd.DataFrame, lang: str, *, title: bool, partial: Mapping[int, int],
) -> None:
    """Estimated totals per decade, one line with 95 % error bars per region."""
    _need_columns(regions, ["region", "decade", "total", "total_low", "total_high", "n_towns"],
                  "region table")
    names = list(dict.fromkeys(regions["region"]))
    for i, name in enumerate(names):
        sub = regions[regions["region"] == name].sort_values("decade")
        n = int(sub["n_towns"].iloc[0]) if len(sub) else 0
        label = (t("est.other_regions", lang=lang) if name == "other"
                 else region_label(name, lang))
        x = sub["decade"].to_numpy(dtype=float) + (i - (len(names) - 1) / 2) * 0.9
        ax.errorbar(x, sub["total"], yerr=_err(sub, "total_low", "total_high", "total"),
                    color=REGION_COLORS.get(str(name), GREY), marker="o", ms=4, lw=1.6,
                    capsize=2, label=t("est.panel_n", lang=lang, name=label, n=n))
    ax.set_xlabel(t("est.axis.decade", lang=lang))
    ax.set_ylabel(t("est.axis.links", lang=lang))
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(_thousands())
    decades = sorted(set(regions["decade"].astype(int)))
    ax.set_xticks(decades, [_decade_label(d, partial, lang) for d in decades])
    if title:
        ax.set_title(t("est.growth.regions", lang=lang))
    if names:
        ax.legend(loc="upper left", frameon=False)


def _decade_label(decade: int, partial: Mapping[int, int], lang: str) -> str:
    if decade in partial:
        return t("est.decade_partial", lang=lang, decade=decade, last=partial[decade])
    return f"{decade}s" if lang == "en" else f"{decade}-an"


def _percent() -> Any:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def plot_share_curves(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    reference: pd.DataFrame | None = None,
    drawn: Mapping[Any, int] | None = None,
    responding: Mapping[Any, int] | None = None,
    ncols: int = 4,
    min_towns: int = 5,
) -> tuple[Any, Any]:
    """Estimated share of towns twinned by each year: one small panel per region.

    Each panel draws the estimate, its 95 % band, the ``lower_bound`` column when the table
    has one (dotted) and (grey, dashed) the ``reference`` curve of all towns; its title
    names the region with the number of responding towns behind it (and the number drawn,
    when ``drawn`` is given), so a band from 0 to 1 is read as what it is: too few towns to
    say. The legend takes the first empty panel (else the right margin).

    Parameters
    ----------
    table : DataFrame
        :func:`paradiplo_net.survey.twinned_share` with ``by="region"``: ``group``, ``year``,
        ``estimate``, ``ci_low``, ``ci_high``, ``n_towns``.
    reference : DataFrame, optional
        The same without groups (``by=None``), drawn in every panel.
    drawn : mapping group -> int, optional
        Towns drawn per group (shown beside the respondents).
    responding : mapping group -> int, optional
        Responding towns per group (default: the largest ``n_towns`` of the group, which
        leaves out the towns whose status is undetermined in every year).
    ncols : int, default 4
    min_towns : int, default 5
        Panels with fewer responding towns draw the estimate dotted and say "too few towns".

    Returns
    -------
    fig, axes
        The figure and the array of its panels (unused ones removed).

    Examples
    --------
    >>> import pandas as pd
    >>> tab = pd.DataFrame({"group": ["east-asia"] * 2, "year": [1960, 1970],
    ...     "estimate": [0.1, 0.3], "ci_low": [0.0, 0.1], "ci_high": [0.3, 0.6],
    ...     "n_towns": [12, 12]})
    >>> fig, axes = plot_share_curves(tab)
    >>> axes[0].get_title()
    'East Asia (n = 12 towns)'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(table, ["group", "year", "n_towns", *_CI], "share table")
    import matplotlib.pyplot as plt

    groups = list(dict.fromkeys(table["group"]))
    ncols = max(1, min(ncols, len(groups) or 1))
    nrows = max(1, math.ceil(len(groups) / ncols))
    with style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(3.1 * ncols, 2.5 * nrows + 0.6),
                                 sharex=True, sharey=True, layout="constrained", squeeze=False)
    flat = list(axes.ravel())
    if not groups:
        _no_data(flat[0], lang)
        flat[0].set_title(t("est.adoption.title", lang=lang))
        return fig, np.array(flat[:1])
    for ax, group in zip(flat, groups, strict=False):
        sub = table[table["group"] == group].sort_values("year")
        color = REGION_COLORS.get(str(group), "#0072B2")
        if reference is not None and not reference.empty:
            ref = reference.sort_values("year")
            ax.plot(ref["year"], ref["estimate"], color="#777777", lw=1, ls="--",
                    label=t("est.legend.all_towns", lang=lang))
        ax.fill_between(sub["year"], sub["ci_low"], sub["ci_high"], color=color, alpha=0.22,
                        lw=0, label=t("est.legend.ci", lang=lang))
        n = int(sub["n_towns"].max()) if len(sub) else 0
        n = int((responding or {}).get(group, n))
        few = n < min_towns
        ax.plot(sub["year"], sub["estimate"], color=color, lw=0.9 if few else 1.8,
                ls=":" if few else "-", label=t("est.legend.estimate", lang=lang))
        if "lower_bound" in sub.columns:
            ax.plot(sub["year"], sub["lower_bound"], color=color, lw=1.1, ls=(0, (1, 1.5)),
                    label=t("est.legend.lower_bound", lang=lang))
        if few:
            ax.text(0.03, 0.95, t("est.too_few_towns", lang=lang, k=min_towns),
                    transform=ax.transAxes, ha="left", va="top", fontsize=7, color="#444444")
        label = region_label(group, lang)
        key = "est.panel_n_drawn" if drawn is not None and group in drawn else "est.panel_n"
        ax.set_title(t(key, lang=lang, name=label, n=n,
                       drawn=(drawn or {}).get(group, 0)), fontsize=9)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(_percent())
        ax.grid(axis="y", color="#EEEEEE", lw=0.6)
    spare = flat[len(groups):]
    for ax in spare[1:]:
        ax.remove()
    shown = np.array(flat[: len(groups)])
    for ax in shown[::ncols]:
        ax.set_ylabel(t("est.axis.share_towns", lang=lang))
    for ax in shown[-ncols:]:
        ax.set_xlabel(t("word.year", lang=lang))
        ax.tick_params(labelbottom=True)
    handles, labels = shown[0].get_legend_handles_labels()
    keep = dict(zip(labels, handles, strict=True))
    if spare:  # the legend in the first empty panel, else to the right
        spare[0].axis("off")
        spare[0].legend(list(keep.values()), list(keep), loc="center", frameon=False)
    else:
        fig.legend(list(keep.values()), list(keep), loc="outside right upper", frameon=False)
    return fig, shown


def plot_share_matrix(
    matrix: pd.DataFrame,
    *,
    row_labels: Mapping[Any, str] | None = None,
    col_labels: Mapping[Any, str] | None = None,
    other: pd.Series | None = None,
    faint: Sequence[Any] = (),
    lang: str = "en",
) -> tuple[Any, Any]:
    """Heatmap of estimated shares (rows sum to at most 1), each cell written in per cent.

    Parameters
    ----------
    matrix : DataFrame
        Rows (e.g. the towns' countries) by columns (partner countries), values in [0, 1].
    row_labels, col_labels : mapping, optional
        Text of each row / column (default: the index values).
    other : Series, optional
        Share of each row outside the columns shown, written to the right of the row.
    faint : sequence, optional
        Rows whose label is drawn in grey (too few towns to read as more than anecdotes).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"FR": [0.3, 0.0], "DE": [0.1, 0.5]}, index=["DE", "FR"])
    >>> fig, ax = plot_share_matrix(m)
    >>> ax.get_title()
    'Partner countries of each country\u2019s towns (estimated share of their links)'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix: expected a DataFrame, got {type(matrix).__name__}")
    rows = [str((row_labels or {}).get(r, r)) for r in matrix.index]
    cols = [str((col_labels or {}).get(c, c)) for c in matrix.columns]
    height = 1.6 + 0.3 * max(len(rows), 2)
    fig, ax = _figure(None, (2.6 + 0.5 * max(len(cols), 2) + 1.2, height))
    ax.set_title(t("est.matrix.title", lang=lang))
    if matrix.empty:
        _no_data(ax, lang)
        return fig, ax
    values = matrix.to_numpy(dtype=float)
    vmax = max(float(np.nanmax(values)) if np.isfinite(values).any() else 0.0, 0.05)
    image = ax.imshow(values, cmap="viridis", vmin=0, vmax=vmax, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if np.isfinite(v) and v >= 0.005:
            ax.text(j, i, f"{100 * v:.0f}", ha="center", va="center", fontsize=6.5,
                    color="white" if v < 0.6 * vmax else "black")
    ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=7)
    for label, r in zip(ax.get_yticklabels(), matrix.index, strict=True):
        if r in set(faint):
            label.set_color("#999999")
    ax.set_xlabel(t("est.axis.partner_country", lang=lang))
    ax.set_ylabel(t("est.axis.town_country", lang=lang))
    if other is not None:
        ax.text(len(cols) - 0.3, -0.9, t("est.matrix.other", lang=lang), fontsize=6.5,
                ha="left", va="center", color="#555555")
        for i, r in enumerate(matrix.index):
            v = float(other.get(r, float("nan")))
            if np.isfinite(v):
                ax.text(len(cols) - 0.3, i, f"{100 * v:.0f} %", fontsize=6.5, ha="left",
                        va="center", color="#555555")
    bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.09, format=_percent())
    bar.set_label(t("est.axis.share_links", lang=lang))
    return fig, ax


def plot_distance_shares(
    table: pd.DataFrame, *, lang: str = "en", ax: Any = None, title: bool = True,
) -> tuple[Any, Any]:
    """Estimated share of links by partner distance band, with 95 % error bars.

    Parameters
    ----------
    table : DataFrame
        One row per band, in order: ``band`` (label), ``estimate``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> tab = pd.DataFrame({"band": ["0-100", "100-500"], "estimate": [0.4, 0.6],
    ...     "ci_low": [0.2, 0.4], "ci_high": [0.6, 0.8]})
    >>> fig, ax = plot_distance_shares(tab)
    >>> ax.get_xlabel()
    'distance to the partner town (km, great circle)'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(table, ["band", *_CI], "distance table")
    with style():
        fig, ax = _figure(ax, (8, 4.4))
    if title:
        ax.set_title(t("est.distance.title", lang=lang))
    ax.set_xlabel(t("est.axis.distance", lang=lang))
    ax.set_ylabel(t("est.axis.share_links", lang=lang))
    if table.empty:
        _no_data(ax, lang)
        return fig, ax
    x = np.arange(len(table))
    ax.bar(x, table["estimate"], color="#009E73", alpha=0.8, width=0.75,
           label=t("est.legend.estimate", lang=lang))
    ax.errorbar(x, table["estimate"], yerr=_err(table, "ci_low", "ci_high", "estimate"),
                fmt="none", ecolor="#222222", capsize=3, lw=1,
                label=t("est.legend.ci", lang=lang))
    ax.set_xticks(x, list(table["band"]))
    ax.yaxis.set_major_formatter(_percent())
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", frameon=False)
    return fig, ax


def plot_phase_estimates(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    min_links: int = 20,
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Share of each O'Toole phase among the links of each decade, with n links per decade.

    Decades with fewer than ``min_links`` phased links are not drawn (their count is still
    written under the axis, in grey), so that a decade of five links does not show as a
    100 % certainty. Intervals (when the table has them) are drawn as error bars, clipped
    to [0, 1].

    Parameters
    ----------
    table : DataFrame
        Long: ``decade``, ``phase``, ``estimate``, ``n_links``; optionally ``ci_low``,
        ``ci_high`` (:func:`paradiplo_net.survey.phase_shares`).
    min_links : int, default 20

    Examples
    --------
    >>> import pandas as pd
    >>> tab = pd.DataFrame({"decade": [1960, 1960, 1960], "phase": ["associative",
    ...     "reciprocal", "commercial"], "estimate": [0.5, 0.3, 0.2], "n_links": [30] * 3})
    >>> fig, ax = plot_phase_estimates(tab)
    >>> ax.get_ylabel()
    'share of the decade\u2019s links with a recorded phase'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(table, ["decade", "phase", "estimate", "n_links"], "phase table")
    with style():
        fig, ax = _figure(ax, (9, 4.6))
    if title:
        ax.set_title(t("est.phases.title", lang=lang))
    ax.set_xlabel(t("est.axis.decade", lang=lang))
    ax.set_ylabel(t("est.axis.share_phased", lang=lang))
    if table.empty:
        _no_data(ax, lang)
        return fig, ax
    n = table.groupby("decade")["n_links"].first()
    enough = n[n >= min_links].index
    offsets = dict(zip(PHASES, (-1.6, 0.0, 1.6), strict=False))
    for phase in PHASES:
        sub = table[(table["phase"] == phase) & table["decade"].isin(enough)].sort_values(
            "decade")
        if sub.empty:
            continue
        x = sub["decade"].to_numpy(dtype=float) + offsets.get(phase, 0.0)
        yerr = (_err(sub.assign(ci_high=sub["ci_high"].clip(upper=1.0)), "ci_low", "ci_high",
                     "estimate") if {"ci_low", "ci_high"} <= set(sub.columns) else None)
        ax.errorbar(x, sub["estimate"], yerr=yerr, color=PHASE_COLORS[phase], marker="o",
                    ms=4, lw=1.6, capsize=2, label=t(f"phase.{phase}", lang=lang))
    ax.set_ylim(-0.12, 1.05)
    ax.axhline(0, color="#DDDDDD", lw=0.6, zorder=0)
    ax.yaxis.set_major_formatter(_percent())
    ax.set_xticks(list(n.index), [_decade_label(int(d), {}, lang) for d in n.index])
    ax.set_xlim(float(min(n.index)) - 6, float(max(n.index)) + 6)
    for decade, k in n.items():
        color = "#333333" if decade in enough else GREY
        ax.text(float(decade), -0.08, f"n={int(k)}", ha="center", va="center", fontsize=7,
                color=color)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(title=t("phase.title", lang=lang), loc="upper left",
                  bbox_to_anchor=(1.0, 1.0), frameon=False)
    else:  # every decade has too few phased links
        _no_data(ax, lang)
    return fig, ax

