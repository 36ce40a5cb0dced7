"""Formsets that refuse an absurd row count before they build a single form (issue 20).

A formset trusts the posted TOTAL_FORMS to decide how many forms to build, validate and render
again; `items-TOTAL_FORMS=2000` (fullwidth digits work as well: int() reads them) made one small
POST re-render 2,000 rows for 20 seconds. A bounded formset answers such a post with a Swedish
400 at once: no page offers more rows than its max_num.
"""

from django import forms
from django.core.exceptions import BadRequest
from django.forms.formsets import TOTAL_FORM_COUNT
from django.shortcuts import render

TOO_MANY_ROWS = (
    "Formuläret skickade fler rader än sidan kan ha. Ladda om sidan och fyll i det igen."
)


class TooManyRows(BadRequest):
    pass


class BoundedFormSet(forms.BaseFormSet):
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if self.is_bound:
            raw = self.data.get(self.add_prefix(TOTAL_FORM_COUNT), "")
            try:
                count = int(raw)
            except (TypeError, ValueError):
                return  # the management form reports a missing or broken count itself
            if not 0 <= count <= self.max_num:
                raise TooManyRows(TOO_MANY_ROWS)


def bounded_formset_factory(form, *, max_num: int, extra: int = 1, **kwargs):
    """formset_factory with the page's own row limit enforced three times over: the posted
    count (a 400), max_num with validate_max, and absolute_max (what Django builds at most)."""
    return forms.formset_factory(
        form,
        formset=BoundedFormSet,
        extra=extra,
        max_num=max_num,
        validate_max=True,
        absolute_max=max_num,
        **kwargs,
    )


def too_many_rows_response(request, error: TooManyRows):
    return render(request, "400.html", {"message": str(error)}, status=400)
