"""The printable paper version of the survey, for pupils who cannot or would rather not go online.

Takes plain, already-translated data (the backend gathers the survey and its translations) so
the layout is one pure function: tick boxes for every choice, lined boxes for free text, the
follow-up instruction above each conditional question, and easy-read symbols when given.
Shaping and right-to-left come from :class:`~analysis.documents._pdf.PdfDoc`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.documents._pdf import _MUTED, _PT, PdfDoc
from analysis.documents.fonts import fonts_for

__all__ = ["PaperQuestion", "PaperSurvey", "build_paper_survey"]


@dataclass(frozen=True)
class PaperQuestion:
    """One question as printed: its number, wording and tick-box labels (already translated)."""

    number: int
    text: str
    options: Sequence[str] = ()
    multiple: bool = False
    free_text: bool = False
    help: str = ""
    follow_up: str = ""
    """e.g. "If you answered Yes to question 3, answer this." (empty: everyone answers)."""
    symbol: Path | None = None
    lines: int = 4


@dataclass(frozen=True)
class PaperSurvey:
    lang: str
    title: str
    intro: Sequence[str] = ()
    sections: Sequence[tuple[str, Sequence[PaperQuestion]]] = field(default_factory=tuple)
    tick_one: str = "Tick one box."
    tick_any: str = "Tick all that apply."
    footer: str = ""
    easy_read: bool = False


_BOX = 4.5  # mm, side of a tick box


def _symbol(doc: PdfDoc, path: Path | None, size: float) -> bool:
    """Draw an easy-read symbol at the current line; any SVG fpdf2 cannot read is skipped."""
    if path is None or not Path(path).is_file():
        return False
    pdf = doc.pdf
    x = pdf.w - pdf.r_margin - size if doc.rtl else pdf.l_margin
    try:
        pdf.image(str(path), x=x, y=pdf.get_y(), w=size, h=size)
    except Exception:  # a symbol is decoration; never lose the page for it
        return False
    return True


def _options(doc: PdfDoc, labels: Sequence[str]) -> None:
    pdf = doc.pdf
    size = doc.base
    line_h = doc._font(size)
    for label in labels:
        if pdf.get_y() + line_h + 2 > pdf.page_break_trigger:
            pdf.add_page()
            doc._font(size)
        y = pdf.get_y()
        box_y = y + (line_h - _BOX) / 2
        pdf.set_draw_color(*_MUTED)
        pdf.set_line_width(0.35)
        if doc.rtl:
            pdf.rect(pdf.w - pdf.r_margin - _BOX, box_y, _BOX, _BOX)
            pdf.set_x(pdf.l_margin)
        else:
            pdf.rect(pdf.l_margin, box_y, _BOX, _BOX)
            pdf.set_x(pdf.l_margin + _BOX + 3)
        pdf.multi_cell(pdf.epw - _BOX - 3, line_h, label, align=doc.align, new_x="LMARGIN",
                       new_y="NEXT")
        doc.space(1.5)
    pdf.set_line_width(0.2)


def _lined_box(doc: PdfDoc, lines: int) -> None:
    pdf = doc.pdf
    step = 9.0 if doc.base < 14 else 12.0
    height = step * lines + 3
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    y0 = pdf.get_y()
    pdf.set_draw_color(*_MUTED)
    pdf.rect(pdf.l_margin, y0, pdf.epw, height)
    for i in range(1, lines + 1):
        y = y0 + i * step
        pdf.line(pdf.l_margin + 3, y, pdf.w - pdf.r_margin - 3, y)
    pdf.set_y(y0 + height)
    doc.space(3)


def build_paper_survey(survey: PaperSurvey, fonts_dir: Path | str | None = None) -> bytes:
    """The PDF bytes of one paper survey (A4; large type for easy read)."""
    fonts = fonts_for(survey.lang, fonts_dir)
    doc = PdfDoc(fonts, title=survey.title, footer=survey.footer, large=survey.easy_read)
    pdf = doc.pdf
    pdf.set_text_color(29, 112, 184)
    doc._write(survey.title, doc.base * 1.8, bold=True)
    pdf.set_text_color(11, 12, 12)
    doc.space(3)
    for line in survey.intro:
        doc.para(line)
    sym_size = doc.base * _PT * 3.2
    for title, questions in survey.sections:
        doc.heading(title, level=2)
        for q in questions:
            needed = doc.base * _PT * doc.leading * 4 + (sym_size if q.symbol else 0)
            if pdf.get_y() + needed > pdf.page_break_trigger:
                pdf.add_page()
            if q.follow_up:
                pdf.set_text_color(*_MUTED)
                doc._write("→ " + q.follow_up if not doc.rtl else q.follow_up + " ←",
                           doc.base * 0.9, bold=True)
                pdf.set_text_color(11, 12, 12)
                doc.space(1)
            if survey.easy_read and _symbol(doc, q.symbol, sym_size):
                pdf.set_y(pdf.get_y() + sym_size + 2)
            doc._write(f"{q.number}. {q.text}", doc.base * 1.05, bold=True)
            if q.help:
                pdf.set_text_color(*_MUTED)
                doc._write(q.help, doc.base * 0.9)
                pdf.set_text_color(11, 12, 12)
            doc.space(1.5)
            if q.free_text:
                _lined_box(doc, q.lines)
                continue
            pdf.set_text_color(*_MUTED)
            doc._write(survey.tick_any if q.multiple else survey.tick_one, doc.base * 0.85)
            pdf.set_text_color(11, 12, 12)
            doc.space(1)
            _options(doc, q.options)
            doc.space(3)
    return doc.output()
