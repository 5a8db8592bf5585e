"""Writing a replay as a GIF or a self-contained HTML page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ..i18n import t
from ..model import check_option
from ._render import _Canvas, _check_state
from ._state import _GREY, ERA_COLORS, ReplayState, logger


def _gif_writer(fps: float) -> Any:
    """Matplotlib's PillowWriter with one shared palette that keeps the replay's colours.

    Pillow reduces each RGB frame to 256 colours on its own; colours that cover few pixels
    (a legend swatch, a few new arcs) can then be merged into a neighbouring grey. Here every
    frame is mapped onto one palette: the replay's own colours first, the rest taken from the
    last (fullest) frame, without dithering.
    """
    from matplotlib.animation import PillowWriter
    from matplotlib.colors import to_rgb
    from PIL import Image

    from ..plot import OKABE_ITO, PHASE_COLORS

    fixed = list(dict.fromkeys([*ERA_COLORS.values(), *OKABE_ITO, *PHASE_COLORS.values(),
                                _GREY, "#DDDDDD", "#EFEFEF", "#9A9A9A", "#555555", "#222222",
                                "#444444", "#888888", "#FFFFFF"]))

    class _SharedPaletteWriter(PillowWriter):
        def finish(self) -> None:
            frames = [im.convert("RGB") for im in self._frames]  # type: ignore[attr-defined]
            rest = frames[-1].quantize(colors=256 - len(fixed), dither=Image.Dither.NONE)
            palette = [round(255 * c) for h in fixed for c in to_rgb(h)]
            palette += rest.getpalette()[: 3 * (256 - len(fixed))]
            ref = Image.new("P", (1, 1))
            ref.putpalette(palette)
            out = [f.quantize(palette=ref, dither=Image.Dither.NONE) for f in frames]
            out[0].save(self.outfile, save_all=True, append_images=out[1:],
                        duration=int(1000 / self.fps), loop=0)

    return _SharedPaletteWriter(fps=fps)  # type: ignore[arg-type]  # float fps works


def _frames(state: ReplayState, years: Sequence[int] | None, fps: float) -> list[int]:
    frames = list(state.years if years is None else years)
    bad = [y for y in frames if y not in state.active]
    if not frames:
        raise ValueError("years is empty; give at least one frame of the replay")
    if bad:
        raise ValueError(
            f"years must be frames of this replay ({state.years[0]}-{state.years[-1]}, "
            f"{len(state.years)} years); {len(bad)} are not: {bad[:5]}. Prepare the replay "
            "with them: prepare(G, years=[...])")
    if not isinstance(fps, (int, float)) or isinstance(fps, bool) or fps <= 0:
        raise ValueError(f"fps must be a number of frames per second > 0, got {fps!r}")
    return frames


def _write(state: ReplayState, writer: Any, out: Path, frames: Sequence[int], *, dpi: int,
           figsize: tuple[float, float], progress: bool) -> None:
    """Draw each frame once into ``writer`` (one render per frame, no FuncAnimation)."""
    from tqdm.auto import tqdm

    if isinstance(dpi, bool) or not isinstance(dpi, (int, np.integer)) or dpi < 10:
        raise ValueError(f"dpi must be an int >= 10, got {dpi!r}")
    canvas = _Canvas(state, figsize)
    try:
        with writer.saving(canvas.fig, str(out), dpi):
            for year in tqdm(frames, desc="replay frames", unit="frame",
                             disable=None if progress else True):
                canvas.update(year)
                writer.grab_frame()
    finally:
        plt.close(canvas.fig)


def _out_path(path: str | Path, suffix: str) -> Path:
    out = Path(path)
    if out.suffix.lower() != suffix:
        raise ValueError(f"path {str(out)!r} should end in {suffix}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def to_gif(
    state: ReplayState,
    path: str | Path,
    *,
    years: Sequence[int] | None = None,
    fps: float = 2.0,
    dpi: int = 80,
    figsize: tuple[float, float] = (11, 5.2),
    hold_last: int = 3,
    progress: bool = True,
) -> Path:
    """Write the replay as an animated GIF (matplotlib's PillowWriter): plays anywhere.

    A GIF needs no kernel, browser script or Python: drop it into slides. All frames share
    one 256-colour palette that keeps the replay's colours exactly (era colours, legend).

    Parameters
    ----------
    state : ReplayState
    path : str or Path
        Must end in ``.gif``; its folder is created.
    years : sequence of int, optional
        Frames to write (default every frame of ``state``).
    fps : float, default 2
        Frames per second.
    dpi : int, default 80
        Resolution (80 dpi x 11 inches = 880 pixels wide).
    figsize : (float, float)
    hold_last : int, default 3
        The last frame is repeated this many extra times so the final year stays on screen.
    progress : bool, default True
        tqdm bar over the frames.

    Returns
    -------
    Path

    Examples
    --------
    >>> import paradiplo_net as pn, tempfile, pathlib
    >>> s = pn.replay.prepare(pn.datasets.load("toy"), years=[1950, 2022], progress=False)
    >>> p = to_gif(s, pathlib.Path(tempfile.mkdtemp()) / "toy.gif", dpi=30, hold_last=0)
    >>> from PIL import Image
    >>> with Image.open(p) as gif:
    ...     gif.n_frames
    2
    """
    _check_state(state)
    out = _out_path(path, ".gif")
    if isinstance(hold_last, bool) or not isinstance(hold_last, (int, np.integer)) or hold_last < 0:
        raise ValueError(f"hold_last must be an int >= 0, got {hold_last!r}")
    frames = _frames(state, years, fps)
    frames = frames + frames[-1:] * int(hold_last)
    _write(state, _gif_writer(fps), out, frames, dpi=dpi, figsize=figsize, progress=progress)
    logger.info("replay GIF: %d frames written to %s", len(frames), out)
    return out


def to_html(
    state: ReplayState,
    path: str | Path,
    *,
    years: Sequence[int] | None = None,
    fps: float = 2.0,
    dpi: int = 80,
    figsize: tuple[float, float] = (11, 5.2),
    title: str | None = None,
    frame_format: str = "jpeg",
    progress: bool = True,
) -> Path:
    """Write the replay as one self-contained HTML page with play controls.

    The page is what matplotlib's ``Animation.to_jshtml`` makes (its ``HTMLWriter``, written
    to directly so each frame is drawn once): every frame is embedded (base64 JPEG or PNG)
    with a small script for the play / step / speed buttons, so it opens in any browser
    without Python or a kernel. It needs no network either: the icon font matplotlib links
    from a CDN is removed and the buttons are labelled with text symbols.

    Parameters
    ----------
    state : ReplayState
    path : str or Path
        Must end in ``.html``; its folder is created.
    years, fps, dpi, figsize
        As in :func:`to_gif`.
    title : str, optional
        Page title (default: "Twinning, replayed year by year: <first>-<last>").
    frame_format : {"jpeg", "png"}, default "jpeg"
        Image format of the embedded frames: JPEG pages are about four times smaller
        (about 60 kB a frame at 80 dpi); PNG keeps thin lines sharper.
    progress : bool, default True
        tqdm bar over the frames.

    Returns
    -------
    Path

    Examples
    --------
    >>> import paradiplo_net as pn, tempfile, pathlib
    >>> s = pn.replay.prepare(pn.datasets.load("toy"), years=[1950, 2022], progress=False)
    >>> p = to_html(s, pathlib.Path(tempfile.mkdtemp()) / "toy.html", dpi=30)
    >>> text = p.read_text(encoding="utf-8")
    >>> text.count("data:image/jpeg;base64"), "<script" in text
    (2, True)
    """
    from matplotlib.animation import HTMLWriter

    _check_state(state)
    out = _out_path(path, ".html")
    check_option("frame_format", frame_format, ("jpeg", "png"))
    frames = _frames(state, years, fps)
    with TemporaryDirectory() as tmp:
        fragment = Path(tmp) / "replay.html"
        # a high embed limit: matplotlib would otherwise drop frames past 20 MB silently
        with mpl.rc_context({"animation.embed_limit": 1000.0,
                             "animation.frame_format": frame_format}):
            writer = HTMLWriter(fps=fps, embed_frames=True, default_mode="once")  # type: ignore[arg-type]
            _write(state, writer, fragment, frames, dpi=dpi, figsize=figsize, progress=progress)
        body = _offline_controls(fragment.read_text(encoding="utf-8"))
    if title is None:
        title = t("replay.page_title", lang=state.lang, start=frames[0], end=frames[-1])
    head = _html_escape(title)
    page = (f'<!DOCTYPE html>\n<html lang="{state.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{head}</title>\n</head>\n<body>\n"
            f'<h1 style="font-family:sans-serif;font-size:18px">{head}</h1>\n'
            f"{body}\n</body>\n</html>\n")
    out.write_text(page, encoding="utf-8")
    logger.info("replay HTML: %d frames written to %s", len(frames), out)
    return out


#: Text symbols for the buttons of matplotlib's HTML animation, which uses Font Awesome
#: icons loaded from a CDN (blank buttons offline). Longest class first.
_BUTTON_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("fa fa-play fa-flip-horizontal", "\u25c0"),   # play backwards
    ("fa fa-fast-backward", "|\u25c0\u25c0"),
    ("fa fa-step-backward", "|\u25c0"),
    ("fa fa-fast-forward", "\u25b6\u25b6|"),
    ("fa fa-step-forward", "\u25b6|"),
    ("fa fa-pause", "\u275a\u275a"),
    ("fa fa-play", "\u25b6"),
    ("fa fa-minus", "\u2212"),
    ("fa fa-plus", "+"),
)


def _offline_controls(fragment: str) -> str:
    """Make matplotlib's HTML animation work offline: no CDN stylesheet, text buttons."""
    import re

    fragment = re.sub(r"<link[^>]*font-awesome[^>]*>", "", fragment)
    for cls, symbol in _BUTTON_SYMBOLS:
        fragment = fragment.replace(f'<i class="{cls}"></i>', symbol)
    return fragment


def _html_escape(text: str) -> str:
    import html

    return html.escape(text)


#: Frame size of the lecture exports (pixels): full HD, for a lecture-hall projector.
LECTURE_SIZE: tuple[int, int] = (1920, 1080)


#: Resolution the exports are drawn at; the figure size in inches is the pixel size / this.
_EXPORT_DPI = 150


#: Formats :func:`export` can write.
EXPORT_FORMATS: tuple[str, ...] = ("html", "gif", "mp4")


def _lecture_figsize(width: int, height: int) -> tuple[float, float]:
    for name, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 200:
            raise ValueError(f"{name} must be an int number of pixels >= 200, got {value!r}")
    return width / _EXPORT_DPI, height / _EXPORT_DPI


def ffmpeg_available() -> bool:
    """Whether matplotlib finds an ``ffmpeg`` program (needed for MP4 only).

    Examples
    --------
    >>> isinstance(ffmpeg_available(), bool)
    True
    """
    from matplotlib.animation import FFMpegWriter

    return bool(FFMpegWriter.isAvailable())


def to_mp4(
    state: ReplayState,
    path: str | Path,
    *,
    years: Sequence[int] | None = None,
    fps: float = 2.0,
    dpi: int = _EXPORT_DPI,
    figsize: tuple[float, float] = (12.8, 7.2),
    hold_last: int = 3,
    progress: bool = True,
) -> Path:
    """Write the replay as an MP4 video (H.264 through ``ffmpeg``), for slides and players.

    Parameters are those of :func:`to_gif`; the default size is 1920 x 1080 pixels.

    Returns
    -------
    Path

    Raises
    ------
    RuntimeError
        ``ffmpeg`` is not installed (:func:`ffmpeg_available`); :func:`export` skips MP4
        then instead.

    Examples
    --------
    >>> import paradiplo_net as pn, tempfile, pathlib
    >>> s = pn.replay.prepare(pn.datasets.load("toy"), years=[1950, 2022], progress=False)
    >>> if ffmpeg_available():  # only where ffmpeg is installed
    ...     p = to_mp4(s, pathlib.Path(tempfile.mkdtemp()) / "toy.mp4", progress=False)
    """
    from matplotlib.animation import FFMpegWriter

    _check_state(state)
    out = _out_path(path, ".mp4")
    if not ffmpeg_available():
        raise RuntimeError("ffmpeg was not found: install it (e.g. apt-get install ffmpeg) "
                           "for MP4, or write a GIF or HTML replay instead")
    frames = _frames(state, years, fps)
    frames = frames + frames[-1:] * int(hold_last)
    writer = FFMpegWriter(fps=fps, codec="libx264", bitrate=4000,  # type: ignore[arg-type]
                          extra_args=["-pix_fmt", "yuv420p"])
    _write(state, writer, out, frames, dpi=dpi, figsize=figsize, progress=progress)
    logger.info("replay MP4: %d frames written to %s", len(frames), out)
    return out


def export(
    G: Any,
    path: str | Path,
    *,
    formats: Sequence[str] = EXPORT_FORMATS,
    lang: str = "en",
    start: int = 1920,
    end: int | None = None,
    fps: float = 2.0,
    width: int = LECTURE_SIZE[0],
    height: int = LECTURE_SIZE[1],
    fast: bool | None = None,
    progress: bool = True,
) -> dict[str, Path | None]:
    """Write a lecture-ready replay of ``G``: HTML player, GIF and MP4 at 1920 x 1080.

    The public entry point of the replay (the command line's ``paradiplo-net replay`` calls
    it). Frames run yearly from ``start`` to the data's last year (not the calendar year),
    with the milestone notes (:data:`NOTES`: 1944, 1950, 1963 Élysée Treaty, 1973, 1989,
    2022 ...). The HTML page plays without Python, a kernel or a network (embedded frames
    and a small script); the GIF plays anywhere; the MP4 is written only where ``ffmpeg`` is
    installed, and skipped with a logged message otherwise.

    Parameters
    ----------
    G : networkx.MultiDiGraph or ReplayState
        The network (with ``lat``/``lon``), or a replay already prepared with
        :func:`prepare` (then ``lang``, ``start``, ``end`` and ``fast`` are its own).
    path : str or Path
        Output path without suffix (``out/history`` gives ``out/history.html``, ``.gif``,
        ``.mp4``); a suffix of one of the formats is dropped. The folder is created.
    formats : sequence of {"html", "gif", "mp4"}, default all three
    lang : {"en", "id"}
    start, end : int
        First and last year (``end`` defaults to the data's last year).
    fps : float, default 2
        Frames (years) per second.
    width, height : int, default 1920 x 1080
        Frame size in pixels.
    fast : bool, optional
        A few frames only (see :func:`fast_mode`; ``settings.fast`` by default).
    progress : bool, default True

    Returns
    -------
    dict
        Format -> the path written, or None for MP4 skipped without ``ffmpeg``.

    Raises
    ------
    ValueError
        Unknown format or language, bad years or size.

    Examples
    --------
    >>> import paradiplo_net as pn, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "history"
    >>> paths = export(pn.datasets.load("toy"), out, formats=["gif"], fast=True,
    ...                progress=False)
    >>> from PIL import Image
    >>> with Image.open(paths["gif"]) as gif:
    ...     gif.size
    (1920, 1080)
    """
    from ._state import prepare

    fmts = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in fmts if f not in EXPORT_FORMATS]
    if bad or not fmts:
        raise ValueError(f"formats: unknown or empty {bad or fmts}; valid formats: "
                         f"{', '.join(map(repr, EXPORT_FORMATS))}")
    figsize = _lecture_figsize(width, height)
    base = Path(path)
    if base.suffix.lower().lstrip(".") in EXPORT_FORMATS:
        base = base.with_suffix("")
    state = G if isinstance(G, ReplayState) else prepare(
        G, start=start, end=end, lang=lang, fast=fast, progress=progress)
    written: dict[str, Path | None] = {}
    options = {"fps": fps, "dpi": _EXPORT_DPI, "figsize": figsize, "progress": progress}
    for fmt in dict.fromkeys(fmts):
        target = base.with_name(base.name + "." + fmt)
        if fmt == "html":
            written[fmt] = to_html(state, target, **options)  # type: ignore[arg-type]
        elif fmt == "gif":
            written[fmt] = to_gif(state, target, **options)  # type: ignore[arg-type]
        elif ffmpeg_available():
            written[fmt] = to_mp4(state, target, **options)  # type: ignore[arg-type]
        else:
            logger.warning("replay: ffmpeg not found, MP4 skipped (HTML and GIF need none)")
            written[fmt] = None
    return written


def player(
    state: ReplayState,
    *,
    fps: float = 2.0,
    dpi: int = 80,
    figsize: tuple[float, float] = (12.8, 7.2),
    progress: bool = False,
) -> Any:
    """The replay as an inline HTML player for a notebook, that works without a kernel.

    Unlike :func:`slider` (ipywidgets, needs a running kernel: empty in an exported
    notebook), the frames are embedded in the cell's output with a small script, so the
    player still works in the notebook's HTML export, on nbviewer and on the documentation
    site.

    Returns
    -------
    IPython.display.HTML

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = pn.replay.prepare(pn.datasets.load("toy"), years=[1950, 2022], progress=False)
    >>> html = player(s, dpi=20)
    >>> html.data.count("data:image/jpeg;base64")
    2
    """
    from IPython.display import HTML

    with TemporaryDirectory() as tmp:
        page = to_html(state, Path(tmp) / "player.html", fps=fps, dpi=dpi, figsize=figsize,
                       progress=progress).read_text(encoding="utf-8")
    body = page[page.index("<body>") + len("<body>"):page.rindex("</body>")]
    return HTML(body)
