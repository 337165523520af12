"""Gunicorn settings for forum: `gunicorn -c gunicorn.conf.py wsgi:app`.

Everything can be tuned from the environment without editing this file:
FORUM_BIND (127.0.0.1:8000), WEB_CONCURRENCY (workers, default 2 x cores + 1),
FORUM_THREADS (threads per worker, 4), FORUM_TIMEOUT (30 s), FORUM_CONTROL_SOCKET (off).
See docs/deployment.md for sizing.
"""

import multiprocessing
import os
import traceback

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

# gunicorn 25+ opens a control socket for `gunicornc` at one path per user by default
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl): a second gunicorn of the same
# user (the forum of another event, a bench beside production) takes that path over, and
# gunicornc then steers the wrong server. The forum needs no control socket (systemd starts,
# reloads and stops it), so it is off; FORUM_CONTROL_SOCKET gives an instance its own path.
control_socket = os.environ.get("FORUM_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

accesslog = "-"
# gunicorn writes the access line; the app's own line (FORUM_ACCESS_LOG) would repeat it.
os.environ.setdefault("FORUM_ACCESS_LOG", "false")
errorlog = "-"
loglevel = os.environ.get("FORUM_LOG_LEVEL", "info").lower()
# The request id the app returns (X-Request-ID) ties access lines to app log lines.
# ForumLogger.access() writes exactly this layout: change both together (another format,
# set with --access-logformat, is written by gunicorn's own code).
FORUM_ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s "%(a)s"'
access_log_format = FORUM_ACCESS_LOG_FORMAT


def _quoted(value: object) -> str:
    return str(value).replace('"', '\\"')  # as gunicorn's own atoms are


class ForumLogger(Logger):
    """Gunicorn's logger, writing the line of FORUM_ACCESS_LOG_FORMAT from the few values it
    shows. Gunicorn's generic atoms() copies every request header, response header and
    environ entry into dictionaries on every request: a twentieth of a door scan's CPU.

    Secrets in URLs (reset, confirmation and calendar tokens) are masked by the app's
    RedactFilter on the access logger, whatever the format. The app attaches it when it
    loads; so does the first access line of each worker, for when the app failed to load
    (gunicorn --reload then serves an error page). Not in setup(): that runs in the
    master, where importing the app's code would keep its old modules across a reload.
    """

    def setup(self, cfg):
        super().setup(cfg)  # also run on reload: the format may have changed
        self.own_format = cfg.access_log_format == FORUM_ACCESS_LOG_FORMAT
        self.masking = False

    def access(self, resp, req, environ, request_time):
        if not self.masking:
            self._mask_secrets()
        if not self.own_format:
            return super().access(resp, req, environ, request_time)
        if not self.access_log_enabled:
            return
        try:
            self.access_log.info(self._access_line(resp, environ, request_time))
        except Exception:  # as gunicorn's own: a log line never fails a request
            self.error(traceback.format_exc())

    def _mask_secrets(self):
        from forum.ops.logging import RedactFilter

        if not any(isinstance(f, RedactFilter) for f in self.access_log.filters):
            self.access_log.addFilter(RedactFilter())
        self.masking = True

    @staticmethod
    def _access_line(resp, environ, request_time) -> str:
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        request_id = next((v for k, v in resp.headers if k.lower() == "x-request-id"), "-")
        milliseconds = request_time.seconds * 1000 + request_time.microseconds // 1000
        address = environ.get("REMOTE_ADDR", "-")
        request_line = _quoted(
            f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}"
        )
        sent = "-" if getattr(resp, "sent", None) is None else resp.sent
        agent = _quoted(environ.get("HTTP_USER_AGENT", "-"))
        return (
            f'{address} "{request_line}" {status} {sent} {milliseconds}ms '
            f'rid={_quoted(request_id)} "{agent}"'
        )


logger_class = ForumLogger
