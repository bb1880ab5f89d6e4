"""The command line (SPEC 2): check, rules, explain, init. CLI chrome is in English."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .config import STARTER, ConfigError
from .diagnostic import severity_rank
from .packs import PackError, load_rules

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Lint official replies to citizens (Russian and Vietnamese).")


class Lang(str, Enum):
    auto = "auto"
    ru = "ru"
    vi = "vi"


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


def _fail(message: str, code: int = 2):
    typer.echo(f"replylint: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files, folders (recursed, by extension), or - for stdin."),
    lang: Lang = typer.Option(Lang.auto, "--lang", help="Document language; auto detects per document."),
    kind: Kind = typer.Option(Kind.auto, "--kind", help="letter or email (auto: .eml is an e-mail); "
                              "for Vietnamese also congvan or reply (default: from the structure)."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="Report format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE."),
    select: List[str] = typer.Option([], "--select", help="Rule id or pack to run (repeatable)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Rule id or pack to skip (repeatable)."),
    min_severity: Severity = typer.Option(Severity.suggestion, "--min-severity", help="Lowest severity shown."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding at or above this is shown."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file to use for every file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    appeal: Optional[str] = typer.Option(None, "--appeal", help="The citizen's appeal, for checks that compare with it."),
    jobs: Optional[int] = typer.Option(None, "--jobs", min=1, help="Parallel workers (default: 1 for few files, else CPU count)."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place (text formats)."),
    diff: bool = typer.Option(False, "--diff", help="Show the safe fixes as a unified diff; change nothing."),
    statistics: bool = typer.Option(False, "--statistics", help="Counts per rule after the report."),
    templates: List[str] = typer.Option([], "--templates", help="Extra extension read as a template, e.g. .tpl (repeatable)."),
):
    """Lint drafts and print findings."""
    from .engine import RunOptions, run
    from .readers import ReadOptions, discover
    from .reporters import render

    if not paths:
        _fail("no files given (use a path, a folder or - for stdin)")
    if config and no_config:
        _fail("--config and --no-config exclude each other")
    if config and not Path(config).is_file():
        _fail(f"{config}: configuration file not found")
    stdin = sys.stdin.buffer if "-" in paths else None     # read by the engine, up to the size limit
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
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
    files = discover([p for p in paths if p not in missing], read_opts)
    opts = RunOptions(lang=lang.value, kind=kind.value, select=select, ignore=ignore, config=config,
                      no_config=no_config, min_severity=min_severity.value, jobs=jobs, appeal=appeal_facts,
                      templates=templates)
    try:
        report = run(files, opts, stdin=stdin)
    except (ConfigError, PackError) as e:
        _fail(str(e))
    from .report import FileResult
    report.files += [FileResult(path=p, error="no such file or directory") for p in missing]
    if not report.files:
        _fail("no files to check (nothing with a known extension)")
    fix_refused = []
    if fix or diff:
        from .engine import check_file
        from .fixes import apply_fixes
        outcome = apply_fixes(report, write=fix,
                              recheck=lambda path, data: check_file(path, opts, data=data))
        fix_refused = outcome.refused
        if diff:
            typer.echo(outcome.diff, nl=False)
            for path, cause in fix_refused:
                typer.echo(f"replylint: {path}: not fixed: {cause}", err=True)
            raise typer.Exit(2 if fix_refused else 0)
    color = fmt == Fmt.text and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(report, fmt.value, color=color, statistics=statistics)
    if output:
        from .atomic import WriteRefused, write_atomic
        try:
            write_atomic(output, text.encode("utf-8", "replace"))
        except WriteRefused as e:
            _fail(f"{output}: cannot write the report: {e}")
    else:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
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
    if fail_on != FailOn.never:
        floor = severity_rank(fail_on.value)
        if any(severity_rank(d.severity) >= floor for f in report.files for d in f.diagnostics):
            raise typer.Exit(1)


@app.command()
def rules(
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Only rules that run on ru or vi."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
):
    """List every rule: id, severity, fixable, source."""
    try:
        all_rules = load_rules()
    except PackError as e:
        _fail(str(e))
    if lang and lang != Lang.auto:
        all_rules = [r for r in all_rules if r.lang in (None, lang.value)]
    if fmt == "json":
        typer.echo(json.dumps([{"id": r.id, "severity": r.severity, "fixable": r.fixable,
                                "source": r.source_text(), "description": r.description,
                                "kinds": r.kinds, "formats": r.formats} for r in all_rules],
                              ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        _fail(f"unknown format {fmt!r} (table or json)")
    from rich.console import Console
    from rich.table import Table
    table = Table("id", "severity", "fixable", "source", box=None, pad_edge=False)
    for r in all_rules:
        table.add_row(r.id, r.severity, "yes" if r.fixable else "", r.source_text())
    Console(soft_wrap=not sys.stdout.isatty()).print(table)


@app.command()
def explain(rule_id: str = typer.Argument(..., help="A rule id, e.g. ru.vy-capital.")):
    """What a rule checks, why (the quoted clause), bad and good examples."""
    from .rule_doc import explain_text
    try:
        found = [r for r in load_rules() if r.id == rule_id]
    except PackError as e:
        _fail(str(e))
    if not found:
        _fail(f"unknown rule {rule_id!r} (see `replylint rules`)")
    typer.echo(explain_text(found[0]))


@app.command()
def init(force: bool = typer.Option(False, "--force", help="Overwrite an existing file.")):
    """Write a commented starter .replylint.yaml in the current folder."""
    target = Path(".replylint.yaml")
    if target.exists() and not force:
        _fail(f"{target} exists (use --force to overwrite)")
    from .atomic import WriteRefused, write_atomic
    try:
        write_atomic(str(target), STARTER.encode("utf-8"))
    except WriteRefused as e:
        _fail(f"{target}: cannot write: {e}")
    typer.echo(f"wrote {target}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless --allow-remote)."),
    port: int = typer.Option(8081, "--port", min=0, max=65535, help="TCP port."),
    workers: int = typer.Option(1, "--workers", min=1, help="Warm checker processes (one per core)."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file for every check."),
    token_file: Optional[str] = typer.Option(None, "--token-file", help="File holding the bearer token the API requires."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Allow a --host that other machines reach."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds one check may take (then 504)."),
    max_body: str = typer.Option("20MB", "--max-body", help="Largest request body (then 413)."),
    log_level: str = typer.Option("info", "--log-level", help="debug, info, warning or error."),
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
