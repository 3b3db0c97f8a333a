/* Creator Studio H5 — tracking: SCORM 1.2, cmi5 (xAPI) or local storage.
 * Classic script (works from file://). Exposes window.CSTracking.create(course) → tracker with
 * start(cb), saveState(loc, state), record(interaction), complete(result), finish().
 * All LMS values are strings; nothing from the course document is ever evaluated. */
(function () {
  "use strict";

  var MAX_SUSPEND = 4000; // SCORM 1.2 allows 4096; keep a margin

  function pad(n, w) { n = String(n); while (n.length < w) { n = "0" + n; } return n; }

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  function scormTime(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000); cs -= h * 360000;
    var m = Math.floor(cs / 6000); cs -= m * 6000;
    var s = Math.floor(cs / 100); cs -= s * 100;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs, 2);
  }

  /* xAPI duration: ISO 8601, e.g. PT1M2.34S */
  function isoDuration(ms) {
    var total = Math.max(0, ms) / 1000;
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60);
    var s = Math.round((total % 60) * 100) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = [];
    for (var i = 0; i < 16; i++) { h.push((b[i] + 256).toString(16).slice(1)); }
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") +
      "-" + h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }

  /* Walk up the parents (bounded), then the opener chain, looking for the SCORM 1.2 API. */
  function findScormApi() {
    function search(win) {
      var hops = 0;
      while (win && hops <= 16) {
        try { if (win.API && typeof win.API.LMSInitialize === "function") { return win.API; } }
        catch (e) { /* cross-origin frame: keep climbing */ }
        var parent = null;
        try { parent = win.parent; } catch (e2) { parent = null; }
        if (!parent || parent === win) { break; }
        win = parent; hops++;
      }
      return null;
    }
    var api = search(window);
    if (!api) {
      try { if (window.top && window.top.opener) { api = search(window.top.opener); } }
      catch (e) { api = null; }
    }
    return api;
  }

  function launchParams() {
    var out = {};
    var q = window.location.search.replace(/^\?/, "");
    if (!q) { return out; }
    q.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i < 0) { return; }
      try { out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); }
      catch (e) { /* malformed escape: ignore that parameter */ }
    });
    return out;
  }

  function httpUrl(u) {
    try { var p = new URL(u, window.location.href); return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null; }
    catch (e) { return null; }
  }

  /* ---------------------------------------------------------------- local (no LMS) */
  function LocalTracker(course) {
    this.mode = "local";
    this.key = "cs-h5:" + course.id;
  }
  LocalTracker.prototype.start = function (cb) {
    var saved = null;
    try { saved = window.localStorage.getItem(this.key); } catch (e) { saved = null; }
    cb({ state: saved, masteryScore: null });
  };
  LocalTracker.prototype.saveState = function (loc, state) {
    try { window.localStorage.setItem(this.key, state); } catch (e) { /* private mode: no resume */ }
  };
  LocalTracker.prototype.record = function () {};
  LocalTracker.prototype.complete = function () {};
  LocalTracker.prototype.finish = function () {};

  /* ---------------------------------------------------------------- SCORM 1.2 */
  function ScormTracker(api, course) {
    this.mode = "scorm12";
    this.course = course;
    this.api = api;
    this.started = Date.now();
    this.finished = false;
    this.done = false;
    this.nInteractions = 0;
  }
  ScormTracker.prototype.get = function (k) { try { return String(this.api.LMSGetValue(k)); } catch (e) { return ""; } };
  ScormTracker.prototype.set = function (k, v) { try { return this.api.LMSSetValue(k, String(v)); } catch (e) { return "false"; } };
  ScormTracker.prototype.commit = function () { try { this.api.LMSCommit(""); } catch (e) { /* LMS gone */ } };
  ScormTracker.prototype.start = function (cb) {
    var ok = "false";
    try { ok = String(this.api.LMSInitialize("")); } catch (e) { ok = "false"; }
    this.alive = ok === "true";
    if (!this.alive) {
      /* The LMS refused the session: keep the learner's progress on this device instead. */
      this.local = new LocalTracker(this.course);
      this.mode = "local";
      this.local.start(cb);
      return;
    }
    var status = this.get("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") { this.set("cmi.core.lesson_status", "incomplete"); }
    this.done = status === "passed" || status === "completed" || status === "failed";
    var entry = this.get("cmi.core.entry");
    var state = entry === "resume" || this.get("cmi.core.lesson_location") ? this.get("cmi.suspend_data") : "";
    var n = parseInt(this.get("cmi.interactions._count"), 10);
    this.nInteractions = isNaN(n) ? 0 : n;
    var ms = parseFloat(this.get("cmi.student_data.mastery_score"));
    cb({ state: state || null, masteryScore: isNaN(ms) ? null : ms });
  };
  ScormTracker.prototype.saveState = function (loc, state) {
    if (this.local) { this.local.saveState(loc, state); return; }
    if (!this.alive || this.finished) { return; }
    this.set("cmi.core.lesson_location", String(loc).slice(0, 255));
    if (state.length <= MAX_SUSPEND) { this.set("cmi.suspend_data", state); }
    this.commit();
  };
  ScormTracker.prototype.record = function (it) {
    if (!this.alive || this.finished) { return; }
    var p = "cmi.interactions." + this.nInteractions + ".";
    this.set(p + "id", it.id);
    this.set(p + "type", it.type);
    this.set(p + "student_response", String(it.response).slice(0, 255));
    this.set(p + "result", it.correct ? "correct" : "wrong");
    this.nInteractions++;
  };
  /* Score strictly before status (some LMSs drop a score that arrives after the status). */
  ScormTracker.prototype.complete = function (r) {
    if (!this.alive || this.finished) { return; }
    if (r.scored) {
      this.set("cmi.core.score.min", "0");
      this.set("cmi.core.score.max", "100");
      this.set("cmi.core.score.raw", String(Math.round(r.score)));
      this.set("cmi.core.lesson_status", r.passed ? "passed" : "failed");
    } else {
      this.set("cmi.core.lesson_status", "completed");
    }
    this.done = true;
    this.commit();
  };
  ScormTracker.prototype.finish = function () {
    if (!this.alive || this.finished) { return; }
    this.finished = true;
    this.set("cmi.core.session_time", scormTime(Date.now() - this.started));
    /* done: "logout" (this attempt is over); otherwise "suspend" so the LMS offers resume. */
    this.set("cmi.core.exit", this.done ? "logout" : "suspend");
    this.commit();
    try { this.api.LMSFinish(""); } catch (e) { /* nothing more to do */ }
  };

  /* ---------------------------------------------------------------- cmi5 */
  var VERB = "http://adlnet.gov/expapi/verbs/";
  var CAT_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var CAT_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var STATE_ID = "cs-h5-suspend";

  /* A tracking problem is never silent: console.error for the LMS admin, and a visible banner
     (role=alert) so the learner knows the platform will not see this session. Styled through
     CSSOM, which the package's CSP (style-src 'self') allows. */
  function reportTrackingError(zh, en) {
    var msg = zh + " / " + en;
    try { console.error("[Creator Studio H5 tracking] " + msg); } catch (e) { /* no console */ }
    window.CSTracking.errors.push(msg);
    if (!document.body) { return; }
    var box = document.getElementById("cs-tracking-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "cs-tracking-error";
      box.setAttribute("role", "alert");
      box.style.background = "#fdecea";
      box.style.color = "#8a1c12";
      box.style.borderBottom = "2px solid #c8102e";
      box.style.padding = "8px 12px";
      box.style.fontSize = "15px";
      box.style.lineHeight = "1.5";
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = msg;
  }

  function Cmi5Tracker(p, course) {
    this.mode = "cmi5";
    this.endpoint = httpUrl(p.endpoint);
    if (this.endpoint && this.endpoint.slice(-1) !== "/") { this.endpoint += "/"; }
    this.fetchUrl = httpUrl(p.fetch);
    try { this.actor = JSON.parse(p.actor); } catch (e) { this.actor = null; }
    this.registration = p.registration;
    this.activityId = p.activityId;
    this.started = Date.now();
    this.queue = Promise.resolve();
    this.finished = false;
    this.course = course;
    this.suspend = null;
    this.offline = null;      // a LocalTracker once the LMS cannot be reached
    this.reported = false;
    /* "Already sent" flags live in the AU's state document (with the suspend data), not only in
       page memory: a relaunched registration must not send completed/passed again (cmi5 §9.3). */
    this.sent = { completed: false, passed: false, failed: false };
  }
  Cmi5Tracker.prototype.headers = function (json) {
    var h = { "X-Experience-API-Version": "1.0.3", "Authorization": "Basic " + this.token };
    if (json) { h["Content-Type"] = "application/json"; }
    return h;
  };
  /* No LRS: keep the learner going with local progress, and say so. */
  Cmi5Tracker.prototype.goOffline = function (zh, en, cb) {
    this.alive = false;
    this.mode = "local";
    this.offline = new LocalTracker(this.course || { id: String(this.activityId || "cmi5") });
    reportTrackingError(zh, en);
    this.offline.start(cb);
  };
  function readJson(r, what) {
    if (!r.ok) { throw new Error(what + " HTTP " + r.status); }
    return r.json();
  }
  function retry(fn, tries, wait) {
    return fn().catch(function (err) {
      if (tries <= 1) { throw err; }
      return new Promise(function (ok) { setTimeout(ok, wait); }).then(function () { return retry(fn, tries - 1, wait * 2); });
    });
  }
  Cmi5Tracker.prototype.start = function (cb) {
    var self = this;
    if (!this.endpoint || !this.fetchUrl || !this.actor) {
      this.goOffline("课程启动参数不完整（endpoint / fetch / actor），本次学习不会上报到学习平台，进度只保存在本机",
        "cmi5 launch parameters are incomplete (endpoint/fetch/actor); this session is not reported, progress is kept on this device", cb);
      return;
    }
    fetch(this.fetchUrl, { method: "POST", credentials: "omit" })
      .then(function (r) { return readJson(r, "fetch"); })
      .then(function (tok) {
        self.token = tok && tok["auth-token"];
        if (!self.token) { throw new Error("no auth-token"); }
        return self.token;
      })
      .then(function () {
        var q = "activities/state?stateId=LMS.LaunchData&activityId=" + encodeURIComponent(self.activityId) +
          "&agent=" + encodeURIComponent(JSON.stringify(self.actor)) +
          "&registration=" + encodeURIComponent(self.registration);
        /* The spec forbids statements before LaunchData is read (its contextTemplate carries the
           session id). A slow LMS gets three tries; then we say so instead of stopping silently. */
        return retry(function () {
          return fetch(self.endpoint + q, { headers: self.headers(false), credentials: "omit" })
            .then(function (r) { return readJson(r, "LMS.LaunchData"); })
            .then(function (ld) { if (!ld || typeof ld !== "object") { throw new Error("LMS.LaunchData is not an object"); } return ld; });
        }, 3, 400).catch(function (err) { err.launchData = true; throw err; });
      })
      .then(function (ld) {
        self.launchData = ld;
        self.launchMode = self.launchData.launchMode || "Normal";
        self.alive = true;
        self.send("initialized", {}, false);
        var ms = typeof self.launchData.masteryScore === "number" ? self.launchData.masteryScore * 100 : null;
        return self.loadState().then(function (state) { cb({ state: state, masteryScore: ms }); });
      })
      .catch(function (err) {
        if (self.alive) { // a failure inside the player's boot: not an LMS problem, but not silent
          try { console.error(err); } catch (e) { /* no console */ }
          return;
        }
        if (err && err.launchData) {
          self.goOffline("无法读取学习平台的启动数据（LMS.LaunchData），本次学习不会上报到学习平台，进度只保存在本机。请关闭后从平台重新打开课程",
            "Could not read LMS.LaunchData (" + err.message + "); this session is not reported to the LMS and progress is kept on this device. Close and relaunch from the LMS", cb);
        } else {
          self.goOffline("无法从学习平台获取授权，本次学习不会上报到学习平台，进度只保存在本机",
            "Could not get an auth token from the LMS (" + (err && err.message) + "); this session is not reported, progress is kept on this device", cb);
        }
      });
  };
  Cmi5Tracker.prototype.stateUrl = function (id) {
    return this.endpoint + "activities/state?stateId=" + encodeURIComponent(id) +
      "&activityId=" + encodeURIComponent(this.activityId) +
      "&agent=" + encodeURIComponent(JSON.stringify(this.actor)) +
      "&registration=" + encodeURIComponent(this.registration);
  };
  /* Our state document is JSON {v: 2, suspend: "<player state>", sent: {completed, passed, failed}}.
     Older packages stored the bare player state as text: still resumed. */
  Cmi5Tracker.prototype.loadState = function () {
    var self = this;
    return fetch(this.stateUrl(STATE_ID), { headers: this.headers(false), credentials: "omit" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .catch(function () { return null; })
      .then(function (text) {
        if (!text) { return null; }
        var doc = null;
        try { doc = JSON.parse(text); } catch (e) { doc = null; }
        if (!doc || typeof doc !== "object" || doc.v !== 2) { self.suspend = text; return text; }
        var sent = doc.sent || {};
        self.sent = { completed: sent.completed === true, passed: sent.passed === true, failed: sent.failed === true };
        self.suspend = typeof doc.suspend === "string" ? doc.suspend : null;
        return self.suspend;
      });
  };
  Cmi5Tracker.prototype.fail = function (what, detail) {
    if (this.reported) { return; }
    this.reported = true;
    reportTrackingError("学习记录未能上报到学习平台（" + what + "），请检查网络后从平台重新打开课程",
      "The LMS did not accept " + what + " (" + detail + "); check the network and relaunch from the LMS");
  };
  Cmi5Tracker.prototype.request = function (what, url, init) {
    var self = this;
    return fetch(url, init)
      .then(function (r) { if (!r.ok) { self.fail(what, "HTTP " + r.status); } return r; })
      .catch(function (err) { self.fail(what, String(err && err.message || err)); });
  };
  Cmi5Tracker.prototype.putState = function (keepalive) {
    var self = this;
    var body = JSON.stringify({ v: 2, suspend: this.suspend, sent: this.sent });
    this.queue = this.queue.then(function () {
      return self.request("state", self.stateUrl(STATE_ID), { method: "PUT", headers: self.headers(true),
        body: body, credentials: "omit", keepalive: !!keepalive });
    });
    return this.queue;
  };
  Cmi5Tracker.prototype.context = function (cmi5Defined, moveOn) {
    var ctx = JSON.parse(JSON.stringify(this.launchData.contextTemplate || {}));
    ctx.registration = this.registration;
    if (cmi5Defined) {
      ctx.contextActivities = ctx.contextActivities || {};
      var cats = ctx.contextActivities.category || [];
      cats.push({ id: CAT_CMI5, objectType: "Activity" });
      if (moveOn) { cats.push({ id: CAT_MOVEON, objectType: "Activity" }); }
      ctx.contextActivities.category = cats;
    }
    return ctx;
  };
  Cmi5Tracker.prototype.send = function (verb, result, moveOn, extra) {
    var self = this;
    var name = verb.split("/").pop();
    var st = {
      id: uuid(),
      timestamp: new Date().toISOString(),
      actor: this.actor,
      verb: { id: verb.indexOf(":") > 0 ? verb : VERB + verb, display: { "en-US": name } },
      object: (extra && extra.object) || { objectType: "Activity", id: this.activityId },
      context: this.context(!(extra && extra.allowed), moveOn)
    };
    if (result && Object.keys(result).length) { st.result = result; }
    var body = JSON.stringify(st);
    var keep = !!(extra && extra.keepalive);
    this.queue = this.queue.then(function () {
      return self.request("statement " + name, self.endpoint + "statements", { method: "POST",
        headers: self.headers(true), body: body, credentials: "omit", keepalive: keep });
    });
    return this.queue;
  };
  Cmi5Tracker.prototype.saveState = function (loc, state) {
    if (this.offline) { this.offline.saveState(loc, state); return; }
    if (!this.alive || this.finished) { return; }
    this.suspend = state;
    this.putState(false);
  };
  /* "cmi5 allowed" statements: one per answered question / dialogue choice. */
  Cmi5Tracker.prototype.record = function (it) {
    if (!this.alive || this.finished) { return; }
    var resp = String(it.response);
    if (it.type === "choice" || it.type === "sequencing") { resp = resp.split(",").join("[,]"); }
    this.send("answered", { response: resp.slice(0, 255), success: !!it.correct },
      false, { allowed: true, object: { objectType: "Activity", id: this.activityId + "/interaction/" + encodeURIComponent(it.id),
        definition: { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: it.type === "true-false" ? "true-false" : (it.type === "fill-in" ? "fill-in" : (it.type === "sequencing" ? "sequencing" : "choice")) } } });
  };
  Cmi5Tracker.prototype.complete = function (r) {
    if (!this.alive || this.finished || this.launchMode !== "Normal") { return; }
    var dur = isoDuration(Date.now() - this.started);
    var changed = false;
    if (!this.sent.completed) {
      this.sent.completed = changed = true;
      this.send("completed", { completion: true, duration: dur }, true);
    }
    /* At most one failed and one passed per registration, never failed after passed; a retake
       that passes after a fail still earns its "passed". */
    if (r.scored && !this.sent.passed && (r.passed || !this.sent.failed)) {
      if (r.passed) { this.sent.passed = true; } else { this.sent.failed = true; }
      changed = true;
      var scaled = Math.round(r.score * 100) / 10000;
      this.send(r.passed ? "passed" : "failed",
        { success: !!r.passed, score: { scaled: scaled, raw: Math.round(r.score), min: 0, max: 100 }, duration: dur }, true);
    }
    if (changed) { this.putState(true); } // the flags travel with the registration
  };
  Cmi5Tracker.prototype.finish = function () {
    if (!this.alive || this.finished) { return; }
    this.finished = true;
    var ret = this.launchData.returnURL ? httpUrl(this.launchData.returnURL) : null;
    this.send("terminated", { duration: isoDuration(Date.now() - this.started) }, false, { keepalive: true })
      .then(function () { if (ret && window.CS_H5_FOLLOW_RETURN !== false) { window.location.href = ret; } });
  };

  function create(course) {
    var p = launchParams();
    if (p.endpoint && p.fetch && p.actor && p.registration && p.activityId && typeof fetch === "function") {
      return new Cmi5Tracker(p, course);
    }
    var api = findScormApi();
    if (api) { return new ScormTracker(api, course); }
    return new LocalTracker(course);
  }

  window.CSTracking = { create: create, scormTime: scormTime, isoDuration: isoDuration, MAX_SUSPEND: MAX_SUSPEND,
                       errors: [] };
})();
