"""Array shortcuts inside rules decide what the plain per-row definition decides."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.rules import projects

ACTIONS = ["", "a1", "a2", "a3", "a4"]
THEMES = ["", "ict", "data", "onbekend"]
KNOWN = {"ict": "ICT", "data": "Data"}


theme_sets = st.sets(st.sampled_from(THEMES[1:]))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-1, 3), st.integers(0, 3)), max_size=40),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=4, max_size=4),
    st.lists(theme_sets, min_size=4, max_size=4),
    st.lists(theme_sets, min_size=4, max_size=4),
    st.sampled_from([projects.PAIR_TABLE, 0]),  # 0: pairs looked up by np.isin
)
def test_theme_not_of_action_per_line_equals_the_plain_definition(
    lines: list[tuple[int, int]],
    action_values: list[tuple[int, int]],
    main_names: list[set[str]],
    secondary_names: list[set[str]],
    pair_table: int,
) -> None:
    # Four actions; each has a Thema and a Neventhema's value (code 4: blank,
    # naming nothing); a line names one of them (-1: none) and a theme.
    main, secondary = [*main_names, set()], [*secondary_names, set()]
    named = [
        (np.array([m for m, _ in action_values], dtype=np.int64), main),
        (np.array([s for _, s in action_values], dtype=np.int64), secondary),
    ]
    known = list(KNOWN)
    line_action = np.array([a for a, _ in lines], dtype=np.int64)
    line_theme = np.array([known.index(THEMES[t]) if THEMES[t] in KNOWN else -1 for _, t in lines])
    with patch.object(projects, "PAIR_TABLE", pair_table):
        fires = projects._theme_not_listed(line_action, line_theme.astype(np.int64), named, known)
    expected = []
    for a, t in lines:
        if a < 0:
            expected.append(False)
            continue
        m, s = action_values[a]
        listed = main[m] | secondary[s]
        expected.append(bool(listed) and THEMES[t] in KNOWN and THEMES[t] not in listed)
    assert fires.tolist() == expected
