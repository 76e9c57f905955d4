"""Parents and pupils told first: the parent information letter and the pupil assent text.

Plain data in, PDF bytes out. The backend gathers the school, the survey window and the
contacts, and formats the dates in the reader's language; everything here is wording and
layout. Every sentence goes through the ``gettext`` the caller passes, so one builder writes
the letter in all six languages (shaped and right to left through ``PdfDoc``).

The opt-out slip asks for the pupil's name on paper only: it goes back to the school office
and never into feelsafe, and the letter says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.documents._i18n import Gettext, TranslationsLike, as_gettext
from analysis.documents._pdf import _ACCENT, _MUTED, PdfDoc
from analysis.documents.content import (
    CHILDLINE,
    EMERGENCY,
    Contact,
    local_contact_lines,
    signposting_lines,
)
from analysis.documents.fonts import fonts_for

__all__ = [
    "AssentInput",
    "LetterInput",
    "build_assent",
    "build_parent_letter",
    "parent_contact_lines",
]

SURVEY_MINUTES = 15
NSPCC_HELPLINE = "0808 800 5000"


@dataclass(frozen=True)
class LetterInput:
    """One school's parent letter. Dates arrive already written in ``lang``."""

    lang: str
    school: str
    year: int
    survey_title: str
    """The edition's English title (a msgid, translated here)."""
    opens_on: str
    closes_on: str
    opt_out_by: str
    partnership: str
    min_size: int
    contacts: Sequence[Contact] = ()
    data_contact: Contact | None = None
    """Who answers questions about how answers are stored and used; without one, parents
    ask the school office."""
    fonts_dir: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class AssentInput:
    """The pupil assent text for one language (the same for every school)."""

    lang: str
    year: int
    survey_title: str
    partnership: str
    min_size: int
    contacts: Sequence[Contact] = ()
    fonts_dir: Path | None = field(default=None, compare=False)


def parent_contact_lines(contacts: Sequence[Contact], _: Gettext) -> list[str]:
    """Where a parent or carer can turn: 999, the NSPCC helpline, Childline, local contacts."""
    lines = [
        _("In an emergency, or if a child is in danger now, call {phone}.").format(
            phone=EMERGENCY),
        _("NSPCC helpline, for any adult worried about a child: {phone}.").format(
            phone=NSPCC_HELPLINE),
        _("Childline, for children and young people: {phone}, free and confidential, any "
          "time.").format(phone=CHILDLINE),
    ]
    return lines + local_contact_lines(contacts, _)


def _contact_detail(contact: Contact) -> str:
    return ", ".join(x for x in (contact.name, contact.phone, contact.url, contact.description)
                     if x)


def _cut_line(doc: PdfDoc, label: str) -> None:
    """A dashed line across the page with "cut here" beside it: where the slip comes off."""
    pdf = doc.pdf
    doc.space(4)
    y = pdf.get_y()
    pdf.set_draw_color(*_MUTED)
    pdf.set_line_width(0.4)
    pdf.set_dash_pattern(dash=3, gap=2)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_dash_pattern()
    pdf.set_line_width(0.2)
    doc.space(1.5)
    pdf.set_text_color(*_MUTED)
    doc._write(label, doc.base * 0.8)
    pdf.set_text_color(11, 12, 12)
    doc.space(3)


def _fill_line(doc: PdfDoc, label: str) -> None:
    """A label and a ruled line under it to write on."""
    pdf = doc.pdf
    doc._write(label, doc.base)
    doc.space(7)
    pdf.set_draw_color(*_MUTED)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    doc.space(4)


def _title(doc: PdfDoc, text: str) -> None:
    doc.pdf.set_text_color(*_ACCENT)
    doc._write(text, doc.base * 1.7, bold=True)
    doc.pdf.set_text_color(11, 12, 12)
    doc.space(3)


def build_parent_letter(
    data: LetterInput, translations: Gettext | TranslationsLike | None = None
) -> bytes:
    """The letter to parents and carers, with the opt-out slip at the end, as PDF bytes."""
    _ = as_gettext(translations)
    title = _(data.survey_title)
    heading = _("The feeling safe survey: information for parents and carers")
    doc = PdfDoc(fonts_for(data.lang, data.fonts_dir), title=heading,
                 footer=f"{data.partnership} · {data.school}", author=data.partnership)
    _title(doc, heading)
    doc.para(f"{data.school} · {title}", bold=True)
    doc.para(_("Dear parent or carer,"))
    doc.para(_("Between {opens} and {closes}, pupils at {school} will be invited to take part "
               "in the {partnership}'s feeling safe survey. We are writing to tell you about "
               "it before it starts, and how to say no if you do not want your child to take "
               "part.").format(opens=data.opens_on, closes=data.closes_on, school=data.school,
                               partnership=data.partnership))

    doc.heading(_("What the survey is"), 2)
    doc.para(_("The survey asks young people how safe they feel at school, in their local "
               "area, when travelling, online and at home, and what would help them feel "
               "safer. It takes about {minutes} minutes, in a lesson, on a school device or on "
               "paper. It can be answered in English, Tamil, Urdu, Polish, Portuguese or "
               "Arabic, and there is an easy-read version.").format(minutes=SURVEY_MINUTES))

    doc.heading(_("It is anonymous"), 2)
    doc.bullets([
        _("Pupils are not asked for their name. No names, email addresses or pupil numbers "
          "are collected."),
        _("No IP addresses or device details are recorded. Answers are stored with the "
          "school and the date only."),
        _("If a pupil writes a name, phone number or address in a written answer, it is "
          "removed before the answer is stored."),
    ])

    doc.heading(_("Taking part is voluntary"), 2)
    doc.bullets([
        _("Your child does not have to take part, and nobody will mind if they do not."),
        _("Pupils can skip any question, choose “I'd rather not say”, or stop at any time, "
          "without giving a reason."),
        _("Pupils who do not take part are given another activity in the lesson."),
    ])

    doc.heading(_("How the answers are used"), 2)
    doc.para(_("Answers are only ever reported added together. A result for a group of fewer "
               "than {n} pupils is never shown, so nobody can work out how one pupil "
               "answered.").format(n=data.min_size))
    doc.para(_("The {partnership}, schools and partner services use the findings to plan "
               "their work. Findings are discussed in workshops with young people and "
               "published as “You said, we did”. A written comment is quoted only after a "
               "reviewer has checked it, with anything that could identify someone taken "
               "out.").format(partnership=data.partnership))

    doc.heading(_("If a pupil writes something worrying"), 2)
    doc.para(_("Because the survey is anonymous, nobody can tell who wrote an answer, and "
               "nobody will try to find out. Written answers are checked for signs that a "
               "child may not be safe. If an answer suggests this, a safeguarding lead at the "
               "partnership sees it, with only the school and the date, and agrees with the "
               "school what to do, for example reminding pupils where to get help."))
    doc.para(_("Every pupil is shown where to get help during and after the survey. If your "
               "child tells you something that worries you, or you are worried about them, "
               "speak to the school's Designated Safeguarding Lead."))

    doc.heading(_("How to opt out"), 2)
    doc.para(_("If you do not want your child to take part, fill in the slip at the end of "
               "this letter and return it to the school office by {date}. You can also tell "
               "the school office or your child's teacher by that date.").format(
                   date=data.opt_out_by), bold=True)
    doc.para(_("Your child can also decide for themselves, on the day, not to take part. "
               "Because the answers are anonymous, they cannot be taken back once they have "
               "been sent."))

    doc.heading(_("Questions and contacts"), 2)
    doc.bullets([
        _("About the survey at {school}: the school office.").format(school=data.school),
        (_("About how answers are stored and used: {contact}.").format(
            contact=_contact_detail(data.data_contact)) if data.data_contact else
         _("About how answers are stored and used: ask the school office, who will pass "
           "your question to the {partnership}.").format(partnership=data.partnership)),
    ])
    doc.para(_("If you are worried about a child:"), bold=True)
    doc.bullets(parent_contact_lines(data.contacts, _))
    doc.para(_("Thank you for your support."))
    doc.para(_("Yours sincerely,"))
    doc.para(data.partnership, bold=True)

    _opt_out_slip(doc, data, _)
    return doc.output()


def _opt_out_slip(doc: PdfDoc, data: LetterInput, _: Gettext) -> None:
    pdf = doc.pdf
    if pdf.get_y() + 150 > pdf.page_break_trigger:  # the slip comes off whole
        pdf.add_page()
    _cut_line(doc, _("Cut or tear along this line and return the slip to the school."))
    doc.para(_("Opt-out slip: feeling safe survey {year}").format(year=data.year), bold=True)
    doc.para(_("Return this slip to the school office at {school} by {date}.").format(
        school=data.school, date=data.opt_out_by))
    doc.para(_("I do not want my child to take part in the feeling safe survey."), bold=True)
    for label in (_("Pupil's name"), _("Class or form"), _("Parent or carer's name"),
                  _("Signature and date")):
        _fill_line(doc, label)
    pdf.set_text_color(*_MUTED)
    doc._write(_("This slip stays at the school, which uses it only to give your child another "
                 "activity. Your child's name is never entered into the survey system or "
                 "passed to the partnership."), doc.base * 0.85)
    pdf.set_text_color(11, 12, 12)


def build_assent(data: AssentInput, translations: Gettext | TranslationsLike | None = None
                 ) -> bytes:
    """What pupils are told before they start, to read aloud or hand out, as PDF bytes.

    A standard version and an easy-read version (larger type) on its own page.
    """
    _ = as_gettext(translations)
    heading = _("Before you start: the feeling safe survey")
    doc = PdfDoc(fonts_for(data.lang, data.fonts_dir), title=heading,
                 footer=f"{data.partnership} · {_(data.survey_title)}", author=data.partnership)
    _title(doc, heading)
    doc.panel(_("For the teacher"), [
        _("Read this aloud to the class before the survey starts, or give it to pupils to "
          "read. Make sure every pupil knows they can say no."),
        _("Pupils whose parents or carers have opted them out do not take part: give them "
          "another activity."),
    ])
    doc.para(_("We want to know how safe you feel at school, where you live, online and at "
               "home, and what would help you feel safer."))
    doc.bullets([
        _("You do not have to take part. It is your choice, and you will not get into trouble "
          "if you say no."),
        _("It is anonymous. We do not ask your name, and nobody can tell which answers are "
          "yours."),
        _("Do not write your name or anyone else's name in your answers."),
        _("You can skip any question, or choose “I'd rather not say”."),
        _("You can stop at any time."),
        _("Your answers are added together with everyone else's. We never show results for a "
          "group of fewer than {n} people.").format(n=data.min_size),
        _("If you write something that makes us think someone may not be safe, a safeguarding "
          "lead will read it. They cannot tell who wrote it, so if you need help, tell "
          "someone yourself."),
        _("Once you send your answers, they cannot be taken back or changed, because nobody "
          "knows which answers are yours."),
        _("It takes about 15 minutes. There is no time limit."),
    ])
    doc.heading(_("Where to get help"), 2)
    doc.bullets(signposting_lines(data.contacts, _))
    doc.para(_("Do you want to take part? If yes, you can start. If not, tell your teacher."),
             bold=True)

    doc.page_break()
    doc.base = 15.0
    _title(doc, _("Easy read: before you start"))
    for line in (
        _("This survey asks how safe you feel."),
        _("You choose if you take part."),
        _("Do not write your name."),
        _("You can skip any question."),
        _("You can stop at any time."),
        _("Nobody will know which answers are yours."),
        _("If you feel worried, tell an adult you trust."),
        _("Or call Childline: {phone}. It is free.").format(phone=CHILDLINE),
    ):
        doc.para(line)
        doc.space(1.5)
    return doc.output()
