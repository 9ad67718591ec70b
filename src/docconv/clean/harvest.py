"""Metadata in removed residue: the publish time, source and author that a site's lines carry move to `Meta`.

Dates become ISO 8601 (`2023-07-14T09:30:00`, or `2023-07-14` without a time); sites print local time
without a zone, and none is invented. A source that is a web address gets its host lower-cased.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from docconv.ast import Meta, Pos
from docconv.clean.rules import Rule, fold
from docconv.diagnostics import Action, DiagnosticLog

_DATE_PARTS = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?"
)
# The time a copy was printed, exported or downloaded is not the document's date: '打印时间:' holds '时间:'.
_FIELD_META = re.compile(
    r"(?P<field>(?:发布|发表|更新|上传)(?:时间|日期)|(?<!打印|导出|下载|生成|拟稿|签发)(?:时间|日期)|来源|出处|作者)"
    r"\s*:\s*"
    r"(?P<value>\d{4}\s*[-/.年][\d\s\-/.:月日时分秒]{3,24}|(?:https?://)?[^\s:|\[\]【】,,。]{1,40})"
)


class MetaHarvest:
    """Document metadata as it fills from removed lines; the first value found for a field wins."""

    def __init__(self, meta: Meta) -> None:
        self.value = meta
        self.changed = False

    def harvest(self, r: Rule, m: re.Match[str], text: str, pos: Pos | None, log: DiagnosticLog) -> None:
        """Move the date, source and author a removed line carries into the metadata."""
        found = {k: v for k, v in m.groupdict().items() if v}
        folded = fold(text)
        for fm in _FIELD_META.finditer(folded):
            name = fm.group("field")
            kind = "source" if name in ("来源", "出处") else "author" if name == "作者" else "date"
            found.setdefault(kind, fm.group("value"))
        for kind, value in found.items():
            raw = value
            if kind != "date":
                # Matches run on the folded view, where traditional characters of the residue vocabulary
                # are simplified; a name moves to the metadata as the page wrote it. Dates stay folded:
                # full-width digits and dashes are what normalise_date reads.
                at = folded.find(value)
                raw = text[at:at + len(value)] if at >= 0 else value
            self._set(r, kind, raw.strip(), pos, log)

    def _set(self, r: Rule, kind: str, raw: str, pos: Pos | None, log: DiagnosticLog) -> None:
        if not raw or getattr(self.value, kind) is not None:
            return
        value = normalise_date(raw) if kind == "date" else normalise_source(raw) if kind == "source" else raw
        if kind == "date" and value is None:
            return
        match kind:
            case "date":
                self.value = replace(self.value, date=value)
            case "source":
                self.value = replace(self.value, source=value)
            case _:
                self.value = replace(self.value, author=value)
        self.changed = True
        log.report(r.id, f"{r.family}: {kind} found in removed residue moved to the metadata ({value})",
                   action=Action.MOVED, text=raw, pos=pos)


def normalise_date(raw: str) -> str | None:
    """ISO 8601 form of a date or date-time as sites print them, or None when it is not a real date."""
    m = _DATE_PARTS.search(raw)
    if m is None:
        return None
    y, mo, d, hh, mi, ss = m.groups()
    try:  # sites print local time without a zone; none is invented
        when = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    except ValueError:
        return None
    return when.strftime("%Y-%m-%dT%H:%M:%S") if hh is not None else when.strftime("%Y-%m-%d")


def normalise_source(raw: str) -> str:
    """A source as metadata keeps it: a web address with its host lower-cased, a name as written."""
    text = raw.strip().rstrip(".,;:/")
    if re.fullmatch(r"(?:https?://)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/\S*)?", text):
        host, sep, rest = text.partition("://")
        if sep:
            h, slash, tail = rest.partition("/")
            return f"{host.lower()}://{h.lower()}{slash}{tail}"
        h, slash, tail = text.partition("/")
        return f"{h.lower()}{slash}{tail}"
    return text
