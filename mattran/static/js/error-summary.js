/* After a failed submit, move the keyboard and screen-reader focus to the form's error summary
   ([data-error-summary]), so the citizen hears what to fix and can follow its links to each field.
   Done again once the page has loaded: a form posted to a URL with a #fragment (e.g. "#gop-y") is scrolled to
   that fragment at load, which takes the focus away in Chromium. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  function focusSummary() {
    summary.focus();
    if (summary.scrollIntoView) { summary.scrollIntoView({ block: "start" }); }
  }
  focusSummary();
  window.addEventListener("load", function () { window.setTimeout(focusSummary, 0); });
}());
