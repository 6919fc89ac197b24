"""The benchmark times work, not imports: once ``bench/measure.py`` has loaded
what a task needs, running (c) on a plan workbook imports nothing more.

(A module imported lazily inside the timed call is start-up cost the CLI pays
before it reads a file; round 2's JSON writer was such a module for a while.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.measure import _preload
_preload("validate")
from plan_xl.validate import validate_file
before = set(sys.modules)
result = validate_file(Path({path!r}))
result.to_json_text()
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_validate_and_its_json_import_nothing_after_the_preload(tmp_path: Path) -> None:
    from plan_xl.template import build_workbook

    plan = tmp_path / "plan.xlsx"
    build_workbook(plan, example=True)
    code = _PROBE.format(root=str(ROOT), path=str(plan))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
