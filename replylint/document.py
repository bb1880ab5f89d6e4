"""The document model every reader produces and every rule reads (SPEC 3)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# Template placeholders ({{ name }}) are masked as runs of this private-use character: a value
# that will be filled in. Rules treat such a run as any value (a name, a number, a date).
PLACEHOLDER = "\ue000"

ZONES = ("header", "addressee", "subject", "salutation", "body", "closing",
         "signature", "executor", "recipients", "attachments")


@dataclass(frozen=True)
class Zone:
    name: str   # one of ZONES
    start: int  # offsets in Document.text, end exclusive
    end: int


@dataclass(frozen=True)
class Position:
    line: int             # 1-based; .docx/.odt/.rtf: the paragraph number; PDF: the row on the page
    column: int           # 1-based
    unit: str = "line"    # "line", "paragraph" (shown as ¶N) or "page" (PDF: shown as pP:L)
    page: int = 0         # PDF: the page, 1-based


class SourceMap:
    """Maps offsets in the extracted text back to positions in the source.

    Anchors say "text offset X starts at source (line, column)"; between anchors the text is
    walked, so a reader only adds an anchor where extraction jumps (an e-mail body, an HTML
    tag, a .docx paragraph). With no anchors the text is its own source."""

    def __init__(self, text: str, anchors: list[tuple[int, int, int]] | None = None,
                 unit: str = "line"):
        self.text = text
        self.unit = unit
        self.anchors = sorted(anchors or [(0, 1, 1)])
        if self.anchors[0][0] != 0:
            self.anchors.insert(0, (0, 1, 1))
        self._keys = [a[0] for a in self.anchors]

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._keys, offset) - 1
        start, line, col = self.anchors[i]
        chunk = self.text[start:offset]
        newlines = chunk.count("\n")
        if newlines:
            line += newlines
            col = offset - chunk.rfind("\n") - start
        else:
            col += offset - start
        return Position(line, col, self.unit)


@dataclass
class Document:
    path: str                       # as given on the command line ("-" for stdin)
    text: str                       # the text rules see (placeholders and directives masked)
    source_map: SourceMap
    format: str = "txt"             # txt, md, html, eml, docx, template
    encoding: str = "utf-8"
    lang: str = "unknown"           # ru, vi or unknown
    kind: str = "letter"            # letter or email
    metadata: dict = field(default_factory=dict)   # e-mail headers: from, to, subject, date
    layout: dict | None = None      # .docx page and font facts (SPEC 5.4)
    zones: list[Zone] = field(default_factory=list)
    is_template: bool = False
    # rule id -> list of (start, end) spans where it is suppressed; "*" means every rule
    suppressed: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # passages that are not readable text (legacy-encoded Vietnamese): other rules skip them
    unreadable: list[tuple[int, int]] = field(default_factory=list)
    raw_text: str | None = None     # the text before masking, for fixes and display

    def zone_spans(self, names) -> list[tuple[int, int]]:
        wanted = set(names)
        return [(z.start, z.end) for z in self.zones if z.name in wanted]

    def first_zone(self, name: str) -> Zone | None:
        return next((z for z in self.zones if z.name == name), None)

    def zone_text(self, name: str) -> str:
        return "\n".join(self.text[s:e] for s, e in self.zone_spans([name]))

    def line_at(self, offset: int) -> str:
        src = self.raw_text if self.raw_text is not None else self.text
        s = src.rfind("\n", 0, offset) + 1
        e = src.find("\n", offset)
        return src[s:] if e < 0 else src[s:e]

    def is_suppressed(self, rule_id: str, start: int) -> bool:
        for key in (rule_id, "*", rule_id.split(".")[0]):
            for s, e in self.suppressed.get(key, ()):
                if s <= start < e:
                    return True
        return False

    def is_unreadable(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.unreadable)


class ReadError(Exception):
    """A file that cannot be turned into a Document; the message is the one-line cause."""
