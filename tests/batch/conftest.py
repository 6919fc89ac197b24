"""Fixtures of the batch tests: headless Chromium and one shared end-to-end batch run."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.batch.corpus import Corpus, build_corpus
from tests.support.libreoffice import convert
from tests.support.programs import require_program

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

# Runs the CLI in a fresh interpreter and records its exit code and peak memory.
# The parent's peak is its own VmHWM: Linux keeps ru_maxrss across exec, so
# RUSAGE_SELF would start at pytest's RSS when the subprocess was forked.
# RUSAGE_CHILDREN covers the worker processes (forked from this small parent).
MEASURE = """
import json, resource, sys
from plan_xl.cli import main
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status", encoding="ascii") as status:
    hwm_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump({
        "exit_code": code,
        "parent_kb": hwm_kb,
        "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }, fh)
"""
RUN_TIMEOUT = 300


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path to headless Chromium; fails under CI, skips locally only when absent."""
    return require_program("chromium")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class BatchRun:
    corpus: Corpus
    output: Path
    hashes_before: dict[str, str]
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    parent_mb: float
    workers_mb: float
    report: dict

    def file(self, name: str) -> dict:
        return next(f for f in self.report["files"] if f["file"] == name)


@pytest.fixture(scope="session")
def batch_run(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> BatchRun:
    """One batch over the whole corpus through the real CLI, shared by all e2e tests."""
    base = tmp_path_factory.mktemp("batch-e2e")
    corpus = build_corpus(
        base / "inzendingen",
        base / "werk",
        lambda src, outdir: convert(src, "xlsx:Calc MS Excel 2007 XML", outdir),
    )
    hashes = {
        p.relative_to(corpus.folder).as_posix(): sha256_of(p)
        for p in sorted(corpus.folder.rglob("*"))
        if p.is_file()
    }
    output = base / "rapport"
    measure = base / "measure.json"
    env = {**os.environ, "PLAN_XL_LOG_DIR": str(base / "log")}
    args = [str(corpus.folder), "--output", str(output), "--workers", "2", "--timeout", "60"]
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, str(measure), "batch", *args],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,  # the test's own limit: a hanging batch fails here
        env=env,
        check=False,
    )
    seconds = time.monotonic() - started
    assert measure.exists(), f"batch did not finish:\n{proc.stdout}\n{proc.stderr}"
    measured = json.loads(measure.read_text(encoding="utf-8"))
    report = json.loads((output / "rapport.json").read_text(encoding="utf-8"))
    return BatchRun(
        corpus=corpus,
        output=output,
        hashes_before=hashes,
        exit_code=measured["exit_code"],
        stdout=proc.stdout,
        stderr=proc.stderr,
        seconds=seconds,
        parent_mb=measured["parent_kb"] / 1024,
        workers_mb=measured["workers_kb"] / 1024,
        report=report,
    )
