"""The audit log viewer for organisers: filters and CSV export."""

from zoneinfo import ZoneInfo

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from forum.audit import people, queries, wording
from forum.audit.services import record
from forum.auth.access import allow
from forum.auth.models import Role
from forum.events.services import find_current_event
from forum.main.navigation import add_nav_entry

bp = Blueprint("audit", __name__, url_prefix="/organise/audit")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    action = SelectField(_l("Action"), choices=[], validators=[Optional()])
    actor = StringField(_l("By (e-mail or name)"), validators=[Optional(), Length(max=100)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field: DateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))


def _form_and_filter() -> tuple[AuditFilterForm, queries.AuditFilter]:
    form = AuditFilterForm(request.args)
    actions = queries.known_actions()
    labelled = sorted(((a, wording.action_label(a)) for a in actions), key=lambda c: c[1])
    form.action.choices = [("", _l("All actions"))] + labelled
    if not request.args or not form.validate():
        return form, queries.AuditFilter()
    return form, queries.AuditFilter(
        action=form.action.data or "",
        actor=(form.actor.data or "").strip(),
        date_from=form.date_from.data,
        date_to=form.date_to.data,
    )


def _timezone() -> ZoneInfo:
    event = find_current_event()
    return event.tz if event else ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


# Audit targets that have a page of their own: table -> (endpoint, its id argument).
TARGET_PAGES = {
    "registrations": ("registration.admin_detail", "registration_id"),
    "working_sessions": ("programme.admin_session", "session_id"),
    "mailings": ("mailings.show", "mailing_id"),
}


def target_url(entry) -> str | None:
    """A link to the audited object's page, when it has one in this app."""
    page = TARGET_PAGES.get(entry.target_type)
    if page is None or entry.target_id is None or page[0] not in current_app.view_functions:
        return None
    return url_for(page[0], **{page[1]: entry.target_id})


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


@bp.get("/")
@allow(Role.ORGANISER)
def audit_log() -> str:
    form, flt = _form_and_filter()
    page = queries.page_of(flt, _timezone(), _page_number())
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    names = people.names_for(page.items)
    return render_template(
        "audit/log.html",
        form=form,
        page=page,
        args=args,
        target_url=target_url,
        who={entry.id: people.actor_name(entry.actor) for entry in page.items},
        details={entry.id: people.readable_details(entry, names) for entry in page.items},
        describe=wording.describe,
        target_name=lambda entry: people.target_name(entry, names),
    )


@bp.get("/export.csv")
@allow(Role.ORGANISER)
def export_csv() -> Response:
    _form, flt = _form_and_filter()
    body = queries.to_csv(flt, _timezone())
    record(
        "audit.exported",
        action_filter=flt.action,
        actor_filter=flt.actor,
        date_from=flt.date_from.isoformat() if flt.date_from else "",
        date_to=flt.date_to.isoformat() if flt.date_to else "",
    )
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="audit-log.csv"'},
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


add_nav_entry("audit.audit_log", _l("Audit log"), Role.ORGANISER)
