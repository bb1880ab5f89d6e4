"""`conditional`: if a trigger is present, a companion must be too (sentence, paragraph or
document). Triggers under negation ("доводы не подтвердились") or modality ("будет
проверено", listed in `unless`) do not count."""
from __future__ import annotations

from ..matching import Matcher
from .base import Check

NEGATIONS = {
    "ru": {"не", "нет", "ни", "отсутствовать"},
    "vi": {"không", "chưa", "chẳng", "chả", "không hề", "chưa hề"},
}
WITHIN = ("sentence", "next-sentence", "paragraph", "document")


class Conditional(Check):
    PARAMS = {
        "if": "matcher spec of the trigger", "then": "matcher spec of the required companion",
        "within": "sentence | next-sentence | paragraph | document (default document)",
        "unless": "matcher spec: a trigger whose sentence also matches this does not count",
        "negation": "true, or a list of negation words: a trigger with one of them up to "
                    "`negation_window` words before it in its sentence does not count",
        "negation_window": "words before the trigger searched for a negation (default 3)",
        "then_zones": "zones searched for the companion (default: the rule's zones)",
    }

    def __init__(self, rule):
        super().__init__(rule)
        p = self.params
        if "if" not in p or "then" not in p:
            raise ValueError("conditional needs 'if' and 'then'")
        if p.get("within", "document") not in WITHIN:
            raise ValueError(f"within must be one of {', '.join(WITHIN)}")
        self.trigger = Matcher(p["if"])
        self.companion = Matcher(p["then"])
        self.unless = Matcher(p.get("unless"))

    def _negated(self, ctx, m) -> bool:
        neg = self.params.get("negation")
        if not neg:
            return False
        words = set(neg) if isinstance(neg, list) else NEGATIONS.get(ctx.lang, set())
        an = ctx.analysis
        i = an.token_index_at(m.start)
        sent = an.tokens[i].sent
        window = self.params.get("negation_window", 3)
        before = [t for t in an.tokens[max(0, i - window):i] if t.sent == sent and t.is_word]
        inside = an.tokens_in(m.start, m.end)
        return any(t.lower in words or t.lemma in words for t in before + inside)

    def _window(self, ctx, start):
        within = self.params.get("within", "document")
        an = ctx.analysis
        if within == "sentence":
            return [an.sentence_span(start)]
        if within == "next-sentence":
            k = an.sentence_index(start)
            s = an.sentences[k] if an.sentences else (0, len(ctx.doc.text))
            e = an.sentences[k + 1][1] if k + 1 < len(an.sentences) else s[1]
            return [(s[0], e)]
        if within == "paragraph":
            return [an.paragraph_span(start)]
        return None

    def run(self, ctx):
        zones = self.rule.zones
        spans = ctx.spans(zones)
        then_spans = ctx.spans(self.params.get("then_zones", zones))
        triggers = [m for m in self.trigger.find(ctx, spans) if not self._negated(ctx, m)]
        if self.unless:
            an = ctx.analysis
            triggers = [m for m in triggers if not self.unless.find(ctx, [an.sentence_span(m.start)])]
        if not triggers:
            return
        if self.params.get("within", "document") == "document":
            if not self.companion.find(ctx, then_spans):
                m = triggers[0]
                yield self.hit(ctx, m.start, m.end)
            return
        for m in triggers:
            window = self._window(ctx, m.start)
            if not self.companion.find(ctx, window):
                yield self.hit(ctx, m.start, m.end)
