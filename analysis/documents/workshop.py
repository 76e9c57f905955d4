"""The workshop pack for one theme: a PDF (facilitator section, then pupil pages) and an editable
slide deck (pupil-facing slides, facilitator notes on the notes pages).

Everything shown comes from disclosure-controlled cells and approved quotes: sentences are only
written from shown cells, charts leave hidden bars out, unapproved quotes are dropped here even
if a caller passes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.documents._i18n import Gettext, TranslationsLike, as_gettext
from analysis.documents._pdf import PdfDoc
from analysis.documents._pptx import Deck
from analysis.documents.charts import BarChartSpec, Chart, bar_chart
from analysis.documents.content import (
    ACTION_STATUS_NAMES,
    Contact,
    PartnershipAction,
    Quote,
    approved_quotes,
    ground_rules,
    safe_space_setup,
    signposting_lines,
    theme_text,
)
from analysis.documents.fonts import fonts_for
from analysis.documents.sentences import KeyFinding, finding_sentences

__all__ = ["WorkshopInput", "WorkshopPack", "build_workshop", "workshop_charts"]


@dataclass(frozen=True)
class WorkshopInput:
    """Everything one theme's pack shows, as plain data (already disclosure-controlled)."""

    year: int
    theme: str
    theme_label: str
    scope: str
    """Who the numbers are about: the borough, or one school's name."""
    findings: Sequence[KeyFinding]
    charts: Sequence[BarChartSpec]
    quotes: Sequence[Quote] = ()
    contacts: Sequence[Contact] = ()
    partnership: str = ""
    min_size: int = 10
    lang: str = "en"
    actions: Sequence[PartnershipAction] = ()
    """What the partnership recorded against the theme, for "you told us, our response"."""
    fonts_dir: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class WorkshopPack:
    pdf: bytes
    pptx: bytes
    sentences: list[str]
    quotes: list[str]


def workshop_charts(data: WorkshopInput, gettext: Gettext | None = None) -> list[Chart]:
    """The pack's charts (PNG): the same drawing the benchmark times on its own."""
    return [bar_chart(spec, gettext=gettext) for spec in data.charts]


@dataclass
class _Content:
    title: str
    subtitle: str
    sentences: list[str]
    charts: list[Chart]
    quotes: list[str]
    responses: list[tuple[str, str, str]] = field(default_factory=list)
    """(you told us, our response, progress) for each recorded action."""
    slides: list[tuple[str, list[str], str]] = field(default_factory=list)


def _slides(d: WorkshopInput, c: _Content, _: Gettext) -> list[tuple[str, list[str], str]]:
    """(title, pupil-facing lines, facilitator notes) for the text slides, in order."""
    text = theme_text(d.theme)
    headline = c.sentences[0] if c.sentences else _(text.key_message)
    return [
        (_("Our ground rules"), ground_rules(_),
         _("Go through the ground rules and ask the group to add any. Point out the anonymous "
           "question box and say that anyone can pass on any activity.")),
        (_("What you told us"), c.sentences or [_("There are no figures we can show for this "
                                                  "group.")],
         _("Read each finding out. Numbers for small groups are hidden (shown as c) so that "
           "nobody can be identified. Ask: does anything surprise you?")),
        (_("In your words"), c.quotes,
         _("These are pupils' own words, approved for sharing. Do not guess who wrote them.")),
        (_("Activity 1: the headline"), [headline, _("Is this what you expected? Why?")],
         _("Give pairs two minutes to talk, then take a few answers. Keep it general: we are "
           "talking about young people in the area, not about anyone here.")),
        (_("Activity 2: what's behind this?"),
         [_(text.scenario), _("What might be going on for this person?"),
          _("What could they do? Who could they talk to?")],
         _("This is a made-up scenario. In small groups, pupils list reasons behind the "
           "finding and the options the character has. If anyone starts to share a personal "
           "story, gently stop them and offer to talk afterwards.")),
        (_("Activity 3: ideas for change"),
         [_(text.ideas_prompt), _("Pick your best idea: who could make it happen?")],
         _("Groups write their top idea on a card. Collect the cards: they feed the "
           "'you told us, our response' record and go back to the partnership.")),
        (_("You told us, our response"),
         [_("You told us: {finding} Our response: {response} Progress: {status}").format(
             finding=told, response=response, status=status)
          for told, response, status in c.responses]
         + [_("You told us: ..."), _("Our response: ..."), _("What happens next, and when: ...")],
         _("Fill this in with the group's ideas at the end, and share the partnership's "
           "response when it comes back.")),
        (_("Where to get help"), signposting_lines(d.contacts, _),
         _("End here every time. Say you will stay behind for anyone who wants to talk, and "
           "pass any concern to the DSL the same day.")),
    ]


def _pdf(d: WorkshopInput, c: _Content, _: Gettext) -> bytes:
    doc = PdfDoc(fonts_for(d.lang, d.fonts_dir), title=c.title, author=d.partnership,
                 footer=f"{d.partnership} · {c.subtitle}".strip(" ·"))
    doc.heading(c.title)
    doc.para(c.subtitle, bold=True)
    doc.para(_("Part 1 is for the facilitator only. Part 2 holds the pages pupils see; the slide "
               "deck has the same pupil pages, with these notes on its notes pages."))

    doc.heading(_("Part 1: for the facilitator"))
    doc.heading(_("Setting up a safe space"), 2)
    for heading, guidance in safe_space_setup(_):
        doc.para(heading, bold=True)
        doc.para(guidance)
    doc.heading(_("About the numbers"), 2)
    doc.para(_("Every number comes from the survey after disclosure control: results for fewer "
               "than {k} pupils are never shown, and are marked c.").format(k=d.min_size))
    doc.heading(_("If a pupil tells you something worrying"), 2)
    doc.bullets([
        _("Listen, stay calm and do not ask leading questions."),
        _("Do not promise to keep it secret. Explain that you have to tell someone who can help."),
        _("Tell the Designated Safeguarding Lead the same day, and write down what was said in "
          "the pupil's own words."),
        _("If a child is in immediate danger, call 999."),
    ])
    doc.heading(_("Notes for each slide"), 2)
    for title, _lines, notes in c.slides:
        doc.panel(title, [notes])

    doc.heading(_("Part 2: pupil pages"))
    doc.para(_(theme_text(d.theme).key_message), bold=True)
    doc.heading(_("Our ground rules"), 2)
    doc.bullets(ground_rules(_))
    doc.heading(_("What you told us"), 2)
    doc.bullets(c.sentences or [_("There are no figures we can show for this group.")])
    for chart in c.charts:
        doc.chart(chart)
    if c.quotes:
        doc.heading(_("In your words"), 2)
        for quote in c.quotes:
            doc.panel("", [f"“{quote}”"])
    for title, lines, _notes in c.slides[3:6]:
        doc.heading(title, 2)
        doc.bullets(lines)
        doc.write_lines(3)
    doc.page_break()
    doc.heading(_("You told us, our response"), 2)
    doc.table([_("You told us"), _("Our response"), _("What happens next, and when")],
              c.responses, blank_rows=5)
    doc.page_break()
    doc.heading(_("Where to get help"), 2)
    doc.bullets(signposting_lines(d.contacts, _))
    return doc.output()


def _pptx(d: WorkshopInput, c: _Content, _: Gettext) -> bytes:
    deck = Deck(d.lang)
    deck.title_slide(c.title, c.subtitle,
                     _("Before you start: read the facilitator section of the PDF, tell the DSL, "
                       "and set out the anonymous question box."))
    for i, (title, lines, notes) in enumerate(c.slides):
        if i == 2 and not lines:
            continue  # no approved quotes: no quotes slide
        deck.bullets(title, lines, notes)
        if i == 1:
            for chart in c.charts:
                deck.image(title, chart, _("Read the chart aloud: {text}").format(
                    text=chart.alt_text))
    return deck.output()


def _responses(d: WorkshopInput, written: list[tuple[KeyFinding, str]], _: Gettext
               ) -> list[tuple[str, str, str]]:
    """Recorded actions as rows: the finding each answers (only if its sentence could be
    written from shown cells), the action, and how far along it is."""
    by_source: dict[str, str] = {}
    for finding, sentence in written:
        by_source.setdefault(finding.source, sentence)
    rows = []
    for action in d.actions:
        told = by_source.get(action.source) if action.source else None
        status = ACTION_STATUS_NAMES.get(action.status)
        rows.append((told or _("What you told us about this theme"), action.text,
                     _(status) if status else action.status))
    return rows


def build_workshop(
    data: WorkshopInput,
    translations: Gettext | TranslationsLike | None = None,
    *,
    charts: Sequence[Chart] | None = None,
) -> WorkshopPack:
    """Build the PDF and PPTX of one theme's workshop pack. ``charts`` reuses drawn charts."""
    _ = as_gettext(translations)
    written = finding_sentences(data.findings, _)
    sentences = [s for _f, s in written]
    quotes = [q.text for q in approved_quotes(data.quotes, data.min_size)]
    content = _Content(
        title=_("Workshop pack: {theme}").format(theme=_(data.theme_label)),
        subtitle=_("Feeling safe survey {year}: {scope}").format(year=data.year,
                                                                  scope=_(data.scope)),
        sentences=sentences,
        charts=list(charts) if charts is not None else workshop_charts(data, _),
        quotes=quotes,
    )
    content.responses = _responses(data, written, _)
    content.slides = _slides(data, content, _)
    return WorkshopPack(_pdf(data, content, _), _pptx(data, content, _), sentences, quotes)
