"""Where a Russian finding stands in its clause: under a negation ("доводы не подтвердились"),
a modality ("будет проверено", "может быть обжалован") or a condition ("если будет установлено
…"); shared by ru.apology-missing and ru.refusal-without-reason."""
from __future__ import annotations

NEG = {"не", "ни", "нет"}

MODAL = {"будет", "будут", "может", "могут", "если", "случае", "подтверждения", "вправе",
         "можете", "ли", "бы", "проверит", "проверят", "проверено", "проверена", "проверены",
         "необходимо", "следует", "должны", "должен", "должна"}


def _lemmas(tok):
    return tok.lemmas | {tok.lemma}


def _clause_before(tokens, i, n=6):
    """Tokens before i in the same clause (stops at , ; : — and sentence start), at most n."""
    out = []
    j = i - 1
    while j >= 0 and len(out) < n:
        t = tokens[j]
        if t.text in (";", ":", "—", "–") or (t.text == "," and out):
            break
        if t.text != ",":
            out.append(t)
        j -= 1
    return out


def _negated(tokens, i, window=2):
    before = [t for t in tokens[max(0, i - window):i] if t.is_word]
    if any(t.lower in NEG for t in before):
        return True
    # "не было допущено", "не были выявлены"
    before3 = [t.lower for t in tokens[max(0, i - 3):i]]
    return "не" in before3 and any(w in ("было", "были", "была", "был") for w in before3)


def _conditional(tokens, i):
    """The token stands in a condition: "Если будет установлено, что допущена ошибка …",
    "В случае, если Вам откажут …" — a hypothesis, not a finding or a decision."""
    sent = tokens[i].sent
    j = i - 1
    while j >= 0 and tokens[j].sent == sent:
        w = tokens[j].lower
        if w in ("если", "ежели") or (w == "случае" and j > 0 and tokens[j - 1].lower == "в"):
            return True
        if w == "то" and j > 0 and tokens[j - 1].text == ",":
            return False    # "Если …, то <main clause>": the token is in the main clause
        j -= 1
    return False


def _modal(tokens, i):
    clause = _clause_before(tokens, i, 8)
    words = {t.lower for t in clause}
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    return bool(words & MODAL) or nxt in ("ли", "бы")


def _past(tok, participles=True):
    """A finding in the past: a past verb, a short passive participle ("допущена") and, where
    allowed, a full past participle ("допущенная ошибка")."""
    for t in tok.tags:
        if t.startswith("VERB") and "past" in t:
            return True
        if t.startswith("PRTS"):
            return True
        if participles and t.startswith("PRTF") and "past" in t:
            return True
    return False


def _is_verbish(tok, lemma_set):
    return bool(_lemmas(tok) & lemma_set) and any(
        t.startswith(("VERB", "PRTS", "PRTF", "INFN")) for t in tok.tags)
