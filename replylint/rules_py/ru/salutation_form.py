"""`ru.salutation-form`: a salutation whose gender, initials, name or punctuation is wrong."""
from __future__ import annotations

import regex

from ...nlp import parse_ru
from ...options import Option
from ...structure.addressee_ru import UP, gender_of_name, gender_of_patronymic

OPTIONS = {
    "titles": Option("map", {}, "the words «господин»/«госпожа» and their abbreviations -> masc or femn"),
    "adjectives": Option("map", {}, "the salutation's adjective by its stem and gender "
                         "(«уважаем masc» -> «Уважаемый»); the stem of the adjective found picks the pair"),
    "problems": Option("map", {}, "the text of each problem: initials, surname, gender, initials_mismatch "
                       "({initials} the addressee's), exclamation"),
}


def find(ctx, check):
    a = ctx.addressee
    s = a.salutation
    if s is None or s.plural or s.gender is None:
        return
    text = ctx.doc.text
    opts = check.options(ctx)
    titles, problems = opts["titles"], opts["problems"]
    words = [w for w in s.words if w[0].lower() not in titles]
    if not s.words:
        return
    span = (s.start, s.end)
    # initials in the salutation
    m = regex.search(rf"(?<![\w])[{UP}]\.\s*(?:[{UP}]\.)?", text[s.start:s.end])
    if m:
        yield check.hit(ctx, s.start, s.end, problem=problems["initials"],
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
            yield check.hit(ctx, *span, problem=problems["surname"])
            return
    # gender agreement: the patronymic decides, else the first name
    pat = next((w for w in names if gender_of_patronymic(w[0])), None)
    g = gender_of_patronymic(pat[0]) if pat else None
    if g is None and not s.gospodin:
        first = names[0][0].split("-")[0]
        g = gender_of_name(first)
    if s.gospodin:
        g2 = next((titles[w[0].lower()] for w in s.words if w[0].lower() in titles), s.gender)
        if g2 != s.gender:
            g = g2
    if g and g != s.gender:
        right = _adjective(opts["adjectives"], s.adj, g)
        yield check.hit(ctx, s.start, s.start + len(s.adj), suggestion=right, problem=problems["gender"])
        return
    # name and patronymic must match the addressee block's initials
    given = [w for w in names if w[0].lower().replace("ё", "е") not in a.forms]
    if a.kind == "person" and a.i1 and not s.gospodin and len(given) >= 2 and pat:
        first, patw = given[0][0], pat[0]
        if first[0] != a.i1 or (a.i2 and patw[0] != a.i2):
            yield check.hit(ctx, given[0][1], pat[2],
                            problem=problems["initials_mismatch"].replace(
                                "{initials}", f"{a.i1}.{a.i2 or ''}."))
            return
    if s.closing not in ("!", ","):
        end = names[-1][2]
        yield check.hit(ctx, s.start, end, suggestion=text[s.start:end] + "!",
                        problem=problems["exclamation"])


def _adjective(adjectives: dict, found: str, gender: str) -> str:
    """The adjective of the found one's kind in the gender of the name; in the found one's case
    of the first letter. The first stem listed is the default."""
    stems = list(dict.fromkeys(k.split()[0] for k in adjectives))
    stem = next((st for st in stems if found.lower().startswith(st)), stems[0] if stems else "")
    right = adjectives.get(f"{stem} {gender}", found)
    return right if found[:1].isupper() else right.lower()
