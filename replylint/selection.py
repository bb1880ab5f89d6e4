"""Which files a run checks (as ruff chooses them): folders are walked for the formats replylint
reads, skipping hidden entries, the configured `exclude`/`extend-exclude` and what `.gitignore`
ignores; files named explicitly are checked unless `--force-exclude` applies the excludes to
them too; an explicit file of a format replylint does not read is skipped with a note.

Patterns are gitignore-style (pathspec): `*` never crosses `/`, a pattern with a slash is
anchored at the folder of the configuration that declares it (the working folder for the
command line), one without a slash matches at any depth."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

# Never letters: tool folders, and the project files every repository has.
DEFAULT_EXCLUDE = (
    ".git/", ".hg/", ".svn/", ".venv/", "venv/", "node_modules/", "__pycache__/", "build/",
    "dist/", "site-packages/",
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "LICENSE*", "LICENCE*", "COPYING*",
    "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "requirements*.txt",
)


def spec(patterns) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def relative(path: str | Path, base: Path) -> str | None:
    """`path` relative to `base` with forward slashes, or None when it is outside."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return None


def matches_glob(globs: pathspec.GitIgnoreSpec, path: str | Path, base: Path | None,
                 root: Path, is_dir: bool = False) -> bool:
    """Does `path` match, taken relative to `base` (or, when it is outside `base` or there is
    no base, relative to `root`: the folder being walked, or an explicit file's folder)?"""
    rel = relative(path, base) if base is not None else None
    if rel is None:
        rel = relative(path, root)
    if rel is None or rel == ".":
        return False
    return bool(globs.match_file(rel + "/" if is_dir else rel))


@dataclass
class Excludes:
    """The exclude patterns in force for one file: (patterns, the folder they are relative to;
    None: relative to what is being walked)."""
    rules: list[tuple[pathspec.GitIgnoreSpec, Path | None]] = field(default_factory=list)

    def excluded(self, path: str | Path, root: str | Path, is_dir: bool = False) -> bool:
        # a pattern may name a folder the file is in ("drafts/") or the file itself
        return any(matches_glob(g, path, base, Path(root), is_dir) for g, base in self.rules)


class GitIgnore:
    """`.gitignore` files (and `.git/info/exclude`) from the repository root down to a folder;
    a deeper file overrides a shallower one, negations (`!keep.txt`) included."""

    def __init__(self):
        self._cache: dict[Path, tuple[pathspec.GitIgnoreSpec, Path] | None] = {}

    @staticmethod
    def root_of(folder: Path) -> Path | None:
        for d in (folder, *folder.parents):
            if (d / ".git").exists():
                return d
        return None

    def _load(self, folder: Path):
        if folder not in self._cache:
            lines = []
            for name in (".gitignore", ".git/info/exclude"):
                try:
                    lines += (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    pass
            self._cache[folder] = (spec(lines), folder) if lines else None
        return self._cache[folder]

    def chain(self, folder: Path, walk_root: Path) -> list:
        """The specs that apply inside `folder`: from the repository root (or, outside a
        repository, the walked folder) down to `folder` itself."""
        folder = Path(os.path.abspath(folder))
        top = self.root_of(folder) or Path(os.path.abspath(walk_root))
        dirs = [folder]
        while dirs[-1] != top and dirs[-1].parent != dirs[-1] and top in dirs[-1].parents:
            dirs.append(dirs[-1].parent)
        return [s for d in reversed(dirs) if (s := self._load(d)) is not None]

    @staticmethod
    def ignored(chain, path: Path, is_dir: bool) -> bool:
        verdict = False
        for globs, base in chain:
            rel = relative(path, base)
            if rel is None:
                continue
            res = globs.check_file(rel + "/" if is_dir else rel)
            if res.include is not None:
                verdict = res.include
        return verdict


@dataclass
class Selection:
    files: list[str] = field(default_factory=list)             # to check, in input order
    skipped: list[tuple[str, str]] = field(default_factory=list)   # explicit, not read: (path, why)
    excluded: list[str] = field(default_factory=list)          # explicit, excluded by --force-exclude
    missing: list[str] = field(default_factory=list)


def select(paths: list[str], *, read_options=None, excludes_for=lambda p: Excludes(),
           respect_gitignore: bool = True, force_exclude: bool = False,
           stdin_name: str | None = None) -> Selection:
    """`excludes_for(path) -> Excludes` gives the patterns in force for a file (its nearest
    configuration's and the command line's)."""
    from .readers import known_format, unread_reason
    out = Selection()
    seen: set[str] = set()
    gitignore = GitIgnore()

    def add(p: str) -> None:
        key = p if p == "-" else os.path.normpath(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for p in paths:
        if p == "-":
            if force_exclude and stdin_name and _excluded_file(excludes_for, stdin_name):
                out.excluded.append(stdin_name)
            else:
                add(p)
        elif os.path.isdir(p):
            _walk(p, lambda name: known_format(name, read_options), excludes_for,
                  gitignore if respect_gitignore else None, add)
        elif not os.path.lexists(p):
            out.missing.append(p)
        elif force_exclude and _excluded_file(excludes_for, p):
            out.excluded.append(p)
        elif (why := unread_reason(p, read_options)) is not None:
            out.skipped.append((p, why))
        else:
            add(p)
    return out


def _excluded_file(excludes_for, p: str) -> bool:
    root = Path(os.path.abspath(p)).parent
    return excludes_for(p).excluded(p, root)


def _walk(top: str, wanted, excludes_for, gitignore: GitIgnore | None, add) -> None:
    root = Path(top)
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        chain = gitignore.chain(here, root) if gitignore else []
        ex = excludes_for(os.path.join(folder, "_"))

        def keep(name: str, is_dir: bool, here=here, ex=ex, chain=chain) -> bool:
            if name.startswith(".") or name.startswith("~$"):   # hidden, Office lock files
                return False
            path = here / name
            if ex.excluded(path, root, is_dir):
                return False
            return not (chain and GitIgnore.ignored(chain, path, is_dir))

        dirs[:] = sorted(d for d in dirs if keep(d, True))
        for name in sorted(files):
            if wanted(name) and keep(name, False):
                add(os.path.normpath(os.path.join(folder, name)))
