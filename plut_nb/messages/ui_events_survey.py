"""Messages of the events app (acara), the IKM survey app (survei) and the IKM questionnaire.

The questionnaire follows the sample form of PermenPANRB 14/2017 (lampiran):
one question per element of :data:`plut_nb.rules.ikm.IKM_ELEMENTS`, each with
four answers from 1 (worst) to 4 (best).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- events app -------------------------------------------------------------
    "ui.events.title": {"id": "Acara UMKM", "en": "Events"},
    "ui.events.new": {"id": "Acara baru", "en": "New event"},
    "ui.events.list": {"id": "Acara PLUT ini", "en": "This centre's events"},
    "ui.events.kind": {"id": "Jenis acara", "en": "Kind of event"},
    "ui.events.name": {"id": "Nama acara", "en": "Event name"},
    "ui.events.starts_on": {"id": "Tanggal mulai", "en": "Start date"},
    "ui.events.ends_on": {"id": "Tanggal selesai", "en": "End date"},
    "ui.events.place": {"id": "Tempat", "en": "Place"},
    "ui.events.partner": {"id": "Komunitas mitra", "en": "Partner community"},
    "ui.events.partner_hint": {"id": "boleh kosong", "en": "optional"},
    "ui.events.kind.pameran": {"id": "Pameran", "en": "Exhibition"},
    "ui.events.kind.pelatihan": {"id": "Pelatihan", "en": "Training"},
    "ui.events.kind.sosialisasi": {"id": "Sosialisasi", "en": "Socialisation"},
    "ui.events.kind.temu_bisnis": {"id": "Temu bisnis", "en": "Business matching"},
    "ui.events.kind.promosi": {"id": "Promosi", "en": "Promotion"},
    "ui.events.create": {"id": "Simpan acara", "en": "Save event"},
    "ui.events.created": {
        "id": "Acara '{name}' tersimpan; daftarkan peserta di bawah.",
        "en": "Event '{name}' saved; register participants below.",
    },
    "ui.events.open": {"id": "Buka", "en": "Open"},
    "ui.events.found": {
        "id": "{total} acara — halaman {page} dari {pages}",
        "en": "{total} events — page {page} of {pages}",
    },
    "ui.events.none": {"id": "Belum ada acara.", "en": "No events yet."},
    "ui.events.col.registered": {"id": "Terdaftar", "en": "Registered"},
    "ui.events.col.attended": {"id": "Hadir", "en": "Attended"},
    "ui.events.col.sales": {"id": "Penjualan (Rp)", "en": "Sales (Rp)"},
    "ui.events.totals": {
        "id": "Terdaftar: {registered} · Hadir: {attended} · Penjualan: {sales}",
        "en": "Registered: {registered} · Attended: {attended} · Sales: {sales}",
    },
    "ui.events.search": {"id": "Cari usaha", "en": "Find enterprise"},
    "ui.events.search_hint": {
        "id": "nama usaha atau 13 digit NIB",
        "en": "business name or 13-digit NIB",
    },
    "ui.events.candidates": {
        "id": "{total} usaha ditemukan — halaman {page} dari {pages}",
        "en": "{total} enterprises found — page {page} of {pages}",
    },
    "ui.events.register": {"id": "Daftarkan", "en": "Register"},
    "ui.events.already": {"id": "sudah terdaftar", "en": "already registered"},
    "ui.events.registered": {
        "id": "{name} terdaftar di acara ini.",
        "en": "{name} is registered for this event.",
    },
    "ui.events.registrations": {"id": "Peserta", "en": "Participants"},
    "ui.events.registrations_page": {
        "id": "{total} peserta — halaman {page} dari {pages}",
        "en": "{total} participants — page {page} of {pages}",
    },
    "ui.events.no_registrations": {
        "id": "Belum ada peserta; cari usaha di atas untuk mendaftarkannya.",
        "en": "No participants yet; find an enterprise above to register it.",
    },
    "ui.events.attended": {"id": "Hadir", "en": "Attended"},
    "ui.events.sales_hint": {"id": "mis. Rp1.500.000", "en": "e.g. Rp1.500.000"},
    "ui.events.save_attendance": {
        "id": "Simpan kehadiran & penjualan",
        "en": "Save attendance & sales",
    },
    "ui.events.saved": {
        "id": "Tersimpan: {changed} peserta diperbarui.",
        "en": "Saved: {changed} participants updated.",
    },
    "ui.events.sales_needs_attendance": {
        "id": "{name}: penjualan hanya dicatat untuk usaha yang hadir; centang 'Hadir' atau kosongkan penjualan.",
        "en": "{name}: sales are only recorded for enterprises that attended; tick 'Attended' or clear the sales.",
    },
    "ui.events.sales_recorded": {
        "id": "{name}: penjualannya di acara ini sudah tercatat, jadi usaha ini tercatat hadir; centang 'Hadir' kembali.",
        "en": "{name}: its sales at this event are recorded, so it counts as attended; tick 'Attended' again.",
    },
    "ui.events.sales_cannot_clear": {
        "id": "{name}: penjualan yang sudah tercatat tidak bisa dikosongkan; isi 0 bila tidak ada penjualan.",
        "en": "{name}: recorded sales cannot be cleared; enter 0 if there were no sales.",
    },
    "ui.events.sales_invalid": {
        "id": "{name}: {message}",
        "en": "{name}: {message}",
    },
    "ui.events.not_registered": {
        "id": "{name} tidak terdaftar di acara ini; muat ulang daftar peserta.",
        "en": "{name} is not registered for this event; reload the participant list.",
    },
    # --- survey app -------------------------------------------------------------
    "ui.survey.title": {"id": "Survei Kepuasan (IKM)", "en": "Satisfaction survey (IKM)"},
    "ui.survey.pick": {
        "id": "1. Pilih kasus yang sudah selesai/ditutup",
        "en": "1. Choose a finished or closed case",
    },
    "ui.survey.search": {"id": "Kasus/usaha", "en": "Case/enterprise"},
    "ui.survey.search_hint": {
        "id": "nomor kasus, nama usaha atau NIB",
        "en": "case number, business name or NIB",
    },
    "ui.survey.found": {
        "id": "{total} kasus menunggu survei — halaman {page} dari {pages}",
        "en": "{total} cases awaiting a survey — page {page} of {pages}",
    },
    "ui.survey.none": {
        "id": "Tidak ada kasus selesai/ditutup yang belum disurvei.",
        "en": "No finished or closed case is waiting for a survey.",
    },
    "ui.survey.choose": {"id": "Pilih", "en": "Choose"},
    "ui.survey.selected": {
        "id": "Kasus terpilih: {number} — {enterprise} ({service})",
        "en": "Chosen case: {number} — {enterprise} ({service})",
    },
    "ui.survey.no_case": {"id": "Belum ada kasus terpilih.", "en": "No case chosen yet."},
    "ui.survey.questions": {
        "id": "2. Jawaban responden (sembilan unsur PermenPANRB 14/2017)",
        "en": "2. The respondent's answers (nine elements of PermenPANRB 14/2017)",
    },
    "ui.survey.comment": {"id": "Saran/komentar", "en": "Suggestions/comments"},
    "ui.survey.comment_hint": {"id": "boleh kosong", "en": "optional"},
    "ui.survey.submit": {"id": "Simpan survei", "en": "Save survey"},
    "ui.survey.saved": {
        "id": "Survei untuk kasus {number} tersimpan.",
        "en": "The survey for case {number} is saved.",
    },
    "ui.survey.case_required": {
        "id": "Pilih kasus yang disurvei terlebih dahulu.",
        "en": "Choose the case being surveyed first.",
    },
    "ui.survey.missing": {
        "id": "Pertanyaan {n} ({element}) belum dijawab.",
        "en": "Question {n} ({element}) is not answered.",
    },
    "ui.survey.ikm": {"id": "IKM PLUT ini", "en": "This centre's IKM"},
    "ui.survey.ikm_none": {
        "id": "Belum ada survei IKM untuk PLUT ini.",
        "en": "This centre has no IKM survey yet.",
    },
    "ui.survey.ikm_summary": {
        "id": "Nilai IKM {score} — mutu {grade} ({label}) dari {n} responden",
        "en": "IKM score {score} — grade {grade} ({label}) from {n} respondents",
    },
    "ui.survey.col.element": {"id": "Unsur", "en": "Element"},
    "ui.survey.col.mean": {"id": "Rata-rata (1–4)", "en": "Mean (1–4)"},
    # --- the IKM questionnaire (PermenPANRB 14/2017) and grade labels ------------
    "ikm.grade.A": {"id": "Sangat Baik", "en": "Very good"},
    "ikm.grade.B": {"id": "Baik", "en": "Good"},
    "ikm.grade.C": {"id": "Kurang Baik", "en": "Fair"},
    "ikm.grade.D": {"id": "Tidak Baik", "en": "Poor"},
    "ikm.q.persyaratan": {
        "id": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "en": "How well do the service requirements match the kind of service?",
    },
    "ikm.a.persyaratan.1": {"id": "Tidak sesuai", "en": "Not appropriate"},
    "ikm.a.persyaratan.2": {"id": "Kurang sesuai", "en": "Somewhat appropriate"},
    "ikm.a.persyaratan.3": {"id": "Sesuai", "en": "Appropriate"},
    "ikm.a.persyaratan.4": {"id": "Sangat sesuai", "en": "Very appropriate"},
    "ikm.q.prosedur": {
        "id": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "en": "How easy is the service procedure at this unit?",
    },
    "ikm.a.prosedur.1": {"id": "Tidak mudah", "en": "Not easy"},
    "ikm.a.prosedur.2": {"id": "Kurang mudah", "en": "Somewhat easy"},
    "ikm.a.prosedur.3": {"id": "Mudah", "en": "Easy"},
    "ikm.a.prosedur.4": {"id": "Sangat mudah", "en": "Very easy"},
    "ikm.q.waktu_pelayanan": {
        "id": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "en": "How fast was the service delivered?",
    },
    "ikm.a.waktu_pelayanan.1": {"id": "Tidak cepat", "en": "Not fast"},
    "ikm.a.waktu_pelayanan.2": {"id": "Kurang cepat", "en": "Somewhat fast"},
    "ikm.a.waktu_pelayanan.3": {"id": "Cepat", "en": "Fast"},
    "ikm.a.waktu_pelayanan.4": {"id": "Sangat cepat", "en": "Very fast"},
    "ikm.q.biaya_tarif": {
        "id": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "en": "How reasonable is the cost/fee of the service?",
    },
    "ikm.a.biaya_tarif.1": {"id": "Sangat mahal", "en": "Very expensive"},
    "ikm.a.biaya_tarif.2": {"id": "Cukup mahal", "en": "Rather expensive"},
    "ikm.a.biaya_tarif.3": {"id": "Murah", "en": "Cheap"},
    "ikm.a.biaya_tarif.4": {"id": "Gratis", "en": "Free"},
    "ikm.q.produk_spesifikasi": {
        "id": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        "en": "How well does the service delivered match what the service standard promises?",
    },
    "ikm.a.produk_spesifikasi.1": {"id": "Tidak sesuai", "en": "Not as promised"},
    "ikm.a.produk_spesifikasi.2": {"id": "Kurang sesuai", "en": "Partly as promised"},
    "ikm.a.produk_spesifikasi.3": {"id": "Sesuai", "en": "As promised"},
    "ikm.a.produk_spesifikasi.4": {"id": "Sangat sesuai", "en": "Fully as promised"},
    "ikm.q.kompetensi_pelaksana": {
        "id": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "en": "How competent were the staff who served you?",
    },
    "ikm.a.kompetensi_pelaksana.1": {"id": "Tidak kompeten", "en": "Not competent"},
    "ikm.a.kompetensi_pelaksana.2": {"id": "Kurang kompeten", "en": "Somewhat competent"},
    "ikm.a.kompetensi_pelaksana.3": {"id": "Kompeten", "en": "Competent"},
    "ikm.a.kompetensi_pelaksana.4": {"id": "Sangat kompeten", "en": "Very competent"},
    "ikm.q.perilaku_pelaksana": {
        "id": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        "en": "How polite and friendly were the staff?",
    },
    "ikm.a.perilaku_pelaksana.1": {"id": "Tidak sopan dan ramah", "en": "Not polite or friendly"},
    "ikm.a.perilaku_pelaksana.2": {
        "id": "Kurang sopan dan ramah",
        "en": "Somewhat polite and friendly",
    },
    "ikm.a.perilaku_pelaksana.3": {"id": "Sopan dan ramah", "en": "Polite and friendly"},
    "ikm.a.perilaku_pelaksana.4": {
        "id": "Sangat sopan dan ramah",
        "en": "Very polite and friendly",
    },
    "ikm.q.penanganan_pengaduan": {
        "id": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "en": "How are complaints, suggestions and feedback from service users handled?",
    },
    "ikm.a.penanganan_pengaduan.1": {"id": "Tidak ada", "en": "There is no way to complain"},
    "ikm.a.penanganan_pengaduan.2": {
        "id": "Ada tetapi tidak berfungsi",
        "en": "There is one, but it does not work",
    },
    "ikm.a.penanganan_pengaduan.3": {
        "id": "Berfungsi kurang maksimal",
        "en": "It works, but not fully",
    },
    "ikm.a.penanganan_pengaduan.4": {"id": "Dikelola dengan baik", "en": "Well managed"},
    "ikm.q.sarana_prasarana": {
        "id": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "en": "How good are the facilities and infrastructure?",
    },
    "ikm.a.sarana_prasarana.1": {"id": "Buruk", "en": "Poor"},
    "ikm.a.sarana_prasarana.2": {"id": "Cukup", "en": "Adequate"},
    "ikm.a.sarana_prasarana.3": {"id": "Baik", "en": "Good"},
    "ikm.a.sarana_prasarana.4": {"id": "Sangat baik", "en": "Very good"},
}
