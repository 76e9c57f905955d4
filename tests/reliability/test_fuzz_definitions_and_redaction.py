"""Hypothesis fuzzing: the definition loader fails only with located DefinitionErrors,
and the redactor never raises (and never lets its spans point outside the text)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.redaction import redact
from backend.surveys import DefinitionError, parse_survey
from survey_definitions import definition_path

FILENAME = "2026-fuzzed.toml"
SOURCE = definition_path(2026).read_text(encoding="utf-8")
LINES = SOURCE.splitlines()
ASSIGNMENT = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*)(.*)$")

# Values a hand-edited file might end up with: wrong types, empty, huge, odd ids.
TOML_VALUES = st.sampled_from(
    [
        '""', '"x"', "0", "-1", "99999999999", "1.5", "true", "[]", '["a", "a"]', "{}",
        '"Bad Id!"', '"year_group"', '"free_text"', '"scale"', "2026-13-40", "1979-05-27",
        '"' + "x" * 5000 + '"', '{ question = "nope", any_of = [] }', '[{ value = "1" }]',
        '"\\u0000"', '"\u202e"', '"\u0627\u0644\u0633\u0644\u0627\u0645"',
    ]
) | st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "").replace('"', "") + '"')


@st.composite
def mutated_definitions(draw) -> str:
    """The real 2026 file with a few line-level edits: deleted, duplicated, swapped, re-valued."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "truncate"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "value" and (m := ASSIGNMENT.match(lines[i])):
            lines[i] = m.group(1) + draw(TOML_VALUES)
        elif action == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        if not lines:
            break
    return "\n".join(lines)


def _assert_located(source: str) -> None:
    try:
        parse_survey(source, FILENAME)
    except DefinitionError as exc:
        assert exc.problems, "a DefinitionError must list its problems"
        for problem in exc.problems:
            assert problem.location.startswith(FILENAME), problem
            assert problem.message.strip(), problem


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_definitions())
def test_mutated_definition_fails_only_with_located_problems(source):
    _assert_located(source)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_fails_only_with_located_problems(source):
    _assert_located(source)


def test_the_unmutated_file_still_parses():
    assert parse_survey(SOURCE, FILENAME).year == 2026


PIECES = st.sampled_from(
    [
        "Sam Smith", "07700 900123", "+44 7700 900123", "sam@example.com", "SM1 1AA",
        "12 High Street", "@sam_x", "https://example.com/a?b=c", "Hillcrest Academy",
        "\u0660\u0667\u0667\u0660\u0660", "\u200b", "\u202e", "\ufeff", "\x00", "\ud7ff",
        "Mr.", "street", "road", " ", "\n", "www.", "@", "#", "..", "(", ")",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(PIECES, st.text(max_size=15)), max_size=25).map("".join),
    st.lists(st.text(max_size=12), max_size=3),
)
def test_redact_never_raises_and_spans_fit(text, schools):
    result = redact(text, schools=schools)
    assert isinstance(result.text, str)
    for span in result.spans:
        assert 0 <= span.start <= span.end <= len(text)
