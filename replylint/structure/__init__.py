"""Letter structure: split a Russian or Vietnamese reply into the zones of SPEC 3.

The segmenter works on lines in three passes:
  1. head: salutation, addressee ("Сидорчику И.А." / "Kính gửi:"), subject ("О …", "V/v …");
     everything above them is the header; with none of them, a letterhead prefix is looked for;
  2. tail: the signer's name line (initials + surname, or a Vietnamese full name after an
     authority line) with no prose after it, the position lines above it, the closing, the
     e-signature stamp, executor, "Nơi nhận:" and attachment blocks;
  3. whatever lies between is the body.
Every pass is linear in the number of lines; a failure anywhere falls back to one body zone.
"""
from __future__ import annotations

import re

from ..document import Zone
from ..failures import record, strict
from .classify import Feat, classify, patterns_for
from .common import QUOTE_FROM, QUOTE_META, QUOTE_START, SIG_DASH, any_match
from .lines import Line, split_columns, split_lines

__all__ = ["segment"]

# Lines that continue a Russian addressee block downwards: postal address, e-mail, phone.
_ADDRESS_LINE = re.compile(
    r"\d|@|^(?:г\.|гор\.|ул\.|д\.|кв\.|пр\.|пр-т|пер\.|пос\.|п\.|с\.|дер\.|р-н|обл\.|мкр\.|наб\.|ш\.|б-р)"
    r"|(?:область|край|район|республика|Республика|Москва|Санкт-Петербург)\b|^[А-ЯЁA-Z«\"]\S*(?:\s\S+){0,2}$")
_ENDS_SENTENCE = re.compile(r"[.!?;]$")


def segment(text: str, lang: str, kind: str, metadata: dict | None = None) -> list[Zone]:
    """Zones of a letter or e-mail body, sorted, non-overlapping; raises only in strict mode
    (a failure is noted in `metadata` and the whole text becomes the body)."""
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _Segmenter(text, lang or "unknown", kind or "letter").run()
    except Exception as e:  # a bug must not cost the findings: read the letter as one body
        if strict():
            raise
        if metadata is not None:
            record(metadata, "structure failed", e, "the letter was read as one body zone")
        return _whole_body(text)


def _whole_body(text: str) -> list[Zone]:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return [Zone("body", start, end)] if end > start else []


class _Segmenter:
    def __init__(self, text: str, lang: str, kind: str):
        self.text = text
        self.kind = kind
        self.P = patterns_for(lang)
        lines = split_lines(text)
        if kind == "email":
            lines = self._cut_quoted(lines)
        lines = self._split_two_columns(lines)
        self.lines: list[Line] = lines
        # repeated lines (separators, list dashes, garbage) are classified once
        memo: dict[tuple[str, bool], Feat] = {}
        self.F: list[Feat] = []
        for l in lines:
            key = (l.text, l.gap)
            f = memo.get(key)
            if f is None:
                f = memo[key] = classify(l, self.P)
            self.F.append(f)
        self.n = len(lines)
        self.assign: list[str | None] = [None] * self.n
        # pieces inside a line (closing + name on one line, salutation + prose on one line)
        self.split: dict[int, list[tuple[str, int, int]]] = {}

    # ---------------------------------------------------------------- preparation
    def _cut_quoted(self, lines: list[Line]) -> list[Line]:
        """Drop the quoted message under an e-mail reply ("… пишет:", "> …" lines at the end)."""
        seen_text = False
        for i, l in enumerate(lines):
            if l.blank:
                continue
            if seen_text and QUOTE_START.match(l.text[:300]):
                return lines[:i]
            if seen_text and QUOTE_FROM.match(l.text) and any(
                    QUOTE_META.match(n.text) for n in lines[i + 1:i + 5] if not n.blank):
                return lines[:i]        # Outlook's "От: … / Отправлено: …" quoted header
            seen_text = True
        cut = len(lines)
        for i in range(len(lines) - 1, -1, -1):
            l = lines[i]
            if l.blank:
                continue
            if self.text.startswith(">", l.start):
                cut = i
            else:
                break
        if cut < len(lines) and any(not l.blank for l in lines[:cut]):
            return lines[:cut]
        return lines

    def _split_two_columns(self, lines: list[Line]) -> list[Line]:
        """A flattened "Nơi nhận: …      TM. ỦY BAN …" layout: left column first, then right."""
        P = self.P
        k = None
        for i, l in enumerate(lines):
            if any_match(P.recipients, l.text[:40]):
                k = i
        # the label itself or one of the list lines under it has a right column
        if k is None or not any(l.gap for l in lines[k:k + 10]):
            return lines
        left: list[Line] = []
        right: list[Line] = []
        for l in lines[k:]:
            if l.blank:
                right.append(l)
            elif l.gap:
                parts = split_columns(l, self.text)
                left.append(parts[0])
                right.extend(parts[1:])
            elif l.indent >= 12:
                right.append(l)
            else:
                left.append(l)
        at = right[0].start if right else lines[-1].end
        return lines[:k] + left + [Line(-1, at, at, "", False)] + right  # blank: columns are blocks

    # ---------------------------------------------------------------- helpers
    def blank(self, i: int) -> bool:
        return self.lines[i].blank

    def block_end(self, i: int, limit: int | None = None) -> int:
        """Last index of the non-blank run starting at i."""
        limit = self.n if limit is None else limit
        j = i
        while j + 1 < limit and not self.blank(j + 1):
            j += 1
        return j

    def next_nonblank(self, i: int, limit: int | None = None) -> int | None:
        limit = self.n if limit is None else limit
        j = i
        while j < limit:
            if not self.blank(j):
                return j
            j += 1
        return None

    def mark(self, a: int, b: int, name: str) -> None:
        for j in range(a, b + 1):
            if not self.blank(j) and self.assign[j] is None:
                self.assign[j] = name

    # ---------------------------------------------------------------- pass 1: head
    def head(self) -> int:
        """Assign head zones; return the first index of the body."""
        F, n = self.F, self.n
        prose_before = 0
        first_prose = n
        sal_i = kg_i = None
        for i in range(n):
            f = F[i]
            if f.sal and sal_i is None and prose_before < 4:
                sal_i = i
            if f.kg and kg_i is None and prose_before < 4:
                kg_i = i
            if f.prose:
                if first_prose == n:
                    first_prose = i
                prose_before += 1
                if prose_before >= 4:
                    break
        if kg_i is not None and sal_i is not None and kg_i > sal_i:
            kg_i = None  # "Kính gửi" inside the body is no addressee label
        ends: list[int] = []

        if sal_i is not None:
            self.assign[sal_i] = "salutation"
            self._split_salutation(sal_i)
            ends.append(sal_i)
        limit = sal_i if sal_i is not None else (kg_i if kg_i is not None else first_prose)

        addr_end = None
        self.kg_line = kg_i
        if kg_i is not None:
            j = kg_i
            bare = self.lines[kg_i].text.rstrip().endswith(":")
            while (j + 1 < n and not self.blank(j + 1) and j - kg_i < 10 and not F[j + 1].sal
                   and not F[j + 1].subj and self._addressee_continues(j, bare)):
                j += 1
            self.mark(kg_i, j, "addressee")
            addr_end = j
        else:
            adr_i = None
            # without a salutation the addressee must precede the first sentence of the body
            stop = limit if sal_i is not None else min(limit, self._first_sentence())
            for i in range(min(stop, n)):
                if F[i].adr:
                    adr_i = i  # the first one: a signer "И.И. Петров" further down looks the same
                    break
            if adr_i is not None:
                a = adr_i
                while (a - 1 >= 0 and not self.blank(a - 1) and adr_i - a < 4 and not F[a - 1].hdr
                       and not F[a - 1].ref and not F[a - 1].sal and not F[a - 1].subj and not F[a - 1].prose):
                    a -= 1
                b = self._address_down(adr_i)
                # several addressees, each block opening with a dative line
                nb = self.next_nonblank(b + 1, stop)
                while nb is not None and F[nb].adr and self.assign[nb] is None:
                    b = self._address_down(nb)
                    nb = self.next_nonblank(b + 1, stop)
                # an e-mail or postal line set off by a blank line still belongs to the addressee
                nb = self.next_nonblank(b + 1, limit if sal_i is not None else n)
                if nb is not None and not F[nb].sal and not F[nb].ref:
                    be = self.block_end(nb)
                    if be - nb < 3 and all(F[j].contactish or (F[j].phone and not F[j].ref)
                                           for j in range(nb, be + 1)):
                        b = be
                self.mark(a, b, "addressee")
                addr_end = b
        if addr_end is not None:
            ends.append(addr_end)

        # subject: "О …", "V/v …" (wrapped), "Тема: …"; a bare title only as the first block
        if sal_i is not None:
            sub_limit = sal_i
        elif addr_end is not None:
            nb = self.next_nonblank(addr_end + 1)
            sub_limit = self.block_end(nb) + 1 if nb is not None else n
        else:
            sub_limit = min(first_prose, n)
        first_nb = self.next_nonblank(0)
        for i in range(sub_limit):
            f = F[i]
            if self.assign[i] is not None or self.blank(i):
                continue
            lead = f.subj_lead and i == first_nb and sal_i is None and addr_end is None
            if not (f.subj or lead) or (f.prose and not f.subj):
                continue
            j = i
            while (j + 1 < sub_limit and not self.blank(j + 1) and j - i < 5 and self.assign[j + 1] is None
                   and not F[j + 1].hdr_strong and not F[j + 1].sal and not F[j + 1].kg and not F[j + 1].adr
                   and not F[j + 1].ref and not F[j + 1].prose):
                j += 1
            self.mark(i, j, "subject")
            for k in range(i, j + 1):
                self._split_right_header(k)
            ends.append(j)

        if not ends:
            return self._header_prefix()
        head_end = max(ends)
        for i in range(head_end + 1):
            if self.blank(i) or self.assign[i] is not None:
                continue
            # between the addressee and the salutation: a subject unless it is a header line
            if (addr_end is not None and sal_i is not None and addr_end < i < sal_i and kg_i is None
                    and not (F[i].hdr or F[i].ref or F[i].contactish)):
                self.assign[i] = "subject"
            else:
                self.assign[i] = "header"
        return head_end + 1

    def _address_down(self, i: int) -> int:
        F, n = self.F, self.n
        b = i
        while (b + 1 < n and not self.blank(b + 1) and b - i < 6 and not F[b + 1].sal
               and not F[b + 1].subj and not F[b + 1].ref and not F[b + 1].prose
               and _ADDRESS_LINE.search(self.lines[b + 1].text)):
            b += 1
        return b

    def _first_sentence(self) -> int:
        """Index of the first line that reads as body text (a sentence or a long plain line)."""
        for i, f in enumerate(self.F):
            if f.prose or (f.wc >= 3 and _ENDS_SENTENCE.search(self.lines[i].text) and not
                           (f.hdr or f.ref or f.adr or f.name or f.contactish or f.item or f.phone)):
                return i
            if f.wc >= 8 and not (f.hdr or f.org or f.ref or f.contactish or f.adr or f.name or f.phone):
                return i
        return self.n

    def _addressee_continues(self, j: int, bare_label: bool) -> bool:
        """Does the "Kính gửi" block go on to line j+1 (a list item, a wrapped address)?"""
        nxt = self.lines[j + 1].text
        if self.F[j + 1].item:
            return True
        if self.F[j + 1].prose and not nxt[:1].islower():
            return False
        if bare_label and j == self.kg_line:
            return True
        return nxt[:1].islower() and not _ENDS_SENTENCE.search(self.lines[j].text)

    def _split_right_header(self, i: int) -> None:
        """"V/v …      Hòa Cường, ngày …": the right column of a subject line is header."""
        l = self.lines[i]
        if not l.gap:
            return
        parts = split_columns(l, self.text)
        if len(parts) == 2 and any_match(self.P.header_strong, parts[1].text):
            self.split[i] = [("subject", parts[0].start, parts[0].end), ("header", parts[1].start, parts[1].end)]

    def _split_salutation(self, i: int) -> None:
        """"Уважаемый Иван Иванович! Сообщаем …" on one line: salutation up to the "!"."""
        if self.F[i].wc <= 12:
            return
        l = self.lines[i]
        raw = self.text[l.start:l.end]
        cut = -1
        for ch in "!,":
            c = raw.find(ch, 0, 120)
            if c >= 0 and (cut < 0 or c < cut):
                cut = c
        if cut < 0:
            return
        rest = l.start + cut + 1
        while rest < l.end and self.text[rest].isspace():
            rest += 1
        if rest < l.end:
            self.split[i] = [("salutation", l.start, l.start + cut + 1), ("body", rest, l.end)]

    def _header_prefix(self) -> int:
        """No head anchors: a letterhead prefix (header lines and their wrapped tails) or nothing."""
        F, n = self.F, self.n
        last = -1
        strong = False
        prev_hdr = False  # the line above, in the same block, was a header line
        stopped = False
        for i in range(n):
            f = F[i]
            if self.blank(i):
                prev_hdr = False
                continue
            if f.prose:
                stopped = True
                break
            if f.hdr or f.ref or f.org or f.contactish or f.phone:
                pass
            elif prev_hdr and self.lines[i].text[:1].islower() and f.wc <= 12:
                pass  # "Государственное казенное учреждение / города Москвы – Центр …"
            else:
                stopped = True
                break
            strong = strong or f.hdr_strong or f.ref
            last, prev_hdr = i, True
        if last < 0 or not strong or not stopped:
            return 0
        self.mark(0, last, "header")
        return last + 1

    # ---------------------------------------------------------------- pass 2: tail
    def _walk_up(self, i: int, lo: int) -> tuple[int, bool, bool]:
        """Position lines above a name: (first line, found any, a closing stands above)."""
        F = self.F
        got: list[int] = []
        closing_above = False
        j = i - 1
        while j >= lo and not self.blank(j) and len(got) < 7:
            if F[j].closing:
                closing_above = True
                break
            if not F[j].pos or self.assign[j] is not None or F[j].name:
                break
            got.append(j)
            j -= 1
        if got and not closing_above and j >= 0 and not self.blank(j):
            # the run did not start at a block edge: it may be the tail of a hard-wrapped
            # paragraph; keep it only from its topmost position word ("Первый заместитель …")
            kw = [x for x in got if F[x].pos_kw]
            got = [x for x in got if x >= kw[-1]] if kw else []
        if not got and not closing_above and j >= lo and self.blank(j):
            # "Начальник управления" / blank / "Ф.А. Алексеенков"; "TM. ỦY BAN …" / blank / name
            k, blanks = j, 0
            while k >= lo and self.blank(k) and blanks < 3:
                k -= 1
                blanks += 1
            if k >= lo and F[k].closing:
                closing_above = True
            elif k >= lo:
                block: list[int] = []
                while k >= lo and not self.blank(k) and len(block) < 7:
                    if F[k].closing:
                        closing_above = True
                        break
                    block.append(k)
                    k -= 1
                if block and all(F[x].sign_mark for x in block) and not closing_above:
                    # "(Đã ký)" / "(подпись)" between position and name: look one block higher
                    while k >= lo and self.blank(k):
                        k -= 1
                    if k >= lo and F[k].closing:
                        closing_above = True
                    while k >= lo and not self.blank(k) and len(block) < 9 and not closing_above:
                        if F[k].closing:
                            closing_above = True
                            break
                        block.append(k)
                        k -= 1
                ok = (block and len(block) <= 8
                      and all(F[x].pos and self.assign[x] is None and not F[x].name for x in block)
                      and any(F[x].pos_kw for x in block)
                      and (closing_above or k < lo or self.blank(k)))
                if ok:
                    got = block
        if got:
            return min(got), True, closing_above
        return i, False, closing_above

    def tail(self, body_start: int) -> None:
        F, n = self.F, self.n
        prose_after = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            prose_after[i] = prose_after[i + 1] + (1 if F[i].prose else 0)

        def no_prose_after(i: int) -> bool:
            return prose_after[i + 1] == 0

        sig_name = sig_start = None
        weak: tuple[int, int] | None = None
        near_end = max(12, n // 4)
        for i in range(body_start, n):
            f = F[i]
            if not f.name or f.exe or self.assign[i] is not None:
                continue
            late_prose = prose_after[i + 1]
            if late_prose and (late_prose > 2 or n - i > near_end):
                continue
            up, has_pos, closing_above = self._walk_up(i, body_start)
            if late_prose and not (closing_above or any(F[x].pos_kw for x in range(up, i))):
                continue  # a footer note may follow a signature, never a bare name
            if f.name == "pair" and not closing_above:
                continue
            nxt = i + 1 if i + 1 < n and not self.blank(i + 1) else None
            if f.name in ("surname", "full") and not f.name_prefix and not has_pos and not closing_above:
                # a bare "Фамилия И.О." with a phone under it after the body is an executor
                if nxt is not None and F[nxt].phone:
                    continue
            if f.name == "vi" and not (has_pos or f.surname_known or (nxt is not None and F[nxt].pos_kw)):
                continue
            if has_pos or closing_above:
                sig_name, sig_start = i, up
                break
            if weak is None:
                weak = (i, up)  # a bare name: the signer unless a positioned name follows
        if sig_name is None and weak is not None:
            sig_name, sig_start = weak

        if sig_name is None and self.kind == "email":
            for i in range(n - 1, body_start - 1, -1):
                if SIG_DASH.match(self.lines[i].text) and prose_after[i + 1] == 0:
                    nb = self.next_nonblank(i + 1)
                    if nb is not None:
                        be = self.block_end(nb)
                        if any(F[x].name for x in range(nb, be + 1)):
                            sig_start, sig_name = i, be
                        else:  # an office's contact footer, no person: not a signature
                            self.mark(i, be, "executor")
                    break

        closing_i = None
        end_c = sig_start if sig_start is not None else n
        for j in range(end_c - 1, body_start - 1, -1):
            if F[j].closing and self.assign[j] is None and no_prose_after(j):
                closing_i = j
                break
        label_i = None
        for j in range(body_start, end_c):
            f = F[j]
            if self.assign[j] is not None or not no_prose_after(j):
                continue
            bare_exec = (sig_name is None and f.name in ("surname", "full", "init") and j + 1 < n
                         and not self.blank(j + 1) and F[j + 1].phone)
            if f.rec or f.att or f.exe or f.contact or f.stamp or bare_exec:
                label_i = j
                break
        starts = [x for x in (sig_start, closing_i, label_i) if x is not None]
        if sig_name is not None and F[sig_name].closing and F[sig_name].name_prefix:
            self._split_closing_name(sig_name)
            starts.append(sig_name)
        tail_start = min(starts) if starts else n

        # body: everything between head and tail
        self.mark(body_start, tail_start - 1, "body")
        if sig_name is not None:
            if sig_name not in self.split:
                self.mark(sig_start, sig_name, "signature")
            else:
                self.mark(sig_start, sig_name - 1, "signature")
                self.assign[sig_name] = "signature"
        if closing_i is not None:
            self.assign[closing_i] = "closing"

        state: str | None = None
        prev_blank = False
        for j in range(tail_start, n):
            if self.blank(j):
                prev_blank = True
                continue
            f = F[j]
            if self.assign[j] is not None:
                state = self.assign[j]
                prev_blank = False
                continue
            if f.rec:
                state = "recipients"
            elif f.att:
                state = "attachments"
            elif f.exe or f.contact or (f.name and f.name != "vi" and (sig_name is None or j > sig_name)):
                state = "executor"  # a second person's name after the signer is the executor
            elif f.stamp:
                state = "signature"
            elif state in ("recipients", "attachments") and (not prev_blank or f.item):
                pass
            elif state == "closing" and (sig_start is None or j < sig_start):
                pass
            elif state == "signature" and sig_name is not None and j > sig_name and prev_blank:
                state = "executor"
            elif state in ("signature", "executor"):
                pass
            elif sig_name is not None:
                state = "executor" if j > sig_name else "signature"
            else:
                state = "closing" if closing_i is not None and j > closing_i else "executor"
            self.assign[j] = state
            prev_blank = False

    def _split_closing_name(self, i: int) -> None:
        """"С уважением, А.В. Николаев" on one line: closing, then signature."""
        l = self.lines[i]
        raw = self.text[l.start:l.end]
        m = any_match(self.P.closing, raw)
        if not m or m.end() >= len(raw):
            return
        rest = l.start + m.end()
        self.split[i] = [("closing", l.start, l.start + len(raw[:m.end()].rstrip())), ("signature", rest, l.end)]

    # ---------------------------------------------------------------- assemble
    def run(self) -> list[Zone]:
        if not any(not l.blank for l in self.lines):
            return []
        body_start = self.head()
        self.tail(body_start)
        pieces: list[tuple[int, int, str]] = []
        for i, l in enumerate(self.lines):
            if l.blank:
                continue
            if i in self.split:
                pieces.extend((a, b, name) for name, a, b in self.split[i] if b > a)
                continue
            pieces.append((l.start, l.end, self.assign[i] or "body"))
        pieces.sort()
        zones: list[list] = []
        for a, b, name in pieces:
            if zones and zones[-1][2] == name and a >= zones[-1][1]:
                zones[-1][1] = max(zones[-1][1], b)
            elif zones and a < zones[-1][1]:
                continue  # defensive: never emit overlapping zones
            else:
                zones.append([a, b, name])
        return [Zone(name, a, b) for a, b, name in zones]
