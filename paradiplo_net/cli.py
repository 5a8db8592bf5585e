"""The ``paradiplo-net`` command line: a thin layer over datasets, io, wikidata and figures.

Every subcommand has ``--help``. Datasets are named (``core``, ``toy``) or given as a file:
a links CSV written by :func:`paradiplo_net.io.write_links` (with its ``.cities.csv``
sibling), a GraphML or GEXF file, or ``wikidata`` for the cached live fetch.

Examples
--------
>>> main(["datasets"])  # doctest: +ELLIPSIS
core  ...
toy   ...
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import __version__

__all__ = ["build_parser", "load_dataset", "main"]


def load_dataset(spec: str, *, columns: dict[str, str] | None = None):
    """Load a dataset named on the command line; returns the graph.

    ``spec`` is a registered name (``core``, ``toy``), ``wikidata`` (the cached live fetch),
    or a path to a ``.graphml``/``.gexf`` file or a ``.csv``/``.tsv`` links table. A table with a
    ``<stem>.cities.csv`` sibling (as written by :func:`paradiplo_net.io.write_links`) is read
    exactly; any other table goes through :func:`paradiplo_net.io.read_links` with ``columns``
    mapping its arguments (``source``, ``target``, ``source_country``, ``target_country``,
    ``year``, ``end_year``, ``phase``, ``kind``) to the table's column names; arguments not
    given default to columns of the same name when the table has them.

    Raises
    ------
    DatasetError
        For an unknown name or a missing file; the message lists the valid names.

    Examples
    --------
    >>> load_dataset("toy").number_of_edges()
    12
    """
    from . import datasets
    from .errors import DatasetError

    if spec in datasets.names():
        return datasets.load(spec)
    if spec == "wikidata":
        from . import wikidata

        G, _ = wikidata.fetch_p190(progress=False)
        return G
    path = Path(spec)
    if not path.exists():
        raise DatasetError(
            f"unknown dataset {spec!r}: not a registered name ({', '.join(datasets.names())}, "
            "wikidata) and no such file. Give a name or a path to a .csv, .graphml or .gexf file."
        )
    from . import io

    suffix = path.suffix.lower()
    readers = {".graphml": io.read_graphml, ".gexf": io.read_gexf}
    if suffix in (".csv", ".tsv", ".txt"):
        if (path.parent / f"{path.stem}.cities.csv").exists() and not columns:
            G, report = io.read_tables(path)
        else:
            G, report = io.read_links(path, **_column_mapping(path, columns or {}))
    elif suffix in readers:
        G, report = readers[suffix](path)
    else:
        raise DatasetError(f"cannot read {path}: expected .csv, .tsv, .graphml or .gexf")
    if report.n_rejected or report.notes:
        print(report, file=sys.stderr)
    return G


_MAPPABLE = (
    "source",
    "target",
    "source_country",
    "target_country",
    "year",
    "end_year",
    "phase",
    "kind",
)


def _column_mapping(path: Path, columns: dict[str, str]) -> dict[str, Any]:
    """read_links arguments: the user's mapping, else same-named columns of the table."""
    import pandas as pd

    from .errors import SchemaError

    unknown = sorted(set(columns) - set(_MAPPABLE))
    if unknown:
        raise SchemaError(
            f"--columns: unknown argument(s) {unknown}; valid: {', '.join(_MAPPABLE)}"
        )
    sep = "\t" if path.suffix.lower() == ".tsv" else None
    header = list(pd.read_csv(path, nrows=0, sep=sep, engine="python").columns)
    mapping = {a: a for a in _MAPPABLE if a in header}
    mapping.update(columns)
    missing = [a for a in ("source", "target") if a not in mapping]
    if missing:
        raise SchemaError(
            f"{path}: no column for {missing}; the table has columns {header}. Name them with "
            "--columns, e.g. --columns source=city target=partner year=since"
        )
    return mapping


def _cmd_datasets(args: argparse.Namespace) -> int:
    from . import datasets

    for name in datasets.names():
        print(f"{name:<5} {datasets.describe(name)}")
    return 0


#: --phase-rule choices -> phases.assign rules (None: only recorded phases are shown).
_PHASE_RULES = {
    "keywords": "keywords",
    "period": "period",
    "keywords+period": ("keywords", "period"),
    "recorded": None,
}


def _cmd_figures(args: argparse.Namespace) -> int:
    from . import figures

    G = load_dataset(args.dataset, columns=args.columns)
    manifest = figures.run(
        G,
        out=Path(args.out),
        figures=args.figures,
        lang=args.lang,
        formats=tuple(args.format),
        dpi=args.dpi,
        eras=args.eras,
        seed=args.seed,
        progress=not args.quiet,
        dataset=args.dataset,
        phase_rule=_PHASE_RULES[args.phase_rule],
    )
    print(
        f"wrote {len(manifest['files'])} files to {args.out} "
        f"(report: {Path(args.out) / 'report.html'})"
    )
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from . import stats

    G = load_dataset(args.dataset, columns=args.columns)
    table = stats.summary(G)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "summary.csv", index=False)
    row = table.iloc[0]
    notes = row.get("notes") or ""
    print(row.drop(labels=["notes"], errors="ignore").to_string())
    if notes:
        print(f"notes: {notes}")
    print(f"\nwrote {out / 'summary.csv'}")
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    from . import io, wikidata
    from .settings import settings

    G, report = wikidata.fetch_p190(
        refresh=args.refresh, max_pages=args.max_pages, progress=not args.quiet
    )
    print(report)
    out = Path(args.out)
    if out.suffix.lower() == ".gexf":
        io.write_gexf(G, out, dynamic=True)
    elif out.suffix.lower() == ".graphml":
        io.write_graphml(G, out)
    else:
        io.write_links(G, out)
    print(f"wrote {out}; raw responses cached in {settings.cache_dir / 'wikidata'}")
    return 0


def _convert_targets(out: Path) -> list[Path]:
    """Every file ``convert`` writes for ``out`` (a CSV also writes its cities table)."""
    if out.suffix.lower() == ".csv":
        return [out, out.with_name(f"{out.stem}.cities.csv")]
    return [out]


def _cmd_convert(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from . import io

    out = Path(args.output)
    suffix = out.suffix.lower()
    writers = {
        ".gexf": lambda G, p: io.write_gexf(G, p, dynamic=args.dynamic),
        ".graphml": io.write_graphml,
        ".csv": io.write_links,
    }
    if suffix not in writers:
        print(f"error: cannot write {out}: use .csv, .graphml or .gexf", file=sys.stderr)
        return 2
    existing = [p for p in _convert_targets(out) if p.exists()]
    if existing and not args.force:
        names = ", ".join(str(p) for p in existing)
        print(f"error: {names} already exist(s); add --force to overwrite", file=sys.stderr)
        return 2
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        print(f"error: cannot write {out}: folder {folder} does not exist", file=sys.stderr)
        return 2
    G = load_dataset(args.input, columns=args.columns)
    # write into a temporary folder beside the output, then move each file into place: an
    # interrupted or failed conversion (a full disk) leaves no truncated file behind
    tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".convert-"))
    try:
        writers[suffix](G, tmp / out.name)
        for produced in sorted(tmp.iterdir()):
            produced.replace(folder / produced.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"wrote {out} ({G.number_of_nodes()} cities, {G.number_of_edges()} links)")
    return 0


def _pair(text: str) -> tuple[str, str]:
    arg, sep, col = text.partition("=")
    if not sep or not arg or not col:
        raise argparse.ArgumentTypeError(f"expected ARG=COLUMN, got {text!r}")
    return arg, col


_DS_HELP = (
    "dataset: core, toy, wikidata (cached fetch) or a .csv/.graphml/.gexf path (default: core)"
)


def _col_help() -> str:
    return (
        "for a CSV of your own: ARG=COLUMN pairs naming its columns, ARG one of "
        + ", ".join(_MAPPABLE)
        + " (e.g. source=city target=partner year=since)"
    )


def _add_columns(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--columns", nargs="+", default=None, metavar="ARG=COLUMN", type=_pair, help=_col_help()
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation).

    Examples
    --------
    >>> build_parser().parse_args(["figures", "--lang", "id"]).lang
    'id'
    """
    p = argparse.ArgumentParser(
        prog="paradiplo-net",
        description="Network analysis of city twinning, sister cities and paradiplomacy.",
    )
    p.add_argument("--version", action="version", version=f"paradiplo_net {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    s = sub.add_parser(
        "datasets", help="list the bundled datasets", description="List the bundled datasets."
    )
    s.set_defaults(func=_cmd_datasets)
    _add_figures_parser(sub)
    _add_summary_parser(sub)
    _add_fetch_parser(sub)
    _add_convert_parser(sub)
    return p


def _add_figures_parser(sub: Any) -> None:
    from ._checks import LANGS

    s = sub.add_parser(
        "figures",
        help="regenerate every figure and the report (the main job)",
        description="Write every figure (PNG 300 dpi and SVG), the tables behind them, a report "
        "(Markdown and HTML) and a manifest to OUT. Runs offline on the bundled data.",
    )
    s.add_argument("--dataset", default="core", help=_DS_HELP)
    s.add_argument("--out", default="out", help="output folder (default: out)")
    _add_columns(s)
    s.add_argument(
        "--figures",
        nargs="+",
        default=None,
        metavar="NAME",
        help="only these figures (default: all)",
    )
    s.add_argument(
        "--lang",
        default="en",
        choices=LANGS,
        help="label language: en (English) or id (Indonesian)",
    )
    s.add_argument(
        "--format",
        nargs="+",
        default=["png", "svg"],
        choices=["png", "svg", "pdf"],
        help="file formats",
    )
    s.add_argument(
        "--dpi", type=int, default=300, help="resolution of raster figures (default 300)"
    )
    s.add_argument(
        "--eras",
        nargs="+",
        default=None,
        metavar="ERA",
        help="only these named eras (default: all)",
    )
    s.add_argument("--seed", type=int, default=0, help="seed of every random step (default 0)")
    s.add_argument(
        "--phase-rule",
        default="keywords",
        choices=list(_PHASE_RULES),
        help="how links without a recorded O'Toole phase are phased in the figures: by keywords "
        "in their sectors/kind/note (default), by period (a heuristic), both, or not at all "
        "(recorded)",
    )
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=_cmd_figures)


def _add_summary_parser(sub: Any) -> None:
    s = sub.add_parser(
        "summary",
        help="write the network summary table",
        description="Print and write the one-row network summary (stats.summary).",
    )
    s.add_argument("--dataset", default="core", help=_DS_HELP)
    s.add_argument("--out", default="out", help="output folder (default: out)")
    _add_columns(s)
    s.set_defaults(func=_cmd_summary)


def _add_fetch_parser(sub: Any) -> None:
    s = sub.add_parser(
        "fetch",
        help="fetch live data (Wikidata P190), cached on disk",
        description="Fetch every Wikidata P190 (twinned administrative body) statement with its "
        "start and end time, page by page, with retries and an on-disk cache.",
    )
    s.add_argument("source", choices=["wikidata"], help="what to fetch")
    s.add_argument(
        "--out",
        default="wikidata_p190.csv",
        help="output .csv (links + .cities.csv), .graphml or .gexf",
    )
    s.add_argument("--refresh", action="store_true", help="ignore the cache and query again")
    s.add_argument("--max-pages", type=int, default=None, help="stop after this many pages")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=_cmd_fetch)


def _add_convert_parser(sub: Any) -> None:
    s = sub.add_parser(
        "convert",
        help="convert between CSV, GraphML and GEXF",
        description="Convert a dataset to .csv, .graphml or .gexf (dynamic GEXF replays the "
        "history in Gephi).",
    )
    s.add_argument("input", help=_DS_HELP)
    s.add_argument("output", help="output file: .csv, .graphml or .gexf")
    _add_columns(s)
    s.add_argument(
        "--force", action="store_true", help="overwrite existing output files"
    )
    s.add_argument(
        "--dynamic",
        action="store_true",
        help="GEXF: each link a spell from its year to its end year",
    )
    s.set_defaults(func=_cmd_convert)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (errors: 2, with a readable message).

    Examples
    --------
    >>> main(["summary", "--dataset", "nosuch"])
    2
    """
    from .errors import ParadiploError

    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "columns", None) is not None:
        args.columns = dict(args.columns)
    try:
        return args.func(args)
    except (ParadiploError, ValueError, KeyError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
