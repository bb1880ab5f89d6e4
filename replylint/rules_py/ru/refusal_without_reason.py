"""`ru.refusal-without-reason`: a refusal with no ground in the same or the next sentence."""
from __future__ import annotations

import regex

from ...spans import inside
from .clauses import _conditional, _lemmas
from .legal_refs import cites_act

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
    q = ctx.quotes
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


def find(ctx, check):
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
