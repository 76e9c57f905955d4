"""Pupil-facing JSON API: the current survey and idempotent submission."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from litestar import Controller, Response, get, post
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
from backend.editions import EditionNotOpen, current_edition
from backend.i18n import LANGUAGES, translations
from backend.submissions.prepared import Outcome
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

if TYPE_CHECKING:
    from litestar.datastructures import State

__all__ = ["HealthController", "ResponsesController", "SurveysController"]

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
        self, lang: FromQuery[Lang] = "en", variant: FromQuery[Variant] = "standard"
    ) -> SurveyOut:
        """The current edition's questions in one language and version."""
        try:
            _, survey = await current_edition()
        except EditionNotOpen as exc:
            return Response(  # type: ignore[return-value]
                RefusalOut(status_code=404, reason="no_edition", detail=str(exc)),
                status_code=404,
            )
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
                    prefer_not_say=option(PREFER_NOT_SAY, "I'd rather not say")
                    if q.prefer_not_say
                    else None,
                    dont_understand=option(DONT_UNDERSTAND, "I don't understand")
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
        return SurveyOut(
            year=d.edition.year,
            title=_(d.edition.title),
            language=lang,
            direction=LANGUAGES[lang].direction,  # type: ignore[arg-type]
            variant=variant,
            sections=[SectionOut(s.id, _(s.label(variant))) for s in d.sections],
            questions=questions,
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
        },
    )
    async def submit(self, data: JSONBody[SubmissionIn], state: State) -> ReceiptOut:
        """Store one pupil's answers, once, whole or not at all."""
        result = await state.submissions.submit_online(
            access_code=data.access_code,
            language=data.language,
            variant=data.variant,
            client_submission_id=data.client_submission_id,
            answers=data.answers,
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
        return Response(  # type: ignore[return-value]
            ReceiptOut(
                status="stored" if stored else "already_stored",
                client_submission_id=data.client_submission_id,
                message="Thank you. Your answers have been saved."
                if stored
                else "These answers were already saved. Nothing more was stored.",
            ),
            status_code=201 if stored else 200,
        )
