#!/usr/bin/env python3
"""Calibrate the page estimator (replylint/pages.py) against LibreOffice renders.

    python scripts/calibrate_pages.py widths [FONT.ttf]   measure Times New Roman advance widths
                                                          and line height from a metric-compatible
                                                          font (Liberation Serif 2 / Tinos) and
                                                          write them into replylint/pages.py
    python scripts/calibrate_pages.py run [--n 16] [--keep DIR]
                                                          generate letters, render each to PDF with
                                                          LibreOffice headless, compare pages

`run` generates N .docx letters (Russian and Vietnamese, 0.5–4 pages: margins, font sizes 12–14,
line spacing, paragraph spacing, first-line indents, tables vary) with python-docx, converts them
with ``soffice --headless --convert-to pdf``, and measures the fractional page count of each PDF:
full pages plus the last page's fill, from the bottom of the last text line
(``pdftotext -bbox-layout``) within the text area. It prints one line per letter and the mean and
worst absolute error of ``replylint.pages.estimate`` in pages.

Times New Roman is not free: LibreOffice substitutes Liberation Serif (metric-compatible: the same
advance widths), which must cover Vietnamese, i.e. version 2 (Debian fonts-liberation2). When
soffice or pdftotext are missing the script installs them with apt-get (libreoffice-writer,
fonts-liberation2, poppler-utils). The test suite never needs any of this.
"""
from __future__ import annotations

import argparse
import glob
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
]


# ---------------------------------------------------------------------------------- widths
def charset() -> list[str]:
    chars = [chr(c) for c in range(0x20, 0x7F)]
    chars += [chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)]
    chars += list("ĂăĐđĨĩŨũƠơƯư")
    chars += [chr(c) for c in range(0x1EA0, 0x1EFA)]
    chars += [chr(c) for c in range(0x0410, 0x0450)] + ["Ё", "ё"]
    chars += list("«»–—…№“”„‘’•·§°×‰€±\u00a0")
    return chars


def measure_widths(font_path: str) -> tuple[float, dict[int, str]]:
    from fontTools.ttLib import TTFont
    f = TTFont(font_path)
    upm = f["head"].unitsPerEm
    cmap = f.getBestCmap()
    hmtx = f["hmtx"]
    hhea = f["hhea"]
    line = (hhea.ascent - hhea.descent + hhea.lineGap) / upm
    groups: dict[int, list[str]] = {}
    missing = []
    for c in charset():
        g = cmap.get(ord(c))
        if g is None:
            missing.append(c)
            continue
        w = round(hmtx[g][0] / upm * 1000)
        groups.setdefault(w, []).append(c)
    if missing:
        print(f"note: {len(missing)} characters missing from {font_path}: {''.join(missing)[:60]}",
              file=sys.stderr)
    return round(line, 4), {w: "".join(cs) for w, cs in sorted(groups.items())}


def write_widths(font_path: str) -> None:
    line, groups = measure_widths(font_path)
    body = [f"# measured from {os.path.basename(font_path)}: advance width in 1/1000 em -> characters",
            f"LINE_HEIGHT_EM = {line}",
            "WIDTHS = {"]
    for w, cs in groups.items():
        body.append(f"    {w}: {cs!r},")
    body.append("}")
    path = ROOT / "replylint" / "pages.py"
    src = path.read_text(encoding="utf-8")
    start = src.index("# BEGIN MEASURED")
    start = src.index("\n", start) + 1
    end = src.index("# END MEASURED")
    path.write_text(src[:start] + "\n".join(body) + "\n" + src[end:], encoding="utf-8")
    print(f"wrote {sum(len(c) for c in groups.values())} widths in {len(groups)} groups, "
          f"line height {line} em, into {path}")


# --------------------------------------------------------------------------------- letters
RU_SENTENCES = [
    "Ваше обращение, поступившее в Центр занятости населения, рассмотрено.",
    "По результатам проверки сообщаем, что выплата пособия по безработице произведена в установленный срок.",
    "В соответствии со статьёй 31 Закона Российской Федерации от 19.04.1991 № 1032-1 «О занятости населения в Российской Федерации» размер пособия определяется исходя из среднего заработка.",
    "Для получения консультации Вы можете обратиться в отдел по телефону 8 (8352) 45-12-34 в рабочие дни с 8:00 до 17:00.",
    "Приносим извинения за доставленные неудобства.",
    "Документы, подтверждающие стаж, необходимо представить не позднее 15 декабря 2026 года.",
    "Информация о вакансиях размещена на портале «Работа России», а также на стенде в здании центра.",
    "Сообщаем, что Ваше заявление о назначении социальной выплаты зарегистрировано 12.11.2026 за № 01-05-7892.",
    "Решение может быть обжаловано в порядке, установленном законодательством Российской Федерации.",
    "Одновременно разъясняем, что перерасчёт производится на основании сведений, поступивших из Социального фонда России.",
]
VI_SENTENCES = [
    "Ủy ban nhân dân xã đã nhận được đơn phản ánh của Ông/Bà về việc cấp giấy chứng nhận quyền sử dụng đất.",
    "Sau khi xem xét hồ sơ, Trung tâm Phục vụ hành chính công xã trả lời như sau.",
    "Căn cứ Luật Đất đai năm 2024 và Nghị định số 101/2024/NĐ-CP ngày 29 tháng 7 năm 2024 của Chính phủ, hồ sơ của Ông/Bà cần bổ sung bản sao giấy tờ về quyền sử dụng đất.",
    "Thời hạn giải quyết thủ tục hành chính là 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Mọi thắc mắc xin liên hệ bộ phận một cửa theo số điện thoại 0235 3812 345 trong giờ hành chính.",
    "Ủy ban nhân dân xã thành thật xin lỗi Ông/Bà vì sự chậm trễ trong việc giải quyết hồ sơ.",
    "Kết quả giải quyết sẽ được gửi đến Ông/Bà qua dịch vụ bưu chính công ích hoặc trả trực tiếp tại Trung tâm.",
    "Đề nghị Ông/Bà phối hợp cung cấp đầy đủ thông tin để việc giải quyết được thuận lợi.",
    "Trân trọng cảm ơn sự quan tâm của Ông/Bà đối với công tác cải cách hành chính của địa phương.",
    "Việc niêm yết công khai thủ tục hành chính được thực hiện theo đúng quy định tại trụ sở và trên Cổng thông tin điện tử.",
]


def make_letter(path: str, lang: str, rng: random.Random, target_pages: float) -> dict:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    margins = rng.choice([(20, 20, 30, 15), (25, 20, 35, 20), (20, 20, 20, 10), (15, 15, 25, 15)])
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Mm(m) for m in margins)
    size = rng.choice([12, 13, 14])
    spacing = rng.choice([1.0, 1.0, 1.15, 1.5])
    after = rng.choice([0, 0, 6, 10])
    indent = rng.choice([0, 12.5])
    justify = rng.random() < 0.6
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(size)
    pf = normal.paragraph_format
    pf.line_spacing = spacing
    pf.space_after = Pt(after)
    pf.space_before = Pt(0)
    pool = RU_SENTENCES if lang == "ru" else VI_SENTENCES
    table = rng.random() < 0.5
    if lang == "vi":
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ UAR"
        t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        t.cell(1, 0).text = "Số: 05/UBND-VP\nV/v trả lời đơn phản ánh"
        t.cell(1, 1).text = "Uar, ngày 05 tháng 3 năm 2026"
        d.add_paragraph("Kính gửi: Ông Nguyễn Văn A")
    else:
        d.add_paragraph("Иванову И. И.\nул. Ленина, д. 5, кв. 12\nг. Чебоксары, 428000")
        d.add_paragraph("Уважаемый Иван Иванович!").alignment = WD_ALIGN_PARAGRAPH.CENTER
    # body: paragraphs of 2–5 sentences until the target length (rough: 1 page ≈ 2200 chars at 14pt)
    text_w = 210 - margins[2] - margins[3]
    text_h = 297 - margins[0] - margins[1]
    chars_per_page = (text_w / (size * 0.353 * 0.47)) * (text_h / (size * 0.353 * 1.15 * spacing))
    budget = target_pages * chars_per_page * 0.85
    used = 0
    while used < budget:
        sentences = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
        p = d.add_paragraph(sentences)
        if justify:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Mm(indent)
        used += len(sentences) + 40
        if table and used > budget / 2:
            table = False
            rows = rng.randint(3, 8)
            t = d.add_table(rows=rows, cols=3)
            t.style = "Table Grid"
            for r in range(rows):
                t.cell(r, 0).text = str(r + 1)
                t.cell(r, 1).text = rng.choice(pool)[:rng.randint(20, 90)]
                t.cell(r, 2).text = rng.choice(["12.11.2026", "30 ngày", "15 дней", "—"])
    d.add_paragraph("С уважением," if lang == "ru" else "Trân trọng./.")
    d.add_paragraph("Директор                                          И. И. Петров" if lang == "ru"
                    else "CHỦ TỊCH\nNguyễn Văn B")
    d.save(path)
    return {"lang": lang, "size": size, "spacing": spacing, "after": after, "margins": margins,
            "indent": indent, "justify": justify, "top_mm": margins[0], "bottom_mm": margins[1]}


# ------------------------------------------------------------------------------- rendering
def ensure_tools() -> None:
    missing = [t for t in ("soffice", "pdftotext") if not shutil.which(t)]
    if not missing:
        return
    print(f"installing {', '.join(missing)} with apt-get …", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "libreoffice-writer",
                    "fonts-liberation2", "poppler-utils"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def render(folder: str) -> None:
    files = sorted(glob.glob(os.path.join(folder, "*.docx")))
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", folder, *files],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)


def pdf_pages(pdf: str, top_mm: float, bottom_mm: float) -> float:
    """Full pages plus the last page's fill, measured from the text's bounding boxes."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)
    if not pages:
        return 0.0
    _, height, body = pages[-1]
    ys = [float(y) for y in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"', body)]
    pt = 72 / 25.4
    area = float(height) - (top_mm + bottom_mm) * pt
    fill = (max(ys) - top_mm * pt) / area if ys else 0.0
    return round(len(pages) - 1 + max(0.0, min(1.0, fill)), 3)


def fonts_used(pdf: str) -> set[str]:
    if not shutil.which("pdffonts"):
        return set()
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


def run(n: int, keep: str | None, seed: int) -> int:
    from replylint import pages
    from replylint.readers.docx import read_docx

    ensure_tools()
    folder = keep or tempfile.mkdtemp(prefix="calibrate-")
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(seed)
    targets = [0.5, 1.0, 1.3, 1.7, 2.0, 2.4, 2.8, 3.2, 3.6, 4.0]
    specs = {}
    for i in range(n):
        lang = "ru" if i % 2 == 0 else "vi"
        target = targets[i % len(targets)] if i < len(targets) else rng.uniform(0.5, 4.0)
        path = os.path.join(folder, f"letter{i:02d}-{lang}.docx")
        specs[path] = make_letter(path, lang, rng, target)
    render(folder)
    errors, errors_14 = [], []
    print(f"{'letter':22} {'lang':4} {'pt':>3} {'spc':>4} {'aft':>3} {'rendered':>8} {'estimate':>8} {'error':>6}  fonts")
    for path, spec in specs.items():
        pdf = path[:-5] + ".pdf"
        real = pdf_pages(pdf, spec["top_mm"], spec["bottom_mm"])
        with open(path, "rb") as f:
            doc = read_docx(path, f.read(), None)
        est = pages.estimate(doc)
        err = est - real
        errors.append(abs(err))
        if 1.0 <= real <= 4.0:
            errors_14.append(abs(err))
        print(f"{os.path.basename(path):22} {spec['lang']:4} {spec['size']:>3} {spec['spacing']:>4} "
              f"{spec['after']:>3} {real:8.2f} {est:8.2f} {err:+6.2f}  {','.join(sorted(fonts_used(pdf)))}")
    print(f"\n{len(errors)} letters: mean absolute error {statistics.mean(errors):.3f} pages, "
          f"worst {max(errors):.3f}")
    if errors_14:
        print(f"{len(errors_14)} letters of 1–4 pages: mean {statistics.mean(errors_14):.3f}, "
              f"worst {max(errors_14):.3f} (target ±0.25)")
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd")
    w = sub.add_parser("widths")
    w.add_argument("font", nargs="?")
    r = sub.add_parser("run")
    r.add_argument("--n", type=int, default=16)
    r.add_argument("--keep")
    r.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.cmd == "widths":
        font = args.font or next((p for p in FONT_CANDIDATES if os.path.exists(p)), None)
        if not font:
            ap.error("no Liberation Serif / Tinos font found: apt-get install fonts-liberation2")
        write_widths(font)
        return 0
    return run(getattr(args, "n", 16), getattr(args, "keep", None), getattr(args, "seed", 7))


if __name__ == "__main__":
    sys.exit(main())
