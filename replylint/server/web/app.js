// The page for clerks: send a draft (text or file) to /v1/annotate, show the letter with every
// finding highlighted and the list of findings; a finding and its highlight link to each other.
(function () {
  "use strict";
  const T = window.REPLYLINT_I18N;
  const $ = (id) => document.getElementById(id);
  const LONG = 200;     // a finding longer than this (a whole block) is marked on its first line
  let ui = pickLanguage();
  let chosenFile = null;
  let last = null;      // the last answer, re-drawn when the interface language changes

  function pickLanguage() {
    try {
      const saved = localStorage.getItem("replylint.ui");
      if (saved && T[saved]) return saved;
    } catch (e) { /* storage may be off */ }
    for (const tag of navigator.languages || [navigator.language || "en"]) {
      const code = String(tag).slice(0, 2).toLowerCase();
      if (T[code]) return code;
    }
    return "en";
  }

  function t(key, ...args) {
    const v = key in T[ui] ? T[ui][key] : T.en[key];
    return typeof v === "function" ? v(...args) : v;
  }

  function applyInterface() {
    document.documentElement.lang = ui;
    $("ui-lang").value = ui;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.title = "replylint — " + t("title");
    if (chosenFile) $("file-name").textContent = t("fileChosen", chosenFile.name);
    if (last) render(last);
  }

  function setStatus(text, isError) {
    const s = $("status");
    s.textContent = text || "";
    s.classList.toggle("is-error", !!isError);
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // ---- sending -------------------------------------------------------------------------

  async function check(event) {
    if (event) event.preventDefault();
    const text = $("draft").value;
    if (!chosenFile && !text.trim()) { setStatus(t("nothing"), true); return; }
    const lang = $("doc-lang").value;
    const headers = {};
    const token = $("token").value.trim();
    if (token) headers.Authorization = "Bearer " + token;
    let body;
    if (chosenFile) {
      body = new FormData();
      body.append("file", chosenFile, chosenFile.name);
      body.append("lang", lang);
    } else {
      body = JSON.stringify({ text: text, lang: lang });
      headers["Content-Type"] = "application/json";
    }
    setStatus(t("checking"));
    $("check-btn").disabled = true;
    try {
      const response = await fetch("/v1/annotate", { method: "POST", headers: headers, body: body });
      let answer = null;
      try { answer = await response.json(); } catch (e) { answer = null; }
      if (response.status === 401) {
        $("token-row").hidden = false;
        $("token").focus();
        setStatus(t("needToken"), true);
      } else if (response.status === 422 && answer && answer.report) {
        last = null;
        $("results").hidden = true;
        setStatus(t("unreadable") + ": " + answer.report.files[0].error, true);
      } else if (!response.ok || !answer || !answer.report) {
        setStatus(t("failed") + ": " + ((answer && answer.error) || response.status), true);
      } else {
        last = answer;
        render(answer);
      }
    } catch (e) {
      setStatus(t("failed") + ": " + e.message, true);
    } finally {
      $("check-btn").disabled = false;
    }
  }

  function chooseFile(file) {
    chosenFile = file || null;
    $("file-name").textContent = chosenFile ? t("fileChosen", chosenFile.name) : "";
    if (chosenFile) check();
  }

  // ---- drawing the answer --------------------------------------------------------------

  function render(answer) {
    const file = answer.report.files[0];
    const diags = file.diagnostics;
    const letterLang = file.lang === "ru" || file.lang === "vi" ? file.lang : null;
    drawLetter(answer.text || "", diags, letterLang);
    drawFindings(diags, answer.rules || {}, letterLang, file.notes || []);
    $("summary").textContent = diags.length ? t("count", diags.length) : t("clean");
    setStatus(diags.length ? t("count", diags.length) : t("clean"));
    $("results").hidden = false;
  }

  // Offsets in the report count code points; JavaScript strings count UTF-16 units.
  function drawLetter(text, diags, letterLang) {
    const box = $("letter-text");
    box.replaceChildren();
    if (letterLang) box.setAttribute("lang", letterLang); else box.removeAttribute("lang");
    const chars = Array.from(text);
    const n = chars.length;
    const spans = [];
    diags.forEach((d, i) => {
      let s = Math.max(0, Math.min(d.start, n));
      let e = Math.max(s, Math.min(d.end, n));
      if (e === s) { if (n === 0) return; if (s === n) s -= 1; e = s + 1; }
      if (e - s > LONG) {
        const nl = chars.indexOf("\n", s + 1);
        e = Math.min(s + LONG, nl > s ? nl : e);
      }
      spans.push([s, e, i]);
    });
    const cuts = new Set([0, n]);
    spans.forEach(([s, e]) => { cuts.add(s); cuts.add(e); });
    const points = Array.from(cuts).sort((a, b) => a - b);
    const anchored = new Set();
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k], b = points[k + 1];
      const chunk = chars.slice(a, b).join("");
      const cover = spans.filter(([s, e]) => s <= a && b <= e).map(([, , i]) => i);
      if (!cover.length) { box.append(chunk); continue; }
      const worst = cover.map((i) => diags[i].severity)
        .sort((x, y) => rank(y) - rank(x))[0];
      const first = cover.find((i) => !anchored.has(i));
      const mark = el("mark", {
        class: "hl sev-" + worst, tabindex: "-1",
        id: first !== undefined ? "hl-" + first : null,
        dataset: { findings: cover.join(" ") },
        title: cover.map((i) => diags[i].message).join("\n"),
      }, chunk);
      cover.forEach((i) => anchored.add(i));
      box.append(mark);
    }
  }

  function rank(sev) { return { suggestion: 0, warning: 1, error: 2 }[sev] || 1; }

  function drawFindings(diags, rules, letterLang, notes) {
    const list = $("finding-list");
    list.replaceChildren();
    diags.forEach((d, i) => {
      const info = rules[d.rule] || {};
      const where = `${d.paragraph !== undefined ? "¶" : ""}${d.line}:${d.column}`;
      const item = el("li", { id: "finding-" + i, class: "finding sev-" + d.severity, lang: letterLang },
        el("button", { type: "button", class: "go", "aria-controls": "hl-" + i, dataset: { finding: i } },
          el("span", { class: "badge", lang: ui }, t(d.severity)), " ",
          el("span", { class: "msg" }, d.message)),
        d.suggestion === null || d.suggestion === undefined ? null :
          el("p", { class: "sugg" }, el("span", { class: "label", lang: ui }, t("suggestionLabel") + ": "),
            d.suggestion === "" ? el("em", { lang: ui }, t("deleteIt")) : el("q", {}, d.suggestion)),
        info.quote ? el("blockquote", { class: "quote" }, info.quote) : null,
        el("p", { class: "source" }, el("span", { class: "label", lang: ui }, t("sourceLabel") + ": "),
          el("cite", {}, d.source || info.source || "")),
        el("p", { class: "meta", lang: "en" }, el("code", {}, d.rule), " · ", where));
      list.append(item);
    });
    const old = document.getElementById("notes");
    if (old) old.remove();
    if (notes.length) {
      $("findings").append(el("div", { id: "notes", class: "notes" },
        el("h3", { lang: ui }, t("notes")),
        el("ul", {}, ...notes.map((n) => el("li", { lang: "en" }, n)))));
    }
  }

  // ---- finding ⇄ highlight -------------------------------------------------------------

  function activate(i) {
    document.querySelectorAll(".active").forEach((n) => n.classList.remove("active"));
    const item = $("finding-" + i);
    if (item) item.classList.add("active");
    const marks = Array.from(document.querySelectorAll("mark.hl"))
      .filter((m) => m.dataset.findings.split(" ").includes(String(i)));
    marks.forEach((m) => m.classList.add("active"));
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center" });
      marks[0].focus({ preventScroll: true });
    }
  }

  function back(mark) {
    const i = mark.dataset.findings.split(" ")[0];
    const item = $("finding-" + i);
    if (!item) return;
    item.scrollIntoView({ block: "center" });
    item.querySelector("button.go").focus({ preventScroll: true });
  }

  // ---- wiring --------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    applyInterface();
    $("ui-lang").addEventListener("change", (e) => {
      ui = e.target.value;
      try { localStorage.setItem("replylint.ui", ui); } catch (err) { /* ignore */ }
      applyInterface();
    });
    $("check-form").addEventListener("submit", check);
    $("file").addEventListener("change", (e) => chooseFile(e.target.files[0]));
    $("draft").addEventListener("input", () => {
      if (chosenFile) { chosenFile = null; $("file").value = ""; $("file-name").textContent = ""; }
    });
    const drop = $("drop");
    ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (e) => {
      e.preventDefault(); drop.classList.add("dragging");
    }));
    ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("dragging")));
    // a file dropped anywhere is checked, never opened by the browser in place of the page
    document.addEventListener("dragover", (e) => e.preventDefault());
    document.addEventListener("drop", (e) => {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) chooseFile(e.dataTransfer.files[0]);
    });
    $("finding-list").addEventListener("click", (e) => {
      const button = e.target.closest("button.go");
      if (button) activate(button.dataset.finding);
    });
    const letter = $("letter-text");
    letter.addEventListener("click", (e) => {
      const mark = e.target.closest("mark.hl");
      if (mark) back(mark);
    });
    letter.addEventListener("keydown", (e) => {
      const mark = e.target.closest && e.target.closest("mark.hl");
      if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); back(mark); }
    });
  });
})();
