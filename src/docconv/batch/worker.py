"""The per-file work of a batch, the same on every engine: convert, write outputs, return a small record.

A worker reads one input, runs the pipeline, writes the outputs itself (atomically) and hands back only
a `dict` record for the manifest: never the document or its text, so the driver's memory does not grow
with the corpus. For shard formats (jsonl, parquet) the rows of one chunk of inputs go into one shard,
written when the chunk is done; the records of those inputs are released only after the shard is on
disk, so a record in the manifest always points at an output that exists.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docconv import __version__, pipeline
from docconv.ast import Document, Heading, Node, plain_text
from docconv.batch.plan import PER_FILE_EXTENSIONS, output_paths
from docconv.diagnostics import Action, DiagnosticLog
from docconv.errors import INTERNAL_ERROR_EXIT, DocconvError, InputError, MissingDependencyError
from docconv.fsutil import write_atomically
from docconv.options import Options
from docconv.structure import articles
from docconv.walk import query
from docconv.writers.plain import write_plain
from docconv.writers.prepare import prepare

Record = dict[str, Any]
"""One manifest line: see `record` for the fields."""


class EmptyInputError(InputError):
    """An input with no text in it: a batch reports it rather than writing an empty output."""

    exit_code = 1


class OutputClashError(DocconvError):
    """Two inputs would write the same output, or an output would overwrite an input."""

    exit_code = 1


class ConversionTimeoutError(DocconvError):
    """An input ran past `--timeout`; its worker was stopped."""

    exit_code = 1


class WorkerCrashedError(DocconvError):
    """The worker process died while converting an input."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Job:
    """What every file of one batch is converted with; sent once to each worker."""

    outdir: str
    """The output directory (absolute)."""
    to: str
    """Output format: a writer name, or `jsonl`/`parquet` for shards."""
    options: Options
    """Conversion options."""
    from_format: str | None
    """Input format forced with `-f`, else detected per file."""
    split_articles: bool
    """Write one output (or one row) per article."""
    fingerprint: str
    """`plan.options_fingerprint` of the above."""


@dataclass(frozen=True, slots=True)
class Task:
    """One input file to convert."""

    path: str
    """Absolute input path."""
    rel: str
    """Relative path: manifest key and output location."""
    skip_sha: str | None = None
    """With `--resume`: the content hash of the earlier successful run; equal content is skipped."""
    skip_outputs: tuple[str, ...] = ()
    """The outputs of that earlier run, carried into the skip record."""


def content_hash(data: bytes) -> str:
    """The content hash the manifest records (BLAKE2b, 128 bits: fast, and collisions are not a risk)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def record(task: Task, job: Job, *, status: str, sha: str | None = None, outputs: list[str] | None = None,
           counts: dict[str, int] | None = None, ms: int = 0, size: int = 0,
           error: BaseException | None = None) -> Record:
    """A manifest record. `status` is ok, skipped, failed, timeout or crashed."""
    err: dict[str, Any] | None = None
    if isinstance(error, DocconvError):
        err = {"class": type(error).__name__, "message": str(error), "exit_code": error.exit_code}
    elif error is not None:
        err = {"class": type(error).__name__, "message": f"internal error: {error}",
               "exit_code": INTERNAL_ERROR_EXIT}
    return {
        "input": task.path, "rel": task.rel, "sha": sha, "options": job.fingerprint, "version": __version__,
        "status": status, "outputs": outputs or [], "counts": counts or {}, "ms": ms, "bytes": size,
        "error": err,
    }


def convert_file(task: Task, job: Job) -> tuple[Record, list[dict[str, Any]]]:
    """Convert one input: per-file formats are written here; shard rows are returned for the caller.

    Every failure becomes a `failed` record: a bug in docconv on one file must not stop the batch, so
    unexpected exceptions are recorded (class and message) rather than raised, and the record says so.
    """
    started = time.perf_counter()
    size = 0
    sha: str | None = None
    try:
        data = pipeline.load_bytes(task.path)
        size = len(data)
        sha = content_hash(data)
        if task.skip_sha is not None and sha == task.skip_sha:
            return record(task, job, status="skipped", sha=sha, outputs=list(task.skip_outputs),
                          size=size), []
        _check_not_empty(data)
        log = DiagnosticLog()
        doc = pipeline.read_bytes(data, format=job.from_format, path=task.path, options=job.options, log=log)
        doc = pipeline.transform(doc, job.options, log)
        docs = articles.split_documents(doc) if job.split_articles else [doc]
        rows: list[dict[str, Any]] = []
        outputs: list[str] = []
        if job.to in PER_FILE_EXTENSIONS:
            outputs = _write_outputs(task, job, docs, log, split=job.split_articles)
        else:
            rows = [_row(task.rel, i if job.split_articles else None, d, job.options, log)
                    for i, d in enumerate(docs, 1)]
        counts = _counts(doc, log)  # after writing: the writers report too
    except Exception as exc:  # noqa: BLE001  # not swallowed: it becomes this file's failure record
        ms = round((time.perf_counter() - started) * 1000)
        return record(task, job, status="failed", sha=sha, ms=ms, size=size, error=exc), []
    ms = round((time.perf_counter() - started) * 1000)
    return record(task, job, status="ok", sha=sha, outputs=outputs, counts=counts, ms=ms, size=size), rows


def _check_not_empty(data: bytes) -> None:
    if not data.strip():
        raise EmptyInputError("empty input (no text in it); nothing to convert")


def run_chunk(tasks: list[Task], job: Job, shard: str | None,
              on_start: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Convert a chunk of inputs in order, yielding their records.

    `shard` names the shard file of this chunk (shard formats only). `on_start(i)` is called before the
    i-th task starts, so a supervisor knows which file a hung or crashed worker was on.
    """
    pending: list[Record] = []
    rows: list[dict[str, Any]] = []
    for i, task in enumerate(tasks):
        if on_start is not None:
            on_start(i)
        rec, file_rows = convert_file(task, job)
        if shard is None or rec["status"] != "ok":
            yield rec
            continue
        rows.extend(file_rows)
        rec["outputs"] = [shard]
        pending.append(rec)
    if shard is not None and pending:
        write_shard(Path(job.outdir) / shard, rows, job.to)
        yield from pending


def _write_outputs(task: Task, job: Job, docs: list[Document], log: DiagnosticLog, *,
                   split: bool) -> list[str]:
    names = output_paths(task.rel, job.to, len(docs) if split else None)
    outdir = Path(job.outdir)
    source = Path(task.path).resolve()
    for name in names:
        if (outdir / name).resolve() == source:
            raise OutputClashError(f"output {name} would overwrite the input; choose another -o directory",
                                   path=task.rel)
    for name, d in zip(names, docs, strict=True):
        write_atomically(outdir / name, pipeline.write(d, job.to, job.options, log), make_dirs=True)
    return names


def _log_counts(log: DiagnosticLog) -> dict[str, int]:
    """Residue removed (whole lines, blurbs, tails, duplicates), character repairs, metadata moved."""
    removed = repaired = moved = 0
    for d in log:
        if d.rule.startswith("repair."):
            repaired += d.action in (Action.CHANGED, Action.REMOVED)
        elif d.action is Action.REMOVED:
            removed += 1
        elif d.action is Action.MOVED:
            moved += 1
    return {"removed": removed, "repaired": repaired, "moved": moved, "warnings": len(log.warnings())}


def _counts(doc: Document, log: DiagnosticLog) -> dict[str, int]:
    return {
        **_log_counts(log),
        "articles": sum(1 for b in doc.blocks if articles.is_article(b)),
        "headings": len(query(doc, _heading)),
        "blocks": len(doc.blocks),
    }


def _heading(node: Node) -> Heading | None:
    return node if isinstance(node, Heading) else None


def _row(rel: str, article: int | None, doc: Document, options: Options,
         log: DiagnosticLog) -> dict[str, Any]:
    text = write_plain(doc, options, log)
    shown = prepare(doc, options)  # the metadata and levels the writers render (-M, --shift-heading-level-by)
    meta = shown.meta
    outline = [{"level": h.level, "text": ((h.marker.raw if h.marker and options.numbering != "strip"
                                              else "") + plain_text(h.content)).strip()}
               for h in query(shown, _heading)]
    return {
        "path": rel, "article": article, "title": meta.title, "date": meta.date, "source": meta.source,
        "author": meta.author, "encoding": meta.encoding, "text": text, "outline": outline,
        "counts": {
            "chars": len(text), "headings": len(outline), "blocks": len(doc.blocks),
            **{k: v for k, v in _log_counts(log).items() if k != "moved"},
        },
    }


def write_shard(target: Path, rows: list[dict[str, Any]], to: str) -> None:
    """Write the rows of one chunk as a JSON Lines or Parquet (zstd) shard, atomically."""
    if to == "jsonl":
        write_atomically(target, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                         make_dirs=True)
        return
    pa, pq = parquet_modules()
    table = pa.Table.from_pylist(rows, schema=parquet_schema())
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    write_atomically(target, buffer.getvalue(), make_dirs=True)


def read_shard(path: Path, to: str) -> list[dict[str, Any]]:
    """The rows of a shard (used to drop stale rows after a resumed run, and by tests)."""
    if to == "jsonl":
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    _pa, pq = parquet_modules()
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def parquet_modules() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or MissingDependencyError with the install line."""
    try:
        import pyarrow as pa  # noqa: PLC0415  # optional extra, imported only when asked for
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as exc:
        raise MissingDependencyError(
            "-t parquet needs pyarrow; install it with: pip install 'docconv[parquet]'") from exc
    return pa, pq


def parquet_schema() -> Any:
    """The Parquet row schema: one row per document (or article with --split-articles)."""
    pa, _pq = parquet_modules()
    return pa.schema([
        ("path", pa.string()), ("article", pa.int32()), ("title", pa.string()), ("date", pa.string()),
        ("source", pa.string()), ("author", pa.string()), ("encoding", pa.string()),
        ("text", pa.string()),
        ("outline", pa.list_(pa.struct([("level", pa.int8()), ("text", pa.string())]))),
        ("counts", pa.struct([(k, pa.int64()) for k in
                              ("chars", "headings", "blocks", "removed", "repaired", "warnings")])),
    ])
