"""`ru.apology-missing`: the office's own fault admitted (a complaint upheld, its staff's error,
its delay, a system failure) and no apology.

The words are the rule's options (rules/ru/apology-missing.yaml); this module holds the logic:
one named test per way a letter admits a fault, each reading one token in its sentence. An
apology is owed for the office's own fault, not for a third party's violation that the office
found on the citizen's report (a managing company, a builder, drivers parking on the lawn):
violations found *by* the staff («сотрудниками составляются протоколы на выявленные нарушения»)
are not violations *of* the staff («нарушения со стороны работников»)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from ...options import Option
from ...spans import inside
from .clauses import (
    OPTIONS as CLAUSE_OPTIONS,
    ClauseWords,
    _conditional,
    _is_verbish,
    _lemmas,
    _modal,
    _negated,
    _past,
)

OPTIONS = {
    "complaint_nouns": Option("lemmas", [], "what a complaint is called (довод, жалоба, факт …)"),
    "complaint_strong": Option("lemmas", [], "nouns naming the complaint itself: confirming them upholds it"),
    "complaint_formal": Option("lemmas", [], "complaints that are found justified or satisfied (жалоба, претензия …)"),
    "satisfied": Option("lemmas", [], "complaints whose satisfaction upholds them (жалоба, претензия)"),
    "error_nouns": Option("lemmas", [], "an error, a delay, a failure"),
    "fault_words": Option("lemmas", [], "what makes a confirmed fact a fault (нарушение, грубость …)"),
    "staff": Option("lemmas", [], "the office's people (работник, специалист …)"),
    "third_party": Option("lemmas", [], "who is not the office (управляющая компания, подрядчик …)"),
    "misconduct": Option("lemmas", [], "verbs of a member of staff doing wrong (нарушить, утерять …)"),
    "wrongly": Option("words", [], "adverbs of a wrong act (ошибочно, неправомерно …)"),
    "upheld": Option("lemmas", [], "adjectives of an upheld complaint (обоснованный, правомерный)"),
    "confirm": Option("lemmas", [], "verbs of confirmation (подтвердиться …)"),
    "justify": Option("lemmas", [], "verbs of justification (обосновать)"),
    "satisfy": Option("lemmas", [], "verbs of satisfaction (удовлетворить)"),
    "admit": Option("lemmas", [], "verbs of an admitted fault (допустить)"),
    "find": Option("lemmas", [], "verbs of a finding (выявить, установить)"),
    "found_faults": Option("lemmas", [], "what a finding of the staff's fault names (нарушение, ошибка …)"),
    "happen": Option("lemmas", [], "verbs of an error happening (произойти)"),
    "happened": Option("lemmas", [], "what happens as the office's fault (ошибка, сбой)"),
    "causes": Option("lemmas", [], "faults given as the cause (ошибка, сбой, халатность …)"),
    "cause_before": Option("regex", "", "what precedes a cause («из-за», «вследствие»)", flags=regex.I),
    "technical": Option("lemmas", [], "adjectives of a system failure (технический, программный)"),
    "found_confirmation": Option("lemmas", [], "verbs of «нашли подтверждение» (найти)"),
    "no_grounds": Option("regex", "", "a complaint rejected («оснований … не имеется»)", flags=regex.I),
    "staff_at_fault": Option("regexes", [], "a construction that makes the named staff the wrongdoer "
                             "(«со стороны», «в действиях»); {staff} stands for a staff word",
                             flags=regex.I),
    "the_reader": Option("words", [], "the reader as the actor of a wrong act (вы, вами): not the staff's fault"),
    "apology": Option("lemmas", [], "an apology (извинение, извиниться, прощение)"),
    **CLAUSE_OPTIONS,
}


@dataclass
class Sentence:
    tokens: list
    lemmas: set
    text: str
    doc_text: str       # the whole letter, for what precedes a token across the sentence start


@dataclass
class Lexicon:
    """The options as sets, read once per document."""
    o: dict

    def __getattr__(self, name):
        return set(self.o.get(name) or [])

    @cached_property
    def clause(self) -> ClauseWords:
        return ClauseWords.of(self.o)


def _third_party_only(sent: Sentence, lx: Lexicon) -> bool:
    """A third party's fault (a managing company, a carrier) with no word of the office's people."""
    return bool(sent.lemmas & lx.third_party) and not sent.lemmas & lx.staff


def _staff_at_fault(sent: Sentence, lx: Lexicon, opts: dict) -> bool:
    """The staff named as the wrongdoers («нарушения со стороны работников», «в действиях
    специалиста»), not as the ones who found a violation («сотрудниками выявлены нарушения»)."""
    for t in sent.tokens:
        if not (_lemmas(t) & lx.staff):
            continue
        before = sent.text[:t.start - sent.tokens[0].start]
        if any(regex.search(p + r"\s*$", before, regex.I) for p in opts.get("staff_at_fault") or []):
            return True
        k = sent.tokens.index(t)
        prev = next((p for p in reversed(sent.tokens[:k]) if p.is_word), None)
        if prev is not None and _lemmas(prev) & (lx.found_faults | lx.error_nouns) \
                and any("gent" in tag for tag in t.tags) and not any("ablt" in tag for tag in t.tags):
            return True       # «нарушения специалиста», «ошибка оператора»
    return False


def _reader_acts(sent: Sentence, lx: Lexicon) -> bool:
    return any(t.lower in lx.the_reader for t in sent.tokens)


# -- the ways a letter admits a fault: each returns the span of the admission or None --------------

def _confirmed(toks, i, sent, lx, opts):
    """«доводы подтвердились», «факт нарушения подтверждён», not «факт проживания подтверждён»."""
    tok = toks[i]
    if not (_is_verbish(tok, lx.confirm) and _past(tok, participles=False)):
        return None
    upheld = bool(sent.lemmas & lx.complaint_strong) or (
        bool(sent.lemmas & lx.complaint_nouns) and bool(sent.lemmas & (lx.error_nouns | lx.fault_words)))
    return tok if upheld and not _third_party_only(sent, lx) else None


def _justified(toks, i, sent, lx, opts):
    tok = toks[i]
    if _is_verbish(tok, lx.justify) and _past(tok, participles=False) and sent.lemmas & lx.complaint_formal:
        return tok
    return None


def _satisfied(toks, i, sent, lx, opts):
    tok = toks[i]
    if _is_verbish(tok, lx.satisfy) and _past(tok, participles=False) and sent.lemmas & lx.satisfied:
        return tok
    return None


def _upheld_adjective(toks, i, sent, lx, opts):
    """«жалоба признана обоснованной», not «оснований считать жалобу обоснованной не имеется»."""
    tok = toks[i]
    if not (_lemmas(tok) & lx.upheld) or tok.lower.startswith(("необоснован", "неправомер")):
        return None
    rejected = opts.get("no_grounds") and regex.search(opts["no_grounds"], sent.text, regex.I)
    return tok if sent.lemmas & lx.complaint_formal and not rejected else None


def _took_place(toks, i, sent, lx, opts):
    """«со стороны работников имели место нарушения»."""
    tok = toks[i]
    if not (tok.lower == "место" and i > 0 and "иметь" in _lemmas(toks[i - 1]) and _past(toks[i - 1])):
        return None
    if not (sent.lemmas & lx.error_nouns and sent.lemmas & lx.staff) or _third_party_only(sent, lx):
        return None
    if _negated(toks, i - 1, lx.clause) or _modal(toks, i - 1, lx.clause) or _conditional(toks, i - 1, lx.clause):
        return None
    return tok


def _admitted(toks, i, sent, lx, opts):
    """«специалистом была допущена ошибка», not «управляющей организацией допущено нарушение»."""
    tok = toks[i]
    if _is_verbish(tok, lx.admit) and _past(tok) and sent.lemmas & lx.error_nouns \
            and not _third_party_only(sent, lx):
        return tok
    return None


def _found_staff_fault(toks, i, sent, lx, opts):
    """«выявлены нарушения со стороны работников», not «сотрудниками составляются протоколы на
    выявленные нарушения» (the staff found someone else's)."""
    tok = toks[i]
    if _is_verbish(tok, lx.find) and _past(tok) and sent.lemmas & lx.found_faults \
            and _staff_at_fault(sent, lx, opts):
        return tok
    return None


def _misconduct(toks, i, sent, lx, opts):
    """«специалист нарушил порядок», «заявление было утеряно сотрудником отдела»."""
    tok = toks[i]
    if _is_verbish(tok, lx.misconduct) and _past(tok, participles=False) and sent.lemmas & lx.staff \
            and not _reader_acts(sent, lx):
        return tok
    return None


def _caused_by_fault(toks, i, sent, lx, opts):
    """«выплата задержана из-за ошибки специалиста / вследствие технического сбоя»."""
    tok = toks[i]
    if not (_lemmas(tok) & lx.causes) or not opts.get("cause_before"):
        return None
    before = sent.doc_text[max(0, tok.start - 60):tok.start]
    if not regex.search(opts["cause_before"] + r"\s+(?:\w+\s+){0,2}$", before, regex.I):
        return None
    ours = bool(sent.lemmas & lx.staff) or bool(sent.lemmas & lx.technical)
    return tok if ours and not _reader_acts(sent, lx) else None


def _happened(toks, i, sent, lx, opts):
    tok = toks[i]
    if _is_verbish(tok, lx.happen) and _past(tok) and sent.lemmas & lx.happened:
        return tok
    return None


def _wrongly_done(toks, i, sent, lx, opts):
    """«специалист ошибочно указал», «сотрудник неправомерно отказал»."""
    tok = toks[i]
    if tok.lower in lx.wrongly and i + 1 < len(toks) and _past(toks[i + 1], participles=False) \
            and toks[i + 1].tags and toks[i + 1].tags[0].startswith("VERB"):
        return tok if sent.lemmas & lx.staff and not _reader_acts(sent, lx) else None
    return None


def _staff_to_blame(toks, i, sent, lx, opts):
    """«по вине сотрудника»."""
    tok = toks[i]
    if "вина" in _lemmas(tok) and i > 0 and toks[i - 1].lower == "по":
        return tok if any(_lemmas(t) & lx.staff for t in toks[i + 1:i + 3]) else None
    return None


ADMISSIONS = (_confirmed, _justified, _satisfied, _upheld_adjective, _took_place, _admitted,
              _found_staff_fault, _misconduct, _caused_by_fault, _happened, _wrongly_done, _staff_to_blame)


def _found_confirmation(toks, i, lx):
    """«факты … нашли подтверждение»: the span from «нашли» to «подтверждение», or None."""
    if "подтверждение" not in _lemmas(toks[i]) or i == 0:
        return None
    j = next((k for k in range(i - 1, max(-1, i - 4), -1) if lx.found_confirmation & _lemmas(toks[k])), None)
    if j is None or _negated(toks, j, lx.clause) or _modal(toks, j, lx.clause):
        return None
    return toks[j].start, toks[i].end


def _sentences(toks, text):
    by: dict[int, list] = {}
    for t in toks:
        by.setdefault(t.sent, []).append(t)
    out = {}
    for k, ts in by.items():
        lemmas = set().union(*(_lemmas(t) for t in ts))
        out[k] = Sentence(ts, lemmas, text[ts[0].start:ts[-1].end], text)
    return out


def upheld_findings(ctx, spans, opts):
    """(start, end) of each admission of the office's fault in `spans`."""
    an = ctx.analysis
    text = ctx.doc.text
    lx = Lexicon(opts)
    out = []
    for zs, ze in spans:
        toks = an.tokens_in(zs, ze)
        sentences = _sentences(toks, text)
        for i, tok in enumerate(toks):
            if not tok.is_word or inside(tok.start, ctx.quotes):
                continue
            sent = sentences[tok.sent]
            span = _found_confirmation(toks, i, lx)
            if span:
                out.append(span)
                continue
            for test in ADMISSIONS:
                hit = test(toks, i, sent, lx, opts)
                if hit is None:
                    continue
                if _negated(toks, i, lx.clause) or _modal(toks, i, lx.clause) or _conditional(toks, i, lx.clause):
                    break
                out.append((hit.start, hit.end))
                break
    return out


def _apologises(ctx, lx) -> bool:
    an = ctx.analysis
    for s, e in ctx.spans(["body", "closing", "salutation", "subject"]) or [(0, len(ctx.doc.text))]:
        if any(t.is_word and _lemmas(t) & lx.apology for t in an.tokens_in(s, e)):
            return True
    return False


def find(ctx, check):
    opts = check.options(ctx)
    findings = upheld_findings(ctx, ctx.spans(check.rule.zones), opts)
    if findings and not _apologises(ctx, Lexicon(opts)):
        yield check.hit(ctx, *findings[0])
