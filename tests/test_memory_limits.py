"""Class 2 of issue 14: memory stays bounded on hostile input.

Peak memory is measured in a subprocess (``ru_maxrss`` of a fresh interpreter), never by
wall-clock: each input here took hundreds of MB to GBs before its fix.
"""
import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from replylint.document import ReadError
from replylint.readers import read, sniff
from replylint.readers.package import Package

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


_PEAK = """
import re
def _peak():
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
try:
    # the peak is inherited from the forking test process (Linux keeps it across exec): reset it
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
"""


def peak_mb(code: str) -> tuple[float, str]:
    """(peak RSS in MB, stdout) of ``code`` run in a fresh interpreter."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc")
    wrapper = _PEAK + code + "\nprint('PEAK', _peak())\n"
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    peak = int(out.stdout.rsplit("PEAK", 1)[1]) / 1024
    return peak, out.stdout


def lying_zip(src: Path, member: str, inflated_mb: int, declared: int = 4096) -> bytes:
    """``src`` with ``member`` replaced by ``inflated_mb`` MB of spaces whose local and central
    headers declare ``declared`` bytes."""
    entries = []
    with zipfile.ZipFile(src) as z:
        for info in z.infolist():
            if info.filename != member:
                data = z.read(info.filename)
                c = zlib.compressobj(9, zlib.DEFLATED, -15)
                entries.append((info.filename, c.compress(data) + c.flush(), zlib.crc32(data), len(data)))
        head = z.read(member)[:100]
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [c.compress(head)] + [c.compress(b" " * (1 << 20)) for _ in range(inflated_mb)] + [c.flush()]
    entries.append((member, b"".join(parts), zlib.crc32(head), declared))
    body, cd = bytearray(), bytearray()
    for name, comp, crc, size in entries:
        n = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), size, len(n), 0) + n + comp
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(comp), size,
                          len(n), 0, 0, 0, 0, 0, offset) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), len(body), 0)
    return bytes(body + cd + end)


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory):
    p = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    p.write_bytes(lying_zip(next(EXAMPLES.glob("docx/*.docx")), "word/document.xml", 400))
    return p


@pytest.fixture(scope="module")
def odt_bomb(tmp_path_factory):
    p = tmp_path_factory.mktemp("bomb") / "bomb.odt"
    p.write_bytes(lying_zip(next(EXAMPLES.glob("odt/*.odt")), "content.xml", 400))
    return p


def test_a_docx_whose_headers_lie_is_refused_while_inflating(docx_bomb):
    with pytest.raises(ReadError, match=r"word/document\.xml inflates to more than its header says"):
        read(str(docx_bomb))


def test_the_docx_bomb_costs_no_memory(docx_bomb):
    peak, out = peak_mb(f"""
from replylint.readers import read
from replylint.document import ReadError
try:
    read({str(docx_bomb)!r})
except ReadError as e:
    print("ERR", e)
""")
    assert "zip bomb" in out
    assert peak < 150, f"{peak:.0f} MB"      # python-docx inflated 400 MB before the fix


def test_an_odt_whose_headers_lie_is_refused(odt_bomb):
    with pytest.raises(ReadError, match=r"content\.xml inflates to more than its header says"):
        read(str(odt_bomb))


def test_sniffing_a_lying_content_types_costs_nothing(tmp_path):
    """The format sniffer reads [Content_Types].xml of any zip: through the bounded reader."""
    p = tmp_path / "x.docx"
    p.write_bytes(lying_zip(next(EXAMPLES.glob("docx/*.docx")), "[Content_Types].xml", 300, declared=2000))
    peak, out = peak_mb(f"""
from replylint.readers import sniff
print("KIND", sniff(open({str(p)!r}, 'rb').read()))
""")
    assert "KIND" in out and peak < 150, f"{peak:.0f} MB"


def test_a_member_shorter_than_its_header_or_with_a_bad_crc_is_corrupt():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("content.xml", b"<a>" + b"x" * 5000 + b"</a>")
    data = bytearray(b.getvalue())
    i = data.index(b"PK\x01\x02")                      # central header: CRC at +16
    data[i + 16:i + 20] = b"\0\0\0\0"
    pkg = Package(bytes(data), ".odt", SimpleNamespace(max_bytes=1 << 20))
    with pytest.raises(ReadError, match="bad CRC"):
        pkg.read("content.xml")


def test_an_honest_package_still_reads():
    doc = read(str(next(EXAMPLES.glob("docx/*.docx"))))
    assert doc.format == "docx" and doc.text.strip()
    assert sniff(next(EXAMPLES.glob("odt/*.odt")).read_bytes()) == "odt"


def test_a_subject_of_100000_encoded_words_is_cut_not_decoded(tmp_path):
    words = " ".join("=?utf-8?b?0J/RgNC40LLQtdGC?=" for _ in range(100_000))
    p = tmp_path / "s.eml"
    p.write_text(f"From: a@b.ru\nTo: c@d.ru\nSubject: {words}\n"
                 "Content-Type: text/plain; charset=utf-8\n\nДобрый день.\n")
    peak, out = peak_mb(f"""
from replylint.readers import read
d = read({str(p)!r})
print("SUBJ", len(d.metadata["subject"]), d.metadata["subject"][:6])
print("NOTE", d.metadata["notes"][0])
""")
    assert "SUBJ" in out and "Привет" in out
    assert "only its first 16,384 were read" in out
    assert peak < 200, f"{peak:.0f} MB"     # 14 GB and a minute before the fix


def test_an_address_header_of_many_encoded_words_is_cut_too(tmp_path):
    many = ", ".join(f"=?utf-8?b?0JjQstCw0L0=?= <u{i}@mos.ru>" for i in range(20_000))
    p = tmp_path / "to.eml"
    p.write_text(f"From: a@b.ru\nTo: {many}\nSubject: x\n\nДобрый день.\n")
    doc = read(str(p))
    assert 0 < len(doc.metadata["to_addresses"]) < 20_000


def test_a_message_format_bomb_is_not_expanded():
    from replylint.messages import render
    assert render("{match:>900000000}", {"match": "ok"}) == "ok"
    assert render("{match:>5}|{match.__class__}|{0}|{{x}}", {"match": "ok"}) == "   ok|{match.__class__}|{0}|{x}"


def test_a_long_stdin_read_as_a_named_file_stops_at_the_limit(tmp_path):
    cfg = tmp_path / ".replylint.yaml"
    cfg.write_text("max_file_size: 1MB\n")
    proc = subprocess.Popen([sys.executable, "-m", "replylint", "check", "--config", str(cfg),
                             "--stdin-filename", "x.txt", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        for _ in range(64):
            proc.stdin.write(b"a" * (1 << 20))
    except BrokenPipeError:
        pass
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert b"x.txt: input too large" in err


def test_aliased_long_strings_are_an_alias_bomb(tmp_path):
    from replylint import yamlio
    big = "x" * 1_000_000
    p = tmp_path / "r.yaml"
    p.write_text(f"a: &s {big}\nb: [" + ", ".join(["*s"] * 100) + "]\n")
    with pytest.raises(yamlio.YAMLFileError, match="alias bomb"):
        yamlio.read_yaml(p)


def test_json_report_stays_small_for_a_bomb_message(tmp_path):
    """A finding's message is rendered bounded, so the report is too."""
    from replylint.diagnostic import Diagnostic
    from replylint.linter import document_from_text, finish
    from replylint.packs import load_rules
    rule = next(r for r in load_rules(["common"]))
    doc = document_from_text("Текст письма.", lang="ru")
    d = Diagnostic(rule=rule.id, start=0, end=5, match="Текст", message="{match:>900000000}")
    assert len(json.dumps(finish(d, rule, doc, None).message)) < 100
