"""Dates in Vietnamese letters and `vi.deadline`: the reply's date against the date of the
appeal it cites ("đơn đề ngày 05/10/2026", "nhận được đơn của Ông ngày 20/3/2026").

The letter's date: the place-and-date line of the letterhead ("Hà Nội, ngày 05 tháng 3 năm
2026", also the numeric "…, ngày 9/1/2026"), else an e-mail's Date header. The appeal's date:
a date in the same sentence right after "đơn/thư/phản ánh/kiến nghị/khiếu nại/tố cáo … (đề|ghi)
ngày", or after "nhận được (đơn|thư|phản ánh …) … ngày"; an explicitly dated appeal ("đề ngày")
wins over the date it was received. A letter that mentions an extension ("gia hạn") is skipped.
Option `days` (default 30)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from ...options import Option
from ...spans import line_spans
from ...structure import vi_kind as K
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "days": Option("int", 30, "days from the appeal to the reply"),
    "appeals": Option("phrases", [], "what the citizen sent (đơn, thư, phản ánh …)"),
    "appeal_kinds": Option("phrases", [], "what an 'đơn' may be (đơn kiến nghị, đơn khiếu nại …)"),
    "other_papers": Option("phrases", [], "papers whose date is not the appeal's (Quyết định, hồ sơ …)"),
    "dating_verbs": Option("words", [], "verbs before the appeal's own date (đơn đề ngày …)"),
    "sending_verbs": Option("words", [], "verbs of sending the appeal (gửi đơn ngày …)"),
    "honorifics": Option("phrases", [], "how the letter names the citizen (đơn của Bà ngày …)"),
    "extensions": Option("regexes", [], "an extension of the time to settle the appeal: the deadline is not checked",
                         flags=regex.I),
}

_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>\d{4})"
DATE = regex.compile(
    rf"(?:ngày\s+)?{_D}\s*(?:[/.\-]\s*{_M}\s*[/.\-]\s*{_Y}|\s+tháng\s+{_M}\s+năm\s+{_Y})", regex.I)
# "Hà Nội, ngày 05 tháng 3 năm 2026", also the malformed "Hà Nội, ngày 05/3/2026" and
# "Hà Nội, 05/3/2026" (vi.date-line reports the form; the date still counts for the deadline)
_LETTER_DATE = regex.compile(
    rf"^(?![ \t]*ngày\b)(?:[^\n]{{2,80}}?,\s*ngày\s+|[^\n\d]{{2,80}}?,\s*(?=\d{{1,2}}\s*[/.\-]))"
    rf"{_D}\s*(?:[/.\-]\s*{_M}\s*[/.\-]\s*{_Y}|\s+tháng\s+{_M}\s+năm\s+{_Y})",
    regex.I)
# the date line with its place name left out ("ngày 16 tháng 3 năm 2026" alone in its column
# segment, also numeric "ngày 16/3/2026"): vi.date-line reports the missing place, the date
# still counts for the deadline
_LETTER_DATE_NOPLACE = regex.compile(
    rf"^,?[ \t]*ngày\s+{_D}\s*(?:[/.\-]\s*{_M}\s*[/.\-]\s*{_Y}|\s+tháng\s+{_M}\s+năm\s+{_Y})[ \t.]*$",
    regex.I)
_LABELLED_DATE = regex.compile(
    rf"^[ \t*_]*(?:Ngày|Thời gian)[ \t]+(?:trả[ \t]+lời|ban[ \t]+hành|gửi|phản[ \t]+hồi|ký)[ \t*_]*:[ \t*_]*"
    rf"{_D}\s*(?:[/.\-]\s*{_M}\s*[/.\-]\s*{_Y}|\s+tháng\s+{_M}\s+năm\s+{_Y})", regex.I)
_LINE_END = regex.compile(r"[ \t.]*$")
_DAY = r"(?P<date>\d{1,2}[^\n]{0,24})"


@dataclass(frozen=True)
class AppealPatterns:
    """Where a letter cites the appeal's date, built from the rule's word lists."""
    dated: regex.Pattern        # "đơn … đề ngày DATE", "gửi đơn … ngày DATE", "đơn của Bà ngày DATE"
    received: regex.Pattern     # "nhận được đơn … ngày DATE", "ngày DATE, … nhận được đơn"
    extension: regex.Pattern    # an extension of the time to settle the appeal


@lru_cache(maxsize=8)
def appeal_patterns(appeals: tuple, kinds: tuple, other_papers: tuple, dating_verbs: tuple,
                    sending_verbs: tuple, honorifics: tuple, extensions: tuple) -> AppealPatterns:
    appeal = alternation(appeals)
    # between the appeal and its date: no sentence end, no number, no other document
    gap = rf"(?:(?!\b{alternation(other_papers)}\b)[^.;\n\d]){{0,60}}?"
    dated = (rf"\b{appeal}\b{gap}\b{alternation(dating_verbs)}\s+(?:vào\s+)?ngày\s+{_DAY}"
             rf"|\b{alternation(sending_verbs)}\s+{appeal}\b{gap}\b(?:vào\s+)?ngày\s+{_DAY}"
             rf"|\bđơn(?:\s+thư)?(?:\s+{alternation(kinds)})?\s+(?:của\s+{alternation(honorifics)}\s+)?"
             rf"ngày\s+{_DAY}")
    # the words between "nhận được" and the appeal carry no date: in "nhận được thư của Bà ngày
    # 27/4/2026 phản ánh việc hồ sơ … nộp ngày 02/4/2026" the letter was received on 27/4, and the
    # later date belongs to the dossier the appeal is about
    received = (rf"\bnhận\s+được\s+(?:[^.;\n\d]{{0,40}}?\s)?{appeal}\b[^.;\n]{{0,120}}?\bngày\s+{_DAY}"
                rf"|\bngày\s+(?P<date>\d{{1,2}}[^\n]{{0,24}}?),?\s+[^.;\n]{{0,100}}?\bnhận\s+được\s+"
                rf"(?:[^.;\n]{{0,40}}?\s)?{appeal}\b")
    return AppealPatterns(dated=compiled(dated, regex.I), received=compiled(received, regex.I),
                          extension=compiled("|".join(extensions) or "(?!)", regex.I))


def _patterns(opts: dict) -> AppealPatterns:
    return appeal_patterns(*(tuple(opts.get(name) or ()) for name in (
        "appeals", "appeal_kinds", "other_papers", "dating_verbs", "sending_verbs", "honorifics",
        "extensions")))


def _mkdate(m) -> dt.date | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except (ValueError, TypeError):
        return None


def parse_date(s: str) -> dt.date | None:
    m = DATE.match(s.strip())
    return _mkdate(m) if m else None


def letter_date(doc) -> tuple[dt.date | None, tuple[int, int] | None]:
    text = doc.text
    for rx in (_LETTER_DATE, _LETTER_DATE_NOPLACE):
        for hs, he in K.head_spans(doc):
            for off, line_end in line_spans(text, hs, he):
                line = text[off:line_end]
                for so, seg in K.segments(line, off):
                    m = rx.match(seg)
                    if m:
                        d = _mkdate(m)
                        if d:
                            return d, (so, so + len(seg))
    raw = doc.metadata.get("date")
    if raw:
        try:
            return parsedate_to_datetime(str(raw)).date(), None
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    # a portal reply may date itself below the body: a place-and-date line of its own
    # ("Hà Nội, ngày 20 tháng 5 năm 2026" before the signature) or a labelled "Ngày trả lời: …"
    found = None
    for off, line_end in line_spans(text):
        line = text[off:line_end]
        if regex.match(r"[ \t]*[-–•+*>]", line):
            continue        # a list item citing a dated paper, not the letter's own date
        m = _LETTER_DATE.match(line.strip()) or _LETTER_DATE_NOPLACE.match(line.strip()) \
            or _LABELLED_DATE.match(line)
        if m and (m.re is _LABELLED_DATE or _LINE_END.match(line.strip(), m.end())):
            d = _mkdate(m)
            if d:
                s0 = off + len(line) - len(line.lstrip())
                found = (d, (s0, off + len(line.rstrip())))
    if found:
        return found
    return None, None


def _first(rx, text: str, start: int, end: int):
    for m in rx.finditer(text, start, end):
        for i, s in enumerate(m.starts("date")):
            e = m.ends("date")[i]
            dm = DATE.match(text, s, e)
            if dm:
                d = _mkdate(dm)
                if d:
                    return d, (dm.start(), dm.end())
    return None, None


def appeal_date(text: str, start: int, end: int, patterns: AppealPatterns):
    """(date, (start, end)) of the appeal cited in text[start:end], or (None, None).

    The time limit runs from when the office received the appeal: when the letter gives both
    the appeal's own date ("đơn đề ngày 15/01/2026") and a later date of receipt ("Sở … chuyển
    đến ngày 10/3/2026", "Ngày 10/3/2026, … nhận được đơn"), the later one counts."""
    dated = _first(patterns.dated, text, start, end)
    received = _first(patterns.received, text, start, end)
    if dated[0] is None:
        return received
    if received[0] is not None and received[0] > dated[0]:
        return received
    return dated


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    if ctx.unreadable:
        return      # dates and an extension notice cannot be read in TCVN3/VNI text
    doc, text = ctx.doc, ctx.doc.text
    opts = check.options(ctx)
    limit = int(opts.get("days", 30))
    patterns = _patterns(opts)
    if patterns.extension.search(text):
        return
    ld, _ = letter_date(doc)
    if ld is None:
        return
    spans = ctx.spans(check.rule.zones) or [(0, len(text))]
    for s, e in spans:
        ad, span = appeal_date(text, s, e, patterns)
        if ad is None:
            continue
        days = (ld - ad).days
        if days > limit:
            yield check.hit(ctx, span[0], span[1], days=days, limit=limit,
                            appeal=ad.strftime("%d/%m/%Y"), letter=ld.strftime("%d/%m/%Y"))
        return
