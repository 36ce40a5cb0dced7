"""A person's browser reduced to what the scale-out test needs: cookies kept between requests,
redirects not followed, forms read back from the HTML the server sent."""

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlencode


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormReader(HTMLParser):
    """The values a browser would submit for the form with `form_id`, else the first POST form."""

    def __init__(self, form_id: str | None = None):
        super().__init__()
        self.form_id = form_id
        self._done = False
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and not self._done:
            self._in_form = self.form_id is None or a.get("id") == self.form_id
        if not self._in_form or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))

    def handle_data(self, data):
        if self._textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_fields(html: str, form_id: str | None = None) -> dict[str, str]:
    reader = FormReader(form_id)
    reader.feed(html)
    return dict(reader.fields)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "sidan har inget formulär med CSRF-token"
    return match.group(1)


class Browser:
    """One person's cookies, sent to whichever app server the load balancer picks."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, base: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            text = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if value in {"", '""'}:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
            return response.status, text

    def get(self, base: str, path: str) -> tuple[int, str]:
        return self.request(base, path)

    def post(self, base: str, path: str, data: dict) -> tuple[int, str]:
        return self.request(base, path, data)

    def submit(self, base: str, path: str, form_id: str, **changes) -> tuple[int, str]:
        """GET the page, take its form as the browser would fill it, change some fields, POST."""
        status, html = self.get(base, path)
        assert status == 200, f"{path}: {status}"
        return self.post(base, path, {**form_fields(html, form_id), **changes})
