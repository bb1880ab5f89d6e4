"""The text report: one finding a line, `path:line:col: severity rule-id message`.

.docx positions read `path:¶12:5: …`. With `show_source` each finding is followed by its source
line with the span underlined and `→ suggestion`. Unreadable files print `path: error: cause`,
notes print `path: note: …`, and a summary line ends the report. `statistics` adds a table of
counts per rule. With `color` the output is styled with rich (ANSI codes); otherwise it is plain
text with no escape codes at all.
"""
from __future__ import annotations

import io
import shutil
import unicodedata
from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..spans import line_bounds
from ..report import Report
from . import display_path, is_paragraph, position_label, sorted_diagnostics, summary_line

STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


def one_line(s: str) -> str:
    return " ".join(str(s).replace("\r", "\n").split("\n"))


def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _pad(prefix: str) -> str:
    """Blank space as wide on screen as `prefix` (tabs kept)."""
    return "".join("\t" if c == "\t" else " " * _cells(c) for c in prefix)


EXCERPT = 200     # characters of a source line shown either side of a finding


def source_excerpt(doc, d) -> tuple[str, str] | None:
    """(source line, underline) for a finding, from its offsets in the document text."""
    if doc is None:
        return None
    src = doc.raw_text if doc.raw_text is not None else doc.text
    if not src or d.start > len(src):
        return None
    start = max(0, d.start)
    # a long line is shown as the part around the finding, never whole per finding
    line_start, line_end = line_bounds(src, start, EXCERPT)
    line = src[line_start:line_end].rstrip("\r")
    end = min(max(d.end, start + 1), line_start + len(line))
    marked = src[start:end]
    width = max(1, sum(_cells(c) for c in marked))
    return line, _pad(src[line_start:start]) + "^" * width


def _lines(report: Report, statistics: bool, show_source: bool) -> list[str]:
    """The report as rich-markup lines."""
    out: list[str] = []
    for f in report.files:
        path = escape(display_path(f.path))
        if f.error:
            out.append(f"[bold]{path}[/]: [bold red]error[/]: {escape(one_line(f.error))}")
            continue
        for note in f.notes:
            out.append(f"[bold]{path}[/]: [blue]note[/]: {escape(one_line(note))}")
        for d in sorted_diagnostics(f):
            sev = d.severity
            out.append(f"[bold]{path}[/]:{position_label(d)}: [{STYLE.get(sev, 'bold')}]{sev}[/] "
                       f"[dim]{escape(d.rule)}[/] {escape(one_line(d.message))}")
            if not show_source:
                continue
            ex = None if is_paragraph(d) and f.doc is None else source_excerpt(f.doc, d)
            if ex:
                gutter = position_label(d).rsplit(":", 1)[0]
                blank = " " * len(gutter)
                out.append(f"  [dim]{gutter} |[/] {escape(ex[0])}")
                pad, carets = ex[1].rstrip("^"), ex[1][len(ex[1].rstrip("^")):]
                out.append(f"  [dim]{blank} |[/] {pad}[{STYLE.get(sev, 'bold')}]{carets}[/]")
            if d.suggestion is not None:
                shown = d.suggestion if d.suggestion else "(delete)"
                out.append(f"    [green]→ {escape(one_line(shown))}[/]")
    if statistics:
        out += [""] + _statistics(report)
    out.append(("" if not out else "\n") + _summary_markup(report))
    return out


def _summary_markup(report: Report) -> str:
    s = report.summary()
    line = escape(summary_line(report))
    if s["errors"] or s["failed_files"]:
        return f"[bold red]{line}[/]"
    if s["warnings"] or s["suggestions"]:
        return f"[bold yellow]{line}[/]"
    return f"[bold green]{line}[/]"


def rule_counts(report: Report) -> list[tuple[str, str, int]]:
    """(rule, severity, count), most frequent first."""
    counts = Counter((d.rule, d.severity) for f in report.files for d in f.diagnostics)
    return sorted(((r, s, n) for (r, s), n in counts.items()), key=lambda x: (-x[2], x[0], x[1]))


def _statistics(report: Report) -> list[str]:
    rows = rule_counts(report)
    head = ("rule", "severity", "count")
    w0 = max([len(head[0])] + [len(r) for r, _, _ in rows])
    w1 = max([len(head[1])] + [len(s) for _, s, _ in rows])
    w2 = max([len(head[2])] + [len(str(n)) for _, _, n in rows])
    out = [f"[bold]{head[0]:<{w0}}  {head[1]:<{w1}}  {head[2]:>{w2}}[/]"]
    out += [f"{escape(r):<{w0}}  [{STYLE.get(s, 'bold')}]{s:<{w1}}[/]  {n:>{w2}}"
            for r, s, n in rows]
    if not rows:
        out.append("(no findings)")
    return out


def render_text(report: Report, *, color: bool = False, statistics: bool = False,
                show_source: bool = False) -> str:
    lines = _lines(report, statistics, show_source)
    if not color:
        return "\n".join(Text.from_markup(line).plain for line in lines) + "\n"
    buf = io.StringIO()
    width = max(80, shutil.get_terminal_size((120, 24)).columns)
    console = Console(file=buf, force_terminal=True, color_system="standard", width=width,
                      emoji=False, highlight=False, markup=True, legacy_windows=False)
    for line in lines:
        console.print(line, soft_wrap=True)
    return buf.getvalue()
