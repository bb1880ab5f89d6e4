"""`--fix` and `--diff`: apply the safe fixes (fixable findings with a suggestion) to text
files.

A file is rewritten only when that loses nothing: its bytes are read again and must still be
what was checked, and they must come back byte for byte from the decoded text in the file's
own encoding (BOM included, see ``encoding.writer_for``) -- so every byte a fix does not touch
stays as it was, line endings too.  Fixes are applied until none is left (a fix can reveal
another: ``--fix`` twice changes nothing the second time), then the file is written atomically
through ``atomic.write_atomic`` (mode, owner and symlinks kept).  A file that cannot be fixed
safely is left untouched and named with a one-line cause.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from . import atomic, encoding
from .report import Report

FIXABLE_FORMATS = {"txt", "md"}     # a template is fixable when the text it wraps is
MAX_ROUNDS = 10                     # fix, re-check, fix again: a bound, not a loop forever


class FixRefused(Exception):
    """The one-line reason a file's fixes were not applied."""


@dataclass
class FixOutcome:
    diff: str = ""                                  # unified diff of every fix
    fixed: list[str] = field(default_factory=list)  # paths written
    refused: list[tuple[str, str]] = field(default_factory=list)   # (path, cause)
    rechecked: dict = field(default_factory=dict)   # path -> FileResult of the fixed text
    applied: dict = field(default_factory=dict)     # path -> fixes applied (all rounds)


def fixable(doc) -> bool:
    if doc.format == "template":
        return doc.metadata.get("template_of") in FIXABLE_FORMATS
    return doc.format in FIXABLE_FORMATS


def chosen_fixes(diagnostics) -> list:
    """The fixes applied together: fixable findings with a suggestion, overlaps left for the
    next round."""
    fixes = sorted((d for d in diagnostics if d.fixable and d.suggestion is not None),
                   key=lambda d: (d.start, d.end))
    chosen, last_end = [], -1
    for d in fixes:
        if d.start >= last_end:
            chosen.append(d)
            last_end = d.end
    return chosen


def fixed_text(text: str, diagnostics) -> str:
    """Apply non-overlapping fixes from the end backwards so earlier offsets stay valid."""
    chosen = chosen_fixes(diagnostics)
    pieces: list[str] = []      # the result after `pos`, in reverse order, no empty strings
    pos = len(text)
    for d in reversed(chosen):
        start, end = d.start, min(d.end, pos)
        if d.suggestion == "":   # a deletion also takes one adjacent space
            after = text[end] if end < pos else (pieces[-1][0] if pieces else "")
            if after == " " and (start == 0 or text[start - 1] == " "):
                if end < pos:
                    end += 1
                else:
                    pieces[-1] = pieces[-1][1:]
                    if not pieces[-1]:
                        pieces.pop()
            elif start > 0 and text[start - 1] == " ":
                start -= 1
        if end < pos:
            pieces.append(text[end:pos])
        if d.suggestion:
            pieces.append(d.suggestion)
        pos = min(start, pos)
    pieces.append(text[:pos])
    return "".join(reversed(pieces))


def _current_bytes(path: str, doc) -> bytes:
    """The file's bytes now, refused if they no longer decode to the text that was checked."""
    original = doc.raw_text if doc.raw_text is not None else doc.text
    cap = 4 * len(original) + 8          # UTF-32 with a BOM is the widest encoding read
    try:
        with open(path, "rb") as f:
            data = f.read(cap + 1)
    except OSError as e:
        raise FixRefused(f"cannot read it again: {atomic.cause(e)}") from None
    try:
        text, enc = encoding.decode(data)
    except Exception:
        text, enc = None, None
    if len(data) > cap or text != original or enc != doc.encoding:
        raise FixRefused("the file changed while it was being checked")
    return data


def _fix_one(f, recheck) -> tuple[str, bytes, object, int]:
    """(new text, new bytes, the re-checked result, fixes applied) of one file, or FixRefused."""
    doc = f.doc
    original = doc.raw_text if doc.raw_text is not None else doc.text
    new = fixed_text(original, f.diagnostics)
    if new == original:
        return original, b"", None, 0
    applied = len(chosen_fixes(f.diagnostics))
    data = _current_bytes(f.path, doc)
    write = encoding.writer_for(original, doc.encoding, data)
    if write is None:
        raise FixRefused(f"its {doc.encoding} bytes cannot be written back exactly "
                         "(replacement characters or mixed letter forms)")
    result = None
    try:
        out = write(new)
        for _ in range(MAX_ROUNDS if recheck else 0):
            result = recheck(f.path, out)
            if result.error or result.doc is None:
                break
            more = fixed_text(new, result.diagnostics)
            if more == new:
                break
            applied += len(chosen_fixes(result.diagnostics))
            new, out = more, write(more)
        else:
            if recheck:     # the rounds ran out: report what the last write left
                result = recheck(f.path, out)
    except UnicodeEncodeError as e:
        raise FixRefused(f"a replacement ({e.object[e.start:e.end]!r}) cannot be written in "
                         f"{doc.encoding}") from None
    return new, out, result, applied


def apply_fixes(report: Report, write: bool, recheck=None) -> FixOutcome:
    """Fix every fixable file of ``report``: the diff always, the files themselves when
    ``write``.  ``recheck(path, data) -> FileResult`` lints fixed bytes (for fixes revealed by
    fixes and for the report of what is left)."""
    outcome = FixOutcome()
    diff: list[str] = []
    seen: set[str] = set()
    for f in report.files:
        doc = f.doc
        if doc is None or f.error or f.path == "-" or doc.metadata.get("stdin") or not fixable(doc):
            continue
        real = os.path.realpath(f.path)
        if real in seen:          # the same file named twice (a symlink and its target)
            continue
        seen.add(real)
        try:
            new, data, result, applied = _fix_one(f, recheck)
        except FixRefused as e:
            outcome.refused.append((f.path, str(e)))
            continue
        original = doc.raw_text if doc.raw_text is not None else doc.text
        if new == original:
            continue
        if result is not None:
            outcome.rechecked[f.path] = result
        outcome.applied[f.path] = applied
        diff += difflib.unified_diff(original.splitlines(keepends=True), new.splitlines(keepends=True),
                                     fromfile=f"a/{f.path}", tofile=f"b/{f.path}")
        if write:
            try:
                atomic.write_atomic(f.path, data)
            except atomic.WriteRefused as e:
                outcome.refused.append((f.path, str(e)))
                continue
            outcome.fixed.append(f.path)
    outcome.diff = "".join(diff)
    return outcome
