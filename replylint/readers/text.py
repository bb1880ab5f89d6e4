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
* HTML comments, except ``replylint-…`` directives (``suppression.py`` masks those);
* code fence lines (```` ```sh ````, ``~~~``); the code between them stays.

Every pattern here is linear in the text: emphasis and code spans are paired in one pass over
the marker runs, comments by ``str.find``, and link texts stop at the next bracket (an
unclosed marker must never cost a scan to the end of the text per marker).

List markers ("-", "1.") and hard line breaks (two trailing spaces) stay: the segmenter and the
list rules read them.
"""
from __future__ import annotations

import re

from .. import encoding
from ..document import Document, SourceMap

_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.M)
# (no "[ \t]*" after a repeated group that already ends in one: that ambiguity backtracks
# quadratically on a line of spaces)
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)\r?$", re.M)
_QUOTE = re.compile(r"^( {0,3})((?:>[ \t]?)+)", re.M)
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^`\n]*$", re.M)     # a code fence line, info string too
# Link, image and autolink texts stop at the next bracket of their kind, so an unclosed "["
# costs the distance to the next "[", never a scan to the end of the line per bracket.
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(([^()\n]*)\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(([^()\n]*)\)")
_REF_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S.*$", re.M)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# the delimiter row of a pipe table ("|---|:--|", "---|---"): the header row is above it, the
# body rows (lines with "|") below.  Only the pipes may be preceded by spaces, so no two
# "[ \t]*" meet without a pipe between them.
_TABLE_DELIMITER = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)+(?:[ \t]*\|)?[ \t]*\r?$", re.M)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_DELIMS = re.compile(r"\*+|_+")
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
_WORD = re.compile(r"[^\W_]")


def _blank(chars: list[str], s: int, e: int) -> None:
    for i in range(s, e):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _comments(text: str):
    """(start, end) of each HTML comment that is not a replylint directive.  A comment ends at
    the first "-->"; when none follows an opener, none follows any later one: stop."""
    pos = text.find("<!--")
    while pos >= 0:
        end = text.find("-->", pos + 4)
        if end < 0:
            return
        if not text[pos + 4:pos + 4 + 240].lstrip().startswith("replylint-"):
            yield pos, end + 3
            pos = text.find("<!--", end + 3)
        else:
            pos = text.find("<!--", pos + 4)


def _closing_heading_marks(line: str) -> tuple[int, int] | None:
    """The closing "#" run of an ATX heading line ("## Title ##"): after a space, at the end."""
    body = line.rstrip(" \t")
    if not body.endswith("#"):
        return None
    hashes = body.rstrip("#")
    if not hashes or hashes[-1] not in " \t":
        return None
    return len(hashes), len(body)


def _emphasis(text: str):
    """Emphasis pairs as (marker start, marker length, closer start): a run of 1-3 "*" (or
    "_") not after a word character or the same marker and before a non-space is an opener;
    the next run of the same marker and length, in the same paragraph, after a non-space and
    not before a word character, closes it.  Found in one pass over the marker runs (with the
    next closer of each kind looked up backwards), not by a lazy regex per opener."""
    runs = []   # (start, length, char, can_open, can_close, paragraph)
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    n = len(text)
    para = 0
    for m in _DELIMS.finditer(text):
        s, e = m.span()
        while para < len(breaks) and breaks[para] < s:
            para += 1
        ch = text[s]
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        length = e - s
        word_before = bool(before) and (before.isalnum() or before == "_")
        word_after = bool(after) and (after.isalnum() or after == "_")
        can_open = length <= 3 and not word_before and bool(after) and not after.isspace()
        can_close = length <= 3 and bool(before) and not before.isspace() and not word_after
        runs.append((s, length, ch, can_open, can_close, para))
    nxt: dict[tuple[str, int], int] = {}
    next_closer = [None] * len(runs)
    for i in range(len(runs) - 1, -1, -1):
        s, length, ch, _, can_close, _ = runs[i]
        next_closer[i] = nxt.get((ch, length))
        if can_close:
            nxt[(ch, length)] = i
    cursor = 0
    for i, (s, length, _ch, can_open, _, para) in enumerate(runs):
        if s < cursor or not can_open:
            continue
        j = next_closer[i]
        if j is None or runs[j][5] != para:
            continue
        close = runs[j][0]
        yield s, length, close
        cursor = close + length


def _code_spans(text: str):
    """Inline code (CommonMark): a backtick run closed by the next run of the same length, here
    on the same line; code that is only spaces is left as it is.  One pass over the runs,
    the next run of each length looked up backwards."""
    runs = []    # (start, length, line, can_open, can_close)
    line, last = 0, 0
    for m in _BACKTICKS.finditer(text):
        s, e = m.span()
        line += text.count("\n", last, s)
        last = s
        runs.append((s, e - s, line))
    nxt: dict[int, int] = {}
    next_closer = [None] * len(runs)
    for i in range(len(runs) - 1, -1, -1):
        next_closer[i] = nxt.get(runs[i][1])
        nxt[runs[i][1]] = i
    cursor = 0
    for i, (s, length, line) in enumerate(runs):
        if s < cursor:
            continue
        j = next_closer[i]
        if j is None or runs[j][2] != line:
            continue
        cursor = runs[j][0] + length
        if text[s + length:runs[j][0]].strip():
            yield s, length, runs[j][0]


def mask_markdown(text: str) -> str:
    chars = list(text)
    for s, e in _comments(text):
        _blank(chars, s, e)
    for rx in (_RULE, _FENCE):
        for m in rx.finditer(text):
            _blank(chars, m.start(), m.end())
    # tables: cells become columns set off by spaces, as in a plain-text transcription
    scanned_to = -1
    for m in _TABLE_DELIMITER.finditer(text):
        _blank(chars, m.start(), m.end())
        if m.start() < scanned_to:     # inside the rows of a table already laid out
            continue
        rows = [text.rfind("\n", 0, max(0, m.start() - 1)) + 1]      # the header row
        pos = m.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if "|" not in text[pos:end]:
                break
            rows.append(pos)
            pos = end + 1
        scanned_to = pos
        for start in rows:
            end = text.find("\n", start)
            for i in range(start, len(text) if end < 0 else end):
                if text[i] == "|" and (i == 0 or text[i - 1] != "\\"):
                    chars[i] = " "
    for m in _HEADING.finditer(text):
        _blank(chars, m.start(2), m.end(2))
        line_end = text.find("\n", m.end())
        line = text[m.end(): len(text) if line_end < 0 else line_end]
        close = _closing_heading_marks(line)
        if close:
            _blank(chars, m.end() + close[0], m.end() + close[1])
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
    for s, length, close in _code_spans(text):
        _blank(chars, s, s + length)
        _blank(chars, close, close + length)
    # emphasis: repeat on the partly masked text so nested markers (**_x_**) are found
    current = "".join(chars)
    for _ in range(3):
        found = False
        for s, length, close in _emphasis(current):
            if not _WORD.search(current, s + length, close):   # "**__**": no word inside
                continue
            _blank(chars, s, s + length)
            _blank(chars, close, close + length)
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
