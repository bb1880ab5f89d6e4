"""Lines run together: the line-start facts that a web copy or a PDF transcription glued into
the middle of a line, found where they are, so that the structure reads them as lines.

A portal answer puts the signer, the executor and the phone at the end of its last paragraph
(«… Вам полезна. Заместитель префекта О.О. Панин, Антропова Ю.В., 495-957-98-31.»); a header
copied from a legal site loses its breaks and keeps its table bars («Số: 53976/CT-TTHT |»),
or comes as one line («… Số: 02/BXD-QLN V/v: trả lời … Hà Nội, ngày 03 tháng 01 năm 2008
Kính gửi: …»). `logical_lines` cuts each physical line where such a fact begins (and, for the
facts with a shape of their own — a number, a date line, a reference line, a salutation —
where it ends). Everything that walks the letter line by line (the segmenter, the signer, the
Vietnamese formal checks) walks these lines, so a fact is found the same way wherever it stands.

Cuts are made only where the facts live: head facts in the opening of the letter, tail facts
(closing, signer, executor, "Nơi nhận") at its end, and a tail cut only when the rest of the
line has the shape of the fact (a position ending in a person's name, a short sign-off), so a
sentence of the body that merely starts with "Глава управы …" is never cut.
"""
from __future__ import annotations

import regex

from . import ru, vi

HEAD_CHARS = 1500   # the letterhead, number, date, subject and addressee fit in this
TAIL_CHARS = 700    # the closing, signature, executor and recipients list fit in this
MAX_TAIL_WORDS = 16

# a sentence (or a "./." end of a công văn) ends right before the cut; "KT." is no sentence
_AFTER_SENTENCE = r"(?<=(?:[\p{Ll}\d»\")][.!?…]|[.!?…][»\")]|\./\.)[ \t]+)"
# any word boundary in the middle of a line (a header fact after another one), or the start
_AFTER_SPACE = r"(?:(?<=\S[ \t]+)|^)"
# a column gap of a flattened two-column layout: the segmenter splits columns itself
_COLUMN_GAP = regex.compile(r"[ \u00a0]{3,}|\t")
# not after a lower-case word: «сообщение от 22.04.2024 № ГК-420/4» is a sentence of the body
_NOT_IN_PROSE = r"(?<![\p{Ll}][ \t]{1,3})"

# -- head facts, each with its own end ----------------------------------------------------
_VI_NUMBER = rf"(?:{vi.NUMBER_LABEL})[ \t]*:[ \t]*[\d.…_]{{0,10}}[ \t]?/[ \t]?[\dA-ZĐ][\w&.]*(?:[ \t]?[-–/][ \t]?[\w&.]+)*"
_VI_PLACE_DATE = (r"(?:\p{Lu}[\p{Ll}\p{M}]*\.?[ \t]){0,3}\p{Lu}[\p{Ll}\p{M}]*,[ \t]*ngày[ \t]+[\d.…_ ]{1,6}"
                  r"tháng[ \t]+[\d.…_ ]{1,6}năm[ \t]+(?:\d{4}|[\d.…_]{2,6})")
_VI_TITLE = r"C[ỘO]NG[ \t]*H(?:ÒA|OÀ|OA)[ \t]+XÃ[ \t]+HỘI[ \t]+CHỦ[ \t]+NGHĨA[ \t]+VIỆT[ \t]+NAM"
_VI_MOTTO = r"Độc[ \t]*[lL]ập[ \t]*[-–—][ \t]*Tự[ \t]*do[ \t]*[-–—][ \t]*Hạnh[ \t]*phúc"
_RU_REF = (rf"{_NOT_IN_PROSE}(?:(?:от|ОТ)[ \t]+)?\d{{1,2}}\.\d{{1,2}}\.\d{{4}}[ \t]*(?:г\.?[ \t]*)?(?:№|N)[ \t]*[\w./@-]+"
           rf"|{_NOT_IN_PROSE}(?:на|На|НА)[ \t]*(?:№|N)[ \t]*[\w./@_-]+[ \t]+(?:от|ОТ)[ \t]+(?:\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?:[ \t]*г\.?)?|_{{2,}})")
_RU_SALUTATION = r"(?:Много)?[Уу]важаем(?:ый|ая|ые)[ \t]+[^!\n]{2,60}!"
_HEAD_WHOLE = regex.compile(
    rf"{_AFTER_SPACE}(?:{_VI_NUMBER}|{_VI_PLACE_DATE}|{_VI_TITLE}|{_VI_MOTTO}|{_RU_REF}|{_RU_SALUTATION})")
# head facts that run to the next fact or to the end of the line
_HEAD_START = regex.compile(
    rf"{_AFTER_SPACE}(?:(?:{vi.SUBJECT_MARK})\b|(?P<kg>(?:{vi.ADDRESSEE_LABEL})[ \t]*:))")
# the addressee after "Kính gửi:" ends with its sentence when the body follows on the same line
_ADDRESSEE_END = regex.compile(r"[.;][ \t]+(?=\p{Lu})")

# -- tail facts, each running to the end of the line ------------------------------------------
_RU_POSITION = regex.compile(rf"{_AFTER_SENTENCE}(?=(?:{ru.POSITION_WORDS}))")
_VI_AUTHORITY = regex.compile(rf"{_AFTER_SPACE}(?={vi.AUTHORITY}[ \t]?\p{{Lu}}{{2}})"
                              rf"|{_AFTER_SENTENCE}(?={vi.POSITION_CAPS}\b)")
_CLOSING = regex.compile(rf"{_AFTER_SENTENCE}(?=(?:{ru.CLOSINGS})\b|(?:{vi.CLOSINGS})\b)")
_TAIL_LABEL = regex.compile(rf"{_AFTER_SENTENCE}(?=(?:{vi.RECIPIENTS_LABEL})[ \t]*[:-]|(?:{ru.EXECUTOR_LABELS}))")

_RU_INITIALS = rf"[{ru.U}]\.[ \t]?(?:[{ru.U}]\.)?"
# (a surname in an oblique case, «доложить А.В. Гущину», names no signer)
_OBLIQUE = rf"(?![{ru.U}][{ru.L}]*(?:ову|еву|ину|ому|ему|ым|ого|овой|евой|иной|ской|цкой)\b)"
_RU_NAME_END = regex.compile(
    rf"(?:{_RU_INITIALS}[ \t]?{_OBLIQUE}{ru.SIGNER_SURNAME}|{_OBLIQUE}{ru.SIGNER_SURNAME}[ \t]+{_RU_INITIALS})[ \t]*\.?$")
_VI_NAME_END = regex.compile(r"(?<=\p{Lu}{2}[ \t]+)\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){1,4}[ \t]*\.?$")
_UPPER_WORDS = regex.compile(r"^[\p{Lu}\p{M}\d.,/&()\-–\s]+$")
_PHONE_OR_NAME = regex.compile(rf"\d{{2,}}[-\s]\d{{2}}|{_RU_INITIALS}[ \t]?{ru.SURNAME}|{ru.SURNAME}[ \t]+{_RU_INITIALS}")
_CELL_BAR = regex.compile(r"(?:^|[ \t]+)\|(?:[ \t]+|$)")


def logical_lines(text: str, start: int = 0, end: int | None = None):
    """(start, end) of each line of text[start:end] with run-together facts cut apart; ends
    exclusive, blank lines kept as they are (so paragraph breaks still show). A range that
    starts or ends inside a line (a zone) gets the pieces that whole line is cut into."""
    end = len(text) if end is None else end
    pos = text.rfind("\n", 0, start) + 1
    while pos <= end:
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        for s, e in pieces(text, pos, stop):
            s, e = max(s, start), min(e, end)
            if e > s or (s == e and pos >= start and stop <= end):
                yield s, e
        if nl < 0 or nl >= end:
            break
        pos = nl + 1


def pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The physical line text[a:b] as its logical lines: itself unless a fact runs in."""
    head_to = min(HEAD_CHARS, len(text))
    tail_from = max(len(text) - TAIL_CHARS, 0)
    if b - a < 8 or (a >= head_to and b <= tail_from) or text.startswith(">", a):
        return [(a, b)]     # (a quoted line of an e-mail is the other side's text)
    return cut_line(text, a, b, head_to, tail_from)


def cut_line(text: str, a: int, b: int, head_to: int, tail_from: int) -> list[tuple[int, int]]:
    """One physical line [a, b) as its logical lines (offsets in `text`)."""
    cuts: set[int] = set()
    drop: list[tuple[int, int]] = []      # table bars between cells belong to no line
    line = text[a:b]
    if (a < head_to or b > tail_from) and not line.lstrip().startswith("|"):
        # a flattened table's cells (a Markdown row, "| … | … |", is read as columns instead)
        for m in _CELL_BAR.finditer(line):
            drop.append((a + m.start(), a + m.end()))
    if a < head_to:
        for m in _HEAD_WHOLE.finditer(line, 0, min(len(line), head_to - a)):
            cuts.update((a + m.start(), a + m.end()))
        for m in _HEAD_START.finditer(line, 0, min(len(line), head_to - a)):
            cuts.add(a + m.start())
            if m.group("kg"):
                e = _ADDRESSEE_END.search(line, m.end(), m.end() + 200)
                if e:
                    cuts.add(a + e.start() + 1)
    if b > tail_from:
        tc, td = _tail_cuts(line, a, max(0, tail_from - a))
        cuts.update(tc)
        drop.extend(td)
    drop.sort()
    if not cuts and not drop:
        return [(a, b)]
    marks = sorted({a, b} | {c for c in cuts if a < c < b and not _at_column_gap(text, c)})
    pieces: list[tuple[int, int]] = []
    for s, e in zip(marks, marks[1:]):
        for ps, pe in _without(s, e, drop):
            while ps < pe and text[ps] in " \t\u00a0":
                ps += 1
            while pe > ps and text[pe - 1] in " \t\u00a0\r":
                pe -= 1
            if pe > ps:
                pieces.append((ps, pe))
    return pieces or [(a, b)]


def _at_column_gap(text: str, c: int) -> bool:
    s, e = c, c
    while s > 0 and text[s - 1] in " \t\u00a0":
        s -= 1
    while e < len(text) and text[e] in " \t\u00a0":
        e += 1
    return bool(_COLUMN_GAP.search(text, s, e))


def _without(s: int, e: int, drop: list[tuple[int, int]]):
    for ds, de in drop:
        if ds < e and s < de:
            if ds > s:
                yield s, ds
            s = max(s, de)
    if e > s:
        yield s, e


def _tail_cuts(line: str, base: int, lo: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Cuts (and dropped separators) for the tail facts of a line that reach past `lo`."""
    out: list[int] = []
    drop: list[tuple[int, int]] = []
    for m in _CLOSING.finditer(line, lo):
        if len(line[m.start():].split()) <= MAX_TAIL_WORDS:
            out.append(base + m.start())
            break
    for m in _TAIL_LABEL.finditer(line, lo):
        out.append(base + m.start())
        break
    for m in _RU_POSITION.finditer(line, lo):
        got = _signer_and_executor(line, m.start())
        if got is not None:
            out.append(base + m.start())
            if got:
                out.append(base + got)
                drop.append((base + got, base + got + 2))
            break
    for m in _VI_AUTHORITY.finditer(line, lo):
        rest = line[m.start():].rstrip()
        if len(rest.split()) > MAX_TAIL_WORDS:
            continue
        name = _VI_NAME_END.search(rest)
        if name and _UPPER_WORDS.match(rest[:name.start()]):
            out.extend((base + m.start(), base + m.start() + name.start()))
            break
        if _UPPER_WORDS.match(rest):
            out.append(base + m.start())  # the position alone; the name is on the next line
            break
    return out, drop


def _signer_and_executor(line: str, c: int) -> int | None:
    """«Глава управы А.В. Гущин[, Кравец Н.В., 8-495-957-98-31]» from c to the end of the line:
    None when it is no signature; 0 when the signer runs to the end; else the offset of the
    ", " after the signer's name that an executor's name or phone follows."""
    rest = line[c:].rstrip()
    if len(rest.split()) > MAX_TAIL_WORDS:
        return None
    if _RU_NAME_END.search(rest):
        return 0
    k = rest.find(", ")
    while k > 0:
        if _RU_NAME_END.search(rest[:k]) and _PHONE_OR_NAME.search(rest[k:]):
            return c + k
        k = rest.find(", ", k + 2)
    return None
