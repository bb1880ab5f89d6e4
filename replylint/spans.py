"""Small span helpers shared by structure, check kinds and rules: lines with their offsets,
"is this offset inside those spans", and where a finding about something missing is shown.

Rules ask these about every token of a document, so none of them scans a whole list or a whole
line per question: span lists are merged and binary-searched (``SpanSet``), a line is looked
at within a window around the offset (``line_bounds``)."""
from __future__ import annotations

import bisect


def line_spans(text: str, start: int = 0, end: int | None = None):
    """(start, end) of each line in text[start:end], ends exclusive of the newline."""
    end = len(text) if end is None else end
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            yield pos, end
            break
        yield pos, nl
        pos = nl + 1


def overlaps(a: tuple[int, int], spans) -> bool:
    return overlapping(a[0], a[1], spans)


LINE_WINDOW = 2000   # characters either side: the most of a line any context check looks at


def line_bounds(text: str, pos: int, window: int = LINE_WINDOW) -> tuple[int, int]:
    """(start, end) of the line holding ``pos``, end exclusive of the line break -- clipped
    to ``window`` characters either side, so that asking it about every finding on a 10 MB
    line stays linear (a line that long is no letterhead, heading or stamp anyway)."""
    lo = max(0, pos - window)
    s = text.rfind("\n", lo, pos)
    s = s + 1 if s >= 0 else lo
    hi = min(len(text), pos + window)
    e = text.find("\n", pos, hi)
    return s, (hi if e < 0 else e)


_SPAN_SETS: dict[int, SpanSet] = {}


def span_set(spans) -> SpanSet:
    """The SpanSet of a list of spans, built once per list (rules ask the same quotation or
    skip list about every token of a document)."""
    hit = _SPAN_SETS.get(id(spans))
    if hit is None or hit.source is not spans or hit.size != len(spans):
        if len(_SPAN_SETS) >= 64:
            _SPAN_SETS.clear()
        hit = _SPAN_SETS[id(spans)] = SpanSet(spans)
    return hit


def inside(pos: int, spans) -> bool:
    """Some span (s, e, …) holds pos (s <= pos < e)."""
    if len(spans) < 16:
        return any(sp[0] <= pos < sp[1] for sp in spans)
    return span_set(spans).contains(pos)


def overlapping(start: int, end: int, spans) -> bool:
    """Some span (s, e, …) meets [start, end) (s < end and start < e)."""
    if len(spans) < 16:
        return any(sp[0] < end and start < sp[1] for sp in spans)
    return span_set(spans).overlaps(start, end)


class SpanSet:
    """Spans merged and sorted once, asked by binary search: a finding's suppression or
    readability costs O(log n), not a scan over 50,000 directive spans."""

    def __init__(self, spans):
        self.source, self.size = spans, len(spans)
        merged: list[list[int]] = []
        for s, e in sorted((sp[0], sp[1]) for sp in spans if sp[1] > sp[0]):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def contains(self, x: int) -> bool:
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and x < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Some span meets [start, end) (s < end and start < e)."""
        i = bisect.bisect_left(self.starts, end) - 1     # the last span starting before end
        return i >= 0 and self.ends[i] > start


def report_span(text: str, at: str) -> tuple[int, int]:
    """Where a missing thing is reported: the first or the last non-empty line."""
    lines = [(s, e - s) for s, e in line_spans(text) if text[s:e].strip()]
    if not lines:
        return (0, 0)
    s, n = lines[0] if at == "start" else lines[-1]
    return (s, s + n)


def first_line_span(text: str, start: int = 0) -> tuple[int, int]:
    for off, end in line_spans(text, start):
        line = text[off:end]
        if line.strip():
            s = off + len(line) - len(line.lstrip())
            return s, off + len(line.rstrip())
    return (0, 0)


def last_line_span(text: str) -> tuple[int, int]:
    stripped = text.rstrip()
    s = stripped.rfind("\n") + 1
    line = stripped[s:]
    return s + len(line) - len(line.lstrip()), len(stripped)
