"""Documents with text keys only take orjson's fast path; any other key anywhere
sends the whole document down the slower path, with the same text as the
standard library's indented json.dumps either way."""

from __future__ import annotations

import json
from enum import StrEnum

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.jsonout import dumps


class Level(StrEnum):
    ERROR = "error"


def reference(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


keys = st.text(max_size=4) | st.integers(-5, 5) | st.booleans() | st.none()
scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=6)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_text_and_other_keys_at_any_depth_are_written_as_json_dumps_writes_them(
    data: object,
) -> None:
    try:
        expected = reference(data)
    except (TypeError, ValueError):  # keys json cannot write either
        return
    assert dumps(data) == expected


def test_a_number_key_deep_inside_is_written_as_text() -> None:
    data = {"budget": {"by_theme": {"Dienstverlening": {2026: 1.0, "2027": 2.5}}}}
    assert dumps(data) == reference(data)


def test_text_enum_keys_are_written_as_their_value() -> None:
    data = {Level.ERROR: 3, "warning": [1, {Level.ERROR: "x"}]}
    assert dumps(data) == reference(data)
