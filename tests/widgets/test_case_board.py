"""The case board in plain pytest: filter, open, click through the workflow, two staff at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.clock import today
from plut_nb.db import make_engine, upgrade
from plut_nb.models import (
    Activity,
    AuditEntry,
    Case,
    Centre,
    IndicatorSnapshot,
    PermitApplication,
    Referral,
    Staff,
)
from plut_nb.services.cases import assign_case, open_case
from plut_nb.services.intake import IntakeForm, register_enterprise
from plut_nb.services.reference_data import sync_reference_data
from tests._seed import XSS_NAME, nik
from widgets.case_board import CaseBoardApp

ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@dataclass
class Seeded:
    engine: Engine
    rina: Staff  # front office + consultant
    budi: Staff  # consultant
    new_case: str  # status baru, Kopi Sidikalang
    budi_case: str  # ditugaskan to Budi
    overdue_case: str  # ditugaskan to Budi, opened 40 days ago (konsultasi_bisnis, 14 days)


def seed_board(engine: Engine) -> Seeded:
    """A centre, two staff and eight cases (one new, seven for Budi; one overdue; one marketing)."""
    with Session(engine, expire_on_commit=False) as s:
        sync_reference_data(s)
        centre = Centre(code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi",
                        region_code="12")  # fmt: skip
        s.add(centre)
        s.flush()
        rina = Staff(centre_id=centre.id, username="cs", name="Rina Siregar",  # type: ignore[arg-type]
                     roles=["front_office", "consultant"])  # fmt: skip
        budi = Staff(centre_id=centre.id, username="kons", name="Budi Nainggolan",  # type: ignore[arg-type]
                     roles=["consultant"])  # fmt: skip
        s.add_all([rina, budi])
        s.flush()
        numbers = []
        for i in range(7):
            form = IntakeForm(
                enterprise_name=XSS_NAME if i == 6 else f"Kopi Sidikalang {i}",
                kbli="10710", village_code="12.71.01.1001", owner_name=f"Pemilik {i}",
                nik=nik(i), phone=f"0812{7000000 + i}", sales=250_000_000,
                service_code="branding" if i == 5 else "fasilitasi_izin",
            )  # fmt: skip
            res = register_enterprise(s, rina, form, on=today() - timedelta(days=i))
            if i:
                assert budi.id is not None
                assign_case(s, rina, res.case_id, budi.id, expected_version=1)
            numbers.append(res.case_number)
        late = open_case(s, rina, enterprise_id=1, service_code="konsultasi_bisnis",
                         on=today() - timedelta(days=40))  # fmt: skip
        assert late.id is not None and budi.id is not None
        assign_case(s, rina, late.id, budi.id, expected_version=1)
        s.commit()
        return Seeded(engine, rina, budi, numbers[0], numbers[1], late.number)


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    eng = make_engine(f"sqlite:///{tmp_path / 'board.db'}")
    upgrade(eng)
    yield seed_board(eng)
    eng.dispose()


def shown(app: CaseBoardApp) -> list[str]:
    return [r.number for r in app.result.rows] if app.result else []


def open_number(app: CaseBoardApp, number: str) -> None:
    """Click the case number's button in the table (switching to the centre queue if needed)."""
    buttons = [r.button for r in app.rows if r.button.layout.display is None]
    match = [b for b in buttons if b.description == number]
    if not match:
        app.scope.value = "centre"
        app.status.value = "__all__"
        app.query.value = number
        match = [r.button for r in app.rows if r.button.description == number]
    assert match, f"{number} not on the board"
    match[0].click()
    assert app.panel.view is not None and app.panel.view.row.number == number


def case(engine: Engine, number: str) -> Case:
    with Session(engine) as s:
        found = s.execute(select(Case).where(Case.number == number)).scalar_one()  # type: ignore[arg-type]
        s.expunge(found)
        return found


def count(engine: Engine, model: type, **where: object) -> int:
    with Session(engine) as s:
        stmt = select(func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return int(s.execute(stmt).scalar_one())


def test_queues_filters_and_paging(seeded: Seeded) -> None:
    app = CaseBoardApp(seeded.budi, engine=seeded.engine, page_size=3)
    assert app.result is not None and app.result.total == 7  # Budi's open cases
    assert shown(app)[0] == seeded.overdue_case  # earliest due first
    assert (
        "Terlambat" in app.rows[0].cells[-1].value
        and "plut-badge-overdue" in app.rows[0].cells[-1].value
    )
    assert "7 kasus — halaman 1 dari 3" in app.summary.value
    assert app.prev_button.disabled and not app.next_button.disabled
    app.next_button.click()
    app.next_button.click()
    assert app.page == 3 and len(shown(app)) == 1 and app.next_button.disabled
    assert [r.button.layout.display for r in app.rows] == [None, "none", "none"]
    app.overdue.value = True
    assert shown(app) == [seeded.overdue_case] and app.page == 1
    app.overdue.value = False
    app.scope.value = "centre"
    assert app.result is not None and app.result.total == 8
    app.status.value = "baru"
    assert shown(app) == [seeded.new_case]
    assert "belum ditugaskan" in app.rows[0].cells[3].value
    app.status.value = "__open__"
    app.field.value = "pemasaran"
    assert app.result is not None and app.result.total == 1  # the branding case
    app.field.value = ""
    app.assignee.value = seeded.rina.id
    assert app.result is not None and app.result.total == 0
    assert "Tidak ada kasus" in app.summary.value
    app.assignee.value = 0
    app.query.value = "onerror"
    assert app.result is not None and app.result.total == 1
    assert XSS_NAME not in app.rows[0].cells[0].value and ESCAPED in app.rows[0].cells[0].value


def test_move_a_case_through_its_states_by_clicking(seeded: Seeded) -> None:
    app = CaseBoardApp(seeded.rina, engine=seeded.engine)
    assert app.result is not None and app.result.total == 0  # nothing assigned to Rina yet
    open_number(app, seeded.new_case)
    panel = app.panel
    assert panel.layout.display is None and "Baru" in panel.head.value
    assert "1271********0001" in panel.head.value and nik(0) not in panel.head.value
    assert [v for _l, v in panel.status.target.options] == ["dibatalkan"]
    panel.assign.staff.value = seeded.budi.id
    panel.assign.assign_button.click()
    assert "ditugaskan kepada Budi Nainggolan" in panel.message.value
    assert [v for _l, v in panel.status.target.options] == ["dalam_proses", "dibatalkan"]
    for target in ("dalam_proses", "menunggu_pihak_lain", "dalam_proses"):
        panel.status.target.value = target
        panel.status.change_button.click()
        assert "plut-ok" in panel.message.value, panel.message.value
    panel.status.target.value = "selesai"
    panel.status.change_button.click()  # no resolution: refused, nothing changes
    assert "plut-error" in panel.message.value and "Hasil penyelesaian" in panel.message.value
    assert case(seeded.engine, seeded.new_case).status == "dalam_proses"
    panel.status.resolution.value = "NIB terbit"
    panel.status.change_button.click()
    assert "Selesai" in panel.message.value and panel.status.resolution.value == ""
    assert panel.status.close_button.layout.display is None
    panel.status.reopen_button.click()
    assert case(seeded.engine, seeded.new_case).status == "dalam_proses"
    assert panel.status.close_button.layout.display == "none"
    panel.status.target.value = "selesai"
    panel.status.resolution.value = "NIB dan PIRT terbit"
    panel.status.change_button.click()
    panel.status.close_button.click()
    final = case(seeded.engine, seeded.new_case)
    assert (final.status, final.resolution, final.version) == ("ditutup", "NIB dan PIRT terbit", 9)
    assert panel.status.change_button.disabled and panel.assign.assign_button.disabled
    assert "sudah final" in panel.status.final.value
    with Session(seeded.engine) as s:
        actions = list(s.execute(
            select(AuditEntry.action).where(AuditEntry.entity == "case",  # type: ignore[arg-type]
                                            AuditEntry.entity_id == str(final.id))
            .order_by(AuditEntry.id)  # type: ignore[arg-type]
        ).scalars())  # fmt: skip
    assert actions == [
        "create", "assign", "status:dalam_proses", "status:menunggu_pihak_lain",
        "status:dalam_proses", "status:selesai", "status:dalam_proses", "status:selesai",
        "status:ditutup",
    ]  # fmt: skip
    history = panel.history.value
    assert history.index("Selesai → Ditutup") < history.index("Ditugaskan kepada Budi")
    assert app.result is not None and seeded.new_case in shown(app)  # the list was refreshed
    assert app.list_box.layout.display == "none"
    app.back_button.click()
    assert app.panel.layout.display == "none" and app.list_box.layout.display is None


def test_log_activity_refer_permit_and_snapshot(seeded: Seeded) -> None:
    app = CaseBoardApp(seeded.budi, engine=seeded.engine)
    open_number(app, seeded.budi_case)
    panel, cid = app.panel, case(seeded.engine, seeded.budi_case).id
    act = panel.activity
    act.minutes.value = 0  # out of range: refused, input kept
    act.notes.value = XSS_NAME
    act.next_step.value = "Unggah berkas ke OSS"
    act.follow_up_on.value = today() + timedelta(days=7)
    act.save_button.click()
    assert "plut-error" in panel.message.value and act.notes.value == XSS_NAME
    assert count(seeded.engine, Activity, case_id=cid) == 0
    act.minutes.value = 90
    act.kind.value = "kunjungan"
    act.mode.value = "kunjungan_lapangan"
    act.save_button.click()
    assert "Kegiatan dicatat" in panel.message.value and act.notes.value == ""
    with Session(seeded.engine) as s:
        logged = s.execute(select(Activity).where(Activity.case_id == cid)).scalar_one()  # type: ignore[arg-type]
    assert (logged.kind, logged.mode, logged.minutes, logged.notes, logged.staff_id) == (
        "kunjungan", "kunjungan_lapangan", 90, XSS_NAME, seeded.budi.id,
    )  # fmt: skip
    assert XSS_NAME not in panel.history.value and ESCAPED in panel.history.value

    ref = panel.referral
    ref.partner_type.value = "lembaga_halal"
    ref.partner_name.value = "LPH <b>Medan</b>"
    ref.save_button.click()
    assert "Rujukan ke LPH &lt;b&gt;Medan&lt;/b&gt; dicatat" in panel.message.value
    assert "<b>Medan</b>" not in panel.history.value
    assert [label for label, _v in ref.referral.options] == ["LPH <b>Medan</b> — Dikirim"]
    ref.referral_status.value = "diterima"
    ref.outcome.value = "Berkas diterima"
    ref.update_button.click()
    with Session(seeded.engine) as s:
        saved = s.execute(select(Referral).where(Referral.case_id == cid)).scalar_one()  # type: ignore[arg-type]
    assert (saved.partner_type, saved.status, saved.outcome) == (
        "lembaga_halal", "diterima", "Berkas diterima",
    )  # fmt: skip
    assert saved.follow_up_on == today() + timedelta(days=14)

    permit = panel.permit
    permit.permit_type.value = "halal"
    permit.status.value = "terbit"
    permit.save_button.click()  # issued without number and date: refused
    assert "plut-error" in panel.message.value
    permit.number.value = "ID00110012345"
    permit.issued_on.value = date(2026, 3, 2)
    permit.save_button.click()
    with Session(seeded.engine) as s:
        p = s.execute(
            select(PermitApplication).where(PermitApplication.case_id == cid)
        ).scalar_one()  # type: ignore[arg-type]
    assert (p.permit_type, p.status, p.number, p.issued_on) == (
        "halal", "terbit", "ID00110012345", date(2026, 3, 2),
    )  # fmt: skip
    assert "Izin Sertifikat halal: Terbit" in panel.history.value

    snap = panel.snapshot
    snap.sales.value = "banyak sekali"
    snap.employees.value = "5"
    snap.save_button.click()
    assert "plut-error" in panel.message.value and snap.sales.value == "banyak sekali"
    snap.sales.value = "Rp2.500.000.000"
    snap.employees_women.value = "3"
    snap.markets["national"].value = True
    snap.online.value = ("whatsapp", "shopee")
    snap.save_button.click()
    assert "Indikator dicatat" in panel.message.value and snap.sales.value == ""
    with Session(seeded.engine) as s:
        latest = s.execute(
            select(IndicatorSnapshot).order_by(IndicatorSnapshot.id.desc()).limit(1)  # type: ignore[union-attr]
        ).scalar_one()
    assert (latest.sales_annual, latest.employees_total, latest.employees_women) == (
        2_500_000_000, 5, 3,
    )  # fmt: skip
    assert latest.market_national and latest.online_channels == ["whatsapp", "shopee"]
    assert latest.size_class == "kecil" and "Rp2.500.000.000" in panel.head.value
    assert case(seeded.engine, seeded.budi_case).version == 6  # activity, referral x2, permit


def test_two_staff_on_the_same_case_nothing_is_overwritten(engine: Engine) -> None:
    seeded = seed_board(engine)
    rina = CaseBoardApp(seeded.rina, engine=engine)
    budi = CaseBoardApp(seeded.budi, engine=engine)
    open_number(rina, seeded.budi_case)
    open_number(budi, seeded.budi_case)
    rina.panel.status.target.value = "dalam_proses"
    rina.panel.status.change_button.click()
    assert "plut-ok" in rina.panel.message.value
    before = case(engine, seeded.budi_case)
    budi.panel.activity.notes.value = "Catatan Budi"
    budi.panel.activity.save_button.click()
    message = budi.panel.message.value
    assert "telah diubah oleh Rina Siregar pada" in message and "muat ulang" in message
    assert budi.panel.reload_button.layout.display is None
    budi.panel.status.target.value = "dibatalkan"
    budi.panel.status.change_button.click()
    assert "Rina Siregar" in budi.panel.message.value
    after = case(engine, seeded.budi_case)
    assert (after.status, after.version) == (before.status, before.version) == ("dalam_proses", 3)
    assert count(engine, Activity, case_id=after.id) == 0
    assert count(engine, AuditEntry, entity="case", action="status:dibatalkan") == 0
    assert budi.panel.activity.notes.value == "Catatan Budi"  # input kept
    budi.panel.reload_button.click()
    assert budi.panel.view is not None and budi.panel.view.row.version == 3
    assert (
        "Dalam proses" in budi.panel.head.value
        and "Isian Anda tetap ada" in budi.panel.message.value
    )
    assert budi.panel.activity.notes.value == "Catatan Budi"
    assert budi.panel.reload_button.layout.display == "none"
    budi.panel.activity.save_button.click()
    assert "Kegiatan dicatat" in budi.panel.message.value
    assert count(engine, Activity, case_id=after.id) == 1


def test_unexpected_failure_is_a_message_not_a_traceback(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets.case_board as board_mod
    import widgets.case_view as view_mod

    app = CaseBoardApp(seeded.budi, engine=seeded.engine)

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(board_mod, "list_cases", boom)
    app.search_button.click()
    assert (
        "secret internals" not in app.summary.value and "kesalahan tak terduga" in app.summary.value
    )
    monkeypatch.setattr(view_mod, "case_view", boom)
    app.open_row(0)
    assert app.panel.layout.display == "none" and "kesalahan tak terduga" in app.message.value
