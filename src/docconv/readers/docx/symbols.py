"""Characters inserted from symbol fonts (`w:sym`, Insert > Symbol) turned into the Unicode they show.

Symbol fonts address their glyphs by byte, written as U+F000 + byte (sometimes the bare byte): the code
says nothing without the font. The Symbol font's encoding is Adobe's standard Symbol encoding (Greek,
≤ ≥ ± × ° and the other operators reports use in figures); Wingdings is mapped for the bullets, check marks
and arrows Chinese reports put in front of items. A character of another font in the private-use area,
or one not in these tables, has no known shape and is dropped by the caller (and counted).
"""

from __future__ import annotations

_PRIVATE_USE = range(0xE000, 0xF900)

# Adobe Symbol encoding, printable bytes 0x20-0x7E and 0xA0-0xFE (bracket-building pieces left out).
_SYMBOL_LOW = (
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    "\0αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"
)
_SYMBOL_HIGH = (
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…\0\0↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊〈®©™∑\0\0\0\0\0\0\0\0\0\0\0〉∫\0\0\0\0\0\0\0\0\0\0\0\0"
)
_SYMBOL = {0x20 + i: c for i, c in enumerate(_SYMBOL_LOW) if c != "\0"}
_SYMBOL.update({0xA0 + i: c for i, c in enumerate(_SYMBOL_HIGH) if c != "\0"})

# The Wingdings glyphs that stand for bullets, boxes, check marks and arrows.
_WINGDINGS = {
    0x6C: "●", 0x6D: "❍", 0x6E: "■", 0x6F: "□", 0x70: "◻", 0x71: "❑", 0x72: "❒", 0x73: "⬧", 0x74: "⧫",
    0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x9F: "•", 0xA1: "○", 0xA2: "⭕", 0xA4: "◉", 0xA7: "▪", 0xA8: "◻",
    0xAB: "★", 0xD8: "➢", 0xDF: "←", 0xE0: "→", 0xE8: "➔", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒",
    0xFE: "☑",
}
_FONTS = {"symbol": _SYMBOL, "wingdings": _WINGDINGS}


def symbol_char(font: str, char: str) -> str | None:
    """The character `w:sym` (`w:font`, `w:char` in hex) shows, or None when its shape is unknown."""
    try:
        code = int(char, 16)
    except ValueError:
        return None
    table = _FONTS.get(font.strip().lower())
    if table is not None:
        byte = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
        return table.get(byte)
    if code in _PRIVATE_USE or code < 0x20:
        return None
    return chr(code)
