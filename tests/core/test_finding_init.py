"""Finding's hand-written __init__ against the dataclass-generated one it replaces."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_xl.core.findings import MAX_SHOWN_CHARS, Finding, Severity, shorten


@dataclass(frozen=True)
class _GeneratedFinding:
    """Finding as it was: the generated frozen __init__ plus the shortening hook."""

    code: str
    severity: Severity
    sheet: str
    cell: str
    subject: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.subject, str) and len(self.subject) > MAX_SHOWN_CHARS:
            object.__setattr__(self, "subject", shorten(self.subject))


texts = st.text(max_size=2 * MAX_SHOWN_CHARS + 5)


@given(
    code=st.sampled_from(["ACT005", "WB004", "PRJ006"]),
    severity=st.sampled_from(list(Severity)),
    sheet=texts,
    cell=st.text(max_size=6),
    subject=texts,
    params=st.none() | st.dictionaries(st.sampled_from(["year", "value"]), st.integers()),
)
def test_a_finding_holds_what_the_generated_init_would_give(
    code: str,
    severity: Severity,
    sheet: str,
    cell: str,
    subject: str,
    params: dict[str, Any] | None,
) -> None:
    args: tuple[Any, ...] = (code, severity, sheet, cell, subject)
    if params is None:
        made, reference = Finding(*args), _GeneratedFinding(*args)
    else:
        made, reference = Finding(*args, params), _GeneratedFinding(*args, params)
    assert dataclasses.astuple(made) == dataclasses.astuple(reference)
    assert len(made.subject) <= MAX_SHOWN_CHARS
    assert made == Finding(*dataclasses.astuple(reference))
    assert pickle.loads(pickle.dumps(made)) == made


def test_a_finding_takes_keywords_and_stays_frozen() -> None:
    made = Finding(code="WB004", severity=Severity.ERROR, sheet="Acties", cell="K7", subject="A")
    assert made.params == {} and made == Finding("WB004", Severity.ERROR, "Acties", "K7", "A", {})
    assert dataclasses.replace(made, cell="K8").cell == "K8"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.cell = "K9"  # type: ignore[misc]
