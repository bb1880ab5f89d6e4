"""`common.unanswered-question` (SPEC 5.5): with `--appeal FILE`, every question or request of
the citizen's appeal ("Прошу …", "Просим …", a sentence ending in "?", "đề nghị …",
"kiến nghị …") whose content words (lemmas) the reply never mentions.

The appeal arrives as `doc.metadata["appeal"] = {"path", "text", "lang"}` (engine). A question
counts as addressed when at least `min_coverage` of its content lemmas occur in the reply."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ...nlp import analyse_text
from ...options import Option
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "max_shared": Option("int", 1, "content lemmas a question may share with the reply and still be unanswered"),
    "content_tags": Option("strings", [], "pymorphy3 parts of speech that carry the topic (ru)"),
    "stop_lemmas": Option("strings", [], "lemmas of asking and politeness no answer needs to repeat"),
    "request_words": Option("phrases", [], "words that make a sentence of the appeal a request"),
    "conditional_openers": Option("phrases", [], "a sentence opening with one of these is a condition, not a question"),
    "forwarding": Option("regex", "", "a request to forward the appeal, not a question on the merits",
                         flags=regex.I),
}

MAX_QUOTE = 160


@dataclass(frozen=True)
class Vocabulary:
    """What the rule knows of one language, from its options."""
    lang: str
    content_tags: tuple[str, ...]
    stop: frozenset[str]
    trigger: regex.Pattern
    skip: regex.Pattern

    @classmethod
    def of(cls, opts: dict, lang: str) -> Vocabulary:
        skip = rf":\s*$|^\W*{alternation(opts.get('conditional_openers') or ())}\b"
        if opts.get("forwarding"):
            skip += "|" + opts["forwarding"]
        return cls(lang=lang, content_tags=tuple(opts.get("content_tags") or ()),
                   stop=frozenset(opts.get("stop_lemmas") or ()),
                   trigger=compiled(rf"\b{alternation(opts.get('request_words') or ())}\b|\?\s*$", regex.I),
                   skip=compiled(skip, regex.I))


def _content(tokens, vocab: Vocabulary) -> set[str]:
    out = set()
    for t in tokens:
        if not t.is_word or t.text.isdigit() or len(t.text) < 3 and vocab.lang == "ru":
            continue
        if vocab.lang == "ru":
            if not t.tags or not t.tags[0].startswith(vocab.content_tags) or t.lemma in vocab.stop:
                continue
        elif t.lemma in vocab.stop or not any(c.isalpha() for c in t.text):
            continue
        out.add(t.lemma)
    return out


def questions(appeal_text: str, vocab: Vocabulary) -> Iterator[tuple[str, set[str]]]:
    """(sentence text, content lemmas) of each question or request of the appeal."""
    an = analyse_text(vocab.lang, appeal_text)
    for s, e in an.sentences:
        sentence = appeal_text[s:e].strip()
        if vocab.trigger.search(sentence) and not vocab.skip.search(sentence):
            lemmas = _content(an.tokens_in(s, e), vocab)
            if len(lemmas) >= 3:
                yield " ".join(sentence.split()), lemmas


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    appeal = ctx.doc.metadata.get("appeal")
    if not appeal or not appeal.get("text"):
        return
    lang = appeal.get("lang") if appeal.get("lang") in ("ru", "vi") else ctx.lang
    if lang not in ("ru", "vi") or ctx.lang != lang:
        return
    opts = check.options(ctx)
    vocab = Vocabulary.of(opts, lang)
    replied = set()
    for s, e in ctx.spans(["subject", "body", "closing", "attachments"]):
        replied |= _content(ctx.analysis.tokens_in(s, e), vocab)
    max_shared = int(opts.get("max_shared", 1))
    body = ctx.doc.first_zone("body")
    start = body.start if body else 0
    line_end = ctx.doc.text.find("\n", start)
    end = line_end if line_end > start else (body.end if body else len(ctx.doc.text))
    for sentence, lemmas in questions(appeal["text"], vocab):
        if len(lemmas & replied) <= max_shared:
            quoted = sentence if len(sentence) <= MAX_QUOTE else sentence[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"
            yield check.hit(ctx, start, end, question=quoted)
