"""The session cookie codec and the sign-in pages (escaping, language), without a server."""

from __future__ import annotations

import pytest

from plut_nb.security.identity import (
    decode_session,
    encode_session,
    session_cookie_name,
    signed_out_page,
    signin_page,
)
from plut_nb.settings import reset_settings


def test_session_round_trip_and_malformed_values() -> None:
    assert decode_session(encode_session(7, 1_700_000_000_123_456, 1.5)) == (
        7,
        1_700_000_000_123_456,
        1.5,
    )
    assert decode_session(encode_session(7, None, 2.0)) == (7, None, 2.0)
    for bad in ("", "{}", "[1]", '{"v": 2, "sid": 1, "pwd": null, "iat": 1}',
                '{"v": 1, "sid": "1", "pwd": null, "iat": 1}',
                '{"v": 1, "sid": true, "pwd": null, "iat": 1}',
                '{"v": 1, "sid": 1, "pwd": "x", "iat": 1}', "not json"):  # fmt: skip
        assert decode_session(bad) is None, bad


def test_sign_in_page_escapes_and_speaks_the_configured_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = signin_page('/x"><script>', "<b>salah</b>", "<img src=x>", '<input name="_xsrf">')
    assert "<script>" not in page and "<img src=x>" not in page and "<b>salah" not in page
    assert "&lt;img src=x&gt;" in page and 'name="_xsrf"' in page
    assert "Masuk ke PLUT-NB" in page and 'lang="id"' in page
    assert 'type="password"' in page and 'autocomplete="current-password"' in page
    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    assert "Sign in to PLUT-NB" in signin_page("/", None, "", "")
    out = signed_out_page("/login")
    assert "You have signed out." in out and 'href="/login"' in out


def test_cookie_name_is_host_only_behind_tls(monkeypatch: pytest.MonkeyPatch) -> None:
    assert session_cookie_name() == "plut-session"
    monkeypatch.setenv("PLUT_BEHIND_TLS", "true")
    reset_settings()
    assert session_cookie_name() == "__Host-plut-session"


def test_cookie_attributes_behind_tls(monkeypatch: pytest.MonkeyPatch) -> None:
    from plut_nb.security.identity import StaffIdentityProvider

    plain = StaffIdentityProvider()
    assert plain.cookie_options == {"httponly": True, "samesite": "Lax", "expires_days": None}
    assert plain.secure_cookie is None and plain.token == "" and plain.cookie_name == "plut-session"
    monkeypatch.setenv("PLUT_BEHIND_TLS", "1")
    reset_settings()
    tls = StaffIdentityProvider()
    assert tls.secure_cookie is True and tls.cookie_name == "__Host-plut-session"
    assert tls.cookie_options["secure"] is True and tls.cookie_options["path"] == "/"
