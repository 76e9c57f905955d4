"""From a pupil's (or a paper form's) answers to a stored response.

Order matters: check the code, validate every answer, redact free text, and
only then hand plain rows to the group committer. Raw free text never leaves
this function except as its redacted form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.redaction import redact
from backend.editions import AccessCodeInfo, CodeRefused, edition_survey, lookup_code
from backend.refreshing_cache import RefreshingCache
from backend.storage.tables import School
from backend.submissions.prepared import Outcome, PreparedSubmission
from backend.submissions.validation import (
    AnswerProblem,
    CleanAnswers,
    validate_answers,
    validate_envelope,
)
from backend.submissions.writers import pii_json

if TYPE_CHECKING:
    from backend.submissions.writers import GroupCommitter
    from backend.surveys import Survey

__all__ = ["SubmissionResult", "SubmissionService"]


@dataclass
class SubmissionResult:
    outcome: Outcome | None = None
    problems: list[AnswerProblem] = field(default_factory=list)
    refused: CodeRefused | None = None
    shared_device: bool = False


class SubmissionService:
    def __init__(self, committer: GroupCommitter) -> None:
        self._committer = committer
        self._schools: RefreshingCache[None, tuple[str, ...]] = RefreshingCache(
            _load_school_names, fresh_for=60
        )
        self._surveys: RefreshingCache[int, Survey] = RefreshingCache(
            edition_survey, fresh_for=60
        )

    async def submit_online(
        self,
        *,
        access_code: Any,
        language: Any,
        variant: Any,
        client_submission_id: Any,
        answers: Any,
        today: dt.date | None = None,
        code: AccessCodeInfo | None = None,
    ) -> SubmissionResult:
        """``code``: the access code already looked up by the caller (the rate limiter does)."""
        today = today or dt.date.today()
        if code is None:
            if not isinstance(access_code, str) or not access_code.strip():
                problems = validate_envelope(language, variant, client_submission_id)
                return SubmissionResult(
                    problems=[*problems, AnswerProblem("access_code", "is missing")]
                )
            try:
                code = await lookup_code(access_code, today)
            except CodeRefused as refused:
                if refused.reason == "unknown":
                    return SubmissionResult(problems=[AnswerProblem("access_code", str(refused))])
                return SubmissionResult(refused=refused)
        result = await self._validate_and_store(
            code.edition_id,
            answers,
            client_submission_id=client_submission_id,
            school_id=code.school_id,
            access_code_id=code.id,
            max_uses=code.max_uses,
            language=language,
            variant=variant,
            paper=False,
            today=today,
            is_demo=code.is_demo,
        )
        outcome = result.outcome
        if outcome is Outcome.USED_UP:
            return SubmissionResult(
                refused=CodeRefused("used_up", "This code has been used as many times as allowed.")
            )
        result.shared_device = code.shared_device
        return result

    async def submit_paper(
        self,
        *,
        edition_id: int,
        school_id: int,
        language: Any,
        variant: Any,
        client_submission_id: Any,
        answers: Any,
        today: dt.date | None = None,
    ) -> SubmissionResult:
        """A paper response typed in by a SEND lead: same validation, no access code."""
        return await self._validate_and_store(
            edition_id,
            answers,
            client_submission_id=client_submission_id,
            school_id=school_id,
            access_code_id=None,
            max_uses=None,
            language=language,
            variant=variant,
            paper=True,
            today=today or dt.date.today(),
            is_demo=False,
        )

    async def _validate_and_store(
        self, edition_id: int, answers: Any, **fields: Any
    ) -> SubmissionResult:
        """The one path both online and paper answers take: validate, redact, group-commit."""
        problems = validate_envelope(
            fields["language"], fields["variant"], fields["client_submission_id"]
        )
        survey = await self._survey(edition_id)
        clean, answer_problems = validate_answers(survey, answers, str(fields["variant"]))
        problems.extend(answer_problems)
        if problems:
            return SubmissionResult(problems=problems)
        prepared = await self._prepare(survey, clean, edition_id=edition_id, **fields)
        return SubmissionResult(outcome=await self._committer.submit(prepared))

    async def _survey(self, edition_id: int) -> Survey:
        """The edition's definition, re-read about once a minute (it is frozen when opened)."""
        return await self._surveys.get(edition_id)

    async def _school_names(self) -> tuple[str, ...]:
        """Registered school names for redaction, refreshed about every minute."""
        return await self._schools.get(None)

    async def _prepare(
        self, survey: Survey, clean: CleanAnswers, *, today: dt.date, **fields: Any
    ) -> PreparedSubmission:
        schools = await self._school_names() if clean.texts else ()
        texts = []
        for qid, raw in clean.texts.items():
            redaction = redact(raw, schools=schools)
            texts.append((qid, redaction.text, pii_json([s.type for s in redaction.spans])))

        def role_value(role: str) -> str | None:
            question = survey.roles.get(role)
            values = clean.choices.get(question.id) if question else None
            return values[0] if values else None

        year = role_value("year_group")
        year_option = survey.options[survey.roles["year_group"].id].get(year) if year else None
        year_band = year_option.band if year_option else year
        return PreparedSubmission(
            year_band=year_band,
            gender=role_value("gender"),
            send=role_value("send"),
            home_language=role_value("home_language"),
            had_help=role_value("had_help") == "yes",
            submitted_on=today,
            answers=tuple((qid, v) for qid, values in clean.choices.items() for v in values),
            texts=tuple(texts),
            **fields,
        )


async def _load_school_names(_: None) -> tuple[str, ...]:
    return tuple(r["name"] for r in await School.select(School.name))
