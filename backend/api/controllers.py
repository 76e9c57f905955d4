"""Pupil-facing JSON API: the current survey and idempotent submission."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import msgspec
from litestar import Controller, MediaType, Request, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import FromQuery, JSONBody

from backend.api.schemas import (
    ConditionOut,
    OptionOut,
    Problem,
    ProblemsOut,
    QuestionOut,
    ReceiptOut,
    RefusalOut,
    SectionOut,
    SubmissionIn,
    SurveyOut,
)
from backend.editions import (
    AccessCodeInfo,
    CodeRefused,
    EditionNotOpen,
    current_edition,
    lookup_code,
)
from backend.i18n import LANGUAGES, N_, translations
from backend.ratelimit.web import (
    RateLimited,
    check_code_entry,
    check_submission,
    code_entry_failed,
)
from backend.refreshing_cache import RefreshingCache
from backend.submissions.prepared import Outcome
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

if TYPE_CHECKING:
    from litestar.datastructures import State

    from backend.ratelimit import Refusal

__all__ = ["HealthController", "ResponsesController", "SurveysController"]

SURVEY_CACHE_SECONDS = 5.0

Lang = Literal["en", "ta", "ur", "pl", "pt", "ar"]
Variant = Literal["standard", "easy_read"]


class HealthController(Controller):
    path = "/healthz"
    include_in_schema = True
    tags = ["operations"]

    @get("/", sync_to_thread=False)
    def health(self) -> dict[str, str]:
        """Liveness only: touches nothing else."""
        return {"status": "ok"}


class SurveysController(Controller):
    path = "/api/v1/surveys"
    tags = ["pupil survey"]

    @get(
        "/current",
        responses={404: ResponseSpec(RefusalOut, description="No survey is open")},
    )
    async def current(
        self, state: State, lang: FromQuery[Lang] = "en", variant: FromQuery[Variant] = "standard"
    ) -> SurveyOut:
        """The current edition's questions in one language and version."""
        # Every pupil of a year group asks for the same few answers at the start of a lesson:
        # keep each encoded one for a few seconds (opening an edition shows within that time),
        # reloaded in the background so no pupil waits for the database.
        cache = state.get("survey_cache")
        if cache is None:
            cache = state["survey_cache"] = RefreshingCache(_encoded_survey, SURVEY_CACHE_SECONDS)
        try:
            body = await cache.get((lang, variant))
        except EditionNotOpen as exc:
            return Response(  # type: ignore[return-value]
                RefusalOut(status_code=404, reason="no_edition", detail=str(exc)),
                status_code=404,
            )
        return Response(body, media_type=MediaType.JSON)  # type: ignore[return-value]


async def _encoded_survey(key: tuple[str, str]) -> bytes:
    """The open edition in one language and version, as the API's JSON."""
    lang, variant = key
    _, survey = await current_edition()
    _ = translations(lang).gettext
    d = survey.definition

    def option(value: str, text: str, symbol: str = "") -> OptionOut:
        return OptionOut(value=value, text=_(text), symbol=symbol)

    questions = []
    for q in d.questions:
        questions.append(
            QuestionOut(
                id=q.id,
                section=q.section,
                type=q.type,
                text=_(q.wording(variant)),
                help=_(q.help_text(variant)) if q.help_text(variant) else "",
                themes=list(q.themes),
                options=[option(o.value, o.label(variant), o.symbol) for o in d.options_for(q)],
                skippable=True,
                prefer_not_say=option(PREFER_NOT_SAY, N_("I'd rather not say"))
                if q.prefer_not_say
                else None,
                dont_understand=option(DONT_UNDERSTAND, N_("I don't understand"))
                if variant == "easy_read" and q.type != "free_text"
                else None,
                show_if=ConditionOut(q.show_if.question, list(q.show_if.any_of))
                if q.show_if
                else None,
                max_choices=q.max_choices,
                max_length=q.max_length if q.type == "free_text" else None,
                symbol=q.symbol,
            )
        )
    return msgspec.json.encode(
        SurveyOut(
            year=d.edition.year,
            title=_(d.edition.title),
            language=lang,
            direction=LANGUAGES[lang].direction,  # type: ignore[arg-type]
            variant=variant,
            description=_(d.edition.description) if d.edition.description else "",
            sections=[
                SectionOut(s.id, _(s.label(variant)), _(s.intro) if s.intro else "")
                for s in d.sections
            ],
            questions=questions,
        )
    )


class ResponsesController(Controller):
    path = "/api/v1/responses"
    tags = ["pupil survey"]

    @post(
        "/",
        status_code=201,
        responses={
            200: ResponseSpec(ReceiptOut, description="Already stored: nothing new was written"),
            400: ResponseSpec(ProblemsOut, description="The submission has problems"),
            403: ResponseSpec(RefusalOut, description="The access code cannot be used"),
            413: ResponseSpec(RefusalOut, description="The request body is too large"),
            429: ResponseSpec(
                RefusalOut, description="Too many requests: wait for Retry-After seconds"
            ),
        },
    )
    async def submit(
        self, data: JSONBody[SubmissionIn], state: State, request: Request
    ) -> ReceiptOut:
        """Store one pupil's answers, once, whole or not at all."""
        refusal, code = await _admit(request, data.access_code)
        if refusal is not None:
            return too_many_requests(refusal)  # type: ignore[return-value]
        result = await state.submissions.submit_online(
            access_code=data.access_code,
            language=data.language,
            variant=data.variant,
            client_submission_id=data.client_submission_id,
            answers=data.answers,
            code=code,
        )
        if result.problems:
            return Response(  # type: ignore[return-value]
                ProblemsOut(
                    status_code=400,
                    detail="The submission has problems; nothing was stored.",
                    problems=[Problem(p.field, p.message) for p in result.problems],
                ),
                status_code=400,
            )
        if result.refused is not None:
            return Response(  # type: ignore[return-value]
                RefusalOut(
                    status_code=403, reason=result.refused.reason, detail=str(result.refused)
                ),
                status_code=403,
            )
        stored = result.outcome is Outcome.STORED
        _ = translations(data.language).gettext
        return Response(  # type: ignore[return-value]
            ReceiptOut(
                status="stored" if stored else "already_stored",
                client_submission_id=data.client_submission_id,
                message=_("Thank you. Your answers have been saved.")
                if stored
                else _("These answers were already saved. Nothing more was stored."),
            ),
            status_code=201 if stored else 200,
        )


async def _admit(
    request: Request, access_code: str
) -> tuple[Refusal | None, AccessCodeInfo | None]:
    """Rate limits before anything is validated or stored (see backend.ratelimit).

    Unknown codes count against the address (guessing); known codes count
    against the code's and the address's submission volume. The code found is
    handed on, so the submission path does not look it up again.
    """
    try:
        await check_code_entry(request)
        try:
            code = await lookup_code(access_code)
        except CodeRefused as refused:
            if refused.reason == "unknown":
                await code_entry_failed(request)
            return None, None  # the submission service explains the refusal
        await check_submission(request, code.id)
    except RateLimited as limited:
        return limited.refusal, None
    return None, code


def too_many_requests(refusal: Refusal) -> Response:
    return Response(
        RefusalOut(status_code=429, reason="rate_limited", detail=refusal.describe()),
        status_code=429,
        headers=refusal.headers,
    )
