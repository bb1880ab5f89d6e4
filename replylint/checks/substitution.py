"""`substitution`: flag a word or phrase and propose its replacement (fixable when exact).

A replacement starting with "?" is a hint for an ambiguous form (`hs: "?hồ sơ / học sinh"`):
shown as the suggestion, never applied by --fix."""
from __future__ import annotations

from .existence import Existence


def _as_entries(mapping):
    return [{"text": k, "suggestion": v} for k, v in (mapping or {}).items()]


class Substitution(Existence):
    PARAMS = {
        "swap": "map: lemma or phrase -> replacement",
        "swap_words": "map: surface word form -> replacement",
        "swap_tokens": "map: string matched as a whole token on the text -> replacement",
        "swap_patterns": "map: regular expression -> replacement",
        **{k: v for k, v in Existence.PARAMS.items()
           if k not in ("words", "lemmas", "phrases", "tokens", "patterns")},
    }

    def match_spec(self) -> dict:
        p = self.params
        return {"lemmas": _as_entries(p.get("swap")), "words": _as_entries(p.get("swap_words")),
                "tokens": _as_entries(p.get("swap_tokens")),
                "patterns": _as_entries(p.get("swap_patterns")), "max_gap": p.get("max_gap", 3)}

    def run(self, ctx):
        for m in self.matches(ctx):
            sugg = m.suggestion
            exact = not (sugg or "").startswith("?")
            if not exact:
                sugg = sugg[1:]
            if sugg is not None and ctx.doc.text[m.start:m.end][:1].isupper():
                sugg = sugg[:1].upper() + sugg[1:]
            d = self.hit(ctx, m.start, m.end, suggestion=sugg)
            d.exact = exact
            yield d
