"""Who a Russian reply speaks to when no addressee block and no salutation say it.

A portal answer or a reply copied from a web page has no dative block: «Рассмотрев Ваше
обращение № …, сообщаем …». Such a reply answers the person who wrote the appeal, so it
speaks to one person, unless the text itself shows an organisation («Ваша организация»,
«обращение ООО …») or several readers («Ваше коллективное обращение», «каждому из вас»).
The evidence that the reply speaks to its reader at all is a «Вы/Ваш» form outside
quotations, or an opening that answers the appeal in the office's first person
(«На сообщение № … сообщаю»); a third-person letter («ФНС России, рассмотрев обращение, сообщает
…») speaks to nobody in particular and stays `unknown`."""
from __future__ import annotations

import regex

from ..spans import inside

# every case of вы and ваш, either capitalisation
YOU = regex.compile(r"(?<![\w-])[Вв](?:ы|ас|ам|ами|аш|аша|аше|аши|ашего|ашей|ашему|ашим|ашими|аших|ашу|ашем|ашею)"
                    r"(?![\w-])")

# the reader is an organisation: «Ваша организация», «Вашему предприятию», «обращение ООО …»
ORGANISATION = regex.compile(
    r"(?<![\w-])[Вв]аш\w{0,3}\s+(?:организаци|компани|предприяти|учреждени|обществ|фирм|ведомств|"
    r"товариществ|кооператив)"
    r"|(?:обращени\w*|письм\w*|запрос\w*|заявлени\w*)\s+(?:ООО|АО|ПАО|ЗАО|ОАО|ИП|АНО|ТСЖ|ТСН|ЖСК|СНТ|НКО)\b")

# several readers: a collective appeal, «каждому из вас», «вы все»
SEVERAL = regex.compile(
    r"коллективн\w*\s+(?:\w+\s+)?(?:обращени|жалоб|заявлени|письм|запрос)"
    r"|(?<![\w-])(?:каждый|каждого|каждому|каждым|каждом|кто-то|никто|многие|некоторые)\s+из\s+вас(?![\w-])"
    r"|(?<![\w-])(?:вы|Вы)\s+все(?![\w-])|(?<![\w-])(?:всем|всех)\s+(?:вам|Вам|вас|Вас)(?![\w-])"
    r"|(?<![\w-])(?:вам|Вам|вас|Вас)\s+(?:всем|всех)(?![\w-])",
    regex.I)

# the office answers the appeal in its own first person: «На сообщение № … сообщаю», «В ответ на
# обращение … информируем»
FIRST_PERSON_ANSWER = regex.compile(
    r"^\W*(?:На|В\s+ответ\s+на|Рассмотрев|По\s+результатам\s+рассмотрения)\s+[^.!?]{0,40}?"
    r"(?:обращени|сообщени|запрос|жалоб|заявлени|вопрос)[^!?]{0,300}?"
    r"(?<![\w-])(?:сообщаю|сообщаем|информирую|информируем|разъясняю|разъясняем|уведомляю|уведомляем)"
    r"(?![\w-])")


def reader(text: str, spans: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> str:
    """person | plural | institution | unknown: whom the text of `spans` (the body) addresses."""
    addressed = False
    for s, e in spans:
        part = text[s:e]
        if ORGANISATION.search(part):
            return "institution"
        if SEVERAL.search(part):
            return "plural"
        if any(not inside(m.start() + s, quotes) for m in YOU.finditer(part)):
            addressed = True
    if not addressed and spans and FIRST_PERSON_ANSWER.search(text, spans[0][0], spans[0][1]):
        addressed = True
    return "person" if addressed else "unknown"
