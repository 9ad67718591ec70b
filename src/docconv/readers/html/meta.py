"""Document metadata an HTML page states: `<title>`, `<meta>` tags, the canonical link, `<html lang>`.

Values are kept as found (whitespace collapsed); the structure stage strips site suffixes from the
title later. A Word export's "Microsoft Word - x.doc" title is a file name, not a title, and is dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from docconv.ast import Meta, Pos
from docconv.clean.harvest import normalise_date
from docconv.diagnostics import Action, DiagnosticLog
from docconv.readers.html import noise

# <meta name|property|itemprop=…> (lower-cased) → where the value goes; the first value found wins.
_TITLE = ("og:title", "twitter:title")
_AUTHOR = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "og:article:author")
_DATE = ("article:published_time", "og:article:published_time", "date", "pubdate", "publishdate",
         "publish_date", "publish-date", "publication_date", "dc.date", "dc.date.issued", "dcterms.created",
         "dcterms.date", "datepublished", "og:release_date")
_URL = ("og:url",)
_EXTRA = {"description": "description", "og:description": "description", "keywords": "keywords",
          "og:site_name": "site_name", "application-name": "site_name", "generator": "generator",
          "article:modified_time": "modified", "datemodified": "modified", "article:section": "section"}
_JUNK_TITLE = re.compile(r"^\s*Microsoft\s+(?:Word|Office Word)\s*-\s*", re.IGNORECASE)


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def read_meta(root: etree._Element, log: DiagnosticLog) -> Meta:
    """The page's metadata."""
    found: dict[str, str] = {}
    extra: dict[str, str] = {}
    for el in root.iter("meta"):
        key = _clean(el.get("name") or el.get("property") or el.get("itemprop")).lower()
        value = _clean(el.get("content"))
        if not key or not value:
            continue
        for field, keys in (("og_title", _TITLE), ("author", _AUTHOR), ("date", _DATE), ("url", _URL)):
            if key in keys:
                found.setdefault(field, value)
        if key in _EXTRA:
            extra.setdefault(_EXTRA[key], value)
    canonical = next((_clean(el.get("href")) for el in root.iter("link")
                      if "canonical" in (el.get("rel") or "").lower().split() and _clean(el.get("href"))),
                     None)
    title_el = next(root.iter("title"), None)
    title = _clean(noise.element_text(title_el)) if title_el is not None else ""
    if title and _JUNK_TITLE.match(title):
        log.report("read.html.title-junk", "<title> is a Word export's file name, not a title; not used",
                   action=Action.REMOVED, text=title, pos=_line(title_el))
        title = ""
    og_title = found.get("og_title")
    if og_title and title and og_title != title:
        extra["og:title"] = og_title
    lang = _clean(root.get("lang") or root.get("xml:lang"))
    if lang:
        extra["lang"] = lang
    return Meta(
        title=title or og_title or None,
        date=_date(found.get("date")),
        source=canonical or found.get("url"),
        author=found.get("author"),
        extra=tuple(extra.items()),
    )


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def _date(value: str | None) -> str | None:
    """A page's date in ISO 8601: kept as written when it already is (its zone too), else read the way
    sites print dates (`2023-07-14 09:30`, `2023年7月14日`); kept as found when it is no date at all."""
    if value is None or _ISO.fullmatch(value):
        return value
    return normalise_date(value) or value


def _line(el: etree._Element | None) -> Pos | None:
    line = noise.source_line(el) if el is not None else None
    return Pos(line=line) if line is not None else None
