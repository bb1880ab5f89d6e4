"""Spoken-language particles and words in a Vietnamese reply, on pyvi words (not syllables).

The lists live in the rule's YAML `options`:
  particles   flagged wherever pyvi finds them as a word of their own (nhé, nhỉ, nè, lắm …)
  final       flagged only at the end of a phrase (ạ, ha, à, thôi …): before punctuation,
              another particle or the end of the line
  initial     flagged only as the first word of a sentence or line (dạ, vâng, ừ, thôi)
  intensifiers  "quá" after the word it intensifies ("chậm quá", "lâu quá nên …", "quá trời"):
              at the end of a phrase or before one of `intensifier_next`; never after one of
              `formal_before` (vượt quá, không quá); "quá" before a word (quá hạn) is never flagged
  measure     "cái" as a measure word (not after a numeral, not inside a name "Cái Nhum")
  slang       spoken words of several syllables (tùm lum, lung tung), matched as phrases
  compounds   phrases that are never flagged (thôi việc, quá trình, Nha Trang, dạ dày …)
  suggest     replacement per word ("" = delete)
Quoted text (citizen speech) and capitalised words inside a sentence (names) are skipped.

pyvi sometimes glues an out-of-vocabulary particle to the word before or after it ("thông cảm
nha", "Tks Bà"): a multi-syllable word that is not one of `compounds` and has a listed syllable
is split back into its syllables for this check only."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ...matching import Matcher, quoted_spans
from ...options import Option
from ...spans import overlaps

OPTIONS = {
    "particles": Option("words", [], "flagged wherever pyvi finds them as a word"),
    "final": Option("words", [], "flagged at the end of a phrase only"),
    "initial": Option("words", [], "flagged as the first word of a sentence or line only"),
    "intensifiers": Option("words", [], "\"quá\" after the word it intensifies"),
    "intensifier_next": Option("words", [], "words after which an intensifier still counts as final"),
    "formal_before": Option("words", [], "never an intensifier after these (vượt quá, không quá)"),
    "measure": Option("words", [], "measure words (cái) outside names and after no numeral"),
    "slang": Option("phrases", [], "spoken words of several syllables"),
    "final_phrases": Option("phrases", [], "spoken phrases at the end of a phrase"),
    "compounds": Option("phrases", [], "phrases never flagged (thôi việc, quá trình, Nha Trang …)"),
    "suggest": Option("map", {}, "replacement per word (\"\" = delete)"),
}

_NUM = regex.compile(r"^\d[\d.,]*$")
_NUM_WORDS = {"một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mỗi",
              "từng", "vài", "các", "những", "mấy", "nhiều", "nghìn", "ngàn", "triệu", "trăm",
              "chục", "mươi", "vạn", "khoảng", "gần", "hơn", "trên", "dưới"}
_BREAK = {".", "!", "?", "…", ":", ";", "(", ")", "\"", "“", "”", "«", "»", "-", "–", "—"}
_MATCHERS: dict = {}


def _compounds(opts) -> Matcher:
    key = tuple(opts.get("compounds") or ())
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher({"phrases": list(key)}, case_sensitive=False)
    return _MATCHERS[key]


def _slang(opts) -> Matcher:
    key = ("slang",) + tuple(opts.get("slang") or ())
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher({"phrases": list(key[1:])}, case_sensitive=False)
    return _MATCHERS[key]


@dataclass
class _Syl:
    """One syllable of a pyvi word that glued a particle to its neighbour."""
    text: str
    start: int
    end: int
    sent: int
    is_word: bool = True

    @property
    def lower(self):
        return self.text.lower()


_SYL = regex.compile(r"\S+")
# the end of a phrase, also after a trailing vocative: "đủ rồi đó.", "xong rồi đó Bà."
_PHRASE_END = regex.compile(
    r"(?:[ \t]+(?:Quý[ \t]+)?(?:Ông/Bà|Ông|Bà|Anh|Chị|Cô|Chú|Bác|em)(?:[ \t]+ạ)?)?[ \t]*(?:[.!?,;…]|$)", regex.M)
_HONORIFIC = {"bà", "ông", "anh", "chị", "ông/bà", "cô", "chú", "bác", "em"}
_GLUE_ONLY = {"nhé", "nhá", "nè", "nhỉ", "ạ", "nghen", "nhen"}


def _split_glued(toks, watch, skip):
    """The tokens, with each multi-syllable word that contains a watched syllable (and is not a
    known compound) replaced by its syllables."""
    out = []
    for t in toks:
        if t.is_word and " " in t.text and not overlaps((t.start, t.end), skip):
            sy = [m for m in _SYL.finditer(t.text)]
            # a two-syllable word is usually a real one ("nhắc nhở", "con cái", "quá trình"):
            # split it only for a particle that ends no Vietnamese word
            hits = [m.group().lower() for m in sy if m.group().lower() in watch]
            if hits and (len(sy) >= 3 or any(h in _GLUE_ONLY for h in hits)):
                out += [_Syl(m.group(), t.start + m.start(), t.start + m.end(), t.sent) for m in sy]
                continue
        out.append(t)
    return out


def _lowset(values):
    return {str(v).lower() for v in values or ()}


def find(ctx, check):
    opts = check.options(ctx)
    particles = _lowset(opts.get("particles"))
    final = _lowset(opts.get("final"))
    initial = _lowset(opts.get("initial"))
    intens = _lowset(opts.get("intensifiers"))
    measure = _lowset(opts.get("measure"))
    f_before = _lowset(opts.get("formal_before"))
    i_next = _lowset(opts.get("intensifier_next"))
    suggest = {str(k).lower(): v for k, v in (opts.get("suggest") or {}).items()}
    all_particles = particles | final | initial
    text = ctx.doc.text
    spans = ctx.spans(check.rule.zones)
    if not spans:
        return
    skip = quoted_spans(text)
    comp = _compounds(opts)
    if comp:
        skip += [(m.start, m.end) for m in comp.find(ctx, spans)]
    reported: list[tuple[int, int]] = []   # one finding per place: a phrase, not also its word
    if opts.get("slang"):
        for m in _slang(opts).find(ctx, spans):
            if not overlaps((m.start, m.end), skip) and text[m.start:m.start + 1].islower():
                sugg = suggest.get(text[m.start:m.end].lower())
                reported.append((m.start, m.end))
                yield check.hit(ctx, m.start, m.end, suggestion=sugg if sugg else None,
                                hint=(f"; có thể thay bằng «{sugg}»" if sugg else "; nên bỏ"))
    if opts.get("final_phrases"):
        key = ("final",) + tuple(opts.get("final_phrases") or ())
        if key not in _MATCHERS:
            _MATCHERS[key] = Matcher({"phrases": list(key[1:])}, case_sensitive=False)
        for m in _MATCHERS[key].find(ctx, spans):
            if not overlaps((m.start, m.end), skip + reported) and _PHRASE_END.match(text, m.end):
                reported.append((m.start, m.end))
                yield check.hit(ctx, m.start, m.end, suggestion=None, hint="; nên bỏ")
    an = ctx.analysis
    for s, e in spans:
        toks = _split_glued(an.tokens_in(s, e), all_particles | intens | measure, skip)
        for i, t in enumerate(toks):
            low = t.lower
            if low not in (all_particles | intens | measure):
                continue
            if overlaps((t.start, t.end), skip):
                continue
            prev = toks[i - 1] if i else None
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if prev is not None and "\n" in text[prev.end:t.start]:
                prev = None
            if nxt is not None and "\n" in text[t.end:nxt.start]:
                nxt = None
            at_start = prev is None or prev.text in _BREAK or prev.sent != t.sent
            at_end = nxt is None or not nxt.is_word or nxt.lower in all_particles or nxt.sent != t.sent
            if not at_end and nxt is not None and nxt.lower in _HONORIFIC:
                # a vocative after the particle: "… nha Bà.", "… ạ Ông!"
                j = i + 2
                after = toks[j] if j < len(toks) else None
                at_end = after is None or not after.is_word or after.sent != t.sent \
                    or "\n" in text[nxt.end:after.start]
            if t.text[:1].isupper() and not at_start:
                continue        # a name: "Nha Trang", "Cái Nhum", "Bà Hen"
            if " " not in low and nxt is not None and nxt.text[:1].isupper() and t.text[:1].isupper() \
                    and nxt.is_word and nxt.lower not in all_particles:
                continue        # "Cái Nhum", "Nha Trang" at the start of a sentence
            flag = False
            if low in particles:
                flag = True
            if not flag and low in final and at_end:
                # "ha" as hectares: "2,5 ha", "mười ha", "(ha)", "đồng/ha"
                flag = not (low == "ha" and prev is not None
                            and (_NUM.match(prev.text) or prev.lower in _NUM_WORDS
                                 or prev.text in ("(", "/") or text[t.start - 1:t.start] == "/"))
            if not flag and low in initial and at_start and (nxt is None or nxt.is_word or nxt.text == ","):
                flag = low != "thôi" or (nxt is not None and nxt.lower in (",", "thì"))
            if not flag and low in intens:
                if prev is not None and (prev.lower in f_before or prev.lower.split()[-1] in f_before):
                    flag = False
                elif nxt is None or not nxt.is_word:
                    flag = prev is not None and prev.is_word and not _NUM.match(prev.text)
                else:
                    # after the word it intensifies ("chậm quá nên …", "quá trời"); "quá lâu"
                    # before an adjective is ordinary written Vietnamese
                    flag = prev is not None and prev.is_word and (nxt.lower in i_next or nxt.lower in all_particles) \
                        and not _NUM.match(prev.text)
            if not flag and low in measure and (t.text.islower() or at_start and nxt is not None
                                                and nxt.is_word and nxt.text[:1].islower()):
                flag = not (prev is not None and (_NUM.match(prev.text) or prev.lower in _NUM_WORDS))
            if flag and not overlaps((t.start, t.end), reported):   # "hông" inside "hông có"
                sugg = suggest.get(low)
                yield check.hit(ctx, t.start, t.end, suggestion=sugg if sugg else None,
                                hint=(f"; có thể thay bằng «{sugg}»" if sugg else "; nên bỏ"))
