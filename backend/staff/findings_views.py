"""The findings dashboard pages: questions with breakdowns and trend, themes, a school's view.

Reviewers see every page. A SEND lead sees only their own school's pages: any other school
code in the path, or a school named in the query, is refused (403) before anything is read.
Partnership admins run editions and accounts and do not read findings (their role has no
findings in the role model), so these pages refuse them like any other role.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from litestar import Request, get
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Template

from backend.findings import FindingsError
from backend.i18n import translations
from backend.staff.accounts import REVIEWER, SEND_LEAD, StaffPrincipal
from backend.staff.findings_charts import (
    LATIN_SCRIPT,
    bar_view,
    grouped_view,
    largest_per_group,
    merge_drawings,
)
from backend.staff.findings_data import (
    cell_out,
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
from backend.staff.findings_schemas import RowOut, TableOut
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
)
from backend.staff.pages import page

if TYPE_CHECKING:
    from collections.abc import Callable

    from backend.staff.findings_schemas import (
        CrosstabOut,
        QuestionFindingsOut,
        SchoolQuestionOut,
        ThemesOut,
    )

__all__ = ["FINDINGS_ROLES", "FindingsPages", "school_for_staff"]

FINDINGS_ROLES = (REVIEWER,)
"""Roles that read the whole edition's findings; SEND leads read their own school's."""
SCHOOL_QUERY_KEYS = ("school", "school_id", "school_code", "code")


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().upper() == (b or "").strip().upper()


async def school_for_staff(request: Request, staff: StaffPrincipal, code: str) -> dict:
    """The school a page or API call is about, if this member of staff may see it.

    A SEND lead may see only their own school: another code in the path, or a school named in
    the query string, is a 403 whether or not that school exists. Reviewers get 404 for an
    unknown code.
    """
    if staff.role == SEND_LEAD:
        own = (staff.school_code or "", str(staff.school_id or ""))
        if not staff.school_code or not _same(code, staff.school_code):
            raise PermissionDeniedException("A SEND lead sees only their own school.")
        for key in SCHOOL_QUERY_KEYS:
            for value in request.query_params.getall(key, []):
                if not any(_same(value, o) for o in own if o):
                    raise PermissionDeniedException("A SEND lead sees only their own school.")
    school = await school_by_code(code)
    if school is None:
        raise NotFoundException()
    return school


def gettext_for(request: Request) -> Callable[[str], str]:
    gettext = translations(getattr(request.state, "lang", "en")).gettext
    return lambda text: gettext(text) if text else text


def _identity(text: str) -> str:
    return text


Charts = dict  # chart key -> ChartView | None


def charts_in_language(request: Request, build: Callable[..., Charts],
                       out_in: Callable[[Callable[[str], str]], Any]) -> tuple[Any, Charts]:
    """(the page's data in its language, its charts). Latin-script languages are drawn as
    shown; for the others the words come from the language and the drawing from English.

    Drawing takes a few hundred milliseconds, so handlers run this in a worker thread, off the
    event loop that also takes pupils' submissions (the charts use no pyplot state)."""
    _ = gettext_for(request)
    out = out_in(_)
    if getattr(request.state, "lang", "en") in LATIN_SCRIPT:
        return out, build(out, _, draw=True)
    words = build(out, _, draw=False)
    return out, merge_drawings(words, build(out_in(_identity), _identity, draw=True))


def _base_label(_: Callable[[str], str], total) -> str:
    if total.suppressed or total.count is None:
        return _("Share of all pupils")
    return _("Share of all %(n)s pupils") % {"n": total.count}


def breakdown_chart(title: str, ct: CrosstabOut, _: Callable[[str], str], draw: bool):
    skip = _("Not answered")
    keep = [i for i, a in enumerate(ct.answers) if a != skip]
    groups = [(g.label, [g.cells[i] for i in keep]) for g in ct.groups]
    answers = [ct.answers[i] for i in keep]
    return grouped_view(
        title, [g.label for g in ct.groups], answers, [cells for _label, cells in groups],
        _("By %(breakdown)s: share of each group's pupils") % {"breakdown": ct.by_label},
        largest_per_group(groups, answers, _), _, draw=draw,
    )


def trend_rows(q: QuestionFindingsOut):
    """Answer -> its cell in each edition (None when that edition did not offer it)."""
    by_year = [{r.label: r.cell for r in p.overall.rows} for p in q.trend]
    return [(r.label, [cells.get(r.label) for cells in by_year]) for r in q.overall.rows]


def trend_chart(q: QuestionFindingsOut, _: Callable[[str], str], draw: bool):
    years = [str(p.year) for p in q.trend]
    rows = trend_rows(q)
    skip = _("Not answered")
    keep = [i for i, (a, cells) in enumerate(rows) if a != skip and None not in cells]
    finding = ""
    current = [(rows[i][1][-1].percent, i) for i in keep
               if not rows[i][1][-1].suppressed and rows[i][1][-1].percent is not None]
    if current:
        _pct, top = max(current)
        values = [_("{year}: {value}%").format(value=f"{c.percent:.0f}", year=y)
                  for c, y in zip(reversed(rows[top][1]), reversed(years), strict=True)
                  if not c.suppressed and c.percent is not None]
        finding = _("{label}: {values}.").format(label=rows[top][0], values=", ".join(values))
    return grouped_view(
        q.question, [rows[i][0] for i in keep], years, [rows[i][1] for i in keep],
        _("Share of all pupils, edition by edition"), finding, _, draw=draw,
    )


def question_charts(q: QuestionFindingsOut, _: Callable[[str], str], *, draw: bool) -> Charts:
    charts: Charts = {
        "overall": bar_view(q.question, q.overall, _base_label(_, q.overall.total), _,
                            skip=(_("Not answered"),), draw=draw),
        "trend": trend_chart(q, _, draw) if q.trend else None,
    }
    for ct in q.breakdowns:
        charts[f"by-{ct.by}"] = breakdown_chart(q.question, ct, _, draw)
    return charts


def school_charts(q: SchoolQuestionOut, _: Callable[[str], str], *, draw: bool) -> Charts:
    """The school beside all schools, and the school's own breakdowns."""
    if q.school_overall is None:
        return {}
    skip = _("Not answered")
    borough = {r.label: r.cell for r in q.borough_overall.rows}
    rows = [(r.label, [r.cell, borough[r.label]]) for r in q.school_overall.rows
            if r.label != skip and r.label in borough]
    finding = ""
    shown = [(cells[0].percent, n) for n, (_label, cells) in enumerate(rows)
             if not cells[0].suppressed and cells[0].percent is not None]
    if shown:
        _pct, top = max(shown)
        label, (mine, all_) = rows[top]
        if not all_.suppressed and all_.percent is not None:
            finding = _("{label}: {school_value}% ({school}), {all_value}% (all schools).")
        else:
            finding = _("{label}: {school_value}% ({school}).")
        finding = finding.format(label=label, school=q.school.name,
                                 school_value=f"{mine.percent:.0f}",
                                 all_value=f"{all_.percent or 0:.0f}")
    charts: Charts = {"compare": grouped_view(
        q.question, [r[0] for r in rows], [q.school.name, _("All schools")], [r[1] for r in rows],
        _("Share of pupils at the school and in all schools"), finding, _, draw=draw,
    )}
    for ct in q.breakdowns:
        charts[f"by-{ct.by}"] = breakdown_chart(q.question, ct, _, draw)
    return charts


def theme_charts(t: ThemesOut, _: Callable[[str], str], *, draw: bool) -> Charts:
    """Pupils mentioning each theme, and each theme's sentiment mix."""
    mentions = TableOut([RowOut(th.label, th.mentioned) for th in t.themes],
                        t.writers.rows[0].cell)
    writers = t.writers.rows[0].cell
    base = (_("Share of the pupils whose free text has been analysed") if writers.suppressed
            else _("Share of the %(n)s pupils whose free text has been analysed")
            % {"n": writers.count})
    listed = [th for th in t.themes if not th.mentioned.suppressed and th.mentioned.count]
    sentiments = [r.label for r in t.themes[0].sentiment.rows] if t.themes else []
    groups = [(th.label, [r.cell for r in th.sentiment.rows]) for th in listed]
    return {
        "mentions": bar_view(_("Themes in pupils' free text"), mentions, base, _, draw=draw),
        "sentiment": grouped_view(
            _("Sentiment of pupils' free text, theme by theme"), [g[0] for g in groups],
            sentiments, [g[1] for g in groups], _("Share of the pupils who mention each theme"),
            largest_per_group(groups, sentiments, _), _, draw=draw,
        ),
    }


class FindingsPages(StaffPages):
    path = "/staff/findings"
    guards = [requires(*FINDINGS_ROLES, SEND_LEAD)]

    @get("/")
    async def index(self, request: Request, staff: Staff) -> Template:
        """Editions; a SEND lead gets their own school's page of each."""
        return page(request, "findings_index.html", editions=await editions())

    @get("/{year:int}", guards=[requires(*FINDINGS_ROLES)])
    async def edition(self, request: Request, year: FromPath[int]) -> Template:
        k = request.app.state.settings.min_group_size
        try:
            data = await edition_out(year, k, gettext_for(request))
        except FindingsError:
            raise NotFoundException() from None
        return page(request, "findings_edition.html", edition=data)

    @get("/{year:int}/questions/{question_id:str}", guards=[requires(*FINDINGS_ROLES)])
    async def question(self, request: Request, year: FromPath[int],
                       question_id: FromPath[str]) -> Template:
        k = request.app.state.settings.min_group_size
        try:
            data = await load_question(year, question_id, k)
        except FindingsError:
            raise NotFoundException() from None
        q, charts = await asyncio.to_thread(charts_in_language, request, question_charts,
                                            lambda _: question_out(data, _))
        return page(request, "findings_question.html", q=q, charts=charts,
                    trend_rows=trend_rows(q))

    @get("/{year:int}/themes", guards=[requires(*FINDINGS_ROLES)])
    async def themes(self, request: Request, year: FromPath[int]) -> Template:
        k = request.app.state.settings.min_group_size
        try:
            data = await load_themes(year, k)
        except FindingsError:
            raise NotFoundException() from None
        t, charts = await asyncio.to_thread(charts_in_language, request, theme_charts,
                                            lambda _: themes_page_out(data, _))
        mentions = TableOut([RowOut(th.label, th.mentioned) for th in t.themes],
                            t.writers.rows[0].cell)
        return page(request, "findings_themes.html", t=t, charts=charts,
                    mentions_table=mentions)

    @get("/{year:int}/schools/{code:str}")
    async def school(self, request: Request, staff: Staff, year: FromPath[int],
                     code: FromPath[str]) -> Template:
        school = await school_for_staff(request, staff, code)
        k = request.app.state.settings.min_group_size
        try:
            data = await load_school(year, school, k)
        except FindingsError:
            raise NotFoundException() from None
        return page(request, "findings_school.html", s=school_out(data, k, gettext_for(request)))

    @get("/{year:int}/schools/{code:str}/questions/{question_id:str}")
    async def school_question(self, request: Request, staff: Staff, year: FromPath[int],
                              code: FromPath[str], question_id: FromPath[str]) -> Template:
        school = await school_for_staff(request, staff, code)
        k = request.app.state.settings.min_group_size
        try:
            data = await load_school(year, school, k)
            own, borough = await load_school_question(data, question_id, k)
        except FindingsError:
            raise NotFoundException() from None
        q, charts = await asyncio.to_thread(
            charts_in_language, request, school_charts,
            lambda _: school_question_out(data, own, borough, _))
        return page(request, "findings_school_question.html", q=q, charts=charts,
                    school_respondents=cell_out(data.respondents))
