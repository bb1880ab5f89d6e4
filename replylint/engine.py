"""One run over many files: configuration per file, reading, linting, in parallel when asked."""
from __future__ import annotations

import bisect
import os
import sys
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .budget import DEFAULT_TIME_LIMIT, BudgetExceeded, time_budget
from .config import Config, ConfigError, discover, load_file
from .diagnostic import Diagnostic, severity_rank
from .document import ReadError
from .failures import describe, strict
from .linter import finish, lint, prepare
from .meta_rules import UNKNOWN_DIRECTIVE, UNUSED_DIRECTIVE
from .options import problems as option_problems
from .packs import load_rules
from .report import FileResult, Report
from .selection import DEFAULT_EXCLUDE, Excludes, spec
from .selectors import Known, SelectorError, matches


VI_KINDS = ("congvan", "reply")   # --kind values that are letters of a Vietnamese sub-kind


@dataclass
class RunOptions:
    lang: str = "auto"
    kind: str = "auto"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config: str | None = None
    no_config: bool = False
    min_severity: str = "suggestion"
    jobs: int | None = None
    appeal: dict | None = None     # the citizen's appeal: {"path", "text", "lang"} (--appeal)
    time_limit: float | None = None   # seconds per document; None: the configuration's
    templates: list[str] = field(default_factory=list)   # extra template extensions
    scope: str = "letter"          # "fragment": a lone paragraph; only rules with `scope: fragment` run
    loaded_config: Config | None = None   # a configuration loaded once (the API), used for every file
    report_unused_directives: bool = False
    stdin_filename: str | None = None    # the name stdin is read, configured and reported as
    exclude: list[str] | None = None     # --exclude: replaces the configuration's `exclude`
    extend_exclude: list[str] = field(default_factory=list)


@dataclass
class RuleSet:
    rules: list
    severities: dict
    options: dict
    settings: dict
    known: Known = None
    meta: list = field(default_factory=list)   # the enabled rules of meta_rules


def check_selectors(cfg: Config | None, opts: RunOptions, known: Known) -> None:
    """Every selector names a rule or pack: SelectorError (command line) or ConfigError
    (`file:line:`) with the nearest name otherwise."""
    for flag, given in (("--select", opts.select), ("--ignore", opts.ignore)):
        known.check(given, f"{flag}: ")
    if cfg is None or cfg.path is None:
        return
    try:
        for key in ("select", "ignore"):
            for i, s in enumerate(getattr(cfg, key)):
                known.check([s], f"{cfg.line_of(f'{key}[{i}]', key)}: {key}: ")
        for rid in list(cfg.severities) + [r for r in cfg.options if r not in cfg.severities]:
            known.check_id(rid, f"{cfg.line_of(f'rules.{rid}', 'rules')}: rules: ")
        for glob, ids in cfg.per_file_ignores.items():
            for i, s in enumerate(ids):
                known.check([s], f"{cfg.line_of(f'per_file_ignores.{glob}[{i}]', f'per_file_ignores.{glob}', 'per_file_ignores')}: per_file_ignores: ")
    except SelectorError as e:
        raise ConfigError(str(e)) from None


def ruleset(cfg: Config | None, opts: RunOptions) -> RuleSet:
    cfg = cfg or Config()
    rules = load_rules(cfg.packs or None, cfg.pack_dirs or None)
    known = Known(load_rules(None, cfg.pack_dirs or None))
    check_selectors(cfg, opts, known)
    check_rule_options(cfg, rules)
    select = opts.select or cfg.select
    ignore = list(cfg.ignore) + list(opts.ignore)

    def wanted(rule, explicit: bool = False) -> bool:
        if select and not explicit and not any(matches(rule.id, s) for s in select):
            return False
        return not any(matches(rule.id, s) for s in ignore) and cfg.severities.get(rule.id) != "off"

    chosen = [r for r in rules if wanted(r)]
    meta = [r for r in (UNKNOWN_DIRECTIVE,) if wanted(r)]
    if opts.report_unused_directives and wanted(UNUSED_DIRECTIVE, explicit=True):
        meta.append(UNUSED_DIRECTIVE)
    sev = {k: v for k, v in cfg.severities.items() if v != "off"}
    return RuleSet(chosen, sev, cfg.options, cfg.settings, known, meta)


class _Hits:
    """Where suppressed findings were, per key, asked by binary search."""

    def __init__(self, hits):
        self.at: dict[str, list[int]] = {}
        for key, x in hits:
            self.at.setdefault(key, []).append(x)
        for xs in self.at.values():
            xs.sort()

    def within(self, key: str, s: int, e: int) -> bool:
        xs = self.at.get(key, ())
        i = bisect.bisect_left(xs, s)
        return i < len(xs) and xs[i] < e


def directive_findings(doc, rs: RuleSet) -> list[Diagnostic]:
    """replylint.unknown-directive for ids that name nothing; replylint.unused-directive for
    suppressions that hid no finding (after the rules ran)."""
    out = []
    meta = {r.id for r in rs.meta}
    hits = _Hits(doc.suppression_hits)
    for d in doc.directives:
        unknown = {i for i in d.ids if i not in rs.known}
        if UNKNOWN_DIRECTIVE.id in meta:
            for rid, at in zip(d.ids, d.offsets):
                if rid in unknown:
                    out.append(Diagnostic(rule=UNKNOWN_DIRECTIVE.id, start=at, end=at + len(rid),
                                          match=rid, suggestion=rs.known.nearest(rid)))
        if UNUSED_DIRECTIVE.id in meta and d.action != "enable":
            used = {key for key, s, e in d.spans if hits.within(key, s, e)}
            for rid, at in (zip(d.ids, d.offsets) if d.ids else [("*", d.start)]):
                if rid not in unknown and rid not in used:
                    out.append(Diagnostic(rule=UNUSED_DIRECTIVE.id, start=at,
                                          end=at + (len(rid) if d.ids else d.end - d.start),
                                          match=rid if d.ids else "every rule"))
    rules = {r.id: r for r in rs.meta}
    return [finish(x, rules[x.rule], doc, rs.severities.get(x.rule)) for x in out]


_LOADED: dict = {}


def check_rule_options(cfg: Config, rules) -> None:
    """The configuration's `rules: {id: {options: …}}` against each rule's declared options
    (replylint/options.py): an unknown name, a wrong type or a bad regex is a ConfigError."""
    by_id = {r.id: r for r in rules}
    for rid, given in cfg.options.items():
        rule = by_id.get(rid)
        if rule is None or rule.checker is None:
            continue
        for name, problem in option_problems(rule.checker.declared_options(), given):
            where = cfg.line_of(f"rules.{rid}.options.{name}", f"rules.{rid}", "rules")
            raise ConfigError(f"{where}: rules.{rid}.options: {problem}")


def config_for(path: str, opts: RunOptions) -> Config | None:
    if opts.no_config:
        return None
    if opts.loaded_config is not None:
        return opts.loaded_config
    if opts.config:
        try:
            st = os.stat(opts.config)
            key = (os.path.abspath(opts.config), st.st_mtime_ns, st.st_size)
        except OSError:
            return load_file(opts.config)
        if key not in _LOADED:
            _LOADED[key] = load_file(opts.config)
        return _LOADED[key]
    return discover(path)


_EXCLUDES: dict = {}


def excludes_for(path: str, opts: RunOptions) -> Excludes:
    """The exclude patterns for a file: `--exclude`, else the configuration's `exclude`, else
    the defaults; plus the configuration's and the command line's `extend-exclude`."""
    cfg = config_for(path, opts)
    key = (id(cfg), tuple(opts.exclude) if opts.exclude is not None else None,
           tuple(opts.extend_exclude))
    if key not in _EXCLUDES:
        cwd = Path.cwd()
        if opts.exclude is not None:
            rules = [(spec(opts.exclude), cwd)]
        elif cfg is not None and cfg.exclude is not None:
            rules = [(spec(cfg.exclude), cfg.base)]
        else:
            rules = [(spec(DEFAULT_EXCLUDE), None)]
        if cfg is not None and cfg.extend_exclude:
            rules.append((spec(cfg.extend_exclude), cfg.base))
        if opts.extend_exclude:
            rules.append((spec(opts.extend_exclude), cwd))
        _EXCLUDES[key] = (cfg, Excludes(rules))   # cfg kept alive: its id stays unique
    return _EXCLUDES[key][1]


def check_file(path: str, opts: RunOptions, stdin: bytes | None = None,
               data: bytes | None = None) -> FileResult:
    """Read (or take ``data`` as the content of ``path``, e.g. a fixed text), lint, report.
    Standard input with --stdin-filename NAME is read, configured and reported as NAME."""
    from .readers import ReadOptions
    named_stdin = path == "-" and bool(opts.stdin_filename)
    if named_stdin:
        path, data = opts.stdin_filename, stdin if stdin is not None else sys.stdin.buffer.read()
        stdin = None
    cfg = config_for(path, opts)
    rs = ruleset(cfg, opts)
    vi_kind = opts.kind if opts.kind in VI_KINDS else None
    ropts = ReadOptions(lang=opts.lang, kind="letter" if vi_kind else opts.kind)
    ropts.template_exts = tuple(ropts.template_exts) + tuple(opts.templates) \
        + tuple(cfg.templates if cfg is not None else ())
    if cfg is not None:
        ropts.max_bytes = cfg.max_file_size
        ropts.max_text = cfg.max_text_length
    seconds = opts.time_limit if opts.time_limit is not None else (
        cfg.time_limit if cfg is not None else DEFAULT_TIME_LIMIT)
    try:
        with time_budget(seconds):
            return _check_doc(path, opts, cfg, rs, ropts, vi_kind, stdin, data, named_stdin)
    except BudgetExceeded as e:
        return FileResult(path=path, error=str(e))


def _check_doc(path, opts, cfg, rs, ropts, vi_kind, stdin, data, named_stdin=False) -> FileResult:
    from .pages import page_count
    from .readers import read
    try:
        doc = read(path, ropts, stdin=stdin, data=data)
    except ReadError as e:
        return FileResult(path=path, error=str(e))
    if named_stdin:
        doc.metadata["stdin"] = True     # never written back to a file of that name
    rules = rs.rules
    if cfg is not None:
        off = cfg.ignored_for(path)
        rules = [r for r in rules if not any(matches(r.id, s) for s in off)]
        rs.meta = [r for r in rs.meta if not any(matches(r.id, s) for s in off)]
    if vi_kind:
        doc.metadata["vi_kind"] = vi_kind
    if opts.appeal:
        doc.metadata["appeal"] = opts.appeal
    prepare(doc)
    scope = opts.scope if opts.scope != "auto" else ("letter" if is_whole_letter(doc) else "fragment")
    if scope == "fragment":
        rules = [r for r in rules if r.scope == "fragment"]
    diags = lint(doc, rules, rs.settings, rs.options, rs.severities)
    if doc.directives and rs.meta:
        diags = sorted(diags + directive_findings(doc, rs), key=Diagnostic.sort_key)
    floor = severity_rank(opts.min_severity)
    diags = [d for d in diags if severity_rank(d.severity) >= floor]
    notes = list(doc.metadata.get("notes", []))
    if doc.lang == "unknown":
        notes.append("language not recognised as Russian or Vietnamese: only language-neutral rules ran")
    return FileResult(path=path, diagnostics=diags, lang=doc.lang, kind=doc.kind,
                      encoding=doc.encoding, pages=doc.metadata.get("pages")
                      or page_count(doc, rs.settings.get("layout")), notes=notes, doc=doc,
                      internal_errors=list(doc.metadata.get("internal_errors", [])))


LETTER_PARTS = {"header", "addressee", "subject", "salutation", "closing", "signature"}


def is_whole_letter(doc) -> bool:
    """Whether a text of unknown extent (what a LanguageTool client sends: a paragraph, or the
    whole document) is a letter: three lines or more, with parts of a letter's frame found."""
    lines = sum(1 for line in doc.text.splitlines() if line.strip())
    return lines >= 3 and any(z.name in LETTER_PARTS for z in doc.zones)


def check_one(path: str, opts: RunOptions, stdin: bytes | None = None,
              data: bytes | None = None) -> FileResult:
    """`check_file`, where an internal error costs this file (a one-line cause), not the run."""
    try:
        return check_file(path, opts, stdin, data)
    except ConfigError:
        raise
    except Exception as e:  # a bug must cost one file, not the run
        if strict():
            raise
        return FileResult(path=path, error=f"internal error: {describe(e)}")


def _safe_check(args) -> FileResult:
    path, opts, stdin = args
    return check_one(path, opts, stdin)


def _stdin_bytes(stdin, opts: RunOptions) -> tuple[bytes | None, str | None]:
    """(the bytes of standard input, or the one-line cause why not): a stream is read here
    with the configured max_file_size, so more than the limit is never held in memory."""
    if stdin is None or isinstance(stdin, (bytes, bytearray)):
        return stdin, None
    from .readers import read_limited
    cfg = config_for(opts.stdin_filename or "-", opts) or Config()
    try:
        return read_limited(stdin, cfg.max_file_size), None
    except ReadError as e:
        return None, str(e)


def validate(paths: list[str], opts: RunOptions) -> RuleSet:
    """Load and check every configuration the run will use before any file is read, so a
    misspelt rule id stops the run at once (exit 2) instead of failing file by file.
    Returns the rule set of the first file (what reporters list as the run's rules)."""
    first, seen = None, set()
    for p in paths or ["."]:
        cfg = config_for(opts.stdin_filename if p == "-" and opts.stdin_filename else p, opts)
        key = id(cfg)
        if key in seen:
            continue
        seen.add(key)
        rs = ruleset(cfg, opts)
        first = first or rs
    return first


def results(paths: list[str], opts: RunOptions, stdin=None):
    """The result of each file, in input order, each as soon as it and those before it are done;
    ``stdin`` is the bytes or the stream read for "-"."""
    jobs = opts.jobs or (1 if len(paths) < 8 else os.cpu_count() or 1)
    stdin_error = None
    if "-" in paths:
        stdin, stdin_error = _stdin_bytes(stdin, opts)
    work = [(p, opts, stdin if p == "-" else None) for p in paths]
    if jobs > 1 and len(paths) > 1 and not stdin_error:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(_safe_check, work, chunksize=max(1, len(work) // (jobs * 8)))
        return
    for w in work:
        if w[0] == "-" and stdin_error:
            yield FileResult(path=opts.stdin_filename or "-", error=stdin_error)
        else:
            yield _safe_check(w)


def run(paths: list[str], opts: RunOptions, stdin=None) -> Report:
    """Check ``paths``; ``stdin`` is the bytes or the stream read for "-"."""
    rs = validate(paths, opts)
    return Report(files=list(results(paths, opts, stdin)), rules=rs.rules + rs.meta)
