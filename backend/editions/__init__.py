"""Editions (one per year) and class access codes: opening, looking up, refusing."""

from backend.editions.access_codes import AccessCodeInfo, CodeRefused, generate_code, lookup_code
from backend.editions.service import (
    EditionNotOpen,
    current_edition,
    edition_survey,
    open_edition,
    survey_for,
)

__all__ = [
    "AccessCodeInfo",
    "CodeRefused",
    "EditionNotOpen",
    "current_edition",
    "edition_survey",
    "generate_code",
    "lookup_code",
    "open_edition",
    "survey_for",
]
