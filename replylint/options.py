"""Declared rule options (yamllint's CONF/DEFAULT): every option a rule reads is declared with
its type and default, in the rule's module (`OPTIONS` of a `check: python` rule) or by its
check kind (`Check.OPTIONS`). The pack loader checks the rule YAML's `options:` against the
declaration, and the engine checks a configuration's `rules: {id: {options: …}}`: an unknown
name, a value of the wrong type or a regular expression that does not compile is an error
with `file:line`, never a rule that silently finds nothing.

A value may be given per language: `{ru: 40, vi: 60}` (`default:` for the others)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import regex

from .pack_cache import deferring

LANG_KEYS = frozenset({"ru", "vi", "en", "default"})
REGEX_FLAGS = regex.V0


@dataclass(frozen=True)
class Option:
    type: str                   # one of TYPES
    default: object = None
    doc: str = ""
    flags: int = REGEX_FLAGS    # how the rule compiles a regex / regexes / regex_map option

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown option type {self.type!r}")


def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _strings(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _range(v) -> bool:
    """A bound pair [min, max] (null: no bound), {min:, max:}, or one number."""
    if v is None or _is_num(v):
        return True
    if isinstance(v, dict):
        return set(v) <= {"min", "max"} and all(x is None or _is_num(x) for x in v.values())
    return isinstance(v, list) and len(v) <= 2 and all(x is None or _is_num(x) for x in v)


def _hours(v) -> bool:
    if not isinstance(v, dict) or not set(v) <= {"start", "end", "days"}:
        return False
    days = v.get("days")
    return days is None or (isinstance(days, list) and all(isinstance(d, int) and 1 <= d <= 7 for d in days))


# type -> (what the error calls it, check)
TYPES = {
    "int": ("an integer", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "number": ("a number", _is_num),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "str": ("a string", lambda v: isinstance(v, str)),
    "strings": ("a list of strings", _strings),
    # word lists: what a list coverage test may generate an example from
    "words": ("a list of words", _strings),
    "lemmas": ("a list of lemmas (each matches every inflected form)", _strings),
    "phrases": ("a list of phrases", _strings),
    "str_or_strings": ("a string or a list of strings", lambda v: isinstance(v, str) or _strings(v)),
    "map": ("a mapping of strings", lambda v: isinstance(v, dict) and all(
        isinstance(k, str) and isinstance(x, str) for k, x in v.items())),
    "regex": ("a regular expression", lambda v: isinstance(v, str)),
    "regexes": ("a list of regular expressions", _strings),
    "regex_map": ("a mapping of regular expressions to strings", lambda v: isinstance(v, dict) and all(
        isinstance(k, str) and isinstance(x, str) for k, x in v.items())),
    "range": ("a range [min, max] or a number", _range),
    "ranges": ("a mapping of names to ranges [min, max]", lambda v: isinstance(v, dict) and all(
        isinstance(k, str) and _range(x) for k, x in v.items())),
    "hours": ("working hours {start, end, days}", _hours),
}


def _per_language(opt: Option, value) -> bool:
    if not isinstance(value, dict) or not value or not set(value) <= LANG_KEYS:
        return False
    # a mapping-typed option whose own keys happen to be language codes is not per language
    return opt.type not in ("map", "regex_map", "ranges", "hours") or all(
        isinstance(v, dict) for v in value.values())


def _regexes(opt: Option, value) -> list[str]:
    if opt.type == "regex":
        return [value]
    if opt.type == "regexes":
        return list(value)
    if opt.type == "regex_map":
        return list(value)
    return []


def problem(name: str, opt: Option, value) -> str | None:
    """Why `value` is not a valid value of option `name`, or None."""
    values = list(value.values()) if _per_language(opt, value) else [value]
    what, ok = TYPES[opt.type]
    for v in values:
        if v is None and opt.default is None:
            continue
        if not ok(v):
            return f"option '{name}' must be {what}, not {type(v).__name__} {v!r}"[:300]
        for pattern in () if deferring() else _regexes(opt, v):
            try:
                regex.compile(pattern, opt.flags)
            except regex.error as e:
                return f"option '{name}': bad regular expression {pattern!r}: {e}"
    return None


def problems(declared: dict[str, Option], given: dict) -> list[tuple[str, str]]:
    """(option name, message) for every unknown or invalid option in `given`."""
    out = []
    for name, value in (given or {}).items():
        opt = declared.get(name)
        if opt is None:
            near = difflib.get_close_matches(str(name), list(declared), n=1)
            hint = f"did you mean '{near[0]}'? " if near else ""
            known = ", ".join(sorted(declared)) or "none"
            out.append((name, f"unknown option '{name}' ({hint}this rule takes: {known})"))
            continue
        p = problem(name, opt, value)
        if p:
            out.append((name, p))
    return out
