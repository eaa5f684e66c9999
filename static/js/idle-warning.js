/* Before the 30-minute idle timeout ends a session, say so, with a button that keeps the session going
   (weerthuis/kept_input.py, still_here). Progressive enhancement: without JavaScript a form sent too late is kept
   for after signing in again. The texts come from data attributes on <body>, translated by the page. */
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var url = body.getAttribute("data-still-here-url");
  var token = document.querySelector('meta[name="csrf-token"]');
  if (!seconds || !url || !token || !window.fetch) {
    return;
  }
  var warnBefore = Math.min(120, seconds / 4);
  var box = null;
  var timer = null;

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(warn, (seconds - warnBefore) * 1000);
  }

  function warn() {
    if (!box) {
      box = document.createElement("div");
      box.className = "idle-warning";
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-labelledby", "idle-warning-text");
      var text = document.createElement("p");
      text.id = "idle-warning-text";
      text.textContent = body.getAttribute("data-idle-text");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "primary";
      button.textContent = body.getAttribute("data-idle-button");
      button.addEventListener("click", stay);
      box.appendChild(text);
      box.appendChild(button);
      body.insertBefore(box, body.firstChild);
    }
    box.hidden = false;
    box.querySelector("button").focus();
  }

  function stay() {
    window.fetch(url, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": token.content}})
      .then(function (response) {
        if (response.status === 204) {
          box.hidden = true;
          schedule();
        } else {
          box.querySelector("p").textContent = body.getAttribute("data-idle-gone");
        }
      });
  }

  schedule();
}());
