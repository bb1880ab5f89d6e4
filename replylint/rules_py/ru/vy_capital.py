"""`ru.vy-capital`: lower-case вы/ваш in a letter to one person."""
from __future__ import annotations

from ...options import Option
from ...spans import inside
from ...wordlists import alternation, compiled

OPTIONS = {
    "forms": Option("words", [], "the forms of «вы» and «ваш» as typed in lower case"),
    "quotes": Option("regex", "", "a quotation mark before and after in the same sentence: a quotation"),
}


def find(ctx, check):
    a = ctx.addressee
    if not a.one_person:
        return
    text = ctx.doc.text
    opts = check.options(ctx)
    forms = compiled(rf"(?<![\w-]){alternation(opts['forms'])}(?![\w-])")
    quote = compiled(opts["quotes"])
    q = ctx.quotes
    an = ctx.analysis
    for zs, ze in ctx.spans(check.rule.zones):
        for m in forms.finditer(text, zs, ze):
            if inside(m.start(), q):
                continue
            s0, s1 = an.sentence_span(m.start())
            if quote.search(text, s0, m.start()) and quote.search(text, m.end(), s1):
                continue      # inside a quotation in straight or English quotes
            w = m.group()
            yield check.hit(ctx, m.start(), m.end(), suggestion=w[0].upper() + w[1:])
