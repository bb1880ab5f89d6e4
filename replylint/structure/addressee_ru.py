"""Who a Russian letter is addressed to and how it greets them, read once per document
(`Context.addressee`, `Context.salutation`).

The addressee block is the dative block above the salutation ("Иванову И. И.", "Петровой Анне
Сергеевне", "И.И. Иванову", position lines above it, "Жителям дома …", "Директору ООО …").
It is read from the `addressee` zone; without one, the lines before the salutation (or before
the first paragraph of prose) are scanned. Surname, initials and gender come from pymorphy3
(Surn/Name/Patr tags), the dative ending and the salutation's name and patronymic."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..matching import quoted_spans
from ..nlp import morph_ru, parse_ru
from ..spans import line_spans
from . import reader_ru, ru

UP, LO = ru.U, ru.L
SURNAME = ru.SURNAME

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
    rf"^\s*(?:#+\s*)?[*_]*\s*(?P<adj>{ru.SALUTATION_OPENERS})\b(?P<rest>[^\n]*)", regex.M)

PROSE_LINE = regex.compile(rf"[{LO}]{{3,}}\s+[{LO}]{{3,}}\s+[{LO}]{{3,}}.*[{LO}]{{3,}}")

MD_DECOR = regex.compile(r"\*\*|__|^#+\s*|\\$")


def clean_line(s: str) -> str:
    return " ".join(MD_DECOR.sub("", s.strip()).split()).strip("* ")


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
        if a.endswith(("ый", "дорогой")):
            return "masc"
        if a.endswith(("ая", "ой")):        # "Уважаемая", "Уважаемой" (dative)
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
    # with no addressee block: whom the body speaks to (structure/reader_ru.py), same values as kind
    reader: str = "unknown"

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
        if s is not None and not s.plural and any(gender_of_patronymic(w[0]) for w in s.words):
            return True       # "Здравствуйте, Иван Иванович!"
        return self.kind == "person" or (self.kind == "unknown" and self.reader == "person")


def find_salutation(doc) -> Salutation | None:
    text = doc.text
    zones = [(z.start, z.end) for z in doc.zones if z.name == "salutation"]
    cands = []
    for s, e in zones:
        m = SALUTATION.search(text, s, e)
        if m:
            cands.append(m)
    if not cands:
        # the salutation precedes the body: look up to the first body zone, else the top half
        body = doc.first_zone("body")
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
    # "Добрый день, коллеги!": the plural word may follow the greeting's comma
    line_words = regex.findall(r"\w+", text[rest_start:line_end].lower())
    sal.plural = adj.lower() in ("уважаемые", "дорогие") or any(
        w in ("коллеги", "господа", "жители", "друзья", "родители") for w in line_words)
    sal.gospodin = any(w in ("господин", "госпожа", "г-н", "г-жа") for w in low)
    return sal


def gender_of_patronymic(p: str | None):
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
    g = gender_of_patronymic(word)
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


def _candidate_lines(doc, sal: Salutation | None):
    text = doc.text
    zones = [(z.start, z.end) for z in doc.zones if z.name == "addressee"]
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


def parse(doc, quotes: list[tuple[int, int]] | None = None) -> Addressee:
    text = doc.text
    sal = find_salutation(doc)
    a = Addressee(salutation=sal)
    if doc.kind == "email":
        to = (doc.metadata or {}).get("to_addresses")
        a.email_single = isinstance(to, (list, tuple)) and len(to) == 1
    lines = _candidate_lines(doc, sal)
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
        g = gender_of_patronymic(a.patronymic) or _gender_of_dative(a.surname)
        if g is None and sal is not None and not sal.plural:
            g = sal.gender
            for w, _, _ in sal.words:
                g = gender_of_patronymic(w) or g
        a.forms, a.gender = surname_forms(a.surname, g)
    elif saw_plural:
        a.kind = "plural"
    elif saw_position or saw_institution:
        a.kind = "institution"
    elif doc.kind == "email" and a.email_single and sal is not None and not sal.plural:
        _from_email_name(doc, a, sal)
    if a.kind == "unknown":
        body = [(z.start, z.end) for z in doc.zones if z.name == "body"] or [(0, len(text))]
        a.reader = reader_ru.reader(text, body, quotes if quotes is not None else quoted_spans(text))
    return a

_DATIVE_OF = {"masc": (("ский", "скому"), ("цкий", "цкому"), ("ов", "ову"), ("ев", "еву"), ("ёв", "ёву"),
                       ("ин", "ину"), ("ын", "ыну")),
              "femn": (("ская", "ской"), ("цкая", "цкой"), ("ова", "овой"), ("ева", "евой"), ("ёва", "ёвой"),
                       ("ина", "иной"), ("ына", "ыной"))}


def _from_email_name(doc, a: Addressee, sal: Salutation):
    """An e-mail has no dative block: the recipient's display name in To ("Гарипова Гульнара
    <…>") gives the surname when the salutation names the same person (its first name is in
    the display name). Only the regular Russian surname suffixes are inflected."""
    to = str((doc.metadata or {}).get("to") or "")
    display = to.split("<")[0]
    words = regex.findall(rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?", display)
    names = [w[0] for w in sal.words if w[0][:1].isupper()]
    if len(words) < 2 or not names or names[0] not in words:
        return
    g = sal.gender
    pat = next((n for n in names if gender_of_patronymic(n)), None)
    g = gender_of_patronymic(pat) if pat else g
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
