"""Measure the free-text analysis on the labelled evaluation sets under tests/data/.

``text_eval.jsonl`` holds the tuning ("dev") and first held-out ("heldout") splits, and
``text_eval_dev2.jsonl`` more tuning answers ("dev") written for the third revision;
``text_eval_holdout2.jsonl`` a second held-out set ("heldout2") written later and never tuned on;
``text_eval_holdout3.jsonl`` a third ("heldout3"), committed before the third revision's rule
changes; ``text_eval_holdout4.jsonl`` a fourth ("heldout4"), written blind to the rules by someone
else and committed before the fourth revision's; ``text_eval_holdout5.jsonl`` a fifth
("heldout5"), written blind to the rules and to the statistical concern screen before it was
trained; ``text_eval_holdout6.jsonl`` a sixth ("heldout6"), written blind to everything for the
sixth revision. Every ``text_eval*.jsonl`` file is read. The statistical screen was trained on the
dev files and the first three held-out sets (see ``analysis/train_concern_model.py``), and so was
the theme model (``analysis/train_theme_model.py``: its dev theme figures are training figures;
its leave-one-file-out figures are in ``analysis/data/theme_model.json``), so the targets are
checked on the fourth, fifth and sixth only. ``--dev-only`` prints no held-out figure,
for tuning work.
Prints per-theme and macro F1 (English and other languages apart), sentiment accuracy beside
plain TextBlob, concern recall and precision, for each split and all together; then answers
per second for the whole pipeline (redaction included when ``analysis.redaction`` is
importable) beside scrubadub + plain TextBlob on the same texts in the same run, as medians
over repeats. ``--stages`` then prints what each stage of the pipeline costs an answer, and
scrubadub and TextBlob apart, each timed alone (the fastest of the repeats), to show where the
time goes.
Run: ``PYTHONPATH=. python bench/bench_text_analysis.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from pathlib import Path

from analysis.codebook import load_codebook
from analysis.concern import screen_concern
from analysis.sentiment import score_sentiment
from analysis.themes import code_themes

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
HELDOUT_SPLITS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
FAIR_SPLITS = ("heldout4", "heldout5", "heldout6")
"""Held-out sets no part of the analysis was tuned or trained on: the targets are checked here."""
LANGS = ("en", "ta", "ur", "pl", "pt", "ar")
TARGETS = {"f1_en": 0.80, "f1_other": 0.65, "sentiment": 0.75, "recall": 0.95, "precision": 0.5}


def load(*paths: Path) -> list[dict]:
    paths = paths or sorted(DATA_DIR.glob("text_eval*.jsonl"))
    return [
        json.loads(line)
        for path in paths
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def textblob_label(text: str) -> str:
    from textblob import TextBlob

    p = TextBlob(text).sentiment.polarity
    return "positive" if p > 0.1 else "negative" if p < -0.1 else "neutral"


def theme_scores(items: list[dict], codebook) -> tuple[dict[str, tuple], float]:
    tp: dict[str, int] = {t: 0 for t in codebook.theme_ids}
    fp, fn = dict(tp), dict(tp)
    for it in items:
        got = {m.theme for m in code_themes(it["text"], it["lang"], codebook)}
        want = set(it["themes"])
        for t in codebook.theme_ids:
            tp[t] += t in got and t in want
            fp[t] += t in got and t not in want
            fn[t] += t not in got and t in want
    out = {}
    for t in codebook.theme_ids:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = (p, r, f, tp[t] + fn[t])
    supported = [v[2] for v in out.values() if v[3]]
    return out, (sum(supported) / len(supported) if supported else 0.0)


def concern_scores(items: list[dict]) -> tuple[float, float, int, int]:
    tp = fp = fn = 0
    for it in items:
        got = screen_concern(it["text"], it["lang"]).flagged
        tp += got and it["concern"]
        fp += got and not it["concern"]
        fn += (not got) and it["concern"]
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    return recall, precision, tp + fn, tp + fp


def sentiment_scores(items: list[dict]) -> tuple[float, float, int]:
    en = [it for it in items if it["lang"] == "en" and it["sentiment"]]
    ours = sum(score_sentiment(it["text"], "en").label == it["sentiment"] for it in en)
    plain = sum(textblob_label(it["text"]) == it["sentiment"] for it in en)
    return ours / len(en), plain / len(en), len(en)


def mark(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def report_quality(items: list[dict], codebook, verbose: bool) -> dict[str, float]:
    figures: dict[str, float] = {}
    for group, sel in (("en", lambda i: i["lang"] == "en"), ("other", lambda i: i["lang"] != "en")):
        subset = [i for i in items if sel(i)]
        per, macro = theme_scores(subset, codebook)
        figures[f"f1_{group}"] = macro
        print(f"  themes [{group}, n={len(subset)}] macro F1 {macro:.3f}")
        if verbose:
            for t, (p, r, f, n) in per.items():
                print(f"    {t:<15} P {p:.2f} R {r:.2f} F1 {f:.2f} (support {n})")
    ours, plain, n = sentiment_scores(items)
    figures["sentiment"], figures["textblob"] = ours, plain
    print(f"  sentiment [en, n={n}] accuracy {ours:.3f}   plain TextBlob {plain:.3f}")
    recall, precision, pos, flagged = concern_scores(items)
    figures["recall"], figures["precision"] = recall, precision
    print(
        f"  concern [all langs] recall {recall:.3f} precision {precision:.3f} "
        f"({pos} concerns, {flagged} flagged)"
    )
    for group, sel in (("en", lambda i: i["lang"] == "en"), ("other", lambda i: i["lang"] != "en")):
        r, p, a, b = concern_scores([i for i in items if sel(i)])
        print(f"    concern [{group}] recall {r:.3f} precision {p:.3f} ({a} concerns, {b} flagged)")
    if verbose:
        for lang in LANGS:
            subset = [i for i in items if i["lang"] == lang]
            if subset:
                r, p, a, b = concern_scores(subset)
                f1 = theme_scores(subset, codebook)[1]
                print(
                    f"    [{lang}, n={len(subset)}] theme macro F1 {f1:.3f}; concern recall {r:.3f}"
                    f" precision {p:.3f} ({a} concerns, {b} flagged)"
                )
    return figures


def throughput(items: list[dict], codebook, repeats: int) -> tuple[dict, bool]:
    """Answers per second, ours and the baseline, by wall clock and by this process's CPU time.

    The machine is shared: CPU time leaves out the time other processes held the CPU.
    """
    from analysis.pipeline import analyse_text

    try:
        import analysis.redaction  # noqa: F401

        redaction = True
    except ImportError:
        redaction = False
    import scrubadub
    from textblob import TextBlob

    texts = [(i["text"], i["lang"]) for i in items]
    scrubber = scrubadub.Scrubber(locale="en_GB")

    def ours() -> None:
        if redaction:
            for text, lang in texts:
                analyse_text(text, lang, codebook)
        else:
            for text, lang in texts:
                code_themes(text, lang, codebook)
                score_sentiment(text, lang)
                screen_concern(text, lang)

    def baseline() -> None:
        for text, _lang in texts:
            scrubber.clean(text)
            _ = TextBlob(text).sentiment

    ours(), baseline()  # warm caches and lazy loads outside the timing
    wall: dict[str, list[float]] = {"ours": [], "base": []}
    cpu: dict[str, list[float]] = {"ours": [], "base": []}
    for _ in range(repeats):
        for name, fn in (("ours", ours), ("base", baseline)):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    n = len(texts)
    return {
        clock: (n / statistics.median(d["ours"]), n / statistics.median(d["base"]))
        for clock, d in (("wall", wall), ("cpu", cpu))
    }, redaction


def stage_costs(items: list[dict], codebook, repeats: int) -> dict[str, float]:
    """Microseconds an answer for each stage of the pipeline timed alone, in pipeline order:
    redaction, the concern screen on the raw text, then themes and sentiment on the redacted
    text with the screen's result (as :func:`analysis.pipeline.analyse_text` runs them); then
    the baseline's two parts, so each stage can be set beside the one it stands in for
    (redaction beside scrubadub, sentiment beside TextBlob)."""
    import scrubadub
    from textblob import TextBlob

    from analysis.pipeline import analyse_text
    from analysis.redaction import redact

    texts = [(i["text"], i["lang"]) for i in items]
    redacted = [(redact(t).text, lang) for t, lang in texts]
    concerns = [screen_concern(t, lang) for t, lang in texts]
    after = list(zip(redacted, concerns, strict=True))
    scrubber = scrubadub.Scrubber(locale="en_GB")
    stages = {
        "redaction": lambda: [redact(t) for t, _ in texts],
        "concern screen": lambda: [screen_concern(t, lang) for t, lang in texts],
        "themes": lambda: [code_themes(t, lang, codebook, concern=c) for (t, lang), c in after],
        "sentiment": lambda: [score_sentiment(t, lang, concern=c) for (t, lang), c in after],
        "whole pipeline": lambda: [analyse_text(t, lang, codebook) for t, lang in texts],
        "scrubadub": lambda: [scrubber.clean(t) for t, _ in texts],
        "TextBlob": lambda: [TextBlob(t).sentiment for t, _ in texts],
    }
    best = {}
    for name, run in stages.items():
        run()  # warm the memos outside the timing
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        best[name] = min(times) / len(texts) * 1e6
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quiet", action="store_true", help="macro figures only")
    parser.add_argument("--stages", action="store_true", help="also time each pipeline stage")
    parser.add_argument(
        "--dev-only",
        action="store_true",
        help="tuning figures and throughput only: no held-out figure is printed (for tuning work)",
    )
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    items = load()
    codebook = load_codebook()
    print(f"codebook {codebook.version}; {len(items)} labelled answers")
    results = {}
    for split in ("dev",) if args.dev_only else ("dev", *HELDOUT_SPLITS, "all"):
        subset = [i for i in items if split == "all" or i["split"] == split]
        print(f"\n== {split} ({len(subset)} answers) ==")
        results[split] = report_quality(subset, codebook, verbose=not args.quiet)
    rates, redaction = throughput(items, codebook, args.repeats)
    what = "pipeline incl. redaction" if redaction else "analysis WITHOUT redaction"
    print(f"\nthroughput ({args.repeats} repeats, median, {len(items)} answers):")
    for clock, (ours_rate, base_rate) in rates.items():
        print(
            f"  [{clock}] {what} {ours_rate:.0f} answers/s; scrubadub+TextBlob "
            f"{base_rate:.0f} answers/s; ratio {ours_rate / base_rate:.2f}x"
        )
    ours, base = rates["wall"]
    if args.stages:
        print(
            "\nstages, then the baseline's parts, each timed alone (fastest of the repeats, "
            "microseconds an answer):"
        )
        for name, cost in stage_costs(items, codebook, args.repeats).items():
            print(f"  {name:15s} {cost:6.1f}")
    for split in () if args.dev_only else FAIR_SPLITS:
        print(f"\ntargets ({split} split):")
        held = results[split]
        print(f"  macro F1 en >= 0.80: {held['f1_en']:.3f} {mark(held['f1_en'] >= 0.80)}")
        print(f"  macro F1 other >= 0.65: {held['f1_other']:.3f} {mark(held['f1_other'] >= 0.65)}")
        ok = held["sentiment"] >= 0.75 and held["sentiment"] > held["textblob"]
        print(
            f"  sentiment >= 0.75 and above TextBlob: {held['sentiment']:.3f} vs "
            f"{held['textblob']:.3f} {mark(ok)}"
        )
        print(f"  concern recall >= 0.95: {held['recall']:.3f} {mark(held['recall'] >= 0.95)}")
        print(
            f"  concern precision >= 0.5: {held['precision']:.3f} {mark(held['precision'] >= 0.5)}"
        )
    cpu_ratio = rates["cpu"][0] / rates["cpu"][1]
    print(
        f"\nthroughput >= 2x: wall {ours / base:.2f}x {mark(ours / base >= 2)}, "
        f"cpu {cpu_ratio:.2f}x {mark(cpu_ratio >= 2)}"
        + ("" if redaction else " (redaction not included)")
    )


if __name__ == "__main__":
    main()
