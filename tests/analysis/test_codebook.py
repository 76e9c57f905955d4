"""The codebook file: validated, every problem located, the old codebook kept on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.codebook import (
    DEFAULT_CODEBOOK_PATH,
    DEFAULT_THEME_IDS,
    CodebookError,
    load_codebook,
    load_or_keep,
)


def test_shipped_codebook_is_valid_and_complete():
    book = load_codebook()
    assert book.version
    assert set(DEFAULT_THEME_IDS) <= set(book.themes)
    for theme in book.themes.values():
        assert theme.description
        assert set(theme.terms) == {"en", "ta", "ur", "pl", "pt", "ar"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codebook.toml"
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str) -> Path:
    source = DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8")
    assert old in source
    return write(tmp_path, source.replace(old, new, 1))


def test_wrong_type_is_located_by_theme_field_and_line(tmp_path):
    path = broken(tmp_path, 'label = "Knife crime"', "label = 42")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    (problem,) = info.value.problems
    assert problem.theme == "knife_crime" and problem.field == "label"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("label = 42")
    assert "codebook.toml" in str(problem) and "themes.knife_crime.label" in str(problem)


def test_bad_term_and_unknown_language_are_each_reported(tmp_path):
    path = broken(tmp_path, 'en = ["racist"', 'fr = ["raciste"]\nen = ["rac(ist"')
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    where = {(p.theme, p.field) for p in info.value.problems}
    assert ("hate_crime", "terms.fr") in where
    assert ("hate_crime", "terms.en[0]") in where
    assert all(p.line for p in info.value.problems)


def test_unknown_concern_reason_is_located(tmp_path):
    path = broken(
        tmp_path, 'concern_reasons = ["home_violence"]', 'concern_reasons = ["home_violenc"]'
    )
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    (problem,) = info.value.problems
    assert (problem.theme, problem.field) == ("domestic_abuse", "concern_reasons[0]")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("concern_reasons")
    assert "home_violenc" in problem.message


def test_concern_reasons_are_optional(tmp_path):
    path = broken(tmp_path, 'concern_reasons = ["home_violence"]\n', "")
    assert load_codebook(path).themes["domestic_abuse"].concern_reasons == []


def test_missing_default_theme_is_refused(tmp_path):
    path = broken(tmp_path, "[themes.support]", "[themes.supports]")
    text = path.read_text(encoding="utf-8").replace("themes.support.", "themes.supports.")
    path = write(tmp_path, text)
    with pytest.raises(CodebookError, match="'support'"):
        load_codebook(path)


def test_invalid_toml_gives_the_line(tmp_path):
    path = write(tmp_path, 'version = "1"\n[themes.x\n')
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert info.value.problems[0].line == 2


def test_a_bad_reload_keeps_the_previous_codebook(tmp_path):
    current = load_codebook()
    path = broken(tmp_path, 'version = "', 'versio = "')
    kept, error = load_or_keep(path, current)
    assert kept is current
    assert error is not None and error.problems
    fresh, error = load_or_keep(DEFAULT_CODEBOOK_PATH, current)
    assert error is None and fresh is not current
