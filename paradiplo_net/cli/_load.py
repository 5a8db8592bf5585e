"""The command line's reading of datasets: names, files, and a user's own links table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

#: Column arguments of :func:`paradiplo_net.io.read_links` (kept in step with
#: ``io.ColumnMap``; a test checks it) plus the coordinate columns the command line applies.
_MAPPABLE = (
    "source",
    "target",
    "source_country",
    "target_country",
    "source_id",
    "target_id",
    "year",
    "end_year",
    "phase",
    "kind",
    "sectors",
    "note",
    "ref",
    "source_lat",
    "source_lon",
    "target_lat",
    "target_lon",
)
_COORDS = ("source_lat", "source_lon", "target_lat", "target_lon")

#: Figure names and era names shown by --help (a test checks them against
#: ``figures.FIGURES`` and ``temporal.ERAS``; listed here so --help imports nothing heavy).
FIGURE_NAMES = (
    "growth",
    "world_map",
    "diffusion_map",
    "adoption_curves",
    "centrality",
    "communities",
    "country_heatmap",
    "distance_decay",
    "phases",
    "contagion",
)
ERA_NAMES = (
    "before_1919",
    "interwar",
    "wartime",
    "postwar",
    "early_cold_war",
    "late_cold_war",
    "post_cold_war",
    "recent",
)
#: Figures drawn from the town sample with --estimates sample (``figures.ESTIMATES``; a test
#: checks them), and the datasets for which --estimates auto means sample.
ESTIMATE_NAMES = ("growth", "adoption_curves", "country_heatmap", "distance_decay", "phases")
AUTO_ESTIMATES = ("core", "sample")
#: Figures drawn from coordinates (empty when no city has any).
_NEED_COORDS = ("world_map", "diffusion_map", "distance_decay")


class CliError(Exception):
    """An expected failure of a command: printed as ``error: <message>``, exit status 2."""


def _suggest(value: str, valid: Any) -> str:
    """``" (did you mean 'core'?)"`` for a near miss among ``valid``, else ``""``."""
    import difflib

    close = difflib.get_close_matches(str(value), [str(v) for v in valid], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load_dataset(
    spec: str,
    *,
    columns: dict[str, str] | None = None,
    resolve: bool = True,
    options: dict[str, Any] | None = None,
    progress: bool = False,
):
    """Load a dataset named on the command line; returns the graph.

    ``spec`` is a registered name (``core``, ``toy``), ``wikidata`` (the cached live fetch),
    or a path to a ``.graphml``/``.gexf`` file or a ``.csv``/``.tsv`` links table. A table with a
    ``<stem>.cities.csv`` sibling (as written by :func:`paradiplo_net.io.write_links`) is read
    exactly; any other table is read by the same reader as the API
    (:func:`paradiplo_net.io.read_links`: any encoding, byte-order mark or separator), with
    ``columns`` mapping its arguments (``source``, ``target``, ``source_country``, ...,
    ``sectors``, ``note``, ``ref``, ids, and the coordinates ``source_lat`` ... ``target_lon``)
    to the table's column names; arguments not given default to columns of the same name.
    With ``resolve`` (the default) places are looked up offline (GeoNames) and a resolution
    report is printed; a side without a country column gets the country its names denote
    unambiguously (:func:`paradiplo_net.geo.place_countries`: Coventry GB, Paris FR).
    ``options`` are further :func:`~paradiplo_net.io.read_links` arguments (``drop_invalid``,
    ``encoding``, ``sep``, ``kind_map``, ...).

    Raises
    ------
    DatasetError
        For an unknown name (with "did you mean") or a missing file; the message lists the
        valid names.

    Examples
    --------
    >>> load_dataset("toy").number_of_edges()
    12
    """
    from .. import datasets
    from ..errors import DatasetError

    if spec in datasets.names():
        return datasets.load(spec)
    if spec == "wikidata":
        from .. import wikidata

        G, _ = wikidata.fetch_p190(progress=False)
        return G
    if spec == "world":
        return _world()
    path = Path(spec)
    if not path.exists():
        names = [*datasets.names(), "wikidata", "world"]
        raise DatasetError(
            f"unknown dataset {spec!r}{_suggest(spec, names)}: not a registered name "
            f"({', '.join(names)}) and no such file. Give a name or a path to a .csv, .graphml "
            "or .gexf file."
        )
    if path.is_dir():
        raise DatasetError(f"{path} is a folder; give a .csv, .graphml or .gexf file")
    from .. import io

    suffix = path.suffix.lower()
    readers = {".graphml": io.read_graphml, ".gexf": io.read_gexf}
    if suffix in readers:
        G, report = readers[suffix](path)
    elif (path.parent / f"{path.stem}.cities.csv").exists() and not columns and suffix == ".csv":
        G, report = io.read_tables(path)
    elif suffix in (".csv", ".tsv", ".txt", ""):
        return _load_table(
            path, columns or {}, resolve=resolve, options=options or {}, progress=progress
        )
    else:
        raise DatasetError(f"cannot read {path}: expected .csv, .tsv, .graphml or .gexf")
    if report.n_rejected or report.notes:
        print(report, file=sys.stderr)
    return G


def _read_frame(path: Path, options: dict[str, Any]) -> tuple[Any, list[str]]:
    """The table as a frame of strings, read as read_links reads it (notes: encoding, sep)."""
    import io as _io

    from .. import io
    from ..errors import DatasetError
    from ..io._delimited import _parse_table

    notes: list[str] = []
    text = io.read_text(path, encoding=options.get("encoding"), label=str(path), notes=notes)
    if not text.strip():
        raise DatasetError(
            f"{path} is empty (no header, no rows): give a CSV with a header line, "
            "e.g. source,target,year"
        )
    sep = options.get("sep") or ("\t" if path.suffix.lower() == ".tsv" else None)
    frame = _parse_table(_io.StringIO(text), sep=sep, encoding=None, label=str(path), notes=notes)
    return frame, notes


def _load_table(
    path: Path,
    columns: dict[str, str],
    *,
    resolve: bool,
    options: dict[str, Any],
    progress: bool,
):
    """A user's links table: read, countries inferred where safe, resolved, reported."""
    from .. import io

    frame, notes = _read_frame(path, options)
    mapping = _column_mapping(path, columns, list(frame.columns))
    coords = {a: mapping.pop(a) for a in _COORDS if a in mapping}
    options = {k: v for k, v in options.items() if k not in ("encoding", "sep")}
    if resolve:
        frame = _infer_countries(frame, mapping, options)
    G, report = io.read_links(
        frame, **mapping, **options, resolve=resolve, progress=progress, dataset=path.stem
    )
    report.notes[:0] = notes
    report.source = str(path)
    if coords:
        _apply_coordinates(G, frame, mapping, coords, path)
    print(report, file=sys.stderr)
    _print_resolution(G, report, resolve=resolve, coords=bool(coords))
    return G


def _column_mapping(path: Path, columns: dict[str, str], header: list[str]) -> dict[str, Any]:
    """read_links arguments: the user's mapping, else same-named columns of the table."""
    unknown = sorted(set(columns) - set(_MAPPABLE))
    if unknown:
        hints = "".join(_suggest(u, _MAPPABLE) for u in unknown)
        raise CliError(
            f"--columns: unknown argument(s) {unknown}{hints}; valid: {', '.join(_MAPPABLE)}"
        )
    absent = {a: c for a, c in columns.items() if c not in header}
    if absent:
        a, c = next(iter(absent.items()))
        raise CliError(
            f"{path}: --columns {a}={c}: no column {c!r}{_suggest(c, header)}; the table has "
            f"columns {header}"
        )
    mapping = {a: a for a in _MAPPABLE if a in header}
    mapping.update(columns)
    missing = [a for a in ("source", "target") if a not in mapping]
    if missing:
        raise CliError(
            f"{path}: no column for {missing}; the table has columns {header}. Name them with "
            "--columns, e.g. --columns source=city target=partner year=since"
        )
    return mapping


def _infer_countries(frame: Any, mapping: dict[str, Any], options: dict[str, Any]) -> Any:
    """For a side with no country column nor --SIDE-country: the country its names denote."""
    from .. import geo

    frame = frame.copy()
    for side in ("source", "target"):
        if f"{side}_country" in mapping or options.get(f"default_{side}_country"):
            continue
        names = frame[mapping[side]]
        distinct = list(dict.fromkeys(n for n in names if str(n).strip()))
        found = dict(zip(distinct, geo.place_countries(distinct), strict=True))
        col = f"{side} country (read from the name)"
        frame[col] = [found.get(n) or "" for n in names]
        mapping[f"{side}_country"] = col
        unknown = [n for n in distinct if found.get(n) is None]
        print(
            f"{side}: no country column; the country of {len(distinct) - len(unknown)} of "
            f"{len(distinct)} names read from the name alone (GeoNames, unambiguous worldwide)"
            + (
                f"; not for {_short(unknown)}: add --columns {side}_country=COLUMN or "
                f"--{side}-country CC"
                if unknown
                else ""
            ),
            file=sys.stderr,
        )
    return frame


def _short(values: list[Any], limit: int = 6) -> str:
    shown = ", ".join(map(str, values[:limit]))
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _apply_coordinates(
    G: Any, frame: Any, mapping: dict[str, Any], coords: dict[str, str], path: Path
) -> None:
    """Set lat/lon of the cities from the table's coordinate columns (the user's data wins)."""
    by_name: dict[str, tuple[float, float]] = {}
    bad: list[int] = []
    for side in ("source", "target"):
        lat_col, lon_col = coords.get(f"{side}_lat"), coords.get(f"{side}_lon")
        if lat_col is None or lon_col is None:
            continue
        rows = zip(frame[mapping[side]], frame[lat_col], frame[lon_col], strict=True)
        for i, (name, lat, lon) in enumerate(rows, start=1):
            if not str(lat).strip() and not str(lon).strip():
                continue
            try:
                la, lo = float(str(lat).replace(",", ".")), float(str(lon).replace(",", "."))
            except ValueError:
                bad.append(i)
                continue
            if not (-90 <= la <= 90 and -180 <= lo <= 180):
                bad.append(i)
                continue
            by_name[str(name).strip()] = (la, lo)
    if bad:
        raise CliError(
            f"{path}: rows {_short(bad)}: coordinates that are not numbers in [-90, 90] x "
            "[-180, 180]; fix them or leave both cells empty"
        )
    for _, d in G.nodes(data=True):
        if d.get("name") in by_name:
            d["lat"], d["lon"] = by_name[d["name"]]


def _print_resolution(G: Any, report: Any, *, resolve: bool, coords: bool) -> None:
    """The resolution report: how many cities have coordinates, which names did not resolve."""
    n = G.number_of_nodes()
    placed = sum(1 for _, d in G.nodes(data=True) if d.get("lat") is not None)
    how = "resolved offline (GeoNames)" if resolve else "--no-resolve"
    print(f"places: {placed} of {n} cities have coordinates ({how}{', table' if coords else ''})")
    table = getattr(report, "unresolved", None)
    if table is not None and len(table):
        from .. import geo

        for row in table.head(10).itertuples(index=False):
            hint = ""
            if row.status == "unresolved" and row.country and row.name:
                close = geo.similar_places(str(row.name), str(row.country))
                hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
            print(
                f"  not resolved: {row.name!r} ({row.country or 'no country'}): {row.status}{hint}"
            )
        if len(table) > 10:
            print(f"  ... and {len(table) - 10} more")
        print(
            "  fix: correct the spelling, add or correct the country columns (--columns "
            "source_country=COLUMN target_country=COLUMN), or give coordinates (--columns "
            "source_lat=COLUMN ...)"
        )


def _world() -> Any:
    """The reconciled world graph (``pn.merge.world``): the public datasets and ``core``.

    The sources are fetched once into the cache (``paradiplo-net datasets fetch NAME``), or read
    from a local copy laid out as ``<folder>/<name>/<file>`` named by
    ``$PARADIPLO_WORLD_FOLDER``.
    """
    import os

    from ..merge import world

    folder = os.environ.get("PARADIPLO_WORLD_FOLDER") or None
    res = world(folder=folder)
    print(f"world: {res.graph.number_of_nodes():,} places, {res.graph.number_of_edges():,} "
          "distinct pairs merged from the public datasets and core")
    return res.graph
