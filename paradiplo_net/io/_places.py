"""Country text to ISO codes and offline place resolution for read_links."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .._checks import is_missing
from ..model import LoadReport
from ._common import _geo, _shorten


def _country_lookup(
    texts: Iterable[str | None], country_map: Mapping[str, str | None] | None, notes: list[str]
) -> dict[str, str | None]:
    """Map each distinct country text to an ISO alpha-2 code or None (noted)."""
    counts = Counter(t for t in texts if t is not None)
    if not counts:
        return {}
    cmap = {str(k).strip(): v for k, v in (country_map or {}).items()}
    out: dict[str, str | None] = {}
    rest = []
    for t in counts:
        if t in cmap:
            v = cmap[t]
            out[t] = v.upper() if isinstance(v, str) else None
        else:
            rest.append(t)
    if rest:
        found = _geo().country_codes(rest)
        for t, code in zip(rest, found.tolist(), strict=True):
            out[t] = code if isinstance(code, str) and code else None
    unknown = [t for t in counts if out.get(t) is None]
    if unknown:
        rows = sum(counts[t] for t in unknown)
        notes.append(
            f"country: {len(unknown)} country text(s) not recognised ({rows} city mention(s)); "
            "those cities keep country None: "
            + _shorten(
                [f"{t!r} x{counts[t]}" for t in sorted(unknown, key=lambda t: -counts[t])], 10
            )
            + " (pass country_map={...} to map them)"
        )
    return out


def _resolve_places(
    names: dict[str, list[str | None]],
    country: dict[str, list[str | None]],
    keep: list[bool],
    *,
    report: LoadReport,
    notes: list[str],
    progress: bool,
) -> dict[tuple[str, str | None], dict[str, Any]]:
    counts: Counter[tuple[str, str | None]] = Counter()
    for side in ("source", "target"):
        for nm, cc, k in zip(names[side], country[side], keep, strict=True):
            if k and nm is not None:
                counts[(nm, cc)] += 1
    places = list(counts)
    if not places:
        report.unresolved = pd.DataFrame(columns=["name", "country", "status", "rows"])
        return {}
    table = _geo().resolve([p[0] for p in places], [p[1] for p in places], progress=progress)
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    status_counts: Counter[str] = Counter()
    unresolved = []
    for (nm, cc), rec in zip(places, table.to_dict("records"), strict=True):
        status = str(rec.get("status"))
        status_counts[status] += 1
        if status == "resolved" and not is_missing(rec.get("geonames")):
            lat, lon = rec.get("lat"), rec.get("lon")
            out[(nm, cc)] = {
                "geonames": int(rec["geonames"]),
                "lat": None if is_missing(lat) else float(lat),
                "lon": None if is_missing(lon) else float(lon),
            }
        else:
            unresolved.append(
                {"name": nm, "country": cc, "status": status, "rows": counts[(nm, cc)]}
            )
    report.unresolved = pd.DataFrame(unresolved, columns=["name", "country", "status", "rows"])
    notes.append(
        f"resolve: {len(places)} distinct place(s): "
        + ", ".join(f"{s} {c}" for s, c in status_counts.most_common())
        + (
            "; unresolved ones keep their name|country id and no coordinates "
            "(see report.unresolved): " + _shorten([_describe_unresolved(u) for u in unresolved])
            if unresolved
            else ""
        )
    )
    return out


def _describe_unresolved(u: dict[str, Any]) -> str:
    return f"{u['name']} ({u['country'] or '??'}): {u['status']}"
