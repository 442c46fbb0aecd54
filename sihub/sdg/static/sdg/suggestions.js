/* SDG suggestions: accept or reject the goals the classifier suggests.
 *
 * Used by the Wagtail panel (sdg/admin/suggestions_panel.html) and by the
 * members' forms (sdg/includes/suggestions_member.html). htmx fetches the
 * suggestion list; this file only reacts to the buttons in it:
 *
 * - Accept ticks the goal's checkbox in the form (the field named by
 *   data-sdg-field; checkbox values are goal numbers or primary keys, as
 *   data-sdg-value says) and, where the form has one, records the decision in
 *   the hidden input [data-sdg-decisions] as {"accepted": [..], "rejected": [..]}.
 * - Reject hides the suggestion and records that too.
 *
 * Every change is announced in the root's status region; the messages come,
 * translated, from the root's data-msg-* attributes ("{goal}" is replaced).
 * No inline script, no eval: CSP allows scripts from 'self' only.
 */
(function () {
  "use strict";
  if (window.sihubSdgSuggestions) { return; }  // included twice: listen once
  window.sihubSdgSuggestions = true;

  var ROOT = "[data-sdg-suggest]";
  var ITEM = "[data-sdg-suggestion]";

  function rootOf(element) {
    return element && element.closest ? element.closest(ROOT) : null;
  }

  function message(root, name, item) {
    var text = root.getAttribute("data-msg-" + name) || "";
    return item ? text.replace("{goal}", item.getAttribute("data-label") || "") : text;
  }

  function announce(root, text) {
    var status = root.querySelector("[data-sdg-status]");
    if (!status) { return; }
    // Clear first so that the same message twice in a row is read again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function readDecisions(input) {
    var empty = { accepted: [], rejected: [] };
    if (!input || !input.value) { return empty; }
    try {
      var parsed = JSON.parse(input.value);
      return {
        accepted: Array.isArray(parsed.accepted) ? parsed.accepted : [],
        rejected: Array.isArray(parsed.rejected) ? parsed.rejected : []
      };
    } catch (error) {
      return empty;
    }
  }

  function record(root, goal, decision) {
    var input = root.querySelector("[data-sdg-decisions]");
    if (!input) { return; }  // members' forms record nothing (editors decide later)
    var decisions = readDecisions(input);
    var other = decision === "accepted" ? "rejected" : "accepted";
    decisions[other] = decisions[other].filter(function (g) { return g !== goal; });
    if (decisions[decision].indexOf(goal) === -1) { decisions[decision].push(goal); }
    input.value = JSON.stringify(decisions);
  }

  function checkboxFor(root, item) {
    var form = root.closest("form");
    if (!form) { return null; }
    var value = root.getAttribute("data-sdg-value") === "number"
      ? item.getAttribute("data-goal") : item.getAttribute("data-goal-pk");
    var name = root.getAttribute("data-sdg-field") || "sdgs";
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].name === name && boxes[i].value === value) { return boxes[i]; }
    }
    return null;
  }

  function visibleItems(root) {
    return Array.prototype.filter.call(root.querySelectorAll(ITEM), function (item) {
      return !item.hidden;
    });
  }

  // Where focus goes when a suggestion disappears: the next one, the one
  // before, or the button that asks for suggestions.
  function focusAfterRemoving(root, item) {
    var items = visibleItems(root);
    var index = items.indexOf(item);
    var next = items[index + 1] || items[index - 1];
    var target = next ? next.querySelector("[data-sdg-action]")
      : root.querySelector("[data-sdg-suggest-button]");
    item.hidden = true;
    if (!next) {
      var empty = root.querySelector("[data-sdg-empty]");
      if (empty) { empty.hidden = false; }
    }
    if (target) { target.focus(); }
  }

  function decide(button) {
    var root = rootOf(button);
    var item = button.closest(ITEM);
    if (!root || !item) { return; }
    var goal = parseInt(item.getAttribute("data-goal"), 10);
    if (button.getAttribute("data-sdg-action") === "accept") {
      var box = checkboxFor(root, item);
      if (!box) {
        announce(root, message(root, "missing", item));
        return;
      }
      if (!box.checked) {
        box.checked = true;
        // Let the form (Wagtail's unsaved-changes check, other scripts) know.
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
      record(root, goal, "accepted");
      announce(root, message(root, "accepted", item));
    } else {
      record(root, goal, "rejected");
      announce(root, message(root, "rejected", item));
    }
    focusAfterRemoving(root, item);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-sdg-action]") : null;
    if (button && rootOf(button)) {
      event.preventDefault();
      decide(button);
    }
  });

  // The server leaves out goals already ticked or rejected in this form; this
  // catches what changed meanwhile (a box ticked by hand while waiting).
  function tidy(root) {
    var decisions = readDecisions(root.querySelector("[data-sdg-decisions]"));
    Array.prototype.forEach.call(root.querySelectorAll(ITEM), function (item) {
      var goal = parseInt(item.getAttribute("data-goal"), 10);
      var box = checkboxFor(root, item);
      if (decisions.rejected.indexOf(goal) !== -1 || (box && box.checked)) {
        item.hidden = true;
      }
    });
    var empty = root.querySelector("[data-sdg-empty]");
    if (empty && root.querySelector(ITEM) && visibleItems(root).length === 0) {
      empty.hidden = false;
    }
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var root = rootOf(event.detail.elt);
    if (root) {
      root.querySelector("[data-sdg-results]").setAttribute("aria-busy", "true");
      announce(root, message(root, "working"));
    }
  });

  // "Too much text" and "too many requests" come with a message to show.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var root = rootOf(event.detail.elt);
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (root && (status === 413 || status === 429)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var root = rootOf(event.detail.target);
    if (!root) { return; }
    root.querySelector("[data-sdg-results]").removeAttribute("aria-busy");
    tidy(root);
    var summary = root.querySelector("[data-sdg-summary]");
    if (summary) { announce(root, summary.getAttribute("data-sdg-summary")); }
  });

  function failed(event) {
    var root = rootOf(event.detail.elt);
    if (root) {
      root.querySelector("[data-sdg-results]").removeAttribute("aria-busy");
      announce(root, message(root, "error"));
    }
  }
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);

  function tidyAll() {
    Array.prototype.forEach.call(document.querySelectorAll(ROOT), tidy);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tidyAll);
  } else {
    tidyAll();
  }
}());
