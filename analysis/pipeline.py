"""One free-text answer through the whole analysis: redact, then code, score and screen.

Redaction comes first so that themes, sentiment and stored results only ever see redacted text;
concern screening also looks at the raw text, because a disclosure must not be missed when a
name or place inside it was redacted (the statistical screen, trained on raw answers, reads only
the raw text). ``to_contract_dict`` gives the ``feelsafe analyse-text`` output line of the
design brief.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import msgspec

from analysis.concern import Concern, pattern_reasons, screen_concern
from analysis.sentiment import Sentiment, score_sentiment
from analysis.themes import ThemeMatch, code_themes

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from analysis.codebook import Codebook

__all__ = ["TextAnalysis", "analyse_redacted", "analyse_text", "to_contract_dict"]


class TextAnalysis(msgspec.Struct, frozen=True):
    """Everything the analysis says about one answer; ``pii`` offsets index the raw text."""

    redacted: str
    pii: list[Any] = msgspec.field(default_factory=list)
    themes: list[ThemeMatch] = msgspec.field(default_factory=list)
    sentiment: Sentiment | None = None
    concern: Concern = msgspec.field(default_factory=lambda: Concern(False))
    codebook_version: str = ""

    @property
    def needs_translation(self) -> bool:
        """No sentiment yet: a reviewer's English translation must be scored first."""
        return self.sentiment is None


def analyse_text(
    text: str, lang: str, codebook: Codebook, *, schools: Iterable[str] = ()
) -> TextAnalysis:
    """Redact ``text`` (``schools`` are registered school names to redact), then analyse it."""
    redact = _redactor()
    redaction = redact(text, schools=tuple(schools)) if schools else redact(text)
    redacted = redaction.text
    concern = screen_concern(text, lang)
    if redacted != text:  # a pattern may read differently around a placeholder
        extra = pattern_reasons(redacted, lang)
        if extra:
            concern = Concern(True, tuple(dict.fromkeys(concern.reasons + extra)))
    return analyse_redacted(redacted, lang, codebook, concern=concern, pii=redaction.spans)


def analyse_redacted(
    redacted: str,
    lang: str,
    codebook: Codebook,
    *,
    concern: Concern | None = None,
    pii: Iterable[Any] = (),
) -> TextAnalysis:
    """Analyse text that is already redacted (what storage holds). ``concern``: the screen's
    result when the caller has it (from the raw text at submission); otherwise it is screened
    here, once, and handed to theme coding and sentiment."""
    if concern is None:
        concern = screen_concern(redacted, lang)
    return TextAnalysis(
        redacted=redacted,
        pii=list(pii),
        themes=code_themes(redacted, lang, codebook, concern=concern),
        sentiment=score_sentiment(redacted, lang, concern=concern),
        concern=concern,
        codebook_version=codebook.version,
    )


@cache
def _redactor() -> Callable[..., Any]:
    """The redactor, looked up on first use (a sibling package, loaded after this module)."""
    from analysis.redaction import redact

    return redact


def to_contract_dict(id: Any, analysis: TextAnalysis) -> dict[str, Any]:
    """The ``feelsafe analyse-text`` output line for one answer (see DESIGN.md, Contracts)."""
    sentiment = analysis.sentiment
    return {
        "id": id,
        "redacted": analysis.redacted,
        "pii": [{"start": s.start, "end": s.end, "type": s.type} for s in analysis.pii],
        "themes": [m.theme for m in analysis.themes],
        "sentiment": None
        if sentiment is None
        else {"label": sentiment.label, "polarity": sentiment.polarity},
        "concern": analysis.concern.flagged,
    }
