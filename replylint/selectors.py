"""Rule selectors: a rule id (`ru.vy-capital`) or a pack name (`ru`). An unknown one is an error
with the nearest known name, never a silent no-op (ruff: "Unknown rule selector")."""
from __future__ import annotations

import difflib

from .meta_rules import META_PACK, META_RULES


class SelectorError(Exception):
    """`unknown rule 'ru.vy_capital' (did you mean ru.vy-capital?)`"""


def matches(rule_id: str, selector: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector.rstrip(".") + ".")


class Known:
    """The ids and pack names a selector may name: the loaded rules plus replylint's own."""

    def __init__(self, rules):
        self.ids = {r.id for r in rules} | {r.id for r in META_RULES}
        self.packs = {r.pack for r in rules} | {META_PACK}

    def __contains__(self, selector: str) -> bool:
        return selector in self.ids or selector.rstrip(".") in self.packs

    def nearest(self, selector: str) -> str | None:
        names = sorted(self.ids | self.packs)
        # compare case-blind and with _ read as - so "RU.VY_CAPITAL" finds ru.vy-capital
        norm = {n.lower().replace("_", "-"): n for n in names}
        key = selector.lower().replace("_", "-")
        if key in norm:
            return norm[key]
        close = difflib.get_close_matches(key, list(norm), n=1, cutoff=0.6)
        if not close and "." in key:   # a right pack with a wrong rule: compare the rule part
            pack, _, rest = key.partition(".")
            tails = {n.partition(".")[2]: n for n in norm if n.startswith(pack + ".")}
            close = [tails[t] for t in difflib.get_close_matches(rest, list(tails), n=1, cutoff=0.5)]
            return norm[close[0]] if close else None
        return norm[close[0]] if close else None

    def error(self, selector: str, kind: str = "rule") -> str:
        """The one-line message for an unknown selector."""
        what = "rule" if "." in selector.strip(".") or kind == "id" else "rule or pack"
        hint = self.nearest(selector)
        tail = f"did you mean {hint}?" if hint else "see `replylint rules`"
        return f"unknown {what} {selector!r} ({tail})"

    def check(self, selectors, where: str = "") -> None:
        """Raise SelectorError for the first unknown selector; `where` prefixes the message."""
        for s in selectors:
            if s not in self:
                raise SelectorError(f"{where}{self.error(s)}")

    def check_id(self, rule_id: str, where: str = "") -> None:
        """A place that takes rule ids only (per-rule settings)."""
        if rule_id in self.ids:
            return
        if rule_id in self.packs:
            raise SelectorError(f"{where}{rule_id!r} is a pack, not a rule id "
                                f"(use ignore: [{rule_id}] to turn a pack off)")
        raise SelectorError(f"{where}{self.error(rule_id, 'id')}")
