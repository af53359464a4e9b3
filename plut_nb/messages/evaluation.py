"""Messages of the evaluation reports (``eval.*``) and indicator/group names (``ind.*``)."""

MESSAGES: dict[str, dict[str, str]] = {
    # indicator names
    "ind.name.umkm_served": {"id": "UMKM dilayani", "en": "Enterprises served"},
    "ind.name.umkm_new": {"id": "UMKM baru", "en": "New enterprises"},
    "ind.name.umkm_returning": {"id": "UMKM lama", "en": "Returning enterprises"},
    "ind.name.cases_opened": {"id": "Kasus dibuka", "en": "Cases opened"},
    "ind.name.cases_closed": {"id": "Kasus selesai", "en": "Cases finished"},
    "ind.name.median_days_to_close": {
        "id": "Median hari penyelesaian",
        "en": "Median days to close",
    },
    "ind.name.share_within_sla": {"id": "Selesai tepat waktu (SLA)", "en": "Finished within SLA"},
    "ind.name.consultation_hours": {"id": "Jam layanan", "en": "Consultation hours"},
    "ind.name.long_term_clients": {"id": "Klien jangka panjang", "en": "Long-term clients"},
    "ind.name.share_long_term_clients": {
        "id": "Porsi klien jangka panjang",
        "en": "Share of long-term clients",
    },
    "ind.name.permits_obtained": {"id": "Izin terbit", "en": "Permits obtained"},
    "ind.name.permits_type": {"id": "Izin terbit: {type}", "en": "Permits obtained: {type}"},
    "ind.name.referrals_made": {"id": "Rujukan dibuat", "en": "Referrals made"},
    "ind.name.referrals_completed": {"id": "Rujukan selesai", "en": "Referrals completed"},
    "ind.name.share_referrals_completed": {
        "id": "Porsi rujukan selesai",
        "en": "Share of referrals completed",
    },
    "ind.name.events_held": {"id": "Acara", "en": "Events held"},
    "ind.name.event_registrations": {"id": "Pendaftar acara", "en": "Event registrations"},
    "ind.name.event_participants": {"id": "Peserta hadir", "en": "Event participants"},
    "ind.name.event_sales": {"id": "Penjualan di acara", "en": "Sales at events"},
    "ind.name.sales_change_mean_pct": {
        "id": "Perubahan omzet, rata-rata",
        "en": "Change in sales, mean",
    },
    "ind.name.sales_change_median_pct": {
        "id": "Perubahan omzet, median",
        "en": "Change in sales, median",
    },
    "ind.name.employment_change_mean_pct": {
        "id": "Perubahan tenaga kerja, rata-rata",
        "en": "Change in employment, mean",
    },
    "ind.name.employment_change_median_pct": {
        "id": "Perubahan tenaga kerja, median",
        "en": "Change in employment, median",
    },
    "ind.name.size_class_up": {"id": "UMKM naik kelas", "en": "Moved up a size class"},
    "ind.name.share_size_class_up": {
        "id": "Porsi UMKM naik kelas",
        "en": "Share moving up a size class",
    },
    "ind.name.ikm_score": {"id": "Nilai IKM", "en": "IKM score"},
    "ind.name.share_with_nib": {"id": "Porsi UMKM ber-NIB", "en": "Share with NIB"},
    # dimensions and groups
    "ind.dim.service_field": {"id": "bidang layanan", "en": "service field"},
    "ind.dim.gender": {"id": "jenis kelamin pemilik", "en": "owner's gender"},
    "ind.dim.youth": {"id": "usia pemilik", "en": "owner's age"},
    "ind.dim.orang_asli_papua": {"id": "status Orang Asli Papua", "en": "Orang Asli Papua status"},
    "ind.dim.disability": {"id": "disabilitas pemilik", "en": "owner's disability"},
    "ind.dim.outreach_channel": {"id": "saluran informasi", "en": "outreach channel"},
    "ind.group.perempuan": {"id": "Perempuan", "en": "Women"},
    "ind.group.laki_laki": {"id": "Laki-laki", "en": "Men"},
    "ind.group.muda": {"id": "Muda (≤ {age} th)", "en": "Young (≤ {age})"},
    "ind.group.bukan_muda": {"id": "Di atas {age} th", "en": "Over {age}"},
    "ind.group.oap": {"id": "Orang Asli Papua", "en": "Orang Asli Papua"},
    "ind.group.bukan_oap": {"id": "Bukan OAP", "en": "Not OAP"},
    "ind.group.disabilitas": {"id": "Penyandang disabilitas", "en": "With disability"},
    "ind.group.non_disabilitas": {"id": "Tanpa disabilitas", "en": "Without disability"},
    "ind.group.tidak_diketahui": {"id": "Tidak diketahui", "en": "Unknown"},
    # units
    "ind.unit.days": {"id": "{n} hari", "en": "{n} days"},
    "ind.unit.points": {"id": "{n} poin", "en": "{n} pts"},
    "ind.none": {"id": "–", "en": "–"},
    # the report
    "eval.months": {
        "id": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
    },
    "eval.lang": {
        "id": "Bahasa laporan '{lang}' tidak dikenal: gunakan id atau en.",
        "en": "Unknown report language '{lang}': use id or en.",
    },
    "eval.date": {
        "id": "Tanggal '{value}' tidak valid: tulis TTTT-BB-HH, mis. 2026-06-30.",
        "en": "Invalid date '{value}': write YYYY-MM-DD, e.g. 2026-06-30.",
    },
    "eval.kind.centre": {"id": "PLUT", "en": "Centre"},
    "eval.kind.regency": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "eval.kind.province": {"id": "Provinsi", "en": "Province"},
    "eval.title": {"id": "Laporan Evaluasi: {name}", "en": "Evaluation Report: {name}"},
    "eval.subtitle": {
        "id": "**{kind}** {code} · periode **{period}** · dibandingkan dengan {previous}",
        "en": "**{kind}** {code} · period **{period}** · compared with {previous}",
    },
    "eval.source": {
        "id": "Data: salinan basis data tanggal {taken} (semua laporan batch ini membaca salinan yang sama).",
        "en": "Data: database snapshot of {taken} (every report of this batch reads the same snapshot).",
    },
    "eval.h.summary": {
        "id": "Ringkasan: {served} UMKM dilayani, {closed} kasus selesai",
        "en": "Summary: {served} enterprises served, {closed} cases finished",
    },
    "eval.s.served": {
        "id": "**{served} UMKM dilayani** ({new} baru, {returning} lama){delta}.",
        "en": "**{served} enterprises served** ({new} new, {returning} returning){delta}.",
    },
    "eval.s.delta": {
        "id": "; {delta} dibanding periode sebelumnya",
        "en": "; {delta} on the previous period",
    },
    "eval.s.cases": {
        "id": "**{opened} kasus dibuka, {closed} selesai**; median penyelesaian {median}, {sla} selesai dalam SLA.",
        "en": "**{opened} cases opened, {closed} finished**; median time to close {median}, {sla} within the SLA.",
    },
    "eval.s.hours": {
        "id": "**{hours} jam layanan**; {long_term} UMKM ({share}) adalah klien jangka panjang (≥ {min_hours} jam dalam {months} bulan).",
        "en": "**{hours} consultation hours**; {long_term} enterprises ({share}) are long-term clients (≥ {min_hours} hours in {months} months).",
    },
    "eval.s.permits": {
        "id": "**{permits} izin terbit**; {completed} dari {made} rujukan selesai.",
        "en": "**{permits} permits obtained**; {completed} of {made} referrals completed.",
    },
    "eval.s.events": {
        "id": "**{participants} peserta hadir** di {events} acara, penjualan {sales}.",
        "en": "**{participants} participants** at {events} events, sales {sales}.",
    },
    "eval.s.change": {
        "id": "Sejak baseline, **omzet median {sales}** dan tenaga kerja median {employment} (n = {n}); {up} UMKM naik kelas usaha.",
        "en": "Since baseline, **median sales {sales}** and median employment {employment} (n = {n}); {up} enterprises moved up a size class.",
    },
    "eval.s.ikm": {
        "id": "**IKM {score}** (mutu {grade}, {label}; {n} responden).",
        "en": "**IKM {score}** (grade {grade}, {label}; {n} respondents).",
    },
    "eval.s.no_ikm": {
        "id": "Belum ada survei IKM pada periode ini.",
        "en": "No IKM surveys in this period.",
    },
    "eval.s.nib": {
        "id": "{share} UMKM yang dilayani memiliki NIB.",
        "en": "{share} of the enterprises served hold a NIB.",
    },
    "eval.h.headline": {"id": "Indikator utama", "en": "Headline indicators"},
    "eval.col.indicator": {"id": "Indikator", "en": "Indicator"},
    "eval.col.current": {"id": "Periode ini", "en": "This period"},
    "eval.col.previous": {"id": "Periode sebelumnya", "en": "Previous period"},
    "eval.col.change": {"id": "Perubahan", "en": "Change"},
    "eval.col.n": {"id": "n", "en": "n"},
    "eval.h.all": {
        "id": "Semua indikator ({n} indikator)",
        "en": "All indicators ({n} indicators)",
    },
    "eval.h.charts": {"id": "Grafik", "en": "Charts"},
    "eval.h.by": {"id": "Menurut {dim}", "en": "By {dim}"},
    "eval.h.by_intro": {
        "id": "Rincian: {served} UMKM dilayani dalam {groups} kelompok",
        "en": "Breakdown: {served} enterprises served in {groups} groups",
    },
    "eval.by.field_note": {
        "id": "Satu UMKM dihitung di setiap bidang tempat ia dilayani; acara tidak memiliki bidang.",
        "en": "An enterprise counts in every field it was served in; events have no field.",
    },
    "eval.h.coverage": {
        "id": "Catatan cakupan data ({n} catatan)",
        "en": "Notes on data coverage ({n} notes)",
    },
    "eval.cov.followup": {
        "id": "{missing} dari {served} UMKM yang dilayani belum memiliki snapshot tindak lanjut sampai akhir periode; perubahan omzet dihitung dari {n} UMKM.",
        "en": "{missing} of {served} enterprises served have no follow-up snapshot by the end of the period; the change in sales is computed from {n} enterprises.",
    },
    "eval.cov.baseline": {
        "id": "{missing} UMKM yang dilayani tidak memiliki snapshot baseline.",
        "en": "{missing} enterprises served have no baseline snapshot.",
    },
    "eval.cov.age": {
        "id": "Usia pemilik tidak diketahui untuk {n} UMKM (tanpa tanggal lahir); jenis kelamin tidak diketahui untuk {gender}.",
        "en": "The owner's age is unknown for {n} enterprises (no birth date); gender is unknown for {gender}.",
    },
    "eval.cov.channel": {
        "id": "Saluran informasi tidak tercatat untuk {n} UMKM.",
        "en": "No outreach channel recorded for {n} enterprises.",
    },
    "eval.cov.survey": {
        "id": "{surveyed} dari {closed} kasus yang selesai memiliki respons survei IKM ({share}).",
        "en": "{surveyed} of {closed} finished cases have an IKM survey response ({share}).",
    },
    "eval.cov.status": {
        "id": "Status rujukan dan izin sesuai data saat salinan diambil.",
        "en": "Referral and permit statuses are as recorded when the data was read.",
    },
    "eval.cov.none": {
        "id": "Tidak ada UMKM yang dilayani pada periode ini: indikator bernilai nol atau kosong.",
        "en": "No enterprise was served in this period: indicators are zero or empty.",
    },
    "eval.chart.served_by": {
        "id": "UMKM dilayani menurut {dim}",
        "en": "Enterprises served by {dim}",
    },
    "eval.chart.enterprises": {"id": "UMKM", "en": "Enterprises"},
    "eval.chart.comparison": {
        "id": "Periode ini dibanding periode sebelumnya",
        "en": "This period compared with the previous one",
    },
}
