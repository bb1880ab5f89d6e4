"""Word-processor paragraphs → text, ¶N anchors and layout facts (shared by .docx and .odt).

A reader extracts ``(text, facts)`` per paragraph (facts as listed in readers/docx.py) and the
runs of each paragraph as ``(characters, font, size)``; ``assemble`` lays the paragraphs out one
per line (a blank line where spacing sets two paragraphs apart, leading spaces for a deep left
indent) with one anchor per paragraph and per line break inside it; ``summarize`` finds the
dominant body font, size, line and paragraph spacing and the legacy-font paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter

LEGACY_FONT = re.compile(r"^\s*(?:\.vn|vni[-_ ]|vn[-_ ]?(?:times|arial|helv)|abc\b|tcvn)", re.I)
DEFAULT_FONT_SIZE = 10.0     # pt, when no style gives one (ECMA-376; ODF leaves it to the app)
SINGLE_LINE_EM = 1.15        # keep in step with pages.LINE_HEIGHT_EM (for exact → multiple)
INDENT_COLUMN_PT = 144.0     # a left indent this deep (2 in) puts a paragraph in a right column
INDENT_MIN_SPACES = 12       # the segmenter reads a line indented this much as a right column
PARAGRAPH_GAP_EM = 0.5       # space between two paragraphs (pt / font size) read as a blank line


def indent_spaces(text: str, f: dict) -> int:
    """Leading spaces standing for a deep left indent (a signature or a name set in the right
    half of the page by indentation, not by a table), as in a plain-text transcription."""
    left = f.get("indent_left") or 0.0
    if left < INDENT_COLUMN_PT or not text.strip() or f.get("table") or "\n" in text:
        return 0
    size = f.get("size") or DEFAULT_FONT_SIZE
    return max(INDENT_MIN_SPACES, min(80, round(left / (size / 2))))


def separators(paras) -> list[str]:
    """What follows each paragraph in the text: "\n", or "\n\n" when the space after it and
    before the next one (both with text, outside tables, no contextual spacing between
    paragraphs of one style) is at least half a line -- the blank line of a plain-text
    transcription, which the segmenter reads as a paragraph break."""
    out = []
    for i, (text, f) in enumerate(paras):
        sep = "\n"
        if i + 1 < len(paras):
            ntext, g = paras[i + 1]
            if (text.strip() and ntext.strip() and f.get("part") == g.get("part")
                    and f.get("part") in ("body", "header", "footer", "textbox")):
                after = f.get("space_after") or 0.0
                before = g.get("space_before") or 0.0
                if f.get("contextual_spacing") and g.get("contextual_spacing") \
                        and f.get("style") == g.get("style"):
                    after = before = 0.0
                size = f.get("size") or DEFAULT_FONT_SIZE
                if max(after, before) >= PARAGRAPH_GAP_EM * size:
                    sep = "\n\n"
        out.append(sep)
    return out


def assemble(paras) -> tuple[str, list[tuple[int, int, int]], list[dict]]:
    """(text, anchors, facts) of ``[(text, facts), …]``; facts gain n, start and end."""
    parts, anchors, facts = [], [], []
    offset = 0
    seps = separators(paras)
    for n, (text, f) in enumerate(paras, start=1):
        lead = indent_spaces(text, f)
        if lead:                         # spaces before the paragraph's own text (no source)
            parts.append(" " * lead)
            offset += lead
        anchors.append((offset, n, 1))
        i = text.find("\n")
        while i >= 0:
            anchors.append((offset + i + 1, n, i + 2))
            i = text.find("\n", i + 1)
        facts.append({"n": n, "start": offset, "end": offset + len(text), **f})
        parts.append(text + seps[n - 1])
        offset += len(text) + len(seps[n - 1])
    return ("".join(parts)[:-1] if parts else ""), anchors, facts


def _dominant(counter: Counter):
    return counter.most_common(1)[0][0] if counter else None


def summarize(facts: list[dict], runs_by_para: list[list[tuple[int, str | None, float]]]) -> dict:
    """body_font, body_font_size, line_spacing, paragraph_spacing, legacy_fonts (readers/docx.py)."""
    fonts, sizes, spacing, pspacing = Counter(), Counter(), Counter(), Counter()
    legacy: list[tuple[int, str]] = []
    for f, runs in zip(facts, runs_by_para):
        for font in f["fonts"]:
            if LEGACY_FONT.match(font) and (f["n"], font) not in legacy:
                legacy.append((f["n"], font))
        if f["part"] != "body":
            continue
        for n, font, size in runs:
            fonts[font] += n
            sizes[size] += n
        chars = f["end"] - f["start"]
        if chars:
            if f["line_rule"] == "auto":
                spacing[f["line"]] += chars
            else:
                spacing[round(f["line"] / (SINGLE_LINE_EM * f["size"]), 2)] += chars
            pspacing[f["space_before"] + f["space_after"]] += chars
    if not fonts:   # only tables (or nothing): every run counts
        for runs in runs_by_para:
            for n, font, size in runs:
                fonts[font] += n
                sizes[size] += n
    fonts.pop(None, None)
    return {"body_font": _dominant(fonts), "body_font_size": _dominant(sizes),
            "line_spacing": _dominant(spacing), "paragraph_spacing": _dominant(pspacing),
            "legacy_fonts": legacy}


def paragraph_fonts(runs, default_font, default_size) -> tuple[str | None, float, list[str]]:
    """(dominant font, dominant size, every font used) of one paragraph's runs, by characters."""
    fonts, sizes = Counter(), Counter()
    for n, f, s in runs:
        fonts[f] += n or 1
        sizes[s] += n or 1
    font = fonts.most_common(1)[0][0] if fonts else default_font
    size = sizes.most_common(1)[0][0] if sizes else default_size
    used = sorted({f for _, f, _ in runs if f} | ({font} if font else set()))
    return font, size, used
