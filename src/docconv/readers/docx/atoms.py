"""A paragraph's text as atoms (text pieces with their bold, italic and link) and how atoms become inlines:
trimmed of indents, cut at page breaks, grouped into links, bold and italic runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docconv.ast import Emph, Inline, LineBreak, Link, Note, Strong, Text, merge_texts

SPACES = " \t\u3000\u00a0"
"""Spaces that indent or pad a paragraph: layout, not text, at its ends."""
_SPACES = SPACES


@dataclass(slots=True)
class Atom:
    """A piece of a paragraph: text, a line break or a note, with its formatting and link."""

    node: Inline  # Text, LineBreak or Note
    bold: bool
    italic: bool
    link: int | None
    page: bool = False  # a LineBreak that stands for a manual page break


_SENTENCE_END = frozenset("。！？；：!?;:…”’」』）)")


def page_segments(atoms: list[Atom]) -> list[list[Atom]]:
    """A paragraph's atoms cut at its manual page breaks where the text before the break ends a sentence
    (what follows starts the next page: in a converted .doc, often the next heading); a break inside a
    sentence only carries it over to the next page, so the parts stay one paragraph."""
    segments: list[list[Atom]] = [[]]
    for atom in atoms:
        if atom.page:
            segments.append([])
        else:
            segments[-1].append(atom)
    out: list[list[Atom]] = []
    for segment in segments:
        before = atoms_text(out[-1]).rstrip(_SPACES) if out else ""
        if out and (not before or before[-1] not in _SENTENCE_END
                    or not atoms_text(segment).strip(_SPACES)):
            out[-1].extend(segment)
        else:
            out.append(segment)
    return out


def atoms_text(atoms: list[Atom]) -> str:
    return "".join(a.node.text if isinstance(a.node, Text) else " " for a in atoms
                   if not isinstance(a.node, Note))


def _neutral(atom: Atom) -> bool:
    """An atom without a visible style of its own: a space, a line break or a note reference."""
    node = atom.node
    return isinstance(node, LineBreak | Note) or (isinstance(node, Text) and not node.text.strip(_SPACES))


def trim(atoms: list[Atom]) -> list[Atom]:
    """Atoms without leading and trailing spaces and line breaks (indents typed with spaces included)."""
    start, end = 0, len(atoms)
    while start < end and _neutral(atoms[start]) and not isinstance(atoms[start].node, Note):
        start += 1
    while end > start and _neutral(atoms[end - 1]) and not isinstance(atoms[end - 1].node, Note):
        end -= 1
    out = atoms[start:end]
    if not out:
        return out
    first, last = out[0], out[-1]
    if isinstance(first.node, Text):
        out[0] = Atom(Text(text=first.node.text.lstrip(_SPACES)), first.bold, first.italic, first.link)
    if isinstance(last.node, Text):
        node = out[-1].node
        assert isinstance(node, Text)
        out[-1] = Atom(Text(text=node.text.rstrip(_SPACES)), last.bold, last.italic, last.link)
    # Spaces and breaks take the formatting of what precedes them, so one bold phrase stays one Strong.
    for i in range(1, len(out)):
        if _neutral(out[i]) and out[i].link == out[i - 1].link:
            out[i].bold, out[i].italic = out[i - 1].bold, out[i - 1].italic
    return out


def inlines(atoms: list[Atom], links: list[tuple[str, str]]) -> tuple[Inline, ...]:
    """Atoms grouped into links, then bold, then italic runs, adjacent text merged."""
    if not any(not isinstance(a.node, Text) or a.node.text for a in atoms):
        return ()
    out: list[Inline] = []
    for group in _groups(atoms, lambda a: a.link):
        link = group[0].link
        inner = _bold_groups(group)
        if link is None:
            out.extend(inner)
        else:
            target, title = links[link]
            out.append(Link(content=tuple(inner), target=target, title=title))
    return merge_texts(out)


def _groups(atoms: list[Atom], key: Callable[[Atom], object]) -> list[list[Atom]]:
    groups: list[list[Atom]] = []
    for atom in atoms:
        if groups and key(groups[-1][-1]) == key(atom):
            groups[-1].append(atom)
        else:
            groups.append([atom])
    return groups


def _bold_groups(atoms: list[Atom]) -> list[Inline]:
    out: list[Inline] = []
    for group in _groups(atoms, lambda a: a.bold):
        inner = _italic_groups(group)
        if group[0].bold:
            out.append(Strong(content=merge_texts(inner)))
        else:
            out.extend(inner)
    return out


def _italic_groups(atoms: list[Atom]) -> list[Inline]:
    out: list[Inline] = []
    for group in _groups(atoms, lambda a: a.italic):
        nodes = [a.node for a in group]
        if group[0].italic:
            out.append(Emph(content=merge_texts(nodes)))
        else:
            out.extend(nodes)
    return out


