"""Waves: adoption bursts found by peaks or change points, and peak periods of partners."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .. import geo
from .._checks import check_graph, check_int, check_option, check_range, check_year
from ._adoption import _UNKNOWN, _arrays, _group_of_country, _short_repr, seed_countries

logger = logging.getLogger(__name__)



@dataclass
class WavesResult:
    """Waves of new links detected in yearly series, with their parameters.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per wave, sorted by ``start`` then ``group``: ``group``, ``wave`` (1, 2, ...
        within the group), ``start``, ``peak``, ``end`` (years, inclusive), ``size`` (links
        formed from ``start`` to ``end``), ``height`` (smoothed links per year at the peak),
        ``censored`` (the wave touches the edge of the window, so it may begin earlier or end
        later), ``seed`` (the group contains seed countries).
    series : pandas.DataFrame
        Long table ``year``, ``group``, ``new``, ``smoothed`` of the series analysed.
    method : str
    params : dict
        Every parameter, including the penalty actually used per group (``pelt``).
    seed_region : str
    seed_countries : tuple of str
    dataset : str or None
    counts : dict
        ``links``, ``undated``, ``before_since``, ``after_until``, ``unknown_country``,
        ``groups`` (analysed), ``groups_too_small`` (fewer than ``min_size`` links in the
        window), ``waves_too_small`` (detected but smaller than ``min_size``).
    """

    table: pd.DataFrame
    series: pd.DataFrame
    method: str
    params: dict[str, Any]
    seed_region: str
    seed_countries: tuple[str, ...]
    dataset: str | None
    counts: dict[str, Any] = field(default_factory=dict)

    def first_waves(self) -> pd.DataFrame:
        """The first wave of each group, in order of start year (the order of the waves).

        Examples
        --------
        >>> import paradiplo_net as pn
        >>> w = waves(pn.datasets.load("toy"), min_size=1, smooth=1)
        >>> w.first_waves()["group"].tolist()
        ['east-asia', 'north-america', 'western-europe', 'eastern-europe', 'southeast-asia']
        """
        t = self.table.sort_values(["group", "start"]).groupby("group", sort=False).head(1)
        return t.sort_values(["start", "peak", "group"], ignore_index=True)

    def __repr__(self) -> str:
        return _short_repr("WavesResult", method=self.method, waves=len(self.table),
                           groups=self.counts.get("groups"), seed_region=self.seed_region,
                           dataset=self.dataset)


def _smooth(x: np.ndarray, width: int) -> np.ndarray:
    """Centred moving average over ``width`` years, truncated at the ends of the window."""
    if width <= 1 or x.shape[-1] == 0:
        return x.astype(float)
    kernel = np.ones(width)
    half = width // 2
    count = np.convolve(np.ones(x.shape[-1]), kernel, mode="full")[half: half + x.shape[-1]]
    out = np.empty(x.shape, dtype=float)
    for i in range(x.shape[0]):
        out[i] = np.convolve(x[i], kernel, mode="full")[half: half + x.shape[-1]] / count
    return out


def _plateau_mid(s: np.ndarray, lo: int, hi: int) -> int:
    seg = s[lo: hi + 1]
    where = np.flatnonzero(np.isclose(seg, seg.max()))
    return lo + int((where[0] + where[-1]) // 2)


def _trim(raw: np.ndarray, lo: int, hi: int) -> tuple[int, int] | None:
    nz = np.flatnonzero(raw[lo: hi + 1] > 0)
    if not len(nz):
        return None
    return lo + int(nz[0]), lo + int(nz[-1])


def _peaks_waves(raw: np.ndarray, s: np.ndarray, *, prominence: float, min_distance: int,
                 rel_height: float) -> list[tuple[int, int, int]]:
    """(start, peak, end) indices of waves found by scipy.signal.find_peaks."""
    from scipy.signal import find_peaks

    top = float(s.max()) if len(s) else 0.0
    if top <= 0:
        return []
    padded = np.concatenate([[0.0], s, [0.0]])  # lets a maximum at either edge count
    peaks, _ = find_peaks(padded, prominence=max(prominence * top, 1e-9), distance=min_distance)
    peaks = peaks - 1
    out = []
    for j, p in enumerate(peaks):
        left = 0 if j == 0 else int(peaks[j - 1] + np.argmin(s[peaks[j - 1]: p + 1]))
        right = len(s) - 1 if j == len(peaks) - 1 else int(p + np.argmin(s[p: peaks[j + 1] + 1]))
        thr = rel_height * s[p]
        lo = p
        while lo - 1 >= left and s[lo - 1] >= thr and not (lo - 1 == left and j > 0):
            lo -= 1
        hi = p
        while hi + 1 <= right and s[hi + 1] >= thr and not (hi + 1 == right and j < len(peaks) - 1):
            hi += 1
        span = _trim(raw, lo, hi)
        if span is None:
            continue
        start, end = span
        peak = int(p)
        if not start <= peak <= end:
            # the smoothed maximum can fall on a year without links, trimmed off the span:
            # the peak is then the busiest year inside the wave
            peak = start + int(np.argmax(raw[start: end + 1]))
        out.append((start, peak, end))
    return out


def _pelt_penalty(raw: np.ndarray) -> float:
    """BIC-type penalty 2 sigma^2 ln(n); sigma^2 = max(robust noise variance, mean count)."""
    n = len(raw)
    diffs = np.diff(raw.astype(float))
    mad = float(np.median(np.abs(diffs - np.median(diffs)))) if len(diffs) else 0.0
    sigma2 = max((mad / (0.6745 * math.sqrt(2))) ** 2, float(raw.mean()) if n else 0.0, 1e-6)
    return 2.0 * sigma2 * math.log(max(n, 2))


def _pelt_waves(raw: np.ndarray, s: np.ndarray, *, penalty: float | None, min_segment: int
                ) -> tuple[list[tuple[int, int, int]], float]:
    """(start, peak, end) of segments whose mean exceeds both neighbours' (ruptures Pelt, l2)."""
    import ruptures as rpt

    n = len(raw)
    pen = _pelt_penalty(raw) if penalty is None else float(penalty)
    if n < 2 * min_segment or raw.sum() == 0:
        return [], pen
    bkps = rpt.Pelt(model="l2", min_size=min_segment, jump=1).fit(
        raw.astype(float).reshape(-1, 1)).predict(pen=pen)
    bounds = [0, *bkps]
    segs = [(bounds[i], bounds[i + 1] - 1) for i in range(len(bounds) - 1)]
    if len(segs) < 2:
        return [], pen
    means = [float(raw[a: b + 1].mean()) for a, b in segs]
    out = []
    for i, (a, b) in enumerate(segs):
        left = means[i - 1] if i > 0 else -math.inf
        right = means[i + 1] if i < len(segs) - 1 else -math.inf
        if means[i] > left and means[i] > right:
            span = _trim(raw, a, b)
            if span is None:
                continue
            out.append((span[0], _plateau_mid(s, span[0], span[1]), span[1]))
    return out, pen


def _wave_options(
    *, min_size: Any, smooth: Any, prominence: Any, min_distance: Any, rel_height: Any,
    penalty: Any, min_segment: Any,
) -> dict[str, Any]:
    """Check the detection options of :func:`waves`; the checked values by name."""
    opts = {"min_size": check_int("min_size", min_size), "smooth": check_int("smooth", smooth)}
    if opts["smooth"] % 2 == 0:
        raise ValueError(
            f"smooth must be an odd number of years (centred window), got {opts['smooth']}")
    opts["min_distance"] = check_int("min_distance", min_distance)
    opts["min_segment"] = check_int("min_segment", min_segment)
    for name, val in (("prominence", prominence), ("rel_height", rel_height)):
        if not isinstance(val, (int, float)) or not 0 < val <= 1:
            raise ValueError(f"{name} must be a number in (0, 1], got {val!r}")
        opts[name] = val
    if penalty is not None and (not isinstance(penalty, (int, float)) or penalty <= 0):
        raise ValueError(f"penalty must be a positive number or None, got {penalty!r}")
    opts["penalty"] = penalty
    return opts


def _group_year_matrix(
    arr: Any, lo: int, hi: int | None, *, by: str, seed_label: str, seeds: frozenset[str],
) -> tuple[dict[str, int], np.ndarray, list[str], np.ndarray]:
    """(link counts, year grid, group labels, groups x years matrix of new links).

    ``hi`` None: the last dated year (at least ``lo``). A link counts once in each group of
    its two ends (by region) or in its country pair; links with an end of unknown country are
    left out and counted.
    """
    dated = ~np.isnan(arr.year)
    if hi is None:
        hi = max(int(arr.year[dated].max()), lo) if dated.any() else lo
    yrs = arr.year
    inwin = dated & (yrs >= lo) & (yrs <= hi)
    cu, cv = arr.country[arr.u[inwin]], arr.country[arr.v[inwin]]
    ys = yrs[inwin].astype(np.int64) - lo
    unknown = np.array([a is None or b is None for a, b in zip(cu, cv, strict=True)], dtype=bool)
    group_of = _group_of_country("region", seed_label, seeds)
    gi: list[int] = []
    ti: list[int] = []
    names: dict[str, int] = {}
    for a, b, t, unk in zip(cu, cv, ys, unknown, strict=True):
        if unk:
            continue
        keys = ({group_of(a), group_of(b)} - {_UNKNOWN} if by == "region"
                else {"-".join(sorted((a, b)))})
        for key in keys:
            gi.append(names.setdefault(key, len(names)))
            ti.append(int(t))
    mat = np.zeros((len(names), hi - lo + 1), dtype=np.int64)
    if gi:
        np.add.at(mat, (np.asarray(gi), np.asarray(ti)), 1)
    counts = {"links": int(inwin.sum()), "undated": int((~dated).sum()),
              "before_since": int((dated & (yrs < lo)).sum()),
              "after_until": int((dated & (yrs > hi)).sum()),
              "unknown_country": int(unknown.sum())}
    return counts, np.arange(lo, hi + 1), list(names), mat


_WAVE_COLUMNS = {"group": object, "wave": "int64", "start": "int64", "peak": "int64",
                 "end": "int64", "size": "int64", "height": "float64", "censored": bool,
                 "seed": bool}


def _waves_in_groups(
    labels: list[str], mat: np.ndarray, grid: np.ndarray, *, method: str,
    opts: dict[str, Any], is_seed: Any,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float], int]:
    """(wave table, yearly series, PELT penalties used, waves too small) of each group."""
    lo, n_years = int(grid[0]), len(grid)
    sm = _smooth(mat, opts["smooth"]) if len(labels) else np.zeros((0, n_years))
    rows, series, pens, dropped = [], [], {}, 0
    for label, raw, s in zip(labels, mat, sm, strict=True):
        series.append(pd.DataFrame({"year": grid, "group": label, "new": raw, "smoothed": s}))
        if method == "peaks":
            found = _peaks_waves(raw, s, prominence=opts["prominence"],
                                 min_distance=opts["min_distance"],
                                 rel_height=opts["rel_height"])
        else:
            found, pens[label] = _pelt_waves(raw, s, penalty=opts["penalty"],
                                             min_segment=opts["min_segment"])
        k = 0
        for a, p, b in found:
            size = int(raw[a: b + 1].sum())
            if size < opts["min_size"]:
                dropped += 1
                continue
            k += 1
            rows.append({"group": label, "wave": k, "start": lo + a, "peak": lo + p,
                         "end": lo + b, "size": size, "height": float(s[p]),
                         "censored": bool(a == 0 or b == n_years - 1),
                         "seed": is_seed(label)})
    table = pd.DataFrame(rows, columns=list(_WAVE_COLUMNS)).astype(_WAVE_COLUMNS)
    table = table.sort_values(["start", "group", "wave"], ignore_index=True, kind="stable")
    series_frame = (pd.concat(series, ignore_index=True) if series else
                    pd.DataFrame({"year": pd.Series(dtype="int64"),
                                  "group": pd.Series(dtype=object),
                                  "new": pd.Series(dtype="int64"),
                                  "smoothed": pd.Series(dtype="float64")}))
    return table, series_frame, pens, dropped


def waves(
    G: nx.MultiDiGraph,
    *,
    seed_region: str | Iterable[str] = "western-europe",
    since: int = 1945,
    until: int | None = None,
    by: Literal["region", "country_pair"] = "region",
    method: Literal["peaks", "pelt"] = "peaks",
    min_size: int = 5,
    smooth: int = 3,
    prominence: float = 0.25,
    min_distance: int = 5,
    rel_height: float = 0.5,
    penalty: float | None = None,
    min_segment: int = 2,
) -> WavesResult:
    r"""Detect waves of new links per region or per country pair.

    The series of a group is the number of links formed in each year ``since..until``
    (inclusive). With ``by="region"`` a link counts for the region of each end (once when
    both ends are in one region): the region's involvement. With ``by="country_pair"`` a link
    counts for its unordered pair of countries (``"DE-FR"``; domestic ``"JP-JP"``). A custom
    seed set of codes is its own region ``"seed"``.

    ``method="peaks"``: the series is smoothed by a centred moving average over ``smooth``
    years (truncated at the window's ends; 1 = none), and peaks are found with
    :func:`scipy.signal.find_peaks` (prominence at least ``prominence`` times the series'
    maximum, peaks at least ``min_distance`` years apart; a maximum at either end of the
    window counts, and such waves are flagged ``censored``). A wave extends from its peak
    while the smoothed series stays at or above ``rel_height`` times the peak height (never
    past the lowest point between two peaks), then is trimmed to years with at least one link.
    ``peak`` is the peak of the smoothed series (middle of a plateau, rounded down).

    ``method="pelt"``: change points of the raw series by PELT (:class:`ruptures.Pelt`, cost
    ``l2``, ``min_segment`` years at least) with penalty :math:`2\hat\sigma^2 \ln n` (a
    BIC-type penalty; :math:`\hat\sigma^2` the larger of the robust noise variance from the
    median absolute deviation of first differences, :math:`(MAD/(0.6745\sqrt 2))^2`, and the
    mean count, the Poisson variance) unless ``penalty`` is given. A wave is a segment whose
    mean is above both neighbouring segments' (trimmed to years with links); ``peak`` is the
    maximum of the smoothed series inside it.

    Waves with fewer than ``min_size`` links are dropped (counted); groups with fewer than
    ``min_size`` links in the window are not analysed (counted).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    seed_region : str or iterable of str, default "western-europe"
        Marks the seed group(s) (column ``seed``); see the module docstring.
    since, until : int
        Inclusive window; ``until`` defaults to the last dated link's year.
    by : {"region", "country_pair"}, default "region"
    method : {"peaks", "pelt"}, default "peaks"
    min_size : int, default 5
    smooth : int, default 3
        Odd width of the moving average, in years.
    prominence : float, default 0.25
        Relative prominence (``peaks``), in (0, 1].
    min_distance : int, default 5
        Minimum years between two peaks (``peaks``).
    rel_height : float, default 0.5
        Relative height delimiting a wave (``peaks``), in (0, 1].
    penalty : float, optional
        PELT penalty (``pelt``); default as above.
    min_segment : int, default 2
        Minimum segment length in years (``pelt``).

    Returns
    -------
    WavesResult

    Raises
    ------
    ValueError
        Unknown option or seed region, bad numbers, ``since`` after ``until``.

    References
    ----------
    Virtanen, P., et al. (2020). SciPy 1.0: fundamental algorithms for scientific computing in
    Python. *Nature Methods*, 17, 261-272 (``scipy.signal.find_peaks``).

    Killick, R., Fearnhead, P., & Eckley, I. A. (2012). Optimal detection of changepoints with
    a linear computational cost. *JASA*, 107(500), 1590-1598 (PELT).

    Truong, C., Oudre, L., & Vayatis, N. (2020). Selective review of offline change point
    detection methods. *Signal Processing*, 167, 107299 (ruptures).

    Yao, Y.-C. (1988). Estimating the number of change-points via Schwarz' criterion.
    *Statistics & Probability Letters*, 6(3), 181-189.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> from paradiplo_net.model import new_graph
    >>> G = new_graph(dataset="demo")
    >>> for i, (a, b) in enumerate([("FR", "DE")] * 6 + [("DE", "PL")] * 8):
    ...     for n, cc in ((f"{a}{i}", a), (f"{b}{i}", b)):
    ...         G.add_node(n, name=n, country=cc, lat=None, lon=None, level="municipality")
    ...     year = 1950 + i % 3 if a == "FR" else 1991 + i % 4
    ...     _ = G.add_edge(f"{a}{i}", f"{b}{i}", year=year, end_year=None, phase=None,
    ...                phase_source=None, kind="twin_town", dataset="demo")
    >>> w = waves(G, since=1945, until=2000)
    >>> w.table[["group", "start", "peak", "end", "size", "seed"]]
                group  start  peak   end  size   seed
    0  western-europe   1950  1951  1952     6   True
    1  eastern-europe   1991  1992  1994     8  False
    2  western-europe   1991  1992  1994     8   True
    >>> p = waves(G, by="country_pair", method="pelt", until=2000)
    >>> p.table[["group", "start", "end", "size"]]
       group  start   end  size
    0  DE-FR   1950  1952     6
    1  DE-PL   1991  1994     8
    """
    check_graph(G)
    check_option("by", by, ("region", "country_pair"))
    check_option("method", method, ("peaks", "pelt"))
    lo, hi = check_range(since, until)
    seed_label, seeds = seed_countries(seed_region)
    opts = _wave_options(min_size=min_size, smooth=smooth, prominence=prominence,
                         min_distance=min_distance, rel_height=rel_height, penalty=penalty,
                         min_segment=min_segment)
    counts, grid, labels, mat = _group_year_matrix(_arrays(G), lo, hi, by=by, seed_label=seed_label,
                                                   seeds=seeds)
    hi = int(grid[-1])
    totals = mat.sum(axis=1)
    big = [i for i in sorted(range(len(labels)), key=lambda i: labels[i])
           if totals[i] >= opts["min_size"]]

    def is_seed(label: str) -> bool:
        if by == "region":
            return label == seed_label
        return bool(set(label.split("-")) & seeds)

    table, series, pens, dropped = _waves_in_groups(
        [labels[i] for i in big], mat[big], grid, method=method, opts=opts, is_seed=is_seed)
    params: dict[str, Any] = {"since": lo, "until": hi, "by": by, "method": method,
                              "min_size": opts["min_size"], "smooth": opts["smooth"]}
    if method == "peaks":
        params.update(prominence=prominence, min_distance=opts["min_distance"],
                      rel_height=rel_height)
    else:
        params.update(penalty=penalty, penalty_used=pens, min_segment=opts["min_segment"],
                      cost="l2")
    counts.update(groups=len(big), groups_too_small=len(labels) - len(big),
                  waves_too_small=dropped)
    if counts["undated"] or counts["unknown_country"]:
        logger.info("waves: %d undated links and %d links with an end of unknown country "
                    "left out", counts["undated"], counts["unknown_country"])
    return WavesResult(table=table, series=series, method=method, params=params,
                       seed_region=seed_label, seed_countries=tuple(sorted(seeds)),
                       dataset=G.graph.get("dataset"), counts=counts)


def _focal_records(
    arr: Any, focal: str, by: str, lo: int | None, hi: int | None
) -> tuple[pd.DataFrame, int, int]:
    """(partner, year) of each foreign link of ``focal``; domestic and unknown-partner counts."""
    cu, cv = arr.country[arr.u], arr.country[arr.v]
    domestic = unknown = 0
    recs: list[tuple[str, float]] = []
    for a, b, y in zip(cu, cv, arr.year, strict=True):
        if focal not in (a, b):
            continue
        if a == b:
            domestic += 1
            continue
        other = b if a == focal else a
        if other is None:
            unknown += 1
            continue
        key = other if by == "partner_country" else (geo.region_of(other) or _UNKNOWN)
        if not math.isnan(y) and ((lo is not None and y < lo) or (hi is not None and y > hi)):
            continue
        recs.append((key, y))
    frame = pd.DataFrame(recs, columns=["partner", "year"]).astype({"partner": object,
                                                                    "year": "float64"})
    return frame, domestic, unknown


def _period_peaks(
    counts: pd.DataFrame, partners: list[str], min_total: int
) -> tuple[pd.DataFrame, pd.Series]:
    """Per partner: peak period by links and by share (periods with >= min_total links)."""
    out = pd.DataFrame(index=pd.Index(partners, name="partner", dtype=object))
    if len(counts):
        best = counts.sort_values(["partner", "links", "period"], ascending=[True, False, True])
        best = best.groupby("partner").head(1).set_index("partner")
    else:
        best = pd.DataFrame({"period": pd.Series(dtype="int64"), "links": pd.Series(dtype="int64")})
    out["peak"] = pd.array(best["period"].reindex(out.index).tolist(), dtype="Int64")
    out["peak_links"] = best["links"].reindex(out.index).fillna(0).astype("int64")
    totals = counts.groupby("period")["links"].sum() if len(counts) else pd.Series(dtype="int64")
    if len(counts):
        counts["share"] = counts["links"] / counts["period"].map(totals)
        eligible = counts[counts["period"].map(totals) >= min_total]
        sbest = eligible.sort_values(["partner", "share", "period"], ascending=[True, False, True])
        sbest = sbest.groupby("partner").head(1).set_index("partner")
    else:
        counts["share"] = pd.Series(dtype="float64")
        sbest = pd.DataFrame({"period": pd.Series(dtype="int64"),
                              "share": pd.Series(dtype="float64")})
    out["share_peak"] = pd.array(sbest["period"].reindex(out.index).tolist(), dtype="Int64")
    out["share"] = sbest["share"].reindex(out.index).astype("float64")
    return out, totals


def peak_periods(
    G: nx.MultiDiGraph,
    *,
    by: Literal["partner_country", "partner_region"] = "partner_country",
    focal: str = "DE",
    period: int = 10,
    since: int | None = None,
    until: int | None = None,
    min_total: int = 20,
) -> pd.DataFrame:
    """The period (e.g. decade) in which the links of a focal country to each partner peak.

    A link counts for a partner when one end is in ``focal`` and the other in a different
    country (domestic links are not partnerships with another country; counted in
    ``attrs["domestic"]``). Period ``p`` covers ``p .. p + period - 1`` with
    ``p = (year // period) * period`` (decade 1990 = 1990-1999). Two peaks are given: the
    period with the most links to the partner (``peak``), and the period in which the partner
    takes its largest share of the focal country's links (``share_peak``; only periods in
    which the focal country formed at least ``min_total`` links with known partners count,
    so that a lone early link does not make a 100 % peak). The share peak separates a
    partner's own wave from the general growth of twinning. Ties: the earliest period.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    by : {"partner_country", "partner_region"}, default "partner_country"
        Partner country code, or its :data:`paradiplo_net.geo.REGIONS` name.
    focal : str, default "DE"
        ISO2 code of the focal country.
    period : int, default 10
        Length of a period in years.
    since, until : int, optional
        Inclusive range of link years counted.
    min_total : int, default 20
        Minimum links of the focal country in a period for it to be a ``share_peak``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``partner``, sorted by ``links`` (descending) then partner: ``peak``
        (first year of the period with most links), ``peak_links``, ``share_peak`` (first
        year of the period with the largest share), ``share`` (the partner's share of the
        focal country's links in that period), ``links`` (dated links counted), ``undated``
        (links without year, not placed in time), ``first_year``, ``median_year``. ``attrs``:
        ``counts`` (dict partner -> {period: links}), ``totals`` (dict period -> the focal
        country's links with known partners), ``focal``, ``period``, ``min_total``,
        ``domestic``, ``unknown_partner``, ``undated``, ``dataset``.

    Raises
    ------
    ValueError
        Unknown option, bad ``focal`` or ``period``, ``since`` after ``until``.

    References
    ----------
    Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
    perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> p = peak_periods(G, focal="JP", min_total=1)
    >>> p[["peak", "peak_links", "share_peak", "share", "links", "undated"]]
             peak  peak_links  share_peak  share  links  undated
    partner
    ID       2010           1        2010    1.0      1        0
    US       1950           1        1950    1.0      1        0
    IT       <NA>           0        <NA>    NaN      0        1
    """
    check_graph(G)
    check_option("by", by, ("partner_country", "partner_region"))
    if not (isinstance(focal, str) and len(focal) == 2 and focal.isalpha()):
        raise ValueError(f"focal must be an ISO 3166-1 alpha-2 code like 'DE', got {focal!r}")
    focal = focal.upper()
    period = check_int("period", period)
    min_total = check_int("min_total", min_total)
    lo = check_year("since", since, optional=True)
    hi = check_year("until", until, optional=True)
    if lo is not None and hi is not None:
        check_range(lo, hi)
    frame, domestic, unknown = _focal_records(_arrays(G), focal, by, lo, hi)
    dated = frame.dropna(subset=["year"]).copy()
    dated["period"] = (dated["year"] // period * period).astype("int64")
    counts = (dated.groupby(["partner", "period"]).size().rename("links").reset_index()
              if len(dated) else pd.DataFrame({"partner": pd.Series(dtype=object),
                                               "period": pd.Series(dtype="int64"),
                                               "links": pd.Series(dtype="int64")}))
    out, totals = _period_peaks(counts, sorted(set(frame["partner"])), min_total)
    n_dated = dated.groupby("partner").size()
    out["links"] = n_dated.reindex(out.index).fillna(0).astype("int64")
    und = frame[frame["year"].isna()].groupby("partner").size()
    out["undated"] = und.reindex(out.index).fillna(0).astype("int64")
    g = dated.groupby("partner")["year"]
    out["first_year"] = pd.array(g.min().reindex(out.index).tolist(), dtype="Int64")
    out["median_year"] = g.median().reindex(out.index).astype("float64")
    out = out.assign(_neg=-out["links"], _p=out.index.astype(str))
    out = out.sort_values(["_neg", "_p"]).drop(columns=["_neg", "_p"])
    nested: dict[str, dict[int, int]] = {}
    for partner, per, k in counts[["partner", "period", "links"]].itertuples(index=False):
        nested.setdefault(partner, {})[int(per)] = int(k)
    out.attrs.update(counts=nested, totals={int(k): int(v) for k, v in totals.items()},
                     focal=focal, by=by, period=period,
                     min_total=min_total, since=lo, until=hi,
                     domestic=domestic, unknown_partner=unknown,
                     undated=int(out["undated"].sum()), dataset=G.graph.get("dataset"))
    if unknown or out["undated"].sum():
        logger.info("peak_periods(%s): %d links with undated year, %d with unknown partner "
                    "country not placed", focal, int(out["undated"].sum()), unknown)
    return out
