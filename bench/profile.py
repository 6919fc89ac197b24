"""pyinstrument profiles of (c) validate and (d) annotate, saved under bench/results/.

python bench/profile.py FILE            # both tasks, text + HTML per task
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import RESULTS_DIR

MEASURE = Path(__file__).resolve().parent / "measure.py"


def profile_tasks(
    path: Path,
    tasks: tuple[str, ...] = ("validate", "annotate"),
    log: Callable[[str], None] = print,
) -> dict[str, str]:
    """Profile each task in a fresh process; returns task -> text profile file."""
    out_dir = RESULTS_DIR / "profiles"
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    for task in tasks:
        for renderer, ext in (("text", "txt"), ("html", "html")):
            target = out_dir / f"{task}-{path.stem}.{ext}"
            log(f"  profiling {task} on {path.name} -> {target}")
            cmd = [sys.executable, "-m", "pyinstrument", "-r", renderer, "-o", str(target)]
            cmd += [str(MEASURE), task, str(path)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                log(f"    failed: {proc.stderr.strip()[-300:]}")
                break
            if renderer == "text":
                written[task] = str(target)
    return written


if __name__ == "__main__":
    for task, file in profile_tasks(Path(sys.argv[1])).items():
        print(task, file)
