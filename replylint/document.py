"""The document model every reader produces and every rule reads (SPEC 3)."""
from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field

from .spans import SpanSet, line_bounds

# Template placeholders ({{ name }}) are masked as runs of this private-use character: a value
# that will be filled in. Rules treat such a run as any value (a name, a number, a date).
PLACEHOLDER = "\ue000"
# One masked value ({{ signer }}, {phone}) in a pattern: the fact patterns accept it wherever they
# look for a value (structure/common.py VALUE), so a template reads like the letter it renders.
PLACEHOLDER_RUN = f"{PLACEHOLDER}+"


def is_placeholder(s: str) -> bool:
    """True for text made only of placeholder characters (a masked template value)."""
    return bool(s) and s.strip(PLACEHOLDER) == ""


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
    tag, a .docx paragraph). With no anchors the text is its own source.

    A position costs two binary searches (anchors, line breaks): a million findings in a
    million-line text stay linear, never a walk from the anchor per finding."""

    def __init__(self, text: str, anchors: list[tuple[int, int, int]] | None = None,
                 unit: str = "line"):
        self.text = text
        self.unit = unit
        self.anchors = sorted(anchors or [(0, 1, 1)])
        if self.anchors[0][0] != 0:
            self.anchors.insert(0, (0, 1, 1))
        self._keys = [a[0] for a in self.anchors]

    @property
    def text(self) -> str:
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        # masking keeps every line break where it was, but a new text gets a new index
        self._text = value
        self._breaks = None

    def _line_breaks(self) -> array:
        if self._breaks is None:
            breaks = array("q")
            find = self._text.find
            i = find("\n")
            while i >= 0:
                breaks.append(i)
                i = find("\n", i + 1)
            self._breaks = breaks
        return self._breaks

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._keys, offset) - 1
        start, line, col = self.anchors[i]
        breaks = self._line_breaks()
        lo = bisect.bisect_left(breaks, start)
        hi = bisect.bisect_left(breaks, offset)
        if hi > lo:
            line += hi - lo
            col = offset - breaks[hi - 1]
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
    directives: list = field(default_factory=list)   # suppression.Directive, in text order
    # (key, offset) of each finding a suppression hid: which directives were used
    suppression_hits: list = field(default_factory=list)

    def zone_spans(self, names) -> list[tuple[int, int]]:
        wanted = set(names)
        return [(z.start, z.end) for z in self.zones if z.name in wanted]

    def first_zone(self, name: str) -> Zone | None:
        return next((z for z in self.zones if z.name == name), None)

    def zone_text(self, name: str) -> str:
        return "\n".join(self.text[s:e] for s, e in self.zone_spans([name]))

    def line_at(self, offset: int) -> str:
        """The source line of ``offset`` (at most LINE_WINDOW characters either side)."""
        src = self.raw_text if self.raw_text is not None else self.text
        s, e = line_bounds(src, offset)
        return src[s:e]

    def _spans(self, name: str, key: str, spans) -> SpanSet:
        cache = self.__dict__.setdefault("_span_sets", {})
        hit = cache.get((name, key))
        if hit is None or hit.source is not spans or hit.size != len(spans):
            hit = cache[(name, key)] = SpanSet(spans)
        return hit

    def is_suppressed(self, rule_id: str, start: int) -> bool:
        hit = False
        for key in (rule_id, "*", rule_id.split(".")[0]):
            spans = self.suppressed.get(key)
            if spans and self._spans("suppressed", key, spans).contains(start):
                self.suppression_hits.append((key, start))
                hit = True
        return hit

    def is_unreadable(self, start: int, end: int) -> bool:
        return bool(self.unreadable) and self._spans("unreadable", "", self.unreadable).overlaps(start, end)


class ReadError(Exception):
    """A file that cannot be turned into a Document; the message is the one-line cause."""
