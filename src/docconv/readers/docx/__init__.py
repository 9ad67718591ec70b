"""DOCX → AST: the body of a Word document, its notes and text boxes, and its document properties.

Produces `Heading`, `Para` and `Table` blocks with `Text`, `Strong`, `Emph`, `Link`, `LineBreak` and
`Note` inlines (see body.py for what each Word construct becomes, numbering.py for automatic numbers and
styles.py for how a heading is recognised). `Meta` gets the title (the Title-styled paragraph, else the
core properties title unless it is a placeholder), author, dates, and subject/keywords/category/
description in `extra`; the identifier becomes `Meta.source`.

Headers, footers and comments are not read: headers and footers are page furniture (on document-sharing
sites, often the site's watermark), so their text is reported and kept out of the body. Nothing else is
cleaned here; the residue and structure stages run on the result.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from docx.oxml import parse_xml
from lxml import etree

from docconv import sniff
from docconv.ast import Block, Document, Meta, Text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.errors import ParseError
from docconv.options import Options
from docconv.readers.docx.body import BodyReader, W
from docconv.readers.docx.numbering import Numbering
from docconv.readers.docx.styles import Styles
from docconv.walk import iter_nodes

__all__ = ["read_docx"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RESAVE = "open it in Word or WPS and save it again as .docx"
# Placeholder titles that word processors and converters write into the properties.
_JUNK_TITLE = re.compile(
    r"^(?:microsoft\s+word\s*-|wps\s*文字\s*-)|\.(?:docx?|wps|rtf|pdf|txt|html?)$"
    r"|^(?:document|untitled|title|word\s+document|新建.*文档|文档\s*\d*|无标题|未命名|标题|"
    r"doc\d*|\d+|[-_\s.]*)$",
    re.IGNORECASE,
)
# Account names office installs put in the author field: a machine, not the author.
_JUNK_AUTHOR = re.compile(
    r"^(?:administrator|admin|user|users|owner|microsoft|microsoft\s+office\s+user|windows\s*用户|"
    r"windows\s+user|微软用户|微软中国|python-docx|unknown|匿名|[-_\s.]*)$",
    re.IGNORECASE,
)


def read_docx(source: bytes, options: Options, log: DiagnosticLog) -> Document:
    """Read a .docx file's bytes into a Document (see the module docstring for what is read)."""
    del options  # the reader has no options yet
    word = open_docx(source, log)
    part = word.part
    styles = Styles(_related_xml(part, RT.STYLES))
    numbering = Numbering(_related_xml(part, RT.NUMBERING), styles.num_id)
    rels = part.rels

    def link_target(rid: str) -> str | None:
        rel = rels.get(rid)
        return rel.target_ref if rel is not None and rel.is_external else None

    reader = BodyReader(log, styles, numbering, link_target)
    reader.read_notes(_related_xml(part, RT.FOOTNOTES), "footnote")
    reader.read_notes(_related_xml(part, RT.ENDNOTES), "endnote")
    body = part.element.find(W + "body")
    blocks = reader.body(body) if body is not None else ()
    numbering.report(log)
    reader.report()
    if not any(True for _ in _texts(blocks)):
        pictures = len(reader.found.images)
        log.report("read.docx.no-text", "the document has no text" + (
            f", only {pictures} picture(s): perhaps a scan, which needs OCR" if pictures else ""),
            severity=Severity.WARNING)
    _report_furniture(part, log)
    meta = _meta(word, reader.title, log)
    return Document(meta=meta, blocks=blocks)


# ------------------------------------------------------------------------------------------------ opening


def open_docx(data: bytes, log: DiagnosticLog) -> WordDocument:
    """The python-docx document, or ParseError naming what the bytes are instead and what to do."""
    if data.startswith(_OLE):
        raise ParseError("not a valid .docx: it is a legacy Word .doc (OLE) file with a .docx name; "
                         f"{_RESAVE}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ParseError(f"not a valid .docx: {_what_instead(data)}") from exc
    if "word/document.xml" not in names:
        raise ParseError(f"not a valid .docx (the zip has no word/document.xml{_zip_kind(names)}); "
                         f"{_RESAVE}")
    data = _as_document(data, log)
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ParseError(f"not a valid .docx: the zip is damaged ({exc}); {_RESAVE}") from exc
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not a valid .docx: broken XML inside ({exc}); {_RESAVE}") from exc
    except KeyError as exc:
        raise ParseError(f"not a valid .docx: a part is missing ({exc}); {_RESAVE}") from exc
    except (ValueError, PackageNotFoundError) as exc:
        # python-docx raises ValueError for a package whose main part is not a Word document body.
        raise ParseError(f"not a valid .docx: {exc}; {_RESAVE}") from exc


_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Main-part content types of the other Word packages. Their body is the same WordprocessingML; python-docx
# only accepts the document type, so the package is relabelled before it is opened.
_OTHER_MAINS = {
    b"application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled document (.docm)",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "a template (.dotx)",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled template (.dotm)",
}


def _as_document(data: bytes, log: DiagnosticLog) -> bytes:
    """The package with a .docm/.dotx/.dotm main part relabelled as a document's (macros are never read
    or run: docconv reads only the text parts)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            types = archive.read("[Content_Types].xml")
        except KeyError:
            return data  # python-docx says what is missing
        kind = next((k for k in _OTHER_MAINS if k in types), None)
        if kind is None:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                content = archive.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(kind, _MAIN)
                copy.writestr(info, content)
    log.report("read.docx.package-type", f"the file is {_OTHER_MAINS[kind]}; its text is read as a "
               "document's (macros are neither read nor run)", text=kind.decode())
    return out.getvalue()


def _what_instead(data: bytes) -> str:
    kind = sniff.binary_kind(data)
    if kind is not None:
        return (f"it is {kind}, not a Word package; give the file its real extension or name its "
                "format with -f")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"mime-version")) or b"<html" in head:
        return ("it is a web page (HTML/MHT) saved with a Word name, not a Word package; "
                "read it with -f html")
    return "the bytes are not a Word (zip) package; if it is plain text, read it with -f txt"


def _zip_kind(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return ": it is an Excel workbook"
    if "ppt/presentation.xml" in names:
        return ": it is a PowerPoint presentation"
    if "content.xml" in names:
        return ": it is an OpenDocument file"
    return ""


def _related_xml(part: Part, reltype: str) -> etree._Element | None:
    """The root element of the part `part` relates to by `reltype`, or None when there is none."""
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    element = getattr(related, "element", None)
    if isinstance(element, etree._Element):
        return element
    try:
        root: etree._Element = parse_xml(related.blob)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not a valid .docx: broken XML in {related.partname} ({exc}); {_RESAVE}") from exc
    return root


# ---------------------------------------------------------------------------------------------- furniture


def _report_furniture(part: Part, log: DiagnosticLog) -> None:
    """Say what headers and footers held (kept out of the body) and that comments were not read."""
    seen: set[str] = set()
    for rel in part.rels.values():
        kind = {RT.HEADER: "header", RT.FOOTER: "footer"}.get(rel.reltype)
        if kind is None or rel.is_external:
            continue
        target = rel.target_part
        element = getattr(target, "element", None)
        if not isinstance(element, etree._Element) or str(target.partname) in seen:
            continue
        seen.add(str(target.partname))
        lines = []
        for p in element.iter(W + "p"):
            text = "".join(t.text or "" for t in p.iter(W + "t")).strip()
            if text and text not in lines:
                lines.append(text)
        if lines:
            log.report(f"read.docx.{kind}", f"page {kind} not read into the body (page furniture, often "
                       "a site watermark)", action=Action.REMOVED, text=" / ".join(lines))
    try:
        comments = part.part_related_by(RT.COMMENTS)
    except KeyError:
        return
    element = getattr(comments, "element", None)
    count = len(element.findall(W + "comment")) if isinstance(element, etree._Element) else 0
    if count:
        log.report("read.docx.comments", f"{count} reviewer comment(s) not read (they are not part of the "
                   "text)", action=Action.REMOVED)


# ------------------------------------------------------------------------------------------------- meta


def _meta(word: WordDocument, styled_title: str | None, log: DiagnosticLog) -> Meta:
    package = word.part.package
    if not any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values()):
        # python-docx would invent default properties (with the current time) for a file without any.
        return Meta(title=styled_title)
    props = word.core_properties
    title = styled_title
    extra_title: str | None = None
    core_title = (props.title or "").strip()
    if core_title:
        if _JUNK_TITLE.search(core_title):
            log.report("read.docx.junk-title", "document properties title ignored (a placeholder, not the "
                       "title)", action=Action.REMOVED, text=core_title)
        elif title is None:
            title = core_title
            log.report("read.docx.title", "title from the document properties", action=Action.MOVED,
                       text=core_title)
        elif core_title != title:
            extra_title = core_title  # the Title paragraph wins; the properties' title is kept beside it
    author = (props.author or "").strip() or None
    if author is not None and _JUNK_AUTHOR.match(author):
        log.report("read.docx.junk-author", "document properties author ignored (an account name, not "
                   "the author)", action=Action.REMOVED, text=author)
        author = None
    created, modified = _iso(props.created), _iso(props.modified)
    extra: list[tuple[str, str]] = [("properties-title", extra_title)] if extra_title else []
    if created:
        extra.append(("created", created))
    if modified:
        extra.append(("modified", modified))
    for key, raw in (("subject", props.subject), ("keywords", props.keywords),
                     ("category", props.category), ("description", props.comments),
                     ("language", props.language)):
        value = (raw or "").strip()
        if value and not value.lower().startswith("generated by python-docx"):
            extra.append((key, value))
    source = (props.identifier or "").strip() or None
    return Meta(title=title, author=author, date=created or modified, source=source, extra=tuple(extra))


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    """The non-blank text of the blocks, for telling an empty document."""
    for block in blocks:
        for node in iter_nodes(block):
            if isinstance(node, Text) and node.text.strip():
                yield node.text


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()
