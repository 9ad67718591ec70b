"""Data files that installed packages ship, found without importing the packages (DESIGN.md: importing
them loads code and models docconv does not use), and the tables docconv derives from them, kept on disk.

Building the language-model tables from jieba's word list and the running-text corpus takes about two
seconds of pure Python, in every process that repairs text: each single-file call and each batch worker.
Loading the same tables from a `marshal` file takes a fifth of that. So each table is written once to
docconv's cache directory and read from there, under a name that changes whenever the source file, the
table's format, docconv's version or the Python version does (marshal's format is Python's own). The
cache is an optimization only: a missing, unreadable, stale or corrupt file means the table is built
again, and a directory docconv cannot write means it is built in every process, as before.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docconv.errors import MissingDependencyError

CACHE_ENV = "DOCCONV_CACHE_DIR"
"""Environment variable naming the cache directory; set to the empty string, it turns the cache off."""


def installed_file(package: str, relative: str, what: str) -> Path:
    """The file `relative` inside the installed `package`; `what` names it in the error when the package
    is missing (`"character repair needs <what>"`)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise MissingDependencyError(
            f"character repair needs {what}; install it with: pip install {package}"
        )
    return Path(spec.origin).parent / relative


def cache_dir() -> Path | None:
    """Where derived tables are kept: `$DOCCONV_CACHE_DIR`, else `$XDG_CACHE_HOME/docconv`, else
    `~/.cache/docconv`; None when the variable is set empty (no cache)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docconv"


def derived_table(name: str, source: Path, table_format: int, build: Callable[[], Any], *,
                  content: str = "") -> Any:
    """The table `build()` makes from `source`, loaded from the cache when an entry for this very source
    (path, size, modification time), `table_format`, docconv version and Python version exists, else
    built and stored. `content` is further input the table is made from (text held in code rather than
    in `source`): an entry is reused only for the same `content`. `build` must return what `marshal` can
    write (dicts, tuples, str, int, bytes)."""
    where = cache_dir()
    if where is None:
        return build()
    path = where / f"{name}-{_key(source, table_format, content)}.marshal"
    try:
        data = path.read_bytes()
    except OSError:
        data = None  # not built yet, or the cache is unreadable: build it
    if data is not None:
        try:
            # The entry is a file docconv wrote in the user's own cache directory; marshal builds data
            # (and code objects, which nothing here would run), so loading it cannot run code.
            return marshal.loads(data)  # noqa: S302
        except (EOFError, ValueError, TypeError):
            pass  # a truncated or foreign file: built again below and replaced
    table = build()
    if _store(path, marshal.dumps(table)):
        for old in where.glob(f"{name}-*.marshal"):
            if old != path:  # an entry of an older source, format or version: never read again
                old.unlink(missing_ok=True)
    return table


def _key(source: Path, table_format: int, content: str) -> str:
    from docconv import __version__  # noqa: PLC0415 - the package imports this module's users

    st = source.stat()
    ident = f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}|{table_format}|{__version__}|{sys.version}"
    if content:
        ident += "|" + content
    return hashlib.sha256(ident.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _store(path: Path, data: bytes) -> bool:
    """Write a cache entry whole (temporary file, then rename) or not at all; whether it was written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        # A read-only home or a full disk: the table stays in this process's memory, and the next
        # process builds it again. Nothing else depends on the entry existing.
        if tmp.parent.is_dir():
            tmp.unlink(missing_ok=True)
        return False
    return True


def snownlp_script_pairs() -> dict[str, str]:
    """snownlp's traditional → simplified table (`normal/zh.py`), read as data with `ast.literal_eval`
    (never imported: importing it builds a trie docconv does not use), one character to one character.

    Only pairs whose traditional form is no simplified character (not in GB 2312) are kept, so a word the
    simplified vocabulary spells with it (`著作`, `乾坤`) is never folded into another. Read through the
    cache (`derived_table`): parsing the file costs about 15 ms per process."""
    path = installed_file("snownlp", "normal/zh.py", "the script table snownlp ships")
    pairs: dict[str, str] = derived_table("script-pairs", path, _SCRIPT_FORMAT, lambda: _script_pairs(path))
    return pairs


_SCRIPT_FORMAT = 1
_TABLE_START = re.compile(r"^zh2hans\s*=\s*\{", re.MULTILINE)


def _script_pairs(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    start = _TABLE_START.search(text)
    end = text.find("\n}", start.end()) if start is not None else -1
    if start is None or end < 0:
        raise MissingDependencyError(
            f"{path}: no zh2hans table found; reinstall snownlp (pip install snownlp)")
    table = ast.literal_eval(text[start.end() - 1:end + 2])
    if not isinstance(table, dict):
        raise MissingDependencyError(
            f"{path}: zh2hans is not a table; reinstall snownlp (pip install snownlp)")
    return {t: s for t, s in table.items()
            if isinstance(t, str) and isinstance(s, str) and len(t) == len(s) == 1 and t != s
            and not _simplified(t) and _simplified(s)}


def _simplified(char: str) -> bool:
    """Whether a character is in GB 2312, the simplified character set."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
