"""Which labelled files under ``tests/data`` the trained models learn from, and which they never
read: the three held-out sets written blind to everything stay the honest measure of the targets.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["EVAL_DIR", "FAIR_CHECKS", "TRAINING_FILES", "WRITTEN_BLIND", "load", "save"]

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
TRAINING_FILES = (
    "text_eval.jsonl",
    "text_eval_dev2.jsonl",
    "text_eval_dev3.jsonl",
    "text_eval_dev4.jsonl",
    "text_eval_dev5.jsonl",
    "text_eval_dev6.jsonl",
    "text_eval_dev7.jsonl",
    "text_eval_dev8.jsonl",
    "text_eval_holdout2.jsonl",
    "text_eval_holdout3.jsonl",
)
WRITTEN_BLIND = (
    "text_eval_dev4.jsonl",
    "text_eval_dev5.jsonl",
    "text_eval_dev6.jsonl",
    "text_eval_dev7.jsonl",
    "text_eval_dev8.jsonl",
)
"""Training files written by people who had read none of the analysis: the trainers choose
thresholds and settings on them, each scored by a model trained without it."""
FAIR_CHECKS = ("text_eval_holdout4.jsonl", "text_eval_holdout5.jsonl", "text_eval_holdout6.jsonl")
_FAIR_SPLITS = ("heldout4", "heldout5", "heldout6")


def load(name: str) -> list[dict]:
    """The labelled answers of one file; refuses a fair check (an error, not an assert: the
    refusal must hold under ``python -O`` too)."""
    if name not in FAIR_CHECKS:
        lines = (EVAL_DIR / name).read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
        if not any(it.get("split", "").startswith(_FAIR_SPLITS) for it in items):
            return items
    raise ValueError(f"{name} is a fair check: no trainer or tuning test may read it")


def save(path: Path, raw: dict) -> None:
    """Write a trained model's file, compact (the models ship in the package)."""
    path.write_text(json.dumps(raw, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
