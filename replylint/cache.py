"""The result cache: the findings of a file kept under a key of everything that decides them, so
that a re-run on unchanged files (CI, pre-commit) costs only reading them.

The key of a file's result is a hash of
- the file's bytes and its absolute path (the path chooses the format and the per-file ignores),
- the effective configuration (every field of the file's ``Config`` that can change a finding,
  user pack folders by content) and the run's options that change findings (``--lang``,
  ``--kind``, ``--select``/``--ignore``, ``--min-severity``, the appeal's text, ``--templates``,
  the scope, ``--report-unused-directives``, ``--time-limit``),
- the program: replylint's version, the content of its code and of the built-in rule packs, the
  Python version and the installed distributions (a new pymorphy3 dictionary is a new key).

Only a result that is exactly what a fresh run gives is stored: never a file that could not be
read, ran out of its time budget, had a rule crash or a pattern time out (``FileResult.cacheable``).
A hit is rebuilt into a ``FileResult`` whose document is read again from the same bytes (the
reporters show source lines and ``--fix`` edits that text), without zones, NLP or rules.

On disk (as ruff's ``.ruff_cache``): ``<dir>/results/<key>.json``, one small JSON file per
result, written to a temporary file and renamed (concurrent runs never see half an entry); an
entry that cannot be read or parsed is a miss. Hits refresh the entry's mtime, and after a run
that wrote entries the oldest are deleted while the folder holds more than ``max_size`` bytes.
The folder carries a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import secrets
import sys
import time
from pathlib import Path

from .diagnostic import Diagnostic
from .report import FileResult

FORMAT = 1                              # of an entry; a new layout is a new key
DIR_NAME = ".replylint_cache"
ENV_DIR = "REPLYLINT_CACHE_DIR"
ENV_MAX_SIZE = "REPLYLINT_CACHE_MAX_SIZE"
DEFAULT_MAX_SIZE = 256 * 1024 * 1024    # bytes; a two-page letter's entry is 1–10 KB
STALE_TEMP = 3600                       # seconds after which another run's temp file is litter

GITIGNORE = "# Automatically created by replylint.\n*\n"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by replylint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")

# Config fields that never change a file's findings (where a file is, which files are walked)
_CONFIG_SKIP = {"lines", "exclude", "extend_exclude"}
_DIAG_FIELDS = tuple(f.name for f in dataclasses.fields(Diagnostic))


def _hash(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _tree_hash(root: Path) -> str:
    """Every file under ``root`` (names and bytes), compiled Python left out."""
    h = hashlib.blake2b(digest_size=20)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            p = os.path.join(dirpath, name)
            try:
                with open(p, "rb") as f:
                    data = f.read()
            except OSError:
                data = b"\0unreadable"
            h.update(os.path.relpath(p, root).encode("utf-8", "surrogateescape") + b"\0")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return h.hexdigest()


def _distributions() -> str:
    """The names of the installed distributions with their versions (``spacy-3.8.18.dist-info``):
    one directory listing per path entry, not importlib.metadata's 10 ms per package."""
    names = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                names += [e.name for e in it if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return "\n".join(sorted(set(names)))


_PROGRAM: list = []


def program_key() -> str:
    """What replylint itself is in this process: version, code, built-in packs, Python, libraries."""
    if not _PROGRAM:
        from .packs import builtin_rules_dir
        from .reporters.sarif import tool_version
        here = Path(__file__).resolve().parent
        rules = builtin_rules_dir()
        _PROGRAM.append(_hash(str(FORMAT), tool_version(), sys.version, _distributions(),
                              _tree_hash(here), "" if rules.is_relative_to(here) else _tree_hash(rules)))
    return _PROGRAM[0]


def _version_for_tests(value: str | None) -> None:
    """Forget (None) or replace the program key: what a new version would be."""
    _PROGRAM.clear()
    if value is not None:
        _PROGRAM.append(value)


_PACK_DIRS: dict = {}


def config_key(cfg) -> str:
    """The configuration's fields that decide findings, and its user packs' files."""
    if cfg is None:
        return "no-config"
    memo = _PACK_DIRS.get(id(cfg))
    if memo is not None and memo[0] is cfg:
        return memo[1]
    fields = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg) if f.name not in _CONFIG_SKIP}
    fields["path"] = os.path.abspath(cfg.path) if cfg.path else None
    packs = [_tree_hash(Path(d).resolve()) for d in cfg.pack_dirs]
    key = _hash(json.dumps(fields, sort_keys=True, default=repr, ensure_ascii=False), *packs)
    _PACK_DIRS[id(cfg)] = (cfg, key)     # cfg kept alive: its id stays unique
    return key


def options_key(opts) -> str:
    """The run options that change a file's findings (not --jobs, --exclude, the format …)."""
    appeal = opts.appeal or {}
    chosen = {"lang": opts.lang, "kind": opts.kind, "select": opts.select, "ignore": opts.ignore,
              "min_severity": opts.min_severity, "templates": opts.templates, "scope": opts.scope,
              "unused": opts.report_unused_directives, "time_limit": opts.time_limit,
              "appeal": [appeal.get("path"), appeal.get("lang"), appeal.get("text")] if appeal else None}
    return _hash(json.dumps(chosen, sort_keys=True, ensure_ascii=False))


class StoredDocument:
    """The document of a stored result, read again from the bytes that were checked only when
    something asks for more than its format: the JSON report never does, a text report with
    source lines, the HTML report and --fix do. Reading costs no NLP and no rules."""

    def __init__(self, path: str, read_options, data: bytes, fmt: str):
        self.format = fmt
        self._source = (path, read_options, data)
        self._doc = None

    def __getattr__(self, name):     # an attribute other than `format`: the real document
        if name.startswith("__") or name in ("_source", "_doc"):
            raise AttributeError(name)
        if self._doc is None:
            from .readers import read
            self._doc = read(*self._source[:2], data=self._source[2])
            self._source = None
        return getattr(self._doc, name)


def _entry(result: FileResult) -> dict:
    return {"diagnostics": [[getattr(d, n) for n in _DIAG_FIELDS] for d in result.diagnostics],
            "lang": result.lang, "kind": result.kind, "encoding": result.encoding,
            "pages": result.pages, "notes": list(result.notes),
            "doc_format": getattr(result.doc, "format", None)}


def _result(path: str, entry: dict) -> FileResult:
    diags = [Diagnostic(**dict(zip(_DIAG_FIELDS, values, strict=True))) for values in entry["diagnostics"]]
    if not isinstance(entry["doc_format"], str):
        raise ValueError("no document format")
    return FileResult(path=path, diagnostics=diags, lang=entry["lang"], kind=entry["kind"],
                      encoding=entry["encoding"], pages=entry["pages"], notes=list(entry["notes"]))


def default_dir(opts) -> Path:
    """$REPLYLINT_CACHE_DIR, else `.replylint_cache` in the project root: the folder of the
    configuration in use (--config, or the one found from the working folder), else the working
    folder -- where ruff puts `.ruff_cache`."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    root = Path.cwd()
    if opts.config:
        root = Path(opts.config).resolve().parent
    elif not opts.no_config and opts.loaded_config is None:
        from .config import ConfigError, discover
        try:
            cfg = discover("-")
        except ConfigError:
            cfg = None
        if cfg is not None and cfg.path:
            root = Path(cfg.path).resolve().parent
    return root / DIR_NAME


def max_size() -> int:
    raw = os.environ.get(ENV_MAX_SIZE)
    if raw:
        from .config import ConfigError, _size
        try:
            return _size(raw.strip() if not raw.strip().isdigit() else int(raw), ENV_MAX_SIZE)
        except ConfigError:
            pass
    return DEFAULT_MAX_SIZE


class ResultCache:
    """One run's view of a cache folder. Picklable (a --jobs worker stores its own results)."""

    def __init__(self, root: str | os.PathLike, limit: int | None = None):
        self.root = Path(root)
        self.results = self.root / "results"
        self.limit = max_size() if limit is None else limit
        self.problem: str | None = None    # why nothing could be written, once
        self.written = 0
        self.hits = 0

    # -- keys
    def key(self, path: str, opts, cfg, data: bytes) -> str:
        return _hash(program_key(), config_key(cfg), options_key(opts),
                     os.path.abspath(path), hashlib.blake2b(data, digest_size=20).digest())

    # -- reading
    def get(self, key: str, path: str, read_options=None, data: bytes | None = None) -> FileResult | None:
        """The stored result, or None for a miss (absent, unreadable, corrupt, another key);
        its document is read from ``data`` with ``read_options`` when asked for."""
        entry_path = self.results / f"{key}.json"
        try:
            with open(entry_path, "rb") as f:
                entry = json.loads(f.read().decode("utf-8", "surrogatepass"))
            if entry.get("key") != key or entry.get("layout") != FORMAT:
                return None
            result = _result(path, entry)
            result.doc = StoredDocument(path, read_options, data, entry["doc_format"])
        except Exception:   # noqa: BLE001 - absent, unreadable, truncated or foreign: a miss
            return None
        try:
            os.utime(entry_path)     # recently used: pruned last
        except OSError:
            pass
        self.hits += 1
        return result

    # -- writing
    def _prepare(self) -> bool:
        if self.problem is not None:
            return False
        try:
            self.results.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
                target = self.root / name
                if not target.exists():
                    self._write(target, text.encode("utf-8"))
        except OSError as e:
            from .atomic import cause
            self.problem = f"cannot write the result cache {self.root}: {cause(e)}"
            return False
        return True

    def _write(self, target: Path, data: bytes) -> None:
        tmp = str(target.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}")
        # 0o666 less the umask, as any file the user writes (mkstemp's 0o600 would keep a
        # cache shared by a CI team unreadable to the others)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def put(self, key: str, result: FileResult) -> None:
        """Store a result that a fresh run would give again; anything else is left out."""
        if not result.cacheable or result.error or result.internal_errors or not self._prepare():
            return
        entry = {"layout": FORMAT, "key": key, **_entry(result)}
        try:
            text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
            back = _result(result.path, json.loads(text))
            if back.diagnostics != result.diagnostics or back.notes != result.notes:
                return      # a value JSON does not carry exactly (a tuple, a float key …)
            self._write(self.results / f"{key}.json", text.encode("utf-8", "surrogatepass"))
        except (OSError, ValueError, TypeError) as e:
            if isinstance(e, OSError):
                from .atomic import cause
                self.problem = f"cannot write the result cache {self.root}: {cause(e)}"
            return
        self.written += 1

    def prune(self) -> None:
        """Delete the least recently used entries while the folder is over its limit (down to
        80 % of it), and temporary files other runs left behind."""
        now = time.time()
        entries, total = [], 0
        try:
            with os.scandir(self.results) as it:
                for e in it:
                    try:
                        st = e.stat()
                    except OSError:
                        continue
                    if e.name.startswith(".tmp-"):
                        if now - st.st_mtime > STALE_TEMP:
                            _unlink(e.path)
                        continue
                    entries.append((st.st_mtime, st.st_size, e.path))
                    total += st.st_size
        except OSError:
            return
        if total <= self.limit:
            return
        entries.sort()
        goal = self.limit * 0.8
        for _, size, p in entries:
            if total <= goal:
                break
            if _unlink(p):
                total -= size


def _unlink(p: str) -> bool:
    try:
        os.unlink(p)
        return True
    except OSError:
        return False


def file_key(cache: ResultCache, path: str, opts) -> tuple[str, bytes] | None:
    """(key, bytes) of a file as the run would read it, or None when it cannot be read (the
    check then says why) or is not a file whose result is kept (standard input)."""
    if path == "-":
        return None
    from .document import ReadError
    from .engine import config_for
    from .readers import ReadOptions, _load
    cfg = config_for(path, opts)
    ropts = ReadOptions()
    if cfg is not None:
        ropts.max_bytes = cfg.max_file_size
    try:
        data = _load(path, ropts)
    except ReadError:
        return None
    return cache.key(path, opts, cfg, data), data
