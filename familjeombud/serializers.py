"""Django's JSON fixture format without its one loss: times keep their microseconds.

Registered as "json" in settings.SERIALIZATION_MODULES, so `manage.py dumpdata` writes it and
`loaddata` reads it (reading is Django's own: parse_datetime takes microseconds). Django's encoder
cuts datetimes to milliseconds (ECMA-262's format), so a dump loaded back differed from the rows
it was made from, and the order of log entries written in the same millisecond was lost;
tests/operations/test_dump_and_load.py compares every row."""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoJSONSerializer

__all__ = ["Deserializer", "LosslessJSONEncoder", "Serializer"]


class LosslessJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(DjangoJSONSerializer):
    def _init_options(self):
        super()._init_options()
        if self.json_kwargs["cls"] is DjangoJSONEncoder:
            self.json_kwargs["cls"] = LosslessJSONEncoder
