"""Format invariance: the same letter gives the same scored findings whatever its format.

Every labelled .txt/.md letter of both corpora (../shared/corpus/labeled when present, and
tests/corpus) is rebuilt at test time, as clerks and pipelines make them, into:

* ``docx-empty`` / ``docx-spacing``: python-docx, one paragraph per source line, Times New
  Roman 14 pt, A4, margins 20/20/30/15 mm (fit both the vi and the ru layout rules); blank lines
  as empty paragraphs, or as space after the previous paragraph; a column gap inside a line as
  a tab to a right tab stop; a Vietnamese công văn header as a 2-column table (left: body name
  and "Số:", right: national title and the place/date line);
* ``html-pad`` / ``html-nbsp``: a ``<p>`` per paragraph, ``<br>`` between its lines, the header
  as a ``<table>``, « » as ``&laquo;``/``&raquo;``, ``№&nbsp;``; a column gap inside a line as
  a ``<span style="padding-left:…">`` or as a run of ``&nbsp;``;
* ``eml-qp`` (text/plain, quoted-printable) and ``eml-html`` (multipart/alternative, the HTML
  page) for letters whose expectations involve no e-mail-only rule, with a From, Date and
  Subject that keep ``common.personal-mailbox``, ``common.after-hours`` and
  ``common.subject-missing`` quiet.

The scored rule ids reported for each build (warnings and errors, like tools/eval.py), minus
the layout ids (and for e-mails the e-mail-only ids) must equal those of the original file.
Each build is linted once per module: the quick sample (one format per letter, in turn) in
one engine run, the other builds (marked slow) in another.
"""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
import yaml

from replylint.engine import RunOptions, run

HERE = Path(__file__).resolve().parent / "corpus"
REAL = HERE / "real"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "labeled"
ROOTS = [("own", HERE), ("shared", SHARED)]

LAYOUT_IDS = {"common.length", "common.page-format", "common.margins", "common.font"}
EMAIL_ONLY = {"common.personal-mailbox", "common.after-hours", "common.subject-missing",
              "common.signature-contact"}
# the công văn form is not asked of an e-mail (vi_kind: an e-mail is its own kind)
CONG_VAN_ONLY = {"vi.national-title", "vi.date-line", "vi.number-symbol", "vi.recipients-list"}
DOCX_VARIANTS = ("docx-empty", "docx-spacing")
HTML_VARIANTS = ("html-pad", "html-nbsp")
EML_VARIANTS = ("eml-qp", "eml-html")

def _scored(root: Path) -> set[str]:
    f = root / "SCORED.yaml"
    return set(yaml.safe_load(f.read_text(encoding="utf-8"))["scored"]) if f.exists() else set()


def _letters():
    out = []
    for tag, root in ROOTS:
        if not root.exists():
            continue
        for p in sorted(root.rglob("*")):
            if p.suffix in (".txt", ".md") and p.with_name(p.name + ".expect.yaml").exists():
                out.append((tag, p))
    return out


LETTERS = _letters()


def _expect(p: Path) -> dict:
    return yaml.safe_load(p.with_name(p.name + ".expect.yaml").read_text(encoding="utf-8")) or {}


def _emailable(p: Path) -> bool:
    fire = set(_expect(p).get("fire") or [])
    return not (fire & EMAIL_ONLY)


# ------------------------------------------------------------------------------ the model
GAP = re.compile(r"(?<=\S)(?:[ \u00a0]{3,}|\t+)(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")


def _plain_md(s: str) -> str:
    s = _MD_HEADING.sub("", s)
    s = _MD_STRONG.sub(lambda m: m.group(1) or m.group(2), s)
    return _MD_EM.sub(lambda m: m.group(1), s)


class Letter:
    """Source lines; ``header``: rows (left, right) of a Vietnamese two-column header."""

    def __init__(self, path: Path, lang: str):
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        lines = text.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if path.suffix == ".md":
            lines = [_plain_md(l) for l in lines]
        self.lang = lang
        self.header: list[tuple[str, str]] = []
        h = self._header_end(lines) if lang == "vi" else 0
        for l in lines[:h]:
            self.header.append(self.columns(l))
        self.lines = lines[h:]

    @staticmethod
    def columns(line: str) -> tuple[str, str]:
        m = GAP.search(line)
        if m:
            return line[:m.start()].strip(), line[m.end():].strip()
        indent = len(line) - len(line.lstrip())
        if indent >= 12:
            return "", line.strip()
        return line.strip(), ""

    @staticmethod
    def _header_end(lines: list[str]) -> int:
        i = next((k for k, l in enumerate(lines[:10]) if l.strip().startswith(("V/v", "Kính gửi"))), None)
        if i is None:
            return 0
        head = lines[:i]
        if any(GAP.search(l) or (l.strip() and len(l) - len(l.lstrip()) >= 12) for l in head):
            return i
        return 0

    def gap_split(self, line: str) -> list[str]:
        return [p for p in GAP.split(line.strip())]


# ------------------------------------------------------------------------------- .docx
def build_docx(letter: Letter, out: Path, blank_mode: str, header_split: float = 0.5,
               header_size: float | None = None) -> None:
    """`header_split`: the left column's share of the text width; `header_size`: the header
    cells' font size (ND30 prints the body name and national title at 12-13 pt, 14 pt in
    half the width wraps the national title in print)."""
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(a), "Times New Roman")
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.0
    width = Mm(210 - 30 - 15)

    if letter.header:
        table = d.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        for cell, side in ((left, 0), (right, 1)):
            cell.width = int(width * (header_split if side == 0 else 1 - header_split))
            table.columns[side].width = cell.width
            first = True
            for row in letter.header:
                text = row[side]
                if blank_mode == "spacing" and not text and not row[1 - side]:
                    continue
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                p.alignment = 1
                if text:
                    run = p.add_run(text)
                    if header_size:
                        run.font.size = Pt(header_size)

    last = None
    for line in letter.lines:
        if not line.strip():
            if blank_mode == "spacing" and last is not None:
                last.paragraph_format.space_after = Pt(14)
                continue
            last = d.add_paragraph()
            continue
        parts = letter.gap_split(line)
        indent = len(line) - len(line.lstrip())
        p = d.add_paragraph()
        if len(parts) > 1:
            p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            p.add_run("\t".join(parts))
        else:
            if indent >= 12:
                p.paragraph_format.left_indent = Pt(indent * 3.5)
            p.add_run(line.strip())
        last = p
    d.save(str(out))


# -------------------------------------------------------------------------------- .html
def _esc(s: str) -> str:
    s = html.escape(s, quote=False)
    s = s.replace("«", "&laquo;").replace("»", "&raquo;").replace("—", "&mdash;")
    return s.replace("№ ", "№&nbsp;")


def _line_html(letter: Letter, line: str, gap_mode: str) -> str:
    parts = letter.gap_split(line)
    indent = len(line) - len(line.lstrip())
    if len(parts) > 1:
        if gap_mode == "pad":
            return _esc(parts[0]) + "".join(
                f'<span style="padding-left:200px">{_esc(p)}</span>' for p in parts[1:])
        return ("&nbsp;" * 8).join(_esc(p) for p in parts)
    if indent >= 12:
        if gap_mode == "pad":
            return f'<span style="margin-left:{indent * 7}px">{_esc(line.strip())}</span>'
        return "&nbsp;" * indent + _esc(line.strip())
    return _esc(line.strip())


def build_html(letter: Letter, gap_mode: str) -> str:
    out = [f'<!DOCTYPE html>\n<html lang="{letter.lang}">\n<head><meta charset="utf-8">'
           '<title>Ответ</title><style>p{margin:0 0 1em}</style></head>\n<body>']
    if letter.header:
        cells = []
        for side in (0, 1):
            cells.append("<br>\n".join(_esc(r[side]) for r in letter.header))
        out.append('<table style="width:100%"><tr>\n<td style="text-align:center">'
                   + cells[0] + '</td>\n<td style="text-align:center">' + cells[1]
                   + "</td>\n</tr></table>")
    block: list[str] = []

    def flush():
        if block:
            out.append("<p>" + "<br>\n".join(block) + "</p>")
            block.clear()

    for line in letter.lines:
        if not line.strip():
            flush()
        else:
            block.append(_line_html(letter, line, gap_mode))
    flush()
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def letter_text(letter: Letter) -> str:
    """The plain text of a rebuilt letter (header rows joined with a wide gap)."""
    rows = []
    for left, right in letter.header:
        if left and right:
            rows.append(f"{left}          {right}")
        elif right:
            rows.append(" " * 40 + right)
        else:
            rows.append(left)
    return "\n".join(rows + letter.lines) + "\n"


# --------------------------------------------------------------------------------- .eml
def _subject(letter: Letter) -> str:
    for l in letter.lines[:30] + [r[0] for r in letter.header]:
        s = l.strip()
        if s.startswith(("V/v", "О ", "Об ")):
            return s
    return "Ответ на обращение" if letter.lang == "ru" else "Trả lời đơn của công dân"


_RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
              "октябр", "ноябр", "декабр")
_NUM_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_RU_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})»?\s+([а-я]+)\s+(\d{4})", re.I)
_VI_DATE_LINE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_RU_LETTER_DATE = re.compile(r"^\s*(?:от\s+)?(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.)?\s*(?:№.*)?$", re.M)


def letter_date(letter: Letter) -> datetime:
    """The day the letter is sent: its own date (the registration line, the vi date line),
    else the earliest date it mentions, else 17.03.2026 -- an e-mail always carries one."""
    text = letter_text(letter)
    own = _VI_DATE_LINE.search(text) if letter.lang == "vi" else _RU_LETTER_DATE.search(text)
    found = []
    for m in ([own] if own else list(_NUM_DATE.finditer(text)) + list(_VI_DATE_LINE.finditer(text))):
        found.append((int(m.group(3)), int(m.group(2)), int(m.group(1))))
    if not own:
        for m in _RU_WORD_DATE.finditer(text):
            mon = next((i + 1 for i, stem in enumerate(_RU_MONTHS)
                        if m.group(2).lower().startswith(stem)), None)
            if mon:
                found.append((int(m.group(3)), mon, int(m.group(1))))
    # without a date of its own the text gives no letter date to ru/vi.deadline; the e-mail's
    # Date must not give one either that a deadline rule could find late: take the earliest
    found = [f for f in found if 1990 <= f[0] <= 2100]
    for y, mth, d in sorted(found, reverse=bool(own)):
        try:
            return datetime(y, mth, d)
        except ValueError:
            continue
    return datetime(2026, 3, 17)


def build_eml(letter: Letter, mode: str) -> bytes:
    msg = EmailMessage()
    if letter.lang == "vi":
        msg["From"] = "Van thu UBND <vanthu@ubnd.gov.vn>"
        msg["To"] = "Cong dan <congdan@example.vn>"
        tz = timezone(timedelta(hours=7))
    else:
        msg["From"] = "Приёмная <priem@uprava.gov.ru>"
        msg["To"] = "Заявитель <zayavitel@example.ru>"
        tz = timezone(timedelta(hours=3))
    msg["Subject"] = _subject(letter)
    day = letter_date(letter)
    msg["Date"] = format_datetime(datetime(day.year, day.month, day.day, 10, 15, tzinfo=tz))
    if mode == "qp":
        msg.set_content(letter_text(letter), subtype="plain", charset="utf-8", cte="quoted-printable")
    else:
        msg.make_alternative()
        msg.add_alternative(build_html(letter, "pad"), subtype="html", charset="utf-8",
                            cte="quoted-printable")
    return bytes(msg)


# ------------------------------------------------------------------------------ fixture
def _variants(path: Path):
    out = list(DOCX_VARIANTS) + list(HTML_VARIANTS)
    # the real replies of tests/corpus/real are portal answers, quotes and cut pages, not mail: re-sent
    # as an e-mail they rightly ask for a salutation and take a date from the header, so only their
    # docx/html builds must agree (their own scoring is test_corpus's, against KNOWN_GAPS.yaml)
    if _emailable(path) and REAL not in path.parents:
        out += list(EML_VARIANTS)
    return out


CASES = [(tag, p, v) for tag, p in LETTERS for v in _variants(p)]
# The quick loop (`-m "not slow"`) rebuilds each letter in one format, the formats taken in turn
# so that every one is exercised on a share of the letters; the other builds are the slow part.
SAMPLE = {(tag, p, _variants(p)[k % len(_variants(p))]) for k, (tag, p) in enumerate(LETTERS)}


def _lang(tag: str, p: Path) -> str:
    lang = _expect(p).get("lang")
    return lang or ("vi" if p.parent.name == "vi" else "ru")


class Linted:
    """Scored rule ids of each build, linted in batches (one engine run per batch) on first use."""

    def __init__(self, base: Path):
        self.base = base
        self.result: dict[tuple[str, str], tuple[set[str], str]] = {}

    def _build(self, tag: str, p: Path, v: str) -> Path:
        letter = Letter(p, _lang(tag, p))
        stem = f"{tag}-{p.parent.name}-{p.stem}"
        if v.startswith("docx"):
            out = self.base / f"{stem}.{v}.docx"
            build_docx(letter, out, v.split("-")[1])
        elif v.startswith("html"):
            out = self.base / f"{stem}.{v}.html"
            out.write_text(build_html(letter, v.split("-")[1]), encoding="utf-8")
        else:
            out = self.base / f"{stem}.{v}.eml"
            out.write_bytes(build_eml(letter, v.split("-")[1]))
        return out

    def ensure(self, cases) -> Linted:
        files: list[str] = []
        keys: list[tuple[str, str]] = []
        for tag, p, v in cases:
            if (str(p), "original") not in self.result and (str(p), "original") not in keys:
                files.append(str(p))
                keys.append((str(p), "original"))
            if (str(p), v) not in self.result:
                files.append(str(self._build(tag, p, v)))
                keys.append((str(p), v))
        if files:
            report = run(files, RunOptions(no_config=True, jobs=1))
            for key, f, r in zip(keys, files, report.files):
                assert r.error is None, f"{f}: {r.error}"
                self.result[key] = ({d.rule for d in r.diagnostics if d.severity != "suggestion"}, f)
        return self

    def __getitem__(self, key):
        return self.result[key]


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    return Linted(tmp_path_factory.mktemp("formats"))


def _params(sample: bool):
    return [pytest.param(tag, p, v, id=f"{tag}/{p.parent.name}/{p.stem}/{v}")
            for tag, p, v in CASES if ((tag, p, v) in SAMPLE) == sample]


def _check(findings, tag, path, variant):
    root = dict(ROOTS)[tag]
    scored = _scored(root) - LAYOUT_IDS
    if variant.startswith("eml"):
        scored -= EMAIL_ONLY | CONG_VAN_ONLY
    original, _ = findings[(str(path), "original")]
    got, built = findings[(str(path), variant)]
    want = original & scored
    have = got & scored
    assert have == want, (f"{built}: missing {sorted(want - have)}, extra {sorted(have - want)}")


@pytest.mark.parametrize("tag,path,variant", _params(sample=True))
def test_same_findings(linted, tag, path, variant):
    _check(linted.ensure(sorted(SAMPLE, key=str)), tag, path, variant)


@pytest.mark.slow
@pytest.mark.parametrize("tag,path,variant", _params(sample=False))
def test_same_findings_in_every_other_format(linted, tag, path, variant):
    _check(linted.ensure([c for c in CASES if c not in SAMPLE]), tag, path, variant)


def test_the_sample_takes_every_format():
    variants = {v for _, _, v in SAMPLE}
    assert variants == {v for _, _, v in CASES} or not LETTERS


def test_cases_cover_both_languages():
    if not LETTERS:
        pytest.skip("no labelled corpus")
    langs = {_lang(t, p) for t, p in LETTERS}
    assert {"ru", "vi"} <= langs
