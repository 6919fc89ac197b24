"""A pool of worker processes with a per-file time limit that nothing can outlast.

Each worker is a long-lived process with its own pipe and gets one file at a
time, so the parent always knows which file a worker is on and since when.
A worker that overruns its deadline is killed and replaced; a worker that
dies (crash, out-of-memory kill) turns its file into a failed report and is
replaced. The parent never blocks longer than the nearest deadline.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from plan_xl.batch.report_model import FileReport
from plan_xl.batch.worker import FileTask, Processor, failed_report, worker_main
from plan_xl.i18n import t

# A worker that cannot even start within this time is given up on.
STARTUP_SECONDS = 120.0
MAX_START_FAILURES = 3
# Signals a worker dies of when it runs out of memory (the OOM killer, Rust/C aborts).
MEMORY_SIGNALS = tuple(
    int(s) for s in (getattr(signal, "SIGKILL", None), getattr(signal, "SIGABRT", None)) if s
)

OnResult = Callable[[FileReport], None]


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    spawned: float
    ready: bool = False
    task: FileTask | None = None
    deadline: float = 0.0
    retiring: bool = False  # announced it will exit; gets no more tasks


class WorkerPool:
    """Run tasks in ``size`` processes; call ``on_result`` as each file finishes."""

    def __init__(
        self,
        size: int,
        *,
        timeout: float,
        memory_limit_mb: int,
        processor: Processor | None = None,
    ) -> None:
        self.size = max(1, size)
        self.timeout = timeout
        self.memory_limit_mb = memory_limit_mb
        self.processor = processor
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        self._start_failures = 0

    # Lifecycle -----------------------------------------------------------------

    def _spawn(self) -> None:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=worker_main,
            args=(child_conn, self.processor, self.memory_limit_mb),
            name="plan-xl-batch-worker",
            daemon=True,
        )
        process.start()
        child_conn.close()
        self._workers.append(_Worker(process, parent_conn, time.monotonic()))

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=10)
        if worker.process.is_alive():  # pragma: no cover - last resort
            worker.process.kill()
            worker.process.join(timeout=10)
        worker.conn.close()
        self._workers.remove(worker)

    def close(self) -> None:
        for worker in list(self._workers):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in list(self._workers):
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._retire(worker, kill=True)

    # Running -------------------------------------------------------------------

    def run(self, tasks: Sequence[FileTask], on_result: OnResult) -> None:
        pending: deque[FileTask] = deque(tasks)
        try:
            while pending or any(w.task is not None for w in self._workers):
                self._top_up(len(pending))
                if not self._workers:  # no worker could be started: give up on the rest
                    while pending:
                        task = pending.popleft()
                        on_result(
                            failed_report(
                                task, "unreadable", t("batch.reason.worker_start", task.lang)
                            )
                        )
                    break
                self._dispatch(pending)
                self._wait()
                self._collect(on_result)
                self._enforce_deadlines(on_result)
        finally:
            self.close()

    def _top_up(self, pending: int) -> None:
        busy = sum(1 for w in self._workers if w.task is not None)
        wanted = min(self.size, busy + pending)
        live = sum(1 for w in self._workers if not w.retiring)
        while live < wanted and self._start_failures < MAX_START_FAILURES:
            self._spawn()
            live += 1

    def _dispatch(self, pending: deque[FileTask]) -> None:
        for worker in self._workers:
            if worker.ready and not worker.retiring and worker.task is None and pending:
                task = pending.popleft()
                try:
                    worker.conn.send(task)
                except (OSError, ValueError):
                    pending.appendleft(task)
                    continue
                worker.task = task
                worker.deadline = time.monotonic() + self.timeout

    def _wait(self) -> None:
        now = time.monotonic()
        deadlines = [w.deadline for w in self._workers if w.task is not None]
        deadlines += [w.spawned + STARTUP_SECONDS for w in self._workers if not w.ready]
        timeout = max(0.0, min(deadlines) - now) if deadlines else 1.0
        handles: list[object] = [w.conn for w in self._workers]
        handles += [w.process.sentinel for w in self._workers]
        wait(handles, timeout=min(timeout, 5.0))  # type: ignore[arg-type]

    def _collect(self, on_result: OnResult) -> None:
        for worker in list(self._workers):
            message = None
            try:
                if worker.conn.poll():
                    message = worker.conn.recv()
            except (EOFError, OSError):
                message = None
            if message is not None:
                kind, payload, retiring = message
                worker.retiring = worker.retiring or retiring
                if kind == "ready":
                    worker.ready = True
                    self._start_failures = 0
                elif kind == "done" and worker.task is not None:
                    worker.task = None
                    on_result(payload)
                continue
            if not worker.process.is_alive():
                self._on_death(worker, on_result)

    def _on_death(self, worker: _Worker, on_result: OnResult) -> None:
        worker.process.join(timeout=1)
        task = worker.task
        if not worker.ready:
            self._start_failures += 1
        self._retire(worker, kill=False)
        if task is None:
            return
        code = worker.process.exitcode
        if code is not None and code < 0 and -code in MEMORY_SIGNALS:
            reason = t("batch.reason.killed", task.lang, signal=-code, limit=self.memory_limit_mb)
            on_result(failed_report(task, "too_large", reason))
        else:
            on_result(
                failed_report(task, "unreadable", t("batch.reason.crashed", task.lang, code=code))
            )

    def _enforce_deadlines(self, on_result: OnResult) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.task is not None and now >= worker.deadline:
                task = worker.task
                self._retire(worker, kill=True)
                seconds = f"{self.timeout:g}"
                report = failed_report(
                    task, "timeout", t("batch.reason.timeout", task.lang, seconds=seconds)
                )
                report.seconds = round(self.timeout, 3)
                on_result(report)
            elif not worker.ready and now >= worker.spawned + STARTUP_SECONDS:
                self._start_failures += 1
                self._retire(worker, kill=True)
