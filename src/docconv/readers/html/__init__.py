"""HTML → AST: scraped report pages read with lxml's HTML parser (libxml2), which recovers from any tag soup.

Produces Heading (h1–h6, numbering left in the text), Para, List/ListItem, Table, BlockQuote, CodeBlock
and HorizontalRule blocks with Text, Strong, Emph, Link, Image, Code and SoftBreak inlines, and `Meta`
from `<title>`, `<meta>` and the canonical link. Format noise (scripts, styles, embedded objects, form
controls, comments, hidden elements, `<nav>`, a generated table of contents of in-page links) is removed
with a diagnostic each; site furniture that a browser shows (headers, footers, sidebars, dialogs, tool bars)
is kept and labelled with its page region for the residue cleaner (`Attr.kv` key `html-region`). See
docs/html.md.

lxml is used directly rather than through BeautifulSoup: the same parser, but elements keep their
source line (for `Pos`) and parsing is about twenty times faster.
"""

from __future__ import annotations

import re

from lxml import etree

from docconv.ast import SOURCE_KEY, Attr, Document, Heading, List, Para, Pos, Table
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.errors import ParseError
from docconv.options import Options
from docconv.readers.html import noise
from docconv.readers.html.blocks import BodyReader
from docconv.readers.html.meta import read_meta
from docconv.readers.html.threads import find_threads
from docconv.readers.html.toc import drop_anchor_toc

__all__ = ["read_html"]

# Numeric references to code points that cannot exist (NUL, surrogates, beyond U+10FFFF): libxml2 turns
# them into U+FFFD, and a reader never produces U+FFFD itself.
_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
_MAX_CODE_POINT = 0x10FFFF
_END_TAGS = re.compile(r"</\s*(?:html|body)\s*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def _invalid_ref(m: re.Match[str]) -> bool:
    cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    return cp == 0 or 0xD800 <= cp <= 0xDFFF or cp > _MAX_CODE_POINT


def _prepare(source: str, log: DiagnosticLog) -> bytes:
    """The source as UTF-8 bytes for libxml2, without what it would turn into U+FFFD."""
    if "\x00" in source:
        log.report("read.html.nul", f"{source.count(chr(0))} NUL characters removed", action=Action.REMOVED)
        source = source.replace("\x00", "")
    if "&#" in source:
        bad = [m for m in _NUMERIC_REF.finditer(source) if _invalid_ref(m)]
        if bad:
            log.report("read.html.bad-reference", f"{len(bad)} character references to code points that "
                       "do not exist removed", action=Action.REMOVED, text=bad[0].group())
            source = _NUMERIC_REF.sub(lambda m: "" if _invalid_ref(m) else m.group(), source)
    end = _END_TAGS.search(source)
    if end is not None and _COMMENT.sub("", _END_TAGS.sub("", source[end.end():])).strip():
        # libxml2 drops everything after </html> (and </body>); browsers show it as part of the body.
        log.report("read.html.after-end", "content after the page's </body> or </html> kept, as browsers "
                   "show it", text=source[end.end():].strip()[:80])
        source = _END_TAGS.sub("", source)
    try:
        return source.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError(f"the text holds an unpaired surrogate at character {exc.start}; decode the file "
                         "with a real encoding (or --encoding) instead of surrogate escapes") from exc


def parse(source: str, log: DiagnosticLog) -> etree._Element | None:
    """The page's element tree (None for a page with no elements at all)."""
    data = _prepare(source, log)
    # The text is already decoded: UTF-8 is stated so that a <meta charset> in the page is not obeyed
    # a second time. huge_tree lifts libxml2's nesting limit from 256 to 2048 elements.
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.ParserError as exc:  # "Document is empty" and the like
        raise ParseError(f"not a readable HTML page ({exc}); check that the file is HTML") from exc
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        err = fatal[0]
        raise ParseError(f"the HTML parser gave up at line {err.line} ({err.message.strip()}), so the rest "
                         "of the page would be lost; simplify the page (e.g. close its tags) and retry")
    return root


_RUNAWAY = re.compile(r"<(?:/?(?:body|div|p|h[1-6]|table|br)\b|/head>)", re.IGNORECASE)
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)


def _close_runaway_title(root: etree._Element, source: str, log: DiagnosticLog) -> str | None:
    """The source with an unclosed `<title>` closed, or None when the title is fine.

    A `<title>` is raw text up to `</title>`: without one it swallows the whole page (browsers show a
    blank page). Body markup inside the title is the evidence; the title is closed where its first
    line ends or its first tag starts.
    """
    title = next(root.iter("title"), None)
    text = noise.element_text(title) if title is not None else ""
    if not _RUNAWAY.search(text):
        return None
    opened = _TITLE_OPEN.search(source)
    if opened is None:
        return None
    start = opened.end()
    ends = [i for i in (source.find("<", start), source.find("\n", start)) if i >= 0]
    cut = min(ends) if ends else len(source)
    log.report("read.html.unclosed-title", "<title> was never closed and swallowed the page; closed at "
               "the end of its first line", action=Action.CHANGED, text=source[start:cut].strip() or None)
    return source[:cut] + "</title>" + source[cut:]


def read_html(source: str, options: Options, log: DiagnosticLog) -> Document:
    """Read a decoded HTML page into a Document."""
    if not source.strip():
        log.report("read.html.empty", "the page is empty")
        return Document()
    root = parse(source, log)
    if root is not None and (fixed := _close_runaway_title(root, source, log)) is not None:
        root = parse(fixed, DiagnosticLog())  # its decisions were reported on the first parse
    if root is None:
        log.report("read.html.empty", "the page has no elements (only comments or declarations)")
        return Document()
    meta = read_meta(root, log)
    body = root.find("body")
    if body is None:
        frames = "a frameset page: its text lives in other files" if root.find(".//frameset") is not None \
            else "the page has no <body>"
        log.report("read.html.empty", frames)
        return Document(meta=meta)
    reader = BodyReader(noise.read_style_sheets(root), options, log, _thread_regions(body, log))
    blocks = drop_anchor_toc(reader.read(body), log)
    counts = {name: sum(1 for b in blocks if isinstance(b, kind))
              for name, kind in (("headings", Heading), ("paragraphs", Para), ("lists", List),
                                 ("tables", Table))}
    log.report("read.html.blocks",
               f"{len(blocks)} blocks: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return Document(meta=meta, blocks=blocks, attr=PAGE_ATTR)


def _thread_regions(body: etree._Element, log: DiagnosticLog) -> dict[etree._Element, str]:
    """The regions a forum thread on the page gives its posts (see `threads`), reported."""
    found = find_threads(body)
    if found.replies:
        first = found.replies[0]
        log.report("read.html.thread-replies", f"a forum thread: {len(found.replies)} short posts by other "
                   "members after the first, which holds the report, read as its comments",
                   text=" ".join(noise.element_text(first).split())[:80] or None,
                   pos=Pos(line=noise.source_line(first)))
    for post in found.long_posts:
        log.report("read.html.thread-long-post", "a forum thread: a long post by another member after the "
                   "first kept, as it may hold a report of its own", action=Action.KEPT,
                   severity=Severity.WARNING, text=" ".join(noise.element_text(post).split())[:80] or None,
                   pos=Pos(line=noise.source_line(post)))
    return found.regions


PAGE_ATTR = Attr(kv=((SOURCE_KEY, "html"),))
"""The document's attributes: it is a web page (the cleaner removes site navigation only from pages)."""
