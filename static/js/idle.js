// The warning before an idle log-in ends (WCAG 2.2.1 Timing Adjustable). The server ends a
// log-in after a while without requests; typing on a page makes none. So, counted from when
// the page loaded: a dialog warns ahead of the end, and "Stay logged in" renews the log-in with
// one request. Nobody answers? Just before the end, the page's form (the one its language
// switch takes along) is posted to be kept, and the log-in ends there; after logging in
// again, the page comes back as it was. The times come from the dialog (templates/base.html).
(function () {
  "use strict";
  var dialog = document.getElementById("idle-warning");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var status = document.getElementById("idle-status");
  var stay = dialog.querySelector("[data-stay]");
  var warnAfter = Number(dialog.dataset.warnAfter) * 1000;
  var saveAfter = Number(dialog.dataset.saveAfter) * 1000;
  var form = dialog.dataset.form ? document.getElementById(dialog.dataset.form) : null;
  var warnTimer = null;
  var saveTimer = null;
  var lastRequest = Date.now();

  function saveAndLeave() {
    // A page left in the background can wake up after the log-in has ended: posting then
    // would only lead to the log-in page.
    if (!form || Date.now() - lastRequest > saveAfter + 50 * 1000) {
      return;
    }
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "timeout";
    form.appendChild(action);
    form.submit();
  }

  function warn() {
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function start() {
    lastRequest = Date.now();
    window.clearTimeout(warnTimer);
    window.clearTimeout(saveTimer);
    warnTimer = window.setTimeout(warn, warnAfter);
    saveTimer = window.setTimeout(saveAndLeave, saveAfter);
  }

  stay.addEventListener("click", function () {
    stay.disabled = true;
    fetch(dialog.dataset.keepAlive, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": dialog.dataset.csrf },
      redirect: "manual",
    })
      .then(function (response) {
        if (response.status === 204) {
          start();
          dialog.close();
          status.textContent = status.dataset.message;
        }
      })
      .finally(function () {
        stay.disabled = false;
      });
  });

  start();
})();
