/* Creator Studio H5 player. Classic script, no framework, works from file://.
 * Every string in window.COURSE is document text: it only ever reaches the page through
 * textContent / attribute setters (never as markup) and links are allow-listed. */
(function () {
  "use strict";

  var C = window.COURSE;
  var app = document.getElementById("app");
  if (!C || !app) { return; }

  /* ------------------------------------------------------------------ helpers */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null && text !== "") { e.textContent = String(text); }
    return e;
  }
  function btn(cls, text, onClick, label) {
    var b = el("button", cls, text);
    b.type = "button";
    if (label) { b.setAttribute("aria-label", label); }
    if (onClick) { b.addEventListener("click", onClick); }
    return b;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function has(obj, k) { return obj && Object.prototype.hasOwnProperty.call(obj, k); }
  function mediaSrc(key) {
    if (!key || !has(C.media, key)) { return null; }
    var p = String(C.media[key]);
    return /^media\/[0-9a-f]{32}\.[a-z0-9]{2,5}$/.test(p) ? p : null;
  }
  function safeHref(u) {
    try {
      var p = new URL(String(u));
      return (p.protocol === "http:" || p.protocol === "https:" || p.protocol === "mailto:") ? p.href : null;
    } catch (e) { return null; }
  }
  function clampInt(v, lo, hi) { v = parseInt(v, 10); if (isNaN(v)) { v = lo; } return Math.max(lo, Math.min(hi, v)); }
  function letters(idx) { return idx.map(function (i) { return String.fromCharCode(65 + i); }).join(""); }
  /* SCORM 1.2 choice responses: single characters a–z / 0–9, comma separated ("a,c"). */
  function choiceIds(idx) { return idx.map(function (i) { return i < 26 ? String.fromCharCode(97 + i) : String(i % 10); }).join(","); }
  function normalise(s) {
    s = String(s || "");
    if (s.normalize) { s = s.normalize("NFKC"); }
    return s.replace(/\s+/g, "").toLowerCase();
  }
  function announce(text) {
    var t = document.getElementById("cs-toast");
    if (!t) { return; }
    t.textContent = text;
    t.classList.add("show");
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { t.classList.remove("show"); }, 3200);
  }

  var tracker = window.CSTracking ? window.CSTracking.create(C) : null;
  var passMark = clampInt(C.pass_mark, 0, 100);
  window.CS_H5 = { ready: false, mode: tracker ? tracker.mode : "none" };

  /* ------------------------------------------------------------------ rich text */
  function appendRuns(parent, runs) {
    (runs || []).forEach(function (r) {
      var node;
      var href = r.link ? safeHref(r.link) : null;
      if (href) {
        node = el("a", null, r.text);
        node.href = href;
        node.target = "_blank";
        node.rel = "noopener noreferrer";
      } else {
        node = el("span", null, r.text);
      }
      var cls = [];
      if (r.b) { cls.push("b"); }
      if (r.i) { cls.push("i"); }
      if (r.u) { cls.push("u"); }
      if (r.s) { cls.push("s"); }
      if (cls.length) { node.className = cls.join(" "); }
      parent.appendChild(node);
    });
  }

  function renderTable(b) {
    var wrap = el("div", "table-wrap");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", b.caption || "表格");
    var t = el("table", b.chart ? "chart-table" : null);
    if (b.caption) { t.appendChild(el("caption", null, (b.chart ? "图表：" : "") + b.caption)); }
    var head = clampInt(b.header_rows, 0, 5);
    var thead = null, tbody = el("tbody");
    (b.rows || []).forEach(function (row, ri) {
      var tr = el("tr");
      row.forEach(function (c, ci) {
        var isHead = ri < head || (b.chart && ci === 0);
        var td = el(isHead ? "th" : "td", c.b ? "b" : null, c.text);
        if (isHead) { td.scope = ri < head ? "col" : "row"; }
        var rs = clampInt(c.rs, 1, 100), cs = clampInt(c.cs, 1, 50);
        if (rs > 1) { td.rowSpan = rs; }
        if (cs > 1) { td.colSpan = cs; }
        tr.appendChild(td);
      });
      if (ri < head) { if (!thead) { thead = el("thead"); } thead.appendChild(tr); } else { tbody.appendChild(tr); }
    });
    if (thead) { t.appendChild(thead); }
    t.appendChild(tbody);
    wrap.appendChild(t);
    return wrap;
  }

  function renderBlock(b) {
    switch (b.t) {
      case "h": {
        var h = el("h" + clampInt(b.level + 2, 3, 6), "blk-h", b.text);
        return h;
      }
      case "p": {
        var p = el("p", "blk-p" + (b.level ? " indent-" + clampInt(b.level, 0, 4) : "") +
          (b.align === "center" || b.align === "right" ? " align-" + b.align : ""));
        appendRuns(p, b.runs);
        return p;
      }
      case "list": {
        // Nested levels become nested lists (issue 15: levels were flattened), so screen
        // readers announce the depth and markers change per level.
        var root = el(b.ordered ? "ol" : "ul", "blk-list");
        var stack = [{ list: root, level: 0, last: null }];
        (b.items || []).forEach(function (it) {
          var lvl = clampInt(it.level, 0, 4);
          while (stack.length > 1 && lvl < stack[stack.length - 1].level) { stack.pop(); }
          var top = stack[stack.length - 1];
          if (lvl > top.level && top.last) {
            var sub = el(b.ordered ? "ol" : "ul", "blk-list sub-list level-" + lvl);
            top.last.appendChild(sub);
            top = { list: sub, level: lvl, last: null };
            stack.push(top);
          }
          var li = el("li");
          appendRuns(li, it.runs);
          top.list.appendChild(li);
          top.last = li;
        });
        return root;
      }
      case "cols": {
        var cols = el("div", "blk-cols cols-" + clampInt((b.columns || []).length, 1, 3));
        (b.columns || []).forEach(function (c, ci) {
          var col = el("section", "blk-col col-" + (ci + 1));
          if (c.heading) { col.appendChild(el("h4", "col-heading", c.heading)); }
          (c.blocks || []).forEach(function (x) { var n = renderBlock(x); if (n) { col.appendChild(n); } });
          cols.appendChild(col);
        });
        return cols;
      }
      case "table": {
        var chartSrc = b.chart ? mediaSrc(b.img) : null;
        if (!chartSrc) { return (b.rows && b.rows.length) ? renderTable(b) : null; }
        // A chart keeps its type as our drawn picture; its numbers stay as a table for readers.
        var cfig = el("figure", "blk-chart");
        var cimg = el("img");
        cimg.src = chartSrc;
        cimg.alt = "图表：" + (b.caption || "");
        cimg.decoding = "async";
        cfig.appendChild(cimg);
        if (b.caption) { cfig.appendChild(el("figcaption", null, b.caption)); }
        if (b.rows && b.rows.length) {
          var cdet = el("details", "chart-data");
          cdet.appendChild(el("summary", null, "查看图表数据"));
          cdet.appendChild(renderTable(b));
          cfig.appendChild(cdet);
        }
        return cfig;
      }
      case "img": {
        var fig = el("figure", "blk-img");
        var src = mediaSrc(b.src);
        if (src) {
          var img = el("img");
          img.src = src;
          img.alt = b.alt || "";
          img.decoding = "async";
          if (b.w && b.h) { img.width = clampInt(b.w, 1, 10000); img.height = clampInt(b.h, 1, 10000); }
          fig.appendChild(img);
          if (b.alt) { fig.appendChild(el("figcaption", null, b.alt)); }
        } else {
          return null;  // a picture that cannot be shown is left out (the maker was warned)
        }
        return fig;
      }
      case "note": {
        var aside = el("aside", "blk-note");
        aside.appendChild(el("strong", "note-label", b.label || "提示"));
        aside.appendChild(el("span", null, b.text));
        return aside;
      }
      case "media": {
        var msrc = mediaSrc(b.src);
        if (!msrc) { return null; }
        var m = el(b.media === "video" ? "video" : "audio", "blk-media");
        m.controls = true;
        m.preload = "none";
        var frag = "";
        if (typeof b["in"] === "number" && isFinite(b["in"])) {  // trimmed recording: #t=in[,out]
          frag = "#t=" + Math.max(0, b["in"]);
          if (typeof b.out === "number" && isFinite(b.out) && b.out > b["in"]) { frag += "," + b.out; }
        }
        m.src = msrc + frag;
        if (b.poster && mediaSrc(b.poster)) { m.poster = mediaSrc(b.poster); }
        return m;
      }
    }
    return null;
  }

  /* ------------------------------------------------------------------ narration */
  function sentences(text) {
    var parts = String(text || "").match(/[^。！？!?；;\n]+[。！？!?；;]*/g) || [];
    return parts.map(function (s) { return s.trim(); }).filter(function (s) { return s; });
  }

  function narrationPanel(page) {
    var box = el("section", "narration");
    box.setAttribute("aria-label", "讲解");
    var src = mediaSrc(page.audio);
    var caps = sentences(page.narration);
    if (!src) {
      if (!caps.length) { return null; }
      var det = el("details", "narration-text");
      det.appendChild(el("summary", null, "讲师讲解（文字）"));
      det.appendChild(el("p", null, page.narration));
      return det;
    }
    var audio = el("audio");
    audio.preload = "none";
    audio.src = src;
    var play = btn("btn narration-play", "▶ 播放讲解", null);
    play.setAttribute("aria-pressed", "false");
    var capBox = el("p", "caption");
    capBox.setAttribute("aria-live", "off");
    var capToggle = btn("btn-link caption-toggle", "字幕：开", null);
    capToggle.setAttribute("aria-pressed", "true");
    var total = caps.reduce(function (a, s) { return a + s.length; }, 0) || 1;
    function showCaption() {
      if (!caps.length) { return; }
      var f = audio.duration ? audio.currentTime / audio.duration : 0;
      var acc = 0, i = 0;
      for (i = 0; i < caps.length; i++) { acc += caps[i].length / total; if (f < acc) { break; } }
      capBox.textContent = caps[Math.min(i, caps.length - 1)];
    }
    play.addEventListener("click", function () {
      if (audio.paused) {
        var pr = audio.play();
        if (pr && pr.catch) { pr.catch(function () { announce("无法播放音频"); }); }
      } else { audio.pause(); }
    });
    audio.addEventListener("play", function () { play.textContent = "❚❚ 暂停讲解"; play.setAttribute("aria-pressed", "true"); showCaption(); });
    audio.addEventListener("pause", function () { play.textContent = "▶ 播放讲解"; play.setAttribute("aria-pressed", "false"); });
    audio.addEventListener("timeupdate", showCaption);
    capToggle.addEventListener("click", function () {
      var on = capBox.hidden;
      capBox.hidden = !on;
      capToggle.textContent = on ? "字幕：开" : "字幕：关";
      capToggle.setAttribute("aria-pressed", on ? "true" : "false");
    });
    if (caps.length) { capBox.textContent = caps[0]; }
    var row = el("div", "narration-row");
    row.appendChild(play);
    if (caps.length) { row.appendChild(capToggle); }
    box.appendChild(row);
    box.appendChild(audio);
    if (caps.length) { box.appendChild(capBox); }
    return box;
  }

  /* ================================================================== LESSON MODE */
  function LessonPlayer() {
    var self = this;
    this.screens = [];
    var pages = C.pages || [], extras = C.extras || [], quiz = C.quiz || [];
    pages.forEach(function (p, i) {
      self.screens.push({ type: "page", page: p, n: i });
      extras.forEach(function (x, xi) { if (x.after === i) { self.screens.push({ type: x.type, x: x, xi: xi }); } });
    });
    quiz.forEach(function (q, qi) { self.screens.push({ type: "question", q: q, qi: qi }); });
    this.screens.push({ type: "result" });
    this.quiz = quiz;
    this.cur = 0;
    this.visited = this.screens.map(function () { return false; });
    this.answers = {};   // qi -> {resp: [..] | string, correct: bool}
    this.orders = {};    // xi -> true when solved
    this.cardsSeen = {};
    this.reported = null;
  }

  LessonPlayer.prototype.layout = function () {
    var self = this;
    clear(app);
    var top = el("header", "topbar");
    this.tocBtn = btn("btn-icon toc-btn", "☰ 目录", function () { self.toggleToc(); });
    this.tocBtn.setAttribute("aria-expanded", "false");
    this.tocBtn.setAttribute("aria-controls", "cs-toc");
    top.appendChild(this.tocBtn);
    top.appendChild(el("h1", "course-title", C.title));
    app.appendChild(top);
    var prog = el("div", "progress");
    prog.setAttribute("role", "progressbar");
    prog.setAttribute("aria-label", "学习进度");
    prog.setAttribute("aria-valuemin", "0");
    prog.setAttribute("aria-valuemax", "100");
    this.progBar = el("div", "progress-bar");
    prog.appendChild(this.progBar);
    this.prog = prog;
    top.appendChild(prog);
    this.toc = el("nav", "toc");
    this.toc.id = "cs-toc";
    this.toc.setAttribute("aria-label", "目录");
    this.toc.hidden = true;
    app.appendChild(this.toc);
    this.main = el("main", "screen");
    this.main.id = "cs-main";
    app.appendChild(this.main);
    var nav = el("footer", "navbar");
    this.prevBtn = btn("btn nav-prev", "‹ 上一页", function () { self.go(self.cur - 1); });
    this.nextBtn = btn("btn btn-primary nav-next", "下一页 ›", function () { self.go(self.cur + 1); });
    this.counter = el("span", "counter");
    this.counter.setAttribute("aria-live", "polite");
    nav.appendChild(this.prevBtn);
    nav.appendChild(this.counter);
    nav.appendChild(this.nextBtn);
    app.appendChild(nav);
    var toast = el("div", "toast");
    toast.id = "cs-toast";
    toast.setAttribute("role", "status");
    toast.setAttribute("aria-live", "polite");
    app.appendChild(toast);
    this.buildToc();
    this.bindInput();
  };

  LessonPlayer.prototype.screenTitle = function (s) {
    if (s.type === "page") { return s.page.title || "第" + (s.n + 1) + "页"; }
    if (s.type === "cards") { return "关键术语卡片"; }
    if (s.type === "order") { return "排序练习"; }
    if (s.type === "question") { return "测验 第" + (s.qi + 1) + "题"; }
    return this.quiz.length ? "测验结果" : "学习完成";
  };

  LessonPlayer.prototype.buildToc = function () {
    var self = this;
    clear(this.toc);
    var head = el("div", "toc-head");
    head.appendChild(el("h2", "toc-title", "目录"));
    head.appendChild(btn("btn-mini toc-close", "✕", function () { self.toggleToc(false); self.tocBtn.focus(); }, "关闭目录"));
    this.toc.appendChild(head);
    var ol = el("ol", "toc-list");
    this.tocItems = [];
    this.screens.forEach(function (s, i) {
      var li = el("li", "toc-" + s.type);
      var b = btn("toc-item", self.screenTitle(s), function () { self.toggleToc(false); self.go(i); });
      li.appendChild(b);
      ol.appendChild(li);
      self.tocItems.push(b);
    });
    this.toc.appendChild(ol);
  };

  LessonPlayer.prototype.toggleToc = function (force) {
    var open = force === undefined ? this.toc.hidden : force;
    this.toc.hidden = !open;
    this.tocBtn.setAttribute("aria-expanded", open ? "true" : "false");
    if (open && this.tocItems[this.cur]) { this.tocItems[this.cur].focus(); }
    if (!open && force === undefined) { this.tocBtn.focus(); }
  };

  LessonPlayer.prototype.bindInput = function () {
    var self = this;
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) { return; }
      var tag = (e.target && e.target.tagName) || "";
      if (e.key === "Escape" && !self.toc.hidden) { self.toggleToc(false); self.tocBtn.focus(); return; }
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
      if (e.target && e.target.closest && e.target.closest(".order-list")) { return; }
      if (e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); self.go(self.cur + 1); }
      else if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); self.go(self.cur - 1); }
    });
    this.main.addEventListener("click", function () { if (!self.toc.hidden) { self.toggleToc(false); } });
    var sx = 0, sy = 0, skip = false;
    this.main.addEventListener("touchstart", function (e) {
      var t = e.changedTouches[0];
      sx = t.clientX; sy = t.clientY;
      skip = !!(e.target.closest && e.target.closest(".table-wrap, .order-list, input, audio, video, .slide-picture.zoomed"));
    }, { passive: true });
    this.main.addEventListener("touchend", function (e) {
      if (skip) { return; }
      var t = e.changedTouches[0], dx = t.clientX - sx, dy = t.clientY - sy;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 1.5 * Math.abs(dy)) { self.go(self.cur + (dx < 0 ? 1 : -1)); }
    }, { passive: true });
    window.addEventListener("pagehide", function () { if (tracker) { tracker.finish(); } });
  };

  LessonPlayer.prototype.go = function (i, opts) {
    if (this.stepper && i === this.cur + 1 && this.stepper.next()) { return; }  // a step, not a page
    if (this.stepper && i >= 0 && i < this.screens.length) { this.stepper.detach(); this.stepper = null; }
    if (i < 0 || i >= this.screens.length) { return; }
    this.cur = i;
    this.visited[i] = true;
    this.render(!(opts && opts.noFocus));
    this.save();
  };

  LessonPlayer.prototype.render = function (focus) {
    var s = this.screens[this.cur];
    clear(this.main);
    this.main.className = "screen screen-" + s.type;
    var h = el("h2", "screen-title", this.screenTitle(s));
    h.tabIndex = -1;
    this.main.appendChild(h);
    if (s.type === "page") { this.renderPage(s); }
    else if (s.type === "cards") { this.renderCards(s); }
    else if (s.type === "order") { this.renderOrder(s); }
    else if (s.type === "question") { this.renderQuestion(s); }
    else { this.renderResult(); }
    var n = this.screens.length;
    var pct = Math.round(((this.cur + 1) / n) * 100);
    this.progBar.style.width = pct + "%";
    this.prog.setAttribute("aria-valuenow", String(pct));
    this.counter.textContent = (this.cur + 1) + " / " + n;
    this.prevBtn.disabled = this.cur === 0;
    this.nextBtn.disabled = this.cur === n - 1;
    if (this.stepper) { this.stepper.label(); }
    var self = this;
    this.tocItems.forEach(function (b, i) {
      if (i === self.cur) { b.setAttribute("aria-current", "page"); } else { b.removeAttribute("aria-current"); }
      b.classList.toggle("visited", !!self.visited[i]);
    });
    window.scrollTo(0, 0);
    if (focus) { h.focus({ preventScroll: true }); }
  };

  LessonPlayer.prototype.renderPage = function (s) {
    var page = s.page, main = this.main;
    var nar = narrationPanel(page);
    if (nar && nar.tagName !== "DETAILS") { main.appendChild(nar); }
    var body = el("div", "page-body");
    (page.blocks || []).forEach(function (b, bi) { var n = renderBlock(b); if (n) { n.setAttribute("data-block", String(bi)); body.appendChild(n); } });
    var raster = mediaSrc(page.raster);
    if (raster) {
      // Picture page (issue 15): the slide picture, 2× wide so it is sharp on phones, tap to
      // zoom; the page's text stays in the DOM, visually hidden, for search and screen readers.
      var fig = el("figure", "slide-picture");
      var img = el("img");
      img.src = raster;
      img.alt = (page.title || "幻灯片") + "（幻灯片原貌）";
      if (page.raster_w && page.raster_h) {
        img.width = clampInt(page.raster_w, 1, 10000) / 2;
        img.height = clampInt(page.raster_h, 1, 10000) / 2;
      }
      var zoom = btn("slide-zoom", null, function () {
        var on = !fig.classList.contains("zoomed");
        fig.classList.toggle("zoomed", on);
        zoom.setAttribute("aria-pressed", on ? "true" : "false");
        zoom.setAttribute("aria-label", on ? "退出放大" : "放大查看");
      }, "放大查看");
      zoom.setAttribute("aria-pressed", "false");
      zoom.appendChild(img);
      fig.appendChild(zoom);
      fig.appendChild(el("figcaption", "zoom-hint", "点击图片放大，再点一次还原"));
      main.appendChild(fig);
      // animation steps on a picture page (issue 16, steps.js): shape layers over the picture
      if (page.stage && window.CSSteps) { this.stepper = window.CSSteps.attachStage(page, img, main, mediaSrc); }
      if (page.mode === "picture+text" && page.narration) {
        var said = el("section", "picture-text");
        said.setAttribute("aria-label", "讲解文字");
        String(page.narration).split(/\n+/).forEach(function (t) {
          if (t.trim()) { said.appendChild(el("p", "blk-p", t.trim())); }
        });
        main.appendChild(said);
      }
      if (body.childNodes.length) {
        body.className = "page-body text-version sr-only";
        var toggle = btn("btn-link text-toggle", "查看文字版", function () {
          var shown = body.classList.toggle("sr-only") === false;
          toggle.textContent = shown ? "收起文字版" : "查看文字版";
          toggle.setAttribute("aria-expanded", shown ? "true" : "false");
        });
        toggle.setAttribute("aria-expanded", "false");
        main.appendChild(toggle);
        main.appendChild(body);
      }
    } else if (body.childNodes.length) {
      main.appendChild(body);
      // animation steps (issue 16, steps.js): "next" plays them before the page turns
      this.stepper = window.CSSteps ? window.CSSteps.attach(page, body, main) : null;
    }
    // picture+text pages already show the notes under the picture
    if (nar && nar.tagName === "DETAILS" && !(raster && page.mode === "picture+text")) { main.appendChild(nar); }
  };

  LessonPlayer.prototype.renderCards = function (s) {
    var self = this, x = s.x;
    if (x.title) { this.main.appendChild(el("p", "screen-sub", x.title)); }
    this.main.appendChild(el("p", "hint", "点击卡片查看释义，再点一次翻回。"));
    var grid = el("div", "cards");
    (x.cards || []).forEach(function (c) {
      var card = btn("flip-card", null, null);
      card.setAttribute("aria-pressed", "false");
      var inner = el("span", "flip-inner");
      var front = el("span", "flip-face flip-front");
      front.appendChild(el("span", "flip-term", c.term));
      front.appendChild(el("span", "flip-tip", "点击翻面"));
      var back = el("span", "flip-face flip-back");
      back.appendChild(el("span", "flip-term-small", c.term));
      back.appendChild(el("span", "flip-def", c.definition));
      back.setAttribute("aria-hidden", "true");
      inner.appendChild(front);
      inner.appendChild(back);
      card.appendChild(inner);
      card.addEventListener("click", function () {
        var on = card.getAttribute("aria-pressed") !== "true";
        card.setAttribute("aria-pressed", on ? "true" : "false");
        card.classList.toggle("flipped", on);
        front.setAttribute("aria-hidden", on ? "true" : "false");
        back.setAttribute("aria-hidden", on ? "false" : "true");
        self.cardsSeen[s.xi] = true;
      });
      grid.appendChild(card);
    });
    this.main.appendChild(grid);
  };

  LessonPlayer.prototype.renderOrder = function (s) {
    var self = this, x = s.x;
    var items = x.items || [];
    var order = this.orders[s.xi] ? items.map(function (_, i) { return i; }) : (x.start || []).slice();
    if (x.title) { this.main.appendChild(el("p", "screen-sub", x.title)); }
    this.main.appendChild(el("p", "hint", "请把下列步骤按正确顺序排列：拖动 ⠿，或用 ↑ ↓ 按钮调整。"));
    var list = el("ol", "order-list");
    var fb = el("p", "feedback");
    fb.setAttribute("role", "status");
    fb.setAttribute("aria-live", "polite");
    function draw(focusIdx, focusDir) {
      clear(list);
      order.forEach(function (itemIdx, pos) {
        var li = el("li", "order-item");
        li.setAttribute("data-pos", String(pos));
        var handle = el("span", "drag-handle", "⠿");
        handle.setAttribute("aria-hidden", "true");
        li.appendChild(handle);
        li.appendChild(el("span", "order-text", items[itemIdx]));
        var up = btn("btn-mini order-up", "↑", function () { move(pos, -1); }, "上移：" + items[itemIdx]);
        var down = btn("btn-mini order-down", "↓", function () { move(pos, 1); }, "下移：" + items[itemIdx]);
        up.disabled = pos === 0 || !!self.orders[s.xi];
        down.disabled = pos === order.length - 1 || !!self.orders[s.xi];
        li.appendChild(up);
        li.appendChild(down);
        handle.addEventListener("pointerdown", function (e) { startDrag(e, pos, li); });
        list.appendChild(li);
        if (focusIdx === pos) { (focusDir < 0 ? (up.disabled ? down : up) : (down.disabled ? up : down)).focus(); }
      });
    }
    function move(pos, d) {
      var to = pos + d;
      if (to < 0 || to >= order.length) { return; }
      var t = order[pos]; order[pos] = order[to]; order[to] = t;
      draw(to, d);
      fb.textContent = "已移动到第 " + (to + 1) + " 位";
    }
    function startDrag(e, pos, li) {
      if (self.orders[s.xi]) { return; }
      e.preventDefault();
      var from = pos;
      li.classList.add("dragging");
      function onMove(ev) {
        var hit = document.elementFromPoint(ev.clientX, ev.clientY);
        var target = hit && hit.closest ? hit.closest(".order-item") : null;
        if (!target || target === li || !list.contains(target)) { return; }
        var to = parseInt(target.getAttribute("data-pos"), 10);
        var v = order.splice(from, 1)[0];
        order.splice(to, 0, v);
        from = to;
        draw();
        li = list.children[to];
        li.classList.add("dragging");
      }
      function onUp() {
        document.removeEventListener("pointermove", onMove);
        document.removeEventListener("pointerup", onUp);
        draw();
      }
      document.addEventListener("pointermove", onMove);
      document.addEventListener("pointerup", onUp);
    }
    draw();
    this.main.appendChild(list);
    var check = btn("btn btn-primary order-check", "检查顺序", function () {
      var ok = order.every(function (v, i) { return v === i; });
      var wrongAt = order.filter(function (v, i) { return v !== i; }).length;
      if (tracker) { tracker.record({ id: "order" + (s.xi + 1), type: "sequencing", response: order.map(function (v) { return v.toString(36); }).join(","), correct: ok }); }
      if (ok) {
        self.orders[s.xi] = true;
        fb.textContent = "✓ 顺序正确！";
        fb.className = "feedback ok";
        check.disabled = true;
        draw();
        self.save();
      } else {
        fb.textContent = "✗ 还有 " + wrongAt + " 个步骤位置不对，再试试。";
        fb.className = "feedback bad";
      }
    });
    if (this.orders[s.xi]) { check.disabled = true; fb.textContent = "✓ 顺序正确！"; fb.className = "feedback ok"; }
    this.main.appendChild(check);
    this.main.appendChild(fb);
  };

  LessonPlayer.prototype.isCorrect = function (q, resp) {
    if (q.kind === "fill") {
      var r = normalise(resp);
      return (q.accepted || []).some(function (a) { return normalise(a) === r && r !== ""; });
    }
    var want = (q.answers || []).slice().sort().join(",");
    return resp.slice().sort().join(",") === want;
  };

  LessonPlayer.prototype.renderQuestion = function (s) {
    var self = this, q = s.q, qi = s.qi;
    var kindLabel = { single: "单选题", multiple: "多选题", truefalse: "判断题", fill: "填空题" }[q.kind] || "单选题";
    this.main.appendChild(el("p", "q-kind", kindLabel + " · " + q.points + " 分"));
    var stem = el("p", "q-stem", q.stem);
    stem.id = "cs-stem-" + qi;
    this.main.appendChild(stem);
    var form = el("div", "q-body");
    form.setAttribute("role", q.kind === "multiple" ? "group" : (q.kind === "fill" ? "group" : "radiogroup"));
    form.setAttribute("aria-labelledby", stem.id);
    var inputs = [];
    var prior = this.answers[qi];
    if (q.kind === "fill") {
      var lab = el("label", "fill-label", "你的答案");
      var inp = el("input", "fill-input");
      inp.type = "text";
      inp.autocomplete = "off";
      inp.maxLength = 200;
      lab.appendChild(inp);
      form.appendChild(lab);
      inputs.push(inp);
      if (prior) { inp.value = prior.resp; }
      inp.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); submit(); } });
    } else {
      (q.options || []).forEach(function (o, oi) {
        var lab = el("label", "opt");
        var inp = el("input");
        inp.type = q.kind === "multiple" ? "checkbox" : "radio";
        inp.name = "cs-q" + qi;
        inp.value = String(oi);
        if (prior && prior.resp.indexOf(oi) >= 0) { inp.checked = true; }
        lab.appendChild(inp);
        lab.appendChild(el("span", "opt-letter", String.fromCharCode(65 + oi)));
        lab.appendChild(el("span", "opt-text", o));
        form.appendChild(lab);
        inputs.push(inp);
      });
    }
    this.main.appendChild(form);
    var submitBtn = btn("btn btn-primary q-submit", "提交答案", function () { submit(); });
    this.main.appendChild(submitBtn);
    var fb = el("div", "feedback");
    fb.setAttribute("role", "status");
    fb.setAttribute("aria-live", "polite");
    this.main.appendChild(fb);

    function showFeedback(ans) {
      inputs.forEach(function (i) { i.disabled = true; });
      submitBtn.disabled = true;
      submitBtn.textContent = "已作答";
      fb.className = "feedback " + (ans.correct ? "ok" : "bad");
      clear(fb);
      fb.appendChild(el("strong", null, ans.correct ? "✓ 回答正确" : "✗ 回答错误"));
      if (!ans.correct) {
        var right = q.kind === "fill" ? (q.accepted || []).join(" / ") :
          (q.kind === "truefalse" ? q.options[q.answers[0]] : letters(q.answers));
        fb.appendChild(el("p", "answer", "正确答案：" + right));
      }
      if (q.explanation) { fb.appendChild(el("p", "explanation", "解析：" + q.explanation)); }
      if (fb.scrollIntoView && self.cur === self.screens.indexOf(s)) { fb.scrollIntoView({ block: "nearest" }); }
      if (q.kind !== "fill") {
        inputs.forEach(function (inp, oi) {
          var lab = inp.parentNode;
          if (q.answers.indexOf(oi) >= 0) { lab.classList.add("is-answer"); }
          else if (inp.checked) { lab.classList.add("is-wrong"); }
        });
      }
    }
    function submit() {
      if (self.answers[qi]) { return; }
      var resp;
      if (q.kind === "fill") {
        resp = inputs[0].value.trim();
        if (!resp) { fb.className = "feedback warn"; fb.textContent = "请先填写答案"; inputs[0].focus(); return; }
      } else {
        resp = [];
        inputs.forEach(function (i, oi) { if (i.checked) { resp.push(oi); } });
        if (!resp.length) { fb.className = "feedback warn"; fb.textContent = "请先选择答案"; return; }
      }
      var ans = { resp: resp, correct: self.isCorrect(q, resp) };
      self.answers[qi] = ans;
      showFeedback(ans);
      if (tracker) {
        tracker.record({ id: q.id, type: q.kind === "fill" ? "fill-in" : (q.kind === "truefalse" ? "true-false" : "choice"),
          response: q.kind === "fill" ? resp : (q.kind === "truefalse" ? (resp[0] === 0 ? "t" : "f") : choiceIds(resp)),
          correct: ans.correct });
      }
      self.save();
    }
    if (prior) { showFeedback(prior); }
  };

  LessonPlayer.prototype.scoreInfo = function () {
    var total = 0, got = 0, answered = 0, self = this;
    this.quiz.forEach(function (q, qi) {
      total += q.points;
      if (self.answers[qi]) { answered++; if (self.answers[qi].correct) { got += q.points; } }
    });
    var score = total ? Math.round((got / total) * 100) : 0;
    return { total: total, got: got, answered: answered, score: score, passed: score >= passMark };
  };

  LessonPlayer.prototype.renderResult = function () {
    var self = this, main = this.main;
    var info = this.scoreInfo();
    if (!this.quiz.length) {
      main.appendChild(el("p", "result-msg ok", "🎉 你已学完全部内容！"));
      this.report({ scored: false });
    } else if (info.answered < this.quiz.length) {
      main.appendChild(el("p", "result-msg warn", "还有 " + (this.quiz.length - info.answered) + " 道题未作答，完成后即可查看成绩。"));
      var ul = el("ul", "todo-list");
      this.screens.forEach(function (s, i) {
        if (s.type === "question" && !self.answers[s.qi]) {
          var li = el("li");
          li.appendChild(btn("btn-link", "去作答：第" + (s.qi + 1) + "题", function () { self.go(i); }));
          ul.appendChild(li);
        }
      });
      main.appendChild(ul);
    } else {
      var score = el("p", "score");
      score.appendChild(el("span", "score-num", String(info.score)));
      score.appendChild(el("span", "score-unit", " 分"));
      score.id = "cs-score";
      main.appendChild(score);
      main.appendChild(el("p", "score-detail", "答对 " + this.quiz.filter(function (q, qi) { return self.answers[qi].correct; }).length +
        " / " + this.quiz.length + " 题 · 及格分 " + passMark));
      var msg = el("p", "result-msg " + (info.passed ? "ok" : "bad"), info.passed ? "✓ 恭喜，测验通过！" : "✗ 未达到及格分，请复习后重新测验。");
      msg.setAttribute("role", "status");
      main.appendChild(msg);
      this.report({ scored: true, score: info.score, passed: info.passed });
      if (!info.passed) {
        main.appendChild(btn("btn retry", "重新测验", function () {
          self.answers = {};
          self.reported = null;
          var first = 0;
          self.screens.some(function (s, i) { if (s.type === "question") { first = i; return true; } return false; });
          self.go(first);
        }));
      }
    }
    var fin = btn("btn btn-primary finish", "完成学习", function () {
      if (tracker) { tracker.finish(); }
      fin.disabled = true;
      announce("学习记录已保存，可以关闭本页。");
      main.appendChild(el("p", "finished", "学习记录已保存，可以关闭本页。"));
    });
    main.appendChild(fin);
  };

  LessonPlayer.prototype.report = function (r) {
    var sig = JSON.stringify(r);
    if (this.reported === sig) { return; }
    this.reported = sig;
    if (tracker) { tracker.complete(r); }
  };

  /* suspend_data: "L2|screen|visited(hex)|answers|orders" — compact so 1.2's 4 KB holds it. */
  LessonPlayer.prototype.serialise = function () {
    var hex = "", self = this;
    for (var i = 0; i < this.visited.length; i += 4) {
      var nib = 0;
      for (var j = 0; j < 4; j++) { if (this.visited[i + j]) { nib |= 1 << j; } }
      hex += nib.toString(16);
    }
    /* each answer: index, "+"/"-" (was it right), response (fill-in text cut to fit, or option indexes) */
    function build(fillLen) {
      var ans = [];
      Object.keys(self.answers).forEach(function (qi) {
        var a = self.answers[qi], q = self.quiz[qi];
        var r = q.kind === "fill" ? (fillLen ? encodeURIComponent(String(a.resp).slice(0, fillLen)) : "") : a.resp.join(".");
        ans.push(qi + (a.correct ? "+" : "-") + r);
      });
      return ["L2", self.cur, hex, ans.join(","), Object.keys(self.orders).join(".")].join("|");
    }
    var out = build(40), max = window.CSTracking.MAX_SUSPEND;
    if (out.length > max) { out = build(8); }
    if (out.length > max) { out = build(0); }
    if (out.length > max) { out = ["L2", this.cur, hex, "", ""].join("|"); }
    return out;
  };

  LessonPlayer.prototype.restore = function (str) {
    if (!str || typeof str !== "string" || str.indexOf("L2|") !== 0) { return false; }
    var parts = str.split("|"), self = this;
    var cur = parseInt(parts[1], 10);
    if (isNaN(cur) || cur < 0 || cur >= this.screens.length) { return false; }
    var hex = parts[2] || "";
    for (var i = 0; i < hex.length; i++) {
      var nib = parseInt(hex.charAt(i), 16);
      for (var j = 0; j < 4; j++) { if (nib & (1 << j) && i * 4 + j < this.visited.length) { this.visited[i * 4 + j] = true; } }
    }
    (parts[3] || "").split(",").forEach(function (item) {
      var mm = /^(\d+)([+-])(.*)$/.exec(item);
      if (!mm) { return; }
      var qi = parseInt(mm[1], 10), q = self.quiz[qi];
      if (!q) { return; }
      var resp;
      if (q.kind === "fill") { try { resp = decodeURIComponent(mm[3]); } catch (e) { resp = ""; } }
      else { resp = mm[3].split(".").map(function (v) { return parseInt(v, 10); }).filter(function (v) { return !isNaN(v) && v >= 0 && v < q.options.length; }); }
      self.answers[qi] = { resp: resp, correct: mm[2] === "+" };
    });
    (parts[4] || "").split(".").forEach(function (xi) { if (xi !== "" && !isNaN(parseInt(xi, 10))) { self.orders[parseInt(xi, 10)] = true; } });
    this.cur = cur;
    return true;
  };

  LessonPlayer.prototype.save = function () {
    if (tracker) { tracker.saveState(String(this.cur), this.serialise()); }
  };

  LessonPlayer.prototype.start = function (launch) {
    this.layout();
    if (launch && launch.masteryScore !== null && launch.masteryScore !== undefined) { passMark = clampInt(launch.masteryScore, 0, 100); }
    var resumed = launch && this.restore(launch.state);
    this.visited[this.cur] = true;
    this.render(false);
    if (resumed && this.cur > 0) { announce("已回到上次学习的位置"); }
    this.save();
  };

  /* ================================================================== SCENARIO MODE */
  function ScenarioPlayer() {
    this.cast = {};
    var self = this;
    (C.cast || []).forEach(function (c) { self.cast[c.id] = c; });
    this.scenes = {};
    (C.scenes || []).forEach(function (s) { self.scenes[s.id] = s; });
    this.score = 0;
    this.choices = [];   // {scene, opt}
    this.maxScore = Math.max(0, parseInt(C.max_score, 10) || 0);
  }

  ScenarioPlayer.prototype.layout = function () {
    var self = this;
    clear(app);
    var top = el("header", "topbar");
    top.appendChild(el("h1", "course-title", C.title));
    this.scoreChip = el("span", "score-chip", "得分 0");
    this.scoreChip.setAttribute("aria-live", "polite");
    top.appendChild(this.scoreChip);
    app.appendChild(top);
    this.chat = el("main", "chat");
    this.chat.setAttribute("role", "log");
    this.chat.setAttribute("aria-live", "polite");
    this.chat.setAttribute("aria-label", "对话");
    app.appendChild(this.chat);
    this.actions = el("footer", "chat-actions");
    app.appendChild(this.actions);
    var toast = el("div", "toast");
    toast.id = "cs-toast";
    toast.setAttribute("role", "status");
    toast.setAttribute("aria-live", "polite");
    app.appendChild(toast);
    window.addEventListener("pagehide", function () { if (tracker) { tracker.finish(); } });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "ArrowRight" || e.key === "ArrowDown") && self.nextBtn && !self.nextBtn.disabled &&
          document.activeElement && document.activeElement.tagName !== "BUTTON") {
        e.preventDefault(); self.nextBtn.click();
      }
    });
  };

  ScenarioPlayer.prototype.setScore = function () {
    this.scoreChip.textContent = "得分 " + this.score + (this.maxScore ? " / " + this.maxScore : "");
  };

  ScenarioPlayer.prototype.bubble = function (line) {
    var ch = this.cast[line.speaker] || { name: "?", initial: "?", side: "left", color: "888888" };
    var row = el("div", "msg msg-" + (ch.narrator ? "narrator" : (ch.side === "right" ? "right" : "left")));
    if (!ch.narrator) {
      var av = el("span", "avatar");
      av.setAttribute("aria-hidden", "true");
      var asrc = mediaSrc(ch.avatar);
      if (asrc) { var img = el("img"); img.src = asrc; img.alt = ""; av.appendChild(img); }
      else {
        av.textContent = ch.initial || "?";
        if (/^[0-9A-Fa-f]{6}$/.test(ch.color || "")) { av.style.backgroundColor = "#" + ch.color; }
      }
      row.appendChild(av);
    }
    var col = el("div", "msg-col");
    var who = el("span", "msg-name", ch.name + (ch.role && ch.role !== ch.name ? "（" + ch.role + "）" : ""));
    if (!ch.narrator) { col.appendChild(who); }
    var b = el("div", "bubble");
    b.appendChild(el("span", "msg-text", line.text));
    if (line.emotion) { b.appendChild(el("span", "msg-emotion", "〔" + line.emotion + "〕")); }
    var asrc2 = mediaSrc(line.audio);
    if (asrc2) {
      var au = el("audio"); au.preload = "none"; au.src = asrc2;
      var pb = btn("btn-mini line-play", "▶", function () { au.paused ? au.play() : au.pause(); }, "播放这句");
      b.appendChild(pb); b.appendChild(au);
    }
    col.appendChild(b);
    row.appendChild(col);
    this.chat.appendChild(row);
    row.scrollIntoView({ block: "end" });
  };

  ScenarioPlayer.prototype.setActions = function (nodes, focusFirst) {
    clear(this.actions);
    var self = this;
    this.nextBtn = null;
    nodes.forEach(function (n) { self.actions.appendChild(n); });
    if (focusFirst) { var f = this.actions.querySelector("button"); if (f) { f.focus({ preventScroll: true }); } }
  };

  ScenarioPlayer.prototype.enterScene = function (sid) {
    var scene = this.scenes[sid];
    if (!scene) { this.debrief(); return; }
    this.scene = scene;
    this.lineIdx = 0;
    var div = el("div", "scene-divider", scene.title || "场景");
    this.chat.appendChild(div);
    this.save();
    this.step();
  };

  ScenarioPlayer.prototype.step = function () {
    var self = this, scene = this.scene;
    if (this.lineIdx < scene.lines.length) {
      this.bubble(scene.lines[this.lineIdx]);
      this.lineIdx++;
    }
    if (this.lineIdx < scene.lines.length) {
      var nb = btn("btn btn-primary chat-next", "继续 ▸", function () { self.step(); });
      this.setActions([nb], true);
      this.nextBtn = nb;
      return;
    }
    if (scene.decision) { this.showDecision(); return; }
    var label = scene.next && this.scenes[scene.next] ? "下一幕 ▸" : "查看总结 ▸";
    var nb2 = btn("btn btn-primary chat-next", label, function () {
      if (scene.next && self.scenes[scene.next]) { self.enterScene(scene.next); } else { self.debrief(); }
    });
    this.setActions([nb2], true);
    this.nextBtn = nb2;
  };

  ScenarioPlayer.prototype.showDecision = function () {
    var self = this, d = this.scene.decision;
    var box = el("div", "decision");
    box.setAttribute("role", "group");
    var prompt = el("p", "decision-prompt", d.prompt || "你会怎么回应？");
    prompt.id = "cs-decision-prompt";
    box.setAttribute("aria-labelledby", prompt.id);
    box.appendChild(prompt);
    d.options.forEach(function (o, oi) {
      box.appendChild(btn("btn choice", String.fromCharCode(65 + oi) + ". " + o.text, function () { self.choose(oi); }));
    });
    this.setActions([box], true);
  };

  ScenarioPlayer.prototype.choose = function (oi) {
    var self = this, scene = this.scene, o = scene.decision.options[oi];
    this.bubble({ speaker: "__me", text: o.text });
    this.chat.lastChild.className = "msg msg-right msg-me";
    var nameEl = this.chat.lastChild.querySelector(".msg-name");
    if (nameEl) { nameEl.textContent = "你的选择"; }
    var av = this.chat.lastChild.querySelector(".avatar");
    if (av) { av.textContent = "我"; av.style.backgroundColor = ""; }
    this.score += o.score;
    this.setScore();
    this.choices.push({ scene: scene.id, opt: oi, title: scene.title, text: o.text, feedback: o.feedback, score: o.score, best: !!o.best });
    if (tracker) { tracker.record({ id: "scene_" + scene.id, type: "choice", response: choiceIds([oi]), correct: !!o.best }); }
    var fb = el("div", "feedback " + (o.best ? "ok" : "bad"));
    fb.setAttribute("role", "status");
    fb.appendChild(el("strong", null, (o.best ? "✓ 很好的回应" : "✗ 还可以更好") + (o.score ? "（" + (o.score > 0 ? "+" : "") + o.score + " 分）" : "")));
    if (o.feedback) { fb.appendChild(el("p", null, o.feedback)); }
    var retry = o.next === scene.id;
    var label = retry ? "再试一次 ↺" : (o.next && this.scenes[o.next] ? "继续 ▸" : "查看总结 ▸");
    var nb = btn("btn btn-primary chat-next", label, function () {
      if (retry) { self.showDecision(); }
      else if (o.next && self.scenes[o.next]) { self.enterScene(o.next); }
      else { self.debrief(); }
    });
    this.setActions([fb, nb], false);
    this.nextBtn = nb;
    nb.focus({ preventScroll: true });
    this.save();
  };

  ScenarioPlayer.prototype.percent = function () {
    if (!this.maxScore) { return 0; }
    return Math.max(0, Math.min(100, Math.round((this.score / this.maxScore) * 100)));
  };

  ScenarioPlayer.prototype.debrief = function () {
    var self = this;
    var scored = this.maxScore > 0, pct = this.percent(), passed = pct >= passMark;
    var box = el("section", "debrief");
    box.setAttribute("aria-labelledby", "cs-debrief-title");
    var h = el("h2", "screen-title", "情景总结");
    h.id = "cs-debrief-title";
    h.tabIndex = -1;
    box.appendChild(h);
    if (scored) {
      var sc = el("p", "score");
      sc.id = "cs-score";
      sc.appendChild(el("span", "score-num", String(pct)));
      sc.appendChild(el("span", "score-unit", " 分"));
      box.appendChild(sc);
      box.appendChild(el("p", "score-detail", "得分 " + this.score + " / " + this.maxScore + " · 及格分 " + passMark));
      box.appendChild(el("p", "result-msg " + (passed ? "ok" : "bad"), passed ? "✓ 通过！你的应对很专业。" : "✗ 未通过，再练一次吧。"));
    }
    if (this.choices.length) {
      box.appendChild(el("h3", null, "你的选择回顾"));
      var ol = el("ol", "debrief-list");
      this.choices.forEach(function (c) {
        var li = el("li", c.best ? "ok" : "bad");
        li.appendChild(el("span", "d-scene", c.title || "场景"));
        li.appendChild(el("span", "d-choice", (c.best ? "✓ " : "✗ ") + c.text));
        if (c.feedback) { li.appendChild(el("span", "d-feedback", c.feedback)); }
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    this.chat.appendChild(box);
    if (tracker) { tracker.complete(scored ? { scored: true, score: pct, passed: passed } : { scored: false }); }
    this.ended = true;
    this.save();
    var again = btn("btn restart", "重新开始", function () {
      self.score = 0; self.choices = []; self.ended = false; clear(self.chat); self.setScore(); self.enterScene(C.start);
    });
    var fin = btn("btn btn-primary finish", "完成学习", function () {
      if (tracker) { tracker.finish(); }
      fin.disabled = true;
      announce("学习记录已保存，可以关闭本页。");
    });
    this.setActions([again, fin], false);
    h.focus({ preventScroll: true });
    box.scrollIntoView({ block: "start" });
  };

  /* suspend_data: "S1|scene|score|scene.opt,scene.opt" (resume restarts the current scene). */
  ScenarioPlayer.prototype.serialise = function () {
    var ch = this.choices.map(function (c) { return c.scene + "." + c.opt; }).join(",");
    var out = ["S1", this.ended ? "" : (this.scene ? this.scene.id : ""), this.score, ch].join("|");
    if (out.length > window.CSTracking.MAX_SUSPEND) { out = ["S1", this.scene ? this.scene.id : "", this.score, ""].join("|"); }
    return out;
  };
  ScenarioPlayer.prototype.save = function () {
    if (tracker) { tracker.saveState(this.scene ? this.scene.id : "", this.serialise()); }
  };
  ScenarioPlayer.prototype.restore = function (str) {
    if (!str || typeof str !== "string" || str.indexOf("S1|") !== 0) { return null; }
    var p = str.split("|"), self = this;
    if (!p[1] || !this.scenes[p[1]]) { return null; }
    (p[3] || "").split(",").forEach(function (pair) {
      var k = pair.lastIndexOf("."), sc = self.scenes[pair.slice(0, k)], oi = parseInt(pair.slice(k + 1), 10);
      if (!sc || !sc.decision || !sc.decision.options[oi]) { return; }
      var o = sc.decision.options[oi];
      self.choices.push({ scene: sc.id, opt: oi, title: sc.title, text: o.text, feedback: o.feedback, score: o.score, best: !!o.best });
      self.score += o.score;
    });
    return p[1];
  };
  ScenarioPlayer.prototype.start = function (launch) {
    this.layout();
    if (launch && launch.masteryScore !== null && launch.masteryScore !== undefined) { passMark = clampInt(launch.masteryScore, 0, 100); }
    var at = launch ? this.restore(launch.state) : null;
    this.setScore();
    if (at) { announce("已回到上次的场景"); }
    this.enterScene(at || C.start);
  };

  /* ------------------------------------------------------------------ boot */
  var player = C.kind === "scenario" ? new ScenarioPlayer() : new LessonPlayer();
  function boot(launch) {
    player.start(launch || { state: null, masteryScore: null });
    window.CS_H5.ready = true;
    window.CS_H5.mode = tracker ? tracker.mode : "none";
    window.CS_H5.player = player;
    try { performance.mark("cs-h5-first-page"); } catch (e) { /* old browser */ }
  }
  if (tracker) { tracker.start(boot); } else { boot(null); }
})();
