"""Run a rule's YAML `examples` (bad must fire, good must stay quiet): used by the tests and
by `replylint explain` to show them."""
from __future__ import annotations

from .linter import document_from_text, lint


def example_cases(rule):
    """(expect_fire, text, lang, kind, metadata, format) for each example of a rule."""
    for kind_key, expect in (("bad", True), ("good", False)):
        for ex in rule.examples.get(kind_key) or []:
            if isinstance(ex, str):
                ex = {"text": ex}
            yield (expect, ex["text"], ex.get("lang"), ex.get("kind", "letter"),
                   ex.get("metadata") or {}, ex.get("format", "txt"))


def run_example(rule, text, lang=None, kind="letter", metadata=None, fmt="txt"):
    doc = document_from_text(text, lang=lang, kind=kind, metadata=metadata)
    doc.format = fmt
    doc.is_template = fmt == "template"
    return lint(doc, [rule])
