// The triage inbox: a "select all" checkbox for the bulk form. Without
// JavaScript the checkbox stays hidden and each row is ticked by hand.
(function () {
  "use strict";
  var all = document.querySelector("[data-inbox-select-all]");
  if (!all) {
    return;
  }
  var label = document.querySelector("[data-inbox-select-all-label]");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-inbox-select]"));
  all.hidden = false;
  if (label) {
    label.hidden = false;
  }
  all.addEventListener("change", function () {
    boxes.forEach(function (box) {
      box.checked = all.checked;
    });
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    });
  });
})();
