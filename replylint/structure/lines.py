"""Line model for the segmenter: every line keeps its offsets in the document text.

Zones are built from lines, so offsets must survive Markdown cleanup and two-column layouts
(a flattened "Nơi nhận: …      TM. ỦY BAN …" line becomes two segments with their own offsets).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .runin import pieces

# Markdown decoration that says nothing about the letter structure.
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPH = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# A column gap in a flattened two-column layout: 3+ spaces or a tab between words.
COLUMN_GAP = re.compile(r"\S(?:[ \u00a0]{3,}|\t+)(?=\S)")

# Classification never needs more than this much of a line; keeps huge lines cheap.
MAX_CLASSIFY = 600


@dataclass
class Line:
    row: int        # physical line number (0-based); column segments share it
    start: int      # offset of the first non-space character (line start when blank)
    end: int        # offset after the last non-space character
    text: str       # cleaned text: Markdown removed, whitespace collapsed, capped in length
    gap: bool       # the raw line has a column gap (text aligned with many spaces)
    indent: int = 0  # leading spaces of the physical line (a right-column line is indented)

    @property
    def blank(self) -> bool:
        return not self.text


def clean(raw: str) -> str:
    s = raw.strip()
    if not s:
        return ""
    if len(s) > MAX_CLASSIFY:
        # keep both ends: starts are matched by labels, ends by signature names
        s = s[: MAX_CLASSIFY // 2] + " … " + s[-MAX_CLASSIFY // 2:]
    s = _MD_HEADING.sub("", s)
    if s.startswith(">"):
        s = s.lstrip("> ")
    s = _MD_EMPH.sub("", s)
    s = _SPACES.sub(" ", s).strip()
    return s


def _make(row: int, text: str, a: int, b: int) -> Line:
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    start = a + lead if stripped else a
    end = start + len(stripped) if stripped else a
    return Line(row, start, end, clean(raw), bool(stripped) and bool(COLUMN_GAP.search(stripped)),
                lead if stripped else 0)


def split_lines(text: str) -> list[Line]:
    """Lines split on \\n (\\r trimmed as spacing), so offsets stay exact; a physical line
    holding facts that ran together (structure/runin.py) gives one Line per fact."""
    out: list[Line] = []
    pos, row, n = 0, 0, len(text)
    sep = "\n" if "\n" in text or "\r" not in text else "\r"  # old Mac files break on \r only
    while pos <= n:
        nl = text.find(sep, pos)
        if nl < 0:
            nl = n
        out.extend(_make(row, text, a, b) for a, b in pieces(text, pos, nl))
        row += 1
        pos = nl + 1
    return out


def split_columns(line: Line, text: str) -> list[Line]:
    """Split a line at its first column gap into a left and a right segment."""
    raw = text[line.start:line.end]
    m = COLUMN_GAP.search(raw)
    if not m:
        return [line]
    cut = line.start + m.start() + 1
    return [_make(line.row, text, line.start, cut), _make(line.row, text, cut, line.end)]
