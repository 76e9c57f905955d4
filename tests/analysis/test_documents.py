"""Document builders: sentences refuse hidden cells; PDFs and decks show what they should."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from analysis.disclosure import suppress_counts
from analysis.documents import (
    BarChartSpec,
    Contact,
    KeyFinding,
    Proportion,
    Quote,
    SuppressedCellError,
    WorkshopInput,
    build_workshop,
    finding_sentence,
    finding_sentences,
    share_phrase,
)
from analysis.documents.fonts import FONTS_DIR, SCRIPT_FONTS
from analysis.documents.toolkit import ThemeVote, ToolkitInput, build_toolkit, top_themes
from tests.pdf_helpers import embedded_fonts, pdf_text

ROOT = Path(__file__).resolve().parents[2]

# Raw counts chosen so the hidden ones are easy to spot: 3 (primary) and its secondary partner.
RAW = {"Very unsafe": 3, "Unsafe": 41, "Neither": 67, "Safe": 214, "Very safe": 98,
       "Not answered": 17}
TABLE = suppress_counts(RAW, 10)
PREVIOUS = suppress_counts({"Very unsafe": 20, "Unsafe": 40, "Neither": 60, "Safe": 300,
                            "Very safe": 160, "Not answered": 20}, 10)


def _finding(table=TABLE, previous=PREVIOUS, group="pupils in Years 10-11", theme="general_safety"):
    prop = Proportion([table.cells["Safe"], table.cells["Very safe"]], table.total)
    prev = Proportion([previous.cells["Safe"], previous.cells["Very safe"]], previous.total)
    return KeyFinding(group, "said they feel safe in their area after dark", prop, prev, theme)


# --------------------------------------------------------------------------- sentences


def test_share_phrase_rounds_to_tenths_with_honest_ends():
    assert share_phrase(61, 100) == "6 in 10"
    assert share_phrase(65, 100) == "7 in 10"
    assert share_phrase(3, 100) == "fewer than 1 in 10"
    assert share_phrase(97, 100) == "more than 9 in 10"
    assert share_phrase(40, 40) == "all"
    assert share_phrase(0, 40) == "none"
    assert share_phrase(0, 40, subject=True) == "none of the"


def test_sentence_reads_like_the_issue_example():
    now = suppress_counts({"safe": 60, "not": 40}, 10)
    before = suppress_counts({"safe": 70, "not": 30}, 10)
    finding = KeyFinding(
        "pupils in Years 10-11", "said they feel safe in their area after dark",
        Proportion([now.cells["safe"]], now.total), Proportion([before.cells["safe"]],
                                                                before.total))
    assert finding_sentence(finding) == (
        "6 in 10 pupils in Years 10-11 said they feel safe in their area after dark, "
        "down from 7 in 10 last year.")


def test_a_share_of_nobody_reads_as_english():
    none = suppress_counts({"safe": 0, "not": 40}, 10)
    before = suppress_counts({"safe": 0, "not": 30}, 10)
    finding = KeyFinding("pupils", "said they feel safe",
                         Proportion([none.cells["safe"]], none.total),
                         Proportion([before.cells["safe"]], before.total))
    assert finding_sentence(finding) == (
        "None of the pupils said they feel safe, the same as last year.")


def test_sentence_refuses_a_suppressed_cell():
    assert TABLE.cells["Very unsafe"].suppressed
    hidden = KeyFinding("pupils", "said they feel very unsafe",
                        Proportion([TABLE.cells["Very unsafe"]], TABLE.total))
    with pytest.raises(SuppressedCellError):
        finding_sentence(hidden)
    small = suppress_counts({"yes": 4, "no": 3}, 10)  # whole group below the threshold
    with pytest.raises(SuppressedCellError):
        finding_sentence(KeyFinding("pupils", "said yes",
                                    Proportion([small.cells["yes"]], small.total)))
    written = finding_sentences([hidden, _finding()])
    assert [f for f, _s in written] == [_finding()]


def test_a_question_nobody_answered_gives_no_sentence_rather_than_an_error():
    """A new edition with no responses yet: its toolkit still builds, without findings."""
    empty = suppress_counts({"yes": 0, "no": 0}, 10)
    nobody = KeyFinding("pupils", "said yes", Proportion([empty.cells["yes"]], empty.total))
    assert finding_sentences([nobody]) == []


def test_a_hidden_previous_year_drops_only_the_comparison():
    prev = suppress_counts({"Safe": 4, "Very safe": 3, "other": 2}, 10)
    finding = _finding(previous=prev)
    assert finding_sentence(finding).endswith("after dark.")


def test_sentences_are_translated_through_gettext():
    catalog = {"{share} {group} {statement}, down from {previous} last year.":
               "[{share}|{group}|{statement}|{previous}]", "{n} in 10": "{n}/10"}
    text = finding_sentence(_finding(), lambda s: catalog.get(s, s))
    assert text == ("[7/10|pupils in Years 10-11|said they feel safe in their area after dark"
                    "|8/10]")


# --------------------------------------------------------------------------- workshop pack


@pytest.fixture(scope="module")
def workshop():
    spec = BarChartSpec("How safe do you feel in your local area after dark?", list(TABLE.cells),
                        list(TABLE.cells.values()), source="safe_area_dark")
    data = WorkshopInput(
        year=2026, theme="general_safety", theme_label="Feeling safe in the area",
        scope="Sutton", findings=[_finding()], charts=[spec],
        quotes=[Quote("More lights in the park would help.", True, 40),
                Quote("UNAPPROVED words from a pupil", False, 40),
                Quote("Approved but from a tiny group", True, 4)],
        contacts=[Contact("Sutton MASH", "020 8770 6001")], partnership="Sutton LSCP")
    return build_workshop(data)


def test_workshop_pdf_shows_findings_and_hides_what_must_be_hidden(workshop, tmp_path):
    text = pdf_text(workshop.pdf)
    flat = " ".join(text.split())
    assert ("7 in 10 pupils in Years 10-11 said they feel safe in their area after dark, "
            "down from 8 in 10 last year.") in flat
    assert "More lights in the park would help." in flat
    assert "UNAPPROVED" not in flat and "tiny group" not in flat
    hidden = [k for k, c in TABLE.cells.items() if c.suppressed]
    assert len(hidden) >= 2
    for label in hidden:
        assert f"{label}: c" in flat  # the chart's text alternative marks it c
        pct = 100 * RAW[label] / sum(RAW.values())
        assert f"{label}: {pct:.0f}%" not in flat
    for part in ("Part 1: for the facilitator", "Setting up a safe space", "No personal stories",
                 "Fictional scenarios", "The right to pass", "Anonymous question box",
                 "Part 2: pupil pages", "What's behind this?", "Ideas for change",
                 "You told us, our response", "Where to get help", "0800 1111", "999",
                 "Sutton MASH: 020 8770 6001"):
        assert part.lower() in flat.lower(), part
    # Facilitator pages come before pupil pages.
    assert flat.index("Part 1: for the facilitator") < flat.index("Part 2: pupil pages")
    assert all(embedded_fonts(workshop.pdf).values())
    (tmp_path / "pack.pdf").write_bytes(workshop.pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1",
                    str(tmp_path / "pack.pdf"), str(tmp_path / "page")], check=True)
    pages = list(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 1000


def test_workshop_deck_has_pupil_slides_and_facilitator_notes(workshop):
    prs = Presentation(io.BytesIO(workshop.pptx))
    titles = [s.shapes.title.text for s in prs.slides]
    for expected in ("Our ground rules", "What you told us", "In your words",
                     "Activity 1: the headline", "Activity 2: what's behind this?",
                     "Activity 3: ideas for change", "You told us, our response",
                     "Where to get help"):
        assert expected in titles
    assert any(s.shapes.title.text == "What you told us" and any(
        sh.shape_type == 13 for sh in s.shapes) for s in prs.slides)  # the chart picture
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip()
        on_slide = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert notes not in on_slide
    all_text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes
                        if sh.has_text_frame)
    assert "UNAPPROVED" not in all_text


# --------------------------------------------------------------------------- toolkit

VOTES = suppress_counts({"knife_crime": 210, "online_safety": 180, "bullying": 150,
                         "hate_crime": 4, "support": 60}, 10)
# Draft translations (for native-speaker review) of a few strings, enough to prove shaping.
DRAFTS = {
    "ta": {"Your role as a Safeguarding Ambassador": "பாதுகாப்பு தூதராக உங்கள் பங்கு",
           "Where to get help": "உதவி எங்கே கிடைக்கும்"},
    "ur": {"Your role as a Safeguarding Ambassador": "حفاظتی سفیر کے طور پر آپ کا کردار",
           "Where to get help": "مدد کہاں سے ملے"},
    "ar": {"Your role as a Safeguarding Ambassador": "دورك كسفير للحماية",
           "Where to get help": "أين تجد المساعدة"},
}
SCRIPTS = {"ta": r"[\u0B80-\u0BFF]", "ur": r"[\u0600-\u06FF]", "ar": r"[\u0600-\u06FF]"}


@pytest.fixture(scope="module")
def fonts_dir():
    for folder in (FONTS_DIR, Path("/usr/share/fonts/truetype/noto")):
        if all(list(folder.glob(f"{f}*.ttf")) for f in SCRIPT_FONTS.values()):
            return folder
    pytest.skip("no Tamil/Urdu/Arabic fonts installed")


def _toolkit(lang, fonts_dir, top=3):
    votes = [ThemeVote(k, k.replace("_", " ").capitalize(), c) for k, c in VOTES.cells.items()]
    data = ToolkitInput(2026, lang, votes, [_finding(theme="knife_crime")],
                        [Contact("Sutton MASH", "020 8770 6001")], "Sutton LSCP", top=top,
                        fonts_dir=fonts_dir)
    drafts = DRAFTS.get(lang, {})
    return zipfile.ZipFile(io.BytesIO(build_toolkit(data, lambda s: drafts.get(s, s))))


def test_top_themes_rank_only_shown_counts():
    votes = [ThemeVote(k, k, c) for k, c in VOTES.cells.items()]
    assert [v.theme for v in top_themes(votes)] == ["knife_crime", "online_safety", "bullying"]


def test_english_toolkit_has_every_part(fonts_dir):
    zf = _toolkit("en", fonts_dir)
    names = [n.split("/", 1)[1] for n in zf.namelist()]
    for theme in ("knife_crime", "online_safety", "bullying"):
        assert any(n.endswith(f"{theme}.pdf") for n in names)
        assert any(n.endswith(f"{theme}-send.pdf") for n in names)
        assert any(n.endswith(f"{theme}-send.pptx") for n in names)
    assert not any("hate_crime" in n for n in names)
    texts = {n: pdf_text(zf.read(n)) for n in zf.namelist() if n.endswith(".pdf")}
    joined = " ".join(" ".join(t.split()) for t in texts.values())
    for part in ("educate, do not counsel", "Designated Safeguarding Lead", "Training day plan",
                 "Did you know?", "7 in 10 pupils in Years 10-11", "Campaign planner",
                 "0800 1111", "Guide for the staff coordinator",
                 "What to do if you are worried about someone"):
        assert part in joined, part
    for name in zf.namelist():
        if name.endswith(".pptx"):
            prs = Presentation(io.BytesIO(zf.read(name)))
            assert len(prs.slides) >= 5
            assert all(s.notes_slide.notes_text_frame.text for s in prs.slides)


@pytest.mark.parametrize("lang", ["ta", "ur", "ar"])
def test_toolkit_in_tamil_urdu_arabic_is_shaped_embedded_and_directed(lang, fonts_dir):
    zf = _toolkit(lang, fonts_dir, top=1)
    role = next(n for n in zf.namelist() if n.endswith("01-role-and-limits.pdf"))
    data = zf.read(role)
    assert re.search(SCRIPTS[lang], pdf_text(data))
    fonts = embedded_fonts(data)
    assert all(fonts.values())
    assert any(SCRIPT_FONTS[lang] in name for name in fonts)
    deck = next(n for n in zf.namelist() if n.endswith(".pptx"))
    xml = b"".join(zf.read(deck) for _ in [0])
    slides = Presentation(io.BytesIO(xml)).slides
    rtl = [p._p.pPr.get("rtl") if p._p.pPr is not None else None
           for s in slides for sh in s.shapes if sh.has_text_frame
           for p in sh.text_frame.paragraphs]
    assert (set(rtl) == {"1"}) == (lang in {"ur", "ar"})
