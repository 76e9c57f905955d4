"""The findings JSON API behind the dashboard pages: the same data, the same guards.

Labels are in English (the definition's wording) so tools can rely on them. A hidden cell is
``{"suppressed": true}``, never a number.
"""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from backend.findings import FindingsError
from backend.staff.accounts import SEND_LEAD
from backend.staff.findings_data import (
    edition_out,
    editions,
    load_question,
    load_school,
    load_school_question,
    load_themes,
    question_out,
    school_by_code,
    school_out,
    school_question_out,
    themes_page_out,
)
from backend.staff.findings_schemas import (
    EditionFindingsOut,
    FindingsIndexOut,
    QuestionFindingsOut,
    SchoolFindingsOut,
    SchoolQuestionOut,
    SchoolRefOut,
    ThemesOut,
)
from backend.staff.findings_views import FINDINGS_ROLES, school_for_staff
from backend.staff.guards import Staff, requires, staff_principal

__all__ = ["FindingsApi"]


def _english(text: str) -> str:
    return text


def _k(request: Request) -> int:
    return request.app.state.settings.min_group_size


class FindingsApi(Controller):
    path = "/api/v1/staff/findings"
    guards = [requires(*FINDINGS_ROLES, SEND_LEAD)]
    tags = ["staff: findings"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/")
    async def index(self, staff: Staff) -> FindingsIndexOut:
        """Editions, newest first; for a SEND lead, also their school (see ``/schools/{code}``)."""
        school = None
        if staff.role == SEND_LEAD and staff.school_code:
            row = await school_by_code(staff.school_code)
            school = SchoolRefOut(row["code"], row["name"]) if row else None
        return FindingsIndexOut(await editions(), school)

    @get("/{year:int}", guards=[requires(*FINDINGS_ROLES)])
    async def edition(self, request: Request, year: FromPath[int]) -> EditionFindingsOut:
        """An edition's respondents, its choice questions by section, and its schools."""
        try:
            return await edition_out(year, _k(request), _english)
        except FindingsError:
            raise NotFoundException() from None

    @get("/{year:int}/questions/{question_id:str}", guards=[requires(*FINDINGS_ROLES)])
    async def question(self, request: Request, year: FromPath[int],
                       question_id: FromPath[str]) -> QuestionFindingsOut:
        """One choice question: overall, by every breakdown, and year on year."""
        try:
            return question_out(await load_question(year, question_id, _k(request)), _english)
        except FindingsError:
            raise NotFoundException() from None

    @get("/{year:int}/themes", guards=[requires(*FINDINGS_ROLES)])
    async def themes(self, request: Request, year: FromPath[int]) -> ThemesOut:
        """Pupils mentioning each theme in free text, their sentiment, approved quotes and
        interview material."""
        try:
            return themes_page_out(await load_themes(year, _k(request)), _english)
        except FindingsError:
            raise NotFoundException() from None

    @get("/{year:int}/schools/{code:str}")
    async def school(self, request: Request, staff: Staff, year: FromPath[int],
                     code: FromPath[str]) -> SchoolFindingsOut:
        """One school's respondents (when shown) and the questions of its view. A SEND lead
        may ask only for their own school."""
        school = await school_for_staff(request, staff, code)
        try:
            data = await load_school(year, school, _k(request))
        except FindingsError:
            raise NotFoundException() from None
        return school_out(data, _k(request), _english)

    @get("/{year:int}/schools/{code:str}/questions/{question_id:str}")
    async def school_question(self, request: Request, staff: Staff, year: FromPath[int],
                              code: FromPath[str],
                              question_id: FromPath[str]) -> SchoolQuestionOut:
        """One question at one school beside all schools, and within the school by group."""
        school = await school_for_staff(request, staff, code)
        try:
            data = await load_school(year, school, _k(request))
            own, borough = await load_school_question(data, question_id, _k(request))
        except FindingsError:
            raise NotFoundException() from None
        return school_question_out(data, own, borough, _english)
