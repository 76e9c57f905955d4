"""Findings: the one place that turns stored responses into counts that may be shown."""

from backend.findings.labels import BREAKDOWNS, NOT_ANSWERED, Breakdown
from backend.findings.service import (
    ANSWERED,
    CHOSEN,
    NOT_CHOSEN,
    EditionInfo,
    FindingsError,
    QuestionFindings,
    edition_by_year,
    edition_info,
    group_sizes,
    option_breakdown,
    option_counts,
    question_breakdown,
    question_counts,
    question_findings,
)

__all__ = [
    "ANSWERED",
    "BREAKDOWNS",
    "CHOSEN",
    "NOT_ANSWERED",
    "NOT_CHOSEN",
    "Breakdown",
    "EditionInfo",
    "FindingsError",
    "QuestionFindings",
    "edition_by_year",
    "edition_info",
    "group_sizes",
    "option_breakdown",
    "option_counts",
    "question_breakdown",
    "question_counts",
    "question_findings",
]
