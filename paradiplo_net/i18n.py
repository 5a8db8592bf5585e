"""One translation table for every label a student sees: English and Indonesian.

Figure titles, axis labels, legends, era and phase names and the report headings all come
from :data:`LABELS` through :func:`t`. Indonesian terms follow the field's Indonesian
literature: *kota kembar* (twin city), *kota bersaudara* (sister city), *diplomasi kota*,
*paradiplomasi*, *kerja sama sister city/sister province*.

Examples
--------
>>> t("phase.commercial", lang="id")
'komersial'
>>> t("fig.growth.title", lang="en")
'Growth of twinning links per year, by O\u2019Toole phase'
>>> t("fig.growth.title", lang="fr")
Traceback (most recent call last):
...
ValueError: lang='fr' is not one of: 'en', 'id'
"""

from __future__ import annotations

from typing import Literal

from .model import check_option

__all__ = ["LABELS", "LANGS", "Lang", "t"]

Lang = Literal["en", "id"]
LANGS: tuple[str, ...] = ("en", "id")

#: key -> {"en": ..., "id": ...}. Keys are dotted: area.item[.part].
LABELS: dict[str, dict[str, str]] = {
    # O'Toole phases
    "phase.associative": {"en": "associative", "id": "asosiatif"},
    "phase.reciprocal": {"en": "reciprocal", "id": "resiprokal"},
    "phase.commercial": {"en": "commercial", "id": "komersial"},
    "phase.none": {"en": "phase not recorded", "id": "fase tidak tercatat"},
    "phase.title": {"en": "O\u2019Toole phase", "id": "Fase O\u2019Toole"},
    # kinds of link
    "kind.twin_town": {"en": "twin town", "id": "kota kembar"},
    "kind.sister_city": {"en": "sister city", "id": "kota bersaudara (sister city)"},
    "kind.friendship_city": {"en": "friendship city", "id": "kota persahabatan"},
    "kind.partnership": {"en": "partnership", "id": "kemitraan"},
    "kind.cooperation": {"en": "cooperation agreement", "id": "perjanjian kerja sama"},
    "kind.contact": {"en": "contact", "id": "kontak"},
    "kind.unspecified": {"en": "unspecified", "id": "tidak disebutkan"},
    # levels
    "level.municipality": {"en": "city / municipality", "id": "kota / kabupaten"},
    "level.province": {"en": "province", "id": "provinsi"},
    "level.prefecture": {"en": "prefecture", "id": "prefektur"},
    "level.state": {"en": "state", "id": "negara bagian"},
    "level.county": {"en": "county", "id": "county"},
    "level.district": {"en": "district", "id": "distrik"},
    "level.region": {"en": "region", "id": "wilayah"},
    "level.other": {"en": "other", "id": "lainnya"},
    # continents (geo.CONTINENTS)
    "continent.Africa": {"en": "Africa", "id": "Afrika"},
    "continent.Asia": {"en": "Asia", "id": "Asia"},
    "continent.Europe": {"en": "Europe", "id": "Eropa"},
    "continent.North America": {"en": "North America", "id": "Amerika Utara"},
    "continent.South America": {"en": "South America", "id": "Amerika Selatan"},
    "continent.Oceania": {"en": "Oceania", "id": "Oseania"},
    "continent.Antarctica": {"en": "Antarctica", "id": "Antarktika"},
    # generic words
    "word.year": {"en": "year", "id": "tahun"},
    "word.decade": {"en": "decade", "id": "dekade"},
    "word.links": {"en": "links", "id": "tautan"},
    "word.new_links": {"en": "new links per year", "id": "tautan baru per tahun"},
    "word.cumulative_links": {"en": "cumulative links", "id": "tautan kumulatif"},
    "word.cities": {"en": "cities", "id": "kota"},
    "word.countries": {"en": "countries", "id": "negara"},
    "word.city": {"en": "city", "id": "kota"},
    "word.country": {"en": "country", "id": "negara"},
    "word.rank": {"en": "rank", "id": "peringkat"},
    "word.share": {"en": "share", "id": "proporsi"},
    "word.community": {"en": "community", "id": "komunitas"},
    "word.distance_km": {"en": "great-circle distance (km)", "id": "jarak lingkaran besar (km)"},
    "word.observed": {"en": "observed", "id": "teramati"},
    "word.null_model": {"en": "null model", "id": "model nol"},
    "word.fit": {"en": "logistic fit", "id": "kurva logistik"},
    "word.adopters": {"en": "cumulative adopting cities", "id": "kota pengadopsi kumulatif"},
    "word.adoption_year": {"en": "year of first twinning", "id": "tahun kembaran pertama"},
    "word.seed_region": {"en": "seed region", "id": "wilayah asal"},
    "word.undated": {"en": "undated", "id": "tanpa tahun"},
    "word.ended": {"en": "ended", "id": "berakhir"},
    "word.other": {"en": "other", "id": "lainnya"},
    "word.density": {"en": "density", "id": "kepadatan"},
    # measures
    "measure.degree": {"en": "links (degree)", "id": "jumlah tautan (derajat)"},
    "measure.in_degree": {"en": "in-degree", "id": "derajat masuk"},
    "measure.out_degree": {"en": "out-degree", "id": "derajat keluar"},
    "measure.partners": {"en": "distinct partners", "id": "jumlah mitra berbeda"},
    "measure.betweenness": {"en": "betweenness", "id": "keperantaraan (betweenness)"},
    "measure.closeness": {"en": "closeness", "id": "kedekatan (closeness)"},
    "measure.harmonic": {"en": "harmonic centrality", "id": "sentralitas harmonik"},
    "measure.eigenvector": {"en": "eigenvector centrality", "id": "sentralitas eigenvector"},
    "measure.pagerank": {"en": "PageRank", "id": "PageRank"},
    # eras (temporal.ERAS names)
    "era.title": {"en": "era", "id": "era"},
    # figures
    "fig.growth.title": {"en": "Growth of twinning links per year, by O\u2019Toole phase",
                         "id": "Pertumbuhan tautan kota kembar per tahun, menurut fase O\u2019Toole"},
    "fig.map.title": {"en": "The world of twinning links", "id": "Peta dunia tautan kota kembar"},
    "fig.diffusion.title": {"en": "Diffusion of twinning: year each city first twinned",
                            "id": "Difusi kota kembar: tahun pertama tiap kota menjalin kembaran"},
    "fig.scurves.title": {"en": "Adoption of twinning by region, with logistic fits",
                          "id": "Adopsi kota kembar per wilayah, dengan kurva logistik"},
    "fig.centrality.title": {"en": "Most central cities", "id": "Kota paling sentral"},
    "fig.trajectories.title": {"en": "Rank trajectories over time", "id": "Lintasan peringkat dari waktu ke waktu"},
    "fig.communities.title": {"en": "Communities of the twinning network",
                              "id": "Komunitas dalam jaringan kota kembar"},
    "fig.country_communities.title": {"en": "Country network and its communities",
                                      "id": "Jaringan antarnegara dan komunitasnya"},
    "fig.heatmap.title": {"en": "Links between countries (top 25)",
                          "id": "Tautan antarnegara (25 teratas)"},
    "fig.distance.title": {"en": "Distance decay: link length against a null model",
                           "id": "Peluruhan jarak: panjang tautan dibanding model nol"},
    # report
    "report.title": {"en": "paradiplo_net report", "id": "Laporan paradiplo_net"},
    "report.summary": {"en": "Network summary", "id": "Ringkasan jaringan"},
    "report.figures": {"en": "Figures", "id": "Gambar"},
    "report.tables": {"en": "Tables", "id": "Tabel"},
    "report.dataset": {"en": "Dataset", "id": "Dataset"},
    "report.generated": {"en": "Generated", "id": "Dibuat"},
}


def t(key: str, *, lang: Lang = "en", **fmt: object) -> str:
    """Translate one label key; ``fmt`` fills ``{placeholders}``.

    Unknown keys raise ``KeyError`` naming close matches, so a typo never shows a raw key
    on a student's figure.

    Examples
    --------
    >>> t("word.year", lang="id")
    'tahun'
    >>> t("word.yeer")
    Traceback (most recent call last):
    ...
    KeyError: "no label 'word.yeer'; close keys: ['word.year']"
    """
    check_option("lang", lang, LANGS)
    try:
        text = LABELS[key][lang]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, LABELS, n=3, cutoff=0.8)
        raise KeyError(f"no label {key!r}; close keys: {close}") from None
    return text.format(**fmt) if fmt else text
