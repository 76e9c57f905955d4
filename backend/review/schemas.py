"""Shapes of the review and interview JSON API (msgspec Structs, shown in the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt

import msgspec

__all__ = [
    "AnswerOut",
    "AnswerPageOut",
    "EventOut",
    "InterviewIn",
    "InterviewOut",
    "InterviewUpdateIn",
    "QuoteIn",
    "RedactionIn",
    "RedactionOut",
    "SentimentOut",
    "SuggestedThemeOut",
    "ThemeOut",
    "ThemesIn",
    "TranslationIn",
]


class ThemeOut(msgspec.Struct):
    id: str
    label: str
    description: str


class SuggestedThemeOut(msgspec.Struct):
    theme: str
    terms: list[str]
    """The codebook terms that matched: why the theme was suggested."""


class SentimentOut(msgspec.Struct):
    label: str
    polarity: float | None


class EventOut(msgspec.Struct):
    action: str
    """themes, translation, redaction, quote_approved, quote_withdrawn, interview_*."""
    staff: str | None
    """The reviewer's email; null once their account is gone."""
    at: dt.datetime
    detail: dict
    """Theme ids, sentiment label, kind of detail redacted and how many places: never text."""


class AnswerOut(msgspec.Struct):
    id: int
    year: int
    question_id: str
    language: str
    text: str
    """Redacted text."""
    pii_types: list[str]
    analysed: bool
    suggested_themes: list[SuggestedThemeOut]
    reviewed: bool
    """Whether a reviewer has accepted or recoded the themes."""
    themes: list[str]
    """The reviewer's themes once reviewed, else the suggestion."""
    sentiment_status: str
    """not_analysed, scored, needs_translation or scored_from_translation."""
    sentiment: SentimentOut | None
    concern: bool
    """Flagged for the safeguarding queue: never a quote."""
    translation: str | None
    quote_approved: bool
    events: list[EventOut] | None = None
    """Who changed what and when (only when one answer is asked for)."""


class AnswerPageOut(msgspec.Struct):
    year: int
    page: int
    per_page: int
    has_next: bool
    answers: list[AnswerOut]


class ThemesIn(msgspec.Struct):
    accept: bool = False
    """True: take the suggested themes; ``themes`` is then ignored."""
    themes: list[str] = []


class TranslationIn(msgspec.Struct):
    translation: str


class RedactionIn(msgspec.Struct):
    phrases: list[str]
    """Words or phrases to remove; they are not stored or logged anywhere."""
    kind: str = "PERSON"
    """PERSON, PHONE, EMAIL, POSTCODE, ADDRESS, SCHOOL, HANDLE or URL: chooses the placeholder."""


class RedactionOut(msgspec.Struct):
    places: int
    answer: AnswerOut


class QuoteIn(msgspec.Struct):
    approved: bool


class InterviewIn(msgspec.Struct):
    year: int
    kind: str
    """interview, focus_group or youth_summit."""
    held_on: dt.date
    title: str
    text: str
    school: str | None = None
    """A registered school's code, or null."""


class InterviewUpdateIn(InterviewIn):
    themes: list[str] = []


class InterviewOut(msgspec.Struct):
    id: int
    year: int
    kind: str
    held_on: dt.date
    school: str | None
    title: str
    text: str
    pii_types: list[str]
    themes: list[str]
    suggested_themes: list[SuggestedThemeOut]
    created_by: str | None
    created_at: dt.datetime
    events: list[EventOut] | None = None
