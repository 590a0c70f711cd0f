/* Counting beacon: tells /dem/ that this page was seen, then writes the fresh numbers into the page.
   The page HTML may come from a cache; the numbers this returns never do. */
(function () {
  "use strict";
  var el = document.getElementById("news-counter");
  if (!el || !window.fetch || !window.URLSearchParams) { return; }
  // URL-encoded, not FormData: the server parses it several times faster than a multipart body.
  var body = new URLSearchParams();
  body.append("p", el.getAttribute("data-portal") || "");
  if (el.hasAttribute("data-article")) { body.append("a", el.getAttribute("data-article")); }
  function showVisits(n) {
    document.querySelectorAll('[data-counter="visits"]').forEach(function (box) {
      var text = String(n);
      var width = Math.max(8, text.length);
      while (text.length < width) { text = "0" + text; }
      var digits = box.querySelectorAll(".visit-counter__digit");
      if (digits.length !== text.length) {
        digits.forEach(function (d) { d.remove(); });
        for (var i = 0; i < text.length; i++) {
          var span = document.createElement("span");
          span.className = "visit-counter__digit";
          span.setAttribute("aria-hidden", "true");
          box.appendChild(span);
        }
        digits = box.querySelectorAll(".visit-counter__digit");
      }
      digits.forEach(function (d, i) { d.textContent = text.charAt(i); });
      var label = box.querySelector("[data-counter-text]");
      if (label) { label.textContent = String(n); }
    });
  }
  function showViews(n) {
    document.querySelectorAll('[data-counter="views"]').forEach(function (node) { node.textContent = String(n); });
  }
  function send(form, again) {
    return fetch(el.getAttribute("data-url"), { method: "POST", body: form, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.visits !== null && data.visits !== undefined) { showVisits(data.visits); }
        if (data.views !== null && data.views !== undefined) { showViews(data.views); }
        if (data.confirm && again) {
          // First page of a session: the answer set the visit cookie; sending it back counts the visit
          // (only the portal, so the view is not reported twice). Once: a browser without cookies stops here.
          var confirm = new URLSearchParams();
          confirm.append("p", el.getAttribute("data-portal") || "");
          return send(confirm, false);
        }
      });
  }
  send(body, true).catch(function () { /* counting is best effort for the reader; the page is already shown */ });
})();
