"""Times pages in-process with the cache emptied first, one request per line on stdin.

bench/run.py keeps one of these per data size and asks both right after each other for the same
page, so the shared machine's drifting load weighs on 1× and 10× alike (as for wrk)."""

import json
import sys

import django

PREFIX = "TIMER "


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.test import Client

    from bench.prepare import uncached_ms

    for line in sys.stdin:
        request = json.loads(line)
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        if request.get("cookie"):
            client.cookies[settings.SESSION_COOKIE_NAME] = request["cookie"]
        try:
            ms = uncached_ms(client, request["url"])
        except Exception as exc:  # report, keep serving the driver
            print(f"timer: {request['url']}: {exc}", file=sys.stderr, flush=True)
            ms = None
        print(PREFIX + json.dumps({"uncached_ms": ms}), flush=True)


if __name__ == "__main__":
    main()
