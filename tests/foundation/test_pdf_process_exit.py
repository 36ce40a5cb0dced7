"""A process that has written a PDF ends cleanly: a management command, a task worker or a
gunicorn worker that made one must not die with SIGSEGV at exit (it did while the fonts and
parsed style sheets cached by core.pdf were freed in the interpreter's teardown)."""

import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from familjeombud.management.commands.dev_setup import fixture_files
call_command("migrate", verbosity=0)
call_command("loaddata", *fixture_files(), verbosity=0)
response = Client().get("/stodpaket/hela-stodpaketet.pdf")
assert response.status_code == 200 and response.content.startswith(b"%PDF")
"""


def test_a_process_that_wrote_a_pdf_exits_with_status_zero():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.test",
        "DATABASE_URL": "sqlite://:memory:",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
