"""Array shortcuts inside rules decide what the plain per-row definition decides."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.amounts import KeyGroups
from plan_xl.rules import projects

ACTIONS = ["", "a1", "a2", "a3", "a4"]
THEMES = ["", "ict", "data", "onbekend"]
KNOWN = {"ict": "ICT", "data": "Data"}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), max_size=40),
    st.dictionaries(st.sampled_from(ACTIONS[1:]), st.sets(st.sampled_from(THEMES[1:]))),
    st.booleans(),
)
def test_theme_not_of_action_per_line_equals_the_plain_definition(
    lines: list[tuple[int, int]],
    themes_of_action: dict[str, set[str]],
    dense: bool,
) -> None:
    actions = KeyGroups(np.array([a for a, _ in lines], dtype=np.int64), ACTIONS)
    themes = KeyGroups(np.array([t for _, t in lines], dtype=np.int64), THEMES)
    fires = projects._theme_not_listed(actions, themes, themes_of_action, KNOWN, dense)
    expected = []
    for a, t in lines:
        listed = themes_of_action.get(ACTIONS[a], set())
        expected.append(bool(listed) and THEMES[t] in KNOWN and THEMES[t] not in listed)
    assert fires.tolist() == expected
