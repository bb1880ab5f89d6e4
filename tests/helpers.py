"""Build rules and documents for tests from small YAML and text snippets."""
import textwrap
from pathlib import Path

from replylint.linter import document_from_text, lint
from replylint.packs import load_pack

_COUNTER = [0]


def make_rule(tmp_path: Path, body: str, pack: str = "t", language: str | None = "ru"):
    """A one-rule pack written to tmp_path and loaded through the real loader."""
    _COUNTER[0] += 1
    folder = tmp_path / f"{pack}{_COUNTER[0]}"
    folder.mkdir()
    (folder / "pack.yaml").write_text(f"name: {pack}\nlanguage: {language or 'null'}\n", encoding="utf-8")
    head = (f"id: {pack}.x\nseverity: warning\nmessage: 'found {{match}}'\n"
            "source: {document: test, clause: '1', quote: q}\n")
    (folder / "x.yaml").write_text(head + textwrap.dedent(body), encoding="utf-8")
    return load_pack(folder)[0]


def run(rule, text, lang="ru", kind="letter", metadata=None, zones=None):
    doc = document_from_text(text, lang=lang, kind=kind, metadata=metadata)
    if zones is not None:
        doc.zones = zones
    return lint(doc, [rule])


def matches(rule, text, **kw):
    return [d.match for d in run(rule, text, **kw)]


def calls(fn, *args, **kwargs) -> tuple[object, int]:
    """(result, number of Python and built-in function calls made by fn(*args)): a measure of the
    work done that does not depend on how loaded the machine is, unlike a wall-clock limit."""
    import sys

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    old = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.setprofile(old)
    return result, count


def assert_linear(fn, make_input, n: int, factor: int = 4, slack: float = 1.5) -> None:
    """fn on an input `factor` times larger makes at most `factor * slack` times the calls: the
    work grows linearly with the input (a quadratic step would multiply it by factor**2)."""
    _, small = calls(fn, make_input(n))
    _, large = calls(fn, make_input(n * factor))
    assert large <= factor * slack * max(small, 1), (
        f"{large:,} calls on {factor}x the input vs {small:,}: not linear")
