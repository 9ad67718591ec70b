"""The local engine: a supervised pool of worker processes on this machine.

Why not `concurrent.futures.ProcessPoolExecutor`: it cannot stop one hung task (a file that sends a
regex into a long search), and a worker that dies breaks the whole pool. docconv needs both a per-file
timeout and a batch that survives a crashed worker, so it supervises standard `multiprocessing`
processes itself:

- the start method is explicit: `forkserver` where the platform has it (cheap, and safe with the threads
  a progress bar runs), else `spawn`; workers ignore SIGINT so Ctrl-C reaches only the driver;
- each worker has its own pipe, so killing one never leaves a shared queue's lock held;
- tasks are chunks of files; before each file the worker says which one it starts, after each file it
  sends the small record; a worker is recycled (exits and is replaced) after `recycle_after` chunks;
- a file that runs past `timeout` seconds gets its worker killed and a `timeout` record; a worker that
  dies gets a `crashed` record for the file it was on; the rest of the chunk goes back to the queue.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from docconv.batch.worker import (
    ConversionTimeoutError,
    Job,
    Record,
    Task,
    WorkerCrashedError,
    record,
    run_chunk,
)
from docconv.errors import DocconvError

Chunk = tuple[list[Task], str | None]
"""A chunk of tasks and the name of its shard (None for per-file formats)."""


def start_method() -> str:
    """The multiprocessing start method the local engine uses."""
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def _worker_main(conn: Connection, job: Job, recycle_after: int) -> None:
    """A worker process: convert the chunks the driver sends until told to stop or recycled."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for _ in range(recycle_after):
            message = conn.recv()
            if message is None:
                break
            tasks, shard = message
            for rec in run_chunk(tasks, job, shard, on_start=lambda i: conn.send(("start", i))):
                conn.send(("done", rec))
            conn.send(("idle", None))
    except (EOFError, BrokenPipeError):
        pass  # the driver is gone (killed): outputs already written are whole; --resume redoes the rest
    finally:
        conn.close()


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    chunks_taken: int = 0
    chunk: Chunk | None = None
    index: dict[str, int] = field(default_factory=dict)
    current: int | None = None
    started: float = 0.0
    finished: set[int] = field(default_factory=set)


class _Pool:
    """The driver's side of the supervised pool (one per `run_local` call)."""

    def __init__(self, chunks: Iterator[Chunk], job: Job, *, jobs: int, timeout: float | None,
                 recycle_after: int, on_record: Callable[[Record], None],
                 new_shard: Callable[[], str | None]) -> None:
        # typeshed gives BaseContext no Process attribute; the concrete contexts all have one
        self.ctx: Any = mp.get_context(start_method())
        if self.ctx.get_start_method() == "forkserver":
            self.ctx.set_forkserver_preload(["docconv.batch.worker"])
        self.chunks, self.job, self.jobs, self.timeout = chunks, job, jobs, timeout
        self.recycle_after, self.on_record, self.new_shard = recycle_after, on_record, new_shard
        self.requeued: deque[Chunk] = deque()
        self.workers: list[_Worker] = []
        self.exhausted = False

    def next_chunk(self) -> Chunk | None:
        if self.requeued:
            return self.requeued.popleft()
        if self.exhausted:
            return None
        got = next(self.chunks, None)
        if got is None:
            self.exhausted = True
        return got

    def start_worker(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker_main, args=(child, self.job, self.recycle_after),
                                   daemon=True)
        process.start()
        child.close()
        w = _Worker(process, parent)
        self.workers.append(w)
        return w

    def give(self, w: _Worker) -> bool:
        """Send the worker its next chunk; False (and the worker retired) when there is none."""
        chunk = self.next_chunk()
        if chunk is None:
            self.retire(w, stop=True)
            return False
        w.chunk, w.current, w.finished = chunk, None, set()
        w.index = {t.rel: i for i, t in enumerate(chunk[0])}
        w.chunks_taken += 1
        w.conn.send(chunk)
        return True

    def retire(self, w: _Worker, *, stop: bool) -> None:
        """A worker with no chunk leaves the pool (told to stop, or exiting to be recycled)."""
        if stop:
            w.conn.send(None)
        w.process.join()
        w.conn.close()
        self.workers.remove(w)

    def lose(self, w: _Worker, status: str, error: DocconvError) -> None:
        """The worker died or was killed: report the file it was on, requeue the rest of its chunk."""
        if w.chunk is not None:
            tasks, shard = w.chunk
            if w.current is not None:
                ms = round((time.monotonic() - w.started) * 1000)
                self.on_record(record(tasks[w.current], self.job, status=status, error=error, ms=ms))
            rest = [t for i, t in enumerate(tasks) if i not in w.finished and i != w.current]
            if rest:
                self.requeued.appendleft((rest, self.new_shard() if shard is not None else None))
        w.process.join()
        w.conn.close()
        self.workers.remove(w)

    def drain(self, w: _Worker) -> None:
        """Handle everything a worker has sent; notice when it has died."""
        while w.conn.poll():
            try:
                kind, value = w.conn.recv()
            except (EOFError, OSError):
                break  # the worker died mid-message: handled below as a crash
            if kind == "start":
                w.current, w.started = value, time.monotonic()
            elif kind == "done":
                w.finished.add(w.index[value["rel"]])
                self.on_record(value)
            else:  # idle: the chunk is complete
                w.chunk, w.current = None, None
                if w.chunks_taken >= self.recycle_after:
                    self.retire(w, stop=False)  # the worker exits by itself; a fresh one replaces it
                else:
                    self.give(w)
                return
        if not w.process.is_alive():
            w.process.join()
            code = w.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            self.lose(w, "crashed", WorkerCrashedError(f"worker process died ({how}) while converting "
                                                       "this file"))

    def run(self) -> None:
        try:
            while True:
                while len(self.workers) < self.jobs and (self.requeued or not self.exhausted):
                    if not self.give(self.start_worker()):
                        break
                if not self.workers:
                    return
                by_object: dict[Any, _Worker] = {}
                for w in self.workers:
                    by_object[w.conn] = w
                    by_object[w.process.sentinel] = w
                for ready in wait(list(by_object), timeout=self.wait_time()):
                    w = by_object[ready]
                    if w in self.workers:
                        self.drain(w)
                self.enforce_timeout()
        finally:
            for w in self.workers:
                w.process.kill()
                w.process.join()
                w.conn.close()

    def wait_time(self) -> float:
        wait_for = 1.0
        if self.timeout is not None:
            now = time.monotonic()
            for w in self.workers:
                if w.current is not None:
                    wait_for = min(wait_for, max(0.0, w.started + self.timeout - now))
        return wait_for

    def enforce_timeout(self) -> None:
        if self.timeout is None:
            return
        now = time.monotonic()
        for w in list(self.workers):
            if w.current is not None and now - w.started > self.timeout:
                w.process.kill()
                self.lose(w, "timeout", ConversionTimeoutError(
                    f"took longer than --timeout {self.timeout:g} s; its worker was stopped"))


def run_local(chunks: Iterator[Chunk], job: Job, *, jobs: int, timeout: float | None,
              recycle_after: int, on_record: Callable[[Record], None],
              new_shard: Callable[[], str | None]) -> None:
    """Convert every chunk with `jobs` worker processes, calling `on_record` in the driver per file.

    `new_shard()` names a fresh shard for the leftover of a chunk whose worker was killed.
    """
    _Pool(chunks, job, jobs=jobs, timeout=timeout, recycle_after=recycle_after, on_record=on_record,
          new_shard=new_shard).run()
