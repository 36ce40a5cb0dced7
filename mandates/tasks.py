from django_tasks import task

from . import ahead


@task()
def make_pdfs_ahead(version: int) -> str:
    return ahead.make_ahead(version)
