"""Bulk conversion: many inputs, all cores (or a Ray cluster), resumable, never stopped by a bad file.

    summary = docconv.batch.run_batch(["corpus/"], "out/", to="markdown", recursive=True, resume=True)

The driver (this module) discovers inputs, skips what an earlier run already did (`resume`), hands
chunks of files to an engine (`local.run_local` or `rayengine.run_ray`), and turns the small record of
each file into the manifest, the error log, the progress callback and the final report. Workers do
the conversions and write the outputs (see `worker`). Library code: nothing here prints.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from docconv import __version__, writers
from docconv.batch import manifest
from docconv.batch.local import Chunk, run_local, start_method
from docconv.batch.plan import (
    PER_FILE_EXTENSIONS,
    SHARD_FORMATS,
    Missing,
    Source,
    count_inputs,
    discover,
    options_fingerprint,
    output_paths,
)
from docconv.batch.worker import (
    Job,
    OutputClashError,
    Record,
    Task,
    parquet_modules,
    read_shard,
    record,
    write_shard,
)
from docconv.errors import InputNotFoundError, OptionError, OutputError
from docconv.fsutil import remove_temporaries, write_atomically
from docconv.options import Options

FORMATS = ("markdown", "json", "plain", "docx", "jsonl", "parquet")
"""Output formats of a batch: per-file writers and the two shard formats."""

ENGINES = ("local", "ray")

FAILED_STATUSES = frozenset({"failed", "timeout", "crashed"})


@dataclass
class Summary:
    """What a batch did; `progress` callbacks see it grow, `run_batch` returns it."""

    total: int | None = None
    """How many inputs discovery found (None when not counted)."""
    files: int = 0
    """Inputs finished so far (any status)."""
    ok: int = 0
    failed: int = 0
    """Failed, timed out or crashed."""
    skipped: int = 0
    """Unchanged since an earlier run (`--resume`)."""
    bytes: int = 0
    """Input bytes converted (skipped inputs not counted)."""
    seconds: float = 0.0
    removed: int = 0
    """Residue removals, summed over files."""
    repaired: int = 0
    """Character repairs, summed over files."""
    articles: int = 0
    warnings: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    """The first `MAX_LISTED_FAILURES` failures (all of them are in errors.jsonl)."""

    @property
    def mb_per_s(self) -> float:
        """Input megabytes converted per second of wall time."""
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """A one-line summary for logs and the end of a run."""
        size = f"{self.bytes / 1e6:.1f} MB" if self.bytes >= 1e6 else f"{self.bytes / 1e3:.0f} kB"
        return (f"{self.files} files: {self.ok} ok, {self.failed} failed, {self.skipped} skipped; "
                f"{size} in {self.seconds:.1f} s ({self.mb_per_s:.2f} MB/s); "
                f"residue removed {self.removed}, repairs {self.repaired}, articles {self.articles}, "
                f"warnings {self.warnings}")


MAX_LISTED_FAILURES = 1000


def run_batch(
    inputs: list[str],
    outdir: str | os.PathLike[str],
    *,
    to: str = "markdown",
    options: Options | None = None,
    from_format: str | None = None,
    jobs: int | None = None,
    recursive: bool = False,
    resume: bool = False,
    split_articles: bool = False,
    timeout: float | None = 300.0,
    report: str | os.PathLike[str] | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    chunk_size: int | None = None,
    count_total: bool = False,
    progress: Callable[[Summary, Record], None] | None = None,
) -> Summary:
    """Convert every input into `outdir`; return the summary (also written to the report file).

    Raises DocconvError only for problems with the whole run (bad options, an output directory that
    cannot be written, a missing optional dependency); a bad input becomes a failed record instead.
    """
    started = time.perf_counter()
    options = options or Options()
    to = _check_format(to)
    if engine not in ENGINES:
        raise OptionError(f"unknown engine {engine!r}; use local or ray")
    if jobs is not None and jobs < 1:
        raise OptionError(f"--jobs must be at least 1, not {jobs}")
    if timeout is not None and timeout <= 0:
        raise OptionError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    if to == "parquet":
        parquet_modules()
    if engine == "ray":
        from docconv.batch import rayengine  # noqa: PLC0415  # Ray is optional

        rayengine.check_available()
    out = _prepare_outdir(Path(outdir))
    jobs = jobs or os.cpu_count() or 1
    size = chunk_size or (256 if to in SHARD_FORMATS else 16)
    job = Job(outdir=str(out), to=to, options=options, from_format=from_format,
              split_articles=split_articles,
              fingerprint=options_fingerprint(options, to=to, from_format=from_format,
                                              split_articles=split_articles))
    previous = manifest.load(out)
    if not resume:
        _remove_old_shards(out, previous)
        previous = {}
    summary = Summary(total=count_inputs(inputs, recursive=recursive, exclude=out) if count_total else None)
    shards = _ShardNames(to)
    stale: dict[str, set[str]] = {}

    with manifest.Log(out, resume=resume) as log:
        def on_record(rec: Record) -> None:
            log.add(rec)
            _note_stale_rows(rec, previous, stale, to)
            _tally(summary, rec)
            summary.seconds = time.perf_counter() - started
            if progress is not None:
                progress(summary, rec)

        tasks = _tasks(discover(inputs, recursive=recursive, exclude=out), job, previous, on_record)
        chunks = _chunks(tasks, size, shards)
        if engine == "ray":
            from docconv.batch.rayengine import run_ray  # noqa: PLC0415  # Ray is optional

            run_ray(chunks, job, jobs=jobs, timeout=timeout, address=ray_address, on_record=on_record,
                    new_shard=shards.new)
        else:
            run_local(chunks, job, jobs=jobs, timeout=timeout, recycle_after=max(1, 2048 // size),
                      on_record=on_record, new_shard=shards.new)
    _drop_stale_rows(out, stale, to)
    summary.seconds = time.perf_counter() - started
    _write_report(Path(report) if report is not None else out / manifest.REPORT, summary, job,
                  engine=engine, jobs=jobs, inputs=inputs)
    return summary


def _check_format(to: str) -> str:
    name = to.lower()
    if name in SHARD_FORMATS:
        return name
    canonical = writers.canonical(name)
    if canonical not in PER_FILE_EXTENSIONS:
        raise OptionError(f"batch cannot write {to!r}; batch formats: {', '.join(FORMATS)}")
    return canonical


def _prepare_outdir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise OutputError(f"output directory {out} is a file; give a directory with -o")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output directory {out}: {exc.strerror}; check the path and "
                          "permissions") from exc
    remove_temporaries(out)  # what a killed run left: never a partial output
    return out.resolve()


def _remove_old_shards(out: Path, previous: dict[str, Record]) -> None:
    """A fresh (not resumed) run replaces the shards an earlier run wrote, instead of adding to them."""
    for name in {o for rec in previous.values() for o in rec.get("outputs") or ()}:
        if PurePosixPath(name).name.startswith("part-"):
            (out / name).unlink(missing_ok=True)


class _ShardNames:
    """Unique shard names for this run: `part-<start time>-<random>-<n>.jsonl|parquet`."""

    def __init__(self, to: str) -> None:
        self.ext = f".{to}" if to in SHARD_FORMATS else None
        # Sortable by start time, and unique even for two runs in one second of one process (a resumed
        # run must never write over a shard of the run it resumes).
        self.run = f"{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}"
        self.n = 0

    def new(self) -> str | None:
        if self.ext is None:
            return None
        self.n += 1
        return f"part-{self.run}-{self.n:05d}{self.ext}"


def _tasks(found: Iterator[Source | Missing], job: Job, previous: dict[str, Record],
           on_record: Callable[[Record], None]) -> Iterator[Task]:
    """Tasks for the engines; missing inputs and output clashes are reported here, in the driver."""
    claimed: dict[str, str] = {}
    for item in found:
        if isinstance(item, Missing):
            on_record(record(Task(path=item.arg, rel=item.arg), job, status="failed",
                             error=InputNotFoundError(f"{item.arg}: no such file, directory or glob match; "
                                                      "check the path")))
            continue
        if job.to in PER_FILE_EXTENSIONS:
            key = PurePosixPath(item.rel).with_suffix("").as_posix()
            first = claimed.setdefault(key, item.rel)
            if first != item.rel:
                on_record(record(Task(path=item.path, rel=item.rel), job, status="failed",
                                 error=OutputClashError(f"{item.rel} and {first} would both write "
                                                        f"{output_paths(item.rel, job.to)[0]}; rename one "
                                                        "or convert them in separate runs")))
                continue
        yield _task(item, job, previous)


def _task(item: Source, job: Job, previous: dict[str, Record]) -> Task:
    prev = previous.get(item.rel)
    if prev is None:
        return Task(path=item.path, rel=item.rel)
    outputs = tuple(prev.get("outputs") or ())
    reusable = (prev.get("status") == "ok" and prev.get("options") == job.fingerprint
                and prev.get("version") == __version__ and isinstance(prev.get("sha"), str)
                and all((Path(job.outdir) / o).is_file() for o in outputs))
    if reusable:
        return Task(path=item.path, rel=item.rel, skip_sha=prev["sha"], skip_outputs=outputs)
    return Task(path=item.path, rel=item.rel)


def _note_stale_rows(rec: Record, previous: dict[str, Record], stale: dict[str, set[str]], to: str) -> None:
    """An input redone in this run: its rows in the shards of an earlier run become stale."""
    prev = previous.get(rec["rel"])
    if to not in SHARD_FORMATS or prev is None or rec["status"] == "skipped":
        return
    for shard in prev.get("outputs") or ():
        if shard not in rec["outputs"]:
            stale.setdefault(shard, set()).add(rec["rel"])


def _chunks(tasks: Iterator[Task], size: int, shards: _ShardNames) -> Iterator[Chunk]:
    batch: list[Task] = []
    for task in tasks:
        batch.append(task)
        if len(batch) == size:
            yield batch, shards.new()
            batch = []
    if batch:
        yield batch, shards.new()


def _tally(summary: Summary, rec: Record) -> None:
    summary.files += 1
    status = rec["status"]
    if status == "skipped":
        summary.skipped += 1
        return
    summary.bytes += rec["bytes"]
    if status == "ok":
        summary.ok += 1
        counts = rec["counts"]
        summary.removed += counts.get("removed", 0)
        summary.repaired += counts.get("repaired", 0)
        summary.articles += counts.get("articles", 0)
        summary.warnings += counts.get("warnings", 0)
    else:
        summary.failed += 1
        if len(summary.failures) < MAX_LISTED_FAILURES:
            summary.failures.append({"path": rec["input"], "rel": rec["rel"], "status": status,
                                     **(rec["error"] or {})})


def _drop_stale_rows(out: Path, stale: dict[str, set[str]], to: str) -> None:
    """Rewrite older shards without the rows of inputs this run redid (so no input appears twice)."""
    for shard, rels in stale.items():
        path = out / shard
        if not path.is_file():
            continue
        rows = read_shard(path, to)
        kept = [r for r in rows if r.get("path") not in rels]
        if len(kept) != len(rows):
            if kept:
                write_shard(path, kept, to)
            else:
                path.unlink()


def _write_report(path: Path, summary: Summary, job: Job, *, engine: str, jobs: int,
                  inputs: list[str]) -> None:
    data = {
        "docconv": __version__, "inputs": inputs, "outdir": job.outdir, "to": job.to,
        "engine": engine, "jobs": jobs, "start_method": start_method() if engine == "local" else None,
        "options": asdict(job.options), "split_articles": job.split_articles,
        "summary": {k: v for k, v in asdict(summary).items() if k != "failures"}
        | {"mb_per_s": round(summary.mb_per_s, 3)},
        "failures": summary.failures,
    }
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", make_dirs=True)
