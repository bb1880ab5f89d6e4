"""One run over many files: configuration per file, reading, linting, in parallel when asked."""
from __future__ import annotations

import bisect
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

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
    cache: object | None = None          # a cache.ResultCache (the CLI's), or None: no result cache


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


def read_options(cfg: Config | None, opts: RunOptions):
    """(the ReadOptions of a file under ``cfg``, the Vietnamese sub-kind asked by --kind)."""
    from .readers import ReadOptions
    vi_kind = opts.kind if opts.kind in VI_KINDS else None
    ropts = ReadOptions(lang=opts.lang, kind="letter" if vi_kind else opts.kind)
    ropts.template_exts = tuple(ropts.template_exts) + tuple(opts.templates) \
        + tuple(cfg.templates if cfg is not None else ())
    if cfg is not None:
        ropts.max_bytes = cfg.max_file_size
        ropts.max_text = cfg.max_text_length
    return ropts, vi_kind


def check_file(path: str, opts: RunOptions, stdin: bytes | None = None,
               data: bytes | None = None) -> FileResult:
    """Read (or take ``data`` as the content of ``path``, e.g. a fixed text), lint, report.
    Standard input with --stdin-filename NAME is read, configured and reported as NAME."""
    named_stdin = path == "-" and bool(opts.stdin_filename)
    if named_stdin:
        path, data, stdin = opts.stdin_filename, stdin, None
    cfg = config_for(path, opts)
    rs = ruleset(cfg, opts)
    ropts, vi_kind = read_options(cfg, opts)
    if named_stdin and data is None:
        from .readers import read_limited
        try:
            data = read_limited(sys.stdin.buffer, ropts.max_bytes)
        except ReadError as e:
            return FileResult(path=path, error=str(e))
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
    read_notes = len(doc.metadata.get("notes", []))
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
    internal = list(doc.metadata.get("internal_errors", []))
    # a note added while linting is a pattern that timed out or a rule that crashed: the next
    # run may not say the same, so such a result is not kept by the result cache
    cacheable = not internal and len(doc.metadata.get("notes", [])) == read_notes
    return FileResult(path=path, diagnostics=diags, lang=doc.lang, kind=doc.kind,
                      encoding=doc.encoding, pages=doc.metadata.get("pages")
                      or page_count(doc, rs.settings.get("layout")), notes=notes, doc=doc,
                      internal_errors=internal, cacheable=cacheable)


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


def _cached(path: str, opts: RunOptions):
    """(the stored result of ``path``, its document to be read from the same bytes when asked,
    or None; (key, bytes) to store a fresh result under, or None when the file is not kept)."""
    from .cache import file_key
    got = file_key(opts.cache, path, opts)
    if got is None:
        return None, None
    key, data = got
    hit = opts.cache.get(key, path, read_options(config_for(path, opts), opts)[0], data)
    return (hit, None) if hit is not None else (None, got)


def _check_and_keep(path: str, opts: RunOptions, stdin: bytes | None = None, got=None) -> FileResult:
    """`check_one`, with the fresh result stored in the result cache under the key of the bytes
    that were checked (``got``: (key, bytes) already read, else read here)."""
    if opts.cache is None or path == "-":
        return check_one(path, opts, stdin)
    if got is None:
        from .cache import file_key
        got = file_key(opts.cache, path, opts)
        if got is None:
            return check_one(path, opts)
    key, data = got
    result = check_one(path, opts, data=data)
    opts.cache.put(key, result)
    return result


def recheck(path: str, data: bytes, opts: RunOptions) -> FileResult:
    """The result of ``data`` as the content of ``path`` (a fixed text before it is written),
    kept in the result cache: the key is of these bytes, so it holds whether or not they are
    written, and the run after a --fix finds the fixed files unchanged."""
    result = check_file(path, opts, data=data)
    cfg = config_for(path, opts)
    if opts.cache is not None and len(data) <= (cfg or Config()).max_file_size:
        opts.cache.put(opts.cache.key(path, opts, cfg, data), result)
    return result


def _check_chunk(items, opts: RunOptions) -> list[FileResult]:
    """A worker's share: [(path, stdin bytes or None)] -> their results."""
    return [_check_and_keep(path, opts, stdin) for path, stdin in items]


SAMPLE = 16     # files read before forking to find the languages the workers will need


def _warm_up(paths, todo, opts, done) -> None:
    """Check, in this process, one file of each language found among a few of the files to
    check (spread over the list), so that the rule matchers and the NLP pipelines those
    languages need are built before forking and shared by every worker (copy-on-write), not
    rebuilt in each. The results are kept (``done``) and the files taken off ``todo``."""
    from .readers import read
    step = max(1, len(todo) // SAMPLE)
    warmed = set()
    for i in list(todo[::step][:SAMPLE]):
        path = paths[i]
        if path == "-":
            continue
        try:
            lang = read(path, read_options(config_for(path, opts), opts)[0]).lang
        except (ReadError, ConfigError):
            continue
        if lang in warmed:
            continue
        warmed.add(lang)
        done[i] = _check_and_keep(path, opts)
        todo.remove(i)


def _died(path: str, status: int) -> FileResult:
    if os.WIFSIGNALED(status):
        import signal
        sig = os.WTERMSIG(status)
        try:
            how = f"killed by signal {sig} ({signal.Signals(sig).name})"
        except ValueError:
            how = f"killed by signal {sig}"
    else:
        how = f"exit status {os.WEXITSTATUS(status) if os.WIFEXITED(status) else status}"
    return FileResult(path=path, error=f"the worker process checking it died ({how})")


def _isolated(path: str, opts: RunOptions, stdin: bytes | None) -> FileResult:
    """Check one file in a forked child of its own: after a worker died, the file that kills
    its process again is named (exit 2), and the others still get their results."""
    import pickle
    if not hasattr(os, "fork"):
        return FileResult(path=path, error="a worker process died while this file was being checked")
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:      # the child: one result (or the exception) through the pipe, then _exit
        os.close(r)
        try:
            try:
                out = ("ok", _check_and_keep(path, opts, stdin))
            except BaseException as e:  # noqa: BLE001 - handed to the parent as it is
                out = ("raise", e)
            with os.fdopen(w, "wb") as f:
                f.write(pickle.dumps(out))
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    try:
        kind, value = pickle.loads(data)
    except Exception:   # noqa: BLE001 - nothing or half a result: the child died
        return _died(path, status)
    if kind == "raise":
        raise value
    return value


def _parallel(paths, todo, opts, work, jobs, done):
    """The results of ``todo`` (indices into ``paths``) from forked workers, in order, as each
    chunk is done. The parent loads what the workers need first (``_warm_up``) and freezes its
    objects (``gc.freeze``) so that the workers share its pages instead of copying them."""
    import gc
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool
    _warm_up(paths, todo, opts, done)
    for i in sorted(done):
        yield i, done.pop(i)
    if not todo:
        return
    size = max(1, min(32, len(todo) // (jobs * 8)))
    chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork") if "fork" in methods else None
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx) as pool:
            futures = [pool.submit(_check_chunk, [work[i] for i in chunk], opts) for chunk in chunks]
            gc.unfreeze()     # the workers are forked (all at the first submit): free as usual
            for chunk, fut in zip(chunks, futures):
                try:
                    got = fut.result()
                except BrokenProcessPool:   # a worker died: each file of the chunk on its own
                    got = [_isolated(work[i][0], opts, work[i][1]) for i in chunk]
                yield from zip(chunk, got)
    finally:
        gc.unfreeze()


def results(paths: list[str], opts: RunOptions, stdin=None):
    """The result of each file, in input order, each as soon as it and those before it are done;
    ``stdin`` is the bytes or the stream read for "-". With a result cache, unchanged files are
    answered from it and only the others are checked (in workers when there are enough)."""
    stdin_error = None
    if "-" in paths:
        stdin, stdin_error = _stdin_bytes(stdin, opts)
    work = [(p, stdin if p == "-" else None) for p in paths]
    if stdin_error:
        jobs = 1
    elif opts.jobs:
        jobs = opts.jobs
    else:       # the default counts the files that still need checking
        jobs = 1 if len(paths) < 8 else os.cpu_count() or 1
    if jobs > 1 and len(paths) > 1:
        done, todo = {}, []
        for i, (p, _) in enumerate(work):
            hit = _cached(p, opts)[0] if opts.cache is not None and p != "-" else None
            if hit is not None:
                done[i] = hit
            else:
                todo.append(i)
        if not opts.jobs and len(todo) < 8:
            jobs = 1
        if jobs > 1 and len(todo) > 1:
            ready = dict(done)
            later = _parallel(paths, todo, opts, work, jobs, {})
            for i in range(len(paths)):
                if i in ready:
                    yield ready.pop(i)
                    continue
                j, result = next(later)
                while j != i:           # warm-up results come first; keep them for their turn
                    ready[j] = result
                    j, result = next(later)
                yield result
            return
        for i, (p, s) in enumerate(work):
            yield done[i] if i in done else _check_and_keep(p, opts, s)
        return
    for p, s in work:
        if p == "-" and stdin_error:
            yield FileResult(path=opts.stdin_filename or "-", error=stdin_error)
            continue
        hit, got = _cached(p, opts) if opts.cache is not None and p != "-" else (None, None)
        yield hit if hit is not None else _check_and_keep(p, opts, s, got)


def run(paths: list[str], opts: RunOptions, stdin=None) -> Report:
    """Check ``paths``; ``stdin`` is the bytes or the stream read for "-"."""
    rs = validate(paths, opts)
    return Report(files=list(results(paths, opts, stdin)), rules=rs.rules + rs.meta)
