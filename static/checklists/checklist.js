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

  /* Each item is saved on its own. An item changed but not saved is marked as such, and
     leaving the page (or posting another item without this script's fetch) asks first, so a
     change is never lost silently. */
  function entryForm(element) {
    var form = element && element.form;
    return form && form.classList.contains("js-entry-form") ? form : null;
  }

  function setDirty(form, dirty) {
    var note = document.getElementById("unsaved-" + form.dataset.item);
    if (dirty) form.dataset.dirty = "1"; else delete form.dataset.dirty;
    if (note) note.hidden = !dirty;
  }

  function markChanged(event) {
    var form = entryForm(event.target);
    if (form) setDirty(form, true);
  }
  document.addEventListener("input", markChanged);
  document.addEventListener("change", markChanged);

  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form.js-entry-form[data-dirty]")) {
      event.preventDefault();
      event.returnValue = "";
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
        setDirty(form, false);
        var carried = document.getElementById("carried-" + form.dataset.item);
        if (carried) carried.remove();
        var areaText = updateProgress(data.area);
        var overallText = updateProgress(data.overall);
        var list = document.getElementById("history-" + form.dataset.item);
        if (list) list.innerHTML = data.history;
        // The statuses the saved one may move to, from the service's table.
        form.querySelectorAll("input.js-status").forEach(function (radio) {
          radio.disabled = data.allowed.indexOf(radio.value) === -1;
        });
        announce(data.message + " " + areaText + ". " + overallText + ".");
      })
      .catch(function () {
        // Network or server trouble: fall back to an ordinary post (this item's change is
        // the one being sent, so it no longer counts as unsaved).
        setDirty(form, false);
        HTMLFormElement.prototype.submit.call(form);
      })
      .finally(function () { button.disabled = false; });
  });
})();
