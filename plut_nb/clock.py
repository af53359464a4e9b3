"""The centre's calendar day and local time (``PLUT_TIMEZONE``, default WIB).

Business dates — a case opened today, a survey submitted today — follow the
centre's clock, not the server's: a server on UTC would otherwise date work
done before 07:00 WIB to the day before. Timestamps are stored in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from plut_nb.settings import get_settings

__all__ = ["local_time", "today"]


def _zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def today() -> date:
    """Today's date in the centre's time zone."""
    return datetime.now(_zone()).date()


def local_time(moment: datetime) -> datetime:
    """A stored timestamp in the centre's time zone (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone())
