/* Answering a survey: skip logic on the page, exclusive answers, and copying the resume link.
 *
 * Progressive enhancement only: without this file the server does the same
 * (a question brought up by an answer on the page is shown after "Next").
 * A question wrapper with data-show-if="<field name>" and data-show-values="a,b"
 * is shown while that field on the same page has one of the values; with
 * data-show-op=">=" (or ">", "<=", "<") and one number in data-show-values, while
 * the field's answer compares so with that number. A wrapper of a comparison
 * without data-show-op is left as the server rendered it (it cannot be told
 * from "one of"). A hidden question's inputs are disabled, so they are not sent
 * (the server drops them too). Wrappers come in questionnaire order and
 * conditions point backwards, so one pass settles chains of conditions.
 *
 * A checkbox with data-exclusive (e.g. "None of these") cannot be ticked with
 * another box of its question: ticking it unticks the others, ticking another
 * unticks it, and the live region says so (the server refuses the combination).
 */
(function () {
  "use strict";

  function inputsNamed(form, name) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
  }

  function valuesOf(inputs) {
    var out = [];
    inputs.forEach(function (el) {
      if (el.disabled) { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { out.push(el.value); }
      } else if (el.value.trim()) {
        out.push(el.value.trim());
      }
    });
    return out;
  }

  // A number as people type it ("1 200", "12,5"), as the server reads it; NaN if not one.
  function toNumber(text) {
    var cleaned = text.replace(/[\s\u00a0]/g, "").replace("\u2212", "-").replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned) ? parseFloat(cleaned) : NaN;
  }

  var COMPARE = {
    ">=": function (a, b) { return a >= b; },
    ">": function (a, b) { return a > b; },
    "<=": function (a, b) { return a <= b; },
    "<": function (a, b) { return a < b; }
  };

  // Whether the wrapper should be shown; null when this script cannot tell.
  function wanted(wrap, inputs) {
    var op = wrap.getAttribute("data-show-op");
    var values = (wrap.getAttribute("data-show-values") || "").split(",");
    var answers = valuesOf(inputs);
    if (op && COMPARE[op]) {
      var limit = toNumber(values[0] || "");
      if (values.length !== 1 || isNaN(limit)) { return null; }
      return answers.some(function (v) {
        var n = toNumber(v);
        return !isNaN(n) && COMPARE[op](n, limit);
      });
    }
    if (op && op !== "in") { return null; }
    var typed = inputs.some(function (el) { return el.type !== "radio" && el.type !== "checkbox"; });
    if (!op && typed) { return null; } // a typed number is only ever compared
    return answers.some(function (v) { return values.indexOf(v) !== -1; });
  }

  function update(form, announce) {
    var appeared = false;
    form.querySelectorAll("[data-show-if]").forEach(function (wrap) {
      var inputs = inputsNamed(form, wrap.getAttribute("data-show-if"));
      if (!inputs.length) { return; } // a question of an earlier page: the server decided
      var show = wanted(wrap, inputs);
      if (show === null) { return; } // the server decides after "Next"
      if (show && wrap.hidden) { appeared = true; }
      wrap.hidden = !show;
      wrap.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = !show; });
    });
    var live = form.querySelector("[data-survey-live]");
    if (announce && appeared && live) {
      live.textContent = form.getAttribute("data-appeared-text") || "";
    }
  }

  // After a box of a question with an exclusive answer changed: untick what cannot go with it.
  function exclude(form, box) {
    if (box.type !== "checkbox" || !box.checked) { return; }
    var others = inputsNamed(form, box.name).filter(function (el) {
      return el !== box && el.checked &&
        (box.hasAttribute("data-exclusive") || el.hasAttribute("data-exclusive"));
    });
    if (!others.length) { return; }
    others.forEach(function (el) { el.checked = false; });
    var wrap = box.closest("[data-exclusive-text]");
    var live = form.querySelector("[data-survey-live]");
    if (wrap && live) { live.textContent = wrap.getAttribute("data-exclusive-text") || ""; }
  }

  function setUpForm(form) {
    var logic = !!form.querySelector("[data-show-if]");
    var exclusive = !!form.querySelector("input[data-exclusive]");
    if (!logic && !exclusive) { return; }
    if (logic) { update(form, false); }
    form.addEventListener("change", function (event) {
      if (exclusive && event.target) { exclude(form, event.target); }
      if (logic) { update(form, true); }
    });
  }

  function setUpCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) { return; }
    var status = button.parentNode.querySelector("[data-copy-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        if (status) { status.textContent = button.getAttribute("data-copied-text") || ""; }
      }, function () { target.select(); });
    });
  }

  function init() {
    document.querySelectorAll("form[data-survey-form]").forEach(setUpForm);
    document.querySelectorAll("button[data-copy]").forEach(setUpCopy);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
