"""Fixtures shared by the whole suite.

Every test runs with ``PLUT_DATA_DIR`` in its own temporary folder and no
``PLUT_DB_URL``, so no test can touch real data. Database tests take the
``engine`` fixture, which runs them once on SQLite and once on a real
PostgreSQL server started for the session; each test gets a fresh database
copied from a migrated template.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from plut_nb.db import make_engine, upgrade
from plut_nb.db.engine import _engine_for
from plut_nb.models import Centre, Staff
from plut_nb.services import sync_reference_data
from plut_nb.settings import reset_settings
from tests import _pg

REQUIRE_PG = os.environ.get("PLUT_REQUIRE_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PLUT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("PLUT_DB_URL", raising=False)
    monkeypatch.delenv("PLUT_LANG", raising=False)
    reset_settings()
    _engine_for.cache_clear()
    yield
    reset_settings()
    _engine_for.cache_clear()


def _prepare(engine: Engine) -> None:
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.commit()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    eng = make_engine(f"sqlite:///{path}")
    _prepare(eng)
    eng.dispose()  # closing the last connection checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_pg.PgServer]:
    bindir = _pg.find_bindir()
    if bindir is None:
        if REQUIRE_PG:
            pytest.fail("PLUT_REQUIRE_POSTGRES=1 but initdb/pg_ctl were not found")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    server = _pg.start(bindir)
    admin = make_engine(server.url())
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("CREATE DATABASE plut_template"))
    admin.dispose()
    tmpl = make_engine(server.url("plut_template"))
    _prepare(tmpl)
    tmpl.dispose()
    yield server
    server.stop()


_counter = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated database with the service catalogue: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
        return
    server: _pg.PgServer = request.getfixturevalue("pg_server")
    name = f"t_{os.getpid()}_{next(_counter)}"
    admin = make_engine(server.url())
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"CREATE DATABASE {name} TEMPLATE plut_template"))
    eng = make_engine(server.url(name))
    yield eng
    eng.dispose()
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def centre(session: Session) -> Centre:
    c = Centre(
        code="PLUT-SUMUT",
        name="PLUT-KUMKM Provinsi Sumatera Utara",
        level="provinsi",
        region_code="12.71",
    )
    session.add(c)
    session.commit()
    return c


@pytest.fixture
def actor(session: Session, centre: Centre) -> Staff:
    s = Staff(
        centre_id=centre.id,
        username="cs.medan",
        name="Rina Siregar",
        roles=["front_office", "consultant"],
    )  # type: ignore[arg-type]
    session.add(s)
    session.commit()
    return s
