"""Public programme pages, the speaker list, calendar files and delegate sign-ups."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.auth.access import allow, public
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.events.services import current_event
from forum.extensions import limiter
from forum.mail import external_url
from forum.programme import bp, queries, services, signups, speakers
from forum.programme.agenda_calendar import agenda_calendar, calendar_domain, session_url
from forum.programme.agenda_extras import extra_entries
from forum.programme.agenda_mail import queue_agenda_mail
from forum.programme.calendar import build_calendar, registration_for_token, revoke_calendar_token
from forum.programme.errors import ProgrammeError
from forum.redirects import safe_next
from forum.registration.queries import registration_of


def _day_arg(days: list[date]) -> date | None:
    try:
        chosen = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return days[0] if len(days) > 1 else None
    return chosen if chosen in days else (days[0] if days else None)


def _viewer_registration(event):
    if current_user.is_authenticated and current_user.role is Role.DELEGATE:
        return registration_of(current_user, event)
    return None


@bp.get("/programme")
@public
def public_programme() -> str:
    event = current_event()
    days = services.event_days(event)
    day = _day_arg(days) if len(days) > 1 else None
    theme = request.args.get("theme", "")
    room_id = request.args.get("room", type=int)
    sessions = services.public_sessions(event, day=day, theme=theme, room_id=room_id)
    registration = _viewer_registration(event)
    return render_template(
        "programme/public_programme.html",
        event=event,
        published=queries.programme_is_public(event),
        days=days if len(days) > 1 else [],
        day=day,
        theme=theme,
        room_id=room_id,
        themes=services.themes_of(event, public=True, language=reader_language()),
        rooms=services.rooms_of(event),
        slots=_by_start(sessions),
        counts=queries.seat_counts([s.id for s in sessions]),
        registration=registration,
        mine=signups.sign_ups_of(registration) if registration else {},
        ordered=speakers.ordered,
    )


def _by_start(sessions):
    """[(start, end, [sessions])]: sessions sharing a time slot side by side."""
    slots: list = []
    for session in sessions:
        if slots and slots[-1][0] == session.starts_at:
            slots[-1][2].append(session)
        else:
            slots.append((session.starts_at, session.ends_at, [session]))
    return slots


@bp.get("/programme/sessions/<int:session_id>")
@public
def public_session(session_id: int) -> str:
    event = current_event()
    session = services.get_public_session(event, session_id)
    if session is None:
        abort(404)
    registration = _viewer_registration(event)
    mine = signups.sign_ups_of(registration) if registration else {}
    entry = mine.get(session.id)
    return render_template(
        "programme/public_session.html",
        event=event,
        session=session,
        speakers=speakers.ordered(session.speakers),
        counts=queries.seat_counts([session.id])[session.id],
        registration=registration,
        entry=entry,
        position=signups.waitlist_position(entry) if entry else None,
    )


@bp.get("/programme/speakers")
@public
def public_speakers() -> str:
    event = current_event()
    sessions = services.public_sessions(event)
    return render_template(
        "programme/public_speakers.html",
        event=event,
        published=queries.programme_is_public(event),
        people=speakers.public_speakers(event, sessions, reader_language()),
    )


@bp.get("/programme/speakers/<int:profile_id>/photo.jpg")
@public
def speaker_photo(profile_id: int) -> Response:
    event = current_event()
    if not speakers.profile_is_public(event, profile_id):
        abort(404)
    return _photo_response(speakers.profile_photo(profile_id))


def _photo_response(photo: bytes | None) -> Response:
    if not photo:
        abort(404)
    response = Response(photo, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.get("/programme/programme.ics")
@public
def programme_ics() -> Response:
    event = current_event()
    items = [(s, "") for s in services.public_sessions(event)]
    language = reader_language()
    body = build_calendar(
        event,
        event.localized("name", language),
        items,
        calendar_domain(),
        session_url,
        language=language,
    )
    return _ics_response(body, "programme.ics")


@bp.get("/programme/calendar/<token>.ics")
@public  # the secret in the URL is the credential; calendar apps cannot sign in
def agenda_ics(token: str) -> Response:
    event = current_event()
    registration = registration_for_token(event, token)
    if registration is None:
        abort(404)
    # A calendar app asks in no language: the feed speaks the delegate's.
    body = agenda_calendar(event, registration)
    return _ics_response(body, "agenda.ics")


@bp.get("/my/agenda")
@allow(Role.DELEGATE)
def my_agenda() -> str:
    event = current_event()
    registration = registration_of(current_user, event)
    items = signups.agenda_of(event, registration) if registration else []
    if registration:  # B2B meetings and other features' entries, among the sessions
        extras = extra_entries(event, registration, reader_language())
        items = sorted(
            items + extras, key=lambda i: getattr(i, "starts_at", None) or i.session.starts_at
        )
    feed_url = (
        external_url("programme.agenda_ics", token=registration.calendar_token)
        if registration
        else None
    )
    return render_template(
        "programme/my_agenda.html",
        event=event,
        registration=registration,
        published=queries.programme_is_public(event),
        items=items,
        feed_url=feed_url,
        webcal_url=feed_url.replace("https://", "webcal://").replace("http://", "webcal://")
        if feed_url
        else None,
        ordered=speakers.ordered,
    )


def _back(default: str) -> Response:
    return redirect(safe_next(request.form.get("next")) or default)


@bp.post("/programme/sessions/<int:session_id>/sign-up")
@allow(Role.DELEGATE)
def sign_up(session_id: int) -> Response:
    event = current_event()
    registration = registration_of(current_user, event)
    if registration is None:
        raise ProgrammeError(_("Only accredited delegates can sign up for working sessions."))
    # A ProgrammeError (closed, a clash, already signed up) is flashed on the page sent from.
    entry = signups.sign_up(event, registration, session_id)
    title = entry.session.localized("title", reader_language())
    if entry.state.value == "confirmed":
        flash(_("You have a seat in “%(title)s”.", title=title), "success")
    else:
        flash(
            _(
                "“%(title)s” is full: you are on the waiting list and will be e-mailed "
                "if a seat frees up.",
                title=title,
            ),
            "warning",
        )
    return _back(url_for("programme.public_session", session_id=session_id))


@bp.post("/programme/sessions/<int:session_id>/cancel")
@allow(Role.DELEGATE)
def cancel_sign_up(session_id: int) -> Response:
    event = current_event()
    registration = registration_of(current_user, event)
    if registration is None:
        raise ProgrammeError(_("You are not signed up for this session."))
    signups.cancel_sign_up(event, registration, session_id)
    flash(_("Your sign-up is cancelled."), "success")
    return _back(url_for("programme.my_agenda"))


@bp.post("/my/agenda/mail")
@allow(Role.DELEGATE)
# Per account, not per address: a venue's delegates share one.
@limiter.limit("5 per hour", key_func=lambda: f"agenda-mail:{current_user.id}")
def mail_agenda() -> Response:
    event = current_event()
    registration = registration_of(current_user, event)
    if registration is None:
        abort(404)
    queue_agenda_mail(event, registration)
    flash(_("Your agenda is on its way to %(email)s.", email=registration.email), "success")
    return redirect(url_for("programme.my_agenda"))


@bp.post("/my/agenda/calendar-link")
@allow(Role.DELEGATE)
def replace_calendar_link() -> Response:
    event = current_event()
    registration = registration_of(current_user, event)
    if registration is None:
        abort(404)
    revoke_calendar_token(registration)
    flash(
        _(
            "Your calendar link was replaced: the old link no longer works. "
            "Subscribe again with the new one."
        ),
        "success",
    )
    return redirect(url_for("programme.my_agenda"))
