"""The Safeguarding Ambassador toolkit for one language: a zip of PDFs and slide decks.

Contents: the role and its limits, a training-day plan, a session module (standard and
SEND-adapted, PDF and slides) for each theme pupils voted for most, "did you know" cards from the
latest findings, a campaign planner, signposting cards, the escalation flowchart and a guide for
the staff coordinator. Every string is translated with the gettext passed in.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.disclosure import Cell
from analysis.documents._i18n import Gettext, TranslationsLike, as_gettext
from analysis.documents._pdf import PdfDoc
from analysis.documents._pptx import Deck
from analysis.documents.content import (
    CHILDLINE,
    EMERGENCY,
    Contact,
    ground_rules,
    safe_space_setup,
    signposting_lines,
    theme_text,
)
from analysis.documents.fonts import fonts_for
from analysis.documents.sentences import KeyFinding, finding_sentences

__all__ = ["ThemeVote", "ToolkitInput", "build_toolkit", "top_themes"]

_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ThemeVote:
    """How many pupils chose a theme in the ``theme_vote`` question (a disclosure-controlled
    cell)."""

    theme: str
    label: str
    votes: Cell


@dataclass(frozen=True)
class ToolkitInput:
    year: int
    lang: str
    votes: Sequence[ThemeVote]
    findings: Sequence[KeyFinding]
    contacts: Sequence[Contact] = ()
    partnership: str = ""
    top: int = 3
    fonts_dir: Path | None = field(default=None, compare=False)


def top_themes(votes: Sequence[ThemeVote], n: int = 3) -> list[ThemeVote]:
    """The ``n`` most-voted themes, ranked on shown counts only (a hidden count is not ranked,
    so the order never reveals it)."""
    shown = [v for v in votes if not v.votes.suppressed and v.votes.count]
    return sorted(shown, key=lambda v: (-v.votes.count, v.theme))[:n]


class _Builder:
    def __init__(self, data: ToolkitInput, _: Gettext) -> None:
        self.d = data
        self._ = _
        self.fonts = fonts_for(data.lang, data.fonts_dir)
        self.footer = data.partnership

    def doc(self, title: str, *, large: bool = False) -> PdfDoc:
        doc = PdfDoc(self.fonts, title=title, footer=self.footer, large=large,
                     author=self.d.partnership)
        doc.heading(title)
        return doc

    # ------------------------------------------------------------------ documents

    def role(self) -> bytes:
        _ = self._
        doc = self.doc(_("Your role as a Safeguarding Ambassador"))
        doc.para(_("Safeguarding Ambassadors are sixth-formers who run sessions for younger "
                   "pupils on the themes young people chose in the feeling safe survey."))
        doc.heading(_("What you do"), 2)
        doc.bullets([
            _("Educate: run sessions and campaigns using this toolkit."),
            _("Raise awareness of what young people told the survey."),
            _("Signpost: make sure everyone knows where to get help."),
            _("Listen, and pass any worry to the Designated Safeguarding Lead (DSL)."),
        ])
        doc.heading(_("What you do not do"), 2)
        doc.bullets([
            _("You are not a counsellor: educate, do not counsel."),
            _("Do not investigate, ask for details or contact anyone involved."),
            _("Never promise to keep a secret."),
            _("Never run a session without the staff coordinator knowing."),
        ])
        doc.heading(_("If someone tells you something worrying"), 2)
        doc.bullets([
            _("Listen calmly. Do not ask leading questions."),
            _("Say that you have to pass it on to someone who can help."),
            _("Tell the Designated Safeguarding Lead the same day, in person."),
            _("Write down what they said in their own words, with the date, and give it to "
              "the DSL. Do not keep a copy."),
            _("If someone is in danger now, call {phone}.").format(phone=EMERGENCY),
        ], numbered=True)
        doc.heading(_("Looking after yourself"), 2)
        doc.para(_("Some topics are hard. Talk to your staff coordinator after any session "
                   "that worried you. Childline is there for you too: {phone}.").format(
                       phone=CHILDLINE))
        return doc.output()

    def training(self) -> bytes:
        _ = self._
        doc = self.doc(_("Training day plan"))
        doc.para(_("A one-day training for new ambassadors, led by the staff coordinator."))
        doc.table([_("Time"), _("Session"), _("What you will do")], [
            ["09:00", _("Welcome"), _("Ground rules, the role and its limits.")],
            ["09:45", _("The survey findings"), _("What young people said, and why some "
                                                   "numbers are hidden.")],
            ["10:45", _("Break"), ""],
            ["11:00", _("Safeguarding basics"), _("How to respond to a worry and pass it to the "
                                                   "DSL. Practise with made-up scenarios.")],
            ["12:30", _("Lunch"), ""],
            ["13:15", _("Running a session"), _("Safe space, fictional scenarios, the right to "
                                                 "pass, the anonymous question box.")],
            ["14:30", _("Practice"), _("Run part of a session module in pairs.")],
            ["15:15", _("Planning"), _("Start your campaign plan. Agree next steps.")],
        ])
        doc.heading(_("Safe space set-up"), 2)
        for heading, guidance in safe_space_setup(_):
            doc.para(heading, bold=True)
            doc.para(guidance)
        return doc.output()

    def session(self, vote: ThemeVote, *, send: bool) -> tuple[bytes, bytes]:
        _ = self._
        text = theme_text(vote.theme)
        label = _(vote.label)
        title = (_("SEND session: {theme}") if send else _("Session: {theme}")).format(
            theme=label)
        message = _(text.easy_message if send else text.key_message)
        scenario = _(text.easy_scenario if send else text.scenario)
        facts = [s for f, s in self.sentences if f.theme == vote.theme][: 2 if send else 3]
        help_lines = signposting_lines(self.d.contacts, _)
        if send:
            steps = [
                (_("Welcome and rules"), [_("We are kind."), _("You can say pass."),
                                          _("You can ask for a break.")]),
                (_("Today we talk about"), [label, message]),
                (_("Did you know?"), facts or [message]),
                (_("A story"), [scenario, _("How does this person feel?"),
                                _("Who can help?")]),
                (_("Getting help"), help_lines[:2]),
            ]
            notes = _("Use short sentences, pictures and objects. Check understanding after each "
                      "slide. Allow movement breaks and extra time. Anyone can pass.")
        else:
            steps = [
                (_("Our ground rules"), ground_rules(_)),
                (_("Today's theme"), [label, message]),
                (_("Did you know?"), facts or [message]),
                (_("What's behind this?"), [scenario, _("What might be going on for this "
                                                        "person?"),
                                            _("What could they do? Who could they talk to?")]),
                (_("Ideas for change"), [_(text.ideas_prompt)]),
                (_("Where to get help"), help_lines),
            ]
            notes = _("This is a made-up scenario. Keep discussion general: no personal stories. "
                      "Pass any worry to the DSL the same day.")
        doc = PdfDoc(self.fonts, title=title, footer=self.footer, large=send,
                     author=self.d.partnership)
        doc.heading(title)
        doc.heading(_("For the ambassador"), 2)
        doc.panel(_("Before you start"), [
            _("Agree the session with your staff coordinator, who tells the DSL."),
            _("Set out the anonymous question box."),
            notes,
        ])
        deck = Deck(self.d.lang, large=send)
        deck.title_slide(title, _("Feeling safe survey {year}").format(year=self.d.year),
                         notes)
        for heading, lines in steps:
            doc.heading(heading, 2)
            doc.bullets(lines)
            deck.bullets(heading, lines, notes)
        return doc.output(), deck.output()

    def cards(self) -> bytes:
        _ = self._
        doc = self.doc(_("Did you know? Cards"))
        doc.para(_("Cut out these cards for displays, assemblies and social media. Every number "
                   "comes from the feeling safe survey after disclosure control."))
        sentences = [s for _f, s in self.sentences]
        if not sentences:
            doc.para(_("There are no findings we can show yet."))
            return doc.output()
        doc.cards([(_("Did you know?"), s) for s in sentences])
        doc.para(_("Source: feeling safe survey {year}.").format(year=self.d.year), small=True)
        return doc.output()

    def planner(self) -> bytes:
        _ = self._
        doc = self.doc(_("Campaign planner"))
        doc.para(_("Plan one campaign a term on a theme young people chose."))
        doc.table([_("Step"), _("Our plan"), _("Who"), _("By when")], [
            [_("1. Pick a theme and one finding"), "", "", ""],
            [_("2. Decide the message"), "", "", ""],
            [_("3. Choose how: assembly, posters, social media, event"), "", "", ""],
            [_("4. Check it with the staff coordinator"), "", "", ""],
            [_("5. Include where to get help"), "", "", ""],
            [_("6. Run it and collect feedback"), "", "", ""],
        ])
        doc.heading(_("Our notes"), 2)
        doc.write_lines(8)
        return doc.output()

    def signposting(self) -> bytes:
        _ = self._
        doc = self.doc(_("Where to get help: cards"))
        doc.para(_("Print these cards and give them out at the end of every session."))
        lines = signposting_lines(self.d.contacts, _)
        card = (_("Where to get help"), "\n".join(lines[:3]))
        local = [(_("Local help"), line) for line in lines[3:]]
        doc.cards([card, card, *local, card, card][:6] if local else [card] * 4, per_page=6)
        return doc.output()

    def escalation(self) -> bytes:
        _ = self._
        doc = self.doc(_("What to do if you are worried about someone"))
        doc.flowchart([
            _("Someone tells you something, or you notice something, that worries you"),
            _("Is someone in danger right now?"),
            _("Yes: call {phone} and tell the nearest adult at once.").format(phone=EMERGENCY),
            _("No: listen, do not promise secrecy, do not investigate."),
            _("Tell the Designated Safeguarding Lead the same day, in person."),
            _("Write down what was said, in their words, with the date. Give it to the DSL."),
            _("The DSL decides what happens next. Talk to your staff coordinator if you need "
              "support."),
        ], side_note=_("You never have to deal with a worry on your own."))
        return doc.output()

    def coordinator(self) -> bytes:
        _ = self._
        doc = self.doc(_("Guide for the staff coordinator"))
        doc.heading(_("Your role"), 2)
        doc.bullets([
            _("Recruit and train ambassadors, using the training day plan."),
            _("Agree every session and campaign before it runs, and tell the DSL."),
            _("Be available during sessions, and debrief ambassadors afterwards."),
            _("Make sure concerns reach the DSL the same day, and that ambassadors are supported."),
        ])
        doc.heading(_("Safeguarding"), 2)
        doc.bullets([
            _("Ambassadors educate; they do not counsel or investigate."),
            _("Ambassadors never work alone with a pupil and never hold personal information."),
            _("Check that session materials use only the findings and approved quotes in this "
              "toolkit."),
        ])
        doc.heading(_("The themes pupils chose"), 2)
        chosen = top_themes(self.d.votes, self.d.top)
        if chosen:
            doc.bullets([_("{theme}: {n} pupils chose it").format(theme=_(v.label),
                                                                  n=v.votes.count)
                         for v in chosen])
        else:
            doc.para(_("There are not yet enough votes to show which themes pupils chose."))
        return doc.output()

    @property
    def sentences(self) -> list[tuple[KeyFinding, str]]:
        if not hasattr(self, "_sentences"):
            self._sentences = finding_sentences(self.d.findings, self._)
        return self._sentences


def build_toolkit(
    data: ToolkitInput,
    translations: Gettext | TranslationsLike | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """The toolkit as zip bytes. ``progress`` is called with each file name as it is built."""
    b = _Builder(data, as_gettext(translations))
    folder = f"feelsafe-ambassador-toolkit-{data.year}-{data.lang}"
    files: list[tuple[str, Callable[[], bytes]]] = [
        ("01-role-and-limits.pdf", b.role),
        ("02-training-day-plan.pdf", b.training),
    ]
    for i, vote in enumerate(top_themes(data.votes, data.top), 1):
        for send in (False, True):
            stem = f"03-session-{i}-{vote.theme}{'-send' if send else ''}"
            files.append((stem, lambda v=vote, s=send: b.session(v, send=s)))
    files += [
        ("04-did-you-know-cards.pdf", b.cards),
        ("05-campaign-planner.pdf", b.planner),
        ("06-signposting-cards.pdf", b.signposting),
        ("07-escalation-flowchart.pdf", b.escalation),
        ("08-staff-coordinator-guide.pdf", b.coordinator),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, make in files:
            if progress:
                progress(name)
            made = make()
            if isinstance(made, tuple):
                pdf, pptx = made
                _write(zf, f"{folder}/{name}.pdf", pdf)
                _write(zf, f"{folder}/{name}.pptx", pptx)
            else:
                _write(zf, f"{folder}/{name}", made)
    return buf.getvalue()


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
