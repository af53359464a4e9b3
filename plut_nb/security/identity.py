"""Sign-in in front of the Voila apps: a Jupyter Server identity provider over the staff table.

Voila (0.5, standalone) takes a Jupyter Server 2 ``IdentityProvider``;
:class:`StaffIdentityProvider` answers "who is this request?" from a session
cookie and the ``staff`` table, and serves ``/login`` and ``/logout`` itself.

The session cookie is signed by tornado (HMAC-SHA256 with the server's cookie
secret) and holds the staff id, the time it was issued and the account's
password stamp (:func:`~plut_nb.security.accounts.password_stamp`). Every
request re-reads the staff row, so a session ends at once when the account is
disabled or its password changes, and after ``PLUT_SESSION_MINUTES`` in any
case (:func:`~plut_nb.security.accounts.staff_for_session`). The cookie is
``HttpOnly`` and ``SameSite=Lax``; with ``PLUT_BEHIND_TLS=true`` it is also
``Secure`` and named ``__Host-plut-session`` (HTTPS only, this host only).
Nothing in the cookie is secret, and nothing the browser sends besides it
(query string, headers) says who the user is.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import time
from dataclasses import dataclass
from typing import Any, cast

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from traitlets import default

from plut_nb.db import read_scope, session_scope
from plut_nb.i18n import current_lang, t
from plut_nb.models import AuditEntry
from plut_nb.security.accounts import SignInOutcome, password_stamp, sign_in, staff_for_session
from plut_nb.settings import get_settings

__all__ = [
    "FAILURE_DELAY_SECONDS",
    "StaffIdentityProvider",
    "StaffUser",
    "decode_session",
    "encode_session",
    "session_cookie_name",
]

log = logging.getLogger("plut_nb.security")

FAILURE_DELAY_SECONDS = 1.0
"""How long the sign-in page waits before answering a failed attempt."""


@dataclass
class StaffUser(User):
    """A signed-in staff member as Jupyter Server sees them."""

    staff_id: int = 0
    issued_at: float = 0.0
    stamp: int | None = None


def encode_session(staff_id: int, stamp: int | None, issued_at: float) -> str:
    """The session cookie's value (tornado signs it; see the module docstring)."""
    return json.dumps({"v": 1, "sid": staff_id, "pwd": stamp, "iat": issued_at})


def decode_session(value: bytes | str) -> tuple[int, int | None, float] | None:
    """``(staff id, password stamp, issued at)`` from a cookie value, or ``None`` if malformed."""
    try:
        data = json.loads(value)
        sid, stamp, iat = data["sid"], data["pwd"], data["iat"]
        if data.get("v") != 1 or not isinstance(sid, int) or isinstance(sid, bool):
            return None
        if stamp is not None and not isinstance(stamp, int):
            return None
        return sid, stamp, float(iat)
    except (ValueError, TypeError, KeyError):
        return None


def session_cookie_name() -> str:
    """``__Host-plut-session`` behind TLS (Secure, host-only), else ``plut-session``."""
    return "__Host-plut-session" if get_settings().behind_tls else "plut-session"


def _load_user(sid: int, stamp: int | None, iat: float) -> StaffUser | None:
    with read_scope() as session:
        staff = staff_for_session(session, sid, stamp, iat, time.time())
        if staff is None:
            return None
        return StaffUser(
            username=staff.username,
            name=staff.name,
            display_name=staff.name,
            staff_id=sid,
            issued_at=iat,
            stamp=stamp,
        )


class StaffIdentityProvider(IdentityProvider):
    """Identity from the PLUT session cookie, checked against the staff table on every request."""

    @default("cookie_name")
    def _cookie_name_default(self) -> str:
        return session_cookie_name()

    @default("secure_cookie")
    def _secure_cookie_default(self) -> bool | None:
        return True if get_settings().behind_tls else None  # None: secure when served over https

    @default("cookie_options")
    def _cookie_options_default(self) -> dict[str, Any]:
        # expires_days=None: a browser-session cookie; the server ends it anyway.
        options: dict[str, Any] = {"httponly": True, "samesite": "Lax", "expires_days": None}
        if get_settings().behind_tls:
            options.update(secure=True, path="/")
        return options

    @default("get_secure_cookie_kwargs")
    def _get_secure_cookie_kwargs_default(self) -> dict[str, Any]:
        # tornado's own age check on its signature timestamp, on top of ours
        return {"max_age_days": get_settings().session_minutes / 1440 + 1 / 1440}

    @default("need_token")
    def _need_token_default(self) -> bool:
        return False

    @default("token")
    def _token_default(self) -> str:
        return ""

    async def get_user(self, handler: web.RequestHandler) -> User | None:  # type: ignore[override]
        """The signed-in staff member of this request, or ``None``."""
        current = getattr(handler, "_jupyter_current_user", None)
        if current:
            return cast(User, current)
        name = self.get_cookie_name(handler)
        raw = handler.get_secure_cookie(name, **self.get_secure_cookie_kwargs)
        parsed = decode_session(raw) if raw else None
        user = await asyncio.to_thread(_load_user, *parsed) if parsed else None
        if user is None and handler.get_cookie(name) is not None:
            self.clear_login_cookie(handler)  # expired, forged or revoked: drop it
        return user

    def clear_login_cookie(self, handler: web.RequestHandler) -> None:
        """Delete the session cookie with the attributes it was set with.

        A ``__Host-`` cookie is only replaced by one that is ``Secure`` with path
        ``/``, so the deletion repeats the cookie's own attributes.
        """
        options = {k: v for k, v in self.cookie_options.items() if k != "expires_days"}
        options.setdefault("path", cast(Any, handler).base_url)
        handler.clear_cookie(self.get_cookie_name(handler), **options)

    def user_to_cookie(self, user: User) -> str:
        """The session cookie value for ``user`` (a :class:`StaffUser`)."""
        staff = cast(StaffUser, user)
        return encode_session(staff.staff_id, staff.stamp, staff.issued_at)

    def user_from_cookie(self, cookie_value: str) -> User | None:
        """Unused: :meth:`get_user` reads the cookie itself (it needs the database)."""
        return None

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        """Unused: :class:`SignInHandler` checks the form (asynchronously)."""
        return None

    def get_handlers(self) -> list[tuple[str, object]]:
        """The sign-in and sign-out pages."""
        return [(r"/login", SignInHandler), (r"/logout", SignOutHandler)]


def _attempt(username: str, password: str, source: str | None) -> StaffUser | None:
    with session_scope() as session:
        result = sign_in(session, username, password, source=source)
        if result.outcome is not SignInOutcome.ok or result.staff is None:
            return None
        staff = result.staff
        assert staff.id is not None
        return StaffUser(
            username=staff.username,
            name=staff.name,
            display_name=staff.name,
            staff_id=staff.id,
            issued_at=time.time(),
            stamp=password_stamp(staff),
        )


def _record_sign_out(staff_id: int, source: str | None) -> None:
    with session_scope() as session:
        session.add(
            AuditEntry(
                actor_id=staff_id,
                action="signout",
                entity="staff",
                entity_id=str(staff_id),
                after={"source": source} if source else None,
            )
        )


class SignInHandler(LoginFormHandler):
    """``/login``: the sign-in form (``PLUT_LANG``) and its check."""

    def _render(self, message: Any = None, username: str = "") -> None:
        next_url = self.get_argument("next", default=self.base_url)
        self.set_header("Cache-Control", "no-store")
        self.write(
            signin_page(
                next_url,
                message if isinstance(message, str) else None,
                username,
                self.xsrf_form_html(),
            )
        )

    @allow_unauthenticated
    async def post(self) -> None:
        """Check the typed name and password; on success set the session cookie and go on."""
        username = self.get_body_argument("username", default="")[:64]
        password = self.get_body_argument("password", default="")
        user = await asyncio.to_thread(_attempt, username, password, self.request.remote_ip)
        if user is None:
            await asyncio.sleep(FAILURE_DELAY_SECONDS)  # slows guessing; the loop stays free
            self.set_status(401)
            self._render(t("signin.failed"), username)
            return
        self.current_user = user
        self.identity_provider.set_login_cookie(self, user)
        self._redirect_safe(self.get_argument("next", default=self.base_url))


class SignOutHandler(JupyterHandler):
    """``/logout``: end the session, stop the person's kernels, say so."""

    @allow_unauthenticated
    async def get(self) -> None:
        """Clear the session cookie (and record the sign-out)."""
        user = self.current_user
        self.identity_provider.clear_login_cookie(self)
        if isinstance(user, StaffUser):
            await asyncio.to_thread(_record_sign_out, user.staff_id, self.request.remote_ip)
            stop = getattr(self.kernel_manager, "shutdown_kernels_of", None)
            if stop is not None:
                await stop(user.username)
            log.info("sign-out: staff id=%s username=%s", user.staff_id, user.username)
        self.set_header("Cache-Control", "no-store")
        self.write(signed_out_page(self.base_url + "login"))


_STYLE = """
body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0}
main{max-width:24rem;margin:8vh auto;background:#fff;padding:2rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem}
input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1.2rem;padding:.5rem 1.4rem}.plut-signin-error{color:#a40000}
"""


def _page(title: str, body: str) -> str:
    lang = html.escape(current_lang())
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def signin_page(next_url: str, message: str | None, username: str, xsrf_html: str) -> str:
    """The sign-in form; every value in it is escaped."""
    esc = html.escape
    error = f'<p class="plut-signin-error" role="alert">{esc(message)}</p>' if message else ""
    return _page(
        t("signin.title"),
        f"<h1>{esc(t('signin.title'))}</h1><p>{esc(t('signin.intro'))}</p>{error}"
        '<form method="post" class="plut-signin">'
        f"{xsrf_html}"
        f'<input type="hidden" name="next" value="{esc(next_url)}">'
        f'<label for="username">{esc(t("signin.username"))}</label>'
        f'<input type="text" id="username" name="username" value="{esc(username)}" '
        'autocomplete="username" autocapitalize="none" required autofocus>'
        f'<label for="password">{esc(t("signin.password"))}</label>'
        '<input type="password" id="password" name="password" '
        'autocomplete="current-password" required>'
        f'<button type="submit">{esc(t("signin.submit"))}</button></form>',
    )


def signed_out_page(login_url: str) -> str:
    """The page shown after signing out."""
    esc = html.escape
    return _page(
        t("signin.signed_out"),
        f"<h1>{esc(t('signin.signed_out'))}</h1>"
        f'<p><a href="{esc(login_url)}">{esc(t("signin.again"))}</a></p>',
    )
