"""`python`: a rule whose logic needs structure or NLP, coded in its own module.

The module is found from the rule id: `ru.apology-missing` is
`replylint/rules_py/ru/apology_missing.py` (`function: pack.module` names another one). It
defines `find(ctx, check)`, which yields Diagnostics made with `check.hit(...)`, and
`OPTIONS` (name -> replylint.options.Option): `check.options(ctx)` gives their effective values
(declared default < rule YAML < configuration)."""
from __future__ import annotations

import importlib

from .base import Check


def module_name(rule) -> str:
    """`pack.module` of a rule's code inside replylint.rules_py."""
    explicit = rule.params.get("function")
    if explicit:
        return str(explicit)
    pack, _, name = rule.id.partition(".")
    return f"{pack}.{name.replace('-', '_')}"


class Python(Check):
    PARAMS = {"function": "pack.module inside replylint.rules_py (default: from the rule id)"}

    def __init__(self, rule):
        super().__init__(rule)
        name = module_name(rule)
        try:
            self.module = importlib.import_module(f"replylint.rules_py.{name}")
        except ImportError as e:
            raise ValueError(f"no code for python rule {rule.id!r} "
                             f"(replylint/rules_py/{name.replace('.', '/')}.py): {e}") from None
        self.func = getattr(self.module, "find", None)
        if not callable(self.func):
            raise ValueError(f"replylint/rules_py/{name.replace('.', '/')}.py has no find(ctx, check)")

    def declared_options(self):
        return getattr(self.module, "OPTIONS", {})

    def options(self, ctx) -> dict:
        return ctx.options(self.rule)

    def run(self, ctx):
        yield from self.func(ctx, self) or ()
