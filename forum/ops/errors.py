"""Input the database cannot hold is a bad request, not a server error.

PostgreSQL refuses integers beyond 32 bits and malformed values with a
DataError; SQLite accepts them. Path ids are bounded by the `int` converter
(below), so /x/99999999999 is a plain 404 on both; values inside JSON bodies
that reach the database unchecked get a 400 from the handler.
"""

from flask import Flask
from sqlalchemy.exc import DataError
from werkzeug.routing import IntegerConverter

from forum.extensions import db
from forum.main.errors import render_error

MAX_DATABASE_INT = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` that only matches what an INTEGER column can hold."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002  (werkzeug's name)
        kwargs.setdefault("max", MAX_DATABASE_INT)
        super().__init__(map, *args, **kwargs)


def install_bounded_int_converter(app: Flask) -> None:
    """Must run before any route is added."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def register_data_error_handler(app: Flask) -> None:
    @app.errorhandler(DataError)
    def data_error(error: DataError):
        db.session.rollback()
        app.logger.warning("Refused input the database cannot hold: %s", error.orig)
        return render_error(400)
