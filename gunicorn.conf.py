"""gunicorn settings for production (`make serve`; pass `-c gunicorn.conf.py` elsewhere too).
Bind address and workers stay on the command line (BIND, WEB_CONCURRENCY)."""

wsgi_app = "familjeombud.wsgi"
# Every line gunicorn itself logs goes through the portal's personnummer mask.
logger_class = "familjeombud.gunicorn_logging.MaskedLogger"
