"""`common.personal-data`: identifiers of a person printed in clear.

Every candidate is validated by its checksum or structure, and by its label where the
number alone is ambiguous:
  bank card      13–19 digits (plain or in groups), Luhn, issuer prefix 2–6 or Napas 9704;
                 any prefix when labelled "карта", "card", "thẻ"
  СНИЛС          "123-456-789 01" (or 11 digits after the word СНИЛС), control number
  ИНН (person)   12 digits, both control digits (a 10-digit ИНН is an organisation's)
  passport (ru)  "серия 45 06 № 123456", "паспорт 4506 123456"
  полис ОМС      16 digits with "ОМС"/"полис" just before
  CCCD (vi)      12 digits: province code 001–096 (existing ones), century/sex digit 0–3
                 and a birth year not in the future; or any 12 digits labelled Căn cước/CCCD
  CMND (vi)      9 or 12 digits after "CMND"/"chứng minh nhân dân"
Quiet: numbers labelled as an organisation's (ОГРН, ИНН/КПП, ОКПО, БИК, р/с …) or sitting in the
letterhead (`header` zone), certificate serials of an e-signature stamp, phone numbers,
document numbers ("№ 01-05-7892/26"), dates, postal codes (6 digits).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from ...options import Option
from ...spans import line_bounds
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

# ------------------------------------------------------------------ checksums

def luhn(digits: str) -> bool:
    total, alt = 0, False
    for ch in reversed(digits):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


def snils_ok(digits: str) -> bool:
    if len(digits) != 11 or not digits.isdigit():
        return False
    number, control = digits[:9], int(digits[9:])
    if int(number) <= 1001998:          # numbers up to 001-001-998 carry no checksum
        return False
    if len(set(number)) == 1:
        return False
    s = sum(int(d) * (9 - i) for i, d in enumerate(number))
    while s > 101:
        s %= 101
    if s in (100, 101):
        s = 0
    return s == control


def inn12_ok(digits: str) -> bool:
    if len(digits) != 12 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    w1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    w2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    c1 = sum(a * b for a, b in zip(w1, d)) % 11 % 10
    c2 = sum(a * b for a, b in zip(w2, d)) % 11 % 10
    return c1 == d[10] and c2 == d[11] and len(set(digits)) > 2


def inn10_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return sum(a * b for a, b in zip(w, d)) % 11 % 10 == d[9]


# Province codes of the Vietnamese citizen identity number (Thông tư 07/2016/TT-BCA, 59/2021).
VN_PROVINCES = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
}


def cccd_ok(digits: str, today: date | None = None) -> bool:
    if len(digits) != 12 or not digits.isdigit() or digits[:3] not in VN_PROVINCES:
        return False
    century = digits[3]
    if century not in "0123":
        return False
    year = (1900 if century in "01" else 2000) + int(digits[4:6])
    return year <= (today or date.today()).year


# ------------------------------------------------------------------ masking

def mask(s: str, keep: int) -> str:
    """Replace all digits but the last `keep` with '*', keeping separators."""
    total = sum(c.isdigit() for c in s)
    out, seen = [], 0
    for c in s:
        if c.isdigit():
            seen += 1
            out.append(c if seen > total - keep else "*")
        else:
            out.append(c)
    return "".join(out)


# ------------------------------------------------------------------ candidates

D = r"(?<![\w/.\-№])"          # not glued to a word, a document number or a date
E = r"(?![\w/\-]|[.,]\d)"
CARD = regex.compile(
    D + r"(?:[2-6]\d{3}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?"       # 4-4-4-4(-3)
    r"|3[47]\d{2}[ \-]\d{6}[ \-]\d{5}"                             # Amex 4-6-5
    r"|[2-6]\d{12,18}"
    r"|9704(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?|9704\d{12,15})" + E)     # Napas (vi domestic)
SNILS = regex.compile(D + r"(?:\d{3}-\d{3}-\d{3}[ \-]?\d{2}|\d{3} \d{3} \d{3} \d{2})" + E)
DIGITS12 = regex.compile(D + r"\d{12}" + E)

# the rule's label vocabularies (options of rules/common/personal-data.yaml), each a list of
# regex fragments: the label of a kind of number, in every language the rule reads
LABELS = ("card_labels", "card_words", "number_words", "snils_labels", "passport_labels", "series_labels",
          "passport_number_words", "foreign_passport_labels", "oms_labels", "cccd_labels",
          "cmnd_labels", "organisation_labels", "stamp_words")
OPTIONS = {
    "card_labels": Option("regexes", [], "a bank card's label (карта, card, thẻ)"),
    "card_words": Option("regexes", [], "a card's label before a number that keeps it a card"),
    "number_words": Option("regexes", [], "'number' between a card label and the digits (№, номер, số)"),
    "snils_labels": Option("regexes", [], "the label of an СНИЛС"),
    "passport_labels": Option("regexes", [], "the label of a passport"),
    "series_labels": Option("regexes", [], "'series' before a passport's first four digits"),
    "passport_number_words": Option("regexes", [], "'number' between a passport's series and number"),
    "foreign_passport_labels": Option("regexes", [], "a foreign-travel passport or hộ chiếu"),
    "oms_labels": Option("regexes", [], "the label of a полис ОМС"),
    "cccd_labels": Option("regexes", [], "the label of a Vietnamese citizen identity number"),
    "cmnd_labels": Option("regexes", [], "the label of a Vietnamese identity card (CMND)"),
    "organisation_labels": Option("regexes", [], "labels of numbers that are not a person's: "
                                  "organisation codes, accounts, stamps, documents"),
    "stamp_words": Option("regexes", [], "words of an e-signature stamp line (its serials are no one's)"),
    "kind_names": Option("map", {}, "how the message names each kind of identifier"),
}


@dataclass(frozen=True)
class Patterns:
    """The labelled identifiers' patterns, built from the label vocabularies."""
    card_labelled: regex.Pattern
    snils_labelled: regex.Pattern
    passport: regex.Pattern
    passport_intl: regex.Pattern
    oms: regex.Pattern
    cccd_labelled: regex.Pattern
    cmnd: regex.Pattern
    organisation: regex.Pattern
    stamp_line: regex.Pattern
    card_word: regex.Pattern


@lru_cache(maxsize=8)
def _patterns(card, card_words, number, snils, passport, series, passport_number, foreign, oms, cccd, cmnd,
              organisation, stamp) -> Patterns:
    def alt(fragments):
        return alternation(fragments, escape=False)
    return Patterns(
        card_labelled=compiled(
            rf"(?i:{alt(card)})(?:\s+{alt(number)})?[\s:№]{{0,4}}"
            r"(?<![\d\-/])(\d{4}(?:[ \-]?\d{4}){2,3}(?:[ \-]?\d{1,3})?)" + E),
        snils_labelled=compiled(rf"(?i:{alt(snils)})[\s:№.-]{{0,6}}(\d{{11}}|\d{{3}}[ \-]\d{{3}}[ \-]\d{{3}}[ \-]?\d{{2}})" + E),
        passport=compiled(
            rf"(?i:(?:{alt(passport)}[^\n\d]{{0,40}}?)?{alt(series)}\s*)(\d{{2}}\s?\d{{2}})[\s,]*"
            rf"(?:(?i:{alt(passport_number)})\s*)?(\d{{6}})" + E
            + rf"|(?i:{alt(passport)})[^\n\d]{{0,50}}?(?<![\d\-/])(\d{{2}}\s?\d{{2}})\s*(?:№\s*)?(\d{{6}})" + E),
        passport_intl=compiled(rf"(?i:{alt(foreign)})[^\n\d]{{0,25}}?"
                               r"(?<![\w\-/])(\d{2}\s?(?:№\s?)?\d{7}|[A-Z]\d{7})" + E),
        oms=compiled(rf"(?i:{alt(oms)}[^\n\d]{{0,30}}?)(?<![\d\-/])(\d{{4}}[ \-]?\d{{4}}[ \-]?\d{{4}}[ \-]?\d{{4}})" + E),
        cccd_labelled=compiled(rf"(?i:{alt(cccd)})[^\n\d]{{0,20}}?(?<![\d\-/])(\d{{12}})" + E),
        cmnd=compiled(rf"(?i:{alt(cmnd)})[^\n\d]{{0,20}}?(?<![\d\-/])(\d{{9}}|\d{{12}})" + E),
        organisation=compiled(rf"(?i:{alt(organisation)})[^\n]{{0,12}}$"),
        stamp_line=compiled(rf"(?i){alt(stamp)}"),
        # a card label before a number also labelled as an organisation's keeps it a card
        card_word=compiled(rf"(?i){alt(card_words)}"),
    )


def patterns_of(opts: dict) -> Patterns:
    return _patterns(*(tuple(opts.get(name) or ()) for name in LABELS))


@lru_cache(maxsize=1)
def default_patterns() -> Patterns:
    """The patterns of the built-in rule's options (for callers outside a lint run)."""
    from ...packs import load_rules
    rule = next(r for r in load_rules(["common"]) if r.id == "common.personal-data")
    return patterns_of(rule.options)


class Identifier(NamedTuple):
    start: int
    end: int
    keep: int       # digits left visible when masking
    kind: str       # card, snils, inn, passport, oms, cccd, cmnd


class _Found:
    """Non-overlapping findings, the first one found at a place wins (kept sorted, so an
    overlap check is a binary search, not a scan of every earlier finding)."""

    def __init__(self):
        self.items = []
        self._sorted: list[tuple[int, int]] = []

    def add(self, start, end, keep):
        i = bisect.bisect_left(self._sorted, (start, end))
        if i and self._sorted[i - 1][1] > start:
            return
        if i < len(self._sorted) and self._sorted[i][0] < end:
            return
        self._sorted.insert(i, (start, end))
        self.items.append((start, end, keep))


def _line(text, pos):
    s, e = line_bounds(text, pos)
    return text[s:e], s


def _org_context(text, start, pats: Patterns) -> bool:
    """The number is labelled as an organisation's code, a document or stamp number."""
    line, ls = _line(text, start)
    before = text[max(ls, start - 40):start]
    if pats.organisation.search(before) and not pats.card_word.search(before):
        return True
    return bool(pats.stamp_line.search(line))


def _labelled(text: str, lang: str, pats: Patterns, add) -> None:
    """Identifiers with their label: the label makes them certain, so they are found first."""
    for m in pats.passport.finditer(text):
        g = [i for i in (1, 3) if m.group(i)]
        if g:
            i = g[0]
            add(m.start(i), m.end(i + 1), 2, "passport")
    for m in pats.passport_intl.finditer(text):
        add(m.start(1), m.end(1), 3, "passport")
    for m in pats.oms.finditer(text):
        add(m.start(1), m.end(1), 4, "oms")
    for m in pats.snils_labelled.finditer(text):
        digits = regex.sub(r"\D", "", m.group(1))
        # the label vouches for a bare 11-digit number; a formatted one must pass the checksum
        if snils_ok(digits) or (m.group(1).isdigit() and len(set(digits)) > 2):
            add(m.start(1), m.end(1), 2, "snils")
    for m in pats.card_labelled.finditer(text):
        digits = regex.sub(r"\D", "", m.group(1))
        # the label makes a grouped 16-digit number certain; otherwise Luhn decides
        grouped = regex.fullmatch(r"\d{4}(?:[ \-]\d{4}){3}", m.group(1))
        if 13 <= len(digits) <= 19 and (luhn(digits) or grouped) and len(set(digits)) > 2:
            add(m.start(1), m.end(1), 4, "card")
    if lang != "ru":
        for rx, kind in ((pats.cccd_labelled, "cccd"), (pats.cmnd, "cmnd")):
            for m in rx.finditer(text):
                add(m.start(1), m.end(1), 3, kind)


def _by_checksum(text: str, lang: str, pats: Patterns, header_spans, add) -> None:
    """Unlabelled numbers that pass their checksum and are not an organisation's."""
    def in_header(s):
        return any(hs <= s < he for hs, he in header_spans)

    for m in SNILS.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        if snils_ok(digits) and not _org_context(text, m.start(), pats):
            add(m.start(), m.end(), 2, "snils")
    for m in CARD.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        if not (13 <= len(digits) <= 19) or not luhn(digits):
            continue
        if in_header(m.start()) or _org_context(text, m.start(), pats):
            continue
        if len(digits) in (13, 15) and m.group().isdigit():
            # an unseparated 13/15-digit number is far likelier an ОГРН/ОГРНИП than a card
            continue
        add(m.start(), m.end(), 4, "card")
    for m in DIGITS12.finditer(text):
        digits = m.group()
        if in_header(m.start()) or _org_context(text, m.start(), pats):
            continue
        if lang == "vi":
            if cccd_ok(digits):
                add(m.start(), m.end(), 3, "cccd")
        elif inn12_ok(digits):
            add(m.start(), m.end(), 2, "inn")
        elif lang != "ru" and cccd_ok(digits):
            add(m.start(), m.end(), 3, "cccd")


def find_identifiers(text: str, lang: str, header_spans=(), patterns: Patterns | None = None) -> list[Identifier]:
    """Every personal identifier: where, the digits to keep when masking, its kind."""
    pats = patterns or default_patterns()
    found = _Found()
    kinds = {}

    def add(s, e, keep, kind):
        before = len(found.items)
        found.add(s, e, keep)
        if len(found.items) > before:
            kinds[(s, e)] = kind

    _labelled(text, lang, pats, add)
    _by_checksum(text, lang, pats, header_spans, add)
    return [Identifier(s, e, k, kinds[(s, e)]) for s, e, k in sorted(found.items)]


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    doc = ctx.doc
    opts = check.options(ctx)
    names = opts.get("kind_names") or {}
    header = doc.zone_spans(["header"])
    allowed = ctx.spans(check.rule.zones)
    for found in find_identifiers(doc.text, doc.lang, header, patterns_of(opts)):
        if not any(zs <= found.start < ze for zs, ze in allowed):
            continue
        yield check.hit(ctx, found.start, found.end, suggestion=mask(doc.text[found.start:found.end], found.keep),
                        kind=names.get(found.kind, found.kind))
