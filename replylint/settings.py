"""Organisation settings (the ``settings:`` of a configuration, SPEC 4), validated at load.

A value of the wrong type or range is a ``SettingError`` naming the dotted key; the loader
turns it into ``file:line: message`` (exit 2) before any file is read, so no rule ever meets a
setting it cannot use.  ``validate`` returns the settings normalised: working hours as
``datetime.time``, days as a sorted list of ISO weekdays, the time zone as a ``tzinfo``,
lists of strings as lists.
"""
from __future__ import annotations

import math
import re
from datetime import time, timedelta, timezone

KEYS = ("working_hours", "timezone", "work_domains", "allowed_abbreviations", "layout",
        "organisation")


class SettingError(ValueError):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _show(value) -> str:
    s = repr(value)
    return s if len(s) <= 60 else s[:57] + "..."


# ----------------------------------------------------------------------- working hours
_HHMM = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*$")


def parse_time(value, key: str) -> time:
    """"08:00", "8", "8.30", "8h30", a ``datetime.time``, or the minutes YAML 1.1 makes of an
    unquoted 08:00 (480)."""
    if isinstance(value, time):
        return value
    if isinstance(value, bool):
        raise SettingError(key, f"{key} must be a time like \"08:00\", not {_show(value)}")
    if isinstance(value, int):
        if 0 <= value <= 24 * 60:
            return time(23, 59, 59) if value == 24 * 60 else time(value // 60, value % 60)
        raise SettingError(key, f"{key} must be a time like \"08:00\", not {value}")
    m = _HHMM.match(value) if isinstance(value, str) else None
    if not m:
        raise SettingError(key, f"{key} must be a time like \"08:00\", not {_show(value)}")
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h == 24 and mi == 0:
        return time(23, 59, 59)
    if h > 23 or mi > 59:
        raise SettingError(key, f"{key}: {value!r} is not a time of day (00:00-24:00)")
    return time(h, mi)


def _working_hours(value) -> dict:
    key = "settings.working_hours"
    if not isinstance(value, dict):
        raise SettingError(key, f"{key} must be a mapping like {{start: \"08:00\", end: \"18:00\", "
                                f"days: [1, 2, 3, 4, 5]}}, not {_kind(value)} {_show(value)}")
    for k in value:
        if k not in ("start", "end", "days"):
            raise SettingError(f"{key}.{k}", f"unknown key '{k}' in {key} (start, end, days)")
    out = {}
    for k in ("start", "end"):
        if k in value:
            out[k] = parse_time(value[k], f"{key}.{k}")
    if "days" in value:
        days = value["days"]
        if isinstance(days, int) and not isinstance(days, bool):
            days = [days]
        if not isinstance(days, list) or not days:
            raise SettingError(f"{key}.days", f"{key}.days must be a list of ISO weekdays "
                                              f"(1 = Monday … 7 = Sunday), not {_show(days)}")
        clean = set()
        for d in days:
            if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 7:
                raise SettingError(f"{key}.days", f"{key}.days: {_show(d)} is not an ISO weekday "
                                                  "(1 = Monday … 7 = Sunday)")
            clean.add(d)
        out["days"] = sorted(clean)
    return out


# --------------------------------------------------------------------------- time zone
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.I)


def parse_timezone(value, key: str = "settings.timezone"):
    """A ``tzinfo`` from "UTC", an offset ("+03:00", "UTC+7", 7, 5.5 hours) or an IANA name
    known to ``zoneinfo`` ("Europe/Moscow")."""
    if isinstance(value, bool):
        raise SettingError(key, f"{key} must be a time zone, not {_show(value)}")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or not -24 < value < 24:
            raise SettingError(key, f"{key}: {_show(value)} is not an offset in hours (-23 … +23)")
        return timezone(timedelta(hours=value))
    if not isinstance(value, str) or not value.strip():
        raise SettingError(key, f"{key} must be a time zone like \"Europe/Moscow\" or \"+03:00\", "
                                f"not {_kind(value)} {_show(value)}")
    s = value.strip()
    if s.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    m = _OFFSET.match(s)
    if m:
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 23 or minutes > 59:
            raise SettingError(key, f"{key}: {value!r} is not an offset (-23:59 … +23:59)")
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    from zoneinfo import ZoneInfo
    try:
        return ZoneInfo(s)
    except Exception:       # ZoneInfoNotFoundError, or a malformed key ("../x", NUL bytes)
        raise SettingError(key, f"{key}: unknown time zone {s!r} (an IANA name like "
                                "\"Europe/Moscow\" or an offset like \"+03:00\")") from None


# ------------------------------------------------------------------------------ lists
def _strings(value, key: str, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise SettingError(key, f"{key} must be a list of {what}, not {_kind(value)} {_show(value)}")
    for v in value:
        if not isinstance(v, str) or not v.strip():
            raise SettingError(key, f"{key}: {_show(v)} is not {what[:-1]} (a non-empty string)")
        if len(v) > 200:
            raise SettingError(key, f"{key}: an entry of {len(v)} characters is not {what[:-1]}")
    if len(value) > 10_000:
        raise SettingError(key, f"{key}: {len(value)} entries, more than 10,000")
    return [v.strip() for v in value]


def _domains(value) -> list[str]:
    key = "settings.work_domains"
    out = _strings(value, key, "domains")
    for d in out:
        if any(c.isspace() for c in d) or "@" in d.strip("@") or "." not in d:
            raise SettingError(key, f"{key}: {d!r} is not a mail domain like \"mos.ru\"")
    return [d.lstrip("@").lower() for d in out]


# ------------------------------------------------------------------------------ layout
# name -> (low, high, unit) for the numbers of a page layout (pages.py, layout rules)
LAYOUT_NUMBERS = {
    "page_width": (10, 2000, "mm"), "page_height": (10, 2000, "mm"),
    "width": (10, 2000, "mm"), "height": (10, 2000, "mm"),
    "top": (0, 500, "mm"), "bottom": (0, 500, "mm"), "left": (0, 500, "mm"), "right": (0, 500, "mm"),
    "font_size": (1, 200, "pt"), "line_spacing": (0.1, 10, "lines"),
    "paragraph_spacing": (0, 500, "pt"), "first_line_indent": (-500, 500, "mm"),
}
LAYOUT_KEYS = set(LAYOUT_NUMBERS) | {"orientation", "margins", "fonts", "font_sizes"}
LANGS = ("ru", "vi")


def _number(value, key: str, lo: float, hi: float, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SettingError(key, f"{key} must be a number ({unit}), not {_show(value)}")
    if not lo <= value <= hi:
        raise SettingError(key, f"{key}: {value:g} {unit} is out of range ({lo:g}-{hi:g} {unit})")
    return value


def _bounds(value, key: str, lo: float, hi: float, unit: str):
    """A number, [min, max] (either may be null) or {min, max}."""
    if isinstance(value, list):
        if len(value) != 2:
            raise SettingError(key, f"{key} must be [min, max], not {_show(value)}")
        return [None if v is None else _number(v, key, lo, hi, unit) for v in value]
    if isinstance(value, dict):
        extra = set(value) - {"min", "max"}
        if extra:
            raise SettingError(key, f"{key}: unknown key {sorted(extra)[0]!r} (min, max)")
        return {k: None if v is None else _number(v, key, lo, hi, unit) for k, v in value.items()}
    return _number(value, key, lo, hi, unit)


def _one_layout(value, key: str) -> dict:
    if not isinstance(value, dict):
        raise SettingError(key, f"{key} must be a mapping like {{font_size: 14, left: 20}}, "
                                f"not {_kind(value)} {_show(value)}")
    out = {}
    for k, v in value.items():
        where = f"{key}.{k}"
        if k in LAYOUT_NUMBERS:
            out[k] = _number(v, where, *LAYOUT_NUMBERS[k])
        elif k == "orientation":
            if v not in ("portrait", "landscape"):
                raise SettingError(where, f"{where} must be portrait or landscape, not {_show(v)}")
            out[k] = v
        elif k == "margins":
            if not isinstance(v, dict):
                raise SettingError(where, f"{where} must map top/bottom/left/right to [min, max] mm")
            for side in v:
                if side not in ("top", "bottom", "left", "right"):
                    raise SettingError(f"{where}.{side}", f"unknown side '{side}' in {where}")
            out[k] = {side: _bounds(b, f"{where}.{side}", 0, 500, "mm") for side, b in v.items()}
        elif k == "fonts":
            out[k] = None if v is None else _strings(v, where, "font names")
        elif k == "font_sizes":
            out[k] = _bounds(v, where, 1, 200, "pt")
        else:
            raise SettingError(where, f"unknown layout key '{k}' (one of {', '.join(sorted(LAYOUT_KEYS))})")
    return out


def _layout(value) -> dict:
    key = "settings.layout"
    if isinstance(value, dict) and any(k in LANGS for k in value):
        out = {}
        for k, v in value.items():
            if k not in LANGS:
                raise SettingError(f"{key}.{k}", f"{key}: mix of languages and layout keys; "
                                                 f"use {{ru: {{…}}, vi: {{…}}}} or one flat mapping")
            out[k] = _one_layout(v, f"{key}.{k}")
        return out
    return _one_layout(value, key)


def _organisation(value):
    key = "settings.organisation"
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                       for v in value.values()):
        return value
    raise SettingError(key, f"{key} must be a name or a mapping of names, not {_show(value)}")


_VALIDATORS = {
    "working_hours": _working_hours,
    "timezone": parse_timezone,
    "work_domains": _domains,
    "allowed_abbreviations": lambda v: _strings(v, "settings.allowed_abbreviations", "abbreviations"),
    "layout": _layout,
    "organisation": _organisation,
}


def validate(settings: dict) -> dict:
    """The settings normalised; SettingError (with the dotted key) on the first bad one."""
    out = {}
    for k, v in settings.items():
        if k not in _VALIDATORS:
            raise SettingError(f"settings.{k}", f"unknown setting '{k}' (expected one of "
                                                f"{', '.join(sorted(_VALIDATORS))})")
        if v is None:
            continue
        out[k] = _VALIDATORS[k](v)
    return out
