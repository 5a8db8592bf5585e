"""Palettes, rc settings and small drawing helpers shared by every plot."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from .._checks import check_lang
from ..errors import SchemaError, format_problems
from ..i18n import t
from ..model import check_option

logger = logging.getLogger(__name__)


#: Okabe-Ito colour-blind-safe palette (black last; yellow kept late, it is pale on white).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    "#000000",
)


#: Colour of each O'Toole phase (and ``"none"``: not recorded), from :data:`OKABE_ITO`.
PHASE_COLORS: dict[str, str] = {
    "associative": "#0072B2",
    "reciprocal": "#009E73",
    "commercial": "#D55E00",
    "none": "#BBBBBB",
}


#: Colour of each era of :data:`paradiplo_net.temporal.ERAS`, used by the figures and the
#: replay (one registry). Neighbouring eras never share a hue: no two blues or greens
#: (Okabe-Ito, plus brown and olive from Tol's muted scheme).
ERA_COLORS: dict[str, str] = {
    "before_1919": "#8C510A",
    "interwar": "#000000",
    "wartime": "#D55E00",
    "postwar": "#E69F00",
    "early_cold_war": "#0072B2",
    "late_cold_war": "#CC79A7",
    "post_cold_war": "#009E73",
    "recent": "#999933",
}


#: Colour of each world region of :data:`paradiplo_net.geo.REGIONS`, used by every figure,
#: the replay and the notebooks, so a region keeps its colour everywhere.
REGION_COLORS: dict[str, str] = {
    "western-europe": "#0072B2",
    "eastern-europe": "#D55E00",
    "north-america": "#E69F00",
    "latin-america": "#009E73",
    "east-asia": "#CC79A7",
    "southeast-asia": "#56B4E9",
    "south-asia": "#8C510A",
    "central-asia": "#01665E",
    "middle-east-north-africa": "#762A83",
    "sub-saharan-africa": "#000000",
    "oceania": "#999933",
}


def palette(kind: str) -> dict[str, str]:
    """The colour registry of ``kind``: ``"phase"``, ``"era"`` or ``"region"`` (a copy).

    The one place where figures, the replay and the notebooks get their category colours;
    grey (:data:`GREY`) always means unknown / not recorded.

    Examples
    --------
    >>> palette("region")["western-europe"], palette("era")["late_cold_war"]
    ('#0072B2', '#CC79A7')
    """
    check_option("kind", kind, ("phase", "era", "region"))
    return dict({"phase": PHASE_COLORS, "era": ERA_COLORS, "region": REGION_COLORS}[kind])


#: Categorical colours for points and lines: Okabe-Ito without its pale yellow (7 colours).
CATEGORICAL: tuple[str, ...] = tuple(c for c in OKABE_ITO if c != "#F0E442")


GREY = "#BBBBBB"


#: Line layers with more elements than this are rasterised inside vector output (SVG, PDF):
#: one embedded image instead of one path per line keeps world-size files small and fast.
RASTER_ABOVE = 2000


_LAND = "#EFEFEF"


_BORDER = "#9A9A9A"


#: Font sizes chosen to stay readable when a 10-inch-wide figure is printed at column width.
_RC = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
}


#: The one language check (:func:`paradiplo_net._checks.check_lang`), under its local name.
_check_lang = check_lang


def _need_columns(table: Any, columns: Sequence[str], what: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(f"{what}: expected a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SchemaError(
            format_problems(
                what,
                [f"missing column {c!r}" for c in missing],
                fix=f"pass the table as returned by the function named in the docstring; it has "
                f"columns {list(columns)} (found {list(table.columns)})",
            )
        )
    return table


def _community_legend(
    ax: Any,
    palette: dict[Any, Any],
    colored: Sequence[Any],
    sizes: Any,
    *,
    rest: bool,
    label_key: str,
    markersize: float,
    lang: str,
    title: str | None = None,
) -> None:
    """Legend below a map: one marker per coloured community, grey for the rest.

    Communities are numbered from 1 with their size; the grey marker stands for the smaller
    communities drawn without colour.
    """
    def marker(color: Any, label: str) -> Line2D:
        return Line2D([], [], marker="o", ls="", color=color, markersize=markersize, label=label)

    handles = [marker(palette[c], t(label_key, lang=lang, n=int(c) + 1, size=int(sizes[c])))
               for c in colored]
    if rest:
        handles.append(marker(GREY, t("plot.other_communities", lang=lang)))
    if not handles:
        _no_data(ax, lang)
        return
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01),
              ncol=min(4, len(handles)), frameon=False, title=title)


@contextmanager
def style(rc: Mapping[str, Any] | None = None) -> Iterator[None]:
    """The package's figure style for everything drawn inside the block.

    :data:`_RC` (font sizes, no top/right spines, SVG text kept as text) updated with ``rc``.
    Unlike a bare :func:`matplotlib.pyplot.rc_context`, it keeps matplotlib's interactive mode
    as drawing left it: in a fresh Jupyter kernel the first figure switches interactive mode
    on, and restoring the old value would stop later figures from showing.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with style({"font.size": 12}):
    ...     plt.rcParams["font.size"]
    12.0
    """
    with plt.rc_context({**_RC, **(rc or {})}):
        try:
            yield
        finally:
            interactive = mpl.rcParams["interactive"]
    plt.interactive(interactive)


def clip_to_map(ax: Any, *artists: Any) -> None:
    """Clip artists (arcs, points) to the outline of the map drawn by :func:`base_map`.

    Great-circle arcs near the poles or the date line would otherwise poke out of the
    Robinson outline. Does nothing on axes without a map outline.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, ax, m = pn.plot.base_map()
    >>> line, = ax.plot([m.xmin, m.xmax], [m.ymax * 1.1, m.ymax * 1.1])
    >>> clip_to_map(ax, line)
    >>> line.get_clip_path() is not None
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    outline = next((p for p in ax.patches if isinstance(p, Polygon)), None)
    if outline is not None:
        for artist in artists:
            artist.set_clip_path(outline)


def _figure(ax: Any, figsize: tuple[float, float]) -> tuple[Any, Any]:
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    return fig, ax


def _no_data(ax: Any, lang: str) -> None:
    ax.text(
        0.5,
        0.5,
        t("plot.no_data", lang=lang),
        ha="center",
        va="center",
        transform=ax.transAxes,
        color="#666666",
    )


def _era_label(row: Any, lang: str) -> str:
    col = f"label_{lang}"
    value = getattr(row, col, None) if hasattr(row, col) else None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return str(row.name).replace("_", " ")
    return str(value)


def _era_rows(eras: Any) -> list[Any]:
    if eras is None:
        return []
    from ..temporal import normalize_eras

    return list(normalize_eras(eras).itertuples(index=False))

def region_label(name: Any, lang: str = "en") -> str:
    """Translated name of a :data:`paradiplo_net.geo.REGIONS` key (the key itself if unknown).

    Examples
    --------
    >>> region_label("western-europe"), region_label("western-europe", lang="id")
    ('Western Europe', 'Eropa Barat')
    >>> region_label("atlantis")
    'atlantis'
    """
    key = f"region.{name}"
    try:
        return t(key, lang=lang)
    except KeyError:
        return str(name)


def _decade_norm(decades: Sequence[int]) -> tuple[Any, Any, list[int]]:
    lo, hi = min(decades), max(decades)
    bounds = list(range(lo, hi + 20, 10))
    # viridis without its palest yellow end, which vanishes on a white map
    cmap = ListedColormap(mpl.colormaps["viridis"](np.linspace(0.0, 0.9, len(bounds) - 1)))
    return cmap, BoundaryNorm(bounds, cmap.N), bounds


def _measure_label(measure: str, lang: str) -> str:
    try:
        return t(f"measure.{measure}", lang=lang)
    except KeyError:
        return measure
