"""Gettext catalogs (Babel) for interface strings and survey text, one folder per language."""

from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent
