"""The statistical figures drawn from the town sample: design-weighted estimates, 95 % CIs.

The bundled ``core`` dataset is a curated list of landmark links: accurate, but big-city and
East-Asia heavy, so counts over it describe the list, not the history of twinning. The
``sample`` dataset is a stratified probability sample of towns with their complete twinning
histories; :mod:`paradiplo_net.survey` turns it into estimates about *all* towns of the
frame. Each function here takes the towns table (:func:`paradiplo_net.datasets.sample_towns`
or any table :func:`paradiplo_net.survey.design` accepts) and the sample graph
(``pn.datasets.load("sample")``) and returns ``(fig, tables)`` like the other figures; the
footer names the data (towns drawn, responding, design-weighted) and the figure's n.

Examples
--------
>>> import paradiplo_net as pn
>>> towns, G = pn.datasets.sample_towns(), pn.datasets.load("sample")
>>> fig, tables = estimated_growth(towns, G)
>>> sorted(tables)
['decades', 'regions']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, cast

import networkx as nx
import numpy as np
import pandas as pd

from .. import geo, plot, survey, temporal
from .._checks import check_option
from ..i18n import t
from ..model import PHASES, check_graph
from ._common import _caption, _lang, _phase_counts, _phased, add_footer

#: Partner-distance bands (km) of :func:`estimated_distances`: edges, left-closed.
DISTANCE_BANDS: tuple[float, ...] = (0, 100, 250, 500, 1000, 2500, 5000, 10000, 20100)


# --------------------------------------------------------------------------------------------
# shared steps
# --------------------------------------------------------------------------------------------


def _prepare(towns: pd.DataFrame, G: nx.MultiDiGraph, lang: str) -> tuple[pd.DataFrame,
                                                                          pd.DataFrame]:
    """The design and the links recorded by responding towns (``town_links``)."""
    _lang(lang)
    check_graph(G)
    d = survey.design(towns)
    d["geonameid"] = d["geonameid"].astype(str)
    tl = survey.town_links(G, d)
    responding = set(d.loc[d["respondent"], "geonameid"])
    return d, tl[tl["geonameid"].isin(responding)].reset_index(drop=True)


def estimate_footer(fig: Any, d: pd.DataFrame, *, lang: str, n: str) -> None:
    """The data footer of an estimate figure: the sample, its response, the weighting, n.

    A design with strata that no town answered for (``d.attrs["uncovered"]``, left out of
    the estimates) names them on a second line, with their estimated number of towns.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> d = pd.DataFrame({"respondent": [True, False, True]})
    >>> fig = plt.figure()
    >>> estimate_footer(fig, d, lang="en", n="n = 2 towns")
    >>> fig.texts[-1].get_text()
    'Data: town sample, 3 towns drawn, 2 responding, design-weighted, 95 % CI \u00b7 n = 2 towns'
    >>> plt.close(fig)
    """
    text = t("est.footer", lang=lang, drawn=f"{len(d):,}",
             responding=f"{int(d['respondent'].sum()):,}", n=n)
    uncovered = d.attrs.get("uncovered") or []
    if uncovered:
        text += "\n" + t("est.uncovered", lang=lang, strata=", ".join(uncovered),
                         places=f"{d.attrs.get('uncovered_places', 0):,.0f}")
    add_footer(fig, None, lang=lang, text=text)


def _last_year(tl: pd.DataFrame) -> int | None:
    years = tl["year"].dropna()
    return int(years.max()) if len(years) else None


# --------------------------------------------------------------------------------------------
# growth: links per decade
# --------------------------------------------------------------------------------------------


def decade_totals(d: pd.DataFrame, tl: pd.DataFrame) -> pd.DataFrame:
    r"""Estimated dated links formed per decade in the frame's towns, and the decade profile.

    :func:`paradiplo_net.survey.links_per_decade` (the profile: share of dated links formed
    in each decade, ratio estimator; and each decade's total :math:`\hat Y = \sum_i w_i y_i`
    with its 95 % interval), with the number of dated links the sampled towns recorded.

    Returns
    -------
    DataFrame
        One row per decade: the profile columns (``estimate``, ``se``, ``ci_low``,
        ``ci_high``, ``n_towns``), ``total`` with ``total_se``, ``total_low`` (at least 0),
        ``total_high``, and ``links`` (dated links recorded by the sampled towns).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> d = pn.survey.design(towns)
    >>> tl = pn.survey.town_links(S, d)
    >>> tab = decade_totals(d, tl)
    >>> bool(((tab["total_low"] <= tab["total"]) & (tab["total"] <= tab["total_high"])).all())
    True
    >>> round(float(tab["estimate"].sum()), 6)  # the profile's shares add up to 1
    1.0
    """
    prof = survey.links_per_decade(d, tl)
    cols = ["decade", "estimate", "se", "ci_low", "ci_high", "n_towns", "total", "total_se",
            "total_low", "total_high", "links"]
    if prof.empty:
        return pd.DataFrame(columns=cols)
    dec = tl["year"].dropna().astype(int) // 10 * 10
    out = prof.drop(columns="group")
    out["links"] = [int((dec == decade).sum()) for decade in out["decade"]]
    return out[cols]


def decade_totals_by_region(
    d: pd.DataFrame, tl: pd.DataFrame, *, min_towns: int = 20,
) -> pd.DataFrame:
    """:func:`decade_totals` for the towns of each region (:func:`paradiplo_net.geo.region_of`).

    Regions with fewer than ``min_towns`` responding towns are estimated together as
    ``"other"``. A region is a union of whole strata (strata never cross a border), so each
    is estimated exactly as a separate stratified sample.

    Returns
    -------
    DataFrame
        ``region`` and the columns of :func:`decade_totals`, plus ``n_towns`` (respondents of
        the region).
    """
    region = pd.Series([geo.region_of(c) or "other" for c in d["country"]], index=d.index)
    size = d["respondent"].groupby(region).sum()
    region = region.where(region.map(size) >= min_towns, "other")
    parts = []
    for name, sub in d.groupby(region, sort=False):
        part = decade_totals(sub, tl[tl["geonameid"].isin(set(sub["geonameid"]))])
        parts.append(part.assign(region=name, n_towns=int(sub["respondent"].sum())))
    if not parts:
        return pd.DataFrame(columns=["region", *decade_totals(d, tl).columns])
    out = pd.concat(parts, ignore_index=True)
    order = [r for r in geo.REGIONS if r in set(out["region"])] + ["other"]
    out["_o"] = out["region"].map({r: i for i, r in enumerate(order)})
    out = out.sort_values(["_o", "decade"]).drop(columns="_o").reset_index(drop=True)
    return out[["region", *[c for c in out.columns if c != "region"]]]


def estimated_growth(
    towns: pd.DataFrame, G: nx.MultiDiGraph, *, lang: str = "en", min_towns: int = 20,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Twinning links formed per decade in all towns of the frame (weighted, 95 % CI).

    Top left: estimated number of dated links formed in each decade (:func:`decade_totals`).
    Top right: the decade profile (share of dated links formed in each decade,
    :func:`paradiplo_net.survey.links_per_decade`). Bottom: the totals by region of the
    towns (:func:`decade_totals_by_region`; regions of fewer than ``min_towns`` responding
    towns together as "other"), where regional waves show (if the data hold them: the
    Western European one of the 1950s-60s, the Central and Eastern European one after
    1990). Undated links are left out and counted in the caption: the totals are therefore
    lower bounds, while the profile is unbiased if undated links are spread over the
    decades like the dated ones. The current decade is labelled with the last year
    recorded (and hatched).

    Returns
    -------
    fig, tables
        ``decades`` (:func:`decade_totals`) and ``regions``
        (:func:`decade_totals_by_region`).

    References
    ----------
    Cochran, W. G. (1977). *Sampling techniques* (3rd ed.). Wiley.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> fig, tables = estimated_growth(towns, S)
    >>> sorted(tables), "undated" in tables["decades"].attrs["caption"]
    (['decades', 'regions'], True)
    >>> plt.close(fig)
    """
    d, tl = _prepare(towns, G, lang)
    table = decade_totals(d, tl)
    last = _last_year(tl)
    partial = {}
    if last is not None and len(table) and last < int(table["decade"].max()) + 9:
        partial = {int(table["decade"].max()): last}
    regions = decade_totals_by_region(d, tl, min_towns=min_towns)
    fig, _axes = plot.plot_decade_estimates(table, lang=lang, partial=partial, regions=regions)
    fig.suptitle(t("est.growth.title", lang=lang))
    undated = int(tl["year"].isna().sum())
    text = t("est.cap.growth", lang=lang, links=f"{len(tl):,}", undated=f"{undated:,}",
             pct=100 * undated / max(len(tl), 1), dated=f"{len(tl) - undated:,}",
             total=f"{table['total'].sum():,.0f}")
    estimate_footer(fig, d, lang=lang, n=t("est.n.links", lang=lang, n=f"{len(tl) - undated:,}"))
    return fig, _caption({"decades": table, "regions": regions}, text)


# --------------------------------------------------------------------------------------------
# phases by decade
# --------------------------------------------------------------------------------------------


def estimated_phases(
    towns: pd.DataFrame, G: nx.MultiDiGraph, *, lang: str = "en", min_links: int = 20,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """O'Toole phase shares by decade, where the towns' sources record a phase (weighted).

    :func:`paradiplo_net.survey.phase_shares`: only links with a year and a phase recorded
    with evidence; no phase is inferred. Decades with fewer than ``min_links`` such links
    are not drawn (their n is written under the axis). Intervals are normal (Taylor) ones,
    drawn clipped to [0, 1].

    Returns
    -------
    fig, tables
        ``phases`` (long: decade, phase, estimate, se, ci_low, ci_high, n_towns, n_links).

    References
    ----------
    O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister
    city type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> fig, tables = estimated_phases(towns, S)
    >>> sorted(set(tables["phases"]["phase"]))
    ['associative', 'commercial', 'reciprocal']
    >>> plt.close(fig)
    """
    d, tl = _prepare(towns, G, lang)
    table = survey.phase_shares(d, tl)
    if table.empty:
        table = pd.DataFrame(columns=["decade", "phase", "estimate", "se", "ci_low", "ci_high",
                                      "n_towns", "n_links"])
    fig, _ax = plot.plot_phase_estimates(table, lang=lang, min_links=min_links)
    dated = int(tl["year"].notna().sum())
    n = table.groupby("decade")["n_links"].first() if len(table) else pd.Series(dtype=int)
    few = ", ".join(f"{int(k)} (n={int(v)})" for k, v in n.items() if v < min_links) or "-"
    text = t("est.cap.phases", lang=lang, phased=f"{int(n.sum()):,}", dated=f"{dated:,}",
             pct=100 * float(n.sum()) / max(dated, 1), k=min_links, few=few)
    estimate_footer(fig, d, lang=lang, n=t("est.n.links", lang=lang, n=f"{int(n.sum()):,}"))
    return fig, _caption({"phases": table}, text)


def phases_figure(
    G: nx.MultiDiGraph, *, lang: str = "en", phase_rule: Any = "keywords", min_links: int = 20,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """O'Toole phase shares by decade among the links of a graph (unweighted counts).

    The graph's own version of :func:`estimated_phases`: shares among the dated links with a
    phase (recorded, or inferred by ``phase_rule`` as in :func:`growth`), n links per decade.

    Returns
    -------
    fig, tables
        ``phases`` (long: decade, phase, links, n_links, estimate).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = phases_figure(pn.datasets.load("toy"), phase_rule=None, min_links=1)
    >>> tables["phases"].groupby("decade")["n_links"].first().to_dict()
    {1940: 2, 1950: 3, 1960: 1, 1990: 2, 2000: 1, 2010: 1}
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    H = _phased(G, phase_rule)
    g = temporal.growth(H, by="phase")
    g = g[g["group"].isin(PHASES)]
    g = g.assign(decade=g["year"].astype(int) // 10 * 10)
    table = g.groupby(["decade", "group"])["new"].sum().rename("links").reset_index()
    table = table.rename(columns={"group": "phase"})
    table["n_links"] = table.groupby("decade")["links"].transform("sum")
    table = table[table["n_links"] > 0].reset_index(drop=True)
    table["estimate"] = table["links"] / table["n_links"]
    table = table.sort_values(["decade", "phase"], key=lambda c: c.map(
        {p: i for i, p in enumerate(PHASES)}) if c.name == "phase" else c, ignore_index=True)
    fig, _ax = plot.plot_phase_estimates(table, lang=lang, min_links=min_links)
    fig.axes[0].set_title(t("fig.phases.title", lang=lang))
    text = t("cap.phases", lang=lang, phases=_phase_counts(H, lang, phase_rule), k=min_links)
    add_footer(fig, G, lang=lang)
    return fig, _caption({"phases": table}, text)


# --------------------------------------------------------------------------------------------
# adoption: share of towns twinned by each year
# --------------------------------------------------------------------------------------------


def estimated_adoption(
    towns: pd.DataFrame, G: nx.MultiDiGraph, *, lang: str = "en", since: int = 1945,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Estimated share of towns twinned by each year, by region, with 95 % bands.

    :func:`paradiplo_net.survey.twinned_share` by region (:func:`paradiplo_net.geo.region_of`,
    the regions of every other figure) and for all towns (dashed, in every panel), each year
    from ``since`` to the last year recorded. The denominator is every eligible town of the
    frame, towns that never twinned included; a town whose status by a year is unknown (only
    undated links up to then) is left out of that year, and counted in the caption.
    Non-responding towns (no list found) are assumed to resemble the respondents of their
    stratum; as towns that never twinned are likely to be among them, each panel also draws
    (dotted) the lower bound that counts all of them as never twinned. When fewer than 5 %
    of the responding towns recorded no link, the caption warns that the level of the
    curves reflects how towns were found (a town without twinning is rarely "found").

    Returns
    -------
    fig, tables
        ``shares`` (by region) and ``all`` (all towns): group, year, estimate, se, ci_low,
        ci_high, n_towns, undetermined; ``shares`` also has ``lower_bound``, the estimate
        when every non-responding town (no list found) is counted as never twinned.

    References
    ----------
    Korn, E. L., & Graubard, B. I. (1998). Confidence intervals for proportions with small
    expected number of positive counts estimated from survey data. *Survey Methodology*,
    24(2), 193-201.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> fig, tables = estimated_adoption(towns, S)
    >>> shares = tables["shares"]
    >>> bool((shares["lower_bound"] <= shares["estimate"] + 1e-9).all())
    True
    >>> plt.close(fig)
    """
    d, tl = _prepare(towns, G, lang)
    last = _last_year(tl) or since
    years = list(range(since, max(last, since) + 1))
    shares = survey.twinned_share(d, tl, years, by="region")
    overall = survey.twinned_share(d, tl, years)
    # the bound for non-response: every town without a list counted as never twinned
    as_zero = towns.assign(status=towns["status"].replace({"nonresponse": "zero"}))
    lower = survey.twinned_share(survey.design(as_zero), tl, years, by="region")
    shares["lower_bound"] = lower["estimate"].to_numpy()
    regions = d.assign(region=[geo.region_of(c) for c in d["country"]])
    drawn = regions.groupby("region").size().to_dict()
    responding = regions.groupby("region")["respondent"].sum().to_dict()
    fig, _axes = plot.plot_share_curves(shares, lang=lang, reference=overall, drawn=drawn,
                                        responding=responding)
    fig.suptitle(t("est.adoption.title", lang=lang))
    checks = [y for y in (1960, 1990, last) if since <= y <= last]
    und = ", ".join(
        f"{y}: {int(overall.loc[overall['year'] == y, 'undetermined'].iloc[0])}"
        for y in dict.fromkeys(checks)) or "-"
    eligible = float(d.loc[d["respondent"], "weight"].sum())
    text = t("est.cap.adoption", lang=lang, since=since, eligible=f"{eligible:,.0f}",
             zero=int((d["status"] == "zero").sum()),
             nonresp=int((d["status"] == "nonresponse").sum()), und=und)
    n_resp = int(d["respondent"].sum())
    zero = int((d["status"] == "zero").sum())
    if n_resp and zero < 0.05 * n_resp:  # "responding" nearly means "has links"
        text += " " + t("est.cap.few_zero", lang=lang, zero=zero, responding=n_resp)
    estimate_footer(fig, d, lang=lang, n=t("est.n.towns", lang=lang, n=f"{n_resp:,}"))
    return fig, _caption({"shares": shares, "all": overall}, text)


# --------------------------------------------------------------------------------------------
# country matrix: partner countries of each country's towns
# --------------------------------------------------------------------------------------------


def _country_label(cc: str, lang: str) -> str:
    try:
        return f"{geo.country_name(cc, lang=cast(Any, lang))} ({cc})"
    except (KeyError, ValueError):
        return str(cc)


def partner_matrix(d: pd.DataFrame, tl: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Estimated partner-country shares of each country's towns: the long table.

    For every country of the sample, :func:`paradiplo_net.survey.partner_shares` over all its
    partner countries; the ``top`` partner countries of all towns together are flagged
    ``shown``. A country whose towns record no link gets no rows.

    Returns
    -------
    DataFrame
        ``town_country``, ``partner_country``, ``estimate``, ``se``, ``ci_low``, ``ci_high``,
        ``n_towns``, ``shown``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> d = pn.survey.design(towns)
    >>> tl = pn.survey.town_links(S, d)
    >>> m = partner_matrix(d, tl)
    >>> german = m[m["town_country"] == "DE"].set_index("partner_country")["estimate"]
    >>> bool(0.1 < german["FR"] < 0.35)  # France: the first partner of German towns
    True
    """
    known = tl[tl["partner_country"].notna()]
    overall = survey.partner_shares(d, known, top=top)
    columns = list(overall["partner_country"]) if len(overall) else []
    parts = []
    for cc in sorted(set(d["country"])):
        own = known[known["geonameid"].isin(set(d.loc[d["country"] == cc, "geonameid"]))]
        ps = survey.partner_shares(d, own, country=cc, top=10**6)
        if len(ps):
            parts.append(ps.assign(town_country=cc))
    cols = ["town_country", "partner_country", "estimate", "se", "ci_low", "ci_high",
            "n_towns", "shown"]
    if not parts:
        return pd.DataFrame(columns=cols)
    long = pd.concat(parts, ignore_index=True)
    long["shown"] = long["partner_country"].isin(columns)
    long.attrs["columns"] = columns
    return long[cols]


def estimated_partner_shares(
    towns: pd.DataFrame, G: nx.MultiDiGraph, *, lang: str = "en", top: int = 15,
    min_towns: int = 5,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Heatmap: estimated share of each country's towns' links going to each partner country.

    Rows: the sample's countries (ordered by region), each with the number of its responding
    towns; columns: the ``top`` partner countries of all towns; a cell is the estimated
    share (:func:`partner_matrix`) in per cent, and the share going elsewhere is written at
    the right. Links whose partner has no country are left out and counted; rows of fewer
    than ``min_towns`` responding towns are greyed and named in the caption.

    Returns
    -------
    fig, tables
        ``matrix`` (wide, shares) and ``shares`` (long, with 95 % intervals and n towns).

    Examples
    --------
    >>> import matplotlib.pyplot as plt, paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> fig, tables = estimated_partner_shares(towns, S)
    >>> sorted(tables)
    ['matrix', 'shares']
    >>> plt.close(fig)
    """
    d, tl = _prepare(towns, G, lang)
    long = partner_matrix(d, tl, top=top)
    columns = long.attrs.get("columns", [])
    matrix = long.pivot_table(index="town_country", columns="partner_country",
                              values="estimate", aggfunc="first")
    matrix = matrix.reindex(columns=columns).fillna(0.0) if len(matrix) else matrix
    regions = list(geo.REGIONS)
    order = sorted(matrix.index, key=lambda c: (
        regions.index(r) if (r := geo.region_of(c)) in regions else len(regions), c))
    matrix = matrix.loc[order]
    n = long.groupby("town_country")["n_towns"].first()
    faint = [c for c in matrix.index if n[c] < min_towns]
    other = (1 - matrix.sum(axis=1)).clip(lower=0)
    rows = {c: f"{_country_label(c, lang)} \u00b7 n={int(n[c])}" for c in matrix.index}
    cols = {c: _country_label(c, lang) for c in matrix.columns}
    fig, _ax = plot.plot_share_matrix(matrix, row_labels=rows, col_labels=cols, other=other,
                                      faint=faint, lang=lang)
    unknown = int(tl["partner_country"].isna().sum())
    text = t("est.cap.matrix", lang=lang, rows=len(matrix), top=len(columns),
             links=f"{len(tl) - unknown:,}", unknown=unknown, k=min_towns,
             few=", ".join(f"{c} (n={int(n[c])})" for c in faint) or "-")
    estimate_footer(fig, d, lang=lang, n=t("est.n.links", lang=lang,
                                           n=f"{len(tl) - unknown:,}"))
    return fig, _caption({"matrix": matrix, "shares": long}, text)


# --------------------------------------------------------------------------------------------
# distance: how far towns twin
# --------------------------------------------------------------------------------------------


def _band_labels(edges: tuple[float, ...]) -> list[str]:
    labels = [f"{a:,.0f}\u2013{b:,.0f}" for a, b in pairwise(edges)]
    labels[-1] = f"{edges[-2]:,.0f}+"
    return labels


def partner_distances(
    d: pd.DataFrame, tl: pd.DataFrame, G: nx.MultiDiGraph, towns: pd.DataFrame,
) -> pd.Series:
    """Great-circle distance (km) of each link in ``tl``; NaN where a coordinate is missing.

    The town's coordinates come from the graph (node ``gn:<geonameid>``), else from the
    towns table; the partner's from the graph.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> d = pn.survey.design(towns)
    >>> tl = pn.survey.town_links(S, d)
    >>> km = partner_distances(d, tl, S, towns)
    >>> len(km) == len(tl), bool(km.dropna().ge(0).all())
    (True, True)
    """
    table_coords = towns.assign(geonameid=towns["geonameid"].astype(str)).set_index(
        "geonameid")[["lat", "lon"]] if {"lat", "lon"} <= set(towns.columns) else None

    def town_xy(gid: str) -> tuple[Any, Any]:
        node = G.nodes.get(f"gn:{gid}", {})
        if node.get("lat") is not None and node.get("lon") is not None:
            return node["lat"], node["lon"]
        if table_coords is not None and gid in table_coords.index:
            row = table_coords.loc[gid]
            return row["lat"], row["lon"]
        return None, None

    def num(v: Any) -> float:
        return float("nan") if v is None or v == "" else float(v)

    own = [town_xy(g) for g in tl["geonameid"]]
    other = [(G.nodes.get(p, {}).get("lat"), G.nodes.get(p, {}).get("lon"))
             for p in tl["partner"]]
    lat1 = np.array([num(a) for a, _ in own])
    lon1 = np.array([num(b) for _, b in own])
    lat2 = np.array([num(a) for a, _ in other])
    lon2 = np.array([num(b) for _, b in other])
    km = geo.haversine_km(lat1, lon1, lat2, lon2)
    return pd.Series(np.asarray(km, dtype=float), index=tl.index, name="km")


def distance_bands(
    d: pd.DataFrame, tl: pd.DataFrame, km: pd.Series,
    edges: tuple[float, ...] = DISTANCE_BANDS,
) -> pd.DataFrame:
    """Estimated share of links in each distance band (ratio estimator, 95 % CI).

    The bands are read as categories of :func:`paradiplo_net.survey.partner_shares` (the
    same ratio estimator as partner countries); links without a distance are left out.

    Returns
    -------
    DataFrame
        ``band``, ``low_km``, ``high_km``, ``estimate``, ``se``, ``ci_low``, ``ci_high``,
        ``n_towns``, ``links`` (sampled links in the band), in band order.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> d = pn.survey.design(towns)
    >>> tl = pn.survey.town_links(S, d)
    >>> bands = distance_bands(d, tl, partner_distances(d, tl, S, towns))
    >>> round(float(bands["estimate"].sum()), 6), int(bands["low_km"].iloc[0])
    (1.0, 0)
    """
    labels = _band_labels(edges)
    ok = km.notna()
    band = pd.cut(km[ok], bins=list(edges), labels=labels, right=False, include_lowest=True)
    sub = tl[ok].assign(partner_country=band.astype(str).to_numpy())
    est = survey.partner_shares(d, sub, top=len(labels))
    if est.empty:  # no link with a distance
        est = pd.DataFrame(columns=["partner_country", "estimate", "se", "ci_low", "ci_high",
                                    "n_towns"], dtype=float)
    est = est.rename(columns={"partner_country": "band"}).set_index("band")
    out = est.reindex(labels)
    out[["estimate", "se"]] = out[["estimate", "se"]].fillna(0.0)
    out["n_towns"] = out["n_towns"].fillna(est["n_towns"].max() if len(est) else 0)
    out["links"] = band.value_counts().reindex(labels).fillna(0).astype(int).to_numpy()
    out.insert(0, "low_km", list(edges[:-1]))
    out.insert(1, "high_km", list(edges[1:]))
    return out.reset_index()


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """Smallest value whose cumulative weight reaches half the total (NaN if empty)."""
    if not len(values) or weights.sum() <= 0:
        return float("nan")
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2)])


def estimated_distances(
    towns: pd.DataFrame, G: nx.MultiDiGraph, *, lang: str = "en",
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """How far towns twin: estimated share of links by partner distance band (95 % CI).

    Distances are great-circle (:func:`paradiplo_net.geo.haversine_km`) from the town to
    each partner (:func:`partner_distances`); the shares are design-weighted
    (:func:`distance_bands`). The caption gives the weighted median distance (each link
    weighted by its town's weight) and the number of partners without coordinates.

    Returns
    -------
    fig, tables
        ``bands`` (:func:`distance_bands`) and ``summary`` (links, with a distance,
        missing, weighted and unweighted median km).

    Examples
    --------
    >>> import matplotlib.pyplot as plt, paradiplo_net as pn
    >>> towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    >>> fig, tables = estimated_distances(towns, S)
    >>> round(float(tables["bands"]["estimate"].sum()), 6)
    1.0
    >>> plt.close(fig)
    """
    d, tl = _prepare(towns, G, lang)
    km = partner_distances(d, tl, G, towns)
    bands = distance_bands(d, tl, km)
    w = tl["geonameid"].map(d.set_index("geonameid")["weight"]).to_numpy(dtype=float)
    ok = km.notna().to_numpy()
    summary = pd.DataFrame([{
        "links": len(tl), "with_distance": int(ok.sum()), "missing": int((~ok).sum()),
        "median_km_weighted": _weighted_median(km.to_numpy()[ok], w[ok]),
        "median_km_unweighted": float(np.median(km.to_numpy()[ok])) if ok.any() else np.nan,
    }])
    fig, _ax = plot.plot_distance_shares(bands, lang=lang)
    text = t("est.cap.distance", lang=lang, n=f"{int(ok.sum()):,}", links=f"{len(tl):,}",
             missing=int((~ok).sum()), median=summary.loc[0, "median_km_weighted"])
    estimate_footer(fig, d, lang=lang, n=t("est.n.links", lang=lang, n=f"{int(ok.sum()):,}"))
    return fig, _caption({"bands": bands, "summary": summary}, text)


#: Figure name of :data:`paradiplo_net.figures.FIGURES` -> its town-sample version
#: ``(towns, G_sample, *, lang) -> (fig, tables)``, drawn by :func:`run` when the estimates
#: are on; the title key names it in the report.
ESTIMATES: dict[str, Any] = {
    "growth": estimated_growth,
    "adoption_curves": estimated_adoption,
    "country_heatmap": estimated_partner_shares,
    "distance_decay": estimated_distances,
    "phases": estimated_phases,
}

#: Report title of each estimate figure.
ESTIMATE_TITLES: dict[str, str] = {
    "growth": "est.growth.title",
    "phases": "est.phases.title",
    "adoption_curves": "est.adoption.title",
    "country_heatmap": "est.matrix.title",
    "distance_decay": "est.distance.title",
}

#: Values of ``estimates`` accepted by :func:`run` and ``--estimates``.
ESTIMATE_MODES: tuple[str, ...] = ("auto", "sample", "none")

#: Datasets whose run draws the statistical figures from the sample when ``estimates="auto"``.
AUTO_ESTIMATES: tuple[str, ...] = ("core", "sample")


def resolve_estimates(estimates: str, dataset: Any) -> str:
    """``"sample"`` or ``"none"``: what ``estimates`` means for a run on ``dataset``.

    ``auto`` draws the statistical figures from the town sample for the bundled ``core``
    (landmark links: their counts describe the list, not history) and ``sample`` datasets,
    and from the data itself for anything else (a user's CSV, another dataset).

    Examples
    --------
    >>> resolve_estimates("auto", "core"), resolve_estimates("auto", "my.csv")
    ('sample', 'none')
    >>> resolve_estimates("weighted", "core")
    Traceback (most recent call last):
    ...
    ValueError: estimates='weighted' is not one of: 'auto', 'sample', 'none'
    """
    check_option("estimates", estimates, ESTIMATE_MODES)
    if estimates != "auto":
        return estimates
    return "sample" if dataset in AUTO_ESTIMATES else "none"

