"""The public Python API: load the rules once, then check documents held in memory.

    from replylint.api import Linter

    linter = Linter()                         # or Linter(config=".replylint.yaml")
    linter.warm_up()                          # optional: build the ru and vi pipelines now
    report = linter.check("Уважаемый Иван Иванович! …")            # text: read as a .txt file
    report = linter.check(docx_bytes, filename="reply.docx")        # bytes: any format replylint reads
    report["files"][0]["diagnostics"]         # the findings, as in SPEC 2

`check` returns the JSON report of SPEC 2 (a dict) for that one document, exactly what
`replylint check --format json FILE` prints for the same file and options: the command line and
`replylint serve` both go through `engine.check_file`. A document that cannot be read is not an
exception: its file entry has `"error": "<one-line cause>"`, as on the command line. Errors of the
caller are exceptions: `ConfigError` (a broken configuration), `UnknownSelector` (a rule id or pack
that does not exist), `AppealError` (an appeal that cannot be read).

Per call: `lang` (auto|ru|vi), `kind` (auto|letter|email|congvan|reply), `select` / `ignore`
(rule ids or packs), `appeal` (the citizen's appeal: text, or bytes with `appeal_filename`),
`min_severity`, and `scope`: "letter" (default, the whole letter), "fragment" (a paragraph on its
own: only the rules declared `scope: fragment` run, whole-letter rules such as the signature,
salutation or deadline stay quiet) or "auto" (a letter when the text has three lines or more and
parts of a letter's frame — header, addressee, subject, salutation, closing or signature —, else
a fragment: what LanguageTool clients send may be either).

`Linter` is not thread-safe for concurrent calls (the NLP caches are per process); a server runs
one per worker process, which is what `replylint serve` does.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .config import Config, ConfigError, load_file
from .engine import RunOptions, check_one, matches
from .packs import load_rules
from .report import FileResult, Report
from .reporters.json import report_dict

__all__ = ["Linter", "ConfigError", "UnknownSelector", "AppealError", "STDIN"]

STDIN = "-"     # the default filename: the document is read as standard input (.txt), path "-"
LANGS = ("auto", "ru", "vi")
KINDS = ("auto", "letter", "email", "congvan", "reply")
SCOPES = ("letter", "fragment", "auto")
SEVERITIES = ("suggestion", "warning", "error")


class UnknownSelector(ValueError):
    """A --select/--ignore value that names no rule and no pack."""


class AppealError(ValueError):
    """The appeal could not be read; the message is `<filename>: <one-line cause>`."""


@dataclass
class _Call:
    """One call's options, validated."""
    lang: str
    kind: str
    select: list
    ignore: list
    min_severity: str
    scope: str


class Linter:
    """Rule packs (and a configuration file, if given) loaded once; `check` many documents."""

    def __init__(self, config: str | os.PathLike | None = None):
        self.config_path = os.fspath(config) if config is not None else None
        self.config: Config | None = load_file(self.config_path) if self.config_path else None
        cfg = self.config or Config()
        self.all_rules = load_rules(cfg.packs or None, cfg.pack_dirs or None)
        self._by_id = {r.id: r for r in self.all_rules}
        self._packs = {r.pack for r in self.all_rules}

    # ---- checking -----------------------------------------------------------------------

    def check(self, content: str | bytes, filename: str = STDIN, **options) -> dict:
        """The SPEC 2 report (dict) of one document; see the module docstring for options."""
        result = self.check_result(content, filename, **options)
        return report_dict(Report(files=[result], rules=self.all_rules))

    def check_result(self, content: str | bytes, filename: str = STDIN, *, lang: str = "auto",
                     kind: str = "auto", select=(), ignore=(), appeal: str | bytes | None = None,
                     appeal_filename: str = "appeal.txt", min_severity: str = "suggestion",
                     scope: str = "letter") -> FileResult:
        """Like `check`, but the `FileResult` (with its `Document` in `.doc`)."""
        call = self._validate(lang, kind, select, ignore, min_severity, scope)
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        opts = RunOptions(lang=call.lang, kind=call.kind, select=call.select, ignore=call.ignore,
                          no_config=self.config is None, loaded_config=self.config,
                          min_severity=call.min_severity, scope=call.scope,
                          appeal=self.read_appeal(appeal, appeal_filename, call.lang)
                          if appeal is not None else None)
        if filename == STDIN:
            return check_one(STDIN, opts, stdin=data)
        return check_one(filename, opts, data=data)

    def read_appeal(self, content: str | bytes, filename: str = "appeal.txt",
                    lang: str = "auto") -> dict:
        """The appeal facts the comparing rules read ({"path", "text", "lang"}), as `--appeal`."""
        from .document import ReadError
        from .readers import ReadOptions, read
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        try:
            doc = read(filename, ReadOptions(lang=lang), data=data)
        except ReadError as e:
            raise AppealError(f"{filename}: {e}") from None
        return {"path": filename, "text": doc.text, "lang": doc.lang}

    def _validate(self, lang, kind, select, ignore, min_severity, scope) -> _Call:
        for name, value, allowed in (("lang", lang, LANGS), ("kind", kind, KINDS),
                                     ("min_severity", min_severity, SEVERITIES),
                                     ("scope", scope, SCOPES)):
            if value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
        select, ignore = _as_list(select, "select"), _as_list(ignore, "ignore")
        for s in select + ignore:
            if not self.known_selector(s):
                raise UnknownSelector(f"unknown rule or pack {s!r} (see `replylint rules`)")
        return _Call(lang, kind, select, ignore, min_severity, scope)

    def known_selector(self, selector: str) -> bool:
        return selector in self._packs or any(matches(r.id, selector) for r in self.all_rules)

    # ---- warming up ---------------------------------------------------------------------

    def warm_up(self, langs=("ru", "vi")) -> None:
        """Build the NLP pipelines and every rule's compiled patterns for `langs` now, by checking
        one bad and one good YAML example of each rule, so that the first real document pays
        only its check."""
        from .examples import parse
        for rule in self.all_rules:
            for which in ("bad", "good"):
                for ex in parse(rule, which)[:1]:
                    lang = ex.lang or rule.lang
                    if lang in langs or (lang is None and ex.text):
                        self.check_result(ex.text, "warm-up.txt",
                                          lang=lang if lang in langs else "auto")

    # ---- rules --------------------------------------------------------------------------

    def rules(self, lang: str | None = None) -> list[dict]:
        """Every rule as `replylint rules --format json` lists it, plus its scope."""
        return [rule_summary(r) for r in self.all_rules if lang in (None, "auto") or r.lang in (None, lang)]

    def rule(self, rule_id: str):
        return self._by_id.get(rule_id)

    def explain(self, rule_id: str, lang: str | None = None) -> dict | None:
        """The explain page of a rule as data (None for an unknown id)."""
        rule = self._by_id.get(rule_id)
        return explain_dict(rule, lang) if rule is not None else None


def _as_list(value, name) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    value = list(value)
    if not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of rule ids or pack names")
    return [v for v in (v.strip() for v in value) if v]


def rule_summary(rule) -> dict:
    return {"id": rule.id, "severity": rule.severity, "fixable": rule.fixable,
            "source": rule.source_text(), "description": rule.description, "kinds": rule.kinds,
            "formats": rule.formats, "scope": rule.scope, "lang": rule.lang, "pack": rule.pack}


def explain_dict(rule, lang: str | None = None) -> dict:
    """What `replylint explain ID` prints, as fields."""
    from .rule_doc import examples_of, explain_text, quotes, rule_message
    cites = rule.citations(lang)
    return {**rule_summary(rule), "source": rule.source_text(lang),
            "message": rule_message(rule, lang), "why": rule.why_for(lang), "fix": rule.fix_for(lang),
            "source_document": "; ".join(dict.fromkeys(str(c["document"]) for c in cites)),
            "source_clause": "; ".join(str(c["clause"]) for c in cites),
            "citations": [{k: str(c[k]) for k in ("document", "short", "clause", "quote") if c.get(k)}
                          for c in cites],
            "quote": " / ".join(quotes(rule, lang)),
            "examples": {"bad": examples_of(rule, "bad"), "good": examples_of(rule, "good")},
            "text": explain_text(rule, lang)}
