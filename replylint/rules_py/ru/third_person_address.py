"""`ru.third-person-address`: the addressee named in the third person in the body."""
from __future__ import annotations

import regex

from ...nlp import parse_ru
from ...spans import inside
from ...structure.addressee_ru import LO, SURNAME, UP, Addressee, gender_of_patronymic
from .legal_refs import cites_act

GENERIC_THIRD = regex.compile(
    r"(?<![\w-])(?:[Зз]аявител(?:ь|я|ю|ем|е)|[Зз]аявительниц(?:а|ы|е|у|ей)"
    r"|[Оо]бративш(?:ийся|егося|емуся|имся|емся|аяся|ейся|уюся)"
    r"|[Аа]втор(?:а|у|ом|е)?\s+(?:настоящего\s+|данного\s+|указанного\s+|этого\s+)?"
    r"(?:обращени[яю]|жалоб[ыи]|заявлени[яю]|письма|запроса|сообщени[яю])"
    r"|[Пп]одател(?:ь|я|ю|ем|е)\s+(?:настоящего\s+|данного\s+|указанного\s+|этого\s+)?"
    r"(?:обращени[яю]|жалоб[ыи]|заявлени[яю]|запроса)|[Пп]одательниц(?:а|ы|е|у|ей)\s+(?:обращени[яю]|жалоб[ыи]|заявлени[яю]|запроса)"
    r"|[Гг]ражданин(?:а|у|ом|е)?\s+" + SURNAME + r"|[Гг]ражданк(?:а|и|е|у|ой)\s+" + SURNAME + r")(?![\w-])")

# verbs that tell the reader something: "Заявителю разъяснено/сообщается/предложено …"
TELLING = frozenset({"разъяснить", "разъяснять", "сообщить", "сообщать", "рекомендовать",
                     "предложить", "предлагать", "направить", "направлять", "напомнить",
                     "напоминать", "информировать", "проинформировать", "уведомить",
                     "уведомлять", "отказать", "отказывать", "предоставить", "выдать"})


def _concrete_event(tokens) -> bool:
    """A sentence about something done to or by the person (a past verb, a short participle,
    a verb of telling), not a paraphrase of what a law grants "the applicant" in general."""
    for t in tokens:
        if not t.is_word:
            continue
        tag = t.tags[0] if t.tags else ""
        if ("VERB" in tag and "past" in tag) or "PRTS" in tag or (t.lemmas & TELLING and
                                                                   ("VERB" in tag or "PRTS" in tag)):
            return True
    return False


def _plural_head(an, m) -> bool:
    """"обратившимся" is also the dative plural: "гражданам, обратившимся …",
    "обратившимся гражданам" speak of people in general."""
    toks = an.tokens
    words = [t for t in toks if t.is_word]
    idx = next((k for k, t in enumerate(words) if t.start == m.start()), None)
    if idx is None:
        return False
    near = words[max(0, idx - 1):idx] + words[idx + 1:idx + 2]
    for t in near:
        tag = t.tags[0] if t.tags else ""
        if "NOUN" in tag and "plur" in tag:
            return True
    return False


def _initials_after(text: str, end: int):
    m = regex.match(rf"\s+(?P<i1>[{UP}])\.\s*(?:(?P<i2>[{UP}])\.)?", text[end:end + 12])
    if m:
        return m.group("i1"), m.group("i2")
    m = regex.match(rf"\s+(?P<n>[{UP}][{LO}]+)(?:\s+(?P<p>[{UP}][{LO}]+))?", text[end:end + 60])
    if m and any("Name" in t for t in parse_ru(m.group("n"))[2]):
        return m.group("n")[0], (m.group("p") or " ")[0] if m.group("p") else None
    return None


def _initials_before(text: str, start: int):
    m = regex.search(rf"(?P<i1>[{UP}])\.\s*(?P<i2>[{UP}])\.\s*$", text[max(0, start - 8):start])
    return (m.group("i1"), m.group("i2")) if m else None


def find(ctx, check):
    hits = sorted(_third_person(ctx, check), key=lambda d: (d.start, -(d.end - d.start)))
    last = -1
    for d in hits:
        if d.start < last:
            continue
        last = d.end
        yield d


def _third_person(ctx, check):
    a = ctx.addressee
    if not a.one_person:
        return
    text = ctx.doc.text
    q = ctx.quotes
    an = ctx.analysis
    skip = [(z.start, z.end) for z in ctx.doc.zones if z.name in ("salutation", "addressee")]
    for zs, ze in ctx.spans(check.rule.zones):
        if a.forms:
            for tok in an.tokens_in(zs, ze):
                if not tok.is_word or not tok.text[:1].isupper():
                    continue
                end = tok.end
                dm = regex.match(rf"-[{UP}][{LO}]+", text[end:end + 40])
                if dm and (text[tok.start:end] + dm.group()).lower().replace("ё", "е") in a.forms:
                    end += dm.end()       # a double-barrelled surname split by the tokenizer
                if text[tok.start:end].lower().replace("ё", "е") not in a.forms or inside(tok.start, skip):
                    continue
                ini = _initials_after(text, end) or _initials_before(text, tok.start)
                if ini and a.i1 and ini[0] != a.i1:
                    continue          # another person with the same surname
                if ini and a.i2 and ini[1] and ini[1] != a.i2:
                    continue
                if not ini and not _surname_reading(ctx, tok, a):
                    continue
                if inside(tok.start, q) or PLACE_BEFORE.search(text[max(0, tok.start - 30):tok.start]):
                    continue      # a street, a station, an organisation named after someone
                yield check.hit(ctx, tok.start, end, suggestion="Вы / Ваше обращение",
                                who=text[tok.start:end])
        if not a.forms:
            yield from _by_initials(ctx, check, a, zs, ze, q, skip)
        for m in GENERIC_THIRD.finditer(text, zs, ze):
            if inside(m.start(), q) or inside(m.start(), skip):
                continue
            s0, s1 = an.sentence_span(m.start())
            if (cites_act(text[s0:s1]) and m.group().lower().startswith(("заявител", "подател"))
                    and not _concrete_event(an.tokens_in(s0, s1))):
                continue          # the legal term in a cited or paraphrased act
            if (regex.search(r"\bкак\s+$", text[max(0, m.start() - 8):m.start()], regex.I)
                    and regex.search(r"\b(?:Вы|Вас|Вам|Вами)\b", text[s0:s1])):
                continue          # "Вы как заявитель вправе …": the role of the person addressed
            if m.group().lower().endswith("имся") and _plural_head(an, m):
                continue          # "гражданам, обратившимся …": people in general, not the addressee
            if m.group().lower().startswith(("гражданин", "гражданк")):
                sur = m.group().split()[-1].lower()
                if not a.forms or sur not in a.forms:
                    continue      # another citizen
            yield check.hit(ctx, m.start(), m.end(), suggestion="Вы / Ваше обращение",
                            who=m.group())


def _by_initials(ctx, check, a: Addressee, zs, ze, q, skip):
    """No surname known (no addressee block): "Гариповой Г.И." in the body whose initials are
    those of the name and patronymic in the salutation is the addressee in the third person."""
    sal = a.salutation
    if sal is None or sal.plural or sal.gospodin:
        return
    names = [w[0] for w in sal.words if w[0][:1].isupper()]
    if len(names) < 2 or not gender_of_patronymic(names[1]):
        return
    text = ctx.doc.text
    i1, i2 = regex.escape(names[0][0]), regex.escape(names[1][0])
    rx = regex.compile(rf"(?<![\w-])(?P<sur>{SURNAME})\s+{i1}\.\s*{i2}\.(?!\s*[{UP}]\.)"
                       rf"|(?<![\w.-]){i1}\.\s*{i2}\.\s*(?P<sur2>{SURNAME})(?![\w-])")
    for m in rx.finditer(text, zs, ze):
        st = m.start("sur") if m.group("sur") else m.start("sur2")
        en = m.end("sur") if m.group("sur") else m.end("sur2")
        if inside(st, q) or inside(st, skip) or PLACE_BEFORE.search(text[max(0, st - 30):st]):
            continue
        yield check.hit(ctx, st, en, suggestion="Вы / Ваше обращение", who=text[st:en])

PLACE_BEFORE = regex.compile(
    r"(?:\b(?:ул|пр|пер|пл|наб|просп|б-р|бул|ш|им|пос|ст|м|д|г)\.\s*|\b(?:улиц\w+|проспект\w*|переул\w+|"
    r"площад\w+|набережн\w+|бульвар\w*|шоссе|проезд\w*|имени|станци\w+|метро|пр-т|пр-кт|тупик\w*|"
    r"аллее?\w*|мост\w*|парк\w*|сквер\w*|район\w*|посел\w+|сел[оа]|деревн\w+)\s+)$", regex.I)


def _surname_reading(ctx, tok, a: Addressee) -> bool:
    """A capitalised token without initials: accept it as the surname unless it starts a
    sentence and pymorphy3 reads it only as an ordinary word."""
    if any("Surn" in t for t in tok.tags):
        return True
    starts = ctx.analysis.sentence_span(tok.start)[0] == tok.start
    return not (starts and tok.tags)
