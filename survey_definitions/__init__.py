"""Survey definition files, one per annual edition, and the theme codebook (data, not code)."""

from pathlib import Path

DEFINITIONS_DIR = Path(__file__).resolve().parent


def definition_path(year: int) -> Path:
    """The definition file of the edition for ``year``."""
    return DEFINITIONS_DIR / f"{year}-feeling-safe.toml"
