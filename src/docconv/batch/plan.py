"""What a batch will do: find the input files, name their outputs, and fingerprint the options.

Inputs are files, directories or glob patterns. A directory contributes the files under it whose
extension names an input format (`.txt`, `.html`, `.docx`, `.pdf`, ...; hidden files and the output
directory are skipped), its top level only unless `recursive`. Each input gets a relative path, the key
of its manifest record and the place of its output under OUTDIR:

- a file under a directory argument: its path relative to that directory (`corpus/a/b/x.txt` given as
  `corpus` → `a/b/x.txt`);
- a file or glob match: its path relative to the working directory when it lies below it, else its name.

Discovery streams: it walks the tree lazily, in sorted order, so a run is reproducible and a corpus of
millions of paths is never held in memory.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from docconv import __version__, sniff
from docconv.fsutil import article_paths
from docconv.options import Options

DIRECTORY_EXTENSIONS = frozenset(ext for ext, fmt in sniff.EXTENSIONS.items() if fmt != "json")
"""Extensions picked up from directories. docconv JSON files are converted only when named."""

PER_FILE_EXTENSIONS: dict[str, str] = {
    "markdown": ".md", "json": ".json", "plain": ".txt", "docx": ".docx",
}
"""Writer → output extension for the formats written one file per input."""

SHARD_FORMATS = frozenset({"jsonl", "parquet"})
"""Formats written as shards of many records, one shard per chunk of inputs."""

_GLOB_MAGIC = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One input file found by discovery."""

    path: str
    """Where to read it (absolute)."""
    rel: str
    """Its relative POSIX path: the manifest key and the place of its output under OUTDIR."""


@dataclass(frozen=True, slots=True)
class Missing:
    """An INPUT argument that names nothing: reported as a failed input, the batch goes on."""

    arg: str
    """The argument as given."""


def discover(inputs: list[str], *, recursive: bool,
             exclude: Path | None = None) -> Iterator[Source | Missing]:
    """Every input file the arguments name, in a stable order; `exclude` (the output dir) is skipped."""
    cwd = Path.cwd().resolve()
    skip = exclude.resolve() if exclude is not None else None
    for arg in inputs:
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path.resolve(), recursive=recursive, skip=skip)
        elif path.is_file():
            yield _named_file(path.resolve(), cwd)
        elif _GLOB_MAGIC & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))  # noqa: PTH207  # pattern given by the user
            if not matches:
                yield Missing(arg)
            for match in matches:
                m = Path(match).resolve()
                if m.is_dir():
                    yield from _walk(m, recursive=recursive, skip=skip)
                elif m.is_file() and not _inside(m, skip):
                    yield _named_file(m, cwd)
        else:
            yield Missing(arg)


def count_inputs(inputs: list[str], *, recursive: bool, exclude: Path | None = None) -> int:
    """How many items `discover` will yield (a cheap walk for the progress bar's total)."""
    return sum(1 for _ in discover(inputs, recursive=recursive, exclude=exclude))


def _walk(root: Path, *, recursive: bool, skip: Path | None) -> Iterator[Source]:
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if _inside(here, skip):
            dirnames[:] = []
            continue
        if recursive:
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        else:
            dirnames[:] = []
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in DIRECTORY_EXTENSIONS:
                continue
            full = here / name
            yield Source(str(full), full.relative_to(root).as_posix())


def _named_file(path: Path, cwd: Path) -> Source:
    try:
        rel = path.relative_to(cwd).as_posix()
    except ValueError:
        rel = path.name
    return Source(str(path), rel)


def _inside(path: Path, root: Path | None) -> bool:
    return root is not None and (path == root or root in path.parents)


def output_paths(rel: str, to: str, articles: int | None = None) -> list[str]:
    """The outputs of one input for a per-file format: `a/x.txt` → `a/x.md`, or with `articles`
    (the number of articles split out) `a/x-01.md`, `a/x-02.md`, ..."""
    base = PurePosixPath(rel).with_suffix(PER_FILE_EXTENSIONS[to])
    if articles is None:
        return [base.as_posix()]
    return [p.as_posix() for p in article_paths(base, articles)]


def options_fingerprint(options: Options, *, to: str, from_format: str | None, split_articles: bool) -> str:
    """A hash of everything that decides a file's output, so `--resume` redoes files when it changes.

    Rule files enter by content, not by name: editing a rule file redoes the corpus.
    """
    fields = asdict(options)
    fields["rules"] = [_file_digest(p) for p in options.rules]
    blob = json.dumps({"options": fields, "to": to, "from": from_format, "split": split_articles,
                       "version": __version__}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return f"unreadable:{path}"  # the conversion itself reports the unreadable rule file
