"""The Jupyter slider that replays the history year by year."""

from __future__ import annotations

import io
import itertools
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from ..errors import OptionalDependencyError
from ..i18n import t
from ..model import check_year
from ._render import _Canvas, _check_state
from ._state import ReplayState


def slider(
    state: ReplayState,
    *,
    figsize: tuple[float, float] = (11, 5.2),
    dpi: int = 90,
    start: int | None = None,
) -> Any:
    r"""An ipywidgets year slider (with a play button) that redraws the frame in a notebook.

    The map is drawn once; moving the slider only updates the arcs, the curves and the
    note, and sends the new frame to an ``ipywidgets.Image`` (a PNG), so it follows the
    slider smoothly (about 0.3 s a frame) and needs no output capture. Needs ``ipywidgets``
    (the ``interactive`` extra: ``pip install paradiplo_net[interactive]``).

    Parameters
    ----------
    state : ReplayState
    figsize : (float, float)
    dpi : int, default 90
        Resolution of the frame image (90 dpi x 11 inches = 990 pixels wide).
    start : int, optional
        Year shown first (default: the first frame).

    Returns
    -------
    ipywidgets.VBox
        A play button and slider above the frame. Display it as the last line of a cell.
        ``box.children[0].children[1]`` is the slider (set its ``value`` to move),
        ``box.children[1]`` the image.

    Raises
    ------
    OptionalDependencyError
        ipywidgets is not installed.
    ValueError
        ``start`` is not a frame; bad ``dpi``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = pn.replay.prepare(pn.datasets.load("toy"), years=[1950, 1960, 1970], progress=False)
    >>> box = slider(s)
    >>> play, year = box.children[0].children
    >>> year.min, year.max, year.value
    (1950, 1970, 1950)
    >>> year.value = 1960  # redraws the frame of 1960
    >>> bytes(box.children[1].value[:4])  # the frame, as a PNG image
    b'\x89PNG'
    """
    _check_state(state)
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover - ipywidgets is a test dependency
        raise OptionalDependencyError(
            "the year slider needs ipywidgets: pip install 'paradiplo_net[interactive]' "
            "(or export the replay with to_gif / to_html, which need no widgets)") from exc
    if isinstance(dpi, bool) or not isinstance(dpi, (int, np.integer)) or dpi < 10:
        raise ValueError(f"dpi must be an int >= 10, got {dpi!r}")
    years = state.years
    first = years[0] if start is None else check_year("start", start)
    if first not in state.active:
        raise ValueError(f"start {first} is not a frame of this replay "
                         f"(frames {years[0]}-{years[-1]})")
    canvas = _Canvas(state, figsize)
    plt.close(canvas.fig)  # shown through the Image widget only, never by the backend
    steps = sorted({b - a for a, b in itertools.pairwise(years)}) or [1]
    year_slider = widgets.IntSlider(
        value=first, min=years[0], max=years[-1], step=steps[0] if len(steps) == 1 else 1,
        description=t("replay.slider", lang=state.lang), continuous_update=False,
        layout=widgets.Layout(width="70%"))
    play = widgets.Play(value=first, min=years[0], max=years[-1], step=year_slider.step,
                        interval=700)
    widgets.jslink((play, "value"), (year_slider, "value"))
    image = widgets.Image(format="png", layout=widgets.Layout(
        width="100%", max_width=f"{round(figsize[0] * dpi)}px"))

    def show(year: int) -> None:
        # the latest frame at or before the slider value (frames need not be every year)
        frame = max([y for y in years if y <= year] or [years[0]])
        canvas.update(frame)
        buffer = io.BytesIO()
        canvas.fig.savefig(buffer, format="png", dpi=dpi)
        image.value = buffer.getvalue()

    year_slider.observe(lambda change: show(change["new"]), names="value")
    show(first)
    box = widgets.VBox([widgets.HBox([play, year_slider]), image])
    box.canvas = canvas  # kept alive with the widget
    return box
