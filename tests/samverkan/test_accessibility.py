"""The case pages' forms for keyboard and screen-reader users: one summary of every error at
the top, each linked to its field; radio groups in a fieldset with a legend; no inline style
or script (the Content-Security-Policy forbids them)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_refused_form_starts_with_an_error_summary_linking_to_each_field(
    client, consented_case, clinician
):
    client.force_login(clinician)
    html = client.post(
        reverse("samverkan:meeting_book", kwargs={"pk": consented_case.pk}), {"form": ""}
    ).content.decode()
    summary = html[
        html.index('id="felsammanfattning"') : html.index("</div>", html.index("felsammanfattning"))
    ]
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == ["id_form_0", "id_date", "id_time"]
    for target in links:
        assert f'id="{target}"' in html
    main = html[html.index("<main") :]
    assert main.index("felsammanfattning") < main.index('<form method="post"')
    assert "samverkan/error-summary.js" in html


def test_the_plan_form_summary_links_to_the_action_rows_fields(client, planned_case, clinician):
    client.force_login(clinician)
    html = client.post(
        reverse("samverkan:plan_edit", kwargs={"pk": planned_case.pk}),
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-need": "Något",
            "participants": "",
        },
    ).content.decode()
    assert 'href="#id_items-0-action"' in html and 'id="id_items-0-action"' in html
    assert 'href="#id_participants"' in html


def test_a_form_without_errors_has_no_error_summary(client, consented_case, clinician):
    client.force_login(clinician)
    html = client.get(
        reverse("samverkan:meeting_book", kwargs={"pk": consented_case.pk})
    ).content.decode()
    assert "felsammanfattning" not in html.split("<script")[0]


def test_radio_groups_are_fieldsets_with_a_legend(client, consented_case, clinician):
    client.force_login(clinician)
    html = client.get(
        reverse("samverkan:meeting_book", kwargs={"pk": consented_case.pk})
    ).content.decode()
    fieldset = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert "<legend" in fieldset and 'type="radio"' in fieldset


def test_the_case_page_has_one_h1_headings_in_order_and_no_inline_style_or_script(
    client, planned_case, clinician
):
    client.force_login(clinician)
    html = client.get(
        reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk})
    ).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    levels = [int(n) for n in re.findall(r"<h([1-6])", main)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert " style=" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_each_copy_button_names_the_journal_it_is_for(client, planned_case, clinician):
    client.force_login(clinician)
    html = client.get(
        reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk})
    ).content.decode()
    buttons = re.findall(r'<button[^>]*copy-button[^>]*aria-describedby="([^"]+)"', html)
    assert buttons, "the oral consent gives at least one journal note"
    for described_by in buttons:
        assert f'id="{described_by}"' in html
    assert html.count('class="visually-hidden copy-status" role="status"') == len(buttons)


def test_break_glass_without_a_reason_lists_the_error_in_the_summary(client, admin_user):
    client.force_login(admin_user)
    html = client.post(
        reverse("samverkan:break_glass"), {"case_id": "", "reason": ""}
    ).content.decode()
    main = html[html.index("<main") :]
    assert 'id="felsammanfattning"' in main
    assert 'href="#id_case_id"' in main and 'href="#id_reason"' in main
