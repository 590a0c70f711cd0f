// Recording opinions in the room: each entry is posted with fetch and the page never reloads. Entries that could
// not be sent (no connection) are kept in localStorage and sent again; the one-time client_key makes a repeat
// harmless. Without this script the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("dl-record");
  if (!form || !window.fetch || !window.FormData) { return; }
  var storeKey = "dialogues-pending:" + window.location.pathname;
  var status = form.querySelector(".dl-status");
  var list = document.getElementById("dl-opinions");
  var fields = ["speaker_name", "neighbourhood", "content", "spot_answer", "spot_answered_by"];
  var sending = false;

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + Math.random().toString(36).slice(2);
  }
  function pending() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function savePending(items) {
    try { window.localStorage.setItem(storeKey, JSON.stringify(items)); } catch (e) { /* private mode */ }
  }
  function say(text) { status.textContent = text; }
  function field(name) { return form.elements[name]; }
  function csrf() { return field("csrfmiddlewaretoken").value; }

  function showErrors(errors) {
    form.querySelectorAll(".dl-error").forEach(function (node) { node.remove(); });
    Object.keys(errors || {}).forEach(function (name) {
      var input = field(name);
      var note = document.createElement("p");
      note.className = "error-message dl-error";
      note.textContent = errors[name].join(" ");
      if (input && input.parentNode) { input.parentNode.appendChild(note); } else { status.before(note); }
    });
  }
  function updateCounts(counts) {
    Object.keys(counts).forEach(function (name) {
      document.querySelectorAll("[data-count=" + name + "]").forEach(function (node) {
        node.textContent = counts[name];
      });
    });
  }
  function post(entry) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf());
    Object.keys(entry).forEach(function (name) { data.append(name, entry[name]); });
    return fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": csrf()}
    }).then(function (response) {
      return response.json().then(function (body) { return {status: response.status, body: body}; });
    });
  }
  function accepted(body) {
    if (!body.duplicate) {
      var holder = document.createElement("tbody");
      holder.innerHTML = body.row;
      if (holder.firstElementChild) { list.insertBefore(holder.firstElementChild, list.firstChild); }
    }
    updateCounts(body.counts);
  }
  function flush() {
    if (sending) { return; }
    var items = pending();
    if (!items.length) { return; }
    sending = true;
    var entry = items[0];
    post(entry).then(function (result) {
      sending = false;
      var rest = pending().slice(1);
      savePending(rest);
      if (result.status < 300) {
        accepted(result.body);
        say(form.dataset.saved.replace("%s", result.body.number));
      } else {
        fields.forEach(function (name) { if (field(name)) { field(name).value = entry[name]; } });
        showErrors(result.body.errors);
        say(form.dataset.refused);
      }
      flush();
    }).catch(function () {
      sending = false;
      say(form.dataset.offline.replace("%s", pending().length));
      window.setTimeout(flush, 5000);
    });
  }
  function submit(event) {
    event.preventDefault();
    var entry = {client_key: newKey()};
    fields.forEach(function (name) { entry[name] = field(name) ? field(name).value : ""; });
    if (!entry.content.trim()) {
      showErrors({content: [form.dataset.empty]});
      field("content").focus();
      return;
    }
    showErrors({});
    savePending(pending().concat([entry]));
    fields.forEach(function (name) { if (field(name)) { field(name).value = ""; } });
    field(fields[0]).focus();
    say(form.dataset.sending);
    flush();
  }
  form.addEventListener("submit", submit);
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { submit(event); }
  });
  field(fields[0]).focus();
  flush();
}());
