"""`flask --app forum vetting ...`: switch security vetting, rotate its keys, purge old data."""

from datetime import date

import click
import sqlalchemy as sa

from forum.events.services import find_current_event
from forum.extensions import db
from forum.vetting import services
from forum.vetting.crypto import IdentityKeyError, identity_cipher, rotate
from forum.vetting.models import Vetting


@click.group("vetting")
def vetting_command() -> None:
    """Security vetting of the current event's participants (docs/security.md)."""


def _event():
    event = find_current_event()
    if event is None:
        raise click.ClickException("There is no event yet.")
    return event


@vetting_command.command("on")
@click.option(
    "--retention-days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete identity data this many days after the event (default 30).",
)
def vetting_on(retention_days: int | None) -> None:
    """Ask every participant for identity data; nobody is accredited before clearance."""
    try:
        identity_cipher()
    except IdentityKeyError as error:
        raise click.ClickException(str(error)) from None
    event = _event()
    held = services.switch(event, True, retention_days=retention_days)
    db.session.commit()
    settings = services.settings_of(event)
    click.echo(
        f"Security vetting is on for {event.slug}: {held} registrations wait for clearance; "
        f"identity data is deleted {settings.retention_days} days after the event."
    )


@vetting_command.command("off")
def vetting_off() -> None:
    """Stop vetting: nobody is held any more (identity data stays until purged)."""
    event = _event()
    services.switch(event, False)
    db.session.commit()
    click.echo(f"Security vetting is off for {event.slug}.")


@vetting_command.command("rotate-keys")
def rotate_keys() -> None:
    """Re-encrypt every stored identity value with the newest key (the first configured)."""
    table = Vetting.__table__
    rotated = 0
    # The stored tokens as text: the columns' own type would decrypt them, and encrypt again.
    raw = [sa.type_coerce(table.c[name], sa.Text).label(name) for name in ("identity", "note")]
    rows = db.session.execute(sa.select(table.c.id, *raw)).all()
    for row in rows:
        values = {}
        for name in ("identity", "note"):
            token = getattr(row, name)
            if token is not None:
                values[name] = sa.literal(rotate(token), sa.Text)
        if values:
            db.session.execute(sa.update(table).where(table.c.id == row.id).values(**values))
            rotated += 1
    db.session.commit()
    click.echo(f"Re-encrypted the identity data of {rotated} people with the newest key.")


@vetting_command.command("purge")
@click.option("--dry-run", is_flag=True, help="Only count whose data would be deleted.")
def purge(dry_run: bool) -> None:
    """Delete identity data whose retention has run out (the worker does it daily)."""
    count = services.purge_due(date.today(), dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "Would delete" if dry_run else "Deleted"
    click.echo(f"{verb} the identity data of {count} people.")
