"""Reporters: turn a `Report` into text, JSON, SARIF 2.1.0, GitHub workflow commands or HTML.

    FORMATS = ("text", "json", "sarif", "github", "html")
    render(report, fmt, *, color=False, statistics=False, show_source=None) -> str

`color` and `show_source` only affect the text format (`show_source` defaults to `color`);
`statistics` adds a per-rule count table to the text format.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote

from ..report import Report

FORMATS = ("text", "json", "sarif", "github", "html")


def render(report: Report, fmt: str, *, color: bool = False, statistics: bool = False,
           show_source: bool | None = None) -> str:
    if fmt == "text":
        from .text import render_text
        return render_text(report, color=color, statistics=statistics,
                           show_source=color if show_source is None else show_source)
    if fmt == "json":
        from .json import render_json
        return render_json(report)
    if fmt == "sarif":
        from .sarif import render_sarif
        return render_sarif(report)
    if fmt == "github":
        from .github import render_github
        return render_github(report)
    if fmt == "html":
        from .html import render_html
        return render_html(report)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


# ---- helpers shared by the reporters ------------------------------------------------------

def is_paragraph(d) -> bool:
    return getattr(d, "unit", "line") == "paragraph"


def is_page(d) -> bool:
    return getattr(d, "unit", "line") == "page"


def position_label(d) -> str:
    """`12:5`, `¶12:5` for a paragraph position (.docx, .odt, .rtf), `p2:12:5` for a PDF
    one (page 2, line 12 of that page)."""
    if is_page(d):
        return f"p{d.page}:{d.line}:{d.column}"
    return f"{'¶' if is_paragraph(d) else ''}{d.line}:{d.column}"


def sorted_diagnostics(f) -> list:
    return sorted(f.diagnostics, key=lambda d: (d.line, d.column, d.start, d.end, d.rule))


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def summary_line(report: Report) -> str:
    s = report.summary()
    failed = f" ({s['failed_files']} failed)" if s["failed_files"] else ""
    files = plural(s["files"], "file")
    if not (s["errors"] or s["warnings"] or s["suggestions"]):
        return f"No problems found in {files}{failed}."
    return (f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}, "
            f"{plural(s['suggestions'], 'suggestion')} in {files}{failed}")


def relative_uri(path: str) -> str:
    """A relative URI with forward slashes (percent-encoded) for SARIF `artifactLocation.uri`."""
    if path in ("-", ""):
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    posix = PurePath(os.path.normpath(p)).as_posix() if str(p) != "." else "."
    return quote(posix, safe="/")


def display_path(path: str) -> str:
    return "<stdin>" if path == "-" else path.replace(os.sep, "/") if os.sep != "/" else path


def rule_map(report: Report) -> dict:
    return {r.id: r for r in getattr(report, "rules", []) or []}
