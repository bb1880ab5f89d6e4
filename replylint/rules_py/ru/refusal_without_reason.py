"""`ru.refusal-without-reason`: a refusal with no ground in the same or the next sentence."""
from __future__ import annotations

import regex

from ...options import Option
from ...spans import inside
from ...wordlists import compiled
from .clauses import OPTIONS as CLAUSE_OPTIONS, ClauseWords, _conditional, _lemmas
from .legal_refs import ACTS, any_of, cites_act

OPTIONS = {
    "acts": ACTS,
    "refuse": Option("lemmas", [], "verbs of refusing («отказано», «отказываем»)"),
    "not_refuse": Option("lemmas", [], "lemmas that are no refusal by the office («отказаться»)"),
    "reflexive": Option("regex", "", "a reflexive form of the verb: the person refused something"),
    "possible_before": Option("words", [], "words up to three before the verb that make it a possibility "
                              "(«вправе отказать»)"),
    "phrases": Option("regexes", [], "refusals without the verb («не представляется возможным», "
                      "«оставлено без удовлетворения»)", flags=regex.I),
    "strong": Option("regexes", [], "refusal phrases that are explicit: their ground must be in the same or "
                     "the next sentence", flags=regex.I),
    "optional": Option("regex", "", "what before a phrase makes it a possibility («может быть …»)",
                       flags=regex.I),
    "appeal": Option("regex", "", "a sentence on how to appeal: not a refusal", flags=regex.I),
    "condition": CLAUSE_OPTIONS["condition"],
    "main_clause": CLAUSE_OPTIONS["main_clause"],
    "grounds": Option("regexes", [], "the words that give a ground («в соответствии с», «поскольку», "
                      "«не соответствует требованиям …»)", flags=regex.I),
}


def refusals(ctx, spans, opts):
    """(start, end, strong) of refusals: "strong" ones (an explicit "отказано") need their ground
    in the same or the next sentence; the others may take it from the sentence before."""
    an = ctx.analysis
    text = ctx.doc.text
    q = ctx.quotes
    out = []
    refuse, not_refuse = set(opts["refuse"]), set(opts["not_refuse"])
    reflexive = compiled(opts["reflexive"], regex.I)
    possible_before = set(opts["possible_before"])
    clause = ClauseWords.of(opts)
    phrases, strong = any_of(opts["phrases"]), any_of(opts["strong"])
    optional, appeal = compiled(opts["optional"], regex.I), compiled(opts["appeal"], regex.I)
    for zs, ze in spans:
        toks = an.tokens_in(zs, ze)
        for i, tok in enumerate(toks):
            if not tok.is_word or inside(tok.start, q):
                continue
            if not (_lemmas(tok) & refuse) or tok.lemmas & not_refuse or reflexive.search(tok.lower):
                continue
            before = {t.lower for t in toks[max(0, i - 3):i]}
            if before & possible_before or _conditional(toks, i, clause):
                continue
            s0, s1 = an.sentence_span(tok.start)
            if appeal.search(text, s0, s1):
                continue
            out.append((tok.start, tok.end, True))
        for m in phrases.finditer(text, zs, ze):
            if inside(m.start(), q):
                continue
            s0, s1 = an.sentence_span(m.start())
            if optional.search(text[s0:m.start()]) or appeal.search(text, s0, s1):
                continue
            out.append((m.start(), m.end(), bool(strong.search(m.group()))))
    out.sort()
    return out


def _sentence_windows(ctx, pos, strong):
    an = ctx.analysis
    k = an.sentence_index(pos)
    sents = an.sentences
    para = an.paragraph_span(pos)
    win = [sents[k]]
    if k + 1 < len(sents):
        win.append(sents[k + 1])
    if not strong and k > 0 and sents[k - 1][0] >= para[0]:
        win.append(sents[k - 1])
    return win


def find(ctx, check):
    text = ctx.doc.text
    opts = check.options(ctx)
    grounds = any_of(opts["grounds"])
    seen = set()
    for s, e, strong in refusals(ctx, ctx.spans(check.rule.zones), opts):
        k = ctx.analysis.sentence_index(s)
        if k in seen:
            continue
        seen.add(k)
        grounded = False
        for a, b in _sentence_windows(ctx, s, strong):
            chunk = text[a:b]
            if grounds.search(chunk) or cites_act(chunk, opts["acts"]):
                grounded = True
                break
        if not grounded:
            yield check.hit(ctx, s, e)
