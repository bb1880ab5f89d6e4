"""A finding: what a check reports, before and after the linter fills in the rule's facts."""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("suggestion", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass
class Diagnostic:
    rule: str
    start: int
    end: int
    message: str = ""           # filled from the rule's message when a check leaves it empty
    severity: str = "warning"
    match: str = ""
    suggestion: str | None = None
    fixable: bool = False
    source: str = ""            # the citation of the rule's source, in the document's language
    cite: str = ""              # its short form for one-line output: "Кодекс ЦЗН, п. 4.4"
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    unit: str = "line"          # "paragraph" for .docx positions, "page" for PDF ones
    page: int = 0               # PDF: the page of `line`
    exact: bool = True          # False: the suggestion names readings to choose from, not a fix

    def sort_key(self):
        return (self.start, self.end, self.rule)
