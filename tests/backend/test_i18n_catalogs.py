"""The translation workflow: extraction, complete catalogs, placeholders, plurals, formatting."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import shutil
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from babel.support import Translations
from click.testing import CliRunner

from backend.cli import main
from backend.i18n import LANGUAGES, format_date, format_number, format_percent, translations
from backend.i18n.catalogs import (
    DRAFT_MARK,
    compile_catalogs,
    extract_catalog,
    load_catalog,
    placeholders,
    status,
)
from backend.i18n.extract import extract_survey_definition
from backend.surveys import load_survey
from backend.web.templating import make_environment
from locales import LOCALES_DIR
from survey_definitions import DEFINITIONS_DIR, definition_path

TRANSLATED = [code for code in LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract_catalog()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_has_every_code_and_survey_string_translated(template, lang):
    s = status(lang, template)
    assert s.missing_ids == (), f"{lang}: untranslated {s.missing_ids[:10]}"
    assert s.fuzzy_ids == (), f"{lang}: fuzzy (not used at run time) {s.fuzzy_ids[:10]}"
    assert s.broken_placeholders == (), f"{lang}: lost placeholders {s.broken_placeholders}"
    assert s.translated == s.total > 250


def test_extraction_covers_the_2026_survey_in_both_variants(template):
    survey = load_survey(definition_path(2026)).definition
    wanted = {survey.edition.title}
    for section in survey.sections:
        wanted |= {section.label("standard"), section.label("easy_read")}
    for q in survey.questions:
        for variant in ("standard", "easy_read"):
            wanted.add(q.wording(variant))
            if q.help_text(variant):
                wanted.add(q.help_text(variant))
            wanted |= {o.label(variant) for o in survey.options_for(q)}
    assert wanted <= {m.id for m in template}


def test_extractor_names_the_question_id_and_field_in_each_comment():
    path = definition_path(2026)
    with path.open("rb") as handle:
        found = list(extract(extract_survey_definition, handle))
    comments: dict[str, set[str]] = {}
    for _lineno, message, notes, _context in found:
        comments.setdefault(message, set()).update(notes)
    for q in load_survey(path).definition.questions:
        assert f"question {q.id}: text" in comments[q.text]
        assert f"question {q.id}: easy_read" in comments[q.easy_read]
        for option in q.options:
            assert f"question {q.id}, option {option.value}: text" in comments[option.text]
    source_lines = path.read_text(encoding="utf-8").splitlines()
    for lineno, message, _notes, _context in found:
        assert message in source_lines[lineno - 1].replace('\\"', '"')


def test_extractor_takes_codebook_theme_labels():
    with (DEFINITIONS_DIR / "codebook.toml").open("rb") as handle:
        found = {message: notes for _l, message, notes, _c in extract(
            extract_survey_definition, handle)}
    assert "theme knife_crime: label" in found["Knife crime"]
    assert "Neglect and abuse" in found


def _write_catalog(root: Path, lang: str, entries: dict[str, tuple[str, bool]]) -> None:
    catalog = Catalog(locale=lang, domain="messages")
    for msgid, (msgstr, fuzzy) in entries.items():
        catalog.add(msgid, msgstr, flags=["fuzzy"] if fuzzy else [],
                    user_comments=[DRAFT_MARK] if msgstr else [])
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, catalog)


def test_status_finds_missing_fuzzy_and_lost_placeholders(tmp_path):
    template = Catalog()
    for msgid in ("Hello %(name)s", "Page {n}", "Yes", "No", "Maybe"):
        template.add(msgid)
    _write_catalog(tmp_path, "pl", {
        "Hello %(name)s": ("Cześć", False),       # lost %(name)s
        "Page {n}": ("Strona {n}", False),
        "Yes": ("Tak", True),                     # fuzzy
        "No": ("", False),                        # empty
    })                                            # "Maybe" absent
    s = status("pl", template, tmp_path)
    assert (s.total, s.translated, s.fuzzy, s.missing, s.drafts) == (5, 2, 1, 2, 2)
    assert s.broken_placeholders == ("Hello %(name)s",)
    assert set(s.missing_ids) == {"No", "Maybe"}


def test_placeholders_are_found_in_all_three_styles():
    assert placeholders("%(n)d of %(total)d, %s and {name}") == [
        "%(n)d", "%(total)d", "%s", "{name}"]
    assert placeholders("100% sure") == []


def test_every_draft_translation_is_marked_for_review_in_the_po_files():
    for lang in TRANSLATED:
        catalog = load_catalog(lang)
        entries = [m for m in catalog if m.id]
        assert all(m.string for m in entries)
        unmarked = [m.id for m in entries if DRAFT_MARK not in " ".join(m.user_comments)]
        assert unmarked == [], f"{lang}: translations without a review status {unmarked[:5]}"


# CLDR plural categories in gettext's order for each language (pt: as in Portugal, n != 1).
_CATEGORIES = {
    "ta": ("one", "other"), "ur": ("one", "other"), "pt": ("one", "other"),
    "pl": ("one", "few", "many"),
    "ar": ("zero", "one", "two", "few", "many", "other"),
}
_CLDR = {"pt": "pt_PT"}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_header_agrees_with_cldr(lang):
    catalog = load_catalog(lang)
    categories = _CATEGORIES[lang]
    assert catalog.num_plurals == len(categories)
    choose = gettext.c2py(catalog.plural_expr)
    rule = Locale.parse(_CLDR.get(lang, lang)).plural_form
    for n in range(0, 1001):
        assert categories[choose(n)] == rule(n), (lang, n)


def test_report_command_lists_counts_per_language():
    result = CliRunner().invoke(main, ["translations", "report", "--strict"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split() for line in result.output.splitlines()[1:6]}
    assert set(lines) == set(TRANSLATED)
    for fields in lines.values():
        total, translated, fuzzy, missing, drafts = map(int, fields[-5:])
        assert total == translated and fuzzy == missing == 0 and drafts == translated


def test_compiled_catalogs_load_and_leave_out_fuzzy_entries(tmp_path):
    shutil.copytree(LOCALES_DIR / "pl", tmp_path / "pl")
    po = tmp_path / "pl" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="pl")
    catalog["No"].flags.add("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog)
    (mo,) = compile_catalogs(tmp_path)
    with mo.open("rb") as handle:
        compiled = Translations(fp=io.BytesIO(handle.read()))
    assert compiled.gettext("Yes") == "Tak"
    assert compiled.gettext("No") == "No"


def test_runtime_catalogs_translate_interface_and_survey_text():
    assert translations("pl").gettext("Exit this page") == "Wyjdź z tej strony"
    assert translations("ar").gettext("How safe do you feel at school?").startswith("ما مدى")
    assert translations("en").gettext("Yes") == "Yes"


def test_dates_and_numbers_follow_the_language():
    day = dt.date(2026, 1, 12)
    assert format_date(day, lang="en") == "12 January 2026"
    assert "stycznia" in format_date(day, lang="pl")
    assert "janeiro" in format_date(day, lang="pt")
    assert "يناير" in format_date(day, lang="ar")
    assert format_number(1234.5, "pl").replace("\xa0", " ") == "1 234,5"
    assert format_number(1234.5, "pt") == "1.234,5"
    assert format_percent(0.25, "en") == "25%"
    assert "25" in format_percent(0.25, "ar")


def test_template_filters_use_the_page_language():
    env = make_environment()
    page = env.from_string(
        "{{ day | format_date }} {{ n | format_number }} {{ p | format_percent }}"
    )
    text = page.render(lang="pl", day=dt.date(2026, 1, 12), n=1234.5, p=0.5)
    assert text.replace("\xa0", " ") == "12 stycznia 2026 1 234,5 50%"
    trans = env.from_string("{% trans %}\n  Exit this\n  page\n{% endtrans %}")
    assert trans.render(lang="pl") == "Wyjdź z tej strony"


def test_template_gettext_formats_and_escapes_in_the_page_language():
    """_(), {% trans %} and ngettext fill in variables, escaping them in HTML templates only."""
    env = make_environment()
    html = env.from_string(
        '{{ _("Question %(n)d of %(total)d", n=2, total=9) }}|'
        "{% trans title=t %}Error: {{ title }}{% endtrans %}|"
        '{{ ngettext("%(num)s answer", "%(num)s answers", 3) }}|{{ _("Start now") }}'
    )
    text = html.render(lang="pl", t="<b>&</b>")
    question, error, plural, start = text.split("|")
    assert question == translations("pl").gettext("Question %(n)d of %(total)d") % {
        "n": 2, "total": 9}
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in error and "<b>" not in error
    assert plural.startswith("3 ")
    assert start == translations("pl").gettext("Start now") != "Start now"
    text_env = make_environment()
    text_env.autoescape = False  # a plain-text template: nothing to escape
    plain = text_env.from_string("{% trans title=t %}Error: {{ title }}{% endtrans %}")
    assert plain.render(lang="en", t="<b>&</b>") == "Error: <b>&</b>"


_PLACEHOLDER_OR_ISOLATE = re.compile(r"%\(\w+\)[sd]|\u2068[^\u2069]*\u2069")


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_latin_words_inside_rtl_translations_are_isolated(lang):
    """An English name inside Urdu or Arabic sits in FSI..PDI, so its brackets and
    full stops land on the right side of it."""
    for message in load_catalog(lang):
        if message.id and isinstance(message.string, str):
            bare = _PLACEHOLDER_OR_ISOLATE.sub("", message.string)
            assert not re.search("[A-Za-z]", bare), (message.id, message.string)
