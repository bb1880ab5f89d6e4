"""`common.unanswered-question` (SPEC 5.5): with `--appeal FILE`, every question or request of
the citizen's appeal ("Прошу …", "Просим …", a sentence ending in "?", "đề nghị …",
"kiến nghị …") whose content words (lemmas) the reply never mentions.

The appeal arrives as `doc.metadata["appeal"] = {"path", "text", "lang"}` (engine). A question
counts as addressed when at least `min_coverage` of its content lemmas occur in the reply."""
from __future__ import annotations

import regex

from ...nlp import analyse_text
from ...options import Option

OPTIONS = {
    "max_shared": Option("int", 1, "content lemmas a question may share with the reply and still be unanswered"),
}

# Content words: pymorphy3 parts of speech that carry the topic (nouns, verbs, adjectives).
RU_CONTENT = ("NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTF", "PRTS", "COMP")
# Words of asking and politeness that every request has and no answer needs to repeat.
RU_STOP = {
    "просить", "прошу", "пожалуйста", "рассмотреть", "рассматривать", "возможность", "вопрос",
    "сообщить", "дать", "ответ", "информация", "уважаемый", "являться", "мочь", "быть", "сделать",
    "принять", "меры", "мера", "необходимый", "нужно", "данный", "указанный", "этот", "такой",
    "свой", "весь", "также", "спасибо", "заранее", "обращение", "просьба", "ваш", "наш", "сказать",
    "почему", "когда", "какой", "каков", "ли", "можно", "нельзя", "хотеть", "хотеться", "ситуация",
    "решение", "решить", "проблема", "год", "день", "время", "город", "москва", "ответить",
}
VI_STOP = {
    "đề nghị", "kiến nghị", "xin", "mong", "vui lòng", "của", "và", "là", "các", "những", "cho",
    "được", "có", "không", "đã", "sẽ", "với", "trong", "tại", "về", "này", "đó", "để", "theo",
    "ông", "bà", "tôi", "chúng tôi", "cơ quan", "xem xét", "giải quyết", "trả lời", "thông tin",
    "việc", "vấn đề", "nội dung", "hướng dẫn", "cho biết", "như thế nào", "vì sao", "tại sao",
    "khi nào", "bao giờ", "gì", "nào", "ạ", "thì", "mà", "nên", "hay", "hoặc", "đến", "từ", "ở",
    "một", "rất", "cũng", "đang", "bị", "vẫn", "còn", "thế nào", "sao", "phường", "xã", "ubnd",
}
RU_TRIGGER = regex.compile(r"\b(?:прошу|просим|просьба|пожалуйста)\b|\?\s*$", regex.I)
# not questions on the merits: list intros, conditionals, requests to forward the appeal
RU_SKIP = regex.compile(r":\s*$|^\W*(?:если|в случае)\b|\b(?:пере\w*|направ\w*)\s+(?:\w+\s+)?обращени", regex.I)
VI_SKIP = regex.compile(r":\s*$|^\W*(?:nếu|trường hợp)\b|\bchuyển\s+(?:đơn|thư)", regex.I)
VI_TRIGGER = regex.compile(r"\b(?:đề nghị|kiến nghị|yêu cầu|mong|xin)\b|\?\s*$", regex.I)
MAX_QUOTE = 160


def _content(tokens, lang) -> set[str]:
    out = set()
    for t in tokens:
        if not t.is_word or t.text.isdigit() or len(t.text) < 3 and lang == "ru":
            continue
        if lang == "ru":
            if not t.tags or not t.tags[0].startswith(RU_CONTENT) or t.lemma in RU_STOP:
                continue
        elif t.lemma in VI_STOP or not any(c.isalpha() for c in t.text):
            continue
        out.add(t.lemma)
    return out


def questions(appeal_text: str, lang: str):
    """(sentence text, content lemmas) of each question or request of the appeal."""
    an = analyse_text(lang, appeal_text)
    trigger, skip = (RU_TRIGGER, RU_SKIP) if lang == "ru" else (VI_TRIGGER, VI_SKIP)
    for s, e in an.sentences:
        sentence = appeal_text[s:e].strip()
        if trigger.search(sentence) and not skip.search(sentence):
            lemmas = _content(an.tokens_in(s, e), lang)
            if len(lemmas) >= 3:
                yield " ".join(sentence.split()), lemmas


def find(ctx, check):
    appeal = ctx.doc.metadata.get("appeal")
    if not appeal or not appeal.get("text"):
        return
    lang = appeal.get("lang") if appeal.get("lang") in ("ru", "vi") else ctx.lang
    if lang not in ("ru", "vi") or ctx.lang != lang:
        return
    replied = set()
    for s, e in ctx.spans(["subject", "body", "closing", "attachments"]):
        replied |= _content(ctx.analysis.tokens_in(s, e), lang)
    max_shared = int(check.options(ctx).get("max_shared", 1))
    body = ctx.doc.first_zone("body")
    start = body.start if body else 0
    line_end = ctx.doc.text.find("\n", start)
    end = line_end if line_end > start else (body.end if body else len(ctx.doc.text))
    for sentence, lemmas in questions(appeal["text"], lang):
        if len(lemmas & replied) <= max_shared:
            quoted = sentence if len(sentence) <= MAX_QUOTE else sentence[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"
            yield check.hit(ctx, start, end, question=quoted)
