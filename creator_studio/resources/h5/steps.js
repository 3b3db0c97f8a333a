/* Animation steps on an H5 page (issue 16).
 *
 * The player calls CSSteps.attach(page, body, main) after drawing a page. Blocks that enter
 * later start hidden; "next" (button, arrow key, swipe) plays the next click step before it turns
 * the page (player.go asks stepper.next() first); the narration audio plays steps as it reaches
 * them (auto-play); trigger steps wait for a tap on their shape's block. Only opacity and
 * transforms are animated (Web Animations API), and with prefers-reduced-motion every effect
 * jumps to its end state. Steps never count as pages: progress and SCORM/cmi5 stay per page.
 * Page data is document text and numbers only; nothing here builds HTML.
 */
(function () {
  "use strict";

  function reduced() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function targets(body, fx) {
    if (fx.l !== undefined && fx.l !== null) {  // a shape layer on a picture page
      var layer = body.querySelector('[data-layer="' + fx.l + '"]');
      return layer ? [layer] : [];
    }
    var block = body.querySelector('[data-block="' + fx.b + '"]');
    if (!block) { return []; }
    if (fx.items && fx.items.length) {
      var lis = block.querySelectorAll("li");
      var out = [];
      fx.items.forEach(function (i) { if (lis[i]) { out.push(lis[i]); } });
      return out.length ? out : [block];
    }
    return [block];
  }

  var FLY = { top: [0, -1], bottom: [0, 1], left: [-1, 0], right: [1, 0], "top-left": [-1, -1],
              "top-right": [1, -1], "bottom-left": [-1, 1], "bottom-right": [1, 1] };

  function frames(fx, node, body) {
    var entering = fx.kind === "entrance";
    var p = fx.p || {};
    var k;
    switch (fx.fx) {
      case "fly": {
        var v = FLY[fx.dir] || FLY.bottom;
        var onStage = node.hasAttribute("data-layer");  // a picture page: from just outside the slide
        var dx = v[0] * (onStage ? body.clientWidth : Math.max(window.innerWidth, 320));
        var dy = v[1] * (onStage ? body.clientHeight : Math.max(window.innerHeight, 480));
        k = [{ transform: "translate(" + dx + "px," + dy + "px)", opacity: 1 }, { transform: "none", opacity: 1 }];
        break;
      }
      case "float-up": k = [{ transform: "translateY(40px)", opacity: 0 }, { transform: "none", opacity: 1 }]; break;
      case "float-down": k = [{ transform: "translateY(-40px)", opacity: 0 }, { transform: "none", opacity: 1 }]; break;
      case "wipe": {
        var w = FLY[fx.dir] || FLY.left;
        k = [{ transform: "translate(" + (w[0] * 24) + "px," + (w[1] * 24) + "px)", opacity: 0 },
             { transform: "none", opacity: 1 }];
        break;
      }
      case "zoom": k = [{ transform: "scale(0.2)", opacity: 0 }, { transform: "none", opacity: 1 }]; break;
      case "zoom-x": k = [{ transform: "scaleX(0.05)", opacity: 0.2 }, { transform: "none", opacity: 1 }]; break;
      case "grow-turn": k = [{ transform: "scale(0.2) rotate(-90deg)", opacity: 0 }, { transform: "none", opacity: 1 }]; break;
      case "appear": k = [{ opacity: 1 }, { opacity: 1 }]; break;
      case "pulse": {
        var s = Math.max(p.scale || 1.05, 1.05);
        return [{ transform: "none" }, { transform: "scale(" + s + ")" }, { transform: "none" }];
      }
      case "grow": return [{ transform: "none" }, { transform: "scale(" + (p.scale || 1.5) + ")" }];
      case "spin": return [{ transform: "none" }, { transform: "rotate(" + (p.angle || 360) + "deg)" }];
      case "transparency": return [{ opacity: 1 }, { opacity: p.alpha === undefined ? 0.5 : p.alpha }];
      case "path": {
        var W = body.clientWidth || 320, H = body.clientHeight || 240;
        return (fx.path || [[0, 0]]).map(function (pt) {
          return { transform: "translate(" + Math.round(pt[0] * W) + "px," + Math.round(pt[1] * H) + "px)" };
        });
      }
      default: k = [{ opacity: 0 }, { opacity: 1 }];  // fade
    }
    if (!entering) { k = k.slice().reverse(); }
    return k;
  }

  function Stepper(page, body, main) {
    this.page = page;
    this.body = body;
    this.steps = (page.steps || []).filter(function (s) { return s.fx && s.fx.length; });
    this.played = this.steps.map(function () { return false; });
    this.running = [];
    var self = this;
    // blocks whose first effect is an entrance start hidden
    var seen = {};
    this.steps.forEach(function (s) {
      s.fx.forEach(function (fx) {
        targets(body, fx).forEach(function (n) {
          var key = n.getAttribute("data-step-key") || ("k" + Math.random().toString(36).slice(2));
          n.setAttribute("data-step-key", key);
          if (seen[key]) { return; }
          seen[key] = true;
          if (fx.kind === "entrance") { n.style.opacity = "0"; n.setAttribute("data-step-hidden", "1"); }
        });
      });
    });
    // taps on trigger shapes
    this.steps.forEach(function (s, i) {
      if (s.trigger !== "shape" || s.tap === null || s.tap === undefined) { return; }
      var t = body.querySelector('[data-block="' + s.tap + '"], [data-tapzone="' + s.tap + '"]');
      if (!t || t.getAttribute("data-step-tap")) { return; }
      t.setAttribute("data-step-tap", "1");
      t.setAttribute("role", "button");
      t.tabIndex = 0;
      t.classList.add("step-tap");
      var fire = function () { self.tapped(s.tap); };
      t.addEventListener("click", fire);
      t.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fire(); } });
    });
    // auto-play follows the narration
    var audio = main.querySelector(".narration audio");
    if (audio) {
      audio.addEventListener("timeupdate", function () {
        if (!audio.duration) { return; }
        var f = audio.currentTime / audio.duration;
        self.steps.forEach(function (s, i) {
          if (!self.played[i] && s.trigger !== "shape" && s.at !== null && s.at !== undefined && f >= s.at) { self.play(i); }
        });
      });
    }
    this.steps.forEach(function (s, i) { if (s.trigger === "auto") { self.play(i); } });
    this.label();
  }

  Stepper.prototype.play = function (i) {
    if (this.played[i]) { return; }
    this.played[i] = true;
    var s = this.steps[i], body = this.body, self = this, instant = reduced();
    s.fx.forEach(function (fx) {
      if (fx.fx === "colour") { self.colour(fx, instant); return; }
      if (fx.fx === "text-colour") { self.textColour(fx, instant); return; }
      targets(body, fx).forEach(function (n) {
        var k = frames(fx, n, body);
        var end = k[k.length - 1];
        var after = function () {
          if (fx.kind === "exit") { n.style.opacity = "0"; n.style.visibility = "hidden"; }
          else if (fx.kind === "entrance") { n.style.opacity = ""; n.removeAttribute("data-step-hidden"); }
          if (end.transform !== undefined && fx.kind !== "exit" && fx.kind !== "entrance") { n.style.transform = end.transform === "none" ? "" : end.transform; }
          if (fx.fx === "transparency" && end.opacity !== undefined) { n.style.opacity = String(end.opacity); }
          if (window.CS_H5) { window.CS_H5.steps = self.state(); }
        };
        if (instant || !n.animate) { after(); return; }
        var a = n.animate(k, { duration: Math.max(1, fx.dur * 1000), delay: fx.delay * 1000, fill: "both",
                                easing: fx.fx === "fade" || fx.fx === "transparency" ? "linear" : "ease-in-out" });
        self.running.push(a);
        a.onfinish = function () { after(); a.cancel(); };
      });
    });
    this.label();
    if (window.CS_H5) { window.CS_H5.steps = this.state(); }
  };

  // colour change on a picture page: the layer's recoloured copy fades in over it (an opacity
  // crossfade between two colours is the colour interpolation), earlier copies then go
  Stepper.prototype.colour = function (fx, instant) {
    var layer = this.body.querySelector('[data-layer="' + fx.l + '"]');
    var over = layer && layer.querySelector('[data-colour="' + fx.c + '"]');
    if (!over) { return; }
    var self = this;
    var done = function () {
      over.style.opacity = "1";
      Array.prototype.forEach.call(layer.querySelectorAll("[data-colour]"), function (o) {
        if (o !== over) { o.style.opacity = "0"; }
      });
      if (window.CS_H5) { window.CS_H5.steps = self.state(); }
    };
    if (instant || !over.animate) { done(); return; }
    var a = over.animate([{ opacity: 0 }, { opacity: 1 }], { duration: Math.max(1, fx.dur * 1000),
                                                           delay: fx.delay * 1000, fill: "both", easing: "linear" });
    this.running.push(a);
    a.onfinish = function () { done(); a.cancel(); };
  };

  // text colour change on a reflowed block: a copy of the block in the new colour lies over it
  // and fades in (opacity only); earlier copies go when it has landed
  var COPY_DROP = ["data-block", "data-step-key", "data-step-hidden", "data-step-tap", "role", "tabindex", "id"];

  Stepper.prototype.textColour = function (fx, instant) {
    var self = this;
    if (!/^#[0-9A-F]{6}$/.test(String(fx.color || ""))) { return; }
    targets(this.body, fx).forEach(function (n) {
      if (getComputedStyle(n).position === "static") { n.style.position = "relative"; }
      var c = n.cloneNode(true);
      [c].concat(Array.prototype.slice.call(c.querySelectorAll("*"))).forEach(function (x) {
        COPY_DROP.forEach(function (a) { x.removeAttribute(a); });
        x.style.color = fx.color;  // headings and links carry their own colour
        x.style.opacity = "";
      });
      Array.prototype.forEach.call(c.querySelectorAll("[data-colour-copy]"), function (x) { x.parentNode.removeChild(x); });
      c.setAttribute("data-colour-copy", "1");
      c.setAttribute("aria-hidden", "true");
      styled(c, { position: "absolute", left: "0", top: "0", width: "100%", height: "100%", margin: "0",
                  boxSizing: "border-box", borderWidth: "0", background: "transparent", boxShadow: "none",
                  display: "block", listStyle: "none", pointerEvents: "none", color: fx.color, opacity: "0",
                  transform: "none" });
      n.appendChild(c);
      var done = function () {  // landed: the block itself takes the colour, the copies go
        [n].concat(Array.prototype.slice.call(n.querySelectorAll("*"))).forEach(function (x) {
          if (!x.closest("[data-colour-copy]")) { x.style.color = fx.color; }
        });
        Array.prototype.forEach.call(n.querySelectorAll(":scope > [data-colour-copy]"), function (o) {
          n.removeChild(o);
        });
        if (window.CS_H5) { window.CS_H5.steps = self.state(); }
      };
      if (instant || !c.animate) { done(); return; }
      var a = c.animate([{ opacity: 0 }, { opacity: 1 }], { duration: Math.max(1, fx.dur * 1000),
                                                         delay: fx.delay * 1000, fill: "both", easing: "linear" });
      self.running.push(a);
      a.onfinish = function () { done(); a.cancel(); };
    });
  };

  Stepper.prototype.next = function () {
    for (var i = 0; i < this.steps.length; i++) {
      if (!this.played[i] && this.steps[i].trigger === "click") { this.play(i); return true; }
    }
    return false;
  };

  Stepper.prototype.tapped = function (tap) {
    for (var i = 0; i < this.steps.length; i++) {
      if (!this.played[i] && this.steps[i].trigger === "shape" && this.steps[i].tap === tap) { this.play(i); return; }
    }
  };

  Stepper.prototype.remaining = function () {
    var n = 0, self = this;
    this.steps.forEach(function (s, i) { if (!self.played[i] && s.trigger === "click") { n++; } });
    return n;
  };

  Stepper.prototype.state = function () {
    return { total: this.steps.length, played: this.played.filter(Boolean).length, remaining: this.remaining(),
             hidden: this.body.querySelectorAll('[data-step-hidden="1"]').length };
  };

  Stepper.prototype.label = function () {
    var nb = document.querySelector(".nav-next");
    if (!nb) { return; }
    if (!nb.getAttribute("data-page-label")) { nb.setAttribute("data-page-label", nb.textContent); }
    if (this.remaining() > 0) {
      if (!nb.hasAttribute("data-page-disabled")) { nb.setAttribute("data-page-disabled", nb.disabled ? "1" : "0"); }
      nb.textContent = "下一步 ›";
      nb.disabled = false;  // the last page can still have steps to play
    } else {
      nb.textContent = nb.getAttribute("data-page-label");
      if (nb.hasAttribute("data-page-disabled")) { nb.disabled = nb.getAttribute("data-page-disabled") === "1"; }
    }
  };

  Stepper.prototype.detach = function () {
    this.running.forEach(function (a) { try { a.cancel(); } catch (e) { /* finished */ } });
    this.running = [];
    var nb = document.querySelector(".nav-next");
    if (nb && nb.getAttribute("data-page-label")) { nb.textContent = nb.getAttribute("data-page-label"); }
    if (nb) { nb.removeAttribute("data-page-label"); nb.removeAttribute("data-page-disabled"); }
  };

  function styled(node, css) {
    Object.keys(css).forEach(function (k) { node.style[k] = css[k]; });
    return node;
  }

  var FILL = { display: "block", width: "100%", height: "100%", minWidth: "0", maxWidth: "none", margin: "0",
               border: "0", borderRadius: "0", position: "absolute", left: "0", top: "0" };

  function pct(v) { return (Math.max(-1, Math.min(2, Number(v) || 0)) * 100).toFixed(3) + "%"; }

  // Picture page: the slide picture (its animated shapes removed) with each animated shape as a
  // transparent picture placed over it; the stage clips what flies in from outside the slide.
  function buildStage(page, img, mediaSrc) {
    var stage = document.createElement("span");
    stage.className = "anim-stage";  // player.css: sized like the picture, also when zoomed
    img.parentNode.insertBefore(stage, img);
    stage.appendChild(img);
    (page.stage.layers || []).forEach(function (L, i) {
      var src = mediaSrc(L.src);
      if (!src) { return; }
      var box = styled(document.createElement("span"), { position: "absolute", left: pct(L.x), top: pct(L.y),
                                                          width: pct(L.w), height: pct(L.h), display: "block" });
      box.className = "anim-layer";
      box.setAttribute("data-layer", String(i));
      var pic = styled(document.createElement("img"), FILL);
      pic.src = src;
      pic.alt = "";
      box.appendChild(pic);
      (L.colours || []).forEach(function (key, j) {
        var c = mediaSrc(key);
        if (!c) { return; }
        var o = styled(document.createElement("img"), FILL);
        o.src = c;
        o.alt = "";
        o.style.opacity = "0";
        o.setAttribute("data-colour", String(j));
        box.appendChild(o);
      });
      stage.appendChild(box);
    });
    (page.stage.taps || []).forEach(function (t) {
      var b = t.box || [0, 0, 0, 0];
      var z = styled(document.createElement("span"), { position: "absolute", left: pct(b[0]), top: pct(b[1]),
                                                        width: pct(b[2]), height: pct(b[3]), display: "block",
                                                        cursor: "pointer" });
      z.setAttribute("data-tapzone", "z" + t.id);
      z.setAttribute("aria-label", "点击播放动画");
      z.addEventListener("click", function (e) { e.stopPropagation(); });  // a tap plays, it does not zoom
      stage.appendChild(z);
    });
    return stage;
  }

  window.CSSteps = {
    attach: function (page, body, main) {
      if (!page || !page.steps || !page.steps.length) { return null; }
      var st = new Stepper(page, body, main);
      if (window.CS_H5) { window.CS_H5.steps = st.state(); }
      return st;
    },
    attachStage: function (page, img, main, mediaSrc) {
      if (!page || !page.stage || !page.steps || !page.steps.length || !img || !img.parentNode) { return null; }
      return this.attach(page, buildStage(page, img, mediaSrc), main);
    }
  };
})();
