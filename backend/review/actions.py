"""A reviewer's changes to one answer; each is stored with its audit row or not at all.

Recode or accept themes, add an English translation, redact by hand, approve or withdraw a
quote. Problems raise :class:`InputProblems` and change nothing; an unknown answer raises
``LookupError``.
"""

from __future__ import annotations

from typing import Any

from analysis.sentiment import score_sentiment
from analysis.themes import code_themes
from backend.review._db import now, write_transaction
from backend.review.answers import effective_themes
from backend.review.audit import record
from backend.review.codebook import current_codebook
from backend.review.entry import redact_entry
from backend.review.manual import (
    MANUAL,
    MAX_PHRASE_LENGTH,
    MAX_PHRASES,
    MIN_PHRASE_LENGTH,
    REDACTION_KINDS,
    parse_phrases,
    remove_phrases,
)
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.storage.tables import FreeText, TextAnalysis, TextReview

__all__ = [
    "MAX_TRANSLATION_LENGTH",
    "redact_by_hand",
    "set_quote",
    "set_themes",
    "set_translation",
]

MAX_TRANSLATION_LENGTH = 4000

CONCERN_REFUSAL = N_(
    "This answer is in the safeguarding concern queue. It must not be used as a quote."
)
NOT_SCREENED = N_(
    "This answer has not been screened by the analysis yet, so it cannot be a quote. "
    "Try again in a few minutes."
)


async def _load(free_text_id: int) -> tuple[dict, dict | None, dict | None]:
    """(free text, analysis, review) of one answer, read inside the caller's transaction."""
    text = await FreeText.select(
        FreeText.id, FreeText.text, FreeText.language, FreeText.pii_types,
    ).where(FreeText.id == free_text_id).first().output(load_json=True)
    if text is None:
        raise LookupError(f"there is no answer {free_text_id}")
    analysis = await TextAnalysis.select().where(
        TextAnalysis.free_text == free_text_id).first().output(load_json=True)
    review = await TextReview.select().where(
        TextReview.free_text == free_text_id).first().output(load_json=True)
    return text, analysis, review


async def _save_review(free_text_id: int, staff_id: int, values: dict[Any, Any]) -> None:
    """Create the answer's review row if it has none, then set ``values`` on it."""
    await TextReview.insert(
        TextReview(free_text=free_text_id, updated_by=staff_id, updated_at=now())
    ).on_conflict(target=TextReview.free_text, action="DO NOTHING")
    await TextReview.update(
        {**values, TextReview.updated_by: staff_id, TextReview.updated_at: now()}
    ).where(TextReview.free_text == free_text_id)


async def set_themes(free_text_id: int, staff_id: int, themes: list[str] | None = None, *,
                     accept: bool = False) -> list[str]:
    """Accept the suggested themes, or set ``themes`` (codebook ids); returns the new themes."""
    codebook = current_codebook()
    if not accept:
        unknown = [t for t in themes or [] if t not in codebook.themes]
        if unknown:
            raise InputProblems([FieldProblem("themes", N_("Choose themes from the list."))])
    async with write_transaction(TextReview):
        _text, analysis, review = await _load(free_text_id)
        if accept:
            if analysis is None:
                raise InputProblems([FieldProblem("themes", N_(
                    "This answer has not been analysed yet, so there are no suggested themes. "
                    "Choose the themes yourself."))])
            chosen = {t["theme"] for t in analysis["themes"] or []}
        else:
            chosen = set(themes or [])
        new = [t for t in codebook.theme_ids if t in chosen]
        old = effective_themes(analysis, review)
        await _save_review(free_text_id, staff_id, {TextReview.themes: new})
        await record("themes", staff_id, {"from": old, "to": new, "accepted": accept},
                     free_text=free_text_id)
    return new


async def set_translation(free_text_id: int, staff_id: int, translation: str) -> dict[str, Any]:
    """Redact an English translation, score it and store both; returns the stored values."""
    translation = translation.strip()
    problems = []
    if not translation:
        problems.append(FieldProblem("translation", N_("Enter the English translation.")))
    elif len(translation) > MAX_TRANSLATION_LENGTH:
        problems.append(FieldProblem(
            "translation", N_("The translation must be %(max)s characters or fewer."),
            {"max": MAX_TRANSLATION_LENGTH}))
    if problems:
        raise InputProblems(problems)
    redaction = await redact_entry(translation)
    sentiment = score_sentiment(redaction.text, "en")
    assert sentiment is not None  # English is always scored
    async with write_transaction(TextReview):
        text, _analysis, review = await _load(free_text_id)
        if text["language"] == "en":
            raise InputProblems([FieldProblem("translation", N_(
                "This answer is in English, so it needs no translation."))])
        await _save_review(free_text_id, staff_id, {
            TextReview.translation: redaction.text,
            TextReview.translation_sentiment: sentiment.label,
            TextReview.translation_polarity: sentiment.polarity,
        })
        await record("translation", staff_id, {
            "sentiment": sentiment.label,
            "redacted": sorted({s.type for s in redaction.spans}),
            "replaced": bool(review and review["translation"]),
        }, free_text=free_text_id)
    return {"translation": redaction.text, "label": sentiment.label,
            "polarity": sentiment.polarity}


def _phrase_problems(phrases: list[str], kind: str) -> list[FieldProblem]:
    problems = []
    if kind not in REDACTION_KINDS:
        problems.append(FieldProblem("kind", N_("Choose what kind of detail the words are.")))
    if not phrases:
        problems.append(FieldProblem("phrases", N_("Enter the words or phrases to remove.")))
    elif len(phrases) > MAX_PHRASES:
        problems.append(FieldProblem(
            "phrases", N_("Enter at most %(max)s words or phrases at a time."),
            {"max": MAX_PHRASES}))
    elif any(len(p) < MIN_PHRASE_LENGTH or len(p) > MAX_PHRASE_LENGTH for p in phrases):
        problems.append(FieldProblem(
            "phrases", N_("Each word or phrase must be %(min)s to %(max)s characters long."),
            {"min": MIN_PHRASE_LENGTH, "max": MAX_PHRASE_LENGTH}))
    return problems


async def redact_by_hand(free_text_id: int, staff_id: int, phrases: str | list[str],
                         kind: str) -> int:
    """Replace ``phrases`` in the answer (and its translation) with the placeholder of ``kind``.

    The stored text is rewritten, the suggested themes are re-coded from it (their matched
    terms must not keep a removed word), and only the kind and the number of places are
    audited. Every phrase must occur, or nothing changes. Returns the number of places.
    """
    wanted = parse_phrases(phrases)
    problems = _phrase_problems(wanted, kind)
    if problems:
        raise InputProblems(problems)
    async with write_transaction(FreeText):
        text, analysis, review = await _load(free_text_id)
        whole_words = text["language"] == "en"
        translation = review["translation"] if review else None
        for phrase in wanted:
            in_text = remove_phrases(text["text"], [phrase], kind, whole_words=whole_words)[1]
            in_translation = remove_phrases(translation, [phrase], kind)[1] if translation else 0
            if not in_text and not in_translation:
                raise InputProblems([FieldProblem("phrases", N_(
                    "One of the words or phrases is not in the answer or its translation. "
                    "Check the spelling. Nothing was changed."))])
        new_text, places = remove_phrases(text["text"], wanted, kind, whole_words=whole_words)
        pii = sorted({*(text["pii_types"] or []), MANUAL})
        await FreeText.update({FreeText.text: new_text, FreeText.pii_types: pii}).where(
            FreeText.id == free_text_id)
        if translation:
            new_translation, more = remove_phrases(translation, wanted, kind)
            places += more
            if more:
                rescored = score_sentiment(new_translation, "en")
                await _save_review(free_text_id, staff_id, {
                    TextReview.translation: new_translation,
                    TextReview.translation_sentiment: rescored.label if rescored else None,
                    TextReview.translation_polarity: rescored.polarity if rescored else None,
                })
        if analysis is not None:
            await _recode(analysis, new_text, text["language"])
        await record("redaction", staff_id, {"kind": kind, "places": places},
                     free_text=free_text_id)
    return places


async def _recode(analysis: dict, new_text: str, lang: str) -> None:
    """Suggested themes and sentiment from the rewritten text (same codebook, same status)."""
    codebook = current_codebook()
    values: dict[Any, Any] = {
        TextAnalysis.themes: [{"theme": m.theme, "terms": list(m.terms)}
                              for m in code_themes(new_text, lang, codebook)],
        TextAnalysis.codebook_version: codebook.version,
    }
    if analysis["sentiment_status"] == "scored":
        sentiment = score_sentiment(new_text, lang)
        values[TextAnalysis.sentiment_label] = sentiment.label if sentiment else None
        values[TextAnalysis.polarity] = sentiment.polarity if sentiment else None
    await TextAnalysis.update(values).where(TextAnalysis.id == analysis["id"])


async def set_quote(free_text_id: int, staff_id: int, approve: bool) -> bool:
    """Approve or withdraw the answer as a quote. A concern-flagged answer, or one not yet
    screened, is refused. Returns whether anything changed."""
    async with write_transaction(TextReview):
        _text, analysis, review = await _load(free_text_id)
        if approve and analysis is None:
            raise InputProblems([FieldProblem("quote", NOT_SCREENED)])
        if approve and analysis["concern"]:
            raise InputProblems([FieldProblem("quote", CONCERN_REFUSAL)])
        if bool(review and review["quote_approved"]) == approve:
            return False
        await _save_review(free_text_id, staff_id, {TextReview.quote_approved: approve})
        await record("quote_approved" if approve else "quote_withdrawn", staff_id, {},
                     free_text=free_text_id)
    return True
