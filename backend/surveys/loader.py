"""Load and validate survey definition files, locating every problem."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from analysis.codebook import DEFAULT_THEME_IDS
from backend.surveys.schema import (
    DONT_UNDERSTAND,
    PREFER_NOT_SAY,
    Option,
    Question,
    SurveyDefinition,
)

__all__ = ["THEME_IDS", "DefinitionError", "Problem", "Survey", "load_survey", "parse_survey"]

THEME_IDS = DEFAULT_THEME_IDS
"""Theme ids of the default codebook; every theme tag must be one of them."""

_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_CHOICE_TYPES = {"single_choice", "multiple_choice", "scale", "theme_vote"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition file, and where."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DefinitionError(ValueError):
    """A definition file that must not be opened; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, eq=False)
class Survey:
    """A validated definition with the look-ups the submission path needs."""

    definition: SurveyDefinition
    source: str
    questions: dict[str, Question] = field(default_factory=dict)
    options: dict[str, dict[str, Option]] = field(default_factory=dict)
    roles: dict[str, Question] = field(default_factory=dict)
    """The question that carries each role (year_group, gender, ...), if any."""

    @property
    def year(self) -> int:
        return self.definition.edition.year

    def visible(self, question: Question, answers: dict[str, Any]) -> bool:
        """Whether ``question`` applies given the earlier ``answers``."""
        cond = question.show_if
        if cond is None:
            return True
        given = answers.get(cond.question)
        if given is None:
            return False
        values = given if isinstance(given, list) else [given]
        return any(str(v) in cond.any_of for v in values)


def load_survey(path: str | Path) -> Survey:
    """Read and validate one definition file; raise DefinitionError listing every problem."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError([Problem(path.name, f"cannot be read: {exc}")]) from None
    return parse_survey(source, path.name)


def parse_survey(source: str, filename: str = "<definition>") -> Survey:
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError([Problem(filename, f"is not valid TOML: {exc}")]) from None
    try:
        definition = msgspec.convert(raw, SurveyDefinition, strict=True)
    except msgspec.ValidationError as exc:
        raise DefinitionError([_structural_problem(filename, raw, exc)]) from None
    problems = list(_semantic_problems(filename, definition))
    if problems:
        raise DefinitionError(problems)
    return Survey(
        definition=definition,
        source=source,
        questions={q.id: q for q in definition.questions},
        options={
            q.id: {o.value: o for o in definition.options_for(q)} for q in definition.questions
        },
        roles={q.role: q for q in definition.questions if q.role},
    )


def _structural_problem(filename: str, raw: Any, exc: msgspec.ValidationError) -> Problem:
    """Turn msgspec's ``... - at `$.questions[3].type``` into ``questions[knife_where].type``."""
    message, _, path = str(exc).partition(" - at `")
    path = path.rstrip("`")
    if not path:
        return Problem(filename, message)
    parts = re.findall(r"\.([A-Za-z_]\w*)|\[(\d+)\]", path.removeprefix("$"))
    node: Any = raw
    location = ""
    for key, index in parts:
        if key:
            location += f".{key}" if location else key
            node = node.get(key) if isinstance(node, dict) else None
        else:
            item = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
            label = item.get("id") or item.get("value") if isinstance(item, dict) else None
            location += f"[{label}]" if isinstance(label, str) and label else f"[{index}]"
            node = item
    return Problem(f"{filename}: {location}", message)


def _semantic_problems(filename: str, d: SurveyDefinition):
    def at(where: str) -> str:
        return f"{filename}: {where}"

    if d.edition.closes < d.edition.opens:
        yield Problem(at("edition.closes"), "closes before the edition opens")
    if not d.questions:
        yield Problem(at("questions"), "the survey has no questions")

    section_ids: set[str] = set()
    for section in d.sections:
        if not _ID.match(section.id):
            yield Problem(at(f"sections[{section.id}].id"), _id_message(section.id))
        if section.id in section_ids:
            yield Problem(at(f"sections[{section.id}].id"), "is used by two sections")
        section_ids.add(section.id)

    if any(q.type == "scale" and not q.options for q in d.questions):
        if len(d.safety_scale) != 5:
            yield Problem(at("safety_scale"), "must have exactly 5 points, least safe first")
        yield from _option_problems(at, "safety_scale", d.safety_scale)

    seen: dict[str, Question] = {}
    roles: dict[str, str] = {}
    for q in d.questions:
        where = f"questions[{q.id}]"
        if not _ID.match(q.id):
            yield Problem(at(f"{where}.id"), _id_message(q.id))
        if q.id in seen:
            yield Problem(at(f"{where}.id"), "is used by two questions")
        if q.section not in section_ids:
            yield Problem(at(f"{where}.section"), f"unknown section {q.section!r}")
        if not q.text.strip():
            yield Problem(at(f"{where}.text"), "is empty")
        if not q.easy_read.strip():
            yield Problem(
                at(f"{where}.easy_read"), "is empty; every question needs easy-read wording"
            )
        for theme in q.themes:
            if theme not in THEME_IDS:
                yield Problem(at(f"{where}.themes"), f"unknown theme {theme!r}")
        options = d.options_for(q)
        if q.type in _CHOICE_TYPES:
            if len(options) < 2:
                yield Problem(
                    at(f"{where}.options"), f"a {q.type} question needs at least 2 options"
                )
            yield from _option_problems(at, f"{where}.options", q.options)
        elif q.options:
            yield Problem(at(f"{where}.options"), "a free_text question has no options")
        if q.type == "theme_vote":
            for o in q.options:
                if o.value not in THEME_IDS:
                    yield Problem(
                        at(f"{where}.options[{o.value}].value"),
                        "theme_vote options must be theme ids",
                    )
        if q.max_choices is not None:
            if q.type not in {"multiple_choice", "theme_vote"}:
                yield Problem(at(f"{where}.max_choices"), f"does not apply to {q.type}")
            elif not 1 <= q.max_choices <= len(options):
                yield Problem(at(f"{where}.max_choices"), f"must be between 1 and {len(options)}")
        if q.type == "free_text" and not 1 <= q.max_length <= 5000:
            yield Problem(at(f"{where}.max_length"), "must be between 1 and 5000")
        if q.role is not None:
            if q.type != "single_choice":
                yield Problem(at(f"{where}.role"), "only a single_choice question can have a role")
            if q.role in roles:
                yield Problem(at(f"{where}.role"), f"{q.role!r} is already on {roles[q.role]!r}")
            roles[q.role] = q.id
            if q.role == "year_group" and any(not o.band for o in q.options):
                yield Problem(at(f"{where}.options"), "year_group options each need a band")
            if q.show_if is not None:
                yield Problem(
                    at(f"{where}.show_if"), "a question with a role cannot be conditional"
                )
        if q.show_if is not None:
            target = seen.get(q.show_if.question)
            if target is None:
                yield Problem(
                    at(f"{where}.show_if.question"),
                    f"{q.show_if.question!r} is not a question earlier in the survey",
                )
            elif target.type == "free_text":
                yield Problem(
                    at(f"{where}.show_if.question"), "cannot depend on a free_text question"
                )
            else:
                valid = {o.value for o in d.options_for(target)}
                for value in q.show_if.any_of:
                    if value not in valid:
                        yield Problem(
                            at(f"{where}.show_if.any_of"),
                            f"{value!r} is not an option of {target.id!r}",
                        )
            if not q.show_if.any_of:
                yield Problem(at(f"{where}.show_if.any_of"), "lists no answers")
        seen[q.id] = q


def _option_problems(at, where: str, options: tuple[Option, ...]):
    values: set[str] = set()
    for o in options:
        if not o.value or (not _ID.match(o.value) and not o.value.isdigit()):
            yield Problem(at(f"{where}[{o.value}].value"), _id_message(o.value))
        if o.value in (PREFER_NOT_SAY, DONT_UNDERSTAND):
            yield Problem(
                at(f"{where}[{o.value}].value"), "is reserved; it is offered automatically"
            )
        if o.value in values:
            yield Problem(at(f"{where}[{o.value}].value"), "is used by two options")
        if not o.text.strip():
            yield Problem(at(f"{where}[{o.value}].text"), "is empty")
        values.add(o.value)


def _id_message(value: str) -> str:
    return f"{value!r} must be lowercase letters, digits and underscores, starting with a letter"
