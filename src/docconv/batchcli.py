"""The `docconv batch` command: many inputs into an output directory, on all cores or on Ray.

    docconv batch INPUT... -o OUTDIR [-t FORMAT] [--jobs N] [--recursive] [--resume] [options]

Exit codes: 0 when every input converted (or was skipped as unchanged), 10 when the batch finished but
some inputs failed (each has a line in OUTDIR/errors.jsonl and the report), 1 when no input was found,
and the single-file command's codes for problems with the whole run (2 bad command line, 4 missing
optional dependency, 6 bad option value, 22 unknown output format, 62 internal error).
"""

from __future__ import annotations

import argparse
import os
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from tqdm import tqdm

from docconv import __version__, writers
from docconv.batch import ENGINES, FORMATS, Summary, run_batch
from docconv.batch.worker import Record
from docconv.cli import (
    USAGE_EXIT,
    CommandLineError,
    Parser,
    add_conversion_options,
    add_loudness_options,
    check_reference_doc,
    options_from_args,
)
from docconv.errors import BATCH_FAILURES_EXIT, INTERNAL_ERROR_EXIT, DocconvError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `docconv batch`."""
    p = Parser(
        prog="docconv batch",
        description="Convert and clean many inputs into an output directory that mirrors the input "
                    "tree, on all cores (or a Ray cluster), with a manifest that makes --resume skip "
                    "finished files.",
        epilog="Exit codes: 0 all inputs converted or unchanged, 10 finished but some inputs failed (see "
               "OUTDIR/errors.jsonl), 1 no input found or OUTDIR unusable, 2 bad command line, 4 missing "
               "optional dependency, 6 bad option value, 22 unknown output format, 62 internal error.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                   help="output directory (created if missing); outputs mirror the input tree")
    p.add_argument("-t", "--to", default="markdown", metavar="FORMAT",
                   help=f"output format: {', '.join(FORMATS)} (default markdown); jsonl and parquet write "
                        "shards of one record per document")
    p.add_argument("-f", "--from", dest="from_format", metavar="FORMAT",
                   help="input format for every file (default: detected per file)")
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help=f"worker processes (default: all cores, {os.cpu_count() or 1} here)")
    p.add_argument("-r", "--recursive", action="store_true", help="descend into subdirectories")
    p.add_argument("--resume", action="store_true",
                   help="skip inputs the manifest in OUTDIR shows done with the same content and options; "
                        "redo failed or changed ones")
    p.add_argument("--split-articles", action="store_true",
                   help="one output (or record) per article of a multi-article page")
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="give up on an input after this long (default 300; 0: no limit)")
    p.add_argument("--report", metavar="FILE",
                   help="where to write the JSON report (default OUTDIR/report.json)")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: a process pool on this machine (default); ray: Ray tasks (docconv[ray])")
    p.add_argument("--ray-address", metavar="ADDRESS",
                   help="the Ray cluster to use (default: $RAY_ADDRESS, else a local Ray instance)")
    p.add_argument("--chunk-size", type=int, metavar="N",
                   help="inputs per task (default 16; 256 for jsonl/parquet, where a chunk is one shard)")
    p.add_argument("--progress-interval", type=float, default=10.0, metavar="SECONDS",
                   help="when stderr is not a terminal, print a summary line this often (default 10)")
    add_conversion_options(p)  # the pandoc output options too; --log is per run, so single-file only
    add_loudness_options(p)
    p.add_argument("--version", action="version", version=f"docconv {__version__}")
    return p


def main(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    """Run `docconv batch`; return the exit code."""
    del stdout  # the batch writes files and reports on stderr
    err = stderr
    try:
        args = build_parser().parse_args(argv)
    except CommandLineError as exc:
        err.write(f"docconv batch: {exc}\n")
        return USAGE_EXIT
    except SystemExit as exc:  # --help and --version end here
        return int(exc.code or 0)
    progress = _Progress(err, quiet=args.quiet, interval=args.progress_interval)
    try:
        to = args.to.lower()
        check_reference_doc(args.reference_doc, writers.ALIASES.get(to, to))
        summary = run_batch(
            args.inputs, args.output, to=args.to, options=options_from_args(args),
            from_format=args.from_format, jobs=args.jobs, recursive=args.recursive, resume=args.resume,
            split_articles=args.split_articles, timeout=args.timeout or None, report=args.report,
            engine=args.engine, ray_address=args.ray_address or os.environ.get("RAY_ADDRESS") or None,
            chunk_size=args.chunk_size, count_total=True, progress=progress.update,
        )
    except DocconvError as exc:
        progress.close()
        err.write(f"docconv batch: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        progress.close()
        err.write("docconv batch: interrupted; run again with --resume to finish\n")
        return 130
    except Exception as exc:  # noqa: BLE001  # the last line of defence: report a bug, never a traceback
        progress.close()
        err.write(f"docconv batch: internal error: {type(exc).__name__}: {exc}; please report it (run "
                  "with -v for details)\n")
        if args.verbose:
            traceback.print_exc(file=err)
        return INTERNAL_ERROR_EXIT
    progress.close()
    return _finish(summary, args, err)


def _finish(summary: Summary, args: argparse.Namespace, err: TextIO) -> int:
    if summary.files == 0:
        err.write("docconv batch: no input files found (directories contribute .txt, .html, .docx and .pdf "
                  "files; add --recursive for subdirectories)\n")
        return 1
    if not args.quiet:
        if summary.skipped == summary.files:
            err.write(f"docconv batch: nothing to do: all {summary.files} inputs are unchanged since the "
                      "last run\n")
        else:
            err.write(f"docconv batch: {summary.line()}\n")
        if summary.failed:
            err.write(f"docconv batch: {summary.failed} input(s) failed; see "
                      f"{Path(args.output) / 'errors.jsonl'}\n")
    return BATCH_FAILURES_EXIT if summary.failed else 0


class _Progress:
    """A tqdm bar on a terminal; elsewhere (logs, CI) a summary line every `interval` seconds."""

    def __init__(self, err: TextIO, *, quiet: bool, interval: float) -> None:
        self.err, self.quiet, self.interval = err, quiet, interval
        self.bar: tqdm[NoReturn] | None = None
        self.last = time.monotonic()
        self.tty = not quiet and err.isatty()

    def update(self, summary: Summary, rec: Record) -> None:
        if self.quiet:
            return
        if rec["error"] is not None:
            self._say(f"docconv batch: {rec['rel']}: {rec['status']}: {rec['error']['class']}: "
                      f"{rec['error']['message']}")
        if self.tty:
            bar = self.bar
            if bar is None:
                bar = tqdm(total=summary.total, file=self.err, unit="file", dynamic_ncols=True,
                           desc="docconv batch")
                self.bar = bar
            bar.update(1)
            bar.set_postfix(ok=summary.ok, failed=summary.failed, skipped=summary.skipped, refresh=False)
        elif time.monotonic() - self.last >= self.interval:
            self.last = time.monotonic()
            total = f"/{summary.total}" if summary.total is not None else ""
            self._say(f"docconv batch: {summary.files}{total} done; {summary.line()}")

    def _say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.err)
        else:
            self.err.write(line + "\n")
            self.err.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

