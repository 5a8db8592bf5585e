"""The ``paradiplo-net`` command line: a thin layer over datasets, io, wikidata and figures.

Every subcommand has ``--help``. Datasets are named (``core``, ``sample``, ``toy``) or given as a
file:
a links CSV written by :func:`paradiplo_net.io.write_links` (with its ``.cities.csv``
sibling), a GraphML or GEXF file, or ``wikidata`` for the cached live fetch.

Examples
--------
>>> main(["datasets"])  # doctest: +ELLIPSIS
bundled (offline):
  core ...
  toy ...
fetchable (paradiplo-net datasets fetch NAME):
  ...
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from ._load import (
    _MAPPABLE,
    _NEED_COORDS,
    AUTO_ESTIMATES,
    ERA_NAMES,
    ESTIMATE_NAMES,
    FIGURE_NAMES,
    CliError,
    _suggest,
    load_dataset,
)

__all__ = ["build_parser", "load_dataset", "main", "shell_message"]


def _cmd_datasets(args: argparse.Namespace) -> int:
    from ._extra import cmd_datasets

    return cmd_datasets(args)


#: --phase-rule choices -> phases.assign rules (None: only recorded phases are shown).
_PHASE_RULES = {
    "keywords": "keywords",
    "period": "period",
    "keywords+period": ("keywords", "period"),
    "recorded": None,
}

#: read_links options given by flags: attribute of the parsed arguments -> argument.
_READER_OPTIONS = (
    "drop_invalid",
    "dedupe",
    "encoding",
    "sep",
    "min_year",
    "max_year",
    "allow_years_outside",
    "unknown_year",
    "default_source_country",
    "default_target_country",
    "phase_map",
    "kind_map",
    "country_map",
)


def _load(args: argparse.Namespace, spec: str):
    """The dataset of a command, read with the reader flags it was given."""
    options = {}
    for name in _READER_OPTIONS:
        value = getattr(args, name, None)
        if value not in (None, False):
            options[name] = dict(value) if name.endswith("_map") else value
    if "unknown_year" in options:  # the user's words come on top of the usual markers
        from ..io import UNKNOWN_YEAR

        options["unknown_year"] = [*UNKNOWN_YEAR, *options["unknown_year"]]
    return load_dataset(
        spec,
        columns=args.columns,
        resolve=not args.no_resolve,
        options=options,
        progress=not getattr(args, "quiet", False),
    )


def _writable_folder(folder: Path, what: str) -> None:
    """Raise CliError unless ``folder`` is (or can be created as) a writable folder."""
    import os

    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise CliError(f"cannot write {what}: {probe} is a file, not a folder")
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise CliError(f"cannot write {what}: folder {probe} is not writable (permissions)")


def _check_names(args: argparse.Namespace) -> None:
    """Figure and era names: the error lists the valid ones and suggests a near miss."""
    for flag, given, valid in (
        ("--figures", args.figures or [], FIGURE_NAMES),
        ("--eras", args.eras or [], ERA_NAMES),
    ):
        for name in given:
            if name not in valid:
                raise CliError(
                    f"{flag}: unknown name {name!r}{_suggest(name, valid)}; valid: "
                    + ", ".join(valid)
                )


def _warn_empty(G: Any, names: list[str]) -> None:
    """A WARNING line for each figure that would be empty, and why."""
    n = G.number_of_nodes()
    placed = sum(1 for _, d in G.nodes(data=True) if d.get("lat") is not None)
    dated = sum(1 for *_, y in G.edges(data="year") if y is not None)
    empty_maps = [f for f in names if f in _NEED_COORDS]
    if empty_maps and n and not placed:
        print(
            f"WARNING: {', '.join(empty_maps)} will be empty: none of the {n} cities has "
            "coordinates. Drop --no-resolve, add country columns (--columns "
            "source_country=COLUMN target_country=COLUMN) or coordinates (--columns "
            "source_lat=COLUMN source_lon=COLUMN target_lat=COLUMN target_lon=COLUMN).",
            file=sys.stderr,
        )
    timed = [f for f in names if f in ("growth", "adoption_curves", "diffusion_map")]
    if timed and G.number_of_edges() and not dated:
        print(
            f"WARNING: {', '.join(timed)} will be empty: no link has a year. Map the year "
            "column with --columns year=COLUMN.",
            file=sys.stderr,
        )


def _cmd_figures(args: argparse.Namespace) -> int:
    _check_names(args)
    out = Path(args.out)
    _writable_folder(out, f"the figures to {out}")
    G = _load(args, args.dataset)
    names = list(args.figures or FIGURE_NAMES)
    if args.estimates == "sample" or (args.estimates == "auto" and args.dataset in AUTO_ESTIMATES):
        names = [n for n in names if n not in ESTIMATE_NAMES]  # drawn from the sample
    _warn_empty(G, names)
    from .. import figures

    manifest = figures.run(
        G,
        out=out,
        figures=args.figures,
        lang=args.lang,
        formats=tuple(args.format),
        dpi=args.dpi,
        eras=args.eras,
        seed=args.seed,
        progress=not args.quiet,
        dataset=args.dataset,
        phase_rule=_PHASE_RULES[args.phase_rule],
        estimates=args.estimates,
        jobs=args.jobs,
    )
    if manifest.get("estimates", {}).get("mode") == "sample":
        shown = [n for n in manifest["figures"] if manifest["figures"][n].get("data") == "sample"]
        if shown:
            print(f"estimates from the town sample (design-weighted, 95% CI): {', '.join(shown)}"
                  " (--estimates none: counts over the dataset instead)")
    print(f"wrote {len(manifest['files'])} files to {out} (report: {out / 'report.html'})")
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    out = Path(args.out)
    _writable_folder(out, f"{out / 'summary.csv'}")
    G = _load(args, args.dataset)
    from .. import stats
    from .._files import write_text_atomic

    table = stats.summary(G)
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out / "summary.csv", table.to_csv(index=False))
    row = table.iloc[0]
    notes = row.get("notes") or ""
    print(row.drop(labels=["notes"], errors="ignore").to_string())
    if notes:
        print(f"notes: {notes}")
    print(f"\nwrote {out / 'summary.csv'}")
    return 0


def _network_reachable(url: str, timeout: float = 3.0) -> bool:
    """Whether the host of ``url`` answers a TCP connection within ``timeout`` seconds.

    The DNS lookup runs in a daemon thread so that a resolver hanging offline cannot hold
    the command longer than ``timeout``.
    """
    import socket
    import threading
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or (80 if parts.scheme == "http" else 443)
    if not host:
        return False
    ok: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                ok.append(True)
        except OSError:
            pass

    t = threading.Thread(target=probe, daemon=True)
    t.start()
    t.join(timeout + 0.5)
    return bool(ok)


def _cmd_fetch(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".graphml", ".gexf"):
        raise CliError(f"--out {out}: use a .csv, .graphml or .gexf file name")
    _writable_folder(out.parent if str(out.parent) else Path(), str(out))
    from .. import io, wikidata
    from ..errors import DatasetError
    from ..settings import settings

    was_offline = settings.offline
    online = not was_offline and _network_reachable(str(settings.endpoint))
    if not online:
        settings.offline = True
    try:
        G, report = wikidata.fetch_p190(
            refresh=args.refresh and online,
            max_pages=args.max_pages,
            progress=not args.quiet,
            timeout=args.timeout,
            retries=args.retries,
            limit_per_page=args.page_size,
        )
    except DatasetError:
        why = (
            "offline mode (PARADIPLO_OFFLINE=1)"
            if was_offline
            else (f"offline: {settings.endpoint} cannot be reached (checked in 3 s)")
        )
        raise CliError(
            f"{why}, and the Wikidata pages are not cached in "
            f"{settings.cache_dir / 'wikidata'}.\nFix: connect to the internet and run "
            "`paradiplo-net fetch wikidata` again, or use a bundled dataset (--dataset core)."
        ) from None
    finally:
        settings.offline = was_offline
    if not online:
        print("offline: used the cached Wikidata pages", file=sys.stderr)
    print(report)
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

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".gexf", ".graphml", ".csv"):
        raise CliError(f"cannot write {out}: use .csv, .graphml or .gexf")
    existing = [p for p in _convert_targets(out) if p.exists()]
    if existing and not args.force:
        names = ", ".join(str(p) for p in existing)
        raise CliError(f"{names} already exist(s); add --force to overwrite")
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        raise CliError(f"cannot write {out}: folder {folder} does not exist")
    _writable_folder(folder, str(out))
    G = _load(args, args.input)
    from .. import io

    writers = {
        ".gexf": lambda G, p: io.write_gexf(G, p, dynamic=args.dynamic),
        ".graphml": io.write_graphml,
        ".csv": io.write_links,
    }
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


def _map_pair(text: str) -> tuple[str, str | None]:
    word, sep, value = text.partition("=")
    if not sep or not word:
        raise argparse.ArgumentTypeError(f"expected WORD=VALUE, got {text!r}")
    return word, (value or None)


_DS_HELP = (
    "core, sample, toy, wikidata (cached fetch), world (the public datasets merged; fetched "
    "once) or a .csv/.tsv/.graphml/.gexf path"
)


def _add_reader_options(s: argparse.ArgumentParser) -> None:
    """The flags of the CSV reader (the read_links arguments a shell user needs)."""
    g = s.add_argument_group("your own CSV (read like paradiplo_net.io.read_links)")
    g.add_argument(
        "--columns",
        nargs="+",
        default=None,
        metavar="ARG=COLUMN",
        type=_pair,
        help="name the table's columns, ARG one of "
        + ", ".join(_MAPPABLE)
        + " (default: columns of those names), e.g. source=city target=partner year=since",
    )
    g.add_argument(
        "--no-resolve",
        action="store_true",
        help="do not look places up (no coordinates; default: resolve offline)",
    )
    g.add_argument(
        "--drop-invalid", action="store_true", help="reject bad rows (listed) instead of stopping"
    )
    g.add_argument("--dedupe", action="store_true", help="merge rows identical in every column")
    g.add_argument("--encoding", default=None, help="text encoding (default: detected)")
    g.add_argument("--sep", default=None, help="field separator (default: detected)")
    g.add_argument("--min-year", type=int, default=1900, help="earliest plausible year (1900)")
    g.add_argument("--max-year", type=int, default=None, help="latest plausible year (this year)")
    g.add_argument(
        "--allow-years-outside",
        action="store_true",
        help="keep years outside --min-year/--max-year",
    )
    g.add_argument(
        "--unknown-year",
        nargs="+",
        default=None,
        metavar="WORD",
        help="cell values meaning 'year unknown' (besides ?, n.d., unknown ...)",
    )
    g.add_argument(
        "--source-country",
        dest="default_source_country",
        metavar="CC",
        help="one country for every source city (no country column)",
    )
    g.add_argument(
        "--target-country",
        dest="default_target_country",
        metavar="CC",
        help="one country for every partner city (no country column)",
    )
    for flag, meta in (("phase", "PHASE"), ("kind", "KIND"), ("country", "CC")):
        g.add_argument(
            f"--{flag}-map",
            nargs="+",
            type=_map_pair,
            default=None,
            metavar=f"WORD={meta}",
            help=f"read WORD in the {flag} column as {meta}",
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
    from ._extra import add_extra_parsers

    add_extra_parsers(sub)
    sub.choices["datasets"].set_defaults(func=_cmd_datasets)
    _add_figures_parser(sub)
    _add_summary_parser(sub)
    _add_fetch_parser(sub)
    _add_convert_parser(sub)
    return p


def _add_figures_parser(sub: Any) -> None:
    from .._checks import LANGS

    s = sub.add_parser(
        "figures",
        help="regenerate every figure and the report (the main job)",
        description="Write every figure (PNG 300 dpi and SVG), the tables behind them, a report\n"
        "(Markdown and HTML) and a manifest to OUT. Runs offline on the bundled data.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="figures: " + ", ".join(FIGURE_NAMES) + "\neras:    " + ", ".join(ERA_NAMES),
    )
    s.add_argument("--dataset", default="core", help=_DS_HELP + " (default: core)")
    s.add_argument("--out", default="out", help="output folder (default: out)")
    s.add_argument(
        "--figures",
        nargs="+",
        default=None,
        metavar="NAME",
        help="only these figures (default: all): " + ", ".join(FIGURE_NAMES),
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
        help="file formats (default: png svg)",
    )
    s.add_argument(
        "--dpi", type=int, default=300, help="resolution of raster figures (default 300)"
    )
    s.add_argument(
        "--eras",
        nargs="+",
        default=None,
        metavar="ERA",
        help="only these named eras (default: all): " + ", ".join(ERA_NAMES),
    )
    s.add_argument("--seed", type=int, default=0, help="seed of every random step (default 0)")
    s.add_argument(
        "--phase-rule",
        default="keywords",
        choices=list(_PHASE_RULES),
        help="how links without a recorded O'Toole phase are phased in the figures: by keywords "
        "in their sectors/note (default; the kind of agreement is never read), by period (a "
        "heuristic), both, or not at all (recorded)",
    )
    s.add_argument(
        "--estimates",
        default="auto",
        choices=["auto", "sample", "none"],
        help="where the statistical figures (growth, phases, adoption_curves, "
        "country_heatmap, distance_decay) come from: sample = design-weighted estimates "
        "with 95%% CIs from the bundled town sample (a stratified random sample of towns); "
        "none = counts over the dataset itself; auto (default) = sample for --dataset core "
        "or sample (core is curated landmark links: its counts describe the list, not the "
        "history), none for your own file or another dataset. The network figures always "
        "show the dataset",
    )
    s.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes drawing figures side by side (Linux; default: 1 under 5,000 "
        "links, else 2): half the wall-clock time of a world-size run on two cores",
    )
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_reader_options(s)
    s.set_defaults(func=_cmd_figures)


def _positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1 (the message names the flag's rule)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value}")
    return value


def _add_summary_parser(sub: Any) -> None:
    s = sub.add_parser(
        "summary",
        help="write the network summary table",
        description="Print and write the one-row network summary (stats.summary).",
    )
    s.add_argument("--dataset", default="core", help=_DS_HELP + " (default: core)")
    s.add_argument("--out", default="out", help="output folder (default: out)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_reader_options(s)
    s.set_defaults(func=_cmd_summary)


def _add_fetch_parser(sub: Any) -> None:
    s = sub.add_parser(
        "fetch",
        help="fetch live data (Wikidata P190), cached on disk",
        description="Fetch every Wikidata P190 (twinned administrative body) statement with its "
        "start and end time, page by page, with retries and an on-disk cache. Offline (no "
        "answer within 3 s, or PARADIPLO_OFFLINE=1) only the cached pages are read.",
    )
    s.add_argument("source", choices=["wikidata"], help="what to fetch")
    s.add_argument(
        "--out",
        default="wikidata_p190.csv",
        help="output .csv (links + .cities.csv), .graphml or .gexf (default: wikidata_p190.csv)",
    )
    s.add_argument("--refresh", action="store_true", help="ignore the cache and query again")
    s.add_argument("--max-pages", type=int, default=None, help="stop after this many pages")
    s.add_argument("--page-size", type=int, default=10000,
                   help="statements per page (default 10000; smaller pages time out less)")
    s.add_argument("--timeout", type=float, default=60, help="seconds per request (default 60)")
    s.add_argument("--retries", type=int, default=5,
                   help="retries per page on errors and rate limits (default 5)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=_cmd_fetch)


def _add_convert_parser(sub: Any) -> None:
    s = sub.add_parser(
        "convert",
        help="convert between CSV, GraphML and GEXF",
        description="Convert a dataset to .csv, .graphml or .gexf (dynamic GEXF replays the "
        "history in Gephi).",
    )
    s.add_argument("input", help="the dataset to convert (required): " + _DS_HELP)
    s.add_argument("output", help="output file (required): .csv, .graphml or .gexf")
    s.add_argument("--force", action="store_true", help="overwrite existing output files")
    s.add_argument(
        "--dynamic",
        action="store_true",
        help="GEXF: each link a spell from its year to its end year",
    )
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_reader_options(s)
    s.set_defaults(func=_cmd_convert)


#: Python keywords in messages of the library -> the flags a shell user types.
_FLAG_WORDS = (
    (r"\bdrop_invalid=True\b", "--drop-invalid"),
    (r"\ballow_years_outside=True\b", "--allow-years-outside"),
    (r"\bdedupe=True\b", "--dedupe"),
    (r"\bunknown_year=", "--unknown-year WORD"),
    (r"\bmin_year=/max_year=", "--min-year/--max-year"),
    (r"\bphase_map=\{\.\.\.\}", "--phase-map WORD=PHASE"),
    (r"\bkind_map=\{\.\.\.\}", "--kind-map WORD=KIND"),
    (r"\bcountry_map=\{\.\.\.\}", "--country-map TEXT=CC"),
    (r"\bencoding=None\b", "no --encoding"),
    (r"\bencoding='?([\w-]+)'?", r"--encoding \1"),
    (r"\bsep=None\b", "no --sep"),
    (r"\bsep=(\S+)", r"--sep \1"),
    (
        r"pass their names as source=, target=, year=, \.\.\.",
        "name them with --columns source=COLUMN target=COLUMN year=COLUMN",
    ),
    (r" into report\.rejected", " (they are listed)"),
    (r"(https?://[^\s?]+)\?\S+", r"\1?..."),
    (r"\bretries=", "--retries "),
    (r"\btimeout=", "--timeout "),
    (r"\blimit_per_page=", "--page-size "),
    (r"\bmax_pages=", "--max-pages "),
    (r"\bpass (--)", r"add \1"),
)


def shell_message(text: str, *, max_lines: int = 8, width: int = 300) -> str:
    """A library message as a shell user should read it: flags, not Python keywords; short.

    Examples
    --------
    >>> shell_message("bad year; or pass drop_invalid=True to reject these rows into "
    ...               "report.rejected")
    'bad year; or add --drop-invalid to reject these rows (they are listed)'
    """
    import re

    for pattern, repl in _FLAG_WORDS:
        text = re.sub(pattern, repl, text)
    lines = [ln if len(ln) <= width else ln[: width - 3] + "..." for ln in text.splitlines()]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], f"... ({len(lines) - max_lines + 1} more lines)"]
    return "\n".join(lines)


def _os_message(exc: OSError) -> str:
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (errors: 2, Ctrl-C: 130).

    Expected failures print one ``error:`` message naming flags, never a traceback.

    Examples
    --------
    >>> main(["summary", "--dataset", "nosuch"])
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if getattr(args, "columns", None) is not None:
            args.columns = dict(args.columns)
        return int(args.func(args))
    except KeyboardInterrupt:
        print("\ninterrupted (Ctrl-C)", file=sys.stderr)
        return 130
    except CliError as exc:
        print(f"error: {shell_message(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {_os_message(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # the library's expected failures; anything else is a bug
        from ..errors import ParadiploError

        if not isinstance(exc, (ParadiploError, ValueError, KeyError, LookupError)):
            raise
        text = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {shell_message(str(text))}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
