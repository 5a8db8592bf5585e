"""O'Toole phases: keep the recorded phase, or infer it by a named, documented rule.

O'Toole (2001) describes sister-city relationships moving through three overlapping phases:
**associative** (friendship, cultural exchange, goodwill), **reciprocal** (education and
people exchange with mutual benefit) and **commercial** (trade, investment, economic and
technical development). The graph contract stores one phase per edge in ``phase`` with its
provenance in ``phase_source``: ``"recorded"`` when the source says so, ``"inferred:<rule>"``
when :func:`assign` filled it in, and None when there is no phase.

Rules (see :func:`assign`)
    ``"keywords"``
        Whole-word, case- and diacritic-insensitive keywords in the edge's ``sectors`` and
        ``note`` (English, Indonesian, German, French; :data:`DEFAULT_KEYWORDS`). The ``kind``
        of agreement is never read: ``friendship_city`` is the generic Chinese and Japanese
        term for a twinning, not a statement of its purpose, so it implies no phase.
    ``"period"``
        The year the link was formed, cut at :data:`DEFAULT_PERIODS` -- a *heuristic* drawn
        from O'Toole's sequence, not a fact about any given link. Undated links stay None.
    a ``Mapping``
        ``(u, v, key)`` edge -> phase, or ``kind`` -> phase.
    a function
        ``f(u, v, data) -> phase or None``.

Several phases on one link
    An agreement whose sectors span several phases (``"culture;education;trade"``) gets ONE
    primary ``phase`` and an edge attribute ``phases``: the ``;``-joined set of every phase
    detected, in O'Toole's order. By default (``multi="latest"``) the primary phase is the
    latest present in O'Toole's sequence (commercial > reciprocal > associative), on the
    reading that a relationship which has reached a later phase still keeps the earlier
    ones. :func:`filter_phase` matches ``phase`` only (``match="primary"``, default) or any of
    ``phases`` (``match="any"``).

References
----------
O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister city
type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> _ = G.add_edge("A", "D", year=1990, end_year=None, phase=None, phase_source=None,
...                kind="friendship_city", dataset="toy", note="student exchange")
>>> H = pn.phases.assign(G)  # returns a new graph: keep it
>>> d = H.edges["A", "D", 0]
>>> d["phase"], d["phase_source"], d["phase_evidence"]
('reciprocal', 'inferred:keywords', "note: 'student' (reciprocal)")
>>> H.edges["G", "J", 0]["phase"] is None  # kind friendship_city alone is not a phase
True
>>> pn.phases.report(H).query("phase == 'reciprocal'")
        phase             source  links
1  reciprocal           recorded      2
2  reciprocal  inferred:keywords      1
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import pandas as pd

from .model import PHASES, Phase, check_graph, check_option, link_count

__all__ = [
    "DEFAULT_KEYWORDS",
    "DEFAULT_PERIODS",
    "MULTI",
    "RULES",
    "assign",
    "detect_phases",
    "filter_phase",
    "report",
]

logger = logging.getLogger(__name__)

#: Named rules accepted by :func:`assign` (besides a Mapping or a function).
RULES: tuple[str, ...] = ("keywords", "period")

#: How a link with several detected phases gets its primary ``phase``.
MULTI: tuple[str, ...] = ("latest", "earliest", "first")

#: Keywords per phase (whole words after lower-casing, removing diacritics and turning
#: ``_`` / ``-`` / ``/`` into spaces; a keyword of several words matches that phrase).
#:
#: The rule reads ``sectors`` and ``note`` only, never ``kind``: the name of an agreement
#: (twin town, sister city, friendship city, partnership) says what it is called, not what
#: it is for. A ``note`` saying "friendship" is read as associative.
#:
#: ``associative`` -- friendship, culture, arts, sport, goodwill and peace:
#: English *friendship, culture, cultural, art(s), sport(s), music, heritage, peace,
#: goodwill*; Indonesian *persahabatan* (friendship), *budaya* / *kebudayaan* (culture),
#: *seni* (art), *olahraga* (sport), *kesenian* (arts); German *Freundschaft, Kultur,
#: kulturell, Kunst, Sport*; French *amitie, culture, culturel(le), sport, art(s)*.
#:
#: ``reciprocal`` -- education and exchange of people:
#: English *education, educational, school(s), student(s), pupil(s), exchange, youth,
#: university, universities, scholarship(s), training, academic*; Indonesian *pendidikan*
#: (education), *pertukaran* (exchange), *pemuda* / *kepemudaan* (youth), *pelajar* (pupil),
#: *mahasiswa* (student), *sekolah* (school), *beasiswa* (scholarship), *pelatihan*
#: (training); German *Bildung, Schule, Schüler, Austausch, Schüleraustausch,
#: Jugendaustausch, Jugend, Studenten, Hochschule*; French *education, ecole, scolaire,
#: echange(s), jeunesse, etudiant(s), universite*.
#:
#: ``commercial`` -- trade, investment, economic and technical development, and tourism:
#: English *trade, investment(s), economic, economy, business, commerce, commercial,
#: technical, technology, industry, industrial, tourism, tourist, port, agriculture*;
#: Indonesian *perdagangan* (trade), *investasi* / *penanaman modal* (investment),
#: *ekonomi* (economy), *industri* (industry), *pariwisata* (tourism), *bisnis*, *teknik* /
#: *teknologi*, *pertanian* (agriculture), *pelabuhan* (port); German *Wirtschaft,
#: wirtschaftlich, Handel, Investition(en), Tourismus, Industrie, Technik*; French
#: *commerce, economique, economie, investissement(s), tourisme, industrie, technique*.
#:
#: **Tourism** is put under ``commercial``: agreements that name tourism usually mean joint
#: destination promotion, an economic aim (O'Toole's commercial phase is about the city's
#: economic development). Others read tourism as people-to-people contact (associative);
#: pass your own ``keywords=`` to change it.
DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "associative": (
        # en
        "friendship",
        "culture",
        "cultural",
        "art",
        "arts",
        "sport",
        "sports",
        "music",
        "heritage",
        "peace",
        "goodwill",
        # id
        "persahabatan",
        "budaya",
        "kebudayaan",
        "seni",
        "kesenian",
        "olahraga",
        # de
        "freundschaft",
        "kultur",
        "kulturell",
        "kunst",
        # fr
        "amitie",
        "culturel",
        "culturelle",
    ),
    "reciprocal": (
        # en
        "education",
        "educational",
        "school",
        "schools",
        "student",
        "students",
        "pupil",
        "pupils",
        "exchange",
        "exchanges",
        "youth",
        "university",
        "universities",
        "scholarship",
        "scholarships",
        "training",
        "academic",
        # id
        "pendidikan",
        "pertukaran",
        "pemuda",
        "kepemudaan",
        "pelajar",
        "mahasiswa",
        "sekolah",
        "beasiswa",
        "pelatihan",
        # de
        "bildung",
        "schule",
        "schuler",
        "austausch",
        "schuleraustausch",
        "jugendaustausch",
        "jugend",
        "studenten",
        "hochschule",
        # fr
        "ecole",
        "scolaire",
        "echange",
        "echanges",
        "jeunesse",
        "etudiant",
        "etudiants",
        "universite",
    ),
    "commercial": (
        # en
        "trade",
        "investment",
        "investments",
        "economic",
        "economy",
        "business",
        "commerce",
        "commercial",
        "technical",
        "technology",
        "industry",
        "industrial",
        "tourism",
        "tourist",
        "port",
        "agriculture",
        # id
        "perdagangan",
        "investasi",
        "penanaman modal",
        "ekonomi",
        "industri",
        "pariwisata",
        "bisnis",
        "teknik",
        "teknologi",
        "pertanian",
        "pelabuhan",
        # de
        "wirtschaft",
        "wirtschaftlich",
        "handel",
        "investition",
        "investitionen",
        "tourismus",
        "industrie",
        "technik",
        # fr
        "economique",
        "economie",
        "investissement",
        "investissements",
        "tourisme",
        "technique",
    ),
}

#: Default boundaries of the ``"period"`` rule: ``(phase, first_year, last_year)``, both
#: inclusive, None = open. A HEURISTIC drawn from O'Toole's sequence (associative ties of
#: the post-war decades, the exchange programmes of the 1970s-80s, the economic turn of city
#: diplomacy after 1990). It is not a fact about any link: a 1960 agreement may well be
#: commercial. Use it only where nothing better is known, and report it as inferred.
DEFAULT_PERIODS: tuple[tuple[str, int | None, int | None], ...] = (
    ("associative", None, 1969),
    ("reciprocal", 1970, 1989),
    ("commercial", 1990, None),
)

#: The edge fields the keyword rule reads, in this order (never ``kind``: see above).
_FIELDS = ("sectors", "note")


def _normalise(text: str) -> str:
    """Lower-case, strip diacritics, turn ``_-/;,`` into spaces (for whole-word matching)."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").casefold()
    return re.sub(r"[_\-/;,|]+", " ", text)


def _compile_keywords(keywords: Mapping[str, Iterable[str]]) -> dict[str, re.Pattern[str]]:
    bad = [p for p in keywords if p not in PHASES]
    if bad:
        raise ValueError(
            f"keywords: {len(bad)} unknown phase key(s) {bad[:5]}; expected keys among {PHASES}"
        )
    patterns = {}
    for phase in PHASES:
        words = sorted(
            {_normalise(w).strip() for w in keywords.get(phase, ()) if str(w).strip()},
            key=len,
            reverse=True,
        )
        if words:
            alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
            patterns[phase] = re.compile(rf"\b(?:{alt})\b")
    return patterns


def detect_phases(
    text: str | None,
    *,
    keywords: Mapping[str, Iterable[str]] = DEFAULT_KEYWORDS,
) -> list[str]:
    """Phases whose keywords occur in ``text``, in order of first occurrence.

    Matching is whole-word, case- and diacritic-insensitive; ``_``, ``-``, ``/``, ``;`` and
    ``,`` count as spaces, so ``"friendship_city"`` contains the word ``friendship``.

    Parameters
    ----------
    text : str or None
    keywords : mapping of phase -> iterable of str, default :data:`DEFAULT_KEYWORDS`

    Returns
    -------
    list of str
        Each phase at most once, ordered by the position of its first keyword.

    Examples
    --------
    >>> detect_phases("Kerja sama PERDAGANGAN dan kebudayaan")
    ['commercial', 'associative']
    >>> detect_phases("Schüleraustausch; Économie")
    ['reciprocal', 'commercial']
    >>> detect_phases("sister_city"), detect_phases(None)
    ([], [])
    """
    if text is None:
        return []
    return _detect(_normalise(text), _compile_keywords(keywords))


def _detect(norm: str, patterns: Mapping[str, re.Pattern[str]]) -> list[str]:
    found = []
    for phase, pat in patterns.items():
        m = pat.search(norm)
        if m:
            found.append((m.start(), phase))
    return [p for _, p in sorted(found)]


def _pick(found: Sequence[str], multi: str) -> str:
    if multi == "first":
        return found[0]
    order = sorted(found, key=PHASES.index)
    return order[-1] if multi == "latest" else order[0]


def _join(found: Iterable[str]) -> str:
    return ";".join(sorted(set(found), key=PHASES.index))


def _check_periods(
    periods: Sequence[tuple[str, int | None, int | None]],
) -> list[tuple[str, float, float]]:
    out, problems = [], []
    for i, row in enumerate(periods):
        try:
            phase, lo, hi = row
        except (TypeError, ValueError):
            problems.append(f"periods[{i}]={row!r}: expected (phase, first_year, last_year)")
            continue
        if phase not in PHASES:
            problems.append(f"periods[{i}]: phase {phase!r} not in {PHASES}")
            continue
        lo_f = float("-inf") if lo is None else float(lo)
        hi_f = float("inf") if hi is None else float(hi)
        if lo_f > hi_f:
            problems.append(f"periods[{i}]: first_year {lo} after last_year {hi}")
        out.append((phase, lo_f, hi_f))
    spans = sorted(out, key=lambda r: r[1])
    for a, b in itertools.pairwise(spans):
        if b[1] <= a[2]:
            problems.append(f"periods overlap: {a[0]} to {a[2]:g} and {b[0]} from {b[1]:g}")
    if problems:
        raise ValueError(
            f"periods: {len(problems)} problem(s): "
            + "; ".join(problems[:10])
            + ". Give non-overlapping (phase, first_year, last_year) rows, None for open ends."
        )
    return out


def _rule_name(rule: Any) -> str:
    if isinstance(rule, str):
        return rule
    if isinstance(rule, Mapping):
        return "mapping"
    return "function"


def _check_phase_value(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, Phase):
        return value.value
    if value not in PHASES:
        raise ValueError(f"{where} returned phase {value!r}; expected one of {PHASES} or None")
    return str(value)


def assign(
    G: nx.MultiDiGraph,
    *,
    rule: Literal["keywords", "period"]
    | Mapping[Any, Any]
    | Callable[..., Any]
    | Sequence[Any] = "keywords",
    periods: Sequence[tuple[str, int | None, int | None]] = DEFAULT_PERIODS,
    keywords: Mapping[str, Iterable[str]] = DEFAULT_KEYWORDS,
    multi: Literal["latest", "earliest", "first"] = "latest",
) -> nx.MultiDiGraph:
    """Return a copy of ``G`` with missing phases filled in by a named rule.

    A recorded phase is never changed. Every edge without one is passed to ``rule``; when the
    rule finds a phase, the edge gets ``phase``, ``phase_source = "inferred:<rule>"``,
    ``phases`` (``;``-joined set of every phase the rule detected) and ``phase_evidence``
    (what the rule read: for keywords the field and the matched word of each phase, e.g.
    ``"sectors: 'trade' (commercial)"``; for the period rule the year and its span);
    otherwise it keeps ``phase = None`` and is counted. Recorded edges get ``phases`` = their
    phase unless the loader already wrote one.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph; not modified.
    rule : {"keywords", "period"}, Mapping, callable, or a sequence of these
        ``"keywords"``: :data:`DEFAULT_KEYWORDS` (or ``keywords``) in ``sectors`` and
        ``note``, never ``kind`` (written ``inferred:keywords``). ``"period"``: the
        formation ``year`` cut at ``periods`` (``inferred:period``; undated links stay None
        and are counted).
        A Mapping: looked up first by edge ``(u, v, key)``, then by the edge's ``kind``
        (``inferred:mapping``). A function ``f(u, v, data) -> phase | None`` receiving a copy
        of the edge data (``inferred:function``). A sequence such as
        ``("keywords", "period")`` tries each rule in turn on the edges still without phase.
    periods : sequence of (phase, first_year, last_year), default :data:`DEFAULT_PERIODS`
        Inclusive year spans of the period rule; None is an open end; spans must not overlap.
    keywords : mapping of phase -> iterable of str, default :data:`DEFAULT_KEYWORDS`
    multi : {"latest", "earliest", "first"}, default "latest"
        Primary phase when several are detected: the latest in O'Toole's sequence
        (commercial > reciprocal > associative), the earliest, or the first keyword in the
        text (fields read in the order ``sectors``, ``note``).

    Returns
    -------
    networkx.MultiDiGraph
        A copy. ``H.graph["phase_assignment"]`` records the rule(s), ``multi`` and counts:
        ``recorded``, ``inferred`` (per rule), ``none`` and ``undated`` (edges the period rule
        could not date).

    Raises
    ------
    ValueError
        Unknown rule or ``multi``; bad ``periods`` or ``keywords``; a mapping or function
        returning something that is not a phase.

    See Also
    --------
    report, filter_phase

    References
    ----------
    O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister
    city type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> H = assign(G, rule="period")
    >>> H.edges["G", "J", 0]["phase"], H.edges["G", "J", 0]["phase_source"]  # 1970
    ('reciprocal', 'inferred:period')
    >>> H.edges["E", "G", 0]["phase"] is None  # undated: the period rule cannot say
    True
    >>> H.graph["phase_assignment"]["undated"]
    1
    >>> K = assign(G, rule={"twin_town": "associative"})
    >>> K.edges["E", "G", 0]["phase_source"]
    'inferred:mapping'
    >>> G.edges["E", "G", 0]["phase"] is None  # the input is untouched
    True
    """
    check_graph(G)
    check_option("multi", multi, MULTI)
    rules = list(rule) if isinstance(rule, (list, tuple)) else [rule]
    if not rules:
        raise ValueError(
            "rule: empty sequence; give at least one of 'keywords', 'period', "
            "a mapping or a function"
        )
    for r in rules:
        if isinstance(r, str):
            check_option("rule", r, RULES)
        elif not (isinstance(r, Mapping) or callable(r)):
            raise ValueError(
                f"rule={r!r}: expected 'keywords', 'period', a Mapping or a function f(u, v, data)"
            )
    patterns = _compile_keywords(keywords) if "keywords" in rules else {}
    spans = _check_periods(periods) if "period" in rules else []

    H = G.copy()
    counts: Counter[str] = Counter()
    undated = 0
    for u, v, k, d in H.edges(keys=True, data=True):
        if d.get("phase") is not None:
            counts["recorded"] += 1
            d["phase_source"] = d.get("phase_source") or "recorded"
            d.setdefault("phases", str(d["phase"]))
            continue
        found: list[str] = []
        evidence: str | None = None
        used = None
        missing_year = False
        for r in rules:
            found, evidence = _apply(r, (u, v, k), d, patterns=patterns, spans=spans)
            if r == "period" and d.get("year") is None:
                missing_year = True
            if found:
                used = _rule_name(r)
                break
        if used is None:
            counts["none"] += 1
            undated += missing_year
            continue
        d["phase"] = _pick(found, multi)
        d["phase_source"] = f"inferred:{used}"
        d["phases"] = _join(found)
        d["phase_evidence"] = evidence
        counts[f"inferred:{used}"] += 1
    summary = {
        "rule": [_rule_name(r) for r in rules],
        "multi": multi,
        "recorded": counts["recorded"],
        "inferred": {k: n for k, n in counts.items() if k.startswith("inferred:")},
        "none": counts["none"],
        "undated": undated,
    }
    H.graph["phase_assignment"] = summary
    logger.info(
        "phases.assign: %d recorded, %s inferred, %d left without phase (%d of them undated)",
        summary["recorded"],
        summary["inferred"],
        summary["none"],
        undated,
    )
    return H


def _keyword_evidence(
    d: Mapping[str, Any], patterns: Mapping[str, re.Pattern[str]]
) -> tuple[list[str], str | None]:
    """Phases the keywords find in ``sectors`` then ``note``, and the evidence text.

    The evidence names, per phase found, the field and the word that matched, e.g.
    ``"sectors: 'trade' (commercial); note: 'culture' (associative)"``.
    """
    hits: list[tuple[int, int, str, str, str]] = []
    for i, field_name in enumerate(_FIELDS):
        value = d.get(field_name)
        if value is None:
            continue
        norm = _normalise(str(value))
        for phase, pat in patterns.items():
            m = pat.search(norm)
            if m:
                hits.append((i, m.start(), phase, field_name, m.group(0)))
    found: list[str] = []
    parts: list[str] = []
    for _, _, phase, field_name, word in sorted(hits):
        if phase not in found:
            found.append(phase)
            parts.append(f"{field_name}: {word!r} ({phase})")
    return found, "; ".join(parts) or None


def _apply(
    r: Any,
    edge: tuple[Any, Any, Any],
    d: Mapping[str, Any],
    *,
    patterns: Mapping[str, re.Pattern[str]],
    spans: Sequence[tuple[str, float, float]],
) -> tuple[list[str], str | None]:
    """The phases one rule gives one edge, and the evidence (what the rule read)."""
    u, v, k = edge
    if r == "keywords":
        return _keyword_evidence(d, patterns)
    if r == "period":
        y = d.get("year")
        if y is None:
            return [], None
        for p, lo, hi in spans:
            if lo <= y <= hi:
                span = "-".join("" if abs(b) == float("inf") else f"{b:g}" for b in (lo, hi))
                return [p], f"year: {y} in the period {span} ({p}; a heuristic)"
        return [], None
    if isinstance(r, Mapping):
        if (u, v, k) in r:
            value, why = r[(u, v, k)], f"mapping: edge {(u, v, k)!r}"
        else:
            value, why = r.get(d.get("kind")), f"mapping: kind {d.get('kind')!r}"
        value = _check_phase_value(value, f"mapping for edge {(u, v, k)!r}")
    else:
        value = _check_phase_value(r(u, v, dict(d)), f"rule function on edge {(u, v, k)!r}")
        why = f"function {getattr(r, '__name__', 'rule')}"
    return ([value], why) if value is not None else ([], None)


def report(
    G: nx.MultiDiGraph,
    *,
    by: Literal["phase", "decade"] = "phase",
) -> pd.DataFrame:
    """Count links per phase and phase source (and per decade), as a tidy table.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    by : {"phase", "decade"}, default "phase"
        ``"phase"``: columns ``phase, source, links``. ``"decade"``: columns
        ``decade, phase, source, links`` where ``decade`` is the decade the link was formed
        (1987 -> 1980) and undated links form rows with ``decade`` = <NA>.

    Returns
    -------
    pandas.DataFrame
        ``phase`` is a phase or ``"none"``; ``source`` is the edge's ``phase_source``
        (``"recorded"``, ``"inferred:<rule>"``) or ``"none"``. Nothing is left out: the
        ``links`` column sums to the number of edges. ``attrs`` holds ``total``,
        ``undated`` and ``by``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> report(G)
             phase    source  links
    0  associative  recorded      5
    1   reciprocal  recorded      2
    2   commercial  recorded      3
    3         none      none      2
    >>> t = report(G, by="decade")
    >>> t[t["decade"] == 1990]
       decade       phase    source  links
    5    1990  reciprocal  recorded      1
    6    1990  commercial  recorded      1
    >>> t.attrs["undated"]
    1
    """
    check_graph(G)
    check_option("by", by, ("phase", "decade"))
    rows = []
    for _, _, d in G.edges(data=True):
        y = d.get("year")
        rows.append(
            (
                (y // 10) * 10 if y is not None else None,
                d.get("phase") or "none",
                d.get("phase_source") or "none",
            )
        )
    frame = pd.DataFrame(rows, columns=["decade", "phase", "source"])
    frame["decade"] = pd.array(frame["decade"].tolist(), dtype="Int64")
    keys = ["phase", "source"] if by == "phase" else ["decade", "phase", "source"]
    out = frame.groupby(keys, dropna=False, sort=False).size().rename("links").reset_index()
    order = {p: i for i, p in enumerate([*PHASES, "none"])}

    def sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
        dec, ph, src = row[:-1] if by == "decade" else (None, *row[:-1])
        rank = 0 if src == "recorded" else 2 if src == "none" else 1
        return (pd.isna(dec), 0 if pd.isna(dec) else dec, order.get(ph, len(order)), rank, src)

    out = pd.DataFrame(
        sorted(out.itertuples(index=False, name=None), key=sort_key), columns=out.columns
    )
    out = out.reset_index(drop=True)
    out["links"] = out["links"].astype("int64")
    if by == "decade":
        out["decade"] = out["decade"].astype("Int64")
    out.attrs.update(total=link_count(G), undated=int(frame["decade"].isna().sum()), by=by)
    return out


def filter_phase(
    G: nx.MultiDiGraph,
    phase: str | Iterable[str],
    *,
    match: Literal["primary", "any"] = "primary",
    keep_isolates: bool = False,
) -> nx.MultiDiGraph:
    """Return a copy of ``G`` keeping only the links of the given phase(s).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    phase : str or iterable of str
        One or several of ``"associative"``, ``"reciprocal"``, ``"commercial"``.
    match : {"primary", "any"}, default "primary"
        ``"primary"``: the edge's ``phase`` is one of ``phase``. ``"any"``: any phase in the
        edge's ``phases`` attribute (written by :func:`assign`; falls back to ``phase``).
    keep_isolates : bool, default False
        Keep every node of ``G``; by default only cities with at least one kept link.

    Returns
    -------
    networkx.MultiDiGraph
        A copy (node and edge attributes copied, keys kept). ``H.graph["phase_filter"]``
        records the phase(s), ``match``, and the excluded counts ``excluded_other_phase`` and
        ``excluded_no_phase``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> H = filter_phase(G, "commercial")
    >>> sorted(H.edges(keys=True)), H.graph["phase_filter"]["excluded_no_phase"]
    ([('H', 'I', 0), ('H', 'I', 1), ('H', 'J', 0)], 2)
    >>> _ = G.add_edge("A", "D", year=1990, end_year=None, phase=None, phase_source=None,
    ...                kind="partnership", dataset="toy", sectors="culture;trade")
    >>> M = pn.phases.assign(G)  # A->D: primary phase commercial, phases "associative;commercial"
    >>> M.edges["A", "D", 0]["phases"]
    'associative;commercial'
    >>> filter_phase(M, "associative").number_of_edges(), filter_phase(
    ...     M, "associative", match="any").number_of_edges()
    (5, 6)
    """
    check_graph(G)
    check_option("match", match, ("primary", "any"))
    wanted = [phase] if isinstance(phase, str) else list(phase)
    for p in wanted:
        check_option("phase", p, PHASES)
    wanted_set = {str(p) for p in wanted}
    H = G.__class__()
    H.graph.update(G.graph)
    if keep_isolates:
        H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True))
    other = none = 0
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("phase") is None:
            none += 1
            continue
        if match == "primary":
            have = {d["phase"]}
        else:
            have = set(str(d.get("phases") or d["phase"]).split(";"))
        if have & wanted_set:
            for n in (u, v):
                if n not in H:
                    H.add_node(n, **G.nodes[n])
            H.add_edge(u, v, key=k, **d)
        else:
            other += 1
    H.graph["phase_filter"] = {
        "phase": sorted(wanted_set, key=PHASES.index),
        "match": match,
        "excluded_other_phase": other,
        "excluded_no_phase": none,
    }
    logger.info(
        "phases.filter_phase: kept %d links; excluded %d of other phases and %d without phase",
        link_count(H),
        other,
        none,
    )
    return H
