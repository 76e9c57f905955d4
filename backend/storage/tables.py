"""Piccolo tables. No table holds a pupil's name, email, IP address or user agent.

Responses keep the day they were sent (never a time) and only coarse groups.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Real,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = [
    "AccessCode",
    "Answer",
    "ConcernCase",
    "ConcernView",
    "Edition",
    "EditionAction",
    "FreeText",
    "InterviewNote",
    "Response",
    "ReviewEvent",
    "School",
    "StaffSession",
    "StaffUser",
    "TextAnalysis",
    "TextReview",
]


class School(Table):
    id = Serial(primary_key=True)
    code = Varchar(length=16, unique=True)
    name = Varchar(length=200)
    kind = Varchar(length=32, default="secondary")
    """secondary, special, alternative (PRU) or other."""
    roll = Integer(default=0)
    """Pupils on roll, for response rates."""
    is_demo = Boolean(default=False)


class Edition(Table):
    id = Serial(primary_key=True)
    year = Integer(unique=True)
    title = Varchar(length=200)
    definition = Text()
    """The validated definition file's text, frozen when the edition opened."""
    status = Varchar(length=16, default="open")
    opened_on = Date()
    closed_on = Date(null=True, default=None)
    is_demo = Boolean(default=False)


class AccessCode(Table):
    """A class access code: belongs to a school and an edition, never to a pupil."""

    id = Serial(primary_key=True)
    code = Varchar(length=32, unique=True)
    school = ForeignKey(School)
    edition = ForeignKey(Edition)
    label = Varchar(length=64, default="")
    opens_on = Date()
    closes_on = Date()
    max_uses = Integer(null=True, default=None)
    """None means unlimited."""
    uses = Integer(default=0)
    shared_device = Boolean(default=False)
    """Return to the start page after each submission."""
    is_demo = Boolean(default=False)


class Response(Table):
    """One pupil's submission, stored whole with its answers or not at all."""

    id = Serial(primary_key=True)
    edition = ForeignKey(Edition, index=True)
    school = ForeignKey(School, index=True)
    client_submission_id = Varchar(length=64, unique=True)
    language = Varchar(length=8)
    variant = Varchar(length=16)
    year_band = Varchar(length=16, null=True, default=None)
    gender = Varchar(length=32, null=True, default=None)
    send = Varchar(length=32, null=True, default=None)
    home_language = Varchar(length=32, null=True, default=None)
    had_help = Boolean(default=False)
    paper = Boolean(default=False)
    submitted_on = Date()
    is_demo = Boolean(default=False)


class Answer(Table):
    """One chosen value of one question (a multiple choice gives several rows)."""

    id = Serial(primary_key=True)
    response = ForeignKey(Response)
    """Not indexed on its own: every index slows the hot path."""
    question_id = Varchar(length=64)
    """Findings look answers up by question through one covering index on (question_id,
    response, value), made by a migration (Piccolo columns index one column each): a question's
    answers come from the index alone, in response order, instead of one table read each."""
    value = Varchar(length=64)


class FreeText(Table):
    """A free-text answer, redacted before it was written; the raw text is never stored."""

    id = Serial(primary_key=True)
    response = ForeignKey(Response, index=True)
    question_id = Varchar(length=64)
    language = Varchar(length=8)
    text = Text()
    pii_types = JSON(default=[])
    """Which kinds of detail were redacted, e.g. ["PHONE"]: never the details themselves."""


class TextAnalysis(Table):
    """What the analysis found in one free-text answer, and with which codebook."""

    id = Serial(primary_key=True)
    free_text = ForeignKey(FreeText, unique=True)
    codebook_version = Varchar(length=32)
    themes = JSON(default=[])
    """[{"theme": id, "terms": [matched terms]}]: why each theme was assigned."""
    sentiment_label = Varchar(length=16, null=True, default=None)
    polarity = Real(null=True, default=None)
    sentiment_status = Varchar(length=24, default="scored")
    """"scored", or "needs_translation" for languages TextBlob cannot score."""
    concern = Boolean(default=False, index=True)
    concern_reasons = JSON(default=[])
    analysed_on = Date()


class StaffUser(Table, tablename="staff_user"):
    """A member of staff. Their email is staff data; no table links staff to pupils."""

    id = Serial(primary_key=True)
    email = Varchar(length=254, unique=True)
    """Lower-cased when stored, so sign-in is case-insensitive."""
    password_hash = Varchar(length=255)
    """Argon2id, in the PHC string format (parameters and salt included)."""
    role = Varchar(length=32)
    """admin, reviewer, safeguarding_lead, send_lead or ambassador."""
    school = ForeignKey(School, null=True, default=None)
    """The one school a send_lead works for; empty for every other role."""
    active = Boolean(default=True)
    must_change_password = Boolean(default=False)
    """Set when an admin gives a one-time password; cleared when the user chooses their own."""
    failed_sign_ins = Integer(default=0)
    """Failures since the last success or lock-out, counted here so every worker sees them."""
    locked_until = Timestamptz(null=True, default=None)
    created_at = Timestamptz()


class StaffSession(Table, tablename="staff_session"):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    id = Serial(primary_key=True)
    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(StaffUser, index=True, on_delete=OnDelete.cascade)
    created_at = Timestamptz()
    last_seen = Timestamptz()
    expires_at = Timestamptz()
    """Absolute end of the session, whatever the activity."""


class TextReview(Table, tablename="text_review"):
    """A reviewer's decisions on one free-text answer; absent until someone reviews it.

    ``themes`` replaces the suggested themes once a reviewer accepts or recodes them. A manual
    redaction rewrites ``FreeText.text`` itself, so nothing a reviewer removed is kept anywhere.
    """

    id = Serial(primary_key=True)
    free_text = ForeignKey(FreeText, unique=True, on_delete=OnDelete.cascade)
    themes = JSON(null=True, default=None)
    """Reviewer-confirmed theme ids; None means the suggestion has not been reviewed."""
    translation = Text(null=True, default=None)
    """An English translation (redacted on entry) for answers TextBlob cannot score."""
    translation_sentiment = Varchar(length=16, null=True, default=None)
    translation_polarity = Real(null=True, default=None)
    quote_approved = Boolean(default=False, index=True)
    updated_by = ForeignKey(StaffUser, null=True, default=None, on_delete=OnDelete.set_null)
    updated_at = Timestamptz()


class InterviewNote(Table, tablename="interview_note"):
    """Notes from an interview, focus group or Youth Summit discussion, redacted on entry."""

    id = Serial(primary_key=True)
    edition = ForeignKey(Edition, index=True)
    school = ForeignKey(School, null=True, default=None)
    kind = Varchar(length=24)
    """interview, focus_group or youth_summit."""
    held_on = Date()
    title = Varchar(length=200)
    text = Text()
    pii_types = JSON(default=[])
    themes = JSON(default=[])
    """Theme ids, coded with the same codebook as the survey's free text."""
    created_by = ForeignKey(StaffUser, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class ReviewEvent(Table, tablename="review_event"):
    """Who changed what and when in free-text review: never the text a reviewer removed."""

    id = Serial(primary_key=True)
    free_text = ForeignKey(FreeText, null=True, default=None, index=True,
                           on_delete=OnDelete.cascade)
    interview = ForeignKey(InterviewNote, null=True, default=None, on_delete=OnDelete.cascade)
    staff = ForeignKey(StaffUser, null=True, default=None, on_delete=OnDelete.set_null)
    action = Varchar(length=32)
    """themes, translation, redaction, quote_approved, quote_withdrawn, interview_*."""
    detail = JSON(default={})
    at = Timestamptz()


class ConcernCase(Table, tablename="concern_case"):
    """What a safeguarding lead did about one flagged answer. Open until they close it."""

    id = Serial(primary_key=True)
    free_text = ForeignKey(FreeText, unique=True, on_delete=OnDelete.cascade)
    status = Varchar(length=16, default="open")
    action_taken = Text(default="")
    closed_by = ForeignKey(StaffUser, null=True, default=None, on_delete=OnDelete.set_null)
    closed_at = Timestamptz(null=True, default=None)


class ConcernView(Table, tablename="concern_view"):
    """Every time a member of staff opened a flagged answer."""

    id = Serial(primary_key=True)
    free_text = ForeignKey(FreeText, index=True, on_delete=OnDelete.cascade)
    staff = ForeignKey(StaffUser, null=True, default=None, on_delete=OnDelete.set_null)
    viewed_at = Timestamptz()


class EditionAction(Table, tablename="edition_action"):
    """"You said, we did": an action the partnership took on an edition's findings."""

    id = Serial(primary_key=True)
    edition = ForeignKey(Edition, index=True)
    theme = Varchar(length=64)
    question_id = Varchar(length=64, null=True, default=None)
    """The finding the action answers, when it answers one question."""
    status = Varchar(length=16, default="planned")
    """planned, in_progress or done."""
    texts = JSON(default={})
    """{"en": ..., "en-easy": ..., "ta": ...}: the action in each language the reviewer wrote."""
    recorded_by = ForeignKey(StaffUser, null=True, default=None, on_delete=OnDelete.set_null)
    recorded_at = Timestamptz()
