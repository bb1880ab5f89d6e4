"""`ru.vy-capital`: lower-case вы/ваш in a letter to one person."""
from __future__ import annotations

import regex

from ...spans import inside

VY = regex.compile(r"(?<![\w-])(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|"
                   r"вашими|ваших|вашу|вашем|вашею)(?![\w-])")


def find(ctx, check):
    a = ctx.addressee
    if not a.one_person:
        return
    text = ctx.doc.text
    q = ctx.quotes
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
