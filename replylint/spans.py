"""Small span helpers shared by structure, check kinds and rules: lines with their offsets,
"is this offset inside those spans", and where a finding about something missing is shown."""
from __future__ import annotations


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


def inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def overlaps(a: tuple[int, int], spans) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


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
