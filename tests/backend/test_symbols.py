"""Every easy-read symbol the survey definition names is shipped, with OpenMoji's licence."""

from __future__ import annotations

import re

from backend.pupil.symbols import OPENMOJI, SYMBOL_DIR, symbol_url
from survey_definitions import definition_path


def test_every_symbol_in_the_definition_has_a_picture():
    names = set(re.findall(r'symbol = "([^"]+)"', definition_path(2026).read_text("utf-8")))
    assert names
    missing = sorted(n for n in names if not symbol_url(n))
    assert missing == []
    for name in OPENMOJI:
        assert (SYMBOL_DIR / f"{name}.svg").read_text("utf-8").lstrip().startswith("<svg")


def test_symbols_ship_with_their_licence_and_unknown_names_show_nothing():
    assert "Attribution-ShareAlike 4.0" in (SYMBOL_DIR / "LICENSE.txt").read_text("utf-8")
    assert "OpenMoji" in (SYMBOL_DIR / "ATTRIBUTION.md").read_text("utf-8")
    assert symbol_url("no-such-symbol") == ""
    assert symbol_url("../../app") == ""
