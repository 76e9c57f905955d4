"""Workshop packs and the Safeguarding Ambassador toolkit, built from an edition's findings."""

from backend.packs.service import (
    BuiltFile,
    PackError,
    PackRefused,
    build_toolkit_file,
    build_workshop_files,
    headline_findings,
    previous_edition,
    toolkit_input,
    workshop_input,
)

__all__ = [
    "BuiltFile",
    "PackError",
    "PackRefused",
    "build_toolkit_file",
    "build_workshop_files",
    "headline_findings",
    "previous_edition",
    "toolkit_input",
    "workshop_input",
]
