"""`consistency`: one of two (or more) variants throughout; the minority forms are flagged."""
from __future__ import annotations

from ..matching import Matcher
from .base import Check


class Consistency(Check):
    PARAMS = {"variants": "list of groups; each group a list of matcher specs or patterns",
              "case_sensitive": "match case exactly (default false)"}

    def __init__(self, rule):
        super().__init__(rule)
        groups = self.params.get("variants") or []
        cs = self.params.get("case_sensitive", False)
        self.groups = [[Matcher(v if isinstance(v, dict) else {"patterns": [v]}, cs) for v in g]
                       for g in groups]
        if any(len(g) < 2 for g in self.groups) or not self.groups:
            raise ValueError("consistency needs variants: groups of two or more")

    def run(self, ctx):
        spans = ctx.spans(self.rule.zones)
        for group in self.groups:
            found = [m.find(ctx, spans) for m in group]
            used = [f for f in found if f]
            if len(used) < 2:
                continue
            majority = max(used, key=len)
            for f in used:
                if f is majority:
                    continue
                for m in f:
                    yield self.hit(ctx, m.start, m.end, suggestion=ctx.doc.text[majority[0].start:majority[0].end])
