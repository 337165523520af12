"""The one error type for the user: every feature's refusals derive from ForumError.

A service raises a ForumError (a subclass named after its feature) when a
request cannot be done; the message is written for the person who asked and is
translated. One handler (forum.main.errors) rolls the session back and answers:
on a page it flashes the message and redirects; under /api it answers JSON with
the error's status. A view catches a feature error only to answer differently,
for example to put the message beside a form field.
"""

from typing import Any

from flask import jsonify

API_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
}


class ForumError(Exception):
    """A request that cannot be done; `messages` say why, for the user (lazy strings welcome).

    `status` is the HTTP status of the JSON answer under /api; a page redirects
    instead, to `redirect_to` when the error names a place, else back.
    """

    status: int = 400

    def __init__(
        self, *messages: object, status: int | None = None, redirect_to: str | None = None
    ) -> None:
        super().__init__(*messages)
        self.messages = list(messages)
        if status is not None:
            self.status = status
        self.redirect_to = redirect_to

    @property
    def message(self) -> str:
        """The messages as one text, in the current request's language."""
        return " ".join(str(m) for m in self.messages)

    def __str__(self) -> str:
        return self.message

    def details(self) -> dict[str, Any]:
        """More keys for the JSON answer (such as a message per field); none by default."""
        return {}


def error_response(status: int, message: str, **extra: Any) -> tuple[Any, int]:
    """The API's JSON error answer: {"error": <short code>, "message": ..., **extra}."""
    body = {"error": API_ERROR_CODES.get(status, "conflict"), "message": message, **extra}
    return jsonify(body), status
