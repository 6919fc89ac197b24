"""(f) Excel round-trips of the live-Excel entry point on a Book of M rows.

The Book is a real ``xlwings.Book`` of xlwings' remote-interpreter engine,
built from the generated .xlsx by the excel tests' own JSON description
(``tests/excel/conftest.py: book_json_from_xlsx``), so the benchmark counts
exactly what those tests assert on. That engine ships every cell value with
the Book, so reads cost no Excel call there; every change is queued as one
action in ``book.json()["actions"]``, which is what Excel would run. The
entry point's own tally (reads + writes) is reported next to it when the
module exposes one.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

LICENSE_ENV = "XLWINGS_LICENSE_KEY"


def remote_book(path: Path) -> Any:
    """An ``xlwings.Book`` (remote engine) holding the workbook at ``path``."""
    os.environ.setdefault(LICENSE_ENV, "noncommercial")  # this subprocess only
    import xlwings as xw

    if "remote" not in [engine.name for engine in xw.engines]:
        remote = importlib.import_module("xlwings.pro._xlremote")
        xw.engines.add(xw.Engine(impl=remote.engine))
    from tests.excel.conftest import book_json_from_xlsx

    return xw.Book(json=book_json_from_xlsx(path))


def _tally(outcome: Any) -> dict[str, int]:
    """Reads/writes from whatever round-trip tally the entry point returned."""
    for candidate in (
        outcome,
        getattr(outcome, "roundtrips", None),
        getattr(outcome, "round_trips", None),
    ):
        reads = getattr(candidate, "reads", None)
        writes = getattr(candidate, "writes", None)
        if isinstance(reads, int) and isinstance(writes, int):
            return {"entry_reads": reads, "entry_writes": writes}
    return {}


def count_roundtrips(path: Path) -> dict[str, Any]:
    """Run ``validate_workbook`` on a Book of the file; count what goes to Excel."""
    from plan_xl.excel import entry

    book = remote_book(path)
    outcome = entry.validate_workbook(book)
    actions = list(book.json()["actions"])
    by_func: dict[str, int] = {}
    for action in actions:
        by_func[action["func"]] = by_func.get(action["func"], 0) + 1
    tally = _tally(outcome)
    roundtrips = tally["entry_reads"] + tally["entry_writes"] if tally else len(actions)
    return {"roundtrips": roundtrips, "actions": len(actions), "actions_by_func": by_func, **tally}
