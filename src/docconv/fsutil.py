"""Atomic file output: a temporary file in the target's directory, renamed over the target when complete.

A killed process leaves at most a temporary file whose name ends in `TEMP_SUFFIX`, never a partial
target; the batch runner removes such leftovers from its output directory when it starts.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePath
from typing import TypeVar

from docconv.errors import InputNotFoundError, OutputError

_P = TypeVar("_P", bound=PurePath)

TEMP_SUFFIX = ".docconv-tmp"
"""Every temporary output file docconv creates ends with this."""


def _file_mode() -> int:
    """The mode a plain `open()` gives a new file (mkstemp makes private 0600 files; outputs are not)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_MODE = _file_mode()


def read_input(path: str | os.PathLike[str], what: str = "") -> bytes:
    """The bytes of a file the user named (an input, or the file an option such as --reference-doc
    names: `what`), the usual mistakes turned into InputNotFoundError (exit 1) with a remedy."""
    p = Path(path)
    name = f"{what} {p}" if what else str(p)
    if p.is_dir():
        raise InputNotFoundError(f"{name} is a directory; give a file", path=None)
    try:
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise InputNotFoundError(f"{name}: no such file; check the path") from exc
    except PermissionError as exc:
        raise InputNotFoundError(f"{name}: permission denied; make the file readable") from exc
    except OSError as exc:
        raise InputNotFoundError(f"{name}: cannot read ({exc.strerror}); check the path") from exc


def write_atomically(target: Path, data: str | bytes, *, make_dirs: bool = False) -> None:
    """Write `data` (text is UTF-8) to `target` so that readers see the old file or the whole new one."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path()
    if make_dirs:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create directory {directory}: {exc.strerror}; check the path "
                              "and permissions") from exc
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: directory {directory} does not exist; create it first")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, _MODE)
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}; check the path and permissions") from exc


def remove_temporaries(root: Path) -> int:
    """Delete temporary files a killed docconv left under `root`; return how many there were."""
    removed = 0
    for path in root.rglob(f".*{TEMP_SUFFIX}"):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def article_paths(target: _P, count: int) -> list[_P]:
    """Where `--split-articles` writes the articles of one output: `x.md` → `x-01.md`, `x-02.md`, ...
    (three digits from 100 articles on)."""
    width = max(2, len(str(count)))
    return [target.with_name(f"{target.stem}-{i:0{width}d}{target.suffix}") for i in range(1, count + 1)]
