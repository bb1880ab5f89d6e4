"""Citations of acts and concrete dates in Russian text: what makes a refusal grounded, a
vague promise concrete, a paraphrase of a law not the addressee in the third person. The
patterns are the lists rules/ru/lists/legal-acts.yaml and concrete-dates.yaml, given to each rule
that needs them as its `acts` / `dates` option."""
from __future__ import annotations

import regex

from ...options import Option
from ...wordlists import alternation, compiled

ACTS = Option("regexes", [], "citations of acts and articles (list legal-acts)", flags=regex.I)
DATES = Option("regexes", [], "concrete dates and periods (list concrete-dates)", flags=regex.I)


def any_of(patterns) -> regex.Pattern:
    """One case-blind pattern matching any of the option's patterns (cached)."""
    return compiled(alternation(patterns, escape=False), regex.I)


def cites_act(text: str, acts) -> bool:
    return bool(any_of(acts).search(text))


def has_date(text: str, dates) -> bool:
    return bool(any_of(dates).search(text))
