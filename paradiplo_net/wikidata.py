"""Wikidata P190 ("twinned administrative body"): live SPARQL fetcher and offline readers.

Every reader returns ``(G, report)``: a contract graph (see :mod:`paradiplo_net.model`) and
a :class:`~paradiplo_net.model.LoadReport` of what was read, kept and rejected.

Definitions
-----------
Statement
    One P190 statement on one Wikidata item. It becomes one edge ``item -> partner``: the item
    carrying the statement is the claimant (``u``), the statement's value the partner
    (``v``). When both items record the link there are two edges (a reciprocal pair); when an
    item carries two P190 statements for the same partner they are parallel edges. Wikidata
    does not say what kind of agreement a P190 statement records, so ``kind`` is
    ``"unspecified"``; ``phase`` is None.
Years
    ``year`` is the year of the statement's start time qualifier (P580), ``end_year`` that of
    its end time (P582). Dates are read from ``xsd:dateTime`` values such as
    ``"1995-02-18T00:00:00Z"`` (SPARQL) or ``"+1995-02-18T00:00:00Z"`` (entity JSON). A date
    that cannot give a plausible year (negative, i.e. BCE, before
    :data:`~paradiplo_net.model.MIN_YEAR`, in the future, or unreadable) is read as None and
    counted in ``report.notes``; the statement itself is kept and the raw value stays in the
    edge attribute ``start_date`` / ``end_date``. When a statement has several start (end)
    dates the earliest is used (counted). An end before the start is read as None (counted).
    ``start_date`` / ``end_date`` hold the date as recorded, cut to its precision
    (``"1995"``, ``"1995-02"`` or ``"1995-02-18"``; the full date when the precision is not
    given).
Nodes
    Node ids are Wikidata Q-ids (``wikidata`` attribute set). ``name`` is the label (the
    Q-id when there is none, counted), ``country`` the ISO 3166-1 alpha-2 code of the item's
    country (P17 -> P297) or None, ``lat`` / ``lon`` from P625 (Earth only), ``level`` from the
    item's instance-of (P31) types through a small table (:data:`LEVEL_OF_TYPE`; the most
    local level wins; ``"municipality"``, the contract's default, when no type is known,
    counted) and ``instance_of`` the ``;``-joined P31 Q-ids when known. When an item has
    several values (coordinates, countries), the first in sorted order is used and the number
    of such items is noted.
Rank
    Statements of deprecated rank are rejected unless ``keep_deprecated=True`` (then kept with
    ``rank="deprecated"`` on the edge).

Sources
-------
- :func:`fetch_p190`: the live Wikidata Query Service, paged, retried, cached on disk.
- :func:`read_sparql_json`: saved results of :data:`P190_QUERY` (JSON, CSV or TSV export).
- :func:`read_entity_json`: entity JSON (``wbgetentities`` / ``Special:EntityData``).
- :func:`read_statements_tsv`: ``source_qid<TAB>target_qid`` crawls (L3viathan format).
- :func:`read_wikidata12k`: the WIKIDATA12k temporal knowledge graph (relation 5 = P190).
- :func:`one_sided`: statements whose reverse statement is absent.

References
----------
.. [1] Vrandečić, D. and Krötzsch, M. (2014). Wikidata: a free collaborative knowledgebase.
   *Communications of the ACM*, 57(10), 78-85.
.. [2] W3C (2013). SPARQL 1.1 Query Results JSON Format.
   https://www.w3.org/TR/sparql11-results-json/
.. [3] Wikidata Query Service user manual.
   https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual
.. [4] Dasgupta, S. S., Ray, S. N. and Talukdar, P. (2018). HyTE: Hyperplane-based temporally
   aware knowledge graph embedding. *EMNLP 2018*, 2001-2011 (WIKIDATA12k).

Examples
--------
>>> import paradiplo_net as pn
>>> page = {"head": {"vars": ["item", "partner", "start"]},
...         "results": {"bindings": [
...             {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3955"},
...              "partner": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3138"},
...              "start": {"type": "literal", "value": "1987-05-24T00:00:00Z",
...                        "datatype": "http://www.w3.org/2001/XMLSchema#dateTime"}}]}}
>>> G, report = pn.wikidata.read_sparql_json(page)
>>> list(G.edges(data="year"))
[('Q3955', 'Q3138', 1987)]
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import json
import logging
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
import pandas as pd

from .errors import DatasetError, GraphContractError, SchemaError, format_problems
from .model import MIN_YEAR, LoadReport, make_city_id, new_graph
from .settings import settings

__all__ = [
    "COUNTRY_OF_ITEM",
    "LEVEL_OF_TYPE",
    "P190_QUERY",
    "SPARQL_URL",
    "SPARQL_VARIABLES",
    "build_query",
    "cache_dir",
    "fetch_p190",
    "one_sided",
    "read_entity_json",
    "read_sparql_json",
    "read_statements_tsv",
    "read_wikidata12k",
]

logger = logging.getLogger(__name__)

#: The Wikidata Query Service endpoint.
SPARQL_URL = "https://query.wikidata.org/sparql"

_ENTITY_URI = "http://www.wikidata.org/entity/"
_STATEMENT_URI = "http://www.wikidata.org/entity/statement/"
_QID_RE = re.compile(r"^Q[1-9]\d*$")
_QID_ANY_RE = re.compile(r"Q[1-9]\d*")
_TIME_RE = re.compile(r"^\s*([+-]?)(\d{1,16})-(\d{1,2})-(\d{1,2})(?:T|$)")
_POINT_RE = re.compile(
    r"^\s*(?:<([^>]*)>\s*)?Point\(\s*"
    r"([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s+([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*$",
    re.IGNORECASE,
)
_EARTH = "http://www.wikidata.org/entity/Q2"
_LABEL_LANGUAGES = ("en", "mul", "de", "fr", "es", "it", "id")
_DEPRECATED = "deprecated"
_OPEN_END_MARKERS = ("3000", "####")

#: Variables of :data:`P190_QUERY`. Only ``item`` and ``partner`` are required by
#: :func:`read_sparql_json`; every other column may be missing.
SPARQL_VARIABLES: tuple[str, ...] = (
    "statement",  # statement node (wds:Q3955-...): one edge per distinct value
    "item",  # the item carrying the P190 statement (edge source)
    "partner",  # the statement's value (edge target)
    "rank",  # wikibase:NormalRank / PreferredRank / DeprecatedRank
    "start", "startPrecision",  # P580 start time qualifier and its precision (9 = year, 11 = day)
    "end", "endPrecision",  # P582 end time qualifier and its precision
    "itemLabel", "partnerLabel",  # labels (en, then mul, de, fr, es, id)
    "itemCoord", "partnerCoord",  # P625 as WKT "Point(lon lat)"
    "itemCountryCode", "partnerCountryCode",  # ISO 3166-1 alpha-2 (P17 -> P297)
    "itemTypes", "partnerTypes",  # P31 Q-ids joined by ";"
)

_QUERY_TEMPLATE = Template("""\
# paradiplo_net: every Wikidata P190 (twinned administrative body) statement.
# One row per statement, more when a side has several coordinates or countries.
SELECT ?statement ?item ?partner ?rank ?start ?startPrecision ?end ?endPrecision
       ?itemLabel ?partnerLabel ?itemCoord ?partnerCoord ?itemCountryCode ?partnerCountryCode
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?itemType), STR(wd:)); separator=";")
        AS ?itemTypes)
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?partnerType), STR(wd:)); separator=";")
        AS ?partnerTypes)
WHERE {
  {
    SELECT ?statement ?item ?partner WHERE {
      ?item p:P190 ?statement .
      ?statement ps:P190 ?partner .
    }$paging
  }
  ?statement wikibase:rank ?rank .
  OPTIONAL { ?statement pqv:P580 ?startNode .
             ?startNode wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision . }
  OPTIONAL { ?statement pqv:P582 ?endNode .
             ?endNode wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision . }
  OPTIONAL { ?item wdt:P625 ?itemCoord . }
  OPTIONAL { ?partner wdt:P625 ?partnerCoord . }
  OPTIONAL { ?item wdt:P17 ?itemCountry . ?itemCountry wdt:P297 ?itemCountryCode . }
  OPTIONAL { ?partner wdt:P17 ?partnerCountry . ?partnerCountry wdt:P297 ?partnerCountryCode . }
  OPTIONAL { ?item wdt:P31 ?itemType . }
  OPTIONAL { ?partner wdt:P31 ?partnerType . }
  SERVICE wikibase:label {
    bd:serviceParam wikibase:language "en,mul,de,fr,es,id" .
    ?item rdfs:label ?itemLabel .
    ?partner rdfs:label ?partnerLabel .
  }
}
GROUP BY ?statement ?item ?partner ?rank ?start ?startPrecision ?end ?endPrecision
         ?itemLabel ?partnerLabel ?itemCoord ?partnerCoord ?itemCountryCode ?partnerCountryCode
ORDER BY ?statement
""")


def build_query(offset: int | None = 0, limit: int | None = None) -> str:
    """Return the SPARQL text of one page of P190 statements.

    Statements are paged in a sub-query (``ORDER BY ?statement LIMIT limit OFFSET offset``),
    so a page holds exactly ``limit`` statements (the last page fewer) whatever the number of
    rows each statement expands to. With ``limit=None`` the query is unpaged
    (:data:`P190_QUERY`). Result variables: :data:`SPARQL_VARIABLES`.

    Parameters
    ----------
    offset : int, default 0
        Number of statements to skip.
    limit : int, optional
        Statements per page; None for all.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``offset`` is negative or ``limit`` is not positive.

    Examples
    --------
    >>> q = build_query(20000, 10000)
    >>> "LIMIT 10000" in q and "OFFSET 20000" in q
    True
    >>> "LIMIT" in build_query(0, None)
    False
    """
    offset = 0 if offset is None else offset
    if not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be an int >= 0, got {offset!r}")
    if limit is None:
        return _QUERY_TEMPLATE.substitute(paging="")
    if not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be an int >= 1 or None, got {limit!r}")
    paging = f"\n    ORDER BY ?statement\n    LIMIT {limit}\n    OFFSET {offset}"
    return _QUERY_TEMPLATE.substitute(paging=paging)


#: The unpaged query, to paste into https://query.wikidata.org (it may time out there; the
#: fetcher pages it with :func:`build_query`).
P190_QUERY: str = build_query(0, None)

#: Wikidata P31 (instance of) classes mapped to a contract ``level``; the table is small on
#: purpose (unknown classes give ``"municipality"`` and are counted).
LEVEL_OF_TYPE: dict[str, str] = {
    # municipality: cities, towns, villages and national municipality classes
    "Q515": "municipality", "Q1549591": "municipality", "Q3957": "municipality",
    "Q532": "municipality", "Q15284": "municipality", "Q200250": "municipality",
    "Q1637706": "municipality", "Q5119": "municipality", "Q7930989": "municipality",
    "Q486972": "municipality", "Q484170": "municipality", "Q747074": "municipality",
    "Q2039348": "municipality", "Q42744322": "municipality", "Q262166": "municipality",
    "Q22865": "municipality", "Q1093829": "municipality", "Q2074737": "municipality",
    "Q493522": "municipality", "Q70208": "municipality", "Q667509": "municipality",
    "Q127448": "municipality", "Q755707": "municipality", "Q494721": "municipality",
    # district
    "Q149621": "district", "Q106658": "district",
    # county
    "Q28575": "county", "Q47168": "county", "Q180673": "county",
    # province and prefecture
    "Q34876": "province", "Q50337": "prefecture",
    # state
    "Q107390": "state", "Q35657": "state", "Q1221156": "state",
    # region
    "Q82794": "region", "Q36784": "region", "Q16110": "region",
}
_LEVEL_ORDER = ("municipality", "district", "county", "prefecture", "province", "state", "region")

#: Country items (P17 values in entity JSON) mapped to ISO 3166-1 alpha-2; other countries are
#: left None and counted.
COUNTRY_OF_ITEM: dict[str, str] = {
    "Q183": "DE", "Q142": "FR", "Q145": "GB", "Q30": "US", "Q38": "IT", "Q29": "ES",
    "Q36": "PL", "Q159": "RU", "Q148": "CN", "Q17": "JP", "Q55": "NL", "Q31": "BE",
    "Q40": "AT", "Q39": "CH", "Q213": "CZ", "Q28": "HU", "Q218": "RO", "Q212": "UA",
    "Q184": "BY", "Q191": "EE", "Q211": "LV", "Q37": "LT", "Q34": "SE", "Q20": "NO",
    "Q35": "DK", "Q33": "FI", "Q27": "IE", "Q45": "PT", "Q41": "GR", "Q43": "TR",
    "Q16": "CA", "Q96": "MX", "Q155": "BR", "Q414": "AR", "Q408": "AU", "Q664": "NZ",
    "Q668": "IN", "Q884": "KR", "Q865": "TW", "Q252": "ID", "Q928": "PH", "Q881": "VN",
    "Q869": "TH", "Q833": "MY", "Q334": "SG", "Q258": "ZA", "Q79": "EG", "Q1028": "MA",
    "Q115": "ET", "Q1033": "NG", "Q114": "KE", "Q794": "IR", "Q796": "IQ", "Q801": "IL",
    "Q214": "SK", "Q215": "SI", "Q224": "HR", "Q403": "RS", "Q225": "BA", "Q221": "MK",
    "Q222": "AL", "Q219": "BG", "Q217": "MD", "Q230": "GE", "Q399": "AM", "Q227": "AZ",
    "Q32": "LU", "Q233": "MT", "Q229": "CY", "Q189": "IS", "Q236": "ME", "Q298": "CL",
    "Q739": "CO", "Q419": "PE", "Q717": "VE", "Q241": "CU", "Q232": "KZ", "Q265": "UZ",
    "Q843": "PK", "Q902": "BD", "Q711": "MN", "Q948": "TN", "Q262": "DZ", "Q851": "SA",
    "Q878": "AE", "Q810": "JO", "Q822": "LB", "Q858": "SY", "Q347": "LI", "Q235": "MC",
    "Q238": "SM", "Q228": "AD",
}


# --------------------------------------------------------------------------------------
# small parsers
# --------------------------------------------------------------------------------------


def _qid(value: Any) -> str | None:
    """Q-id from an entity URI, ``wd:Q1`` or a bare Q-id; None otherwise."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    for prefix in (_ENTITY_URI, "https://www.wikidata.org/entity/", "wd:"):
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    return value if _QID_RE.match(value) else None


def _statement_id(value: str) -> str:
    """``wds:Q3955-abc`` / statement URI -> ``Q3955$abc`` (the entity JSON form)."""
    value = value.strip()
    if value.startswith(_STATEMENT_URI):
        value = value[len(_STATEMENT_URI):]
        return re.sub(r"^([QqPpLl]\d+)-", r"\1$", value, count=1)
    return value


def _precision(value: Any) -> int | None:
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None


def _parse_time(
    raw: str, precision: int | None, max_year: int
) -> tuple[int | None, str, str | None]:
    """Return ``(year, date_string, problem)`` of an ``xsd:dateTime`` / Wikibase time value.

    ``problem`` is None for a usable year, else a short reason; the date string is then the
    raw value.
    """
    m = _TIME_RE.match(raw)
    if not m:
        return None, raw, "unreadable"
    sign, year_s, month_s, day_s = m.groups()
    year, month, day = int(year_s), int(month_s), int(day_s)
    if sign == "-":
        return None, raw, "negative (BCE)"
    if precision is not None and precision <= 9:
        month = day = 0
    elif precision == 10:
        day = 0
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}" + (f"-{day:02d}" if day else "")
    if year < MIN_YEAR:
        return None, raw, f"before {MIN_YEAR}"
    if year > max_year:
        return None, raw, f"after {max_year}"
    return year, text, None


def _parse_point(raw: str) -> tuple[float, float] | str:
    """``Point(lon lat)`` -> ``(lat, lon)``; ``"other globe"``/``"unreadable"`` on failure."""
    m = _POINT_RE.match(raw)
    if not m:
        return "unreadable"
    globe, lon_s, lat_s = m.groups()
    if globe and globe != _EARTH:
        return "other globe"
    lat, lon = float(lat_s), float(lon_s)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return "unreadable"
    return lat, lon


def _level(types: Iterable[str]) -> str | None:
    levels = {LEVEL_OF_TYPE[t] for t in types if t in LEVEL_OF_TYPE}
    for level in _LEVEL_ORDER:
        if level in levels:
            return level
    return None


class _Tally:
    """Counts of per-item facts for ``report.notes``, with the first example of each."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, str] = {}

    def add(self, what: str, example: str = "") -> None:
        self.counts[what] += 1
        self.examples.setdefault(what, example)

    def notes(self) -> list[str]:
        out = []
        for what, n in self.counts.items():
            ex = self.examples[what]
            out.append(f"{n} {what}" + (f" (first: {ex})" if ex else ""))
        return out


def _open_text(source: Any) -> tuple[str, str]:
    """Return ``(text, name)`` of a path or text buffer."""
    if hasattr(source, "read"):
        text = source.read()
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return text, getattr(source, "name", "<buffer>")
    path = Path(source)
    if not path.is_file():
        raise DatasetError(f"file {str(path)!r} not found; pass the path of an existing file")
    return path.read_text(encoding="utf-8-sig"), str(path)


# --------------------------------------------------------------------------------------
# statement rows -> graph (shared by the SPARQL, entity JSON and fetch paths)
# --------------------------------------------------------------------------------------


class _Builder:
    """Collect statements and node facts, then build the graph and notes in one place."""

    def __init__(self, source: str, dataset: str) -> None:
        self.report = LoadReport(source)
        self.dataset = dataset
        self.max_year = date.today().year
        self.tally = _Tally()
        # statement key -> dict(item, partner, rank, starts, ends, id, rows)
        self.statements: dict[Any, dict[str, Any]] = {}
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.coords: dict[str, set[tuple[float, float]]] = defaultdict(set)
        self.countries: dict[str, set[str]] = defaultdict(set)
        self.types: dict[str, set[str]] = defaultdict(set)
        self.nodes_seen: dict[str, None] = {}

    def node(
        self,
        qid: str,
        *,
        label: str | None = None,
        coord: str | tuple[float, float] | None = None,
        country: str | None = None,
        types: Iterable[str] = (),
    ) -> None:
        self.nodes_seen.setdefault(qid, None)
        if label and label.strip() and label.strip() != qid:
            self.labels[qid].add(label.strip())
        if coord is not None:
            point = _parse_point(coord) if isinstance(coord, str) else coord
            if isinstance(point, tuple):
                self.coords[qid].add(point)
            elif coord:
                self.tally.add(f"coordinate values not on Earth or unreadable, ignored ({point})",
                               f"{qid} {coord!r}")
        if country:
            code = country.strip().upper()
            if re.fullmatch(r"[A-Z]{2}", code):
                self.countries[qid].add(code)
            else:
                self.tally.add("country codes that are not ISO alpha-2, ignored",
                               f"{qid} {country!r}")
        self.types[qid].update(types)

    def statement(
        self,
        key: Any,
        item: str,
        partner: str,
        *,
        statement_id: str | None,
        rank: str | None,
        starts: Iterable[tuple[str, int | None]] = (),
        ends: Iterable[tuple[str, int | None]] = (),
    ) -> None:
        st = self.statements.get(key)
        if st is None:
            st = self.statements[key] = {
                "item": item, "partner": partner, "rank": rank, "id": statement_id,
                "starts": set(), "ends": set(), "rows": 0,
            }
        st["rows"] += 1
        st["starts"].update(t for t in starts if t[0])
        st["ends"].update(t for t in ends if t[0])

    def _pick_date(
        self, values: set[tuple[str, int | None]], what: str, where: str
    ) -> tuple[int | None, str | None]:
        if not values:
            return None, None
        parsed = [(*_parse_time(raw, prec, self.max_year), raw) for raw, prec in values]
        if len({raw for _, _, _, raw in parsed}) > 1:
            self.tally.add(f"statements with several {what} dates (earliest used)", where)
        good = sorted((y, text) for y, text, problem, _ in parsed if problem is None)
        if good:
            return good[0][0], good[0][1]
        _, _, problem, raw = sorted(parsed, key=lambda p: p[3])[0]
        self.tally.add(f"{what} dates giving no plausible year ({problem}): year read as None",
                       f"{where} {raw!r}")
        return None, raw

    def build(
        self, *, retrieved: str | None, keep_deprecated: bool, **graph_extra: Any
    ) -> nx.MultiDiGraph:
        G = new_graph(dataset=self.dataset, retrieved=retrieved, **graph_extra)
        edges = []
        pair_count: Counter[tuple[str, str]] = Counter()
        n_rows = 0
        for st in self.statements.values():
            n_rows += st["rows"]
            u, v = st["item"], st["partner"]
            where = f"{u} -> {v}"
            year, start_date = self._pick_date(st["starts"], "start", where)
            end_year, end_date = self._pick_date(st["ends"], "end", where)
            if year is not None and end_year is not None and end_year < year:
                self.tally.add("statements ending before they start: end_year read as None",
                               f"{where} {year}-{end_year}")
                end_year = None
            attrs: dict[str, Any] = {
                "year": year, "end_year": end_year, "phase": None, "phase_source": None,
                "kind": "unspecified", "dataset": self.dataset,
            }
            if start_date is not None:
                attrs["start_date"] = start_date
            if end_date is not None:
                attrs["end_date"] = end_date
            if st["id"]:
                attrs["statement"] = st["id"]
            if st["rank"] == _DEPRECATED and keep_deprecated:
                attrs["rank"] = _DEPRECATED
            pair_count[(u, v)] += 1
            edges.append((u, v, attrs))
        if n_rows > len(self.statements):
            self.report.notes.append(
                f"{n_rows} statement rows collapsed into {len(self.statements)} statements "
                "(several coordinates, countries, dates or labels per statement)"
            )
        parallel = sum(1 for c in pair_count.values() if c > 1)
        if parallel:
            self.report.notes.append(
                f"{parallel} ordered pairs carry several statements (kept as parallel edges)"
            )
        for qid in self.nodes_seen:
            G.add_node(qid, **self._node_attrs(qid))
        G.add_edges_from(edges)
        self.report.links_kept = len(edges)
        self.report.notes.extend(self.tally.notes())
        G.graph["rejected"] = self.report.n_rejected
        return G

    def _node_attrs(self, qid: str) -> dict[str, Any]:
        labels = sorted(self.labels.get(qid, ()))
        if not labels:
            self.tally.add("items without a label (named by their Q-id)", qid)
        elif len(labels) > 1:
            self.tally.add("items with several labels (first in sorted order used)", qid)
        coords = sorted(self.coords.get(qid, ()))
        if len(coords) > 1:
            self.tally.add("items with several coordinates (first in sorted order used)", qid)
        countries = sorted(self.countries.get(qid, ()))
        if len(countries) > 1:
            self.tally.add("items with several countries (first in sorted order used)",
                           f"{qid} {'/'.join(countries)}")
        types = sorted(self.types.get(qid, ()), key=lambda t: int(t[1:]))
        level = _level(types)
        if level is None:
            self.tally.add("items whose level is unknown from P31 (level 'municipality')", qid)
            level = "municipality"
        attrs: dict[str, Any] = {
            "name": labels[0] if labels else qid,
            "country": countries[0] if countries else None,
            "lat": coords[0][0] if coords else None,
            "lon": coords[0][1] if coords else None,
            "level": level,
            "wikidata": qid,
        }
        if types:
            attrs["instance_of"] = ";".join(types)
        return attrs


def _rank_name(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    low = value.lower()
    for name in ("deprecated", "preferred", "normal"):
        if name in low:
            return name
    return None


def _add_sparql_rows(
    b: _Builder, rows: list[dict[str, str]], *, keep_deprecated: bool, offset: int = 0
) -> None:
    """Feed normalised SPARQL rows (variable -> string value) into a builder."""
    for i, row in enumerate(rows, start=offset + 1):
        item_raw, partner_raw = row.get("item"), row.get("partner")
        item, partner = _qid(item_raw), _qid(partner_raw)
        if item is None or partner is None:
            side, raw = ("item", item_raw) if item is None else ("partner", partner_raw)
            b.report.reject(
                i, f"{side} is not a Wikidata item (unknown value or not an entity): {raw!r}",
                item=item_raw, partner=partner_raw,
            )
            continue
        if item == partner:
            b.report.reject(i, f"self-link: {item} -> {partner}", item=item_raw,
                            partner=partner_raw)
            continue
        rank = _rank_name(row.get("rank"))
        if rank == _DEPRECATED and not keep_deprecated:
            b.report.reject(
                i, f"deprecated rank: {item} -> {partner} (pass keep_deprecated=True to keep)",
                item=item_raw, partner=partner_raw,
            )
            continue
        start, end = row.get("start"), row.get("end")
        start_t = [(start, _precision(row.get("startPrecision")))] if start else []
        end_t = [(end, _precision(row.get("endPrecision")))] if end else []
        st = row.get("statement")
        key = ("s", st) if st else ("r", item, partner, start, end)
        b.statement(key, item, partner, statement_id=_statement_id(st) if st else None, rank=rank,
                    starts=start_t, ends=end_t)
        for side, qid in (("item", item), ("partner", partner)):
            b.node(qid, label=row.get(f"{side}Label"), coord=row.get(f"{side}Coord") or None,
                   country=row.get(f"{side}CountryCode"),
                   types=_QID_ANY_RE.findall(
                       row.get(f"{side}Types") or row.get(f"{side}Type") or ""))


def _rows_from_json(data: Mapping[str, Any], name: str) -> tuple[list[str], list[dict[str, str]]]:
    try:
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError):
        keys = list(data) if isinstance(data, Mapping) else type(data).__name__
        raise SchemaError(format_problems(
            f"SPARQL results {name}",
            [f"expected keys 'head' and 'results.bindings', found {keys}"],
            fix="pass the JSON returned by the Wikidata Query Service (format=json), e.g. a "
                "'Download -> JSON file' of P190_QUERY",
        )) from None
    variables = list(data.get("head", {}).get("vars") or [])
    rows = []
    for b in bindings:
        row = {}
        for var, cell in b.items():
            if not isinstance(cell, Mapping) or "value" not in cell:
                continue
            value = str(cell["value"])
            row[var] = f"_:{value}" if cell.get("type") == "bnode" else value
        rows.append(row)
    if not variables:
        variables = sorted({v for r in rows for v in r})
    return variables, rows


_TSV_LITERAL_RE = re.compile(r'^"(.*)"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?$', re.DOTALL)


def _tsv_value(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    m = _TSV_LITERAL_RE.match(cell)
    if m:
        return (m.group(1).replace('\\"', '"').replace("\\t", "\t").replace("\\n", "\n")
                .replace("\\\\", "\\"))
    return cell


def _rows_from_delimited(text: str, delimiter: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter,
                        quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE)
    header = next(reader, [])
    variables = [h.strip().lstrip("?") for h in header]
    rows = []
    for rec in reader:
        if not any(c.strip() for c in rec):
            continue
        cells = rec if delimiter == "," else [_tsv_value(c) for c in rec]
        rows.append({v: c for v, c in zip(variables, cells, strict=False) if c != ""})
    return variables, rows


def read_sparql_json(
    path_or_dict: str | os.PathLike[str] | Mapping[str, Any] | io.TextIOBase,
    *,
    keep_deprecated: bool = False,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read saved results of :data:`P190_QUERY` into a graph.

    Accepts the W3C SPARQL 1.1 JSON results format [2]_ (as a path, an open file or the
    parsed dict, e.g. a page cached by :func:`fetch_p190`) and the Wikidata Query Service's
    CSV and TSV exports (by file suffix ``.csv`` / ``.tsv``). Variables are those of
    :data:`SPARQL_VARIABLES`; only ``item`` and ``partner`` are required, the others may be
    missing. Rows are grouped by ``statement``: several rows for one statement (several
    coordinates, countries or dates) give one edge, counted in ``report.notes``. Without a
    ``statement`` column, rows with the same item, partner, start and end are one statement.
    See the module docstring for years, nodes and ranks.

    Variables (:data:`SPARQL_VARIABLES`; a ``?`` prefix in TSV headers is ignored):

    - ``item`` (required): entity URI of the item holding the P190 statement (edge source);
    - ``partner`` (required): entity URI of the statement's value (edge target); an unknown
      value (blank node or ``.well-known/genid`` IRI) rejects the row;
    - ``statement``: statement URI (``wds:Q3955-...``), stored as ``statement="Q3955$..."``;
    - ``rank``: ``wikibase:DeprecatedRank`` rows are rejected unless ``keep_deprecated``;
    - ``start``, ``end``: ``xsd:dateTime`` of the P580 / P582 qualifiers;
      ``startPrecision``, ``endPrecision``: Wikibase time precision (9 year, 10 month, 11 day);
    - ``itemLabel``, ``partnerLabel``: labels (a label equal to the Q-id counts as none);
    - ``itemCoord``, ``partnerCoord``: WKT ``Point(lon lat)``, optionally prefixed by a globe
      IRI (only Earth kept);
    - ``itemCountryCode``, ``partnerCountryCode``: ISO 3166-1 alpha-2 (P17 -> P297);
    - ``itemTypes``, ``partnerTypes`` (or ``itemType``, ``partnerType``): P31 Q-ids or entity
      URIs, separated by ``;`` or spaces.

    Parameters
    ----------
    path_or_dict : path, text buffer or dict
        The saved results.
    keep_deprecated : bool, default False
        Keep statements of deprecated rank (else they are rejected, with a reason).
    dataset : str, optional
        Name recorded on the graph and edges (default ``"wikidata-p190"``).

    Returns
    -------
    G : networkx.MultiDiGraph
    report : LoadReport
        Rows are the result rows (bindings), 1-based. ``G.graph["retrieved"]`` is the fetch
        date when the results come from the :func:`fetch_p190` cache, else None.

    Raises
    ------
    DatasetError
        If the file does not exist.
    SchemaError
        If the input is not SPARQL results or lacks the ``item`` or ``partner`` variable.

    See Also
    --------
    fetch_p190 : get these results live.

    Examples
    --------
    >>> wd = "http://www.wikidata.org/entity/"
    >>> def uri(q): return {"type": "uri", "value": wd + q}
    >>> def lit(v): return {"type": "literal", "value": v}
    >>> rows = [{"item": uri("Q3955"), "partner": uri("Q2751"), "itemLabel": lit("Weimar"),
    ...          "partnerLabel": lit("Siena"), "itemCountryCode": lit("DE"),
    ...          "start": lit("1994-04-15T00:00:00Z"), "startPrecision": lit("11"),
    ...          "partnerCoord": lit("Point(11.33 43.32)")},
    ...         {"item": uri("Q2751"), "partner": {"type": "bnode", "value": "t1"}}]
    >>> G, report = read_sparql_json({"head": {"vars": ["item", "partner"]},
    ...                               "results": {"bindings": rows}})
    >>> G.nodes["Q3955"]["name"], G.nodes["Q3955"]["country"], G.nodes["Q2751"]["lat"]
    ('Weimar', 'DE', 43.32)
    >>> G.edges["Q3955", "Q2751", 0]["start_date"]
    '1994-04-15'
    >>> print(report)
    <dict>: 2 rows read, 1 links kept, 1 rejected
      row 2: partner is not a Wikidata item (unknown value or not an entity): '_:t1'
      ...
    """
    if isinstance(path_or_dict, Mapping):
        name = "<dict>"
        variables, rows = _rows_from_json(path_or_dict, name)
        meta = path_or_dict.get("paradiplo_net") or {}
    else:
        text, name = _open_text(path_or_dict)
        suffix = Path(name).suffix.lower()
        meta = {}
        if suffix in (".csv", ".tsv"):
            variables, rows = _rows_from_delimited(text, "," if suffix == ".csv" else "\t")
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise SchemaError(format_problems(
                    f"SPARQL results {name}", [f"not valid JSON: {exc}"],
                    fix="pass a JSON, .csv or .tsv export of the Wikidata Query Service",
                )) from None
            variables, rows = _rows_from_json(data, name)
            meta = data.get("paradiplo_net") or {} if isinstance(data, Mapping) else {}
    missing = [v for v in ("item", "partner") if v not in variables]
    if missing:
        raise SchemaError(format_problems(
            f"SPARQL results {name}",
            [f"missing variable {v!r}; found variables {variables}" for v in missing],
            fix="select ?item (the item holding P190) and ?partner (its value); see "
                "paradiplo_net.wikidata.P190_QUERY",
        ))
    b = _Builder(name, dataset or "wikidata-p190")
    b.report.rows_read = len(rows)
    if "statement" not in variables:
        b.report.notes.append(
            "no 'statement' variable: rows with the same item, partner, start and end are "
            "read as one statement"
        )
    _add_sparql_rows(b, rows, keep_deprecated=keep_deprecated)
    G = b.build(retrieved=meta.get("retrieved"), keep_deprecated=keep_deprecated)
    return G, b.report


# --------------------------------------------------------------------------------------
# live fetch
# --------------------------------------------------------------------------------------

_sleep = time.sleep  # replaced in tests


def cache_dir() -> Path:
    """Folder of cached Wikidata query responses: ``settings.cache_dir / "wikidata"``.

    Each page is stored as ``<sha256 of the query text>.json``: the SPARQL JSON response plus
    a ``"paradiplo_net"`` key holding the query, the endpoint and the retrieval date.

    Examples
    --------
    >>> cache_dir().name
    'wikidata'
    """
    return Path(settings.cache_dir) / "wikidata"


def _cache_file(query: str) -> Path:
    return cache_dir() / f"{hashlib.sha256(query.encode('utf-8')).hexdigest()}.json"


def _retry_after(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        pass
    try:
        when = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _request_page(query: str, *, session: Any, timeout: float, retries: int) -> dict[str, Any]:
    """GET one page, retrying 429 (honouring Retry-After), 5xx, bad JSON and network errors."""
    headers = {"User-Agent": settings.user_agent, "Accept": "application/sparql-results+json"}
    last = "no attempt"
    for attempt in range(retries + 1):
        wait = min(2.0**attempt, 60.0)
        try:
            resp = session.get(SPARQL_URL, params={"query": query, "format": "json"},
                               headers=headers, timeout=timeout)
        except OSError as exc:  # requests.RequestException derives from OSError
            last = f"{type(exc).__name__}: {exc}"
        else:
            status = int(resp.status_code)
            if status == 200:
                try:
                    data = resp.json()
                except ValueError as exc:  # WDQS may send a truncated body on timeout
                    last = f"HTTP 200 with unreadable JSON ({exc})"
                else:
                    if isinstance(data, dict) and "results" in data:
                        return data
                    last = "HTTP 200 without SPARQL results"
            elif status == 429:
                after = _retry_after(resp.headers.get("Retry-After"))
                wait = wait if after is None else min(after, 600.0)
                last = "HTTP 429 Too Many Requests"
            elif 500 <= status < 600:
                last = f"HTTP {status}: {str(getattr(resp, 'text', ''))[:200]!r}"
            else:
                raise DatasetError(
                    f"Wikidata Query Service answered HTTP {status} (expected 200): "
                    f"{str(getattr(resp, 'text', ''))[:300]!r}. Fix: check the query "
                    "(paradiplo_net.wikidata.build_query) and settings.user_agent; 403 means the "
                    "User-Agent was refused."
                )
        if attempt < retries:
            logger.info("Wikidata attempt %d failed (%s); retrying in %.1f s",
                        attempt + 1, last, wait)
            _sleep(wait)
    raise DatasetError(
        f"Wikidata Query Service failed {retries + 1} time(s); last error: {last}. Fix: try "
        "later, raise retries= or timeout=, or lower limit_per_page= so each page is cheaper."
    )


def _load_cached(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("ignoring unreadable cache file %s (%s)", path, exc)
        return None
    return data if isinstance(data, dict) and "results" in data else None


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def _check_int(name: str, value: Any, *, minimum: int, allow_none: bool = False) -> None:
    if allow_none and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        extra = " or None" if allow_none else ""
        raise ValueError(f"{name} must be an int >= {minimum}{extra}, got {value!r}")


def fetch_p190(
    *,
    limit_per_page: int = 10000,
    max_pages: int | None = None,
    cache: bool = True,
    refresh: bool = False,
    timeout: float = 60,
    retries: int = 5,
    progress: bool = True,
    session: Any = None,
    keep_deprecated: bool = False,
    dataset: str = "wikidata-p190",
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Fetch every Wikidata P190 statement from the Wikidata Query Service.

    Runs :func:`build_query` page by page (``limit_per_page`` statements each, stable
    ``ORDER BY ?statement``) until a page holds fewer statements than asked, then reads all
    rows as :func:`read_sparql_json` does (statements repeated across pages, when Wikidata
    changed between pages, are one edge). Each page is retried up to ``retries`` times on
    HTTP 429 (waiting as long as its ``Retry-After`` header says), on HTTP 5xx, on an
    unreadable body and on network errors, waiting 1, 2, 4, ... s (at most 60 s) otherwise
    [3]_. Requests carry ``settings.user_agent``.

    Pages are cached as JSON in :func:`cache_dir`, keyed by the SHA-256 of the query text, so
    a second run is offline. With ``settings.offline = True`` only cached pages are used.

    Parameters
    ----------
    limit_per_page : int, default 10000
        Statements per query.
    max_pages : int, optional
        Stop after this many pages (the result is then partial; noted in the report).
    cache : bool, default True
        Read and write the on-disk cache.
    refresh : bool, default False
        Ignore cached pages (but still write fresh ones when ``cache``).
    timeout : float, default 60
        Seconds per HTTP request.
    retries : int, default 5
        Further attempts per page after the first.
    progress : bool, default True
        Show a tqdm progress bar (one step per page).
    session : requests.Session-like, optional
        Object with ``get(url, params=, headers=, timeout=)`` returning a response with
        ``status_code``, ``headers``, ``json()`` and ``text``; a new ``requests.Session``
        by default.
    keep_deprecated : bool, default False
        Keep statements of deprecated rank.
    dataset : str, default "wikidata-p190"

    Returns
    -------
    G : networkx.MultiDiGraph
        ``G.graph["retrieved"]`` is the ISO date of the fetch (of the oldest page when read
        from cache), ``G.graph["cache"]`` the cache folder (None when ``cache=False``),
        ``G.graph["pages"]`` the number of pages.
    report : LoadReport
        Rows are numbered across pages (1-based).

    Raises
    ------
    DatasetError
        Offline without the needed cached page, or the service kept failing.
    SchemaError
        A response is not SPARQL results with ``item`` and ``partner``.
    ValueError
        Bad numeric options.

    See Also
    --------
    read_sparql_json, build_query, cache_dir

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G, report = pn.wikidata.fetch_p190()  # doctest: +SKIP
    >>> print(report)  # doctest: +SKIP
    https://query.wikidata.org/sparql: ... rows read, ... links kept, ... rejected
    >>> pn.wikidata.cache_dir().name  # where the pages are kept
    'wikidata'
    """
    _check_int("limit_per_page", limit_per_page, minimum=1)
    _check_int("max_pages", max_pages, minimum=1, allow_none=True)
    _check_int("retries", retries, minimum=0)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}")
    folder = cache_dir()
    if settings.offline and (refresh or not cache):
        raise DatasetError(
            f"settings.offline is True but fetch_p190 was asked to "
            f"{'refresh' if refresh else 'bypass'} the cache ({folder}); nothing can be read. "
            "Fix: set paradiplo_net.settings.settings.offline = False (or unset "
            "PARADIPLO_OFFLINE) to use the network, or call with cache=True, refresh=False."
        )
    from tqdm.auto import tqdm

    b = _Builder(SPARQL_URL, dataset)
    dates: list[str] = []
    from_cache = 0
    page = 0
    complete = False
    today = date.today().isoformat()
    with tqdm(desc="Wikidata P190", unit="page", disable=not progress) as bar:
        while max_pages is None or page < max_pages:
            query = build_query(page * limit_per_page, limit_per_page)
            path = _cache_file(query)
            data = _load_cached(path) if cache and not refresh and path.is_file() else None
            if data is not None:
                from_cache += 1
                dates.append(str((data.get("paradiplo_net") or {}).get("retrieved") or today))
            else:
                if settings.offline:
                    raise DatasetError(
                        f"settings.offline is True and page {page + 1} (offset "
                        f"{page * limit_per_page}, limit {limit_per_page}) is not cached (or "
                        f"unreadable) in {folder} (expected {path.name}). Fix: run "
                        "fetch_p190() once with settings.offline = False (or `paradiplo-net "
                        "fetch wikidata`) to fill the cache, with the same limit_per_page."
                    )
                if session is None:
                    import requests

                    session = requests.Session()
                logger.info("fetching Wikidata P190 page %d (offset %d)",
                            page + 1, page * limit_per_page)
                data = _request_page(query, session=session, timeout=timeout, retries=retries)
                data = {**data, "paradiplo_net": {"query": query, "endpoint": SPARQL_URL,
                                                  "retrieved": today}}
                dates.append(today)
                if cache:
                    _write_cache(path, data)
            variables, rows = _rows_from_json(data, f"page {page + 1}")
            if rows and not {"item", "partner"} <= set(variables):
                raise SchemaError(format_problems(
                    f"Wikidata response page {page + 1}",
                    [f"expected variables 'item' and 'partner', found {variables}"],
                    fix=f"delete the cache file {path} and fetch again",
                ))
            offset = b.report.rows_read
            b.report.rows_read += len(rows)
            _add_sparql_rows(b, rows, keep_deprecated=keep_deprecated, offset=offset)
            n_statements = len({r.get("statement") or id(r) for r in rows})
            page += 1
            bar.update(1)
            bar.set_postfix(rows=b.report.rows_read)
            if n_statements < limit_per_page:
                complete = True
                break
    if not complete:
        b.report.notes.append(
            f"stopped after max_pages={max_pages} pages: the result may be incomplete"
        )
    b.report.notes.append(
        f"{page} page(s) of {limit_per_page} statements, {from_cache} read from the cache"
        + (f" in {folder}" if cache else " (cache disabled)")
    )
    G = b.build(
        retrieved=min(dates) if dates else today, keep_deprecated=keep_deprecated,
        cache=str(folder) if cache else None, pages=page,
    )
    return G, b.report


# --------------------------------------------------------------------------------------
# entity JSON
# --------------------------------------------------------------------------------------


def _best_claims(claims: Mapping[str, Any], prop: str) -> list[Mapping[str, Any]]:
    """Claims of ``prop`` with a value: preferred ones if any, else the normal ones."""
    usable = [
        c for c in claims.get(prop, [])
        if c.get("rank") != _DEPRECATED and c.get("mainsnak", {}).get("snaktype") == "value"
    ]
    preferred = [c for c in usable if c.get("rank") == "preferred"]
    return preferred or usable


def _entity_value_id(snak: Mapping[str, Any]) -> str | None:
    value = (snak.get("datavalue") or {}).get("value")
    if isinstance(value, Mapping):
        qid = value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
        return qid if isinstance(qid, str) and _QID_RE.match(qid) else None
    return None


def _qualifier_times(claim: Mapping[str, Any], prop: str) -> set[tuple[str, int | None]]:
    out = set()
    for snak in (claim.get("qualifiers") or {}).get(prop, []):
        value = (snak.get("datavalue") or {}).get("value")
        if snak.get("snaktype") == "value" and isinstance(value, Mapping) and value.get("time"):
            out.add((str(value["time"]), _precision(value.get("precision"))))
    return out


def _entity_label(entity: Mapping[str, Any]) -> str | None:
    labels = entity.get("labels") or {}
    for lang in (*_LABEL_LANGUAGES, *sorted(labels)):
        value = (labels.get(lang) or {}).get("value")
        if value:
            return str(value)
    return None


def read_entity_json(
    path_or_dict: str | os.PathLike[str] | Mapping[str, Any] | io.TextIOBase,
    *,
    keep_deprecated: bool = False,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read Wikidata entity JSON (``{"entities": {"Q3955": {...}}}``) into a graph.

    The format of ``wbgetentities`` and ``Special:EntityData/<Q>.json``. Every P190 claim of
    every entity is one edge from the entity to the claim's value, with ``year`` and
    ``end_year`` from its P580 / P582 qualifiers and the full dates in ``start_date`` /
    ``end_date`` (cut to the recorded precision) and the claim id in ``statement``. Entity
    attributes: label (en, then mul, de, fr, es, it, id, then any language), coordinates
    (P625, Earth only), country (P17, preferred rank first, mapped to ISO alpha-2 through
    :data:`COUNTRY_OF_ITEM`; other countries are None, counted) and level from P31 (see the
    module docstring). Partners that are not entities of the file only get their Q-id
    (name = Q-id, no country, counted).

    Parameters
    ----------
    path_or_dict : path, text buffer or dict
        Entity JSON; a single entity dict (with ``"id"`` and ``"claims"``) is accepted too.
    keep_deprecated : bool, default False
        Keep P190 claims of deprecated rank (else they are rejected, with a reason).
    dataset : str, optional
        Default ``"wikidata-p190"``.

    Returns
    -------
    G : networkx.MultiDiGraph
    report : LoadReport
        Rows are the P190 claims, numbered 1, 2, ... in file order.

    Raises
    ------
    DatasetError
        If the file does not exist.
    SchemaError
        If the input has no ``entities`` mapping.

    Examples
    --------
    >>> def claim(q, start):
    ...     return {"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": q}}},
    ...             "rank": "normal", "id": "Q3955$x" + q,
    ...             "qualifiers": {"P580": [{"snaktype": "value", "datavalue": {"value": {
    ...                 "time": start, "precision": 11}}}]}}
    >>> data = {"entities": {"Q3955": {"id": "Q3955", "labels": {"de": {"value": "Weimar"}},
    ...     "claims": {"P190": [claim("Q3138", "+1987-05-24T00:00:00Z"),
    ...                         claim("Q2751", "+1994-04-15T00:00:00Z")],
    ...                "P17": [{"mainsnak": {"snaktype": "value",
    ...                          "datavalue": {"value": {"id": "Q183"}}}, "rank": "preferred"}]}}}}
    >>> G, report = read_entity_json(data)
    >>> sorted(G.edges(data="year"))
    [('Q3955', 'Q2751', 1994), ('Q3955', 'Q3138', 1987)]
    >>> G.nodes["Q3955"]["name"], G.nodes["Q3955"]["country"], G.nodes["Q3138"]["name"]
    ('Weimar', 'DE', 'Q3138')
    """
    if isinstance(path_or_dict, Mapping):
        data, name = path_or_dict, "<dict>"
    else:
        text, name = _open_text(path_or_dict)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(format_problems(
                f"entity JSON {name}", [f"not valid JSON: {exc}"],
                fix="pass the JSON of Special:EntityData/<Q>.json or of wbgetentities",
            )) from None
    if isinstance(data, Mapping) and "claims" in data and "id" in data:
        data = {"entities": {data["id"]: data}}
    entities = data.get("entities") if isinstance(data, Mapping) else None
    if not isinstance(entities, Mapping):
        found = list(data)[:10] if isinstance(data, Mapping) else type(data).__name__
        raise SchemaError(format_problems(
            f"entity JSON {name}", [f"expected an 'entities' mapping, found {found}"],
            fix="pass the JSON of Special:EntityData/<Q>.json or of wbgetentities",
        ))
    b = _Builder(name, dataset or "wikidata-p190")
    row = 0
    unmapped: Counter[str] = Counter()
    for key, entity in entities.items():
        if not isinstance(entity, Mapping) or "missing" in entity:
            b.report.notes.append(f"entity {key!r} is missing or empty in the file: skipped")
            continue
        qid = entity.get("id") or key
        if not _QID_RE.match(str(qid)):
            b.report.notes.append(f"entity {qid!r} is not an item (Q-id): skipped")
            continue
        claims = entity.get("claims") or entity.get("statements") or {}
        country = None
        for c in _best_claims(claims, "P17"):
            cq = _entity_value_id(c["mainsnak"])
            if cq in COUNTRY_OF_ITEM:
                country = COUNTRY_OF_ITEM[cq]
                break
            if cq:
                unmapped[cq] += 1
        coord = None
        for c in _best_claims(claims, "P625"):
            v = (c["mainsnak"].get("datavalue") or {}).get("value") or {}
            globe = v.get("globe", _EARTH)
            if globe == _EARTH and v.get("latitude") is not None and v.get("longitude") is not None:
                coord = (float(v["latitude"]), float(v["longitude"]))
                break
        types = [t for c in _best_claims(claims, "P31") if (t := _entity_value_id(c["mainsnak"]))]
        b.node(qid, label=_entity_label(entity), coord=coord, country=country, types=types)
        for claim in claims.get("P190", []):
            row += 1
            snak = claim.get("mainsnak") or {}
            partner = _entity_value_id(snak)
            claim_id = claim.get("id")
            if partner is None:
                b.report.reject(row, f"P190 claim of {qid} has no item value "
                                     f"(snaktype {snak.get('snaktype')!r})",
                                item=qid, statement=claim_id)
                continue
            if partner == qid:
                b.report.reject(row, f"self-link: {qid} -> {partner}", item=qid, statement=claim_id)
                continue
            rank = claim.get("rank")
            if rank == _DEPRECATED and not keep_deprecated:
                b.report.reject(row, f"deprecated rank: {qid} -> {partner} (pass "
                                     "keep_deprecated=True to keep)", item=qid, statement=claim_id)
                continue
            key_ = ("s", claim_id) if claim_id else ("n", row)
            b.statement(key_, qid, partner, statement_id=claim_id, rank=rank,
                        starts=_qualifier_times(claim, "P580"),
                        ends=_qualifier_times(claim, "P582"))
            b.node(partner)
    b.report.rows_read = row
    partners_only = [q for q in b.nodes_seen if q not in entities]
    if partners_only:
        b.report.notes.append(
            f"{len(partners_only)} partner items are not entities of the file: only their "
            f"Q-id is known (name = Q-id, no country or coordinates), e.g. {partners_only[0]}"
        )
    if unmapped:
        b.report.notes.append(
            f"{sum(unmapped.values())} country items not in COUNTRY_OF_ITEM, country left None: "
            + ", ".join(sorted(unmapped)[:5])
        )
    G = b.build(retrieved=None, keep_deprecated=keep_deprecated)
    return G, b.report


# --------------------------------------------------------------------------------------
# TSV crawl (L3viathan)
# --------------------------------------------------------------------------------------


def read_statements_tsv(
    relations_path: str | os.PathLike[str] | io.TextIOBase,
    names_path: str | os.PathLike[str] | io.TextIOBase | None = None,
    *,
    dedupe: bool = True,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a ``source_qid<TAB>target_qid`` list of P190 statements (no header).

    The format of the L3viathan/sister-cities crawl (2016): each row is one P190 statement,
    the source the item carrying it. ``names_path`` (``qid<TAB>label``) gives node names; a
    node without a name is named by its Q-id (counted). A cell that is not a Q-id (a label
    written in place of an id) is resolved to a Q-id through the names file when the label
    names exactly one item, else kept as a slug node ``"<label>|??"`` (both counted). There
    are no years, countries or coordinates: ``year``, ``end_year``, ``country``, ``lat`` and
    ``lon`` are None, ``level`` is ``"municipality"``.

    Exact duplicate rows are the same statement listed twice: with ``dedupe=True`` (default)
    each is read once, with ``dedupe=False`` they are kept as parallel edges; either way their
    number is in ``report.notes``. Rows with a wrong number of fields and self-links are
    rejected; blank lines are skipped (counted).

    Parameters
    ----------
    relations_path : path or text buffer
    names_path : path or text buffer, optional
    dedupe : bool, default True
    dataset : str, optional
        Default ``"wikidata-p190-statements"``.

    Returns
    -------
    G : networkx.MultiDiGraph
    report : LoadReport
        Rows are the lines of ``relations_path``, 1-based.

    Raises
    ------
    DatasetError
        If a file does not exist.

    See Also
    --------
    one_sided : statements whose reverse is absent.

    Examples
    --------
    >>> import io
    >>> rel = io.StringIO("Q3955\\tQ3138\\nQ3138\\tQ3955\\nQ3955\\tQ3138\\nQ3955\\tSiena\\n")
    >>> names = io.StringIO("Q3955\\tWeimar\\nQ3138\\tTrier\\nQ2751\\tSiena\\n")
    >>> G, report = read_statements_tsv(rel, names)
    >>> sorted(G.edges())
    [('Q3138', 'Q3955'), ('Q3955', 'Q2751'), ('Q3955', 'Q3138')]
    >>> report.notes[0]
    '1 exact duplicate rows (same statement listed again) read once (dedupe=True)'
    """
    text, name = _open_text(relations_path)
    report = LoadReport(name)
    dataset = dataset or "wikidata-p190-statements"
    labels: dict[str, str] = {}
    by_label: dict[str, list[str]] = defaultdict(list)
    if names_path is not None:
        ntext, _ = _open_text(names_path)
        dup_names = 0
        for line in ntext.splitlines():
            if not line.strip():
                continue
            qid, _, label = line.partition("\t")
            qid, label = qid.strip(), label.strip()
            if qid in labels:
                dup_names += 1
                continue
            labels[qid] = label or qid
            if label:
                by_label[label].append(qid)
        if dup_names:
            report.notes.append(f"{dup_names} repeated ids in the names file (first label used)")
    resolved: dict[str, str] = {}
    n_resolved = n_slug = 0

    is_qid: dict[str, bool] = {}

    def node_id(cell: str) -> str:
        nonlocal n_resolved, n_slug
        ok = is_qid.get(cell)
        if ok is None:
            ok = is_qid[cell] = bool(_QID_RE.match(cell))
        if ok:
            return cell
        if cell not in resolved:
            qids = by_label.get(cell, [])
            if len(qids) == 1:
                resolved[cell] = qids[0]
            else:
                resolved[cell] = make_city_id(cell, None)
        rid = resolved[cell]
        if _QID_RE.match(rid):
            n_resolved += 1
        else:
            n_slug += 1
        return rid

    lines = text.splitlines()
    seen: set[tuple[str, str]] = set()
    edges: list[tuple[str, str]] = []
    duplicates = blank = 0
    rejected_rows: list[dict[str, Any]] = []
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            blank += 1
            continue
        report.rows_read += 1
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            rejected_rows.append({
                "row": i, "line": line,
                "reason": f"expected 2 tab-separated fields, found {len(fields)}: {line[:80]!r}",
            })
            continue
        u, v = node_id(fields[0].strip()), node_id(fields[1].strip())
        if u == v:
            rejected_rows.append({"row": i, "reason": f"self-link: {u} -> {v}", "line": line})
            continue
        if (u, v) in seen:
            duplicates += 1
            if dedupe:
                continue
        seen.add((u, v))
        edges.append((u, v))
    report.reject_many(pd.DataFrame(rejected_rows))
    if duplicates:
        report.notes.append(
            f"{duplicates} exact duplicate rows (same statement listed again) "
            + ("read once (dedupe=True)" if dedupe else "kept as parallel edges (dedupe=False)")
        )
    if blank:
        report.notes.append(f"{blank} blank lines skipped")
    if n_resolved:
        report.notes.append(f"{n_resolved} cells held a label instead of a Q-id and were resolved "
                            "to a Q-id through the names file")
    if n_slug:
        report.notes.append(f"{n_slug} cells held a label that names no single item in the names "
                            "file: kept as slug node ids '<label>|??'")
    G = new_graph(dataset=dataset, retrieved=None)
    nodes: dict[str, None] = {}
    for u, v in edges:
        nodes.setdefault(u, None)
        nodes.setdefault(v, None)
    unnamed = 0
    slug_label = {rid: cell for cell, rid in resolved.items()}
    node_rows = []
    for n in nodes:
        if _QID_RE.match(n):
            label = labels.get(n)
            if label is None:
                unnamed += 1
            node_rows.append((n, {"name": label or n, "country": None, "lat": None, "lon": None,
                                  "level": "municipality", "wikidata": n}))
        else:
            node_rows.append((n, {"name": slug_label.get(n, n), "country": None, "lat": None,
                                  "lon": None, "level": "municipality"}))
    if unnamed:
        report.notes.append(
            f"{unnamed} nodes have no label in the names file (named by their Q-id)")
    G.add_nodes_from(node_rows)
    base = {"year": None, "end_year": None, "phase": None, "phase_source": None,
            "kind": "unspecified", "dataset": dataset}
    G.add_edges_from((u, v, dict(base)) for u, v in edges)
    report.links_kept = len(edges)
    report.notes.append("no dates, countries or coordinates in this format: year, end_year, "
                        "country, lat, lon are None; level is 'municipality'")
    G.graph["rejected"] = report.n_rejected
    return G, report


# --------------------------------------------------------------------------------------
# WIKIDATA12k
# --------------------------------------------------------------------------------------


def read_wikidata12k(
    folder: str | os.PathLike[str],
    *,
    relation_id: int = 5,
    open_end: int | None = 2022,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read the P190 facts of the WIKIDATA12k temporal knowledge graph [4]_.

    ``folder`` holds ``train.txt``, ``valid.txt``, ``test.txt`` (tab-separated
    ``head rel tail start end``, integer ids) and ``entity2id.txt`` (``Qid<TAB>int``).
    Facts with ``rel == relation_id`` (5 is P190 in the released ``relation2id.txt``) become
    edges ``head -> tail`` with ``year = start`` and ``end_year = end``, and the split in the
    edge attribute ``split``. Facts of other relations are ignored (counted).

    An open end is written as a marker: ``3000`` or ``####`` in the original release,
    ``2022`` in the TILP copy. Ends equal to ``open_end`` (default 2022), ``3000`` or
    ``####`` are read as None (counted); pass ``open_end=None`` to read 2022 as a real year.
    A start of ``####`` is read as None. The same pair in two facts (a link re-dated) gives
    parallel edges. Node names are Q-ids (the benchmark has no labels), countries None.

    Parameters
    ----------
    folder : path
    relation_id : int, default 5
    open_end : int, optional
        End year meaning "not ended".
    dataset : str, optional
        Default ``"wikidata12k"``.

    Returns
    -------
    G : networkx.MultiDiGraph
    report : LoadReport
        ``rows_read`` counts the facts of ``relation_id``; rows are ``"<split>:<line>"``
        in ``report.rejected["where"]`` and the running number of such facts in ``row``.

    Raises
    ------
    DatasetError
        If the folder or ``entity2id.txt`` is missing, or no split file exists.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "entity2id.txt").write_text("Q1899\\t0\\nQ2079\\t1\\n")
    >>> facts = ["0\\t5\\t1\\t1956\\t1961", "0\\t5\\t1\\t1961\\t2022", "1\\t6\\t0\\t1990\\t2022"]
    >>> _ = (d / "train.txt").write_text("\\n".join(facts) + "\\n")
    >>> G, report = read_wikidata12k(d)
    >>> [(d["year"], d["end_year"]) for _, _, d in G.edges(data=True)]
    [(1956, 1961), (1961, None)]
    >>> print("\\n".join(report.notes))
    1 facts of other relations ignored
    1 ordered pairs appear in several facts (kept as parallel edges)
    1 open ends (marker 2022) read as None
    """
    folder = Path(folder)
    ent_path = folder / "entity2id.txt"
    if not folder.is_dir() or not ent_path.is_file():
        raise DatasetError(
            f"WIKIDATA12k folder {str(folder)!r}: expected a folder with entity2id.txt and "
            "train/valid/test.txt; fix the path (e.g. ../shared/data/wikidata12k-tkg)"
        )
    _check_int("relation_id", relation_id, minimum=0)
    splits = [s for s in ("train", "valid", "test") if (folder / f"{s}.txt").is_file()]
    if not splits:
        raise DatasetError(f"WIKIDATA12k folder {str(folder)!r} has none of train.txt, "
                           "valid.txt, test.txt; fix the path")
    ids: dict[str, str] = {}
    for line in ent_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q, _, i = line.partition("\t")
            ids[i.strip()] = q.strip()
    report = LoadReport(str(folder))
    rel_file = folder / "relation2id.txt"
    if rel_file.is_file():
        for line in rel_file.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            pid = parts[0].strip()
            if len(parts) >= 2 and parts[1].strip() == str(relation_id) and pid != "P190":
                report.notes.append(f"relation {relation_id} is {parts[0].strip()} "
                                    f"({'/'.join(parts[2:])}), not P190")
    dataset = dataset or "wikidata12k"
    open_markers = {*_OPEN_END_MARKERS, *([str(open_end)] if open_end is not None else [])}
    max_year = date.today().year
    tally = _Tally()
    rejected: list[dict[str, Any]] = []
    edges = []
    other = 0
    for split in splits:
        lines = (folder / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        for ln, line in enumerate(lines, 1):
            f = line.split("\t")
            if len(f) < 3 or f[1].strip() != str(relation_id):
                other += bool(line.strip())
                continue
            report.rows_read += 1
            row, where = report.rows_read, f"{split}:{ln}"
            if len(f) != 5:
                rejected.append({"row": row, "where": where,
                                 "reason": f"expected 5 fields, found {len(f)}"})
                continue
            head, tail = ids.get(f[0].strip()), ids.get(f[2].strip())
            if head is None or tail is None:
                bad_id = f[0] if head is None else f[2]
                rejected.append({"row": row, "where": where,
                                 "reason": f"entity id {bad_id!r} not in entity2id.txt"})
                continue
            if head == tail:
                rejected.append({"row": row, "where": where,
                                 "reason": f"self-link: {head} -> {tail}"})
                continue
            years: list[int | None] = []
            for what, raw in (("start", f[3].strip()), ("end", f[4].strip())):
                if what == "end" and raw in open_markers:
                    tally.add(f"open ends (marker {raw}) read as None")
                    years.append(None)
                    continue
                if raw == "####":
                    tally.add("unknown start years (####) read as None", where)
                    years.append(None)
                    continue
                try:
                    y = int(raw)
                except ValueError:
                    y = None
                if y is None or not MIN_YEAR <= y <= max_year:
                    tally.add(f"{what} years unreadable or outside {MIN_YEAR}-{max_year}: "
                              "read as None",
                              f"{where} {raw!r}")
                    y = None
                years.append(y)
            year, end_year = years
            if year is not None and end_year is not None and end_year < year:
                tally.add("facts ending before they start: end_year read as None", where)
                end_year = None
            edges.append((head, tail, {"year": year, "end_year": end_year, "phase": None,
                                       "phase_source": None, "kind": "unspecified",
                                       "dataset": dataset, "split": split}))
    report.reject_many(pd.DataFrame(rejected))
    report.notes.append(f"{other} facts of other relations ignored")
    pairs = Counter((u, v) for u, v, _ in edges)
    if any(c > 1 for c in pairs.values()):
        report.notes.append(f"{sum(1 for c in pairs.values() if c > 1)} ordered pairs appear in "
                            "several facts (kept as parallel edges)")
    report.notes.extend(tally.notes())
    G = new_graph(dataset=dataset, retrieved=None)
    for u, v, _ in edges:
        for n in (u, v):
            if n not in G:
                G.add_node(n, name=n, country=None, lat=None, lon=None, level="municipality",
                           wikidata=n)
    G.add_edges_from(edges)
    report.links_kept = len(edges)
    G.graph["rejected"] = report.n_rejected
    return G, report


# --------------------------------------------------------------------------------------
# reciprocity helper
# --------------------------------------------------------------------------------------


def one_sided(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Statements whose reverse statement is absent (for reciprocity reports).

    An edge ``u -> v`` is one-sided when the graph has no edge ``v -> u``: ``u``'s record
    lists ``v`` but not the other way round. Parallel edges are each listed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A directed contract graph (``G.graph["directed"]`` not False).

    Returns
    -------
    pandas.DataFrame
        One row per one-sided edge: ``source``, ``target``, ``key``, ``source_name``,
        ``target_name``, ``year`` (nullable ``Int64``), in edge order.

    Raises
    ------
    GraphContractError
        If the graph's direction carries no meaning (``G.graph["directed"] is False``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> table = one_sided(pn.datasets.load("toy"))
    >>> len(table), table.columns.tolist()[:3]
    (10, ['source', 'target', 'key'])
    """
    if G.graph.get("directed") is False:
        raise GraphContractError(
            "one_sided: expected a graph whose edge direction records who lists whom, found "
            f"G.graph['directed'] = False (dataset {G.graph.get('dataset')!r}); every pair of an "
            "undirected source would count as one-sided. Fix: use a directed source."
        )
    rows = [
        (u, v, k, G.nodes[u].get("name"), G.nodes[v].get("name"), d.get("year"))
        for u, v, k, d in G.edges(keys=True, data=True)
        if not G.has_edge(v, u)
    ]
    cols = ["source", "target", "key", "source_name", "target_name", "year"]
    table = pd.DataFrame([r[:5] for r in rows], columns=cols[:5], dtype=object)
    table["key"] = pd.array([r[2] for r in rows], dtype="int64")
    table["year"] = pd.array([r[5] for r in rows], dtype="Int64")
    return table
