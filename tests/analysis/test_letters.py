"""The letter and assent builders alone: plain data in, a PDF that says the right things out."""

from __future__ import annotations

import io

from pypdf import PdfReader

from analysis.documents.content import Contact
from analysis.documents.letters import (
    AssentInput,
    LetterInput,
    build_assent,
    build_parent_letter,
    parent_contact_lines,
)

CONTACTS = [Contact("Testbridge MASH", "020 0000 0000", description="Local help.")]


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _letter(**changes) -> LetterInput:
    base = dict(lang="en", school="Hillcrest Academy", year=2027, survey_title="Feeling safe 2027",
                opens_on="1 March 2027", closes_on="26 March 2027", opt_out_by="22 February 2027",
                partnership="Testbridge Partnership", min_size=12, contacts=CONTACTS)
    return LetterInput(**{**base, **changes})


def test_letter_uses_every_input_and_ends_with_the_slip():
    text = _text(build_parent_letter(_letter(
        data_contact=Contact("Data Protection Officer", "020 1111 2222", "dpo@test.invalid"))))
    for part in ("Between 1 March 2027 and 26 March 2027, pupils at Hillcrest Academy",
                 "Testbridge Partnership's feeling safe survey", "fewer than 12 pupils",
                 "by 22 February 2027", "Data Protection Officer, 020 1111 2222, dpo@test.invalid",
                 "Testbridge MASH: 020 0000 0000. Local help.", "NSPCC helpline",
                 "Childline, for children and young people: 0800 1111"):
        assert part in text, part
    assert text.index("Yours sincerely") < text.index("Opt-out slip: feeling safe survey 2027")
    assert text.index("Opt-out slip") < text.index("never entered into the survey system")


def test_letter_is_translated_through_the_gettext_given():
    drafts = {"Dear parent or carer,": "Szanowni Rodzice i Opiekunowie,"}
    text = _text(build_parent_letter(_letter(lang="pl"), lambda s: drafts.get(s, s)))
    assert "Szanowni Rodzice i Opiekunowie," in text and "Dear parent" not in text


def test_same_inputs_give_the_same_bytes():
    """Cache keys rest on this: no build time or random id in the PDF."""
    assert build_parent_letter(_letter()) == build_parent_letter(_letter())


def test_assent_has_a_standard_and_an_easy_read_page():
    data = build_assent(AssentInput("en", 2027, "Feeling safe 2027", "Testbridge Partnership",
                                    12, CONTACTS))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) == 2
    assert "You do not have to take part" in pages[0] and "fewer than 12 people" in pages[0]
    assert "Testbridge MASH" in pages[0]
    assert pages[1].startswith("Easy read: before you start")
    assert "Or call Childline: 0800 1111. It is free." in pages[1]


def test_parent_contacts_start_with_emergency_help():
    lines = parent_contact_lines(CONTACTS, lambda s: s)
    assert lines[0].startswith("In an emergency") and "999" in lines[0]
    assert lines[-1] == "Testbridge MASH: 020 0000 0000. Local help."
