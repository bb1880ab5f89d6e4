"""`ru.vague-wording`: a vague phrase with no concrete date, act or measure after it."""
from __future__ import annotations

import regex

from ...matching import cached_matcher
from ...options import Option
from ...spans import inside
from ...wordlists import compiled
from .legal_refs import ACTS, DATES, cites_act, has_date

OPTIONS = {
    "acts": ACTS,
    "dates": DATES,
    "always": Option("lemmas", [], "vague wherever no concrete date, act or measure follows"),
    "promise": Option("lemmas", [], "vague in a promise or instruction (future or modal)"),
    "commitment": Option("lemmas", [], "vague only in what the office will do (future)"),
    "concrete_after": Option("regex", "", "what after the phrase makes it concrete («: …», «а именно»)",
                             flags=regex.I),
    "bare_measures": Option("regexes", [], "measures promised but not named («меры будут приняты»; "
                            "«меры по замене труб» names one)", flags=regex.I),
    "future": Option("words", [], "words of a future action (будет, планируется)"),
    "modal": Option("words", [], "words of an instruction or possibility (вправе, необходимо)"),
    "future_aux": Option("words", [], "a future auxiliary before a short participle (будут рассмотрены)"),
    "conjunctions": Option("words", [], "words skipped when looking for the participle before the phrase"),
    "extension": Option("regexes", [], "a sentence matching all of these is the legal extension formula"),
}

class _Span:
    def __init__(self, start, end):
        self.start, self.end = start, end

def _future_or_modal(ctx, start, end, opts, modal: bool):
    an = ctx.analysis
    s0, s1 = an.sentence_span(start)
    for t in an.tokens_in(s0, s1):
        if not t.is_word:
            continue
        if t.lower in opts["future"] or (modal and t.lower in opts["modal"]):
            return True
        if t.tags and all("futr" in tag for tag in t.tags if tag.startswith("VERB")) \
                and any(tag.startswith("VERB") and "futr" in tag for tag in t.tags):
            return True
    return False


def find(ctx, check):
    opts = check.options(ctx)
    always = cached_matcher({"lemmas": opts.get("always") or []})
    promise = cached_matcher({"lemmas": opts.get("promise") or []})
    commitment = cached_matcher({"lemmas": opts.get("commitment") or []})
    text = ctx.doc.text
    q = ctx.quotes
    an = ctx.analysis
    spans = ctx.spans(check.rule.zones)
    hits = [(m, "always") for m in always.find(ctx, spans)]
    hits += [(m, "promise") for m in promise.find(ctx, spans)]
    hits += [(m, "commitment") for m in commitment.find(ctx, spans)]
    concrete_after = compiled(opts["concrete_after"], regex.I)
    hits += [(_Span(m.start(), m.end()), "always") for rx in opts["bare_measures"] for zs, ze in spans
             for m in compiled(rx, regex.I).finditer(text, zs, ze)]
    hits.sort(key=lambda h: h[0].start)
    for m, kind in hits:
        if inside(m.start, q):
            continue
        s0, s1 = an.sentence_span(m.start)
        after = text[m.end:s1]
        if has_date(after, opts["dates"]) or cites_act(after, opts["acts"]) or concrete_after.search(after):
            continue
        if kind == "promise":
            # "в установленном порядке": vague as a promise or an instruction, not as a
            # description of a past approval ("утверждённой в установленном порядке …")
            if cites_act(text[s0:s1], opts["acts"]) or _after_participle(ctx, m.start, opts):
                continue
            if not _future_or_modal(ctx, m.start, m.end, opts, modal=True):
                continue
        elif kind == "commitment":
            # "при необходимости", "необходимые меры": vague only in what the office will do
            if not _future_or_modal(ctx, m.start, m.end, opts, modal=False):
                continue
        elif opts["extension"] and all(compiled(rx, regex.I).search(text, s0, s1) for rx in opts["extension"]):
            continue   # the 59-ФЗ extension formula
        yield check.hit(ctx, m.start, m.end)


def _after_participle(ctx, pos, opts):
    an = ctx.analysis
    i = an.token_index_at(pos)
    prev = [t for t in an.tokens[max(0, i - 3):i] if t.is_word and t.lower not in opts["conjunctions"]]
    if not prev:
        return False
    tags = prev[-1].tags
    if any(tag.startswith("PRTF") for tag in tags):
        return True     # "утверждённой в установленном порядке документацией"
    # "принят в установленном порядке" reports a past act; "будут рассмотрены в установленном
    # порядке" is a promise (a future auxiliary before the short participle)
    aux = {t.lower for t in prev[:-1]}
    return any(tag.startswith("PRTS") for tag in tags) and not aux & set(opts["future_aux"])
