// Podium's pages, enhanced: everything here is optional; with JavaScript off the forms and
// links still work. Live updates come over server-sent events from /live; a browser without
// EventSource polls the API instead.
(function () {
  "use strict";
  const body = document.body;
  const contest = body.dataset.contest;
  const verdictKinds = JSON.parse(body.dataset.verdictKinds || "{}");  // judge/verdicts.py

  function pad(n) { return String(n).padStart(2, "0"); }

  // --- the contest clock, counted down locally from the server's figure ---------------
  function startClock() {
    const clock = document.getElementById("clock");
    if (!clock || clock.dataset.countdown === "" || clock.dataset.paused === "1") return;
    const shown = clock.querySelector(".clock-time");
    const state = clock.dataset.state;
    if (!["not started", "started", "frozen"].includes(state)) return;
    const end = Date.now() + parseFloat(clock.dataset.countdown) * 1000;
    function tick() {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      shown.textContent = Math.floor(left / 3600) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
      if (left === 0) { setTimeout(() => location.reload(), 1500); return; }
      setTimeout(tick, 1000 - (Date.now() % 1000));
    }
    tick();
  }

  // --- math in statements --------------------------------------------------------------
  function renderMath() {
    if (!window.katex) return;
    document.querySelectorAll(".statement-body .math").forEach((el) => {
      try {
        window.katex.render(el.textContent, el, {
          displayMode: el.classList.contains("display"), throwOnError: false });
      } catch (e) { /* leave the TeX as text */ }
    });
  }

  // --- copy buttons on samples ----------------------------------------------------------
  function copyButtons() {
    document.querySelectorAll("button.copy").forEach((button) => {
      button.addEventListener("click", async () => {
        const text = document.getElementById(button.dataset.copy).textContent;
        try { await navigator.clipboard.writeText(text); }
        catch (e) {
          const area = document.createElement("textarea");
          area.value = text; document.body.appendChild(area); area.select();
          document.execCommand("copy"); area.remove();
        }
        button.textContent = "Copied";
        setTimeout(() => { button.textContent = "Copy"; }, 1200);
      });
    });
  }

  // --- the editor: CodeMirror, the language picker, and the user's last code kept --------
  // Code is kept per user, problem and language; a function problem offers only the
  // languages it takes (the server's list) and starts from the language's stub.
  function editor() {
    const area = document.getElementById("code");
    if (!area || !window.PodiumEditor) return;
    const language = document.getElementById("language");
    const problem = document.getElementById("problem");
    const user = "podium:" + contest + ":" + area.dataset.user;
    const key = () => user + ":" + problem.value + ":" + language.value;
    const json = (id) => JSON.parse((document.getElementById(id) || {}).textContent || "{}");
    const stubs = json("stubs"), offered = json("offered");
    const stub = () => (stubs[problem.value] || {})[language.value];
    const refused = area.value !== "";  // the server gave back a refused submission's code
    function offer() {  // hide what the problem does not take; pick one it does
      const takes = offered[problem.value];
      for (const option of language.options) {
        option.hidden = option.disabled = Boolean(takes) && !takes.includes(option.value);
      }
      if (language.selectedOptions[0] && language.selectedOptions[0].disabled) language.value = takes[0];
    }
    const lastLanguage = localStorage.getItem(user + ":language");
    if (!refused && lastLanguage && [...language.options].some((o) => o.value === lastLanguage)) language.value = lastLanguage;
    offer();
    if (!refused) area.value = localStorage.getItem(key()) || stub() || "";
    const handle = window.PodiumEditor.attach(area, language.value);
    area.addEventListener("input", () => localStorage.setItem(key(), area.value));
    function shown() {  // the code kept for this problem and language, else its stub
      const saved = localStorage.getItem(key());
      if (saved) handle.setValue(saved);
      else if (stub() !== undefined) handle.setValue(stub());
      return Boolean(saved) || stub() !== undefined;
    }
    language.addEventListener("change", () => {
      localStorage.setItem(user + ":language", language.value);
      handle.setLanguage(language.value);
      shown();  // nothing kept and no stub: the code written so far stays, now in this language
    });
    problem.addEventListener("change", () => {
      offer();
      handle.setLanguage(language.value);
      if (!shown()) handle.setValue("");
    });
    const file = document.getElementById("file");
    file.addEventListener("change", () => {
      const chosen = file.files[0];
      if (!chosen) return;
      const dot = chosen.name.lastIndexOf(".");
      const ext = dot >= 0 ? chosen.name.slice(dot + 1) : "";
      const match = [...language.options].find((o) => o.dataset.extensions.split(" ").includes(ext));
      if (match) { language.value = match.value; handle.setLanguage(match.value); }
    });
    document.getElementById("submit-form").addEventListener("submit", (event) => {
      if (!file.files.length && !area.value.trim()) {
        event.preventDefault();
        popup("Write or paste your code, or choose a file, before submitting.");
      }
    });
  }

  // --- pop-ups (announcements, answers) ----------------------------------------------------
  function popup(text) {
    const box = document.createElement("div");
    box.className = "popup"; box.setAttribute("role", "alert");
    const close = document.createElement("button");
    close.type = "button"; close.textContent = "OK";
    close.addEventListener("click", () => box.remove());
    const message = document.createElement("div");
    message.textContent = text;
    box.append(close, message);
    document.getElementById("popups").appendChild(box);
  }

  // --- live updates ----------------------------------------------------------------------
  // A verdict as it arrives; a compile error links to the compiler's output, which the
  // submission's own page shows at once (the message carries it only to whom it belongs).
  function showVerdict(submissionId, verdict, compileOutput) {
    const block = document.getElementById("compile-output");
    const here = block && document.querySelector('dd.verdict-cell[data-submission="' + submissionId + '"]');
    if (here && compileOutput) {
      block.querySelector("pre").textContent = compileOutput;
      block.hidden = false;
    }
    document.querySelectorAll('[data-submission="' + submissionId + '"]').forEach((row) => {
      const cell = row.classList.contains("verdict-cell") ? row : row.querySelector(".verdict-cell");
      if (!cell) return;
      cell.innerHTML = "";
      const badge = document.createElement("span");
      badge.className = "verdict " + (verdict || "pending") + " " + (verdictKinds[verdict] || "");
      badge.textContent = verdict || "pending";
      if (verdict === "CE") {
        const link = document.createElement("a");
        link.href = (here ? "" : "/submissions/" + submissionId) + "#compile-output";
        link.appendChild(badge);
        cell.appendChild(link);
      } else cell.appendChild(badge);
    });
  }

  // A live part of the page (`data-live`: the URL of its HTML alone: the scoreboard's table,
  // the runners' balloon list) fetched again and swapped in. `seq`: the nudge's event; the
  // scoreboard answers once its worker has read it (another worker may have sent the nudge).
  const refreshing = new Set();
  async function refreshPart(part, seq) {
    if (refreshing.has(part)) return;
    refreshing.add(part);
    try {
      const url = part.dataset.live;
      const asked = seq ? url + (url.includes("?") ? "&" : "?") + "seq=" + seq : url;
      const response = await fetch(asked, { credentials: "same-origin" });
      if (response.ok) {
        const html = await response.text();
        if (html !== part.innerHTML) part.innerHTML = html;
      }
    } catch (e) { /* the server restarts: the next nudge or poll tries again */ }
    finally { refreshing.delete(part); }
  }
  function refreshLive(seq) {
    document.querySelectorAll("[data-live]").forEach((part) => refreshPart(part, seq));
  }

  // The public (no account) polls every 5 s, the browser sending the ETag it has (a 304
  // mostly): at a large contest's crowd a held stream each costs more than it gives
  // (docs/architecture.md, "The web tier on every core"). Accounts get their verdicts live.
  function listen() {
    if (!window.EventSource || !body.dataset.user) { poll(); return; }
    const source = new EventSource("/live?since=" + (body.dataset.seq || ""));
    source.addEventListener("judgement", (e) => {
      const data = JSON.parse(e.data);
      showVerdict(data.submission_id, data.verdict, data.compile_output);
    });
    source.addEventListener("scoreboard", (e) => refreshLive(e.lastEventId));
    source.addEventListener("balloons", () => refreshLive());  // a runner's mark
    // Refused (too many streams open: 429 or 503): the browser gives up; poll instead.
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) poll();
    });
    source.addEventListener("clarification", (e) => {
      const data = JSON.parse(e.data);
      if (data.from_team_id && data.from_team_id === body.dataset.team) return;  // own question
      popup("Clarification: " + data.text);
      const list = document.getElementById("clarifications");
      if (list) setTimeout(() => location.reload(), 4000);
    });
  }

  // Without EventSource: ask the API for each pending verdict every few seconds.
  function poll() {
    const pending = () => [...document.querySelectorAll(".verdict.pending")]
      .map((el) => el.closest("[data-submission]")).filter(Boolean).map((el) => el.dataset.submission);
    setInterval(async () => {
      for (const id of pending()) {
        const response = await fetch("/api/contests/" + contest + "/judgements?submission_id=" + id,
                                     { credentials: "same-origin" });
        if (!response.ok) continue;
        const current = (await response.json()).filter((j) => j.current);
        if (current.length) showVerdict(id, current[0].judgement_type_id);
      }
      refreshLive();
    }, body.dataset.user ? 3000 : 5000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    startClock(); renderMath(); copyButtons(); editor(); listen();
  });
})();
