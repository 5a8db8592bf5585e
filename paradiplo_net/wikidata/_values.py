"""Parsers of Wikidata values (ids, times, points, ranks), level/country tables, tallies."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import DatasetError
from ..io._text import read_text
from ..model import MIN_YEAR

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

#: Wikidata P31 (instance of) classes mapped to a contract ``level``; the table is small on
#: purpose (unknown classes give ``"municipality"`` and are counted).
LEVEL_OF_TYPE: dict[str, str] = {
    # municipality: cities, towns, villages and national municipality classes
    "Q515": "municipality",
    "Q1549591": "municipality",
    "Q3957": "municipality",
    "Q532": "municipality",
    "Q15284": "municipality",
    "Q200250": "municipality",
    "Q1637706": "municipality",
    "Q5119": "municipality",
    "Q7930989": "municipality",
    "Q486972": "municipality",
    "Q484170": "municipality",
    "Q747074": "municipality",
    "Q2039348": "municipality",
    "Q42744322": "municipality",
    "Q262166": "municipality",
    "Q22865": "municipality",
    "Q1093829": "municipality",
    "Q2074737": "municipality",
    "Q493522": "municipality",
    "Q70208": "municipality",
    "Q667509": "municipality",
    "Q127448": "municipality",
    "Q755707": "municipality",
    "Q494721": "municipality",
    # district
    "Q149621": "district",
    "Q106658": "district",
    # county
    "Q28575": "county",
    "Q47168": "county",
    "Q180673": "county",
    # province and prefecture
    "Q34876": "province",
    "Q50337": "prefecture",
    # state
    "Q107390": "state",
    "Q35657": "state",
    "Q1221156": "state",
    # region
    "Q82794": "region",
    "Q36784": "region",
    "Q16110": "region",
}
_LEVEL_ORDER = ("municipality", "district", "county", "prefecture", "province", "state", "region")

#: Country items (P17 values in entity JSON) mapped to ISO 3166-1 alpha-2; other countries are
#: left None and counted.
COUNTRY_OF_ITEM: dict[str, str] = {
    "Q183": "DE",
    "Q142": "FR",
    "Q145": "GB",
    "Q30": "US",
    "Q38": "IT",
    "Q29": "ES",
    "Q36": "PL",
    "Q159": "RU",
    "Q148": "CN",
    "Q17": "JP",
    "Q55": "NL",
    "Q31": "BE",
    "Q40": "AT",
    "Q39": "CH",
    "Q213": "CZ",
    "Q28": "HU",
    "Q218": "RO",
    "Q212": "UA",
    "Q184": "BY",
    "Q191": "EE",
    "Q211": "LV",
    "Q37": "LT",
    "Q34": "SE",
    "Q20": "NO",
    "Q35": "DK",
    "Q33": "FI",
    "Q27": "IE",
    "Q45": "PT",
    "Q41": "GR",
    "Q43": "TR",
    "Q16": "CA",
    "Q96": "MX",
    "Q155": "BR",
    "Q414": "AR",
    "Q408": "AU",
    "Q664": "NZ",
    "Q668": "IN",
    "Q884": "KR",
    "Q865": "TW",
    "Q252": "ID",
    "Q928": "PH",
    "Q881": "VN",
    "Q869": "TH",
    "Q833": "MY",
    "Q334": "SG",
    "Q258": "ZA",
    "Q79": "EG",
    "Q1028": "MA",
    "Q115": "ET",
    "Q1033": "NG",
    "Q114": "KE",
    "Q794": "IR",
    "Q796": "IQ",
    "Q801": "IL",
    "Q214": "SK",
    "Q215": "SI",
    "Q224": "HR",
    "Q403": "RS",
    "Q225": "BA",
    "Q221": "MK",
    "Q222": "AL",
    "Q219": "BG",
    "Q217": "MD",
    "Q230": "GE",
    "Q399": "AM",
    "Q227": "AZ",
    "Q32": "LU",
    "Q233": "MT",
    "Q229": "CY",
    "Q189": "IS",
    "Q236": "ME",
    "Q298": "CL",
    "Q739": "CO",
    "Q419": "PE",
    "Q717": "VE",
    "Q241": "CU",
    "Q232": "KZ",
    "Q265": "UZ",
    "Q843": "PK",
    "Q902": "BD",
    "Q711": "MN",
    "Q948": "TN",
    "Q262": "DZ",
    "Q851": "SA",
    "Q878": "AE",
    "Q810": "JO",
    "Q822": "LB",
    "Q858": "SY",
    "Q347": "LI",
    "Q235": "MC",
    "Q238": "SM",
    "Q228": "AD",
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
            value = value[len(prefix) :]
            break
    return value if _QID_RE.match(value) else None


def _statement_id(value: str) -> str:
    """``wds:Q3955-abc`` / statement URI -> ``Q3955$abc`` (the entity JSON form)."""
    value = value.strip()
    if value.startswith(_STATEMENT_URI):
        value = value[len(_STATEMENT_URI) :]
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
    """Return ``(text, name)`` of a path or text buffer, read with the io text opener.

    A path is read as UTF-8 (a byte-order mark dropped) with universal newlines; a binary
    buffer as UTF-8.
    """
    if hasattr(source, "read"):
        return read_text(source, encoding="utf-8"), getattr(source, "name", "<buffer>")
    path = Path(source)
    if not path.is_file():
        raise DatasetError(f"file {str(path)!r} not found; pass the path of an existing file")
    text = read_text(path, encoding="utf-8-sig", label=str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n"), str(path)


def _rank_name(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    low = value.lower()
    for name in ("deprecated", "preferred", "normal"):
        if name in low:
            return name
    return None
