"""ru.deadline: the letter's own date against the date of the appeal it answers (59-ФЗ ст. 12).

The letter's date: an e-mail's Date header; else the registration line of the letterhead
("24.04.2026 № 01-05-7892/26", "# 24.04.2026 № …", a date alone above "No …", "от 24.04.2026 № …",
"24 апреля 2026 г."). The appeal's date: "на № … от 31.03.2026", "Ваше обращение от 13.03.2026",
"обращение … (вх. …) от …". Quiet with no dates or on an extension notice ("срок … продлён")."""
from __future__ import annotations

import datetime as dt

import regex

from ...options import Option
from ...wordlists import compiled

OPTIONS = {
    "days": Option("int", 30, "days from the appeal to the reply (59-ФЗ ст. 12)"),
    "months": Option("regexes", [], "the twelve month names in the genitive, January first", flags=regex.I),
    "number_sign": Option("regex", "", "the number sign of a registration number («№», «Исх. №»)"),
    "letter_date": Option("regexes", [], "a registration line of the letterhead; <date> stands for a date, "
                          "<number> for the number sign", flags=regex.I | regex.M),
    "not_letter_date": Option("regex", "", "a letterhead line that dates the appeal, not the letter "
                              "(«на № … от …»)", flags=regex.I),
    "appeal_date": Option("regexes", [], "what precedes the appeal's date («на № … от», «Ваше обращение от»); "
                          "<gap> stands for a stretch inside one sentence", flags=regex.I),
    "gap_dots": Option("words", [], "abbreviations whose dot does not end the sentence in a <gap>"),
    "extension": Option("regex", "", "the reply period extended: a word of extension …", flags=regex.I),
    "term": Option("regex", "", "… near a word of the period", flags=regex.I),
}

NUM_DATE = r"(?P<d>\d{1,2})[.\-/](?P<m>\d{1,2})[.\-/](?P<y>\d{4}|\d{2})(?!\d)"


class Grammar:
    """The options compiled once per option values: the letterhead's and the appeal's dates."""

    def __init__(self, opts: dict):
        self.months = [compiled(rf"(?:{m})$", regex.I) for m in opts["months"]]
        word = rf"«?(?P<d>\d{{1,2}})»?\s+(?P<mon>{'|'.join(opts['months'])})\s+(?P<y>\d{{4}})"
        date = rf"(?:{NUM_DATE}|{word})"
        self.date_any = compiled(date, regex.I)
        self.letter_date = compiled("|".join(
            p.replace("<date>", date).replace("<number>", opts["number_sign"]) for p in opts["letter_date"]),
            regex.I | regex.M)
        self.not_letter_date = compiled(opts["not_letter_date"], regex.I)
        dots = "|".join(regex.escape(w) for w in opts["gap_dots"]) or "(?!)"
        gap = rf"(?:[^.!?\n]|(?<=\b(?:{dots}))\.)"
        self.appeal_date = compiled("(?:" + "|".join(p.replace("<gap>", gap) for p in opts["appeal_date"])
                                    + rf")(?P<date>{date})", regex.I)
        self.extension = compiled(opts["extension"], regex.I)
        self.term = compiled(opts["term"], regex.I)

    def month(self, name: str) -> int | None:
        return next((k + 1 for k, rx in enumerate(self.months) if rx.match(name)), None)


_GRAMMARS: dict = {}


def grammar(opts: dict) -> Grammar:
    key = repr(sorted((k, v) for k, v in opts.items() if k != "days"))
    g = _GRAMMARS.get(key)
    if g is None:
        g = _GRAMMARS[key] = Grammar(opts)
    return g


def _to_date(m, g: Grammar) -> dt.date | None:
    gd = m.groupdict()
    try:
        d = int(gd["d"])
        if gd.get("mon"):
            mon = g.month(gd["mon"])
        else:
            mon = int(gd["m"])
        y = int(gd["y"])
        if y < 100:
            y += 2000
        return dt.date(y, mon, d)
    except (ValueError, TypeError, StopIteration, KeyError):
        return None


def letter_date(ctx, g: Grammar) -> tuple[dt.date, int, int] | None:
    doc = ctx.doc
    meta = doc.metadata or {}
    parsed = meta.get("date_parsed")
    if isinstance(parsed, dt.datetime):
        return parsed.date(), 0, 0
    if meta.get("date") and doc.kind == "email":
        from email.utils import parsedate_to_datetime
        try:
            return parsedate_to_datetime(str(meta["date"])).date(), 0, 0
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    text = doc.text
    # the letterhead lies above the addressee / salutation / body
    limit = len(text)
    for name in ("addressee", "salutation", "subject", "body"):
        z = doc.first_zone(name)
        if z is not None:
            limit = min(limit, z.start)
    if limit == len(text):
        limit = min(len(text), 1500)
    for m in g.letter_date.finditer(text, 0, limit):
        if g.not_letter_date.match(m.group()):
            continue
        d = _to_date(m, g)
        if d:
            return d, m.start(), m.end()
    # the signature's date ("24.04.2026" under the signature) is not trusted
    return None


def appeal_dates(ctx, g: Grammar):
    text = ctx.doc.text
    for m in g.appeal_date.finditer(text):
        sub = g.date_any.match(text, m.start("date"))
        d = _to_date(sub, g) if sub else None
        if d:
            yield d, m.start("date"), m.end("date")


def find(ctx, check):
    opts = check.options(ctx)
    days = int(opts.get("days", 30))
    g = grammar(opts)
    text = ctx.doc.text
    if g.extension.search(text) and g.term.search(text):
        for m in g.extension.finditer(text):
            if g.term.search(text, max(0, m.start() - 120), m.end() + 120):
                return
    ld = letter_date(ctx, g)
    if not ld:
        return
    apps = list(appeal_dates(ctx, g))
    if not apps:
        return
    latest = max(apps, key=lambda a: a[0])
    delta = (ld[0] - latest[0]).days
    if delta > days:
        yield check.hit(ctx, latest[1], latest[2], elapsed=delta, days=days,
                        letter=ld[0].strftime("%d.%m.%Y"))
