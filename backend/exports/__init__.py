"""Exports: an edition's aggregate tables, anonymised responses and data dictionary."""

from backend.exports.service import QUASI_IDENTIFIERS, ExportReport, export_edition

__all__ = ["QUASI_IDENTIFIERS", "ExportReport", "export_edition"]
