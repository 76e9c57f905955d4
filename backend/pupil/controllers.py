"""The pupil's survey pages: start, questions, check your answers, thank you, exit.

Server-rendered, so every step works without JavaScript. Answers in progress
live only in the pupil's encrypted session cookie (see ``session.py``); the
server sees them when a page is sent and stores them only through
``SubmissionService.submit_online``, which redacts free text first.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from typing import TYPE_CHECKING, Any

from litestar import Controller, Request, Response, Router, get, post, route
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from backend.editions import CodeRefused, edition_survey, lookup_code
from backend.editions.access_codes import normalise
from backend.i18n import LANGUAGES, N_, VARIANTS, negotiate, translations
from backend.pupil.pages import (
    TamperedForm,
    build_pages,
    check_page,
    for_variant,
    page_with_question,
    prune,
    read_page,
    visible_pages,
    visible_questions,
)
from backend.pupil.session import (
    DISPLAY_OPTIONS,
    PupilState,
    load_state,
    save_state,
    session_config,
)
from backend.pupil.support import SUPPORT, support_for
from backend.pupil.views import (
    error_views,
    language_links,
    question_views,
    summary_rows,
)
from backend.ratelimit.web import (
    RateLimited,
    check_code_entry,
    check_submission,
    code_entry_failed,
)
from backend.refreshing_cache import RefreshingCache
from backend.submissions.prepared import Outcome

if TYPE_CHECKING:
    from backend.editions import AccessCodeInfo
    from backend.pupil.pages import Page
    from backend.settings import Settings
    from backend.surveys import Survey

__all__ = ["PupilController", "pupil_router"]

log = logging.getLogger("feelsafe")



class GoTo(Exception):
    """Leave this page for ``url`` (303), changing nothing."""

    def __init__(self, url: str) -> None:
        self.url = url


class Refused(Exception):
    def __init__(self, refused: CodeRefused) -> None:
        self.refused = refused


_surveys: RefreshingCache[int, Survey] = RefreshingCache(edition_survey, fresh_for=60)


async def _survey(edition_id: int) -> Survey:
    """The edition's frozen definition, re-read about once a minute."""
    try:
        return await _surveys.get(edition_id)
    except CodeRefused as refused:
        raise Refused(refused) from None


async def _code(request: Request, code: str) -> AccessCodeInfo:
    """The code in the address, under the failed-attempt limit per address (guessing).

    A pupil whose (encrypted) session already holds this code is past code entry: a
    prankster guessing codes on the school network must not stop their classmates
    mid-survey.
    """
    state = load_state(request)
    if state is None or state.code != normalise(code):
        await check_code_entry(request)
    try:
        return await lookup_code(code, dt.date.today())
    except CodeRefused as refused:
        if refused.reason == "unknown":
            await code_entry_failed(request)
        raise Refused(refused) from None


def _choose_lang(request: Request, state: PupilState | None) -> str:
    """?lang= first, then the choice remembered in the session, then Accept-Language."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    if state is not None:
        return state.lang
    return negotiate(request.headers.get("accept-language"))


def _page_url(code: str, page: Page | None) -> str:
    return f"/s/{code}/p/{page.number}" if page else f"/s/{code}/check"


def _base(request: Request, lang: str, title: str, **context: Any) -> dict[str, Any]:
    """What every pupil page needs: language, direction, title, help contacts, exit."""
    request.state.lang = lang
    settings: Settings = request.app.state.settings
    try:
        state = load_state(request)
    except Exception:  # an error page before the session was loaded
        state = None
    return {
        "display": state.display if state else [],
        "display_code": state.code if state and not state.submitted else "",
        "lang": lang,
        "dir": LANGUAGES[lang].direction,
        "title": title,
        "languages": language_links(request.url.path),
        "help_contacts": settings.help_contacts,
        "exit_url": "/exit",
        **context,
    }


def _title(lang: str, detail: str = "", error: bool = False) -> str:
    _ = translations(lang).gettext
    title = _("Your views") + (f" – {detail}" if detail else "")
    return _("Error: %(title)s") % {"title": title} if error else title


def _redirect(url: str) -> Redirect:
    return Redirect(url, status_code=HTTP_303_SEE_OTHER)


async def _in_survey(
    request: Request, code: str, info: AccessCodeInfo | None = None
) -> tuple[AccessCodeInfo, Survey, PupilState]:
    """The code, its survey and the pupil's started session, or a redirect to the start."""
    info = info or await _code(request, code)
    if code != info.code:
        raise GoTo(f"/s/{info.code}")
    state = load_state(request)
    if state is None or state.code != info.code or not state.started or state.submitted:
        raise GoTo(f"/s/{info.code}")
    return info, await _survey(info.edition_id), state


class PupilController(Controller):
    path = "/"
    include_in_schema = False

    @get("/")
    async def home(self, request: Request) -> Template:
        """Type the class code."""
        lang = _choose_lang(request, load_state(request))
        return Template(
            "pupil/home.html",
            context=_base(request, lang, _title(lang, translations(lang).gettext("Start")),
                          code="", error=""),
        )

    @get("/go")
    async def go(self, request: Request, code: str = "") -> Template | Redirect:
        """The home page's form (GET, so it needs no token): find the code and go to it."""
        lang = _choose_lang(request, load_state(request))
        _ = translations(lang).gettext
        error = ""
        if not normalise(code):
            error = _("Enter the code your teacher gave you")
        else:
            await check_code_entry(request)
            try:
                info = await lookup_code(code, dt.date.today())
                return _redirect(f"/s/{info.code}?lang={lang}")
            except CodeRefused as refused:
                if refused.reason != "unknown":
                    return _redirect(f"/s/{normalise(code)}?lang={lang}")
                await code_entry_failed(request)
                error = _("We could not find that code. Check it with your teacher and try again.")
        return Template(
            "pupil/home.html",
            context=_base(request, lang, _title(lang, _("Start"), error=True), code=code[:40],
                          error=error),
            status_code=400,
        )

    @get("/s/{code:str}")
    async def start(self, request: Request, code: FromPath[str]) -> Template | Redirect:
        """The start page: language, version, what we ask and who sees it."""
        info = await _code(request, code)
        if code != info.code:
            return _redirect(f"/s/{info.code}")
        state = load_state(request)
        if state is not None and state.code != info.code:
            state = None
        lang = _choose_lang(request, state)
        asked_variant = request.query_params.get("variant")
        variant = (asked_variant if asked_variant in VARIANTS
                   else state.variant if state else "standard")
        resume = None
        if state is not None and state.started and not state.submitted:
            if state.lang != lang:
                state.lang = lang
                save_state(request, state)
            resume = self._resume_url(await _survey(info.edition_id), state)
        return Template(
            "pupil/start.html",
            context=_base(request, lang, _title(lang), code=info.code, variant=variant,
                          resume_url=resume),
        )

    @staticmethod
    def _resume_url(survey: Survey, state: PupilState) -> str:
        pages = visible_pages(survey, state.variant, state.answers)
        for page in pages:
            if not any(q.id in state.answers for q in page.questions):
                return _page_url(state.code, page)
        return _page_url(state.code, None)

    @post("/s/{code:str}/start")
    async def begin(self, request: Request, code: FromPath[str]) -> Redirect:
        """Start afresh: a new session with a new submission id and no answers."""
        info = await _code(request, code)
        form = await request.form()
        lang = form.get("lang") or "en"
        variant = form.get("variant") or "standard"
        if lang not in LANGUAGES or variant not in VARIANTS:
            raise TamperedForm("the language or version is not one we offer")
        survey = await _survey(info.edition_id)
        old = load_state(request)
        state = PupilState(code=info.code, lang=lang, variant=variant, started=True,
                           shared_device=info.shared_device,
                           display=old.display if old and old.code == info.code else [])
        save_state(request, state)
        pages = build_pages(survey, variant)
        return _redirect(_page_url(info.code, pages[0] if pages else None))

    @get("/s/{code:str}/p/{number:int}")
    async def question_page(
        self, request: Request, code: FromPath[str], number: FromPath[int]
    ) -> Template | Redirect:
        _info, survey, state = await _in_survey(request, code)
        asked_variant = request.query_params.get("variant")
        if asked_variant in VARIANTS and asked_variant != state.variant:
            return self._switch_variant(request, survey, state, number, asked_variant)
        lang = _choose_lang(request, state)
        if lang != state.lang:
            state.lang = lang
            save_state(request, state)
        page = self._page(survey, state.variant, number)
        shown = visible_questions(survey, page, prune(survey, state.answers))
        if not shown:
            return _redirect(self._next_url(survey, state, page))
        return self._render_page(request, survey, state, page, shown, state.answers, {},
                                 back_to_check=request.query_params.get("return") == "check")

    def _switch_variant(self, request: Request, survey: Survey, state: PupilState, number: int,
                        variant: str) -> Redirect:
        old = self._page(survey, state.variant, number)
        state.variant = variant
        state.answers = for_variant(survey, state.answers, variant)
        save_state(request, state)
        new = page_with_question(survey, variant, old.questions[0].id)
        return _redirect(_page_url(state.code, new))

    @staticmethod
    def _page(survey: Survey, variant: str, number: int) -> Page:
        pages = build_pages(survey, variant)
        if not 1 <= number <= len(pages):
            raise NotFoundException("There is no such page in this survey.")
        return pages[number - 1]

    @staticmethod
    def _next_url(survey: Survey, state: PupilState, page: Page) -> str:
        later = [p for p in visible_pages(survey, state.variant, state.answers)
                 if p.number > page.number]
        return _page_url(state.code, later[0] if later else None)

    @staticmethod
    def _previous_url(survey: Survey, state: PupilState, page: Page) -> str:
        earlier = [p for p in visible_pages(survey, state.variant, state.answers)
                   if p.number < page.number]
        return _page_url(state.code, earlier[-1]) if earlier else f"/s/{state.code}"

    def _render_page(self, request: Request, survey: Survey, state: PupilState, page: Page,
                     shown: list, values: dict, errors: dict, back_to_check: bool) -> Template:
        lang = state.lang
        _ = translations(lang).gettext
        pages = visible_pages(survey, state.variant, {**state.answers, **values})
        numbers = [p.number for p in pages]
        position = numbers.index(page.number) + 1 if page.number in numbers else 1
        easy = state.variant == "easy_read"
        label = _("Question %(n)d of %(total)d") if easy else _("Page %(n)d of %(total)d")
        progress = label % {"n": position, "total": len(pages)}
        first_number = 1 + sum(
            len(visible_questions(survey, p, state.answers)) for p in pages[: position - 1]
        )
        views = question_views(survey, shown, values, state.variant, lang, errors, first_number)
        return Template(
            "pupil/question.html",
            context=_base(
                request, lang, _title(lang, progress, error=bool(errors)),
                code=state.code, section=_(page.section.label(state.variant)),
                section_intro=_(page.section.intro) if page.section.intro else "",
                progress=progress, position=position, total=len(pages),
                questions=views, errors=[(v.id, v.error) for v in views if v.error],
                action=f"/s/{state.code}/p/{page.number}", back_to_check=back_to_check,
                variant=state.variant, one_question=len(views) == 1,
                has_free_text=any(v.type == "free_text" for v in views),
            ),
        )

    @post("/s/{code:str}/p/{number:int}")
    async def save_page(
        self, request: Request, code: FromPath[str], number: FromPath[int]
    ) -> Template | Redirect:
        """Keep this page's answers (skipped questions stay unanswered) and move on or back."""
        _info, survey, state = await _in_survey(request, code)
        page = self._page(survey, state.variant, number)
        form = await request.form()
        values = read_page(survey, page, form.multi_items(), state.variant, state.answers)
        go = form.get("go", "next")
        back_to_check = form.get("_return") == "check"
        problems = check_page(survey, page, values, state.variant, state.answers)
        if problems:
            shown = visible_questions(survey, page, prune(survey, state.answers))
            return self._render_page(request, survey, state, page, shown, values,
                                     error_views(problems, state.lang), back_to_check)
        merged = {k: v for k, v in state.answers.items()
                  if k not in {q.id for q in page.questions}}
        merged.update(values)
        state.answers = prune(survey, merged)
        save_state(request, state)
        if go == "back":
            return _redirect(self._previous_url(survey, state, page))
        if back_to_check:
            return _redirect(f"/s/{state.code}/check")
        return _redirect(self._next_url(survey, state, page))

    @get("/s/{code:str}/check")
    async def check(self, request: Request, code: FromPath[str]) -> Template:
        _info, survey, state = await _in_survey(request, code)
        lang = _choose_lang(request, state)
        if lang != state.lang:
            state.lang = lang
            save_state(request, state)
        _ = translations(lang).gettext
        pages = visible_pages(survey, state.variant, state.answers)
        return Template(
            "pupil/check.html",
            context=_base(
                request, lang, _title(lang, _("Check your answers")), code=state.code,
                groups=summary_rows(survey, pages, state.answers, state.variant, lang,
                                    state.code),
                back_url=_page_url(state.code, pages[-1]) if pages else f"/s/{state.code}",
            ),
        )

    @post("/s/{code:str}/submit")
    async def submit(self, request: Request, code: FromPath[str]) -> Template | Redirect:
        """Send the answers once: the session's submission id makes a retry store nothing new."""
        info = await _code(request, code)
        state = load_state(request)
        if state is not None and state.code == info.code and state.submitted:
            return _redirect(f"/s/{info.code}/thanks")
        info, survey, state = await _in_survey(request, code, info)
        await check_submission(request, info.id)
        answers = prune(survey, state.answers)
        result = await request.app.state.submissions.submit_online(
            access_code=info.code,
            language=state.lang,
            variant=state.variant,
            client_submission_id=state.client_submission_id,
            answers=answers,
            code=info,
        )
        if result.refused is not None:
            raise Refused(result.refused)
        if result.problems or result.outcome not in (Outcome.STORED, Outcome.DUPLICATE):
            raise TamperedForm("the answers could not be checked")
        # Nothing the pupil answered is kept; only which help to show them next.
        save_state(request, PupilState(
            code=info.code, lang=state.lang, variant=state.variant,
            client_submission_id=state.client_submission_id, submitted=True,
            support=support_for(answers), shared_device=result.shared_device,
        ))
        return _redirect(f"/s/{info.code}/thanks")

    @get("/s/{code:str}/thanks")
    async def thanks(self, request: Request, code: FromPath[str]) -> Template | Redirect:
        state = load_state(request)
        if state is None or state.code != normalise(code) or not state.submitted:
            return _redirect(f"/s/{normalise(code)}")
        lang = _choose_lang(request, state)
        if state.shared_device:
            # The next pupil on this device starts fresh: nothing of this one is left.
            request.clear_session()
        elif lang != state.lang:
            state.lang = lang
            save_state(request, state)
        _ = translations(lang).gettext
        return Template(
            "pupil/thanks.html",
            context=_base(
                request, lang, _title(lang, _("Thank you")), code=state.code,
                support=[(kind, SUPPORT[kind]) for kind in state.support if kind in SUPPORT],
                shared_device=state.shared_device,
            ),
        )

    @post("/s/{code:str}/display")
    async def display(self, request: Request, code: FromPath[str]) -> Redirect:
        """Switch display options on or off, for this session only, and go back to the page."""
        info = await _code(request, code)
        form = await request.form()
        state = load_state(request)
        if state is None or state.code != info.code:
            state = PupilState(code=info.code, lang=_choose_lang(request, state),
                               shared_device=info.shared_device)
        state.display = [d for d in DISPLAY_OPTIONS if form.get(f"display_{d}") == "on"]
        save_state(request, state)
        back = form.get("next") or ""
        prefix = f"/s/{info.code}"
        if not (back == prefix or back.startswith(prefix + "/") or back.startswith(prefix + "?")):
            back = prefix
        return _redirect(back)

    @route("/exit", http_method=["GET", "POST"])
    async def exit(self, request: Request) -> Redirect:
        """Exit this page: forget the session (answers and all) and go to a neutral site."""
        request.clear_session()
        settings: Settings = request.app.state.settings
        return Redirect(settings.exit_url, status_code=HTTP_303_SEE_OTHER)

    @get("/s/{code:str}/{rest:path}")
    async def no_such_page(self, code: FromPath[str], rest: FromPath[str]) -> None:
        raise NotFoundException("There is no such page in this survey.")


def _error_lang(request: Request) -> str:
    lang = getattr(request.state, "lang", None)
    if lang in LANGUAGES:
        return lang
    try:
        state = load_state(request)
    except Exception:  # the session may not be loaded when the error came early
        state = None
    return _choose_lang(request, state)


def _error_page(request: Request, status: int, heading: str, message: str,
                start_url: str = "/") -> Response:
    lang = _error_lang(request)
    _ = translations(lang).gettext
    return Template(
        "pupil/problem.html",
        context=_base(request, lang, _title(lang, _(heading)), heading=_(heading),
                      message=_(message), start_url=start_url),
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


def _start_url(request: Request) -> str:
    code = request.path_params.get("code") if request.scope.get("path_params") else None
    return f"/s/{normalise(code)}" if isinstance(code, str) and normalise(code) else "/"


def _on_goto(_: Request, exc: GoTo) -> Response:
    return _redirect(exc.url)


def _on_refused(request: Request, exc: Refused) -> Response:
    reason = exc.refused.reason
    if reason == "unknown":
        return _error_page(
            request, 404, N_("We could not find that code"),
            N_("Check the code with your teacher and try again."), "/",
        )
    messages = {
        "closed": N_("This survey has closed. Thank you for wanting to take part."),
        "not_open": N_("This survey has not opened yet. Ask your teacher when you can take part."),
        "used_up": N_("This code has been used as many times as allowed. Ask your teacher for "
                      "a new one."),
    }
    return _error_page(request, 403, N_("You cannot use this code now"),
                       messages.get(reason, N_("Ask your teacher for a new code.")), "/")


def _on_rate_limited(request: Request, exc: RateLimited) -> Response:
    lang = _error_lang(request)
    t = translations(lang)
    page = _error_page(request, 429, "Please wait a little",
                       exc.refusal.describe(t.gettext, t.ngettext), _start_url(request))
    page.headers.update(exc.refusal.headers)
    return page


def _on_tampered(request: Request, exc: TamperedForm) -> Response:
    log.info("pupil form refused: %s", type(exc).__name__)
    return _error_page(
        request, 400, N_("Something went wrong with that page"),
        N_("The page sent something we did not expect, so nothing was changed. Go back to the "
           "start and try again."), _start_url(request),
    )


def _on_http(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 403:
        # The CSRF check: an old tab, a page kept open a long time, or cookies blocked.
        return _error_page(
            request, 403, N_("This page could not be sent"),
            N_("This can happen if the page was open in another tab, or cookies are switched "
               "off. Nothing was changed. Go back to the start and try again."),
            _start_url(request),
        )
    if exc.status_code == 404:
        return _error_page(request, 404, N_("Page not found"),
                           N_("There is no such page. Check the address, or go back to the "
                              "start."),
                           _start_url(request))
    if exc.status_code == 405:
        return _error_page(request, 405, N_("Page not found"),
                           N_("That page cannot be opened like that. Go back to the start."),
                           _start_url(request))
    return _error_page(request, exc.status_code if 400 <= exc.status_code < 500 else 400,
                       N_("Something went wrong with that page"),
                       N_("Nothing was changed. Go back to the start and try again."),
                       _start_url(request))


def _on_error(request: Request, exc: Exception) -> Response:
    """Never a stack trace or a pupil's words: the log names the exception type and place."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "unknown"
    log.error("unhandled %s at %s", type(exc).__name__, where)
    return _error_page(request, 500, N_("Sorry, there is a problem with the service"),
                       N_("Nothing was changed. Please try again later."), _start_url(request))


def pupil_router(settings: Settings) -> Router:
    """The pupil pages, with their own session cookie and HTML error pages."""
    return Router(
        path="/",
        route_handlers=[PupilController],
        middleware=[session_config(settings).middleware],
        include_in_schema=False,
        exception_handlers={
            GoTo: _on_goto,
            Refused: _on_refused,
            RateLimited: _on_rate_limited,
            TamperedForm: _on_tampered,
            ValidationException: _on_http,
            HTTPException: _on_http,
            Exception: _on_error,
        },
    )
