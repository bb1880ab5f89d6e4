"""Helpers shared by the Russian rule functions: quotations, law citations, sentences, dates.

Everything here is pure text work on `ctx.doc.text` offsets; nothing is rule-specific."""
from __future__ import annotations

import regex

from ..checks.matching import Matcher, quoted_spans

# A cited act or article: "ст. 12", "статьей 48", "пункта 31", "ч. 3", "№ 59-ФЗ",
# "Федерального закона", "постановлением Правительства … № 2330", "приказом … № 773",
# "Правил …", "Кодекса", "регламента", "ГОСТ Р 52289-2019", "СП 42.13330".
ACT = regex.compile(
    r"(?:\b(?:ст|ч|п|пп|абз|подп)\.\s?\d"
    r"|\b(?:стат[ьеия]\w*|пункт\w*|подпункт\w*|част[ьиейю]\w*|абзац\w*)\s+(?:«\w»\s+)?\d"
    r"|\b\d+-(?:ФЗ|ФКЗ|ПП|ОЗ|З|РЗ|КЗ|УГ|рп|р)\b"
    r"|\bФедеральн\w+\s+(?:конституционн\w+\s+)?закон"
    r"|\b[Зз]акон\w*\s+(?:№|N|от|города|Российской|[А-ЯЁ]\w+\s+области|Республики)"
    r"|\b(?:[Пп]остановлени|[Пп]риказ|[Рр]аспоряжени|[Уу]каз)\w*\s+(?:\w+\s+){0,6}?(?:от\s+\d|№)"
    r"|\b(?:Правил|Кодекс|Регламент|Административн\w+\s+регламент|Положени[яем]\s+о\b)\w*"
    r"|\b(?:ГОСТ|СП|СНиП|СанПиН)\b\s*(?:Р\s*)?\d"
    r"|\b(?:ГК|ЖК|НК|ТК|УК|КоАП|ГПК|БК|ЗК|СК)\s+РФ\b)",
    regex.IGNORECASE)

# A concrete date: 01.12.2026, 1 декабря 2026, «01» декабря 2026 г., в мае 2026 года (month+year).
MONTHS = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
DATE = regex.compile(
    r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|«?\b\d{1,2}»?\s+" + MONTHS + r"(?:\s+\d{4})?"
    r"|\b" + MONTHS + r"\s+\d{4}\s*(?:г\.|года?)"
    r"|\bв\s+течение\s+(?:\d+|одного|двух|трех|трёх|пяти|десяти|\w+)\s+(?:\(\w+\)\s+)?"
    r"(?:рабоч\w+\s+|календарн\w+\s+)?(?:дн|недел|месяц|час)\w*"
    r"|\bдо\s+(?:конца\s+)?\d{1,2}\.\d{1,2}|\b\d{1,2}:\d{2}\b"
    r"|\b(?:до|не\s+позднее|с)\s+\d{1,2}-?(?:го|е)?\s+числа", regex.IGNORECASE)



def quotes(ctx) -> list[tuple[int, int]]:
    """«…» quotations (nested names inside counted) plus the other quote styles."""
    return ctx.cached("ru.quotes", lambda: sorted(set(quoted_spans(ctx.doc.text))))


def inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def overlapping(a: int, b: int, spans) -> bool:
    return any(s < b and a < e for s, e in spans)


def sentence_of(ctx, pos: int) -> tuple[int, int]:
    return ctx.analysis.sentence_span(pos)


def cites_act(text: str) -> bool:
    return bool(ACT.search(text))


def has_date(text: str) -> bool:
    return bool(DATE.search(text))


def zone_spans(ctx, zones) -> list[tuple[int, int]]:
    return ctx.spans(zones)


def first_zone_span(ctx, name):
    z = ctx.doc.first_zone(name)
    return (z.start, z.end) if z else None


_MATCHERS: dict = {}


def matcher(spec) -> Matcher:
    """A Matcher built once per spec (specs come from rule YAML options)."""
    key = repr(spec)
    m = _MATCHERS.get(key)
    if m is None:
        m = _MATCHERS[key] = Matcher(spec)
    return m


def line_spans(text: str, start: int = 0, end: int | None = None):
    """(start, end) of each line in text[start:end], ends exclusive of the newline."""
    end = len(text) if end is None else end
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            yield pos, end
            break
        yield pos, nl
        pos = nl + 1


MD_DECOR = regex.compile(r"\*\*|__|^#+\s*|\\$")


def clean_line(s: str) -> str:
    return " ".join(MD_DECOR.sub("", s.strip()).split()).strip("* ")
