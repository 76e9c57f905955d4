"""Concern recall and precision on the dev split only, per file and language.

Reads only items whose split is "dev" (text_eval.jsonl's dev items, text_eval_dev2.jsonl,
text_eval_dev3.jsonl to text_eval_dev5.jsonl): for tuning rules without ever printing a
held-out item. ``-v`` lists the dev misses and false alarms.
Run: ``PYTHONPATH=. python bench/concern_dev.py [-v]``.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from analysis.concern import screen_concern
from analysis.train_concern_model import TRAINING_FILES

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
FILES = TRAINING_FILES  # only their "dev" items are read


def main() -> None:
    verbose = "-v" in sys.argv[1:]
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for name in FILES:
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else None
            if item is None or item.get("split") != "dev":
                continue
            concern = screen_concern(item["text"], item["lang"])
            got, want = concern.flagged, item["concern"]
            for key in ((name, item["lang"]), (name, "*"), ("all", item["lang"]), ("all", "*")):
                tp_fp_fn = stats[key]
                tp_fp_fn[0] += got and want
                tp_fp_fn[1] += got and not want
                tp_fp_fn[2] += want and not got
            if verbose and got != want:
                kind = "MISS" if want else "FP  "
                print(kind, name, item["lang"], item["reasons"], concern.reasons, "|", item["text"])
    for (name, lang), (tp, fp, fn) in sorted(stats.items()):
        recall = tp / (tp + fn) if tp + fn else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(
            f"{name:22} {lang:3} concerns {tp + fn:4} recall {recall:.3f} "
            f"precision {precision:.3f} (missed {fn}, false alarms {fp})"
        )


if __name__ == "__main__":
    main()
