// Theory of change: on hover or focus of a box, highlight it, its links and the boxes
// they join. Progressive enhancement only: the page works the same without it.
(function () {
  "use strict";
  var svg = document.querySelector(".toc-diagram");
  if (!svg) { return; }

  function clear() {
    svg.classList.remove("is-focused");
    svg.querySelectorAll(".is-connected").forEach(function (el) { el.classList.remove("is-connected"); });
  }

  function highlight(id) {
    clear();
    svg.classList.add("is-focused");
    var ids = {};
    ids[id] = true;
    svg.querySelectorAll(".toc-link, .toc-marker").forEach(function (el) {
      var source = el.getAttribute("data-source");
      var target = el.getAttribute("data-target");
      if (source === id || target === id) {
        el.classList.add("is-connected");
        ids[source] = true;
        ids[target] = true;
      }
    });
    svg.querySelectorAll(".toc-box").forEach(function (box) {
      if (ids[box.getAttribute("data-element")]) { box.classList.add("is-connected"); }
    });
  }

  svg.querySelectorAll(".toc-box").forEach(function (box) {
    var id = box.getAttribute("data-element");
    box.addEventListener("mouseenter", function () { highlight(id); });
    box.addEventListener("focusin", function () { highlight(id); });
    box.addEventListener("mouseleave", clear);
    box.addEventListener("focusout", clear);
  });
}());
