"""The linter loop: for one document, dispatch every applicable rule and finish its findings."""
from __future__ import annotations

from . import budget, messages
from .context import Context
from .diagnostic import Diagnostic
from .document import Document, SourceMap
from .failures import record, strict
from .matching import PatternTimeout
from .structure import segment


def applicable(rule, doc: Document) -> bool:
    if rule.lang is not None and rule.lang != doc.lang:
        return False
    if doc.kind not in rule.kinds:
        return False
    if rule.formats is not None and doc.format not in rule.formats:
        return False
    if doc.is_template and not rule.templates:
        return False
    return True


def prepare(doc: Document) -> Document:
    if not doc.zones:
        doc.zones = segment(doc.text, doc.lang, doc.kind, doc.metadata)
    return doc


def finish(d: Diagnostic, rule, doc: Document, severity: str | None) -> Diagnostic:
    lang = doc.lang if doc.lang in ("ru", "vi") else "en"
    d.severity = severity or rule.severity
    if d.suggestion is None:
        d.suggestion = rule.suggestion_for(lang)
    # a suggestion may carry the spacing its fix needs (" phút" after "15p"): not the message
    values = {"match": d.match, "suggestion": (d.suggestion or "").strip(), **getattr(d, "args", {})}
    d.message = messages.render(d.message or rule.message_for(lang), values)
    d.source = rule.source_text(doc.lang)
    d.cite = rule.short_citation(doc.lang)
    d.fixable = bool(rule.fixable and d.suggestion is not None and d.exact)
    p, q = doc.source_map.position(d.start), doc.source_map.position(max(d.start, d.end))
    d.line, d.column, d.end_line, d.end_column, d.unit = p.line, p.column, q.line, q.column, p.unit
    d.page = p.page
    return d


def lint(doc: Document, rules, settings: dict | None = None, rule_options: dict | None = None,
         severities: dict | None = None) -> list[Diagnostic]:
    """Findings of `rules` on `doc`; `severities` maps rule id -> configured severity."""
    prepare(doc)
    ctx = Context(doc, settings, rule_options)
    out = []
    for rule in rules:
        if not applicable(rule, doc):
            continue
        budget.check()
        try:
            if rule.document_kinds and ctx.document_kind not in rule.document_kinds:
                continue        # a công văn formality on a portal reply, a phone rule …
            found = list(rule.checker.run(ctx))
        except PatternTimeout as e:   # a user regex that backtracks costs its rule, not the file
            doc.metadata.setdefault("notes", []).append(f"{rule.id} skipped: {e}")
            continue
        except Exception as e:  # a bug in one rule must not hide the others' findings
            if strict():
                raise
            record(doc.metadata, f"{rule.id} skipped", e)
            continue
        for d in found:
            if doc.is_suppressed(rule.id, d.start):
                continue
            if doc.unreadable and not rule.sees_unreadable \
                    and doc.is_unreadable(d.start, max(d.end, d.start + 1)):
                continue
            out.append(finish(d, rule, doc, (severities or {}).get(rule.id)))
    out.sort(key=Diagnostic.sort_key)
    return out


def document_from_text(text: str, lang: str | None = None, kind: str = "letter",
                       path: str = "<text>", metadata: dict | None = None) -> Document:
    """A Document straight from a string (rule examples, tests, the API)."""
    from .language import detect, legacy_spans
    return Document(path=path, text=text, source_map=SourceMap(text), lang=lang or detect(text),
                    kind=kind, metadata=dict(metadata or {}), unreadable=legacy_spans(text))
