/* Saves one checklist item without reloading the page; without this script the same forms
   post normally. Results are announced in the page's aria-live region. */
(function () {
  "use strict";
  var announcer = document.getElementById("checklist-announcer");

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 100);
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function describe(text, p) {
    if (p.percent === null) return text.dataset.none;
    return text.dataset.template
      .replace("{done}", p.done)
      .replace("{applicable}", p.applicable)
      .replace("{percent}", p.percent);
  }

  function updateProgress(p) {
    var bar = document.getElementById("progress-" + p.key);
    var text = document.getElementById("progress-" + p.key + "-text");
    if (!bar || !text) return "";
    bar.max = Math.max(p.applicable, 1);
    bar.value = p.done;
    bar.textContent = (p.percent || 0) + " %";
    text.textContent = describe(text, p);
    return text.textContent;
  }

  function syncReason(form) {
    var checked = form.querySelector("input.js-status:checked");
    var reason = form.querySelector("textarea.js-reason");
    if (!reason) return;
    var required = checked && checked.value === "ej_aktuell";
    reason.required = required;
    reason.setAttribute("aria-required", required ? "true" : "false");
  }

  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("js-status")) {
      syncReason(event.target.form);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("js-entry-form")) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    var error = form.querySelector(".entry-error");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(form), "Accept": "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.ok) {
          error.textContent = data.error;
          error.hidden = false;
          announce(data.error);
          return;
        }
        error.hidden = true;
        error.textContent = "";
        var areaText = updateProgress(data.area);
        var overallText = updateProgress(data.overall);
        var list = document.getElementById("history-" + form.dataset.item);
        if (list) list.innerHTML = data.history;
        announce(data.message + " " + areaText + ". " + overallText + ".");
      })
      .catch(function () {
        // Network or server trouble: fall back to an ordinary post.
        HTMLFormElement.prototype.submit.call(form);
      })
      .finally(function () { button.disabled = false; });
  });
})();
