"""The Markdown and HTML reports of a run."""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._files import write_text_atomic
from ..i18n import summary_term, t


def _fmt(value: Any) -> str:
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        return "" if np.isnan(value) else f"{value:.4g}"
    return "" if value is None else str(value)


def _table_html(frame: pd.DataFrame, rows: int = 12) -> str:
    shown = frame.head(rows)
    text = shown.to_html(border=0, classes="tbl", float_format=lambda v: f"{v:.4g}", na_rep="")
    if len(frame) > rows:
        text += f"<p class='more'>{rows} / {len(frame)}</p>"
    return text


#: Widest image embedded in report.html (pixels); larger PNGs are embedded scaled down, so
#: the report stays a few MB whatever the dpi (the full-size file is linked under it).
REPORT_IMAGE_WIDTH = 1600


def preview_uri(rgba: Any) -> str:
    """A rendered figure (an RGBA array) as the ``data:`` URI report.html embeds.

    Images wider than :data:`REPORT_IMAGE_WIDTH` are scaled down by the smallest whole factor
    that fits (each output pixel the mean of a k x k block: a 300-dpi figure 3,000 pixels
    wide is embedded 1,500 wide, 4x faster than a Lanczos resize to 1,600) and reduced to a
    256-colour palette (fast octree, keeps transparency: a quarter of the bytes of a
    full-colour PNG at no visible cost for charts; 10x faster than ``optimize=True``).
    """
    import io

    from PIL import Image

    im = Image.fromarray(np.asarray(rgba, dtype=np.uint8))
    if im.width > REPORT_IMAGE_WIDTH:
        im = im.reduce(-(-im.width // REPORT_IMAGE_WIDTH))
        im = im.quantize(256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    im.save(buffer, format="PNG", compress_level=3)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _data_uri(path: Path) -> str:
    """The PNG at ``path`` as a ``data:`` URI, so report.html shows it when copied alone.

    A PNG no wider than :data:`REPORT_IMAGE_WIDTH` is embedded as it is; a wider one as
    :func:`preview_uri` makes it (:func:`paradiplo_net.figures.run` passes the rendered
    figure itself, and this reads the file only when it did not).
    """
    import io

    from PIL import Image

    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as im:
        if im.width > REPORT_IMAGE_WIDTH:
            return preview_uri(np.asarray(im.convert("RGBA")))
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _summary_rows(summary: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """The summary table (human labels, values) and its glossary, as Markdown and HTML."""
    row = summary.T.reset_index()
    row.columns = ["measure", "value"]
    terms = [summary_term(str(k), lang) for k in row["measure"]]
    head = (t("report.measure", lang=lang), t("report.value", lang=lang),
            t("report.key", lang=lang))
    md = [f"## {t('report.summary', lang=lang)}", "", f"| {' | '.join(head)} |", "|---|---|---|"]
    md += [f"| {label} | {_fmt(v)} | `{k}` |"
           for (label, _m), k, v in zip(terms, row["measure"], row["value"], strict=True)]
    md += ["", "[summary.csv](tables/summary.csv)", "", f"### {t('report.glossary', lang=lang)}",
           ""]
    md += [f"- **{label}** (`{k}`): {meaning}"
           for (label, meaning), k in zip(terms, row["measure"], strict=True)]
    md += [""]
    cells = "".join(
        f"<tr><th>{html.escape(label)}</th><td>{html.escape(_fmt(v))}</td>"
        f"<td><code>{html.escape(str(k))}</code></td></tr>"
        for (label, _m), k, v in zip(terms, row["measure"], row["value"], strict=True)
    )
    gloss = "".join(
        f"<dt>{html.escape(label)} <code>{html.escape(str(k))}</code></dt>"
        f"<dd>{html.escape(meaning)}</dd>"
        for (label, meaning), k in zip(terms, row["measure"], strict=True)
    )
    h = [
        f"<h2>{t('report.summary', lang=lang)}</h2>",
        "<table class='tbl'><tr>" + "".join(f"<th>{html.escape(x)}</th>" for x in head)
        + f"</tr>{cells}</table>",
        "<p><a href='tables/summary.csv'>summary.csv</a></p>",
        f"<h3>{t('report.glossary', lang=lang)}</h3><dl class='gloss'>{gloss}</dl>",
    ]
    return md, h


def _write_reports(
    out: Path,
    *,
    lang: str,
    identity: Mapping[str, Any],
    version: str,
    summary: pd.DataFrame | None,
    entries: list[dict[str, Any]],
    generated: str,
    sample: Mapping[str, Any] | None = None,
) -> list[Path]:
    title = t("report.title", lang=lang)
    md = [
        f"# {title}",
        "",
        f"- {t('report.dataset', lang=lang)}: `{identity['name']}`",
        f"- {t('report.checksum', lang=lang)}: `{identity['checksum']}`",
        f"- {t('report.version', lang=lang)}: {version}",
        f"- {t('report.generated', lang=lang)}: {generated}",
        f"- {t('report.manifest', lang=lang)}",
        "",
    ]
    h = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}img{max-width:100%;border:1px solid #ddd}.tbl{border-collapse:collapse;"
        "font-size:0.8em}.tbl td,.tbl th{padding:2px 6px;border-bottom:1px solid #eee;"
        "text-align:right}.tbl th{text-align:left}.cap{color:#444}"
        ".gloss dt{font-weight:bold;margin-top:.4em}.gloss dd{margin-left:1.5em}"
        ".more{font-size:0.8em;color:#777}</style></head><body>",
        f"<h1>{html.escape(title)}</h1><ul>",
        f"<li>{t('report.dataset', lang=lang)}: "
        f"<code>{html.escape(str(identity['name']))}</code></li>",
        f"<li>{t('report.checksum', lang=lang)}: <code>{identity['checksum']}</code></li>",
        f"<li>{t('report.version', lang=lang)}: {html.escape(version)}</li>",
        f"<li>{t('report.generated', lang=lang)}: {generated}</li>",
        f"<li><a href='manifest.json'>{t('report.manifest', lang=lang)}</a></li></ul>",
    ]
    if sample is not None and any(e.get("estimate") for e in entries):
        heading, text = _data_paragraph(entries, sample, identity, lang)
        md += [f"## {heading}", "", text, ""]
        h += [f"<h2>{html.escape(heading)}</h2>", f"<p class='data'>{html.escape(text)}</p>"]
    if summary is not None:
        md_rows, h_rows = _summary_rows(summary, lang)
        md += md_rows
        h += h_rows
    md += [f"## {t('report.figures', lang=lang)}", ""]
    h += [f"<h2>{t('report.figures', lang=lang)}</h2>"]
    for i, e in enumerate(entries, 1):
        md_part, h_part = _figure_section(i, e, out, lang)
        md += md_part
        h += h_part
    h += ["</body></html>"]
    paths = [out / "report.md", out / "report.html"]
    write_text_atomic(paths[0], "\n".join(md) + "\n")
    write_text_atomic(paths[1], "\n".join(h) + "\n")
    return paths


def _figure_section(
    i: int, e: Mapping[str, Any], out: Path, lang: str,
) -> tuple[list[str], list[str]]:
    """One figure of the report: title, image, caption, table links (Markdown, HTML)."""
    md: list[str] = []
    h: list[str] = []
    ftitle = t(e.get("title_key") or _TITLE_KEYS[e["name"]], lang=lang)
    md += [f"### {i}. {ftitle}", ""]
    h += [f"<h3 id='{e['name']}'>{i}. {html.escape(ftitle)}</h3>"]
    if e.get("png"):
        md += [f"![{ftitle}]({e['png']})", ""]
        h += [
            f"<img src='{e.get('preview') or _data_uri(out / e['png'])}' "
            f"alt='{html.escape(ftitle)}'>",
            f"<p class='more'><a href='{e['png']}'>{e['png']}</a></p>",
        ]
    md += [f"*{t('report.caption', lang=lang)}:* {e['caption']}", ""]
    h += [
        f"<p class='cap'><b>{t('report.caption', lang=lang)}:</b> "
        f"{html.escape(e['caption'])}</p>"
    ]
    links = ", ".join(f"[{Path(p).name}]({p})" for p in e["tables"])
    md += [f"{t('report.table_csv', lang=lang)}: {links}", ""]
    h += [
        f"<p>{t('report.table_csv', lang=lang)}: "
        + ", ".join(f"<a href='{p}'>{Path(p).name}</a>" for p in e["tables"])
        + "</p>"
    ]
    first = e.get("first_table")
    if first is not None:
        h += [
            "<details><summary>" + html.escape(Path(e["tables"][0]).name) + "</summary>",
            _table_html(first),
            "</details>",
        ]
    return md, h


def _data_paragraph(
    entries: list[dict[str, Any]], sample: Mapping[str, Any], identity: Mapping[str, Any],
    lang: str,
) -> tuple[str, str]:
    """Heading and paragraph saying which figures are town-sample estimates, which not."""
    def titles(estimate: bool) -> str:
        names = [f"{i} \u201c{t(e.get('title_key') or _TITLE_KEYS[e['name']], lang=lang)}\u201d"
                 for i, e in enumerate(entries, 1) if bool(e.get("estimate")) == estimate]
        return "; ".join(names) or "-"

    name = identity.get("name")
    core = name == "core"
    text = t("est.report.paragraph", lang=lang, drawn=sample.get("towns_drawn", "?"),
             countries=sample.get("countries", "?"), responding=sample.get("responding", "?"),
             estimates=titles(True), landmarks=titles(False),
             data=t("data.core", lang=lang) if core else f"{Path(str(name)).name}")
    if sample.get("uncovered"):
        text += " " + t("est.report.uncovered", lang=lang,
                        strata=", ".join(sample["uncovered"]),
                        places=f"{sample.get('uncovered_towns', 0):,}")
    if core:
        text += " " + t("est.report.core_note", lang=lang)
    return t("est.report.heading", lang=lang), text


_TITLE_KEYS = {
    "growth": "fig.growth.title",
    "phases": "fig.phases.title",
    "world_map": "fig.map.title",
    "diffusion_map": "fig.diffusion.title",
    "adoption_curves": "fig.scurves.title",
    "centrality": "fig.centrality.title",
    "communities": "fig.communities.title",
    "country_heatmap": "fig.heatmap.title",
    "distance_decay": "fig.distance.title",
    "contagion": "fig.contagion.title",
}
