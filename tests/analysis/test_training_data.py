"""The trainers' one loader keeps the fair held-out sets out of every model."""

from __future__ import annotations

import json

import pytest

from analysis import training_data
from analysis.training_data import FAIR_CHECKS, TRAINING_FILES, load, save


@pytest.mark.parametrize("name", FAIR_CHECKS)
def test_a_fair_check_is_refused_by_name(name):
    with pytest.raises(ValueError, match="fair check"):
        load(name)


def test_a_training_file_holding_fair_answers_is_refused(tmp_path, monkeypatch):
    (tmp_path / "text_eval_mixed.jsonl").write_text(
        json.dumps({"text": "x", "split": "heldout5"}) + "\n", encoding="utf-8"
    )
    monkeypatch.setattr(training_data, "EVAL_DIR", tmp_path)
    with pytest.raises(ValueError, match="fair check"):
        load("text_eval_mixed.jsonl")


def test_training_files_load_and_a_saved_model_reads_back(tmp_path):
    assert all(load(name) for name in TRAINING_FILES)
    raw = {"version": "v", "weights": {"w:été": [0.5]}}
    save(tmp_path / "model.json", raw)
    assert json.loads((tmp_path / "model.json").read_text(encoding="utf-8")) == raw
