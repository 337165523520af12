"""Command-line tools: `flask --app forum seed-demo`, `create-user`, ..."""

from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app

from forum.audit.services import record
from forum.auth.models import STAFF_ROLES, Role
from forum.auth.services import AccountError, create_user
from forum.demo.seed import AlreadySeeded, reset_database, seed_demo
from forum.extensions import db
from forum.tasks.worker import worker_command
from forum.vetting.services import purge_due as purge_identity_data

DEMO_LOGINS_FILE = "demo-logins.txt"


@click.command("seed-demo")
@click.option("--delegates", default=350, show_default=True, help="Invented delegates to add.")
@click.option("--reset", is_flag=True, help="Delete ALL data first, then load the demo.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if already loaded.")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The forum's day, YYYY-MM-DD (default: four weeks from today).",
)
def seed_demo_command(delegates: int, reset: bool, if_empty: bool, day) -> None:
    """Load the demo EU-Ukraine Defence Industry Forum (its real programme, on a day to come)."""
    if reset:
        reset_database()
        click.echo("Reset: every existing row was deleted.")
    try:
        result = seed_demo(delegates=delegates, day=day.date() if day else None)
    except AlreadySeeded:
        db.session.rollback()
        message = "The demo forum is already loaded; nothing changed (use --reset to reload it)."
        if if_empty:
            click.echo(message)
            return
        raise click.ClickException(message) from None
    db.session.commit()
    lines = [f"{role:<10} {email:<28} {password}" for role, email, password in result.logins]
    logins_file = Path(current_app.instance_path) / DEMO_LOGINS_FILE
    logins_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    logins_file.chmod(0o600)
    click.echo(
        f"Loaded the demo forum of {result.event.starts_on:%d %B %Y}: {result.delegates} "
        f"delegates, {result.sessions} sessions.\n"
        f"Demo logins (also in {logins_file}):\n  " + "\n  ".join(lines)
    )


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in STAFF_ROLES]))
@click.option("--name", default="", help="Full name shown in the audit log.")
@click.option(
    "--latin-name",
    default="",
    help="The name in Latin letters as the passport prints it; spelled from --name if empty.",
)
@click.password_option(help="Asked twice when not given; can be piped in.")
def create_user_command(email: str, role: str, name: str, latin_name: str, password: str) -> None:
    """Create a staff account (organiser, officer or door staff)."""
    try:
        user = create_user(email, password, Role(role), full_name=name, full_name_latin=latin_name)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    # Granting a staff role is a privileged action: on the record, by "the system" (CLI).
    record("account.created", user, actor=None, role=user.role.value, via="cli")
    db.session.commit()
    click.echo(f"Created {user.role.value} account {user.email}.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a consistent backup of the database to PATH (SQLite file or pg_dump archive)."""
    from forum.ops.backup import BackupError, backup_database

    try:
        result = backup_database(db.engine.url, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {result.path} ({result.kind}, {result.size:,} bytes).")


@click.command("purge")
@click.option(
    "--before",
    "before",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Anonymise registrations of events that ended before this date (YYYY-MM-DD).",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be anonymised.")
def purge_command(before, dry_run: bool) -> None:
    """Anonymise the registrations of past events, keeping counts and statistics."""
    from forum.privacy.services import purge_before

    result = purge_before(before.date(), dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    names = ", ".join(f"{e.slug} (ended {e.ends_on.isoformat()})" for e in result.events) or "none"
    verb = "Would anonymise" if dry_run else "Anonymised"
    click.echo(f"{verb} {result.registrations} registrations of events: {names}.")
    # Identity data for security vetting goes sooner: its own retention, days after the event.
    identities = purge_identity_data(date.today(), dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "Would delete" if dry_run else "Deleted"
    click.echo(f"{verb} the identity data of {identities} people (security vetting retention).")


@click.command("reset-two-factor")
@click.argument("email")
def reset_two_factor_command(email: str) -> None:
    """Switch off two-factor sign-in for an account whose phone is lost (it enrols again)."""
    from forum.auth.services import find_user
    from forum.security.twofactor import disable_two_factor

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    disable_two_factor(user, actor=None)
    db.session.commit()
    click.echo(f"Two-factor sign-in is off for {user.email}; it must enrol again at sign-in.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(reset_two_factor_command)
    app.cli.add_command(worker_command)
