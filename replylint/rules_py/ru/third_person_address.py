"""`ru.third-person-address`: the addressee named in the third person in the body."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ...nlp import parse_ru
from ...options import Option
from ...spans import inside
from ...structure.addressee_ru import LO, SURNAME, UP, Addressee, gender_of_patronymic
from ...wordlists import compiled
from .legal_refs import ACTS, cites_act

OPTIONS = {
    "acts": ACTS,
    "designations": Option("regexes", [], "the addressee called by a role: «заявитель», «обратившийся», "
                           "«автор обращения», «гражданка Петрова» (<surname> stands for a surname); named "
                           "groups: `legal` a term of the law, `plural` a form that is also a plural, "
                           "`citizen` a citizen named by surname"),
    "telling": Option("lemmas", [], "verbs that tell the reader something («заявителю разъяснено»)"),
    "as_role": Option("regex", "", "what before a designation makes it the reader's role («Вы как заявитель»)",
                      flags=regex.I),
    "reader": Option("regex", "", "the reader addressed on «Вы» in the same sentence"),
    "place_before": Option("regex", "", "what before a surname makes it a street, station or organisation",
                           flags=regex.I),
    "suggestion": Option("str", "", "the replacement offered"),
}


def _concrete_event(tokens, telling: frozenset) -> bool:
    """A sentence about something done to or by the person (a past verb, a short participle,
    a verb of telling), not a paraphrase of what a law grants "the applicant" in general."""
    for t in tokens:
        if not t.is_word:
            continue
        tag = t.tags[0] if t.tags else ""
        if ("VERB" in tag and "past" in tag) or "PRTS" in tag or (t.lemmas & telling and
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


@dataclass(frozen=True)
class Words:
    """The rule's options compiled for one document."""
    designations: regex.Pattern
    place_before: regex.Pattern
    as_role: regex.Pattern
    reader: regex.Pattern
    telling: frozenset
    acts: tuple
    suggestion: str

    @classmethod
    def of(cls, opts: dict) -> Words:
        designations = "|".join(opts["designations"]).replace("<surname>", SURNAME)
        return cls(compiled(rf"(?<![\w-])(?:{designations})(?![\w-])"),
                   compiled(opts["place_before"] + "$", regex.I), compiled(opts["as_role"] + "$", regex.I),
                   compiled(opts["reader"]), frozenset(opts["telling"]), tuple(opts["acts"]),
                   opts["suggestion"])


def _third_person(ctx, check):
    a = ctx.addressee
    if not a.one_person:
        return
    w = Words.of(check.options(ctx))
    skip = [(z.start, z.end) for z in ctx.doc.zones if z.name in ("salutation", "addressee")]
    for zone in ctx.spans(check.rule.zones):
        if a.forms:
            yield from _by_surname(ctx, check, a, zone, skip, w)
        else:
            yield from _by_initials(ctx, check, a, zone, ctx.quotes, skip, w.place_before, w.suggestion)
        yield from _by_designation(ctx, check, a, zone, skip, w)


def _by_surname(ctx, check, a: Addressee, zone, skip, w: Words):
    """The addressee's surname in the body: «обращение Иванова И.И.», «Захаровой Е.В. предложено»."""
    text = ctx.doc.text
    for tok in ctx.analysis.tokens_in(*zone):
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
        if inside(tok.start, ctx.quotes) or w.place_before.search(text[max(0, tok.start - 30):tok.start]):
            continue      # a street, a station, an organisation named after someone
        yield check.hit(ctx, tok.start, end, suggestion=w.suggestion, who=text[tok.start:end])


def _by_designation(ctx, check, a: Addressee, zone, skip, w: Words):
    """The addressee called by a role: «заявителю разъяснено», «автор обращения», «гражданка Петрова»."""
    text, an = ctx.doc.text, ctx.analysis
    for m in w.designations.finditer(text, *zone):
        if inside(m.start(), ctx.quotes) or inside(m.start(), skip):
            continue
        s0, s1 = an.sentence_span(m.start())
        if (m.group("legal") and cites_act(text[s0:s1], w.acts)
                and not _concrete_event(an.tokens_in(s0, s1), w.telling)):
            continue          # the legal term in a cited or paraphrased act
        if w.as_role.search(text[max(0, m.start() - 8):m.start()]) and w.reader.search(text[s0:s1]):
            continue          # "Вы как заявитель вправе …": the role of the person addressed
        if m.group("plural") and _plural_head(an, m):
            continue          # "гражданам, обратившимся …": people in general, not the addressee
        if m.group("citizen") and (not a.forms or m.group().split()[-1].lower() not in a.forms):
            continue          # another citizen
        yield check.hit(ctx, m.start(), m.end(), suggestion=w.suggestion, who=m.group())


def _by_initials(ctx, check, a: Addressee, zone, q, skip, place_before, suggestion):
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
    for m in rx.finditer(text, *zone):
        st = m.start("sur") if m.group("sur") else m.start("sur2")
        en = m.end("sur") if m.group("sur") else m.end("sur2")
        if inside(st, q) or inside(st, skip) or place_before.search(text[max(0, st - 30):st]):
            continue
        yield check.hit(ctx, st, en, suggestion=suggestion, who=text[st:en])

def _surname_reading(ctx, tok, a: Addressee) -> bool:
    """A capitalised token without initials: accept it as the surname unless it starts a
    sentence and pymorphy3 reads it only as an ordinary word."""
    if any("Surn" in t for t in tok.tags):
        return True
    starts = ctx.analysis.sentence_span(tok.start)[0] == tok.start
    return not (starts and tok.tags)
