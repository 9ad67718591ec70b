"""PDF → AST, from the geometry of the text layer (pdfplumber over pdfminer.six).

Produces `Para` (one per paragraph, hard wraps joined; a scanned page among text pages becomes a paragraph
holding an `Image` placeholder), `Heading` (the centred title of page 1 at level 1; unnumbered lines set
clearly larger, or bold over a regular body, at levels ranked by size) and `Table` (ruled tables).
Page numbers, running headers and footers, watermarks and a table of contents are removed, each with a
diagnostic. Numbered heading lines keep their marker as text, for the structure stage to level; no
other cleaning happens here. See docs/pdf.md for what is read and what is not.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import replace

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from docconv.ast import Document, Image, Meta, Para, Pos, Text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.errors import ParseError
from docconv.options import Options
from docconv.readers.pdf.contents import drop_contents
from docconv.readers.pdf.furniture import furniture
from docconv.readers.pdf.layout import Line, PageLayout, PlacedBlock, read_page
from docconv.readers.pdf.paragraphs import blocks, group, metrics, summarise_joins, unspace_pairs

__all__ = ["read_pdf"]

_CID = re.compile(r"\(cid:\d+\)")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?")
_JUNK_TITLE = re.compile(
    r"^(?:microsoft\s+(?:word|powerpoint|excel)\s*-.*|untitled.*|无标题.*|新建.*文档.*|文档\d*|document\d*"
    r"|.*\.(?:docx?|wps|pdf|txt|rtf|tmp))$",
    re.IGNORECASE,
)


def read_pdf(source: bytes, options: Options, log: DiagnosticLog) -> Document:
    """Read a PDF's text layer into paragraphs, headings and tables, dropping page furniture."""
    del options  # the PDF reader has no options yet
    try:
        with pdfplumber.open(io.BytesIO(source)) as pdf:
            meta = _meta(pdf.metadata, log)
            pages: list[PageLayout] = []
            for page in pdf.pages:
                pages.append(read_page(page, log))
                page.close()  # drop pdfplumber's per-page caches: a long PDF would keep them all
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        raise _parse_error(cause) from exc
    except PSException as exc:
        raise _parse_error(exc) from exc
    if not pages:
        raise ParseError("not a usable PDF: it has no pages; export it again from its source")
    drop = furniture(pages, log)
    body = [it for p in pages for it in p.items
            if isinstance(it, Line) and (it.page, it.number) not in drop]
    has_blocks = any(not isinstance(it, Line) for p in pages for it in p.items)
    if not body and not has_blocks:
        what = "no text layer" if sum(p.chars for p in pages) == 0 else "no text beyond page furniture"
        raise ParseError(f"{what} (scanned?); run OCR first (e.g. ocrmypdf in.pdf out.pdf)")
    pages = [_scanned(p, drop, log) for p in pages]
    if not body:
        groups = group(pages, drop, _NO_METRICS, log)
        content, title = blocks(groups, _NO_METRICS, log)
    else:
        m = metrics(body)
        groups = group(pages, drop, m, log)
        summarise_joins(groups, log)
        groups = drop_contents(unspace_pairs(groups, m, log), log)
        content, title = blocks(groups, m, log)
    cids = sum(len(_CID.findall(ln.text)) for ln in body)
    if cids:
        log.report("read.pdf.cid", f"{cids} characters came out as (cid:N): a font without a Unicode map; "
                   "they are left in the text", severity=Severity.WARNING)
    if title is not None and meta.title is None:
        meta = Meta(title=title, date=meta.date, author=meta.author, extra=meta.extra)
    return Document(meta=meta, blocks=content)


_SCAN_SHARE = 0.5
"""A page without body text whose largest image covers this share of it is a scanned page."""


def _scanned(page: PageLayout, drop: set[tuple[int, int]], log: DiagnosticLog) -> PageLayout:
    """A scanned page in a PDF with a text layer: its text is missing, so it is reported, and an image
    placeholder stands in its place (it also keeps the paragraphs on either side apart)."""
    if page.image_share < _SCAN_SHARE or any(
            (it.page, it.number) not in drop for it in page.items if isinstance(it, Line)):
        return page
    log.report("read.pdf.scanned-page", f"page {page.number} is an image without a text layer (a scanned "
               "page?): its text is missing; run OCR first (e.g. ocrmypdf --skip-text in.pdf out.pdf)",
               action=Action.KEPT, severity=Severity.WARNING, pos=Pos(page=page.number))
    alt = (Text(text=f"page {page.number}: scanned image, no text layer"),)
    image = Para(content=(Image(alt=alt, src=f"#page={page.number}"),), pos=Pos(page=page.number))
    return replace(page, items=(*page.items, PlacedBlock(page=page.number, top=0.0, block=image)))


def _parse_error(exc: BaseException) -> ParseError:
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return ParseError("the PDF is encrypted with a password; save an unprotected copy "
                          "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and convert that")
    detail = str(exc) or type(exc).__name__
    return ParseError(f"not a valid PDF ({detail}); the file is damaged or truncated: download or "
                      "export it again (qpdf in.pdf out.pdf can often repair it)")


def _meta(info: Mapping[str, object], log: DiagnosticLog) -> Meta:
    """Title (unless junk), author, creation date and keywords from the document information."""
    def field(key: str) -> str | None:
        value = info.get(key)
        return value.strip() or None if isinstance(value, str) else None

    title = field("Title")
    if title is not None and _JUNK_TITLE.match(title):
        log.report("read.pdf.meta-title", "document information title ignored: a file name, not a title",
                   action=Action.REMOVED, text=title)
        title = None
    date = None
    raw_date = field("CreationDate")
    if raw_date is not None:
        date = _iso_date(raw_date)
        if date is None:
            log.report("read.pdf.meta-date", "creation date in the document information not understood; "
                       "left out", severity=Severity.WARNING, text=raw_date)
    extra: list[tuple[str, str]] = []
    for key in ("Keywords", "Subject"):
        value = field(key)
        if value is not None and value.lower() != "unspecified":
            extra.append((key.lower(), value))
    return Meta(title=title, author=field("Author"), date=date, extra=tuple(extra))


def _iso_date(raw: str) -> str | None:
    """A PDF date (`D:20230115083000+08'00'`) in ISO 8601, as precise as the source."""
    m = _PDF_DATE.match(raw.strip())
    if m is None:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    if month is None or day is None:
        return year if month is None else f"{year}-{month}"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    if hour is None:
        return f"{year}-{month}-{day}"
    out = f"{year}-{month}-{day}T{hour}:{minute or '00'}:{second or '00'}"
    if zone == "Z":
        return out + "Z"
    if zone:
        digits = zone.replace("'", "")
        return out + f"{digits[:3]}:{digits[3:5]}"
    return out


_NO_METRICS = metrics([Line(page=1, number=1, text="x", x0=0.0, x1=1.0, top=0.0, bottom=1.0, size=1.0,
                            bold=False, first_width=1.0)])
"""Stand-in metrics for a document whose only content is tables (no body line to measure)."""
