"""Workshop pack and toolkit build times, on the demo edition's real (suppressed) findings.

Prints, as medians of interleaved runs in one process:
* one theme's workshop pack (PDF + PPTX, charts included) beside matplotlib alone drawing the
  same charts (target: the pack takes at most twice the charts' time);
* building all six language toolkits.

    PYTHONPATH=. python bench/bench_packs.py [--theme general_safety] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import time
from pathlib import Path

from bench.common import fresh_database

LANGS = ("en", "ta", "ur", "pl", "pt", "ar")


def _fonts_dir() -> Path | None:
    from analysis.documents.fonts import FONTS_DIR, SCRIPT_FONTS

    for folder in (FONTS_DIR, Path("/usr/share/fonts/truetype/noto")):
        if all(list(folder.glob(f"{f}*.ttf")) for f in SCRIPT_FONTS.values()):
            return folder
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theme", default="general_safety")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--toolkit-runs", type=int, default=1)
    args = parser.parse_args()

    with fresh_database("sqlite") as (url, _tmp):
        os.environ["DATABASE_URL"] = url
        from analysis.documents import build_workshop
        from analysis.documents.toolkit import build_toolkit
        from analysis.documents.workshop import workshop_charts
        from backend.i18n import translations
        from backend.packs import toolkit_input, workshop_input
        from backend.settings import Settings
        from backend.storage.engine import bind_tables, engine_for

        settings = Settings.from_env()
        bind_tables(engine_for(url))

        async def gather():
            pack = await workshop_input(2026, args.theme, None, settings)
            kits = [await toolkit_input(2026, lang, settings) for lang in LANGS]
            return pack, kits

        pack, kits = asyncio.run(gather())

    build_workshop(pack)  # warm up: imports, font subsets, matplotlib font cache
    charts, packs = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        workshop_charts(pack)
        charts.append(time.perf_counter() - t)
        t = time.perf_counter()
        build_workshop(pack)
        packs.append(time.perf_counter() - t)
    c, p = statistics.median(charts), statistics.median(packs)
    print(f"theme {args.theme}: {len(pack.charts)} charts, {len(pack.findings)} findings")
    print(f"matplotlib alone, same charts: median {c:.3f} s over {args.runs} runs")
    print(f"workshop pack (PDF + PPTX):    median {p:.3f} s  ratio {p / c:.2f}x (target <= 2x)")

    fonts = _fonts_dir()
    if fonts is None:
        print("toolkits: skipped (no Tamil/Urdu/Arabic fonts found)")
        return
    totals = []
    for _ in range(args.toolkit_runs):
        per_lang = {}
        t0 = time.perf_counter()
        for kit in kits:
            t = time.perf_counter()
            build_toolkit(dataclasses.replace(kit, fonts_dir=fonts), translations(kit.lang))
            per_lang[kit.lang] = time.perf_counter() - t
        totals.append(time.perf_counter() - t0)
    print(
        f"all six toolkits: median {statistics.median(totals):.2f} s over "
        f"{args.toolkit_runs} run(s) (fonts from {fonts}); last run per language: "
        + ", ".join(f"{k} {v:.2f}s" for k, v in per_lang.items())
    )


if __name__ == "__main__":
    main()
