"""Value types returned by :func:`analysis.redaction.redact`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["PII_TYPES", "PLACEHOLDERS", "PiiSpan", "Redaction"]

PII_TYPES: tuple[str, ...] = (
    "PERSON",
    "PHONE",
    "EMAIL",
    "POSTCODE",
    "ADDRESS",
    "SCHOOL",
    "HANDLE",
    "URL",
)

#: The typed placeholder that replaces each kind of PII in the redacted text.
PLACEHOLDERS: dict[str, str] = {
    "PERSON": "[NAME]",
    "PHONE": "[PHONE]",
    "EMAIL": "[EMAIL]",
    "POSTCODE": "[POSTCODE]",
    "ADDRESS": "[ADDRESS]",
    "SCHOOL": "[SCHOOL]",
    "HANDLE": "[HANDLE]",
    "URL": "[URL]",
}


class PiiSpan(NamedTuple):
    """One piece of PII: ``text[start:end]`` of the *input* text is of ``type``."""

    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and the spans (sorted, non-overlapping) that were replaced."""

    text: str
    spans: tuple[PiiSpan, ...]
