// After a failed submit, move focus to the form's error summary so a screen reader reads it first; a link in it
// puts the cursor in its field. Progressive enhancement: without JavaScript the summary is the first thing in
// the form and the page title starts with "Fout:".
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView();
    }
  });
})();
