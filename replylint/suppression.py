"""Inline suppression directives (SPEC 3) → ``Document.suppressed``; directives are masked.

Directives, in an HTML comment or a template comment ``{# … #}``:

* ``<!-- replylint-disable ID[,ID] -->`` … ``<!-- replylint-enable [ID,…] -->``: a range; ``disable``
  without ids disables every rule (key ``"*"``); ``enable`` without ids ends every open range,
  ``enable ID`` ends that id's range only; an unterminated range runs to the end of the text;
* ``<!-- replylint-disable-next-line ID -->``: the next non-empty line after the directive's line;
* ``<!-- replylint-disable-line ID -->``: the directive's own line.

Ids are rule ids (``ru.third-person-address``) or pack names (``ru``; ``Document.is_suppressed``
checks the pack prefix).  Ids may be separated by commas and/or spaces.  Each directive is
replaced by spaces of the same length (line breaks kept), so offsets do not move.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

# A directive's ids end at the first "-->" ("#}"); the scan also stops at the next comment
# opening and after 2,000 characters, so an unclosed "<!-- replylint-disable" costs at most
# the distance to the next comment -- never a scan to the end of the text per directive.
_IDS_HTML = r"(?P<ids>(?:(?!-->|<!--).){0,2000}?)"
_IDS_TEMPLATE = r"(?P<ids2>(?:(?!#\}|\{#).){0,2000}?)"
DIRECTIVE = re.compile(
    r"<!--\s{0,200}replylint-(?P<a>disable-next-line|disable-line|disable|enable)\b" + _IDS_HTML + r"-->"
    r"|\{#-?\s{0,200}replylint-(?P<b>disable-next-line|disable-line|disable|enable)\b" + _IDS_TEMPLATE
    + r"-?#\}",
    re.S)
_ID = re.compile(r"[^\s,]+")
_NONBLANK = re.compile(r"\S")
_KEEP = re.compile(r"[^\r\n]")


def mask(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping line breaks."""
    return text[:start] + _KEEP.sub(" ", text[start:end]) + text[end:]


class _Lines:
    """Line bounds by binary search over the line breaks (a 10 MB line holding 50,000
    directives must not be walked once per directive)."""

    def __init__(self, text: str):
        self.n = len(text)
        self.breaks = array("q")
        i = text.find("\n")
        while i >= 0:
            self.breaks.append(i)
            i = text.find("\n", i + 1)

    def bounds(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, offset)
        s = self.breaks[i - 1] + 1 if i else 0
        e = self.breaks[i] if i < len(self.breaks) else self.n
        return s, e


def _next_lines(masked: str, lines: _Lines, matches) -> dict[int, tuple[int, int] | None]:
    """For each disable-next-line directive (by its start), the next non-blank line after the
    directive's line.  Walked backwards so that a run of directives scans the blank lines
    between them once, not once per directive."""
    out: dict[int, tuple[int, int] | None] = {}
    searched_from, found = None, None     # a search from `searched_from` found `found`
    for m in reversed(matches):
        if (m.group("a") or m.group("b")) != "disable-next-line":
            continue
        start = lines.bounds(m.end())[1] + 1
        if searched_from is not None and start <= searched_from:
            hit = _NONBLANK.search(masked, start, searched_from)
            pos = hit.start() if hit else found
        else:
            hit = _NONBLANK.search(masked, start) if start <= len(masked) else None
            pos = hit.start() if hit else None
        searched_from, found = start, pos
        out[m.start()] = lines.bounds(pos) if pos is not None else None
    return out


@dataclass
class Directive:
    """One directive: where it is, the ids it names (and where each is written), and the spans
    it suppresses, per key (for replylint.unknown-directive and replylint.unused-directive)."""
    start: int
    end: int
    action: str                 # disable | enable | disable-line | disable-next-line
    ids: list[str]              # as written; empty: every rule
    offsets: list[int] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)   # (key, start, end)


def apply(text: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """Return (masked text, suppressed spans by id)."""
    masked, suppressed, _ = parse(text)
    return masked, suppressed


def parse(text: str) -> tuple[str, dict[str, list[tuple[int, int]]], list[Directive]]:
    """Return (masked text, suppressed spans by id, the directives)."""
    matches = list(DIRECTIVE.finditer(text))
    if not matches:
        return text, {}, []
    # mask first, so that "the next non-empty line" ignores lines holding only directives
    pieces, pos = [], 0
    for m in matches:
        pieces.append(text[pos:m.start()])
        pieces.append(_KEEP.sub(" ", m.group(0)))
        pos = m.end()
    pieces.append(text[pos:])
    masked = "".join(pieces)
    lines = _Lines(masked)
    next_line = _next_lines(masked, lines, matches)
    suppressed: dict[str, list[tuple[int, int]]] = {}
    open_ranges: dict[str, tuple[int, Directive]] = {}
    directives: list[Directive] = []

    def add(d: Directive, key: str, s: int, e: int) -> None:
        if e > s:
            suppressed.setdefault(key, []).append((s, e))
            d.spans.append((key, s, e))

    for m in matches:
        action = m.group("a") or m.group("b")
        group = "ids" if m.group("a") else "ids2"
        written = list(_ID.finditer(m.group(group)))
        ids = [w.group() for w in written]
        d = Directive(m.start(), m.end(), action, ids, [m.start(group) + w.start() for w in written])
        directives.append(d)
        if action == "disable":
            for key in ids or ["*"]:
                open_ranges.setdefault(key, (m.start(), d))
        elif action == "enable":
            for key in (ids or list(open_ranges)):
                if key in open_ranges:
                    s, owner = open_ranges.pop(key)
                    add(owner, key, s, m.end())
        elif action == "disable-line":
            s, e = lines.bounds(m.start())
            for key in ids or ["*"]:
                add(d, key, s, e)
        else:  # disable-next-line
            target = next_line[m.start()]
            if target is not None:
                for key in ids or ["*"]:
                    add(d, key, *target)
    for key, (s, owner) in open_ranges.items():
        add(owner, key, s, len(text))
    return masked, suppressed, directives


def apply_to(doc) -> None:
    """Mask the directives in ``doc.text`` and merge the spans into ``doc.suppressed``."""
    text, spans, directives = parse(doc.text)
    doc.text = text
    doc.source_map.text = text
    doc.directives.extend(directives)
    for key, lst in spans.items():
        doc.suppressed.setdefault(key, []).extend(lst)
