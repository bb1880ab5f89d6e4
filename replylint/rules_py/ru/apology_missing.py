"""`ru.apology-missing`: a complaint upheld and no apology."""
from __future__ import annotations

import regex

from ...spans import inside
from .clauses import _conditional, _is_verbish, _lemmas, _modal, _negated, _past

COMPLAINT_NOUNS = {"довод", "факт", "информация", "сведение", "жалоба", "обращение", "претензия",
                   "требование", "замечание", "изложенное", "нарушение", "сообщение"}

ERROR_NOUNS = {"ошибка", "нарушение", "неточность", "недочёт", "недочет", "опечатка", "задержка",
               "просрочка", "упущение", "недостаток", "сбой", "неисправность", "несоответствие"}

STAFF = {"работник", "сотрудник", "специалист", "должностной", "служащий", "инспектор",
         "оператор", "персонал", "консультант", "работница", "сотрудница", "кассир",
         "администратор", "исполнитель", "курьер", "отдел", "наш"}

# nouns that name the complaint itself: their confirmation upholds it
COMPLAINT_STRONG = {"довод", "жалоба", "обращение", "претензия", "изложенное", "изложить", "изложенный",
                    "замечание", "нарекание"}

# "специалист ошибочно указал", "сотрудник неправомерно отказал": a member of staff's fault
WRONGLY = {"ошибочно", "неверно", "неправильно", "некорректно", "неправомерно", "необоснованно"}

# what makes a confirmed "факт"/"информация" a fault
FAULT_WORDS = {"нарушение", "грубый", "грубость", "некорректный", "неправомерный", "несвоевременный",
               "утеря", "отказ", "бездействие", "волокита", "хамство"}

# who is not the office: their faults found by an inspection need no apology from it
THIRD_PARTY = {"управляющий", "управлять", "подрядный", "подрядчик", "перевозчик", "застройщик", "работодатель",
               "поставщик", "ресурсоснабжающий", "компания", "товарищество"}

# a member of staff did wrong
MISCONDUCT = {"нарушить", "утерять", "потерять", "утратить", "нагрубить", "просрочить"}

# "оснований считать жалобу обоснованной не имеется": the complaint is rejected
NO_GROUNDS = regex.compile(r"\bоснований\b[^.!?]{0,80}\bне\s+(?:имеется|усматривается|установлено)"
                           r"|\b(?:нет|не\s+имеется|не\s+усматривается|отсутствуют)\s+(?:\w+\s+){0,2}оснований", regex.I)

# "жалоба признана обоснованной / правомерной": the complaint upheld
UPHELD_ADJ = {"обоснованный", "правомерный"}

APOLOGY = {"извинение", "извинить", "извиниться", "извинять", "извиняться", "прощение"}


def upheld_findings(ctx, spans):
    """(start, end) of each sentence part that says a complaint was upheld."""
    an = ctx.analysis
    q = ctx.quotes
    out = []
    for zs, ze in spans:
        toks = an.tokens_in(zs, ze)
        by_sentence: dict[int, set] = {}   # each sentence's tokens and lemmas, computed once
        sentence_tokens: dict[int, list] = {}
        for t in toks:
            by_sentence.setdefault(t.sent, set()).update(_lemmas(t))
            sentence_tokens.setdefault(t.sent, []).append(t)
        for i, tok in enumerate(toks):
            if not tok.is_word or inside(tok.start, q):
                continue
            lem = _lemmas(tok)
            sent_lemmas = by_sentence.get(tok.sent, set())
            sent = sentence_tokens.get(tok.sent, [])
            hit = False
            if _is_verbish(tok, {"подтвердиться", "подтверждаться", "подтвердить"}) and _past(tok, participles=False):
                # "доводы подтвердились", "факт нарушения подтверждён" — not "факт проживания
                # подтверждён актом", "сведения о доходах подтвердились"
                hit = bool(sent_lemmas & COMPLAINT_STRONG) or (
                    bool(sent_lemmas & COMPLAINT_NOUNS) and bool(sent_lemmas & (ERROR_NOUNS | FAULT_WORDS)))
                # a complaint about a third party (a managing company, a carrier) upheld by an
                # inspection: the office found it right, it did no wrong itself
                hit = hit and not (sent_lemmas & THIRD_PARTY and not sent_lemmas & STAFF)
            elif _is_verbish(tok, {"обосновать"}) and _past(tok, participles=False):
                hit = bool(sent_lemmas & {"жалоба", "обращение", "претензия", "довод", "требование"})
            elif _is_verbish(tok, {"удовлетворить"}) and _past(tok, participles=False):
                hit = bool(sent_lemmas & {"жалоба", "претензия"})
            elif "подтверждение" in lem and i > 0 and any(
                    "найти" in _lemmas(t) or "находить" in _lemmas(t) for t in toks[max(0, i - 3):i]):
                j = next(k for k in range(i - 1, max(-1, i - 4), -1)
                         if {"найти", "находить"} & _lemmas(toks[k]))
                if not _negated(toks, j) and not _modal(toks, j):
                    out.append((toks[j].start, tok.end))
                continue
            elif lem & UPHELD_ADJ and not tok.lower.startswith(("необоснован", "неправомер")):
                s0, s1 = an.sentence_span(tok.start)
                hit = bool(sent_lemmas & {"жалоба", "обращение", "претензия", "довод", "требование"}) \
                    and not NO_GROUNDS.search(ctx.doc.text[s0:s1])
            elif tok.lower == "место" and i > 0 and "иметь" in _lemmas(toks[i - 1]) and _past(toks[i - 1]):
                # "со стороны работников имели место нарушения"
                hit = bool(sent_lemmas & ERROR_NOUNS) and bool(sent_lemmas & STAFF) \
                    and not (sent_lemmas & THIRD_PARTY and not sent_lemmas & STAFF)
                if hit and (_negated(toks, i - 1) or _modal(toks, i - 1) or _conditional(toks, i - 1)):
                    continue
            elif _is_verbish(tok, {"допустить"}) and _past(tok):
                # the office's own fault, not a third party's ("управляющей организацией допущено …")
                hit = bool(sent_lemmas & ERROR_NOUNS) and not (sent_lemmas & THIRD_PARTY and not sent_lemmas & STAFF)
            elif _is_verbish(tok, {"выявить", "установить"}) and _past(tok):
                hit = bool(sent_lemmas & {"нарушение", "ошибка", "недостаток"}) and bool(sent_lemmas & STAFF)
            elif _is_verbish(tok, MISCONDUCT) and _past(tok, participles=False):
                # "специалист нарушил порядок", "заявление было утеряно сотрудником отдела"
                hit = bool(sent_lemmas & STAFF) and not any(t.lower in ("вы", "вами") for t in sent)
            elif (lem & {"ошибка", "сбой", "халатность", "невнимательность", "недосмотр"}) and regex.search(
                    r"(?:из-за|вследствие|по\s+причине)\s+(?:\w+\s+){0,2}$",
                    ctx.doc.text[max(0, tok.start - 60):tok.start], regex.I):
                # "выплата задержана из-за ошибки специалиста / вследствие технического сбоя"
                hit = (bool(sent_lemmas & STAFF) or bool(sent_lemmas & {"технический", "программный"})) \
                    and not any(t.lower in ("вы", "вами") for t in sent)
            elif _is_verbish(tok, {"произойти"}) and _past(tok):
                hit = bool(sent_lemmas & {"ошибка", "сбой"})
            elif tok.lower in WRONGLY and i + 1 < len(toks) and _past(toks[i + 1], participles=False) \
                    and toks[i + 1].tags and toks[i + 1].tags[0].startswith("VERB"):
                hit = bool(sent_lemmas & STAFF) and not any(t.lower in ("вы", "вами") for t in sent)
            elif "вина" in lem and i > 0 and toks[i - 1].lower == "по":
                nxt = toks[i + 1: i + 3]
                hit = any(_lemmas(t) & STAFF for t in nxt)
            if not hit:
                continue
            if _negated(toks, i) or _modal(toks, i) or _conditional(toks, i):
                continue
            # a negation right after the noun of a nominal finding ("нарушений … не выявлено")
            out.append((tok.start, tok.end))
    return out


def find(ctx, check):
    findings = upheld_findings(ctx, ctx.spans(check.rule.zones))
    if not findings:
        return
    an = ctx.analysis
    for s, e in ctx.spans(["body", "closing", "salutation", "subject"]) or [(0, len(ctx.doc.text))]:
        for t in an.tokens_in(s, e):
            if t.is_word and (_lemmas(t) & APOLOGY):
                return
    s, e = findings[0]
    yield check.hit(ctx, s, e)
