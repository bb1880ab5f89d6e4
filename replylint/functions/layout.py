""".docx layout checks (SPEC 5.4): page format, margins, body font. They read
``Document.layout`` (readers/docx.py) and yield one finding per problem.

Limits come, in increasing priority, from the rule's YAML ``options``, the organisation settings
``layout: {ru|vi: {page: …, margins: …, fonts: …, font_sizes: …}}`` and the rule's options in the
config file. Lengths are mm, sizes pt; a range is ``[min, max]`` with ``null`` for "no bound".
"""
from __future__ import annotations

TOLERANCE_MM = 0.5          # twips → mm rounding and editors' unit conversions
TOLERANCE_PAGE_MM = 2.0
TOLERANCE_TEXT_MM = 1.5     # PDF: glyph boxes reach a little above the line box the margin bounds

_SIDES = {
    "ru": {"top": "верхнее", "bottom": "нижнее", "left": "левое", "right": "правое"},
    "vi": {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"},
    "en": {"top": "top", "bottom": "bottom", "left": "left", "right": "right"},
}
_WORDS = {
    "ru": {"min": "не менее {a}", "max": "не более {b}", "range": "{a}–{b}", "any": "любой",
           "or": " или ", "portrait": "книжная", "landscape": "альбомная", "unknown": "не указана"},
    "vi": {"min": "tối thiểu {a}", "max": "tối đa {b}", "range": "{a}–{b}", "any": "bất kỳ",
           "or": " hoặc ", "portrait": "khổ dọc", "landscape": "khổ ngang", "unknown": "không rõ"},
    "en": {"min": "at least {a}", "max": "at most {b}", "range": "{a}–{b}", "any": "any",
           "or": " or ", "portrait": "portrait", "landscape": "landscape", "unknown": "unknown"},
}
_PAPER = {(210, 297): "A4", (215.9, 279.4): "Letter", (215.9, 355.6): "Legal", (148, 210): "A5",
          (297, 420): "A3", (182, 257): "B5 (JIS)", (176, 250): "B5"}


def _lang(ctx) -> str:
    return ctx.lang if ctx.lang in ("ru", "vi") else "en"


def _num(v) -> str:
    if v is None:
        return "?"
    v = round(float(v), 1)
    return str(int(v)) if v == int(v) else str(v)


def _range_text(lang: str, lo, hi) -> str:
    words = _WORDS[lang]
    if lo is not None and hi is not None:
        return words["range"].format(a=_num(lo), b=_num(hi))
    if lo is not None:
        return words["min"].format(a=_num(lo))
    if hi is not None:
        return words["max"].format(b=_num(hi))
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


def _bounds(v):
    if v is None:
        return None, None
    if isinstance(v, (int, float)):
        return v, v
    if isinstance(v, dict):
        return v.get("min"), v.get("max")
    lo, hi = (list(v) + [None, None])[:2]
    return lo, hi


def _first_paragraph(doc) -> tuple[int, int]:
    end = doc.text.find("\n")
    return 0, len(doc.text) if end < 0 else end


def page_format(ctx, check):
    """Page not A4 portrait (or the configured `width`×`height` mm, `orientation`)."""
    layout = ctx.doc.layout or {}
    width, height = layout.get("page_width"), layout.get("page_height")
    want_w = limits(ctx, check, "width", "page_width") or 210
    want_h = limits(ctx, check, "height", "page_height") or 297
    want_o = limits(ctx, check, "orientation") or "portrait"
    if width is None or height is None:
        return
    orientation = layout.get("orientation") or ("landscape" if width > height else "portrait")
    short, long_ = sorted((float(width), float(height)))
    size_ok = abs(short - min(want_w, want_h)) <= TOLERANCE_PAGE_MM and \
        abs(long_ - max(want_w, want_h)) <= TOLERANCE_PAGE_MM
    landscape_page = float(width) > float(height) + TOLERANCE_PAGE_MM
    orient_ok = (orientation == want_o and not landscape_page) if want_o == "portrait" \
        else orientation == want_o
    if size_ok and orient_ok:
        return
    lang = _lang(ctx)
    paper = next((name for (pw, ph), name in _PAPER.items()
                  if abs(short - pw) <= TOLERANCE_PAGE_MM and abs(long_ - ph) <= TOLERANCE_PAGE_MM), None)
    found = f"{_num(width)} × {_num(height)} mm" + (f" ({paper})" if paper else "")
    s, e = _first_paragraph(ctx.doc)
    yield check.hit(ctx, s, e, found=found, orientation=_WORDS[lang].get(orientation, orientation),
                    expected=f"{_num(want_w)} × {_num(want_h)} mm")


def margins(ctx, check):
    """Margins of the first section outside the per-language limits (option `margins`)."""
    layout = ctx.doc.layout or {}
    wanted = limits(ctx, check, "margins")
    if not isinstance(wanted, dict):
        return
    lang = _lang(ctx)
    bad = []
    for side in ("top", "bottom", "left", "right"):
        value = layout.get(side)
        lo, hi = _bounds(wanted.get(side))
        if layout.get("margins_from_text"):   # PDF: the text's distance; the margin may be less
            hi = None
            lo = None if lo is None else lo - TOLERANCE_TEXT_MM
        if value is None or (lo is None and hi is None):
            continue
        if (lo is not None and value < lo - TOLERANCE_MM) or (hi is not None and value > hi + TOLERANCE_MM):
            bad.append(f"{_SIDES[lang][side]} {_num(value)} ({_range_text(lang, lo, hi)})")
    if bad:
        s, e = _first_paragraph(ctx.doc)
        yield check.hit(ctx, s, e, found="; ".join(bad),
                        **{k: _num(layout.get(k)) for k in ("top", "bottom", "left", "right")})


def _norm_font(name) -> str:
    return " ".join(str(name or "").lower().split())


def font(ctx, check):
    """Body font (most characters) not in `fonts` (null: any), or its size outside `sizes`."""
    doc = ctx.doc
    layout = doc.layout or {}
    body_font, body_size = layout.get("body_font"), layout.get("body_font_size")
    fonts = limits(ctx, check, "fonts")
    sizes = limits(ctx, check, "sizes", "font_sizes")
    lang = _lang(ctx)
    if isinstance(fonts, str):
        fonts = [fonts]
    font_bad = bool(fonts) and body_font is not None and \
        _norm_font(body_font) not in {_norm_font(f) for f in fonts}
    lo, hi = _bounds(sizes)
    size_bad = body_size is not None and ((lo is not None and body_size < lo - 0.01)
                                          or (hi is not None and body_size > hi + 0.01))
    if not (font_bad or size_bad):
        return
    # anchor: the first body paragraph set in the offending font or size
    s, e = _first_paragraph(doc)
    for p in layout.get("paragraphs") or ():
        if p.get("part") != "body" or p["end"] <= p["start"]:
            continue
        if (font_bad and p.get("font") == body_font) or (size_bad and p.get("size") == body_size):
            s, e = p["start"], p["end"]
            break
    expected = []
    if fonts:
        expected.append(_WORDS[lang]["or"].join(fonts))
    expected.append(_range_text(lang, lo, hi) + " pt")
    yield check.hit(ctx, s, e, found=f"{body_font or '?'} {_num(body_size)} pt",
                    expected=", ".join(expected), font=body_font or "?", size=_num(body_size))
