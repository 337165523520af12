"""`flask --app forum create-device-token NAME [--checkpoint ID ...]`: a token for a scanner."""

import click
import sqlalchemy as sa

from forum.checkin.devices import DeviceTokenError, create_device_token
from forum.checkin.models import Checkpoint
from forum.events.services import find_current_event
from forum.extensions import db


@click.command("create-device-token")
@click.argument("name")
@click.option(
    "--checkpoint",
    "checkpoint_ids",
    type=int,
    multiple=True,
    help="A checkpoint id the device may scan at (repeat it). Default: the venue entrances.",
)
def create_device_token_command(name: str, checkpoint_ids: tuple[int, ...]) -> None:
    """Make a bearer token for the scanning device NAME; it is printed once, never again."""
    event = find_current_event()
    if event is None:
        raise click.ClickException("There is no event yet: no checkpoint to scan at.")
    query = sa.select(Checkpoint).where(Checkpoint.event_id == event.id)
    if checkpoint_ids:
        query = query.where(Checkpoint.id.in_(checkpoint_ids))
    else:
        query = query.where(Checkpoint.session_id.is_(None))
    checkpoints = list(db.session.scalars(query.order_by(Checkpoint.id)))
    missing = set(checkpoint_ids) - {c.id for c in checkpoints}
    if missing:
        known = db.session.scalars(
            sa.select(Checkpoint).where(Checkpoint.event_id == event.id).order_by(Checkpoint.id)
        )
        listing = "\n".join(f"  {c.id:>4}  {c.name}" for c in known)
        raise click.ClickException(
            f"No checkpoint {', '.join(map(str, sorted(missing)))} in {event.name}. "
            f"The checkpoints are:\n{listing}"
        )
    try:
        device, token = create_device_token(name, checkpoints)
    except DeviceTokenError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(
        f"Device token for {device.name!r} (checkpoints: {', '.join(c.name for c in checkpoints)})."
    )
    click.echo("Copy it now: it is shown only once.")
    click.echo(token)
