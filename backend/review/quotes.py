"""Approved quotes: the one way from reviewed free text to a quote on a page, slide or chart.

A quote needs a reviewer's approval *and* a group (the edition, or one school's answers) at or
above the threshold: ``analysis.disclosure.quote_allowed`` decides, as for every other output.
The theme of a quote is the reviewer's coding when there is one, else the suggested coding.
An answer the concern screen flags (now, or after a re-analysis) is never a quote, approved or
not: it belongs to the safeguarding queue.
"""

from __future__ import annotations

from analysis.documents import Quote
from analysis.documents import approved_quotes as allowed_quotes
from backend.storage.tables import Response, TextAnalysis, TextReview

__all__ = ["approved_quotes"]


def _screened_clear():
    """Answers the concern screen has looked at and not flagged."""
    return TextAnalysis.select(TextAnalysis.free_text).where(
        TextAnalysis.concern == False)  # noqa: E712


async def _group_size(edition_id: int, school_id: int | None) -> int:
    query = Response.count().where(Response.edition == edition_id)
    if school_id is not None:
        query = query.where(Response.school == school_id)
    return await query


async def approved_quotes(edition_id: int, min_size: int, theme: str | None = None,
                          school_id: int | None = None) -> list[Quote]:
    """Approved quotes of an edition (one theme, one school when given), oldest answer first."""
    query = TextReview.select(
        TextReview.free_text.text.as_alias("text"),
        TextReview.themes.as_alias("themes"),
        TextReview.free_text.id.as_alias("free_text_id"),
    ).where(
        (TextReview.quote_approved == True)  # noqa: E712 (Piccolo builds SQL from ==)
        & (TextReview.free_text.response.edition == edition_id)
        & TextReview.free_text.is_in(_screened_clear())
    ).order_by(TextReview.free_text.id).output(load_json=True)
    if school_id is not None:
        query = query.where(TextReview.free_text.response.school == school_id)
    rows = await query
    if theme is not None:
        rows = await _with_theme(rows, theme)
    if not rows:
        return []
    size = await _group_size(edition_id, school_id)
    return allowed_quotes([Quote(r["text"], True, size) for r in rows], min_size)


async def _with_theme(rows: list[dict], theme: str) -> list[dict]:
    """Rows coded ``theme``: by the reviewer, or by the analysis where the reviewer left none."""
    unreviewed = [r["free_text_id"] for r in rows if r["themes"] is None]
    suggested: dict[int, list[str]] = {}
    if unreviewed:
        for a in await TextAnalysis.select(TextAnalysis.free_text, TextAnalysis.themes).where(
            TextAnalysis.free_text.is_in(unreviewed)
        ).output(load_json=True):
            suggested[a["free_text"]] = [t["theme"] for t in a["themes"]]
    return [r for r in rows
            if theme in (r["themes"] if r["themes"] is not None
                         else suggested.get(r["free_text_id"], []))]
