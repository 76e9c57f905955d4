"""Free-text redaction: find PII in a pupil's answer and replace it with typed placeholders.

Applied to every free-text answer before it is stored, so the raw text never
reaches the database or a log::

    >>> redact("my snap is jamie_22, ring 07700 900123").text
    'my snap is [HANDLE], ring [PHONE]'

Detection is rules plus shipped word lists (``analysis/data/``): no model, no
download, compiled once at import.
"""

from __future__ import annotations

from ._redact import redact
from ._types import PII_TYPES, PLACEHOLDERS, PiiSpan, Redaction

__all__ = ["PII_TYPES", "PLACEHOLDERS", "PiiSpan", "Redaction", "redact"]
