"""Year on year: one question's overall tables in every edition that asks it.

A question keeps its id from year to year when it is asked the same way, so the trend is the
same service (``question_findings``) run once per edition, each edition's tables suppressed on
their own. Answers are matched by label, as each edition's definition words them.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.editions import survey_for
from backend.findings.labels import CHOICE_TYPES
from backend.findings.service import QuestionFindings, _min_size, edition_info, question_findings
from backend.storage.tables import Edition

__all__ = ["TrendPoint", "question_trend"]


@dataclass(frozen=True)
class TrendPoint:
    year: int
    edition_id: int
    findings: QuestionFindings
    """Overall tables only (no breakdowns)."""


async def question_trend(
    edition_id: int,
    question_id: str,
    *,
    school_id: int | None = None,
    min_size: int | None = None,
) -> list[TrendPoint]:
    """The question in this edition and every earlier one that asks it (same id, a choice
    question), oldest first. A single point means no earlier edition asks it."""
    k = _min_size(min_size)
    info = await edition_info(edition_id)
    rows = await Edition.select(Edition.id, Edition.year, Edition.definition).where(
        Edition.year <= info.year
    ).order_by(Edition.year)
    points = []
    for row in rows:
        question = survey_for(row["definition"]).questions.get(question_id)
        if question is None or question.type not in CHOICE_TYPES:
            continue
        found = await question_findings(row["id"], question_id, by=(), school_id=school_id,
                                        min_size=k)
        points.append(TrendPoint(row["year"], row["id"], found))
    return points
