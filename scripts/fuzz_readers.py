r"""Seeded fuzz run over every reader: generated and mutated inputs, outcomes counted.

Each case is a seed input (written by the package's own writers, or a small hand-made
file in the reader's format) mutated by a seeded random step (byte flips, inserted
tokens such as huge numbers, control characters, BOMs, brackets, truncation, duplicated
or shuffled lines, a re-encoding). Every outcome is one of

- ``graph``: a graph came back; it is checked again with ``model.validate_graph`` and its
  report's counts (a failed check is counted as RAW);
- ``project``: a :class:`~paradiplo_net.errors.ParadiploError` (the expected refusal);
- ``RAW``: any other exception (a bug: must be 0).

Usage::

    python scripts/fuzz_readers.py [--cases 20000] [--seed 14] [--show 3]

It prints one row per reader and the first RAW tracebacks. Nothing is read from
../shared/data.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import paradiplo_net as pn
from paradiplo_net.errors import ParadiploError
from paradiplo_net.model import validate_graph

WD = "http://www.wikidata.org/entity/"

TOKENS = [
    b"1e20",
    b"-1",
    b"0",
    b"99999999999999999999",
    b"1959?",
    b"maybe",
    b"NaN",
    b"inf",
    b"\x00",
    b"\x01",
    b"\x0b",
    b"\r",
    b"\n",
    b"\t",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"\x81",
    b"[[[[[[[[",
    b"{",
    b"}",
    b"<",
    b">",
    b"&",
    b"&#1;",
    b'"',
    b"'",
    b",",
    b";",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"Q" + b"9" * 60,
    b"Point(1 2 3)",
    b"Point(x y)",
    b"1000",
    b"-1000",
    b"%",
    b"% sym",
    b"% 1 10000000 10000000",
    b"<graph>",
    b"</graph>",
    b'<key id="x" for="node" attr.name="y" attr.type="nope"/>',
    b"<default/>",
    b'<attribute id="9" title="key" type="string"/>',
    b"\\",
    b"\\u0000",
    b"#",
    b"####",
    b"\xc3",
    b"\xed\xa0\x80",
    b"Z" * 200,
]


def _toy_files(folder: Path) -> dict[str, bytes]:
    G = pn.datasets.load("toy")
    out = {}
    out["graphml"] = pn.io.write_graphml(G, folder / "t.graphml").read_bytes()
    out["gexf"] = pn.io.write_gexf(G, folder / "t.gexf").read_bytes()
    out["gexf_dyn"] = pn.io.write_gexf(G, folder / "d.gexf", dynamic=True).read_bytes()
    lp, cp = pn.io.write_links(G, folder / "t.csv")
    out["links_csv"] = lp.read_bytes()
    out["cities_csv"] = cp.read_bytes()
    return out


FOREIGN_GRAPHML = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="label" attr.type="string"/>
<key id="d1" for="edge" attr.name="year" attr.type="int"><default>0</default></key>
<key id="d2" for="edge" attr.name="weight" attr.type="double"/>
<key id="d3" for="node" attr.name="ok" attr.type="boolean"/>
<graph id="G" edgedefault="undirected">
<node id="a"><data key="d0">Alpha</data><data key="d3">true</data></node>
<node id="b"><data key="d0">Beta</data></node>
<edge id="e0" source="a" target="b"><data key="d1">1959</data><data key="d2">1.5</data></edge>
<edge id="e0" source="b" target="a"><data key="d1">1960</data></edge>
</graph></graphml>
"""

GEPHI_GEXF = b"""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
<graph defaultedgetype="directed" mode="static">
<attributes class="node"><attribute id="0" title="country" type="string"/></attributes>
<attributes class="edge"><attribute id="1" title="year" type="integer"/></attributes>
<nodes>
<node id="1" label="Coventry"><attvalues><attvalue for="0" value="GB"/></attvalues></node>
<node id="2" label="Dresden"/>
</nodes>
<edges>
<edge id="0" source="1" target="2" weight="2.0" label="twin">
<attvalues><attvalue for="1" value="1959"/></attvalues></edge>
<edge id="1" source="2" target="1"/>
</edges></graph></gexf>
"""


def _sparql_page() -> bytes:
    def uri(q: str) -> dict[str, str]:
        return {"type": "uri", "value": WD + q}

    def lit(v: str) -> dict[str, str]:
        return {"type": "literal", "value": v}

    rows = [
        {
            "item": uri("Q3955"),
            "partner": uri("Q2751"),
            "itemLabel": lit("Weimar"),
            "start": lit("1994-04-15T00:00:00Z"),
            "startPrecision": lit("11"),
            "partnerCoord": lit("Point(11.33 43.32)"),
            "itemCountryCode": lit("DE"),
            "statement": uri("statement/Q3955-ABC"),
            "itemTypes": lit("Q515"),
        },
        {"item": uri("Q2751"), "partner": uri("Q3955"), "end": lit("2001-01-01T00:00:00Z")},
        {"item": uri("Q2751"), "partner": {"type": "bnode", "value": "t1"}},
    ]
    vars_ = [
        "item",
        "partner",
        "itemLabel",
        "start",
        "startPrecision",
        "partnerCoord",
        "itemCountryCode",
        "statement",
        "itemTypes",
        "end",
    ]
    return json.dumps({"head": {"vars": vars_}, "results": {"bindings": rows}}).encode()


SPARQL_CSV = (
    "item,partner,itemLabel,start,partnerCoord\n"
    f"{WD}Q3955,{WD}Q2751,Weimar,1994-04-15T00:00:00Z,Point(11.33 43.32)\n"
    f"{WD}Q2751,{WD}Q3955,Siena,,\n"
).encode()
SPARQL_TSV = (
    "?item\t?partner\t?itemLabel\t?start\n"
    f'<{WD}Q3955>\t<{WD}Q2751>\t"Weimar"@de\t"1994-04-15T00:00:00Z"^^<http://x>\n'
    f'<{WD}Q2751>\t<{WD}Q3955>\t"Si\\"ena"@it\t\n'
).encode()
ENTITY_JSON = json.dumps(
    {
        "entities": {
            "Q3955": {
                "id": "Q3955",
                "labels": {"en": {"language": "en", "value": "Weimar"}},
                "claims": {
                    "P190": [
                        {
                            "rank": "normal",
                            "id": "Q3955$1",
                            "mainsnak": {
                                "snaktype": "value",
                                "datavalue": {
                                    "type": "wikibase-entityid",
                                    "value": {"id": "Q2751"},
                                },
                            },
                            "qualifiers": {
                                "P580": [
                                    {
                                        "snaktype": "value",
                                        "datavalue": {
                                            "value": {
                                                "time": "+1994-04-15T00:00:00Z",
                                                "precision": 11,
                                            }
                                        },
                                    }
                                ]
                            },
                        }
                    ],
                    "P625": [
                        {
                            "rank": "normal",
                            "mainsnak": {
                                "snaktype": "value",
                                "datavalue": {
                                    "value": {
                                        "latitude": 50.98,
                                        "longitude": 11.32,
                                        "globe": "http://www.wikidata.org/entity/Q2",
                                    }
                                },
                            },
                        }
                    ],
                },
            },
            "Q2751": {"id": "Q2751", "claims": {}},
        }
    }
).encode()
STATEMENTS = b"Q3955\tQ2751\nQ2751\tQ3955\nQ1\tQ2\nQ1\tQ2\n"
NAMES = b"Q3955\tWeimar\nQ2751\tSiena\n"
W12K_TRAIN = b"0\t5\t1\t1994\t####\n1\t5\t0\t1995\t2022\n0\t3\t1\t1990\t1991\n"
W12K_ENT = b"Q3955\t0\nQ2751\t1\n"
KONECT = b"% asym unweighted\n% 3 3 3\n1 2 1 800000000\n2 3\n3 1 1 1500000000\n"
LINKS = (
    "city,partner,since,country\nCoventry,Dresden,1959,GB\n"
    "Dresden,Coventry,?,DE\nM\u00fcnster,Orl\u00e9ans,1960,DE\n"
).encode()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random mutations of ``data``."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op in (1, 2):
            b[pos:pos] = rng.choice(TOKENS)
        elif op == 3:
            del b[pos:]
        elif op == 4:
            lines = bytes(b).split(b"\n")
            if lines:
                i = rng.randrange(len(lines))
                lines.insert(i, lines[i] * rng.randint(1, 3))
            b = bytearray(b"\n".join(lines))
        elif op == 5:
            lines = bytes(b).split(b"\n")
            rng.shuffle(lines)
            b = bytearray(b"\n".join(lines))
        elif op == 6:
            end = min(len(b), pos + rng.randint(1, 40))
            del b[pos:end]
        elif op == 7:
            with contextlib.suppress(UnicodeError, ValueError):
                b = bytearray(bytes(b).decode("utf-8").encode(rng.choice(["cp1252", "utf-16"])))
        else:
            b[pos:pos] = rng.choice(TOKENS) * rng.randint(50, 3000)
    return bytes(b)


def generated(rng: random.Random) -> bytes:
    """Random bytes, a random token soup or random JSON."""
    kind = rng.randrange(3)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if kind == 1:
        return b"".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 40)))
    vals: list[Any] = [
        None,
        1,
        "x",
        [],
        {},
        {"results": None},
        {"results": {"bindings": {}}},
        {"head": [], "results": {"bindings": [1, "a", None]}},
        {"entities": {"Q1": {"claims": []}}},
        {"entities": []},
    ]
    return json.dumps(rng.choice(vals)).encode()


def _write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p


def _load_dataset(folder: Path, files: dict[str, bytes]) -> Any:
    import paradiplo_net.datasets as ds
    from paradiplo_net.datasets import _registry

    d = folder / "core"
    d.mkdir(exist_ok=True)
    for name, data in files.items():
        _write(d, name, data)
    old = ds.DATA_DIR
    ds.DATA_DIR = folder  # type: ignore[attr-defined]
    _registry._load_bundled.cache_clear()
    try:
        return pn.datasets.load("core", verify=True)
    finally:
        ds.DATA_DIR = old  # type: ignore[attr-defined]
        _registry._load_bundled.cache_clear()


def readers(seeds: dict[str, bytes]) -> dict[str, tuple[list[bytes], Callable[..., Any]]]:
    """Reader name -> (seed inputs, function(folder, data) -> result)."""
    import hashlib

    def links(folder: Path, data: bytes) -> Any:
        return pn.io.read_links(
            io.BytesIO(data),
            source="city",
            target="partner",
            year="since",
            source_country="country",
            drop_invalid=True,
        )

    def tables(folder: Path, data: bytes) -> Any:
        a, _, b = data.partition(b"\x1e")  # links and cities, split on a record separator
        _write(folder, "x.cities.csv", b or seeds["cities_csv"])
        return pn.io.read_tables(_write(folder, "x.csv", a))

    def w12k(folder: Path, data: bytes) -> Any:
        a, _, b = data.partition(b"\x1e")
        d = folder / "w12k"
        d.mkdir(exist_ok=True)
        _write(d, "train.txt", a)
        _write(d, "entity2id.txt", b or W12K_ENT)
        return pn.wikidata.read_wikidata12k(d)

    def dataset(folder: Path, data: bytes) -> Any:
        a, _, b = data.partition(b"\x1e")
        c = b or seeds["cities_csv"]
        sums = (
            f"{hashlib.sha256(a).hexdigest()}  links.csv\n"
            f"{hashlib.sha256(c).hexdigest()}  cities.csv\n"
        ).encode()
        files = {"links.csv": a, "cities.csv": c, "CHECKSUMS": sums}
        if a.startswith(b"!"):  # a mutated CHECKSUMS instead
            files["CHECKSUMS"] = a
            files["links.csv"] = seeds["links_csv"]
        if a.startswith(b"?"):
            del files["links.csv"]
        return _load_dataset(folder, files)

    return {
        "read_graphml": (
            [seeds["graphml"], FOREIGN_GRAPHML],
            lambda f, d: pn.io.read_graphml(_write(f, "x.graphml", d)),
        ),
        "read_gexf": (
            [seeds["gexf"], seeds["gexf_dyn"], GEPHI_GEXF],
            lambda f, d: pn.io.read_gexf(_write(f, "x.gexf", d)),
        ),
        "read_sparql_json": (
            [_sparql_page()],
            lambda f, d: pn.wikidata.read_sparql_json(_write(f, "x.json", d)),
        ),
        "read_sparql_csv": (
            [SPARQL_CSV],
            lambda f, d: pn.wikidata.read_sparql_json(_write(f, "x.csv", d)),
        ),
        "read_sparql_tsv": (
            [SPARQL_TSV],
            lambda f, d: pn.wikidata.read_sparql_json(_write(f, "x.tsv", d)),
        ),
        "read_entity_json": (
            [ENTITY_JSON],
            lambda f, d: pn.wikidata.read_entity_json(_write(f, "x.json", d)),
        ),
        "read_statements_tsv": (
            [STATEMENTS, STATEMENTS + b"\x1e" + NAMES],
            lambda f, d: pn.wikidata.read_statements_tsv(
                _write(f, "s.tsv", d.partition(b"\x1e")[0]),
                _write(f, "n.tsv", d.partition(b"\x1e")[2]) if b"\x1e" in d else None,
            ),
        ),
        "read_wikidata12k": ([W12K_TRAIN, W12K_TRAIN + b"\x1e" + W12K_ENT], w12k),
        "read_konect": (
            [KONECT],
            lambda f, d: pn.io.read_konect(_write(f, "out.x", d), drop_invalid=True),
        ),
        "read_links": ([LINKS, seeds["links_csv"]], links),
        "read_tables": (
            [seeds["links_csv"], seeds["links_csv"] + b"\x1e" + seeds["cities_csv"]],
            tables,
        ),
        "datasets.load": ([seeds["links_csv"], b"!" + seeds["links_csv"], b"?"], dataset),
    }


def check_result(res: Any) -> None:
    """Raise AssertionError unless ``res`` is a valid graph whose report's counts add up."""
    G, report = res if isinstance(res, tuple) else (res, None)
    validate_graph(G, min_year=0, max_year=10_000)
    if report is not None:
        merged = int(getattr(report, "merged", 0))
        total = report.links_kept + report.n_rejected + merged
        assert report.rows_read == total, (
            f"report counts: rows_read {report.rows_read} != kept {report.links_kept} + "
            f"rejected {report.n_rejected} + merged {merged}"
        )


def run(n_cases: int, seed: int, show: int, time_limit: float) -> int:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = readers(_toy_files(folder))
        stats: dict[str, Counter[str]] = {name: Counter() for name in table}
        raws: list[tuple[str, bytes, str]] = []
        slowest: dict[str, float] = Counter()
        guards: dict[str, Counter[str]] = {name: Counter() for name in table}
        per_reader = max(1, n_cases // len(table))
        for name, (seeds, fn) in table.items():
            for _ in range(per_reader):
                data = mutate(rng.choice(seeds), rng) if rng.random() < 0.85 else generated(rng)
                case_dir = Path(tempfile.mkdtemp(dir=folder))
                t1 = time.perf_counter()
                try:
                    res = fn(case_dir, data)
                    outcome = "graph"
                    try:
                        check_result(res)
                    except Exception as err:
                        outcome = "RAW"
                        raws.append((name, data, f"returned a bad graph: {err!r}"))
                except ParadiploError as err:
                    cause = err.__cause__
                    guarded = cause is not None and not isinstance(cause, ParadiploError)
                    outcome = "guarded" if guarded else "project"
                    if guarded:
                        guards[name][f"{type(cause).__name__}: {str(cause)[:70]}"] += 1
                except RecursionError as err:
                    outcome = "RAW"
                    raws.append((name, data, repr(err)))
                except Exception:
                    outcome = "RAW"
                    raws.append((name, data, traceback.format_exc(limit=-4)))
                dt = time.perf_counter() - t1
                slowest[name] = max(slowest[name], dt)
                stats[name]["cases"] += 1
                stats[name][outcome] += 1
                if time.perf_counter() - t0 > time_limit:
                    break
    head = f"{'reader':<22}{'cases':>8}{'checked':>9}{'guarded':>9}{'graphs':>8}{'RAW':>6}"
    print(head + f"{'slowest s':>11}")
    for name, c in stats.items():
        print(
            f"{name:<22}{c['cases']:>8}{c['project']:>9}{c['guarded']:>9}{c['graph']:>8}"
            f"{c['RAW']:>6}{slowest[name]:>11.2f}"
        )
    total = sum(stats.values(), Counter())
    print(
        f"{'total':<22}{total['cases']:>8}{total['project']:>9}{total['guarded']:>9}"
        f"{total['graph']:>8}{total['RAW']:>6}   ({time.perf_counter() - t0:.0f} s, seed {seed})"
    )
    print(
        "\nchecked: a project error from a reader's own check; guarded: a project error from "
        "the readers' backstop (io._guard), cause below; RAW: anything else (must be 0)"
    )
    for name, g in guards.items():
        for cause, n in g.most_common(show):
            print(f"  guarded {name}: {n} x {cause}")
    seen: set[str] = set()
    for name, data, tb in raws:
        key = name + tb.strip().splitlines()[-1][:80]
        if key in seen or len(seen) >= show:
            continue
        seen.add(key)
        print(f"\n--- RAW in {name} (input {data[:120]!r}...)\n{tb}")
    return total["RAW"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--show", type=int, default=3, help="distinct RAW tracebacks to print")
    ap.add_argument("--time-limit", type=float, default=280.0, help="seconds")
    args = ap.parse_args()
    raw = run(args.cases, args.seed, args.show, args.time_limit)
    sys.exit(1 if raw else 0)


if __name__ == "__main__":
    main()
