"""Places kept apart: name-based ids split where the input distinguishes homonymous places.

A row without an id column gets the id ``name|CC``, which merges every place of that name in
that country (the German list has two Münsters and three Neunkirchens). When the caller
names columns that tell places apart (a postcode, an admin code, a GeoNames id,
coordinates), a ``name|CC`` id whose rows carry more than one distinct value becomes
``name|CC|<value>`` for each value, over both sides of the table (coordinates within
:data:`SAME_PLACE_KM` of each other are one place, labelled by the first one seen, rounded
to 3 decimals); a link between two
homonymous towns (Ennery -> Ennery) then joins two nodes and is kept.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..errors import SchemaError, format_problems
from ..model import make_city_id
from ._common import _shorten, _text

SIDES = ("source", "target")


def key_columns(value: str | Sequence[str] | None) -> list[str]:
    """The distinguishing columns given as one name or a sequence of names."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _distinguisher(cells: list[Any]) -> str | None:
    parts = [_text(c) for c in cells]
    if any(p is None for p in parts):
        return None
    return ",".join(str(p).replace("|", "/") for p in parts)


def split_homonyms(
    rows: Any, parsed: Any, given: dict[str, str | Sequence[str] | None], label: str
) -> None:
    """Give homonymous places their own ids (``name|CC|<key>``) and note it in ``rows.notes``.

    ``rows`` and ``parsed`` are read_links' row set and parsed places, ``given`` the key
    column(s) of each side (None: none); rows whose id column is filled keep their id. Rows
    of a split name that lack the key keep ``name|CC`` (noted).
    """
    keys = {side: key_columns(cols) for side, cols in given.items()}
    if not any(keys.values()):
        return
    missing = [c for cols in keys.values() for c in cols if c not in rows.frame.columns]
    if missing:
        raise SchemaError(
            format_problems(
                label,
                [f"key column {c!r} not in the table" for c in missing],
                fix=f"source_key/target_key name columns of the table: {list(rows.frame.columns)}",
            )
        )
    groups: dict[str, dict[str | None, list[tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for side in SIDES:
        if not keys.get(side):
            continue
        id_col = rows.cols.side(side)[2]
        filled = rows.column(id_col)
        cells = [rows.column(c) for c in keys[side]]
        for i in range(rows.n):
            name = parsed.names[side][i]
            if name is None or (id_col is not None and _text(filled[i]) is not None):
                continue
            base = make_city_id(name, parsed.country[side][i])
            groups[base][_distinguisher([c[i] for c in cells])].append((side, i))
    _apply(rows, parsed, groups)


#: Coordinates closer than this (km) are one place (sources round them differently).
SAME_PLACE_KM = 5.0


def _point(key: str) -> tuple[float, float] | None:
    parts = key.split(",")
    try:
        lat, lon = (float(p) for p in parts) if len(parts) == 2 else (None, None)
    except ValueError:
        return None
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance in km (ample for telling towns apart at a few km)."""
    mean_lat = math.radians((a[0] + b[0]) / 2)
    dx = math.radians(b[1] - a[1]) * math.cos(mean_lat)
    dy = math.radians(b[0] - a[0])
    return 6371.0 * math.hypot(dx, dy)


def _clusters(keys: list[str]) -> dict[str, str]:
    """Key value -> label of its place: exact values, or coordinates within SAME_PLACE_KM."""
    points = {k: _point(k) for k in keys}
    if any(p is None for p in points.values()):
        return {k: k for k in keys}
    centres: list[tuple[tuple[float, float], str]] = []
    out = {}
    for k in keys:  # input order: the first value seen labels its place
        p = points[k]
        assert p is not None
        near = next((lab for c, lab in centres if _km(c, p) <= SAME_PLACE_KM), None)
        if near is None:
            near = f"{p[0]:.3f},{p[1]:.3f}"
            centres.append((p, near))
        out[k] = near
    return out


def _apply(
    rows: Any, parsed: Any, groups: dict[str, dict[str | None, list[tuple[str, int]]]]
) -> None:
    split, n_rows, unkeyed = [], 0, []
    for base, by_key in groups.items():
        place = _clusters([k for k in by_key if k is not None])
        if len(set(place.values())) < 2:
            continue
        split.append(f"{base} x{len(set(place.values()))}")
        for k, lab in place.items():
            for side, i in by_key[k]:
                parsed.ids[side][i] = f"{base}|{lab}"
                n_rows += 1
        unkeyed += [i + 1 for _, i in by_key.get(None, [])]
    if split:
        rows.notes.append(
            f"ids: {len(split)} name(s) shared by places the key columns tell apart, kept "
            f"apart as 'name|CC|<key>' ({n_rows} row sides): {_shorten(split)}"
        )
    if unkeyed:
        rows.notes.append(
            f"ids: {len(unkeyed)} row side(s) of such names have no key value and keep the "
            f"shared 'name|CC' id (rows {_shorten(sorted(set(unkeyed)))})"
        )
