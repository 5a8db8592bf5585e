"""Communities over time: one partition per era and matches across consecutive eras (private)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import pandas as pd
from tqdm.auto import tqdm

from .. import temporal
from .._checks import check_graph, check_option
from ._detect import _check_run_options, detect
from ._interpret import _check_result
from ._results import CommunityResult, Method


def by_era(
    G: nx.MultiDiGraph,
    *,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] | None = None,
    method: Method = "leiden",
    resolution: float = 1.0,
    seed: int = 0,
    weights: Literal["links"] | None = "links",
    level: Literal["city", "country"] = "city",
    by: Literal["formed", "active"] = "formed",
    n_iterations: int = 2,
    progress: bool = True,
) -> dict[str, CommunityResult]:
    """Communities of each era's network, with the same method and seed.

    Each era's network is :func:`paradiplo_net.temporal.filter_era`: the statements formed
    (``by="formed"``) or active (``by="active"``) in the era, inclusive bounds, and only the
    cities they touch. Undated statements belong to no era; they are left out and counted in
    each result's ``excluded["undated"]`` (and ``excluded["ended"]`` / ``["outside"]`` as
    reported by the window).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    eras : DataFrame or sequence of (name, start, end), optional
        Default :data:`paradiplo_net.temporal.ERAS`.
    method, resolution, seed, weights, level, n_iterations
        As in :func:`detect`.
    by : {"formed", "active"}, default "formed"
    progress : bool, default True

    Returns
    -------
    dict of str to CommunityResult
        In era order; an era without statements gives an empty result (no communities).
        ``parameters["era"]`` holds the era name and ``parameters["by"]`` the window rule.

    Raises
    ------
    SchemaError
        A malformed eras table (overlapping eras, missing columns).
    ValueError
        As :func:`detect`.

    See Also
    --------
    match_eras : follow communities from one era to the next.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> res = by_era(G, eras=[("cold_war", 1945, 1989), ("after", 1990, 2020)], progress=False)
    >>> {era: r.membership.to_dict() for era, r in res.items()}["after"]
    {'F': 1, 'B': 1, 'H': 0, 'I': 0, 'J': 0}
    >>> res["cold_war"].excluded
    {'undated': 1, 'outside': 6}
    >>> match_eras(res)[["community_from", "community_to", "share_from", "event"]]
       community_from  community_to  share_from  event
    0               1             0         0.5  split
    1               1             1         0.5  split
    """
    check_graph(G)
    check_option("by", by, ("formed", "active"))
    seed, _, _ = _check_run_options(
        method, weights=weights, level=level, seed=seed, resolution=resolution,
        n_iterations=n_iterations)
    table = temporal.normalize_eras(eras)
    names = table["name"].tolist()
    out: dict[str, CommunityResult] = {}
    for era in tqdm(names, desc="eras", disable=not progress, leave=False):
        H = temporal.filter_era(G, era, eras=table, by=by)
        res = detect(
            H,
            method=method,
            resolution=resolution,
            seed=seed,
            weights=weights,
            level=level,
            n_iterations=n_iterations,
        )
        res.parameters.update(era=era, by=by)
        for key in ("excluded_undated", "excluded_ended", "excluded_outside"):
            n = H.graph.get(key)
            if n:
                res.excluded[key.removeprefix("excluded_")] = int(n)
        res.dataset = G.graph.get("dataset")
        out[era] = res
    return out


MATCH_COLUMNS: tuple[str, ...] = (
    "era_from",
    "community_from",
    "era_to",
    "community_to",
    "size_from",
    "size_to",
    "overlap",
    "jaccard",
    "share_from",
    "share_to",
    "event",
)


def _event(row: dict[str, Any], main_from: Counter, main_to: Counter, min_share: float) -> str:
    """continue, split, merge, split+merge or minor (see :func:`match_eras`)."""
    is_from = row["share_from"] >= min_share
    is_to = row["share_to"] >= min_share
    split = is_from and main_from[row["community_from"]] >= 2
    merge = is_to and main_to[row["community_to"]] >= 2
    if split and merge:
        return "split+merge"
    if split:
        return "split"
    if merge:
        return "merge"
    return "continue" if is_from and is_to else "minor"


def _match_pair(
    ea: str, ra: CommunityResult, eb: str, rb: CommunityResult, min_share: float
) -> list[dict[str, Any]]:
    """Rows of :func:`match_eras` for two consecutive eras."""
    ma, mb = ra.membership, rb.membership
    common = ma.index.intersection(mb.index)
    size_a, size_b = ma.value_counts(), mb.value_counts()
    surv_a = ma[common].value_counts()
    surv_b = mb[common].value_counts()
    pairs = pd.DataFrame({"a": ma[common].to_numpy(), "b": mb[common].to_numpy()})
    overlap = pairs.value_counts().sort_index()
    block: list[dict[str, Any]] = []
    for (a, b), n in overlap.items():
        union = size_a[a] + size_b[b] - n
        block.append(
            {
                "era_from": ea,
                "community_from": int(a),
                "era_to": eb,
                "community_to": int(b),
                "size_from": int(size_a[a]),
                "size_to": int(size_b[b]),
                "overlap": int(n),
                "jaccard": float(n / union),
                "share_from": float(n / surv_a[a]),
                "share_to": float(n / surv_b[b]),
            }
        )
    main_from: Counter = Counter(
        r["community_from"] for r in block if r["share_from"] >= min_share
    )
    main_to: Counter = Counter(r["community_to"] for r in block if r["share_to"] >= min_share)
    for r in block:
        r["event"] = _event(r, main_from, main_to, min_share)
    block.sort(key=lambda r: (r["community_from"], -r["overlap"], r["community_to"]))
    return block


def match_eras(results: Mapping[str, CommunityResult], *, min_share: float = 0.25) -> pd.DataFrame:
    """Match communities across consecutive eras by shared members; flag splits and merges.

    Parameters
    ----------
    results : mapping of era name to CommunityResult
        In era order, e.g. from :func:`by_era` (all at the same ``level``).
    min_share : float, default 0.25
        A link between two communities is a *main* one when it holds at least this share of
        the surviving members on its side (in (0, 1]).

    Returns
    -------
    pandas.DataFrame
        One row per pair of communities of consecutive eras that share at least one member:
        ``era_from``, ``community_from``, ``era_to``, ``community_to``, ``size_from``,
        ``size_to``, ``overlap`` (shared members), ``jaccard`` (overlap / union of the two
        member sets), ``share_from`` (overlap / members of the earlier community still
        present in the later era), ``share_to`` (overlap / members of the later community
        already present in the earlier era), and ``event``:

        - ``"split"``: the earlier community sends at least ``min_share`` of its surviving
          members to two or more later communities, and this is one of them;
        - ``"merge"``: the later community draws at least ``min_share`` of its carried-over
          members from two or more earlier communities, and this is one of them;
        - ``"split+merge"``: both;
        - ``"continue"``: a main link on both sides, neither split nor merge;
        - ``"minor"``: any other overlap.

        Communities whose members all disappear (or all are new) have no row. Sorted by era
        order, then ``community_from``, then largest overlap first.

    Raises
    ------
    ValueError
        Results at different levels, or ``min_share`` outside (0, 1].
    TypeError
        A value that is not a CommunityResult.

    Notes
    -----
    The overlap-based matching follows the event taxonomy of Palla, Barabasi and Vicsek
    [1]_ and Greene, Doyle and Cunningham [2]_ (growth, contraction, merging, splitting,
    birth, death), with Jaccard similarity as the match score.

    References
    ----------
    .. [1] Palla, G., Barabasi, A.-L., Vicsek, T. (2007). Quantifying social group
       evolution. *Nature* 446, 664-667.
    .. [2] Greene, D., Doyle, D., Cunningham, P. (2010). Tracking the evolution of
       communities in dynamic social networks. *Proc. ASONAM 2010*, 176-183.

    Examples
    --------
    Communities 0 = {a, b, c, d} of era 1 splits into {a, b} and {c, d} in era 2:

    >>> import pandas as pd
    >>> def res(m):
    ...     s = pd.Series(m, name="community")
    ...     return CommunityResult(s, float("nan"), "leiden", {}, 0, "x")
    >>> t = match_eras({"one": res({"a": 0, "b": 0, "c": 0, "d": 0}),
    ...                 "two": res({"a": 0, "b": 0, "c": 1, "d": 1, "e": 1})})
    >>> t[["community_from", "community_to", "overlap", "jaccard", "event"]]
       community_from  community_to  overlap  jaccard  event
    0               0             0        2      0.5  split
    1               0             1        2      0.4  split
    """
    if (
        isinstance(min_share, bool)
        or not isinstance(min_share, (int, float))
        or not 0 < min_share <= 1
    ):
        raise ValueError(f"min_share must be in (0, 1], got {min_share!r}")
    items = list(results.items())
    for _name, res in items:
        _check_result(res)
    levels = {res.level for _n, res in items}
    if len(levels) > 1:
        raise ValueError(f"results mix levels {sorted(levels)}; compare eras at one level")
    rows: list[dict[str, Any]] = []
    for (ea, ra), (eb, rb) in itertools.pairwise(items):
        rows.extend(_match_pair(ea, ra, eb, rb, min_share))
    return pd.DataFrame(rows, columns=list(MATCH_COLUMNS))
