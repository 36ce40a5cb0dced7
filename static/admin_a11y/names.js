"use strict";
// Accessible names for what Django admin's own scripts draw without one (WCAG 4.1.2):
// select2 comboboxes of autocomplete fields are named by their field's <label> as well as by
// the chosen value, and filter_horizontal's search icons get the role their aria-label needs.
// The admin draws these at different moments (jQuery's ready, window load, a new inline row),
// so every addition to the page is looked at as it happens.
{
    const setAttribute = (element, name, value) => {
        if (element.getAttribute(name) !== value) {
            element.setAttribute(name, value);
        }
    };
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
                setAttribute(rendered, "aria-labelledby", label.id);
            }
            if (combobox) {
                const ids = [label.id, rendered && rendered.id].filter(Boolean);
                setAttribute(combobox, "aria-labelledby", ids.join(" "));
            }
        });
    };
    const roleForIcons = (root) => {
        root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
            icon.setAttribute("role", "img");
        });
    };
    const name = () => {
        nameAutocompletes(document);
        roleForIcons(document);
    };
    // Only added and removed nodes are watched, so the attributes set here cause no new round.
    new MutationObserver(name).observe(document.documentElement, {childList: true, subtree: true});
    name();
}
