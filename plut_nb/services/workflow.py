"""The case state machine: which status may follow which.

::

    baru → ditugaskan → dalam_proses ⇄ menunggu_pihak_lain
                              ↓
                           selesai → ditutup
                              ↑ (reopen: selesai → dalam_proses)
    dibatalkan from any open status (baru, ditugaskan, dalam_proses, menunggu_pihak_lain)
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["OPEN_STATUSES", "TRANSITIONS", "CaseStatus", "allowed_next"]


class CaseStatus(StrEnum):
    """Statuses of a case."""

    baru = "baru"
    ditugaskan = "ditugaskan"
    dalam_proses = "dalam_proses"
    menunggu_pihak_lain = "menunggu_pihak_lain"
    selesai = "selesai"
    ditutup = "ditutup"
    dibatalkan = "dibatalkan"


S = CaseStatus

OPEN_STATUSES: frozenset[str] = frozenset(
    {S.baru, S.ditugaskan, S.dalam_proses, S.menunggu_pihak_lain}
)

TRANSITIONS: dict[str, frozenset[str]] = {
    S.baru: frozenset({S.ditugaskan, S.dibatalkan}),
    S.ditugaskan: frozenset({S.dalam_proses, S.dibatalkan}),
    S.dalam_proses: frozenset({S.menunggu_pihak_lain, S.selesai, S.dibatalkan}),
    S.menunggu_pihak_lain: frozenset({S.dalam_proses, S.dibatalkan}),
    S.selesai: frozenset({S.ditutup, S.dalam_proses}),
    S.ditutup: frozenset(),
    S.dibatalkan: frozenset(),
}


def allowed_next(status: str) -> frozenset[str]:
    """The statuses a case in ``status`` may move to (empty for final ones)."""
    return TRANSITIONS.get(status, frozenset())
