/* After a failed submit, move the keyboard and screen-reader focus to the form's error summary
   ([data-error-summary]), so the citizen hears what to fix and can follow its links to each field. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  if (summary.scrollIntoView) { summary.scrollIntoView({ block: "start" }); }
}());
