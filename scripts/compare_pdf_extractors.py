"""Compare PDF text extractors on PDFs of letters whose text is known (docs/FORMATS.md).

Every labelled letter (tests/corpus and ../shared/corpus/labeled) is built as a .docx by the
format-invariance builder and printed to PDF by LibreOffice; each extractor's text is compared
with the letter's text:

* word order: difflib ratio of the word sequences (reading order, columns kept apart);
* paragraph breaks found: the share of the letter's paragraph ends (blank lines) that the
  extractor also ends a paragraph at; false breaks: the share of its breaks that are not;
* ms/file: mean time to extract one (two-page) letter.

Usage: pip install pypdf && python scripts/compare_pdf_extractors.py   (needs soffice)
"""
from __future__ import annotations

import difflib
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def words(s):
    return re.findall(r"\w+", s.lower())


def breaks(s):
    out, n = set(), 0
    for p in re.split(r"\n\s*\n", s):
        if p.strip():
            n += len(words(p))
            out.add(n)
    return out


def extractors():
    import pypdf
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    from replylint.readers.pdf import read_pdf
    return {
        "pdfminer.six extract_text(LAParams())": lambda p: extract_text(p, laparams=LAParams()),
        "pypdf extract_text()": lambda p: "\n".join(x.extract_text() for x in pypdf.PdfReader(p).pages),
        "pypdf extract_text(layout)": lambda p: "\n".join(
            x.extract_text(extraction_mode="layout") for x in pypdf.PdfReader(p).pages),
        "replylint reader (pdfminer.six layout)": lambda p: read_pdf(p, Path(p).read_bytes()).text,
    }


def build(folder: Path) -> list[tuple[Path, str]]:
    import test_format_invariance as t
    pairs = []
    for tag, p in t.LETTERS:
        letter = t.Letter(p, t._lang(tag, p))
        out = folder / f"{tag}-{p.parent.name}-{p.stem}.docx"
        t.build_docx(letter, out, "empty", header_split=0.4, header_size=12)
        pairs.append((out.with_suffix(".pdf"), t.letter_text(letter)))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
                   + [str(p.with_suffix(".docx")) for p, _ in pairs], check=True, capture_output=True)
    return pairs


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pairs = build(Path(tmp))
        print(f"{len(pairs)} letters")
        print(f"{'extractor':42} word order  breaks found  false breaks  ms/file")
        for name, fn in extractors().items():
            order, found, false, ms = [], [], [], []
            for pdf, ref in pairs:
                t0 = time.perf_counter()
                text = fn(str(pdf))
                ms.append(1000 * (time.perf_counter() - t0))
                sm = difflib.SequenceMatcher(None, words(ref), words(text), autojunk=False)
                order.append(sm.ratio())
                to_ref = {}
                for a, b, n in sm.get_matching_blocks():
                    for k in range(n + 1):
                        to_ref[b + k] = a + k
                mine = {to_ref[x] for x in breaks(text) if x in to_ref}
                want = breaks(ref)
                found.append(len(want & mine) / max(1, len(want)))
                false.append(len(mine - want) / max(1, len(mine)))
            print(f"{name:42} {statistics.mean(order):.3f}       {statistics.mean(found):.3f}         "
                  f"{statistics.mean(false):.3f}         {statistics.mean(ms):.0f}")


if __name__ == "__main__":
    main()
