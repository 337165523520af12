"""One commit point per request (as in Indico).

Views and services change the database session and never commit: when the view
has answered, the request's work is committed once if the answer is a success
(2xx or 3xx, a redirect after a form included) and rolled back otherwise (a 4xx
refusal, an error page). A view that must drop part of its work and still answer
200 (a form shown again with its errors) rolls back itself, as before.

The commit runs before any other after-request step, so a commit that fails
(the database went away, a deferred constraint) becomes an error page, is logged
with it, and the browser never sees a success for work that was not kept. Mails
and tasks queued during the request leave only after this commit (forum/mail).

CLI commands and background work commit themselves: they are their own unit of work.
"""

from flask import Flask
from werkzeug.wrappers import Response

from forum.extensions import db


def commit_or_roll_back(response: Response) -> Response:
    """Keep the request's work only when its answer is a success."""
    if response.status_code < 400:
        db.session.commit()
    else:
        db.session.rollback()
    return response


def init_app(app: Flask) -> None:
    """Register last: Flask runs after-request functions last registered first."""
    app.after_request(commit_or_roll_back)
