"use strict";
// Accessible names for what Django admin's own scripts draw without one (WCAG 4.1.2):
// select2 comboboxes of autocomplete fields are named by their field's <label> as well as by
// the chosen value, and filter_horizontal's search icons get the role their aria-label needs.
// Runs after the admin's scripts: on load, and just after a new inline row is initialised.
{
    const nameAutocompletes = (root) => {
        root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
            const label = select.labels && select.labels[0];
            const container = select.nextElementSibling;
            if (!label || !container || !container.classList.contains("select2")) {
                return;
            }
            if (!label.id) {
                label.id = select.id + "-label";
            }
            const rendered = container.querySelector(".select2-selection__rendered");
            const combobox = container.querySelector("[role=combobox]");
            if (rendered) {
                rendered.setAttribute("aria-labelledby", label.id);
            }
            if (combobox) {
                const ids = [label.id, rendered && rendered.id].filter(Boolean);
                combobox.setAttribute("aria-labelledby", ids.join(" "));
            }
        });
    };
    const roleForIcons = (root) => {
        root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
            icon.setAttribute("role", "img");
        });
    };
    const name = (root) => {
        nameAutocompletes(root);
        roleForIcons(root);
    };
    window.addEventListener("load", () => name(document));
    document.addEventListener("formset:added", (event) => {
        setTimeout(() => name(event.target), 0);
    });
}
