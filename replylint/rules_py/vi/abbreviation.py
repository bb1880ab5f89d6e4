"""`vi.abbreviation`: an abbreviation (UBND, TTHC, BHXH …) used in the body before it is
introduced as "Ủy ban nhân dân (UBND)" or "(sau đây gọi tắt là UBND)".

Not abbreviations here: words of a Vietnamese syllable written in capitals (KHÔNG, ĐẤT), Roman
numerals (II, XIV), symbols inside cited document numbers (412/QĐ-UBND, 103/2024/NĐ-CP,
QCVN 40:2011/BTNMT), words of an all-capital heading or shouted sentence, and the lines where
Nghị định 30 prescribes abbreviations (Số:, V/v, TM./KT./TL./TUQ./Q., Nơi nhận, Lưu: VT).
Allowlist: the rule's option `allow` and the organisation setting `allowed_abbreviations`
(both empty by default). Each abbreviation is reported once, at its first undefined use."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from ...matching import fold, quoted_spans
from ...options import Option
from ...spans import line_bounds, overlaps
from ...structure import vi
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "allow": Option("strings", [], "abbreviations allowed without their full form"),
    "units": Option("strings", [], "currency codes: units, not abbreviations"),
    "international": Option("strings", [], "international acronyms of foreign words: no Vietnamese full form"),
    "definition_phrases": Option("regexes", [], "what introduces an abbreviation inside parentheses",
                                 flags=regex.I),
    "organisations": Option("phrases", [], "kinds of organisation whose registered name may hold capitals"),
    "serial_words": Option("phrases", [], "words before the series letters of a serial number"),
    "admin_levels": Option("phrases", [], "levels of administration: a capital word before one names an office"),
    "prescribed_labels": Option("words", [], "labels of lines where Nghị định 30 prescribes abbreviations"),
}


@dataclass(frozen=True)
class Patterns:
    """The patterns built from the rule's word lists."""
    definition: regex.Pattern       # "(sau đây gọi tắt là UBND)"
    organisation_before: regex.Pattern
    serial_before: regex.Pattern
    admin_after: regex.Pattern
    prescribed_line: regex.Pattern


@lru_cache(maxsize=4)
def _patterns(definition: tuple, organisations: tuple, serial: tuple, admin: tuple, labels: tuple) -> Patterns:
    return Patterns(
        definition=compiled(rf"\(\s*(?:sau\s+đây\s+)?(?:được\s+)?{alternation(definition, escape=False)}"
                            r"\s*:?\s*(?P<x>[^()\n]{1,80})\)", regex.I),
                organisation_before=compiled(rf"{alternation(organisations, space=' ')}"
                                     r"(?:[ \t]+[\p{Lu}\d][\p{L}\d&.,-]*)*[ \t]+$"),
                serial_before=compiled(rf"\b{alternation(serial, space=' ')}[ \t]+$", regex.I),
                admin_after=compiled(rf"[ \t]+{alternation(admin, space=' ')}\b"),
        prescribed_line=compiled(
            rf"^[ \t]*(?:(?:{vi.NUMBER_LABEL})\s*:|(?:{vi.SUBJECT_MARK})\b|{vi.AUTHORITY}|{vi.RECIPIENTS_LABEL}"
            rf"|[-–•+]?\s*{alternation(labels)}\b|(?:ĐT|SĐT|ĐTDĐ|DĐ|Tel|Fax|Email|E-mail|Website|Hotline)\s*:)"),
    )


ABBR = regex.compile(r"(?<![\p{L}\d_])(?P<a>[A-ZĐ][A-ZĐ0-9]*[A-ZĐ][A-ZĐ0-9]*)(?![\p{L}\d_])")
_CODE_NEIGHBOUR_BEFORE = regex.compile(r"[\p{L}\d][/\-–.:][ \t]?$")
_CODE_NEIGHBOUR_AFTER = regex.compile(r"^[ \t]?[/\-–:][\p{L}\d]|^\.[\p{L}\d]")
_STANDARD = regex.compile(r"^[ \t]+\d+(?:[.:\-]\d+)*(?::\d{4}|/[\p{L}\d-]+)")
_ROMAN = regex.compile(r"^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?$")
_DEF_PAREN = regex.compile(r"(?<=[\p{L}\d\"”»][ \t]*)\((?P<x>[^()\n]{1,60})\)")
# "UBND (Ủy ban nhân dân)": the full form in parentheses right after the abbreviation
_FULL_AFTER = regex.compile(r"[ \t]*\((?P<x>[^()\n\d/]{3,80})\)")
_UPPER_WORD = regex.compile(r"[\p{Lu}\d][\p{Lu}\d.,:;/\-–()]*")
_WORD = regex.compile(r"\S+")


_SERIAL_AFTER = regex.compile(r"^[ \t]?\d{4,}\b")    # the number after a serial's letters
_TOKEN_EDGE = regex.compile(r"[\s(),;«»\"“”]")
# "THPT Nguyễn Du (Trường Trung học phổ thông Nguyễn Du)": a parenthesis later in the same
# clause whose words spell the abbreviation by their initials
_PAREN_LATER = regex.compile(r"[^()\n.;!?]{0,60}?\((?P<x>[^()\n]{3,100})\)")


def _spelled_by(abbr: str, inner: str) -> bool:
    """The initials of consecutive words of inner spell abbr ("THPT" ← "Trung học phổ thông",
    "KH&ĐT" ← "Kế hoạch và Đầu tư"; "và" may stand for "&" or be skipped)."""
    letters = fold(regex.sub(r"[^\p{L}]", "", abbr)).lower()
    words = [fold(w).lower() for w in regex.findall(r"\p{L}+", inner)]
    for i in range(len(words)):
        k, j = 0, i
        while j < len(words) and k < len(letters):
            if words[j][0] == letters[k]:
                k += 1
            elif words[j] != "va" or k == 0:
                break
            j += 1
        if k == len(letters):
            return True
    return False


def _is_code(text: str, st: int, en: int) -> bool:
    """The abbreviation is part of a document number or code ("412/QĐ-UBND", "H35.22-260410",
    "Mẫu TK1-TS"): the whole token has a digit or a "/"; a chain of letters only, "Phòng KT-HT-ĐT",
    "VH-XH", is a chain of abbreviations."""
    a = st
    while a > 0 and not _TOKEN_EDGE.match(text[a - 1]):
        a -= 1
    b = en
    while b < len(text) and not _TOKEN_EDGE.match(text[b]):
        b += 1
    token = text[a:b].rstrip(".:")
    return bool(regex.search(r"[\d/]", token))


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable in capitals ("KHÔNG", "ĐẤT", "CA"), not an abbreviation."""
    return bool(_SYLLABLE.match(fold(word).lower()))


def _definitions(text: str, definition: regex.Pattern) -> dict[str, int]:
    """abbreviation -> offset of its first definition."""
    out: dict[str, int] = {}
    for rx in (definition, _DEF_PAREN):
        for m in rx.finditer(text):
            inner = m.group("x")
            if rx is _DEF_PAREN:
                # "(UBND)", "(CB,CC,VC)", "(UBND xã)": a short group, not a citation
                if len(inner.split()) > 4 or regex.search(r"\d", inner):
                    continue
            for a in ABBR.finditer(inner):
                key = a.group("a")
                if key not in out or m.start() < out[key]:
                    out[key] = m.start()
    return out


def _shouted_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Runs of 3+ all-capital words (headings, shouted sentences) in text[s:e]."""
    spans = []
    run = []
    for m in _WORD.finditer(text, s, e):
        w = m.group()
        letters = [c for c in w if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            run.append(m.span())
            continue
        if not letters and run:       # numbers and dashes inside a heading keep the run
            continue
        if len(run) >= 3:
            spans.append((run[0][0], run[-1][1]))
        run = []
    if len(run) >= 3:
        spans.append((run[0][0], run[-1][1]))
    return spans


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    return line_bounds(text, pos)


def _in_recipients_block(text: str, pos: int) -> bool:
    """A "- …" line of a "Nơi nhận:" list (when the segmenter did not find the zone)."""
    ls, _ = _line_bounds(text, pos)
    if not regex.match(r"[ \t]*[-–•+]", text[ls:ls + 4]):
        return False
    j = ls
    for _ in range(30):
        if j <= 0:
            return False
        ps, _ = _line_bounds(text, j - 1)
        line = text[ps:j - 1]
        if regex.match(rf"[ \t]*(?:{vi.RECIPIENTS_LABEL})", line):
            return True
        if not regex.match(r"[ \t]*(?:[-–•+]|$)", line):
            return False
        j = ps
    return False


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    opts = check.options(ctx)
    allow = set(opts.get("allow") or ()) | set(ctx.settings.get("allowed_abbreviations") or ())
    known = set(opts.get("units") or ()) | set(opts.get("international") or ())
    pats = _patterns(*(tuple(opts.get(k) or ()) for k in (
        "definition_phrases", "organisations", "serial_words", "admin_levels", "prescribed_labels")))
    text = ctx.doc.text
    spans = ctx.spans(check.rule.zones)
    if not spans:
        return
    defs = _definitions(text, pats.definition)
    seen: set[str] = set()
    quoted = quoted_spans(text)
    for s, e in spans:
        shouted = _shouted_spans(text, s, e)
        for m in ABBR.finditer(text, s, e):
            a = m.group("a")
            if a in seen or a in allow or a in known:
                continue
            st, en = m.span("a")
            if _not_an_abbreviation(text, a, st, en, pats, quoted, shouted) \
                    or _explained(text, a, st, en, pats, defs):
                continue
            seen.add(a)
            yield check.hit(ctx, st, en, abbr=a)


def _not_an_abbreviation(text: str, a: str, st: int, en: int, pats, quoted, shouted) -> bool:
    """Capitals that are a word, a numeral, a code, a serial or a heading, or quoted."""
    if _ROMAN.match(a):
        return True
    if is_syllable(a) and not (a.isascii() and pats.admin_after.match(text, en)):
        return True         # "KHÔNG", "ĐẤT"; but "CA xã", "UB huyện" name an office
    if regex.search(r"\d", a):
        return True         # a form or model code glued to digits: "Mẫu CT01", "hạng B2", "lớp 7A3"
    if overlaps((st, en), quoted):
        return True         # inside a quoted name, label or the citizen's own words
    before, after = text[max(0, st - 3):st], text[en:en + 30]
    if (_CODE_NEIGHBOUR_BEFORE.search(before) or _CODE_NEIGHBOUR_AFTER.match(after)) \
            and _is_code(text, st, en) or _STANDARD.match(after):
        return True
    if _SERIAL_AFTER.match(after) and pats.serial_before.search(text, max(0, st - 12), st):
        return True
    return any(a0 <= st < b0 for a0, b0 in shouted)


def _explained(text: str, a: str, st: int, en: int, pats, defs) -> bool:
    """On a line where abbreviations are prescribed, or spelt out beside it or before."""
    ls, le = _line_bounds(text, st)
    if pats.prescribed_line.match(text[ls:le]) or _in_recipients_block(text, st):
        return True
    if _FULL_AFTER.match(text, en, min(len(text), en + 90)) or \
            pats.organisation_before.search(text, max(0, st - 120), st):
        return True
    later = _PAREN_LATER.match(text, en, min(len(text), en + 170))
    if later and _spelled_by(a, later.group("x")):
        return True
    d = defs.get(a)
    return d is not None and d <= st
