"""Reading free-text answers for review: filters, pages of answers, one answer in full.

An answer's *themes* are the reviewer's once they have accepted or recoded them, else the
analysis's suggestion; beside it a reviewer sees the codebook matches the theme model set aside
(:func:`analysis.themes.overruled_themes`), recomputed from the stored answer. Its *sentiment*
is the analysis's score, or for answers the analysis could not score (``needs_translation``)
the score of the reviewer's English translation.

No count of answers is ever given: a page says only whether another page follows, so no number
of pupils reaches a reviewer except through the findings (``backend.findings``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.concern import Concern, pattern_reasons
from analysis.themes import overruled_themes
from backend.editions import survey_for
from backend.review.codebook import current_codebook
from backend.staff.problems import N_, FieldProblem
from backend.storage.tables import Edition, FreeText, TextAnalysis, TextReview

if TYPE_CHECKING:
    from collections.abc import Mapping

    from piccolo.query import Select

__all__ = [
    "PER_PAGE",
    "SENTIMENTS",
    "AnswerPage",
    "EditionRef",
    "ReviewFilters",
    "edition_years",
    "effective_sentiment",
    "effective_themes",
    "get_answer",
    "list_answers",
    "next_answer_id",
    "parse_filters",
    "resolve_edition",
]

PER_PAGE = 20
SENTIMENTS = ("negative", "neutral", "positive")
_SCAN = 500
"""Answers read at a time when the theme filter (checked in Python, themes are JSON) is on."""


@dataclass(frozen=True)
class ReviewFilters:
    question: str = ""
    theme: str = ""
    language: str = ""
    sentiment: str = ""
    needs_translation: bool = False
    not_reviewed: bool = False
    approved: bool = False

    def query(self) -> dict[str, str]:
        """The filters as query parameters (only those set), to carry them between pages."""
        out: dict[str, str] = {}
        for key in ("question", "theme", "language", "sentiment"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("needs_translation", "not_reviewed", "approved"):
            if getattr(self, key):
                out[key] = "1"
        return out


@dataclass(frozen=True)
class AnswerPage:
    year: int
    page: int
    answers: list[dict[str, Any]]
    has_next: bool


def parse_filters(params: Mapping[str, Any], question_ids: list[str],
                  languages: list[str]) -> tuple[ReviewFilters, list[FieldProblem]]:
    """Filters from query parameters; an unknown value is a problem, never silently ignored."""
    problems: list[FieldProblem] = []

    def choice(key: str, allowed, message: str) -> str:
        value = str(params.get(key) or "").strip()
        if value and value not in allowed:
            problems.append(FieldProblem(key, message))
            return ""
        return value

    def flag(key: str) -> bool:
        return str(params.get(key) or "").lower() in {"1", "true", "on", "yes"}

    filters = ReviewFilters(
        question=choice("question", question_ids, N_("Choose a question from the list.")),
        theme=choice("theme", current_codebook().theme_ids, N_("Choose a theme from the list.")),
        language=choice("language", languages, N_("Choose a language from the list.")),
        sentiment=choice("sentiment", SENTIMENTS, N_("Choose a sentiment from the list.")),
        needs_translation=flag("needs_translation"),
        not_reviewed=flag("not_reviewed"),
        approved=flag("approved"),
    )
    return filters, problems


async def edition_years() -> list[int]:
    """Every edition's year, newest first."""
    rows = await Edition.select(Edition.year).order_by(Edition.year, ascending=False)
    return [r["year"] for r in rows]


@dataclass(frozen=True)
class EditionRef:
    id: int
    year: int
    questions: list[tuple[str, str]]
    """The edition's free-text questions: (id, standard wording as a msgid)."""


async def resolve_edition(year: int | None) -> EditionRef | None:
    """The given year's edition, or the newest; None when there is none."""
    query = Edition.select(Edition.id, Edition.year, Edition.definition)
    if year is None:
        query = query.order_by(Edition.year, ascending=False)
    else:
        query = query.where(Edition.year == year)
    row = await query.first()
    if row is None:
        return None
    survey = survey_for(row["definition"])
    questions = [(q.id, q.wording("standard")) for q in survey.definition.questions
                 if q.type == "free_text"]
    return EditionRef(row["id"], row["year"], questions)


def _filtered(edition_id: int, filters: ReviewFilters) -> Select:
    """The answers the SQL-friendly filters allow, newest first (ids only)."""
    query = FreeText.select(FreeText.id).where(FreeText.response.edition == edition_id)
    if filters.question:
        query = query.where(FreeText.question_id == filters.question)
    if filters.language:
        query = query.where(FreeText.language == filters.language)
    if filters.sentiment:
        query = query.where(
            FreeText.id.is_in(TextAnalysis.select(TextAnalysis.free_text).where(
                TextAnalysis.sentiment_label == filters.sentiment))
            | FreeText.id.is_in(TextReview.select(TextReview.free_text).where(
                TextReview.translation_sentiment == filters.sentiment))
        )
    if filters.needs_translation:
        query = query.where(
            FreeText.id.is_in(TextAnalysis.select(TextAnalysis.free_text).where(
                TextAnalysis.sentiment_status == "needs_translation"))
        ).where(FreeText.id.not_in(TextReview.select(TextReview.free_text).where(
            TextReview.translation.is_not_null())))
    if filters.not_reviewed:
        query = query.where(FreeText.id.not_in(TextReview.select(TextReview.free_text).where(
            TextReview.themes.is_not_null())))
    if filters.approved:
        query = query.where(FreeText.id.is_in(TextReview.select(TextReview.free_text).where(
            TextReview.quote_approved == True)))  # noqa: E712 (Piccolo builds SQL from ==)
    return query.order_by(FreeText.id, ascending=False)


async def _themes_by_id(ids: list[int]) -> dict[int, list[str]]:
    """Each answer's effective theme ids (reviewer's, else suggested)."""
    suggested = {
        r["free_text"]: [t["theme"] for t in r["themes"] or []]
        for r in await TextAnalysis.select(TextAnalysis.free_text, TextAnalysis.themes)
        .where(TextAnalysis.free_text.is_in(ids)).output(load_json=True)
    } if ids else {}
    reviewed = {
        r["free_text"]: r["themes"]
        for r in await TextReview.select(TextReview.free_text, TextReview.themes)
        .where(TextReview.free_text.is_in(ids) & TextReview.themes.is_not_null())
        .output(load_json=True)
    } if ids else {}
    return {i: reviewed[i] if i in reviewed else suggested.get(i, []) for i in ids}


async def _matching_ids(edition_id: int, filters: ReviewFilters, *, below: int | None = None,
                        offset: int = 0, limit: int) -> list[int]:
    """Up to ``limit`` matching answer ids, newest first, older than ``below`` when given,
    skipping the first ``offset``."""

    def query() -> Select:  # Piccolo queries are builders: a fresh one for each read
        q = _filtered(edition_id, filters)
        return q if below is None else q.where(FreeText.id < below)

    if not filters.theme:
        return [r["id"] for r in await query().offset(offset).limit(limit)]
    found: list[int] = []
    while len(found) < offset + limit:
        chunk = [r["id"] for r in await query().limit(_SCAN)]
        if not chunk:
            break
        themes = await _themes_by_id(chunk)
        found += [i for i in chunk if filters.theme in themes[i]]
        below = chunk[-1]
    return found[offset:offset + limit]


async def list_answers(edition_id: int, year: int, filters: ReviewFilters, page: int = 1,
                       per_page: int = PER_PAGE) -> AnswerPage:
    """One page of answers, newest first: what came in last is read first."""
    page = max(page, 1)
    ids = await _matching_ids(edition_id, filters, offset=(page - 1) * per_page,
                              limit=per_page + 1)
    answers = await _answers(ids[:per_page])
    return AnswerPage(year=year, page=page, answers=answers, has_next=len(ids) > per_page)


async def next_answer_id(edition_id: int, filters: ReviewFilters, after: int) -> int | None:
    """The answer after ``after`` in the list the filters give, for "next answer"."""
    ids = await _matching_ids(edition_id, filters, below=after, limit=1)
    return ids[0] if ids else None


async def get_answer(free_text_id: int) -> dict[str, Any] | None:
    found = await _answers([free_text_id])
    return found[0] if found else None


def effective_themes(analysis: dict | None, review: dict | None) -> list[str]:
    if review is not None and review.get("themes") is not None:
        return list(review["themes"])
    return [t["theme"] for t in (analysis or {}).get("themes") or []]


def effective_sentiment(analysis: dict | None, review: dict | None
                        ) -> tuple[str, dict[str, Any] | None]:
    """(status, sentiment): status is ``not_analysed``, ``scored``, ``needs_translation`` or
    ``scored_from_translation``; sentiment is ``{"label", "polarity"}`` or None."""
    if analysis is None:
        return "not_analysed", None
    if analysis["sentiment_status"] != "needs_translation":
        if analysis["sentiment_label"] is None:
            return "scored", None
        return "scored", {"label": analysis["sentiment_label"], "polarity": analysis["polarity"]}
    if review is not None and review.get("translation_sentiment"):
        return "scored_from_translation", {"label": review["translation_sentiment"],
                                           "polarity": review["translation_polarity"]}
    return "needs_translation", None


def _overruled(row: dict, analysis: dict | None) -> list[dict[str, Any]]:
    """The codebook matches the theme model set aside when the answer was analysed, with their
    terms: the analysis stores only what it suggested, so they are recomputed from the stored
    (redacted) answer and concern, and only while the codebook it was analysed with is in force.
    """
    codebook = current_codebook()
    if analysis is None or analysis["codebook_version"] != codebook.version:
        return []
    text, lang = row["text"], row["language"]
    flagged, reasons = bool(analysis["concern"]), tuple(analysis["concern_reasons"] or ())
    concern = Concern(flagged, reasons, statistical=flagged and not pattern_reasons(text, lang))
    return [{"theme": m.theme, "terms": list(m.terms)}
            for m in overruled_themes(text, lang, codebook, concern=concern)]


async def _answers(ids: list[int]) -> list[dict[str, Any]]:
    """Everything the review pages show about each answer, in the order of ``ids``."""
    if not ids:
        return []
    texts = await FreeText.select(
        FreeText.id, FreeText.question_id, FreeText.language, FreeText.text, FreeText.pii_types,
        FreeText.response.edition.year.as_alias("year"),
        FreeText.response.edition.id.as_alias("edition_id"),
    ).where(FreeText.id.is_in(ids)).output(load_json=True)
    analyses = {r["free_text"]: r for r in await TextAnalysis.select(
        TextAnalysis.free_text, TextAnalysis.themes, TextAnalysis.sentiment_label,
        TextAnalysis.polarity, TextAnalysis.sentiment_status, TextAnalysis.concern,
        TextAnalysis.concern_reasons, TextAnalysis.codebook_version,
    ).where(TextAnalysis.free_text.is_in(ids)).output(load_json=True)}
    reviews = {r["free_text"]: r for r in await TextReview.select(
        TextReview.free_text, TextReview.themes, TextReview.translation,
        TextReview.translation_sentiment, TextReview.translation_polarity,
        TextReview.quote_approved, TextReview.updated_at,
        TextReview.updated_by.email.as_alias("updated_by_email"),
    ).where(TextReview.free_text.is_in(ids)).output(load_json=True)}
    by_id = {}
    for row in texts:
        analysis, review = analyses.get(row["id"]), reviews.get(row["id"])
        status, sentiment = effective_sentiment(analysis, review)
        by_id[row["id"]] = {
            **row,
            "pii_types": list(row["pii_types"] or []),
            "analysed": analysis is not None,
            "suggested": [{"theme": t["theme"], "terms": list(t.get("terms", []))}
                          for t in (analysis or {}).get("themes") or []],
            "overruled": _overruled(row, analysis),
            "reviewed": review is not None and review["themes"] is not None,
            "themes": effective_themes(analysis, review),
            "sentiment_status": status,
            "sentiment": sentiment,
            "concern": bool(analysis and analysis["concern"]),
            "translation": review["translation"] if review else None,
            "quote_approved": bool(review and review["quote_approved"]),
            "updated_at": review["updated_at"] if review else None,
            "updated_by_email": review["updated_by_email"] if review else None,
        }
    return [by_id[i] for i in ids if i in by_id]
