/* A page that follows something running (a recompute the reader asked to follow, a running import) refreshes
   itself without JavaScript by a <meta http-equiv="refresh"> inside <noscript>. Where this script runs it asks for
   the page in the background instead and puts the new state of the marked region ([data-follow], an aria-live
   region) in place: no reload, the reader keeps their place and focus, and a screen reader hears what changed.
   When the page no longer follows (the run is done), its main content takes the new state and the region's
   data-follow-done text is announced. */
(function () {
  "use strict";
  var region = document.querySelector("[data-follow]");
  if (!region || !window.fetch || !window.DOMParser) {
    return;
  }
  var seconds = Math.max(2, parseInt(region.getAttribute("data-follow"), 10) || 5);
  var done = region.getAttribute("data-follow-done") || "";

  function announce(text) {
    var box = document.getElementById("follow-announcement");
    if (!box) {
      box = document.createElement("p");
      box.id = "follow-announcement";
      box.className = "visually-hidden";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    box.textContent = text;
  }

  var failures = 0;

  function tick() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Follow": "1" } })
      .then(function (response) {
        if (response.redirected) {
          window.location.reload(); // signed out meanwhile: the real page shows the sign-in
          throw new Error("redirected");
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        failures = 0;
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-follow]");
        if (fresh) {
          if (fresh.innerHTML !== region.innerHTML) {
            region.innerHTML = fresh.innerHTML;
          }
          window.setTimeout(tick, seconds * 1000);
          return;
        }
        var main = document.querySelector("main");
        var freshMain = page.querySelector("main");
        if (main && freshMain) {
          // Focus inside the old content would fall back to the page's start: keep it in the main region.
          var hadFocus = main.contains(document.activeElement);
          main.innerHTML = freshMain.innerHTML;
          document.title = page.title;
          if (hadFocus) {
            main.focus();
          }
        }
        announce(done);
      })
      .catch(function () {
        // No answer (the network, a restart): ask again later, less often.
        failures += 1;
        window.setTimeout(tick, seconds * 1000 * Math.min(2 + failures, 12));
      });
  }

  window.setTimeout(tick, seconds * 1000);
})();
