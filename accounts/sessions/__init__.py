"""Django's database session engines, with the session row read through a query compiled once
(core.compiled): every signed-in request reads it, and building that query through the ORM
cost more than running it. Chosen by familjeombud.settings.base.session_engine_for."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from core.compiled import CompiledQuery


def _session_query(_shape, key, now):
    return Session.objects.filter(session_key=key, expire_date__gt=now)


_SESSION = CompiledQuery(
    _session_query,
    key=Session._meta.get_field("session_key"),
    now=Session._meta.get_field("expire_date"),
)


class CompiledRead:
    """Mixed into a database SessionStore: the same answer as its _get_session_from_db, the
    session if it exists and has not expired, else None with the key forgotten."""

    def _get_session_from_db(self):
        key = self.session_key
        found = _SESSION.instances(key=key, now=timezone.now()) if key else []
        if found:
            return found[0]
        self._session_key = None
        return None
