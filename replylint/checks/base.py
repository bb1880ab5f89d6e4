"""What every check kind shares: its declared parameters and how it reports a finding."""
from __future__ import annotations

from collections.abc import Iterable

from ..diagnostic import Diagnostic
from ..options import Option


class Check:
    PARAMS: dict[str, str] = {}     # YAML key -> what it means (the schema of the kind)
    OPTIONS: dict[str, Option] = {}  # options a rule of this kind reads (overridable in config)

    def __init__(self, rule):
        self.rule = rule
        self.params = rule.params

    def declared_options(self) -> dict[str, Option]:
        """The options this rule reads: name -> Option (type, default)."""
        return self.OPTIONS

    def run(self, ctx) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def hit(self, ctx, start: int, end: int, suggestion: str | None = None,
            message: str | None = None, **args) -> Diagnostic:
        d = Diagnostic(rule=self.rule.id, start=start, end=end,
                       match=ctx.doc.text[start:end], suggestion=suggestion,
                       message=message or "")
        d.args = args
        return d
