"""The command line (SPEC 2): check, rules, explain, init. CLI chrome is in English."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

# Modules beyond typer are imported by the command that needs them: --version, --help and
# `rules` must not pay for the checks, the readers or NLP (tests/test_startup.py).

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Lint official replies to citizens (Russian and Vietnamese).")


def _version(value: bool):
    if value:
        from . import version
        typer.echo(f"replylint {version()}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       metavar="", help="Print the version and exit.")):
    """Lint official replies to citizens (Russian and Vietnamese)."""


class Lang(str, Enum):
    auto = "auto"
    ru = "ru"
    vi = "vi"


class TextLang(str, Enum):
    ru = "ru"
    vi = "vi"
    en = "en"


class Kind(str, Enum):
    auto = "auto"
    letter = "letter"
    email = "email"
    congvan = "congvan"     # Vietnamese: a công văn (all the Nghị định 30 formalities)
    reply = "reply"         # Vietnamese: a short portal reply (no công văn formalities)


class Fmt(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"
    html = "html"


class Severity(str, Enum):
    suggestion = "suggestion"
    warning = "warning"
    error = "error"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"
    never = "never"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _fail(message: str, code: int = 2):
    typer.echo(f"replylint: {message}", err=True)
    raise typer.Exit(code)


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        typer.echo(f"replylint: note: {message}", err=True)


def _choices(enum) -> str:
    return "|".join(e.value for e in enum)


def _split(values: list[str]) -> list[str]:
    """`--select a,b --select c` → [a, b, c] (ruff takes both)."""
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


def use_color(choice: Color, stream) -> bool:
    """--color always|never decides; with auto, NO_COLOR (set, not empty) turns colour off,
    FORCE_COLOR (set, not empty) turns it on, else colour when the stream is a terminal."""
    if choice != Color.auto:
        return choice == Color.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write(text: str) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()


def _progress(total: int, quiet: bool):
    """A progress bar on stderr for a batch, when stderr is a terminal; else nothing."""
    import contextlib
    if quiet or total <= PROGRESS_MIN or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    # findings printed on the same terminal go above the bar (rich redirects stdout); a piped
    # stdout is left alone
    return Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True,
                    redirect_stdout=sys.stdout.isatty(), redirect_stderr=False)


PROGRESS_MIN = 4    # more files than this: a progress bar


@app.command()
def check(
    paths: List[str] = typer.Argument(None, metavar="PATH", show_default=False, hidden=True),
    lang: Lang = typer.Option(Lang.auto, "--lang", metavar=_choices(Lang), help="Document language; auto detects per document."),
    kind: Kind = typer.Option(Kind.auto, "--kind", metavar=_choices(Kind), help="letter or email (auto: .eml is an e-mail); "
                              "for Vietnamese also congvan or reply (default: from the structure)."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", metavar=_choices(Fmt), help="Report format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
    select: List[str] = typer.Option([], "--select", metavar="ID|PACK", show_default=False,
                                     help="Rule ids or packs to run (repeatable, or comma-separated)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="ID|PACK", show_default=False,
                                     help="Rule ids or packs to skip (repeatable, or comma-separated)."),
    min_severity: Severity = typer.Option(Severity.suggestion, "--min-severity", metavar=_choices(Severity),
                                          help="Lowest severity shown."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", metavar=_choices(FailOn),
                                   help="Exit 1 when a finding at or above this is shown."),
    exit_zero: bool = typer.Option(False, "--exit-zero", metavar="", help="Exit 0 even when findings are shown "
                                   "(input and usage errors still exit 2)."),
    config: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file to use for every file."),
    no_config: bool = typer.Option(False, "--no-config", metavar="", help="Ignore configuration files."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="PATTERN", show_default=False,
                                      help="Gitignore-style pattern to skip; replaces the configuration's exclude (repeatable)."),
    extend_exclude: List[str] = typer.Option([], "--extend-exclude", metavar="PATTERN", show_default=False,
                                             help="Pattern to skip besides the configured ones (repeatable)."),
    force_exclude: bool = typer.Option(False, "--force-exclude", metavar="",
                                       help="Apply the excludes to files named explicitly too (pre-commit)."),
    respect_gitignore: bool = typer.Option(True, "--respect-gitignore/--no-respect-gitignore", metavar="",
                                           help="Skip what .gitignore ignores when walking folders."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME",
                                                 help="Name of the text read from stdin: its format, configuration and path."),
    appeal: Optional[str] = typer.Option(None, "--appeal", metavar="FILE", help="The citizen's appeal, for checks that compare with it."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                       help="Parallel workers (default: 1 for few files, else CPU count)."),
    no_cache: bool = typer.Option(False, "--no-cache", envvar="REPLYLINT_NO_CACHE", metavar="",
                                  help="Neither read nor write the result cache (also REPLYLINT_NO_CACHE=1)."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", envvar="REPLYLINT_CACHE_DIR", metavar="DIR",
                                            help="Folder of the result cache (default: .replylint_cache in the "
                                                 "project root, next to the configuration, else the working folder)."),
    fix: bool = typer.Option(False, "--fix", metavar="", help="Apply the safe fixes in place (.txt, .md, templates), then report what remains."),
    diff: bool = typer.Option(False, "--diff", metavar="", help="Print the safe fixes as a unified diff; change nothing; exit 1 if there are any."),
    statistics: bool = typer.Option(False, "--statistics", metavar="", help="Counts per rule after the report (text, json)."),
    show_source: Optional[bool] = typer.Option(None, "--show-source/--no-show-source", metavar="", show_default=False,
                                               help="Show the source around each finding (default: on a terminal)."),
    report_unused: bool = typer.Option(False, "--report-unused-directives", metavar="",
                                       help="Report suppression comments that suppressed nothing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar="", help="Print the findings only: no notes, summary or progress."),
    color: Color = typer.Option(Color.auto, "--color", metavar=_choices(Color),
                                help="Colour the text report (auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)."),
    templates: List[str] = typer.Option([], "--templates", metavar="EXT", show_default=False,
                                        help="Extra extension read as a template, e.g. .tpl (repeatable)."),
):
    """Lint drafts and print findings.

    PATH: files, folders (walked for the formats replylint reads, skipping what .gitignore and
    the configured excludes leave out), or - for standard input.
    """
    from .config import ConfigError
    from .engine import RunOptions, excludes_for, results, validate
    from .packs import PackError
    from .readers import ReadOptions
    from .report import FileResult, Report
    from .selection import select as select_files
    from .selectors import SelectorError

    if fix and diff:
        _fail("--fix and --diff exclude each other (--diff shows what --fix would write)")
    if config and no_config:
        _fail("--config and --no-config exclude each other")
    if config and not Path(config).is_file():
        _fail(f"{config}: configuration file not found")
    if not paths:
        if stdin_filename is None:
            _fail("no files given (use a path, a folder or - for stdin)")
        paths = ["-"]
    if stdin_filename is not None and "-" not in paths:
        _fail("--stdin-filename names standard input: add - to the paths")
    stdin = sys.stdin.buffer if "-" in paths else None     # read by the engine, up to the size limit
    appeal_facts = None
    if appeal:
        from .document import ReadError
        from .readers import read
        try:
            appeal_doc = read(appeal, ReadOptions(lang=lang.value))
        except ReadError as e:
            _fail(f"{appeal}: {e}")
        appeal_facts = {"path": appeal, "text": appeal_doc.text, "lang": appeal_doc.lang}
    templates = [t if t.startswith(".") else "." + t for t in templates]
    read_opts = ReadOptions()
    read_opts.template_exts = tuple(read_opts.template_exts) + tuple(templates)
    opts = RunOptions(lang=lang.value, kind=kind.value, select=_split(select), ignore=_split(ignore),
                      config=config, no_config=no_config, min_severity=min_severity.value, jobs=jobs,
                      appeal=appeal_facts, templates=templates, report_unused_directives=report_unused,
                      stdin_filename=stdin_filename, exclude=list(exclude) or None,
                      extend_exclude=list(extend_exclude))
    if not no_cache:
        from .cache import ResultCache, default_dir
        opts.cache = ResultCache(cache_dir or default_dir(opts))
    try:
        chosen = select_files(paths, read_options=read_opts, excludes_for=lambda p: excludes_for(p, opts),
                              respect_gitignore=respect_gitignore, force_exclude=force_exclude,
                              stdin_name=stdin_filename)
        rs = validate(chosen.files or ["."], opts)
    except (ConfigError, PackError, SelectorError) as e:
        _fail(str(e))
    for p, why in chosen.skipped:
        _note(f"{p}: skipped, {why}", quiet)
    if not chosen.files and not chosen.missing:
        _note("no files to check: every path given was excluded or is not a format replylint reads"
              if chosen.skipped or chosen.excluded else "no files to check under the paths given", quiet)

    to_stdout = output is None
    colored = fmt == Fmt.text and to_stdout and use_color(color, sys.stdout)
    if show_source is None:
        show_source = fmt == Fmt.text and to_stdout and sys.stdout.isatty()
    stream = fmt == Fmt.text and to_stdout and not (fix or diff)
    text_report = None
    if fmt == Fmt.text:
        from .reporters.text import TextReport
        text_report = TextReport(color=colored, show_source=show_source, quiet=quiet)

    files: list = []
    try:
        with _progress(len(chosen.files), quiet) as bar:
            task = bar.add_task("check", total=len(chosen.files)) if bar else None
            for result in results(chosen.files, opts, stdin=stdin):
                files.append(result)
                if bar:
                    bar.advance(task)
                if stream:
                    _write(text_report.file(result))
    except (ConfigError, PackError, SelectorError) as e:
        _fail(str(e))
    for p in chosen.missing:
        missing = FileResult(path=p, error="no such file or directory")
        files.append(missing)
        if stream:
            _write(text_report.file(missing))
    report = Report(files=files, rules=rs.rules + rs.meta)

    fix_refused: list = []
    if fix or diff:
        fix_refused = _fix_or_diff(report, opts, write=fix, output=output, quiet=quiet)
    if opts.cache is not None:
        if opts.cache.written:
            opts.cache.prune()
        if opts.cache.problem:
            _note(opts.cache.problem, quiet)
    if diff:
        _finish(report, fix_refused, exit_zero, fail_on=None, diff_found=bool(report.fixed))
    if stream:
        _write(text_report.footer(report, statistics))
    else:
        if text_report is not None:
            text = text_report.render([line for f in report.files for line in text_report.file_lines(f)]
                                      + text_report.footer_lines(report, statistics))
        else:
            from .reporters import render
            text = render(report, fmt.value, statistics=statistics, fail_on=fail_on.value)
        if output:
            from .atomic import WriteRefused, write_atomic
            try:
                write_atomic(output, text.encode("utf-8", "replace"))
            except WriteRefused as e:
                _fail(f"{output}: cannot write the report: {e}")
        else:
            _write(text if not text or text.endswith("\n") else text + "\n")
    _finish(report, fix_refused, exit_zero, fail_on)


def _finish(report, fix_refused, exit_zero: bool, fail_on: FailOn | None, diff_found: bool = False):
    """Unreadable files on stderr, one line each; exit 2 for them, else 1 for findings at
    --fail-on (or a --diff that would change something), else 0."""
    for f in report.files:
        if f.error:
            typer.echo(f"replylint: {f.path}: {f.error}", err=True)
    for path, cause in fix_refused:
        typer.echo(f"replylint: {path}: not fixed: {cause}", err=True)
    for f in report.files:
        for note in f.internal_errors:
            typer.echo(f"replylint: {f.path}: {note}", err=True)
    if any(f.error or f.internal_errors for f in report.files) or fix_refused:
        raise typer.Exit(2)
    if exit_zero:
        raise typer.Exit(0)
    if fail_on is None:
        raise typer.Exit(1 if diff_found else 0)
    if fail_on != FailOn.never:
        from .diagnostic import severity_rank
        floor = severity_rank(fail_on.value)
        if any(severity_rank(d.severity) >= floor for f in report.files for d in f.diagnostics):
            raise typer.Exit(1)
    raise typer.Exit(0)


def _renamed(result, path: str):
    import dataclasses
    return result if result.path == path else dataclasses.replace(result, path=path)


def _fix_or_diff(report, opts, *, write: bool, output: str | None, quiet: bool) -> list:
    """--fix: write the fixes, re-check, and put what remains in the report (report.fixed is the
    count fixed). --diff: print (or write to -o) the diff; report.fixed is what --fix would fix.
    Files whose format cannot be rewritten get a note. Returns the refused (path, cause)."""
    from .engine import recheck
    from .fixes import apply_fixes, fixable
    outcome = apply_fixes(report, write=write, recheck=lambda path, data: recheck(path, data, opts))
    for f in report.files:
        n = sum(1 for d in f.diagnostics if d.fixable)
        if n and f.doc is not None and (f.path == "-" or not fixable(f.doc)):
            what = "standard input is" if f.path == "-" or f.doc.metadata.get("stdin") \
                else f"{f.doc.format} files are"
            _note(f"{f.path}: {n} fixable finding{'s' if n != 1 else ''} not applied: "
                  f"{what} not rewritten (fix them in the editor)", quiet)
    report.fixed = sum(outcome.applied.values())
    if write:   # what the files hold now (a file named twice, e.g. through a symlink, too)
        now = {os.path.realpath(p): outcome.rechecked[p] for p in outcome.fixed if p in outcome.rechecked}
        report.files = [_renamed(now[os.path.realpath(f.path)], f.path)
                        if f.path != "-" and os.path.realpath(f.path) in now else f for f in report.files]
        return outcome.refused
    if output:
        from .atomic import WriteRefused, write_atomic
        try:
            write_atomic(output, outcome.diff.encode("utf-8", "replace"))
        except WriteRefused as e:
            _fail(f"{output}: cannot write the diff: {e}")
    else:
        _write(outcome.diff)
    if report.fixed:
        files = len({p for p in outcome.applied if outcome.applied[p]})
        _note(f"would fix {report.fixed} finding{'s' if report.fixed != 1 else ''} in "
              f"{files} file{'s' if files != 1 else ''}", quiet)
    return outcome.refused


class ListFmt(str, Enum):
    table = "table"
    json = "json"


def _all_rules() -> list:
    from .meta_rules import META_RULES
    from .packs import PackError, load_rules
    try:
        return load_rules() + list(META_RULES)
    except PackError as e:
        _fail(str(e))


@app.command()
def rules(
    lang: Optional[Lang] = typer.Option(None, "--lang", metavar="ru|vi", help="Only rules that run on ru or vi."),
    fmt: ListFmt = typer.Option(ListFmt.table, "--format", metavar=_choices(ListFmt), help="Output format."),
):
    """List every rule: id, severity, fixable, source."""
    all_rules = _all_rules()
    shown_lang = lang.value if lang and lang != Lang.auto else None
    if shown_lang:
        all_rules = [r for r in all_rules if r.lang in (None, shown_lang)]
    if fmt == ListFmt.json:
        typer.echo(json.dumps([{"id": r.id, "severity": r.severity, "fixable": r.fixable,
                                "source": r.source_text(shown_lang), "description": r.description,
                                "kinds": r.kinds, "formats": r.formats} for r in all_rules],
                              ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    table = Table("id", "severity", "fixable", "source", box=None, pad_edge=False)
    for r in all_rules:
        table.add_row(r.id, r.severity, "yes" if r.fixable else "", r.source_text(shown_lang))
    Console(soft_wrap=not sys.stdout.isatty()).print(table)


@app.command()
def explain(
    rule_id: str = typer.Argument(..., metavar="ID", show_default=False, hidden=True),
    lang: Optional[TextLang] = typer.Option(None, "--lang", metavar=_choices(TextLang),
                                            help="Language of a common rule's texts (default: English)."),
):
    """What a rule checks, why (the quoted clause), bad and good examples; for a pack, its rules.

    ID: a rule id (ru.vy-capital) or a pack name (ru).
    """
    from .rule_doc import explain_text
    from .selectors import Known
    everything = _all_rules()
    found = [r for r in everything if r.id == rule_id]
    if found:
        typer.echo(explain_text(found[0], lang.value if lang else None), nl=False)
        return
    in_pack = [r for r in everything if r.pack == rule_id]
    if in_pack:
        width = max(len(r.id) for r in in_pack)
        from .rule_doc import short_description
        for r in in_pack:
            typer.echo(f"{r.id:<{width}}  {r.severity:<10}  {short_description(r)}")
        return
    _fail(Known(everything).error(rule_id))


@app.command()
def init(force: bool = typer.Option(False, "--force", metavar="", help="Overwrite an existing file.")):
    """Write a commented starter .replylint.yaml in the current folder."""
    target = Path(".replylint.yaml")
    if target.exists() and not force:
        _fail(f"{target} exists (use --force to overwrite)")
    from .atomic import WriteRefused, write_atomic
    from .config import STARTER
    try:
        write_atomic(str(target), STARTER.encode("utf-8"))
    except WriteRefused as e:
        _fail(f"{target}: cannot write: {e}")
    typer.echo(f"wrote {target}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", metavar="HOST", help="Address to listen on (loopback unless --allow-remote)."),
    port: int = typer.Option(8081, "--port", min=0, max=65535, metavar="PORT", help="TCP port."),
    workers: int = typer.Option(1, "--workers", min=1, metavar="N", help="Warm checker processes (one per core)."),
    config: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file for every check."),
    token_file: Optional[str] = typer.Option(None, "--token-file", metavar="FILE", help="File holding the bearer token the API requires."),
    allow_remote: bool = typer.Option(False, "--allow-remote", metavar="", help="Allow a --host that other machines reach."),
    timeout: float = typer.Option(10.0, "--timeout", metavar="SECONDS", help="Seconds one check may take (then 504)."),
    max_body: str = typer.Option("20MB", "--max-body", metavar="SIZE", help="Largest request body (then 413)."),
    log_level: str = typer.Option("info", "--log-level", metavar="LEVEL", help="debug, info, warning or error."),
):
    """HTTP service: native API, LanguageTool-compatible API and a page for clerks."""
    if config and not Path(config).is_file():
        _fail(f"{config}: configuration file not found")
    from .server.main import serve as run_server
    raise typer.Exit(run_server(host=host, port=port, workers=workers, config=config,
                                token_file=token_file, allow_remote=allow_remote, timeout=timeout,
                                max_body=max_body, log_level=log_level))


def main():
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
