"""OpenDocument text (.odt, and .ott templates) reader: the same text, ¶N positions and layout
facts as the .docx reader (readers/docx.py), read with lxml from the package's XML.

Text, one paragraph per line (blank lines and deep indents as for .docx):

* the body in document order: paragraphs and headings, list items (the generated numbers and
  bullets are not text), sections, index bodies; a table row by row, each cell's paragraphs
  in turn, left cell before right cell; a text box (``draw:frame``/``draw:text-box``) follows
  the paragraph that anchors it;
* then the headers and footers of the master pages the document uses (each once).

Tracked changes read as printed: inserted text is in the body, deleted text lives in
``text:tracked-changes`` and is left out. Comments (``office:annotation``), footnotes and
endnotes (``text:note``) and ruby annotations are not text. ``text:s`` → spaces, ``text:tab``
→ "\\t", ``text:line-break`` → "\\n"; fields give their shown value.

``Document.layout``: the keys of the .docx reader. Page size, margins and orientation come from
the page layout of the first paragraph's master page (``styles.xml``); ODF's top and bottom
margins stop at the header and footer, so their height and spacing are added to give the
distance from the page edge to the body, as in Word. Fonts, sizes and paragraph spacing are
resolved through automatic styles → named styles → parents → the default style;
``saved_pages``/``saved_words`` come from ``meta.xml``'s document statistics.

Errors (one line): not a zip, an encrypted package, no ``content.xml``, malformed XML or XML
with a DTD, a package that unpacks to more than the limit (readers/package.py).
"""
from __future__ import annotations

import re

from ..document import Document, ReadError, SourceMap
from .package import Package, parse_xml
from .paragraphs import DEFAULT_FONT_SIZE, assemble, paragraph_fonts, summarize

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name: str) -> str:
    """Clark notation of ``prefix:local``."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


# Elements that print nothing (deleted text, comments, notes, declarations, index templates).
_SKIP = {q(n) for n in (
    "text:tracked-changes", "office:annotation", "office:annotation-end", "text:note",
    "text:sequence-decls", "text:variable-decls", "text:user-field-decls", "text:dde-connection-decls",
    "office:forms", "text:table-of-content-source", "text:alphabetical-index-source",
    "text:illustration-index-source", "text:table-index-source", "text:object-index-source",
    "text:user-index-source", "text:bibliography-source", "text:ruby-text", "table:table-source",
    "text:soft-page-break", "text:bookmark", "text:bookmark-start", "text:bookmark-end",
    "text:change", "text:change-start", "text:change-end", "draw:image", "svg:title", "svg:desc")}
_PARA = {q("text:p"), q("text:h")}
_WHITE = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")
_LENGTH = re.compile(r"^\s*(-?\d{1,7}(?:\.\d{1,6})?)\s*(in|cm|mm|pt|pc|px)\s*$")
_MM = {"in": 25.4, "cm": 10.0, "mm": 1.0, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96}
PT_PER_MM = 72 / 25.4


def length_mm(v) -> float | None:
    m = _LENGTH.match(v or "")
    return float(m.group(1)) * _MM[m.group(2)] if m else None


def length_pt(v) -> float | None:
    mm = length_mm(v)
    return None if mm is None else mm * PT_PER_MM


# --------------------------------------------------------------------------------- styles
class Styles:
    """Named styles (styles.xml) and one part's automatic styles, with parents and defaults."""

    def __init__(self, styles_root, auto_root, fonts: dict[str, str]):
        self.by_name: dict[tuple[str, str], object] = {}
        self.defaults: dict[str, object] = {}
        self.fonts = fonts
        for root, path in ((styles_root, "office:styles"), (auto_root, "office:automatic-styles")):
            box = root.find(q(path)) if root is not None else None
            if box is None:
                continue
            for s in box.iter(q("style:style")):
                self.by_name[(s.get(q("style:family")), s.get(q("style:name")))] = s
            for s in box.iter(q("style:default-style")):
                self.defaults.setdefault(s.get(q("style:family")), s)

    def chain(self, family: str, name: str | None) -> list:
        out, seen = [], set()
        while name and name not in seen and (family, name) in self.by_name:
            seen.add(name)
            s = self.by_name[(family, name)]
            out.append(s)
            name = s.get(q("style:parent-style-name"))
        if family in self.defaults:
            out.append(self.defaults[family])
        return out

    def display_name(self, family: str, name: str | None) -> str | None:
        """The named style a paragraph uses (an automatic style stands for its parent)."""
        for s in self.chain(family, name):
            if s.tag == q("style:style") and s.getparent().tag == q("office:styles"):
                return s.get(q("style:display-name")) or s.get(q("style:name"))
        return name

    @staticmethod
    def attr(levels, props: str, attr: str):
        for s in levels:
            p = s.find(q(props))
            if p is not None and p.get(q(attr)) is not None:
                return p.get(q(attr))
        return None

    def font(self, levels) -> str | None:
        for s in levels:
            p = s.find(q("style:text-properties"))
            if p is None:
                continue
            name = p.get(q("style:font-name"))
            if name:
                return self.fonts.get(name, name)
            family = p.get(q("fo:font-family"))
            if family:
                return family.split(",")[0].strip().strip("'\"")
        return None

    @staticmethod
    def size(levels) -> float:
        scale = 1.0
        for s in levels:
            p = s.find(q("style:text-properties"))
            v = p.get(q("fo:font-size")) if p is not None else None
            if not v:
                continue
            if v.strip().endswith("%"):
                try:
                    scale *= float(v.strip()[:-1]) / 100
                except ValueError:
                    pass
                continue
            pt = length_pt(v)
            if pt:
                return round(pt * scale * 2) / 2
        return DEFAULT_FONT_SIZE * scale


def _font_faces(*roots) -> dict[str, str]:
    out = {}
    for root in roots:
        if root is None:
            continue
        for f in root.iter(q("style:font-face")):
            family = (f.get(q("svg:font-family")) or "").strip().strip("'\"")
            out[f.get(q("style:name"))] = family or f.get(q("style:name"))
    return out


# ------------------------------------------------------------------------------ extraction
class _Extractor:
    def __init__(self, styles: Styles):
        self.styles = styles
        self.paras: list[tuple[str, dict]] = []
        self.runs_by_para: list[list[tuple[int, str | None, float]]] = []
        self.table_ids = 0

    def blocks(self, container, part: str, table=None, cell_width=None) -> None:
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _PARA:
                self.paragraph(child, part if table is None else "table", table, cell_width)
            elif tag == q("table:table"):
                self.table(child, part, table, cell_width)
            else:                        # lists, items, sections, index bodies, frames
                self.blocks(child, part, table, cell_width)

    def paragraph(self, p, part: str, table=None, cell_width=None) -> None:
        st = self.styles
        levels = st.chain("paragraph", p.get(q("text:style-name")))
        pieces: list[str] = []
        runs: list[tuple[int, str | None, float]] = []
        boxes: list = []
        self._inline(p, levels, pieces, runs, boxes)
        text = "".join(pieces)
        facts = self._facts(p, levels, runs, part)
        if table is not None:
            facts["table"] = list(table)
            facts["cell_width"] = cell_width
        self.paras.append((text, facts))
        self.runs_by_para.append(runs)
        for box in boxes:
            self.blocks(box, "textbox")

    def _inline(self, el, levels, pieces, runs, boxes) -> None:
        self._text(el.text, levels, pieces, runs)
        for c in el:
            tag = c.tag
            if isinstance(tag, str) and tag not in _SKIP:
                if tag == q("text:s"):
                    self._text(" " * _count(c.get(q("text:c"))), levels, pieces, runs, True)
                elif tag == q("text:tab"):
                    self._text("\t", levels, pieces, runs, True)
                elif tag == q("text:line-break"):
                    self._text("\n", levels, pieces, runs, True)
                elif tag == q("draw:text-box"):
                    boxes.append(c)
                elif tag in (q("draw:frame"), q("draw:a")):
                    boxes.extend(c.iter(q("draw:text-box")))
                elif tag == q("text:span"):
                    span = self.styles.chain("text", c.get(q("text:style-name"))) + levels
                    self._inline(c, span, pieces, runs, boxes)
                else:                    # links, fields, meta, ruby bases: their shown text
                    self._inline(c, levels, pieces, runs, boxes)
            self._text(c.tail, levels, pieces, runs)

    def _text(self, s, levels, pieces, runs, literal=False) -> None:
        if not s:
            return
        if not literal:   # XML white space collapses (ODF 6.1.2); text:s/tab/line-break do not
            s = _WHITE.sub(" ", s)
        pieces.append(s)
        st = self.styles
        runs.append((len(s.strip()), st.font(levels), st.size(levels)))

    def _facts(self, p, levels, runs, part) -> dict:
        st = self.styles
        font, size, used = paragraph_fonts(runs, st.font(levels), st.size(levels))
        a = lambda attr: st.attr(levels, "style:paragraph-properties", attr)  # noqa: E731
        rule, line = _line_spacing(a("fo:line-height"), a("style:line-height-at-least"))
        align = a("fo:text-align") or "start"
        return {
            "part": part, "style": st.display_name("paragraph", p.get(q("text:style-name"))),
            "font": font, "size": size,
            "alignment": {"start": "left", "end": "right", "justify": "justify"}.get(align, align),
            "fonts": used, "space_before": _pt(a("fo:margin-top")),
            "space_after": _pt(a("fo:margin-bottom")), "line_rule": rule, "line": line,
            "indent_left": _pt(a("fo:margin-left")), "indent_right": _pt(a("fo:margin-right")),
            "first_line": _pt(a("fo:text-indent")),
            "page_break_before": a("fo:break-before") == "page", "page_breaks": 0,
            "contextual_spacing": a("style:contextual-spacing") == "true",
        }

    def table(self, tbl, part, outer=None, outer_width=None) -> None:
        if outer is None:
            self.table_ids += 1
        widths = self._column_widths(tbl)
        for ri, tr in enumerate(_rows(tbl)):
            ci, gi = 0, 0
            for tc in tr:
                if tc.tag == q("table:covered-table-cell"):
                    gi += _count(tc.get(q("table:number-columns-repeated")))
                    continue
                if tc.tag != q("table:table-cell"):
                    continue
                span = _count(tc.get(q("table:number-columns-spanned")))
                width = sum(widths[gi:gi + span]) or None
                gi += span
                if width:
                    width = max(10.0, width - 10.8)      # cell padding, as for .docx
                if outer is not None:
                    key, width = outer, min(width or outer_width or 1e9, outer_width or 1e9)
                else:
                    key = (self.table_ids, ri, ci)
                ci += 1
                self.blocks(tc, part, key, width)

    def _column_widths(self, tbl) -> list[float]:
        out = []
        for col in tbl.iter(q("table:table-column")):
            w = self.styles.attr(self.styles.chain("table-column", col.get(q("table:style-name"))),
                                 "style:table-column-properties", "style:column-width")
            out += [length_pt(w) or 0.0] * _count(col.get(q("table:number-columns-repeated")))
        return out


def _rows(tbl):
    for c in tbl:
        if c.tag == q("table:table-row"):
            yield c
        elif c.tag in (q("table:table-header-rows"), q("table:table-rows"), q("table:table-row-group")):
            yield from _rows(c)


def _count(v) -> int:
    try:
        return max(1, min(int(v), 1000))
    except (TypeError, ValueError):
        return 1


def _pt(v) -> float:
    return round(length_pt(v) or 0.0, 2)


def _line_spacing(height, at_least) -> tuple[str, float]:
    if height and height.strip().endswith("%"):
        try:
            return "auto", round(float(height.strip()[:-1]) / 100, 3)
        except ValueError:
            return "auto", 1.0
    if length_pt(height):
        return "exact", round(length_pt(height), 2)
    if length_pt(at_least):
        return "atLeast", round(length_pt(at_least), 2)
    return "auto", 1.0


# ---------------------------------------------------------------------------- page layout
def _master_pages(styles_root) -> dict[str, object]:
    box = styles_root.find(q("office:master-styles")) if styles_root is not None else None
    return {m.get(q("style:name")): m for m in box.iter(q("style:master-page"))} if box is not None else {}


def _used_masters(content_root, styles: Styles, masters: dict) -> list[str]:
    names = []
    for p in content_root.iter(q("text:p"), q("text:h")):
        for s in styles.chain("paragraph", p.get(q("text:style-name"))):
            m = s.get(q("style:master-page-name"))
            if m and m in masters and m not in names:
                names.append(m)
                break
        if names:
            break        # the first paragraph's master page sets the first page
    first = names[0] if names else ("Standard" if "Standard" in masters else next(iter(masters), None))
    names = [first] if first else []
    for s in content_root.iter(q("style:style")):
        m = s.get(q("style:master-page-name"))
        if m and m in masters and m not in names:
            names.append(m)
    return names


def _page_layout(styles_root, master) -> dict:
    out = dict.fromkeys(("page_width", "page_height", "orientation", "top", "bottom", "left",
                         "right", "header", "footer"))
    if master is None:
        return out
    box = styles_root.find(q("office:automatic-styles"))
    name = master.get(q("style:page-layout-name"))
    pl = next((x for x in box.iter(q("style:page-layout")) if x.get(q("style:name")) == name),
              None) if box is not None else None
    props = pl.find(q("style:page-layout-properties")) if pl is not None else None
    if props is None:
        return out
    mm = lambda a: length_mm(props.get(q(a)))  # noqa: E731
    out["page_width"], out["page_height"] = _r(mm("fo:page-width")), _r(mm("fo:page-height"))
    for side in ("top", "bottom", "left", "right"):
        out[side] = mm(f"fo:margin-{side}") or mm("fo:margin")
    for kind, side in (("header", "top"), ("footer", "bottom")):
        hf = pl.find(f"{q(f'style:{kind}-style')}/{q('style:header-footer-properties')}")
        if master.find(q(f"style:{kind}")) is not None and hf is not None and out[side] is not None:
            out[kind] = out[side]           # ODF: the margin ends where the header begins
            height = length_mm(hf.get(q("fo:min-height")) or hf.get(q("svg:height"))) or 0.0
            gap = length_mm(hf.get(q("fo:margin-bottom" if kind == "header" else "fo:margin-top"))) or 0.0
            out[side] += height + gap
    for side in ("top", "bottom", "left", "right", "header", "footer"):
        out[side] = _r(out[side])
    o = props.get(q("style:print-orientation"))
    if o in ("portrait", "landscape"):
        out["orientation"] = o
    elif out["page_width"] and out["page_height"]:
        out["orientation"] = "landscape" if out["page_width"] > out["page_height"] else "portrait"
    return out


def _r(v):
    return None if v is None else round(v, 1)


def _statistics(pkg: Package) -> tuple[int | None, int | None]:
    data = pkg.read("meta.xml")
    if not data:
        return None, None
    try:
        root = parse_xml(data, "meta.xml")
    except ReadError:
        return None, None
    st = root.find(f".//{q('meta:document-statistic')}")
    if st is None:
        return None, None

    def num(attr):
        try:
            return int(st.get(q(attr)))
        except (TypeError, ValueError):
            return None
    return num("meta:page-count"), num("meta:word-count")


# ----------------------------------------------------------------------------- the reader
def read_odt(path: str, data: bytes, options=None) -> Document:
    """The Document of an .odt/.ott file's bytes; ReadError with a one-line cause otherwise."""
    if data[:2] != b"PK":
        raise ReadError("not an OpenDocument (zip) file")
    pkg = Package(data, ".odt", options)
    manifest = pkg.read("META-INF/manifest.xml") or b""
    if b"encryption-data" in manifest:
        raise ReadError("encrypted .odt: save it without a password")
    content = pkg.read("content.xml")
    if content is None:
        raise ReadError("corrupt .odt: missing content.xml")
    content_root = parse_xml(content, "content.xml")
    styles_xml = pkg.read("styles.xml")
    styles_root = parse_xml(styles_xml, "styles.xml") if styles_xml else None
    try:
        return _read(path, pkg, content_root, styles_root, options)
    except (ReadError, MemoryError):
        raise
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError,
            OverflowError) as e:
        from .causes import cause
        raise ReadError(cause(e, "the .odt")) from None


def _read(path, pkg, content_root, styles_root, options) -> Document:
    fonts = _font_faces(styles_root, content_root)
    styles = Styles(styles_root, content_root, fonts)
    body = content_root.find(f"{q('office:body')}/{q('office:text')}")
    if body is None:
        raise ReadError("not an OpenDocument text (no office:text body)")
    ex = _Extractor(styles)
    ex.blocks(body, "body")
    masters = _master_pages(styles_root)
    used = _used_masters(content_root, styles, masters)
    if used and styles_root is not None:
        ex.styles = Styles(styles_root, styles_root, fonts)   # headers use styles.xml's own
        for kind in ("header", "footer"):
            for name in used:
                for variant in ("", "-left", "-first"):
                    el = masters[name].find(q(f"style:{kind}{variant}"))
                    if el is not None and el.get(q("style:display")) != "false":
                        ex.blocks(el, kind)
    text, anchors, facts = assemble(ex.paras)
    layout = _page_layout(styles_root, masters.get(used[0]) if used else None)
    layout.update(summarize(facts, ex.runs_by_para))
    saved_pages, saved_words = _statistics(pkg)
    if saved_pages is not None and (saved_pages <= 0 or (saved_words == 0 and len(text.split()) > 20)):
        saved_pages = None
    layout.update({"saved_pages": saved_pages, "saved_words": saved_words, "paragraphs": facts})
    return Document(path=path, text=text, source_map=SourceMap(text, anchors, unit="paragraph"),
                    format="odt", encoding="utf-8", layout=layout, raw_text=text)
