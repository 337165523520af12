"""Declarative base, naming convention and the column types every model shares."""

import enum
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from sqlalchemy import orm as so

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite has no time zones: without this, values would come back naive there
    and aware on PostgreSQL, and comparisons would break on one of them.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware datetime (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def enum_column(enum_cls: type[enum.Enum], name: str, length: int = 20) -> sa.Enum:
    """A portable enum: a VARCHAR with a named CHECK constraint, storing the values."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )


intpk = Annotated[int, so.mapped_column(primary_key=True)]
created_at = Annotated[datetime, so.mapped_column(UTCDateTime(), default=utcnow)]
str_short = Annotated[str, so.mapped_column(sa.String(120))]


# How long a transaction waits for SQLite's write lock before it gives up.
SQLITE_BUSY_TIMEOUT_MS = 60_000
# The statement that begins a transaction on SQLite, per thread (see below). A thread that
# only reads while others write (a test watching a live server) may set "BEGIN": its reads
# then take no lock, and a write of its own waits for the lock only when it comes.
SQLITE_BEGIN: ContextVar[str] = ContextVar("SQLITE_BEGIN", default="BEGIN IMMEDIATE")


def sqlite_write_lock_at_begin(engine: sa.Engine) -> None:
    """Make every transaction on this SQLite engine take the write lock when it begins.

    Python's sqlite3 begins a transaction only before the first INSERT/UPDATE/DELETE,
    so "count, then insert" (the last places of the forum, the last seats of a session,
    one entry per badge) would read outside any transaction and two requests could both
    take the last seat. This is SQLAlchemy's documented pysqlite recipe: the driver stays
    in autocommit and SQLAlchemy emits BEGIN IMMEDIATE itself. SQLite has one writer at a
    time anyway; a request that finds the lock taken waits for it (busy timeout) instead
    of failing with "database is locked".
    """

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, says BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql(SQLITE_BEGIN.get())


class Base(so.DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
