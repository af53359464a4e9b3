"""Messages of imports, exports, field sheets, backup and restore (plut_nb.io)."""

MESSAGES: dict[str, dict[str, str]] = {
    # field labels of import-only columns
    "field.source_key": {"id": "Kode sumber", "en": "Source key"},
    "field.registered_on": {"id": "Tanggal daftar", "en": "Registration date"},
    "field.taken_on": {"id": "Tanggal data", "en": "Date of the figures"},
    "field.opened_on": {"id": "Tanggal buka", "en": "Opening date"},
    "field.closed_on": {"id": "Tanggal selesai", "en": "Closing date"},
    "field.case_number": {"id": "Nomor kasus", "en": "Case number"},
    "field.assigned_to": {"id": "Petugas", "en": "Assigned staff"},
    "field.role": {"id": "Peran", "en": "Role"},
    "field.enterprise_id": {"id": "ID usaha", "en": "Enterprise id"},
    "field.file": {"id": "Berkas", "en": "File"},
    "field.centre": {"id": "PLUT", "en": "Centre"},
    "field.online_channels": {"id": "Kanal daring", "en": "Online channels"},
    "field.disability": {"id": "Disabilitas", "en": "Disability"},
    "field.orang_asli_papua": {"id": "Orang Asli Papua", "en": "Orang Asli Papua"},
    "field.market_local": {"id": "Pasar lokal", "en": "Local market"},
    "field.market_regional": {"id": "Pasar regional", "en": "Regional market"},
    "field.market_national": {"id": "Pasar nasional", "en": "National market"},
    "field.market_export": {"id": "Pasar ekspor", "en": "Export market"},
    # reading files
    "import.no_file": {"id": "Berkas {path} tidak ditemukan.", "en": "File {path} not found."},
    "import.file_type": {
        "id": "Jenis berkas '{suffix}' tidak didukung; gunakan salah satu dari: {known}.",
        "en": "File type '{suffix}' is not supported; use one of: {known}.",
    },
    "import.bad_workbook": {
        "id": "Berkas Excel {path} tidak dapat dibuka ({error}); simpan ulang sebagai .xlsx.",
        "en": "Excel file {path} cannot be opened ({error}); save it again as .xlsx.",
    },
    "import.no_sheet": {
        "id": "Lembar '{sheet}' tidak ada; lembar yang ada: {sheets}.",
        "en": "There is no sheet '{sheet}'; the sheets are: {sheets}.",
    },
    "import.no_header": {
        "id": "Baris judul kolom tidak ditemukan di 12 baris pertama; kolom wajib: {expected}.",
        "en": "No header row found in the first 12 rows; required columns: {expected}.",
    },
    "import.missing_columns": {
        "id": "Kolom wajib tidak ada di berkas: {columns}.",
        "en": "Required columns are missing from the file: {columns}.",
    },
    "import.encoding": {
        "id": "Baris ini berisi huruf yang bukan UTF-8 (mis. disimpan sebagai ANSI/Windows-1252): simpan ulang berkas sebagai 'CSV UTF-8', atau jalankan dengan --encoding cp1252.",
        "en": "This row holds characters that are not UTF-8 (e.g. saved as ANSI/Windows-1252): save the file again as 'CSV UTF-8', or run with --encoding cp1252.",
    },
    # cell values
    "import.date": {
        "id": "{field} '{value}' bukan tanggal yang dikenali; tulis misalnya 31/12/2024 atau 2024-12-31.",
        "en": "{field} '{value}' is not a recognised date; write e.g. 31/12/2024 or 2024-12-31.",
    },
    "import.future": {
        "id": "{field} {value} ada di masa depan.",
        "en": "{field} {value} is in the future.",
    },
    "import.yes_no": {
        "id": "{field}: isi 'ya' atau 'tidak', bukan '{value}'.",
        "en": "{field}: write 'ya' (yes) or 'tidak' (no), not '{value}'.",
    },
    "import.nik_number": {
        "id": "{field} tersimpan sebagai angka di Excel, yang hanya menyimpan 15 digit: format kolom sebagai Teks lalu ketik ulang NIK.",
        "en": "{field} is stored as a number in Excel, which keeps only 15 digits: format the column as Text and type the NIK again.",
    },
    "import.nik_mismatch": {
        "id": "{field} tidak cocok dengan yang tercantum dalam NIK.",
        "en": "{field} does not match what the NIK encodes.",
    },
    "import.no_figures": {
        "id": "Baris tidak berisi angka apa pun (omzet, modal, tenaga kerja, pasar).",
        "en": "The row holds no figure at all (sales, capital, employees, markets).",
    },
    # matching
    "import.duplicate_row": {
        "id": "Baris ganda: {key} sudah ada di baris {line} berkas ini.",
        "en": "Duplicate row: {key} already appears on row {line} of this file.",
    },
    "import.key.source": {"id": "kode sumber {key}", "en": "source key {key}"},
    "import.key.identity": {
        "id": "nama usaha, desa dan nama pemilik yang sama",
        "en": "the same enterprise name, village and owner name",
    },
    "import.key.nik_name": {
        "id": "NIK pemilik {nik} dengan nama usaha yang sama",
        "en": "owner NIK {nik} with the same enterprise name",
    },
    "import.key.ref_name": {
        "id": "orang dengan nama yang sama pada usaha {ref}",
        "en": "a person of the same name at enterprise {ref}",
    },
    "import.key.snapshot": {
        "id": "data {ref} per {date}",
        "en": "figures of {ref} at {date}",
    },
    "import.key.case_number": {"id": "nomor kasus {number}", "en": "case number {number}"},
    "import.key.case": {
        "id": "kasus {ref} dengan layanan dan tanggal buka {date} yang sama",
        "en": "a case of {ref} with the same service and opening date {date}",
    },
    "import.owner_differs": {
        "id": "{field} pemilik berbeda dengan pemilik tersimpan untuk usaha ini; periksa NIK atau kode sumber.",
        "en": "{field} of the owner differs from the stored owner of this enterprise; check the NIK or source key.",
    },
    "import.person_unmatchable": {
        "id": "{field} kosong dan tidak ada NIB/kode sumber usaha: baris ini tidak dapat dicocokkan saat impor ulang.",
        "en": "{field} is empty and no enterprise NIB/source key is given: the row could not be matched on a re-import.",
    },
    "import.enterprise_ref": {
        "id": "Isi NIB, Kode Sumber atau ID Usaha untuk menunjuk usahanya.",
        "en": "Give the NIB, source key or enterprise id of the enterprise.",
    },
    "import.enterprise_id": {
        "id": "{field} '{value}' harus berupa angka.",
        "en": "{field} '{value}' must be a number.",
    },
    "import.enterprise_missing": {
        "id": "Usaha dengan {ref} belum terdaftar; impor usahanya lebih dulu.",
        "en": "No enterprise with {ref} is registered; import the enterprise first.",
    },
    "import.case_needs_staff": {
        "id": "{field} wajib diisi (username) untuk status selain 'baru' dan 'dibatalkan'.",
        "en": "{field} (a username) is required for any status but 'baru' and 'dibatalkan'.",
    },
    "import.case_other_enterprise": {
        "id": "{field} sudah dipakai kasus usaha lain.",
        "en": "{field} belongs to a case of another enterprise.",
    },
    # actor and centre
    "import.system_user": {"id": "Sistem (operator server)", "en": "System (server operator)"},
    "import.centre_needed": {
        "id": "Ada beberapa PLUT; sebutkan satu dengan --centre (kode: {codes}).",
        "en": "There are several centres; name one with --centre (codes: {codes}).",
    },
    "command.no_centre": {
        "id": "Basis data belum berisi PLUT maupun petugas; isi dulu (mis. plut demo atau plut import).",
        "en": "The database holds no centre and no staff yet; fill it first (e.g. plut demo or plut import).",
    },
    # summary
    "import.rows_word": {"id": "baris", "en": "rows"},
    "import.summary": {
        "id": "{file}: {read} baris dibaca, {inserted} baru, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak ({blank} baris kosong dilewati).",
        "en": "{file}: {read} rows read, {inserted} inserted, {updated} updated, {unchanged} unchanged, {rejected} rejected ({blank} blank rows skipped).",
    },
    "import.summary.dry_run": {
        "id": "Uji coba (tidak ada yang disimpan) {file}: {read} baris dibaca, {inserted} akan baru, {updated} akan diperbarui, {unchanged} tidak berubah, {rejected} ditolak ({blank} baris kosong).",
        "en": "Dry run (nothing saved) {file}: {read} rows read, {inserted} would be inserted, {updated} updated, {unchanged} unchanged, {rejected} rejected ({blank} blank rows).",
    },
    "import.summary.resumed": {
        "id": "Dilanjutkan dari impor yang terputus, setelah baris {line}.",
        "en": "Resumed an interrupted import after row {line}.",
    },
    "import.summary.extra": {
        "id": "Kolom yang tidak dikenal dan diabaikan: {columns}.",
        "en": "Unknown columns, ignored: {columns}.",
    },
    "import.summary.errors": {
        "id": "Baris yang ditolak beserta alasannya: {path}",
        "en": "Rejected rows with their reasons: {path}",
    },
    # exports
    "export.no_table": {
        "id": "Tabel '{table}' tidak ada; tabel yang ada: {tables}.",
        "en": "There is no table '{table}'; the tables are: {tables}.",
    },
    "export.written": {"id": "Ditulis: {path}", "en": "Written: {path}"},
    # backup and restore
    "backup.not_sqlite": {
        "id": "Cadangan dan pemulihan dengan plut hanya untuk basis data SQLite; untuk PostgreSQL gunakan pg_dump dan pg_restore.",
        "en": "plut backup and restore work on the SQLite database only; for PostgreSQL use pg_dump and pg_restore.",
    },
    "backup.no_database": {
        "id": "Basis data {path} tidak ada.",
        "en": "Database {path} does not exist.",
    },
    "backup.done": {
        "id": "Cadangan dibuat: {path} (skema {revision}, {enterprises} usaha).",
        "en": "Backup written: {path} (schema {revision}, {enterprises} enterprises).",
    },
    "restore.not_backup": {
        "id": "{path} bukan cadangan PLUT-NB yang utuh ({reason}).",
        "en": "{path} is not an intact PLUT-NB backup ({reason}).",
    },
    "restore.schema": {
        "id": "Cadangan {path} berskema {revision}, yang tidak dikenal versi program ini (terbaru {head}); pulihkan dengan versi PLUT-NB yang membuatnya.",
        "en": "Backup {path} has schema {revision}, unknown to this version (newest {head}); restore it with the PLUT-NB version that made it.",
    },
    "restore.exists": {
        "id": "Basis data {path} sudah berisi data ({enterprises} usaha); ulangi dengan --force untuk menimpanya (salinannya disimpan dahulu).",
        "en": "Database {path} already holds data ({enterprises} enterprises); repeat with --force to overwrite it (a copy is kept first).",
    },
    "restore.done": {
        "id": "Dipulihkan dari {path} (skema {revision}).",
        "en": "Restored from {path} (schema {revision}).",
    },
    "restore.kept": {
        "id": "Data sebelumnya disimpan di {path}.",
        "en": "The previous data was kept in {path}.",
    },
    "restore.upgrade": {
        "id": "Skema cadangan lebih lama dari program ini: jalankan plut db upgrade.",
        "en": "The backup's schema is older than this program: run plut db upgrade.",
    },
}
