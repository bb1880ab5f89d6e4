"""A rule's YAML `examples`, run as tests (tests/test_rule_examples.py) and shown by `explain`.

A `bad` example marks every finding it expects with `<marker>…</marker>` (LanguageTool's
convention): the rule, run alone, must report exactly those spans -- as many findings as
markers, each starting and ending where its marker does. A fixable rule's bad example also
gives `fix:`, the whole text after its fixes are applied. A `good` example has no markers and
must produce no finding. An example is a string, or a mapping with `text` and any of `fix`,
`lang`, `kind` (letter, email), `metadata` (e-mail headers, `appeal`), `format` (txt, eml,
template …)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .linter import document_from_text, lint

OPEN, CLOSE = "<marker>", "</marker>"
EXAMPLE_KEYS = {"text", "fix", "lang", "kind", "metadata", "format"}


class MarkerError(ValueError):
    pass


@dataclass
class Example:
    bad: bool
    text: str                                   # the letter, markers removed
    marked: list[tuple[int, int]] = field(default_factory=list)   # where findings are expected
    fix: str | None = None                      # the text after the fixes (fixable rules)
    lang: str | None = None
    kind: str = "letter"
    metadata: dict = field(default_factory=dict)
    format: str = "txt"
    source: str = ""                            # the example as written (markers kept)


def strip_markers(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without `<marker>…</marker>` and the spans they enclosed."""
    out, spans, pos, start = [], [], 0, None
    length = 0
    while True:
        i = marked.find("<", pos)
        if i < 0:
            break
        for tag, opening in ((OPEN, True), (CLOSE, False)):
            if marked.startswith(tag, i):
                out.append(marked[pos:i])
                length += i - pos
                if opening:
                    if start is not None:
                        raise MarkerError("a <marker> inside another one")
                    start = length
                else:
                    if start is None:
                        raise MarkerError("</marker> without <marker>")
                    spans.append((start, length))
                    start = None
                pos = i + len(tag)
                break
        else:
            out.append(marked[pos:i + 1])
            length += i + 1 - pos
            pos = i + 1
    if start is not None:
        raise MarkerError("<marker> not closed")
    out.append(marked[pos:])
    return "".join(out), spans


def parse(rule, which: str) -> list[Example]:
    bad = which == "bad"
    out = []
    for ex in (rule.examples or {}).get(which) or []:
        if isinstance(ex, str):
            ex = {"text": ex}
        text, spans = strip_markers(str(ex["text"]))
        out.append(Example(bad=bad, text=text, marked=spans, fix=ex.get("fix"), lang=ex.get("lang"),
                           kind=ex.get("kind", "letter"), metadata=dict(ex.get("metadata") or {}),
                           format=ex.get("format", "txt"), source=str(ex["text"])))
    return out


def all_examples(rule) -> list[Example]:
    return parse(rule, "bad") + parse(rule, "good")


def example_texts(rule, which: str) -> list[str]:
    """The example letters as a reader sees them (markers removed)."""
    return [ex.text for ex in parse(rule, which)]


def validate(rule, complete: bool = False) -> list[tuple[str, int, str]]:
    """Problems of the examples' form (not their outcome): (bad|good, index of the example or
    -1 for the list, message). The pack loader rejects malformed examples; `complete` also
    asks every bad example to mark its findings and a fixable rule's to give its fix, as the
    built-in packs do (a user pack's unmarked bad example only has to fire somewhere)."""
    problems = []
    for which in ("bad", "good"):
        items = (rule.examples or {}).get(which) or []
        if not isinstance(items, list):
            return [(which, -1, f"examples.{which} must be a list")]
        for n, ex in enumerate(items):
            where = f"examples.{which}[{n + 1}]"
            if isinstance(ex, dict):
                unknown = set(ex) - EXAMPLE_KEYS
                if unknown:
                    problems.append((which, n, f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                                               f"(one of {', '.join(sorted(EXAMPLE_KEYS))})"))
                    continue
                if "text" not in ex:
                    problems.append((which, n, f"{where}: a mapping example needs 'text'"))
                    continue
                if which == "good" and "fix" in ex:
                    problems.append((which, n, f"{where}: a good example has nothing to fix"))
            elif not isinstance(ex, str):
                problems.append((which, n, f"{where}: an example is a text or a mapping with 'text'"))
                continue
            text = ex["text"] if isinstance(ex, dict) else ex
            try:
                _, spans = strip_markers(str(text))
            except MarkerError as e:
                problems.append((which, n, f"{where}: {e}"))
                continue
            if which == "good" and spans:
                problems.append((which, n, f"{where}: a good example marks no finding"))
            if complete and which == "bad" and not spans:
                problems.append((which, n, f"{where}: mark each expected finding with <marker>…</marker>"))
            if complete and which == "bad" and rule.fixable and not (isinstance(ex, dict) and "fix" in ex):
                problems.append((which, n, f"{where}: a fixable rule's bad example gives its fixed text in 'fix'"))
    return problems


def run(rule, ex: Example):
    """The rule's findings on the example, the rule run alone."""
    doc = document_from_text(ex.text, lang=ex.lang, kind=ex.kind, metadata=ex.metadata)
    doc.format = ex.format
    doc.is_template = ex.format == "template"
    return lint(doc, [rule])


def fixed(ex: Example, findings) -> str:
    from .fixes import fixed_text
    return fixed_text(ex.text, findings)


def mark(text: str, spans) -> str:
    """`text` with `<marker>…</marker>` around each span (spans must not overlap)."""
    out, pos = [], 0
    for s, e in sorted(spans):
        out += [text[pos:s], OPEN, text[s:e], CLOSE]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def outcome_problems(rule, ex: Example) -> list[str]:
    """How the rule's findings on the example differ from what the example says."""
    found = run(rule, ex)
    spans = sorted((d.start, d.end) for d in found)
    problems = []
    if not ex.bad:
        if found:
            problems.append("should stay quiet, reported " + "; ".join(
                f"«{d.match}» ({d.start}-{d.end})" for d in found))
        return problems
    if not ex.marked:           # a user pack's bad example that does not say where
        if not found:
            problems.append("should fire")
    elif spans != sorted(ex.marked):
        overlapping = any(a[1] > b[0] for a, b in zip(spans, spans[1:]))
        got = mark(ex.text, spans) if not overlapping else repr(spans)
        problems.append(f"expected {len(ex.marked)} finding(s) at the markers, got {len(spans)}:\n"
                        f"  expected: {ex.source!r}\n  reported: {got!r}")
    if ex.fix is not None:
        result = fixed(ex, found)
        if result != ex.fix:
            problems.append(f"the fix gives {result!r}, the example says {ex.fix!r}")
    return problems
