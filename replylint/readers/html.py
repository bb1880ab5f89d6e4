"""HTML → text with a SourceMap into the .html source (stdlib ``html.parser``).

* block elements end a line: ``p``, headings, ``blockquote``, ``table``, lists and ``pre``
  end a paragraph (a blank line); ``div``, ``br``, ``li``, ``tr`` and the like a line;
* ``script``, ``style``, ``head`` (title, meta) and ``template`` are dropped;
* entities are decoded (``&nbsp;`` becomes U+00A0, which Russian typography uses);
* whitespace runs collapse to one space as a browser shows them, except inside ``pre``;
* a table row becomes lines: the cells side by side, line k of every cell on one line, the
  columns padded to their widest line and separated by a wide gap (six spaces), as a
  plain-text transcription of a two-column header shows them (a nested table is laid out
  inside its cell);
* an inline element that stands for a column gap -- a ``padding``/``margin`` (left or right) of
  some width, ``display:inline-block``, ``float`` -- becomes a run of spaces as in a plain-text
  transcription ("Глава управы      А.С. Белов"), at least three, so the segmenter reads it as a
  column gap; at the start of a line it is an indent;
* ``<!-- replylint-… -->`` comments are kept verbatim for ``suppression.py``; other comments go.

Every text piece (a data run after a collapsed whitespace run, an entity) gets a SourceMap
anchor at its source line and column, so findings point into the .html file.
"""
from __future__ import annotations

import bisect
import html as _html
import re
from html.parser import HTMLParser

from .. import encoding
from ..document import Document, SourceMap

PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "dl",
             "pre", "hr", "address", "article", "section", "header", "footer", "main", "aside",
             "figure", "form", "fieldset", "nav"}
LINE = {"div", "br", "li", "tr", "dt", "dd", "caption", "tbody", "thead", "tfoot", "center",
        "details", "summary", "figcaption", "legend", "option", "body", "html"}
DROP = {"script", "style", "head", "title", "template", "noscript", "svg", "object", "iframe"}
CELL = {"td", "th"}
_WS = " \t\n\r\f\v"
ROW_GAP = 6                    # spaces between the columns of a table row
GAP_MIN = 3                    # spaces: the segmenter's column gap
GAP_PX_PER_SPACE = 8           # a space of 14 px type, roughly
_LENGTH = re.compile(r"(-?\d{1,7}(?:\.\d{1,6})?)\s*(px|pt|em|rem|ex|ch|mm|cm|in|%)?\s*$")
_PX = {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0, "mm": 3.78,
       "cm": 37.8, "in": 96.0, "%": 6.0, None: 1.0}


def _px(value: str) -> float:
    m = _LENGTH.match(value.strip().split()[0] if value.strip() else "")
    if not m:
        return 0.0
    return float(m.group(1)) * _PX.get((m.group(2) or "").lower() or None, 1.0)


def _style_gaps(style: str) -> tuple[int, int]:
    """(spaces before, spaces after) an inline element of this ``style`` stands for; a
    negative "before" is a gap only after text on the same line (never an indent)."""
    left = right = 0.0
    block = False
    for decl in style.split(";"):
        name, _, value = decl.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if not value:
            continue
        if name in ("padding", "margin"):
            parts = value.split()
            # 1 value: all sides; 2: vertical horizontal; 3: top h bottom; 4: top right bottom left
            h = {1: (0, 0), 2: (1, 1), 3: (1, 1), 4: (3, 1)}.get(len(parts))
            if h:
                left = max(left, _px(parts[h[0]]))
                right = max(right, _px(parts[h[1]]))
        elif name in ("padding-left", "margin-left", "padding-inline-start", "margin-inline-start",
                      "text-indent"):
            left = max(left, _px(value))
        elif name in ("padding-right", "margin-right", "padding-inline-end", "margin-inline-end"):
            right = max(right, _px(value))
        elif name == "display" and value.startswith("inline-block"):
            block = True
        elif name == "float" and value in ("left", "right"):
            block = True
        elif name == "width" and _px(value) >= 40:
            block = True

    def spaces(px: float) -> int:
        return max(GAP_MIN, min(80, round(px / GAP_PX_PER_SPACE))) if px >= 16 else 0
    before, after = spaces(left), spaces(right)
    if block:   # a box beside text: a gap between it and the text, not an indent
        after = max(after, GAP_MIN)
        before = before or -GAP_MIN
    return before, after


class _Extractor(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.drop = 0
        self.pre = 0
        self.pending_space: tuple[int, int] | None = None  # source (line, col) of a space
        self.trailing_newlines = 2   # at the start no break is needed
        self.row_cells = 0
        self.pending_gap = 0         # spaces an inline element's padding/margin stands for
        self.inline: list[tuple[str, int]] = []   # open inline elements: (tag, spaces after)
        self.tables: list[dict] = []   # open tables: {"row": [cells] | None, "cell": saved sink}

    # --- output -----------------------------------------------------------------------
    def _anchor(self, line: int, col: int) -> None:
        if self.anchors and self.anchors[-1][0] == self.length:
            self.anchors[-1] = (self.length, line, col)
        else:
            self.anchors.append((self.length, line, col))

    def _emit(self, s: str, line: int, col: int) -> None:
        if not s:
            return
        if self.pending_gap and s.strip(_WS):
            width = self.pending_gap
            self.pending_gap = 0
            self.pending_space = None
            self._anchor(line, col)
            self.parts.append(" " * width)
            self.length += width
            self.trailing_newlines = 0
        if self.pending_space is not None:
            pl, pc = self.pending_space
            self.pending_space = None
            self._anchor(pl, pc)
            self.parts.append(" ")
            self.length += 1
        self._anchor(line, col)
        self.parts.append(s)
        self.length += len(s)
        nl = len(s) - len(s.rstrip("\n"))
        self.trailing_newlines = nl if nl < len(s) else self.trailing_newlines + nl

    def _break(self, count: int) -> None:
        self.pending_space = None
        self.pending_gap = 0
        need = count - self.trailing_newlines
        if need > 0 and self.length:
            line, col = self.getpos()
            self._anchor(line, col + 1)
            self.parts.append("\n" * need)
            self.length += need
            self.trailing_newlines = count

    # --- tables -------------------------------------------------------------------------
    def _sink(self):
        return (self.parts, self.length, self.anchors, self.trailing_newlines,
                self.pending_space, self.pending_gap)

    def _set_sink(self, sink) -> None:
        (self.parts, self.length, self.anchors, self.trailing_newlines,
         self.pending_space, self.pending_gap) = sink

    def _open_cell(self) -> None:
        t = self.tables[-1]
        self._close_cell()
        if t["row"] is None:
            t["row"] = []
        t["cell"] = self._sink()
        self._set_sink(([], 0, [], 2, None, 0))

    def _close_cell(self) -> None:
        t = self.tables[-1]
        if t["cell"] is None:
            return
        cell = ("".join(self.parts), list(self.anchors))
        self._set_sink(t["cell"])
        t["cell"] = None
        t["row"].append(cell)

    def _flush_row(self) -> None:
        """Lay out the finished row: line k of every cell side by side, each column at its
        offset.  Linear in the row's text: column offsets are prefix sums, each line visits only
        the cells that have text on it, a cell's anchors are found by binary search."""
        t = self.tables[-1]
        self._close_cell()
        row, t["row"] = t["row"], None
        cols = []
        for text, anchors in row or ():
            sm = SourceMap(text, anchors or [(0, *self.getpos())])
            lines, at = [], 0
            for raw in text.split("\n"):
                lines.append((raw.rstrip(" "), at))
                at += len(raw) + 1
            while lines and not lines[-1][0].strip():
                lines.pop()
            anchors = sorted(anchors)
            cols.append((lines, anchors, [o for o, _, _ in anchors], sm))
        if not any(c[0] for c in cols):
            return
        offsets, at = [], 0          # where each column starts on a line
        for lines, _, _, _ in cols:
            offsets.append(at)
            at += max((len(seg) for seg, _ in lines), default=0) + ROW_GAP
        height = max(len(c[0]) for c in cols)
        by_line: list[list[int]] = [[] for _ in range(height)]
        for c, (lines, _, _, _) in enumerate(cols):
            for k, (seg, _) in enumerate(lines):
                if seg.strip():
                    by_line[k].append(c)
        self._break(1)
        for k in range(height):
            if k:
                self.parts.append("\n")
                self.length += 1
            base, width = self.length, 0
            for c in by_line[k]:
                lines, anchors, keys, sm = cols[c]
                seg, a = lines[k]
                if offsets[c] > width:
                    self.parts.append(" " * (offsets[c] - width))
                    width = offsets[c]
                pos = sm.position(a)
                self.anchors.append((base + width, pos.line, pos.column))
                for i in range(bisect.bisect_right(keys, a), bisect.bisect_left(keys, a + len(seg))):
                    o, line, col = anchors[i]
                    self.anchors.append((base + width + o - a, line, col))
                self.parts.append(seg)
                width += len(seg)
            self.length += width
        self.trailing_newlines = 0
        self._break(1)

    def _table_tag(self, tag, start: bool) -> bool:
        """Table structure inside an open table; True when handled."""
        if tag == "table":
            if start:
                self._break(2)
                self.tables.append({"row": None, "cell": None})
            elif self.tables:
                self._flush_row()
                self.tables.pop()
                self._break(2)
            return True
        if not self.tables:
            return False
        if tag == "tr":
            self._flush_row()
            if start:
                self.tables[-1]["row"] = []
            return True
        if tag in CELL:
            if start:
                self._open_cell()
            else:
                self._close_cell()
            return True
        if tag in ("tbody", "thead", "tfoot") and self.tables[-1]["cell"] is None:
            self._flush_row()
            return True
        return False

    # --- parser events ----------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in DROP:
            self.drop += 1
            return
        if self.drop:
            return
        if self._table_tag(tag, True):
            return
        if tag not in PARAGRAPH and tag not in LINE and tag not in CELL and tag != "br":
            before, after = _style_gaps(dict((k, v or "") for k, v in attrs).get("style") or "")
            if before < 0 and self.trailing_newlines == 0 and self.length:
                self.pending_gap = max(self.pending_gap, -before)
            elif before > 0:
                self.pending_gap = max(self.pending_gap, before)
            self.inline.append((tag, after))
        if tag == "br":
            line, col = self.getpos()
            self.pending_space = None
            self.pending_gap = 0
            self._anchor(line, col + 1)
            self.parts.append("\n")
            self.length += 1
            self.trailing_newlines += 1
        elif tag in PARAGRAPH:
            self._break(2)
        elif tag in LINE:
            self._break(1)
        elif tag in CELL:
            if self.row_cells:
                self.pending_space = None
                line, col = self.getpos()
                self._emit("\t", line, col + 1)
            self.row_cells += 1
        if tag == "pre":
            self.pre += 1
        if tag == "tr":
            self.row_cells = 0

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br",) and tag not in DROP:
            self.handle_endtag(tag)
        elif tag in DROP:
            self.drop = max(0, self.drop - 1)

    def handle_endtag(self, tag):
        if tag in DROP:
            self.drop = max(0, self.drop - 1)
            return
        if self.drop:
            return
        if self._table_tag(tag, False):
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        for i in range(len(self.inline) - 1, -1, -1):
            if self.inline[i][0] == tag:
                after = self.inline[i][1]
                del self.inline[i:]
                if after and self.trailing_newlines == 0 and self.length:
                    self.pending_gap = max(self.pending_gap, after)
                break
        if tag in PARAGRAPH:
            self._break(2)
        elif tag in LINE and tag != "br":
            self._break(1)

    def handle_data(self, data):
        if self.drop or not data:
            return
        line, col = self.getpos()
        col += 1
        if self.pre:
            self._emit(data, line, col)
            return
        i = 0
        n = len(data)
        while i < n:
            if data[i] in _WS:
                j = i
                while j < n and data[j] in _WS:
                    j += 1
                if self.trailing_newlines == 0 and self.length:
                    self.pending_space = (line, col)
                for ch in data[i:j]:
                    if ch == "\n":
                        line += 1
                        col = 1
                    else:
                        col += 1
                i = j
            else:
                j = i
                while j < n and data[j] not in _WS:
                    j += 1
                self._emit(data[i:j], line, col)
                col += j - i
                i = j

    def _entity(self, raw: str):
        if self.drop:
            return
        line, col = self.getpos()
        value = _html.unescape(raw)
        if value.strip(_WS) == "" and not self.pre:
            if self.trailing_newlines == 0 and self.length:
                self.pending_space = (line, col + 1)
            return
        self._emit(value, line, col + 1)

    def handle_entityref(self, name):
        self._entity(f"&{name};")

    def handle_charref(self, name):
        self._entity(f"&#{name};")

    def handle_comment(self, data):
        if self.drop:
            return
        if data.strip().startswith("replylint-"):
            line, col = self.getpos()
            self._emit(f"<!--{data}-->", line, col + 1)


def html_to_text(source: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Return (text, SourceMap anchors into ``source``)."""
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    # a final paragraph break is not text
    stripped = text.rstrip("\n")
    if len(stripped) < len(text):
        text = stripped + "\n"
    anchors = [a for a in parser.anchors if a[0] <= len(text)]
    return text, anchors


def read_html(path: str, data: bytes, options=None) -> Document:
    declared = encoding.html_meta_charset(data) if not data.startswith(
        (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) else None
    if declared:
        try:
            data.decode("utf-8")
            declared = None          # valid UTF-8 wins over a stale <meta>
        except UnicodeDecodeError:
            pass
    source, enc = encoding.decode_declared(data, declared) if declared else encoding.decode(data)
    return document_from_html(path, source, enc)


def document_from_html(path: str, source: str, enc: str, line_offset: int = 0,
                       fmt: str = "html") -> Document:
    text, anchors = html_to_text(source)
    if line_offset:
        anchors = [(o, line + line_offset, col) for o, line, col in anchors]
        if anchors[0][0] != 0:
            anchors.insert(0, (0, 1 + line_offset, 1))
        else:
            anchors[0] = (0, anchors[0][1], anchors[0][2])
    return Document(path=path, text=text, source_map=SourceMap(text, anchors), format=fmt,
                    encoding=enc, raw_text=text)
