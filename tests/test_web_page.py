"""The page for clerks in a real headless Chromium (Debian's chromium + chromedriver, selenium)
against a real `replylint serve`: upload a .docx, see the findings, click one, check its highlight;
the interface language; no network beyond the server; Vietnamese diacritics drawn by the font the
package ships."""
from __future__ import annotations

import io
import os
import shutil
import tempfile

import httpx
import pytest

from serving import REPO, Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--window-size=1400,1000"]
VI_TEXT = ("Kính gửi: Bà Nguyễn Thị Hoa\n\nỦy ban nhân dân phường đã nhận được đơn của bà nhé 👍, "
           "hồ sơ ko hợp lệ, đề nghị bà bổ sung giấy tờ.\n\nTrân trọng./.\n")


def _need_browser():
    if os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER):
        return
    if os.environ.get("CI"):
        pytest.fail("CI must have Debian's chromium and chromium-driver (installed by .ci/run)")
    pytest.skip("headless Chromium is not installed: apt-get install chromium chromium-driver")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    with Server("--workers", "1", cwd=tmp_path_factory.mktemp("web")) as s:
        yield s


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    drivers = []

    def make(accept_language: str = "en"):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='replylint-chromium-')}",
                             f"--lang={accept_language}"]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": accept_language})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(60)
        drivers.append(driver)
        return driver
    yield make
    for d in drivers:
        d.quit()


def _wait(driver, condition, timeout=60):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(condition)


def _findings(driver):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, "#finding-list > li")


def test_docx_upload_shows_findings_and_links_them_to_their_highlights(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    docx = REPO / "examples" / "docx" / "ru-bad.docx"
    expected = httpx.post(server.url + "/v1/check",
                          files={"file": ("ru-bad.docx", docx.read_bytes())}).json()
    diags = expected["files"][0]["diagnostics"]
    d = browser("ru-RU")
    d.get(server.url + "/")
    assert d.find_element(By.TAG_NAME, "h1").text == "Проверка ответа перед отправкой"
    d.find_element(By.ID, "file").send_keys(str(docx))
    _wait(d, lambda d: len(_findings(d)) == len(diags))
    items = _findings(d)
    assert [i.find_element(By.CSS_SELECTOR, ".msg").text for i in items] == [x["message"] for x in diags]
    assert all(i.get_attribute("lang") == "ru" for i in items)
    assert "ошибка" in items[0].text.lower() or "предупреждение" in items[0].text.lower()

    i = next(k for k, x in enumerate(diags) if x["rule"] == "ru.third-person-address")
    items[i].find_element(By.CSS_SELECTOR, "button.go").click()
    mark = d.switch_to.active_element
    assert mark.tag_name == "mark" and str(i) in mark.get_attribute("data-findings").split()
    assert mark.text == diags[i]["match"]
    assert "active" in mark.get_attribute("class")
    assert "active" in items[i].get_attribute("class")
    in_view = d.execute_script("const r = arguments[0].getBoundingClientRect();"
                               "return r.top >= 0 && r.bottom <= window.innerHeight;", mark)
    assert in_view
    # and back: Enter on the highlight returns to its finding
    mark.send_keys(Keys.ENTER)
    back = d.switch_to.active_element
    assert back.tag_name == "button" and back.get_attribute("data-finding") == str(i)
    # a click on another highlight goes to that finding
    j = next(k for k, x in enumerate(diags) if x["rule"] == "ru.colloquial")
    d.find_element(By.ID, f"hl-{j}").click()
    assert d.switch_to.active_element.get_attribute("data-finding") == str(j)


def test_interface_language_follows_the_browser_and_can_be_switched(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    d = browser("vi-VN")
    d.get(server.url + "/")
    assert d.find_element(By.TAG_NAME, "h1").text == "Kiểm tra văn bản trả lời trước khi gửi"
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    Select(d.find_element(By.ID, "ui-lang")).select_by_value("en")
    assert d.find_element(By.TAG_NAME, "h1").text == "Check a reply before sending it"
    d.refresh()
    assert d.find_element(By.ID, "check-btn").text == "Check"      # the choice is remembered


def test_pasted_vietnamese_draft_and_no_request_leaves_the_server(server, browser):
    from selenium.webdriver.common.by import By
    d = browser("en-US")
    d.get(server.url + "/")
    d.find_element(By.ID, "draft").send_keys(VI_TEXT)
    d.find_element(By.ID, "check-btn").click()
    _wait(d, lambda d: len(_findings(d)) > 0)
    rules = [i.find_element(By.CSS_SELECTOR, ".meta code").text for i in _findings(d)]
    assert {"common.emoji", "vi.teencode"} <= set(rules)
    teencode = _findings(d)[rules.index("vi.teencode")]
    assert teencode.get_attribute("lang") == "vi" and "«ko»" in teencode.text
    assert "không" in teencode.find_element(By.CSS_SELECTOR, ".sugg").text
    resources = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(r.startswith(server.url + "/") for r in resources)
    assert "default-src 'none'" in httpx.get(server.url + "/").headers["content-security-policy"]


def test_a_dropped_file_is_checked(server, browser):
    d = browser("en-US")
    d.get(server.url + "/")
    d.execute_script("""
      const file = new File([arguments[0]], 'reply.txt', {type: 'text/plain'});
      const data = new DataTransfer(); data.items.add(file);
      const zone = document.getElementById('drop');
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true}));
    """, VI_TEXT)
    _wait(d, lambda d: len(_findings(d)) > 0)
    assert "reply.txt" in d.find_element("id", "file-name").text
    assert "vi.teencode" in d.find_element("id", "finding-list").text


def test_reading_order_and_labels_for_screen_readers(server, browser):
    d = browser("ru-RU")
    d.get(server.url + "/")
    order = d.execute_script("""
      const at = (sel) => Array.from(document.querySelectorAll('*')).indexOf(document.querySelector(sel));
      return [at('h1'), at('#check-form'), at('#status'), at('#findings'), at('#letter-text')];""")
    assert order == sorted(order)          # title, form, status, findings, then the letter
    unlabelled = d.execute_script("""
      return Array.from(document.querySelectorAll('input, select, textarea'))
        .filter(el => !document.querySelector('label[for="' + el.id + '"]')).map(el => el.id);""")
    assert unlabelled == []
    assert d.find_element("id", "status").get_attribute("aria-live") == "polite"
    assert d.find_element("css selector", "a.skip").get_attribute("href").endswith("#findings")


def _ink_box(png: bytes):
    """(top, bottom, dark pixel count) of the dark pixels of an element's screenshot."""
    from PIL import Image
    img = Image.open(io.BytesIO(png)).convert("L")
    w, h = img.size
    px = img.load()
    rows = [y for y in range(h) if any(px[x, y] < 128 for x in range(w))]
    count = sum(1 for y in range(h) for x in range(w) if px[x, y] < 128)
    return (rows[0], rows[-1], count) if rows else (None, None, 0)


def test_vietnamese_diacritics_render_with_the_shipped_font(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    d = browser("vi-VN")
    d.get(server.url + "/")
    d.find_element(By.ID, "draft").send_keys(VI_TEXT.replace(" 👍", ""))   # no emoji font needed
    d.find_element(By.ID, "check-btn").click()
    _wait(d, lambda d: len(_findings(d)) > 0)
    # every glyph of the letter comes from the page's own font, none from a fallback
    d.execute_cdp_cmd("DOM.enable", {})
    d.execute_cdp_cmd("CSS.enable", {})
    root = d.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = d.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": "#letter-text"})
    fonts = d.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert fonts and all(f["isCustomFont"] and f["familyName"] == "DejaVu Sans" for f in fonts), fonts
    # and the marks are drawn: a letter with its diacritics has ink above and below the bare one
    d.execute_script("""
      const box = document.createElement('div');
      box.style.cssText = 'position:fixed;left:0;top:0;z-index:9;background:#fff;color:#000;' +
                          'font:72px/1.8 "Replylint Sans";padding:0 10px';
      for (const [id, ch] of [['e','e'],['ee','ệ'],['u','u'],['uu','ữ'],['a','a'],['aa','ặ']]) {
        const s = document.createElement('span'); s.id = 'glyph-' + id; s.textContent = ch;
        s.style.padding = '0 6px'; box.append(s);
      }
      document.body.append(box);""")
    d.save_screenshot(str(tmp_path / "vietnamese.png"))
    box = {k: _ink_box(d.find_element(By.ID, f"glyph-{k}").screenshot_as_png)
           for k in ("e", "ee", "u", "uu", "a", "aa")}
    for bare, marked in (("e", "ee"), ("u", "uu"), ("a", "aa")):
        assert box[marked][0] < box[bare][0] - 5, (bare, box)     # a mark above
        assert box[marked][2] > box[bare][2] * 1.15, (bare, box)    # more ink
    assert box["ee"][1] > box["e"][1] + 3 and box["aa"][1] > box["a"][1] + 3   # the dot below


def test_a_server_with_a_token_asks_for_it(tmp_path, browser):
    from selenium.webdriver.common.by import By
    _need_browser()
    (tmp_path / "token").write_text("page-token\n", encoding="utf-8")
    with Server("--token-file", "token", cwd=tmp_path) as guarded:
        d = browser("en-US")
        d.get(guarded.url + "/")
        assert not d.find_element(By.ID, "token-row").is_displayed()
        d.find_element(By.ID, "draft").send_keys(VI_TEXT)
        d.find_element(By.ID, "check-btn").click()
        _wait(d, lambda d: d.find_element(By.ID, "token-row").is_displayed())
        assert "needs an access token" in d.find_element(By.ID, "status").text
        assert d.switch_to.active_element.get_attribute("id") == "token"
        d.find_element(By.ID, "token").send_keys("page-token")
        d.find_element(By.ID, "check-btn").click()
        _wait(d, lambda d: len(_findings(d)) > 0)
