"""Labels of the town-sample estimate figures and the multilateral layer (EN and ID)."""

from __future__ import annotations

#: key -> {"en": ..., "id": ...}
ESTIMATE_LABELS: dict[str, dict[str, str]] = {
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
    # ---- town-sample estimates (figures._estimates, issue 18) ----
    "data.core": {"en": "curated landmark links (core)",
                  "id": "tautan tonggak sejarah pilihan (core)"},
    "est.footer": {
        "en": "Data: town sample, {drawn} towns drawn, {responding} responding, design-weighted, "
        "95 % CI \u00b7 {n}",
        "id": "Data: sampel kota, {drawn} kota terpilih, {responding} menjawab, berbobot desain, "
        "SK 95 % \u00b7 {n}",
    },
    "est.uncovered": {
        "en": "Not covered (strata without a responding town): {strata}, about {places} towns",
        "id": "Tidak tercakup (strata tanpa kota yang menjawab): {strata}, sekitar {places} kota",
    },
    "est.report.uncovered": {
        "en": "The town-sample estimates do not cover the strata without a responding town: "
        "{strata} (about {places} towns).",
        "id": "Estimasi sampel kota tidak mencakup strata tanpa kota yang menjawab: {strata} "
        "(sekitar {places} kota).",
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
