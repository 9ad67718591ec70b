"""What in an HTML page is format noise (dropped by the reader) and which site region a block sits in.

Noise is what a browser never shows as text: code and embedded objects, form controls, comments, and
elements hidden by the `hidden` attribute, inline styles, a display:none utility class, or a simple rule
of the page's own `<style>` sheets. `<nav>` is site furniture by definition and goes too.

Regions are hints for the residue cleaner, never reasons to drop anything here: the nearest enclosing
landmark (`header`, `footer`, `aside`) or element whose class/id words name site furniture.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from lxml import etree

CODE_TAGS = frozenset({"script", "style", "noscript", "template"})
"""Elements whose content is code or fallback for disabled scripts, never report text."""
EMBED_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "canvas",
                        "audio", "video"})
"""Embedded objects: their inner text is fallback markup ("your browser does not support …")."""
FORM_TAGS = frozenset({"input", "button", "select", "option", "optgroup", "textarea", "datalist"})
"""Form controls: search boxes, buttons and drop-downs of the site, not the report."""
SILENT_TAGS = frozenset({"head", "title", "meta", "link", "base", "col", "colgroup", "area", "param",
                         "source", "track"})
"""Elements that carry no body text; skipping them is not a decision worth a diagnostic."""
RUBY_TAGS = frozenset({"rt", "rp"})
"""Ruby annotations (pinyin over characters): shown small above the text, damage once inline."""

# Utility classes that mean display:none in the common CSS frameworks (Bootstrap, Bulma, Tailwind…).
# Responsive variants (hidden-xs) hide only on some screens and are not listed.
_HIDING_CLASSES = frozenset({"hidden", "hide", "d-none", "is-hidden", "display-none", "displaynone"})
# Classes that hide text from the screen but leave it to screen readers (the clip/1px technique of
# WordPress, Bootstrap, Drupal, HTML5 Boilerplate): skip links, "posted on" labels, icon names.
_SCREEN_READER_CLASSES = frozenset({"screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden",
                                    "screenreader-only", "screen-reader-only", "element-invisible",
                                    "a11y-hidden", "assistive-text", "sr-text"})
_ZERO = re.compile(r"^[+-]?0*(?:\.0*)?(?:px|pt|em|rem|ex|ch|vw|vh|%)?$")
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# An at-rule with a block of rules inside (@media, @supports): its rules hold on some screens only.
_AT_BLOCK = re.compile(r"@[A-Za-z-]+[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
_WHITE = re.compile(r"^(?:#f{3}|#f{6}|white|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*1(?:\.0*)?\s*)?\))$",
                    re.IGNORECASE)
# Bootstrap-style classes that show an element on small screens only: hidden in the desktop view a
# scraped page is read as, but only dropped when their text is a copy of what the page shows anyway.
_SMALL_SCREEN_CLASSES = frozenset({"visible-xs", "visible-sm", "visible-phone", "visible-mobile", "d-md-none",
                                   "d-lg-none", "hidden-md", "hidden-lg", "hidden-desktop", "mobile-only",
                                   "show-mobile", "m-show", "wap-show"})
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SIMPLE_SELECTOR = re.compile(r"^[A-Za-z][A-Za-z0-9]*?(?P<kind>[.#])(?P<name>-?[_A-Za-z][-_A-Za-z0-9]*)$"
                              r"|^(?P<kind2>[.#])(?P<name2>-?[_A-Za-z][-_A-Za-z0-9]*)$")


def element_text(el: etree._Element) -> str:
    """All text inside an element, as the parser decoded it."""
    return "".join(t if isinstance(t, str) else t.decode() for t in el.itertext())


def source_line(el: etree._Element) -> int | None:
    """The 1-based source line where the element starts (lxml-stubs leaves the attribute untyped)."""
    line: object = el.sourceline
    return line if isinstance(line, int) else None


def _declarations(css: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in css.split(";"):
        prop, sep, value = decl.partition(":")
        if sep:
            out[prop.strip().lower()] = _IMPORTANT.sub("", value.strip().lower())
    return out


def hiding_declaration(css: str) -> str | None:
    """The declaration that hides an element (`display:none` …), or None when the style shows it."""
    decls = _declarations(css)
    if decls.get("display") == "none":
        return "display:none"
    if decls.get("visibility") in ("hidden", "collapse"):
        return "visibility:" + decls["visibility"]
    size = decls.get("font-size")
    if size is not None and _ZERO.match(size):
        return "font-size:" + size
    if decls.get("mso-hide") == "all":  # Word's own "hidden text" in exported HTML
        return "mso-hide:all"
    return None


@dataclass(frozen=True, slots=True)
class StyleSheet:
    """The class and id names the page's own `<style>` sheets hide with a simple rule."""

    classes: frozenset[str] = frozenset()
    """Hidden class names (`.x{display:none}`, `span.x{…}`)."""
    ids: frozenset[str] = frozenset()
    """Hidden ids (`#x{display:none}`)."""
    white: frozenset[str] = frozenset()
    """Class names whose text is white (`.x{color:#fff}`), invisible on a white page."""
    list_styles: tuple[tuple[str, str], ...] = ()
    """Class name → `list-style-type` value (`.cn{list-style-type:cjk-ideographic}`)."""
    dark_page: bool = False
    """The sheet gives the page body a background other than white: white text shows on it."""


def read_style_sheets(root: etree._Element) -> StyleSheet:
    """Collect the simple hiding rules of every `<style>` element; combinators and pseudo-classes are
    ignored because deciding them needs a CSS engine, and a missed rule only keeps text."""
    classes: set[str] = set()
    ids: set[str] = set()
    white: set[str] = set()
    list_styles: dict[str, str] = {}
    dark_page = False
    for style in root.iter("style"):
        # Rules inside @media apply on some screens only; the desktop view is the one read, and a
        # rule that hides the desktop copy of an article on phones must not hide it here.
        css = _AT_BLOCK.sub("", _CSS_COMMENT.sub("", element_text(style)))
        for m in _CSS_RULE.finditer(css):
            decls = _declarations(m.group(2))
            hides = hiding_declaration(m.group(2)) is not None
            is_white = bool(_WHITE.match(decls.get("color", "")))
            list_style = list_style_type(decls)
            for selector in m.group(1).split(","):
                sel = selector.strip().lower()
                if sel in ("body", "html") and background_of(decls) not in (None, "white"):
                    dark_page = True
                s = _SIMPLE_SELECTOR.match(selector.strip())
                if s is None:
                    continue
                kind, name = s.group("kind") or s.group("kind2"), s.group("name") or s.group("name2")
                if hides:
                    (classes if kind == "." else ids).add(name)
                if kind == "." and is_white and background_of(decls) is None:
                    white.add(name)
                if kind == "." and list_style:
                    list_styles[name] = list_style
    return StyleSheet(frozenset(classes), frozenset(ids), frozenset(white), tuple(list_styles.items()),
                      dark_page)


def background_of(decls: dict[str, str]) -> str | None:
    """The background colour a style sets: None when it sets none, "white" for white."""
    value = decls.get("background-color") or decls.get("background")
    if not value:
        return None
    first = value.split()[0] if value.split() else ""
    return "white" if _WHITE.match(first) else value


def list_style_type(decls: dict[str, str]) -> str | None:
    """The `list-style-type` a style sets, also from the `list-style` shorthand."""
    if value := decls.get("list-style-type"):
        return value.strip()
    for word in decls.get("list-style", "").split():
        if word not in ("inside", "outside", "none") and not word.startswith(("url(", "none")):
            return word
    return None


def style_declarations(css: str) -> dict[str, str]:
    """The declarations of an inline `style` value, property names lower-cased."""
    return _declarations(css)


def white_text(el: etree._Element, sheet: StyleSheet) -> str | None:
    """Why the element's text is white on a white page (an anti-copy watermark), or None.

    An element or ancestor with a background of its own (a banner, a coloured box) shows white text,
    and so does a page whose body is not white.
    """
    if sheet.dark_page:
        return None
    reason = None
    color = (el.get("color") or "").strip() if el.tag == "font" else ""
    if color and _WHITE.match(color):
        reason = f"<font color={color!r}>"
    style = _declarations(el.get("style") or "")
    if _WHITE.match(style.get("color", "")):
        reason = "inline color:" + style["color"]
    elif reason is None:
        reason = next((f"class {c!r} (white text in the page's style sheet)"
                       for c in (el.get("class") or "").split() if c in sheet.white), None)
    if reason is None:
        return None
    for node in (el, *el.iterancestors()):
        bg = background_of(_declarations(node.get("style") or ""))
        attr_bg = (node.get("bgcolor") or "").strip()
        if (bg is not None and bg != "white") or (attr_bg and not _WHITE.match(attr_bg)):
            return None
    return reason


def small_screen_only(el: etree._Element) -> str | None:
    """The class that shows the element on phones only (hidden in the desktop view), or None."""
    return next((c for c in (el.get("class") or "").split() if c.lower() in _SMALL_SCREEN_CLASSES), None)


def hidden_reason(el: etree._Element, sheet: StyleSheet) -> str | None:
    """Why the element is not displayed, or None when it is."""
    if el.get("hidden") is not None:
        return "hidden attribute"
    style = el.get("style")
    if style and (decl := hiding_declaration(style)) is not None:
        return "inline " + decl
    classes = (el.get("class") or "").split()
    for c in classes:
        if c.lower() in _HIDING_CLASSES:
            return f"class {c!r} (a display:none utility class)"
        if c.lower() in _SCREEN_READER_CLASSES:
            return f"class {c!r} (shown to screen readers only)"
        if c in sheet.classes:
            return f"class {c!r} (display:none in the page's style sheet)"
    el_id = el.get("id") or ""
    if el_id in sheet.ids:
        return f"id {el_id!r} (display:none in the page's style sheet)"
    return None


# ------------------------------------------------------------------------------------------- regions

_FURNITURE: dict[str, str] = {}
for _region, _words in {
    # hd/ft: the YUI grid ids (#hd #bd #ft) many CMS and forum themes still use.
    "header": "header head hd masthead top topbar toolbar logo slogan",
    "footer": "footer foot ft bottom copy copyright copyrights beian icp",
    "nav": "nav navbar navigation menu menus topnav subnav daohang",
    "sidebar": "sidebar side aside rightbar leftbar widget widgets",
    # path/place/position/location/curpos: "where you are" (当前位置) in Chinese CMS themes.
    "breadcrumb": "breadcrumb breadcrumbs crumb crumbs crumbnav weizhi dqwz mianbaoxie path place position "
                  "location curpos",
    # comm, cmt: the short forms of comment lists (`allComm`, `cmt-list`).
    "comment": "comment comments comm cmt reply replies pinglun",
    "related": "related relate relevant xiangguan xgwz xgyd recommend recommends recommended tuijian "
               "tjyd tjwz",
    "ad": "ad ads advert adverts advertisement advertising guanggao adsbygoogle sponsor",
    "share": "share sharing bdshare social qr qrcode erweima",
    "pagination": "pagination pager paging pagelist pagenav fenye",
    # meta: the line of date, author and views a theme prints under a post's title (`entry-meta`).
    "byline": "author authorinfo authorbox byline userinfo userlink zuozhe meta postmeta entrymeta",
    # A forum poster's signature under each of his posts.
    "signature": "sign signature qianming",
    "tags": "tag tags taglist tagcloud topics topiclist topiclink keyword keywords biaoqian guanjianci",
    # The page's dialogs, pop-ups and toasts ('知道了', '取消', '允许'): a script shows them over the page,
    # they never hold the text.
    "dialog": "dialog dialogs modal popup popups popover toast lightbox tanchuang",
    # A post's tool bar (like, comment, share, read the original): `toobar` is the misspelling a very
    # large platform's markup carries.
    "tools": "tool tools toolbox toobar actions",
}.items():
    for _w in _words.split():
        _FURNITURE[_w] = _region
_PREFIX_MIN = 6  # a longer furniture word also counts at the start of a glued token ("footerwrap")
_PREFIXES = tuple(sorted((w for w in _FURNITURE if len(w) >= _PREFIX_MIN), key=len, reverse=True))
# Menu words also count at the end of a glued token: a site's name before them (`blognav`, `leftmenu`).
_SUFFIXES = ("navigation", "navbar", "nav", "menu", "footer", "sidebar")
# header/footer words on an element that also names itself content are the article's own header or
# footer (title, date, tags), not the page's.
_CONTENT_WORDS = frozenset({"article", "post", "entry", "content", "main", "detail", "details", "text",
                            "body", "arc", "art", "wenzhang", "neirong", "title", "biaoti"})
SMALL_REGIONS = frozenset({"byline", "tags"})
"""Regions that hold a line or two about the article (who wrote it, its tags). An element that also
calls itself the text column (`author-content`, `post-tags-body`) is the article's column, not such a
box; inside another region (a commenter's name in the comments) the outer region is the one that counts."""
# The words that name the text column itself; `post`, `entry` or `article` only say whose box it is
# (`entry-meta`, `post-tags` are the post's byline and tags).
_COLUMN_WORDS = frozenset({"content", "main", "text", "body", "neirong", "detail", "details", "wenzhang"})
TEXT_REGIONS = frozenset({"ad", "share", "tags", "byline", "pagination", "breadcrumb", "signature", "dialog",
                          "tools"})
"""Regions of small boxes (a banner, share buttons, a tag row, a pager): an element holding the report's
text (many sentences) is none of them, whatever a word of its name says (`keyword_ad_area` on a blog's
article column, where the `ad` hooks keyword advertising)."""
_TEXT_SENTENCES = 3  # sentences of at least _TEXT_SENTENCE characters
_TEXT_SENTENCE = 8
_TEXT_CHARS = 150
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_ROLES = {"banner": "header", "contentinfo": "footer", "complementary": "aside", "navigation": "nav",
          "search": "nav", "dialog": "dialog", "alertdialog": "dialog", "toolbar": "tools"}

BUTTONS_REGION = "buttons"
"""Region of a block made only of links to no page: script buttons, whatever the element is called."""

MAIN_REGION = "main"
"""Region of blocks inside `<main>`/`<article>` with no furniture nearer."""


def words(value: str) -> list[str]:
    """The lower-cased words of a class or id value: split at separators and camelCase humps."""
    return [t.lower() for t in _TOKEN.findall(value)]


def furniture_region(el: etree._Element, tag: str, *, in_section: bool) -> str | None:
    """The furniture region this element opens, or None.

    `in_section`: the element sits inside `<article>`/`<main>`/`<section>`/`<aside>`, where (as in ARIA)
    a header or footer belongs to that section, not to the page.
    """
    if tag in ("header", "footer"):
        return None if in_section else tag
    if tag == "aside":
        return "aside"
    if tag == "dialog":
        return "dialog"
    role = (el.get("role") or "").strip().lower()
    if role in _ROLES:
        by_role = _ROLES[role]
        return None if in_section and by_role in ("header", "footer") else by_role
    names = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    if not names:
        return None
    tokens = words(names)
    own_content = any(t in _CONTENT_WORDS for t in tokens)
    column = any(t in _COLUMN_WORDS for t in tokens)
    # Two words glued back together name a region too: `UserInfo` → user info → "userinfo".
    for t in (*tokens, *(a + b for a, b in itertools.pairwise(tokens))):
        region = (_FURNITURE.get(t) or next((_FURNITURE[p] for p in _PREFIXES if t.startswith(p)), None)
                  or next((_FURNITURE[s] for s in _SUFFIXES if len(t) > len(s) and t.endswith(s)), None))
        if region is None:
            continue
        if region in ("header", "footer") and (in_section or own_content):
            continue
        if region in SMALL_REGIONS and column:
            continue  # `author-content`, `post-tags-body`: a post's own column that names what it holds
        return region
    return None


_SENTENCE_PIECES = re.compile(r"[。！？；!?;]")


def holds_report_text(el: etree._Element) -> bool:
    """Whether an element holds running text: several sentences, many characters (the report's column,
    not a box of furniture)."""
    return is_report_text(element_text(el))


def is_report_text(text: str) -> bool:
    """Whether a text is running text: several sentences, many characters."""
    text = "".join(text.split())
    if len(text) < _TEXT_CHARS:
        return False
    pieces = _SENTENCE_PIECES.split(text)
    return sum(1 for p in pieces[:-1] if len(p) >= _TEXT_SENTENCE) >= _TEXT_SENTENCES


def is_content_landmark(el: etree._Element, tag: str) -> bool:
    """`<main>`, `<article>` or role=main: the page says the report is in here."""
    return tag in ("main", "article") or (el.get("role") or "").strip().lower() == "main"


def shown_text(body: etree._Element, sheet: StyleSheet) -> str:
    """The text the page shows, whitespace removed: without code, `<noscript>`, and hidden, white or
    phone-only elements. Used to tell a hidden copy of the article from hidden text of its own."""
    skipped: set[etree._Element] = set()
    out: list[str] = []
    for el in body.iter():
        parent = el.getparent()
        if parent is not None and parent in skipped:
            skipped.add(el)
            continue  # its tail is inside the skipped parent too
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if (not tag or tag in CODE_TAGS or tag in EMBED_TAGS or hidden_reason(el, sheet) is not None
                or small_screen_only(el) is not None or white_text(el, sheet) is not None):
            skipped.add(el)
        elif el.text:
            out.append(el.text)
        if el.tail and el is not body:
            out.append(el.tail)
    return "".join("".join(out).split())


# ------------------------------------------------------------------------------------------- controls

_EXPANDER_MAX = 12  # characters: a button's label
_RUNNING_MIN = 100  # characters of sentences: a box of report text


def no_target(href: str) -> bool:
    """An anchor's `href` that names no page: none, `#`, or a script hook."""
    return not href or href == "#" or href.lower().startswith("javascript:")


def _running_text(text: str) -> bool:
    return len(text.strip()) >= _RUNNING_MIN and "。" in text


# Anchors that run a browser command instead of opening a page: back, close, print. They are buttons
# dressed as links (`回上一頁`, `【关闭窗口】`), never words of the report.
_BROWSER_COMMAND = re.compile(r"^\s*javascript\s*:\s*(?:void\s*\(?\s*0?\s*\)?\s*;?\s*)?"
                              r"(?:(?:window|self|top|parent)\s*\.\s*)?"
                              r"(?:history\s*\.\s*(?:back|go)|print|close)\s*\(", re.IGNORECASE)
# Wayback Machine's toolbar (calendar, capture count, search box), inserted at the top of every page
# the archive serves: the archive's furniture, not the page's.
_ARCHIVE_TOOLBAR = re.compile(r"^wm-ipp(?:-base)?$")
_BRACKETS = re.compile(r"^[\s【】\[\]（）()〔〕|｜·/]*$")
_SKIP = re.compile(r"(?:^|[-_\s])skip(?:$|[-_\s]|to|link|nav|content)", re.IGNORECASE)


def control(el: etree._Element, tag: str) -> str | None:
    """What page control the element is, when it is one a browser shows but a reader never reads: a
    link that runs a browser command, a skip link to the page's own content, a web archive's toolbar."""
    if tag == "a":
        href = (el.get("href") or "").strip()
        command = href if _BROWSER_COMMAND.match(href) else None
        onclick = (el.get("onclick") or "").strip()
        if command is None and no_target(href) and _BROWSER_COMMAND.match("javascript:" + onclick):
            command = onclick
        if command is not None:
            return f"a browser-command button ({command[:40]})"
        names = " ".join(v for v in (el.get("class"), el.get("id")) if v)
        if href.startswith("#") and len(href) > 1 and _SKIP.search(names):
            return "a skip link (jumps past the page's menus to its content)"
        return None
    if _ARCHIVE_TOOLBAR.match(el.get("id") or ""):
        return "the web archive's toolbar (Wayback Machine)"
    children = list(el)
    if (children and len(children) <= _BUTTONS_MAX and _BRACKETS.match(el.text or "")
            and all(isinstance(c.tag, str) and c.tag.lower() == "a" and control(c, "a") is not None
                    and _BRACKETS.match(c.tail or "") for c in children)):
        # `【<a>打印本页</a>】【<a>关闭窗口</a>】`: the brackets go with the buttons they frame.
        return "a row of browser-command buttons"
    return None


def expander(el: etree._Element) -> str | None:
    """What the element expands, when it is the "show all" button right after a box of report text
    that CSS cuts short (`max-height` with `overflow:hidden`), else None.

    The button only unfolds text the page already holds; left in, it reads as a "read more" link
    of a site that withheld the rest.
    """
    prev = el.getprevious()
    if prev is None or not isinstance(prev.tag, str) or not (style := prev.get("style")):
        return None
    decls = style_declarations(style)
    if not (decls.get("max-height", "none") != "none" or "height" in decls) or "hidden" not in (
            decls.get("overflow", ""), decls.get("overflow-y", "")):
        return None
    text = "".join(element_text(el).split())
    anchors = list(el.iter("a")) if el.tag.lower() != "a" else [el]
    if (not text or len(text) > _EXPANDER_MAX or not anchors
            or any(not no_target((a.get("href") or "").strip()) for a in anchors)
            or "".join("".join(element_text(a).split()) for a in anchors) != text
            or not _running_text(element_text(prev))):
        return None
    return "unfolds the text box above it, cut short by CSS (max-height, overflow:hidden),"


_BUTTON_MAX = 10  # characters of one button's label
_BUTTONS_MAX = 8  # children: a row of buttons is short
_SEPARATORS = re.compile(r"^[\s|｜·•/┊,，、]*$")


def button_row(el: etree._Element) -> bool:
    """Whether a block element holds nothing but links to no page (`href="#"`, a script hook) with short
    labels: the buttons of the site's scripts (`加好友`, `发纸条`, `转载▼`), not words of the report.
    Only direct children are looked at, so the test costs nothing on large elements."""
    children = list(el)
    if not children or len(children) > _BUTTONS_MAX or not _SEPARATORS.match(el.text or ""):
        return False
    for child in children:
        if not isinstance(child.tag, str) or not _SEPARATORS.match(child.tail or ""):
            return False
        anchor = child if child.tag.lower() == "a" else None
        if anchor is None and len(child) == 1 and not (child.text or "").strip() \
                and isinstance(child[0].tag, str) and child[0].tag.lower() == "a" \
                and not (child[0].tail or "").strip():
            anchor = child[0]  # a menu's `<span><a>`
        if anchor is None or not no_target((anchor.get("href") or "").strip()):
            return False
        label = "".join(element_text(anchor).split())
        if not label or len(label) > _BUTTON_MAX:
            return False
    return True
