"""Statements and node facts -> contract graph and notes (shared by every Wikidata reader)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from ..io._attrs import set_merged
from ..model import LoadReport, add_tables, new_graph, table_from_records
from ._values import _DEPRECATED, _level, _parse_point, _parse_time, _Tally


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
                self.tally.add(
                    f"coordinate values not on Earth or unreadable, ignored ({point})",
                    f"{qid} {coord!r}",
                )
        if country:
            code = country.strip().upper()
            if re.fullmatch(r"[A-Z]{2}", code):
                self.countries[qid].add(code)
            else:
                self.tally.add(
                    "country codes that are not ISO alpha-2, ignored", f"{qid} {country!r}"
                )
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
                "item": item,
                "partner": partner,
                "rank": rank,
                "id": statement_id,
                "starts": set(),
                "ends": set(),
                "rows": 0,
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
        self.tally.add(
            f"{what} dates giving no plausible year ({problem}): year read as None",
            f"{where} {raw!r}",
        )
        return None, raw

    def _edge(self, st: dict[str, Any], keep_deprecated: bool) -> dict[str, Any]:
        """The edge record of one statement (dates picked, an end before the start dropped)."""
        u, v = st["item"], st["partner"]
        where = f"{u} -> {v}"
        year, start_date = self._pick_date(st["starts"], "start", where)
        end_year, end_date = self._pick_date(st["ends"], "end", where)
        if year is not None and end_year is not None and end_year < year:
            self.tally.add(
                "statements ending before they start: end_year read as None",
                f"{where} {year}-{end_year}",
            )
            end_year = None
        return {
            "source": u,
            "target": v,
            "year": year,
            "end_year": end_year,
            "phase": None,
            "phase_source": None,
            "kind": "unspecified",
            "dataset": self.dataset,
            "start_date": start_date,
            "end_date": end_date,
            "statement": st["id"] or None,
            "rank": _DEPRECATED if st["rank"] == _DEPRECATED and keep_deprecated else None,
        }

    def build(
        self, *, retrieved: str | None, keep_deprecated: bool, **graph_extra: Any
    ) -> nx.MultiDiGraph:
        """The contract graph of everything collected (through the model's constructor)."""
        G = new_graph(dataset=self.dataset, retrieved=retrieved, **graph_extra)
        links = [self._edge(st, keep_deprecated) for st in self.statements.values()]
        n_rows = sum(st["rows"] for st in self.statements.values())
        set_merged(self.report, n_rows - len(self.statements))
        if n_rows > len(self.statements):
            self.report.notes.append(
                f"{n_rows} statement rows collapsed into {len(self.statements)} statements "
                "(several coordinates, countries, dates or labels per statement)"
            )
        pair_count = Counter((e["source"], e["target"]) for e in links)
        parallel = sum(1 for c in pair_count.values() if c > 1)
        if parallel:
            self.report.notes.append(
                f"{parallel} ordered pairs carry several statements (kept as parallel edges)"
            )
        cities = [self._node_attrs(qid) for qid in self.nodes_seen]
        add_tables(
            G,
            table_from_records(links),
            table_from_records(cities, index=list(self.nodes_seen)),
            default_level="municipality",
        )
        self.report.links_kept = len(links)
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
            self.tally.add(
                "items with several countries (first in sorted order used)",
                f"{qid} {'/'.join(countries)}",
            )
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
