"""Draw the hand-check sample of cross-source place matches of the world graph, and score it.

``draw``: builds the world graph (scripts/build_world.py, reading ../shared/data at run time)
and draws, with a fixed seed, cross-source matches: two source nodes of different datasets
that :func:`paradiplo_net.merge.merge` made one place. Two strata: ``any`` (a merged place
with >= 2 datasets drawn at random, then two of its nodes from different datasets) and
``differ`` (the same, among pairs whose folded names differ: exonyms, languages, affixes,
the hard cases). The rows are written with empty ``verdict`` and ``reason`` columns, which a
person fills in (``correct`` / ``wrong``) after checking each row.

``recall``: lists Baltic-dyad places (ASCII names from English Wikipedia, 2013) that were
*not* matched to any node of the Wikipedia lists, with the list's names in the same country
sharing the first four letters, for a person to judge which should have matched.

``score``: precision of the hand-checked file, by stratum.

Usage::

    python scripts/merge_precision_sample.py draw --out /tmp/sample.csv
    python scripts/merge_precision_sample.py recall
    python scripts/merge_precision_sample.py score tests/data/merge_precision_sample.csv
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_world import ROOT, build

from paradiplo_net.geo import _fold

SEED = 20261206
COLUMNS = ["stratum", "merged", "dataset_a", "node_a", "name_a", "country_a", "method_a",
           "dataset_b", "node_b", "name_b", "country_b", "method_b", "verdict", "reason"]


def _pairs(places: pd.DataFrame, rng: random.Random, n: int, differ: bool) -> list[dict]:
    groups = {m: g for m, g in places.groupby("merged") if g["dataset"].nunique() > 1}
    keys = sorted(groups)
    rng.shuffle(keys)
    out = []
    for m in keys:
        g = groups[m].sample(frac=1, random_state=rng.randrange(2**31))
        rows = list(g.itertuples(index=False))
        pick = next(((a, b) for i, a in enumerate(rows) for b in rows[i + 1:]
                     if a.dataset != b.dataset
                     and (not differ or _fold(a.name or "") != _fold(b.name or ""))), None)
        if pick is None:
            continue
        a, b = pick
        out.append({"stratum": "differ" if differ else "any", "merged": m,
                    "dataset_a": a.dataset, "node_a": a.node, "name_a": a.name,
                    "country_a": a.country, "method_a": a.method or a.status,
                    "dataset_b": b.dataset, "node_b": b.node, "name_b": b.name,
                    "country_b": b.country, "method_b": b.method or b.status,
                    "verdict": "", "reason": ""})
        if len(out) == n:
            break
    return out


def draw(out: Path, shared: Path, n_any: int, n_differ: int, seed: int = SEED) -> None:
    res, *_ = build(shared)
    rng = random.Random(seed)
    rows = _pairs(res.places, rng, n_any, False) + _pairs(res.places, rng, n_differ, True)
    pd.DataFrame(rows, columns=COLUMNS).to_csv(out, index=False)
    print(f"wrote {len(rows)} rows to {out}")


def recall(shared: Path, n: int) -> None:
    res, *_ = build(shared)
    p = res.places
    wiki = p[p["dataset"] == "wikipedia-hekman"]
    wiki_places = set(wiki["merged"])
    baltic = p[p["dataset"] == "baltic-bsr-nickel"]
    hit = baltic["merged"].isin(wiki_places)
    print(f"baltic nodes {len(baltic)}; matched to a Wikipedia-list node {hit.sum()}")
    missed = baltic[~hit].sample(n=min(n, (~hit).sum()), random_state=SEED)
    for row in missed.itertuples(index=False):
        key = _fold(row.name or "")[:4]
        prefix = wiki["name"].fillna("").map(_fold).str[:4] == key
        cands = sorted({str(x) for x in wiki.loc[(wiki["country"] == row.country) & prefix,
                                                  "name"]})
        print(f"{row.name!r} ({row.country}, {row.status}) -> {cands[:8]}")


def differ_share(places: pd.DataFrame) -> float:
    """Share of the merged places (of two or more datasets) whose records' names differ."""
    groups = [g for _m, g in places.groupby("merged") if g["dataset"].nunique() > 1]
    differ = sum(len({_fold(x or "") for x in g["name"]}) > 1 for g in groups)
    return differ / len(groups)


def weighted_precision(sample: pd.DataFrame, share_differ: float) -> float:
    """Precision of the merge's matches in the population, from the stratified sample.

    The sample over-represents matches whose names differ (the ``differ`` stratum: half the
    rows, against ``share_differ`` of the merged places). Precision is estimated separately
    for matches with the same folded names and with different ones (every sampled row of
    each kind, both strata), then weighted by their shares; ``unsure`` counts as not correct.
    """
    differ = pd.Series([_fold(a) != _fold(b) for a, b in zip(sample["name_a"],
                        sample["name_b"], strict=True)], index=sample.index)
    ok = sample["verdict"] == "correct"
    return (1 - share_differ) * ok[~differ].mean() + share_differ * ok[differ].mean()


def score(path: Path, shared: Path | None) -> None:
    """Precision of the hand-checked file; with the data, also of today's merge on it."""
    s = pd.read_csv(path, keep_default_na=False)
    for stratum, g in [("all", s), *s.groupby("stratum")]:
        ok = (g["verdict"] == "correct").sum()
        print(f"as drawn, {stratum}: {ok}/{len(g)} correct = {ok / len(g):.1%}")
    if shared is None or not shared.is_dir():
        return
    res, *_ = build(shared)
    where = res.places.set_index(["dataset", "node"])["merged"]
    same = pd.Series([where[(r.dataset_a, r.node_a)] == where[(r.dataset_b, r.node_b)]
                      for r in s.itertuples()], index=s.index)
    m = s[same]
    ok = (m["verdict"] == "correct").sum()
    print(f"current merge: {same.sum()} of {len(s)} sampled matches still made; "
          f"precision {ok}/{len(m)} = {ok / len(m):.1%}; "
          f"verdicts of the rows it no longer makes: {s.loc[~same, 'verdict'].tolist()}")
    share = differ_share(res.places)
    print(f"matches with different names: {share:.1%} of the merged places; precision "
          f"weighted by it (the population's): {weighted_precision(m, share):.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["draw", "recall", "score"])
    ap.add_argument("path", nargs="?", type=Path)
    ap.add_argument("--out", type=Path, default=Path("merge_precision_sample.csv"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n-any", type=int, default=110)
    ap.add_argument("--n-differ", type=int, default=110)
    ap.add_argument("--seed", type=int, default=SEED,
                    help=f"seed of the draw (default {SEED}; the second sample used 2026120617)")
    ap.add_argument("--n-recall", type=int, default=60)
    args = ap.parse_args()
    if args.action == "draw":
        draw(args.out, args.shared, args.n_any, args.n_differ, args.seed)
    elif args.action == "recall":
        recall(args.shared, args.n_recall)
    else:
        score(args.path, args.shared)


if __name__ == "__main__":
    main()
