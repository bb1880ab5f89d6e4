"""`ru.salutation-form`: a salutation whose gender, initials, name or punctuation is wrong."""
from __future__ import annotations

import regex

from ...nlp import parse_ru
from ...structure.addressee_ru import UP, gender_of_name, gender_of_patronymic


def find(ctx, check):
    a = ctx.addressee
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
    pat = next((w for w in names if gender_of_patronymic(w[0])), None)
    g = gender_of_patronymic(pat[0]) if pat else None
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
