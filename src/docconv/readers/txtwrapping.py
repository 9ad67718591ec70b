"""The wrapping that Markdown editors put around a note when they export it as text: a YAML front-matter
block at the top (metadata) and `:::` container fences (callouts), read for what they are.

Note tools (语雀, Notion, Obsidian, VuePress, Hexo and Jekyll sites) export a page as Markdown with its
fields in a front-matter block (`---` / `title: …` / `date: …` / `---`) and its callouts between fences
(`:::info` … `:::`, `::: warning 注意` … `:::`). Read as plain text the fields become body lines (the
`title:` line even passes for the title) and the fence lines stick to the text. These functions find
both in the text reader's lines; the reader blanks the lines they name, so the fence content stays as
ordinary paragraphs and the fields go to `Meta`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docconv.ast import Meta, Pos
from docconv.diagnostics import Action, DiagnosticLog, Severity

FRONT_MATTER_MAX = 40
"""Lines a front-matter block may hold between its two `---` lines: a note's fields, not a document."""

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
"""A front-matter key: an ASCII identifier, as every exporting tool writes them (`title`, `updated_at`)."""

FRONT_MATTER_KEYS = frozenset({
    "title", "date", "author", "authors", "tags", "categories", "category", "description", "summary",
    "keywords", "updated", "created", "lastmod", "slug", "permalink", "layout", "draft", "id", "url",
    "cover", "excerpt",
})
"""Keys of which a front-matter block must hold at least one: a block of other ASCII keys between two
`---` lines may be a configuration snippet the report quotes."""

_META_FIELDS = {"title": "title", "date": "date", "author": "author", "authors": "author"}
"""Front-matter keys that fill a `Meta` field; every other key goes to `Meta.extra`."""

_FENCE_OPEN = re.compile(r"^(?P<colons>:{3,})[ \t]*(?P<kind>[A-Za-z][\w-]*)(?:[ \t]+(?P<title>\S.*))?$")
"""The opening fence of a container: three or more colons and its kind (`:::info`, `::: warning 注意`)."""
_FENCE_CLOSE = re.compile(r"^(?P<colons>:{3,})$")
"""The closing fence: the colons alone."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A front-matter block found at the top of a text."""

    first: int
    """Index of its opening `---` line."""
    last: int
    """Index of its closing `---` (or `...`) line."""
    fields: tuple[tuple[str, str], ...]
    """Its keys and values as text, in order."""


def front_matter(texts: Sequence[str], positions: Sequence[Pos], log: DiagnosticLog) -> FrontMatter | None:
    """The front-matter block that opens the text (`texts` are its stripped lines), or None.

    The block is the first non-blank line `---`, then up to `FRONT_MATTER_MAX` lines, then a line `---` or
    `...`. It is front matter only when it parses as YAML into a mapping whose keys are all ASCII
    identifiers, one of them a known field (`FRONT_MATTER_KEYS`); otherwise it stays text, reported.
    """
    first = next((i for i, t in enumerate(texts) if t), None)
    if first is None or texts[first] != "---":
        return None
    last = next((i for i in range(first + 1, min(len(texts), first + FRONT_MATTER_MAX + 2))
                 if texts[i] in ("---", "...")), None)
    if last is None or last == first + 1:
        return None
    body = "\n".join(texts[first + 1 : last])
    why, value = _parse(body)
    if why is None:
        assert isinstance(value, dict)
        keys = [str(k) for k in value]
        if not all(isinstance(k, str) and _KEY.match(k) for k in value):
            why = "its keys are not all plain ASCII names, as an exporting tool writes them"
        elif not FRONT_MATTER_KEYS.intersection(k.lower() for k in keys):
            why = f"it names none of the usual fields ({', '.join(sorted(FRONT_MATTER_KEYS)[:6])}, …)"
    if why is not None:
        log.report("txt.front-matter", f"a block between two '---' lines opens the text but is no front "
                   f"matter: {why}; kept as text", action=Action.KEPT, severity=Severity.WARNING,
                   text=body[:80], pos=positions[first])
        return None
    assert isinstance(value, dict)
    fields = tuple((str(k), _text(v)) for k, v in value.items() if v is not None and _text(v))
    return FrontMatter(first=first, last=last, fields=fields)


def _parse(body: str) -> tuple[str | None, object]:
    """The YAML value of a block's body, or why it is none: `(None, value)` or `(reason, None)`."""
    import yaml  # noqa: PLC0415  # lazy: only a text that opens with `---` needs it (import costs ~10 ms)

    try:
        value = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"it does not parse as YAML ({first})", None
    if not isinstance(value, dict) or not value:
        return f"it parses as YAML, but as a {type(value).__name__}, not a mapping of fields", None
    return None, value


_NEST_MAX = 2
"""Levels of lists and mappings inside a value that are written out: YAML aliases can make a small block
a huge tree (`&a […]`, `[*a, *a, …]`), which must not be expanded."""
_ITEMS_MAX = 50
"""Items of one list or mapping written out, for the same reason."""


def _text(value: Any, depth: int = 0) -> str:
    """A front-matter value as metadata text: dates in ISO 8601, lists joined with "; "."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | dict) and depth >= _NEST_MAX:
        return "…"
    if isinstance(value, list | tuple):
        return "; ".join(t for v in value[:_ITEMS_MAX] if v is not None and (t := _text(v, depth + 1)))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v, depth + 1)}" for k, v in list(value.items())[:_ITEMS_MAX]
                         if v is not None)
    return str(value).strip()


def apply_front_matter(meta: Meta, found: FrontMatter, pos: Pos, log: DiagnosticLog) -> Meta:
    """`meta` with the front matter's fields: title, date and author in their fields, the rest (tags,
    categories…) in `extra`; each reported as moved."""
    values: dict[str, str] = {}
    extra: list[tuple[str, str]] = list(meta.extra)
    for key, value in found.fields:
        target = _META_FIELDS.get(key.lower())
        if target is not None and target not in values:
            values[target] = value
        else:
            extra.append((key, value))
        log.report("txt.front-matter", f"front-matter field '{key}' read as metadata"
                   + (f" ({target})" if target else ""), action=Action.MOVED, text=f"{key}: {value}", pos=pos)
    return Meta(title=values.get("title", meta.title), date=values.get("date", meta.date), source=meta.source,
                author=values.get("author", meta.author), encoding=meta.encoding,
                encoding_confidence=meta.encoding_confidence, encoding_method=meta.encoding_method,
                script=meta.script, extra=tuple(extra))


@dataclass(frozen=True, slots=True)
class Fence:
    """One container: its opening and closing fence lines (indices), its kind and its title, if any."""

    open: int
    """Index of the opening fence line."""
    close: int
    """Index of the closing fence line."""
    kind: str
    """The container's kind (`info`, `tips`, `warning`…)."""
    title: str | None
    """The title written after the kind on the opening line (`::: warning 注意事项`), which is text."""


def fences(texts: Sequence[str]) -> list[Fence]:
    """The containers of the text: each opening fence paired with the next closing fence of as many
    colons. An opening fence with no closing one, or a closing one with no opening, is no container
    (plain text that happens to start with colons) and is not returned."""
    out: list[Fence] = []
    stack: list[tuple[int, re.Match[str]]] = []
    for i, text in enumerate(texts):
        if not text.startswith(":::"):
            continue
        if (opened := _FENCE_OPEN.match(text)) is not None:
            stack.append((i, opened))
        elif (closed := _FENCE_CLOSE.match(text)) is not None and stack:
            # A closing fence closes the innermost container opened with as many colons (nested
            # containers use more colons outside, as in markdown-it-container).
            for k in range(len(stack) - 1, -1, -1):
                at, m = stack[k]
                if len(m.group("colons")) == len(closed.group("colons")):
                    out.append(Fence(open=at, close=i, kind=m.group("kind"), title=m.group("title")))
                    del stack[k:]
                    break
    return sorted(out, key=lambda f: f.open)
