"""`common.after-hours`: an e-mail sent outside the configured working hours.

Metadata comes from the .eml reader: `date` (raw RFC 2822) and `date_parsed` (aware datetime).
Rule examples cannot hold a datetime in YAML, so `date` is parsed here when `date_parsed` is
missing. Organisation settings: `working_hours` {start, end, days (ISO 1 = Monday)},
`timezone` ("+03:00", "UTC+7" or an IANA name)."""
from __future__ import annotations

import email.utils
from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import regex

from ...options import Option
from ...spans import report_span

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "working_hours": Option("hours", None, "start, end (HH:MM) and ISO days; settings.working_hours wins"),
    "timezone": Option("str", None, "UTC offset or IANA name; settings.timezone wins"),
    "day_names": Option("strings", [], "the names of the days, Monday first, as the message says them"),
}

TZ_OFFSET = regex.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", regex.I)


def parse_tz(value):
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return timezone(timedelta(hours=value))
    s = str(value).strip()
    if s.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    m = TZ_OFFSET.match(s)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    try:
        return ZoneInfo(s)
    except (ValueError, KeyError):      # not an IANA name (ZoneInfoNotFoundError is a KeyError)
        return None


def parse_hhmm(value, default: time) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, int):          # YAML 1.1 reads 08:00 unquoted as 480 (minutes)
        return time(min(value // 60, 23), value % 60) if value < 24 * 60 else default
    m = regex.match(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*$", str(value or ""))
    if not m:
        return default
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h == 24 and mi == 0:
        return time(23, 59, 59)
    return time(min(h, 23), min(mi, 59))


def sent_at(meta) -> datetime | None:
    dt = meta.get("date_parsed")
    if isinstance(dt, datetime):
        return dt
    raw = meta.get("date")
    if isinstance(raw, datetime):
        return raw
    if not raw:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            dt = datetime.fromisoformat(str(raw).strip())
        except ValueError:
            return None
    return dt


def outside_hours(dt: datetime, hours: dict, tz=None) -> bool:
    if tz is not None and dt.tzinfo is not None:
        dt = dt.astimezone(tz)
    start = parse_hhmm(hours.get("start"), time(8, 0))
    end = parse_hhmm(hours.get("end"), time(18, 0))
    days = hours.get("days") or [1, 2, 3, 4, 5]
    days = {int(d) for d in days}
    t = dt.time().replace(tzinfo=None)
    if dt.isoweekday() not in days:
        return True
    if start <= end:
        return not (start <= t <= end)
    return end < t < start            # a shift over midnight ("20:00"–"08:00")


def _first_line(doc):
    s, e = report_span(doc.text, "start")
    while e > s and doc.text[e - 1] in "\r \t":
        e -= 1
    return s, e


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    doc = ctx.doc
    if doc.kind != "email":
        return
    dt = sent_at(doc.metadata)
    if dt is None:
        return
    opts = check.options(ctx)
    hours = dict(opts.get("working_hours") or {})
    hours.update(ctx.settings.get("working_hours") or {})
    tz = parse_tz(ctx.settings.get("timezone") or opts.get("timezone"))
    if not outside_hours(dt, hours, tz):
        return
    local = dt.astimezone(tz) if tz is not None and dt.tzinfo is not None else dt
    days = opts.get("day_names") or []
    s, e = _first_line(doc)
    yield check.hit(ctx, s, e, sent=local.strftime("%d.%m.%Y %H:%M"),
                    day=days[local.isoweekday() - 1] if len(days) == 7 else local.strftime("%A"),
                    begin=parse_hhmm(hours.get("start"), time(8, 0)).strftime("%H:%M"),
                    finish=parse_hhmm(hours.get("end"), time(18, 0)).strftime("%H:%M"))
