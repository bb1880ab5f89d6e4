"""Configuration: `.replylint.yaml` (or `[tool.replylint]` in pyproject.toml) found upward from
each checked file; validated with `file:line: message`."""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import settings as settings_schema, yamlio
from .diagnostic import SEVERITIES

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
TOP_KEYS = {"packs", "select", "ignore", "rules", "per_file_ignores", "settings", "max_file_size",
            "max_text_length", "time_limit", "templates", "exclude", "extend-exclude",
            "extend_exclude"}
SETTINGS_KEYS = set(settings_schema.KEYS)
RULE_KEYS = {"severity", "options"}


class ConfigError(Exception):
    """`path:line: message`, exit code 2."""


@dataclass
class Config:
    path: str | None = None
    packs: list[str] = field(default_factory=list)        # built-in pack names (empty: all)
    pack_dirs: list[str] = field(default_factory=list)    # user pack folders
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)   # id -> severity or "off"
    options: dict[str, dict] = field(default_factory=dict)     # id -> options
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    max_file_size: int = 20 * 1024 * 1024
    max_text_length: int = 500_000      # characters of extracted text (readers.MAX_TEXT_LENGTH)
    time_limit: float = 60.0            # seconds per document (budget.DEFAULT_TIME_LIMIT)
    templates: list[str] = field(default_factory=list)         # extra template extensions
    exclude: list[str] | None = None          # None: selection.DEFAULT_EXCLUDE
    extend_exclude: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)        # dotted key (`select[2]`) -> line

    @property
    def base(self) -> Path:
        """The folder patterns are relative to: the configuration's own."""
        return Path(self.path).parent if self.path else Path.cwd()

    def line_of(self, *keys: str) -> str:
        """`path:line` of the first key that has a line."""
        line = next((self.lines[k] for k in keys if k in self.lines), 1)
        return f"{self.path}:{line}"

    def ignored_for(self, path: str) -> list[str]:
        """Rule ids and packs that `per_file_ignores` turns off for `path` (gitignore-style globs:
        `*` stays within one folder, a glob with a slash is relative to this file's folder)."""
        from .selection import matches_glob, spec
        out = []
        root = Path(path).parent if path != "-" else Path.cwd()
        for pattern, ids in self.per_file_ignores.items():
            if matches_glob(spec([pattern]), path, self.base, root):
                out += ids
        return out


def _line_of(node_map, key, default=1):
    n = node_map.get(key)
    return n.start_mark.line + 1 if n is not None else default


MAX_FILE_SIZE_CEILING = 1 << 30     # 1 GB: past it the memory bound (1.5 GB) cannot hold
_UNITS = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20,
          "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")


def _size(value, where) -> int:
    """A size in bytes: an integer, or a number with a unit ("20MB", "512 KB", "1.5GB")."""
    hint = f"{where}: max_file_size must be a size like 20MB (at most 1GB)"
    if isinstance(value, bool):
        raise ConfigError(f"{hint}, not {value!r}")
    if isinstance(value, int):
        n = value
    else:
        m = _SIZE.match(value) if isinstance(value, str) else None
        unit = m.group(2).upper() if m else None
        if not m or unit not in _UNITS:
            raise ConfigError(f"{hint}, not {value!r}")
        number = float(m.group(1))
        if not math.isfinite(number) or number * _UNITS[unit] > MAX_FILE_SIZE_CEILING:
            raise ConfigError(f"{hint}, not {value!r}")
        n = int(number * _UNITS[unit])
    if n <= 0 or n > MAX_FILE_SIZE_CEILING:
        raise ConfigError(f"{hint}, not {value!r}")
    return n


def _positive(value, where, key, kind, ceiling):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) \
        and (kind is float or isinstance(value, int)) and math.isfinite(value) and 0 < value <= ceiling
    if not ok:
        raise ConfigError(f"{where}: {key} must be a positive {'number' if kind is float else 'whole number'}"
                          f" up to {ceiling:,}, not {value!r}")
    return kind(value)


def _seconds(value, where) -> float:
    """Seconds: a number, or "90s", "2m"."""
    if isinstance(value, str):
        m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min)?\s*$", value, re.I)
        if m:
            value = float(m.group(1)) * (60 if (m.group(2) or "s").lower().startswith("m") else 1)
    return _positive(value, where, "time_limit (seconds)", float, 24 * 3600)


def _as_list(value, where, key):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def parse(data, path: str, key_lines: dict | None = None) -> Config:
    """Validate a config mapping; `key_lines` maps dotted keys to source lines."""
    key_lines = key_lines or {}

    def where(key):
        return f"{path}:{key_lines.get(key, 1)}"

    def where_nearest(key):
        """The line of a dotted key, else of its closest parent that has one."""
        while key and key not in key_lines:
            key = key.rpartition(".")[0]
        return where(key)

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping")
    for k in data:
        if k not in TOP_KEYS:
            raise ConfigError(f"{where(k)}: unknown key '{k}' (expected one of {', '.join(sorted(TOP_KEYS))})")
    cfg = Config(path=path)
    base = Path(path).parent
    for p in _as_list(data.get("packs"), where("packs"), "packs"):
        if "/" in p or p.startswith("."):
            cfg.pack_dirs.append(str((base / p).resolve()))
        else:
            cfg.packs.append(p)
    cfg.select = _as_list(data.get("select"), where("select"), "select")
    cfg.ignore = _as_list(data.get("ignore"), where("ignore"), "ignore")
    cfg.templates = _as_list(data.get("templates"), where("templates"), "templates")
    if "exclude" in data:
        cfg.exclude = _as_list(data.get("exclude"), where("exclude"), "exclude")
    for k in ("extend-exclude", "extend_exclude"):
        cfg.extend_exclude += _as_list(data.get(k), where(k), k)
    cfg.lines = dict(key_lines)
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{where('rules')}: 'rules' must map rule ids to settings")
    for rid, val in rules.items():
        w = where(f"rules.{rid}")
        if isinstance(val, str) or val is False:
            val = {"severity": "off" if val is False else val}
        if not isinstance(val, dict):
            raise ConfigError(f"{w}: rules.{rid} must be a severity or a mapping")
        for k in val:
            if k not in RULE_KEYS:
                raise ConfigError(f"{where(f'rules.{rid}.{k}')}: unknown key '{k}' in rules.{rid}")
        sev = val.get("severity")
        if sev is not None:
            if sev is False:
                sev = "off"
            if sev not in (*SEVERITIES, "off"):
                raise ConfigError(f"{w}: severity of {rid} must be one of {', '.join(SEVERITIES)}, off")
            cfg.severities[rid] = sev
        if val.get("options") is not None:
            if not isinstance(val["options"], dict):
                raise ConfigError(f"{w}: options of {rid} must be a mapping")
            cfg.options[rid] = val["options"]
    pfi = data.get("per_file_ignores") or {}
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where('per_file_ignores')}: per_file_ignores must map globs to rule ids")
    cfg.per_file_ignores = {g: _as_list(v, where("per_file_ignores"), g) for g, v in pfi.items()}
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise ConfigError(f"{where('settings')}: settings must be a mapping")
    try:
        cfg.settings = settings_schema.validate(settings)
    except settings_schema.SettingError as e:
        raise ConfigError(f"{where_nearest(e.key)}: {e}") from None
    if data.get("max_file_size") is not None:
        cfg.max_file_size = _size(data["max_file_size"], where("max_file_size"))
    if data.get("max_text_length") is not None:
        cfg.max_text_length = _positive(data["max_text_length"], where("max_text_length"),
                                        "max_text_length (characters)", int, 100_000_000)
    if data.get("time_limit") is not None:
        cfg.time_limit = _seconds(data["time_limit"], where("time_limit"))
    for ext in cfg.templates:
        if not ext.strip(".") or any(c in ext for c in "/\\*?[ "):
            raise ConfigError(f"{where('templates')}: templates takes extensions like .tpl, not {ext!r}")
    return cfg


def _yaml_key_lines(node, prefix="") -> dict:
    """Dotted keys to lines; list items as `key[i]` (a misspelt rule id names its own line)."""
    out = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = f"{prefix}{k.value}"
            out[key] = k.start_mark.line + 1
            out.update(_yaml_key_lines(v, key + "."))
    elif isinstance(node, yaml.SequenceNode) and prefix:
        for i, item in enumerate(node.value):
            out[f"{prefix[:-1]}[{i}]"] = item.start_mark.line + 1
    return out


def load_file(path: str | Path) -> Config:
    path = Path(path)
    if path.name == "pyproject.toml":
        return _load_pyproject(path)
    try:
        data, node = yamlio.read_yaml(path, "configuration")
    except yamlio.YAMLFileError as e:
        raise ConfigError(f"{path}:{e.line}: {e}") from None
    return parse(data, str(path), _yaml_key_lines(node))


def _load_pyproject(path: Path) -> Config:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        raw = path.read_bytes()[:yamlio.MAX_BYTES + 1]
    except OSError as e:
        raise ConfigError(f"{path}:1: cannot read configuration: {(e.strerror or type(e).__name__).lower()}") from None
    if len(raw) > yamlio.MAX_BYTES:
        raise ConfigError(f"{path}:1: the file is larger than {yamlio.MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ConfigError(f"{path}:{line}: configuration is not UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = " ".join(str(e).split())
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = m.group(1) if m else "1"
        raise ConfigError(f"{path}:{line}: invalid TOML: {re.sub(r' ?[(]at (line|end of).*[)]$', '', msg)}") from None
    except RecursionError:
        raise ConfigError(f"{path}:1: invalid TOML: nested too deeply") from None
    section = data.get("tool", {}).get("replylint")
    lines = {}
    start = next((i for i, l in enumerate(text.splitlines(), 1) if l.strip() == "[tool.replylint]"), 1)
    for i, line in enumerate(text.splitlines(), 1):
        key = line.split("=")[0].strip()
        if i >= start and key and key not in lines:
            lines[key] = i
    return parse(section or {}, str(path), lines)


def has_tool_section(pyproject: Path) -> bool:
    try:
        with open(pyproject, "rb") as f:
            return b"[tool.replylint" in f.read(yamlio.MAX_BYTES)
    except OSError:
        return False


_DISCOVERED: dict[Path, Config | None] = {}


def discover(file_path: str) -> Config | None:
    """The nearest configuration above a file (or the working directory for stdin)."""
    start = Path.cwd() if file_path == "-" else Path(file_path).resolve().parent
    chain = []
    d = start
    found = None
    while True:
        if d in _DISCOVERED:
            found = _DISCOVERED[d]
            break
        chain.append(d)
        cand = next((d / n for n in CONFIG_NAMES if (d / n).is_file()), None)
        if cand is None and (d / "pyproject.toml").is_file() and has_tool_section(d / "pyproject.toml"):
            cand = d / "pyproject.toml"
        if cand is not None:
            found = load_file(cand)
            break
        if d.parent == d:
            break
        d = d.parent
    for c in chain:
        _DISCOVERED[c] = found
    return found


STARTER = """\
# replylint configuration (https://… see README: "Configuration")
# Found upward from each checked file; `replylint check --config FILE` or `--no-config` override.

# Rule packs: built-in names (common, ru, vi) and/or folders of your own packs.
packs: [common, ru, vi]

# Rule ids or pack names. `select` keeps only these; `ignore` removes.
# select: [common, ru]
ignore: []

# Per-rule severity (error | warning | suggestion | off) and options.
rules:
  ru.bureaucratese: suggestion
  # ru.deadline: {options: {days: 30}}
  # common.sentence-length: {options: {max: {ru: 40, vi: 60}}}
  # ru.abbreviation-undefined: {options: {allow: [ЦЗН]}}

# Rule ids to ignore in files matching a glob (relative to this file).
per_file_ignores:
  # "templates/*.j2": [common.placeholder]

# Organisation settings.
settings:
  working_hours: {start: "08:00", end: "18:00", days: [1, 2, 3, 4, 5]}   # ISO weekdays
  # timezone: "+03:00"            # default: the e-mail Date header's own offset
  # work_domains: [cap.ru, mos.ru]
  # allowed_abbreviations: [ЦЗН, МФЦ]
  # layout: {ru: {font_size: 14, left: 20, right: 10, top: 20, bottom: 20, line_spacing: 1.0}}

# Files larger than this are refused before they are read.
max_file_size: 20MB
"""
