"""Free-text review for reviewers: pages to work through answers, and the JSON API beside them.

Pages carry the reviewer's filters from the list to each answer and back (in the address), so
"next answer" follows the same filters. A hand redaction answers with a redirect to the
rewritten answer; the words removed are never echoed into a page, even when refused.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, get, post, put
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template

from analysis.themes import MODEL_PREFIX
from backend.i18n import LANGUAGES, translations
from backend.review import actions, answers
from backend.review.audit import events_for_answer
from backend.review.codebook import current_codebook
from backend.review.labels import (
    KIND_NAMES,
    SENTIMENT_NAMES,
    STATUS_NAMES,
    describe_event,
    theme_labels,
)
from backend.review.manual import REDACTION_KINDS
from backend.review.schemas import (
    AnswerOut,
    AnswerPageOut,
    EventOut,
    QuoteIn,
    RedactionIn,
    RedactionOut,
    SentimentOut,
    SuggestedThemeOut,
    ThemeOut,
    ThemesIn,
    TranslationIn,
)
from backend.staff.auth_views import problems_response
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
    staff_principal,
)
from backend.staff.pages import form_values, page
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.staff.schemas import ProblemsOut

__all__ = ["REVIEWER", "ReviewApi", "ReviewPages", "event_out", "present_events"]

REVIEWER = "reviewer"
_PROBLEMS = {400: ResponseSpec(ProblemsOut, description="Problems listed; nothing was changed")}
REVIEW_NOTICES = {
    "themes_saved": N_("The themes have been saved."),
    "translation_saved": N_("The translation has been redacted, scored and saved."),
    "redacted": N_("The words have been removed from the answer and its translation."),
    "quote_approved": N_("The answer is approved as a quote."),
    "quote_withdrawn": N_("The answer is no longer approved as a quote."),
    "quote_unchanged": N_("Nothing changed: the quote was already in that state."),
}
"""Confirmations chosen by key, as the other staff pages do."""


def _translations(request: Request):
    return translations(getattr(request.state, "lang", "en"))


def _notice(request: Request) -> str:
    key = request.query_params.get("notice", "")
    return _translations(request).gettext(REVIEW_NOTICES[key]) if key in REVIEW_NOTICES else ""


def present_events(events: list[dict], request: Request) -> list[dict]:
    """Audit rows with a sentence each, in the page's language."""
    t = _translations(request)
    return [{**e, "text": describe_event(e, t)} for e in events]


def event_out(e: dict) -> EventOut:
    return EventOut(action=e["action"], staff=e["staff_email"], at=e["at"], detail=e["detail"])


def _present(answer: dict, gettext, labels: dict[str, str], questions: dict[str, str]) -> dict:
    """An answer with the words the page shows beside its codes."""
    lang = LANGUAGES.get(answer["language"])
    sentiment = answer["sentiment"]
    question = questions.get(answer["question_id"])
    sentiment_name = SENTIMENT_NAMES.get(sentiment["label"]) if sentiment else None
    status_name = STATUS_NAMES.get(answer["sentiment_status"])
    return {
        **answer,
        "question_label": gettext(question) if question else answer["question_id"],
        "language_name": lang.native_name if lang else answer["language"],
        "direction": lang.direction if lang else "ltr",
        "suggested_labelled": [{**s, "label": labels.get(s["theme"], s["theme"])}
                               for s in answer["suggested"]],
        "model_words": any(t.startswith(MODEL_PREFIX) for s in answer["suggested"]
                           for t in s["terms"]),
        "overruled_labelled": [{**s, "label": labels.get(s["theme"], s["theme"])}
                               for s in answer["overruled"]],
        "theme_labels": [labels.get(t, t) for t in answer["themes"]],
        "sentiment_name": gettext(sentiment_name) if sentiment_name else "",
        "status_name": gettext(status_name) if status_name else answer["sentiment_status"],
    }


async def _edition_and_filters(request: Request, year: int | None):
    edition = await answers.resolve_edition(year)
    if edition is None:
        if year is not None:
            raise NotFoundException()
        return None, answers.ReviewFilters(), []
    filters, problems = answers.parse_filters(
        request.query_params, [q for q, _ in edition.questions], list(LANGUAGES))
    return edition, filters, problems


def _page_number(request: Request) -> int:
    try:
        return max(int(request.query_params.get("page", "1")), 1)
    except ValueError:
        return 1


def _query(year: int, filters: answers.ReviewFilters, **extra: Any) -> str:
    return urlencode({"year": year, **filters.query(), **extra})


class ReviewPages(StaffPages):
    path = "/staff/review"
    guards = [requires(REVIEWER)]

    @get("/")
    async def answers_page(self, request: Request, year: FromQuery[int | None] = None
                           ) -> Template:
        """A page of redacted answers with their themes, matched terms, sentiment and status."""
        edition, filters, problems = await _edition_and_filters(request, year)
        gettext = _translations(request).gettext
        context: dict[str, Any] = {"years": await answers.edition_years(), "edition": edition,
                                   "filters": filters, "notice": _notice(request)}
        if edition is not None:
            number = _page_number(request)
            found = await answers.list_answers(edition.id, edition.year, filters, number)
            labels = theme_labels(gettext)
            questions = dict(edition.questions)
            context.update(
                answers=[_present(a, gettext, labels, questions) for a in found.answers],
                page_number=number, has_next=found.has_next,
                query=_query(edition.year, filters),
                list_query=_query(edition.year, filters, page=number),
                question_options=[(q, gettext(text)) for q, text in edition.questions],
                theme_options=list(labels.items()),
                language_options=[(c, lang.native_name) for c, lang in LANGUAGES.items()],
                sentiment_options=[(s, gettext(n)) for s, n in SENTIMENT_NAMES.items()],
            )
        return page(request, "review_list.html", problems=problems, **context)

    async def _answer_page(self, request: Request, text_id: int,
                           problems: list[FieldProblem] | None = None,
                           values: dict[str, str] | None = None) -> Template:
        answer = await answers.get_answer(text_id)
        if answer is None:
            raise NotFoundException()
        edition = await answers.resolve_edition(answer["year"])
        assert edition is not None
        filters, _ignored = answers.parse_filters(
            request.query_params, [q for q, _ in edition.questions], list(LANGUAGES))
        gettext = _translations(request).gettext
        labels = theme_labels(gettext)
        next_id = await answers.next_answer_id(edition.id, filters, text_id)
        return page(
            request, "review_answer.html", problems=problems, values=values or {},
            answer=_present(answer, gettext, labels, dict(edition.questions)),
            theme_options=list(labels.items()),
            kind_options=[(k, gettext(KIND_NAMES[k])) for k in REDACTION_KINDS],
            events=present_events(await events_for_answer(text_id), request),
            query=_query(edition.year, filters), next_id=next_id,
            notice=_notice(request),
        )

    @get("/{text_id:int}")
    async def answer_page(self, request: Request, text_id: FromPath[int]) -> Template:
        """One answer: every action on it and its audit trail (who changed what, when)."""
        return await self._answer_page(request, text_id)

    def _done(self, request: Request, text_id: int, notice: str) -> Redirect:
        query = {k: v for k, v in request.query_params.items() if k not in {"notice", "page"}}
        query["notice"] = notice
        return Redirect(f"/staff/review/{text_id}?{urlencode(query)}", status_code=303)

    @post("/{text_id:int}/themes")
    async def themes(self, request: Request, text_id: FromPath[int],
                     staff: Staff) -> Template | Redirect:
        form = await request.form()
        action = form.get("action", "")
        back = form.get("back", "")
        try:
            if action == "accept":
                await actions.set_themes(text_id, staff.id, accept=True)
            elif action == "recode":
                await actions.set_themes(text_id, staff.id, [str(t) for t in
                                                             form.getall("themes", [])])
            else:
                raise InputProblems([FieldProblem("themes", N_(
                    "Choose to accept the suggested themes or to save your own."))])
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return await self._answer_page(request, text_id, exc.problems)
        if back == "list":
            query = {k: v for k, v in request.query_params.items() if k != "notice"}
            query["notice"] = "themes_saved"
            return Redirect(f"/staff/review?{urlencode(query)}#answer-{text_id}",
                            status_code=303)
        return self._done(request, text_id, "themes_saved")

    @post("/{text_id:int}/translation")
    async def translation(self, request: Request, text_id: FromPath[int],
                          staff: Staff) -> Template | Redirect:
        values = await form_values(request)
        try:
            await actions.set_translation(text_id, staff.id, values.get("translation", ""))
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return await self._answer_page(request, text_id, exc.problems,
                                           {"translation": values.get("translation", "")})
        return self._done(request, text_id, "translation_saved")

    @post("/{text_id:int}/redaction")
    async def redaction(self, request: Request, text_id: FromPath[int],
                        staff: Staff) -> Template | Redirect:
        form = await request.form()
        kind = str(form.get("kind", ""))
        try:
            await actions.redact_by_hand(text_id, staff.id, str(form.get("phrases", "")), kind)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            # The phrases are not put back in the form: they are what must not be kept.
            return await self._answer_page(request, text_id, exc.problems, {"kind": kind})
        return self._done(request, text_id, "redacted")

    @post("/{text_id:int}/quote")
    async def quote(self, request: Request, text_id: FromPath[int],
                    staff: Staff) -> Template | Redirect:
        decision = (await form_values(request)).get("decision", "")
        try:
            if decision not in {"approve", "withdraw"}:
                raise InputProblems([FieldProblem("quote", N_(
                    "Choose to approve the quote or to withdraw it."))])
            changed = await actions.set_quote(text_id, staff.id, decision == "approve")
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return await self._answer_page(request, text_id, exc.problems)
        if not changed:
            return self._done(request, text_id, "quote_unchanged")
        notice = "quote_approved" if decision == "approve" else "quote_withdrawn"
        return self._done(request, text_id, notice)


def _answer_out(a: dict, events: list[dict] | None = None) -> AnswerOut:
    sentiment = a["sentiment"]
    return AnswerOut(
        id=a["id"], year=a["year"], question_id=a["question_id"], language=a["language"],
        text=a["text"], pii_types=a["pii_types"], analysed=a["analysed"],
        suggested_themes=[SuggestedThemeOut(s["theme"], s["terms"]) for s in a["suggested"]],
        reviewed=a["reviewed"], themes=a["themes"], sentiment_status=a["sentiment_status"],
        sentiment=SentimentOut(sentiment["label"], sentiment["polarity"]) if sentiment else None,
        concern=a["concern"], translation=a["translation"], quote_approved=a["quote_approved"],
        events=[event_out(e) for e in events] if events is not None else None,
    )


async def _answer_or_404(text_id: int, with_events: bool = True) -> AnswerOut:
    found = await answers.get_answer(text_id)
    if found is None:
        raise NotFoundException()
    return _answer_out(found, await events_for_answer(text_id) if with_events else None)


class ReviewApi(Controller):
    """The same review as the pages, for tools. Send the ``csrftoken`` cookie as X-CSRFToken."""

    path = "/api/v1/staff/review"
    guards = [requires(REVIEWER)]
    tags = ["staff: review"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/themes")
    async def themes_list(self) -> list[ThemeOut]:
        """The codebook's themes: the ids answers and interview notes may be coded with."""
        return [ThemeOut(tid, theme.label, theme.description)
                for tid, theme in current_codebook().themes.items()]

    @get("/answers", responses=_PROBLEMS)
    async def answers_list(self, request: Request, year: FromQuery[int | None] = None
                           ) -> AnswerPageOut:
        """A page of redacted answers. Filters: question, theme, language, sentiment,
        needs_translation, not_reviewed, approved; ``page`` from 1. No totals are given."""
        edition, filters, problems = await _edition_and_filters(request, year)
        if problems:
            return problems_response(InputProblems(problems))  # type: ignore[return-value]
        if edition is None:
            raise NotFoundException("There is no edition yet.")
        number = _page_number(request)
        found = await answers.list_answers(edition.id, edition.year, filters, number)
        return AnswerPageOut(year=found.year, page=found.page, per_page=answers.PER_PAGE,
                             has_next=found.has_next,
                             answers=[_answer_out(a) for a in found.answers])

    @get("/answers/{text_id:int}")
    async def answer(self, text_id: FromPath[int]) -> AnswerOut:
        """One answer with its audit trail."""
        return await _answer_or_404(text_id)

    @put("/answers/{text_id:int}/themes", responses=_PROBLEMS)
    async def set_themes(self, text_id: FromPath[int], data: JSONBody[ThemesIn],
                         staff: Staff) -> AnswerOut:
        """Accept the suggested themes (``accept``) or recode with codebook theme ids."""
        try:
            await actions.set_themes(text_id, staff.id, data.themes, accept=data.accept)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return await _answer_or_404(text_id)

    @put("/answers/{text_id:int}/translation", responses=_PROBLEMS)
    async def set_translation(self, text_id: FromPath[int], data: JSONBody[TranslationIn],
                              staff: Staff) -> AnswerOut:
        """Add or replace the English translation: redacted on entry, then scored."""
        try:
            await actions.set_translation(text_id, staff.id, data.translation)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return await _answer_or_404(text_id)

    @post("/answers/{text_id:int}/redaction", status_code=200, responses=_PROBLEMS)
    async def redact(self, text_id: FromPath[int], data: JSONBody[RedactionIn],
                     staff: Staff) -> RedactionOut:
        """Remove words the redactor missed; the stored text is rewritten and nothing removed
        is kept. Every phrase must occur in the answer or its translation."""
        try:
            places = await actions.redact_by_hand(text_id, staff.id, data.phrases, data.kind)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return RedactionOut(places=places, answer=await _answer_or_404(text_id))

    @put("/answers/{text_id:int}/quote", responses=_PROBLEMS)
    async def set_quote(self, text_id: FromPath[int], data: JSONBody[QuoteIn],
                        staff: Staff) -> AnswerOut:
        """Approve or withdraw the answer as a quote. Refused for concern-flagged answers."""
        try:
            await actions.set_quote(text_id, staff.id, data.approved)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return await _answer_or_404(text_id)
