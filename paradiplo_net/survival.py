"""How long twinning links last: durations, Kaplan-Meier curves and a Cox model.

Spells and censoring (exact rules)
    A link's *spell* starts in its formation year ``year`` and ends in ``end_year`` (the year
    it was suspended or dissolved). As in :func:`paradiplo_net.temporal.snapshot`, a link is
    in force in the years ``year <= t < end_year``, so its duration is ``end_year - year``
    (a link formed and ended in the same year lasts 0 years).

    The data are observed up to the inclusive year ``observed_until`` (default: the latest
    ``year`` or ``end_year`` recorded in the graph). Then, for a dated link:

    - ``end_year <= observed_until``: the end is observed, ``event = True``,
      ``duration = end_year - year``;
    - no ``end_year``, or ``end_year > observed_until`` (an end after the observation
      year is not yet known at that date): **right-censored**, ``event = False``,
      ``duration = observed_until - year`` (the link is known to have lasted at least that
      long);
    - ``year > observed_until``: not yet formed at the observation date, excluded (counted);
    - ``end_year < year``: contradictory, excluded (counted);
    - no ``year``: undated, excluded (counted), since its start is unknown.

    Censoring is assumed non-informative (a link's end is as likely whether or not the
    record is complete), the standard assumption of the Kaplan-Meier and Cox estimators.
    A missing ``end_year`` is read as "still in force", which overstates survival where
    suspensions go unrecorded.
Units
    ``unit="agreement"`` (default): statements between the same two cities with the same
    formation year are one agreement (a reciprocal pair is one spell, not two); it ends
    when its last statement ends (no end if any statement has none). Parallel agreements
    (different years) stay separate spells. ``unit="statement"``: one spell per statement.

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net import survival
>>> d = survival.link_durations(pn.datasets.load("toy"))
>>> len(d), int(d["event"].sum()), d.attrs["observed_until"], d.attrs["excluded_undated"]
(10, 1, 2022, 1)
"""

from __future__ import annotations

import logging
import math
import warnings
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from ._checks import check_graph, check_option, check_year
from .errors import SchemaError, format_problems
from .temporal import ERAS, era_of

__all__ = [
    "COX_COVARIATES",
    "cox_model",
    "kaplan_meier",
    "link_durations",
    "plot_survival",
    "survival_summary",
]

log = logging.getLogger(__name__)

#: Covariates accepted by :func:`cox_model` (the default uses them all).
COX_COVARIATES: tuple[str, ...] = ("era", "distance", "same_bloc", "domestic", "kind")

_CURVE_COLUMNS = ["group", "time", "survival", "ci_low", "ci_high", "at_risk", "events",
                  "censored"]
_NEEDED = ("duration", "event")


def _spells(G: nx.MultiDiGraph, unit: str) -> tuple[list[dict[str, Any]], int]:
    """One record per spell (statement or agreement) of the dated links; undated counted."""
    groups: dict[tuple, list[tuple[Any, Any, dict]]] = defaultdict(list)
    undated = 0
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("year") is None:
            undated += 1
            continue
        key = (frozenset((u, v)), d["year"]) if unit == "agreement" else (u, v, k)
        groups[key].append((u, v, d))
    spells = []
    for members in groups.values():
        u, v, d = members[0]
        ends = [m[2].get("end_year") for m in members]
        known = [int(e) for e in ends if e is not None]
        spells.append({
            "source": u, "target": v, "year": int(d["year"]),
            "end_year": max(known) if len(known) == len(ends) else None,
            "kind": d.get("kind"), "statements": len(members),
        })
    return spells, undated


def _observed_until(G: nx.MultiDiGraph, observed_until: Any) -> int | None:
    if observed_until is not None:
        return check_year("observed_until", observed_until)
    years = [y for _u, _v, d in G.edges(data=True) for y in (d.get("year"), d.get("end_year"))
             if y is not None]
    return max(years) if years else None


def _censor(spells: list[dict[str, Any]], until: int) -> tuple[list[dict[str, Any]], dict]:
    kept, info = [], {"excluded_after_observation": 0, "excluded_invalid": 0,
                      "ended_after_observation": 0}
    for s in spells:
        y, e = s["year"], s["end_year"]
        if y > until:
            info["excluded_after_observation"] += 1
            continue
        if e is not None and e < y:
            info["excluded_invalid"] += 1
            continue
        event = e is not None and e <= until
        if e is not None and not event:
            info["ended_after_observation"] += 1
        kept.append({**s, "duration": (e if event else until) - y, "event": event})
    return kept, info


def _pair_label(a: Any, b: Any) -> str | None:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return None
    return "-".join(sorted((str(a), str(b))))


def _add_columns(frame: pd.DataFrame, G: nx.MultiDiGraph,
                 groups: Mapping[str, str] | None) -> pd.DataFrame:
    from .communities import blocs
    from .geo import haversine_km

    node = {n: G.nodes[n] for n in set(frame["source"]) | set(frame["target"])}
    cs = [node[n].get("country") for n in frame["source"]]
    ct = [node[n].get("country") for n in frame["target"]]
    b = blocs()
    bs, bt = [b.get(c) if c else None for c in cs], [b.get(c) if c else None for c in ct]
    coords = [[node[n].get(x) for n in frame[end]] for end in ("source", "target")
              for x in ("lat", "lon")]
    arr = [np.array([math.nan if v is None else float(v) for v in c]) for c in coords]
    frame["era"] = era_of(frame["year"].tolist(), ERAS).to_numpy()
    frame["country_pair"] = [_pair_label(a, c) for a, c in zip(cs, ct, strict=True)]
    frame["domestic"] = pd.array([None if not (a and c) else a == c
                                  for a, c in zip(cs, ct, strict=True)], dtype="boolean")
    frame["bloc_pair"] = [_pair_label(a, c) for a, c in zip(bs, bt, strict=True)]
    frame["same_bloc"] = pd.array([None if not (a and c) else a == c
                                   for a, c in zip(bs, bt, strict=True)], dtype="boolean")
    frame["distance_km"] = haversine_km(*arr) if len(frame) else np.zeros(0)
    if groups is not None:
        frame["group_pair"] = [_pair_label(groups.get(a) if a else None,
                                           groups.get(c) if c else None)
                               for a, c in zip(cs, ct, strict=True)]
    return frame


def link_durations(
    G: nx.MultiDiGraph,
    *,
    observed_until: int | None = None,
    unit: Literal["agreement", "statement"] = "agreement",
    groups: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Durations of links from formation to end, right-censored at ``observed_until``.

    See the module docstring for the exact censoring rules.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    observed_until : int, optional
        Last year of observation (inclusive). Default: the latest ``year`` or ``end_year``
        in ``G``.
    unit : {"agreement", "statement"}, default "agreement"
    groups : mapping, optional
        Country (ISO2) -> group name; adds a ``group_pair`` column (e.g. "EU-ASEAN").

    Returns
    -------
    pandas.DataFrame
        One row per spell: ``source``, ``target``, ``year``, ``end_year`` (Int64),
        ``kind``, ``statements``, ``duration`` (years), ``event`` (True = end observed,
        False = censored), ``era`` (:data:`paradiplo_net.temporal.ERAS`),
        ``country_pair`` ("DE-FR", sorted), ``domestic``, ``bloc_pair``, ``same_bloc``
        (Cold War blocs of :func:`paradiplo_net.communities.blocs`), ``distance_km``
        (great circle between the cities; NaN without coordinates) and, with ``groups``,
        ``group_pair``. ``attrs`` records ``observed_until``, ``unit``, ``dataset``,
        ``excluded_undated`` (statements), ``excluded_after_observation``,
        ``excluded_invalid`` and ``ended_after_observation`` (spells censored although an
        end year after ``observed_until`` is recorded).

    Raises
    ------
    ValueError
        Unknown ``unit``; ``observed_until`` not an int.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> d = link_durations(pn.datasets.load("toy"), observed_until=2000)
    >>> fb = d.set_index(["source", "target"]).loc[("F", "B")]  # ends 2022: censored in 2000
    >>> int(fb["duration"]), bool(fb["event"])
    (10, False)
    >>> d.attrs["excluded_after_observation"], d.attrs["ended_after_observation"]
    (2, 1)
    """
    check_graph(G)
    check_option("unit", unit, ("agreement", "statement"))
    until = _observed_until(G, observed_until)
    spells, undated = _spells(G, unit)
    kept, info = _censor(spells, until) if until is not None else ([], {
        "excluded_after_observation": 0, "excluded_invalid": 0, "ended_after_observation": 0})
    cols = ["source", "target", "year", "end_year", "kind", "statements", "duration", "event"]
    frame = pd.DataFrame(kept, columns=cols)
    frame = frame.astype({"year": "int64", "duration": "int64", "event": "bool"})
    frame["end_year"] = pd.array(frame["end_year"].tolist(), dtype="Int64")
    frame = _add_columns(frame, G, groups)
    frame.attrs.update(observed_until=until, unit=unit, dataset=G.graph.get("dataset"),
                       excluded_undated=undated, **info)
    if undated:
        log.info("link_durations: %d undated statements excluded", undated)
    return frame


def _check_durations(data: Any, by: str | None) -> pd.DataFrame:
    frame = link_durations(data) if isinstance(data, nx.MultiDiGraph) else data
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"expected a graph or a table from link_durations, got "
                          f"{type(data).__name__}")
    missing = [c for c in (*_NEEDED, *([by] if by else [])) if c not in frame.columns]
    if missing:
        raise SchemaError(format_problems(
            "durations table", [f"missing column {c!r}" for c in missing],
            fix="build it with survival.link_durations(G); 'by' must be one of its columns"))
    return frame


def _groups(frame: pd.DataFrame, by: str | None) -> list[tuple[str, pd.DataFrame]]:
    if by is None:
        return [("all", frame)] if len(frame) else []
    labelled = frame[frame[by].notna()]
    return [(str(k), g) for k, g in labelled.groupby(by, sort=True) if len(g)]


def kaplan_meier(
    data: nx.MultiDiGraph | pd.DataFrame,
    *,
    by: str | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    r"""Kaplan-Meier survival curves of links, overall or by group.

    Parameters
    ----------
    data : networkx.MultiDiGraph or pandas.DataFrame
        A graph (durations built with :func:`link_durations`' defaults) or its table.
    by : str, optional
        A column of the durations table to split by, e.g. ``"era"``, ``"country_pair"``,
        ``"bloc_pair"``, ``"group_pair"``, ``"kind"``. Rows where it is missing are left out.
    alpha : float, default 0.05
        1 - level of the pointwise confidence band.

    Returns
    -------
    pandas.DataFrame
        Long table, one row per group and time at which something happens (and time 0):
        ``group`` (``"all"`` without ``by``), ``time`` (years since formation),
        ``survival`` :math:`\hat S(t)`, ``ci_low``, ``ci_high`` (Greenwood variance on the
        log(-log) scale, lifelines' default), ``at_risk`` (spells with duration >= t),
        ``events`` (ends at t) and ``censored`` (censored at t). ``attrs``: ``by``,
        ``alpha`` and the durations table's ``attrs``.

    Raises
    ------
    SchemaError
        A table without ``duration``/``event`` or without the ``by`` column.
    ValueError
        ``alpha`` not in (0, 1).

    Notes
    -----
    :math:`\hat S(t) = \prod_{t_i \le t} (1 - d_i / n_i)`, with :math:`d_i` ends and
    :math:`n_i` spells at risk at time :math:`t_i` [1]_, computed by lifelines [2]_.

    References
    ----------
    .. [1] Kaplan, E. L., Meier, P. (1958). Nonparametric estimation from incomplete
       observations. *JASA* 53(282), 457-481.
    .. [2] Davidson-Pilon, C. (2019). lifelines: survival analysis in Python. *Journal of
       Open Source Software* 4(40), 1317.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> km = kaplan_meier(pn.datasets.load("toy"))
    >>> row = km[km["time"] == 32].iloc[0]  # F-B ends after 32 years; 7 spells at risk
    >>> int(row["at_risk"]), int(row["events"]), round(float(row["survival"]), 4)  # 1 - 1/7
    (7, 1, 0.8571)
    """
    from lifelines import KaplanMeierFitter

    if not (isinstance(alpha, float) and 0 < alpha < 1):
        raise ValueError(f"alpha must be a float in (0, 1), got {alpha!r}")
    frame = _check_durations(data, by)
    parts = []
    for label, g in _groups(frame, by):
        kmf = KaplanMeierFitter(alpha=alpha).fit(g["duration"], g["event"], label=label)
        tab = kmf.event_table
        ci = kmf.confidence_interval_survival_function_
        parts.append(pd.DataFrame({
            "group": label, "time": tab.index.to_numpy(dtype=float),
            "survival": kmf.survival_function_.iloc[:, 0].to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(), "ci_high": ci.iloc[:, 1].to_numpy(),
            "at_risk": tab["at_risk"].to_numpy(), "events": tab["observed"].to_numpy(),
            "censored": tab["censored"].to_numpy(),
        }))
    out = (pd.concat(parts, ignore_index=True) if parts
           else pd.DataFrame(columns=_CURVE_COLUMNS))
    out.attrs.update(frame.attrs, by=by, alpha=alpha)
    return out


def survival_summary(
    data: nx.MultiDiGraph | pd.DataFrame,
    *,
    by: str | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Spells, ends, censored spells and median survival per group.

    Parameters
    ----------
    data : networkx.MultiDiGraph or pandas.DataFrame
    by : str, optional
        As in :func:`kaplan_meier`.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``spells``, ``events``, ``censored``, ``median`` (years; ``inf``
        when the curve never falls to 0.5, i.e. more than half the links are still in force
        or censored), ``median_ci_low``, ``median_ci_high`` (Brookmeyer-Crowley interval
        from the pointwise band, lifelines) and ``survival_at_max`` (the curve's last value).

    Raises
    ------
    SchemaError
        As in :func:`kaplan_meier`.

    References
    ----------
    .. [1] Brookmeyer, R., Crowley, J. (1982). A confidence interval for the median
       survival time. *Biometrics* 38(1), 29-41.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = survival_summary(pn.datasets.load("toy"))
    >>> s.loc["all", ["spells", "events", "censored"]].astype(int).tolist()
    [10, 1, 9]
    >>> float(s.loc["all", "median"])  # the curve never falls to 0.5
    inf
    """
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    frame = _check_durations(data, by)
    rows = {}
    for label, g in _groups(frame, by):
        kmf = KaplanMeierFitter(alpha=alpha).fit(g["duration"], g["event"], label=label)
        ci = np.asarray(median_survival_times(kmf.confidence_interval_)).ravel()
        rows[label] = {
            "spells": len(g), "events": int(g["event"].sum()),
            "censored": int((~g["event"].astype(bool)).sum()),
            "median": float(kmf.median_survival_time_),
            "median_ci_low": float(ci[0]), "median_ci_high": float(ci[1]),
            "survival_at_max": float(kmf.survival_function_.iloc[-1, 0]),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by or "group"
    out.attrs.update(frame.attrs, by=by, alpha=alpha)
    return out


def _cox_frame(frame: pd.DataFrame, covariates: Sequence[str]) -> tuple[pd.DataFrame, dict]:
    cols: dict[str, Any] = {"duration": frame["duration"], "event": frame["event"].astype(int)}
    reference = {}
    for c in covariates:
        if c in ("era", "kind"):
            levels = frame[c].astype("object")
            reference[c] = levels.value_counts().index[0] if levels.notna().any() else None
            dummies = pd.get_dummies(levels, prefix=c, dtype=float)
            dummies = dummies.drop(columns=f"{c}_{reference[c]}", errors="ignore")
            dummies[levels.isna().to_numpy()] = np.nan
            cols.update({k: dummies[k] for k in dummies.columns})
        elif c == "distance":
            cols["distance_1000km"] = frame["distance_km"] / 1000.0
        else:
            cols[c] = frame[c].astype("Float64").astype(float)
    X = pd.DataFrame(cols)
    constant = [c for c in X.columns[2:] if X[c].dropna().nunique() < 2]
    return X.drop(columns=constant), {"reference": reference, "dropped_constant": constant}


def cox_model(
    data: nx.MultiDiGraph | pd.DataFrame,
    *,
    covariates: Sequence[str] = COX_COVARIATES,
    penalizer: float = 0.0,
    alpha: float = 0.05,
) -> pd.DataFrame:
    r"""Cox proportional-hazards model of link ends.

    Parameters
    ----------
    data : networkx.MultiDiGraph or pandas.DataFrame
        A graph or a table from :func:`link_durations`.
    covariates : sequence of {"era", "distance", "same_bloc", "domestic", "kind"}
        ``era`` (of formation) and ``kind`` enter as dummies against their most frequent
        level; ``distance`` as great-circle distance in 1,000 km; ``same_bloc`` and
        ``domestic`` as 0/1. Spells missing any covariate are left out (counted); dummies or
        covariates without variation are dropped (listed in ``attrs``).
    penalizer : float, default 0.0
        lifelines' ridge penalty; a small value (0.01-0.1) keeps estimates finite when a
        level has no ends.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term``, ``coef`` (log hazard ratio), ``exp_coef`` (hazard
        ratio: > 1 = links end sooner), ``std_error``, ``z``, ``p``, ``ci_low``, ``ci_high``
        (of ``coef``). ``attrs``: ``n``, ``events``, ``dropped_missing``, ``concordance``,
        ``log_likelihood``, ``reference`` (levels left out), ``dropped_constant``,
        ``parameters``, ``method`` and the durations' ``attrs``.

    Raises
    ------
    ValueError
        Unknown covariate, negative ``penalizer``, or no ended link to model.
    SchemaError
        A table without the needed columns.

    Notes
    -----
    :math:`h(t \mid x) = h_0(t)\,\exp(x'\beta)`, partial likelihood with Efron's ties
    [1]_, lifelines' ``CoxPHFitter`` [2]_. Proportional hazards is an assumption: check
    it with lifelines' ``check_assumptions`` before reading the ratios causally.

    References
    ----------
    .. [1] Cox, D. R. (1972). Regression models and life-tables. *JRSS B* 34(2), 187-220.
    .. [2] Davidson-Pilon, C. (2019). lifelines: survival analysis in Python. *Journal of
       Open Source Software* 4(40), 1317.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> cox = cox_model(pn.datasets.load("toy"), covariates=["distance"], penalizer=0.1)
    >>> cox["term"].tolist(), cox.attrs["n"], cox.attrs["events"]
    (['distance_1000km'], 10, 1)
    """
    from lifelines import CoxPHFitter

    covariates = list(covariates)
    for c in covariates:
        check_option("covariate", c, COX_COVARIATES)
    if not (isinstance(penalizer, (int, float)) and penalizer >= 0):
        raise ValueError(f"penalizer must be a number >= 0, got {penalizer!r}")
    frame = _check_durations(data, None)
    X, info = _cox_frame(frame, covariates)
    complete = X.dropna()
    if complete["event"].sum() == 0:
        raise ValueError(f"no ended link among {len(complete)} complete spells: a Cox model "
                         "needs events. Fix: check end_year, or observed_until.")
    cph = CoxPHFitter(penalizer=penalizer, alpha=alpha)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifelines' convergence hints; see `converged`
        cph.fit(complete, duration_col="duration", event_col="event")
    s = cph.summary
    out = pd.DataFrame({
        "term": s.index.to_list(), "coef": s["coef"].to_numpy(),
        "exp_coef": s["exp(coef)"].to_numpy(), "std_error": s["se(coef)"].to_numpy(),
        "z": s["z"].to_numpy(), "p": s["p"].to_numpy(),
        "ci_low": s.iloc[:, 5].to_numpy(), "ci_high": s.iloc[:, 6].to_numpy(),
    })
    out.attrs.update(frame.attrs, n=len(complete), events=int(complete["event"].sum()),
                     dropped_missing=len(X) - len(complete),
                     concordance=float(cph.concordance_index_),
                     log_likelihood=float(cph.log_likelihood_), **info,
                     parameters={"covariates": covariates, "penalizer": penalizer,
                                 "alpha": alpha},
                     method="Cox proportional hazards (lifelines, Efron ties)")
    return out


def plot_survival(curves: pd.DataFrame, *, ax: Any = None, band: bool = True,
                  title: str | None = None) -> tuple[Any, Any]:
    """Step plot of Kaplan-Meier curves (from :func:`kaplan_meier`), one line per group.

    Parameters
    ----------
    curves : pandas.DataFrame
        The long table of :func:`kaplan_meier` (nothing is computed here).
    ax : matplotlib Axes, optional
    band : bool, default True
        Shade the confidence band.
    title : str, optional

    Returns
    -------
    (fig, ax)

    Raises
    ------
    SchemaError
        ``curves`` lacks :func:`kaplan_meier`'s columns.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, ax = plot_survival(kaplan_meier(pn.datasets.load("toy")))
    >>> ax.get_ylabel()
    'share of links still in force'
    """
    import matplotlib.pyplot as plt

    missing = [c for c in _CURVE_COLUMNS if c not in getattr(curves, "columns", ())]
    if missing:
        raise SchemaError(f"plot_survival needs kaplan_meier's table; missing {missing}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 4))
    else:
        fig = ax.figure
    for label, g in curves.groupby("group", sort=True):
        line = ax.step(g["time"], g["survival"], where="post", label=str(label))[0]
        if band:
            ax.fill_between(g["time"], g["ci_low"], g["ci_high"], step="post", alpha=0.15,
                            color=line.get_color(), linewidth=0)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("years since formation")
    ax.set_ylabel("share of links still in force")
    if curves["group"].nunique() > 1:
        ax.legend(fontsize=8, frameon=False)
    until = curves.attrs.get("observed_until")
    ax.set_title(title or f"Kaplan-Meier, censored at {until}", fontsize=9)
    fig.tight_layout()
    return fig, ax
