"""A checker process: one warm `Linter`, answering jobs sent over a pipe, one at a time.

The HTTP process never checks a document itself: a check that runs past its time limit must be
stoppable, and a Python thread cannot be stopped, a process can (`pool.py` kills it and starts
a fresh one). Jobs and answers are plain picklable values:

    ("check", {"content", "filename", "lang", …})   -> ("ok", SPEC 2 report dict)
    ("annotate", {… as check})                      -> ("ok", {"report", "text"})
    ("languagetool", LTRequest)                     -> ("ok", LanguageTool response dict)
    any job whose options are wrong                 -> ("bad", one-line cause)
    a bug                                           -> ("error", one-line cause)
"""
from __future__ import annotations

import os
import signal


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def run_job(linter, kind: str, payload):
    from ..api import AppealError, UnknownSelector
    from . import languagetool
    try:
        if kind == "check":
            return "ok", linter.check(**payload)
        if kind == "annotate":
            result = linter.check_result(**payload)
            from ..report import Report
            from ..reporters.json import report_dict
            doc = result.doc
            text = None if doc is None else (doc.raw_text if doc.raw_text is not None else doc.text)
            fired = {d.rule for d in result.diagnostics}
            rules = {rid: {k: page[k] for k in ("quote", "source", "why", "fix")}
                     for rid in sorted(fired) if (page := linter.explain(rid, result.lang))}
            return "ok", {"report": report_dict(Report(files=[result], rules=linter.all_rules)),
                          "text": text, "rules": rules}
        if kind == "languagetool":
            return "ok", languagetool.respond(linter, payload)
        return "error", f"unknown job {kind!r}"
    except (UnknownSelector, AppealError, ValueError) as e:
        return "bad", str(e)
    except Exception as e:  # a bug costs this request, never the process
        return "error", _one_line(e)


def main(conn, config_path: str | None, warm: bool = True) -> None:
    """Entry point of a spawned checker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the HTTP process's to handle
    try:
        from ..api import Linter
        linter = Linter(config_path)
        if warm:
            linter.warm_up()
    except Exception as e:
        conn.send(("failed", _one_line(e)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):   # the HTTP process is gone
            return
        if job is None:
            return
        kind, payload = job
        conn.send(run_job(linter, kind, payload))
