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
