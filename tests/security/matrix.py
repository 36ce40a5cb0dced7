"""The vocabulary of the authorization matrix: roles, expected answers, rows, and the walk over
every URL pattern that the resolver knows."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "user_without_unit",
    "unit_member",
    "other_unit_member",
    "familjeombud",
    "case_owner",
    "clinician",
    "region_strategist",
    "staff",  # is_staff without any permission: the admin lets them in, and nothing more
    "administrator",
)

OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "login"  # a redirect to the portal's or the admin's login page
REDIRECT = "redirect"  # a redirect anywhere else (e.g. a step that is not due yet)


def expect(default, **by_role) -> dict[str, object]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"okända roller: {unknown}"
    return {role: by_role.get(role, default) for role in ROLES}


PUBLIC = expect(OK)
SIGNED_IN = expect(OK, anonymous=LOGIN)


@dataclass(frozen=True)
class Row:
    name: str  # the URL name with its namespace, as reverse() takes it
    expected: dict[str, object]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    query: str = ""
    method: str = "get"  # "post" (with no data) for URLs that answer a GET with 405 only

    def url(self, world) -> str:
        url = reverse(self.name, kwargs=self.kwargs(world))
        return f"{url}?{self.query}" if self.query else url


def walk(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str | None]]:
    """Every (route, namespaced name) that the resolver can answer, includes followed."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}" if pattern.name else None


def answer(response) -> object:
    """What a role got, in the matrix's words."""
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith((reverse("login"), reverse("admin:login"))):
            return LOGIN
        return REDIRECT
    return response.status_code
