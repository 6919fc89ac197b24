"""as_text's shortcut for plain text gives what its general path gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.values import as_text, is_blank


def _general(value: object) -> str:
    """as_text's general path for text: blank check, then whitespace collapsed."""
    if is_blank(value):
        return ""
    return " ".join(str(value).split())


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12) | st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\u00a0\u3000ab", max_size=8))
def test_text_reads_as_its_words_joined_by_single_spaces(text: str) -> None:
    assert as_text(text) == _general(text)


def test_a_text_subclass_takes_the_general_path() -> None:
    class Shown(str):
        def __str__(self) -> str:
            return "  anders  tekst "

    assert as_text(Shown("x")) == "anders tekst"
