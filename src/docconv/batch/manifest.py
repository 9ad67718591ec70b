"""The run manifest and error log: append-only JSON Lines in the output directory.

`manifest.jsonl` gets one record per input converted (see `worker.record`), written after the input's
outputs exist, flushed line by line, so a killed run loses at most the records of files in flight;
those files are redone by `--resume`. When an input appears more than once (it was redone), the last
record wins. A torn last line from a killed run is ignored on reading.

`errors.jsonl` gets one line per failed input of the current run: path, error class, message.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from docconv.batch.worker import Record
from docconv.errors import OutputError

MANIFEST = "manifest.jsonl"
ERRORS = "errors.jsonl"
REPORT = "report.json"


def load(outdir: Path) -> dict[str, Record]:
    """The latest record of every input in the manifest (empty when there is none)."""
    path = outdir / MANIFEST
    latest: dict[str, Record] = {}
    if not path.is_file():
        return latest
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue  # the torn last line of a killed run; its file is simply redone
            if isinstance(rec, dict) and isinstance(rec.get("rel"), str):
                latest[rec["rel"]] = _compact(rec)
    return latest


def _compact(rec: Record) -> Record:
    """Only what `--resume` needs, so a manifest of millions of files stays small in memory."""
    return {k: rec.get(k) for k in ("sha", "options", "version", "status", "outputs")}


class Log:
    """Appends records to the manifest and failures to the error log, one flushed line each."""

    def __init__(self, outdir: Path, *, resume: bool) -> None:
        try:
            self._manifest: IO[str] = (outdir / MANIFEST).open("a" if resume else "w", encoding="utf-8")
            self._errors: IO[str] = (outdir / ERRORS).open("w", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write the manifest in {outdir}: {exc.strerror}; check the "
                              "permissions of the output directory") from exc

    def add(self, rec: Record) -> None:
        """Record one finished input (skipped inputs are not written: the manifest already has them)."""
        if rec["status"] == "skipped":
            return
        self._manifest.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._manifest.flush()
        if rec["error"] is not None:
            line: dict[str, Any] = {"path": rec["input"], "rel": rec["rel"], "status": rec["status"],
                                    **rec["error"]}
            self._errors.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._errors.flush()

    def close(self) -> None:
        """Close both files."""
        self._manifest.close()
        self._errors.close()

    def __enter__(self) -> Log:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
