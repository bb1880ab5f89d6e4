"""Plain text (.txt) and Markdown (.md) readers.

A text file is its decoded text, exactly (CRLF kept).  For Markdown the markup that is not
prose is masked with spaces of the same length, so offsets, lines and columns stay those of the
source file:

* heading marks ``#`` … ``######`` at the start of a line (the heading text stays);
* a thematic break or setext underline alone on a line: ``---``, ``***``, ``___``, ``===``
  (a run of underscores inside a line is a fill-in blank, not markup, and stays);
* blockquote markers ``>`` at the start of a line (the quoted text stays);
* emphasis markers ``**``, ``__``, ``*``, ``_`` around text, and backticks of inline code;
* link and image syntax: ``[text](target)`` keeps ``text``; ``<https://…>`` keeps the address;
* backslash escapes (``\\*`` keeps ``*``);
* HTML comments, except ``replylint-…`` directives (``suppression.py`` masks those).

List markers ("-", "1.") and hard line breaks (two trailing spaces) stay: the segmenter and the
list rules read them.
"""
from __future__ import annotations

import re

from ..document import Document, SourceMap
from .. import encoding

_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.M)
_HEADING_CLOSE = re.compile(r"[ \t]+(#+)[ \t]*$", re.M)
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)[ \t]*\r?$", re.M)
_QUOTE = re.compile(r"^( {0,3})((?:>[ \t]?)+)", re.M)
_COMMENT = re.compile(r"<!--(?!\s*replylint-).*?-->", re.S)
_SPAN = r"((?:[^\n]|\n(?![ \t]*\r?\n))+?)"   # emphasis may wrap lines, not paragraphs
_STRONG = re.compile(
    r"(?<![\w*])(\*\*\*|\*\*|\*)(?=[^\s*])" + _SPAN + r"(?<=[^\s*])\1(?![\w*])"
    r"|(?<![\w_])(___|__|_)(?=[^\s_])" + _SPAN + r"(?<=[^\s_])\3(?![\w_])")
_CODE = re.compile(r"(`+)(?=\S)(.+?)(?<=\S)\1")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\n]*)\)")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\n]*)\)")
_REF_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\[([^\]\n]*)\]")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S.*$", re.M)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# the delimiter row of a pipe table ("|---|:--|", "---|---"): the header row is above it, the
# body rows (lines with "|") below
_TABLE_DELIMITER = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*\r?$", re.M)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _blank(chars: list[str], s: int, e: int) -> None:
    for i in range(s, e):
        if chars[i] not in "\r\n":
            chars[i] = " "


def mask_markdown(text: str) -> str:
    chars = list(text)
    for m in _COMMENT.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _RULE.finditer(text):
        _blank(chars, m.start(), m.end())
    # tables: cells become columns set off by spaces, as in a plain-text transcription
    for m in _TABLE_DELIMITER.finditer(text):
        _blank(chars, m.start(), m.end())
        rows = [text.rfind("\n", 0, max(0, m.start() - 1)) + 1]      # the header row
        pos = m.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if "|" not in text[pos:end]:
                break
            rows.append(pos)
            pos = end + 1
        for start in rows:
            end = text.find("\n", start)
            for i in range(start, len(text) if end < 0 else end):
                if text[i] == "|" and (i == 0 or text[i - 1] != "\\"):
                    chars[i] = " "
    for m in _HEADING.finditer(text):
        _blank(chars, m.start(2), m.end(2))
        line_end = text.find("\n", m.end())
        line = text[m.end(): len(text) if line_end < 0 else line_end]
        close = _HEADING_CLOSE.search(line)
        if close:
            _blank(chars, m.end() + close.start(1), m.end() + close.end(1))
    for m in _QUOTE.finditer(text):
        _blank(chars, m.start(2), m.end(2))
    for m in _LINK_DEF.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _IMAGE.finditer(text):
        _blank(chars, m.start(), m.start(1))          # "!["
        _blank(chars, m.end(1), m.end())              # "](target)"
    for rx in (_LINK, _REF_LINK):
        for m in rx.finditer(text):
            _blank(chars, m.start(), m.start(1))      # "["
            _blank(chars, m.end(1), m.end())          # "](target)" / "][ref]"
    for m in _AUTOLINK.finditer(text):
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for m in _CODE.finditer(text):
        _blank(chars, m.start(1), m.end(1))
        _blank(chars, m.end(2), m.end())
    # emphasis: repeat on the partly masked text so nested markers (**_x_**) are found
    current = "".join(chars)
    for _ in range(3):
        found = False
        for m in _STRONG.finditer(current):
            g = 1 if m.group(1) else 3
            marker = m.group(g)
            inner = m.group(g + 1)
            if not re.search(r"[^\W_]", inner):   # "**__**": no word inside, not emphasis
                continue
            _blank(chars, m.start(g), m.start(g) + len(marker))
            _blank(chars, m.end() - len(marker), m.end())
            found = True
        current = "".join(chars)
        if not found:
            break
    for m in _ESCAPE.finditer(current):
        chars[m.start()] = " "
    return "".join(chars)


def read_text(path: str, data: bytes, options=None, fmt: str = "txt") -> Document:
    text, enc = encoding.decode(data)
    return document_from_text(path, text, enc, fmt)


def document_from_text(path: str, text: str, enc: str, fmt: str) -> Document:
    shown = mask_markdown(text) if fmt == "md" else text
    return Document(path=path, text=shown, source_map=SourceMap(shown), format=fmt,
                    encoding=enc, raw_text=text)


def read_markdown(path: str, data: bytes, options=None) -> Document:
    return read_text(path, data, options, fmt="md")
