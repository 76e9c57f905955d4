"""The SEND lead's paper survey: a printable PDF of the current edition for their school."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from analysis.documents.paper import PaperQuestion, PaperSurvey, build_paper_survey
from backend.editions import EditionNotOpen, current_edition
from backend.i18n import LANGUAGES, translations
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
)
from backend.staff.pages import page
from backend.staff.problems import N_, FieldProblem
from backend.surveys import Survey
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

__all__ = ["SYMBOLS_DIR", "PaperPages", "entry_questions", "paper_survey"]

SYMBOLS_DIR = Path(__file__).resolve().parent.parent / "static" / "symbols"
VARIANTS = ("standard", "easy_read")
PDF_CACHE_SIZE = 24


def paper_survey(survey: Survey, lang: str, variant: str, school_name: str = "") -> PaperSurvey:
    """The survey's questions translated into ``lang`` as plain data for the PDF builder."""
    _ = translations(lang).gettext
    d = survey.definition
    easy = variant == "easy_read"
    numbers = {q.id: i for i, q in enumerate(d.questions, 1)}
    sections = []
    for section in d.sections:
        printed = []
        for q in d.questions:
            if q.section != section.id:
                continue
            options = d.options_for(q)
            labels = [_(o.label(variant)) for o in options]
            if q.type != "free_text":
                if easy:
                    labels.append(_("I don't understand"))
                if q.prefer_not_say:
                    labels.append(_("I'd rather not say"))
            follow_up = ""
            if q.show_if is not None:
                asked = d.questions[numbers[q.show_if.question] - 1]
                by_value = {o.value: _(o.label(variant)) for o in d.options_for(asked)}
                answers = " / ".join(by_value.get(v, v) for v in q.show_if.any_of)
                follow_up = _(
                    "If you answered %(answers)s to question %(number)s, answer this."
                ) % {"answers": answers, "number": numbers[asked.id]}
            symbol = SYMBOLS_DIR / f"{q.symbol}.svg" if easy and q.symbol else None
            help_text = q.help_text(variant)
            printed.append(PaperQuestion(
                number=numbers[q.id],
                text=_(q.wording(variant)),
                options=labels,
                multiple=q.type in ("multiple_choice", "theme_vote"),
                free_text=q.type == "free_text",
                help=_(help_text) if help_text else "",
                follow_up=follow_up,
                symbol=symbol,
            ))
        if printed:
            sections.append((_(section.label(variant)), printed))
    intro = [
        _("Tick a box for each answer. You can skip any question."),
        _("Do not write your name anywhere on this paper."),
        _("When you have finished, fold the paper and give it to your teacher."),
    ]
    return PaperSurvey(
        lang=lang,
        title=_(d.edition.title),
        intro=intro,
        sections=sections,
        tick_one=_("Tick one box."),
        tick_any=_("Tick all that apply."),
        footer=school_name,
        easy_read=easy,
    )


class PaperPages(StaffPages):
    path = "/staff/send"
    guards = [requires("send_lead")]

    @get("/paper")
    async def paper(
        self, request: Request, staff: Staff, lang: FromQuery[str] = "en",
        variant: FromQuery[str] = "standard",
    ) -> Response[bytes]:
        """The current edition on paper, in one language and version, to print for pupils."""
        if lang not in LANGUAGES or variant not in VARIANTS:
            raise NotFoundException()
        try:
            _, survey = await current_edition()
        except EditionNotOpen:
            raise NotFoundException() from None
        # The same inputs give the same bytes (fixed creation date); an Urdu survey takes ~2 s
        # to shape, so keep the last few built.
        cache: dict = request.app.state.setdefault("paper_pdf_cache", {})
        key = (hash(survey.source), lang, variant, staff.school_code)
        pdf = cache.get(key)
        if pdf is None:
            data = paper_survey(survey, lang, variant, staff.school_code or "")
            pdf = await asyncio.to_thread(build_paper_survey, data)
            if len(cache) >= PDF_CACHE_SIZE:
                cache.pop(next(iter(cache)))
            cache[key] = pdf
        name = f"feelsafe-{survey.year}-{variant}-{lang}.pdf"
        return Response(pdf, media_type="application/pdf",
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    @get("/entry")
    async def entry_form(self, request: Request, staff: Staff,
                         variant: FromQuery[str] = "standard") -> Template:
        """One page to type in one paper response for the lead's own school."""
        if variant not in VARIANTS:
            raise NotFoundException()
        try:
            _edition_id, survey = await current_edition()
        except EditionNotOpen:
            raise NotFoundException() from None
        return _entry_page(request, staff, survey, variant)

    @post("/entry")
    async def entry_save(self, request: Request, staff: Staff) -> Template | Redirect:
        """Validated exactly as online answers are; nothing is stored unless all are valid."""
        if staff.school_id is None:
            raise PermissionDeniedException()
        form = await request.form()
        fields: dict[str, list[str]] = {}
        for key, value in form.multi_items():
            if key != "_csrf_token" and isinstance(value, str):
                fields.setdefault(key, []).append(value)
        school = fields.pop("school", [staff.school_code or ""])
        if school != [staff.school_code] and school != [str(staff.school_id)]:
            raise PermissionDeniedException()
        variant = (fields.pop("variant", ["standard"]) or ["standard"])[0]
        language = (fields.pop("language", ["en"]) or ["en"])[0]
        submission_id = (fields.pop("client_submission_id", [""]) or [""])[0]
        try:
            edition_id, survey = await current_edition()
        except EditionNotOpen:
            raise NotFoundException() from None
        if variant not in VARIANTS:
            variant = "standard"
        answers = _answers(survey, fields)
        result = await request.app.state.submissions.submit_paper(
            edition_id=edition_id, school_id=staff.school_id, language=language,
            variant=variant, client_submission_id=submission_id, answers=answers,
        )
        if result.problems:
            numbers = {q.id: i for i, q in enumerate(survey.definition.questions, 1)}
            problems = []
            for p in result.problems:
                qid = p.field.removeprefix("answers.")
                if qid in numbers:
                    problems.append(FieldProblem(
                        qid, N_("Check the answer to question %(number)s."),
                        {"number": numbers[qid]}))
                else:
                    problems.append(FieldProblem(
                        "language", N_("Choose the language the pupil answered in.")))
            return _entry_page(request, staff, survey, variant, answers=fields,
                               language=language, submission_id=submission_id,
                               problems=problems)
        return Redirect(f"/staff/send/entry?variant={variant}&notice=paper_saved",
                        status_code=303)


def _answers(survey: Survey, fields: dict[str, list[str]]) -> dict[str, Any]:
    """The form's fields as the answers object the API takes (lists for multiple choice)."""
    answers: dict[str, Any] = {}
    for qid, values in fields.items():
        question = survey.questions.get(qid)
        values = [v for v in values if v != ""]
        if not values:
            continue
        if question is not None and question.type in ("multiple_choice", "theme_vote"):
            answers[qid] = values
        else:
            answers[qid] = values[0] if len(values) == 1 else values
    return answers


def entry_questions(survey: Survey, lang: str, variant: str) -> list[dict[str, Any]]:
    """Each question with its number, wording and (value, label) choices, for the entry form."""
    _ = translations(lang).gettext
    d = survey.definition
    numbers = {q.id: i for i, q in enumerate(d.questions, 1)}
    rows = []
    for q in d.questions:
        choices = [(o.value, _(o.label(variant))) for o in d.options_for(q)]
        if q.type != "free_text":
            if variant == "easy_read":
                choices.append((DONT_UNDERSTAND, _("I don't understand")))
            if q.prefer_not_say:
                choices.append((PREFER_NOT_SAY, _("I'd rather not say")))
        follow_up = ""
        if q.show_if is not None:
            follow_up = _("Only if question %(number)s was answered as the paper says.") % {
                "number": numbers[q.show_if.question]}
        rows.append({
            "id": q.id, "number": numbers[q.id], "text": _(q.wording(variant)),
            "kind": ("text" if q.type == "free_text" else
                     "checkbox" if q.type in ("multiple_choice", "theme_vote") else "radio"),
            "choices": choices, "follow_up": follow_up,
        })
    return rows


def _entry_page(request: Request, staff: Any, survey: Survey, variant: str, *,
                answers: dict[str, list[str]] | None = None, language: str = "en",
                submission_id: str = "", problems: list[FieldProblem] | None = None) -> Template:
    lang = getattr(request.state, "lang", "en")
    return page(
        request, "paper_entry.html", problems=problems,
        questions=entry_questions(survey, lang, variant),
        answers=answers or {}, variant=variant, language=language,
        languages=[(code, info.native_name) for code, info in LANGUAGES.items()],
        school_code=staff.school_code,
        submission_id=submission_id or str(uuid.uuid4()),
    )
