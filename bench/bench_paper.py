"""Paper survey PDF build times: every language and version of the 2026 edition.

Prints the median build time per (language, version), and each one's ratio to English standard
measured in the same process, plus the page count and size.

    PYTHONPATH=. python bench/bench_paper.py [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import pypdf

from analysis.documents.paper import build_paper_survey
from backend.staff.paper import paper_survey
from backend.surveys import load_survey
from survey_definitions import DEFINITIONS_DIR

LANGS = ("en", "ta", "ur", "pl", "pt", "ar")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    survey = load_survey(DEFINITIONS_DIR / "2026-feeling-safe.toml")
    times: dict[tuple[str, str], list[float]] = {}
    sizes: dict[tuple[str, str], tuple[int, int]] = {}
    for _ in range(args.runs):  # interleaved, so noise on the shared machine hits all alike
        for lang in LANGS:
            for variant in ("standard", "easy_read"):
                start = time.perf_counter()
                pdf = build_paper_survey(paper_survey(survey, lang, variant, "TST"))
                times.setdefault((lang, variant), []).append(time.perf_counter() - start)
                pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
                sizes[(lang, variant)] = (pages, len(pdf))
    base = statistics.median(times[("en", "standard")])
    print(f"{'lang':5} {'version':10} {'median s':>9} {'x en':>6} {'pages':>6} {'KiB':>6}")
    for (lang, variant), runs in times.items():
        median = statistics.median(runs)
        pages, size = sizes[(lang, variant)]
        print(f"{lang:5} {variant:10} {median:9.2f} {median / base:6.1f} {pages:6} "
              f"{size / 1024:6.0f}")


if __name__ == "__main__":
    main()
