"""HTML → text with a SourceMap into the .html source (stdlib ``html.parser``).

* block elements end a line: ``p``, headings, ``blockquote``, ``table``, lists and ``pre``
  end a paragraph (a blank line); ``div``, ``br``, ``li``, ``tr`` and the like a line;
* ``script``, ``style``, ``head`` (title, meta) and ``template`` are dropped;
* entities are decoded (``&nbsp;`` becomes U+00A0, which Russian typography uses);
* whitespace runs collapse to one space as a browser shows them, except inside ``pre``;
* table cells are separated by a tab;
* ``<!-- replylint-… -->`` comments are kept verbatim for ``suppression.py``; other comments go.

Every text piece (a data run after a collapsed whitespace run, an entity) gets a SourceMap
anchor at its source line and column, so findings point into the .html file.
"""
from __future__ import annotations

import html as _html
from html.parser import HTMLParser

from ..document import Document, SourceMap
from .. import encoding

PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "dl",
             "pre", "hr", "address", "article", "section", "header", "footer", "main", "aside",
             "figure", "form", "fieldset", "nav"}
LINE = {"div", "br", "li", "tr", "dt", "dd", "caption", "tbody", "thead", "tfoot", "center",
        "details", "summary", "figcaption", "legend", "option", "body", "html"}
DROP = {"script", "style", "head", "title", "template", "noscript", "svg", "object", "iframe"}
CELL = {"td", "th"}
_WS = " \t\n\r\f\v"


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

    # --- output -----------------------------------------------------------------------
    def _anchor(self, line: int, col: int) -> None:
        if self.anchors and self.anchors[-1][0] == self.length:
            self.anchors[-1] = (self.length, line, col)
        else:
            self.anchors.append((self.length, line, col))

    def _emit(self, s: str, line: int, col: int) -> None:
        if not s:
            return
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
        need = count - self.trailing_newlines
        if need > 0 and self.length:
            line, col = self.getpos()
            self._anchor(line, col + 1)
            self.parts.append("\n" * need)
            self.length += need
            self.trailing_newlines = count

    # --- parser events ----------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in DROP:
            self.drop += 1
            return
        if self.drop:
            return
        if tag == "br":
            line, col = self.getpos()
            self.pending_space = None
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
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
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
