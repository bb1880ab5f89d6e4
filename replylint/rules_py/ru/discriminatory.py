"""ru.discriminatory: a remark on a personal trait used against the person.

Two ways to find one:
1. explicit formulas from the rule's `patterns` ("в Вашем возрасте", "лица … национальности");
2. a sentence that names a protected trait (age, sex, origin, nationality, citizenship,
   language, religion, family or property status — `traits`, lemmas) together with an
   adverse judgement (`adverse`: "не подойдёт", "трудно", "лучше не", "поддельные", "особое
   отношение" …) and either the addressee ("Вы", "Ваш…") or a generalisation about a group
   ("часто", "как правило", "такие"), or a trait introduced as the ground of the judgement
   (`ground`: «для женщины … вряд ли подойдёт», «при Ваших доходах … не по средствам») —
   unless the sentence reads as a neutral legal category
   (`legal`: "имеют право", "предоставляется", "в соответствии с", "независимо от" …).
Quotations «…» are skipped (the citizen's own words, quoted law)."""
from __future__ import annotations

import regex

from ...matching import cached_matcher
from ...options import Option
from ...spans import inside

OPTIONS = {
    "reader": Option("lemmas", [], "the reader addressed («Вы», «Ваш»): a judgement about the person"),
    "patterns": Option("regexes", [], "explicit discriminatory formulas",
                       flags=regex.V0 | regex.MULTILINE | regex.IGNORECASE),
    "exceptions": Option("regexes", [], "a match inside one of these is skipped",
                         flags=regex.V0 | regex.MULTILINE | regex.IGNORECASE),
    "traits": Option("lemmas", [], "protected traits (age, sex, origin …)"),
    "trait_patterns": Option("regexes", [], "protected traits as patterns", flags=regex.I | regex.V1),
    "adverse": Option("regexes", [], "an adverse judgement", flags=regex.I | regex.V1),
    "general": Option("regexes", [], "a generalisation about a group", flags=regex.I | regex.V1),
    "legal": Option("regexes", [], "a neutral legal category: the sentence is not a remark",
                    flags=regex.I | regex.V1),
    "ground": Option("regexes", [], "what introduces a trait as the ground of a judgement right before "
                     "it («для …», «при Ваших …», «учитывая …»): the judgement is about the person",
                     flags=regex.I | regex.V1),
}

_CACHE: dict = {}


def _rx(key, items):
    r = _CACHE.get(key)
    if r is None:
        r = _CACHE[key] = regex.compile("|".join(f"(?:{p})" for p in items), regex.I | regex.V1) \
            if items else None
    return r


def _lemmas(tok):
    return tok.lemmas | {tok.lemma}


def find(ctx, check):
    opts = check.options(ctx)
    text = ctx.doc.text
    q = ctx.quotes
    spans = ctx.spans(check.rule.zones)
    pats = cached_matcher({"patterns": opts.get("patterns") or []})
    exc = cached_matcher({"patterns": opts.get("exceptions") or []})
    skip = [(m.start, m.end) for m in exc.find(ctx, spans)] if exc else []
    hit_sents = set()
    an = ctx.analysis
    for m in pats.find(ctx, spans):
        if inside(m.start, q) or inside(m.start, skip):
            continue
        hit_sents.add(an.sentence_index(m.start))
        yield check.hit(ctx, m.start, m.end)

    traits = set(opts.get("traits") or [])
    reader = set(opts["reader"])
    trait_rx = _rx(("t", tuple(opts.get("trait_patterns") or [])), opts.get("trait_patterns") or [])
    adverse = _rx(("a", tuple(opts.get("adverse") or [])), opts.get("adverse") or [])
    general = _rx(("g", tuple(opts.get("general") or [])), opts.get("general") or [])
    legal = _rx(("l", tuple(opts.get("legal") or [])), opts.get("legal") or [])
    # anchored at the trait: each ground pattern must end where the trait begins
    ground = _rx(("r", tuple(opts.get("ground") or [])), [f"(?:{p})\\s*$" for p in opts.get("ground") or []])
    if not (traits or trait_rx) or adverse is None:
        return
    for zs, ze in spans:
        toks = an.tokens_in(zs, ze)
        by_sent: dict[int, list] = {}
        for t in toks:
            if t.is_word and not inside(t.start, q):
                by_sent.setdefault(an.sentence_index(t.start), []).append(t)
        for k, words in by_sent.items():
            if k in hit_sents:
                continue
            s0, s1 = an.sentences[k]
            s0, s1 = max(s0, zs), min(s1, ze)
            sent = text[s0:s1]
            trait = next((t for t in words if _lemmas(t) & traits), None)
            tspan = (trait.start, trait.end) if trait else None
            if tspan is None and trait_rx is not None:
                tm = trait_rx.search(sent)
                if tm:
                    tspan = (s0 + tm.start(), s0 + tm.end())
            if tspan is None or inside(tspan[0], skip):
                continue
            if not adverse.search(sent):
                continue
            if legal is not None and legal.search(sent):
                continue
            person = any(_lemmas(t) & reader for t in words)
            grounded = ground is not None and ground.search(text[s0:tspan[0]]) is not None
            if not person and not grounded and not (general is not None and general.search(sent)):
                continue
            hit_sents.add(k)
            yield check.hit(ctx, tspan[0], tspan[1])
