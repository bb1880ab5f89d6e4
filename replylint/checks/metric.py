"""`metric`: a measured value must stay within bounds (`max`, `min`, overridable in options)."""
from __future__ import annotations

import regex

from ..options import Option
from .base import Check


def count_words(ctx, s: int, e: int, collapse) -> int:
    """Words (ru) or syllables (vi) in text[s:e]; a match of a `collapse` pattern (a legal
    citation, a quoted title) counts as one word."""
    text = ctx.doc.text
    merged = []
    for p in collapse:
        try:
            merged += [m.span() for m in p.finditer(text, s, e, timeout=1.0)]
        except TimeoutError:
            continue
    n, counted = 0, set()
    for tok in ctx.analysis.tokens_in(s, e):
        if not tok.is_word:
            continue
        span = next((m for m in merged if m[0] <= tok.start < m[1]), None)
        if span:
            if span not in counted:
                counted.add(span)
                n += 1
            continue
        n += len(tok.text.split()) if ctx.lang == "vi" else 1
    return n


def _sentence_length(ctx, check):
    collapse = [regex.compile(p, regex.IGNORECASE) for p in check.params.get("collapse", [])]
    an = ctx.analysis
    for zs, ze in ctx.spans(check.rule.zones):
        for s, e in an.sentences:
            if s >= zs and e <= ze:
                yield count_words(ctx, s, e, collapse), s, e


def _paragraph_sentences(ctx, check):
    an = ctx.analysis
    for zs, ze in ctx.spans(check.rule.zones):
        for s, e in an.paragraphs:
            if s >= zs and e <= ze:
                n = len({an.sentence_index(t.start) for t in an.tokens_in(s, e)})
                yield n, s, e


def _pages(ctx, check):
    from ..pages import page_count
    pages = page_count(ctx.doc, ctx.settings.get("layout"))
    ctx.doc.metadata["pages"] = pages
    first_line_end = ctx.doc.text.find("\n")
    yield pages, 0, first_line_end if first_line_end > 0 else len(ctx.doc.text)


MEASURES = {"sentence_length": _sentence_length, "paragraph_sentences": _paragraph_sentences,
            "pages": _pages}


class Metric(Check):
    PARAMS = {"measure": f"one of {', '.join(MEASURES)}", "max": "upper bound", "min": "lower bound",
              "collapse": "patterns counted as one word each (sentence_length)"}
    OPTIONS = {"max": Option("number", None, "upper bound (overrides the rule's max)"),
               "min": Option("number", None, "lower bound (overrides the rule's min)")}

    def __init__(self, rule):
        super().__init__(rule)
        if self.params.get("measure") not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}")

    def run(self, ctx):
        opts = ctx.options(self.rule)
        hi = opts.get("max", self.params.get("max"))
        lo = opts.get("min", self.params.get("min"))
        if isinstance(hi, dict):
            hi = hi.get(ctx.lang, hi.get("default"))
        if isinstance(lo, dict):
            lo = lo.get(ctx.lang, lo.get("default"))
        for value, s, e in MEASURES[self.params["measure"]](ctx, self):
            if (hi is not None and value > hi) or (lo is not None and value < lo):
                shown = round(value, 1) if isinstance(value, float) else value
                yield self.hit(ctx, s, e, value=shown, max=hi, min=lo)
