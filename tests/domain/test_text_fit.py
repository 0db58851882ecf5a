"""Fitting a text into a box: shrink within limits, then wrap, never overflow (pure, with a
made-up font: every character is 0.1 mm wide per point, lines are 0.5 mm high per point)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.text_fit import ELLIPSIS, FLOOR_PT, fit_text, wrap_paragraph


def measure(text: str, size: float) -> float:
    return len(text) * 0.1 * size


def line_height(size: float) -> float:
    return 0.5 * size


def fit(text: str, width: float, height: float, size: float = 20, minimum: float = 10, wrap=True):  # type: ignore[no-untyped-def]
    return fit_text(
        text,
        width=width,
        height=height,
        size=size,
        min_size=minimum,
        wrap=wrap,
        measure=measure,
        line_height=line_height,
    )


def test_a_short_text_keeps_its_size_on_one_line() -> None:
    got = fit("Nguyễn Văn An", width=100, height=12)
    assert got.size_pt == 20 and got.lines == ("Nguyễn Văn An",)
    assert not got.below_min and not got.cut


def test_a_longer_text_shrinks_before_it_wraps() -> None:
    text = "x" * 40  # 80 mm at 20 pt, 60 mm at 15 pt
    got = fit(text, width=60, height=12)
    assert got.size_pt == 15 and got.lines == (text,)


def test_past_the_smallest_size_it_wraps_from_the_largest_size_that_holds() -> None:
    text = " ".join(["abcd"] * 20)  # 99 characters: 99 mm at 10 pt, too wide on one line
    got = fit(text, width=60, height=30)
    assert len(got.lines) > 1 and got.size_pt >= 10 and not got.below_min
    assert all(measure(line, got.size_pt) <= 60 for line in got.lines)
    assert len(got.lines) * line_height(got.size_pt) <= 30
    assert " ".join(got.lines) == text


def test_a_field_that_does_not_wrap_goes_below_its_smallest_size_and_says_so() -> None:
    got = fit("x" * 100, width=60, height=12, wrap=False)
    assert got.lines == ("x" * 100,) and got.size_pt == 6 and got.below_min and not got.cut


def test_a_word_wider_than_the_box_is_broken_inside() -> None:
    assert wrap_paragraph("ab " + "c" * 30, 10, 10, measure) == ["ab", "c" * 10, "c" * 10, "c" * 10]


def test_text_that_cannot_fit_even_at_the_floor_is_cut_with_an_ellipsis() -> None:
    got = fit("chữ " * 200, width=20, height=6)
    assert got.cut and got.below_min and got.size_pt == FLOOR_PT
    assert got.lines[-1].endswith(ELLIPSIS)
    assert len(got.lines) * line_height(FLOOR_PT) <= 6


def test_the_templates_lines_stay_lines() -> None:
    got = fit("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", width=100, height=30)
    assert got.lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") and got.size_pt == 20


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="aăâbcdđ ơưxyz\n", max_size=300),
    width=st.floats(5, 250),
    height=st.floats(1, 60),
    size=st.floats(6, 30),
    wrap=st.booleans(),
)
def test_never_outside_the_box(
    text: str, width: float, height: float, size: float, wrap: bool
) -> None:
    got = fit(text, width=width, height=height, size=size, minimum=size * 0.7, wrap=wrap)
    assert len(got.lines) * line_height(got.size_pt) <= height + 1e-6
    for line in got.lines:
        assert measure(line, got.size_pt) <= width + 1e-6
    if not got.cut:  # every letter kept, in order (a word may be broken across lines)
        assert "".join(got.text.split()) == "".join(text.split())
