"""Messages of roles, centre scope, permission refusals and the case audit view."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.permission_centre": {
        "id": "{actor} tidak berwenang untuk: {action} di {centre} (di luar cakupan PLUT Anda).",
        "en": "{actor} is not allowed to: {action} at {centre} (outside your centres).",
    },
    "permission.action.register_enterprise": {
        "id": "mendaftarkan UMKM",
        "en": "register an enterprise",
    },
    "permission.action.read_personal_data": {
        "id": "melihat data usaha dan pemilik",
        "en": "see enterprise and owner data",
    },
    "permission.action.read_personal_data_full": {
        "id": "melihat NIK dan nomor HP lengkap",
        "en": "see full NIK and phone numbers",
    },
    "permission.action.read_case": {"id": "melihat kasus", "en": "see cases"},
    "permission.action.open_case": {"id": "membuka kasus", "en": "open a case"},
    "permission.action.assign_case": {
        "id": "menugaskan kasus kepada petugas",
        "en": "assign a case to a staff member",
    },
    "permission.action.take_case": {
        "id": "mengambil kasus untuk diri sendiri",
        "en": "take a case",
    },
    "permission.action.change_status": {
        "id": "mengubah status kasus",
        "en": "change a case's status",
    },
    "permission.action.close_reopen": {
        "id": "menutup atau membuka kembali kasus",
        "en": "close or reopen a case",
    },
    "permission.action.log_activity": {"id": "mencatat kegiatan", "en": "log an activity"},
    "permission.action.refer": {"id": "mencatat rujukan", "en": "record a referral"},
    "permission.action.record_permit": {"id": "mencatat izin usaha", "en": "record a permit"},
    "permission.action.record_indicators": {
        "id": "mencatat indikator usaha",
        "en": "record enterprise indicators",
    },
    "permission.action.record_survey": {"id": "mencatat survei IKM", "en": "record an IKM survey"},
    "permission.action.manage_events": {"id": "mengelola acara", "en": "manage events"},
    "permission.action.read_aggregates": {
        "id": "melihat angka ringkasan",
        "en": "see summary figures",
    },
    "permission.action.read_dashboard": {"id": "membuka dasbor", "en": "open the dashboard"},
    "permission.action.run_batches": {
        "id": "menjalankan batch evaluasi",
        "en": "run evaluation batches",
    },
    "permission.action.read_deidentified": {
        "id": "membaca ekstrak riset tanpa identitas",
        "en": "read the de-identified research extract",
    },
    "permission.action.export_tables": {
        "id": "mengekspor tabel data (NIK dan nomor HP disamarkan)",
        "en": "export data tables (NIK and phone masked)",
    },
    "permission.action.export_personal_data": {
        "id": "mengekspor data pribadi lengkap (NIK, nomor HP, e-mail)",
        "en": "export full personal data (NIK, phone, e-mail)",
    },
    "permission.action.manage_users": {
        "id": "mengelola akun petugas",
        "en": "manage staff accounts",
    },
    "permission.action.read_audit": {"id": "melihat jejak audit", "en": "read the audit trail"},
    "permission.inactive": {
        "id": "akun tidak dikenal atau nonaktif",
        "en": "unknown or deactivated account",
    },
    "case.assignee_other_centre": {
        "id": "{field}: petugas yang ditugaskan harus bekerja di PLUT kasus ini.",
        "en": "{field}: the assignee must work at this case's centre.",
    },
    "ui.cases.audit": {"id": "Jejak audit (manajer)", "en": "Audit trail (managers)"},
    "ui.cases.audit_empty": {"id": "Belum ada entri audit.", "en": "No audit entries yet."},
    "ui.cases.a_when": {"id": "Waktu", "en": "When"},
    "ui.cases.a_who": {"id": "Oleh", "en": "By"},
    "ui.cases.a_what": {"id": "Tindakan", "en": "Action"},
    "ui.cases.a_changes": {"id": "Sebelum → sesudah", "en": "Before → after"},
}
