"""Handing a mail to the SMTP server (FORUM_MAIL_SERVER), or to instance/outbox/ without one,
and reading the server's answer: accepted, refused for good (5xx), or try again later.
"""

import enum
import logging
import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

log = logging.getLogger(__name__)


class Verdict(enum.Enum):
    SENT = "sent"
    REFUSED = "refused"  # a permanent (5xx) answer about this mail: do not try again
    DEFERRED = "deferred"  # a temporary answer about this mail: try again later
    UNREACHABLE = "unreachable"  # no server to talk to: every waiting mail tries later


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    answer: str


class AnswerKeepingSMTP(smtplib.SMTP):
    """smtplib.SMTP that keeps the server's answer to DATA ("250 2.0.0 Ok: queued as ...")."""

    data_answer: tuple[int, bytes] = (0, b"")

    def data(self, msg):
        self.data_answer = super().data(msg)
        return self.data_answer


def _answer(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"[:1000]


def _by_code(code: int, text: bytes | str) -> Outcome:
    verdict = Verdict.REFUSED if 500 <= code < 600 else Verdict.DEFERRED
    return Outcome(verdict, _answer(code, text))


class Transport:
    """One connection for a run of mails, opened when the first one is sent."""

    def __init__(self) -> None:
        config = current_app.config
        self.server = config.get("MAIL_SERVER")
        self.port = int(config.get("MAIL_PORT") or 25)
        self.timeout = float(config.get("MAIL_TIMEOUT") or 20)
        self.use_tls = bool(config.get("MAIL_USE_TLS"))
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.outbox = Path(config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")
        self._smtp: AnswerKeepingSMTP | None = None

    def __enter__(self) -> "Transport":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def send(self, message: EmailMessage) -> Outcome:
        if not self.server:
            return self._write_file(message)
        try:
            smtp = self._connection()
        except smtplib.SMTPResponseException as error:  # a greeting or login refused
            self._drop()
            return Outcome(Verdict.UNREACHABLE, _answer(error.smtp_code, error.smtp_error))
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            return Outcome(Verdict.UNREACHABLE, f"could not connect: {error}"[:1000])
        try:
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:  # one recipient per mail
            code, text = next(iter(error.recipients.values()))
            return _by_code(code, text)
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            return _by_code(error.smtp_code, error.smtp_error)
        except smtplib.SMTPNotSupportedError as error:  # e.g. an address needing SMTPUTF8
            return Outcome(Verdict.REFUSED, f"not supported by the server: {error}"[:1000])
        except smtplib.SMTPServerDisconnected as error:
            self._drop()
            return Outcome(Verdict.UNREACHABLE, f"the server closed the connection: {error}")
        except smtplib.SMTPResponseException as error:
            self._drop()
            return _by_code(error.smtp_code, error.smtp_error)
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            return Outcome(Verdict.UNREACHABLE, f"lost the connection: {error}"[:1000])
        return Outcome(Verdict.SENT, _answer(*smtp.data_answer))

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self._drop()

    def _connection(self) -> AnswerKeepingSMTP:
        if self._smtp is None:
            smtp = AnswerKeepingSMTP(self.server, self.port, timeout=self.timeout)
            try:
                if self.use_tls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
        self._smtp = None

    def _write_file(self, message: EmailMessage) -> Outcome:
        """No mail server (development, tests): the mail goes to a file and the log."""
        self.outbox.mkdir(parents=True, exist_ok=True)
        path = self.outbox / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(message))
        log.info(
            "No mail server set: mail %r to %s written to %s",
            message["Subject"],
            message["To"],
            path,
        )
        return Outcome(Verdict.SENT, f"written to {path.name} (no mail server set)")
