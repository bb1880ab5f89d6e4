"""`ru.salutation-missing`: a reply to one person with no salutation "Уважаемый/Уважаемая …!"
before the body, or with a bare greeting ("Здравствуйте!") that names nobody.

One person: a personal addressee block, or, with no block, a body that speaks to its reader on
«Вы» (`ctx.addressee.reader`, a portal answer «Рассмотрев Ваше обращение …, сообщаем …»); an
e-mail with nothing to tell is taken as written to its one reader. A reply to an organisation or
to several people needs no personal salutation."""
from __future__ import annotations

import regex

from ...nlp import parse_ru
from ...options import Option
from ...structure.addressee_ru import LO, UP

OPTIONS = {
    "courtesy": Option("lemmas", [],
                       "a salutation opening with one of these addresses the reader; any other "
                       "opener (\"Добрый день\", \"Здравствуйте\") is a bare greeting unless a name follows"),
    "greetings": Option("words", [],
                        "an e-mail body opening with one of these greets its reader"),
}

# "Добрый день, Елена Викторовна!": a capitalised word after the greeting is the name
NAME_AFTER = regex.compile(rf"(?<=[\s,])[{UP}][{LO}]+")


def _to_one_person(ctx) -> bool:
    a = ctx.addressee
    if a.kind == "person":
        return True
    return a.kind == "unknown" and (
        a.reader == "person" or (ctx.doc.kind == "email" and a.reader == "unknown"))


def _bare_greeting(ctx, opts) -> bool:
    """The salutation greets without naming the person (and is not to several people)."""
    s = ctx.salutation
    if s.plural:
        return False
    courtesy = set(opts["courtesy"])
    if any(parse_ru(w)[1] & courtesy for w in s.adj.split()):
        return False
    text = ctx.doc.text
    line_end = text.find("\n", s.start)
    line = text[s.start:len(text) if line_end < 0 else line_end]
    return NAME_AFTER.search(line[len(s.adj):]) is None


def _first_line_of_body(ctx, opts):
    """(start, end) of the body's first line, or None when there is no body or an e-mail's body
    opens with a greeting of its own."""
    body = ctx.doc.first_zone("body")
    if body is None:
        return None
    text = ctx.doc.text
    first = regex.match(r"\s*(\w+)", text[body.start:body.end])
    if ctx.doc.kind == "email" and first and first.group(1).lower() in opts["greetings"]:
        return None
    end = text.find("\n", body.start)
    end = body.end if end < 0 or end > body.end else end
    return body.start, min(end, body.start + 80)


def find(ctx, check):
    if not _to_one_person(ctx):
        return
    opts = check.options(ctx)
    s = ctx.salutation
    if s is not None:
        if _bare_greeting(ctx, opts):
            yield check.hit(ctx, s.start, s.end)
        return
    span = _first_line_of_body(ctx, opts)
    if span is not None:
        yield check.hit(ctx, *span)
