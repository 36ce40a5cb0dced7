// Copy a journal note's text to the clipboard; the text stays selectable without script.
// The result is also said in the note's status region, since the button keeps focus.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".copy-button");
  if (!button) { return; }
  var target = document.getElementById(button.dataset.copyTarget);
  if (!target || !navigator.clipboard) { return; }
  navigator.clipboard.writeText(target.textContent.trim()).then(function () {
    button.textContent = "Kopierat";
    var status = button.parentElement.querySelector(".copy-status");
    if (status) { status.textContent = "Texten är kopierad."; }
  });
});
