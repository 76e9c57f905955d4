"""A small flow-layout PDF writer over fpdf2 that every pack and toolkit document uses.

Text is shaped with HarfBuzz (``set_text_shaping``), so Tamil conjuncts and Urdu/Arabic joining
come out right; Urdu and Arabic run right to left and are right-aligned. Fonts are embedded as
subsets. Latin text inside a Tamil, Urdu or Arabic document (phone numbers, "Childline") falls
back to the Latin font.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from fpdf import FPDF

from analysis.documents.charts import Chart
from analysis.documents.fonts import FontFiles

__all__ = ["PdfDoc"]

_PT = 0.3528  # mm per point
_INK = (11, 12, 12)
_MUTED = (80, 90, 95)
_ACCENT = (29, 112, 184)
_PANEL = (243, 242, 241)


class _FPDF(FPDF):
    footer_text = ""
    footer_family = "latin"

    def _render_styled_text_line(self, *args, **kwargs):
        # fpdf2 2.8 can leave out the font operator on a shaped line that starts with a
        # fallback-font glyph (Latin in an Arabic line); stating the font again for every line
        # keeps each line valid.
        self.current_font_is_set_on_page = False
        return super()._render_styled_text_line(*args, **kwargs)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.footer_family, size=8)
        self.set_text_color(*_MUTED)
        text = f"{self.footer_text}  ·  {self.page_no()}" if self.footer_text else str(
            self.page_no())
        self.cell(0, 5, text, align="C")
        self.set_text_color(*_INK)


class PdfDoc:
    """Headings, paragraphs, lists, charts, cards, tables and a flowchart, flowing down A4 pages.

    ``large`` is the SEND layout: bigger type, more space, one idea per line.
    """

    def __init__(self, fonts: FontFiles, *, title: str, footer: str = "", large: bool = False,
                 author: str = "") -> None:
        self.fonts = fonts
        self.rtl = fonts.rtl
        self.align = "R" if self.rtl else "L"
        self.base = 16.0 if large else 11.0
        self.leading = 1.75 if large else 1.5
        if fonts.lang == "ur":  # Nastaliq is tall: give it room
            self.leading += 0.6
        pdf = _FPDF(format="A4", unit="mm")
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.add_font("latin", "", str(fonts.latin_regular))
        pdf.add_font("latin", "B", str(fonts.latin_bold))
        self.family = "latin"
        if fonts.script_regular is not None:
            pdf.add_font("script", "", str(fonts.script_regular))
            pdf.add_font("script", "B", str(fonts.script_bold or fonts.script_regular))
            pdf.set_fallback_fonts(["latin"], exact_match=False)
            self.family = "script"
        pdf.footer_family = self.family
        pdf.footer_text = footer
        if fonts.script_regular is not None:  # Latin needs no shaping, and it is slow
            pdf.set_text_shaping(True, direction=fonts.direction)
        pdf.set_title(title)
        pdf.set_lang(fonts.lang)
        if author:
            pdf.set_author(author)
        pdf.set_creator("feelsafe")
        pdf.set_creation_date(_FIXED_DATE)
        pdf.set_text_color(*_INK)
        self.pdf = pdf
        pdf.add_page()

    # ------------------------------------------------------------------ text

    def _font(self, size: float, bold: bool = False) -> float:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        return size * _PT * self.leading

    def _write(self, text: str, size: float, *, bold: bool = False, indent: float = 0,
               width: float = 0) -> None:
        height = self._font(size, bold)
        pdf = self.pdf
        if indent:
            if self.rtl:
                pdf.set_x(pdf.l_margin)
                width = width or (pdf.epw - indent)
            else:
                pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width or 0, height, text, align=self.align, new_x="LMARGIN",
                       new_y="NEXT")

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: self.base * 2.0, 2: self.base * 1.5, 3: self.base * 1.2}[level]
        if level == 1 and self.pdf.get_y() > self.pdf.t_margin + 1:
            self.pdf.add_page()
        needed = size * _PT * self.leading * 3
        if self.pdf.get_y() + needed > self.pdf.page_break_trigger:
            self.pdf.add_page()
        self.space(2 if level > 1 else 0)
        self.pdf.set_text_color(*(_ACCENT if level == 1 else _INK))
        self._write(text, size, bold=True)
        self.pdf.set_text_color(*_INK)
        self.space(1.5)

    def para(self, text: str, *, bold: bool = False, small: bool = False) -> None:
        self._write(text, self.base * (0.85 if small else 1.0), bold=bold)
        self.space(1.5)

    def bullets(self, items: Sequence[str], *, numbered: bool = False) -> None:
        for i, item in enumerate(items, 1):
            mark = f"{i}." if numbered else "•"
            self._write(f"{mark} {item}", self.base, indent=4)
            self.space(0.8)
        self.space(1.5)

    def panel(self, title: str, lines: Sequence[str]) -> None:
        """A shaded box: for the facilitator's "say this" notes and key messages."""
        pdf = self.pdf
        pdf.set_fill_color(*_PANEL)
        start_page, y0 = pdf.page, pdf.get_y()
        self.space(2)
        self._write(title, self.base, bold=True)
        for line in lines:
            self._write(line, self.base)
        self.space(2)
        if pdf.page == start_page:
            pdf.set_draw_color(*_ACCENT)
            pdf.set_line_width(0.8)
            x = pdf.w - pdf.r_margin + 2 if self.rtl else pdf.l_margin - 3
            pdf.line(x, y0, x, pdf.get_y())
            pdf.set_line_width(0.2)
        self.space(2)

    def space(self, mm: float) -> None:
        self.pdf.ln(mm)

    def page_break(self) -> None:
        self.pdf.add_page()

    # ------------------------------------------------------------------ figures

    def chart(self, chart: Chart, *, caption_prefix: str = "") -> None:
        """The chart image (with its alt text in the PDF) and its text alternative printed below."""
        pdf = self.pdf
        width = min(pdf.epw, 160.0)
        height = width * chart.height_in / chart.width_in
        if pdf.get_y() + height + 20 > pdf.page_break_trigger:
            pdf.add_page()
        x = pdf.l_margin + (pdf.epw - width) / 2
        pdf.image(io.BytesIO(chart.data), x=x, w=width, h=height, alt_text=chart.alt_text)
        pdf.set_text_color(*_MUTED)
        self._write(caption_prefix + chart.alt_text, self.base * 0.8)
        pdf.set_text_color(*_INK)
        self.space(3)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], *,
              blank_rows: int = 0) -> None:
        """A ruled table; ``blank_rows`` adds empty rows to write in (planners, templates)."""
        pdf = self.pdf
        self._font(self.base * 0.9)
        widths = [pdf.epw / len(header)] * len(header)
        line_h = self.base * 0.9 * _PT * self.leading
        body = [list(r) for r in rows] + [[""] * len(header)] * blank_rows
        with pdf.table(col_widths=widths, text_align=self.align, line_height=line_h,
                       first_row_as_headings=True, padding=1.5,
                       headings_style=_heading_style()) as table:
            for cells in [list(header), *body]:
                row = table.row()
                for value in (reversed(cells) if self.rtl else cells):
                    row.cell(value or " ")
        self.space(3)

    def cards(self, cards: Sequence[tuple[str, str]], *, per_page: int = 6) -> None:
        """Cut-out cards, two columns: (title, body). Each page starts a fresh grid."""
        pdf = self.pdf
        cols, rows = 2, max(1, per_page // 2)
        gap = 6.0
        w = (pdf.epw - gap) / cols
        h = (pdf.page_break_trigger - pdf.t_margin - gap * (rows - 1)) / rows
        pdf.add_page()
        for i, (title, body) in enumerate(cards):
            slot = i % per_page
            if slot == 0 and i:
                pdf.add_page()
            r, c = divmod(slot, cols)
            if self.rtl:
                c = cols - 1 - c
            x = pdf.l_margin + c * (w + gap)
            y = pdf.t_margin + r * (h + gap)
            pdf.set_draw_color(*_ACCENT)
            pdf.set_line_width(0.6)
            pdf.set_dash_pattern(dash=2, gap=1.5)
            pdf.rect(x, y, w, h, style="D", round_corners=True, corner_radius=4)
            pdf.set_dash_pattern()
            pdf.set_line_width(0.2)
            pdf.set_xy(x + 5, y + 5)
            pdf.set_text_color(*_ACCENT)
            lh = self._font(self.base * 1.15, True)
            pdf.multi_cell(w - 10, lh, title, align=self.align, new_x="LEFT", new_y="NEXT")
            pdf.set_text_color(*_INK)
            pdf.set_x(x + 5)
            lh = self._font(self.base)
            pdf.multi_cell(w - 10, lh, body, align=self.align, new_x="LEFT", new_y="NEXT",
                           max_line_height=lh)
        pdf.set_xy(pdf.l_margin, pdf.page_break_trigger)
        pdf.add_page()

    def flowchart(self, steps: Sequence[str], *, side_note: str = "") -> None:
        """Boxes top to bottom joined by arrows: the escalation route."""
        pdf = self.pdf
        lh = self._font(self.base)
        box_w = pdf.epw * 0.8
        x = pdf.l_margin + (pdf.epw - box_w) / 2
        arrow = 9.0
        for i, step in enumerate(steps):
            lines = len(pdf.multi_cell(box_w - 8, lh, step, dry_run=True, output="LINES"))
            box_h = lines * lh + 6
            if pdf.get_y() + box_h + arrow > pdf.page_break_trigger:
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_draw_color(*_ACCENT)
            pdf.set_fill_color(*_PANEL)
            pdf.set_line_width(0.6)
            pdf.rect(x, y, box_w, box_h, style="DF", round_corners=True, corner_radius=3)
            pdf.set_xy(x + 4, y + 3)
            self._font(self.base, bold=(i == 0))
            pdf.multi_cell(box_w - 8, lh, step, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(y + box_h)
            if i < len(steps) - 1:
                cx = pdf.w / 2
                pdf.line(cx, y + box_h, cx, y + box_h + arrow - 2)
                pdf.set_fill_color(*_ACCENT)
                pdf.polygon([(cx - 2, y + box_h + arrow - 3), (cx + 2, y + box_h + arrow - 3),
                             (cx, y + box_h + arrow)], style="F")
                pdf.set_y(y + box_h + arrow)
        pdf.set_line_width(0.2)
        self.space(4)
        if side_note:
            self.para(side_note, bold=True)

    def write_lines(self, count: int) -> None:
        """Ruled lines to write on."""
        pdf = self.pdf
        pdf.set_draw_color(*_MUTED)
        for _ in range(count):
            self.space(9)
            if pdf.get_y() > pdf.page_break_trigger:
                pdf.add_page()
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        self.space(4)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=_PANEL)


def _fixed_date():
    from datetime import UTC, datetime

    return datetime(2026, 1, 1, tzinfo=UTC)


_FIXED_DATE = _fixed_date()
"""Documents carry no build time, so the same inputs give the same bytes (and cache keys)."""
