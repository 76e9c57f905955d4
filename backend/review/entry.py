"""Redaction of what a reviewer types in (translations, interview notes), as for pupils' answers.

The same redactor with the same registered school names as the submission path, so a name,
phone number or school typed by staff is never stored either.
"""

from __future__ import annotations

from analysis.redaction import Redaction, redact
from backend.storage.tables import School

__all__ = ["redact_entry"]


async def redact_entry(text: str) -> Redaction:
    schools = tuple(r["name"] for r in await School.select(School.name))
    return redact(text, schools=schools)
