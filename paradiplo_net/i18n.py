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

from ._checks import LANGS, check_lang

__all__ = ["LABELS", "LANGS", "SUMMARY_TERMS", "Lang", "count", "summary_term", "t"]

Lang = Literal["en", "id"]

#: key -> {"en": ..., "id": ...}. Keys are dotted: area.item[.part].
LABELS: dict[str, dict[str, str]] = {
    # multilateral city networks (plot.plot_multilateral)
    "fig.multilateral.title": {
        "en": "Multilateral city networks and twinning among their members",
        "id": "Jaringan kota multilateral dan kota kembar di antara anggotanya",
    },
    "fig.multilateral.title_year": {
        "en": "Multilateral city networks and twinning among their members, {year}",
        "id": "Jaringan kota multilateral dan kota kembar di antara anggotanya, {year}",
    },
    "multilateral.network": {"en": "network (hub)", "id": "jaringan (simpul pusat)"},
    "multilateral.city": {"en": "member city", "id": "kota anggota"},
    "multilateral.membership": {"en": "membership", "id": "keanggotaan"},
    "multilateral.twinning": {
        "en": "twinning link between members",
        "id": "hubungan kota kembar antaranggota",
    },
    "multilateral.legend": {"en": "Networks", "id": "Jaringan"},
    "multilateral.unmatched": {
        "en": "{n} membership row(s) not in the twinning graph",
        "id": "{n} baris keanggotaan tidak ada di graf kota kembar",
    },
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
    "fig.growth.title": {
        "en": "Growth of twinning links per year, by O\u2019Toole phase",
        "id": "Pertumbuhan tautan kota kembar per tahun, menurut fase O\u2019Toole",
    },
    "fig.map.title": {"en": "The world of twinning links", "id": "Peta dunia tautan kota kembar"},
    "fig.diffusion.title": {"en": "Diffusion of twinning: year each city first twinned",
                            "id": "Difusi kota kembar: tahun pertama tiap kota menjalin kembaran"},
    "fig.scurves.title": {"en": "Adoption of twinning by region, with logistic fits",
                          "id": "Adopsi kota kembar per wilayah, dengan kurva logistik"},
    "fig.centrality.title": {"en": "Most central cities", "id": "Kota paling sentral"},
    "fig.trajectories.title": {
        "en": "Rank trajectories over time", "id": "Lintasan peringkat dari waktu ke waktu"
    },
    "fig.communities.title": {"en": "Communities of the twinning network",
                              "id": "Komunitas dalam jaringan kota kembar"},
    "fig.country_communities.title": {"en": "Country network and its communities",
                                      "id": "Jaringan antarnegara dan komunitasnya"},
    "fig.heatmap.title": {"en": "Links between countries (top 25)",
                          "id": "Tautan antarnegara (25 teratas)"},
    "fig.contagion.title": {
        "en": "Did twinning spread through partners or through neighbours?",
        "id": "Apakah kota kembar menyebar lewat mitra atau lewat tetangga?",
    },
    "plot.exposure_partners": {
        "en": "exposure through partners", "id": "paparan lewat mitra",
    },
    "plot.exposure_neighbours": {
        "en": "exposure through neighbours", "id": "paparan lewat tetangga",
    },
    "plot.exposure_axis": {
        "en": "effect on the log-odds of a city's first link (95 % interval)",
        "id": "pengaruh pada log-odds tautan pertama sebuah kota (interval 95 %)",
    },
    "plot.exposure_note": {
        "en": "odds x{odds:.2f} per +10 points; contagion test p = {p:.2f}",
        "id": "odds x{odds:.2f} per +10 poin; uji penularan p = {p:.2f}",
    },
    "fig.distance.title": {"en": "Distance decay: link length against a null model",
                           "id": "Peluruhan jarak: panjang tautan dibanding model nol"},
    # replay (paradiplo_net.replay)
    "replay.title": {
        "en": "{year}: {links} in force between {cities} in {countries}",
        "id": "{year}: {links} berlaku antara {cities} di {countries}"},
    "n.links": {"en": "{n} links", "id": "{n} tautan"},
    "n.links.one": {"en": "{n} link", "id": "{n} tautan"},
    "n.cities": {"en": "{n} cities", "id": "{n} kota"},
    "n.cities.one": {"en": "{n} city", "id": "{n} kota"},
    "n.countries": {"en": "{n} countries", "id": "{n} negara"},
    "n.countries.one": {"en": "{n} country", "id": "{n} negara"},
    "replay.in_force": {"en": "links in force", "id": "tautan yang berlaku"},
    "replay.ever_formed": {"en": "links ever formed", "id": "tautan yang pernah dibentuk"},
    "replay.new_since": {"en": "thick: new since {start}", "id": "tebal: baru sejak {start}"},
    "replay.new_in": {"en": "thick: new in {year}", "id": "tebal: baru pada {year}"},
    "replay.era_of_first": {"en": "era of the pair's first link",
                            "id": "era tautan pertama pasangan"},
    "replay.growth_title": {"en": "Growth of the network", "id": "Pertumbuhan jaringan"},
    "replay.slider": {"en": "year", "id": "tahun"},
    "replay.page_title": {"en": "Twinning, replayed year by year: {start}-{end}",
                          "id": "Kota kembar, tahun demi tahun: {start}-{end}"},
    "replay.undated_note": {"en": "{n} undated links not shown",
                            "id": "{n} tautan tanpa tahun tidak ditampilkan"},
    "replay.data": {"en": "Data: {dataset}", "id": "Data: {dataset}"},
    "replay.data.core": {
        "en": "core, curated landmark links (chosen for their place in history, not a "
              "representative sample: counts show the selection, not all twinning)",
        "id": "core, tautan tonggak sejarah pilihan (dipilih karena tempatnya dalam sejarah, "
              "bukan sampel representatif: jumlahnya menunjukkan pilihan, bukan seluruh "
              "kota kembar)"},
    "replay.data.sample": {
        "en": "sample, the links of a random sample of 622 towns (unweighted here)",
        "id": "sample, tautan dari sampel acak 622 kota (tanpa bobot di sini)"},
    # report
    "report.title": {"en": "paradiplo_net report", "id": "Laporan paradiplo_net"},
    "report.summary": {"en": "Network summary", "id": "Ringkasan jaringan"},
    "report.figures": {"en": "Figures", "id": "Gambar"},
    "report.tables": {"en": "Tables", "id": "Tabel"},
    "report.dataset": {"en": "Dataset", "id": "Dataset"},
    "report.generated": {"en": "Generated", "id": "Dibuat"},
    # named regions (geo.REGIONS)
    "region.western-europe": {"en": "Western Europe", "id": "Eropa Barat"},
    "region.eastern-europe": {"en": "Eastern Europe", "id": "Eropa Timur"},
    "region.north-america": {"en": "North America", "id": "Amerika Utara"},
    "region.latin-america": {"en": "Latin America", "id": "Amerika Latin"},
    "region.east-asia": {"en": "East Asia", "id": "Asia Timur"},
    "region.southeast-asia": {"en": "Southeast Asia", "id": "Asia Tenggara"},
    "region.south-asia": {"en": "South Asia", "id": "Asia Selatan"},
    "region.central-asia": {"en": "Central Asia", "id": "Asia Tengah"},
    "region.middle-east-north-africa": {
        "en": "Middle East and North Africa",
        "id": "Timur Tengah dan Afrika Utara",
    },
    "region.sub-saharan-africa": {"en": "Sub-Saharan Africa", "id": "Afrika Sub-Sahara"},
    "region.oceania": {"en": "Oceania", "id": "Oseania"},
    "region.unknown": {"en": "unknown region", "id": "wilayah tidak diketahui"},
    # figure parts (plot.py, figures.py)
    "plot.links_log": {"en": "statements (log scale)", "id": "pernyataan (skala log)"},
    "plot.share_of_links": {
        "en": "share of links per distance bin",
        "id": "proporsi tautan per kelas jarak",
    },
    "plot.ratio_band": {
        "en": "observed / null, 5\u201395 % of null runs",
        "id": "teramati / model nol, 5\u201395 % ulangan model nol",
    },
    "plot.ratio_null": {
        "en": "observed / null (log scale)",
        "id": "teramati / model nol (skala log)",
    },
    "plot.null_band": {
        "en": "null model, 5\u201395 % of runs",
        "id": "model nol, 5\u201395 % ulangan",
    },
    "plot.null_median": {"en": "null model, median", "id": "model nol, median"},
    "plot.share_adopted": {
        "en": "share of the region\u2019s adopting cities",
        "id": "proporsi kota pengadopsi di wilayah",
    },
    "plot.seed_cities": {
        "en": "seed-region cities (first adopters)",
        "id": "kota wilayah asal (pengadopsi pertama)",
    },
    "plot.other_communities": {"en": "smaller communities", "id": "komunitas yang lebih kecil"},
    "plot.community_n": {
        "en": "community {n} ({size} cities)",
        "id": "komunitas {n} ({size} kota)",
    },
    "plot.country_community_n": {
        "en": "community {n} ({size} countries)",
        "id": "komunitas {n} ({size} negara)",
    },
    "plot.top_cities": {
        "en": "Top {n} cities by {measure}",
        "id": "{n} kota teratas menurut {measure}",
    },
    "plot.rank_inverted": {"en": "rank (1 = most central)", "id": "peringkat (1 = paling sentral)"},
    "plot.node_size_links": {"en": "node size: links", "id": "ukuran simpul: jumlah tautan"},
    "plot.color_by_decade": {"en": "decade of first link", "id": "dekade tautan pertama"},
    "plot.color_by_era": {"en": "era of first link", "id": "era tautan pertama"},
    "plot.arcs_note": {
        "en": "{n} city pairs drawn; {skipped} without coordinates",
        "id": "{n} pasangan kota digambar; {skipped} tanpa koordinat",
    },
    "plot.inferred_phases": {
        "en": "phases: {recorded} recorded, {inferred} inferred ({rule}), {none} not recorded",
        "id": (
            "fase: {recorded} tercatat, {inferred} disimpulkan ({rule}), {none} tidak "
            "tercatat"
        ),
    },
    "plot.size_key_links": {"en": "links per country", "id": "tautan per negara"},
    "plot.footer": {
        "en": "Data: {dataset} \u00b7 {nodes} cities, {links} links (twinning statements)",
        "id": "Data: {dataset} \u00b7 {nodes} kota, {links} tautan (pernyataan kota kembar)",
    },
    "plot.too_few": {
        "en": "Not fitted (fewer than {k} adopting cities): {regions}",
        "id": "Tidak dicocokkan (kurang dari {k} kota pengadopsi): {regions}",
    },
    "report.glossary": {"en": "What the measures mean", "id": "Arti setiap ukuran"},
    "report.measure": {"en": "measure", "id": "ukuran"},
    "report.value": {"en": "value", "id": "nilai"},
    "report.meaning": {"en": "meaning", "id": "arti"},
    "report.key": {"en": "column in summary.csv", "id": "kolom di summary.csv"},
    "plot.no_data": {"en": "no data to show", "id": "tidak ada data untuk ditampilkan"},
    # report (figures.run)
    "report.caption": {"en": "Caption", "id": "Keterangan"},
    "report.table_csv": {
        "en": "table behind the figure (CSV)",
        "id": "tabel di balik gambar (CSV)",
    },
    "report.parameters": {"en": "Parameters", "id": "Parameter"},
    "report.checksum": {"en": "checksum (SHA-256)", "id": "checksum (SHA-256)"},
    "report.version": {"en": "package version", "id": "versi paket"},
    "report.seconds": {"en": "seconds", "id": "detik"},
    "report.manifest": {
        "en": "full provenance: manifest.json",
        "id": "asal-usul lengkap: manifest.json",
    },
    # figure captions (figures.py)
    "cap.growth": {
        "en": (
            "New twinning statements per year, stacked by O\u2019Toole phase; shaded bands are the"
            " eras. {phases}. Undated statements left out: {undated}."
        ),
        "id": (
            "Pernyataan kota kembar baru per tahun, ditumpuk menurut fase O\u2019Toole; pita "
            "berarsir adalah era. {phases}. Pernyataan tanpa tahun tidak dihitung: {undated}."
        ),
    },
    "cap.world_map": {
        "en": (
            "Great-circle arcs between twinned cities (one arc per city pair), coloured by "
            "{color_by} of the pair\u2019s earliest link. {note}."
        ),
        "id": (
            "Busur lingkaran besar antara kota kembar (satu busur per pasangan kota), "
            "diwarnai menurut {color_by} tautan paling awal pasangan itu. {note}."
        ),
    },
    "cap.diffusion_map": {
        "en": (
            "Each city coloured by the year of its first twinning link; rings mark the "
            "{n_seed} cities of the seed region ({seed_region}) that adopted by {until}. "
            "Cities with only undated links: {undated}."
        ),
        "id": (
            "Setiap kota diwarnai menurut tahun tautan kembaran pertamanya; cincin menandai "
            "{n_seed} kota wilayah asal ({seed_region}) yang mengadopsi hingga {until}. Kota "
            "yang hanya punya tautan tanpa tahun: {undated}."
        ),
    },
    "cap.adoption_curves": {
        "en": (
            "Cumulative share of each region\u2019s adopting cities since {since} (points) with "
            "the fitted logistic curves (lines), for the {shown} regions with most adopters, "
            "ordered by wave (logistic midpoint); the table gives every region\u2019s midpoint, "
            "rate and fit quality. Not drawn: {unfitted}."
        ),
        "id": (
            "Proporsi kumulatif kota pengadopsi per wilayah sejak {since} (titik) dengan "
            "kurva logistik (garis), untuk {shown} wilayah dengan pengadopsi terbanyak, "
            "diurutkan menurut gelombang (titik tengah logistik); tabel memuat titik tengah, "
            "laju dan kualitas kecocokan setiap wilayah. Tidak digambar: {unfitted}."
        ),
    },
    "cap.centrality": {
        "en": (
            "Left: the {top} cities with the most {measure}. Right: the rank of the {n_traj} "
            "top cities in the network as it stood in each year shown (links formed by then "
            "and not ended)."
        ),
        "id": (
            "Kiri: {top} kota dengan {measure} terbanyak. Kanan: peringkat {n_traj} kota "
            "teratas dalam jaringan pada setiap tahun yang ditampilkan (tautan yang sudah "
            "terbentuk dan belum berakhir)."
        ),
    },
    "cap.communities": {
        "en": (
            "Top: cities coloured by {method} community (seed {seed}; modularity "
            "{modularity:.3f}; the {k} largest of {n} communities coloured). Bottom: the "
            "country network, countries at the mean position of their cities, coloured by "
            "country-level community, sized by links (key lower left), joined by great-circle "
            "arcs as wide as their links."
        ),
        "id": (
            "Atas: kota diwarnai menurut komunitas {method} (seed {seed}; modularitas "
            "{modularity:.3f}; {k} terbesar dari {n} komunitas diwarnai). Bawah: jaringan "
            "antarnegara, negara di posisi rata-rata kotanya, diwarnai menurut komunitas "
            "tingkat negara, ukuran menurut jumlah tautan (kunci di kiri bawah), dihubungkan "
            "oleh busur lingkaran besar selebar jumlah tautannya."
        ),
    },
    "cap.country_heatmap": {
        "en": (
            "Twinning statements between cities of the {n} countries with the most links. "
            "Each cell counts statements, not city pairs: a pair recorded by both cities "
            "counts twice. The diagonal holds domestic statements. Log colour scale; empty "
            "cells: no statement."
        ),
        "id": (
            "Pernyataan kota kembar antara kota-kota dari {n} negara dengan tautan "
            "terbanyak. Setiap sel menghitung pernyataan, bukan pasangan kota: pasangan yang "
            "dicatat kedua kota dihitung dua kali. Diagonal berisi pernyataan domestik. Skala "
            "warna log; sel kosong: tidak ada pernyataan."
        ),
    },
    "cap.contagion": {
        "en": (
            "Discrete-time logit of a city's first dated link on the share of its partners and "
            "of its {k} nearest cities that had twinned by the year before ({cities} cities "
            "with coordinates at risk from {start}, {adoptions} adoptions; cubic baseline "
            "hazard). p: contagion test against {n} shuffles of the adoption years (seed "
            "{seed}). A partner effect means newcomers twinned with experienced twinners, not "
            "necessarily influence."
        ),
        "id": (
            "Logit waktu-diskrit tautan bertanggal pertama sebuah kota terhadap bagian mitranya "
            "dan {k} kota terdekatnya yang sudah menjalin kembaran setahun sebelumnya ({cities} "
            "kota berkoordinat yang berisiko sejak {start}, {adoptions} adopsi; hazard dasar "
            "kubik). p: uji penularan terhadap {n} pengacakan tahun adopsi (seed {seed}). "
            "Pengaruh mitra berarti pendatang baru bermitra dengan kota berpengalaman, belum "
            "tentu pengaruh."
        ),
    },
    "cap.distance_decay": {
        "en": (
            "Great-circle length of the {n} city pairs against {runs} runs of a null model "
            "that re-pairs the same cities at random keeping each city\u2019s number of partners "
            "(seed {seed}). Median length: observed {obs:.0f} km, null {null:.0f} km."
        ),
        "id": (
            "Panjang lingkaran besar {n} pasangan kota dibanding {runs} ulangan model nol "
            "yang memasangkan ulang kota yang sama secara acak dengan jumlah mitra tiap kota "
            "tetap (seed {seed}). Median panjang: teramati {obs:.0f} km, model nol {null:.0f}"
            " km."
        ),
    },
    # ---- town-sample estimates (figures._estimates, issue 18) ----
    "data.core": {"en": "curated landmark links (core)", "id": "tautan penting terkurasi (core)"},
    "est.footer": {
        "en": "Data: town sample, {drawn} towns drawn, {responding} responding, design-weighted, "
        "95 % CI \u00b7 {n}",
        "id": "Data: sampel kota, {drawn} kota terpilih, {responding} menjawab, berbobot desain, "
        "SK 95 % \u00b7 {n}",
    },
    "est.n.links": {"en": "n = {n} links", "id": "n = {n} tautan"},
    "est.n.towns": {"en": "n = {n} responding towns", "id": "n = {n} kota yang menjawab"},
    "est.legend.estimate": {"en": "weighted estimate", "id": "estimasi berbobot"},
    "est.legend.ci": {"en": "95 % confidence interval", "id": "selang kepercayaan 95 %"},
    "est.legend.all_towns": {"en": "all regions", "id": "semua wilayah"},
    "est.axis.decade": {"en": "decade formed", "id": "dekade terbentuk"},
    "est.axis.links": {"en": "estimated links (dated) in all frame towns",
                       "id": "estimasi tautan (bertahun) di semua kota kerangka"},
    "est.axis.share_links": {"en": "estimated share of links", "id": "estimasi proporsi tautan"},
    "est.axis.share_towns": {"en": "share of towns twinned", "id": "proporsi kota berkembar"},
    "est.axis.share_phased": {"en": "share of the decade\u2019s links with a recorded phase",
                              "id": "proporsi tautan dekade itu yang fasenya tercatat"},
    "est.axis.partner_country": {"en": "partner country", "id": "negara mitra"},
    "est.axis.town_country": {"en": "country of the sampled towns", "id": "negara kota sampel"},
    "est.axis.distance": {"en": "distance to the partner town (km, great circle)",
                          "id": "jarak ke kota mitra (km, lingkaran besar)"},
    "est.decade_partial": {"en": "{decade}s\n(to {last})", "id": "{decade}-an\n(s.d. {last})"},
    "est.panel_n": {"en": "{name} (n = {n} towns)", "id": "{name} (n = {n} kota)"},
    "est.panel_n_drawn": {"en": "{name} (n = {n} of {drawn} drawn)",
                          "id": "{name} (n = {n} dari {drawn} terpilih)"},
    "est.growth.title": {
        "en": "Twinning links formed per decade in all towns (town sample, weighted)",
        "id": "Tautan kota kembar yang terbentuk per dekade di semua kota (sampel kota, berbobot)",
    },
    "est.growth.total": {"en": "Estimated number of links formed",
                         "id": "Estimasi jumlah tautan terbentuk"},
    "est.growth.profile": {"en": "Decade profile: share of dated links",
                           "id": "Profil dekade: proporsi tautan bertahun"},
    "est.adoption.title": {
        "en": "Share of towns twinned by each year, by region (town sample, weighted)",
        "id": "Proporsi kota yang sudah berkembar tiap tahun, per wilayah (sampel kota, berbobot)",
    },
    "est.matrix.title": {
        "en": "Partner countries of each country\u2019s towns (estimated share of their links)",
        "id": "Negara mitra kota-kota tiap negara (estimasi proporsi tautannya)",
    },
    "est.growth.regions": {"en": "Estimated links formed, by region of the towns (95 % CI)",
                           "id": "Estimasi tautan terbentuk, per wilayah kota (SK 95 %)"},
    "est.other_regions": {"en": "other regions", "id": "wilayah lain"},
    "est.matrix.other": {"en": "other", "id": "lainnya"},
    "est.distance.title": {
        "en": "How far towns twin: distance to the partner (town sample, weighted)",
        "id": "Seberapa jauh kota berkembar: jarak ke mitra (sampel kota, berbobot)",
    },
    "est.phases.title": {
        "en": "O\u2019Toole phase by decade, where the sources record it (town sample)",
        "id": "Fase O\u2019Toole per dekade, bila sumber mencatatnya (sampel kota)",
    },
    "fig.phases.title": {"en": "O\u2019Toole phase by decade",
                         "id": "Fase O\u2019Toole per dekade"},
    "est.cap.growth": {
        "en": "Top left: estimated number of twinning links formed in each decade by all eligible "
        "towns of the frame (design-weighted totals, 95 % CI); right: the share of dated links "
        "formed in each decade; bottom: totals by region of the towns. {undated} of the sampled "
        "towns\u2019 {links} links ({pct:.0f} %) have no year and are left out: the totals (sum "
        "{total}) are lower bounds; the profile holds if undated links are spread like the "
        "{dated} dated ones. The last decade is incomplete (hatched).",
        "id": "Kiri atas: estimasi jumlah tautan kota kembar yang terbentuk tiap dekade oleh "
        "semua kota layak dalam kerangka (total berbobot desain, SK 95 %); kanan: proporsi tautan "
        "bertahun yang terbentuk tiap dekade; bawah: total per wilayah kota. {undated} dari "
        "{links} tautan kota sampel ({pct:.0f} %) tidak bertahun dan tidak dihitung: total "
        "(jumlah {total}) adalah batas bawah; profil berlaku bila tautan tanpa tahun tersebar "
        "seperti {dated} tautan bertahun. Dekade terakhir belum lengkap (berarsir).",
    },
    "est.cap.phases": {
        "en": "Share of each O\u2019Toole phase among the links formed in each decade, where the "
        "town\u2019s source states the link\u2019s purpose ({phased} of {dated} dated links, "
        "{pct:.0f} %; no phase is inferred); design-weighted, 95 % CI (normal, clipped to 0-100 "
        "%; a share of 0 has no interval drawn, not a certain 0). n under each decade; decades "
        "with fewer than {k} phased links are not drawn: {few}.",
        "id": "Proporsi tiap fase O\u2019Toole di antara tautan yang terbentuk tiap dekade, bila "
        "sumber kota menyebut tujuan tautannya ({phased} dari {dated} tautan bertahun, {pct:.0f} "
        "%; tidak ada fase yang disimpulkan); berbobot desain, SK 95 % (normal, dipotong ke 0-100 "
        "%; proporsi 0 tanpa selang, bukan 0 yang pasti). n di bawah tiap dekade; dekade dengan "
        "kurang dari {k} tautan berfase tidak digambar: {few}.",
    },
    "cap.phases": {
        "en": "Share of each O\u2019Toole phase among the dated links of each decade that have "
        "one (unweighted counts of these links). {phases}. n under each decade; decades with "
        "fewer than {k} phased links are not drawn.",
        "id": "Proporsi tiap fase O\u2019Toole di antara tautan bertahun tiap dekade yang punya "
        "fase (hitungan tak berbobot). {phases}. n di bawah tiap dekade; dekade dengan kurang "
        "dari {k} tautan berfase tidak digambar.",
    },
    "est.cap.adoption": {
        "en": "Estimated share of towns that had at least one twinning link by each year since "
        "{since}, with 95 % bands (Korn-Graubard); dashed: all regions. Denominator: all eligible "
        "towns of the frame (about {eligible}), towns that never twinned included ({zero} "
        "responding town(s) recorded none). Non-responding towns ({nonresp}, no list found) are "
        "assumed to resemble the respondents of their stratum: if they twin less, the shares are "
        "too high; the dotted line counts them all as never twinned (the lower bound). Towns "
        "whose status by a year is unknown (only undated links up to then) are left out of that "
        "year: {und}. n = responding towns per region; a band from 0 to 100 % means too few towns "
        "to say.",
        "id": "Estimasi proporsi kota yang sudah punya setidaknya satu tautan kota kembar tiap "
        "tahun sejak {since}, dengan pita 95 % (Korn-Graubard); putus-putus: semua wilayah. "
        "Penyebut: semua kota layak dalam kerangka (sekitar {eligible}), termasuk kota yang tidak "
        "pernah berkembar ({zero} kota yang menjawab tidak mencatat satu pun). Kota yang tidak "
        "menjawab ({nonresp}, daftar tidak ditemukan) dianggap mirip kota yang menjawab di "
        "stratumnya: bila mereka lebih jarang berkembar, proporsinya terlalu tinggi; garis "
        "titik-titik menganggap mereka semua tidak pernah berkembar (batas bawah). Kota yang "
        "statusnya pada suatu tahun tidak diketahui (hanya tautan tanpa tahun sampai saat itu) "
        "tidak dihitung pada tahun itu: {und}. n = kota yang menjawab per wilayah; pita dari 0 "
        "sampai 100 % berarti kotanya terlalu sedikit.",
    },
    "est.cap.matrix": {
        "en": "Each row: the estimated share (per cent) of the links of one country\u2019s towns "
        "that go to each of the {top} partner countries most frequent across all towns ({rows} "
        "countries; n = responding towns of the row; 'other' at the right). Design-weighted ratio "
        "estimates over {links} links; intervals in the table shares.csv. Links whose partner has "
        "no country: {unknown}. Rows of fewer than {k} towns (grey) are anecdotes, not estimates: "
        "{few}.",
        "id": "Tiap baris: estimasi proporsi (persen) tautan kota-kota satu negara yang menuju "
        "tiap {top} negara mitra tersering di semua kota ({rows} negara; n = kota yang menjawab "
        "di baris itu; 'lainnya' di kanan). Estimasi rasio berbobot desain atas {links} tautan; "
        "selang di tabel shares.csv. Tautan yang mitranya tanpa negara: {unknown}. Baris dengan "
        "kurang dari {k} kota (abu-abu) hanyalah anekdot, bukan estimasi: {few}.",
    },
    "est.cap.few_zero": {
        "en": "Only {zero} of {responding} responding towns recorded no link: towns that never "
        "twinned were rarely found as such, so where the curves reach 100 % that is how towns "
        "were found, not a finding that every town twinned; the intervals cover sampling error "
        "only. Read the timing of the rise, and the dotted lower bound for the level.",
        "id": "Hanya {zero} dari {responding} kota yang menjawab tidak mencatat tautan: kota yang "
        "tidak pernah berkembar jarang ditemukan sebagai demikian, jadi kurva yang mencapai 100 % "
        "mencerminkan cara kota ditemukan, bukan temuan bahwa semua kota berkembar; selang hanya "
        "mencakup galat sampling. Bacalah waktu kenaikannya, dan batas bawah titik-titik untuk "
        "tingkatnya.",
    },
    "est.legend.lower_bound": {
        "en": "lower bound: towns without a list\ncounted as never twinned",
        "id": "batas bawah: kota tanpa daftar\ndianggap tidak pernah berkembar",
    },
    "est.too_few_towns": {"en": "fewer than {k} towns:\nnot an estimate",
                          "id": "kurang dari {k} kota:\nbukan estimasi"},
    "est.cap.distance": {
        "en": "Estimated share of twinning links by great-circle distance from the town to its "
        "partner, design-weighted, 95 % CI; {n} of {links} links ({missing} partners without "
        "coordinates left out). The bands widen about twofold each (read them as a log scale). "
        "Weighted median distance: {median:,.0f} km.",
        "id": "Estimasi proporsi tautan kota kembar menurut jarak lingkaran besar dari kota ke "
        "mitranya, berbobot desain, SK 95 %; {n} dari {links} tautan ({missing} mitra tanpa "
        "koordinat tidak dihitung). Lebar tiap pita kira-kira dua kali pita sebelumnya (baca "
        "sebagai skala log). Median jarak berbobot: {median:,.0f} km.",
    },
    "est.report.heading": {"en": "Which data each figure shows",
                           "id": "Data yang ditampilkan tiap gambar"},
    "est.report.paragraph": {
        "en": "Estimates from the town sample ({drawn} towns drawn in {countries} countries, "
        "{responding} responding; design-weighted, 95 % confidence intervals): {estimates}. Drawn "
        "from {data}: {landmarks}.",
        "id": "Estimasi dari sampel kota ({drawn} kota terpilih di {countries} negara, "
        "{responding} menjawab; berbobot desain, selang kepercayaan 95 %): {estimates}. Digambar "
        "dari {data}: {landmarks}.",
    },
    "est.report.core_note": {
        "en": "The landmark links are accurate but favour big cities and East Asia: read them for "
        "the stories of particular links and networks, and the sample for trends and shares.",
        "id": "Tautan penting itu akurat tetapi condong ke kota besar dan Asia Timur: bacalah "
        "untuk kisah tautan dan jaringan tertentu, dan sampel untuk tren dan proporsi.",
    },
}



#: Human labels and one-line meanings of every column of :func:`paradiplo_net.stats.summary`
#: (key -> language -> (label, meaning)), used by the report's summary table and glossary.
SUMMARY_TERMS: dict[str, dict[str, tuple[str, str]]] = {
    "directed": {
        "en": ("directed", "True if each statement keeps the side that recorded it."),
        "id": ("berarah", "True jika setiap pernyataan menyimpan pihak yang mencatatnya."),
    },
    "nodes": {
        "en": ("cities", "Number of cities (nodes) in the network."),
        "id": ("kota", "Jumlah kota (simpul) dalam jaringan."),
    },
    "links": {
        "en": ("links (statements)", "Number of twinning statements (edges); a pair listed "
               "by both cities counts twice."),
        "id": ("tautan (pernyataan)", "Jumlah pernyataan kota kembar (sisi); pasangan yang "
               "dicatat kedua kota dihitung dua kali."),
    },
    "distinct_pairs": {
        "en": ("city pairs", "Number of distinct unordered pairs of twinned cities."),
        "id": ("pasangan kota", "Jumlah pasangan kota kembar yang berbeda (tanpa arah)."),
    },
    "reciprocity": {
        "en": ("reciprocity", "Share of statements confirmed by the partner's own statement."),
        "id": ("resiprositas", "Proporsi pernyataan yang dikonfirmasi oleh pernyataan mitra."),
    },
    "components": {
        "en": ("components", "Number of separate groups of cities connected by links."),
        "id": ("komponen", "Jumlah kelompok kota terpisah yang terhubung oleh tautan."),
    },
    "isolates": {
        "en": ("isolated cities", "Cities with no link."),
        "id": ("kota terisolasi", "Kota tanpa tautan."),
    },
    "largest_component_nodes": {
        "en": ("largest component (cities)", "Cities in the largest connected group."),
        "id": ("komponen terbesar (kota)", "Jumlah kota dalam kelompok terhubung terbesar."),
    },
    "largest_component_share": {
        "en": ("largest component (share)", "Share of all cities in the largest connected "
               "group."),
        "id": ("komponen terbesar (proporsi)", "Proporsi semua kota dalam kelompok terhubung "
               "terbesar."),
    },
    "diameter": {
        "en": ("diameter", "Most steps on a shortest path between two cities of the largest "
               "component (a lower bound when sampled)."),
        "id": ("diameter", "Langkah terbanyak pada jalur terpendek antara dua kota di komponen "
               "terbesar (batas bawah jika disampel)."),
    },
    "mean_distance": {
        "en": ("mean distance (steps)", "Average number of links on a shortest path in the "
               "largest component."),
        "id": ("jarak rata-rata (langkah)", "Rata-rata jumlah tautan pada jalur terpendek di "
               "komponen terbesar."),
    },
    "paths": {
        "en": ("path method", "'exact': all pairs measured; 'sampled': from a random sample "
               "of start cities."),
        "id": ("metode jalur", "'exact': semua pasangan diukur; 'sampled': dari sampel acak "
               "kota awal."),
    },
    "paths_sources": {
        "en": ("path start cities", "Number of start cities used for the path measures."),
        "id": ("kota awal jalur", "Jumlah kota awal yang dipakai untuk ukuran jalur."),
    },
    "transitivity": {
        "en": ("transitivity", "Share of connected triples that close into triangles (partners "
               "of a city twinned with each other)."),
        "id": ("transitivitas", "Proporsi tripel terhubung yang menutup menjadi segitiga (mitra "
               "suatu kota juga saling berkembaran)."),
    },
    "avg_clustering": {
        "en": ("average clustering", "Mean over cities of the share of their partner pairs "
               "that are twinned too."),
        "id": ("klasterisasi rata-rata", "Rata-rata per kota dari proporsi pasangan mitranya "
               "yang juga berkembaran."),
    },
    "degree_assortativity": {
        "en": ("degree assortativity", "Above 0: well-connected cities twin with "
               "well-connected ones; below 0: with small ones."),
        "id": ("asortativitas derajat", "Di atas 0: kota dengan banyak mitra berkembaran "
               "dengan sesamanya; di bawah 0: dengan kota kecil."),
    },
    "country_assortativity": {
        "en": ("country assortativity", "Above 0: cities twin within their own country more "
               "than chance."),
        "id": ("asortativitas negara", "Di atas 0: kota lebih sering berkembaran di dalam "
               "negaranya sendiri daripada kebetulan."),
    },
    "continent_assortativity": {
        "en": ("continent assortativity", "Above 0: cities twin within their own continent "
               "more than chance."),
        "id": ("asortativitas benua", "Di atas 0: kota lebih sering berkembaran di dalam "
               "benuanya sendiri daripada kebetulan."),
    },
    "nodes_country_unknown": {
        "en": ("cities without country", "Cities whose country is unknown (left out of the "
               "country measures)."),
        "id": ("kota tanpa negara", "Kota yang negaranya tidak diketahui (tidak ikut dalam "
               "ukuran negara)."),
    },
    "powerlaw_alpha": {
        "en": ("power-law exponent", "Exponent alpha of a power law fitted to the number of "
               "partners per city (its tail)."),
        "id": ("eksponen hukum pangkat", "Eksponen alpha hukum pangkat yang dicocokkan pada "
               "jumlah mitra per kota (ekornya)."),
    },
    "powerlaw_xmin": {
        "en": ("power-law start", "Smallest number of partners from which the power law is "
               "fitted."),
        "id": ("awal hukum pangkat", "Jumlah mitra terkecil tempat hukum pangkat mulai "
               "dicocokkan."),
    },
    "powerlaw_R_lognormal": {
        "en": ("power law vs lognormal (R)", "Log-likelihood ratio: above 0 favours a power "
               "law, below 0 a lognormal distribution."),
        "id": ("hukum pangkat vs lognormal (R)", "Rasio log-likelihood: di atas 0 mendukung "
               "hukum pangkat, di bawah 0 distribusi lognormal."),
    },
    "powerlaw_p_lognormal": {
        "en": ("power law vs lognormal (p)", "p-value of R: below 0.05, the sign of R can be "
               "trusted."),
        "id": ("hukum pangkat vs lognormal (p)", "Nilai p dari R: di bawah 0,05, tanda R dapat "
               "dipercaya."),
    },
    "powerlaw_n_tail": {
        "en": ("power-law tail (cities)", "Cities with at least 'power-law start' partners."),
        "id": ("ekor hukum pangkat (kota)", "Kota dengan mitra sebanyak 'awal hukum pangkat' "
               "atau lebih."),
    },
    "domestic_share": {
        "en": ("domestic share", "Share of statements joining two cities of the same country."),
        "id": ("proporsi domestik", "Proporsi pernyataan yang menghubungkan dua kota di negara "
               "yang sama."),
    },
    "links_country_unknown": {
        "en": ("links without country", "Statements with an end of unknown country (left out "
               "of the domestic share)."),
        "id": ("tautan tanpa negara", "Pernyataan yang salah satu ujungnya tidak diketahui "
               "negaranya (tidak ikut dalam proporsi domestik)."),
    },
    "seed": {
        "en": ("random seed", "Seed of the random steps (path sampling), for reproducibility."),
        "id": ("seed acak", "Seed langkah acak (sampel jalur), agar hasil dapat diulang."),
    },
    "notes": {
        "en": ("notes", "Warnings about the computation (empty: none)."),
        "id": ("catatan", "Peringatan tentang perhitungan (kosong: tidak ada)."),
    },
}


def summary_term(key: str, lang: Lang | str = "en") -> tuple[str, str]:
    """Human label and one-line meaning of a :func:`paradiplo_net.stats.summary` column.

    Unknown keys come back as ``(key, "")`` so a new measure still shows, unexplained.

    Examples
    --------
    >>> summary_term("powerlaw_R_lognormal")[0]
    'power law vs lognormal (R)'
    >>> summary_term("reciprocity", lang="id")[0]
    'resiprositas'
    """
    check_lang(lang)
    entry = SUMMARY_TERMS.get(key)
    return (key, "") if entry is None else entry[str(lang)]


def count(n: int, noun: str, *, lang: Lang | str = "en") -> str:
    """``n`` and its noun with the right plural: ``count(1, "links")`` is ``"1 link"``.

    ``noun`` is one of ``"links"``, ``"cities"``, ``"countries"`` (keys ``n.<noun>`` and
    ``n.<noun>.one``); Indonesian does not mark the plural.

    Examples
    --------
    >>> count(1, "links"), count(0, "links"), count(2, "cities"), count(1, "countries", lang="id")
    ('1 link', '0 links', '2 cities', '1 negara')
    """
    key = f"n.{noun}.one" if int(n) == 1 else f"n.{noun}"
    return t(key, lang=lang, n=f"{int(n):,}")


def t(key: str, *, lang: Lang | str = "en", **fmt: object) -> str:
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
    check_lang(lang)
    try:
        text = LABELS[key][lang]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, LABELS, n=3, cutoff=0.8)
        raise KeyError(f"no label {key!r}; close keys: {close}") from None
    return text.format(**fmt) if fmt else text
