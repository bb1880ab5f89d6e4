"""E-mail hygiene and the subject line: `common.subject-missing`, `common.personal-mailbox`,
`common.after-hours`.

Metadata comes from the .eml reader: `from`, `from_address`, `subject` (None when the header
is absent, "" when empty), `date` (raw RFC 2822) and `date_parsed` (aware datetime). Rule
examples cannot hold a datetime in YAML, so `date` is parsed here when `date_parsed` is
missing. Organisation settings: `working_hours` {start, end, days (ISO 1 = Monday)},
`timezone` ("+03:00", "UTC+7" or an IANA name), `work_domains`.
"""
from __future__ import annotations

import email.utils
from datetime import datetime, time, timedelta, timezone

import regex

from ..checks.required import report_span
from . import vi_kind

# ------------------------------------------------------------------ subject

VI_NUMBER = regex.compile(r"(?m)^[ \t#*]*Số\s*:\s*\S")
VI_TRICH_YEU = regex.compile(r"(?m)(?:^[ \t#*]*|[ \t]{3,}|\t)(?:V/v|V/V|v/v|Về\s+việc|VỀ\s+VIỆC)\b")
VI_ADDRESSEE = regex.compile(r"(?m)^[ \t#*]*Kính\s+gửi")


def _first_line(doc):
    s, e = report_span(doc.text, "start")
    while e > s and doc.text[e - 1] in "\r \t":
        e -= 1
    return s, e


def subject_missing(ctx, check):
    doc = ctx.doc
    if doc.kind == "email":
        if "subject" not in doc.metadata and doc.format != "eml":
            return          # an e-mail pasted as text: its headers are unknown
        subject = regex.sub(r"^(?:\s*(?:re|fwd?|aw|wg|ha|тема|subject)\s*(?:\[\d+\])?\s*:)+", "",
                            str(doc.metadata.get("subject") or ""), flags=regex.I)
        if not subject.strip(" \t-–—.:"):
            s, e = _first_line(doc)
            yield check.hit(ctx, s, e, what="email")
        return
    # only a công văn needs a trích yếu; the Vietnamese pack decides what the document is
    if doc.lang != "vi" or vi_kind.kind(ctx) != "congvan":
        return
    # the trích yếu sits under the number, before "Kính gửi"; the subject zone when found
    end = VI_ADDRESSEE.search(doc.text)
    head = doc.text[: end.start()] if end else doc.text[: max(600, len(doc.text) // 3)]
    if VI_TRICH_YEU.search(head):
        return
    if any(VI_TRICH_YEU.match(doc.text[s:e].lstrip()) for s, e in doc.zone_spans(["subject"])):
        return
    m = VI_NUMBER.search(doc.text)
    if m:
        ls = m.start()
        le = doc.text.find("\n", ls)
        s, e = ls, (len(doc.text) if le < 0 else le)
    else:
        s, e = _first_line(doc)
    yield check.hit(ctx, s, e, what="cong-van")


# ------------------------------------------------------------------ mailbox

PUBLIC_DOMAINS = {
    # Russian webmail
    "mail.ru", "bk.ru", "list.ru", "inbox.ru", "internet.ru", "mail.ua", "yandex.ru", "ya.ru",
    "yandex.com", "yandex.by", "yandex.kz", "yandex.ua", "narod.ru", "rambler.ru", "lenta.ru",
    "ro.ru", "autorambler.ru", "myrambler.ru", "rambler.ua", "e1.ru", "ngs.ru", "qip.ru", "pochta.ru",
    "ukr.net", "tut.by",
    # international webmail
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "outlook.com",
    "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "gmx.com", "gmx.net", "gmx.de", "mail.com", "proton.me", "protonmail.com", "pm.me",
    "zoho.com", "zohomail.com", "tutanota.com", "tuta.io", "yahoo.com.vn", "hotmail.com.vn",
    "qq.com", "163.com", "126.com", "web.de", "fastmail.com",
}
PUBLIC_PREFIXES = ("yahoo.", "hotmail.", "outlook.", "live.", "gmx.", "yandex.")
ADDRESS = regex.compile(r"[\w.+\-']+@([\w\-]+(?:\.[\w\-]+)+)")


def _domain(meta) -> str | None:
    addr = meta.get("from_address") or ""
    if not addr:
        m = ADDRESS.search(str(meta.get("from") or ""))
        if not m:
            return None
        return m.group(1).lower().rstrip(".")
    return addr.rsplit("@", 1)[-1].lower().strip(" >.") if "@" in addr else None


def _under(domain: str, base: str) -> bool:
    base = base.lower().lstrip("@.").strip()
    return domain == base or domain.endswith("." + base)


def is_public(domain: str, extra=()) -> bool:
    if any(_under(domain, d) for d in PUBLIC_DOMAINS | set(extra or ())):
        return True
    return domain.startswith(PUBLIC_PREFIXES)


def personal_mailbox(ctx, check):
    doc = ctx.doc
    if doc.kind != "email":
        return
    domain = _domain(doc.metadata)
    if not domain:
        return
    opts = check.options(ctx)
    work = ctx.settings.get("work_domains") or opts.get("work_domains") or []
    if isinstance(work, str):
        work = [work]
    if is_public(domain, opts.get("public_domains")):
        reason = "public"
    elif work and not any(_under(domain, w) for w in work):
        reason = "outside"
    else:
        return
    s, e = _first_line(doc)
    yield check.hit(ctx, s, e, domain=domain, address=doc.metadata.get("from_address") or domain,
                    reason=reason)


# ------------------------------------------------------------------ working hours

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
        from zoneinfo import ZoneInfo
        return ZoneInfo(s)
    except Exception:
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
    except (TypeError, ValueError, IndexError):
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


DAY_NAMES = {
    "ru": ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
    "vi": ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def after_hours(ctx, check):
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
    lang = doc.lang if doc.lang in ("ru", "vi") else "en"
    s, e = _first_line(doc)
    yield check.hit(ctx, s, e, sent=local.strftime("%d.%m.%Y %H:%M"),
                    day=DAY_NAMES[lang][local.isoweekday() - 1],
                    begin=parse_hhmm(hours.get("start"), time(8, 0)).strftime("%H:%M"),
                    finish=parse_hhmm(hours.get("end"), time(18, 0)).strftime("%H:%M"))
