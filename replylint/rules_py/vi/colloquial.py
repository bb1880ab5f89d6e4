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
from typing import TYPE_CHECKING

import regex

from ...matching import Matcher, cached_matcher, quoted_spans
from ...options import Option
from ...spans import overlaps
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

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
    "numerals": Option("words", [], "numerals and quantity words: 'cái', 'ha' after them are not speech"),
    "vocatives": Option("words", [], "how the citizen is called after a final particle (… nha Bà.)"),
    "vocative_prefix": Option("words", [], "a word before a vocative (Quý Ông/Bà)"),
    "vocative_particles": Option("words", [], "a particle after a vocative that still ends the phrase (… Bà ạ.)"),
    "glue_only": Option("words", [], "particles that end no Vietnamese word: split out of any word pyvi glued"),
    "hectare": Option("words", [], "particles that are also a unit after a number (2,5 ha)"),
    "hints": Option("map", {}, "the message's hint: replace ({suggestion}) or delete"),
}

_NUM = regex.compile(r"^\d[\d.,]*$")
_BREAK = {".", "!", "?", "…", ":", ";", "(", ")", "\"", "“", "”", "«", "»", "-", "–", "—"}
_SYL = regex.compile(r"\S+")


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


def _lowset(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@dataclass(frozen=True)
class Vocabulary:
    """The rule's word lists (its YAML options), lower-cased, with the matchers built from them."""
    particles: frozenset[str]
    final: frozenset[str]
    initial: frozenset[str]
    intensifiers: frozenset[str]
    measure: frozenset[str]
    formal_before: frozenset[str]
    intensifier_next: frozenset[str]
    numerals: frozenset[str]
    vocatives: frozenset[str]
    glue_only: frozenset[str]
    hectare: frozenset[str]
    suggest: dict
    hints: dict
    compounds: Matcher
    slang: Matcher
    final_phrases: Matcher
    phrase_end: regex.Pattern      # the end of a phrase, also after a trailing vocative

    @property
    def all_particles(self) -> frozenset[str]:
        return self.particles | self.final | self.initial

    @property
    def watched(self) -> frozenset[str]:
        return self.all_particles | self.intensifiers | self.measure

    def hint(self, sugg: str | None) -> str:
        return self.hints["replace"].format(suggestion=sugg) if sugg else self.hints["delete"]


def _phrases(values) -> Matcher:
    return cached_matcher({"phrases": list(values or ())}, case_sensitive=False)


def vocabulary(opts: dict) -> Vocabulary:
    # "đủ rồi đó.", "xong rồi đó Bà.", "… nha Quý Ông/Bà ạ."
    prefix = alternation(opts.get("vocative_prefix") or (), space=r"[ \t]+")
    vocative = alternation(opts.get("vocatives") or (), space=r"[ \t]+")
    polite = alternation(opts.get("vocative_particles") or (), space=r"[ \t]+")
    phrase_end = compiled(rf"(?:[ \t]+(?:{prefix}[ \t]+)?{vocative}(?:[ \t]+{polite})?)?"
                          r"[ \t]*(?:[.!?,;…]|$)", regex.M)
    return Vocabulary(
        particles=_lowset(opts.get("particles")), final=_lowset(opts.get("final")),
        initial=_lowset(opts.get("initial")), intensifiers=_lowset(opts.get("intensifiers")),
        measure=_lowset(opts.get("measure")), formal_before=_lowset(opts.get("formal_before")),
        intensifier_next=_lowset(opts.get("intensifier_next")), numerals=_lowset(opts.get("numerals")),
        vocatives=_lowset(opts.get("vocatives")), glue_only=_lowset(opts.get("glue_only")),
        hectare=_lowset(opts.get("hectare")),
        suggest={str(k).lower(): v for k, v in (opts.get("suggest") or {}).items()},
        hints=dict(opts.get("hints") or {}),
        compounds=_phrases(opts.get("compounds")), slang=_phrases(opts.get("slang")),
        final_phrases=_phrases(opts.get("final_phrases")), phrase_end=phrase_end)


def _split_glued(toks, vocab: Vocabulary, skip):
    """The tokens, with each multi-syllable word that contains a watched syllable (and is not a
    known compound) replaced by its syllables."""
    out = []
    watch = vocab.watched
    for t in toks:
        if t.is_word and " " in t.text and not overlaps((t.start, t.end), skip):
            sy = list(_SYL.finditer(t.text))
            # a two-syllable word is usually a real one ("nhắc nhở", "con cái", "quá trình"):
            # split it only for a particle that ends no Vietnamese word
            hits = [m.group().lower() for m in sy if m.group().lower() in watch]
            if hits and (len(sy) >= 3 or any(h in vocab.glue_only for h in hits)):
                out += [_Syl(m.group(), t.start + m.start(), t.start + m.end(), t.sent) for m in sy]
                continue
        out.append(t)
    return out


@dataclass
class Place:
    """Where a token stands in its phrase."""
    prev: object | None         # the token before, on the same line (None at a line start)
    nxt: object | None          # the token after, on the same line
    at_start: bool              # first word of a sentence or line
    at_end: bool                # last word of a phrase (punctuation, a particle, a vocative next)


def _place(toks, i: int, text: str, vocab: Vocabulary) -> Place:
    t = toks[i]
    prev = toks[i - 1] if i else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if prev is not None and "\n" in text[prev.end:t.start]:
        prev = None
    if nxt is not None and "\n" in text[t.end:nxt.start]:
        nxt = None
    at_start = prev is None or prev.text in _BREAK or prev.sent != t.sent
    at_end = nxt is None or not nxt.is_word or nxt.lower in vocab.all_particles or nxt.sent != t.sent
    if not at_end and nxt is not None and nxt.lower in vocab.vocatives:
        # a vocative after the particle: "… nha Bà.", "… ạ Ông!"
        after = toks[i + 2] if i + 2 < len(toks) else None
        at_end = after is None or not after.is_word or after.sent != t.sent \
            or "\n" in text[nxt.end:after.start]
    return Place(prev, nxt, at_start, at_end)


def _is_name(t, place: Place, vocab: Vocabulary) -> bool:
    """A capitalised word inside a sentence, or two at its start: "Nha Trang", "Cái Nhum", "Bà Hen"."""
    if t.text[:1].isupper() and not place.at_start:
        return True
    nxt = place.nxt
    return (" " not in t.lower and nxt is not None and nxt.text[:1].isupper() and t.text[:1].isupper()
            and nxt.is_word and nxt.lower not in vocab.all_particles)


def _after_numeral(prev, vocab: Vocabulary) -> bool:
    return prev is not None and (bool(_NUM.match(prev.text)) or prev.lower in vocab.numerals)


def _is_final(t, place: Place, text: str, vocab: Vocabulary) -> bool:
    if not place.at_end:
        return False
    low, prev = t.lower, place.prev
    # "ha" as hectares: "2,5 ha", "mười ha", "(ha)", "đồng/ha"
    return not (low in vocab.hectare and prev is not None
                and (_after_numeral(prev, vocab) or prev.text in ("(", "/") or text[t.start - 1:t.start] == "/"))


def _is_initial(t, place: Place) -> bool:
    nxt = place.nxt
    if not (place.at_start and (nxt is None or nxt.is_word or nxt.text == ",")):
        return False
    # "thôi" opens a sentence as a particle only before a comma or "thì" ("Thôi, …", "Thôi thì …")
    return t.lower != "thôi" or (nxt is not None and nxt.lower in (",", "thì"))


def _is_intensifier(place: Place, vocab: Vocabulary) -> bool:
    prev, nxt = place.prev, place.nxt
    if prev is not None and (prev.lower in vocab.formal_before or prev.lower.split()[-1] in vocab.formal_before):
        return False
    if prev is None or not prev.is_word or _NUM.match(prev.text):
        return False
    if nxt is None or not nxt.is_word:
        return True
    # after the word it intensifies ("chậm quá nên …", "quá trời"); "quá lâu" before an
    # adjective is ordinary written Vietnamese
    return nxt.lower in vocab.intensifier_next or nxt.lower in vocab.all_particles


def _is_measure(t, place: Place, vocab: Vocabulary) -> bool:
    nxt = place.nxt
    if not (t.text.islower() or place.at_start and nxt is not None and nxt.is_word and nxt.text[:1].islower()):
        return False
    return not _after_numeral(place.prev, vocab)


def _is_colloquial(t, place: Place, text: str, vocab: Vocabulary) -> bool:
    low = t.lower
    return ((low in vocab.particles)
            or (low in vocab.final and _is_final(t, place, text, vocab))
            or (low in vocab.initial and _is_initial(t, place))
            or (low in vocab.intensifiers and _is_intensifier(place, vocab))
            or (low in vocab.measure and _is_measure(t, place, vocab)))


def _phrase_findings(ctx, check, vocab: Vocabulary, spans, skip, reported):
    """Spoken phrases: slang anywhere, final phrases at the end of a phrase."""
    text = ctx.doc.text
    for m in vocab.slang.find(ctx, spans) if vocab.slang else ():
        if not overlaps((m.start, m.end), skip) and text[m.start:m.start + 1].islower():
            sugg = vocab.suggest.get(text[m.start:m.end].lower())
            reported.append((m.start, m.end))
            yield check.hit(ctx, m.start, m.end, suggestion=sugg if sugg else None, hint=vocab.hint(sugg))
    for m in vocab.final_phrases.find(ctx, spans) if vocab.final_phrases else ():
        if not overlaps((m.start, m.end), skip + reported) and vocab.phrase_end.match(text, m.end):
            reported.append((m.start, m.end))
            yield check.hit(ctx, m.start, m.end, suggestion=None, hint=vocab.hint(None))


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    vocab = vocabulary(check.options(ctx))
    text = ctx.doc.text
    spans = ctx.spans(check.rule.zones)
    if not spans:
        return
    skip = quoted_spans(text)
    if vocab.compounds:
        skip += [(m.start, m.end) for m in vocab.compounds.find(ctx, spans)]
    reported: list[tuple[int, int]] = []   # one finding per place: a phrase, not also its word
    yield from _phrase_findings(ctx, check, vocab, spans, skip, reported)
    an = ctx.analysis
    watched = vocab.watched
    for s, e in spans:
        toks = _split_glued(an.tokens_in(s, e), vocab, skip)
        for i, t in enumerate(toks):
            if t.lower not in watched or overlaps((t.start, t.end), skip):
                continue
            place = _place(toks, i, text, vocab)
            if _is_name(t, place, vocab):
                continue
            if _is_colloquial(t, place, text, vocab) and not overlaps((t.start, t.end), reported):
                sugg = vocab.suggest.get(t.lower)       # "hông" inside "hông có" is reported once
                yield check.hit(ctx, t.start, t.end, suggestion=sugg if sugg else None, hint=vocab.hint(sugg))
