"""Messages of the services (intake, cases, events)."""

MESSAGES: dict[str, dict[str, str]] = {
    "text.too_long": {
        "id": "{field} terlalu panjang (maksimal {max} karakter).",
        "en": "{field} is too long (at most {max} characters).",
    },
    "code.unknown": {
        "id": "{field}: kode '{value}' tidak dikenal; pilih dari daftar.",
        "en": "{field}: unknown code '{value}'; choose one from the list.",
    },
    "year.range": {
        "id": "{field} harus antara 1900 dan {max}.",
        "en": "{field} must be between 1900 and {max}.",
    },
    "number.negative": {"id": "{field} tidak boleh negatif.", "en": "{field} cannot be negative."},
    "employees.women_gt_total": {
        "id": "{field} tidak boleh lebih dari jumlah tenaga kerja.",
        "en": "{field} cannot exceed the total number of employees.",
    },
    "nib.taken": {
        "id": "{field} {value} sudah terdaftar untuk usaha lain; pilih 'usaha yang sama' bila itu usaha ini.",
        "en": "{field} {value} is already registered to another enterprise; choose 'same enterprise' if it is this one.",
    },
    "minutes.range": {
        "id": "{field} harus antara 1 dan 1440 menit.",
        "en": "{field} must be between 1 and 1440 minutes.",
    },
    "date.before": {
        "id": "{field} tidak boleh sebelum {other}.",
        "en": "{field} cannot be before {other}.",
    },
    "permit.issued_needs_number": {
        "id": "{field}: izin yang sudah terbit perlu nomor dan tanggal terbit.",
        "en": "{field}: an issued permit needs its number and issue date.",
    },
    "survey.case_not_closed": {
        "id": "Survei IKM hanya untuk kasus yang selesai atau ditutup (status kasus: {status}).",
        "en": "IKM surveys are only for finished or closed cases (case status: {status}).",
    },
    "survey.exists": {
        "id": "Kasus ini sudah memiliki survei IKM.",
        "en": "This case already has an IKM survey.",
    },
    "event.already_registered": {
        "id": "Usaha ini sudah terdaftar di acara tersebut.",
        "en": "This enterprise is already registered for the event.",
    },
    "case.assign_via_assign": {
        "id": "Gunakan 'Tugaskan' untuk menugaskan kasus kepada petugas.",
        "en": "Use 'Assign' to assign the case to a staff member.",
    },
    "case.needs_assignee": {
        "id": "Kasus harus ditugaskan kepada petugas sebelum diproses.",
        "en": "The case must be assigned to a staff member before work starts.",
    },
    "nik.taken": {
        "id": "{field} {value} sudah terdaftar untuk orang lain.",
        "en": "{field} {value} is already registered to another person.",
    },
    "field.assigned_staff_id": {"id": "Petugas", "en": "Assigned staff"},
    "email.invalid": {
        "id": "{field} tidak valid; contoh: nama@contoh.id.",
        "en": "{field} is not valid; e.g. name@example.id.",
    },
    "field.priority": {"id": "Prioritas", "en": "Priority"},
    "field.education": {"id": "Pendidikan", "en": "Education"},
    "field.products": {"id": "Produk", "en": "Products"},
    "field.street_address": {"id": "Alamat jalan", "en": "Street address"},
    "field.resolution": {"id": "Hasil penyelesaian", "en": "Resolution"},
    "field.kind": {"id": "Jenis", "en": "Kind"},
    "field.mode": {"id": "Cara", "en": "Mode"},
    "field.follow_up_on": {"id": "Tanggal tindak lanjut", "en": "Follow-up date"},
    "field.partner_type": {"id": "Jenis mitra", "en": "Partner type"},
    "field.partner_name": {"id": "Nama mitra", "en": "Partner name"},
    "field.status": {"id": "Status", "en": "Status"},
    "field.number": {"id": "Nomor izin", "en": "Permit number"},
    "field.expires_on": {"id": "Tanggal berakhir", "en": "Expiry date"},
    "field.ends_on": {"id": "Tanggal selesai", "en": "End date"},
    "field.case": {"id": "Kasus", "en": "Case"},
    "field.enterprise": {"id": "Usaha", "en": "Enterprise"},
    "field.sales_annual": {"id": "Omzet tahunan", "en": "Annual sales"},
    "field.employees_total": {"id": "Jumlah tenaga kerja", "en": "Employees"},
    "entity.registration": {"id": "Pendaftaran acara", "en": "Event registration"},
}
