"""Small, known datasets for widget, notebook and browser tests (through the services)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.db import upgrade
from plut_nb.models import Centre, Staff
from plut_nb.services import IntakeForm, register_enterprise, sync_reference_data

XSS_NAME = "<img src=x onerror=alert(1)>"


def nik(i: int) -> str:
    """A valid NIK of Medan Kota (12.71.01): a man born 1 Jan 1980, serial i+1."""
    return f"127101010180{i + 1:04d}"


def seed_directory(engine: Engine, n: int = 25) -> None:
    """Migrate, then register ``n`` bakeries in Medan plus one enterprise with an XSS name."""
    upgrade(engine)
    with Session(engine, expire_on_commit=False) as s:
        sync_reference_data(s)
        centre = Centre(
            code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi", region_code="12"
        )
        s.add(centre)
        s.flush()
        staff = Staff(centre_id=centre.id, username="cs", name="Rina", roles=["front_office"])  # type: ignore[arg-type]
        s.add(staff)
        s.flush()
        for i in range(n):
            form = IntakeForm(
                enterprise_name=f"Roti Bakar Medan {i:02d}",
                nib=f"{9100000000000 + i}",
                kbli="10710",
                village_code="12.71.01.1001",
                owner_name=f"Pemilik {i:02d}",
                nik=nik(i),
                phone=f"0812{7000000 + i}",
                service_code="konsultasi_bisnis",
            )
            register_enterprise(s, staff, form)
        register_enterprise(
            s,
            staff,
            IntakeForm(
                enterprise_name=XSS_NAME,
                village_code="91.06.01.1001",
                owner_name="Yohanes Rumbiak",
                service_code="branding",
            ),
        )
        s.commit()
