"""Everything a check may ask about one document: the text, zones, the one NLP analysis,
the organisation settings and the rule's effective options."""
from __future__ import annotations

from .document import Document
from .nlp import Analysis, analyse


class Context:
    def __init__(self, doc: Document, settings: dict | None = None,
                 rule_options: dict | None = None):
        self.doc = doc
        self.settings = settings or {}          # organisation settings (SPEC 4)
        self.rule_options = rule_options or {}  # rule id -> options from the config
        self.cache: dict = {}                   # per-document facts shared by rules
        self._analysis: Analysis | None = None

    @property
    def analysis(self) -> Analysis:
        if self._analysis is None:
            self._analysis = analyse(self.doc)
        return self._analysis

    @property
    def lang(self) -> str:
        return self.doc.lang

    def options(self, rule) -> dict:
        """The rule's YAML options, overridden by the config; per-language values resolved."""
        merged = dict(rule.options)
        merged.update(self.rule_options.get(rule.id, {}))
        return {k: (v.get(self.lang, v.get("default")) if isinstance(v, dict)
                    and set(v) <= {"ru", "vi", "default", "en"} else v)
                for k, v in merged.items()}

    def spans(self, zones) -> list[tuple[int, int]]:
        if not zones or "all" in zones:
            return [(0, len(self.doc.text))]
        return self.doc.zone_spans(zones)

    def cached(self, key, compute):
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]
