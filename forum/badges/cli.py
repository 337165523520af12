"""`flask --app forum badges OUT.pdf`: the bulk print run for the print shop."""

import os
from pathlib import Path

import click

from forum.badges import services
from forum.badges.pdf import DEFAULT_LAYOUT, LAYOUTS
from forum.events.services import find_current_event
from forum.extensions import db
from forum.registration.models import BadgeCategory, OrganisationType


@click.command("badges")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option(
    "--category", type=click.Choice([c.value for c in BadgeCategory]), help="Only this category."
)
@click.option(
    "--organisation-type",
    type=click.Choice([t.value for t in OrganisationType]),
    help="Only this type of organisation.",
)
@click.option("--not-printed", is_flag=True, help="Only badges never printed.")
@click.option("--changed", is_flag=True, help="Only badges reissued since they were printed.")
@click.option(
    "--layout",
    type=click.Choice(list(LAYOUTS)),
    default=DEFAULT_LAYOUT,
    show_default=True,
    help="a6, id1: one badge a page; a4-a6, a4-id1: A4 sheets with cut marks.",
)
@click.option("--no-mark", is_flag=True, help="Do not mark the badges as printed (a proof).")
def badges_command(
    out: Path,
    category: str | None,
    organisation_type: str | None,
    not_printed: bool,
    changed: bool,
    layout: str,
    no_mark: bool,
) -> None:
    """Print the badges of the accredited delegates into the PDF file OUT."""
    event = find_current_event()
    if event is None:
        raise click.ClickException("There is no event yet: nothing to print.")
    badge_filter = services.BadgeFilter(
        category=BadgeCategory(category) if category else None,
        organisation_type=OrganisationType(organisation_type) if organisation_type else None,
        not_printed=not_printed,
        changed=changed,
    )
    ids = services.printable_ids(event, badge_filter)
    if not ids:
        raise click.ClickException("No accredited delegate matches these filters: nothing printed.")
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as stream:
            count = services.write_badges(event, services.iter_registrations(ids), stream, layout)
        if not no_mark:
            services.mark_printed(ids, layout, actor=None)
        os.replace(partial, out)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        partial.unlink(missing_ok=True)
        raise
    marked = "not marked as printed" if no_mark else "marked as printed"
    noun = "badge" if count == 1 else "badges"
    click.echo(f"Wrote {count} {noun} ({layout}) to {out}; {marked}.")
