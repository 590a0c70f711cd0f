/* [data-print] buttons ("In bài", "In biên nhận"): print the page with the print stylesheet. They start hidden,
   since without this script they would do nothing. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
