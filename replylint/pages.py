"""How many A4 pages a document fills (SPEC 5.1 `common.length`; docs/PAGES.md).

* .docx: the page count the editor saved (docProps/app.xml ``<Pages>``) when it is plausible —
  within a factor of 2 of the estimate below; when the estimate falls on the same page
  (saved − 1 < estimate ≤ saved) the finer estimate is reported. Otherwise the estimate from the
  document's own layout: page size, margins, per-paragraph font size, line spacing (auto,
  exact, at least), space before/after, indents, page breaks, and tables (a row is as tall as
  its tallest cell, each cell wrapped to its own width). Headers, footers and text boxes do
  not add length.
* text files: the same estimate with the configured layout (``layout_for``).

The estimate word-wraps every paragraph greedily with the advance widths of Times New Roman
(measured from Liberation Serif 2, which is metric-compatible, by
``scripts/calibrate_pages.py widths``), then fills pages line by line (a line never splits over
a page; a table row moves to the next page when it does not fit). The result is fractional:
full pages plus the used share of the last page's text area.
"""
from __future__ import annotations

import math
import re

PT_PER_MM = 72 / 25.4

# Defaults for text files (configurable: settings ``layout:`` flat or per language).
# mm for lengths, pt for sizes and paragraph spacing, multiples for line spacing.
DEFAULT_LAYOUT = {
    # ND30 Phụ lục I: Times New Roman 13–14, margins top/bottom 20–25, left 30–35, right 15–20,
    # single to 1.5 line spacing, ≥ 6 pt between paragraphs, first-line indent 1–1.27 cm.
    "vi": {"page_width": 210, "page_height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15,
           "font_size": 14, "line_spacing": 1.15, "paragraph_spacing": 6,
           "first_line_indent": 10},
    # ГОСТ Р 7.0.97: 12–14 pt, margins ≥ 20 (left), ≥ 10 (right), ≥ 20 (top, bottom),
    # first-line indent 1.25 cm; single spacing in practice.
    "ru": {"page_width": 210, "page_height": 297, "top": 20, "bottom": 20, "left": 20, "right": 10,
           "font_size": 14, "line_spacing": 1.0, "paragraph_spacing": 0,
           "first_line_indent": 12.5},
}

# Single line height of Times New Roman in ems: (hhea ascender + descender + line gap) / em,
# measured from the font by scripts/calibrate_pages.py widths.
# BEGIN MEASURED (scripts/calibrate_pages.py widths)
# measured from LiberationSerif-Regular.ttf: advance width in 1/1000 em -> characters
LINE_HEIGHT_EM = 1.1499
WIDTHS = {
    180: "'",
    200: '|',
    250: ' ,.\xa0',
    278: '/:;\\ijltìíîïĩỉị',
    333: '!()-I[]`frÌÍÎÏĨỈỊ‘’·',
    350: '•',
    389: 'Js',
    395: 'з',
    400: '°',
    408: '"',
    410: 'г',
    429: 'э',
    437: 'т',
    444: '?acezàáâãäåçèéêëăạảấầẩẫậắằẳẵặẹẻẽếềểễệаесё“”„',
    456: 'ь',
    460: 'я',
    469: '^',
    472: 'в',
    480: '{}',
    486: 'к',
    499: 'л',
    500: '#$*0123456789_bdghknopquvxyßðñòóôõöøùúûüýþÿđũọỏốồổỗộụủỳỵỷỹорух«»–§€',
    501: 'З',
    503: 'ч',
    509: 'бд',
    517: 'ъ',
    529: 'ơớờởỡợ',
    535: 'ийнпц',
    541: '~',
    542: 'ưứừửữự',
    549: '±',
    556: 'FPSÞР',
    564: '+<=>×',
    574: 'БЬ',
    578: 'Г',
    611: 'ELTZÈÉÊËẸẺẼẾỀỂỄỆЕТЁ',
    633: 'м',
    648: 'ф',
    650: 'Ч',
    660: 'Э',
    667: 'BCRÇæВКСЯ',
    672: 'ы',
    678: 'Л',
    682: 'Д',
    691: 'ж',
    706: 'Ъ',
    708: 'У',
    722: 'ADGHKNOQUVXYwÀÁÂÃÄÅÐÑÒÓÔÕÖØÙÚÛÜÝĂĐŨƠẠẢẤẦẨẪẬẮẰẲẴẶỌỎỐỒỔỖỘỚỜỞỠỢỤỦỲỴỶỸАИЙНОПХЦ',
    747: 'ю',
    770: 'шщ',
    776: 'ƯỨỪỬỮỰ',
    778: '&m',
    790: 'Ф',
    833: '%',
    872: 'Ы',
    889: 'MÆМ',
    896: 'Ж',
    921: '@',
    944: 'W',
    954: '№',
    1000: '—…‰',
    1009: 'ШЩ',
    1028: 'Ю',
}
# END MEASURED
DEFAULT_WIDTH = 0.5          # em, a character not in the table (and not a combining mark)
WIDE_WIDTH = 1.0             # em, CJK and other wide characters
TAB_STOP_PT = 36.0           # Word's default tab stops every 0.5"

_WIDTH: dict[str, float] = {}
for _w, _chars in WIDTHS.items():
    for _c in _chars:
        _WIDTH[_c] = _w / 1000


def char_width(c: str) -> float:
    """Advance width of one character in ems."""
    w = _WIDTH.get(c)
    if w is not None:
        return w
    import unicodedata
    if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufeff\u00ad":
        return 0.0
    base = unicodedata.normalize("NFD", c)[0]
    if base != c and base in _WIDTH:
        return _WIDTH[base]
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return WIDE_WIDTH
    return DEFAULT_WIDTH


def text_width(s: str) -> float:
    """Width of a string in ems."""
    get = _WIDTH.get
    total = 0.0
    for c in s:
        w = get(c)
        total += w if w is not None else char_width(c)
    return total


def count_lines(text: str, size: float, width: float, first_width: float | None = None) -> int:
    """Lines a paragraph takes when greedily word-wrapped: `width` and `first_width` in pt."""
    if first_width is None:
        first_width = width
    lines = 0
    for segment in text.split("\n"):       # hard line breaks
        lines += _wrap(segment, size, max(width, size), max(first_width, size) if lines == 0 else max(width, size))
    return max(lines, 1)


def _wrap(text: str, size: float, width: float, first_width: float) -> int:
    text = text.rstrip()
    if not text:
        return 1
    space = text_width(" ") * size
    lines, x, limit = 1, 0.0, first_width
    for word in text.split(" "):
        if "\t" in word:
            pieces = word.split("\t")
            ww = 0.0
            for i, piece in enumerate(pieces):
                if i:
                    ww = (math.floor((x + ww) / TAB_STOP_PT) + 1) * TAB_STOP_PT - x
                ww += text_width(piece) * size
        else:
            ww = text_width(word) * size
        if x == 0.0:
            need = ww
        else:
            need = x + space + ww
        if need <= limit + 0.01 or x == 0.0 and ww <= limit:
            x = need
            continue
        if x > 0.0:
            lines += 1
            limit, x = width, 0.0
        while ww > limit:                   # a word longer than the line breaks anywhere
            ww -= limit
            lines += 1
            limit = width
        x = ww
    return lines


# ------------------------------------------------------------------------------- layouts
def layout_for(lang: str, overrides: dict | None = None) -> dict:
    """The page layout for text files in `lang`; `overrides` (settings ``layout:``) may be flat
    or per language (``{ru: {...}, vi: {...}}``)."""
    base = dict(DEFAULT_LAYOUT.get(lang, DEFAULT_LAYOUT["ru"]))
    if overrides:
        if any(k in overrides for k in ("ru", "vi")):
            base.update({k: v for k, v in (overrides.get(lang) or {}).items()
                         if isinstance(v, (int, float))})
        else:
            base.update({k: v for k, v in overrides.items() if isinstance(v, (int, float))})
    return base


class _Para:
    __slots__ = ("text", "size", "line_h", "before", "after", "width", "first_width",
                 "break_before", "breaks_after", "row", "style", "contextual")

    def __init__(self, text, size, line_h, before, after, width, first_width,
                 break_before=False, breaks_after=0, row=None, style=None, contextual=False):
        self.text, self.size, self.line_h = text, size, line_h
        self.before, self.after, self.width, self.first_width = before, after, width, first_width
        self.break_before, self.breaks_after, self.row = break_before, breaks_after, row
        self.style, self.contextual = style, contextual

    def height(self) -> float:
        return count_lines(self.text, self.size, self.width, self.first_width) * self.line_h


def _line_height(size: float, rule: str, value: float) -> float:
    natural = size * LINE_HEIGHT_EM
    if rule == "exact":
        return value
    if rule == "atLeast":
        return max(value, natural)
    return natural * (value or 1.0)


def _paginate(paras: list[_Para], height: float) -> float:
    """Fill pages; returns full pages + the used share of the last one."""
    pages, y, last_after = 0, 0.0, 0.0
    prev = None
    i = 0
    while i < len(paras):
        p = paras[i]
        if p.row is not None:                       # a table row: cells side by side
            j = i
            while j < len(paras) and paras[j].row == p.row:
                j += 1
            by_cell: dict = {}
            for q in paras[i:j]:
                by_cell[q.row[2]] = by_cell.get(q.row[2], 0.0) + q.before + q.height() + q.after
            h = max(by_cell.values())
            if y > 0 and y + h > height + 0.01:
                pages, y = pages + 1, 0.0
            y += h
            while y > height + 0.01:
                pages, y = pages + 1, y - height
            last_after, prev, i = 0.0, None, j
            continue
        if p.break_before and (y > 0 or pages == 0 and i > 0):
            pages, y = pages + 1, 0.0
        contextual = p.contextual and prev is not None and prev.style == p.style
        if contextual and y > 0:
            y -= last_after
        if y > 0 and not contextual:
            y += p.before
        n = count_lines(p.text, p.size, p.width, p.first_width)
        for _ in range(n):
            if y > 0 and y + p.line_h > height + 0.01:
                pages, y = pages + 1, 0.0
            y += p.line_h
        for _ in range(p.breaks_after):
            pages, y = pages + 1, 0.0
        after = 0.0 if p.contextual and i + 1 < len(paras) and paras[i + 1].style == p.style \
            and paras[i + 1].contextual else p.after
        y = min(y + after, height)
        last_after, prev = after, p
        i += 1
    y = max(0.0, y - last_after)
    return round(pages + y / height, 2)


_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*]|\d{1,2}[.)]|[а-яa-z][.)])\s")


def unwrap(text: str) -> list[str]:
    """Paragraphs of a text whose lines may be hard-wrapped (PDF transcriptions, e-mails
    wrapped at 72-80 columns): within a block, a line almost as long as the block's longest
    line was wrapped by the source, so it joins the next one; short lines (letterhead,
    address, signature) stay lines of their own."""
    out: list[str] = []
    for block in re.split(r"\n[ \t\r]*\n", text):
        lines = [l.rstrip("\r ") for l in block.split("\n")]
        longest = max((len(l) for l in lines), default=0)
        para = ""
        for i, line in enumerate(lines):
            para = f"{para} {line.strip()}" if para else line
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            soft = (longest >= 50 and len(line) >= 0.7 * longest and nxt is not None
                    and nxt.strip() and not _LIST_ITEM.match(nxt) and "   " not in line.strip())
            if not soft:
                out.append(para)
                para = ""
        out.append("")
    return out


def estimate_pages(text: str, layout: dict) -> float:
    """Pages of a plain text (one paragraph per line) printed with `layout` (layout_for)."""
    width = (layout["page_width"] - layout["left"] - layout["right"]) * PT_PER_MM
    height = (layout["page_height"] - layout["top"] - layout["bottom"]) * PT_PER_MM
    size = float(layout["font_size"])
    line_h = _line_height(size, "auto", float(layout.get("line_spacing", 1.0)))
    indent = float(layout.get("first_line_indent", 0)) * PT_PER_MM
    after = float(layout.get("paragraph_spacing", 0))
    paras = []
    for line in unwrap(text):
        # A blank line in plain text stands for the space between paragraphs, which a
        # printed letter gives as paragraph spacing, about half a line.
        paras.append(_Para(line, size, line_h if line.strip() else line_h / 2, 0.0,
                           after if line.strip() else 0.0,
                           width, width - indent if line.strip() else width))
    while paras and not paras[-1].text.strip():
        paras.pop()
    if not paras:
        return 0.0
    return _paginate(paras, height)


def estimate_docx_pages(layout: dict, text: str, fallback: dict) -> float:
    """Pages of a .docx from its own layout facts (readers/docx.py), `fallback` filling gaps."""
    def mm(key):
        v = layout.get(key)
        return float(v if v is not None else fallback[key])
    width = (mm("page_width") - mm("left") - mm("right")) * PT_PER_MM
    height = (mm("page_height") - mm("top") - mm("bottom")) * PT_PER_MM
    if width < 20 or height < 20:
        return estimate_pages(text, fallback)
    paras = []
    for f in layout.get("paragraphs") or ():
        if f.get("part") not in ("body", "table"):
            continue
        size = float(f.get("size") or fallback["font_size"])
        line_h = _line_height(size, f.get("line_rule", "auto"), float(f.get("line") or 1.0))
        avail = f.get("cell_width") if f.get("table") else None
        avail = float(avail) if avail else width
        avail -= float(f.get("indent_left") or 0) + float(f.get("indent_right") or 0)
        first = avail - float(f.get("first_line") or 0)
        row = tuple(f["table"])[:3] if f.get("table") else None
        p = _Para(text[f["start"]:f["end"]], size, line_h, float(f.get("space_before") or 0),
                  float(f.get("space_after") or 0), max(avail, size), max(first, size),
                  bool(f.get("page_break_before")), int(f.get("page_breaks") or 0),
                  None, f.get("style"), bool(f.get("contextual_spacing")))
        if row:
            p.row = row
        paras.append(p)
    grouped = _group_rows(paras)
    if not grouped:
        return 0.0
    return _paginate(grouped, height)


def _group_rows(paras: list[_Para]) -> list[_Para]:
    """Make consecutive paragraphs of one table row compare equal on `.row` (table, row) while
    remembering their cell, so `_paginate` can take the tallest cell."""
    out = []
    for p in paras:
        if p.row is not None:
            table, row, cell = p.row
            p.row = _RowKey(table, row, cell)
        out.append(p)
    return out


class _RowKey(tuple):
    """(table, row, cell) that compares equal for the same (table, row)."""

    def __new__(cls, table, row, cell):
        return super().__new__(cls, (table, row, cell))

    def __eq__(self, other):
        return isinstance(other, tuple) and len(other) >= 2 and self[:2] == other[:2]

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self[:2])


def estimate(doc, overrides: dict | None = None) -> float:
    """The estimate alone (no saved count): from the .docx layout, else the configured one."""
    fallback = layout_for(doc.lang, overrides)
    layout = doc.layout or {}
    if doc.format in ("docx", "odt") and layout.get("paragraphs") is not None:
        return estimate_docx_pages(layout, doc.text, fallback)
    return estimate_pages(doc.text, fallback)


def page_count(doc, overrides: dict | None = None) -> float:
    """Pages of `doc`: the saved count when plausible, else (or finer) the estimate.
    Sets ``doc.metadata["pages_source"]`` to "saved", "estimate", "saved+estimate" or, for a
    PDF, "exact"."""
    exact = (doc.layout or {}).get("pages_exact")
    if exact is not None:          # a PDF: the pages as printed (readers/pdf.py)
        try:
            doc.metadata["pages_source"] = "exact"
        except (AttributeError, TypeError):
            pass
        return float(exact)
    est = estimate(doc, overrides)
    saved = (doc.layout or {}).get("saved_pages")
    source, value = "estimate", est
    if saved:
        ceil = max(1, math.ceil(est - 0.02))
        if saved > 2 * ceil or 2 * saved < ceil:
            source, value = "estimate", est          # implausible: stale or foreign statistics
        elif saved - 1 < est <= saved:
            source, value = "saved+estimate", est
        else:
            source, value = "saved", float(saved)
    try:
        doc.metadata["pages_source"] = source
    except (AttributeError, TypeError):
        pass
    return value
