"""Cascades: adoption chains along links, each adopter tied to an earlier adopter (private)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_graph, check_int, check_option
from ._adoption import _arrays, _first_years, _missing_counts, _short_repr, _unit_years, _units


@dataclass
class CascadeResult:
    """Who brought twinning to whom: first links to earlier adopters.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per adopter (index ``city`` or ``country``), sorted by ``first_year`` then
        id: ``first_year``, ``through_earlier`` (its first link went to an earlier adopter),
        ``introducer`` (that adopter, or None), ``introducer_year`` (its adoption year),
        ``candidates`` (earlier adopters among the partners of its first-year links).
    tree : networkx.DiGraph
        Introduction tree (a forest): edge ``introducer -> adopter`` with ``year``.
    share : float
        Share of adopters whose first link went to an earlier adopter (NaN without adopters).
    chains : list of list
        The longest introduction chains, root to leaf (root first), longest first.
    level : str
    dataset : str or None
    counts : dict
        ``adopters``, ``through_earlier``, ``only_undated``, ``no_links``, ``unknown_country``
        (cities left out at country level).
    """

    table: pd.DataFrame
    tree: nx.DiGraph
    share: float
    chains: list[list[Any]]
    level: str
    dataset: str | None
    counts: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return _short_repr("CascadeResult", level=self.level, adopters=len(self.table),
                           share=round(self.share, 4) if not math.isnan(self.share) else None,
                           longest=len(self.chains[0]) if self.chains else 0,
                           dataset=self.dataset)


def _through(n: int, a: np.ndarray, b: np.ndarray, y: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """First years, and for each link the masks 'a adopted via earlier b' / 'b via earlier a'."""
    first = _first_years(n, a, b, y)
    fa, fb = first[a], first[b]
    via_a = (y == fa) & (fb < y)
    via_b = (y == fb) & (fa < y)
    return first, via_a, via_b, fa


def _cascade_share(n_valid: int, a: np.ndarray, b: np.ndarray, y: np.ndarray, n: int) -> float:
    first, via_a, via_b, _ = _through(n, a, b, y)
    through = np.zeros(n, dtype=bool)
    through[a[via_a]] = True
    through[b[via_b]] = True
    adopters = int(np.isfinite(first[:n_valid]).sum())
    return float(through[:n_valid].sum() / adopters) if adopters else math.nan


def cascades(
    G: nx.MultiDiGraph,
    *,
    level: Literal["city", "country"] = "city",
    top: int = 5,
) -> CascadeResult:
    """For every adopter, whether its first link went to an earlier adopter, and which one.

    A unit's *first links* are its links dated in its adoption year. It adopted *through an
    earlier adopter* when a partner of one of those links had adopted in a strictly earlier
    year. Ties (several such partners): the introducer is the one that adopted earliest;
    among those, the smallest id (string order). Units adopting together in one year through
    a link between them are not through an earlier adopter (they are roots). At
    ``level="country"`` partners are countries: a domestic first link never counts, links to
    cities of unknown country are partnerships with no country (counted).

    The introduction tree has an edge ``introducer -> adopter``; as the introducer adopted
    strictly earlier it is a forest. A chain is a path from a root to a leaf of the tree (a
    unit that introduced nobody); the ``top`` longest are returned (ties: in order of the
    path's ids).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    level : {"city", "country"}, default "city"
    top : int, default 5
        How many of the longest chains to return.

    Returns
    -------
    CascadeResult

    Raises
    ------
    ValueError
        Unknown option or ``top`` < 1.

    See Also
    --------
    null_model : is the share higher than if the years were random?

    References
    ----------
    Leskovec, J., Adamic, L. A., & Huberman, B. A. (2007). The dynamics of viral marketing.
    *ACM Transactions on the Web*, 1(1), 5 (cascades and their trees).

    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> c = cascades(G)  # C's first link (1959) is to A (1944); J's (1970) to G (1955)
    >>> c.table[c.table["through_earlier"]]
          first_year  through_earlier introducer  introducer_year  candidates
    city
    C           1959             True          A             1944           1
    J           1970             True          G             1955           1
    >>> c.share, sorted(c.tree.edges)
    (0.2, [('A', 'C'), ('G', 'J')])
    >>> k = cascades(G, level="country")  # DE (1959) through GB (1944)
    >>> round(k.share, 4), k.chains
    (0.1111, [['GB', 'DE']])
    """
    check_graph(G)
    check_option("level", level, ("city", "country"))
    top = check_int("top", top)
    arr = _arrays(G)
    units = _units(arr, level)
    n = units.n + 1
    a, b = units.of_city[arr.u], units.of_city[arr.v]
    dated = ~np.isnan(arr.year)
    a, b, y = a[dated], b[dated], arr.year[dated]
    first, via_a, via_b, _ = _through(n, a, b, y)
    _, links, _ = _unit_years(arr, units)
    missing = _missing_counts(first, links, units, "cascades")
    adopter_pos = a[via_a].tolist() + b[via_b].tolist()
    partner = b[via_a].tolist() + a[via_b].tolist()
    ids = units.ids
    best: dict[int, tuple[float, str, int]] = {}
    cand: dict[int, set[int]] = {}
    for i, p in zip(adopter_pos, partner, strict=True):
        if i >= units.n or p >= units.n:
            continue
        key = (first[p], str(ids[p]), p)
        if i not in best or key < best[i]:
            best[i] = key
        cand.setdefault(i, set()).add(p)
    adopted = np.flatnonzero(np.isfinite(first[: units.n]))
    order = sorted(adopted, key=lambda i: (first[i], str(ids[i])))
    table = pd.DataFrame(index=pd.Index([ids[i] for i in order], name=level, dtype=object))
    table["first_year"] = np.array([int(first[i]) for i in order], dtype="int64")
    table["through_earlier"] = np.array([i in best for i in order], dtype=bool)
    table["introducer"] = pd.Series([ids[best[i][2]] if i in best else None for i in order],
                                    index=table.index, dtype=object)
    table["introducer_year"] = pd.array([int(best[i][0]) if i in best else None for i in order],
                                        dtype="Int64")
    table["candidates"] = np.array([len(cand.get(i, ())) for i in order], dtype="int64")
    T = nx.DiGraph(level=level, dataset=G.graph.get("dataset"))
    T.add_nodes_from((ids[i], {"year": int(first[i])}) for i in order)
    T.add_edges_from((ids[best[i][2]], ids[i], {"year": int(first[i])}) for i in order if i in best)
    share = float(table["through_earlier"].mean()) if len(table) else math.nan
    depth: dict[Any, int] = {}
    parent: dict[Any, Any] = {}
    for node in nx.topological_sort(T):
        preds = list(T.predecessors(node))
        if preds:
            parent[node] = preds[0]
            depth[node] = depth[preds[0]] + 1
        else:
            depth[node] = 0
    ranked = [node for node in depth if depth[node] > 0 and T.out_degree(node) == 0]

    def path(node: Any) -> list[Any]:
        out = [node]
        while out[-1] in parent:
            out.append(parent[out[-1]])
        return out[::-1]

    paths = [path(node) for node in ranked]
    paths.sort(key=lambda p: (-len(p), [str(x) for x in p]))
    counts = {"adopters": len(table), "through_earlier": int(table["through_earlier"].sum()),
              "only_undated": missing["only_undated"], "no_links": missing["no_links"],
              "unknown_country": int((units.of_city == units.n).sum()) if level == "country" else 0}
    return CascadeResult(table=table, tree=T, share=share, chains=paths[:top], level=level,
                         dataset=G.graph.get("dataset"), counts=counts)
