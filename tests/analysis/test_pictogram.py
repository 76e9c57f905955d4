"""The "6 in 10" pictogram: ten figures, the right number solid, a text alternative, no style."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from analysis.documents.pictogram import FIGURES, pictogram_svg
from analysis.documents.sentences import share_phrase, tenths

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str):
    root = ET.fromstring(svg)
    figures = [g for g in root.iter(f"{SVG}g")]
    return root, [g.get("data-filled") for g in figures], figures


@pytest.mark.parametrize("filled", range(FIGURES + 1))
def test_fills_that_many_figures_and_says_so(filled):
    root, states, figures = _parse(pictogram_svg(filled, f"Coloured in: {filled}.",
                                                 element_id="p1"))
    assert states == ["1"] * filled + ["0"] * (FIGURES - filled)
    # Solid against white with a dark outline: told apart by shape, not only by colour.
    assert {g.get("fill") for g in figures if g.get("data-filled") == "0"} <= {"#ffffff"}
    assert all(g.get("stroke") == "#0b0c0c" for g in figures)
    title = root.find(f"{SVG}title")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == title.get("id") == "p1-title"
    assert title.text == f"Coloured in: {filled}."
    assert "style" not in pictogram_svg(filled, "x", element_id="p")  # the CSP allows no style


def test_right_to_left_fills_from_the_right_and_label_is_escaped():
    _root, states, _ = _parse(pictogram_svg(3, "a < b & \"c\"", element_id='x"y', rtl=True))
    assert states == ["0"] * 7 + ["1"] * 3
    root = ET.fromstring(pictogram_svg(3, "a < b & \"c\"", element_id='x"y'))
    assert root.find(f"{SVG}title").text == 'a < b & "c"'


def test_refuses_impossible_fills():
    for bad in (-1, FIGURES + 1):
        with pytest.raises(ValueError):
            pictogram_svg(bad, "x", element_id="p")


def test_tenths_match_the_sentence():
    assert tenths(18, 30) == 6 and share_phrase(18, 30) == "6 in 10"
    assert tenths(1, 20) == 1 and tenths(1, 21) == 0  # half rounds up
