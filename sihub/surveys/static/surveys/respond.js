/* Answering a survey: skip logic on the page, and copying the resume link.
 *
 * Progressive enhancement only: without this file the server does the same
 * (a question brought up by an answer on the page is shown after "Next").
 * A question wrapper with data-show-if="<field name>" and data-show-values="a,b"
 * is shown while that field on the same page has one of the values; a hidden
 * question's inputs are disabled, so they are not sent (the server drops them
 * too). Wrappers come in questionnaire order and conditions point backwards,
 * so one pass settles chains of conditions.
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

  function update(form, announce) {
    var appeared = false;
    form.querySelectorAll("[data-show-if]").forEach(function (wrap) {
      var inputs = inputsNamed(form, wrap.getAttribute("data-show-if"));
      if (!inputs.length) { return; } // a question of an earlier page: the server decided
      var wanted = (wrap.getAttribute("data-show-values") || "").split(",");
      var show = valuesOf(inputs).some(function (v) { return wanted.indexOf(v) !== -1; });
      if (show && wrap.hidden) { appeared = true; }
      wrap.hidden = !show;
      wrap.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = !show; });
    });
    var live = form.querySelector("[data-survey-live]");
    if (announce && appeared && live) {
      live.textContent = form.getAttribute("data-appeared-text") || "";
    }
  }

  function setUpForm(form) {
    if (!form.querySelector("[data-show-if]")) { return; }
    update(form, false);
    form.addEventListener("change", function () { update(form, true); });
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
