"""ru.abbreviation-undefined: an upper-case abbreviation used in the body before its full form
introduces it ("(далее – ЦЗН)", "(далее — ЦЗН)", "(далее - ЦЗН)", "(далее ЦЗН)", "полное
название (ЦЗН)", "ЦЗН (полное название)").

Not abbreviations here: the universally known ones (built-in list + config `allow` +
settings `allowed_abbreviations`), legal forms (ООО, ГБУ …), act numbers and codes with
digits ("59-ФЗ", "2334-ПП", "ГСП-4", "ГОСТ Р 52289"), words of an all-capital run of 3+ words
(that is common.shouting), Roman numerals, quoted names «…», letterhead and signature zones."""
from __future__ import annotations

import regex

from ...nlp import morph_ru, parse_ru
from ...options import Option
from ...spans import inside, line_bounds
from ...structure import ru

OPTIONS = {
    "allow": Option("strings", [], "abbreviations known to the organisation's readers, besides `known`"),
    "known": Option("words", [], "abbreviations every reader knows (РФ, ИНН, МВД …)"),
    "legal_forms": Option("words", [], "legal and organisational forms (ООО, ГБУ …)"),
    "latin_words": Option("words", [], "Latin words made of look-alike letters that are no Russian abbreviation (OK)"),
}

# Latin capitals that look like Cyrillic ones: "MP" typed for «МР» is still an abbreviation
LOOKALIKE = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")

ABBR = regex.compile(r"(?<![\w\-/.№])[А-ЯЁ]{2,}(?:[а-яё]{1,2}[А-ЯЁ]+)?(?![\w])")
# capitals where some or all letters are Latin look-alikes ("MP", "MФЦ"); Cyrillic in context
ABBR_LOOKALIKE = regex.compile(r"(?<![\w\-/.№])(?=[А-ЯЁ]*[ABCEHKMOPTXY])[А-ЯЁABCEHKMOPTXY]{2,}(?![\w])")
DEFINE_DALEE = regex.compile(r"\(\s*далее\s*(?:по\s+тексту\s*|также\s*|—|–|-|:|\s)\s*[—–\-:]?\s*([^()]{1,120})\)", regex.I)
DEFINE_DALEE_BARE = regex.compile(
    r"[,—–]\s*далее\s*(?:по\s+тексту\s*)?[—–\-:]?\s*(?:[«\"]?)(?-i:([А-ЯЁ]{2,}(?:[а-яё]{1,2}[А-ЯЁ]+)?))(?![\w])", regex.I)
DEFINE_PAREN = regex.compile(r"\(\s*([А-ЯЁ][А-ЯЁа-яё\s\-]{1,40}?)\s*\)")
ROMAN = regex.compile(r"^[IVXLСХ]+$")
# a line of an e-signature stamp left in the body ("Сертификат 01AB…, владелец ГКУ ЦЗН")
STAMP = regex.compile(ru.STAMP_OPENERS, regex.I)


def _allowed(ctx, check) -> set:
    opts = check.options(ctx)
    allow = {str(a).upper() for a in (opts.get("known") or []) + (opts.get("legal_forms") or [])}
    allow |= {str(a).upper() for a in opts.get("allow") or []}
    allow |= {str(a).upper() for a in (ctx.settings.get("allowed_abbreviations") or [])}
    return allow


def definitions(text: str) -> dict[str, int]:
    """abbreviation -> offset where it is introduced."""
    out: dict[str, int] = {}
    for m in DEFINE_DALEE.finditer(text):
        for a in ABBR.finditer(m.group(1)):
            out.setdefault(a.group(), m.start())
    # ", далее – УСЗН," / "– далее УСЗН –": the same convention set off by commas or dashes
    for m in DEFINE_DALEE_BARE.finditer(text):
        out.setdefault(m.group(1), m.start())
    for m in DEFINE_PAREN.finditer(text):
        inner = m.group(1).strip()
        before = text[max(0, m.start() - 80):m.start()]
        words = inner.split()
        caps = [w for w in words if ABBR.fullmatch(w)]
        # "полное название (ЦЗН)": a full name with lower-case words right before
        if caps and regex.search(r"[а-яё]{3,}[»\"]?\s*$", before):
            for w in caps:
                out.setdefault(w, m.start())
    # "ЦЗН (центр занятости населения)": the abbreviation followed by its expansion
    for m in regex.finditer(r"(?<![\w])([А-ЯЁ]{2,})\s*\(\s*[«\"]?[А-ЯЁа-яё][а-яё]+\s+[а-яё]", text):
        out.setdefault(m.group(1), m.start())
    return out


def _in_caps_run(text: str, s: int, e: int) -> bool:
    """Part of a run of 3+ all-capital words (a shouted sentence, a letterhead line)."""
    line_s, line_e = line_bounds(text, s)
    line_e = max(line_e, min(e, len(text)))
    words = list(regex.finditer(r"[\w\-]+", text[line_s:line_e]))
    idx = next((i for i, w in enumerate(words) if line_s + w.start() <= s < line_s + w.end()), None)
    if idx is None:
        return False
    def caps(w):
        t = w.group()
        return sum(c.isalpha() for c in t) >= 1 and t.upper() == t and any(c.isalpha() for c in t)
    run = 1
    j = idx - 1
    while j >= 0 and caps(words[j]):
        run += 1
        j -= 1
    j = idx + 1
    while j < len(words) and caps(words[j]):
        run += 1
        j += 1
    long_words = sum(1 for w in words[max(0, idx - run):idx + run]
                     if caps(w) and len(w.group()) >= 4)
    return run >= 3 and long_words >= 2


def _candidates(text: str, start: int, end: int, latin: set):
    """Capital abbreviations in Cyrillic and those typed with Latin look-alikes, in text order."""
    found = list(ABBR.finditer(text, start, end))
    found += [m for m in ABBR_LOOKALIKE.finditer(text, start, end) if m.group().upper() not in latin]
    return sorted(found, key=lambda m: m.start())


def _dictionary_word(key: str) -> bool:
    """A word of the dictionary typed in capitals (a heading «ПИСЬМО», «ОТВЕТ»), not an
    abbreviation; short words are left alone (СИМ, ОП are abbreviations more often)."""
    if len(key) < 4:
        return False
    parses = morph_ru().parse(key.lower())
    return bool(parses) and parses[0].is_known and not any("Abbr" in p.tag for p in parses)


def find(ctx, check):
    text = ctx.doc.text
    allow = _allowed(ctx, check)
    defs = definitions(text)
    q = ctx.quotes
    reported = set()
    latin = {str(w).upper() for w in check.options(ctx).get("latin_words") or []}
    for zs, ze in ctx.spans(check.rule.zones):
        for m in _candidates(text, zs, ze, latin):
            a = m.group()
            key = a.translate(LOOKALIKE)
            if key in allow or key in reported or ROMAN.match(a) or _dictionary_word(key):
                continue
            if len(a) == 2 and any(t.startswith(("PREP", "CONJ", "PRCL", "INTJ"))
                                   for t in parse_ru(a)[2]):
                continue      # a function word typed in capitals ("ОТ", "ОБ", "НА")
            s, e = m.span()
            nxt = text[e:e + 3]
            if regex.match(r"-?\d|\s+\d|\s+Р\s+\d", text[e:e + 6]) or nxt.startswith("-") \
                    or regex.search(r"\d[\-/]$", text[max(0, s - 2):s]):
                continue      # codes and act numbers: 59-ФЗ, ГСП-4, ГОСТ 26804, СП 42.13330
            if inside(s, q):
                continue
            if _in_caps_run(text, s, e):
                continue
            line_s, line_e = line_bounds(text, s)
            if STAMP.search(text[line_s:max(line_e, e)]):
                continue
            where = defs.get(key, defs.get(a))
            if where is not None and where <= s:
                continue
            if where is not None and where > s and where - s < 200:
                continue      # introduced in the same breath: "ЦЗН (центр занятости …)"
            reported.add(key)
            yield check.hit(ctx, s, e, abbreviation=a)
