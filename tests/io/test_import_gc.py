"""An import tunes the cycle collector while it runs and puts it back afterwards."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.io import import_file
from plut_nb.io._gc import THRESHOLDS, ImportCollector
from plut_nb.models import Centre
from tests.io._files import nik, write_csv

ON = date(2026, 6, 30)


def test_an_import_leaves_the_collector_as_it_found_it(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as s:
        s.add(Centre(code="PLUT-SUMUT", name="PLUT Sumut", level="provinsi", region_code="12"))
        s.commit()
    rows = [["Nama Usaha", "Kode Desa", "Nama Pemilik", "NIK"]]
    rows += [[f"Usaha {i}", "12.71.01.1001", f"Pemilik {i}", nik(i)] for i in range(5)]
    rows.append(["Usaha Salah", "99.99.99.9999", "Pemilik", ""])
    before = gc.get_threshold()

    summary = import_file(engine, "enterprises", write_csv(tmp_path / "u.csv", rows), on=ON)

    assert (summary.inserted, summary.rejected) == (5, 1)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_collector_is_restored_when_the_import_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), ImportCollector() as collector:
        assert gc.get_threshold()[0] == max(THRESHOLDS[0], before[0])
        assert gc.get_freeze_count() > 0  # what existed before is left out of the search
        collector.settle()
        raise RuntimeError("killed half way")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_someone_else_stay_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 1234)  # a pre-forking server froze
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    with ImportCollector() as collector:
        collector.settle()
    assert calls == []  # freezing is left to whoever froze: nothing frozen, nothing thawed
