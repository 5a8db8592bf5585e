r"""Design-based estimates from the probability sample of towns: weights and 95 % intervals.

The bundled ``sample`` dataset is a stratified random sample of towns (strata: country x size
class, drawn by ``scripts/draw_town_sample.py`` from the GeoNames places of >= 15,000
inhabitants in 24 countries), each with its twinning history as its own sources list it. It
answers questions about *all* towns, which a curated list of famous links cannot: what share of
towns had twinned by 1960, how many links were formed per decade, who German towns twin with.

Design
    Each drawn town is ``links`` or ``zero`` (responded), ``nonresponse`` (no list found:
    never counted as zero) or ``ineligible`` (a district or locality that cannot twin: frame
    over-coverage). In stratum *h* with frame size :math:`N_h`, :math:`n_h` drawn,
    :math:`e_h` eligible and :math:`r_h` responding towns, the eligible frame size is estimated
    as :math:`\hat N_h = N_h e_h / n_h` and each respondent carries the weight
    :math:`w_h = \hat N_h / r_h` (a weighting-class non-response adjustment: non-respondents
    are assumed to resemble the respondents of their stratum). When a stratum has one
    respondent, it is merged with the adjacent size class of its country, until each
    weighting class has two respondents (:func:`design` records the merged strata). A stratum
    with eligible towns but no respondent at all is not merged: nothing in the sample speaks
    for it, and merging would let towns of another size stand for it (Brazil's cities of
    250,000+ for its 1,586 towns of 15-50k, whose lists are far shorter). It is left out of
    every estimate, which then covers the rest of the frame, and listed with its estimated
    eligible size in ``attrs["uncovered"]`` and ``attrs["uncovered_places"]``.

Estimators
    Proportions and ratios are Horvitz-Thompson ratio estimators :math:`\hat R = \sum w_i y_i
    / \sum w_i x_i`; their variance is the stratified linearisation (Taylor) variance with the
    finite population correction, :math:`\hat V = \hat X^{-2} \sum_h \hat N_h^2 (1 - f_h)
    s^2_{z,h} / r_h`, with :math:`z_i = y_i - \hat R x_i` and :math:`f_h = r_h / \hat N_h`.
    95 % intervals for proportions of towns are Korn-Graubard intervals (Clopper-Pearson with
    the effective sample size; R survey's ``svyciprop(method = "beta")``), which stay inside
    [0, 1] and are not degenerate at 0 or 1; intervals for shares of links (ratios) are normal.

Why not a survey library
    samplics (the Python survey package) is archived and warns on import that it is no longer
    maintained; its successor ``svy`` is a pre-1.0 release. The estimators here are the
    textbook ones (Cochran 1977, ch. 5-6; Lohr 2019, ch. 3-4, 9) and are checked in the tests
    against a direct computation on hand-made samples.

Undated links
    A link without a year counts for ever-twinned questions but not for questions by year. A
    town's status *by year t* is unknown when it has no dated link up to *t* but undated links:
    such towns are item non-respondents for *t* and are left out of that year's estimate, with
    their stratum's weight spread over the others (reported in ``undetermined``).

References
----------
Cochran, W. G. (1977). *Sampling techniques* (3rd ed.). Wiley.

Lohr, S. L. (2019). *Sampling: design and analysis* (2nd ed.). CRC Press.

Lumley, T. (2010). *Complex surveys: a guide to analysis using R*. Wiley.

Korn, E. L., & Graubard, B. I. (1998). Confidence intervals for proportions with small
expected number of positive counts estimated from survey data. *Survey Methodology*, 24(2),
193-201.

Examples
--------
>>> import pandas as pd
>>> towns = pd.DataFrame({
...     "geonameid": ["1", "2", "3", "4"], "country": ["DE"] * 4, "stratum": ["DE:a"] * 4,
...     "frame_size": [40] * 4, "sample_size": [4] * 4,
...     "status": ["links", "zero", "links", "ineligible"]})
>>> d = design(towns)
>>> d.loc[d["respondent"], "weight"].round(2).tolist()  # 40 * 3/4 eligible / 3 respondents
[10.0, 10.0, 10.0]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._checks import check_option, is_missing
from .errors import SchemaError, format_problems

__all__ = [
    "DESIGN_COLUMNS",
    "RESPONDED",
    "design",
    "links_per_decade",
    "partner_shares",
    "phase_shares",
    "town_links",
    "twinned_share",
]

#: Columns a towns table must have.
DESIGN_COLUMNS: tuple[str, ...] = (
    "geonameid", "country", "stratum", "frame_size", "sample_size", "status",
)
#: Statuses of a responding town.
RESPONDED: tuple[str, ...] = ("links", "zero")
_STATUSES = ("links", "zero", "nonresponse", "ineligible")
_Z = 1.959963984540054


# --------------------------------------------------------------------------------------------
# design and weights
# --------------------------------------------------------------------------------------------


def _check_towns(towns: Any) -> pd.DataFrame:
    if not isinstance(towns, pd.DataFrame):
        raise SchemaError(f"towns: expected a pandas DataFrame, got {type(towns).__name__}")
    problems = [f"missing column {c!r}" for c in DESIGN_COLUMNS if c not in towns.columns]
    if not problems:
        bad = towns[~towns["status"].isin(_STATUSES)]
        problems += [f"row {i}: status {s!r} not one of {_STATUSES}"
                     for i, s in bad["status"].head(5).items()]
    if problems:
        raise SchemaError(format_problems(
            "towns table", problems,
            fix="use pn.survey's bundled towns (pn.datasets.sample_towns()) or a table with "
            "these columns, one row per drawn town",
        ))
    return towns


def _size_order(stratum: str) -> float:
    """Order of a stratum's size class from its name ("DE:50k-250k" -> 50); NaN if none."""
    m = re.search(r":\D*(\d+(?:\.\d+)?)", str(stratum))
    return float(m.group(1)) if m else math.nan


def _classes(towns: pd.DataFrame) -> pd.Series:
    """Weighting class of each town: its stratum, or the stratum merged with its neighbours.

    A stratum with one respondent cannot carry a variance. It is merged with the adjacent
    size class of its country (the next smaller one, else the next larger), and again until
    every class has two respondents or the country is one class: small towns'
    non-respondents are then stood for by the respondents nearest them in size, not by the
    country's big cities (their lists are longer). A stratum with eligible towns but no
    respondent stays a class of its own (without respondents: uncovered), and a stratum
    without eligible towns needs no weight: neither is merged. Strata whose names carry no
    size ("XX:s") are pooled by country at once. A class of every stratum of a country is
    ``"<CC>:pooled"``, else the merged strata's names joined by ``+``.
    """
    eligible = (towns["status"] != "ineligible").groupby(towns["stratum"]).sum()
    resp = towns["status"].isin(RESPONDED).groupby(towns["stratum"]).sum()
    country = towns.drop_duplicates("stratum").set_index("stratum")["country"]
    label: dict[str, str] = {h: h for h in country.index}
    for cc, strata in country.groupby(country).groups.items():
        order = sorted((h for h in strata if resp[h] > 0), key=str)
        if not order:
            continue
        sized = not any(math.isnan(_size_order(h)) for h in order)
        if sized:
            order = sorted(order, key=_size_order)
        groups = [[h] for h in order]
        while len(groups) > 1:
            if not sized:  # no size to find neighbours by: a weak stratum pools the country
                if any(eligible[h] > 0 and resp[h] < 2 for h in order):
                    groups = [order]
                break
            weak = [i for i, g in enumerate(groups)
                    if eligible[g].sum() > 0 and resp[g].sum() < 2]
            if not weak:
                break
            i = weak[0]
            j = i - 1 if i > 0 else i + 1
            lo, hi = min(i, j), max(i, j)
            groups[lo:hi + 1] = [groups[lo] + groups[hi]]
        for g in groups:
            name = (f"{cc}:pooled" if len(g) == len(strata) and len(g) > 1
                    else "+".join(g))
            label.update(dict.fromkeys(g, name))
    return towns["stratum"].map(label)


def design(towns: pd.DataFrame) -> pd.DataFrame:
    """The design table: eligibility, response, weighting class and weight of every town.

    Parameters
    ----------
    towns : DataFrame
        One row per drawn town with :data:`DESIGN_COLUMNS` (the bundled sample's
        ``towns.csv``).

    Returns
    -------
    DataFrame
        ``towns`` plus ``eligible``, ``respondent`` (bool), ``wclass`` (weighting class),
        ``N_hat`` (estimated eligible frame size of the class), ``r`` (respondents in the
        class) and ``weight`` (``N_hat / r`` for respondents, 0 otherwise).
        ``attrs["collapsed"]`` lists the strata merged with others into one class,
        ``attrs["uncovered"]`` the classes with eligible towns but no respondent (left out of
        every estimate) and ``attrs["uncovered_places"]`` their estimated eligible size.

    Raises
    ------
    SchemaError
        Missing columns or unknown statuses.

    Examples
    --------
    >>> import pandas as pd
    >>> towns = pd.DataFrame({
    ...     "geonameid": list("abcdef"), "country": ["FR"] * 6,
    ...     "stratum": ["FR:s"] * 3 + ["FR:l"] * 3, "frame_size": [30] * 3 + [6] * 3,
    ...     "sample_size": [3] * 6,
    ...     "status": ["links", "zero", "nonresponse", "links", "links", "ineligible"]})
    >>> design(towns)[["stratum", "status", "weight"]]
      stratum       status  weight
    0    FR:s        links    15.0
    1    FR:s         zero    15.0
    2    FR:s  nonresponse     0.0
    3    FR:l        links     2.0
    4    FR:l        links     2.0
    5    FR:l   ineligible     0.0
    """
    towns = _check_towns(towns).copy()
    towns["eligible"] = towns["status"] != "ineligible"
    towns["respondent"] = towns["status"].isin(RESPONDED)
    towns["wclass"] = _classes(towns)
    # eligible frame size per stratum, then summed into weighting classes
    strata = towns.groupby("stratum").agg(
        N=("frame_size", "first"), n=("sample_size", "first"), e=("eligible", "sum"),
    )
    strata["N_hat"] = strata["N"] * strata["e"] / strata["n"]
    cls = towns.drop_duplicates("stratum").set_index("stratum")["wclass"]
    n_hat = strata["N_hat"].groupby(cls).sum()
    r = towns.groupby("wclass")["respondent"].sum()
    towns["N_hat"] = towns["wclass"].map(n_hat).astype(float)
    towns["r"] = towns["wclass"].map(r).astype(int)
    towns["weight"] = np.where(
        towns["respondent"] & (towns["r"] > 0), towns["N_hat"] / towns["r"].clip(lower=1), 0.0
    )
    towns.attrs["collapsed"] = sorted(
        set(towns.loc[towns["wclass"] != towns["stratum"], "stratum"])
    )
    empty = towns.loc[(towns["r"] == 0) & (towns["N_hat"] > 0)].drop_duplicates("wclass")
    towns.attrs["uncovered"] = sorted(empty["wclass"])
    towns.attrs["uncovered_places"] = float(empty["N_hat"].sum())
    return towns


# --------------------------------------------------------------------------------------------
# the estimator
# --------------------------------------------------------------------------------------------


def _ratio(d: pd.DataFrame, y: np.ndarray, x: np.ndarray) -> tuple[float, float, int]:
    """Weighted ratio sum(w y) / sum(w x) over respondents and its linearisation SE."""
    resp = d["respondent"].to_numpy()
    w = d["weight"].to_numpy(dtype=float)
    keep = resp & np.isfinite(y) & np.isfinite(x)
    if not keep.any() or float((w[keep] * x[keep]).sum()) == 0:
        return math.nan, math.nan, int(keep.sum())
    X = float((w[keep] * x[keep]).sum())
    R = float((w[keep] * y[keep]).sum()) / X
    z = np.where(keep, y - R * x, np.nan)
    var = 0.0
    frame = pd.DataFrame({"c": d["wclass"].to_numpy(), "z": z, "N": d["N_hat"].to_numpy()})[keep]
    for _, g in frame.groupby("c"):
        r_h, n_h = len(g), float(g["N"].iloc[0])
        if r_h < 2:
            continue
        f_h = min(r_h / n_h, 1.0) if n_h > 0 else 1.0
        var += n_h**2 * (1 - f_h) * float(g["z"].var(ddof=1)) / r_h
    return R, math.sqrt(var) / X, int(keep.sum())


def _interval(p: float, se: float, *, beta: bool, n: int) -> tuple[float, float]:
    """95 % interval: Korn-Graubard for proportions (``beta``), else normal."""
    if not np.isfinite(p) or not np.isfinite(se):
        return math.nan, math.nan
    if not beta:
        return p - _Z * se, p + _Z * se
    from scipy.stats import beta as beta_dist

    # Clopper-Pearson with the effective sample size p(1-p)/var (at most the respondents);
    # with no variance (p = 0 or 1, or identical towns) the respondents themselves
    n_eff = n if se == 0 else min(p * (1 - p) / se**2, n)
    x = n_eff * p
    lo = 0.0 if x <= 0 else float(beta_dist.ppf(0.025, x, n_eff - x + 1))
    hi = 1.0 if x >= n_eff else float(beta_dist.ppf(0.975, x + 1, n_eff - x))
    return lo, hi


def _estimate_row(d: pd.DataFrame, y: np.ndarray, x: np.ndarray, *, beta: bool) -> dict:
    est, se, n = _ratio(d, y, x)
    lo, hi = _interval(est, se, beta=beta, n=n)
    return {"estimate": est, "se": se, "ci_low": lo, "ci_high": hi, "n_towns": n}


def _groups(d: pd.DataFrame, by: str | None) -> Iterable[tuple[Any, pd.DataFrame]]:
    if by is None:
        yield "all", d
        return
    check_option("by", by, ("country", "region"))
    if by == "region":
        from .geo import region_of

        d = d.assign(region=[region_of(c) for c in d["country"]])
    yield from d.groupby(by, sort=True)


# --------------------------------------------------------------------------------------------
# per-town link tables
# --------------------------------------------------------------------------------------------


def town_links(G: Any, towns: pd.DataFrame) -> pd.DataFrame:
    """The links each sampled town's own list records: one row per link, with ``town``.

    A sampled town's links are the edges it claims (``u`` = the town, ``gn:<geonameid>``).

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("gn:1", "x", year=1960, phase=None, kind="twin_town")
    0
    >>> G.add_node("x", country="FR")
    >>> tl = town_links(G, pd.DataFrame({"geonameid": ["1", "2"]}))
    >>> tl[["geonameid", "year", "partner_country"]]
      geonameid  year partner_country
    0         1  1960              FR
    """
    ids = {f"gn:{g}": str(g) for g in towns["geonameid"]}
    rows = []
    for u, v, d in G.edges(data=True):
        if u in ids:
            rows.append({
                "geonameid": ids[u], "partner": v,
                "partner_country": G.nodes[v].get("country"),
                "year": d.get("year"), "end_year": d.get("end_year"),
                "phase": d.get("phase"), "kind": d.get("kind"),
            })
    cols = ["geonameid", "partner", "partner_country", "year", "end_year", "phase", "kind"]
    out = pd.DataFrame(rows, columns=cols)
    out["year"] = pd.array([None if is_missing(y) else int(y) for y in out["year"]], dtype="Int64")
    return out


# --------------------------------------------------------------------------------------------
# estimates
# --------------------------------------------------------------------------------------------


def twinned_share(
    towns: pd.DataFrame, links: pd.DataFrame, years: Iterable[int], *, by: str | None = None,
) -> pd.DataFrame:
    """Estimated share of (eligible) towns that had formed at least one link by each year.

    The adoption curve with a real denominator: towns that never twinned are in it.

    Parameters
    ----------
    towns : DataFrame
        The design (:func:`design`) or a raw towns table (weighted here).
    links : DataFrame
        :func:`town_links`.
    years : iterable of int
        Inclusive: twinned *by* the end of each year.
    by : {None, "country", "region"}

    Returns
    -------
    DataFrame
        Long: ``group``, ``year``, ``estimate``, ``se``, ``ci_low``, ``ci_high`` (95 %,
        Korn-Graubard),
        ``n_towns`` (respondents used), ``undetermined`` (respondents whose status by that year
        is unknown because their only links up to then are undated).

    Examples
    --------
    >>> import pandas as pd
    >>> towns = pd.DataFrame({
    ...     "geonameid": list("abcd"), "country": ["DE"] * 4, "stratum": ["DE:a"] * 4,
    ...     "frame_size": [100] * 4, "sample_size": [4] * 4, "status": ["links"] * 3 + ["zero"]})
    >>> links = pd.DataFrame({"geonameid": list("abc"), "year": pd.array([1955, 1972, None],
    ...     dtype="Int64")})
    >>> twinned_share(towns, links, [1960, 1980])[["year", "estimate", "undetermined"]]
       year  estimate  undetermined
    0  1960  0.333333             1
    1  1980  0.666667             1
    """
    d = towns if "weight" in towns.columns else design(towns)
    first = links.dropna(subset=["year"]).groupby("geonameid")["year"].min()
    has_undated = set(links.loc[links["year"].isna(), "geonameid"])
    rows = []
    for group, sub in _groups(d, by):
        gid = sub["geonameid"].astype(str)
        fy = gid.map(first).astype(float).to_numpy()
        undated = gid.isin(has_undated).to_numpy()
        for year in years:
            y = np.where(fy <= year, 1.0, 0.0)
            unknown = (y == 0) & undated
            y = np.where(unknown, np.nan, y)
            row = _estimate_row(sub, y, np.ones(len(sub)), beta=True)
            rows.append({"group": group, "year": int(year), **row,
                         "undetermined": int((unknown & sub["respondent"].to_numpy()).sum())})
    return pd.DataFrame(rows)


def links_per_decade(
    towns: pd.DataFrame, links: pd.DataFrame, *, by: str | None = None,
) -> pd.DataFrame:
    """Estimated share of links formed in each decade (the decade profile), with 95 % CIs.

    Among dated links recorded by responding towns; a ratio estimator (links of the decade
    over all dated links), so undated links do not bias the profile if they are spread like
    the dated ones.

    Returns
    -------
    DataFrame
        ``group``, ``decade``, ``estimate`` (share), ``se``, ``ci_low``, ``ci_high``,
        ``n_towns``, ``total`` (estimated number of links formed in the decade in the
        population of towns) with ``total_se`` and its 95 % interval ``total_low`` (at
        least 0) and ``total_high``: the total is the mean links per eligible town times the
        estimated number of eligible towns, whose standard error is the same stratified
        variance (a ratio with :math:`x_i = 1`; Cochran 1977, 5.3).

    Examples
    --------
    >>> import pandas as pd
    >>> towns = pd.DataFrame({
    ...     "geonameid": list("abcd"), "country": ["DE"] * 4, "stratum": ["DE:a"] * 4,
    ...     "frame_size": [100] * 4, "sample_size": [4] * 4, "status": ["links"] * 3 + ["zero"]})
    >>> links = pd.DataFrame({"geonameid": list("aab"),
    ...     "year": pd.array([1955, 1972, 1961], dtype="Int64"),
    ...     "partner_country": ["FR", "PL", "FR"], "phase": ["associative", None, "reciprocal"]})
    >>> links_per_decade(towns, links)[["decade", "estimate", "total"]]
       decade  estimate  total
    0    1950  0.333333   25.0
    1    1960  0.333333   25.0
    2    1970  0.333333   25.0
    """
    d = towns if "weight" in towns.columns else design(towns)
    dated = links.dropna(subset=["year"])
    dec = (dated["year"].astype(int) // 10 * 10).rename("decade")
    counts = dated.groupby([dated["geonameid"], dec]).size().unstack(fill_value=0)
    rows = []
    for group, sub in _groups(d, by):
        gid = sub["geonameid"].astype(str)
        per = counts.reindex(gid).fillna(0.0)
        per.index = sub.index
        x = per.sum(axis=1).to_numpy(dtype=float)
        towns_w = float(sub.loc[sub["respondent"], "weight"].sum())
        for decade in per.columns:
            y = per[decade].to_numpy(dtype=float)
            row = _estimate_row(sub, y, x, beta=False)
            mean = _estimate_row(sub, y, np.ones(len(sub)), beta=False)
            rows.append({"group": group, "decade": int(decade), **row,
                         "total": float((sub["weight"] * y).sum()),
                         "total_se": mean["se"] * towns_w,
                         "total_low": max(mean["ci_low"] * towns_w, 0.0),
                         "total_high": mean["ci_high"] * towns_w})
    return pd.DataFrame(rows)


def partner_shares(
    towns: pd.DataFrame, links: pd.DataFrame, *, country: str | None = None, top: int = 10,
) -> pd.DataFrame:
    """Estimated share of links going to each partner country (e.g. France for German towns).

    Parameters
    ----------
    country : str, optional
        Only towns of this country (ISO2).
    top : int
        The ``top`` partner countries by estimated share.

    Returns
    -------
    DataFrame
        ``partner_country``, ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``n_towns``.

    Examples
    --------
    >>> import pandas as pd
    >>> towns = pd.DataFrame({
    ...     "geonameid": list("abcd"), "country": ["DE"] * 4, "stratum": ["DE:a"] * 4,
    ...     "frame_size": [100] * 4, "sample_size": [4] * 4, "status": ["links"] * 3 + ["zero"]})
    >>> links = pd.DataFrame({"geonameid": list("aab"),
    ...     "year": pd.array([1955, 1972, 1961], dtype="Int64"),
    ...     "partner_country": ["FR", "PL", "FR"], "phase": ["associative", None, "reciprocal"]})
    >>> partner_shares(towns, links)[["partner_country", "estimate"]]
      partner_country  estimate
    0              FR  0.666667
    1              PL  0.333333
    """
    d = towns if "weight" in towns.columns else design(towns)
    if country is not None:
        d = d[d["country"] == country]
    counts = links.groupby(["geonameid", "partner_country"]).size().unstack(fill_value=0)
    per = counts.reindex(d["geonameid"].astype(str)).fillna(0.0)
    per.index = d.index
    x = per.sum(axis=1).to_numpy(dtype=float)
    rows = [{"partner_country": c, **_estimate_row(d, per[c].to_numpy(dtype=float), x,
                                                   beta=False)} for c in per.columns]
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values("estimate", ascending=False, ignore_index=True).head(top)


def phase_shares(towns: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Estimated share of each recorded O'Toole phase among links formed in each decade.

    Only links whose phase is recorded with evidence (the sample records a phase only where its
    source states the link's purpose) and a year; the ``n_links`` column says how few they
    can be.

    Returns
    -------
    DataFrame
        ``decade``, ``phase``, ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``n_towns``,
        ``n_links``.

    Examples
    --------
    >>> import pandas as pd
    >>> towns = pd.DataFrame({
    ...     "geonameid": list("abcd"), "country": ["DE"] * 4, "stratum": ["DE:a"] * 4,
    ...     "frame_size": [100] * 4, "sample_size": [4] * 4, "status": ["links"] * 3 + ["zero"]})
    >>> links = pd.DataFrame({"geonameid": list("aab"),
    ...     "year": pd.array([1955, 1972, 1961], dtype="Int64"),
    ...     "partner_country": ["FR", "PL", "FR"], "phase": ["associative", None, "reciprocal"]})
    >>> tab = phase_shares(towns, links)  # the 1972 link has no recorded phase
    >>> tab.loc[tab["estimate"] > 0, ["decade", "phase", "estimate", "n_links"]]
       decade        phase  estimate  n_links
    0    1950  associative       1.0        1
    4    1960   reciprocal       1.0        1
    """
    d = towns if "weight" in towns.columns else design(towns)
    ph = links.dropna(subset=["year"])
    ph = ph[ph["phase"].notna() & (ph["phase"].astype(str) != "")]
    ph = ph.assign(decade=ph["year"].astype(int) // 10 * 10)
    rows = []
    for decade, sub in ph.groupby("decade"):
        counts = sub.groupby(["geonameid", "phase"]).size().unstack(fill_value=0)
        per = counts.reindex(d["geonameid"].astype(str)).fillna(0.0)
        per.index = d.index
        x = per.sum(axis=1).to_numpy(dtype=float)
        for phase in ("associative", "reciprocal", "commercial"):
            y = per[phase].to_numpy(dtype=float) if phase in per else np.zeros(len(per))
            rows.append({"decade": int(decade), "phase": phase,
                         **_estimate_row(d, y, x, beta=False), "n_links": len(sub)})
    return pd.DataFrame(rows)
