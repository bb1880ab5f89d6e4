"""`python`: a named function in replylint.functions, for what needs structure or NLP.

`function: module.name` resolves to replylint/functions/module.py:name(ctx, check), which
yields Diagnostics made with `check.hit(...)`; `check.options(ctx)` gives its options."""
from __future__ import annotations

import importlib

from .base import Check


class Python(Check):
    PARAMS = {"function": "module.function inside replylint.functions"}

    def __init__(self, rule):
        super().__init__(rule)
        name = self.params.get("function", "")
        mod, _, func = name.rpartition(".")
        if not mod:
            raise ValueError(f"function must be 'module.name', got {name!r}")
        try:
            self.func = getattr(importlib.import_module(f"replylint.functions.{mod}"), func)
        except (ImportError, AttributeError) as e:
            raise ValueError(f"function {name!r} not found: {e}") from None

    def options(self, ctx) -> dict:
        return ctx.options(self.rule)

    def run(self, ctx):
        yield from self.func(ctx, self) or ()
