"""Word (.docx) reader (SPEC 3, 5.4): the text as it would print, paragraph positions (¶N) and
the layout facts the page estimator and the layout rules read.

Text, in this order, one paragraph per line (a blank line after a paragraph whose space after,
or the next one's space before, is at least half a line: paragraphs set apart by spacing read as
paragraphs set apart by an empty one; a paragraph indented 2 in or more -- a signature set in
the right half by indentation -- is preceded by spaces, at least 12, outside its ¶ span):

* the body: paragraphs and tables in document order; a table is emitted row by row, each
  cell's paragraphs in turn, left cell before right cell (the Vietnamese two-column header
  gives "ỦY BAN NHÂN DÂN …" then "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" lines); text boxes
  (``w:txbxContent``) follow the paragraph that anchors them;
* then the headers and the footers of every section (each part once): a signature or an
  executor block sometimes sits there.

Tracked changes read as they would print: ``w:ins`` content in, ``w:del``/``w:moveFrom`` out.
Comments, field codes (``w:instrText``) and the ``mc:Fallback`` copy of a drawing are not text.
``w:br``/``w:cr`` → "\\n", ``w:tab`` → "\\t", ``w:noBreakHyphen`` → "-".

Every paragraph (a table-cell paragraph too) is ¶N, N from 1 in the order above; the source map
has one anchor per paragraph (and one after each line break inside it), unit "paragraph", so a
finding prints as ``draft.docx:¶12:5`` (column = character in the paragraph).

``Document.layout`` (lengths in mm, sizes in pt)::

    page_width, page_height, orientation ("portrait"|"landscape"),
    top, bottom, left, right, header, footer          first section; None when not stated
    body_font, body_font_size                         most common over body runs, by characters
    line_spacing       dominant multiple of single spacing over body paragraphs ("auto" rule);
                       an exact/at-least spacing is converted to a multiple of the font's line
    paragraph_spacing  dominant space before + after a body paragraph, pt
    legacy_fonts       [(¶N, font name), …] each pair once, document order: a run or its style
                       uses a TCVN3/VNI font (.VnTime, .VnTimeH, .VnArial, VNI-Times, VNI-*, ABC …)
    saved_pages        <Pages> of docProps/app.xml, or None (also None when the statistics are
                       stale: app.xml counts 0 words in a document that has text)
    saved_words        <Words> of docProps/app.xml, or None
    paragraphs         one dict per ¶ (index N-1): n, start, end (offsets in text), part
                       ("body"|"table"|"textbox"|"header"|"footer"), style, font, size,
                       alignment, fonts (every font used), space_before, space_after (pt),
                       line_rule ("auto"|"exact"|"atLeast"), line (multiple or pt),
                       indent_left, indent_right, first_line (pt, hanging negative),
                       page_break_before, page_breaks (inside), table ([id, row, cell]) and
                       cell_width (pt) for table cells

Errors are ``ReadError`` with a one-line cause: not a zip, an encrypted (OLE) file, a corrupt
package, or a package that unpacks to more than the limit (10 × ``options.max_bytes``, at
least 50 MB; ``options.max_unpacked_bytes`` when set): a zip bomb whose headers declare its size
is refused before anything is inflated, one whose headers lie while inflating
(readers/package.py), before python-docx sees the package.
"""
from __future__ import annotations

import io
import re

from ..document import Document, ReadError, SourceMap
from .package import OLE_SIGNATURE, Package, one_line as _one_line
from .paragraphs import DEFAULT_FONT_SIZE, assemble, paragraph_fonts, summarize

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W = f"{{{W}}}"


def w(tag: str) -> str:
    return _W + tag


TWIP_MM = 25.4 / 1440
EMU_MM = 1 / 36000

_SKIP = {w("del"), w("moveFrom"), w("delText"), w("instrText"), w("commentRangeStart"),
         w("commentRangeEnd"), w("commentReference"), w("footnoteReference"),
         w("endnoteReference"), w("rPr"), w("pPr"), w("proofErr"), w("bookmarkStart"),
         w("bookmarkEnd"), w("annotationRef")}
_CONTAINERS = {w("ins"), w("hyperlink"), w("smartTag"), w("fldSimple"), w("customXml"),
               w("moveTo"), w("dir"), w("bdo"), w("sdtContent")}


def open_package(path: str, data: bytes, options=None) -> Package:
    """The .docx package, checked: signature, required members, and every member inflated once
    within the limit to exactly its declared size (so python-docx's own reads stay bounded)."""
    if data[:8] == OLE_SIGNATURE:
        raise ReadError("encrypted .docx: save it without a password"
                        " (or a legacy .doc renamed: save it as .docx)")
    if data[:2] != b"PK":
        raise ReadError("not a .docx (zip) file")
    pkg = Package(data, ".docx", options)
    names = pkg.names
    if "word/document.xml" not in names and not any(n.endswith("/document.xml") for n in names):
        raise ReadError("corrupt .docx: missing word/document.xml")
    if "[Content_Types].xml" not in names:
        raise ReadError("corrupt .docx: missing [Content_Types].xml")
    pkg.verify()
    return pkg


# --------------------------------------------------------------------------------- styles
class Styles:
    """Run and paragraph properties resolved through direct formatting → character style →
    paragraph style → its basedOn chain → docDefaults; theme fonts through theme1.xml."""

    def __init__(self, styles_el, theme_xml: bytes | None):
        self.by_id: dict[str, object] = {}
        self.default_para = None
        self.rpr_default = None
        self.ppr_default = None
        if styles_el is not None:
            for s in styles_el.iter(w("style")):
                sid = s.get(w("styleId"))
                if sid:
                    self.by_id[sid] = s
                if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true", "on"):
                    self.default_para = sid
            dd = styles_el.find(w("docDefaults"))
            if dd is not None:
                self.rpr_default = dd.find(f"{w('rPrDefault')}/{w('rPr')}")
                self.ppr_default = dd.find(f"{w('pPrDefault')}/{w('pPr')}")
        self.theme = _theme_fonts(theme_xml)
        self._chains: dict = {}

    def name(self, sid: str | None) -> str | None:
        s = self.by_id.get(sid) if sid else None
        if s is None:
            return None
        n = s.find(w("name"))
        return n.get(w("val")) if n is not None else sid

    def chain(self, sid: str | None) -> list:
        """The style and its basedOn ancestors (cycle-safe)."""
        key = sid
        if key in self._chains:
            return self._chains[key]
        out, seen = [], set()
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            s = self.by_id[sid]
            out.append(s)
            b = s.find(w("basedOn"))
            sid = b.get(w("val")) if b is not None else None
        self._chains[key] = out
        return out

    def para_style_id(self, p) -> str | None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        sid = ps.get(w("val")) if ps is not None else None
        return sid if sid in self.by_id else self.default_para

    def rpr_levels(self, r, para_sid) -> list:
        levels = []
        rpr = r.find(w("rPr")) if r is not None else None
        if rpr is not None:
            levels.append(rpr)
            rs = rpr.find(w("rStyle"))
            if rs is not None:
                levels += [s.find(w("rPr")) for s in self.chain(rs.get(w("val")))]
        levels += [s.find(w("rPr")) for s in self.chain(para_sid)]
        levels.append(self.rpr_default)
        return [x for x in levels if x is not None]

    def ppr_levels(self, p, para_sid) -> list:
        levels = [p.find(w("pPr"))]
        levels += [s.find(w("pPr")) for s in self.chain(para_sid)]
        levels.append(self.ppr_default)
        return [x for x in levels if x is not None]

    def font(self, levels) -> str | None:
        for attr in ("hAnsi", "ascii"):
            for rpr in levels:
                f = rpr.find(w("rFonts"))
                if f is None:
                    continue
                if f.get(w(attr)):
                    return f.get(w(attr))
                theme = f.get(w(attr + "Theme"))
                if theme:
                    return self.theme.get("major" if theme.startswith("major") else "minor")
        return None

    @staticmethod
    def size(levels) -> float:
        for rpr in levels:
            sz = rpr.find(w("sz"))
            if sz is not None and sz.get(w("val")):
                try:
                    return int(float(sz.get(w("val")))) / 2
                except ValueError:
                    continue
        return DEFAULT_FONT_SIZE

    @staticmethod
    def pattr(levels, child: str, attrs: tuple[str, ...]):
        for ppr in levels:
            el = ppr.find(w(child))
            if el is None:
                continue
            for a in attrs:
                v = el.get(w(a))
                if v is not None:
                    return v
        return None

    @staticmethod
    def pflag(levels, child: str) -> bool:
        for ppr in levels:
            el = ppr.find(w(child))
            if el is not None:
                return el.get(w("val"), "true") not in ("0", "false", "off")
        return False


def _theme_fonts(xml: bytes | None) -> dict:
    out = {"major": None, "minor": None}
    if not xml:
        return out
    try:
        from lxml import etree
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:
        return out
    for kind in ("major", "minor"):
        el = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
        if el is not None and el.get("typeface"):
            out[kind] = el.get("typeface")
    return out


def _twips(v) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------------------ extraction
class _Extractor:
    def __init__(self, styles: Styles):
        self.styles = styles
        self.paras: list[tuple[str, dict]] = []
        self.runs_by_para: list[list[tuple[int, str | None, float]]] = []
        self.table_ids = 0

    # paragraphs -----------------------------------------------------------------------
    def paragraph(self, p, part: str, table=None, cell_width=None) -> None:
        st = self.styles
        sid = st.para_style_id(p)
        pieces: list[str] = []
        runs: list[tuple[int, str | None, float]] = []
        boxes: list = []
        breaks = [0]
        self._walk(p, sid, pieces, runs, boxes, breaks)
        text = "".join(pieces)
        facts = self._para_facts(p, sid, runs, part, breaks[0])
        if table is not None:
            facts["table"] = list(table)
            facts["cell_width"] = cell_width
        self.paras.append((text, facts))
        self.runs_by_para.append(runs)
        for box in boxes:
            self.blocks(box, "textbox")

    def _walk(self, el, sid, pieces, runs, boxes, breaks) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("r"):
                self._run(child, sid, pieces, runs, boxes, breaks)
            elif tag in _CONTAINERS:
                self._walk(child, sid, pieces, runs, boxes, breaks)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._walk(content, sid, pieces, runs, boxes, breaks)

    def _run(self, r, sid, pieces, runs, boxes, breaks) -> None:
        st = self.styles
        out: list[str] = []
        _run_text(r, r, out, boxes, breaks)
        s = "".join(out)
        if not s:
            return
        pieces.append(s)
        levels = st.rpr_levels(r, sid)
        runs.append((len(s.strip()), st.font(levels), st.size(levels)))

    def _para_facts(self, p, sid, runs, part, page_breaks) -> dict:
        st = self.styles
        plev = st.ppr_levels(p, sid)
        rlev = st.rpr_levels(None, sid)
        font, size, used = paragraph_fonts(runs, st.font(rlev), st.size(rlev))
        jc = st.pattr(plev, "jc", ("val",))
        before = _twips(st.pattr(plev, "spacing", ("before",))) or 0.0
        after = _twips(st.pattr(plev, "spacing", ("after",))) or 0.0
        line = _twips(st.pattr(plev, "spacing", ("line",)))
        rule = st.pattr(plev, "spacing", ("lineRule",)) or "auto"
        left = _twips(st.pattr(plev, "ind", ("left", "start"))) or 0.0
        right = _twips(st.pattr(plev, "ind", ("right", "end"))) or 0.0
        first = _twips(st.pattr(plev, "ind", ("firstLine",))) or 0.0
        hanging = _twips(st.pattr(plev, "ind", ("hanging",)))
        if hanging:
            first = -hanging
        if line is None:
            line_value, rule = 1.0, "auto"
        elif rule == "auto":
            line_value = line / 240
        else:
            line_value = line / 20
        return {
            "part": part, "style": st.name(sid), "font": font, "size": size,
            "alignment": {"both": "justify", "start": "left", "end": "right"}.get(jc, jc) or "left",
            "fonts": used, "space_before": before / 20, "space_after": after / 20,
            "line_rule": rule, "line": round(line_value, 3),
            "indent_left": left / 20, "indent_right": right / 20, "first_line": first / 20,
            "page_break_before": st.pflag(plev, "pageBreakBefore"), "page_breaks": page_breaks,
            "contextual_spacing": st.pflag(plev, "contextualSpacing"),
        }

    # blocks ---------------------------------------------------------------------------
    def blocks(self, container, part: str, table=None, cell_width=None) -> None:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, part if table is None else "table", table, cell_width)
            elif tag == w("tbl"):
                self.table(child, part, table, cell_width)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.blocks(content, part, table, cell_width)
            elif tag == w("customXml"):
                self.blocks(child, part, table, cell_width)

    def table(self, tbl, part, outer=None, outer_width=None) -> None:
        if outer is None:
            self.table_ids += 1
        grid = [(_twips(g.get(w("w"))) or 0.0) / 20 for g in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        for ri, tr in enumerate(tbl.findall(w("tr"))):
            cells = [c for c in tr if c.tag in (w("tc"), w("sdt"))]
            cells = [c if c.tag == w("tc") else c.find(f"{w('sdtContent')}/{w('tc')}") for c in cells]
            cells = [c for c in cells if c is not None]
            gi = 0
            gb = tr.find(f"{w('trPr')}/{w('gridBefore')}")
            if gb is not None:
                gi = int(_twips(gb.get(w("val"))) or 0)
            for ci, tc in enumerate(cells):
                span_el = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                span = int(_twips(span_el.get(w("val"))) or 1) if span_el is not None else 1
                width = sum(grid[gi:gi + span]) if grid[gi:gi + span] else None
                if not width:
                    tcw = tc.find(f"{w('tcPr')}/{w('tcW')}")
                    if tcw is not None and tcw.get(w("type")) in (None, "dxa"):
                        width = (_twips(tcw.get(w("w"))) or 0) / 20 or None
                gi += span
                if width:
                    width = max(10.0, width - 10.8)      # default cell margins 2 × 0.075"
                if outer is not None:
                    key, width = outer, min(width or outer_width or 1e9, outer_width or 1e9)
                else:
                    key = (self.table_ids, ri, ci)
                self.blocks(tc, part, key, width)


_FALLBACK = f"{{{MC}}}Fallback"


def _run_text(el, run, out, boxes, breaks) -> None:
    """Text of a run in document order; text boxes are collected, not inlined."""
    for c in el:
        tag = c.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == _FALLBACK:
            continue
        if tag == w("t"):
            out.append(c.text or "")
        elif tag == w("tab") and el is run:
            out.append("\t")
        elif tag in (w("br"), w("cr")) and el is run:
            if c.get(w("type")) == "page":
                breaks[0] += 1
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("txbxContent"):
            boxes.append(c)
        elif tag == w("r"):     # a run nested in an alternate-content choice: not expected
            continue
        else:
            _run_text(c, run, out, boxes, breaks)


# ----------------------------------------------------------------------------- the reader
def _app_stats(pkg: Package) -> tuple[int | None, int | None]:
    xml = pkg.read("docProps/app.xml")
    if xml is None:
        return None, None
    text = xml.decode("utf-8", "replace")

    def grab(tag):
        m = re.search(rf"<(?:\w+:)?{tag}>\s*(\d+)\s*</(?:\w+:)?{tag}>", text)
        return int(m.group(1)) if m else None
    return grab("Pages"), grab("Words")


def _mm(v, unit=EMU_MM) -> float | None:
    return None if v is None else round(v * unit, 1)


def _section_layout(document) -> dict:
    out = dict.fromkeys(("page_width", "page_height", "orientation", "top", "bottom", "left",
                         "right", "header", "footer"))
    try:
        sec = document.sections[0]
    except (IndexError, Exception):
        return out
    try:
        out["page_width"] = _mm(sec.page_width)
        out["page_height"] = _mm(sec.page_height)
        out["top"], out["bottom"] = _mm(sec.top_margin), _mm(sec.bottom_margin)
        out["left"], out["right"] = _mm(sec.left_margin), _mm(sec.right_margin)
        out["header"], out["footer"] = _mm(sec.header_distance), _mm(sec.footer_distance)
        orient = sec._sectPr.find(w("pgSz"))
        o = orient.get(w("orient")) if orient is not None else None
        if o in ("landscape", "portrait"):
            out["orientation"] = o
        elif out["page_width"] and out["page_height"]:
            out["orientation"] = "landscape" if out["page_width"] > out["page_height"] else "portrait"
    except (ValueError, TypeError, AttributeError):
        pass
    return out


def _header_footer_parts(document) -> list[tuple[str, object]]:
    out, seen = [], set()
    try:
        sections = list(document.sections)
        rels = document.part.rels
    except Exception:
        return out
    for kind in ("header", "footer"):
        for sec in sections:
            for ref in sec._sectPr.findall(w(f"{kind}Reference")):
                rid = ref.get(f"{{{R}}}id")
                rel = rels.get(rid) if rid else None
                if rel is None or rel.is_external:
                    continue
                part = rel.target_part
                if part.partname in seen:
                    continue
                seen.add(part.partname)
                el = getattr(part, "element", None)
                if el is not None:
                    out.append((kind, el))
    return out


def read_docx(path: str, data: bytes, options=None) -> Document:
    """The Document of a .docx file's bytes; ReadError with a one-line cause when it is not one."""
    pkg = open_package(path, data, options)
    try:
        return _read(path, data, options, pkg)
    except (ReadError, MemoryError):
        raise
    except Exception as e:      # a malformed part python-docx accepted: still one sentence
        from .causes import cause
        raise ReadError(cause(e, "the .docx")) from None


def _read(path: str, data: bytes, options, pkg: Package) -> Document:
    try:
        import docx  # python-docx
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except ReadError:
        raise
    except Exception as e:
        msg = _one_line(e)
        if "content type" in msg.lower():
            raise ReadError("not a Word document (.docx): " + msg.split(",")[-1].strip()) from None
        raise ReadError(f"corrupt .docx: {msg or type(e).__name__}") from None
    try:
        styles_el = document.styles.element
    except Exception:
        styles_el = None
    theme = pkg.read("word/theme/theme1.xml")
    styles = Styles(styles_el, theme)
    ex = _Extractor(styles)
    ex.blocks(body, "body")
    for kind, el in _header_footer_parts(document):
        ex.blocks(el, kind)

    text, anchors, facts = assemble(ex.paras)
    layout = _section_layout(document)
    saved_pages, saved_words = _app_stats(pkg)
    words = len(text.split())
    if saved_pages is not None and (saved_pages <= 0 or (saved_words == 0 and words > 20)):
        saved_pages = None      # statistics never updated (a generated file, a stale template)
    layout.update(summarize(facts, ex.runs_by_para))
    layout.update({
        "saved_pages": saved_pages,
        "saved_words": saved_words,
        "paragraphs": facts,
    })
    lang = getattr(options, "lang", "auto") if options is not None else "auto"
    if lang not in ("ru", "vi"):
        from ..language import detect
        lang = detect(text)
    return Document(path=path, text=text, source_map=SourceMap(text, anchors, unit="paragraph"),
                    format="docx", encoding="utf-8", lang=lang, layout=layout, raw_text=text)
