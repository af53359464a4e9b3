"""Messages of the dashboard app (``ui.dashboard.*``) and of the key figures (``kpi.*``)."""

MESSAGES: dict[str, dict[str, str]] = {
    # scope and period
    "kpi.scope.kind": {
        "id": "Jenis cakupan '{kind}' tidak dikenal: gunakan centre, regency atau province.",
        "en": "Unknown scope kind '{kind}': use centre, regency or province.",
    },
    "kpi.scope.code_empty": {
        "id": "Kode cakupan wajib diisi (kode PLUT atau kode wilayah).",
        "en": "The scope code is required (a centre code or a region code).",
    },
    "kpi.scope.region_shape": {
        "id": "Kode wilayah '{code}' tidak sesuai jenis cakupan {kind} (provinsi: PP, kabupaten/kota: PP.RR).",
        "en": "Region code '{code}' does not fit scope kind {kind} (province: PP, regency/city: PP.RR).",
    },
    "kpi.period.start": {"id": "tanggal mulai", "en": "start date"},
    "kpi.period.end": {"id": "tanggal akhir", "en": "end date"},
    "kpi.period.missing": {
        "id": "Periode: {which} wajib diisi.",
        "en": "Period: the {which} is required.",
    },
    "kpi.period.order": {
        "id": "Periode: tanggal akhir {end} sebelum tanggal mulai {start}.",
        "en": "Period: the end date {end} is before the start date {start}.",
    },
    "kpi.period.quarter": {
        "id": "Triwulan {number} tidak ada: gunakan 1 sampai 4.",
        "en": "There is no quarter {number}: use 1 to 4.",
    },
    # indicator names
    "kpi.enterprises_served": {"id": "UMKM dilayani", "en": "Enterprises served"},
    "kpi.enterprises_new": {"id": "baru", "en": "new"},
    "kpi.enterprises_returning": {"id": "lama", "en": "returning"},
    "kpi.cases_opened": {"id": "Kasus dibuka", "en": "Cases opened"},
    "kpi.cases_closed": {"id": "Kasus selesai", "en": "Cases finished"},
    "kpi.cases_cancelled": {"id": "dibatalkan", "en": "cancelled"},
    "kpi.open_cases": {"id": "Kasus terbuka (kini)", "en": "Open cases (now)"},
    "kpi.overdue_cases": {"id": "Kasus terlambat (kini)", "en": "Overdue cases (now)"},
    "kpi.consultation_hours": {"id": "Jam layanan", "en": "Consultation hours"},
    "kpi.permits_obtained": {"id": "Izin terbit", "en": "Permits obtained"},
    "kpi.events_held": {"id": "Acara", "en": "Events held"},
    "kpi.event_registered": {"id": "terdaftar", "en": "registered"},
    "kpi.event_attended": {"id": "Peserta hadir", "en": "Participants attended"},
    "kpi.event_sales": {"id": "Penjualan di acara (Rp)", "en": "Sales at events (Rp)"},
    "kpi.ikm_score": {"id": "Nilai IKM", "en": "IKM score"},
    "kpi.ikm_respondents": {"id": "{n} responden", "en": "{n} respondents"},
    "kpi.ikm_none": {"id": "belum ada survei", "en": "no surveys yet"},
    # case statuses
    "kpi.status.baru": {"id": "Baru", "en": "New"},
    "kpi.status.ditugaskan": {"id": "Ditugaskan", "en": "Assigned"},
    "kpi.status.dalam_proses": {"id": "Dalam proses", "en": "In progress"},
    "kpi.status.menunggu_pihak_lain": {"id": "Menunggu pihak lain", "en": "Waiting for others"},
    "kpi.status.selesai": {"id": "Selesai", "en": "Finished"},
    "kpi.status.ditutup": {"id": "Ditutup", "en": "Closed"},
    "kpi.status.dibatalkan": {"id": "Dibatalkan", "en": "Cancelled"},
    # charts
    "kpi.chart.no_data": {"id": "tidak ada data", "en": "no data"},
    "kpi.chart.cases": {"id": "Kasus", "en": "Cases"},
    "kpi.chart.hours": {"id": "Jam", "en": "Hours"},
    "kpi.chart.permits": {"id": "Izin", "en": "Permits"},
    "kpi.chart.open_by_status": {
        "id": "Kasus terbuka menurut status (kini)",
        "en": "Open cases by status (now)",
    },
    "kpi.chart.cases_by_field": {
        "id": "Kasus dibuka menurut bidang",
        "en": "Cases opened by service field",
    },
    "kpi.chart.hours_by_field": {
        "id": "Jam layanan menurut bidang",
        "en": "Consultation hours by service field",
    },
    "kpi.chart.permits_by_type": {
        "id": "Izin terbit menurut jenis",
        "en": "Permits obtained by type",
    },
    "kpi.chart.monthly_flow": {
        "id": "Kasus dibuka dan selesai per bulan",
        "en": "Cases opened and finished per month",
    },
    # the dashboard app
    "ui.dashboard.title": {"id": "Dasbor", "en": "Dashboard"},
    "ui.dashboard.centre": {"id": "PLUT", "en": "Centre"},
    "ui.dashboard.start": {"id": "Dari", "en": "From"},
    "ui.dashboard.end": {"id": "Sampai", "en": "To"},
    "ui.dashboard.refresh": {"id": "Tampilkan", "en": "Show"},
    "ui.dashboard.heading": {
        "id": "{scope} · periode {start} s.d. {end} · kondisi kini per {as_of}",
        "en": "{scope} · period {start} to {end} · current state as of {as_of}",
    },
    "ui.dashboard.overdue_title": {"id": "Kasus terlambat", "en": "Overdue cases"},
    "ui.dashboard.overdue_none": {"id": "Tidak ada kasus terlambat.", "en": "No overdue cases."},
    "ui.dashboard.workload_title": {
        "id": "Beban kerja petugas (kasus terbuka kini, jam dalam periode)",
        "en": "Staff workload (open cases now, hours in the period)",
    },
    "ui.dashboard.workload_none": {"id": "Belum ada petugas.", "en": "No staff yet."},
    "ui.dashboard.page": {
        "id": "{total} baris — halaman {page} dari {pages}",
        "en": "{total} rows — page {page} of {pages}",
    },
    "ui.dashboard.unassigned": {"id": "belum ditugaskan", "en": "unassigned"},
    "ui.dashboard.col.case": {"id": "No. kasus", "en": "Case no."},
    "ui.dashboard.col.enterprise": {"id": "Usaha", "en": "Enterprise"},
    "ui.dashboard.col.service": {"id": "Layanan", "en": "Service"},
    "ui.dashboard.col.status": {"id": "Status", "en": "Status"},
    "ui.dashboard.col.assignee": {"id": "Petugas", "en": "Assigned to"},
    "ui.dashboard.col.due": {"id": "Jatuh tempo", "en": "Due"},
    "ui.dashboard.col.days_overdue": {"id": "Hari terlambat", "en": "Days overdue"},
    "ui.dashboard.col.staff": {"id": "Petugas", "en": "Staff member"},
    "ui.dashboard.col.roles": {"id": "Peran", "en": "Roles"},
    "ui.dashboard.col.open_cases": {"id": "Kasus terbuka", "en": "Open cases"},
    "ui.dashboard.col.hours": {"id": "Jam", "en": "Hours"},
}
