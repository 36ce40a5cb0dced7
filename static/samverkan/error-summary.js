// Move focus to the error summary after a refused form, so that a screen reader reads it first.
(function () {
  var summary = document.getElementById("felsammanfattning");
  if (summary) { summary.focus(); }
})();
