"""The DOCX writer's pandoc options: `--reference-doc` (write into the user's document) and `--toc`.

- Reference doc, as pandoc does it: open the user's .docx, discard its body content but keep the final
  section properties (page size, margins, and the headers and footers they point to), and write into it,
  so the output has its styles, numbering definitions, theme, headers and footers. A style the writer
  needs and the reference doc lacks (Word saves only the styles a document uses) is copied from docconv's
  default template, with the styles it is based on and, for list styles, its numbering; each copy is a
  diagnostic naming the style.
- Table of contents: a title paragraph ("目录", or the `toc-title` metadata, in the "TOC Heading" style
  when the document has one) and a Word TOC field, `TOC \\o "1-N" \\h \\z \\u` (heading levels 1..N,
  entries linked, page numbers hidden in web view, outline levels used), whose result is a placeholder
  line. `w:updateFields` in settings.xml makes Word fill the field when the document is opened; other
  programs show the placeholder until the fields are updated. The field is built with python-docx's
  `OxmlElement`, as python-docx has no field API.
"""

from __future__ import annotations

import copy

import docx
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.styles import Styles
from docx.text.paragraph import Paragraph
from lxml import etree

from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import read_option_file
from docconv.readers.docx import open_docx  # the DOCX reader's checks and ParseError messages

TOC_TITLE = "目录"
"""The title over the table of contents when the metadata has no `toc-title`."""
TOC_TITLE_STYLE = "TOC Heading"
"""Word's built-in style for that title (outline level 9: it does not list itself)."""
TOC_PLACEHOLDER = "目录将在 Word 打开文档时生成；在其他程序中请右键选择“更新域”。"
"""The field's result until Word updates it."""

# Children of w:settings that must follow w:updateFields (ECMA-376 CT_Settings sequence).
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
    "w:listSeparator",
)


def open_reference(path: str) -> WordDocument:
    """The reference doc with its body emptied (the final section properties kept)."""
    document = open_docx(read_option_file(path, "--reference-doc"), DiagnosticLog())
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


class StyleSource:
    """Makes sure a style exists in the output, copying it from docconv's default template if not."""

    def __init__(self, document: WordDocument, log: DiagnosticLog | None, reference: str) -> None:
        self.document = document
        self.log = log
        self.reference = reference
        self.checked: set[str] = set()
        self._default: WordDocument | None = None

    def need(self, name: str) -> None:
        """Ensure style `name` exists (a no-op after the first call for a name)."""
        if name in self.checked:
            return
        self.checked.add(name)
        styles = self.document.styles
        if name in styles:
            return
        default = self.default_styles()
        if name not in default:
            return  # not one of the template's styles: python-docx reports it as it always did
        self.copy_style(default[name].element)
        if self.log is not None:
            self.log.report("docx.reference-doc.style", f"the reference doc has no {name!r} style; docconv's "
                            "default style is used", severity=Severity.WARNING, action=Action.DETECTED,
                            text=self.reference)

    def default_styles(self) -> Styles:
        if self._default is None:
            self._default = docx.Document()
        styles: Styles = self._default.styles
        return styles

    def copy_style(self, source: etree._Element) -> None:
        """Copy one style element and, recursively, the styles it names that the target lacks."""
        target = self.document.styles.element
        element = copy.deepcopy(source)
        target.append(element)
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = element.find(qn(tag))
            if ref is None:
                continue
            style_id = ref.get(qn("w:val"))
            if style_id and target.get_by_id(style_id) is None:
                dependency = self.default_styles().element.get_by_id(style_id)
                if dependency is not None:
                    self.copy_style(dependency)
                else:
                    element.remove(ref)
        num_id = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            num_id.set(qn("w:val"), str(self.copy_numbering(int(num_id.get(qn("w:val"), "0")))))

    def copy_numbering(self, default_num_id: int) -> int:
        """Copy the default template's list definition `default_num_id`; return its new numId."""
        assert self._default is not None
        source = self._default.part.numbering_part.element
        target = self.document.part.numbering_part.element
        num = next((n for n in source.findall(qn("w:num")) if n.get(qn("w:numId")) == str(default_num_id)),
                   None)
        if num is None:
            return 0
        old_abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in source.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == old_abstract)
        ids = [int(a.get(qn("w:abstractNumId"), "0")) for a in target.findall(qn("w:abstractNum"))]
        new_abstract = copy.deepcopy(abstract)
        new_abstract.set(qn("w:abstractNumId"), str(max(ids, default=-1) + 1))
        existing = target.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(new_abstract)
        else:
            target.insert(0, new_abstract)
        return int(target.add_num(int(new_abstract.get(qn("w:abstractNumId")))).numId)


def add_toc(title: Paragraph, field: Paragraph, *, depth: int, text: str) -> None:
    """Fill two fresh paragraphs: the contents title and the TOC field over heading levels 1..depth."""
    title.add_run(text)
    p = field._p  # python-docx has no field API: the runs are built element by element
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")  # Word recomputes a dirty field even where updateFields is ignored
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f' TOC \\o "1-{depth}" \\h \\z \\u '
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = TOC_PLACEHOLDER
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for child in (begin, instr, separate, placeholder, end):
        run = OxmlElement("w:r")
        run.append(child)
        p.append(run)


def update_fields_on_open(document: WordDocument) -> None:
    """Set `w:updateFields` in settings.xml, so Word fills the fields (the TOC) when it opens the file."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    after = {qn(name) for name in _AFTER_UPDATE_FIELDS}
    successors = [c for c in settings if c.tag in after]
    if successors:
        successors[0].addprevious(flag)
    else:
        settings.append(flag)
