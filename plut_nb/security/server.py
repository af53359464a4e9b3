"""The Voila server ``plut serve`` runs: sign-in, per-app role check, identity into the kernel.

``python -m plut_nb.security.server APPS_DIR --port N`` starts :class:`PlutVoila`,
standalone Voila 0.5 with these changes:

- **Sign-in** (``PLUT_AUTH=on``, the default): the identity provider is
  :class:`~plut_nb.security.identity.StaffIdentityProvider`, so every app page,
  kernel endpoint (``/api/kernels/<id>``), kernel websocket
  (``/api/kernels/<id>/channels``) and kernel shutdown call needs a valid
  session; pages redirect to ``/login``, the APIs answer 403.
- **One person's kernel**: the kernel an app page starts belongs to the person
  who opened it (:class:`OwnedKernelManager`); :class:`KernelOwnerAuthorizer`
  refuses anybody else on its REST, websocket and shutdown endpoints.
- **The role may open the app**: :func:`check_and_identify` (Voila's
  ``prelaunch_hook``) refuses an app the staff member's roles do not open
  (:func:`plut_nb.security.permissions.may_open_app`) and inserts
  ``staff_id = <id>`` after the notebook's ``parameters`` cell, on the server,
  from the session — never from the query string or a header.
- **Hardening**: no tracebacks in pages, no notebook tree (``/`` goes to the
  start page), no file download (``/voila/files``), no contents API
  (``/voila/api/contents``). What stays public is Voila's own static assets
  (``/voila/static``, ``/voila/templates``, ``/voila/labextensions``,
  ``/voila/api/themes``): scripts and styles, no data.

With ``PLUT_AUTH=off`` (development only; ``plut serve`` then listens on
loopback only) Voila's identity and authorizer stay as they are and app shells
show the development staff picker; the hardening applies all the same.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat
from jupyter_core.utils import ensure_async
from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.identity import User
from jupyter_server.base.call_context import CallContext
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from tornado import web
from traitlets import default
from traitlets.config import Config
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import AllowListFileHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from plut_nb.apps import app_url
from plut_nb.db import read_scope
from plut_nb.errors import PlutError
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.security.identity import StaffIdentityProvider, StaffUser
from plut_nb.security.permissions import may_open_app
from plut_nb.settings import get_settings

__all__ = [
    "KernelOwnerAuthorizer",
    "OwnedKernelManager",
    "PlutVoila",
    "check_and_identify",
    "main",
]

log = logging.getLogger("plut_nb.security")

_APP_PATH = re.compile(r"^[A-Za-z0-9_-]+\.ipynb$")
MIN_SECRET_BYTES = 32


class OwnedKernelManager(AsyncMappingKernelManager):
    """Remembers who opened the page each kernel was started for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._owners: dict[str, str] = {}

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        """Start a kernel and record the signed-in user of the request that started it."""
        kernel_id = str(await super().start_kernel(*args, **kwargs))
        handler = CallContext.get(CallContext.JUPYTER_HANDLER)
        user = getattr(handler, "current_user", None)
        if isinstance(user, User):
            self._owners[kernel_id] = user.username
        return kernel_id

    async def shutdown_kernel(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """Shut a kernel down and forget its owner."""
        kernel_id = kwargs.get("kernel_id", args[0] if args else None)
        await super().shutdown_kernel(*args, **kwargs)
        self._owners.pop(str(kernel_id), None)

    def owner_of(self, kernel_id: str) -> str | None:
        """Username of the person whose page started ``kernel_id`` (``None``: unknown)."""
        return self._owners.get(kernel_id)

    async def shutdown_kernels_of(self, username: str) -> None:
        """Shut down every kernel ``username`` started (on sign-out)."""
        for kernel_id, owner in list(self._owners.items()):
            if owner == username and kernel_id in self:
                await self.shutdown_kernel(kernel_id)


def _owns(handler: web.RequestHandler, user: Any, kernel_id: str | None) -> bool:
    manager = handler.settings.get("kernel_manager")
    owner_of = getattr(manager, "owner_of", None)
    if kernel_id is None or owner_of is None or not isinstance(user, StaffUser):
        return False
    return bool(owner_of(kernel_id) == user.username)


class KernelOwnerAuthorizer(Authorizer):
    """Signed-in staff may use only the kernels their own pages started."""

    def is_authorized(
        self, handler: web.RequestHandler, user: User, action: str, resource: str
    ) -> bool:
        """Kernels: only their owner; anything else Voila serves: any signed-in user."""
        if resource != "kernels":
            return True
        return _owns(handler, user, handler.path_kwargs.get("kernel_id"))


class _OwnerShutdownHandler(VoilaShutdownKernelHandler):
    """Voila's shutdown-on-page-close call, for the kernel's owner only."""

    @web.authenticated
    async def post(self, kernel_id: str) -> None:
        if not _owns(self, self.current_user, kernel_id):
            raise web.HTTPError(403)
        await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
        self.set_status(204)
        self.finish()


def _forbidden(handler: web.RequestHandler, start: str) -> web.Finish:
    handler.set_status(403)
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    text = html.escape(t("signin.forbidden"))
    return web.Finish(f'<!DOCTYPE html><p class="plut-forbidden"><a href="{start}">{text}</a></p>')


def check_and_identify(
    handler: web.RequestHandler, notebook: nbformat.NotebookNode, cwd: str
) -> nbformat.NotebookNode:
    """Voila ``prelaunch_hook``: refuse an app the role does not open; pass the staff id in.

    Raises:
        tornado.web.Finish: With a 403 page when the signed-in staff member
            (re-read from the database) may not open this app.
    """
    user = handler.current_user
    path = str(handler.path_args[0]) if handler.path_args else ""
    start = app_url("beranda", _base(handler))
    if not isinstance(user, StaffUser) or not _APP_PATH.match(path):
        raise _forbidden(handler, start)
    app = PurePosixPath(path).stem
    with read_scope() as session:
        staff = session.get(Staff, user.staff_id)
        allowed = staff is not None and may_open_app(staff, app)
    if not allowed:
        log.warning("app refused: staff id=%s app=%s", user.staff_id, app)
        raise _forbidden(handler, start)
    for index, cell in enumerate(notebook.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            injected = nbformat.v4.new_code_cell(
                f"staff_id = {int(user.staff_id)}  # from the signed-in session",
                metadata={"tags": ["injected-parameters"]},
            )
            notebook.cells.insert(index + 1, injected)
            break
    return notebook


def _base(handler: web.RequestHandler) -> str:
    """The server's base URL without its trailing slash."""
    return str(getattr(handler, "base_url", "/")).rstrip("/")


def _cookie_secret() -> bytes:
    path = get_settings().cookie_secret_file
    if path is None:
        return os.urandom(32)
    secret = Path(path).read_bytes().strip()
    if len(secret) < MIN_SECRET_BYTES:
        raise PlutError(t("signin.secret_short", path=path, n=MIN_SECRET_BYTES))
    return secret


class PlutVoila(Voila):
    """Standalone Voila with PLUT sign-in and without file browsing (see the module docstring)."""

    @default("identity_provider_class")
    def _identity_provider_class_default(self) -> type:
        if get_settings().auth == "on":
            return StaffIdentityProvider
        from jupyter_server.auth.identity import PasswordIdentityProvider

        return PasswordIdentityProvider

    @default("authorizer_class")
    def _authorizer_class_default(self) -> type:
        if get_settings().auth == "on":
            return KernelOwnerAuthorizer
        from jupyter_server.auth.authorizer import AllowAllAuthorizer

        return AllowAllAuthorizer

    @default("cookie_secret")
    def _cookie_secret_default(self) -> bytes:
        return _cookie_secret()

    @default("tornado_settings")
    def _tornado_settings_default(self) -> dict[str, Any]:
        xsrf: dict[str, Any] = {"samesite": "Lax"}
        if get_settings().behind_tls:
            xsrf["secure"] = True
        return {"xsrf_cookie_kwargs": xsrf, "serve_traceback": False}

    def init_handlers(self) -> list[Any]:
        """Voila's handlers without the tree, files and contents; owner-checked shutdown."""
        dropped = (TornadoVoilaTreeHandler, VoilaContentsHandler, AllowListFileHandler)
        handlers: list[Any] = []
        for spec in super().init_handlers():
            cls = spec[1]
            if isinstance(cls, type) and issubclass(cls, dropped):
                continue
            if cls is VoilaShutdownKernelHandler and get_settings().auth == "on":
                spec = (spec[0], _OwnerShutdownHandler, *spec[2:])
            handlers.append(spec)
        start = url_path_join(self.server_url, "voila/render/beranda.ipynb")
        handlers.append((self.server_url, web.RedirectHandler, {"url": start, "permanent": False}))
        return handlers


def voila_config() -> Config:
    """The traitlets configuration :func:`main` starts Voila with."""
    config = Config()
    config.VoilaConfiguration.show_tracebacks = False
    config.VoilaConfiguration.file_allowlist = []
    # A page's kernel lives until the page closes it; one whose browser went away without
    # saying so (crash, sleep, lost connection) would hold its memory for good. Such
    # disconnected kernels are stopped once idle this long; connected ones never are.
    idle_s = round(get_settings().kernel_idle_minutes * 60)
    config.MappingKernelManager.cull_idle_timeout = idle_s
    config.MappingKernelManager.cull_interval = max(5, min(300, idle_s // 2))
    config.MappingKernelManager.cull_connected = False
    if get_settings().auth == "on":
        config.VoilaConfiguration.prelaunch_hook = check_and_identify
        config.VoilaConfiguration.multi_kernel_manager_class = OwnedKernelManager
    return config


def main(argv: list[str] | None = None) -> None:
    """Run :class:`PlutVoila` with :func:`voila_config` (arguments as for ``voila``)."""
    PlutVoila.launch_instance(argv, config=voila_config())


if __name__ == "__main__":  # pragma: no cover
    main()
