"""Every input in an admin changelist row gets an accessible name.

Django renders list_editable cells as bare widgets under a column header, so a screen reader
meets an unnamed "Ordning" field in every row (axe 'label', WCAG 1.3.1 and 4.1.2). The mixin
gives each widget an aria-label naming the column and the row's object. Tabular inlines are
labelled by templates/admin/edit_inline/tabular.html instead, with the same wording.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The same msgid as the tabular inline template's labels.
ROW_LABEL = gettext_noop("%(field)s för %(row)s")


def innermost(widget):
    """The widget that renders the <input>: RelatedFieldWidgetWrapper keeps it in .widget
    (and after a deepcopy its own .attrs still points at the original's dict)."""
    while hasattr(widget, "widget"):
        widget = widget.widget
    return widget


class LabelledRowForm:
    """Mixed in before a changelist ModelForm: names each visible widget after its field and
    the row it edits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = innermost(field.widget)
            if widget.is_hidden:
                continue
            label = capfirst(field.label or "")
            if self.instance.pk is not None:
                label = _(ROW_LABEL) % {"field": label, "row": self.instance}
            widget.attrs["aria-label"] = label


class LabelledChangelistMixin:
    """For ModelAdmins with list_editable: the changelist's row forms carry labelled widgets."""

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return type(form.__name__, (LabelledRowForm, form), {})
