"""The organisers' editor of the event's texts (name, venue, public texts, mail footer)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.events.forms import EventTextsForm
from forum.events.services import EVENT_TEXTS, EventError, current_event, update_texts
from forum.extensions import db
from forum.main.navigation import add_nav_entry

bp = Blueprint("events", __name__, url_prefix="/organise/event")

add_nav_entry("events.edit_texts", _l("The event"), Role.ORGANISER)


@bp.route("/texts", methods=["GET", "POST"])
@allow(Role.ORGANISER)
def edit_texts() -> str | Response:
    """Every text of the event in English and Ukrainian side by side."""
    event = current_event()
    form = EventTextsForm(obj=event)
    if form.validate_on_submit():
        texts = {
            column: form[column].data for text in EVENT_TEXTS for column in (text, f"{text}_uk")
        }
        try:
            changed = update_texts(event, texts)
        except EventError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        else:
            flash(
                _("The event's texts are saved.") if changed else _("Nothing changed."),
                "success" if changed else "info",
            )
            return redirect(url_for("events.edit_texts"))
    return render_template("events/texts.html", event=event, form=form)
