"""Everything a check may ask about one document: the text, zones, the letter's facts (found
once by `structure.facts`), the one NLP analysis, the organisation settings and the rule's
effective options."""
from __future__ import annotations

from .document import Document
from .nlp import Analysis, analyse
from .structure.facts import Facts


class Context:
    def __init__(self, doc: Document, settings: dict | None = None,
                 rule_options: dict | None = None):
        self.doc = doc
        self.settings = settings or {}          # organisation settings (SPEC 4)
        self.rule_options = rule_options or {}  # rule id -> options from the config
        self.facts = Facts(doc)
        self._analysis: Analysis | None = None

    @property
    def analysis(self) -> Analysis:
        if self._analysis is None:
            self._analysis = analyse(self.doc)
        return self._analysis

    @property
    def lang(self) -> str:
        return self.doc.lang

    # the letter's facts (structure/facts.py) ----------------------------------------------
    @property
    def addressee(self):
        return self.facts.addressee

    @property
    def salutation(self):
        return self.facts.salutation

    @property
    def signer(self):
        return self.facts.signer

    @property
    def contact_phones(self) -> list[tuple[int, int]]:
        return self.facts.contact_phones

    @property
    def reply_end(self) -> int:
        return self.facts.reply_end

    @property
    def quotes(self) -> list[tuple[int, int]]:
        return self.facts.quotes

    @property
    def vi_kind(self) -> str:
        return self.facts.vi_kind

    @property
    def document_kind(self) -> str:
        return self.facts.document_kind

    @property
    def legacy_passages(self) -> list[tuple[int, int, str]]:
        return self.facts.legacy_passages

    @property
    def unreadable(self) -> bool:
        """Most of the letter is in a legacy encoding (TCVN3/VNI)."""
        return self.facts.unreadable

    # ----------------------------------------------------------------------------------------
    def options(self, rule) -> dict:
        """The rule's options: declared defaults < its YAML `options` < the configuration;
        per-language values resolved for this document."""
        declared = rule.checker.declared_options() if rule.checker is not None else {}
        merged = {k: o.default for k, o in declared.items() if o.default is not None}
        merged.update(rule.options)
        merged.update(self.rule_options.get(rule.id, {}))
        return {k: (v.get(self.lang, v.get("default")) if isinstance(v, dict)
                    and set(v) <= {"ru", "vi", "default", "en"} else v)
                for k, v in merged.items()}

    def spans(self, zones) -> list[tuple[int, int]]:
        if not zones or "all" in zones:
            return [(0, len(self.doc.text))]
        return self.doc.zone_spans(zones)
