"""`ru.salutation-missing`: a letter or e-mail to a person with no salutation "Уважаемый/Уважаемая …!" before the body."""
from __future__ import annotations

import regex

from ...structure.addressee_ru import LO, UP


def find(ctx, check):
    a = ctx.addressee
    to_person = a.kind == "person" or (ctx.doc.kind == "email" and a.kind == "unknown")
    s = a.salutation
    if s is not None:
        # a bare greeting ("Добрый день!", "Здравствуйте!") names nobody: the person is still
        # not addressed by name and patronymic (or "господин Иванов") as the Code asks
        greeting = not regex.search(r"[Уу]важаем|[Дд]орог", s.adj)
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
