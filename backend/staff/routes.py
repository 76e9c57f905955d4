"""Every staff route handler, for ``create_app`` to mount."""

from backend.staff.admin_views import EditionsPages, ResponseRatesPage, SchoolsPages, UsersPages
from backend.staff.api import EditionsApi, ResponseRatesApi, SchoolsApi, UsersApi
from backend.staff.auth_views import SessionApiController, SignInController, StaffHomeController
from backend.staff.findings_api import FindingsApi
from backend.staff.findings_views import FindingsPages
from backend.staff.paper import PaperPages

__all__ = ["STAFF_ROUTE_HANDLERS"]

STAFF_ROUTE_HANDLERS = [
    SignInController,
    StaffHomeController,
    UsersPages,
    EditionsPages,
    SchoolsPages,
    ResponseRatesPage,
    PaperPages,
    FindingsPages,
    SessionApiController,
    UsersApi,
    EditionsApi,
    SchoolsApi,
    ResponseRatesApi,
    FindingsApi,
]
"""Every staff route, for ``create_app`` to mount."""
