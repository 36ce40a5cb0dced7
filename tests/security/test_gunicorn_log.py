"""gunicorn's own access and error logs go through the personnummer mask (issue 20): a real
gunicorn started with the portal's config file (as `make serve` does) and its access log
turned on writes a search for a personnummer with the number masked."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

NUMBER = "20150314-1010"
PATHS = [f"/stodpaket/sok/?q={NUMBER}", f"/finns-inte/{NUMBER.replace('-', '')}/"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_and_log(tmp_path: Path, *config: str) -> str:
    """Start gunicorn with its access log on stdout, ask for PATHS, stop it; its output."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(gunicorn), *config, "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--access-logfile", "-", "--error-logfile", "-", "familjeombud.wsgi"],
            cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    for path in PATHS:
                        # Any answer is logged; its status does not matter here.
                        with contextlib.suppress(urllib.error.HTTPError):
                            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
                    break
                except (ConnectionError, urllib.error.URLError):
                    assert process.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, "gunicorn svarade inte"
                    time.sleep(0.2)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    return log.read_text()


def test_gunicorns_access_log_masks_a_personnummer_in_the_url(tmp_path):
    output = serve_and_log(tmp_path, "-c", "gunicorn.conf.py")
    access = [line for line in output.splitlines() if "GET /" in line]
    assert len(access) == len(PATHS), output
    assert all("[personnummer]" in line for line in access), access
    assert NUMBER not in output and NUMBER.replace("-", "") not in output


def test_without_the_config_file_the_number_reaches_the_log(tmp_path):
    """The test above can fail: gunicorn's default logger writes the URL as it came."""
    output = serve_and_log(tmp_path, "-c", "/dev/null")
    assert NUMBER in output


def test_make_serve_starts_gunicorn_with_the_config_file():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    serve = makefile.split("\nserve:")[1].split("\n\n")[0]
    assert "gunicorn -c gunicorn.conf.py" in serve
