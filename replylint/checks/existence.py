"""`existence`: flag every occurrence of listed words, lemmas, phrases or patterns."""
from __future__ import annotations

from ..matching import Matcher, quoted_spans
from ..spans import overlaps
from .base import Check


class Existence(Check):
    PARAMS = {
        "words": "surface word forms", "lemmas": "lemma sequences (every inflected form)",
        "phrases": "surface word sequences", "patterns": "regular expressions",
        "tokens": "strings matched as whole tokens on the text (letter, digit, _ and ' boundaries)",
        "exceptions": "matcher spec (or list of patterns): a match inside one of these is skipped",
        "case_sensitive": "match case exactly (default false)",
        "fold_diacritics": "also match text typed without Vietnamese diacritics",
        "skip_quoted": "skip matches inside quotation marks «…» (default false)",
        "max_gap": "words a '…' in a lemma entry may skip (default 3)",
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.setup(self.match_spec())

    def match_spec(self) -> dict:
        return {k: self.params[k] for k in ("words", "lemmas", "phrases", "tokens", "patterns", "max_gap")
                if k in self.params}

    def setup(self, spec):
        p = self.params
        self.matcher = Matcher(spec, p.get("case_sensitive", False), p.get("fold_diacritics", False))
        self.exceptions = Matcher(p.get("exceptions"), p.get("case_sensitive", False),
                                  p.get("fold_diacritics", False))

    def matches(self, ctx):
        spans = ctx.spans(self.rule.zones)
        found = self.matcher.find(ctx, spans)
        skip = [(m.start, m.end) for m in self.exceptions.find(ctx, spans)] if self.exceptions else []
        if self.params.get("skip_quoted"):
            skip += quoted_spans(ctx.doc.text)
        return [m for m in found if not overlaps((m.start, m.end), skip)]

    def run(self, ctx):
        for m in self.matches(ctx):
            yield self.hit(ctx, m.start, m.end, suggestion=m.suggestion)
