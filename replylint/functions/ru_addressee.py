"""Who a Russian letter is addressed to, parsed once per document, and the rules built on it:
ru.third-person-address, ru.salutation-missing, ru.salutation-form, ru.vy-capital.

The addressee block is the dative block above the salutation ("Иванову И. И.", "Петровой Анне
Сергеевне", "И.И. Иванову", position lines above it, "Жителям дома …", "Директору ООО …").
It is read from the `addressee` zone; without one, the lines before the salutation (or before
the first paragraph of prose) are scanned. Surname, initials and gender come from pymorphy3
(Surn/Name/Patr tags), the dative ending and the salutation's name and patronymic."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..nlp import morph_ru, parse_ru
from .ru_common import cites_act, clean_line, inside, line_spans, quotes

UP = "А-ЯЁ"
LO = "а-яё"
SURNAME = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
INITIALS = rf"(?P<i1>[{UP}])\.\s*(?:(?P<i2>[{UP}])\.?)?"
PREFIX = r"(?:(?:[Кк]ому:\s*)?(?:[Гг]ражданину|[Гг]ражданке|[Гг]осподину|[Гг]оспоже|г-ну|г-же|[Гг]р\.)\s+)?"
TAIL = r"\s*(?=$|,|;|\s+\S+@\S+)"
# "Иванову И. И.", "Иванову И.И", "Гражданину Иванову И.И."
P_SUR_INIT = regex.compile(rf"(?:^|\s){PREFIX}(?P<sur>{SURNAME})\s+{INITIALS}{TAIL}")
# "И.И. Иванову" (at the end of a line, possibly after a position)
P_INIT_SUR = regex.compile(rf"(?:^|\s)(?P<i1>[{UP}])\.\s*(?P<i2>[{UP}])\.\s*(?P<sur>{SURNAME}){TAIL}")
# "Петровой Анне Сергеевне", "Иванову Ивану Ивановичу"
P_FULL = regex.compile(
    rf"(?:^|\s){PREFIX}(?P<sur>{SURNAME})\s+(?P<name>[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?)\s+"
    rf"(?P<pat>[{UP}][{LO}]+(?:вичу|ичу|вне|чне|шне|ьичу)|[{UP}][{LO}]+\s+(?:оглы|кызы)){TAIL}")
# "Ивану Ивановичу Иванову"
P_FULL_NAME_FIRST = regex.compile(
    rf"^(?P<name>[{UP}][{LO}]+)\s+(?P<pat>[{UP}][{LO}]+(?:вичу|ичу|вне|чне))\s+(?P<sur>{SURNAME})\s*$")

POSITIONS = regex.compile(
    r"^(?:генеральн\w+\s+|исполнительн\w+\s+|перв\w+\s+|главн\w+\s+)?"
    r"(?:директор\w*|руководител\w*|глав[еы]|начальник\w*|председател\w*|министр\w*|заместител\w*|"
    r"управляющ\w*|прокурор\w*|ректор\w*|уполномоченн\w*|президент\w*|губернатор\w*|мэр\w*|"
    r"префект\w*|врач\w*|редактор\w*|командир\w*|атаман\w*|депутат\w*|сенатор\w*|судь\w*)\b",
    regex.I)
INSTITUTION = regex.compile(
    r"^(?:в\s+)?(?:ООО|АО|ПАО|ЗАО|ОАО|ГБУ|ГКУ|ГУП|МУП|ИП|АНО|ТСЖ|ЖСК|СНТ|"
    r"администраци\w+|управлени\w+|министерств\w+|департамент\w*|комитет\w*|прокуратур\w+|"
    r"инспекци\w+|фонд\w*|отделени\w+|учреждени\w+|организаци\w+|компани\w+|совет\w*|"
    r"редакци\w+|правлени\w+|общество|обществу|товариществ\w+)\b", regex.I)
PLURAL_HEAD = regex.compile(
    r"^(?:жителям|собственникам|гражданам|членам|участникам|работникам|сотрудникам|родителям|"
    r"депутатам|пассажирам|владельцам|нанимателям|арендаторам|заявителям|авторам|"
    r"инициаторам|представителям|пенсионерам|ветеранам|студентам|педагогам|коллективу|"
    r"председателям|руководителям|главам|директорам|всем|"
    r"уважаемым)\b", regex.I)
SALUTATION = regex.compile(
    r"^\s*(?:#+\s*)?[*_]*\s*(?P<adj>[Уу]важаем(?:ый|ая|ые)|[Дд]орог(?:ой|ая|ие)|[Зз]дравствуйте|"
    r"[Дд]обр(?:ый|ое|ого)\s+(?:день|вечер|утро|времени\s+суток))\b(?P<rest>[^\n]*)", regex.M)
PROSE_LINE = regex.compile(rf"[{LO}]{{3,}}\s+[{LO}]{{3,}}\s+[{LO}]{{3,}}.*[{LO}]{{3,}}")


@dataclass
class Salutation:
    start: int
    end: int                  # end of the salutation line
    adj: str                  # "Уважаемый", "Уважаемая", "Уважаемые", "Здравствуйте", …
    words: list               # [(text, start, end)] after the adjective up to ! , or the line end
    closing: str              # "!", ",", "." or "" — what follows the salutation words
    plural: bool = False
    gospodin: bool = False    # "господин/госпожа"

    @property
    def gender(self):
        a = self.adj.lower()
        if a.endswith(("ый", "ой")):
            return "masc"
        if a.endswith("ая"):
            return "femn"
        return None


@dataclass
class Addressee:
    kind: str = "unknown"     # person | plural | institution | unknown
    surname: str | None = None
    forms: frozenset = frozenset()      # lower-case case forms of the surname
    i1: str | None = None
    i2: str | None = None
    name: str | None = None
    patronymic: str | None = None
    gender: str | None = None           # masc | femn | None
    start: int = 0
    end: int = 0
    salutation: Salutation | None = None

    email_single: bool = False          # an e-mail to one address

    @property
    def one_person(self) -> bool:
        """The letter speaks to one person (singular salutation, or a personal addressee)."""
        s = self.salutation
        if self.email_single and self.kind == "unknown" and not (s is not None and s.plural):
            return True
        if s is not None and s.adj.lower() in ("уважаемые", "дорогие"):
            return False
        if self.kind in ("plural", "institution"):
            return bool(s and s.gender and not s.plural)
        if s is not None and s.gender and not s.plural:
            return True
        if s is not None and not s.plural and any(_gender_of_patronymic(w[0]) for w in s.words):
            return True       # "Здравствуйте, Иван Иванович!"
        return self.kind == "person"


# ------------------------------------------------------------------ salutation

def find_salutation(ctx) -> Salutation | None:
    text = ctx.doc.text
    zones = [(z.start, z.end) for z in ctx.doc.zones if z.name == "salutation"]
    cands = []
    for s, e in zones:
        m = SALUTATION.search(text, s, e)
        if m:
            cands.append(m)
    if not cands:
        # the salutation precedes the body: look up to the first body zone, else the top half
        body = ctx.doc.first_zone("body")
        limit = body.start + 1 if body else max(400, len(text) // 2)
        limit = min(len(text), limit + 200)
        m = SALUTATION.search(text, 0, limit)
        if m:
            cands.append(m)
    if not cands:
        return None
    m = cands[0]
    line_end = text.find("\n", m.start())
    line_end = len(text) if line_end < 0 else line_end
    rest_start = m.start("rest")
    # salutation words end at the first ! , . or the line end
    stop = regex.search(r"[!,?:;]|\.(?=\s*$)", text[rest_start:line_end])
    words_end = rest_start + stop.start() if stop else line_end
    closing = text[words_end] if stop else ""
    words = [(w.group(), w.start() + rest_start, w.end() + rest_start)
             for w in regex.finditer(r"[\w\-]+(?:\.)?", text[rest_start:words_end])]
    if not stop:
        closing = ""
    adj = m.group("adj")
    low = [w[0].lower() for w in words]
    sal = Salutation(m.start("adj"), words_end + (1 if stop else 0), adj, words, closing)
    sal.plural = adj.lower() in ("уважаемые", "дорогие") or any(w in ("коллеги", "господа", "жители", "друзья", "родители") for w in low)
    sal.gospodin = any(w in ("господин", "госпожа", "г-н", "г-жа") for w in low)
    return sal


# ------------------------------------------------------------------ surname forms

def _gender_of_patronymic(p: str | None):
    if not p:
        return None
    p = p.lower()
    if p.endswith(("вна", "чна", "шна", "вне", "чне", "шне", "вны", "вной", "вну", "кызы")):
        return "femn"
    if p.endswith(("вич", "ич", "вичу", "ичу", "вича", "оглы")):
        return "masc"
    return None


def gender_of_name(word: str):
    """Gender of a first name or patronymic by pymorphy3 Name/Patr tags, else None."""
    g = _gender_of_patronymic(word)
    if g:
        return g
    genders = set()
    for tag in parse_ru(word)[2]:
        if "Name" in tag or "Patr" in tag:
            if "masc" in tag:
                genders.add("masc")
            if "femn" in tag:
                genders.add("femn")
    return genders.pop() if len(genders) == 1 else None   # "Саша", "Женя": either


def surname_forms(dative: str, gender: str | None) -> tuple[frozenset, str | None]:
    """Every singular case form (lower case) of a surname written in the dative, and the
    gender the dative ending implies."""
    w = dative.lower().replace("ё", "е")
    forms = {w}
    g = gender
    if g is None:
        if w.endswith(("ой", "ей")) and not w.endswith(("ому", "ему")):
            g = "femn"
        elif w.endswith(("у", "ю")):
            g = "masc"
    parts = w.split("-")
    # rules for the common suffixes, then pymorphy3's lexeme for the rest
    def inflect(part):
        out = {part}
        if g == "masc":
            for suf, stem_cut, ends in (("скому", 3, ("ий", "ого", "ому", "им", "ом")),
                                        ("цкому", 3, ("ий", "ого", "ому", "им", "ом")),
                                        ("ову", 1, ("", "а", "у", "ым", "е")),
                                        ("еву", 1, ("", "а", "у", "ым", "е")),
                                        ("ину", 1, ("", "а", "у", "ым", "е")),
                                        ("ыну", 1, ("", "а", "у", "ым", "е"))):
                if part.endswith(suf):
                    stem = part[:-stem_cut]
                    return out | {stem + e for e in ends}
            if part.endswith(("у", "ю")) and len(part) > 3:
                stem = part[:-1]
                soft = part.endswith("ю")
                ends = ("ь", "я", "ю", "ем", "е") if soft else ("", "а", "у", "ом", "е", "ем")
                out |= {stem + e for e in ends}
        elif g == "femn":
            for suf, ends in (("ской", ("ская", "ской", "скую")), ("цкой", ("цкая", "цкой", "цкую")),
                              ("овой", ("ова", "овой", "ову")), ("евой", ("ева", "евой", "еву")),
                              ("иной", ("ина", "иной", "ину")), ("ыной", ("ына", "ыной", "ыну"))):
                if part.endswith(suf):
                    return out | {part[:-len(suf)] + e for e in ends}
        for p in morph_ru().parse(part):
            tag = p.tag
            if "Surn" in tag and "datv" in tag and (g is None or g in tag):
                for lx in p.lexeme:
                    if "sing" in lx.tag and (g is None or g in lx.tag or "Fixd" in lx.tag):
                        out.add(lx.word.replace("ё", "е"))
                break
        return out
    if len(parts) == 1:
        forms |= inflect(w)
    else:  # double-barrelled: inflect each half, combine positionally
        a, b = inflect(parts[0]), inflect(parts[1])
        forms |= {x + "-" + y for x in a for y in b}
    return frozenset(forms), g


# ------------------------------------------------------------------ the block

def _candidate_lines(ctx, sal: Salutation | None):
    text = ctx.doc.text
    zones = [(z.start, z.end) for z in ctx.doc.zones if z.name == "addressee"]
    if zones:
        out = []
        for s, e in zones:
            out += list(line_spans(text, s, e))
        return out
    # fall back: the lines above the salutation, or above the first prose line
    if sal is not None:
        limit = text.rfind("\n", 0, sal.start)
        limit = 0 if limit < 0 else limit
    else:
        limit = 0
        for s, e in line_spans(text):
            if PROSE_LINE.search(text[s:e]) and len(text[s:e].strip()) > 70:
                limit = s
                break
    lines = [l for l in line_spans(text, 0, limit) if text[l[0]:l[1]].strip()]
    return lines[-12:]


def parse(ctx) -> Addressee:
    text = ctx.doc.text
    sal = find_salutation(ctx)
    a = Addressee(salutation=sal)
    if ctx.doc.kind == "email":
        to = (ctx.doc.metadata or {}).get("to_addresses")
        a.email_single = isinstance(to, (list, tuple)) and len(to) == 1
    lines = _candidate_lines(ctx, sal)
    found = None
    saw_position = saw_plural = saw_institution = False
    for s, e in lines:
        raw = text[s:e]
        line = clean_line(raw)
        if not line:
            continue
        if PLURAL_HEAD.search(line):
            saw_plural = True
        if POSITIONS.search(line):
            saw_position = True
        if INSTITUTION.search(line):
            saw_institution = True
        for pat in (P_FULL, P_SUR_INIT, P_INIT_SUR, P_FULL_NAME_FIRST):
            m = pat.search(line)
            if m and _plausible_surname(m.group("sur")):
                off = s + raw.find(m.group("sur"))
                found = (m, off)
                break
        if found:
            break
    if found:
        m, off = found
        gd = m.groupdict()
        a.kind = "person"
        a.surname = m.group("sur")
        a.start, a.end = off, off + len(a.surname)
        a.name, a.patronymic = gd.get("name"), gd.get("pat")
        a.i1 = gd.get("i1") or (a.name[0] if a.name else None)
        a.i2 = gd.get("i2") or (a.patronymic[0] if a.patronymic else None)
        g = _gender_of_patronymic(a.patronymic) or _gender_of_dative(a.surname)
        if g is None and sal is not None and not sal.plural:
            g = sal.gender
            for w, _, _ in sal.words:
                g = _gender_of_patronymic(w) or g
        a.forms, a.gender = surname_forms(a.surname, g)
    elif saw_plural:
        a.kind = "plural"
    elif saw_position or saw_institution:
        a.kind = "institution"
    elif ctx.doc.kind == "email" and a.email_single and sal is not None and not sal.plural:
        _from_email_name(ctx, a, sal)
    return a


_DATIVE_OF = {"masc": (("ский", "скому"), ("цкий", "цкому"), ("ов", "ову"), ("ев", "еву"), ("ёв", "ёву"),
                       ("ин", "ину"), ("ын", "ыну")),
              "femn": (("ская", "ской"), ("цкая", "цкой"), ("ова", "овой"), ("ева", "евой"), ("ёва", "ёвой"),
                       ("ина", "иной"), ("ына", "ыной"))}


def _from_email_name(ctx, a: Addressee, sal: Salutation):
    """An e-mail has no dative block: the recipient's display name in To ("Гарипова Гульнара
    <…>") gives the surname when the salutation names the same person (its first name is in
    the display name). Only the regular Russian surname suffixes are inflected."""
    to = str((ctx.doc.metadata or {}).get("to") or "")
    display = to.split("<")[0]
    words = regex.findall(rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?", display)
    names = [w[0] for w in sal.words if w[0][:1].isupper()]
    if len(words) < 2 or not names or names[0] not in words:
        return
    g = sal.gender
    pat = next((n for n in names if _gender_of_patronymic(n)), None)
    g = _gender_of_patronymic(pat) if pat else g
    for w in words:
        if w in names or g not in _DATIVE_OF:
            continue
        low = w.lower()
        dat = next((low[:-len(n)] + d for n, d in _DATIVE_OF[g] if low.endswith(n)), None)
        if dat is None:
            continue
        a.kind = "person"
        a.surname = w
        a.name = names[0]
        a.patronymic = pat
        a.i1 = names[0][0]
        a.i2 = pat[0] if pat else None
        a.forms, a.gender = surname_forms(dat, g)
        a.forms = a.forms | {low}
        return


def _gender_of_dative(surname: str):
    """The dative ending decides: -ой/-ей feminine, -у/-ю masculine (a woman's surname
    ending in a consonant does not decline); anything else is left to other evidence."""
    w = surname.lower().split("-")[-1]
    if w.endswith(("ому", "ему")):
        return "masc"
    if w.endswith(("ой", "ей")):
        return "femn"
    if w.endswith(("у", "ю")):
        return "masc"
    return None


def _plausible_surname(word: str) -> bool:
    low = word.lower()
    if low in ("ул", "г", "д", "кв", "пр", "москва", "россия", "проспект", "улица"):
        return False
    return True


def addressee(ctx) -> Addressee:
    return ctx.cached("ru.addressee", lambda: parse(ctx))


# ------------------------------------------------------------------ rules

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


def third_person(ctx, check):
    hits = sorted(_third_person(ctx, check), key=lambda d: (d.start, -(d.end - d.start)))
    last = -1
    for d in hits:
        if d.start < last:
            continue
        last = d.end
        yield d


def _third_person(ctx, check):
    a = addressee(ctx)
    if not a.one_person:
        return
    text = ctx.doc.text
    q = quotes(ctx)
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
    if len(names) < 2 or not _gender_of_patronymic(names[1]):
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


def salutation_missing(ctx, check):
    a = addressee(ctx)
    to_person = a.kind == "person" or (ctx.doc.kind == "email" and a.kind == "unknown")
    s = a.salutation
    if s is not None:
        # a bare greeting ("Добрый день!", "Здравствуйте!") names nobody: the person is still
        # not addressed by name and patronymic (or "господин Иванов") as the Code asks
        greeting = not regex.match(r"[Уу]важаем|[Дд]орог", s.adj)
        text = ctx.doc.text
        line_end = text.find("\n", s.start)
        line = text[s.start:len(text) if line_end < 0 else line_end]
        # "Добрый день, Елена Викторовна!": the name follows the comma
        named = regex.search(rf"(?<=[\s,])[{UP}][{LO}]+", line[len(s.adj):]) is not None
        plural = s.plural or regex.search(r"\b(?:коллеги|господа|жители|друзья|родители)\b", line, regex.I)
        if to_person and greeting and not named and not plural:
            yield check.hit(ctx, s.start, s.end)
        return
    if not to_person:
        return
    body = ctx.doc.first_zone("body")
    if body is None:
        return
    text = ctx.doc.text
    if ctx.doc.kind == "email" and regex.match(r"\s*(?:[Дд]обр|[Зз]дравств|[Пп]ривет)", text[body.start:]):
        return
    end = text.find("\n", body.start)
    end = body.end if end < 0 or end > body.end else end
    yield check.hit(ctx, body.start, min(end, body.start + 80))


def salutation_form(ctx, check):
    a = addressee(ctx)
    s = a.salutation
    if s is None or s.plural or s.gender is None:
        return
    text = ctx.doc.text
    words = [w for w in s.words if w[0].lower() not in ("господин", "госпожа", "г-н", "г-жа")]
    if not s.words:
        return
    span = (s.start, s.end)
    # initials in the salutation
    m = regex.search(rf"(?<![\w])[{UP}]\.\s*(?:[{UP}]\.)?", text[s.start:s.end])
    if m:
        yield check.hit(ctx, s.start, s.end, problem="инициалы вместо имени и отчества",
                        suggestion=None)
        return
    names = [w for w in words if regex.match(rf"[{UP}]", w[0])]
    if any(len(w[0]) > 1 and w[0].isupper() for w in names):
        return        # an institution ("Уважаемый ЦОДД!"), not a person's name
    if not names:
        return
    if len(names) == 1 and not s.gospodin:
        tags = parse_ru(names[0][0])[2]
        is_surname = (any("Surn" in t for t in tags) and not any("Name" in t for t in tags)) or \
            (a.surname and names[0][0].lower().replace("ё", "е") in a.forms)
        if is_surname:
            yield check.hit(ctx, *span, problem="фамилия без слова «господин»/«госпожа»")
            return
    # gender agreement: the patronymic decides, else the first name
    pat = next((w for w in names if _gender_of_patronymic(w[0])), None)
    g = _gender_of_patronymic(pat[0]) if pat else None
    if g is None and not s.gospodin:
        first = names[0][0].split("-")[0]
        g = gender_of_name(first)
    if s.gospodin:
        gw = next(w[0].lower() for w in s.words if w[0].lower() in ("господин", "госпожа", "г-н", "г-жа"))
        g2 = "masc" if gw in ("господин", "г-н") else "femn"
        if g2 != s.gender:
            g = g2
    if g and g != s.gender:
        right = "Уважаемая" if g == "femn" else "Уважаемый"
        if s.adj[0].islower():
            right = right.lower()
        if s.adj.lower().startswith("дорог"):
            right = "Дорогая" if g == "femn" else "Дорогой"
        yield check.hit(ctx, s.start, s.start + len(s.adj), suggestion=right,
                        problem="род прилагательного не совпадает с именем и отчеством")
        return
    # name and patronymic must match the addressee block's initials
    given = [w for w in names if w[0].lower().replace("ё", "е") not in a.forms]
    if a.kind == "person" and a.i1 and not s.gospodin and len(given) >= 2 and pat:
        first, patw = given[0][0], pat[0]
        if first[0] != a.i1 or (a.i2 and patw[0] != a.i2):
            yield check.hit(ctx, given[0][1], pat[2],
                            problem=f"имя и отчество не совпадают с инициалами адресата ({a.i1}.{a.i2 or ''}.)")
            return
    if s.closing not in ("!", ","):
        end = names[-1][2]
        yield check.hit(ctx, s.start, end, suggestion=text[s.start:end] + "!",
                        problem="после обращения нужен восклицательный знак (или запятая)")


VY = regex.compile(r"(?<![\w-])(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|"
                   r"вашими|ваших|вашу|вашем|вашею)(?![\w-])")


def vy_capital(ctx, check):
    a = addressee(ctx)
    if not a.one_person:
        return
    text = ctx.doc.text
    q = quotes(ctx)
    an = ctx.analysis
    for zs, ze in ctx.spans(check.rule.zones):
        for m in VY.finditer(text, zs, ze):
            if inside(m.start(), q):
                continue
            s0, s1 = an.sentence_span(m.start())
            if regex.search(r"[\"“„]", text[s0:m.start()]) and regex.search(r"[\"”“]", text[m.end():s1]):
                continue      # inside a quotation in straight or English quotes
            w = m.group()
            yield check.hit(ctx, m.start(), m.end(), suggestion=w[0].upper() + w[1:])
