"""Words the review pages show for codes: statuses, sentiments, kinds, audit entries.

Every label is a msgid translated at display time; an audit entry is described from its
non-identifying detail only (theme ids, sentiment label, kind and count of redactions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backend.i18n import N_
from backend.review.codebook import current_codebook

if TYPE_CHECKING:
    from babel.support import NullTranslations

__all__ = [
    "FIELD_NAMES",
    "KIND_NAMES",
    "NOTE_KIND_NAMES",
    "SENTIMENT_NAMES",
    "STATUS_NAMES",
    "describe_event",
    "theme_labels",
]

SENTIMENT_NAMES = {
    "negative": N_("Negative"),
    "neutral": N_("Neutral"),
    "positive": N_("Positive"),
}
STATUS_NAMES = {
    "not_analysed": N_("Not analysed yet"),
    "scored": N_("Scored"),
    "needs_translation": N_("Needs an English translation"),
    "scored_from_translation": N_("Scored from the English translation"),
}
KIND_NAMES = {
    "PERSON": N_("A name"),
    "PHONE": N_("A phone number"),
    "EMAIL": N_("An email address"),
    "POSTCODE": N_("A postcode"),
    "ADDRESS": N_("An address or street"),
    "SCHOOL": N_("A school"),
    "HANDLE": N_("A social media username"),
    "URL": N_("A web address"),
}
"""What the words a reviewer removes by hand were (each has the redactor's placeholder)."""
NOTE_KIND_NAMES = {
    "interview": N_("Interview"),
    "focus_group": N_("Focus group"),
    "youth_summit": N_("Youth Summit discussion"),
}
FIELD_NAMES = {
    "edition": N_("Edition"),
    "kind": N_("Kind"),
    "held_on": N_("Date held"),
    "school": N_("School"),
    "title": N_("Title"),
    "text": N_("Notes"),
    "themes": N_("Themes"),
}


def theme_labels(gettext) -> dict[str, str]:
    """Theme id -> its label in the page's language, in codebook order."""
    return {tid: gettext(theme.label) for tid, theme in current_codebook().themes.items()}


def _name(names: dict[str, str], code: str, t: NullTranslations) -> str:
    """The translated name of a code; the code itself if it has none (never gettext(""))."""
    msgid = names.get(code)
    return t.gettext(msgid) if msgid else code


def _themes(ids: list[str], labels: dict[str, str], t: NullTranslations) -> str:
    return ", ".join(labels.get(i, i) for i in ids) if ids else t.gettext("no themes")


def describe_event(event: dict[str, Any], t: NullTranslations) -> str:
    """One audit entry in words, in the language of ``t``."""
    _ = t.gettext
    detail = event["detail"]
    labels = theme_labels(_)
    action = event["action"]
    if action == "themes":
        to = _themes(detail.get("to", []), labels, t)
        if detail.get("accepted"):
            return _("Suggested themes accepted: %(themes)s") % {"themes": to}
        return _("Themes changed from %(old)s to %(new)s") % {
            "old": _themes(detail.get("from", []), labels, t), "new": to}
    if action == "translation":
        message = (_("English translation replaced (sentiment: %(sentiment)s)")
                   if detail.get("replaced") else
                   _("English translation added (sentiment: %(sentiment)s)"))
        return message % {"sentiment": _name(SENTIMENT_NAMES, detail.get("sentiment", ""), t)}
    if action == "redaction":
        places = int(detail.get("places", 0))
        kind = _name(KIND_NAMES, detail.get("kind", ""), t)
        return t.ngettext("Redacted by hand in %(num)s place (%(kind)s)",
                          "Redacted by hand in %(num)s places (%(kind)s)", places) % {
            "num": places, "kind": kind}
    if action == "quote_approved":
        return _("Approved as a quote")
    if action == "quote_withdrawn":
        return _("Quote approval withdrawn")
    if action == "interview_created":
        return _("Notes recorded, themes suggested: %(themes)s") % {
            "themes": _themes(detail.get("themes", []), labels, t)}
    if action == "interview_updated":
        fields = ", ".join(_name(FIELD_NAMES, f, t) for f in detail.get("fields", []))
        text = _("Changed: %(fields)s") % {"fields": fields}
        if "to" in detail:
            text += ". " + _("Themes changed from %(old)s to %(new)s") % {
                "old": _themes(detail.get("from", []), labels, t),
                "new": _themes(detail.get("to", []), labels, t)}
        return text
    return action
