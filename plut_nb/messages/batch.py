"""Messages of the papermill batches (``plut batch``): definitions, snapshot, runs, reports."""

MESSAGES: dict[str, dict[str, str]] = {
    # definition files
    "batch.def.invalid": {
        "id": "Definisi batch {file} tidak valid:",
        "en": "Batch definition {file} is invalid:",
    },
    "batch.def.unreadable": {
        "id": "berkas tidak dapat dibaca ({detail}).",
        "en": "the file cannot be read ({detail}).",
    },
    "batch.def.yaml": {
        "id": "bukan YAML yang valid: {detail}.",
        "en": "not valid YAML: {detail}.",
    },
    "batch.def.not_mapping": {
        "id": "isi berkas harus berupa pemetaan kunci: nilai (notebook, runs/grid, ...).",
        "en": "the file must hold a mapping of keys to values (notebook, runs/grid, ...).",
    },
    "batch.def.unknown_key": {
        "id": "kunci '{key}' tidak dikenal; yang boleh: {allowed}.",
        "en": "unknown key '{key}'; allowed: {allowed}.",
    },
    "batch.def.missing": {
        "id": "kunci '{key}' wajib diisi.",
        "en": "key '{key}' is required.",
    },
    "batch.def.number": {"id": "harus berupa angka.", "en": "must be a number."},
    "batch.def.positive": {"id": "harus lebih dari 0.", "en": "must be greater than 0."},
    "batch.def.text": {"id": "harus berupa teks.", "en": "must be text."},
    "batch.def.list": {
        "id": "harus berupa daftar (- nilai, atau [a, b]).",
        "en": "must be a list (- value, or [a, b]).",
    },
    "batch.def.mapping": {
        "id": "harus berupa pemetaan nama: nilai.",
        "en": "must be a mapping of name: value.",
    },
    "batch.def.empty": {
        "id": "tidak boleh kosong.",
        "en": "cannot be empty.",
    },
    "batch.def.name": {
        "id": "'{name}' bukan nama parameter yang sah (huruf, angka dan _, tidak diawali angka).",
        "en": "'{name}' is not a valid parameter name (letters, digits and _, not starting with a digit).",
    },
    "batch.def.reserved": {
        "id": "parameter '{name}' diisi oleh runner batch; hapus dari definisi.",
        "en": "parameter '{name}' is set by the batch runner; remove it from the definition.",
    },
    "batch.def.value": {
        "id": "nilai {value} tidak didukung: gunakan teks, angka, true/false, null atau daftar dari itu.",
        "en": "value {value} is not supported: use text, a number, true/false, null or a list of those.",
    },
    "batch.def.twice": {
        "id": "kunci ini muncul dua kali.",
        "en": "this key appears twice.",
    },
    "batch.def.quote": {
        "id": 'YAML membaca {text} sebagai angka atau true/false; beri tanda kutip ("{text}") bila itu kode atau teks.',
        "en": 'YAML reads {text} as a number or true/false; quote it ("{text}") if it is a code or text.',
    },
    "batch.def.runs_or_grid": {
        "id": "isi tepat satu dari 'runs' (daftar run) atau 'grid' (kombinasi nilai).",
        "en": "give exactly one of 'runs' (a list of runs) or 'grid' (combinations of values).",
    },
    "batch.def.no_notebook": {
        "id": "notebook {path} tidak ditemukan (path relatif terhadap folder berkas definisi).",
        "en": "notebook {path} not found (paths are relative to the definition file's folder).",
    },
    "batch.def.placeholder": {
        "id": "placeholder tidak dikenal {detail}; yang boleh: {{date}}, {{data_dir}}, {{name}}.",
        "en": "unknown placeholder {detail}; allowed: {{date}}, {{data_dir}}, {{name}}.",
    },
    "batch.def.duplicate_value": {
        "id": "nilai ini sudah ada sebelumnya di daftar yang sama.",
        "en": "this value comes earlier in the same list.",
    },
    "batch.def.duplicate_run": {
        "id": "run dengan parameter yang sama persis sudah ada sebelumnya.",
        "en": "a run with exactly the same parameters comes earlier.",
    },
    # snapshot
    "batch.snapshot.backend": {
        "id": "Snapshot dari basis data {backend} belum didukung (hanya SQLite dan PostgreSQL).",
        "en": "Snapshots of a {backend} database are not supported (only SQLite and PostgreSQL).",
    },
    "batch.snapshot.memory": {
        "id": "Basis data di memori tidak dapat di-snapshot; gunakan berkas SQLite atau PostgreSQL.",
        "en": "An in-memory database cannot be snapshotted; use a SQLite file or PostgreSQL.",
    },
    "batch.snapshot.no_database": {
        "id": "Basis data {path} belum ada. Jalankan dulu: plut demo (data contoh) atau plut db upgrade.",
        "en": "Database {path} does not exist yet. First run: plut demo (demo data) or plut db upgrade.",
    },
    "batch.snapshot.moved": {
        "id": "Tabel {table} berubah selama snapshot; ulangi perintahnya.",
        "en": "Table {table} changed during the snapshot; run the command again.",
    },
    # executors
    "batch.executor.scheduler": {
        "id": "Executor dask membutuhkan alamat scheduler (--scheduler tcp://host:8786).",
        "en": "The dask executor needs a scheduler address (--scheduler tcp://host:8786).",
    },
    "batch.executor.no_dask": {
        "id": "Dask belum terpasang: pip install 'plut-nb[dask]'.",
        "en": "Dask is not installed: pip install 'plut-nb[dask]'.",
    },
    "batch.executor.connect": {
        "id": "Tidak dapat terhubung ke scheduler Dask {address}: {detail}",
        "en": "Cannot connect to the Dask scheduler {address}: {detail}",
    },
    "batch.executor.unknown": {
        "id": "Executor '{name}' tidak dikenal; yang tersedia: {known}.",
        "en": "Unknown executor '{name}'; available: {known}.",
    },
    # runs and batches
    "batch.run.timeout": {
        "id": "run dihentikan setelah {seconds} detik (batas waktu).",
        "en": "run stopped after {seconds} seconds (time limit).",
    },
    "batch.run.crashed": {
        "id": "proses papermill berhenti tanpa hasil (kode {code}): {tail}",
        "en": "the papermill process ended without a result (code {code}): {tail}",
    },
    "batch.exists": {
        "id": "Folder {folder} sudah berisi batch. Tambahkan --resume untuk melanjutkannya, atau pilih folder lain dengan --output.",
        "en": "Folder {folder} already holds a batch. Add --resume to continue it, or choose another folder with --output.",
    },
    "batch.no_snapshot": {
        "id": "Folder {folder} tidak lagi berisi snapshot.sqlite/snapshot.json; run yang sudah selesai membaca data itu, jadi batch tidak dapat dilanjutkan. Mulai batch baru dengan --output lain.",
        "en": "Folder {folder} no longer holds snapshot.sqlite/snapshot.json; the finished runs read that data, so the batch cannot be resumed. Start a new batch with another --output.",
    },
    "batch.no_manifest": {
        "id": "Folder {folder} tidak berisi manifest.json; itu bukan folder batch.",
        "en": "Folder {folder} holds no manifest.json; it is not a batch folder.",
    },
    "batch.progress.runs": {"id": "Run", "en": "Runs"},
    "batch.progress.failed": {"id": "gagal: {n}", "en": "failed: {n}"},
    "batch.progress.left": {"id": "sisa", "en": "left"},
    "batch.status.ok": {"id": "berhasil", "en": "ok"},
    "batch.status.failed": {"id": "gagal", "en": "failed"},
    "batch.status.timeout": {"id": "melewati batas waktu", "en": "timed out"},
    "batch.status.pending": {"id": "belum dijalankan", "en": "not run yet"},
    # index.html
    "batch.index.snapshot": {"id": "Snapshot data", "en": "Data snapshot"},
    "batch.index.schema": {"id": "Versi skema", "en": "Schema revision"},
    "batch.index.notebook": {"id": "Notebook", "en": "Notebook"},
    "batch.index.runs": {"id": "Jumlah run", "en": "Runs"},
    "batch.index.run": {"id": "Run", "en": "Run"},
    "batch.index.status": {"id": "Status", "en": "Status"},
    "batch.index.duration": {"id": "Durasi", "en": "Duration"},
    "batch.index.error": {"id": "Kesalahan", "en": "Error"},
    "batch.index.cell": {"id": "sel {cell}", "en": "cell {cell}"},
    # plut batch
    "batch.cli.folder": {"id": "Folder batch: {folder}", "en": "Batch folder: {folder}"},
    "batch.cli.counts": {
        "id": "{total} run: {ok} berhasil, {failed} gagal, {timeout} melewati batas waktu, {pending} belum dijalankan.",
        "en": "{total} runs: {ok} ok, {failed} failed, {timeout} timed out, {pending} not run yet.",
    },
    "batch.cli.index": {
        "id": "Buka {path} untuk melihat semua laporan.",
        "en": "Open {path} to browse every report.",
    },
    "batch.cli.col.run": {"id": "Run", "en": "Run"},
    "batch.cli.col.status": {"id": "Status", "en": "Status"},
    "batch.cli.col.cell": {"id": "Sel", "en": "Cell"},
    "batch.cli.col.error": {"id": "Kesalahan", "en": "Error"},
}
