"""Messages of the Indonesian rules (identifiers, codes, size class, IKM)."""

MESSAGES: dict[str, dict[str, str]] = {
    "required": {"id": "{field} wajib diisi.", "en": "{field} is required."},
    "rules.not_text": {
        "id": "{field} harus diisi sebagai teks, bukan {type}.",
        "en": "{field} must be given as text, not {type}.",
    },
    # NIK
    "nik.digits": {
        "id": "{field} hanya boleh berisi angka 0–9; ada karakter '{char}'. Salin NIK dari KTP.",
        "en": "{field} may contain only digits 0–9; found '{char}'. Copy the NIK from the ID card.",
    },
    "nik.length": {
        "id": "{field} harus 16 digit angka; yang diisi {count} digit.",
        "en": "{field} must be 16 digits; {count} digits were entered.",
    },
    "nik.province": {
        "id": (
            "{field}: kode provinsi '{code}' (2 digit pertama) tidak dikenal. Periksa NIK pada KTP."
        ),
        "en": (
            "{field}: province code '{code}' (first 2 digits) is unknown. Check the NIK on the ID"
            " card."
        ),
    },
    "nik.regency": {
        "id": (
            "{field}: kode kabupaten/kota '{code}' (4 digit pertama) tidak ada di tabel wilayah "
            "Kemendagri. Periksa NIK pada KTP."
        ),
        "en": (
            "{field}: regency/city code '{code}' (first 4 digits) is not in the Kemendagri region"
            " table. Check the NIK on the ID card."
        ),
    },
    "nik.district": {
        "id": (
            "{field}: kode kecamatan '{code}' (6 digit pertama) tidak ada di tabel wilayah "
            "Kemendagri terbaru; bisa jadi kode lama sebelum pemekaran. Periksa NIK pada KTP."
        ),
        "en": (
            "{field}: district code '{code}' (first 6 digits) is not in the latest Kemendagri "
            "region table; it may be an old code from before a split. Check the NIK on the ID "
            "card."
        ),
    },
    "nik.birth_date": {
        "id": (
            "{field}: tanggal lahir pada digit 7–12 ({ddmmyy}, format DDMMYY, tanggal +40 untuk "
            "perempuan) bukan tanggal yang ada. Periksa NIK pada KTP."
        ),
        "en": (
            "{field}: the birth date in digits 7–12 ({ddmmyy}, DDMMYY, day +40 for women) is not "
            "a real date. Check the NIK on the ID card."
        ),
    },
    "nik.birth_future": {
        "id": "{field}: tanggal lahir pada NIK ({date}) ada di masa depan. Periksa NIK pada KTP.",
        "en": (
            "{field}: the birth date in the NIK ({date}) is in the future. Check the NIK on the "
            "ID card."
        ),
    },
    "nik.serial": {
        "id": "{field}: nomor urut (4 digit terakhir) tidak boleh 0000. Periksa NIK pada KTP.",
        "en": (
            "{field}: the serial number (last 4 digits) cannot be 0000. Check the NIK on the ID "
            "card."
        ),
    },
    # NIB
    "nib.digits": {
        "id": (
            "{field} hanya boleh berisi angka 0–9; ada karakter '{char}'. Salin NIB dari dokumen "
            "OSS."
        ),
        "en": (
            "{field} may contain only digits 0–9; found '{char}'. Copy the NIB from the OSS "
            "document."
        ),
    },
    "nib.length": {
        "id": "{field} harus 13 digit angka; yang diisi {count} digit.",
        "en": "{field} must be 13 digits; {count} digits were entered.",
    },
    # Phone
    "phone.too_long": {
        "id": (
            "{field} terlalu panjang ({count} karakter). Isi satu nomor saja, mis. 0812 3456 7890."
        ),
        "en": "{field} is too long ({count} characters). Enter one number, e.g. 0812 3456 7890.",
    },
    "phone.country": {
        "id": (
            "{field} '{value}' bukan nomor Indonesia: kode negara harus +62. Isi nomor Indonesia,"
            " mis. 0812 3456 7890."
        ),
        "en": (
            "{field} '{value}' is not an Indonesian number: the country code must be +62. Enter "
            "an Indonesian number, e.g. 0812 3456 7890."
        ),
    },
    "phone.prefix": {
        "id": (
            "{field} '{value}' harus diawali 0, 62 atau +62, mis. 0812 3456 7890 atau 021 555 1234."
        ),
        "en": (
            "{field} '{value}' must start with 0, 62 or +62, e.g. 0812 3456 7890 or 021 555 1234."
        ),
    },
    "phone.digits": {
        "id": (
            "{field} hanya boleh berisi angka 0–9 (boleh spasi, tanda hubung, kurung); ada "
            "karakter '{char}'."
        ),
        "en": (
            "{field} may contain only digits 0–9 (spaces, dashes, brackets allowed); found "
            "'{char}'."
        ),
    },
    "phone.mobile_length": {
        "id": "{field}: nomor HP harus 10–13 digit termasuk 0 di depan; yang diisi {count} digit.",
        "en": (
            "{field}: a mobile number must have 10–13 digits including the leading 0; {count} "
            "digits were entered."
        ),
    },
    "phone.landline_length": {
        "id": (
            "{field}: nomor telepon rumah/kantor harus 8–12 digit termasuk kode area (mis. 021 "
            "555 1234); yang diisi {count} digit."
        ),
        "en": (
            "{field}: a landline number must have 8–12 digits including the area code (e.g. 021 "
            "555 1234); {count} digits were entered."
        ),
    },
    "phone.invalid": {
        "id": (
            "{field} '{value}' bukan nomor telepon Indonesia yang valid: setelah 0 harus 8 (HP) "
            "atau kode area (mis. 21)."
        ),
        "en": (
            "{field} '{value}' is not a valid Indonesian number: after the 0 must come 8 (mobile)"
            " or an area code (e.g. 21)."
        ),
    },
    # KBLI
    "kbli.format": {
        "id": (
            "{field} '{code}' tidak valid: isi huruf kategori A–U atau kode 2–5 digit angka, mis."
            " 47111."
        ),
        "en": (
            "{field} '{code}' is invalid: enter a section letter A–U or a 2–5 digit code, e.g. "
            "47111."
        ),
    },
    "kbli.length": {
        "id": (
            "{field} '{code}' bukan kode tingkat {level}: harus {digits} digit angka, mis. 47111 "
            "untuk 5 digit."
        ),
        "en": (
            "{field} '{code}' is not a level-{level} code: it must have {digits} digits, e.g. "
            "47111 for 5 digits."
        ),
    },
    "kbli.section": {
        "id": "{field} '{code}' bukan kategori KBLI: isi satu huruf A–U.",
        "en": "{field} '{code}' is not a KBLI section: enter one letter A–U.",
    },
    "kbli.unknown": {
        "id": (
            "{field} '{code}' tidak ada di KBLI 2020. Cari kode yang benar di daftar KBLI 2020 "
            "(oss.go.id)."
        ),
        "en": (
            "{field} '{code}' does not exist in KBLI 2020. Look up the right code in the KBLI "
            "2020 list (oss.go.id)."
        ),
    },
    # Regions
    "region.format": {
        "id": (
            "{field} '{code}' tidak berformat kode Kemendagri: PP, PP.RR, PP.RR.DD atau "
            "PP.RR.DD.VVVV, mis. 32.01.01.2001."
        ),
        "en": (
            "{field} '{code}' is not a Kemendagri code: use PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV,"
            " e.g. 32.01.01.2001."
        ),
    },
    "region.regency_range": {
        "id": (
            "{field} '{code}': nomor kabupaten/kota '{regency}' harus 01–69 (kabupaten) atau "
            "71–99 (kota)."
        ),
        "en": (
            "{field} '{code}': regency/city number '{regency}' must be 01–69 (regency) or 71–99 "
            "(city)."
        ),
    },
    "region.village_kind": {
        "id": (
            "{field} '{code}': kode desa/kelurahan harus diawali 1 (kelurahan) atau 2 (desa); "
            "3 hanya untuk desa adat."
        ),
        "en": (
            "{field} '{code}': a village code must start with 1 (kelurahan) or 2 (desa); "
            "3 is only for desa adat."
        ),
    },
    "region.level": {
        "id": (
            "{field} '{code}' adalah kode {found}, padahal yang diminta kode {wanted}. Pilih "
            "wilayah pada tingkat yang benar."
        ),
        "en": (
            "{field} '{code}' is a {found} code, but a {wanted} code is required. Pick a region "
            "at the right level."
        ),
    },
    "region.unknown": {
        "id": (
            "{field} '{code}' tidak ada di tabel wilayah Kemendagri (Kepmendagri "
            "300.2.2-2138/2025). Pilih wilayah dari daftar."
        ),
        "en": (
            "{field} '{code}' is not in the Kemendagri region table (Kepmendagri "
            "300.2.2-2138/2025). Pick the region from the list."
        ),
    },
    "region.level_name.1": {"id": "provinsi", "en": "province"},
    "region.level_name.2": {"id": "kabupaten/kota", "en": "regency/city"},
    "region.level_name.3": {"id": "kecamatan", "en": "district"},
    "region.level_name.4": {"id": "desa/kelurahan", "en": "village"},
    # Size class
    "money.not_amount": {
        "id": "{field}: {value} bukan jumlah Rupiah; tulis mis. Rp1.500.000, 1500000 atau 1,5 jt.",
        "en": "{field}: {value} is not an amount in Rupiah; write e.g. Rp1.500.000, 1500000 or 1,5 jt.",
    },
    "money.not_whole": {
        "id": "{field} harus Rupiah bulat tanpa sen; yang diisi {value}.",
        "en": "{field} must be whole Rupiah without sen; got {value}.",
    },
    "money.too_large": {
        "id": "{field} terlalu besar ({value}); periksa jumlah nol.",
        "en": "{field} is too large ({value}); check the number of zeros.",
    },
    "size.negative": {
        "id": "{field} tidak boleh negatif; yang diisi {value}. Isi 0 bila belum ada.",
        "en": "{field} cannot be negative; got {value}. Enter 0 if there is none.",
    },
    "size.missing": {
        "id": (
            "{field}: isi modal usaha (di luar tanah dan bangunan) atau omzet tahunan untuk "
            "menentukan skala usaha."
        ),
        "en": (
            "{field}: enter the business capital (excluding land and buildings) or the annual "
            "sales to set the size class."
        ),
    },
    # IKM
    "ikm.this_response": {"id": "pada formulir ini", "en": "on this form"},
    "ikm.respondent": {"id": "responden ke-{number}", "en": "of respondent {number}"},
    "ikm.answer": {
        "id": (
            "{field} {who}, unsur '{element}': harus angka bulat 1–4; yang diisi {value}. Pilih 1"
            " (tidak baik) sampai 4 (sangat baik)."
        ),
        "en": (
            "{field} {who}, element '{element}': must be a whole number 1–4; got {value}. Choose "
            "1 (poor) to 4 (very good)."
        ),
    },
    "ikm.not_list": {
        "id": "{field} {who} harus berupa daftar {n} jawaban (satu per unsur).",
        "en": "{field} {who} must be a list of {n} answers (one per element).",
    },
    "ikm.count": {
        "id": "{field} {who} harus berisi {n} jawaban (satu per unsur); yang diisi {count}.",
        "en": "{field} {who} must have {n} answers (one per element); {count} were given.",
    },
    "ikm.no_responses": {
        "id": "{field}: belum ada jawaban survei. Masukkan minimal satu responden.",
        "en": "{field}: there are no survey responses. Enter at least one respondent.",
    },
    "ikm.weights_count": {
        "id": "{field} harus berisi {n} angka (satu per unsur); yang diisi {count}.",
        "en": "{field} must have {n} numbers (one per element); {count} were given.",
    },
    "ikm.weights_value": {
        "id": "{field} harus angka tidak negatif; ada nilai {value}.",
        "en": "{field} must be non-negative numbers; found {value}.",
    },
    "ikm.weights_sum": {
        "id": (
            "{field} harus berjumlah 1; jumlahnya {total}. Sesuaikan bobot (bawaan 1/9 per unsur)."
        ),
        "en": (
            "{field} must add up to 1; they add up to {total}. Adjust the weights (default 1/9 "
            "each)."
        ),
    },
    "ikm.score_range": {
        "id": "{field}: nilai IKM {score} di luar rentang 25,00–100,00.",
        "en": "{field}: IKM score {score} is outside 25.00–100.00.",
    },
    "ikm.bad_sums": {
        "id": "{field}: jumlah per unsur harus sembilan angka antara n dan 4n.",
        "en": "{field}: element totals must be nine numbers between n and 4n.",
    },
}
