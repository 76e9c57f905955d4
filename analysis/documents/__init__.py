"""Document builders: charts, workshop packs and the Safeguarding Ambassador toolkit.

Plain data in, bytes out. Every number arrives already disclosure-controlled (``Cell``s from
``analysis.disclosure``); sentences refuse hidden cells and quotes are re-checked against
``quote_allowed``. All wording goes through the ``gettext`` the caller passes.
"""

from __future__ import annotations

from analysis.documents.charts import BarChartSpec, Chart, bar_chart, chart_alt_text
from analysis.documents.content import Contact, PartnershipAction, Quote, approved_quotes
from analysis.documents.fonts import FontFiles, MissingFontError, fonts_for
from analysis.documents.sentences import (
    KeyFinding,
    Proportion,
    SuppressedCellError,
    finding_sentence,
    finding_sentences,
    share_phrase,
)
from analysis.documents.workshop import WorkshopInput, WorkshopPack, build_workshop

__all__ = [
    "BarChartSpec",
    "Chart",
    "Contact",
    "FontFiles",
    "KeyFinding",
    "MissingFontError",
    "PartnershipAction",
    "Proportion",
    "Quote",
    "SuppressedCellError",
    "WorkshopInput",
    "WorkshopPack",
    "approved_quotes",
    "bar_chart",
    "build_workshop",
    "chart_alt_text",
    "finding_sentence",
    "finding_sentences",
    "fonts_for",
    "share_phrase",
]
