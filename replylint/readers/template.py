"""Template masking (SPEC 3, 4): placeholders become neutral tokens, offsets kept.

Decision (documented for rules and NLP): a value placeholder — ``{{ x }}``, ``{{{ x }}}``,
``{{> partial }}``, ``{name}`` — is replaced by a run of ``PLACEHOLDER_CHAR`` (U+E000, a
private-use character) of the same length.  It is not a letter in any script (no case, so the
shouting and abbreviation rules do not see capitals), not "_" (the placeholder rule's runs of
underscores) and not punctuation: the tokenizer keeps it as one token and rules/NLP treat such
a token as a name (``is_placeholder``).  "Уважаемый {{ имя_отчество }}!" stays a salutation:
"Уважаемый", a name token, "!".

Tags that produce no value — ``{% … %}`` statements, ``{# … #}`` comments, mustache
sections/inverted sections/closings/comments ``{{# }}``, ``{{^ }}``, ``{{/ }}``, ``{{! }}`` — are
replaced by spaces.  Conditional blocks are linted as written: both branches stay as text.
``{# replylint-… #}`` comments are left for ``suppression.py`` (which runs after masking).

Line breaks inside a tag are kept, so line numbers do not move.  Masked spans are recorded in
``metadata["template_spans"]`` (every masked tag, ``(start, end)``) and
``metadata["template_values"]`` (the value placeholders only).
"""
from __future__ import annotations

import re

from ..document import (
    PLACEHOLDER as PLACEHOLDER_CHAR,
    is_placeholder,  # noqa: F401  (the readers' name for it)
)

# A tag ends at its first closer; the scan for it stops at the next opener of the same kind, so
# an unclosed "{{" costs the distance to the next "{{", never a scan to the end of the text per
# opener (quadratic on a file of unclosed tags).
_TAG = re.compile(
    r"(?P<triple>\{\{\{(?:(?!\}\}\}|\{\{).)*?\}\}\})"
    r"|(?P<mustache>\{\{(?P<sigil>[#^/!>&=]?)(?:(?!\}\}|\{\{).)*?\}\})"
    r"|(?P<stmt>\{%(?:(?!%\}|\{%).)*?%\})"
    r"|(?P<comment>\{#(?:(?!#\}|\{#).)*?#\})"
    r"|(?P<single>(?<!\{)\{[^\W\d][\w.\-]*(?:\|[\w.\-: ]*)?\}(?!\}))",
    re.S)
_DIRECTIVE_COMMENT = re.compile(r"\{#-?\s*replylint-", re.S)


def _fill(chunk: str, ch: str) -> str:
    return "".join(c if c in "\r\n" else ch for c in chunk)


def mask(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (masked text, all masked spans, value-placeholder spans)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    values: list[tuple[int, int]] = []
    pos = 0
    for m in _TAG.finditer(text):
        s, e = m.span()
        chunk = m.group(0)
        if m.group("comment") and _DIRECTIVE_COMMENT.match(chunk):
            continue  # a suppression directive: suppression.py masks it
        out.append(text[pos:s])
        value = bool(m.group("triple") or m.group("single")
                     or (m.group("mustache") and m.group("sigil") in ("", ">", "&")))
        out.append(_fill(chunk, PLACEHOLDER_CHAR if value else " "))
        spans.append((s, e))
        if value:
            values.append((s, e))
        pos = e
    out.append(text[pos:])
    masked = "".join(out)
    assert len(masked) == len(text)
    return masked, spans, values


def apply_to(doc) -> None:
    text, spans, values = mask(doc.text)
    doc.text = text
    doc.source_map.text = text
    doc.metadata["template_spans"] = spans
    doc.metadata["template_values"] = values
