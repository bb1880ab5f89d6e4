"""Per-line features: what a line could be, judged on the line alone.

The segmenter then decides from the features and the line's place in the letter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import ru, vi
from .common import (
    EMAIL,
    ITEM,
    SENT_END,
    SIGN_MARK,
    URL,
    LangPatterns,
    is_phone_line,
    is_upper_line,
)
from .lines import Line

_UNKNOWN = ru.PATTERNS.merge(vi.PATTERNS)
# Reference lines of the Russian header that end an addressee block: "на № … от …", "OT".
_REF = re.compile(r"^(?:на|На|НА)\s*(?:№|N[oº°]?\b|No\b)|^(?:от|ОТ|OT)(?:\s.{0,30})?$"
                  r"|\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.?\s*)?(?:№|N[oº°]?\b|No\b)|^Số\s*:")
_ENDS_PERIOD = re.compile(r"[.!?…]['\"»”)]*$")
_NAME_PREFIX_BAD = re.compile(r"[.!?;:]$|\d")


def patterns_for(lang: str) -> LangPatterns:
    """Patterns for a language. Both languages' patterns are always used: they do not clash
    (Cyrillic vs Latin), and a short text the detector got wrong still gets its zones."""
    return _UNKNOWN


def _latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


def _vi_name(s: str, P: LangPatterns) -> tuple[bool, bool]:
    """(is a Vietnamese full name of 2–5 capitalised syllables, starts with a known surname)."""
    words = s.split()
    if not 2 <= len(words) <= 5:
        return False, False
    if s.isupper() and words[0].title() in P.surnames and not P.rx("position").search(s):
        # a name typed in capitals: only with a known family name, capitals are mostly
        # positions ("PHÓ CHỦ TỊCH": Phó is a family name too)
        return all(w.isalpha() and all(_latin(c) for c in w) for w in words), True
    for w in words:
        if len(w) < 1 or not w.isalpha() or not w[0].isupper() or (len(w) > 1 and not w[1:].islower()):
            return False, False
        if not all(_latin(c) for c in w):
            return False, False
    return True, words[0] in P.surnames


@dataclass
class Feat:
    wc: int = 0
    sal: bool = False
    closing: bool = False
    subj: bool = False
    subj_lead: bool = False
    kg: bool = False
    adr: bool = False
    ref: bool = False
    hdr_strong: bool = False
    hdr: bool = False
    org: bool = False             # starts like an organisation name (any length)
    name: str | None = None       # "init", "surname", "full", "vi"
    name_prefix: bool = False     # text (position, closing) before the name on the same line
    surname_known: bool = False
    pos: bool = False             # shaped like a position line (short, no sentence end)
    pos_kw: bool = False          # starts with a position word / authority mark, or capitals
    stamp: bool = False
    exe: bool = False
    contact: bool = False
    phone: bool = False
    rec: bool = False
    att: bool = False
    item: bool = False
    contactish: bool = False      # e-mail, URL or postal line
    sign_mark: bool = False       # "(Đã ký)", "(подпись)", "М.П.", "______"
    prose: bool = False


def classify(line: Line, P: LangPatterns) -> Feat:
    f = Feat()
    s = line.text
    if not s:
        return f
    wc = f.wc = len(s.split())
    short = wc <= 12 and len(s) <= 140
    f.item = bool(ITEM.match(s))
    f.sign_mark = bool(SIGN_MARK.match(s))
    f.phone = is_phone_line(s)
    f.contactish = bool(EMAIL.search(s) or URL.search(s))
    f.sal = bool(P.rx("salutation").search(s)) and (wc <= 12 or "!" in s[:100] or "," in s[:100])
    f.kg = bool(P.rx("addressee_label").search(s))
    f.subj = bool(P.rx("subject").search(s)) and wc <= 30
    f.subj_lead = bool(P.rx("subject_lead").search(s)) and wc <= 25 and not _ENDS_PERIOD.search(s)
    f.adr = bool(P.rx("addressee_line").search(s)) and wc <= 12
    f.ref = bool(_REF.search(s)) and wc <= 12
    f.hdr_strong = bool(P.rx("header_strong").search(s))
    f.org = bool(P.rx("header_org").search(s))
    f.hdr = f.hdr_strong or (short and (f.org or is_upper_line(s)))
    f.stamp = bool(P.rx("stamp").search(s))
    f.exe = bool(P.rx("executor").search(s))
    f.contact = bool(P.rx("contact").search(s))
    f.rec = bool(P.rx("recipients").search(s))
    f.att = bool(P.rx("attachments").search(s))
    m = P.rx("closing").search(s)
    if m:
        rest = s[m.end():].strip()
        f.closing = wc <= 5 or not rest or bool(_name_at_end(rest, P)[0])
    f.pos_kw = bool(P.rx("position").search(s)) or (is_upper_line(s) and not f.hdr_strong)
    f.pos = (short and not SENT_END.search(s) and not f.item and not f.closing and not f.sal
             and not f.phone and not f.ref) or (f.pos_kw and short and not f.closing)
    kind, prefix = _name_at_end(s, P)
    if kind and wc <= 16:
        if prefix:
            ok = not _NAME_PREFIX_BAD.search(prefix) or f.closing
            if kind == "surname":
                ok = ok and (line.gap or f.closing or bool(P.rx("position").search(prefix)))
            if kind in ("full", "pair"):
                ok = False
            if ok:
                f.name, f.name_prefix = kind, True
        elif kind != "pair" or not (f.org or f.pos_kw or f.hdr):
            f.name = kind  # "Начальник Управления" has the shape of "Мария Иванова" but is a position
    if not f.name and P.latin_names and not f.closing and (not f.pos_kw or s.isupper()):
        ok, known = _vi_name(s, P)
        if ok:
            f.name, f.surname_known = "vi", known
    if f.sign_mark:
        f.pos, f.pos_kw = True, False
    labelled = (f.sign_mark or f.closing or f.sal or f.kg or f.stamp or f.exe or f.contact or f.rec or f.att
                or f.item or f.name or f.phone or f.hdr_strong
                or ((f.subj or f.subj_lead) and not _ENDS_PERIOD.search(s)))
    f.prose = not labelled and ((wc >= 5 and bool(_ENDS_PERIOD.search(s))) or wc >= 14)
    return f


def _name_at_end(s: str, P: LangPatterns) -> tuple[str | None, str]:
    kind, prefix = _name_at_end_of(s, P)
    if kind is None and s.endswith(".") and not s.endswith("./.") and not s.endswith(".."):
        # «Исполняющий обязанности главы управы В.А. Буянов.», «С уважением, Ю. Зельников.»:
        # a signature typed as a sentence; only the name alone or after a position or closing
        kind, prefix = _name_at_end_of(s[:-1].rstrip(), P)
        if kind and prefix and not (P.rx("position").search(prefix) or P.rx("closing").search(prefix)):
            return None, ""
    return kind, prefix


def _name_at_end_of(s: str, P: LangPatterns) -> tuple[str | None, str]:
    tail = s[-160:]
    for kind, rx in P.name_end:
        m = rx.search(tail)
        if m:
            prefix = tail[:m.start()].strip()
            if len(s) > 160:
                prefix = s[: len(s) - 160].strip() + " " + prefix
            return kind, prefix.strip()
    return None, ""
