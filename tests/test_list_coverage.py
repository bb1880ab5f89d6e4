"""Every entry of a list rule is reached by a test, so that a broken or dead entry shows.

An entry (a word, lemma, phrase or pattern of an `existence`/`substitution` rule, a trigger or
companion of a `conditional` rule, a word of a python rule's declared list option) is covered
  * by the rule's examples: a bad example fires through the entry (a trigger), or a good
    example is kept quiet by it (a companion); or
  * generated from the list, where that is honest: the entry written on its own (a word, a
    lemma in its dictionary form, a phrase) fires the rule through that entry; a companion
    added to a bad example's triggering sentence keeps the rule quiet.
A regular expression cannot be generated: a bad example must show it. The failure message
lists, per rule, the entries nothing reaches."""
from __future__ import annotations

import pytest

from replylint import examples
from replylint.checks.conditional import Conditional
from replylint.checks.existence import Existence
from replylint.context import Context
from replylint.linter import document_from_text, lint, prepare
from replylint.matching import GAP
from replylint.packs import load_rules


def _doc(text, lang, kind="letter", metadata=None):
    doc = document_from_text(text, lang=lang, kind=kind, metadata=metadata)
    prepare(doc)
    return doc


def _entries(matcher) -> list[tuple[str, bool]]:
    """(entry, is a pattern) of a Matcher."""
    return ([(t, False) for t, _ in matcher.words + matcher.lemmas + matcher.phrases]
            + [(e, k >= matcher.tokens) for k, (_, e, _) in enumerate(matcher.patterns)])


def _fired(rule, matcher, doc, found) -> set[str]:
    """Entries of `matcher` whose matches are (inside) findings of the rule on `doc`."""
    ctx = Context(doc)
    spans = [(d.start, d.end) for d in found]
    return {m.entry for m in matcher.find(ctx, ctx.spans(rule.zones))
            if any(s <= m.start and m.end <= e for s, e in spans)}


def _matched(rule, matcher, doc) -> set[str]:
    ctx = Context(doc)
    return {m.entry for m in matcher.find(ctx, ctx.spans(rule.zones))}


def _run(rule, doc):
    doc.format = "txt"
    return lint(doc, [rule])


def _uncovered_triggers(rule, matcher) -> list[str]:
    covered = set()
    for ex in examples.parse(rule, "bad"):
        doc = _doc(ex.text, ex.lang or rule.lang, ex.kind, ex.metadata)
        covered |= _fired(rule, matcher, doc, _run(rule, doc))
    missing = []
    for entry, is_pattern in _entries(matcher):
        if entry in covered:
            continue
        if not is_pattern:
            doc = _doc(entry.replace(GAP, " ").strip() + "\n", rule.lang)
            if entry in _fired(rule, matcher, doc, _run(rule, doc)):
                continue
        missing.append(entry)
    return missing


def _uncovered_companions(rule, matcher) -> list[str]:
    covered = set()
    for ex in examples.parse(rule, "good"):
        covered |= _matched(rule, matcher, _doc(ex.text, ex.lang or rule.lang, ex.kind, ex.metadata))
    bad = next((ex for ex in examples.parse(rule, "bad") if ex.kind == "letter" and ex.marked), None)
    missing = []
    for entry, is_pattern in _entries(matcher):
        if entry in covered:
            continue
        if not is_pattern and bad is not None:
            # the companion written right after the trigger, in the same sentence
            s, e = bad.marked[0]
            text = bad.text[:e] + " " + entry.replace(GAP, " ").strip() + bad.text[e:]
            doc = _doc(text, bad.lang or rule.lang, bad.kind, bad.metadata)
            if entry in _matched(rule, matcher, doc) and not _run(rule, doc):
                continue
        missing.append(entry)
    return missing


def _cases():
    for rule in load_rules():
        c = rule.checker
        if isinstance(c, Existence):
            yield pytest.param(rule, "trigger", c.matcher, id=rule.id)
        elif isinstance(c, Conditional):
            yield pytest.param(rule, "trigger", c.trigger, id=f"{rule.id}-if")
            yield pytest.param(rule, "companion", c.companion, id=f"{rule.id}-then")


@pytest.mark.parametrize("rule,role,matcher", list(_cases()))
def test_every_list_entry_is_reached(rule, role, matcher):
    missing = (_uncovered_triggers if role == "trigger" else _uncovered_companions)(rule, matcher)
    total = len(_entries(matcher))
    assert not missing, (f"{rule.id}: {len(missing)} of {total} entries ({role}) reached by no "
                         f"example and not generated:\n  " + "\n  ".join(missing))
