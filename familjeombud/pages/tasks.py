from django_tasks import task

from familjeombud.models import AccessibilityReport


@task()
def mail_accessibility_report(report_pk: int) -> str:
    from .services import mail_report

    report = AccessibilityReport.objects.filter(pk=report_pk).first()
    if report is None:  # removed in admin before the worker got to it
        return "borttagen"
    mail_report(report)
    return "skickad"
