"""Survey definition files: the 2026 survey is valid; every problem is located."""

from __future__ import annotations

import pytest

from backend.surveys import DefinitionError, load_survey, parse_survey
from survey_definitions import definition_path
from tests.conftest import run_feelsafe

MINIMAL = """
safety_scale = [
  { value = "1", text = "Very unsafe" }, { value = "2", text = "Unsafe" },
  { value = "3", text = "Neither" }, { value = "4", text = "Safe" },
  { value = "5", text = "Very safe" },
]
[edition]
year = 2030
title = "Test"
opens = 2030-01-01
closes = 2030-06-01

[[sections]]
id = "main"
title = "Main"

[[questions]]
id = "carry"
section = "main"
type = "single_choice"
text = "Do you know anyone who carries a knife?"
easy_read = "Do you know someone with a knife?"
themes = ["knife_crime"]
options = [{ value = "yes", text = "Yes" }, { value = "no", text = "No" }]

[[questions]]
id = "why"
section = "main"
type = "multiple_choice"
text = "Why?"
easy_read = "Why?"
show_if = { question = "carry", any_of = ["yes"] }
options = [{ value = "fear", text = "Fear" }, { value = "status", text = "Status" }]

[[questions]]
id = "dark"
section = "main"
type = "scale"
text = "How safe after dark?"
easy_read = "Safe in the dark?"
"""


def problems_of(source: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_survey(source, "test.toml")
    return [str(p) for p in caught.value.problems]


def test_the_2026_survey_is_valid_and_covers_the_themes():
    survey = load_survey(definition_path(2026))
    types = {q.type for q in survey.definition.questions}
    assert types == {"single_choice", "multiple_choice", "scale", "free_text", "theme_vote"}
    themes = {t for q in survey.definition.questions for t in q.themes}
    assert {
        "general_safety",
        "knife_crime",
        "hate_crime",
        "online_safety",
        "domestic_abuse",
        "bullying",
        "harassment",
        "exploitation",
        "support",
    } <= themes
    free_text = [q for q in survey.definition.questions if q.type == "free_text"]
    assert len(free_text) == 3
    assert any(q.text == "What would make you feel safer?" for q in free_text)
    roles = {q.role for q in survey.definition.questions if q.role}
    assert roles == {"year_group", "gender", "send", "home_language", "had_help"}
    for q in survey.definition.questions:
        if q.role in {"year_group", "gender", "send", "home_language"}:
            assert q.prefer_not_say, q.id


def test_minimal_definition_is_valid():
    survey = parse_survey(MINIMAL, "test.toml")
    assert list(survey.questions) == ["carry", "why", "dark"]


def test_toml_syntax_error_gives_the_line():
    (problem,) = problems_of(MINIMAL.replace('title = "Test"', 'title = "Test'))
    assert problem.startswith("test.toml")
    assert "line" in problem


def test_wrong_type_is_located_by_question_id():
    (problem,) = problems_of(MINIMAL.replace('type = "scale"', 'type = "slider"'))
    assert problem.startswith("test.toml: questions[dark].type")


def test_semantic_problems_are_all_listed_with_locations():
    broken = (
        MINIMAL.replace('any_of = ["yes"]', 'any_of = ["maybe"]')
        .replace('themes = ["knife_crime"]', 'themes = ["knives"]')
        .replace('easy_read = "Safe in the dark?"', 'easy_read = ""')
        .replace('id = "why"', 'id = "carry"')
    )
    problems = problems_of(broken)
    joined = "\n".join(problems)
    assert "questions[carry].themes: unknown theme 'knives'" in joined
    assert "questions[carry].id: is used by two questions" in joined
    assert "questions[carry].show_if.any_of: 'maybe' is not an option of 'carry'" in joined
    assert "questions[dark].easy_read: is empty" in joined


def test_follow_up_must_depend_on_an_earlier_question():
    swapped = MINIMAL.replace('question = "carry"', 'question = "dark_later"')
    problems = problems_of(swapped)
    assert any("questions[why].show_if.question" in p for p in problems)


def test_reserved_option_value_is_refused():
    problems = problems_of(MINIMAL.replace('value = "fear"', 'value = "prefer_not_say"'))
    assert any("questions[why].options[prefer_not_say].value" in p for p in problems)


def test_cli_validate_reports_problems_and_exits_1(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(MINIMAL.replace('type = "scale"', 'type = "slider"'))
    done = run_feelsafe("sqlite:///" + str(tmp_path / "x.sqlite3"), "survey", "validate", str(bad))
    assert done.returncode == 1
    assert "bad.toml: questions[dark].type" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_validate_accepts_the_2026_survey(tmp_path):
    done = run_feelsafe(
        "sqlite:///" + str(tmp_path / "x.sqlite3"), "survey", "validate", str(definition_path(2026))
    )
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout
