"""One audit path: services write every entry, inside the transaction of what it records; every
detail is masked on the way in; a purged case takes its audit rows' free text with it; views
never write the log themselves."""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from familjeombud.auditlog import extract
from samverkan.management.commands.purge_cases import purge_closed_cases
from samverkan.models import AuditAction, AuditEntry, Case
from samverkan.services import cases as cs
from samverkan.services import errors, reading
from samverkan.services.errors import CaseError

from .conftest import VALID_PNR

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def glass(client, case, reason):
    return client.post(
        reverse("samverkan:break_glass"), {"case_id": str(case.pk), "reason": reason}
    )


def test_a_break_glass_reason_is_stored_without_personnummer_or_names(admin_client, planned_case):
    cs_guardian = planned_case.guardians.get().name
    reason = f"Barnet {VALID_PNR} akut, {planned_case.child_name} och {cs_guardian} hörde av sig"
    response = glass(admin_client, planned_case, reason)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(case=planned_case, action=AuditAction.BREAK_GLASS)
    assert entry.detail == "Barnet [personnummer] akut, [namn] och [namn] hörde av sig"
    listing = admin_client.get(reverse("admin:samverkan_auditentry_changelist")).content.decode()
    assert VALID_PNR not in listing and planned_case.child_name not in listing


def test_the_log_extract_of_a_break_glass_holds_no_child_name(admin_client, planned_case):
    glass(admin_client, planned_case, f"Gäller {planned_case.child_name}, 20121212-1212")
    owner = planned_case.created_by
    rows = extract.extract_rows(planned_case)
    text = " ".join(r.detail for r in rows)
    assert planned_case.child_name.split()[0] not in text and "1212-1212" not in text
    assert owner.get_username() in {r.username for r in rows}


def test_break_glass_is_a_service_that_refuses_without_permission_reason_or_case(
    planned_case, clinician, admin_user
):
    for actor, case_id, reason, message in [
        (clinician, planned_case.pk, "Tillsyn", errors.BREAK_GLASS_NOT_ALLOWED),
        (admin_user, planned_case.pk, "  ", errors.BREAK_GLASS_REASON),
        (admin_user, None, "Tillsyn", errors.BREAK_GLASS_NOT_FOUND),
    ]:
        with pytest.raises(CaseError) as refused:
            reading.case_break_glass(actor=actor, case_id=case_id, reason=reason)
        assert str(refused.value) == message
    assert not AuditEntry.objects.filter(action=AuditAction.BREAK_GLASS).exists()


def test_purging_a_case_takes_the_free_text_of_its_audit_rows_and_keeps_the_rest(
    admin_client, planned_case, clinician
):
    glass(admin_client, planned_case, f"Oro för {planned_case.child_name}")
    cs.case_close(case=planned_case, actor=clinician, reason="Klart")
    before = list(
        AuditEntry.objects.filter(case_ref=planned_case.pk)
        .order_by("id")
        .values_list("who_username", "when", "action")
    )
    later = timezone.now() + datetime.timedelta(days=settings.CASE_RETENTION_DAYS + 1)
    assert purge_closed_cases(now=later) == 1
    after = AuditEntry.objects.filter(case_ref=planned_case.pk).order_by("id")
    assert list(after.values_list("who_username", "when", "action")) == before
    assert set(after.values_list("detail", flat=True)) == {""}
    assert not Case.objects.filter(pk=planned_case.pk).exists()


def test_an_export_whose_rendering_fails_leaves_no_export_entry(planned_case, clinician):
    def broken():
        raise RuntimeError("renderingen föll")

    with pytest.raises(RuntimeError):
        reading.case_export(actor=clinician, case=planned_case, what="Test (PDF)", render=broken)
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORTED).exists()
    assert (
        reading.case_export(
            actor=clinician, case=planned_case, what="Test (PDF)", render=lambda: b"ok"
        )
        == b"ok"
    )
    assert AuditEntry.objects.get(action=AuditAction.EXPORTED).detail == "Test (PDF)"


def test_a_pdf_export_is_audited_inside_the_rendering_transaction(
    client, planned_case, clinician, monkeypatch
):
    from django.db import connection

    from samverkan.views import documents

    seen = []

    def spy(template, context, request):
        seen.append(
            (
                connection.in_atomic_block,
                AuditEntry.objects.filter(action=AuditAction.EXPORTED).count(),
            )
        )
        return b"%PDF-1.4 spy"

    monkeypatch.setattr(documents, "render_pdf", spy)
    client.force_login(clinician)
    client.get(reverse("samverkan:consent_pdf", kwargs={"pk": planned_case.pk}))
    assert seen == [(True, 1)]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_no_view_writes_the_audit_log_itself():
    views = [*(ROOT / "samverkan" / "views").glob("*.py"), ROOT / "familjeombud/auditlog/views.py"]
    for path in views:
        imported = _imports(path)
        assert not {n for n in imported if "services.audit" in n}, path
        assert "AuditEntry.objects" not in path.read_text(), path


def test_the_audit_writer_is_imported_by_services_only():
    """Relative imports inside samverkan/services/ are services by definition; elsewhere only
    the log extract's service and the management commands (purge, demo data) may write."""
    allowed = {
        ROOT / "familjeombud/auditlog/extract.py",
        *(ROOT / "samverkan/management/commands").glob("*.py"),
    }
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or path.parts[len(ROOT.parts)] in ("tests", "bench"):
            continue
        if "samverkan/services" in str(path.relative_to(ROOT)):
            continue
        if any(n.startswith("samverkan.services.audit") for n in _imports(path)):
            assert path in allowed, path


def test_the_clinician_permission_is_named_once():
    hits = [
        p
        for p in ROOT.glob("*/**/*.py")
        if ".venv" not in p.parts
        and p.parts[len(ROOT.parts)] not in ("tests", "bench")
        and "migrations" not in p.parts
        and '"samverkan.add_case"' in p.read_text()
    ]
    assert hits == [ROOT / "samverkan" / "access.py"]
