"""plan_xl.jsonout writes the same text as the standard library's indented json.dumps."""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.jsonout import dumps
from plan_xl.template import build_workbook
from plan_xl.validate import validate_file


def documents(floats: st.SearchStrategy[float]) -> st.SearchStrategy[object]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**63), max_value=2**63 - 1)
        | floats
        | st.text()
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
        max_leaves=40,
    )


any_float = st.floats(allow_nan=False, allow_infinity=False)
# Amounts and shares: what Python writes without an exponent (0, and 1e-4 <= |x| < 1e16).
plain_float = st.just(0.0) | st.floats(min_value=1e-4, max_value=9.99e15).flatmap(
    lambda x: st.sampled_from([x, -x])
)


def reference(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@settings(max_examples=300, deadline=None)
@given(documents(plain_float))
def test_a_json_document_is_written_as_the_standard_library_writes_it(data: object) -> None:
    assert dumps(data) == reference(data)


@settings(max_examples=300, deadline=None)
@given(documents(any_float))
def test_any_json_document_reads_back_as_the_same_values(data: object) -> None:
    # Exponent forms differ in spelling only: 1e-07 (json) and 1e-7 (orjson).
    assert json.loads(dumps(data)) == json.loads(reference(data))


def test_the_validate_report_of_the_example_is_written_identically(tmp_path: Path) -> None:
    example = build_workbook(tmp_path / "voorbeeld.xlsx", example=True)
    data = validate_file(example).to_json()
    text = dumps(data)
    assert text == reference(data)
    assert json.loads(text) == data


def test_non_text_keys_numbers_beyond_64_bits_and_non_ascii_text() -> None:
    data = {1: "één", 2.5: ["€ 12.500,00", "日本"], "big": 2**70, "neg": -(2**70)}
    assert dumps(data) == reference(data)


def test_nan_and_infinity_become_null_so_the_text_stays_json() -> None:
    text = dumps({"share": math.nan, "up": math.inf, "down": -math.inf})
    assert json.loads(text) == {"share": None, "up": None, "down": None}
