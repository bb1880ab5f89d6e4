"""How many A4 pages a document fills: the editor's saved count for .docx when plausible,
else an estimate from the layout (page, margins, font size, line spacing)."""
from __future__ import annotations

DEFAULT_LAYOUT = {
    # mm and pt; vi per ND30 (Times New Roman 14, 20/20/30/15), ru per ГОСТ Р 7.0.97 practice
    "vi": {"page_width": 210, "page_height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15,
           "font_size": 14, "line_spacing": 1.15, "paragraph_spacing": 6},
    "ru": {"page_width": 210, "page_height": 297, "top": 20, "bottom": 20, "left": 20, "right": 10,
           "font_size": 14, "line_spacing": 1.0, "paragraph_spacing": 0},
}
PT_PER_MM = 72 / 25.4
CHAR_WIDTH_EM = 0.5      # average glyph width of Times New Roman in ems (Cyrillic and Latin)
LINE_HEIGHT_EM = 1.15    # single spacing line height of Times New Roman in ems


def layout_for(lang: str, overrides: dict | None = None) -> dict:
    base = dict(DEFAULT_LAYOUT.get(lang, DEFAULT_LAYOUT["ru"]))
    if overrides:
        base.update(overrides.get(lang, {}) if any(k in overrides for k in ("ru", "vi")) else overrides)
    return base


def estimate_pages(text: str, layout: dict) -> float:
    width_pt = (layout["page_width"] - layout["left"] - layout["right"]) * PT_PER_MM
    height_pt = (layout["page_height"] - layout["top"] - layout["bottom"]) * PT_PER_MM
    size = layout["font_size"]
    chars_per_line = max(1, int(width_pt / (size * CHAR_WIDTH_EM)))
    line_pt = size * LINE_HEIGHT_EM * layout["line_spacing"]
    lines, paragraphs = 0, 0
    for para in text.split("\n"):
        n = len(para.rstrip())
        lines += max(1, -(-n // chars_per_line))
        paragraphs += 1 if n else 0
    total_pt = lines * line_pt + paragraphs * layout.get("paragraph_spacing", 0)
    return round(total_pt / height_pt, 2)


def page_count(doc, overrides: dict | None = None) -> float:
    saved = (doc.layout or {}).get("saved_pages")
    if saved:
        return float(saved)
    return estimate_pages(doc.text, layout_for(doc.lang, overrides))
