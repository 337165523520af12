"""Attachments: a mail row names them, the worker builds them when it sends.

A row's `attachments` is a list of references such as
{"kind": "badge_pdf", "registration_id": 42}. A feature registers the builder
of a kind once:

    @attachment_kind("badge_pdf")
    def badge_pdf(registration_id: int) -> Attachment:
        ...
        return Attachment("badge.pdf", "application/pdf", data)

so a mailing of thousands stores a few bytes per row, and each file is built
(in the worker, in an app context, with the data of that moment) only when
its mail leaves. A builder that raises makes the attempt fail and be retried.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf", "text/calendar", ...
    data: bytes


class AttachmentError(RuntimeError):
    """A reference names no registered kind, or its builder could not build it."""


_BUILDERS: dict[str, Callable[..., Attachment]] = {}


def attachment_kind(kind: str) -> Callable[[Callable[..., Attachment]], Callable[..., Attachment]]:
    """Register the builder of the attachments of `kind` (a decorator)."""

    def register(builder: Callable[..., Attachment]) -> Callable[..., Attachment]:
        _BUILDERS[kind] = builder
        return builder

    return register


def build(reference: dict) -> Attachment:
    """The attachment a reference names."""
    parameters = dict(reference)
    kind = parameters.pop("kind", None)
    builder = _BUILDERS.get(kind)
    if builder is None:
        raise AttachmentError(f"no attachment of kind {kind!r} is known")
    return builder(**parameters)
