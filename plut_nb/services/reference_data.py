"""Copy the versioned code lists into their tables (idempotent upsert)."""

from __future__ import annotations

from sqlmodel import Session

from plut_nb.models import ServiceType
from plut_nb.reference.codes import SERVICE_CATALOGUE

__all__ = ["sync_reference_data"]


def sync_reference_data(session: Session) -> int:
    """Insert services missing from ``service_type``; edited rows are left as edited.

    Returns:
        How many services were added.
    """
    added = 0
    for seed in SERVICE_CATALOGUE:
        if session.get(ServiceType, seed.code) is None:
            session.add(
                ServiceType(
                    code=seed.code,
                    name_id=seed.name_id,
                    name_en=seed.name_en,
                    field=seed.field,
                    delivery_mode=seed.delivery_mode,
                    default_sla_days=seed.default_sla_days,
                )
            )
            added += 1
    session.flush()
    return added
