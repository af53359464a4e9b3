"""Security: who may do what where (roles and centre scope), enforced by the services."""

from plut_nb.security.permissions import (
    MATRIX,
    Action,
    allowed,
    may_open_app,
    may_see_full_personal_data,
    require,
)

__all__ = [
    "MATRIX",
    "Action",
    "allowed",
    "may_open_app",
    "may_see_full_personal_data",
    "require",
]
