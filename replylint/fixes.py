"""`--fix` and `--diff`: apply the safe fixes (fixable findings with a suggestion) to text
files, keeping the encoding and line endings, writing atomically."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from .report import Report

FIXABLE_FORMATS = {"txt", "md", "template"}


def fixed_text(text: str, diagnostics) -> str:
    """Apply non-overlapping fixes from the end backwards so earlier offsets stay valid."""
    fixes = sorted((d for d in diagnostics if d.fixable and d.suggestion is not None),
                   key=lambda d: (d.start, d.end))
    chosen, last_end = [], -1
    for d in fixes:
        if d.start >= last_end:
            chosen.append(d)
            last_end = d.end
    for d in reversed(chosen):
        start, end = d.start, d.end
        if d.suggestion == "":   # a deletion also takes one adjacent space
            if end < len(text) and text[end:end + 1] == " " and (start == 0 or text[start - 1] == " "):
                end += 1
            elif start > 0 and text[start - 1] == " ":
                start -= 1
        text = text[:start] + d.suggestion + text[end:]
    return text


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.replylint-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def apply_fixes(report: Report, write: bool) -> str:
    """Returns the unified diff of all fixes; writes the files when `write`."""
    out = []
    for f in report.files:
        doc = f.doc
        if doc is None or f.error or doc.format not in FIXABLE_FORMATS or f.path == "-":
            continue
        original = doc.raw_text if doc.raw_text is not None else doc.text
        new = fixed_text(original, f.diagnostics)
        if new == original:
            continue
        out += difflib.unified_diff(original.splitlines(keepends=True), new.splitlines(keepends=True),
                                    fromfile=f"a/{f.path}", tofile=f"b/{f.path}")
        if write:
            _write_atomic(Path(f.path), new.encode(doc.encoding or "utf-8"))
    return "".join(out)
