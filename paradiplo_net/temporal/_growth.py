"""Growth tables: links formed, ended, cumulative and active per period and group (private)."""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_graph, check_option, check_year
from ..model import PHASES
from ._eras import ERAS, era_of, normalize_eras
from ._snapshots import Undated, _check_undated, _dated_edges

logger = logging.getLogger(__name__)



#: Groupings accepted by :func:`growth` ``by=``.
GROWTH_BY: tuple[str | None, ...] = (
    None, "phase", "era", "country", "country_pair", "continent", "continent_pair",
)


_UNKNOWN = "??"


def decade(year: Any) -> Any:
    """Decade of a year (1987 -> 1980); None stays None; a Series gives an ``Int64`` Series.

    Examples
    --------
    >>> decade(1987), decade(1990), decade(None)
    (1980, 1990, None)
    >>> decade(pd.Series([1913, None, 2014], dtype="Int64")).tolist()
    [1910, <NA>, 2010]
    """
    if isinstance(year, pd.Series):
        return (year.astype("Int64") // 10) * 10
    if year is None or (isinstance(year, float) and math.isnan(year)) or year is pd.NA:
        return None
    return (int(year) // 10) * 10


def _continent_lookup(
    G: nx.MultiDiGraph, continents: Mapping[str, str] | None
) -> Callable[[Any], str]:
    if continents is None:
        try:
            from .. import geo
            geo_continent = geo.continent
        except (ImportError, AttributeError) as exc:  # pragma: no cover - geo ships with us
            raise ImportError(
                "paradiplo_net.geo.continent is not available; "
                "pass continents={'FR': 'Europe', ...}"
            ) from exc
    cache: dict[Any, str] = {}

    def lookup(node: Any) -> str:
        if node in cache:
            return cache[node]
        d = G.nodes[node]
        value = d.get("continent")
        cc = d.get("country")
        if value is None and cc is not None:
            value = continents.get(cc) if continents is not None else geo_continent(cc)
        cache[node] = str(value) if value else _UNKNOWN
        return cache[node]

    return lookup


def _pair(a: str, b: str, direction: str) -> str:
    return f"{a}->{b}" if direction == "directed" else "-".join(sorted((a, b)))


def _growth_table(
    records: Sequence[tuple[int, float, Sequence[str]]],
    *,
    freq: str,
    start: int | None,
    end: int | None,
    group_order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """(year, end_year or inf, groups) records -> tidy table.

    Columns: period, group, new, ended, cumulative, active.
    """
    col = "year" if freq == "year" else "decade"
    cols = [col, "group", "new", "ended", "cumulative", "active"]

    def per(y: float) -> int:
        return int(y) if freq == "year" else (int(y) // 10) * 10

    new: defaultdict[str, Counter[int]] = defaultdict(Counter)
    ended: defaultdict[str, Counter[int]] = defaultdict(Counter)
    for y, e, groups in records:
        for g in groups:
            new[g][per(y)] += 1
            if e != math.inf:
                ended[g][per(e)] += 1
    periods = [p for c in (*new.values(), *ended.values()) for p in c]
    if start is not None:
        periods.append(per(start))
    if end is not None:
        periods.append(per(end))
    if not new or not periods:
        frame = pd.DataFrame({c: pd.Series(dtype="int64") for c in cols})
        frame["group"] = frame["group"].astype("object")
        return frame
    step = 1 if freq == "year" else 10
    grid = np.arange(min(periods), max(periods) + 1, step)
    groups = list(group_order) if group_order is not None else sorted(new)
    groups += [g for g in sorted(new) if g not in groups]
    parts = []
    for g in groups:
        n_arr = np.array([new[g].get(p, 0) for p in grid.tolist()], dtype="int64")
        e_arr = np.array([ended[g].get(p, 0) for p in grid.tolist()], dtype="int64")
        cum = np.cumsum(n_arr)
        parts.append(pd.DataFrame({col: grid, "group": g, "new": n_arr, "ended": e_arr,
                                   "cumulative": cum, "active": cum - np.cumsum(e_arr)}))
    frame = pd.concat(parts, ignore_index=True)
    frame["group"] = frame["group"].astype("object")
    lo = per(start) if start is not None else -math.inf
    hi = per(end) if end is not None else math.inf
    frame = frame[(frame[col] >= lo) & (frame[col] <= hi)]
    return frame.sort_values([col, "group"], key=lambda s: s.map(
        {g: i for i, g in enumerate(groups)}) if s.name == "group" else s,
        kind="stable", ignore_index=True)


KeyFunc = Callable[[Any, Any, Mapping[str, Any], int], Sequence[str]]


def _check_span(start: Any, end: Any) -> tuple[int | None, int | None]:
    """Optional inclusive period bounds ``start <= end``."""
    lo = check_year("start", start, optional=True)
    hi = check_year("end", end, optional=True)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"start {lo} is after end {hi}; give start <= end (both inclusive)")
    return lo, hi


def _place_key(
    G: nx.MultiDiGraph, by: str, continents: Mapping[str, str] | None, direction: str
) -> KeyFunc:
    """Group key of a link for the country / continent groupings of :func:`growth`."""
    where: Callable[[Any], str]
    if by.startswith("country"):
        def where(n: Any) -> str:
            return G.nodes[n].get("country") or _UNKNOWN
    else:
        where = _continent_lookup(G, continents)
    if by.endswith("_pair"):
        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return (_pair(where(u), where(v), direction),)
    else:
        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            a, b = where(u), where(v)
            return (a,) if a == b else (a, b)
    return key


def _group_key(
    G: nx.MultiDiGraph, by: str | None, edges: Sequence[tuple], *,
    eras: Any, continents: Mapping[str, str] | None, direction: str,
) -> tuple[KeyFunc, list[str] | None]:
    """(group key of a link, order of the groups or None for sorted) for :func:`growth`."""
    if by is None:
        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return ("all",)
        return key, None
    if by == "phase":
        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return (d.get("phase") or "none",)
        return key, [*PHASES, "none"]
    if by == "era":
        table = normalize_eras(eras)
        years = sorted({r[4] for r in edges})
        era_map = dict(zip(years, era_of(pd.Series(years), table), strict=True))

        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return (era_map[y] or "none",)
        return key, [*table["name"], "none"]
    return _place_key(G, by, continents, direction), None


def growth(
    G: nx.MultiDiGraph,
    *,
    by: Literal["phase", "era", "country", "country_pair", "continent", "continent_pair"]
    | None = None,
    freq: Literal["year", "decade"] = "year",
    direction: Literal["undirected", "directed"] = "undirected",
    start: int | None = None,
    end: int | None = None,
    undated: Undated = "exclude",
    assume_year: int | None = None,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] = ERAS,
    continents: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """New, ended, cumulative and active links per year (or decade), optionally by group.

    Each edge (one recorded statement; a reciprocal pair counts twice, parallel agreements
    count separately) is counted in the period of its ``year``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    by : {None, "phase", "era", "country", "country_pair", "continent", "continent_pair"}
        ``None``: one group ``"all"``. ``"phase"``: the edge's phase or ``"none"``.
        ``"era"``: era of the formation year (``"none"`` outside every era).
        ``"country"`` / ``"continent"``: the link counts once for each distinct country
        (continent) of its two cities, so a France-Germany link counts for FR and for DE
        and group totals exceed the number of links; a domestic link counts once.
        ``"country_pair"`` / ``"continent_pair"``: ``"DE-FR"`` (unordered, sorted) or
        ``"DE->FR"`` (source -> target) with ``direction="directed"``. Unknown countries and
        continents are ``"??"``. Continents come from a node's ``continent`` attribute, else
        ``continents[country]``, else :func:`paradiplo_net.geo.continent`.
    freq : {"year", "decade"}, default "year"
        Period of the first column (named ``year`` or ``decade``; decade 1980 = 1980-1989).
    direction : {"undirected", "directed"}, default "undirected"
        Pair keys of the ``*_pair`` groupings.
    start, end : int, optional
        Inclusive range of periods shown; the table always runs without gaps from the first
        to the last period with a formed or ended link. ``cumulative`` and ``active`` include
        links formed before ``start``.
    undated, assume_year
        As in :func:`snapshot`.
    eras : DataFrame or sequence of (name, start, end), default :data:`ERAS`
        Used with ``by="era"``.
    continents : mapping of country code -> continent, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (or ``decade``), ``group``, ``new`` (formed in the period),
        ``ended`` (ended in the period), ``cumulative`` (formed to date, ended or not),
        ``active`` (cumulative minus ended to date), every period x group present (zeros
        filled). ``attrs``: ``links`` (links counted), ``excluded_undated``,
        ``assumed_undated``, ``assume_year``, ``ended`` (links counted that have ended),
        ``by``, ``freq``, ``direction``.

    Raises
    ------
    ValueError
        Unknown option; ``assume_year`` missing or superfluous; ``start`` after ``end``.

    See Also
    --------
    pair_growth : links between two countries, or one country and the world.

    References
    ----------
    Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and
    historical perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> t = growth(G, freq="decade")
    >>> t
        decade group  new  ended  cumulative  active
    0     1940   all    2      0           2       2
    1     1950   all    3      0           5       5
    2     1960   all    1      0           6       6
    3     1970   all    1      0           7       7
    4     1980   all    0      0           7       7
    5     1990   all    2      0           9       9
    6     2000   all    1      0          10      10
    7     2010   all    1      0          11      11
    8     2020   all    0      1          11      10
    >>> t.attrs["excluded_undated"], t.attrs["ended"]
    (1, 1)
    >>> p = growth(G, by="country_pair", freq="decade")
    >>> p.loc[(p["decade"] == 1990) & (p["new"] > 0), "group"].tolist()
    ['ID-KR', 'RU-US']
    """
    check_graph(G)
    check_option("by", by, GROWTH_BY)
    check_option("freq", freq, ("year", "decade"))
    check_option("direction", direction, ("undirected", "directed"))
    lo, hi = _check_span(start, end)
    assume = _check_undated(undated, assume_year)
    edges, n_undated, n_assumed = _dated_edges(G, assume)
    key, group_order = _group_key(G, by, edges, eras=eras, continents=continents,
                                  direction=direction)
    records = [(y, e, key(u, v, d, y)) for u, v, _, d, y, e in edges]
    frame = _growth_table(records, freq=freq, start=lo, end=hi, group_order=group_order)
    n_ended = sum(1 for r in records if r[1] != math.inf)
    frame.attrs.update(links=len(records), excluded_undated=n_undated, assumed_undated=n_assumed,
                       assume_year=assume, ended=n_ended, by=by, freq=freq, direction=direction)
    logger.info("growth(by=%s): %d links counted, %d of them ended; %d undated excluded, "
                "%d given the assumed year %s", by, len(records), n_ended, n_undated, n_assumed,
                assume)
    return frame


def pair_growth(
    G: nx.MultiDiGraph,
    a: str,
    b: str = "world",
    *,
    freq: Literal["year", "decade"] = "year",
    start: int | None = None,
    end: int | None = None,
    undated: Undated = "exclude",
    assume_year: int | None = None,
) -> pd.DataFrame:
    """Growth of the links between countries ``a`` and ``b`` (or ``a`` and the world).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    a : str
        ISO 3166-1 alpha-2 code, e.g. ``"DE"``.
    b : str, default "world"
        Another country code (links between ``a`` and ``b`` in either direction; ``b == a``
        gives domestic links), or ``"world"``: every link with ``a`` on one side and a
        different (or unknown) country on the other. Domestic links are not "world" links.
    freq, start, end, undated, assume_year
        As in :func:`growth`.

    Returns
    -------
    pandas.DataFrame
        The :func:`growth` columns for one group (``"DE-FR"``, sorted; or ``"CN-world"``)
        plus ``links_of_a`` (new links of ``a`` with anyone, domestic included, in the
        period) and ``share`` = ``new / links_of_a`` (NaN when ``a`` formed no link).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> pair_growth(G, "US", "JP", freq="decade")
       decade  group  new  ended  cumulative  active  links_of_a  share
    0    1950  JP-US    1      0           1       1           1    1.0
    1    1960  JP-US    0      0           1       1           0    NaN
    2    1970  JP-US    0      0           1       1           0    NaN
    3    1980  JP-US    0      0           1       1           0    NaN
    4    1990  JP-US    0      0           1       1           1    0.0
    5    2000  JP-US    0      0           1       1           0    NaN
    6    2010  JP-US    0      0           1       1           0    NaN
    7    2020  JP-US    0      0           1       1           0    NaN
    >>> int(pair_growth(G, "JP", freq="decade")["new"].sum())  # F->G, H->J (not G->J, E->G)
    2
    """
    check_graph(G)
    check_option("freq", freq, ("year", "decade"))
    for name, code in (("a", a), ("b", b)):
        is_world = name == "b" and code == "world"
        if not is_world and not (isinstance(code, str) and len(code) == 2):
            raise ValueError(f"{name}={code!r}: expected an ISO 3166-1 alpha-2 code like 'FR'"
                             + (" or 'world'" if name == "b" else ""))
    lo, hi = _check_span(start, end)
    assume = _check_undated(undated, assume_year)
    edges, n_undated, n_assumed = _dated_edges(G, assume)
    label = f"{a}-world" if b == "world" else _pair(a, b, "undirected")
    pair_records, a_records = [], []
    for u, v, _, _d, y, e in edges:
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if a not in (cu, cv):
            continue
        a_records.append((y, e, ("a",)))
        other = cv if cu == a else cu
        hit = other != a if b == "world" else {cu, cv} == {a, b}
        if hit:
            pair_records.append((y, e, (label,)))
    # the table spans every period in which `a` formed or ended a link (or start..end)
    span = [r[0] for r in a_records] + [int(r[1]) for r in a_records if r[1] != math.inf]
    lo_grid = lo if lo is not None else (min(span) if span else None)
    hi_grid = hi if hi is not None else (max(span) if span else None)
    frame = _growth_table(pair_records, freq=freq, start=lo_grid, end=hi_grid)
    col = frame.columns[0]
    if len(frame) == 0:
        frame["links_of_a"] = pd.Series(dtype="int64")
        frame["share"] = pd.Series(dtype="float64")
    else:
        per_a = _growth_table(a_records, freq=freq, start=lo, end=hi).set_index(col)["new"]
        frame["links_of_a"] = frame[col].map(per_a).fillna(0).astype("int64")
        with np.errstate(divide="ignore", invalid="ignore"):
            share = (frame["new"].to_numpy(dtype="float64")
                     / frame["links_of_a"].to_numpy(dtype="float64"))
        frame["share"] = np.where(frame["links_of_a"].to_numpy() > 0, share, np.nan)
    frame.attrs.update(links=len(pair_records), links_of_a=len(a_records),
                       excluded_undated=n_undated, assumed_undated=n_assumed, assume_year=assume,
                       ended=sum(1 for r in pair_records if r[1] != math.inf), a=a, b=b, freq=freq)
    return frame
