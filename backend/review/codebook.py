"""The theme codebook the review pages offer and code interview notes with.

Re-read when the file changes (as the analysis worker does); a broken edit keeps the codebook
already in force, so a typo in the file never stops reviewers working.
"""

from __future__ import annotations

import logging
from pathlib import Path

from analysis.codebook import DEFAULT_CODEBOOK_PATH, Codebook, load_codebook, load_or_keep

__all__ = ["current_codebook"]

log = logging.getLogger("feelsafe.review")
_loaded: dict[Path, tuple[float, Codebook]] = {}


def current_codebook(path: Path = DEFAULT_CODEBOOK_PATH) -> Codebook:
    mtime = path.stat().st_mtime
    hit = _loaded.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    if hit is None:
        codebook = load_codebook(path)
    else:
        codebook, error = load_or_keep(path, hit[1])
        if error is not None:
            log.error("codebook not reloaded, the previous one stays in force:\n%s", error)
    _loaded[path] = (mtime, codebook)
    return codebook
