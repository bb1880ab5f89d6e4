"""The text report: one finding a line, `path:line:col: severity rule-id message [clause]`.

.docx positions read `path:¶12:5: …`; `[clause]` is the short citation of the rule's source in
the document's language (`[Кодекс ЦЗН, п. 4.4]`). With `show_source` the findings of one line
are followed by one window of that line (never a whole long paragraph: a window of `width`
cells around the spans, cut with «…»), carets under every span, and `→ suggestion` lines.
Unreadable files print `path: error: cause`, notes `path: note: …`; a summary line that says
what happened ends the report (left out with `quiet`). `statistics` adds counts per rule.
With `color` the output is styled with rich (ANSI codes); otherwise it is plain text.

`TextReport` renders file by file, so the command line can print each file as it finishes.
"""
from __future__ import annotations

import io
import shutil
import unicodedata
from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..report import Report
from ..spans import line_bounds
from . import display_path, position_label, sorted_diagnostics, summary_line

STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}
CONTEXT = 24          # cells of context wanted on each side of a span
ELLIPSIS = "…"


def one_line(s: str) -> str:
    return " ".join(str(s).replace("\r", "\n").split("\n"))


def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width_of(s: str) -> int:
    return sum(_cells(c) for c in s)


def _visible(s: str) -> str:
    """A source line as shown: tabs and other controls as one space each (columns kept)."""
    return "".join(" " if (c == "\t" or unicodedata.category(c) == "Cc") else c for c in s)


EXCERPT = 200     # characters of a source line read either side of the findings


def _line_spans(doc, diags) -> tuple[str, list[tuple[int, int]]] | None:
    """The source line of the findings (all on one line; a long line only around them) and
    each span within it."""
    src = doc.raw_text if doc.raw_text is not None else doc.text
    if not src or diags[0].start > len(src):
        return None
    first = max(0, min(d.start for d in diags))
    last = min(len(src), max(d.start for d in diags))
    line_start = line_bounds(src, first, EXCERPT)[0]
    line_end = line_bounds(src, last, EXCERPT)[1]
    line = src[line_start:line_end].rstrip("\r")
    spans = []
    for d in diags:
        a = min(max(0, d.start - line_start), len(line))
        b = min(max(d.end - line_start, a + 1), max(len(line), a + 1))
        spans.append((a, b))
    return line, spans


def _grow(line: str, lo: int, hi: int, width: int) -> tuple[int, int]:
    """[a, b) around [lo, hi): context added one character a side at a time while the window,
    with an ellipsis on each cut side, stays within `width` cells."""
    a, b = lo, hi
    used = width_of(line[lo:hi])
    grew = True
    while grew:
        grew = False
        if a > 0 and used + _cells(line[a - 1]) + (a - 1 > 0) + (b < len(line)) <= width:
            a -= 1
            used += _cells(line[a])
            grew = True
        if b < len(line) and used + _cells(line[b]) + (a > 0) + (b + 1 < len(line)) <= width:
            used += _cells(line[b])
            b += 1
            grew = True
    return a, b


def windows(line: str, spans: list[tuple[int, int]], width: int):
    """Cut `line` into windows of at most `width` cells, each around a cluster of spans that fit
    together, with context on both sides. Yields (shown text, [(index, column, cells)])."""
    width = max(width, 20)
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    clusters: list[list[int]] = []
    for i in order:
        if clusters:
            lo = spans[clusters[-1][0]][0]
            hi = max(spans[i][1], *(spans[j][1] for j in clusters[-1]))
            # fits, with a little context (a quick no for spans far apart on a long line)
            if hi - lo <= 4 * width and width_of(line[lo:hi]) <= width - 10:
                clusters[-1].append(i)
                continue
        clusters.append([i])
    for cluster in clusters:
        lo = spans[cluster[0]][0]
        hi = max(spans[i][1] for i in cluster)
        hi = min(hi, lo + 4 * width)
        while hi > lo + 1 and width_of(line[lo:hi]) > width - 2:   # a span longer than the window
            hi -= 1
        a, b = _grow(line, lo, min(hi, len(line)), width)
        head = ELLIPSIS if a > 0 else ""
        tail = ELLIPSIS if b < len(line) else ""
        marks = []
        for i in cluster:
            s, e = spans[i]
            col = width_of(head) + width_of(line[a:s])
            marks.append((i, col, max(1, width_of(line[s:min(e, b)]))))
        yield head + _visible(line[a:b]) + tail, marks


def _line_key(d):
    return (getattr(d, "unit", "line"), getattr(d, "page", None), d.line)


class TextReport:
    def __init__(self, *, color: bool = False, show_source: bool = False, quiet: bool = False,
                 width: int | None = None):
        self.color = color
        self.show_source = show_source
        self.quiet = quiet
        term = shutil.get_terminal_size((100, 24)).columns if color else 100
        self.width = width or max(60, min(term, 160))
        self.printed = False        # has any file printed a line (the summary then gets a gap)

    # -- rich markup lines --------------------------------------------------------------
    def file_lines(self, f) -> list[str]:
        out = self._file_lines(f)
        self.printed = self.printed or bool(out)
        return out

    def _file_lines(self, f) -> list[str]:
        out: list[str] = []
        path = escape(display_path(f.path))
        if f.error:
            return [f"[bold]{path}[/]: [bold red]error[/]: {escape(one_line(f.error))}"]
        if not self.quiet:
            for note in f.notes:
                out.append(f"[bold]{path}[/]: [blue]note[/]: {escape(one_line(note))}")
        diags = sorted_diagnostics(f)
        i = 0
        while i < len(diags):
            j = i + 1   # the findings that start on the same line share its source
            while j < len(diags) and _line_key(diags[j]) == _line_key(diags[i]):
                j += 1
            group = diags[i:j]
            for d in group:
                cite = f" [dim]\\[{escape(d.cite)}][/]" if getattr(d, "cite", "") else ""
                out.append(f"[bold]{path}[/]:{position_label(d)}: "
                           f"[{STYLE.get(d.severity, 'bold')}]{d.severity}[/] "
                           f"[dim]{escape(d.rule)}[/] {escape(one_line(d.message))}{cite}")
            if self.show_source:
                out += self._source(f.doc, group)
            i = j
        return out

    def _source(self, doc, group) -> list[str]:
        out: list[str] = []
        got = _line_spans(doc, group) if doc is not None else None
        if got:
            line, spans = got
            gutter = position_label(group[0]).rsplit(":", 1)[0]     # 12, ¶12, p2:12
            blank = " " * len(gutter)
            for shown, marks in windows(line, spans, self.width - len(gutter) - 5):
                out.append(f"  [dim]{gutter} |[/] {escape(shown)}")
                carets, col = [], 0
                for i, at, n in sorted(marks, key=lambda m: m[1]):
                    if at < col:            # overlapping spans: the first one's carets stand
                        continue
                    carets.append(" " * (at - col) + f"[{STYLE.get(group[i].severity, 'bold')}]"
                                  + "^" * n + "[/]")
                    col = at + n
                out.append(f"  [dim]{blank} |[/] " + "".join(carets))
        with_fix = [d for d in group if d.suggestion is not None]
        for d in with_fix:
            shown = one_line(d.suggestion).strip() if d.suggestion.strip() else "(delete)"
            notes = [] if getattr(d, "exact", True) else ["a hint, not applied by --fix"]
            if len(with_fix) > 1:
                notes.append(position_label(d))
            tail = f" [dim]({'; '.join(notes)})[/]" if notes else ""
            out.append(f"    [green]→ {escape(shown)}[/]{tail}")
        return out

    def footer_lines(self, report: Report, statistics: bool = False) -> list[str]:
        out: list[str] = []
        if statistics:
            out += [""] + _statistics(report)
        if not self.quiet:
            out.append(("\n" if self.printed or statistics else "") + _summary_markup(report))
        return out

    # -- rendering --------------------------------------------------------------------
    def render(self, lines: list[str]) -> str:
        if not lines:
            return ""
        if not self.color:
            return "\n".join(Text.from_markup(line).plain for line in lines) + "\n"
        buf = io.StringIO()
        console = Console(file=buf, force_terminal=True, color_system="standard",
                          width=self.width, no_color=False, emoji=False, highlight=False,
                          markup=True, legacy_windows=False)
        for line in lines:
            console.print(line, soft_wrap=True)
        return buf.getvalue()

    def file(self, f) -> str:
        return self.render(self.file_lines(f))

    def footer(self, report: Report, statistics: bool = False) -> str:
        return self.render(self.footer_lines(report, statistics))


def _summary_markup(report: Report) -> str:
    s = report.summary()
    line = escape(summary_line(report))
    if s["errors"] or s["failed_files"]:
        return f"[bold red]{line}[/]"
    if s["warnings"] or s["suggestions"]:
        return f"[bold yellow]{line}[/]"
    return f"[bold green]{line}[/]"


def rule_counts(report: Report) -> list[tuple[str, str, int, int]]:
    """(rule, severity, count, fixable count), most frequent first."""
    counts = Counter((d.rule, d.severity) for f in report.files for d in f.diagnostics)
    fixable = Counter((d.rule, d.severity) for f in report.files for d in f.diagnostics
                      if d.fixable)
    return sorted(((r, s, n, fixable[(r, s)]) for (r, s), n in counts.items()),
                  key=lambda x: (-x[2], x[0], x[1]))


def _statistics(report: Report) -> list[str]:
    rows = rule_counts(report)
    head = ("rule", "severity", "count")
    w0 = max([len(head[0])] + [len(r) for r, *_ in rows])
    w1 = max([len(head[1])] + [len(s) for _, s, *_ in rows])
    w2 = max([len(head[2])] + [len(str(n)) for _, _, n, _ in rows])
    out = [f"[bold]{head[0]:<{w0}}  {head[1]:<{w1}}  {head[2]:>{w2}}[/]"]
    out += [f"{escape(r):<{w0}}  [{STYLE.get(s, 'bold')}]{s:<{w1}}[/]  {n:>{w2}}"
            + (f"  [dim]({k} fixable)[/]" if k else "")
            for r, s, n, k in rows]
    if not rows:
        out.append("(no findings)")
    return out


def render_text(report: Report, *, color: bool = False, statistics: bool = False,
                show_source: bool = False, quiet: bool = False) -> str:
    tr = TextReport(color=color, show_source=show_source, quiet=quiet)
    lines = [line for f in report.files for line in tr.file_lines(f)]
    return tr.render(lines + tr.footer_lines(report, statistics))
