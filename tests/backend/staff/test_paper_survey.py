"""The paper survey: every language and version prints, shaped, with fonts embedded."""

from __future__ import annotations

import io
import subprocess

import pypdf
import pytest

from analysis.documents.paper import PaperQuestion, PaperSurvey, build_paper_survey
from backend.i18n import translations
from backend.staff.paper import paper_survey
from backend.surveys import load_survey
from survey_definitions import DEFINITIONS_DIR
from tests.backend.staff.helpers import make_user, session_for, use_session

SURVEY = load_survey(DEFINITIONS_DIR / "2026-feeling-safe.toml")
SCRIPTS = {"ta": (0x0B80, 0x0BFF), "ur": (0x0600, 0x06FF), "ar": (0x0600, 0x06FF)}


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _embedded_fonts(pdf: bytes) -> int:
    return pdf.count(b"/FontFile2")


@pytest.mark.parametrize("variant", ["standard", "easy_read"])
@pytest.mark.parametrize("lang", ["en", "ta", "ur", "ar"])
def test_paper_survey_prints_in_each_language(lang, variant, tmp_path):
    data = paper_survey(SURVEY, lang, variant, "TST")
    pdf = build_paper_survey(data)
    assert pdf.startswith(b"%PDF")
    assert _embedded_fonts(pdf) >= 1
    text = _text(pdf)
    first = data.sections[0][1][0]
    # Every question is numbered and each one's options are offered as tick boxes.
    assert len([q for _, qs in data.sections for q in qs]) == len(SURVEY.definition.questions)
    _ = translations(lang).gettext
    assert _("I'd rather not say") in data.sections[0][1][0].options or not first.options
    if variant == "easy_read":
        assert any(_("I don't understand") in q.options for _s, qs in data.sections for q in qs)
    if lang == "en":
        assert first.text.split()[0] in text
    else:
        lo, hi = SCRIPTS[lang]
        assert sum(lo <= ord(c) <= hi for c in text) > 200, "script text missing from the PDF"
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(path),
                           str(tmp_path / "page")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "rror" not in done.stderr
    assert list(tmp_path.glob("page*.png"))


def test_follow_up_questions_say_when_to_answer_them():
    data = paper_survey(SURVEY, "en", "standard")
    follow_ups = [q for _, qs in data.sections for q in qs if q.follow_up]
    conditional = [q for q in SURVEY.definition.questions if q.show_if]
    assert len(follow_ups) == len(conditional) > 0
    assert all(q.follow_up.startswith("If you answered") for q in follow_ups)
    text = _text(build_paper_survey(data))
    assert "If you answered" in text


def test_easy_read_symbols_are_drawn_and_a_bad_one_is_skipped(tmp_path):
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg this is not xml")
    questions = [PaperQuestion(1, "Do you feel safe?", options=["Yes", "No"], symbol=bad),
                 PaperQuestion(2, "Tell us more", free_text=True)]
    survey = PaperSurvey(lang="en", title="Paper", sections=[("Safety", questions)],
                         easy_read=True)
    text = _text(build_paper_survey(survey))
    assert "Do you feel safe?" in text and "Tell us more" in text
    with_symbols = paper_survey(SURVEY, "en", "easy_read")
    assert any(q.symbol and q.symbol.is_file() for _, qs in with_symbols.sections for q in qs)


def test_send_lead_downloads_the_paper_survey(sqlite_client):
    use_session(sqlite_client, session_for(make_user("send_lead")))
    reply = sqlite_client.get("/staff/send/paper?lang=ar&variant=easy_read")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/pdf"
    assert "attachment" in reply.headers["content-disposition"]
    assert _embedded_fonts(reply.content) >= 1
    assert sqlite_client.get("/staff/send/paper?lang=ar&variant=easy_read").content == reply.content
    assert sqlite_client.get("/staff/send/paper?lang=xx").status_code == 404
