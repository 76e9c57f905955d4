"""Survey definitions: schema, loading and validation, and the current edition."""

from backend.surveys.loader import (
    THEME_IDS,
    DefinitionError,
    Problem,
    Survey,
    load_survey,
    parse_survey,
)

__all__ = ["THEME_IDS", "DefinitionError", "Problem", "Survey", "load_survey", "parse_survey"]
