"""What the letter decides: an upheld complaint (ru.apology-missing) and a refusal
(ru.refusal-without-reason). Both need negation and modality: "доводы не подтвердились",
"нарушений не выявлено", "ошибок не допущено" are not upheld complaints, "будет проверено",
"если доводы подтвердятся" are not findings, "отказ … может быть обжалован" is not a refusal."""
from __future__ import annotations

import regex

from .ru_common import cites_act, inside, quotes

NEG = {"не", "ни", "нет"}
MODAL = {"будет", "будут", "может", "могут", "если", "случае", "подтверждения", "вправе",
         "можете", "ли", "бы", "проверит", "проверят", "проверено", "проверена", "проверены",
         "необходимо", "следует", "должны", "должен", "должна"}

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


def _lemmas(tok):
    return tok.lemmas | {tok.lemma}


def _clause_before(tokens, i, n=6):
    """Tokens before i in the same clause (stops at , ; : — and sentence start), at most n."""
    out = []
    j = i - 1
    while j >= 0 and len(out) < n:
        t = tokens[j]
        if t.text in (";", ":", "—", "–") or (t.text == "," and out):
            break
        if t.text != ",":
            out.append(t)
        j -= 1
    return out


def _negated(tokens, i, window=2):
    before = [t for t in tokens[max(0, i - window):i] if t.is_word]
    if any(t.lower in NEG for t in before):
        return True
    # "не было допущено", "не были выявлены"
    before3 = [t.lower for t in tokens[max(0, i - 3):i]]
    return "не" in before3 and any(w in ("было", "были", "была", "был") for w in before3)


def _conditional(tokens, i):
    """The token stands in a condition: "Если будет установлено, что допущена ошибка …",
    "В случае, если Вам откажут …" — a hypothesis, not a finding or a decision."""
    sent = tokens[i].sent
    j = i - 1
    while j >= 0 and tokens[j].sent == sent:
        w = tokens[j].lower
        if w in ("если", "ежели") or (w == "случае" and j > 0 and tokens[j - 1].lower == "в"):
            return True
        if w == "то" and j > 0 and tokens[j - 1].text == ",":
            return False    # "Если …, то <main clause>": the token is in the main clause
        j -= 1
    return False


def _modal(tokens, i):
    clause = _clause_before(tokens, i, 8)
    words = {t.lower for t in clause}
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    return bool(words & MODAL) or nxt in ("ли", "бы")


def _past(tok, participles=True):
    """A finding in the past: a past verb, a short passive participle ("допущена") and, where
    allowed, a full past participle ("допущенная ошибка")."""
    for t in tok.tags:
        if t.startswith("VERB") and "past" in t:
            return True
        if t.startswith("PRTS"):
            return True
        if participles and t.startswith("PRTF") and "past" in t:
            return True
    return False


def _is_verbish(tok, lemma_set):
    return bool(_lemmas(tok) & lemma_set) and any(
        t.startswith(("VERB", "PRTS", "PRTF", "INFN")) for t in tok.tags)


def upheld_findings(ctx, spans):
    """(start, end) of each sentence part that says a complaint was upheld."""
    an = ctx.analysis
    q = quotes(ctx)
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


def apology_missing(ctx, check):
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


# ------------------------------------------------------------------ refusals

REFUSAL_PHRASES = regex.compile(
    r"\bне\s+представляется\s+возможн\w*|\bпредставляется\s+нецелесообразн\w*"
    r"|\bне\s+может\s+быть\s+удовлетворен\w*|\bне\s+подлежит\s+удовлетворению|\bудовлетворению\s+не\s+подлежит"
    r"|\bоставлен\w*\s+без\s+удовлетворения|\bоснований\s+для\s+(?!отказа\b)[^.!?]{0,120}?\bне\s+(?:имеется|усматривается|установлено)"
    r"|\bне\s+(?:имеется|усматривается)\s+(?:\w+\s+){0,2}оснований|\bоснования\s+для\s+(?!отказа\b)[^.!?]{0,120}?\bотсутству\w+"
    r"|\bотсутству\w+\s+(?:\w+\s+){0,2}основани[яй]"
    r"|\bне\s+планиру\w+|\bне\s+запланирован\w*|\bрешение\s+об\s+отказе\s+(?:\w+\s+){0,8}?принято"
    r"|\bпринято\s+решение\s+об\s+отказе"
    r"|\bпринят\w*\s+отрицательн\w+\s+решени\w*|\bотрицательн\w+\s+решени\w+\s+(?:\w+\s+){0,4}?принят\w*"
    r"|\b(?:заявлени|ходатайств|просьб|предложени)\w*\s+(?:\w+\s+){0,3}?отклонен\w*", regex.I)
STRONG = regex.compile(r"\bне\s+может\s+быть\s+удовлетворен|\bне\s+подлежит|\bудовлетворению\s+не|\bбез\s+удовлетворения|решени\w+\s+об\s+отказе"
                    r"|отрицательн|отклонен", regex.I)
GROUND = regex.compile(
    r"\bв\s+соответствии\s+с|\bсогласно\b|\bна\s+основании\b|\bпоскольку\b|\bтак\s+как\b|\bт\.\s?к\.|"
    r"\bв\s+связи\s+с\b|\bввиду\b|\bвследствие\b|\bпо\s+причине\b|\bиз-за\b|\bв\s+силу\b|"
    r"\bучитывая\b|\bс\s+учетом\b|\bс\s+учётом\b|\bисходя\s+из\b|\bтаким\s+образом\b|\bпоэтому\b|"
    r"\bв\s+этой\s+связи\b|\bпотому\s+что\b|\bпричин\w*|\bоснованием\b|\bне\s+(?:соответству|отвечает|отвечают|удовлетворя)\w*|"
    r"\bпревыша\w+|\bтребовани\w+\s+(?:\w+\s+){0,2}(?:ст\.|стать|пункт|част|закон|кодекс|регламент|правил|порядк|постановлен|приказ|норм)|\bпредусмотрен\w*\s+(?:ст|пункт|част|закон)", regex.I)
OPTIONAL = regex.compile(r"\b(?:может|могут|вправе|можете)\b[^.!?]{0,40}$|\bобжалова", regex.I)


def refusals(ctx, spans):
    """(start, end, strong) of refusals: "strong" ones (an explicit "отказано") need their ground
    in the same or the next sentence; the others may take it from the sentence before."""
    an = ctx.analysis
    text = ctx.doc.text
    q = quotes(ctx)
    out = []
    for zs, ze in spans:
        toks = an.tokens_in(zs, ze)
        for i, tok in enumerate(toks):
            if not tok.is_word or inside(tok.start, q):
                continue
            if not (_lemmas(tok) & {"отказать", "отказывать"}) or "отказаться" in tok.lemmas:
                continue
            if tok.lower.startswith(("отказа", "отказы")) and tok.lower.endswith(("ся", "сь")):
                continue
            before = {t.lower for t in toks[max(0, i - 3):i]}
            if before & {"вправе", "может", "могут", "можете", "праве", "не"} or _conditional(toks, i):
                continue
            s0, s1 = an.sentence_span(tok.start)
            if regex.search(r"обжалова", text[s0:s1], regex.I):
                continue
            out.append((tok.start, tok.end, True))
        for m in REFUSAL_PHRASES.finditer(text, zs, ze):
            if inside(m.start(), q):
                continue
            s0, s1 = an.sentence_span(m.start())
            if OPTIONAL.search(text[s0:m.start()]) or regex.search(r"обжалова", text[s0:s1], regex.I):
                continue
            out.append((m.start(), m.end(), bool(STRONG.search(m.group()))))
    out.sort()
    return out


def _sentence_windows(ctx, pos, strong):
    an = ctx.analysis
    k = an.sentence_index(pos)
    sents = an.sentences
    para = an.paragraph_span(pos)
    win = [sents[k]]
    if k + 1 < len(sents):
        win.append(sents[k + 1])
    if not strong and k > 0 and sents[k - 1][0] >= para[0]:
        win.append(sents[k - 1])
    return win


def refusal_without_reason(ctx, check):
    text = ctx.doc.text
    seen = set()
    for s, e, strong in refusals(ctx, ctx.spans(check.rule.zones)):
        k = ctx.analysis.sentence_index(s)
        if k in seen:
            continue
        seen.add(k)
        grounded = False
        for a, b in _sentence_windows(ctx, s, strong):
            chunk = text[a:b]
            if GROUND.search(chunk) or cites_act(chunk):
                grounded = True
                break
        if not grounded:
            yield check.hit(ctx, s, e)
