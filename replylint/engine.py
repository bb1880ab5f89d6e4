"""One run over many files: configuration per file, reading, linting, in parallel when asked."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .budget import DEFAULT_TIME_LIMIT, BudgetExceeded, time_budget
from .config import Config, ConfigError, discover, load_file
from .diagnostic import severity_rank
from .document import ReadError
from .failures import describe, strict
from .linter import lint, prepare
from .packs import load_rules
from .report import FileResult, Report


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


def matches(rule_id: str, selector: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector.rstrip(".") + ".")


@dataclass
class RuleSet:
    rules: list
    severities: dict
    options: dict
    settings: dict


def ruleset(cfg: Config | None, opts: RunOptions) -> RuleSet:
    cfg = cfg or Config()
    rules = load_rules(cfg.packs or None, cfg.pack_dirs or None)
    select = opts.select or cfg.select
    ignore = list(cfg.ignore) + list(opts.ignore)
    chosen = []
    for r in rules:
        if select and not any(matches(r.id, s) for s in select):
            continue
        if any(matches(r.id, s) for s in ignore):
            continue
        if cfg.severities.get(r.id) == "off":
            continue
        chosen.append(r)
    sev = {k: v for k, v in cfg.severities.items() if v != "off"}
    return RuleSet(chosen, sev, cfg.options, cfg.settings)


def config_for(path: str, opts: RunOptions) -> Config | None:
    if opts.no_config:
        return None
    if opts.loaded_config is not None:
        return opts.loaded_config
    if opts.config:
        return load_file(opts.config)
    return discover(path)


def check_file(path: str, opts: RunOptions, stdin: bytes | None = None,
               data: bytes | None = None) -> FileResult:
    """Read (or take ``data`` as the content of ``path``, e.g. a fixed text), lint, report."""
    from .readers import ReadOptions
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
            return _check_doc(path, opts, cfg, rs, ropts, vi_kind, stdin, data)
    except BudgetExceeded as e:
        return FileResult(path=path, error=str(e))


def _check_doc(path, opts, cfg, rs, ropts, vi_kind, stdin, data) -> FileResult:
    from .pages import page_count
    from .readers import read
    try:
        doc = read(path, ropts, stdin=stdin, data=data)
    except ReadError as e:
        return FileResult(path=path, error=str(e))
    rules = rs.rules
    if cfg is not None:
        off = cfg.ignored_for(path)
        rules = [r for r in rules if not any(matches(r.id, s) for s in off)]
    if vi_kind:
        doc.metadata["vi_kind"] = vi_kind
    if opts.appeal:
        doc.metadata["appeal"] = opts.appeal
    prepare(doc)
    scope = opts.scope if opts.scope != "auto" else ("letter" if is_whole_letter(doc) else "fragment")
    if scope == "fragment":
        rules = [r for r in rules if r.scope == "fragment"]
    diags = lint(doc, rules, rs.settings, rs.options, rs.severities)
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
    cfg = config_for("-", opts) or Config()
    try:
        return read_limited(stdin, cfg.max_file_size), None
    except ReadError as e:
        return None, str(e)


def run(paths: list[str], opts: RunOptions, stdin=None) -> Report:
    """Check ``paths``; ``stdin`` is the bytes or the stream read for "-"."""
    jobs = opts.jobs or (1 if len(paths) < 8 else os.cpu_count() or 1)
    stdin_error = None
    if "-" in paths:
        stdin, stdin_error = _stdin_bytes(stdin, opts)
    if stdin_error:
        paths = [p for p in paths if p != "-"]
    work = [(p, opts, stdin if p == "-" else None) for p in paths]
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_safe_check, work, chunksize=max(1, len(work) // (jobs * 4))))
    else:
        results = [_safe_check(w) for w in work]
    if stdin_error:
        results.append(FileResult(path="-", error=stdin_error))
    cfg = config_for(paths[0] if paths else ".", opts) if paths else None
    return Report(files=results, rules=ruleset(cfg, opts).rules)
