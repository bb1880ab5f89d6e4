"""Reporters: turn a `Report` into text, JSON, SARIF 2.1.0, GitHub workflow commands, GitLab Code
Quality, JUnit XML or HTML.

    FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")
    render(report, fmt, *, color=False, statistics=False, show_source=None, quiet=False,
           fail_on="error") -> str

`color`, `show_source` and `quiet` only affect the text format (`show_source` defaults to
`color`); `statistics` adds counts per rule to the text and JSON formats; `fail_on` is the
severity at which a JUnit test case fails.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path, PurePath
from urllib.parse import quote

from ..report import Report

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")


def render(report: Report, fmt: str, *, color: bool = False, statistics: bool = False,
           show_source: bool | None = None, quiet: bool = False, fail_on: str = "error") -> str:
    if fmt == "text":
        from .text import render_text
        return render_text(report, color=color, statistics=statistics, quiet=quiet,
                           show_source=color if show_source is None else show_source)
    if fmt == "json":
        from .json import render_json
        return render_json(report, statistics=statistics)
    if fmt == "gitlab":
        from .gitlab import render_gitlab
        return render_gitlab(report)
    if fmt == "junit":
        from .junit import render_junit
        return render_junit(report, fail_on)
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
    """What happened, honestly: how many files were checked, how many could not be read, and
    after --fix how many findings were fixed and how many remain."""
    s = report.summary()
    failed, checked = s["failed_files"], s["files"] - s["failed_files"]
    unread = f"{plural(failed, 'file')} could not be read"
    if not checked:
        return f"Nothing checked: {unread}." if failed else "Nothing to check."
    found = s["errors"] + s["warnings"] + s["suggestions"]
    where = f"{plural(checked, 'file')}" + (" checked" if failed else "")
    tail = f"; {unread}." if failed else "."
    counts = (f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}, "
              f"{plural(s['suggestions'], 'suggestion')}")
    if report.fixed is not None:
        return f"{report.fixed} fixed, {found} remaining ({counts}) in {where}{tail}"
    if not found:
        return f"No problems found in {where}{tail}"
    return f"{counts} in {where}{tail}"


def relative_path(path: str) -> str:
    """The path relative to the working folder with forward slashes (absolute when outside)."""
    if path in ("-", ""):
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return PurePath(os.path.normpath(p)).as_posix() if str(p) != "." else "."


def relative_uri(path: str) -> str:
    """A relative URI with forward slashes (percent-encoded) for SARIF `artifactLocation.uri`;
    a file:// URI for a file outside the working folder."""
    rel = relative_path(path)
    if Path(rel).is_absolute():
        return Path(rel).as_uri()
    return quote(rel, safe="/")


def display_path(path: str) -> str:
    return "<stdin>" if path == "-" else path.replace(os.sep, "/") if os.sep != "/" else path


def rule_map(report: Report) -> dict:
    return {r.id: r for r in getattr(report, "rules", []) or []}


def fingerprints(f) -> list[tuple[object, str]]:
    """(finding, fingerprint) for a file's findings, in display order. The fingerprint hashes
    the path, the rule, the matched text and which occurrence of that text it is -- not the
    line, so it survives edits elsewhere in the letter and is the same on every run."""
    seen: Counter = Counter()
    out = []
    for d in sorted_diagnostics(f):
        key = (relative_path(f.path), d.rule, d.match or d.message)
        seen[key] += 1
        raw = "\x1f".join((*key, str(seen[key]))).encode("utf-8")
        out.append((d, hashlib.sha256(raw).hexdigest()[:32]))
    return out


def doc_lang(lang) -> str:
    """The language a rule speaks to a document in: ru, vi, else English."""
    return lang if lang in ("ru", "vi") else "en"


def rule_languages(report: Report) -> tuple[dict[str, list[str]], list[str]]:
    """(rule id -> the languages of the documents it fired on, in order; the languages of every
    checked document) – what a common.* rule's explain page is written in."""
    fired: dict[str, list[str]] = {}
    every: list[str] = []
    for f in report.files:
        if f.error:
            continue
        lang = doc_lang(f.lang)
        if lang not in every:
            every.append(lang)
        for d in f.diagnostics:
            langs = fired.setdefault(d.rule, [])
            if lang not in langs:
                langs.append(lang)
    return fired, every


def localised_pages(rule, langs, page) -> str:
    """`page(rule, lang)` in each of `langs` for a rule of every language (common.*); a rule of
    one language has one page."""
    if getattr(rule, "lang", None) or not langs:
        return page(rule, getattr(rule, "lang", None) or (langs[0] if langs else None))
    return "\n".join(page(rule, lang) for lang in langs)
