"""Inline suppression directives (SPEC 3) → ``Document.suppressed``; directives are masked.

Directives, in an HTML comment or a template comment ``{# … #}``:

* ``<!-- replylint-disable ID[,ID] -->`` … ``<!-- replylint-enable [ID,…] -->``: a range; ``disable``
  without ids disables every rule (key ``"*"``); ``enable`` without ids ends every open range,
  ``enable ID`` ends that id's range only; an unterminated range runs to the end of the text;
* ``<!-- replylint-disable-next-line ID -->``: the next non-empty line after the directive's line;
* ``<!-- replylint-disable-line ID -->``: the directive's own line.

Ids are rule ids (``ru.third-person-address``) or pack names (``ru``; ``Document.is_suppressed``
checks the pack prefix).  Ids may be separated by commas and/or spaces.  Each directive is
replaced by spaces of the same length (line breaks kept), so offsets do not move.
"""
from __future__ import annotations

import re

DIRECTIVE = re.compile(
    r"<!--\s*replylint-(?P<a>disable-next-line|disable-line|disable|enable)\b(?P<ids>.*?)-->"
    r"|\{#-?\s*replylint-(?P<b>disable-next-line|disable-line|disable|enable)\b(?P<ids2>.*?)-?#\}",
    re.S)
_ID = re.compile(r"[^\s,]+")


def mask(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping line breaks."""
    chunk = text[start:end]
    return text[:start] + "".join(c if c in "\r\n" else " " for c in chunk) + text[end:]


def parse_ids(raw: str) -> list[str]:
    return _ID.findall(raw)


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return s, (len(text) if e < 0 else e)


def apply(text: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """Return (masked text, suppressed spans by id)."""
    matches = list(DIRECTIVE.finditer(text))
    if not matches:
        return text, {}
    # mask first, so that "the next non-empty line" ignores lines holding only directives
    masked = text
    for m in matches:
        masked = mask(masked, m.start(), m.end())
    suppressed: dict[str, list[tuple[int, int]]] = {}
    open_ranges: dict[str, int] = {}

    def add(key: str, s: int, e: int) -> None:
        if e > s:
            suppressed.setdefault(key, []).append((s, e))

    for m in matches:
        action = m.group("a") or m.group("b")
        ids = parse_ids(m.group("ids") if m.group("a") else m.group("ids2"))
        if action == "disable":
            for key in ids or ["*"]:
                open_ranges.setdefault(key, m.start())
        elif action == "enable":
            for key in (ids or list(open_ranges)):
                if key in open_ranges:
                    add(key, open_ranges.pop(key), m.end())
        elif action == "disable-line":
            s, e = _line_bounds(masked, m.start())
            for key in ids or ["*"]:
                add(key, s, e)
        else:  # disable-next-line
            _, e = _line_bounds(masked, m.end())
            pos = e + 1
            while pos <= len(masked):
                ls, le = _line_bounds(masked, pos)
                if masked[ls:le].strip():
                    for key in ids or ["*"]:
                        add(key, ls, le)
                    break
                if le >= len(masked):
                    break
                pos = le + 1
    for key, s in open_ranges.items():
        add(key, s, len(text))
    return masked, suppressed


def apply_to(doc) -> None:
    """Mask the directives in ``doc.text`` and merge the spans into ``doc.suppressed``."""
    text, spans = apply(doc.text)
    doc.text = text
    doc.source_map.text = text
    for key, lst in spans.items():
        doc.suppressed.setdefault(key, []).extend(lst)
