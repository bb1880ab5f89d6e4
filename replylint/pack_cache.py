"""Rule-pack regexes compiled on first use, once the pack's content is known to compile.

Compiling the ~700 regular expressions of the built-in packs is most of `load_rules()` (the
`regex` module parses a pattern in Python), while a document runs only the rules of its
language. A bad regex must still be a load error with file:line (issue 8), so the first load of
a pack's content compiles every pattern; when that succeeds, a marker file named by a hash of
the content is written to the user cache folder. A later load that finds the marker defers each
pattern to its first use (`deferring()`), so the other language's patterns never compile.

The key covers every YAML file of the pack folder (rules, `pack.yaml`, `lists/*.yaml`), the
built-in packs' lists (a rule may name another pack's list), the files of the replylint package
(name, size, mtime: the code that builds patterns from entries), the `regex` module's version and
Python's. A missing, stale or unreadable marker only costs the full compile; a folder that
cannot be written is ignored. `REPLYLINT_PACK_CACHE_DIR` sets the folder, `off` turns it off."""
from __future__ import annotations

import hashlib
import os
import sys
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path

ENV_DIR = "REPLYLINT_PACK_CACHE_DIR"
_OFF = ("off", "0", "no", "none", "false")
_state = threading.local()


def deferring() -> bool:
    """True while a pack whose content compiled before is loading: compile patterns lazily."""
    return getattr(_state, "deferring", False)


def folder() -> Path | None:
    env = os.environ.get(ENV_DIR)
    if env is not None and env.strip().lower() in _OFF:
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "replylint" / "packs"


def _files_hash(h, root: Path, patterns) -> None:
    for pattern in patterns:
        for p in sorted(root.glob(pattern)):
            h.update(f"\0{p.relative_to(root)}\0".encode())
            h.update(p.read_bytes())


@cache
def _program() -> bytes:
    """The replylint package's files by name, size and mtime, with the regex and Python versions."""
    import regex
    h = hashlib.sha256(f"{regex.__version__}\0{sys.version}".encode())
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*.py")):
        st = p.stat()
        h.update(f"\0{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.digest()


def key(pack_folder: Path, builtin_dir: Path) -> str:
    h = hashlib.sha256(_program())
    _files_hash(h, pack_folder, ("*.yaml", "lists/*.yaml"))
    h.update(b"\0builtin lists\0")
    _files_hash(h, builtin_dir, ("*/lists/*.yaml",))
    return h.hexdigest()


@contextmanager
def loading(pack_folder: Path, builtin_dir: Path):
    """Load a pack inside this: patterns are deferred if its content compiled before; else they
    compile now (a bad one raises) and, when the load succeeds, the content is marked."""
    where = folder()
    marker = None
    if where is not None:
        try:
            marker = where / key(pack_folder, builtin_dir)
        except OSError:      # an unreadable pack file: the load itself reports it
            marker = None
    known = marker is not None and marker.is_file()
    outer = deferring()
    _state.deferring = known
    try:
        yield
    finally:
        _state.deferring = outer
    if marker is not None and not known:
        _mark(marker)


def _mark(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        tmp = marker.with_name(f".{marker.name}.{os.getpid()}.tmp")
        tmp.write_bytes(b"")
        os.replace(tmp, marker)
    except OSError:
        pass
