"""Readers of saved SPARQL results (JSON, CSV, TSV) and of entity JSON."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import SchemaError, format_problems
from ..io._guard import total_reader
from ..model import LoadReport
from ._builder import _Builder
from ._values import (
    _DEPRECATED,
    _EARTH,
    _LABEL_LANGUAGES,
    _QID_ANY_RE,
    _QID_RE,
    COUNTRY_OF_ITEM,
    _open_text,
    _precision,
    _qid,
    _rank_name,
    _statement_id,
)


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
                i,
                f"{side} is not a Wikidata item (unknown value or not an entity): {raw!r}",
                item=item_raw,
                partner=partner_raw,
            )
            continue
        if item == partner:
            b.report.reject(
                i, f"self-link: {item} -> {partner}", item=item_raw, partner=partner_raw
            )
            continue
        rank = _rank_name(row.get("rank"))
        if rank == _DEPRECATED and not keep_deprecated:
            b.report.reject(
                i,
                f"deprecated rank: {item} -> {partner} (pass keep_deprecated=True to keep)",
                item=item_raw,
                partner=partner_raw,
            )
            continue
        start, end = row.get("start"), row.get("end")
        start_t = [(start, _precision(row.get("startPrecision")))] if start else []
        end_t = [(end, _precision(row.get("endPrecision")))] if end else []
        st = row.get("statement")
        key = ("s", st) if st else ("r", item, partner, start, end)
        b.statement(
            key,
            item,
            partner,
            statement_id=_statement_id(st) if st else None,
            rank=rank,
            starts=start_t,
            ends=end_t,
        )
        for side, qid in (("item", item), ("partner", partner)):
            b.node(
                qid,
                label=row.get(f"{side}Label"),
                coord=row.get(f"{side}Coord") or None,
                country=row.get(f"{side}CountryCode"),
                types=_QID_ANY_RE.findall(row.get(f"{side}Types") or row.get(f"{side}Type") or ""),
            )


def _shape_error(name: str, problem: str) -> SchemaError:
    return SchemaError(
        format_problems(
            f"SPARQL results {name}",
            [problem],
            fix="pass the JSON returned by the Wikidata Query Service (format=json), e.g. a "
            "'Download -> JSON file' of P190_QUERY",
        )
    )


def _rows_from_json(data: Mapping[str, Any], name: str) -> tuple[list[str], list[dict[str, str]]]:
    results = data.get("results") if isinstance(data, Mapping) else None
    bindings = results.get("bindings") if isinstance(results, Mapping) else None
    if not isinstance(bindings, list):
        keys = list(data) if isinstance(data, Mapping) else type(data).__name__
        raise _shape_error(
            name, f"expected keys 'head' and 'results.bindings' (a list), found {keys}"
        )
    head = data.get("head", {})
    raw_vars = head.get("vars") if isinstance(head, Mapping) else None
    if not isinstance(head, Mapping) or not isinstance(raw_vars, (list, type(None))):
        raise _shape_error(name, f"'head' must be an object with a list 'vars', got {head!r:.80}")
    variables = [str(v) for v in raw_vars or []]
    rows = []
    for i, b in enumerate(bindings, start=1):
        if not isinstance(b, Mapping):
            raise _shape_error(name, f"binding {i} is a {type(b).__name__}, not an object")
        row = {}
        for var, cell in b.items():
            if not isinstance(cell, Mapping) or "value" not in cell:
                continue
            value = str(cell["value"])
            row[str(var)] = f"_:{value}" if cell.get("type") == "bnode" else value
        rows.append(row)
    if not variables:
        variables = sorted({v for r in rows for v in r})
    return variables, rows


_LANG_RE = re.compile(r"@[A-Za-z0-9-]+")


def _tsv_literal(cell: str) -> str | None:
    """The text of ``"text"``, ``"text"@lang`` or ``"text"^^<type>``, else None (linear time)."""
    if not cell.startswith('"'):
        return None
    close = cell.rfind('"')
    if close == 0:
        return None
    suffix = cell[close + 1 :]
    if suffix and not (
        _LANG_RE.fullmatch(suffix)
        or (suffix.startswith("^^<") and suffix.endswith(">") and ">" not in suffix[3:-1])
    ):
        return None
    return cell[1:close]


def _tsv_value(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    text = _tsv_literal(cell)
    if text is not None:
        return (
            text.replace('\\"', '"').replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")
        )
    return cell


def _records(text: str, delimiter: str) -> list[list[str]]:
    """CSV records (RFC 4180 quoting) or TSV records (no quoting: one line, one record)."""
    if delimiter == "\t":
        return [line.split("\t") for line in text.split("\n")]
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))  # a long field is data, not an error
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as err:
        raise SchemaError(
            format_problems(
                "SPARQL CSV export",
                [f"not readable as CSV: {err}"],
                fix="re-export the results as CSV from the Wikidata Query Service, or as JSON",
            )
        ) from None
    finally:
        csv.field_size_limit(old)


def _rows_from_delimited(text: str, delimiter: str) -> tuple[list[str], list[dict[str, str]]]:
    records = _records(text, delimiter)
    header = records[0] if records else []
    variables = [h.strip().lstrip("?") for h in header]
    rows = []
    for rec in records[1:]:
        if not any(c.strip() for c in rec):
            continue
        cells = rec if delimiter == "," else [_tsv_value(c) for c in rec]
        rows.append({v: c for v, c in zip(variables, cells, strict=False) if c != ""})
    return variables, rows


@total_reader(
    "SPARQL results file",
    "pass the JSON, CSV or TSV export of the Wikidata Query Service for P190_QUERY",
)
def read_sparql_json(
    path_or_dict: str | os.PathLike[str] | Mapping[str, Any] | io.TextIOBase,
    *,
    keep_deprecated: bool = False,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read saved results of :data:`P190_QUERY` into a graph.

    Accepts the W3C SPARQL 1.1 JSON results format (see the wikidata module) (as a path, an
    open file or the
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
                raise SchemaError(
                    format_problems(
                        f"SPARQL results {name}",
                        [f"not valid JSON: {exc}"],
                        fix="pass a JSON, .csv or .tsv export of the Wikidata Query Service",
                    )
                ) from None
            variables, rows = _rows_from_json(data, name)
            meta = data.get("paradiplo_net") or {} if isinstance(data, Mapping) else {}
    missing = [v for v in ("item", "partner") if v not in variables]
    if missing:
        raise SchemaError(
            format_problems(
                f"SPARQL results {name}",
                [f"missing variable {v!r}; found variables {variables}" for v in missing],
                fix="select ?item (the item holding P190) and ?partner (its value); see "
                "paradiplo_net.wikidata.P190_QUERY",
            )
        )
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


def _best_claims(claims: Mapping[str, Any], prop: str) -> list[Mapping[str, Any]]:
    """Claims of ``prop`` with a value: preferred ones if any, else the normal ones."""
    usable = [
        c
        for c in claims.get(prop, [])
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


@total_reader(
    "entity JSON file",
    "pass the JSON of wbgetentities or Special:EntityData",
)
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
    entities, name = _entities(path_or_dict)
    b = _Builder(name, dataset or "wikidata-p190")
    unmapped: Counter[str] = Counter()
    for key, entity in entities.items():
        qid = _entity_qid(key, entity, b.report)
        if qid is not None:
            _add_entity(b, qid, entity, unmapped, keep_deprecated=keep_deprecated)
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


def _entities(
    path_or_dict: str | os.PathLike[str] | Mapping[str, Any] | io.TextIOBase,
) -> tuple[Mapping[str, Any], str]:
    """The ``entities`` mapping of entity JSON (a single entity is wrapped), and its name."""
    if isinstance(path_or_dict, Mapping):
        data, name = path_or_dict, "<dict>"
    else:
        text, name = _open_text(path_or_dict)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(
                format_problems(
                    f"entity JSON {name}",
                    [f"not valid JSON: {exc}"],
                    fix="pass the JSON of Special:EntityData/<Q>.json or of wbgetentities",
                )
            ) from None
    if isinstance(data, Mapping) and "claims" in data and "id" in data:
        data = {"entities": {data["id"]: data}}
    entities = data.get("entities") if isinstance(data, Mapping) else None
    if not isinstance(entities, Mapping):
        found = list(data)[:10] if isinstance(data, Mapping) else type(data).__name__
        raise SchemaError(
            format_problems(
                f"entity JSON {name}",
                [f"expected an 'entities' mapping, found {found}"],
                fix="pass the JSON of Special:EntityData/<Q>.json or of wbgetentities",
            )
        )
    return entities, name


def _entity_qid(key: str, entity: Any, report: LoadReport) -> str | None:
    """The entity's Q-id, or None (noted) for a missing entity or a non-item."""
    if not isinstance(entity, Mapping) or "missing" in entity:
        report.notes.append(f"entity {key!r} is missing or empty in the file: skipped")
        return None
    qid = entity.get("id") or key
    if not _QID_RE.match(str(qid)):
        report.notes.append(f"entity {qid!r} is not an item (Q-id): skipped")
        return None
    return str(qid)


def _entity_country(claims: Mapping[str, Any], unmapped: Counter[str]) -> str | None:
    """ISO code of the first mapped P17 country (unmapped country items counted)."""
    for c in _best_claims(claims, "P17"):
        cq = _entity_value_id(c["mainsnak"])
        if cq in COUNTRY_OF_ITEM:
            return COUNTRY_OF_ITEM[cq]
        if cq:
            unmapped[cq] += 1
    return None


def _entity_coord(claims: Mapping[str, Any]) -> tuple[float, float] | None:
    """``(lat, lon)`` of the first P625 value on Earth."""
    for c in _best_claims(claims, "P625"):
        v = (c["mainsnak"].get("datavalue") or {}).get("value") or {}
        globe = v.get("globe", _EARTH)
        if globe == _EARTH and v.get("latitude") is not None and v.get("longitude") is not None:
            return float(v["latitude"]), float(v["longitude"])
    return None


def _add_entity(
    b: _Builder,
    qid: str,
    entity: Mapping[str, Any],
    unmapped: Counter[str],
    *,
    keep_deprecated: bool,
) -> None:
    """One entity's node facts and its P190 claims."""
    claims = entity.get("claims") or entity.get("statements") or {}
    country = _entity_country(claims, unmapped)
    coord = _entity_coord(claims)
    types = [t for c in _best_claims(claims, "P31") if (t := _entity_value_id(c["mainsnak"]))]
    b.node(qid, label=_entity_label(entity), coord=coord, country=country, types=types)
    for claim in claims.get("P190", []):
        b.report.rows_read += 1
        _add_claim(b, qid, claim, b.report.rows_read, keep_deprecated=keep_deprecated)


def _add_claim(
    b: _Builder, qid: str, claim: Mapping[str, Any], row: int, *, keep_deprecated: bool
) -> None:
    """One P190 claim: a statement, or a rejected row with its reason."""
    snak = claim.get("mainsnak") or {}
    partner = _entity_value_id(snak)
    claim_id = claim.get("id")
    if partner is None:
        b.report.reject(
            row,
            f"P190 claim of {qid} has no item value (snaktype {snak.get('snaktype')!r})",
            item=qid,
            statement=claim_id,
        )
        return
    if partner == qid:
        b.report.reject(row, f"self-link: {qid} -> {partner}", item=qid, statement=claim_id)
        return
    rank = claim.get("rank")
    if rank == _DEPRECATED and not keep_deprecated:
        b.report.reject(
            row,
            f"deprecated rank: {qid} -> {partner} (pass keep_deprecated=True to keep)",
            item=qid,
            statement=claim_id,
        )
        return
    key_ = ("s", claim_id) if claim_id else ("n", row)
    b.statement(
        key_,
        qid,
        partner,
        statement_id=claim_id,
        rank=rank,
        starts=_qualifier_times(claim, "P580"),
        ends=_qualifier_times(claim, "P582"),
    )
    b.node(partner)
