"""PDF reader: the text layer in reading order, positions as ``page P, line L``, exact page count,
page size, text margins and fonts (pdfminer.six layout analysis; docs/FORMATS.md compares it
with pypdf).

Text. pdfminer groups glyphs into lines (``LTTextLine``) and lines into boxes. Per page, the
lines are gathered into printed rows by their vertical overlap and laid out left to right; a
wide gap between two parts of a row becomes a run of spaces (≥ 3, the column gap of a
plain-text transcription: "Số: 12/UBND      Hà Nội, ngày …"), and a row starting 2 in or
more right of the text's left edge is preceded by ≥ 12 spaces (a signature in the right
half). Rows follow each other with:

* a blank line when the space above a row exceeds the page's usual line pitch by half a line
  (an empty paragraph or paragraph spacing, as the .docx reader reads spacing);
* a space (one line of text) when the row above is the wrapped line of the same paragraph:
  the first word of the row would not have fitted at the end of the row above, and the row
  does not start right of it (a first-line indent starts a paragraph); a line ending in a
  hyphen after a letter joins without the space ("318/QĐ-" + "UBND", "северо-" + "западный");
* else a line break.

An e-signature stamp (a text box whose lines open with «ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ
ПОДПИСЬЮ», «Сведения о сертификате ЭП», «Ký bởi», «Signed by» …) is taken out of the row it
is drawn across and follows that row as its own block, set apart by blank lines, so the letter
structure reads it as a stamp after the signature and not as body text; ``layout["stamps"]``
lists its spans.

Positions: every printed row has an anchor, so ``position(offset)`` gives the page, the row on
that page (1-based, counting every row with text) and the character in that row.

``Document.layout``: page_width, page_height, orientation (first page, mm); top, bottom, left,
right: the distances from the page edges to the text (the smallest over the pages, running
headers and footers and stamps left out) with ``margins_from_text`` set, since a real margin
can only be wider than the text's distance from the edge; body_font (PostScript names made
readable: "ABCDEF+TimesNewRomanPSMT" → "Times New Roman"), body_font_size (most characters),
fonts ([name, embedded] pairs), page_count (exact), pages_exact (page count with the last page
counted by the share of its text area used), stamps.

Errors (one line): not a PDF; encrypted with a password; no text layer («no text layer: a
scanned PDF; OCR is not done»); a text layer whose fonts carry no Unicode map; over the page,
glyph, inflated-stream or time limits; a PDF pdfminer cannot parse.
"""
from __future__ import annotations

import bisect
import io
import re
import time
import zlib
from collections import Counter
from contextlib import contextmanager

from ..document import Document, Position, ReadError, SourceMap

MM_PER_PT = 25.4 / 72
MAX_PAGES = 100                 # a reply is 1-2 pages; a 100-page PDF is not a letter
MAX_GLYPHS_PER_PAGE = 60_000    # a dense A4 page holds about 5,000
TIME_LIMIT_S = 20.0
COLUMN_INDENT_PT = 144.0        # as readers/paragraphs.INDENT_COLUMN_PT
STAMP_HEAD = re.compile(
    r"^\s*(?:документ\s+подписан|подписан[оы]?\s+(?:электронной|ЭП|ЭЦП)|электронной\s+подписью"
    r"|сведения\s+о\s+сертификате|сертификат\s*[:№]|владелец\s*:|действителен\s+с"
    r"|ký\s+bởi|người\s+ký|thời\s+gian\s+ký|cơ\s+quan\s*:|ngày\s+ký|signed\s+by|digitally\s+signed)",
    re.I)


_SPACES = re.compile(r"[ \u00a0]{2,}")


class _Budget(Exception):
    """A limit was reached while pdfminer worked; the message is the one-line cause."""


# ----------------------------------------------------------------------- limits on pdfminer
class _BoundedZlib:
    """Stands in for ``zlib`` inside pdfminer.pdftypes: inflates within the byte budget and the
    deadline of the read in progress (pdfminer itself inflates any stream whole)."""
    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self):
        self.left = None
        self.deadline = None

    def _spend(self, n: int) -> None:
        if self.left is not None:
            self.left -= n
            if self.left < 0:
                raise _Budget("PDF streams inflate to more than the limit (a decompression bomb?)")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _Budget(f"PDF takes more than {TIME_LIMIT_S:.0f} s to read")

    def decompress(self, data, *args):
        d = zlib.decompressobj()
        out = bytearray()
        chunk = 1 << 20
        for i in range(0, len(data), chunk):
            part = d.decompress(data[i:i + chunk], (self.left or 0) + 1 if self.left is not None else 0)
            self._spend(len(part))
            out += part
            if d.unconsumed_tail:
                raise _Budget("PDF streams inflate to more than the limit (a decompression bomb?)")
        out += d.flush()
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return bytes(out)

    def decompressobj(self, *args, **kw):
        outer = self

        class _Obj:
            def __init__(self):
                self._d = zlib.decompressobj(*args, **kw)

            def decompress(self, data, *a):
                outer._spend(0)
                part = self._d.decompress(data, *a)
                outer._spend(len(part))
                return part

            def __getattr__(self, name):
                return getattr(self._d, name)
        return _Obj()


_ZLIB = _BoundedZlib()


@contextmanager
def _limits(inflate_bytes: int, deadline: float):
    from pdfminer import pdftypes
    saved = pdftypes.zlib
    pdftypes.zlib = _ZLIB
    _ZLIB.left, _ZLIB.deadline = inflate_bytes, deadline
    try:
        yield
    finally:
        pdftypes.zlib = saved
        _ZLIB.left = _ZLIB.deadline = None


def _aggregator(rsrc, laparams, deadline):
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class Aggregator(PDFPageAggregator):
        """Counts glyphs (limit per page, deadline), notes which fonts are embedded, and reads a
        glyph through the font's encoding when its ToUnicode entry gives nothing (scanners' OCR
        layers map ``<00> <7f> <00>`` with a one-byte target, which pdfminer turns into "")."""
        glyphs = 0
        embedded: dict[str, bool] = {}

        def begin_page(self, page, ctm):
            self.glyphs = 0
            super().begin_page(page, ctm)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            self.glyphs += 1
            if self.glyphs > MAX_GLYPHS_PER_PAGE:
                raise _Budget(f"PDF page with more than {MAX_GLYPHS_PER_PAGE} glyphs")
            if self.glyphs % 2000 == 0 and time.monotonic() > deadline:
                raise _Budget(f"PDF takes more than {TIME_LIMIT_S:.0f} s to read")
            name = getattr(font, "fontname", None)
            if name and name not in self.embedded:
                desc = getattr(font, "descriptor", None) or {}
                self.embedded[name] = any(k in desc for k in ("FontFile", "FontFile2", "FontFile3"))
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = ""
            if not text:
                text = getattr(font, "cid2unicode", {}).get(cid) or self.handle_undefined_char(font, cid)
            item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
                          font.char_disp(cid), ncs, graphicstate)
            self.cur_item.add(item)
            return item.adv
    return Aggregator(rsrc, laparams=laparams)


def _layout_pages(data: bytes, options):
    """[(LTPage, …)] and the embedded-font map, within the limits."""
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .package import unpacked_limit

    deadline = time.monotonic() + TIME_LIMIT_S
    with _limits(unpacked_limit(options), deadline):
        try:
            doc = PDFDocument(PDFParser(io.BytesIO(data)))
        except PDFPasswordIncorrect:
            raise ReadError("encrypted PDF: it needs a password to open; save it without one") from None
        except PDFEncryptionError as e:
            raise ReadError(f"encrypted PDF that cannot be opened: {_one_line(e)}") from None
        rsrc = PDFResourceManager(caching=True)
        device = _aggregator(rsrc, LAParams(all_texts=True), deadline)
        interpreter = PDFPageInterpreter(rsrc, device)
        pages = []
        for i, page in enumerate(PDFPage.create_pages(doc)):
            if i >= MAX_PAGES:
                raise ReadError(f"PDF with more than {MAX_PAGES} pages: not a letter")
            interpreter.process_page(page)
            pages.append(device.get_result())
            if time.monotonic() > deadline:
                raise _Budget(f"PDF takes more than {TIME_LIMIT_S:.0f} s to read")
    return pages, device.embedded


def _one_line(e) -> str:
    return " ".join(str(e).split())


# ------------------------------------------------------------------------------- rows
class _Line:
    """One pdfminer text line: its text, box, glyph size, fonts and where its first word ends."""
    __slots__ = ("text", "x0", "y0", "x1", "y1", "size", "fonts", "first_word_x1", "stamp")

    def __init__(self, lt, stamp: bool):
        from pdfminer.layout import LTChar
        # justified text: a space glyph and pdfminer's word-gap space make two; keep one
        self.text = _SPACES.sub(" ", lt.get_text().strip().replace("\u00ad", ""))
        self.x0, self.y0, self.x1, self.y1 = lt.x0, lt.y0, lt.x1, lt.y1
        self.stamp = stamp
        chars = [c for c in lt if isinstance(c, LTChar)]
        sizes = Counter(round(c.size * 2) / 2 for c in chars)
        self.size = sizes.most_common(1)[0][0] if sizes else max(1.0, lt.height)
        self.fonts = Counter(c.fontname for c in chars if c.get_text().strip())
        self.first_word_x1 = self.x1
        started = False
        for c in lt:
            t = c.get_text()
            if t.strip():
                started = True
                if isinstance(c, LTChar):
                    self.first_word_x1 = c.x1
            elif started:
                break


def _text_lines(container, stamp=False):
    from pdfminer.layout import LTFigure, LTTextBox, LTTextLine
    for item in container:
        if isinstance(item, LTTextBox):
            lines = [x for x in item if isinstance(x, LTTextLine)]
            is_stamp = stamp or any(STAMP_HEAD.match(x.get_text()) for x in lines)
            for x in lines:
                if x.get_text().strip():
                    yield _Line(x, is_stamp)
        elif isinstance(item, LTTextLine):
            if item.get_text().strip():
                yield _Line(item, stamp)
        elif isinstance(item, LTFigure):
            yield from _text_lines(item, stamp)


class _Row:
    __slots__ = ("parts", "x0", "y0", "x1", "y1", "size", "page", "n", "stamp")

    def __init__(self, line: _Line, page: int):
        self.parts = [line]
        self.x0, self.y0, self.x1, self.y1 = line.x0, line.y0, line.x1, line.y1
        self.size = line.size
        self.page = page
        self.n = 0
        self.stamp = line.stamp

    def overlaps(self, line: _Line) -> bool:
        inter = min(self.y1, line.y1) - max(self.y0, line.y0)
        return inter >= 0.5 * min(self.y1 - self.y0, line.y1 - line.y0)

    def add(self, line: _Line) -> None:
        self.parts.append(line)
        self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)
        self.y0, self.y1 = min(self.y0, line.y0), max(self.y1, line.y1)
        self.size = max(self.size, line.size)

    def text(self) -> str:
        self.parts.sort(key=lambda p: p.x0)
        out = self.parts[0].text
        for prev, cur in zip(self.parts, self.parts[1:]):
            gap = cur.x0 - prev.x1
            spaces = max(3, min(60, round(gap / (0.25 * cur.size)))) if gap > 1.5 * cur.size else 1
            out = out.rstrip() + " " * spaces + cur.text.lstrip()
        return out


def _rows(lines: list[_Line], page: int) -> list[_Row]:
    rows: list[_Row] = []
    for line in sorted(lines, key=lambda x: (-x.y1, x.x0)):
        row = next((r for r in reversed(rows[-3:]) if r.stamp == line.stamp and r.overlaps(line)), None)
        if row is None:
            rows.append(_Row(line, page))
        else:
            row.add(line)
    return rows


def _place_stamps(rows: list[_Row]) -> list[_Row]:
    """Body rows top to bottom, each stamp block after the last row it is drawn beside."""
    body = [r for r in rows if not r.stamp]
    stamps = [r for r in rows if r.stamp]
    if not stamps:
        return body
    bottom = min(r.y0 for r in stamps)
    at = sum(1 for r in body if (r.y0 + r.y1) / 2 >= bottom)
    return body[:at] + stamps + body[at:]


# ----------------------------------------------------------------------------- assembly
def _pitch(rows: list[_Row]) -> float:
    """The usual distance between the baselines of consecutive body rows of a page."""
    steps = Counter(round(a.y0 - b.y0) for a, b in zip(rows, rows[1:])
                    if not a.stamp and not b.stamp and 0 < a.y0 - b.y0 < 3 * a.size)
    return float(steps.most_common(1)[0][0]) if steps else 0.0


def _wrapped(prev: _Row, row: _Row, left: float, right: float) -> bool:
    """Whether `row` goes on with the paragraph of `prev` (a word wrap, not a line break)."""
    if len(prev.parts) > 1 or len(row.parts) > 1 or prev.stamp or row.stamp:
        return False
    if prev.x0 - left >= COLUMN_INDENT_PT:            # a right-column line (a date, a name)
        return False
    first = row.parts[0]
    if first.x0 > prev.x0 + 0.5 * row.size:          # indented: a new paragraph
        return False
    word = first.first_word_x1 - first.x0
    return prev.x1 + 0.3 * row.size + word > right + 1.0


def _assemble(pages_rows: list[list[_Row]], left: float, right: float):
    """(text, anchors (offset, page, line, col), stamp spans)."""
    out: list[str] = []
    anchors: list[tuple[int, int, int, int]] = []
    stamps: list[tuple[int, int]] = []
    offset = 0
    prev = None
    for rows in pages_rows:
        pitch = _pitch(rows)
        for row in rows:
            text = row.text()
            if prev is not None:
                gap = prev.y0 - row.y0 if prev.page == row.page else 0.0
                if row.stamp != prev.stamp or (pitch and gap >= pitch + 0.5 * row.size):
                    sep = "\n\n"
                elif prev.page == row.page and _wrapped(prev, row, left, right):
                    sep = "" if re.search(r"\w-$", out[-1]) else " "   # "QĐ-" + "UBND"
                else:
                    sep = "\n"
                out.append(sep)
                offset += len(sep)
            lead = ""
            if len(row.parts) == 1 and row.x0 - left >= COLUMN_INDENT_PT:
                lead = " " * max(12, min(80, round((row.x0 - left) / (row.size / 2))))
            out.append(lead)
            offset += len(lead)
            anchors.append((offset, row.page, row.n, 1))
            if row.stamp:
                if stamps and prev is not None and prev.stamp and stamps[-1][1] >= offset - 2:
                    stamps[-1] = (stamps[-1][0], offset + len(text))
                else:
                    stamps.append((offset, offset + len(text)))
            out.append(text)
            offset += len(text)
            prev = row
    return "".join(out), anchors, stamps


class PageMap(SourceMap):
    """Offsets → (page, printed row on the page, character in the row)."""

    def __init__(self, text: str, anchors: list[tuple[int, int, int, int]]):
        super().__init__(text, [(o, line, col) for o, _, line, col in anchors], unit="page")
        self._pages = [1] + [p for _, p, _, _ in sorted(anchors)] if anchors and anchors[0][0] > 0 \
            else [p for _, p, _, _ in sorted(anchors)] or [1]

    def position(self, offset: int) -> Position:
        pos = super().position(offset)
        i = bisect.bisect_right(self._keys, max(0, min(offset, len(self.text)))) - 1
        return Position(pos.line, pos.column, "page", self._pages[max(0, i)])


# ------------------------------------------------------------------------------- layout
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_KNOWN = {"timesnewroman": "Times New Roman", "arial": "Arial", "liberationserif": "Liberation Serif",
          "liberationsans": "Liberation Sans", "dejavuserif": "DejaVu Serif", "dejavusans": "DejaVu Sans",
          "calibri": "Calibri", "cambria": "Cambria", "ptserif": "PT Serif", "ptsans": "PT Sans",
          "ptastraserif": "PT Astra Serif", "verdana": "Verdana", "couriernew": "Courier New",
          "georgia": "Georgia", "tahoma": "Tahoma", "segoeui": "Segoe UI", "times": "Times"}


def font_family(name: str) -> str:
    """A readable family name of a PDF font name: subset tag, style and PostScript suffixes off."""
    base = _SUBSET.sub("", name or "").split(",")[0].split("-")[0]
    base = re.sub(r"(?:PSMT|PS|MT)$", "", base)
    known = _KNOWN.get(base.lower().replace(" ", ""))
    return known or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", base).strip() or name


def _margins(pages_rows, widths_heights) -> dict:
    lefts, rights, tops, bottoms = [], [], [], []
    for rows, (w, h) in zip(pages_rows, widths_heights):
        body = [r for r in rows if not r.stamp]
        body = _drop_running(body)
        if not body:
            continue
        lefts.append(min(r.x0 for r in body))
        rights.append(w - max(r.x1 for r in body))
        tops.append(h - max(r.y1 for r in body))
        bottoms.append(min(r.y0 for r in body))
    pick = lambda xs: round(max(0.0, min(xs)) * MM_PER_PT, 1) if xs else None  # noqa: E731
    return {"left": pick(lefts), "right": pick(rights), "top": pick(tops), "bottom": pick(bottoms)}


def _drop_running(rows: list[_Row]) -> list[_Row]:
    """Body rows without a running header or footer: a short first row, or a block of up to
    three short last rows, set apart from the rest of the page by more than two line pitches
    (a page number, a running title, an executor block printed at the foot of the page)."""
    if len(rows) < 3:
        return rows
    pitch = _pitch(rows) or 1.2 * rows[0].size
    start, end = 0, len(rows)
    if rows[0].y0 - rows[1].y1 > 2 * pitch and len(rows[0].text()) <= 60:
        start = 1
    for k in (1, 2, 3):
        if len(rows) - k <= start + 1:
            break
        tail = rows[-k:]
        if rows[-k - 1].y0 - tail[0].y1 > 2 * pitch and all(len(r.text()) <= 60 for r in tail):
            end = len(rows) - k
            break
    return rows[start:end]


def _fonts(pages_rows, embedded: dict) -> tuple[str | None, float | None, list]:
    fonts, sizes = Counter(), Counter()
    for rows in pages_rows:
        for r in rows:
            if r.stamp:
                continue
            for line in r.parts:
                n = sum(line.fonts.values())
                fonts.update(line.fonts)
                sizes[line.size] += n
    listed = sorted({(font_family(f), bool(embedded.get(f))) for f in fonts})
    body = font_family(fonts.most_common(1)[0][0]) if fonts else None
    return body, (sizes.most_common(1)[0][0] if sizes else None), [list(x) for x in listed]


# ----------------------------------------------------------------------------- the reader
def read_pdf(path: str, data: bytes, options=None) -> Document:
    """The Document of a PDF's text layer; ReadError with a one-line cause otherwise."""
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF- header)")
    try:
        pages, embedded = _layout_pages(data, options)
    except ReadError:
        raise
    except _Budget as e:
        raise ReadError(str(e)) from None
    except RecursionError:
        raise ReadError("PDF objects nested too deeply") from None
    except MemoryError:
        raise
    except Exception as e:       # pdfminer's own errors: a damaged file, in one line
        msg = _one_line(e)
        raise ReadError(f"corrupt PDF: {type(e).__name__}" + (f": {msg[:120]}" if msg else "")) from None
    return _document(path, pages, embedded)


def _document(path, pages, embedded) -> Document:
    pages_rows, sizes = [], []
    for p_no, page in enumerate(pages, start=1):
        rows = _place_stamps(_rows(list(_text_lines(page)), p_no))
        for n, r in enumerate(rows, start=1):
            r.n = n
        pages_rows.append(rows)
        sizes.append((page.width, page.height))
    all_rows = [r for rows in pages_rows for r in rows]
    if not pages:
        raise ReadError("PDF without pages")
    if not all_rows:
        raise ReadError("no text layer: a scanned PDF; OCR is not done")
    sample = "".join(r.text() for r in all_rows[:200])
    if sample.count("(cid:") * 6 > max(1, len(sample)) * 0.3:
        raise ReadError("PDF text layer without a Unicode map: its fonts give glyph numbers, not text")
    body = [r for r in all_rows if not r.stamp] or all_rows
    left = min(r.x0 for r in body)
    right = max(r.x1 for r in body)
    text, anchors, stamps = _assemble(pages_rows, left, right)
    w, h = sizes[0]
    layout = {"page_width": round(w * MM_PER_PT, 1), "page_height": round(h * MM_PER_PT, 1),
              "orientation": "landscape" if w > h else "portrait", "header": None, "footer": None}
    layout.update(_margins(pages_rows, sizes))
    layout["margins_from_text"] = True
    font, size, fonts = _fonts(pages_rows, embedded)
    layout.update({"body_font": font, "body_font_size": size, "fonts": fonts, "stamps": stamps,
                   "page_count": len(pages), "pages_exact": _pages_exact(pages_rows, sizes),
                   "legacy_fonts": []})
    return Document(path=path, text=text, source_map=PageMap(text, anchors), format="pdf",
                    encoding="utf-8", layout=layout, raw_text=text)


def _pages_exact(pages_rows, sizes) -> float:
    """Full pages plus the used share of the last page's text area (as pages.estimate counts)."""
    n = len(pages_rows)
    rows = [r for r in pages_rows[-1] if not r.stamp] or pages_rows[-1]
    if not rows:
        return float(max(0, n - 1)) + 0.05
    h = sizes[-1][1]
    top = h - max(r.y1 for r in rows)
    bottom = 20 / MM_PER_PT
    area = max(1.0, h - top - bottom)
    used = (h - top - min(r.y0 for r in rows)) / area
    return round(n - 1 + min(1.0, max(0.05, used)), 2)
