"""`common.shouting`: text typed in capitals inside the body, and `!!`, `??`, `?!`.

A run of 3+ consecutive all-capital *words* fires; what does not count as a word here:
  * abbreviations (ЦЗН, ГИБДД ГУ МВД, UBND, HĐND, TTHC): Russian tokens pymorphy3 tags as
    abbreviations or with too few vowels to be spoken as a word; Vietnamese tokens that are
    not a well-formed Vietnamese syllable (UBND, VP, KT);
  * Roman numerals (XXI, II).
Quiet as well:
  * a short all-capital heading on a line of its own ("1. NỘI DUNG ĐƠN", "КЕТ QUẢ KIỂM TRA",
    "СВЕДЕНИЯ О СЕРТИФИКАТЕ ЭП"): no sentence-final full stop, at most `heading_words` words;
  * runs inside quotation marks «…» (names of programmes, organisations, UI labels);
  * a Vietnamese person's name in capitals after Ông/Bà/anh/chị ("ông NGUYỄN VĂN AN");
  * positions and authority lines (TM., KT., TL., TUQ., Q.; "CHỦ TỊCH") and the national title.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from ...matching import fold, quoted_spans
from ...nlp import morph_ru
from ...options import Option
from ...spans import line_bounds
from ...structure import vi
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "min_words": Option("int", 3, "all-capital words in a run that fires"),
    "heading_words": Option("int", 12, "most words of a capitals line that is a heading"),
    "legal_forms": Option("strings", [], "legal forms of organisations written in capitals: abbreviations"),
    "name_titles": Option("words", [], "titles before a Vietnamese name in capitals (lower case)"),
    "state_names": Option("regexes", [], "a line with the state's name in capitals is a letterhead",
                          flags=regex.I),
}

WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'][\p{L}\p{M}]+)*")
PUNCT_RUN = regex.compile(r"(?<![!?])(?:[!?]{2,})(?![!?])")
ROMAN = regex.compile(r"^(?=[IVXLCDM]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
VOWELS_RU = set("АЕЁИОУЫЭЮЯ")
VI_VOWELS = "AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
VI_SYLLABLE = regex.compile(
    rf"^(?:NGH|NG|NH|CH|GH|GI|KH|PH|TH|TR|QU|[BCDĐGHKLMNPQRSTVX])?[{VI_VOWELS}]{{1,3}}(?:NG|NH|CH|[CMNPTIUYO])?$")
AUTHORITY = regex.compile(rf"^\s*{vi.AUTHORITY}", regex.I)
# the national title and motto (vi, matched on the folded line) and the Russian state's name
NATIONAL_FOLDED = regex.compile(rf"{vi.NATIONAL_TITLE_PART_FOLDED}|{vi.MOTTO_FOLDED}", regex.I)


def _is_upper_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters)


@lru_cache(maxsize=50_000)
def _is_abbreviation(w: str, lang: str) -> bool:
    """An all-capital token that is an abbreviation rather than a word typed in capitals."""
    core = w.replace("-", "")
    if ROMAN.match(core):
        return True
    if lang == "vi" or regex.search(r"[A-ZĐ]", core):
        # a Latin-script token: a real Vietnamese syllable or not
        if len(core) == 1:
            return False
        return not VI_SYLLABLE.match(core)
    # Cyrillic: a dictionary word typed in capitals is a word; unknown short tokens and
    # tokens without vowels are abbreviations
    vowels = sum(c in VOWELS_RU for c in core)
    if vowels == 0:
        return True
    if len(core) == 1:
        return False
    morph = morph_ru()
    low = core.lower()
    parses = morph.parse(low)
    if parses and "Abbr" in str(parses[0].tag):
        return True
    if morph.word_is_known(low):
        return False
    return len(core) <= 6


def _line_bounds(text, pos):
    return line_bounds(text, pos)


def _is_heading_line(line: str, max_words: int) -> bool:
    """A short line in capitals standing alone: a section heading, not a shouted sentence."""
    body = regex.sub(r"^[\s#*>]*(?:[\dIVXivx]{1,4}[.)]|[a-zа-яđ][.)]|[-–—•])?\s*", "", line).strip(" *_#")
    if not body:
        return False
    words = WORD.findall(body)
    if not words or len(words) > max_words:
        return False
    if not all(_is_upper_word(w) for w in words):
        return False
    return not regex.search(r"[.!?…]\s*$", body) or regex.search(r"\b[A-ZА-ЯĐ]{1,4}\.$", body)


# A signer's position in capitals: "TRƯỞNG CÔNG AN PHƯỜNG", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH".
POSITION = regex.compile(rf"^{vi.AUTHORITY}|^{vi.POSITION_CAPS}\b")


def _is_position_column(line: str, s: int, e: int) -> bool:
    """The run is a position in capitals standing in a column of its own, as in a flattened
    two-column công văn footer: "Nơi nhận:            TRƯỞNG CÔNG AN PHƯỜNG"."""
    cols = [(m.start(), m.end()) for m in regex.finditer(r"\S+(?: {1,2}\S+)*", line)]
    for cs, ce in cols:
        if cs <= s and e <= ce:
            cell = line[cs:ce].strip(" *_")
            words = WORD.findall(cell)
            return (len(cols) > 1 and bool(words) and all(_is_upper_word(w) for w in words)
                    and bool(POSITION.match(cell)))
    return False


def _runs(text, s, e):
    """Maximal runs of all-capital tokens (letters only) inside [s, e), separated by spaces,
    commas, hyphens; a run ends at a lower-case word, a digit or a line break."""
    run = []
    for m in WORD.finditer(text, s, e):
        w = m.group()
        if _is_upper_word(w):
            if run:
                gap = text[run[-1].end():m.start()]
                if "\n" in gap or "\t" in gap or "   " in gap \
                        or regex.search(r"[\d.;:()«»\"!?]", gap):
                    yield run
                    run = []
            run.append(m)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    opts = check.options(ctx)
    min_words = int(opts.get("min_words", 3))
    heading_words = int(opts.get("heading_words", 12))
    legal = set(opts.get("legal_forms") or ())
    titles = {str(t).lower() for t in opts.get("name_titles") or ()}
    state = compiled(alternation(opts.get("state_names") or (), escape=False), regex.I)
    text = ctx.doc.text
    lang = ctx.lang
    quoted = quoted_spans(text)
    for zs, ze in ctx.spans(check.rule.zones):
        for run in _runs(text, zs, ze):
            words = [m for m in run if m.group().replace("-", "") not in legal
                     and not _is_abbreviation(m.group(), lang)]
            if len(words) < min_words:
                continue
            start, end = run[0].start(), run[-1].end()
            if any(qs <= start and end <= qe for qs, qe in quoted):
                continue
            ls, le = _line_bounds(text, start)
            line = text[ls:le]
            if _is_heading_line(line, heading_words) or AUTHORITY.match(line) or state.search(line) or NATIONAL_FOLDED.search(fold(line)):
                continue
            if _is_position_column(line, start - ls, end - ls):
                continue
            # a Vietnamese name in capitals after Ông/Bà: at most 5 syllables, nothing else
            before = WORD.findall(text[max(ls, start - 12):start])
            if lang == "vi" and before and before[-1].lower() in titles and len(run) <= 5:
                continue
            yield check.hit(ctx, start, end)
        for m in PUNCT_RUN.finditer(text, zs, ze):
            yield check.hit(ctx, m.start(), m.end())
