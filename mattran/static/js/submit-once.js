/* Forms marked data-submit-once: disable their [data-once] buttons after the first submit, so a double click
   sends one form (the server also ignores a second identical submission). */
document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("button[data-once]").forEach(function (b) { setTimeout(function () { b.disabled = true; }, 0); });
  });
});
