"""The schema-version check reads what Alembic would, without importing Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from plut_nb.db import current_revision, ensure_current, head_revision, make_engine, upgrade
from plut_nb.db.schema import alembic_config
from plut_nb.errors import SchemaOutOfDate


def test_head_read_from_the_files_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert len(list(script.walk_revisions())) >= 4  # the parse saw every migration


def test_current_revision_is_what_alembic_reads(engine: Engine) -> None:
    with engine.connect() as conn:
        expected = MigrationContext.configure(conn).get_current_revision()
    assert expected == head_revision()
    assert current_revision(engine) == expected


def test_an_older_schema_is_refused_naming_the_fix(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    assert current_revision(eng) is None
    script = ScriptDirectory.from_config(alembic_config())
    previous = script.get_revision(head_revision()).down_revision
    assert isinstance(previous, str)
    upgrade(eng, previous)
    assert current_revision(eng) == previous
    with pytest.raises(SchemaOutOfDate) as exc:
        ensure_current(eng)
    assert "plut db upgrade" in exc.value.message
    assert (exc.value.current, exc.value.head) == (previous, head_revision())
    upgrade(eng)
    ensure_current(eng)  # no error once migrated
    eng.dispose()


def test_checking_the_schema_does_not_import_alembic(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    eng = make_engine(f"sqlite:///{db}")
    upgrade(eng)
    eng.dispose()
    code = (
        "import sys\n"
        "from plut_nb.db import ensure_current, make_engine\n"
        f"ensure_current(make_engine({f'sqlite:///{db}'!r}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"
