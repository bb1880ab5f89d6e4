"""`common.personal-mailbox`: an e-mail sent from a public webmail domain, or outside the configured `work_domains`."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...options import Option
from ...spans import report_span

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "public_domains": Option("strings", [], "webmail domains besides the built-in list"),
    "work_domains": Option("str_or_strings", [], "the office's own domains (settings.work_domains wins)"),
}

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


def _first_line(doc):
    s, e = report_span(doc.text, "start")
    while e > s and doc.text[e - 1] in "\r \t":
        e -= 1
    return s, e


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
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
