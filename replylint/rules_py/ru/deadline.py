"""ru.deadline: the letter's own date against the date of the appeal it answers (59-ФЗ ст. 12).

The letter's date: an e-mail's Date header; else the registration line of the letterhead
("24.04.2026 № 01-05-7892/26", "# 24.04.2026 № …", a date alone above "No …", "от 24.04.2026 № …",
"24 апреля 2026 г."). The appeal's date: "на № … от 31.03.2026", "Ваше обращение от 13.03.2026",
"обращение … (вх. …) от …". Quiet with no dates or on an extension notice ("срок … продлён")."""
from __future__ import annotations

import datetime as dt

import regex

from ...options import Option

OPTIONS = {
    "days": Option("int", 30, "days from the appeal to the reply (59-ФЗ ст. 12)"),
}

MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
          "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
NUM_DATE = r"(?P<d>\d{1,2})[.\-/](?P<m>\d{1,2})[.\-/](?P<y>\d{4}|\d{2})(?!\d)"
WORD_DATE = (r"«?(?P<d>\d{1,2})»?\s+(?P<mon>январ\w*|феврал\w*|марта?|апрел\w*|ма[яй]|июн\w*|июл\w*|"
             r"август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)\s+(?P<y>\d{4})")
DATE_ANY = regex.compile(rf"(?:{NUM_DATE}|{WORD_DATE})", regex.I)

# the registration line: a date followed by a number sign, or a date alone on its line
NUMBER_SIGN = r"(?:(?:[Ии]сх(?:одящий)?\.?\s*)?(?:№|N[oº°]?|Nº|No\.?))"
LETTER_DATE = regex.compile(
    rf"^[#*\s]*(?:Дата:?\s*|от\s+)?(?:{NUM_DATE}|{WORD_DATE})\s*(?:г\.|года)?\s*(?:{NUMBER_SIGN}\s*\S+.*)?\**\s*$"
    # "Исх. № 14-02/1187 от 20.06.2026", "№ 14-02/1187 от 20.06.2026"
    rf"|^[#*\s]*{NUMBER_SIGN}\s*\S+\s+от\s+(?:{NUM_DATE}|{WORD_DATE})\s*(?:г\.|года)?\**\s*$",
    regex.I | regex.M)
# a gap inside one sentence: no sentence end, but the dot of "вх.", "исх.", "рег." may occur
GAP = r"(?:[^.!?\n]|(?<=\b(?:вх|исх|рег|г|ул|д|ст|п|ч))\.)"
APPEAL_DATE = regex.compile(
    rf"(?:\b[Нн]а\s+(?:(?:вх|исх)\.?\s*)?(?:№|N[oº°]?|Nº|No\.?)\s*[^\n]{{0,40}}?\bот\s+"
    rf"|\b[Оо]бращени\w*{GAP}{{0,80}}?\bот\s+"
    # "Ваше обращение, поступившее (в управу) 05.05.2026", "… зарегистрированное 05.05.2026"
    rf"|\b[Оо]бращени\w*,?\s+(?:поступивш|зарегистрированн|направленн|поданн)\w*\s+[^.!?\n\d]{{0,60}}?"
    rf"|\b(?:[Вв]аш\w*|на)\s+(?:\w+\s+){{0,2}}(?:заявлени|жалоб|письм|запрос|сообщени)\w*[^.!?\n]{{0,60}}?\bот\s+)"
    rf"(?P<date>{NUM_DATE}|{WORD_DATE})",
    regex.I)
EXTENSION = regex.compile(r"\bпродл(?:ен|ён|ил|ева|ить|ение|ения|ено|ена)\w*", regex.I)


def _to_date(m) -> dt.date | None:
    gd = m.groupdict()
    try:
        d = int(gd["d"])
        if gd.get("mon"):
            mon = next(v for k, v in MONTHS.items() if gd["mon"].lower().startswith(k))
        else:
            mon = int(gd["m"])
        y = int(gd["y"])
        if y < 100:
            y += 2000
        return dt.date(y, mon, d)
    except (ValueError, TypeError, StopIteration, KeyError):
        return None


def letter_date(ctx) -> tuple[dt.date, int, int] | None:
    doc = ctx.doc
    meta = doc.metadata or {}
    parsed = meta.get("date_parsed")
    if isinstance(parsed, dt.datetime):
        return parsed.date(), 0, 0
    if meta.get("date") and doc.kind == "email":
        from email.utils import parsedate_to_datetime
        try:
            return parsedate_to_datetime(str(meta["date"])).date(), 0, 0
        except (TypeError, ValueError, IndexError):
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
    for m in LETTER_DATE.finditer(text, 0, limit):
        line = m.group()
        if regex.match(r"[#*\s]*на\s", line, regex.I):
            continue
        d = _to_date(m)
        if d:
            return d, m.start(), m.end()
    # the signature's date ("24.04.2026" under the signature) is not trusted
    return None


def appeal_dates(ctx):
    text = ctx.doc.text
    for m in APPEAL_DATE.finditer(text):
        sub = DATE_ANY.match(text, m.start("date"))
        d = _to_date(sub) if sub else None
        if d:
            yield d, m.start("date"), m.end("date")


def find(ctx, check):
    opts = check.options(ctx)
    days = int(opts.get("days", 30))
    text = ctx.doc.text
    if EXTENSION.search(text) and regex.search(r"\bсрок\w*", text, regex.I):
        for m in EXTENSION.finditer(text):
            around = text[max(0, m.start() - 120):m.end() + 120]
            if regex.search(r"\bсрок", around, regex.I):
                return
    ld = letter_date(ctx)
    if not ld:
        return
    apps = list(appeal_dates(ctx))
    if not apps:
        return
    latest = max(apps, key=lambda a: a[0])
    delta = (ld[0] - latest[0]).days
    if delta > days:
        yield check.hit(ctx, latest[1], latest[2], elapsed=delta, days=days,
                        letter=ld[0].strftime("%d.%m.%Y"))
