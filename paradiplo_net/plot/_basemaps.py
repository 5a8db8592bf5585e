"""Offline base maps (Basemap, Robinson) and projecting great-circle arcs onto them."""

from __future__ import annotations

import logging
import pickle
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal

import networkx as nx
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.path import Path
from matplotlib.transforms import Bbox

from .._files import atomic_path
from ..model import check_option
from ._style import _BORDER, _LAND, _figure

log = logging.getLogger(__name__)

#: Version of the cached base maps' layout (part of the file name: bump it to rebuild them).
_CACHE_FORMAT = 1


def _cached(name: str, build: Callable[[], Any]) -> Any:
    """A base map with its country borders read, from the on-disk cache or built and stored.

    Basemap projects and clips its coastline and border data in Python when it is built
    (0.9 s for the world and Europe maps, every new process: each notebook, command and
    main job). Built once, the map is kept as a pickle under
    ``settings.cache_dir / "basemaps"`` (1.6 MB and 0.4 MB), named by its parameters and the
    installed basemap and basemap-data versions, and read back in 0.02 s. The cache is this
    user's own, as the downloads beside it; a file that cannot be read is rebuilt, and a
    cache that cannot be written is skipped.
    """
    from importlib import metadata

    from ..settings import settings

    versions = "-".join(metadata.version(d) for d in ("basemap", "basemap-data"))
    path = settings.cache_dir / "basemaps" / f"{name}-{versions}-v{_CACHE_FORMAT}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError) as exc:
        log.info("base map cache %s unreadable (%s): rebuilt", path, exc)
    m = build()
    # what Basemap.drawcountries reads on first use, kept on the instance
    m.cntrysegs, _types = m._readboundarydata("countries")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp, tmp.open("wb") as fh:
            pickle.dump(m, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError as exc:
        log.info("base map cache %s not written (%s)", path, exc)
    return m


def _basemap_class() -> Any:
    with warnings.catch_warnings():
        # basemap's compiled _geoslib was built against an older numpy ABI; numpy says so
        # with a harmless RuntimeWarning at import (a known, benign message).
        warnings.filterwarnings(
            "ignore", message="numpy.ndarray size changed", category=RuntimeWarning
        )
        from mpl_toolkits.basemap import Basemap
    return Basemap


@lru_cache(maxsize=2)
def _basemap(resolution: str) -> Any:
    Basemap = _basemap_class()
    return _cached(f"robin-{resolution}",
                   lambda: Basemap(projection="robin", lon_0=0, resolution=resolution))


def _fill_land(m: Any, ax: Any) -> PolyCollection:
    """Land filled, lakes white: Basemap's ``fillcontinents`` as one collection.

    ``fillcontinents`` adds one patch per polygon, each updating the axes' data limits (about
    0.3 s per world map) and written as a separate clipped path in SVG; one collection of the
    same polygons, colours and order gives the same pixels.
    """
    polys, colors = [], []
    for (x, y), kind in zip(m.coastpolygons, m.coastpolygontypes, strict=True):
        # float32 vertices, as fillcontinents makes them
        polys.append(np.column_stack([np.asarray(x, np.float32), np.asarray(y, np.float32)]))
        colors.append("white" if kind in (2, 4) else _LAND)  # 2, 4: lakes
    land = PolyCollection(polys, facecolors=colors, edgecolors=colors, linewidths=0, zorder=1)
    ax.add_collection(land, autolim=False)
    m.set_axes_limits(ax=ax)
    m._cliplimb(ax, land)  # clipped to the map's outline, as fillcontinents does
    return land


def base_map(
    ax: Any = None, *, resolution: Literal["c", "l"] = "c", figsize: tuple[float, float] = (10, 5.4)
) -> tuple[Any, Any, Any]:
    """An offline world map (Robinson projection): land, coastlines and country borders.

    Parameters
    ----------
    ax : matplotlib Axes, optional
    resolution : {"c", "l"}, default "c"
        Outline resolution of ``basemap-data`` (crude or low); no download.
    figsize : (float, float)
        Size of a new figure.

    Returns
    -------
    fig, ax, m
        ``m`` is the :class:`mpl_toolkits.basemap.Basemap`; ``m(lon, lat)`` projects.

    Examples
    --------
    >>> fig, ax, m = base_map()
    >>> x, y = m(0.0, 0.0)
    >>> bool(x > 0 and y > 0)
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_option("resolution", resolution, ("c", "l"))
    fig, ax = _figure(ax, figsize)
    m = _basemap(resolution)
    limb = m.drawmapboundary(ax=ax, color="#888888", linewidth=0.5, fill_color="white", zorder=0)
    land = _fill_land(m, ax)
    coasts = m.drawcoastlines(ax=ax, linewidth=0.3, color=_BORDER, zorder=2)
    borders = m.drawcountries(ax=ax, linewidth=0.25, color=_BORDER, zorder=2)
    # cut Antarctica (no twinned cities) to give the data more room
    y_south = m(0.0, -60.0)[1]
    # close the outline along the cut (a straight parallel in the Robinson projection)
    x_west, x_east = m(-179.999, -60.0)[0], m(179.999, -60.0)[0]
    ax.plot([x_west, x_east], [y_south, y_south], color="#888888", lw=0.5, zorder=6,
            clip_on=False, solid_capstyle="butt", gid="map-outline-south")
    ax.set_ylim(y_south, m.ymax)
    ax.set_xlim(m.xmin, m.xmax)
    # the outline, which clips land, coasts and arcs, ends at the cut too: SVG and PDF apply
    # an artist's clip path *instead of* the axes box, so Antarctica showed below the map
    box = Bbox([[m.xmin - 1.0, y_south], [m.xmax + 1.0, m.ymax + 1.0]])
    limb.set_xy(Path(limb.get_xy()).clip_to_bbox(box).vertices)
    # land, coasts and borders are projected from the globe, so they lie inside the outline:
    # the axes box clips them at the cut as the outline does (the same pixels, but for the
    # antialiasing of a few dozen along the outline), and Agg and SVG clip their 725 paths
    # by a box instead of a curved path (SVG formatted its transform for each: 0.2 s a map)
    for artist in (land, coasts, borders):
        artist.set_clip_path(ax.patch)
    ax.set_axis_off()
    return fig, ax, m


#: Longitude / latitude box of the Europe inset (the densest part of every map).
EUROPE_BOX: tuple[float, float, float, float] = (-11.0, 34.0, 33.0, 61.0)


@lru_cache(maxsize=1)
def _europe_basemap() -> Any:
    Basemap = _basemap_class()
    lon0, lat0, lon1, lat1 = EUROPE_BOX
    return _cached(
        "europe-merc-l",
        lambda: Basemap(projection="merc", llcrnrlon=lon0, llcrnrlat=lat0, urcrnrlon=lon1,
                        urcrnrlat=lat1, resolution="l"),
    )


def warm_up() -> None:
    """Load the world and Europe base maps, with their country borders, now.

    The main job calls it before forking its workers, which then share the outlines instead
    of each loading them again (from the disk cache of :func:`_cached`, or built: 0.9 s).

    Examples
    --------
    >>> warm_up()
    >>> hasattr(_basemap("c"), "cntrysegs")
    True
    """
    _basemap("c")
    _europe_basemap()


def _europe_inset(ax: Any, world: Any = None) -> tuple[Any, Any]:
    """An inset map of Europe in the empty south-east Pacific corner of a world map.

    With ``world`` (the world Basemap of ``ax``) the inset's box is outlined on the world map.
    """
    iax = ax.inset_axes([0.0, 0.02, 0.27, 0.42])
    m = _europe_basemap()
    if world is not None:
        lon0, lat0, lon1, lat1 = EUROPE_BOX
        lons = np.r_[
            np.linspace(lon0, lon1, 20),
            np.full(20, lon1),
            np.linspace(lon1, lon0, 20),
            np.full(20, lon0),
        ]
        lats = np.r_[
            np.full(20, lat0),
            np.linspace(lat0, lat1, 20),
            np.full(20, lat1),
            np.linspace(lat1, lat0, 20),
        ]
        bx, by = world(lons, lats)
        ax.plot(bx, by, color="#666666", lw=0.6, ls="--", zorder=6)
    m.drawmapboundary(ax=iax, color="#888888", linewidth=0.6, fill_color="white", zorder=0)
    _fill_land(m, iax)
    m.drawcoastlines(ax=iax, linewidth=0.3, color=_BORDER, zorder=2)
    m.drawcountries(ax=iax, linewidth=0.25, color=_BORDER, zorder=2)
    iax.set_xlim(m.xmin, m.xmax)
    iax.set_ylim(m.ymin, m.ymax)
    iax.set_aspect("equal", anchor="SW")
    iax.set_xticks([])
    iax.set_yticks([])
    for side in iax.spines.values():
        side.set_visible(True)
        side.set_color("#666666")
        side.set_linewidth(0.6)
    return iax, m


def _in_europe(G: nx.MultiDiGraph, nodes: Sequence[Any]) -> np.ndarray:
    lon0, lat0, lon1, lat1 = EUROPE_BOX
    out = []
    for n in nodes:
        lat, lon = G.nodes[n].get("lat"), G.nodes[n].get("lon")
        out.append(
            lat is not None and lon is not None and lat0 <= lat <= lat1 and lon0 <= lon <= lon1
        )
    return np.array(out, dtype=bool)


def _arc_segments(
    m: Any, a: tuple[float, float], b: tuple[float, float], *, n: int
) -> list[np.ndarray]:
    """Projected pieces of the great-circle arc from ``a`` to ``b`` ((lat, lon) pairs)."""
    from ..geo import great_circle_points

    (lat1, lon1), (lat2, lon2) = a, b

    try:
        pts = great_circle_points(lat1, lon1, lat2, lon2, n=n)
    except ValueError:
        return []
    lat, lon = list(pts[:, 0]), list(pts[:, 1])
    pieces: list[tuple[list[float], list[float]]] = [([lat[0]], [lon[0]])]
    for i in range(1, len(lat)):
        if abs(lon[i] - lon[i - 1]) > 180:
            # crossing the map edge (the date line): end this piece on the edge, start the
            # next on the opposite edge, at the linearly interpolated latitude
            edge = 179.999 if lon[i - 1] > 0 else -179.999
            unwrapped = lon[i] + (360 if lon[i - 1] > 0 else -360)
            f = (edge - lon[i - 1]) / (unwrapped - lon[i - 1])
            lat_c = lat[i - 1] + f * (lat[i] - lat[i - 1])
            pieces[-1][0].append(lat_c)
            pieces[-1][1].append(edge)
            pieces.append(([lat_c], [-edge]))
        pieces[-1][0].append(lat[i])
        pieces[-1][1].append(lon[i])
    out = []
    for la, lo in pieces:
        if len(la) >= 2:
            x, y = m(np.asarray(lo), np.asarray(la))
            out.append(np.column_stack([x, y]))
    return out


#: Longest step between the points of a drawn arc, in degrees of the great circle. A chord of
#: 3 degrees departs from the arc by 0.03 % of the earth's radius: a sixth of a pixel on a
#: 300-dpi world map. Short arcs (most twinning links) are drawn with a few points, long
#: ones with up to the caller's ``n``: a third of the points of a world-size map, whose
#: drawing time goes mostly on its points.
ARC_STEP_DEG = 3.0


def _arc_points(lat1: Any, lon1: Any, lat2: Any, lon2: Any, n: int) -> np.ndarray:
    """Points of each arc: one per :data:`ARC_STEP_DEG` of its length, 2 to ``n``.

    An arc with a missing end gets ``n`` (it is not drawn).
    """
    p1, l1, p2, l2 = (np.radians(np.asarray(x, dtype=float).ravel())
                      for x in (lat1, lon1, lat2, lon2))
    cos_omega = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(l2 - l1)
    degrees = np.degrees(np.arccos(np.clip(cos_omega, -1.0, 1.0)))
    steps = np.ceil(np.nan_to_num(degrees, nan=360.0) / ARC_STEP_DEG) + 1
    return np.clip(steps, 2, max(n, 2)).astype(int)


def _arcs_segments(
    m: Any, lat1: Any, lon1: Any, lat2: Any, lon2: Any, *, n: int
) -> tuple[list[np.ndarray], np.ndarray]:
    """Projected pieces of many great-circle arcs, computed in vectorised steps.

    Each arc gets one point per :data:`ARC_STEP_DEG` degrees of its length (at least 2, at
    most ``n``); the arcs with the same number of points are computed together. Returns the
    pieces in the arcs' order and, for each piece, the index of its arc (so colours computed
    once per arc can be repeated per piece). Arcs with a missing end or antipodal ends give
    no piece. Arcs that cross the date line (few) are split by :func:`_arc_segments`.
    """
    from ..geo import great_circle_arcs

    la1, lo1, la2, lo2 = (np.asarray(x, dtype=float).ravel() for x in (lat1, lon1, lat2, lon2))
    points = _arc_points(la1, lo1, la2, lo2, n)
    segs: list[np.ndarray] = []
    owner: list[int] = []
    for k in np.unique(points):
        idx = np.flatnonzero(points == k)
        lat, lon, ok = great_circle_arcs(la1[idx], lo1[idx], la2[idx], lo2[idx], n=int(k))
        crosses = ok & (np.abs(np.diff(lon, axis=1)) > 180).any(axis=1)
        plain = np.flatnonzero(ok & ~crosses)
        x, y = m(lon[plain].ravel(), lat[plain].ravel())
        xy = np.stack([np.asarray(x), np.asarray(y)], axis=-1).reshape(len(plain), int(k), 2)
        segs.extend(xy)
        owner.extend(idx[plain].tolist())
        for i in np.flatnonzero(crosses):
            a = (float(lat[i, 0]), float(lon[i, 0]))
            b = (float(lat[i, -1]), float(lon[i, -1]))
            pieces = _arc_segments(m, a, b, n=int(k))
            segs.extend(pieces)
            owner.extend([int(idx[i])] * len(pieces))
    order = np.argsort(np.asarray(owner, dtype=int), kind="stable")
    return [segs[i] for i in order], np.asarray(owner, dtype=int)[order]


def _node_coords(G: nx.MultiDiGraph, nodes: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude arrays of ``nodes`` (NaN where missing)."""
    data = G.nodes
    lat = np.array(
        [np.nan if data[n].get("lat") is None else float(data[n]["lat"]) for n in nodes],
        dtype=float,
    )
    lon = np.array(
        [np.nan if data[n].get("lon") is None else float(data[n]["lon"]) for n in nodes],
        dtype=float,
    )
    return lat, lon


def _city_xy(
    G: nx.MultiDiGraph, m: Any, nodes: Sequence[Any]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lat = np.array(
        [np.nan if G.nodes[n].get("lat") is None else float(G.nodes[n]["lat"]) for n in nodes],
        dtype=float,
    )
    lon = np.array(
        [np.nan if G.nodes[n].get("lon") is None else float(G.nodes[n]["lon"]) for n in nodes],
        dtype=float,
    )
    ok = ~(np.isnan(lat) | np.isnan(lon))
    x = np.full(len(nodes), np.nan)
    y = np.full(len(nodes), np.nan)
    if ok.any():
        px, py = m(lon[ok], lat[ok])
        x[ok], y[ok] = px, py
    return x, y, ok
