"""The summary's glossary: a human label and a one-line meaning per measure (EN and ID)."""

from __future__ import annotations

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
