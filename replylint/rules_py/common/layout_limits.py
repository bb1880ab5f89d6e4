""".docx layout limits shared by common.page-format, common.margins and common.font. They read
``Document.layout`` (readers/docx.py).

Limits come, in increasing priority, from the rule's YAML ``options``, the organisation settings
``layout: {ru|vi: {page: …, margins: …, fonts: …, font_sizes: …}}`` and the rule's options in the
config file. Lengths are mm, sizes pt; a range is ``[min, max]`` with ``null`` for "no bound".
"""
from __future__ import annotations

from ...options import Option

TOLERANCE_MM = 0.5          # twips → mm rounding and editors' unit conversions

TOLERANCE_PAGE_MM = 2.0
TOLERANCE_TEXT_MM = 1.5     # PDF: glyph boxes reach a little above the line box the margin bounds

# the words of the messages, per language: the lists rules/common/lists/layout-words-*.yaml
WORDS = Option("map", {}, "the words of the message: sides, bounds, orientations, in the document's language")

PAPERS = {(210, 297): "A4", (215.9, 279.4): "Letter", (215.9, 355.6): "Legal", (148, 210): "A5",
          (297, 420): "A3", (182, 257): "B5 (JIS)", (176, 250): "B5"}


def words(ctx, check) -> dict:
    """The message words in the document's language (English for any other)."""
    return check.options(ctx)["words"]


def num(v) -> str:
    if v is None:
        return "?"
    v = round(float(v), 1)
    return str(int(v)) if v == int(v) else str(v)


def range_text(words: dict, lo, hi) -> str:
    if lo is not None and hi is not None:
        return words["range"].format(a=num(lo), b=num(hi))
    if lo is not None:
        return words["min"].format(a=num(lo))
    if hi is not None:
        return words["max"].format(b=num(hi))
    return words["any"]


def limits(ctx, check, key: str, settings_key: str | None = None):
    """The effective value of option `key`: YAML options < settings.layout < config options."""
    rule = check.rule
    lang = ctx.lang

    def resolve(v):
        if isinstance(v, dict) and v and set(v) <= {"ru", "vi", "en", "default"}:
            return v.get(lang, v.get("default"))
        return v
    value = resolve(rule.options.get(key))
    layout = (ctx.settings or {}).get("layout") or {}
    per_lang = layout.get(lang) if isinstance(layout.get(lang), dict) else None
    for src in (layout, per_lang):
        if isinstance(src, dict) and (settings_key or key) in src:
            value = resolve(src[settings_key or key])
    configured = (ctx.rule_options or {}).get(rule.id, {})
    if key in configured:
        value = resolve(configured[key])
    return value


def bounds(v):
    if v is None:
        return None, None
    if isinstance(v, (int, float)):
        return v, v
    if isinstance(v, dict):
        return v.get("min"), v.get("max")
    lo, hi = (list(v) + [None, None])[:2]
    return lo, hi


def first_paragraph(doc) -> tuple[int, int]:
    end = doc.text.find("\n")
    return 0, len(doc.text) if end < 0 else end
