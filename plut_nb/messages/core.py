"""Generic messages, field labels and entity names."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.invalid": {"id": "Data tidak valid.", "en": "Invalid data."},
    "error.not_found": {
        "id": "{entity} {key} tidak ditemukan.",
        "en": "{entity} {key} was not found.",
    },
    "error.stale": {
        "id": "{entity} {key} telah diubah oleh {who} pada {when} — muat ulang lalu ulangi perubahan Anda.",
        "en": "{entity} {key} was changed by {who} at {when} — reload and redo your change.",
    },
    "error.transition": {
        "id": "Status kasus {case} tidak dapat diubah dari '{current}' ke '{target}'. Yang diizinkan: {allowed}.",
        "en": "Case {case} cannot move from '{current}' to '{target}'. Allowed: {allowed}.",
    },
    "error.permission": {
        "id": "{actor} tidak berwenang untuk: {action}.",
        "en": "{actor} is not allowed to: {action}.",
    },
    "error.schema": {
        "id": "Skema basis data belum mutakhir (versi {current}, dibutuhkan {head}). Jalankan: plut db upgrade",
        "en": "The database schema is out of date (version {current}, need {head}). Run: plut db upgrade",
    },
    "error.batch_run": {
        "id": "Run {run} gagal di sel {cell}: {name}: {msg}",
        "en": "Run {run} failed at cell {cell}: {name}: {msg}",
    },
    "error.unexpected": {
        "id": "Terjadi kesalahan tak terduga. Data Anda tidak hilang; coba lagi atau hubungi admin.",
        "en": "An unexpected error occurred. Your input is kept; try again or contact the admin.",
    },
    "word.none": {"id": "tidak ada", "en": "none"},
    "word.empty": {"id": "kosong", "en": "empty"},
    "entity.centre": {"id": "PLUT", "en": "Centre"},
    "entity.staff": {"id": "Petugas", "en": "Staff member"},
    "entity.enterprise": {"id": "Usaha", "en": "Enterprise"},
    "entity.person": {"id": "Orang", "en": "Person"},
    "entity.case": {"id": "Kasus", "en": "Case"},
    "entity.service_type": {"id": "Jenis layanan", "en": "Service type"},
    "entity.event": {"id": "Acara", "en": "Event"},
    "entity.referral": {"id": "Rujukan", "en": "Referral"},
    "entity.permit": {"id": "Izin", "en": "Permit"},
    "entity.survey": {"id": "Survei", "en": "Survey"},
    "field.nik": {"id": "NIK", "en": "NIK"},
    "field.nib": {"id": "NIB", "en": "NIB"},
    "field.phone": {"id": "Nomor HP", "en": "Phone number"},
    "field.email": {"id": "Email", "en": "Email"},
    "field.kbli": {"id": "Kode KBLI", "en": "KBLI code"},
    "field.region": {"id": "Kode wilayah", "en": "Region code"},
    "field.village_code": {"id": "Kode desa/kelurahan", "en": "Village code"},
    "field.name": {"id": "Nama", "en": "Name"},
    "field.enterprise_name": {"id": "Nama usaha", "en": "Enterprise name"},
    "field.owner_name": {"id": "Nama pemilik", "en": "Owner name"},
    "field.birth_date": {"id": "Tanggal lahir", "en": "Birth date"},
    "field.gender": {"id": "Jenis kelamin", "en": "Gender"},
    "field.capital": {"id": "Modal usaha", "en": "Business capital"},
    "field.sales": {"id": "Omzet tahunan", "en": "Annual sales"},
    "field.employees": {"id": "Jumlah tenaga kerja", "en": "Employees"},
    "field.employees_women": {"id": "Tenaga kerja perempuan", "en": "Women employees"},
    "field.founding_year": {"id": "Tahun berdiri", "en": "Founding year"},
    "field.service_code": {"id": "Jenis layanan", "en": "Service type"},
    "field.outreach_channel": {"id": "Sumber informasi PLUT", "en": "Outreach channel"},
    "field.legal_form": {"id": "Bentuk usaha", "en": "Legal form"},
    "field.minutes": {"id": "Durasi (menit)", "en": "Minutes"},
    "field.ikm": {"id": "Jawaban IKM", "en": "IKM answer"},
    "field.weights": {"id": "Bobot IKM", "en": "IKM weights"},
    "field.description": {"id": "Uraian", "en": "Description"},
    "field.date": {"id": "Tanggal", "en": "Date"},
    "field.permit_type": {"id": "Jenis izin", "en": "Permit type"},
    "field.sales_event": {"id": "Penjualan di acara", "en": "Sales at the event"},
}

MESSAGES.update(
    {
        "serve.remote_without_login": {
            "id": "Mode pengembangan tanpa login (--dev / PLUT_AUTH=off) hanya boleh melayani komputer ini (127.0.0.1), bukan {ip}. Data pribadi tidak boleh terbuka ke jaringan.",
            "en": "Development mode without sign-in (--dev / PLUT_AUTH=off) only serves this machine (127.0.0.1), not {ip}. Personal data must not be open to the network.",
        },
        "serve.no_apps": {
            "id": "Tidak ada notebook aplikasi di {path}; atur PLUT_APPS_DIR ke folder notebooks/apps.",
            "en": "No app notebooks in {path}; set PLUT_APPS_DIR to the notebooks/apps folder.",
        },
        "ui.search": {"id": "Cari", "en": "Search"},
        "ui.prev": {"id": "Sebelumnya", "en": "Previous"},
        "ui.next": {"id": "Berikutnya", "en": "Next"},
        "ui.directory.title": {"id": "Direktori UMKM", "en": "Enterprise directory"},
        "ui.directory.query": {"id": "Nama/NIB", "en": "Name/NIB"},
        "ui.directory.query_hint": {
            "id": "nama usaha atau 13 digit NIB",
            "en": "business name or 13-digit NIB",
        },
        "ui.directory.region": {"id": "Wilayah", "en": "Region"},
        "ui.directory.found": {
            "id": "{total} usaha ditemukan — halaman {page} dari {pages}",
            "en": "{total} enterprises found — page {page} of {pages}",
        },
        "ui.col.name": {"id": "Nama usaha", "en": "Enterprise"},
        "ui.col.nib": {"id": "NIB", "en": "NIB"},
        "ui.col.kbli": {"id": "KBLI", "en": "KBLI"},
        "ui.col.region": {"id": "Wilayah", "en": "Region"},
        "ui.col.owner": {"id": "Pemilik", "en": "Owner"},
        "ui.col.nik": {"id": "NIK", "en": "NIK"},
        "ui.col.phone": {"id": "HP", "en": "Phone"},
    }
)

MESSAGES.update(
    {
        "ui.shell.who": {"id": "Saya", "en": "I am"},
        "ui.shell.choose": {"id": "— pilih petugas —", "en": "— choose staff member —"},
        "ui.shell.dev_mode": {
            "id": "mode pengembangan: pilih petugas",
            "en": "development mode: choose a staff member",
        },
        "ui.shell.home": {"id": "Beranda", "en": "Start page"},
        "ui.shell.loading": {"id": "Memuat…", "en": "Loading…"},
        "ui.start.title": {"id": "PLUT-NB — Aplikasi Petugas", "en": "PLUT-NB — Staff apps"},
    }
)
