"""`required`: a zone, an e-mail header, or a word/pattern must be present."""
from __future__ import annotations

from ..matching import Matcher
from ..spans import report_span
from .base import Check


class Required(Check):
    PARAMS = {
        "zone": "a zone that must be present and not empty",
        "header": "an e-mail header (metadata key) that must be present and not empty",
        "words": "…or words that must occur in the rule's zones", "lemmas": "lemma sequences",
        "phrases": "word sequences", "patterns": "regular expressions",
        "report_at": "start or end of the document (default end)",
    }

    def __init__(self, rule):
        super().__init__(rule)
        spec = {k: self.params[k] for k in ("words", "lemmas", "phrases", "patterns") if k in self.params}
        self.matcher = Matcher(spec)
        if not (self.matcher or "zone" in self.params or "header" in self.params):
            raise ValueError("required needs zone, header, or words/lemmas/phrases/patterns")

    def run(self, ctx):
        doc = ctx.doc
        missing = False
        if "zone" in self.params:
            missing |= not doc.zone_text(self.params["zone"]).strip()
        if "header" in self.params:
            missing |= not str(doc.metadata.get(self.params["header"]) or "").strip()
        if self.matcher:
            missing |= not self.matcher.find(ctx, ctx.spans(self.rule.zones))
        if missing:
            s, e = report_span(doc.text, self.params.get("report_at", "end"))
            yield self.hit(ctx, s, e)
