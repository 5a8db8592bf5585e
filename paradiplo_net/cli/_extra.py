"""The subcommands beyond the main job: datasets (list, fetch), replay, path, ego."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ._load import CliError, load_dataset

_DS_HELP_SHORT = "core, sample, toy or a .csv/.graphml/.gexf path (default: core)"

__all__ = ["add_extra_parsers", "cmd_datasets"]


def cmd_datasets(args: argparse.Namespace) -> int:
    """``datasets``: the bundled and fetchable datasets; ``datasets fetch NAME``: download one."""
    from .. import datasets

    if args.action == "fetch":
        if not args.name:
            raise CliError(
                "datasets fetch needs a NAME; valid names: " + ", ".join(datasets.fetchable())
            )
        if args.name not in datasets.fetchable():
            from ._load import _suggest

            hint = _suggest(args.name, datasets.fetchable())
            raise CliError(
                f"unknown fetchable dataset {args.name!r}{hint}; "
                f"valid names: {', '.join(datasets.fetchable())}"
            )
        print(datasets.provenance(args.name))
        G, report = datasets.fetch(args.name, cache_dir=args.cache_dir, progress=not args.quiet)
        print(report)
        print(f"fetched {args.name}: {G.number_of_nodes()} places, {G.number_of_edges()} links")
        return 0
    cat = datasets.catalog()
    for kind, title in (("bundled", "bundled (offline)"),
                        ("fetchable", "fetchable (paradiplo-net datasets fetch NAME)")):
        rows = cat[cat["kind"] == kind]
        print(f"{title}:")
        width = max(len(n) for n in rows["name"])
        for rec in rows.itertuples(index=False):
            extra = f" [{rec.size}; {rec.years}; {rec.licence}]" if kind == "fetchable" else ""
            print(f"  {rec.name:<{width}}  {rec.description}{extra}")
    return 0


def _cmd_replay(args: argparse.Namespace) -> int:
    from .. import replay

    out = Path(args.out)
    if out.suffix:
        raise CliError(f"--out {out}: give a path without suffix (it gets .html, .gif, .mp4)")
    if not (out.parent if str(out.parent) else Path()).is_dir():
        raise CliError(f"--out {out}: folder {out.parent} does not exist")
    G = load_dataset(args.dataset)
    written = replay.export(
        G, out, formats=tuple(args.format), lang=args.lang, start=args.start, end=args.end,
        fps=args.fps, progress=not args.quiet,
    )
    for fmt, path in written.items():
        print(f"{fmt}: {path}" if path else f"{fmt}: not written (see the warning above)")
    return 0


def _cmd_path(args: argparse.Namespace) -> int:
    from .. import paths

    G = load_dataset(args.dataset)
    if args.time_respecting:
        table = paths.time_respecting_path(G, args.source, args.target, start_year=args.year)
    else:
        table = paths.shortest_path(G, args.source, args.target, year=args.year)
    print(table.to_string(index=False))
    return 0


def _cmd_ego(args: argparse.Namespace) -> int:
    from .. import model, paths

    G = load_dataset(args.dataset)
    E = paths.ego_network(G, args.city, year=args.year, radius=args.radius)
    cities = model.cities_from_graph(E)[["name", "country"]]
    print(f"{E.number_of_nodes()} cities, {E.number_of_edges()} links within {args.radius} "
          f"step(s) of {args.city}" + (f" in {args.year}" if args.year else ""))
    print(cities.sort_values(["country", "name"]).to_string())
    return 0


def _add_datasets(sub: Any) -> None:
    s = sub.add_parser(
        "datasets", help="list the datasets; `datasets fetch NAME` downloads a public one",
        description="List the bundled datasets and the public ones that can be fetched "
        "(pinned version, checksum, cached), or fetch one: paradiplo-net datasets fetch NAME.",
    )
    s.add_argument("action", nargs="?", choices=["list", "fetch"], default="list",
                   help="list (default) or fetch")
    s.add_argument("name", nargs="?", default=None, help="the dataset to fetch")
    s.add_argument("--cache-dir", default=None, help="download folder (default: the cache)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_datasets)


def _add_replay(sub: Any) -> None:
    from .._checks import LANGS

    s = sub.add_parser(
        "replay", help="write a lecture-ready replay (HTML player, GIF, MP4) of the history",
        description="Replay the history of twinning year by year at 1920x1080: an HTML player "
        "that works offline, a GIF, and an MP4 where ffmpeg is installed.",
    )
    s.add_argument("--dataset", default="core", help=_DS_HELP_SHORT)
    s.add_argument("--out", default="replay", help="output path without suffix (default: replay)")
    s.add_argument("--format", nargs="+", default=["html", "gif", "mp4"],
                   choices=["html", "gif", "mp4"], help="outputs (default: all three)")
    s.add_argument("--lang", default="en", choices=LANGS, help="en (English) or id (Indonesian)")
    s.add_argument("--start", type=int, default=1920, help="first year (default 1920)")
    s.add_argument("--end", type=int, default=None, help="last year (default: the data's last)")
    s.add_argument("--fps", type=float, default=2.0, help="frames per second (default 2)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=_cmd_replay)


def _add_path_and_ego(sub: Any) -> None:
    s = sub.add_parser(
        "path", help="how two cities are connected (shortest or time-respecting path)",
        description="The shortest path between two cities (by name or id), or with "
        "--time-respecting the earliest journey whose links were formed in order.",
    )
    s.add_argument("source", help="a city name (e.g. Surabaya) or id")
    s.add_argument("target", help="a city name (e.g. Liverpool) or id")
    s.add_argument("--dataset", default="core", help=_DS_HELP_SHORT)
    s.add_argument("--year", type=int, default=None,
                   help="links in force that year (time-respecting: the start year)")
    s.add_argument("--time-respecting", action="store_true",
                   help="only journeys whose links were formed in non-decreasing years")
    s.set_defaults(func=_cmd_path)
    s = sub.add_parser(
        "ego", help="a city's partners (and their partners) in a given year",
        description="The ego network of a city: its partners within --radius steps, with the "
        "links in force in --year (default: every link).",
    )
    s.add_argument("city", help="a city name (e.g. Coventry) or id")
    s.add_argument("--dataset", default="core", help=_DS_HELP_SHORT)
    s.add_argument("--year", type=int, default=None, help="links in force that year")
    s.add_argument("--radius", type=int, default=1, help="steps from the city (default 1)")
    s.set_defaults(func=_cmd_ego)


def add_extra_parsers(sub: Any) -> None:
    """Add the datasets, replay, path and ego subcommands."""
    _add_datasets(sub)
    _add_replay(sub)
    _add_path_and_ego(sub)
