"""Does co-membership in a city network precede twinning? A temporal holdout test."""

from __future__ import annotations

import math
import warnings
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_graph, check_int, check_year
from ._layer import network_members

#: Status of a pair in :func:`holdout_pairs` (only ``"at_risk"`` pairs enter the test).
PAIR_STATUSES: tuple[str, ...] = (
    "at_risk", "linked_by_cutoff", "undated_link", "undated_membership",
)


def _members(B: nx.Graph, G: nx.MultiDiGraph) -> list[Any]:
    return sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") == 0 and n in G),
                  key=str)


def _pair_index(n: int, i: Any, j: Any) -> Any:
    """Position of the unordered pair (i < j) in ``numpy.triu_indices(n, 1)`` order."""
    return i * n - i * (i + 1) // 2 + (j - i - 1)


def _membership_arrays(B: nx.Graph, pos: dict[Any, int], npairs: int) -> dict[str, np.ndarray]:
    """Per pair: first dated co-membership year, shared networks, undated shared membership.

    Vectorised over membership periods, one row of periods at a time (memory linear in a
    network's size): two periods of different cities overlap from ``max(joins)`` if that
    year is before ``min(ends)``; NaN (undated) joins never overlap.
    """
    since = np.full(npairs, np.nan)
    shared = np.zeros(npairs, dtype=np.int64)
    undated = np.zeros(npairs, dtype=bool)
    n = len(pos)
    for members in network_members(B).values():
        rows = [(pos[c], math.nan if j is None else j, math.inf if x is None else x)
                for c, periods in members.items() if c in pos for j, x in periods]
        if len(rows) < 2:
            continue
        city, join, end = (np.array(col) for col in zip(*rows, strict=True))
        city = city.astype(np.int64)
        seen: list[np.ndarray] = []
        for a in range(len(rows) - 1):
            b = np.arange(a + 1, len(rows))
            b = b[city[b] != city[a]]
            k = _pair_index(n, np.minimum(city[a], city[b]), np.maximum(city[a], city[b]))
            start = np.maximum(join[a], join[b])  # NaN if either is undated
            np.fmin.at(since, k, np.where(start < np.minimum(end[a], end[b]), start, np.nan))
            undated[k[np.isnan(join[a]) | np.isnan(join[b])]] = True
            seen.append(k)
        if seen:
            shared[np.unique(np.concatenate(seen))] += 1
    return {"comember_since": since, "shared_networks": shared, "undated_shared": undated}


def _link_arrays(G: nx.MultiDiGraph, pos: dict[Any, int], npairs: int) -> dict[str, np.ndarray]:
    """Per pair: first dated twinning year (either direction) and whether a link is undated."""
    first = np.full(npairs, np.nan)
    undated = np.zeros(npairs, dtype=bool)
    n = len(pos)
    for u, v, year in G.edges(data="year"):
        if u == v or u not in pos or v not in pos:
            continue
        i, j = sorted((pos[u], pos[v]))
        k = _pair_index(n, i, j)
        if year is None:
            undated[k] = True
        elif np.isnan(first[k]) or year < first[k]:
            first[k] = year
    return {"first_link": first, "undated_link": undated}


def _geography(G: nx.MultiDiGraph, members: list[Any], i: np.ndarray,
               j: np.ndarray) -> dict[str, np.ndarray]:
    from ..geo import haversine_km

    def attr(name: str) -> np.ndarray:
        vals = [G.nodes[c].get(name) for c in members]
        return np.array([np.nan if v is None else float(v) for v in vals])

    lat, lon = attr("lat"), attr("lon")
    km = np.asarray(haversine_km(lat[i], lon[i], lat[j], lon[j]), dtype=float)
    cc = np.array([G.nodes[c].get("country") or "" for c in members], dtype=object)
    same = (cc[i] == cc[j]) & (cc[i] != "")
    return {"distance_km": km, "same_country": same}


def holdout_pairs(G: nx.MultiDiGraph, B: nx.Graph, *, cutoff: int,
                  horizon: int | None = None) -> pd.DataFrame:
    """Every pair of member cities with its co-membership and twinning history at ``cutoff``.

    The pair table behind :func:`precedes_twinning`: one row per unordered pair of the
    layer's cities that are nodes of ``G``.

    Columns: ``u``, ``v`` (city ids), ``shared_networks`` (networks both ever belonged
    to), ``comember_since`` (first year both were members of a shared network, from
    dated memberships; NaN if none), ``first_link`` (first dated twinning link between
    them, either direction; NaN if none), ``undated_link`` (a link of unknown year),
    ``distance_km``, ``same_country``, ``comember`` (co-members by ``cutoff``:
    ``comember_since <= cutoff``), ``formed`` (first link in ``(cutoff, cutoff + horizon]``;
    ``horizon=None``: after ``cutoff``) and ``status`` (one of :data:`PAIR_STATUSES`):

    * ``"linked_by_cutoff"``: twinned by ``cutoff`` (not at risk);
    * ``"undated_link"``: not twinned by ``cutoff`` on dated links, but a link has no year
      (it may be older): left out;
    * ``"undated_membership"``: not co-members by ``cutoff`` on dated memberships, but they
      share a network where a side's join year is unknown (they may have been): left out;
    * ``"at_risk"``: the pairs the test compares.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    B : networkx.Graph
        The layer of :func:`layer` built on ``G``.
    cutoff : int
    horizon : int, optional
        Years after ``cutoff`` in which a new link counts; None counts every later link.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import io, paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> csv = '''network,city,country,join_year,end_year,role,ref,note
    ... Net X,City H,ID,1990,,member,https://example.org/x,fictional
    ... Net X,City I,KR,1980,,member,https://example.org/x,fictional
    ... Net X,City A,GB,1985,,member,https://example.org/x,fictional
    ... '''
    >>> t = holdout_pairs(G, pn.multilateral.layer(G, io.StringIO(csv)), cutoff=1992)
    >>> t[["u", "v", "comember_since", "first_link", "formed", "status"]]
       u  v  comember_since  first_link  formed            status
    0  A  H          1990.0         NaN   False           at_risk
    1  A  I          1985.0         NaN   False           at_risk
    2  H  I          1990.0      1994.0    True           at_risk
    """
    check_graph(G)
    cutoff = int(check_year("cutoff", cutoff))  # type: ignore[arg-type]  # never None here
    horizon = check_int("horizon", horizon, allow_none=True)
    members = _members(B, G)
    n = len(members)
    pos = {c: k for k, c in enumerate(members)}
    i, j = np.triu_indices(n, 1)
    cols: dict[str, Any] = {
        "u": np.array(members, dtype=object)[i] if n else np.array([], dtype=object),
        "v": np.array(members, dtype=object)[j] if n else np.array([], dtype=object),
    }
    cols.update(_membership_arrays(B, pos, len(i)))
    cols.update(_link_arrays(G, pos, len(i)))
    cols.update(_geography(G, members, i, j))
    t = pd.DataFrame(cols)
    end = math.inf if horizon is None else cutoff + horizon
    t["comember"] = t["comember_since"] <= cutoff
    t["formed"] = (t["first_link"] > cutoff) & (t["first_link"] <= end)
    status = np.full(len(t), "at_risk", dtype=object)
    maybe_member = ~t["comember"] & t["undated_shared"]
    status[maybe_member.to_numpy()] = "undated_membership"
    status[(t["undated_link"] & ~(t["first_link"] <= cutoff)).to_numpy()] = "undated_link"
    status[(t["first_link"] <= cutoff).to_numpy()] = "linked_by_cutoff"
    t["status"] = status
    t.attrs.update(cutoff=cutoff, horizon=horizon, dataset=G.graph.get("dataset"))
    return t.drop(columns="undated_shared")


def _risk_ratio(a: int, n1: int, c: int, n2: int) -> tuple[float, float, float]:
    """Risk ratio with its 95 % Wald CI on the log scale (Katz et al. 1978); NaN with a 0 cell."""
    if min(a, c) == 0 or min(n1, n2) == 0:
        rr = (a / n1) / (c / n2) if n1 and n2 and c else math.nan
        return rr, math.nan, math.nan
    rr = (a / n1) / (c / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return rr, rr * math.exp(-1.959964 * se), rr * math.exp(1.959964 * se)


def _logit(t: pd.DataFrame) -> tuple[dict[str, float], str]:
    """Logistic regression formed ~ comember + log km + same country; NaN and a note if it fails."""
    nan = {"logit_coef": math.nan, "logit_low": math.nan, "logit_high": math.nan,
           "logit_p": math.nan, "logit_n": 0}
    d = t[np.isfinite(t["distance_km"])]
    nan["logit_n"] = len(d)
    y = d["formed"].astype(float).to_numpy()
    x = d["comember"].astype(float).to_numpy()
    events = [int(y[x == g].sum()) for g in (0.0, 1.0)]
    if len(d) < 5 or min(events) == 0 or events[0] == (x == 0).sum() or events[1] == x.sum():
        # a group with no link (or only links) separates the outcome: no finite estimate
        return nan, ("logistic regression not fitted: a group has no link formed (or only "
                     "links), so its odds ratio is not finite")
    import statsmodels.api as sm

    controls = {"log_km": np.log(np.maximum(d["distance_km"].to_numpy(), 1.0)),
                "same_country": d["same_country"].astype(float).to_numpy()}
    flat = [k for k, c in controls.items() if np.ptp(c) == 0]  # no variation: not estimable
    X = np.column_stack([np.ones(len(d)), x, *(c for k, c in controls.items() if k not in flat)])
    dropped = f"control(s) without variation left out: {', '.join(flat)}" if flat else ""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fit = sm.Logit(y, X).fit(disp=0, maxiter=200)
        except Exception as exc:  # singular matrix, separation: report, never crash
            return nan, f"logistic regression failed: {type(exc).__name__}: {exc}"
    msgs = sorted({type(w.message).__name__ for w in caught})
    if any("Separation" in m for m in msgs):
        return nan, "logistic regression not reported: perfect separation"
    ci = np.asarray(fit.conf_int())[1]
    out = {"logit_coef": float(fit.params[1]), "logit_low": float(ci[0]),
           "logit_high": float(ci[1]), "logit_p": float(fit.pvalues[1]), "logit_n": len(d)}
    warned = f"logistic regression warnings: {', '.join(msgs)}" if msgs else ""
    return out, "; ".join(m for m in (dropped, warned) if m)


def _reverse(t: pd.DataFrame) -> dict[str, int]:
    both = t["first_link"].notna() & t["comember_since"].notna()
    return {
        "twinned_comember_pairs": int(both.sum()),
        "comember_after_twinning": int((both & (t["comember_since"] > t["first_link"])).sum()),
        "comember_first": int((both & (t["comember_since"] <= t["first_link"])).sum()),
        "twinned_comember_undated": int((t["first_link"].notna() & (t["shared_networks"] > 0)
                                         & t["comember_since"].isna()).sum()),
    }


def precedes_twinning(G: nx.MultiDiGraph, B: nx.Graph, *, cutoff: int,
                      horizon: int | None = None) -> pd.DataFrame:
    r"""Temporal holdout test: co-members of a city network, do they twin more afterwards.

    Among the pairs of the layer's member cities that had **no** twinning link by
    ``cutoff`` (the ``"at_risk"`` pairs of :func:`holdout_pairs`), compare the share that
    formed a link in ``(cutoff, cutoff + horizon]`` between pairs that were co-members of a
    network by ``cutoff`` and the other pairs. Reported: the two groups' pairs, links
    formed and rates; the risk ratio with its 95 % confidence interval (log method); the
    two-sided Fisher exact p of the 2x2 table (``scipy.stats.fisher_exact``); and a logistic
    regression of link formation on co-membership controlling for log distance (km) and
    same country (``statsmodels`` Logit; coefficient of co-membership = log odds ratio, its
    95 % CI and p; pairs without coordinates left out, ``logit_n`` counted).
    It also counts the reverse order among pairs that both twinned and shared a network
    (on dated records): co-membership that began after the pair had twinned
    (``comember_after_twinning``) against co-membership first (``comember_first``).

    What the test can show: whether, in these data, pairs already linked through a network
    formed twinning links at a different rate afterwards, beyond what distance and a shared
    country explain. What it cannot show: that membership *causes* twinning. Members of
    C40, U20 or Eurocities are large, internationally active cities that twin more with
    anyone; both the co-member and the other pairs here are pairs of members, which
    limits (but does not remove) that confounding. Undated memberships cannot be placed
    before or after ``cutoff``: pairs sharing a network through an undated join are left
    out and counted (``excluded_undated_membership``); pairs with an undated link likewise
    (``excluded_undated_link``); cities whose memberships are all undated still enter as
    non-co-members of their other pairs. Links are counted as the data record them: a
    curated dataset such as ``core`` misses most links and the membership table covers a
    few networks, so small counts give wide intervals. With rare events and small groups,
    read the Fisher p and the interval before the point estimate.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The twinning graph.
    B : networkx.Graph
        Its layer from :func:`layer`.
    cutoff : int
        Co-membership is measured by ``cutoff`` (inclusive), link formation after it.
    horizon : int, optional
        Years after ``cutoff`` counted (inclusive); None counts every later link.

    Returns
    -------
    pandas.DataFrame
        One row: ``cutoff``, ``horizon``, ``last_link_year`` (the latest dated link of
        ``G``: a window reaching past it counts links the data cannot have yet, and the
        ``note`` says so), ``members``, ``pairs``, ``pairs_co``,
        ``links_co``, ``rate_co``, ``pairs_other``, ``links_other``, ``rate_other``,
        ``risk_ratio``, ``rr_low``, ``rr_high``, ``fisher_p``, ``logit_coef``,
        ``logit_low``, ``logit_high``, ``logit_p``, ``logit_n``, the excluded counts
        ``excluded_linked_by_cutoff``, ``excluded_undated_link``,
        ``excluded_undated_membership``, ``undated_memberships`` (layer edges without a
        join year), the reverse counts ``twinned_comember_pairs``,
        ``comember_after_twinning``, ``comember_first``, ``twinned_comember_undated``, and
        ``note`` (why a statistic is NaN). Use ``.T`` to read it as a column.

    Notes
    -----
    Risk ratio :math:`RR = (a/n_1)/(c/n_2)`, with
    :math:`SE(\ln RR) = \sqrt{1/a - 1/n_1 + 1/c - 1/n_2}`; NaN when a cell is zero.

    References
    ----------
    Fisher, R. A. (1922). On the interpretation of chi-squared from contingency tables, and
    the calculation of P. *Journal of the Royal Statistical Society*, 85(1), 87-94.

    Katz, D., Baptista, J., Azen, S. P., & Pike, M. C. (1978). Obtaining confidence
    intervals for the risk ratio in cohort studies. *Biometrics*, 34(3), 469-474.

    Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for social
    networks. *JASIST*, 58(7), 1019-1031 (the temporal holdout design).

    Examples
    --------
    >>> import io, paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> csv = '''network,city,country,join_year,end_year,role,ref,note
    ... Net X,City H,ID,1990,,member,https://example.org/x,fictional
    ... Net X,City I,KR,1980,,member,https://example.org/x,fictional
    ... Net X,City A,GB,1985,,member,https://example.org/x,fictional
    ... '''
    >>> r = precedes_twinning(G, pn.multilateral.layer(G, io.StringIO(csv)), cutoff=1992)
    >>> r[["pairs_co", "links_co", "pairs_other", "comember_first"]]
       pairs_co  links_co  pairs_other  comember_first
    0         3         1            0               1
    """
    t = holdout_pairs(G, B, cutoff=cutoff, horizon=horizon)
    risk = t[t["status"] == "at_risk"]
    co, other = risk[risk["comember"]], risk[~risk["comember"]]
    a, n1, c, n2 = int(co["formed"].sum()), len(co), int(other["formed"].sum()), len(other)
    rr, lo, hi = _risk_ratio(a, n1, c, n2)
    notes = []
    if math.isnan(lo):
        notes.append("risk-ratio CI not computed: a group has no pair or no link")
    fisher = math.nan
    if n1 and n2:
        from scipy.stats import fisher_exact

        fisher = float(fisher_exact([[a, n1 - a], [c, n2 - c]]).pvalue)
    logit, note = _logit(risk)
    notes += [note] if note else []
    counts = t["status"].value_counts()
    years = [y for *_, y in G.edges(data="year") if y is not None]
    last = max(years) if years else None
    if last is not None and (horizon is None or t.attrs["cutoff"] + horizon > last):
        notes.append(f"the window reaches the last dated link of G ({last}): links formed "
                     "later are not in the data")
    row: dict[str, Any] = {
        "cutoff": t.attrs["cutoff"], "horizon": t.attrs["horizon"],
        "last_link_year": last, "members": len(_members(B, G)), "pairs": len(t),
        "pairs_co": n1, "links_co": a,
        "rate_co": a / n1 if n1 else math.nan, "pairs_other": n2, "links_other": c,
        "rate_other": c / n2 if n2 else math.nan, "risk_ratio": rr, "rr_low": lo,
        "rr_high": hi, "fisher_p": fisher, **logit,
        **{f"excluded_{s}": int(counts.get(s, 0)) for s in PAIR_STATUSES[1:]},
        "undated_memberships": sum(1 for *_, p in B.edges(data="periods")
                                   if p and any(j is None for j, _ in p)),
        **_reverse(t), "note": "; ".join(notes),
    }
    return pd.DataFrame([row])
