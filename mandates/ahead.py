"""PDFs made ahead: after content changes, a queue worker renders the area PDFs and the whole
package for the new content version and stores them in the shared page cache, under the same
keys a visitor's request uses (cache.cached_public_page), so visitors get them from the cache at
once. Until the worker has done so, a visitor's request renders the PDF itself, as before.

A content save bumps the version (cache.bump_version); the task is queued when the transaction
commits, once per version (a save of a hundred rows in one transaction queues one task: the
others find it waiting), and a task whose version has been overtaken by a newer one does
nothing: the newer task does it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory
from django.urls import resolve, reverse


def queue_after_commit(using: str) -> None:
    if using != "default":  # the queue and the cache belong to the default database
        return
    transaction.on_commit(_queue, using=using)


def _queue() -> None:
    from django_tasks_db.models import DBTaskResult

    from .cache import current_version
    from .tasks import make_pdfs_ahead

    version = current_version()
    waiting = DBTaskResult.objects.ready().filter(
        task_path=make_pdfs_ahead.module_path, args_kwargs={"args": [version], "kwargs": {}}
    )
    if not waiting.exists():
        make_pdfs_ahead.enqueue(version)


def pdf_paths() -> list[str]:
    from .queries import areas_with_content

    slugs = areas_with_content().values_list("slug", flat=True)
    areas = [reverse("mandates:area_pdf", kwargs={"slug": slug}) for slug in slugs]
    return [*areas, reverse("mandates:package_pdf")] if areas else []


def anonymous_request(path: str):
    """A visitor's GET of `path` on the portal's own address (SITE_URL), without cookies."""
    site = urlsplit(settings.SITE_URL)
    secure = site.scheme == "https"
    request = RequestFactory().get(
        path,
        secure=secure,
        SERVER_NAME=site.hostname,
        SERVER_PORT=str(site.port or (443 if secure else 80)),
        HTTP_HOST=site.netloc,
    )
    request.user = AnonymousUser()
    return request


def make_ahead(version: int) -> str:
    from .cache import current_version

    if current_version() != version:
        return "en nyare version görs"
    made = 0
    for path in pdf_paths():
        match = resolve(path)
        response = match.func(anonymous_request(path), *match.args, **match.kwargs)
        made += response.status_code == 200
    return f"{made} PDF:er för version {version}"
