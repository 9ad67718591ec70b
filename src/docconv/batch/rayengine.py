"""The Ray engine: the same chunks and the same per-file worker, run as Ray tasks on a cluster.

Nothing about reading inputs or writing outputs changes: each Ray task runs `worker.run_chunk`, which
reads the input paths and writes the outputs itself, so on a cluster INPUT and OUTDIR must be on a
filesystem every node mounts (NFS, a shared volume). The driver keeps the manifest, the report and the
progress, exactly as with the local engine.

Timeouts: Ray cannot say which file of a running task is slow, so a chunk gets `timeout` seconds per
file; a chunk that overruns or crashes is cancelled (`ray.cancel(force=True)` kills its worker) and its
files are retried one per task, where a file that overruns or crashes alone gets its `timeout` or
`crashed` record.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from docconv.batch.local import Chunk
from docconv.batch.worker import (
    ConversionTimeoutError,
    Job,
    Record,
    Task,
    WorkerCrashedError,
    record,
    run_chunk,
)
from docconv.errors import DocconvError, MissingDependencyError


def _ray() -> Any:
    try:
        import ray  # noqa: PLC0415  # optional extra, imported only for --engine ray
    except ImportError as exc:
        raise MissingDependencyError(
            "--engine ray needs Ray; install it with: pip install 'docconv[ray]'") from exc
    return ray


def check_available() -> None:
    """Raise MissingDependencyError (with the pip line) when Ray is not installed."""
    _ray()


def _convert_chunk(tasks: list[Task], job: Job, shard: str | None) -> list[Record]:
    return list(run_chunk(tasks, job, shard))


class _Driver:
    """Submits chunks as Ray tasks within a window, collects records, enforces deadlines."""

    def __init__(self, ray: Any, chunks: Iterator[Chunk], job: Job, *, jobs: int, timeout: float | None,
                 on_record: Callable[[Record], None], new_shard: Callable[[], str | None]) -> None:
        self.ray, self.chunks, self.job, self.timeout = ray, chunks, job, timeout
        self.on_record, self.new_shard = on_record, new_shard
        self.remote = ray.remote(max_retries=0, num_cpus=1)(_convert_chunk)
        self.in_flight: dict[Any, tuple[Chunk, float | None]] = {}
        self.retry: list[Chunk] = []
        self.window = max(2, jobs * 2)
        self.exhausted = False

    def submit(self, chunk: Chunk) -> None:
        tasks, shard = chunk
        deadline = time.monotonic() + self.timeout * len(tasks) if self.timeout is not None else None
        self.in_flight[self.remote.remote(tasks, self.job, shard)] = (chunk, deadline)

    def give_up(self, chunk: Chunk, status: str, error: DocconvError) -> None:
        tasks, shard = chunk
        if len(tasks) == 1:
            self.on_record(record(tasks[0], self.job, status=status, error=error))
            return
        for t in tasks:  # find the culprit: each file alone, with its own deadline
            self.retry.append(([t], self.new_shard() if shard is not None else None))

    def fill(self) -> None:
        while self.retry and len(self.in_flight) < self.window:
            self.submit(self.retry.pop())
        while not self.exhausted and len(self.in_flight) < self.window:
            chunk = next(self.chunks, None)
            if chunk is None:
                self.exhausted = True
            else:
                self.submit(chunk)

    def collect(self) -> None:
        ray = self.ray
        ready, _ = ray.wait(list(self.in_flight), num_returns=1, timeout=1.0)
        for ref in ready:
            chunk, _deadline = self.in_flight.pop(ref)
            try:
                records = ray.get(ref)
            except (ray.exceptions.RayTaskError, ray.exceptions.WorkerCrashedError,
                    ray.exceptions.TaskCancelledError) as exc:
                self.give_up(chunk, "crashed", WorkerCrashedError(f"Ray task failed ({type(exc).__name__})"))
                continue
            for rec in records:
                self.on_record(rec)

    def enforce_deadlines(self) -> None:
        now = time.monotonic()
        for ref, (chunk, deadline) in list(self.in_flight.items()):
            if deadline is not None and now > deadline:
                self.ray.cancel(ref, force=True)
                del self.in_flight[ref]
                self.give_up(chunk, "timeout", ConversionTimeoutError(
                    f"took longer than --timeout {self.timeout:g} s; its Ray task was cancelled"))

    def run(self) -> None:
        try:
            while True:
                self.fill()
                if not self.in_flight:
                    return
                self.collect()
                self.enforce_deadlines()
        finally:
            for ref in self.in_flight:
                self.ray.cancel(ref, force=True)


def run_ray(chunks: Iterator[Chunk], job: Job, *, jobs: int, timeout: float | None, address: str | None,
            on_record: Callable[[Record], None], new_shard: Callable[[], str | None]) -> None:
    """Convert every chunk as Ray tasks; `address` is a cluster's (None starts Ray on this machine)."""
    ray = _ray()
    started_here = not ray.is_initialized()
    if started_here:
        if address is None:
            ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False, configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
    try:
        _Driver(ray, chunks, job, jobs=jobs, timeout=timeout, on_record=on_record,
                new_shard=new_shard).run()
    finally:
        if started_here:
            ray.shutdown()
