"""Which files a batch checks, how they are shown and where their copies go.

INPUT arguments are files, folders (searched recursively for ``.xlsx``/``.xlsm``)
or glob patterns. Excel lock files (``~$name.xlsx``) and plan-xl's own
annotated copies (``*.gecontroleerd.*``) are skipped in folders and patterns,
and so is everything under the output folder, so a second run over the same
folder does not check its own reports.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
COPY_MARKER = ".gecontroleerd"
REPORT_NAMES = ("rapport.xlsx", "rapport.html", "rapport.json")


@dataclass(frozen=True)
class BatchInput:
    """One file to check: its path, its name in the report, its copy's name."""

    path: Path  # absolute
    display: str
    copy_name: str
    exists: bool = True


def is_candidate(path: Path) -> bool:
    """A workbook a folder scan or pattern should pick up."""
    name = path.name
    return (
        path.suffix.lower() in WORKBOOK_SUFFIXES
        and not name.startswith("~$")
        and COPY_MARKER not in name.lower()
    )


def _is_within(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _scan_folder(folder: Path, exclude: Path | None) -> list[Path]:
    # The output folder is pruned when it sits inside the scanned folder; when it is
    # the scanned folder itself, only its reports are skipped.
    prune = exclude is not None and not _is_within(folder, exclude)
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        dirs[:] = sorted(d for d in dirs if not (prune and _is_within(root_path / d, exclude)))
        found.extend(
            root_path / name
            for name in sorted(files)
            if is_candidate(root_path / name) and not _is_report(root_path / name, exclude)
        )
    return found


def _is_report(path: Path, output_dir: Path | None) -> bool:
    return path.parent == output_dir and path.name.lower() in REPORT_NAMES


def expand_inputs(
    inputs: Iterable[str | os.PathLike[str]], exclude: Path | None = None
) -> tuple[list[Path], list[Path]]:
    """Expand INPUT arguments to workbook files, in the order given.

    Returns ``(files, missing)``: absolute paths without duplicates, and the
    arguments that matched nothing (neither a file, a folder nor a pattern).
    A file named explicitly is always checked, whatever its extension.
    """
    exclude = exclude.resolve() if exclude is not None else None
    files: list[Path] = []
    missing: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(resolved)

    for item in inputs:
        text = os.fspath(item)
        path = Path(text).expanduser()
        if path.is_dir():
            for found in _scan_folder(path.resolve(), exclude):
                add(found)
        elif path.is_file():
            add(path)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    for found in _scan_folder(match_path.resolve(), exclude):
                        add(found)
                elif (
                    match_path.is_file()
                    and is_candidate(match_path)
                    and not _is_report(match_path.resolve(), exclude)
                ):
                    add(match_path)
            if not matches:
                missing.append(path.absolute())
        else:
            missing.append(path.absolute())
    return files, missing


def _common_folder(paths: Sequence[Path]) -> Path | None:
    if not paths:
        return None
    try:
        return Path(os.path.commonpath([str(p.parent) for p in paths]))
    except ValueError:  # paths on different drives
        return None


def display_names(paths: Sequence[Path]) -> list[str]:
    """Each path relative to the common folder of all of them (POSIX separators)."""
    base = _common_folder(paths)
    names: list[str] = []
    for p in paths:
        if base is not None:
            try:
                names.append(p.relative_to(base).as_posix())
                continue
            except ValueError:
                pass
        names.append(p.as_posix())
    return names


def copy_names(paths: Sequence[Path]) -> list[str]:
    """Annotated-copy file names that never collide, also across folders.

    ``plan.xlsx`` -> ``plan.gecontroleerd.xlsx``; a second ``plan.xlsx`` from
    another folder gets ``plan (2).gecontroleerd.xlsx``. Names are compared
    case-insensitively, as Windows and macOS file systems do.
    """
    taken: set[str] = {name.casefold() for name in REPORT_NAMES}
    names: list[str] = []
    for p in paths:
        suffix = p.suffix if p.suffix.lower() in WORKBOOK_SUFFIXES else ".xlsx"
        stem = p.stem if p.suffix.lower() in WORKBOOK_SUFFIXES else p.name
        candidate = f"{stem}{COPY_MARKER}{suffix}"
        n = 2
        while candidate.casefold() in taken:
            candidate = f"{stem} ({n}){COPY_MARKER}{suffix}"
            n += 1
        taken.add(candidate.casefold())
        names.append(candidate)
    return names


def plan_inputs(
    inputs: Iterable[str | os.PathLike[str]], output_dir: Path | None = None
) -> list[BatchInput]:
    """The batch's inputs: found files first (in order), then arguments that matched nothing."""
    files, missing = expand_inputs(inputs, exclude=output_dir)
    all_paths = files + missing
    displays = display_names(all_paths)
    copies = copy_names(all_paths)
    return [
        BatchInput(path, display, copy, exists=index < len(files))
        for index, (path, display, copy) in enumerate(zip(all_paths, displays, copies, strict=True))
    ]
