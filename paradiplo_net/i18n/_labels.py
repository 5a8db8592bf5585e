"""Labels of the figures, the replay, the report and the named regions (EN and ID)."""

from __future__ import annotations

#: key -> {"en": ..., "id": ...}
BASE_LABELS: dict[str, dict[str, str]] = {
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
    "replay.data.core": {  # {core}: the name every figure gives core (key data.core)
        "en": "{core}, chosen for their place in history, not a representative sample: "
              "counts show the selection, not all twinning",
        "id": "{core}, dipilih karena tempatnya dalam sejarah, bukan sampel representatif: "
              "jumlahnya menunjukkan pilihan, bukan seluruh kota kembar"},
    "replay.data.sample": {
        "en": "sample, the links of a random sample of 662 towns (unweighted here)",
        "id": "sample, tautan dari sampel acak 662 kota (tanpa bobot di sini)"},
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
}
