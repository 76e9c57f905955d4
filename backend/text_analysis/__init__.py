"""Running the free-text analysis over stored (already redacted) answers."""

from backend.text_analysis.runner import analyse_pending, analyse_rows, follow, reanalyse_edition

__all__ = ["analyse_pending", "analyse_rows", "follow", "reanalyse_edition"]
