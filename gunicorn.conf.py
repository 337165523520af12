"""Gunicorn settings for forum: `gunicorn -c gunicorn.conf.py wsgi:app`.

Everything can be tuned from the environment without editing this file:
FORUM_BIND (127.0.0.1:8000), WEB_CONCURRENCY (workers, default 2 x cores + 1),
FORUM_THREADS (threads per worker, 4), FORUM_TIMEOUT (30 s).
See docs/deployment.md for sizing.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("FORUM_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker wait on the database for one request while serving another.
worker_class = "gthread"
threads = int(os.environ.get("FORUM_THREADS", 4))
timeout = int(os.environ.get("FORUM_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (slow leaks in libraries); jitter avoids all at once.
# Not too often: starting a worker costs about a second of CPU, and the door scanners
# alone can send hundreds of requests a second during the opening rush.
max_requests = 20000
max_requests_jitter = 2000
# Big photo uploads are capped by the app (MAX_CONTENT_LENGTH); limit headers here.
limit_request_line = 8190
limit_request_fields = 100

# The reverse proxy (nginx, Caddy) terminates HTTPS on this host; the app trusts its
# X-Forwarded-* headers through FORUM_PROXY_FIX_* (see docs/deployment.md).
forwarded_allow_ips = os.environ.get("FORUM_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
# gunicorn writes the access line; the app's own line (FORUM_ACCESS_LOG) would repeat it.
os.environ.setdefault("FORUM_ACCESS_LOG", "false")
errorlog = "-"
loglevel = os.environ.get("FORUM_LOG_LEVEL", "info").lower()
# The request id the app returns (X-Request-ID) ties access lines to app log lines.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s "%(a)s"'


class RedactingLogger(Logger):
    """Gunicorn's logger, with reset, confirmation and calendar tokens masked in URLs."""

    URL_ATOMS = ("r", "U", "q", "f")

    def setup(self, cfg):
        super().setup(cfg)
        # Only the URL atoms the line shows are redacted (atoms() runs on every request).
        self.shown_url_atoms = [k for k in self.URL_ATOMS if f"%({k})s" in cfg.access_log_format]

    def atoms(self, resp, req, environ, request_time):
        from forum.ops.logging import redact

        atoms = super().atoms(resp, req, environ, request_time)
        for key in self.shown_url_atoms:
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


logger_class = RedactingLogger
