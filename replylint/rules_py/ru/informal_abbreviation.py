"""`ru.informal-abbreviation`: т.к., т.е., кол-во … in prose (exact expansions are fixes, ambiguous ones only hints)."""
from __future__ import annotations

import regex

from ...options import Option
from ...spans import inside

OPTIONS = {
    "abbreviations": Option("regex_map", {}, "pattern -> expansion (a fix), or '?hint' (no fix)"),
}

_COMPILED: dict = {}


def _pattern(p: str):
    r = _COMPILED.get(p)
    if r is None:
        r = _COMPILED[p] = regex.compile(p)
    return r


def find(ctx, check):
    opts = check.options(ctx)
    table = opts.get("abbreviations") or {}
    text = ctx.doc.text
    q = ctx.quotes
    found = []
    for zs, ze in ctx.spans(check.rule.zones):
        for pat, expansion in table.items():
            for m in _pattern(pat).finditer(text, zs, ze, timeout=1.0):
                if inside(m.start(), q):
                    continue
                found.append((m.start(), m.end(), str(expansion)))
    found.sort()
    last_end = -1
    for s, e, exp in found:
        if s < last_end:
            continue
        last_end = e
        if exp.startswith("?"):
            yield check.hit(ctx, s, e, suggestion=None, hint=f" ({exp[1:]})")
        else:
            sugg = exp
            if text[s].isupper():
                sugg = sugg[:1].upper() + sugg[1:]
            yield check.hit(ctx, s, e, suggestion=sugg, hint=f": «{sugg}»")
