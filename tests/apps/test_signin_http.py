"""Sign-in in front of ``plut serve``, checked over HTTP and websockets against a real server.

No browser: a cookie-keeping HTTP client that does not follow redirects, and
tornado's websocket client for the kernel channels.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.web import create_signed_value
from tornado.websocket import websocket_connect

from plut_nb.apps import list_apps
from plut_nb.demo import generate_demo
from plut_nb.models import AuditEntry, Staff
from plut_nb.security.accounts import as_utc, password_stamp, set_active, set_password
from plut_nb.security.demo_accounts import DEMO_PASSWORD, install_demo_accounts
from plut_nb.security.identity import encode_session
from tests.apps.conftest import prepare_database, running_server

pytestmark = [pytest.mark.slow]

SESSION_MINUTES = 30
MAX_FAILURES = 3
COOKIE = "plut-session"


@dataclass(frozen=True)
class Served:
    base: str
    engine: Engine
    secret: bytes
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data = tmp_path_factory.mktemp("signin-data")

    def fill(engine: Engine) -> None:
        generate_demo(engine, enterprises=60, seed=5, progress=False)
        with Session(engine) as s:
            install_demo_accounts(s)
            s.commit()

    engine = prepare_database(data, fill)
    secret = secrets.token_hex(32).encode()
    (data / "cookie.secret").write_bytes(secret + b"\n")
    env = {
        "PLUT_COOKIE_SECRET_FILE": str(data / "cookie.secret"),
        "PLUT_LOGIN_MAX_FAILURES": str(MAX_FAILURES),
        "PLUT_SESSION_MINUTES": str(SESSION_MINUTES),
    }
    with running_server(data, env) as base:
        port = base.rsplit(":", 1)[1]
        yield Served(base, engine, secret, data / f"serve-{port}.log")
    engine.dispose()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Reply:
    status: int
    headers: Any
    body: str

    @property
    def location(self) -> str:
        return str(self.headers.get("Location") or "")


class Client:
    """A browser-like client: keeps cookies, never follows redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(
        self, path: str, data: dict[str, str] | None = None, method: str | None = None
    ) -> Reply:
        body = urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, method=method)
        try:
            with self.opener.open(req, timeout=120) as resp:
                return Reply(resp.status, resp.headers, resp.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as exc:
            with exc:
                return Reply(exc.code, exc.headers, exc.read().decode("utf-8", "replace"))

    def sign_in(
        self, username: str, password: str, next_path: str = "/voila/render/beranda.ipynb"
    ) -> Reply:
        form = self.request("/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.body)
        assert xsrf, form.body
        return self.request(
            "/login",
            {"_xsrf": xsrf.group(1), "username": username, "password": password, "next": next_path},
        )

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def set_cookie(self, name: str, value: str) -> None:
        self.jar.clear()
        self.opener.addheaders = [("Cookie", f"{name}={value}")]


def _kernel_id(page: Reply) -> str:
    found = re.search(r'"kernelId": "([0-9a-f-]{36})"', page.body)
    assert found, page.body[:500]
    return found.group(1)


def _ws_status(base: str, kernel_id: str, cookie: str | None) -> int:
    url = base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?session_id=t"

    async def connect() -> int:
        headers = {"Cookie": cookie} if cookie else {}
        try:
            conn = await websocket_connect(HTTPRequest(url, headers=headers, connect_timeout=30))
        except HTTPClientError as exc:
            return exc.code
        conn.close()
        while await asyncio.wait_for(conn.read_message(), 30) is not None:
            pass  # drain until the server has closed its side too
        return 101

    return asyncio.run(connect())


def _staff(engine: Engine, username: str) -> Staff:
    with Session(engine) as s:
        return s.execute(select(Staff).where(col(Staff.username) == username)).scalar_one()


def _signed_in(served: Served, username: str, password: str = DEMO_PASSWORD) -> Client:
    client = Client(served.base)
    reply = client.sign_in(username, password)
    assert reply.status == 302 and reply.location.endswith("/voila/render/beranda.ipynb")
    return client


def test_nothing_carrying_data_answers_without_a_session(served: Served) -> None:
    anonymous = Client(served.base)
    for name in ["beranda", *(a.name for a in list_apps())]:
        reply = anonymous.request(f"/voila/render/{name}.ipynb")
        assert reply.status == 302, name
        assert reply.location == f"/login?next=%2Fvoila%2Frender%2F{name}.ipynb"
    assert anonymous.request("/").location.endswith("/voila/render/beranda.ipynb")
    # a real kernel of a signed-in consultant: refused to anybody without a session
    owner = _signed_in(served, "konsultan1.medan")
    kernel = _kernel_id(owner.request("/voila/render/kasus.ipynb"))
    assert anonymous.request(f"/api/kernels/{kernel}").status == 403
    assert anonymous.request(f"/api/kernels/{kernel}", method="DELETE").status == 403
    assert anonymous.request(f"/voila/api/shutdown/{kernel}", {}).status == 403
    assert _ws_status(served.base, kernel, None) == 403
    assert _ws_status(served.base, kernel, f"{COOKIE}=forged") == 403
    # ... while the owner reaches it (the refusals above are not a broken endpoint)
    assert owner.request(f"/api/kernels/{kernel}").status == 200
    assert _ws_status(served.base, kernel, owner.cookie_header()) == 101
    # Voila's scripts and styles stay public: no data in them
    asset = anonymous.request("/voila/static/voila.js")
    assert asset.status == 200 and "kernelId" not in asset.body


def test_another_staff_members_kernel_is_refused(served: Served) -> None:
    owner = _signed_in(served, "pl1.medan")
    kernel = _kernel_id(owner.request("/voila/render/kasus.ipynb"))
    other = _signed_in(served, "manajer.medan")
    assert other.request(f"/api/kernels/{kernel}").status == 403
    assert _ws_status(served.base, kernel, other.cookie_header()) == 403
    assert owner.request(f"/api/kernels/{kernel}").status == 200


def test_no_file_tree_contents_or_notebook_download(served: Served) -> None:
    client = _signed_in(served, "manajer.medan")
    for path in (
        "/voila/files/kasus.ipynb",
        "/voila/tree",
        "/voila/tree/kasus.ipynb",
        "/voila/api/contents",
        "/voila/api/contents/kasus.ipynb",
        "/api/contents/kasus.ipynb",
        "/tree",
        "/api/kernels",
        "/api/sessions",
    ):
        reply = client.request(path)
        assert reply.status in (403, 404), path
        assert "parameters" not in reply.body and "AppShell" not in reply.body, path
    assert client.request("/voila/render/..%2Fevaluation%2Flaporan_evaluasi.ipynb").status in (
        403,
        404,
    )


def test_sign_in_right_and_wrong_password_and_cookie_attributes(served: Served) -> None:
    client = Client(served.base)
    forged_form = client.request("/login", {"username": "cs.medan", "password": DEMO_PASSWORD})
    assert forged_form.status == 403, "a sign-in post without the form's XSRF token is refused"
    wrong = client.sign_in("cs.medan", "not-the-password", "/voila/render/direktori.ipynb")
    assert wrong.status == 401 and "Gagal masuk" in wrong.body
    assert COOKIE not in {c.name for c in client.jar}
    right = client.sign_in("CS.Medan", DEMO_PASSWORD, "/voila/render/direktori.ipynb")
    assert right.status == 302 and right.location == "/voila/render/direktori.ipynb"
    set_cookie = next(h for h in right.headers.get_all("Set-Cookie") if h.startswith(COOKIE))
    assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie and "Path=/" in set_cookie
    assert "expires" not in set_cookie.lower()  # a browser-session cookie
    assert client.request("/voila/render/direktori.ipynb").status == 200
    # an off-site "next" is not followed
    assert (
        Client(served.base).sign_in("cs.medan", DEMO_PASSWORD, "https://evil.example/").location
        == "/"
    )
    with Session(served.engine) as s:
        entries = (
            s.execute(
                select(AuditEntry).where(
                    col(AuditEntry.entity) == "staff",
                    col(AuditEntry.entity_id) == str(_staff(served.engine, "cs.medan").id),
                )
            )
            .scalars()
            .all()
        )
    actions = [e.action for e in entries]
    assert "signin" in actions and "signin.failed" in actions
    assert all("not-the-password" not in str(e.after) for e in entries)


def test_the_role_must_open_the_app(served: Served) -> None:
    consultant = _signed_in(served, "konsultan1.medan")
    refused = consultant.request("/voila/render/dasbor.ipynb")
    assert refused.status == 403 and "tidak membuka aplikasi ini" in refused.body
    researcher = _signed_in(served, "peneliti.medan")
    assert researcher.request("/voila/render/direktori.ipynb").status == 403
    assert researcher.request("/voila/render/beranda.ipynb").status == 200


def test_repeated_failures_lock_the_account(served: Served) -> None:
    client = Client(served.base)
    for _ in range(MAX_FAILURES):
        assert client.sign_in("pl1.bogor", "wrong-password-123").status == 401
    locked = client.sign_in("pl1.bogor", DEMO_PASSWORD)
    assert locked.status == 401, "the right password must not open a locked account"
    staff = _staff(served.engine, "pl1.bogor")
    until = as_utc(staff.locked_until)
    assert staff.failed_logins == MAX_FAILURES and until is not None and until > datetime.now(UTC)
    with Session(served.engine) as s:
        failed = (
            s.execute(
                select(AuditEntry).where(
                    col(AuditEntry.action) == "signin.failed",
                    col(AuditEntry.entity_id) == str(staff.id),
                )
            )
            .scalars()
            .all()
        )
        assert [e.after["reason"] for e in failed if e.after] == [
            "wrong_password"
        ] * MAX_FAILURES + ["locked"]
        # a new password from the administrator unlocks the account
        set_password(s, "pl1.bogor", "another-password-1")
        s.commit()
    assert Client(served.base).sign_in("pl1.bogor", "another-password-1").status == 302


def test_sign_out_ends_the_session_and_stops_its_kernels(served: Served) -> None:
    client = _signed_in(served, "manajer.bogor")
    kernel = _kernel_id(client.request("/voila/render/kasus.ipynb"))
    out = client.request("/logout")
    assert out.status == 200 and "Anda sudah keluar" in out.body
    assert client.request("/voila/render/kasus.ipynb").status == 302
    deadline = time.monotonic() + 30
    while f"Kernel shutdown: {kernel}" not in served.log.read_text():
        assert time.monotonic() < deadline, "the signed-out user's kernel kept running"
        time.sleep(0.5)
    staff = _staff(served.engine, "manajer.bogor")
    with Session(served.engine) as s:
        assert s.execute(
            select(AuditEntry.id).where(
                col(AuditEntry.action) == "signout", col(AuditEntry.actor_id) == staff.id
            )
        ).first()


def _forged(served: Served, username: str, issued_at: float) -> str:
    staff = _staff(served.engine, username)
    assert staff.id is not None
    value = encode_session(staff.id, password_stamp(staff), issued_at)
    return create_signed_value(served.secret, COOKIE, value).decode()


def test_an_expired_session_is_refused(served: Served) -> None:
    client = Client(served.base)
    client.set_cookie(COOKIE, _forged(served, "konsultan1.biak", time.time()))
    assert client.request("/voila/render/kasus.ipynb").status == 200  # the forging is right
    old = time.time() - SESSION_MINUTES * 60 - 5
    client.set_cookie(COOKIE, _forged(served, "konsultan1.biak", old))
    reply = client.request("/voila/render/kasus.ipynb")
    assert reply.status == 302 and reply.location.startswith("/login")
    client.set_cookie(COOKIE, _forged(served, "konsultan1.biak", time.time() + 3600))
    assert client.request("/voila/render/kasus.ipynb").status == 302  # not from the future
    unsigned = encode_session(_staff(served.engine, "konsultan1.biak").id or 0, None, time.time())
    client.set_cookie(COOKIE, unsigned)
    assert client.request("/voila/render/kasus.ipynb").status == 302


def test_a_password_change_or_disabling_ends_open_sessions(served: Served) -> None:
    changed = _signed_in(served, "konsultan1.bogor")
    assert changed.request("/voila/render/kasus.ipynb").status == 200
    disabled = _signed_in(served, "cs.bogor")
    assert disabled.request("/voila/render/direktori.ipynb").status == 200
    with Session(served.engine) as s:
        set_password(s, "konsultan1.bogor", "a-new-password-2")
        set_active(s, "cs.bogor", False)
        s.commit()
    assert changed.request("/voila/render/kasus.ipynb").status == 302
    assert disabled.request("/voila/render/direktori.ipynb").status == 302
    assert Client(served.base).sign_in("cs.bogor", DEMO_PASSWORD).status == 401
    assert Client(served.base).sign_in("konsultan1.bogor", DEMO_PASSWORD).status == 401
    assert Client(served.base).sign_in("konsultan1.bogor", "a-new-password-2").status == 302


def test_serve_prints_the_demo_logins_of_a_demo_database(served: Served) -> None:
    printed = served.log.read_text()
    assert f"kata sandi untuk semua: {DEMO_PASSWORD}" in printed
    for username in ("cs.medan", "konsultan1.medan", "manajer.biak", "admin.medan"):
        assert re.search(rf"^  {re.escape(username)} ", printed, re.M), username
    assert "konsultan2.medan" not in printed and "$argon2" not in printed
