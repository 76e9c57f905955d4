"""Editable slide decks (python-pptx): pupil-facing slides, facilitator notes on the notes pages.

Text stays live text so schools can edit it. Urdu and Arabic paragraphs are marked right to left
and right-aligned; every paragraph carries its language so PowerPoint picks a font and shaping.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from analysis.documents.charts import Chart
from analysis.documents.fonts import LANGUAGE_DIRECTION

__all__ = ["Deck"]

_LANG_TAGS = {"en": "en-GB", "ta": "ta-IN", "ur": "ur-PK", "pl": "pl-PL", "pt": "pt-PT",
              "ar": "ar-SA"}
_TITLE, _CONTENT, _TITLE_ONLY = 0, 1, 5


class Deck:
    """A 16:9 deck built slide by slide; ``large`` is the SEND version (fewer, bigger words)."""

    def __init__(self, lang: str, *, large: bool = False) -> None:
        self.lang = lang
        self.rtl = LANGUAGE_DIRECTION.get(lang) == "rtl"
        self.large = large
        self.prs = Presentation()
        self.prs.slide_width = Inches(13.333)
        self.prs.slide_height = Inches(7.5)

    def _style(self, text_frame, size: int | None = None) -> None:
        for paragraph in text_frame.paragraphs:
            p_pr = paragraph._p.get_or_add_pPr()
            if self.rtl:
                p_pr.set("rtl", "1")
                p_pr.set("algn", "r")
            for run in paragraph.runs:
                r_pr = run._r.get_or_add_rPr()
                r_pr.set("lang", _LANG_TAGS.get(self.lang, self.lang))
                if self.rtl or self.lang == "ta":
                    r_pr.set("altLang", "en-GB")
                if size:
                    run.font.size = Pt(size)

    def _notes(self, slide, notes: str) -> None:
        if notes:
            frame = slide.notes_slide.notes_text_frame
            frame.text = notes
            self._style(frame)

    def _fit_title(self, slide, title: str) -> None:
        shape = slide.shapes.title
        shape.left, shape.top = Inches(0.6), Inches(0.3)
        shape.width, shape.height = self.prs.slide_width - Inches(1.2), Inches(1.2)
        shape.text = title
        self._style(shape.text_frame, 40 if self.large else 32)

    def title_slide(self, title: str, subtitle: str = "", notes: str = "") -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_TITLE])
        slide.shapes.title.text = title
        self._style(slide.shapes.title.text_frame, 44)
        slide.shapes.title.width = self.prs.slide_width - Inches(1.2)
        slide.shapes.title.left = Inches(0.6)
        body = slide.placeholders[1]
        body.width, body.left = self.prs.slide_width - Inches(1.2), Inches(0.6)
        body.text = subtitle
        self._style(body.text_frame, 24)
        self._notes(slide, notes)

    def bullets(self, title: str, items: Sequence[str], notes: str = "") -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_CONTENT])
        self._fit_title(slide, title)
        body = slide.placeholders[1]
        body.left, body.top = Inches(0.6), Inches(1.6)
        body.width = self.prs.slide_width - Inches(1.2)
        body.height = self.prs.slide_height - Inches(2.1)
        frame = body.text_frame
        frame.word_wrap = True
        for i, item in enumerate(items):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = item
        self._style(frame, 30 if self.large else 22)
        self._notes(slide, notes)

    def image(self, title: str, chart: Chart, notes: str = "") -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_TITLE_ONLY])
        self._fit_title(slide, title)
        max_w, max_h = self.prs.slide_width - Inches(1.2), self.prs.slide_height - Inches(1.9)
        scale = min(max_w / Inches(chart.width_in), max_h / Inches(chart.height_in))
        w, h = Emu(int(Inches(chart.width_in) * scale)), Emu(int(Inches(chart.height_in) * scale))
        left = Emu(int((self.prs.slide_width - w) / 2))
        picture = slide.shapes.add_picture(io.BytesIO(chart.data), left, Inches(1.6), w, h)
        picture._element.nvPicPr.cNvPr.set("descr", chart.alt_text)
        self._notes(slide, notes)

    def output(self) -> bytes:
        buf = io.BytesIO()
        self.prs.save(buf)
        return buf.getvalue()
