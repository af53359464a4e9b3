"""Use cases of PLUT-NB. Each takes the acting staff member and writes an audit entry."""

from plut_nb.services.cases import (
    SnapshotInput,
    assign_case,
    change_status,
    close_case,
    complete_case,
    get_case,
    log_activity,
    open_case,
    record_permit,
    record_snapshot,
    record_survey,
    refer_case,
    reopen_case,
    update_referral,
)
from plut_nb.services.directory import DirectoryPage, DirectoryRow, search_enterprises
from plut_nb.services.events import (
    create_event,
    mark_attendance,
    record_event_sales,
    register_for_event,
)
from plut_nb.services.intake import (
    DuplicateCandidate,
    IntakeForm,
    IntakeResult,
    find_duplicates,
    register_enterprise,
    validate_intake,
)
from plut_nb.services.reference_data import sync_reference_data
from plut_nb.services.staff import get_staff, list_colleagues, list_staff, staff_centre
from plut_nb.services.workflow import CaseStatus, allowed_next

__all__ = [
    "CaseStatus",
    "DirectoryPage",
    "DirectoryRow",
    "DuplicateCandidate",
    "IntakeForm",
    "IntakeResult",
    "SnapshotInput",
    "allowed_next",
    "assign_case",
    "change_status",
    "close_case",
    "complete_case",
    "create_event",
    "find_duplicates",
    "get_case",
    "get_staff",
    "list_colleagues",
    "list_staff",
    "log_activity",
    "mark_attendance",
    "open_case",
    "record_event_sales",
    "record_permit",
    "record_snapshot",
    "record_survey",
    "refer_case",
    "register_enterprise",
    "register_for_event",
    "reopen_case",
    "search_enterprises",
    "staff_centre",
    "sync_reference_data",
    "update_referral",
    "validate_intake",
]
