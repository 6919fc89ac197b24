"""Synthetic plan workbooks for the benchmark: N actions, M project lines.

The base is the real template (``plan_xl.template.build_workbook``, example
data so themes and settings are filled in); ``tblActies`` and
``tblProjectlijnen`` are then refilled with synthetic rows by writing the sheet
XML directly (see :mod:`bench.xlsx_fill` for why). Generated files are cached
by their parameters under ``bench/results/workbooks`` (gitignored).

    python bench/generate.py --actions 500 --lines 5000 --out plan.xlsx
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import DefectLog, synthetic_plan
from bench.xlsx_fill import fill_tables
from plan_xl import contract as c

GENERATOR_VERSION = 1
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_CACHE = RESULTS_DIR / "workbooks"


@dataclass(frozen=True)
class GeneratedWorkbook:
    path: Path
    actions: int
    lines: int
    defects: dict[str, int]


def default_actions(lines: int) -> int:
    """One action per ten project lines (at least 10): 500 lines -> 50 actions."""
    return max(10, lines // 10)


def build_base(out: Path) -> Path:
    """The real template with the example organisation, as the generator's base."""
    from plan_xl.template import build_workbook

    return build_workbook(out, example=True)


def _base_fingerprint() -> str:
    """Changes when the template builder changes, so cached files are rebuilt."""
    import plan_xl.template as template

    digest = hashlib.sha256()
    for path in sorted(Path(next(iter(template.__path__))).rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def generate(
    out: Path,
    *,
    actions: int,
    lines: int,
    seed: int = 0,
    defect_rate: float = 0.05,
    base: Path | None = None,
) -> GeneratedWorkbook:
    """Write a plan workbook with ``actions`` MJP actions and ``lines`` project lines."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if base is None:
        base = build_base(out.with_name(out.stem + ".base.xlsx"))
    plan = synthetic_plan(actions, lines, seed=seed, defect_rate=defect_rate)
    fill_tables(
        base,
        out,
        {c.TBL_ACTIONS: plan.actions, c.TBL_PROJECT_LINES: plan.project_lines},
    )
    return GeneratedWorkbook(out, actions, lines, dict(plan.defects.counts))


def cached_workbook(
    lines: int,
    *,
    actions: int | None = None,
    seed: int = 0,
    defect_rate: float = 0.05,
    cache_dir: Path = DEFAULT_CACHE,
) -> GeneratedWorkbook:
    """A generated workbook from the cache, generating it on first use."""
    actions = default_actions(lines) if actions is None else actions
    key = f"v{GENERATOR_VERSION}-{_base_fingerprint()}"
    folder = cache_dir / key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"plan-n{actions}-m{lines}-s{seed}-d{int(defect_rate * 1000)}"
    path = folder / f"{stem}.xlsx"
    meta = folder / f"{stem}.json"
    if path.exists() and meta.exists():
        return GeneratedWorkbook(path, actions, lines, json.loads(meta.read_text()))
    base = folder / "base.xlsx"
    if not base.exists():
        built = build_base(folder / f"base.{os.getpid()}.xlsx")
        built.replace(base)
    made = generate(
        path, actions=actions, lines=lines, seed=seed, defect_rate=defect_rate, base=base
    )
    part = meta.with_name(f"{meta.name}.{os.getpid()}.part")
    part.write_text(json.dumps(made.defects, sort_keys=True))
    part.replace(meta)
    return made


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, required=True, help="project lines (M)")
    parser.add_argument("--actions", type=int, help="MJP actions (N); default M/10")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--defect-rate", type=float, default=0.05)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    actions = default_actions(args.lines) if args.actions is None else args.actions
    made = generate(
        args.out,
        actions=actions,
        lines=args.lines,
        seed=args.seed,
        defect_rate=args.defect_rate,
    )
    print(json.dumps({"file": str(made.path), "defects": made.defects}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(_main())

__all__ = ["DefectLog", "GeneratedWorkbook", "cached_workbook", "default_actions", "generate"]
