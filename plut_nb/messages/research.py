"""Messages of the research extract and the research notebooks (``plut_nb.research``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "research.key.short": {
        "id": "Kunci pseudonim dari {source} terlalu pendek: minimal {n} karakter.",
        "en": "The pseudonymisation key from {source} is too short: at least {n} characters.",
    },
    "research.key.missing": {
        "id": "Berkas kunci pseudonim {path} tidak ada. Tanpa kunci yang sama, ekstrak baru tidak dapat digabung dengan yang lama.",
        "en": "The pseudonymisation key file {path} does not exist. Without the same key, new extracts cannot be joined with old ones.",
    },
    "research.key.unreadable": {
        "id": "Berkas kunci pseudonim {path} tidak dapat dibaca ({detail}).",
        "en": "The pseudonymisation key file {path} cannot be read ({detail}).",
    },
    "research.extract.not_empty": {
        "id": "Folder {path} tidak kosong. Pilih folder baru, atau --overwrite untuk mengganti ekstrak sebelumnya.",
        "en": "Folder {path} is not empty. Choose a new folder, or --overwrite to replace an earlier extract.",
    },
    "research.extract.not_extract": {
        "id": "Folder {path} berisi berkas lain, bukan ekstrak riset (tidak ada manifest.json); folder itu tidak dihapus.",
        "en": "Folder {path} holds other files, not a research extract (no manifest.json); it is left as it is.",
    },
    "research.extract.format": {
        "id": "Format '{fmt}' tidak dikenal; yang tersedia: {allowed}.",
        "en": "Unknown format '{fmt}'; available: {allowed}.",
    },
    "research.extract.missing": {
        "id": "Ekstrak riset tidak ditemukan di {path}. Buat dulu dengan: plut export research {path}",
        "en": "No research extract in {path}. Make one first with: plut export research {path}",
    },
    "research.extract.done": {
        "id": "Ekstrak riset ditulis ke {path} (kunci {fingerprint}): {rows}.",
        "en": "Research extract written to {path} (key {fingerprint}): {rows}.",
    },
    # impact notebook (dampak)
    "research.outcome.log_sales": {"id": "log omzet tahunan", "en": "log annual sales"},
    "research.outcome.log_employment": {"id": "log jumlah tenaga kerja", "en": "log employment"},
    "research.impact.findings": {"id": "Temuan", "en": "Findings"},
    "research.impact.finding": {
        "id": "**{outcome}**: pendampingan PLUT mengubah {outcome} sebesar **{att}** poin log (≈ {percent} %), interval 95 % [{low}; {high}] — {verdict}. Dasar: {n} UMKM yang didampingi dalam jendela data dari {total} UMKM dalam panel (Callaway–Sant'Anna, pembanding: yang belum didampingi).",
        "en": "**{outcome}**: PLUT assistance changes {outcome} by **{att}** log points (≈ {percent} %), 95 % interval [{low}; {high}] — {verdict}. Based on {n} enterprises assisted within the data window out of {total} in the panel (Callaway–Sant'Anna, controls: not yet assisted).",
    },
    "research.impact.significant": {
        "id": "berbeda nyata dari nol",
        "en": "clearly different from zero",
    },
    "research.impact.not_significant": {
        "id": "tidak dapat dibedakan dari nol",
        "en": "not distinguishable from zero",
    },
    "research.impact.twfe": {
        "id": "Estimasi efek tetap dua arah (TWFE) klasik sebagai pembanding: {twfe} [{low}; {high}].",
        "en": "The classic two-way fixed-effects (TWFE) estimate for comparison: {twfe} [{low}; {high}].",
    },
    "research.impact.pretrend_ok": {
        "id": "Uji tren sebelum pendampingan: χ² = {chi2} ({df} db), p = {p} — tidak ada tanda tren berbeda sebelum pendampingan.",
        "en": "Pre-trend test: χ² = {chi2} ({df} df), p = {p} — no sign of different trends before assistance.",
    },
    "research.impact.pretrend_bad": {
        "id": "Uji tren sebelum pendampingan: χ² = {chi2} ({df} db), p = {p} — tren sebelum pendampingan berbeda; hasil di atas perlu dibaca dengan hati-hati.",
        "en": "Pre-trend test: χ² = {chi2} ({df} df), p = {p} — trends differed before assistance; read the estimate above with care.",
    },
    "research.impact.planted_in": {
        "id": "Efek yang ditanam pada data demo ({planted}) berada di dalam interval 95 %.",
        "en": "The effect planted in the demo data ({planted}) lies inside the 95 % interval.",
    },
    "research.impact.planted_out": {
        "id": "Efek yang ditanam pada data demo ({planted}) berada di luar interval 95 %.",
        "en": "The effect planted in the demo data ({planted}) lies outside the 95 % interval.",
    },
    "research.impact.planted_rounded": {
        "id": "Catatan: data demo membulatkan tenaga kerja ke orang utuh (minimal 1), sehingga efek yang dapat diamati pada log tenaga kerja lebih kecil dari setengah efek omzet yang ditanam.",
        "en": "Note: the demo rounds employment to whole persons (at least 1), so the observable effect on log employment is smaller than the planted half of the sales effect.",
    },
    "research.impact.spread": {
        "id": "Menurut subkelompok (dengan ≥ 30 UMKM didampingi), efek terbesar pada {high} ({high_att}) dan terkecil pada {low} ({low_att}).",
        "en": "Across subgroups (with ≥ 30 assisted enterprises), the effect is largest for {high} ({high_att}) and smallest for {low} ({low_att}).",
    },
    # charts
    "research.chart.planted": {"id": "efek yang ditanam (demo)", "en": "planted effect (demo)"},
    "research.chart.event_time": {
        "id": "gelombang relatif terhadap pendampingan pertama",
        "en": "waves relative to first assistance",
    },
    "research.chart.effect": {"id": "efek (poin log)", "en": "effect (log points)"},
    "research.chart.lq_title": {
        "id": "{measure}, {province}: biru = lebih terkonsentrasi dari acuan",
        "en": "{measure}, {province}: blue = more concentrated than the reference",
    },
    "research.chart.lq_sales": {"id": "LQ omzet", "en": "LQ of sales"},
    "research.chart.lq_enterprises": {"id": "LQ jumlah UMKM", "en": "LQ of enterprises"},
    "research.chart.served": {"id": "dilayani (IK 95 %)", "en": "served (95 % CI)"},
    "research.chart.population": {"id": "populasi", "en": "population"},
    "research.chart.share": {"id": "proporsi", "en": "share"},
    "research.chart.case_done": {"id": "kasus selesai", "en": "case completed"},
    "research.chart.permit_issued": {"id": "izin terbit", "en": "permit issued"},
    # commodities notebook (komoditas_unggulan)
    "research.commodity.findings": {"id": "Temuan", "en": "Findings"},
    "research.commodity.count": {
        "id": "Dari {cells} pasangan kabupaten/kota × KBLI {digits} digit dengan ≥ {min} UMKM, {candidates} tergolong kandidat unggulan (LQ UMKM dan LQ omzet > 1, pergeseran kompetitif omzet tidak negatif).",
        "en": "Of {cells} regency × {digits}-digit KBLI pairs with ≥ {min} enterprises, {candidates} are candidates (LQ of enterprises and of sales > 1, competitive shift in sales not negative).",
    },
    "research.commodity.top": {
        "id": "**{regency}**: {kbli} {title} (LQ omzet {lq}, {n} UMKM{flagship}).",
        "en": "**{regency}**: {kbli} {title} (LQ of sales {lq}, {n} enterprises{flagship}).",
    },
    "research.commodity.flagship": {
        "id": "; tercatat sebagai komoditas unggulan daerah: {name}",
        "en": "; recorded as regional flagship commodity: {name}",
    },
    "research.commodity.none": {
        "id": "**{regency}**: belum ada kandidat yang memenuhi ketiga syarat.",
        "en": "**{regency}**: no sector meets all three conditions yet.",
    },
    # outreach notebook (jangkauan)
    "research.outreach.findings": {"id": "Temuan", "en": "Findings"},
    "research.outreach.channel_top": {
        "id": "Saluran yang paling banyak membawa UMKM: **{channel}** ({share} % dari {total} UMKM).",
        "en": "The channel that brings most enterprises: **{channel}** ({share} % of {total}).",
    },
    "research.outreach.channel_oap": {
        "id": "Proporsi pemilik Orang Asli Papua tertinggi lewat **{channel}**: {share} % (IK 95 % {low}–{high} %).",
        "en": "The highest share of Orang Asli Papua owners comes through **{channel}**: {share} % (95 % CI {low}–{high} %).",
    },
    "research.outreach.channel_done": {
        "id": "Kasus selesai paling sering pada UMKM dari **{best}** ({best_share} %), paling jarang dari **{worst}** ({worst_share} %).",
        "en": "Cases are completed most often for enterprises from **{best}** ({best_share} %), least often from **{worst}** ({worst_share} %).",
    },
    "research.outreach.gap": {
        "id": "{dimension} **{group}**: {served} % dari yang dilayani (IK 95 % {low}–{high} %) dibanding {population} % populasi — {verdict}.",
        "en": "{dimension} **{group}**: {served} % of those served (95 % CI {low}–{high} %) against {population} % of the population — {verdict}.",
    },
    "research.outreach.under": {"id": "kurang terwakili", "en": "under-represented"},
    "research.outreach.over": {"id": "lebih terwakili", "en": "over-represented"},
    "research.outreach.in_line": {
        "id": "sebanding (populasi di dalam interval)",
        "en": "in line (population share inside the interval)",
    },
    "research.outreach.small": {
        "id": "Kelompok dengan < 30 UMKM dilayani (interval lebar): {groups}.",
        "en": "Groups with < 30 enterprises served (wide intervals): {groups}.",
    },
}
