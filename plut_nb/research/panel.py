"""The enterprise × wave panel the impact estimators work on.

Waves are calendar periods (quarters by default): each enterprise's last
snapshot in a period is its observation for that wave. An enterprise counts as
*assisted* at a wave once its first case was opened strictly before the date of
that snapshot (before the period's last day where the snapshot is missing), so
a case opened the day after a snapshot only counts from the next wave on. Its
*cohort* is the first such wave; an enterprise with no case before its last wave
is *not (yet) assisted* within the window and serves as a control throughout.
Enterprises already assisted at the first wave have no pre-assistance
observation and are left out (counted in ``dropped_always_assisted``).

By default every case counts as assistance, cancelled ones included (the demo
plants the effect from the first case opened, whatever its fate); pass
``exclude_cancelled=True`` to count only cases that were not cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from plut_nb.research.dataset import ResearchExtract

__all__ = ["OUTCOMES", "Panel", "build_panel", "first_assistance"]

#: Outcome name → (snapshot column, description). Both are taken in logs.
OUTCOMES: dict[str, str] = {
    "log_sales": "sales_annual",
    "log_employment": "employees_total",
}


@dataclass(frozen=True)
class Panel:
    """A wide panel: one row per enterprise, one column per wave.

    Attributes:
        outcome: The outcome name (a key of :data:`OUTCOMES`).
        enterprise_ids: Pseudonymous id of each row.
        waves: The last day of each wave's period, in order.
        y: Outcome, shape ``(n, T)``; ``NaN`` where not observed.
        cohort: First assisted wave of each row (1..T-1); ``T`` = not assisted in the window.
        dropped_always_assisted: Enterprises left out because assisted before the first wave.
    """

    outcome: str
    enterprise_ids: np.ndarray
    waves: tuple[date, ...]
    y: np.ndarray
    cohort: np.ndarray
    dropped_always_assisted: int = 0

    @property
    def n(self) -> int:
        """Number of enterprises."""
        return int(self.y.shape[0])

    @property
    def n_waves(self) -> int:
        """Number of waves ``T``."""
        return int(self.y.shape[1])

    def subset(self, keep: np.ndarray) -> Panel:
        """The panel restricted to the rows where ``keep`` is true."""
        return Panel(self.outcome, self.enterprise_ids[keep], self.waves, self.y[keep],
                     self.cohort[keep], self.dropped_always_assisted)  # fmt: skip

    def long(self) -> pd.DataFrame:
        """Observed cells as a long table: ``enterprise``, ``wave``, ``y``, ``assisted``."""
        row, wave = np.nonzero(~np.isnan(self.y))
        return pd.DataFrame({
            "enterprise": self.enterprise_ids[row], "wave": wave, "y": self.y[row, wave],
            "assisted": (wave >= self.cohort[row]).astype(np.int8),
        })  # fmt: skip


def first_assistance(cases: pd.DataFrame, *, exclude_cancelled: bool = False) -> pd.Series:
    """Day of each enterprise's first case (``opened_on``), indexed by ``enterprise_id``."""
    if exclude_cancelled:
        cases = cases[cases["status"] != "dibatalkan"]
    return cases.groupby("enterprise_id", observed=True)["opened_on"].min()


def build_panel(
    extract: ResearchExtract,
    outcome: str = "log_sales",
    *,
    frequency: str = "Q",
    exclude_cancelled: bool = False,
) -> Panel:
    """Build the wide panel of ``outcome`` from an extract's snapshots and cases.

    Args:
        extract: The research extract.
        outcome: ``log_sales`` or ``log_employment``.
        frequency: Length of a wave as a pandas period alias (``Q`` quarters, ``M``, ``Y``).
        exclude_cancelled: Count only cases not cancelled as assistance.

    Returns:
        The :class:`Panel` (rows in the order of first appearance in the snapshots).

    Raises:
        ValueError: Unknown outcome, or fewer than two waves with data.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; choose from {sorted(OUTCOMES)}")
    snaps = extract.snapshots[["enterprise_id", "taken_on", OUTCOMES[outcome]]]
    value = snaps[OUTCOMES[outcome]].to_numpy(dtype="float64", na_value=np.nan)
    taken = snaps["taken_on"].to_numpy(dtype="datetime64[D]")
    # Period ordinals (integers): comparing Period objects one by one is slow at millions.
    ordinal = snaps["taken_on"].dt.to_period(frequency).array.asi8
    wave_ordinals, wave = np.unique(ordinal, return_inverse=True)
    wave_periods = pd.PeriodIndex.from_ordinals(wave_ordinals, freq=frequency)
    if len(wave_periods) < 2:
        raise ValueError("the panel needs snapshots in at least two periods")
    row, ids = pd.factorize(snaps["enterprise_id"])
    n, n_waves = len(ids), len(wave_periods)
    # The last snapshot of each enterprise and wave wins: order cells by date, keep the last.
    order = np.lexsort((taken, wave, row))
    last = np.ones(len(order), bool)
    last[:-1] = (row[order][1:] != row[order][:-1]) | (wave[order][1:] != wave[order][:-1])
    pick = order[last]
    with np.errstate(divide="ignore", invalid="ignore"):
        logged = np.where(value[pick] > 0, np.log(value[pick]), np.nan)
    y = np.full((n, n_waves), np.nan)
    y[row[pick], wave[pick]] = logged
    ends = wave_periods.end_time.normalize().to_numpy(dtype="datetime64[D]")
    ref = np.broadcast_to(ends, (n, n_waves)).copy()
    ref[row[pick], wave[pick]] = taken[pick]
    first = first_assistance(extract.cases, exclude_cancelled=exclude_cancelled)
    first_day = first.reindex(pd.Index(ids)).to_numpy(
        dtype="datetime64[D]", na_value=np.datetime64("NaT")
    )
    assisted = first_day[:, None] < ref  # NaT compares False: never assisted
    cohort = np.where(assisted.any(axis=1), assisted.argmax(axis=1), n_waves)
    keep = cohort > 0
    return Panel(
        outcome=outcome,
        enterprise_ids=np.asarray(ids, dtype=object)[keep],
        waves=tuple(pd.Timestamp(e).date() for e in ends),
        y=y[keep],
        cohort=cohort[keep].astype(np.int64),
        dropped_always_assisted=int((~keep).sum()),
    )
