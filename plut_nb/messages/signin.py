"""Messages of accounts, passwords, the sign-in page and ``plut serve``'s sign-in notes."""

MESSAGES: dict[str, dict[str, str]] = {
    "password.short": {
        "id": "Kata sandi minimal {n} karakter.",
        "en": "A password needs at least {n} characters.",
    },
    "password.long": {
        "id": "Kata sandi paling banyak {n} karakter.",
        "en": "A password has at most {n} characters.",
    },
    "password.username": {
        "id": "Kata sandi tidak boleh sama dengan nama pengguna.",
        "en": "The password must not be the username.",
    },
    "password.mismatch": {
        "id": "Kedua kata sandi tidak sama; ulangi.",
        "en": "The two passwords differ; try again.",
    },
    "password.stdin_empty": {
        "id": "Tidak ada kata sandi di stdin (satu baris diharapkan).",
        "en": "No password on stdin (one line expected).",
    },
    "account.username_invalid": {
        "id": "Nama pengguna: 3–64 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka (mis. konsultan.medan).",
        "en": "Username: 3–64 lower-case letters, digits, dots, underscores or hyphens, starting with a letter or digit (e.g. konsultan.medan).",
    },
    "account.username_taken": {
        "id": "Nama pengguna {username} sudah dipakai.",
        "en": "The username {username} is taken.",
    },
    "account.name_missing": {
        "id": "Nama petugas wajib diisi.",
        "en": "The staff name is required.",
    },
    "account.roles_invalid": {
        "id": "Peran tidak dikenal: {roles}. Pilih satu atau lebih dari: {valid}.",
        "en": "Unknown role(s): {roles}. Choose one or more of: {valid}.",
    },
    "account.scope_invalid": {
        "id": "Cakupan harus salah satu dari: {valid}.",
        "en": "The scope must be one of: {valid}.",
    },
    "account.centre_unknown": {
        "id": "PLUT dengan kode {code} tidak ada; lihat kode PLUT dengan `plut users list`.",
        "en": "There is no centre with code {code}; see the centre codes with `plut users list`.",
    },
    "signin.title": {"id": "Masuk ke PLUT-NB", "en": "Sign in to PLUT-NB"},
    "signin.intro": {
        "id": "Aplikasi petugas PLUT-KUMKM. Masuk dengan akun petugas Anda.",
        "en": "PLUT-KUMKM staff apps. Sign in with your staff account.",
    },
    "signin.username": {"id": "Nama pengguna", "en": "Username"},
    "signin.password": {"id": "Kata sandi", "en": "Password"},
    "signin.submit": {"id": "Masuk", "en": "Sign in"},
    "signin.failed": {
        "id": "Gagal masuk: nama pengguna atau kata sandi salah, atau akun nonaktif atau terkunci sementara setelah terlalu banyak percobaan. Coba lagi nanti atau hubungi administrator PLUT.",
        "en": "Sign-in failed: wrong username or password, or the account is disabled or locked for a while after too many attempts. Try again later or ask your PLUT administrator.",
    },
    "signin.signed_out": {"id": "Anda sudah keluar.", "en": "You have signed out."},
    "signin.again": {"id": "Masuk lagi", "en": "Sign in again"},
    "signin.logout": {"id": "Keluar", "en": "Sign out"},
    "signin.forbidden": {
        "id": "Peran Anda tidak membuka aplikasi ini. Kembali ke beranda.",
        "en": "Your role does not open this app. Go back to the start page.",
    },
    "signin.required": {
        "id": "Silakan masuk terlebih dahulu: aplikasi ini hanya untuk petugas yang sudah masuk.",
        "en": "Please sign in first: this app is for signed-in staff only.",
    },
    "signin.secret_short": {
        "id": "Kunci cookie di {path} terlalu pendek: minimal {n} byte acak.",
        "en": "The cookie key in {path} is too short: at least {n} random bytes.",
    },
    "serve.dev_mode": {
        "id": "(mode pengembangan, PLUT_AUTH=off: tanpa login — pilih petugas di setiap aplikasi; hanya komputer ini)",
        "en": "(development mode, PLUT_AUTH=off: no sign-in — choose a staff member in each app; this machine only)",
    },
    "serve.demo_logins": {
        "id": "Akun demo (kata sandi untuk semua: {password}):",
        "en": "Demo accounts (password for all: {password}):",
    },
    "serve.no_accounts": {
        "id": "Perhatian: belum ada akun aktif dengan kata sandi. Buat dengan `plut users add` atau `plut users passwd`.",
        "en": "Note: no active account has a password yet. Create one with `plut users add` or `plut users passwd`.",
    },
    "serve.tls_hint": {
        "id": "Melayani {ip} tanpa PLUT_BEHIND_TLS=true: pasang proksi TLS (HTTPS) di depan, lalu atur PLUT_BEHIND_TLS=true agar cookie hanya lewat HTTPS.",
        "en": "Serving {ip} without PLUT_BEHIND_TLS=true: put a TLS (HTTPS) proxy in front, then set PLUT_BEHIND_TLS=true so cookies travel over HTTPS only.",
    },
}
