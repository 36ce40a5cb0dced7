"""gunicorn's own logs (its error log and, when an operator turns it on, its access log) go
through the portal's personnummer mask like every other log line: a search URL such as
`/stodpaket/sok/?q=20150314-1010` is written with the number masked (issue 20)."""

from gunicorn import glogging

from .logging import MaskPersonnummerFilter


class MaskedLogger(glogging.Logger):
    """gunicorn's logger with the mask on both of its loggers, whatever handlers the operator
    configures (files, stdout, syslog, a logging config): a logger's filter sees every record
    made on it before any handler does."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, MaskPersonnummerFilter) for f in log.filters):
                log.addFilter(MaskPersonnummerFilter())
