"""Django's database session engines, with the session row read through a query compiled once
(core.compiled): every signed-in request reads it, and building that query through the ORM
cost more than running it. Chosen by familjeombud.settings.base.session_engine_for."""

from django.utils import timezone

from core.compiled import CompiledQuery


def _build(model):
    return lambda _shape, key, now: model.objects.filter(session_key=key, expire_date__gt=now)


class CompiledRead:
    """Mixed into a database SessionStore: the same answer as its _get_session_from_db, the
    session if it exists and has not expired, else None with the key forgotten."""

    _reads: dict = {}

    @classmethod
    def _read(cls, model) -> CompiledQuery:
        if model not in cls._reads:
            meta = model._meta
            cls._reads[model] = CompiledQuery(
                _build(model),
                key=meta.get_field("session_key"),
                now=meta.get_field("expire_date"),
            )
        return cls._reads[model]

    def _get_session_from_db(self):
        key = self.session_key
        found = self._read(self.model).instances(key=key, now=timezone.now()) if key else []
        if found:
            return found[0]
        self._session_key = None
        return None
