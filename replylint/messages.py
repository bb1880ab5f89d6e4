"""A rule's message template filled with a finding's values ({match}, {suggestion}, {max} …).

A message comes from a rule pack, which may be a user's: untrusted text.  ``str.format`` would
let it reach attributes (``{match.__class__}``), index into values, or pad to any width
(``{match:>900000000}`` takes 3 GB), so messages are filled here instead, in one linear pass:
a field is a plain name with an optional conversion and a short format spec whose numbers are at
most ``MAX_WIDTH``; ``{{`` and ``}}`` are braces; anything else stays as written.  ``problems``
names what a pack's message does wrong, for the loader to refuse with file:line.
"""
from __future__ import annotations

import re

MAX_WIDTH = 200        # the widest padding or precision a message may ask for
_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_]\w*)(?:!([rsa]))?(?::([^{}]{0,20}))?\}")
_ANY_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_NUMBER = re.compile(r"\d+")


def _spec_ok(spec: str) -> bool:
    return all(len(n) <= 3 and int(n) <= MAX_WIDTH for n in _NUMBER.findall(spec))


def render(template: str, values: dict) -> str:
    """``template`` with each ``{name}`` of ``values`` filled; other text unchanged."""
    def fill(m: re.Match) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name, conversion, spec = m.group(1), m.group(2), m.group(3) or ""
        if name not in values:
            return token
        value = values[name]
        if conversion:
            value = {"r": repr, "s": str, "a": ascii}[conversion](value)
        if not _spec_ok(spec):
            return str(value)
        try:
            return format(value, spec)
        except (ValueError, TypeError):
            return str(value)
    return _FIELD.sub(fill, template)


def problems(template: str) -> list[str]:
    """Why a message template is refused at load (empty when it is fine)."""
    if not template.strip():
        return ["the message is empty"]
    out = []
    nested = re.search(r"\{[^{}]*\{(?!\{)", template.replace("{{", "").replace("}}", ""))
    if nested:
        return [f"message field at {nested.group(0)!r}…: a field inside a field"]
    for m in _ANY_FIELD.finditer(template):
        body = m.group(1)
        if body is None:
            continue
        name = re.split(r"[!:]", body, maxsplit=1)[0]
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            out.append(f"message field {m.group(0)!r}: only plain names like {{match}} may be used")
            continue
        field = _FIELD.fullmatch(m.group(0))
        if field is None:
            out.append(f"message field {m.group(0)!r}: a conversion !r/!s/!a and a short format "
                       "spec are all a field may have")
        elif not _spec_ok(field.group(3) or ""):
            out.append(f"message field {m.group(0)!r}: a width or precision over {MAX_WIDTH}")
    return out
