"""The SEND lead's paper survey: a printable PDF of the current edition for their school."""

from __future__ import annotations

import asyncio
from pathlib import Path

from litestar import Controller, Request, Response, get
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery

from analysis.documents.paper import PaperQuestion, PaperSurvey, build_paper_survey
from backend.editions import EditionNotOpen, current_edition
from backend.i18n import LANGUAGES, translations
from backend.staff.guards import (
    Staff,
    page_exception_handlers,
    requires,
    set_staff_language,
    staff_principal,
)
from backend.surveys import Survey

__all__ = ["SYMBOLS_DIR", "PaperPages", "paper_survey"]

SYMBOLS_DIR = Path(__file__).resolve().parent.parent / "static" / "symbols"
VARIANTS = ("standard", "easy_read")


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


class PaperPages(Controller):
    path = "/staff/send"
    include_in_schema = False
    guards = [requires("send_lead")]
    before_request = set_staff_language
    exception_handlers = page_exception_handlers()
    dependencies = {"staff": Provide(staff_principal)}

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
        data = paper_survey(survey, lang, variant, staff.school_code or "")
        pdf = await asyncio.to_thread(build_paper_survey, data)
        name = f"feelsafe-{survey.year}-{variant}-{lang}.pdf"
        return Response(pdf, media_type="application/pdf",
                        headers={"content-disposition": f'attachment; filename="{name}"'})
