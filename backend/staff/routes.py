"""Every staff route handler, for ``create_app`` to mount."""

from backend.actions.api import ActionsApi
from backend.actions.views import ActionsPages
from backend.staff.admin_views import EditionsPages, ResponseRatesPage, SchoolsPages, UsersPages
from backend.staff.api import EditionsApi, ResponseRatesApi, SchoolsApi, UsersApi
from backend.staff.auth_views import SessionApiController, SignInController, StaffHomeController
from backend.staff.concern_api import ConcernApi
from backend.staff.concern_views import ConcernPages
from backend.staff.findings_api import FindingsApi
from backend.staff.findings_views import FindingsPages
from backend.staff.interview_views import InterviewApi, InterviewPages
from backend.staff.letter_views import LetterPages, LettersApi
from backend.staff.paper import PaperPages
from backend.staff.review_views import ReviewApi, ReviewPages
from backend.staff.toolkit_views import ToolkitApi, ToolkitPages

__all__ = ["STAFF_ROUTE_HANDLERS"]

STAFF_ROUTE_HANDLERS = [
    SignInController,
    StaffHomeController,
    UsersPages,
    EditionsPages,
    SchoolsPages,
    ResponseRatesPage,
    PaperPages,
    ConcernPages,
    FindingsPages,
    SessionApiController,
    UsersApi,
    EditionsApi,
    SchoolsApi,
    ResponseRatesApi,
    LetterPages,
    LettersApi,
    ToolkitPages,
    ToolkitApi,
    ConcernApi,
    ActionsPages,
    ActionsApi,
    ReviewPages,
    ReviewApi,
    InterviewPages,
    InterviewApi,
    FindingsApi,
]
"""Every staff route, for ``create_app`` to mount."""
