"""Where a Russian finding stands in its clause: under a negation ("доводы не подтвердились"),
a modality ("будет проверено", "может быть обжалован") or a condition ("если будет установлено
…"); shared by ru.apology-missing and ru.refusal-without-reason."""
from __future__ import annotations

from dataclasses import dataclass

from ...options import Option

# the words are the lists rules/ru/lists/{negation,past-auxiliary,modality,modal-particles,condition,
# main-clause}.yaml, given to each rule that reads its clauses as these options
OPTIONS = {
    "negation": Option("words", [], "negation particles (list negation)"),
    "past_auxiliary": Option("words", [], "past forms of «быть» after a negation (list past-auxiliary)"),
    "modality": Option("words", [], "words of a possible, future or required finding (list modality)"),
    "modal_particles": Option("words", [], "particles of a question or hypothesis (list modal-particles)"),
    "condition": Option("phrases", [], "what opens a condition (list condition)"),
    "main_clause": Option("words", [], "what opens the main clause after a condition (list main-clause)"),
}


@dataclass(frozen=True)
class ClauseWords:
    negation: frozenset
    past_auxiliary: frozenset
    modality: frozenset
    modal_particles: frozenset
    condition: tuple       # phrases as tuples of words
    main_clause: frozenset

    @classmethod
    def of(cls, opts: dict) -> ClauseWords:
        return cls(*(frozenset(opts.get(k) or ()) for k in ("negation", "past_auxiliary", "modality",
                                                          "modal_particles")),
                   tuple(tuple(p.lower().split()) for p in opts.get("condition") or ()),
                   frozenset(opts.get("main_clause") or ()))


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


def _negated(tokens, i, cw: ClauseWords, window=2):
    before = [t for t in tokens[max(0, i - window):i] if t.is_word]
    if any(t.lower in cw.negation for t in before):
        return True
    # "не было допущено", "не были выявлены"
    before3 = {t.lower for t in tokens[max(0, i - 3):i]}
    return bool(before3 & cw.negation and before3 & cw.past_auxiliary)


def _conditional(tokens, i, cw: ClauseWords):
    """The token stands in a condition: "Если будет установлено, что допущена ошибка …",
    "В случае, если Вам откажут …" — a hypothesis, not a finding or a decision."""
    sent = tokens[i].sent
    j = i - 1
    while j >= 0 and tokens[j].sent == sent:
        w = tokens[j].lower
        if any(p[-1] == w and _preceded_by(tokens, j, p[:-1]) for p in cw.condition):
            return True
        if w in cw.main_clause and j > 0 and tokens[j - 1].text == ",":
            return False    # "Если …, то <main clause>": the token is in the main clause
        j -= 1
    return False


def _preceded_by(tokens, j, words: tuple) -> bool:
    """The tokens right before j are `words` (the start of a phrase ending at j)."""
    if j < len(words):
        return False
    return all(tokens[j - len(words) + k].lower == w for k, w in enumerate(words))


def _modal(tokens, i, cw: ClauseWords):
    clause = _clause_before(tokens, i, 8)
    words = {t.lower for t in clause}
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    return bool(words & cw.modality) or nxt in cw.modal_particles


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
