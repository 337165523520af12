"""The delegates' matchmaking pages: taking part, the profile, the directory, requests and
meetings. Views read the request, call one service and answer; refusals are
MatchmakingErrors, flashed by the app's one handler."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.db import utcnow
from forum.events.services import current_event
from forum.extensions import db
from forum.matchmaking import (
    access,
    availability,
    booking,
    bp,
    directory,
    door,
    meeting_requests,
    notices,
    outcomes,
    profiles,
    suggestions,
)
from forum.matchmaking.agenda import meetings_of, place_of
from forum.matchmaking.errors import MatchmakingError
from forum.matchmaking.forms import (
    AcceptForm,
    AvailabilityForm,
    MoveForm,
    ReasonForm,
    RequestForm,
)
from forum.matchmaking.meeting_models import MeetingRequest, Outcome
from forum.matchmaking.models import Cooperation
from forum.matchmaking.setup import settings_of, slots_of, tags_of
from forum.registration.queries import registration_of

delegate = allow(Role.DELEGATE)


def current_viewer():
    """The event and the signed-in delegate's participant (they must take part)."""
    event = current_event()
    registration = registration_of(current_user, event)
    participant = access.active_participant(event, registration)
    if participant is None:
        raise MatchmakingError(access.OPT_IN_FIRST, redirect_to=url_for("matchmaking.home"))
    return event, participant


def _several_days(event) -> bool:
    return event.ends_on != event.starts_on


@bp.get("/matchmaking")
@delegate
def home() -> str:
    event = current_event()
    now = utcnow()
    meeting_requests.expire_overdue(event, now)
    registration = registration_of(current_user, event)
    participant = profiles.participant_of(registration)
    settings = settings_of(event)
    if not access.takes_part(participant):
        existing = (
            profiles.profile_of_organisation(event, registration.organisation)
            if registration
            else None
        )
        return render_template(
            "matchmaking/join.html",
            event=event,
            registration=registration,
            participant=participant,
            existing=existing if existing and existing.managed_by_id else None,
            settings=settings,
        )
    door.tell_door_news(event, now, participant)
    recent = notices.recent(participant)
    unread = {n.id for n in recent if n.read_at is None}
    notices.mark_read(participant)
    meetings = meetings_of(participant)
    _today, _start, tomorrow = door.day_bounds(event, now)
    todays = [m for m in meetings if m.slot.ends_at > now and m.slot.starts_at < tomorrow]
    return render_template(
        "matchmaking/home.html",
        event=event,
        participant=participant,
        settings=settings,
        inbox=meeting_requests.inbox_of(participant),
        upcoming=[m for m in meetings if m.slot.ends_at > now],
        past=[m for m in meetings if m.slot.ends_at <= now],
        # Today's counterparts: when each entered the venue (absent: not yet).
        today_ids={m.meeting.id for m in todays},
        entered=door.arrivals(event, [m.other.registration_id for m in todays], now),
        notices=recent,
        unread=unread,
        notice_text=notices.text,
        place_of=lambda meeting: place_of(settings.room, meeting, reader_language()),
        now=now,
        reason_form=ReasonForm(),
        outcomes=list(Outcome),
        several_days=_several_days(event),
    )


@bp.post("/matchmaking/opt-in")
@delegate
def opt_in() -> Response:
    event = current_event()
    registration = registration_of(current_user, event)
    if registration is None:
        raise MatchmakingError(profiles.NOT_ACCREDITED)
    participant = profiles.opt_in(event, registration)
    flash(_("You take part in matchmaking. Complete your organisation's profile."), "success")
    manager = participant.profile.managed_by_id == registration.id
    return redirect(url_for("matchmaking.edit_profile" if manager else "matchmaking.home"))


@bp.post("/matchmaking/opt-out")
@delegate
def opt_out() -> Response:
    event, participant = current_viewer()
    profiles.opt_out(event, participant)
    flash(_("You no longer take part in matchmaking: your meetings are cancelled."), "success")
    return redirect(url_for("matchmaking.home"))


@bp.post("/matchmaking/mail")
@delegate
def mail_notices() -> Response:
    return _mail_choice(
        profiles.set_mail_notices,
        _("You will get an e-mail about requests and changes."),
        _("No more e-mails: requests and changes are shown on this page."),
    )


@bp.post("/matchmaking/mail-door")
@delegate
def mail_door_notices() -> Response:
    return _mail_choice(
        profiles.set_mail_door_notices,
        _("You will get an e-mail when a counterpart arrives or is not there before a meeting."),
        _("No e-mails about arrivals: they are shown on this page."),
    )


def _mail_choice(choose, wanted_text: str, unwanted_text: str) -> Response:
    """Save one of the participant's mail choices from the form's "mail" and say so."""
    _event, participant = current_viewer()
    wanted = request.form.get("mail") == "1"
    choose(participant, wanted)
    flash(wanted_text if wanted else unwanted_text, "success")
    return redirect(url_for("matchmaking.home"))


@bp.get("/matchmaking/directory")
@delegate
def directory_page() -> str:
    event, participant = current_viewer()
    flt = directory.DirectoryFilter(
        q=request.args.get("q", "")[:200],
        tag_id=request.args.get("tag", type=int),
        country=request.args.get("country", "")[:2],
        organisation_type=request.args.get("type", ""),
        side=request.args.get("side", ""),
        page=request.args.get("page", 1, type=int),
    )
    language = reader_language()
    tags = tags_of(event)
    choices = directory.filter_choices(event, participant, language, tags)
    return render_template(
        "matchmaking/directory.html",
        event=event,
        participant=participant,
        flt=flt,
        result=directory.search(event, participant, flt, language, tags, choices.visible),
        choices=choices,
    )


@bp.get("/matchmaking/suggestions")
@delegate
def suggestions_page() -> str:
    event, participant = current_viewer()
    return render_template(
        "matchmaking/suggestions.html",
        event=event,
        participant=participant,
        suggestions=suggestions.suggestions_for(event, participant, reader_language()),
    )


@bp.get("/matchmaking/profiles/<int:profile_id>")
@delegate
def profile_page(profile_id: int) -> str:
    event, participant = current_viewer()
    profile = access.visible_profile(participant, profile_id)
    [card] = directory.cards_for(event, [profile.id], reader_language())
    return render_template(
        "matchmaking/profile.html",
        event=event,
        participant=participant,
        card=card,
        open_with={
            p.id: meeting_requests.open_request_between(participant.id, p.id) for p in card.people
        },
        form=RequestForm(),
        settings=settings_of(event),
        cooperation_labels={c.value: c.label for c in Cooperation},
    )


@bp.post("/matchmaking/profiles/<int:profile_id>/request")
@delegate
def send_request(profile_id: int) -> Response | str:
    event, participant = current_viewer()
    form = RequestForm()
    back = url_for("matchmaking.profile_page", profile_id=profile_id)
    if not form.validate():
        raise MatchmakingError(
            *[e for errors in form.errors.values() for e in errors], redirect_to=back
        )
    recipient_id = request.form.get("recipient", type=int) or 0
    sent = meeting_requests.send_request(
        event, participant, recipient_id, form.message.data, utcnow()
    )
    flash(
        _(
            "Your request was sent to %(name)s. You will see the answer on your meetings page.",
            name=sent.recipient.registration.display_name,
        ),
        "success",
    )
    return redirect(back)


def _pending_for_me(event, participant, request_id: int) -> MeetingRequest:
    found = db.session.get(MeetingRequest, request_id)
    if found is None or found.event_id != event.id or found.recipient_id != participant.id:
        raise MatchmakingError(_("That request does not exist."), status=404)
    return found


@bp.route("/matchmaking/requests/<int:request_id>/accept", methods=["GET", "POST"])
@delegate
def accept(request_id: int) -> Response | str:
    event, participant = current_viewer()
    now = utcnow()
    found = _pending_for_me(event, participant, request_id)
    common = availability.common_free_slots(event, found.requester, participant, now)
    form = AcceptForm(slots=common, with_day=_several_days(event))
    if form.validate_on_submit():
        meeting = booking.accept(event, request_id, participant, form.slot_id, now)
        flash(
            _(
                "Meeting confirmed with %(name)s: %(when)s, %(place)s.",
                name=found.requester.registration.display_name,
                when=notices.when({"starts_at": meeting.slot.starts_at.isoformat()}),
                place=place_of(settings_of(event).room, meeting, reader_language()),
            ),
            "success",
        )
        return redirect(url_for("matchmaking.home"))
    return render_template(
        "matchmaking/accept.html",
        event=event,
        participant=participant,
        meeting_request=found,
        form=form,
        common=common,
    )


@bp.post("/matchmaking/requests/<int:request_id>/decline")
@delegate
def decline(request_id: int) -> Response:
    event, participant = current_viewer()
    form = ReasonForm()
    if not form.validate():
        raise MatchmakingError(*form.reason.errors)
    declined = meeting_requests.decline(
        event, request_id, participant, form.reason.data or "", utcnow()
    )
    flash(
        _(
            "You declined the request of %(name)s.",
            name=declined.requester.registration.display_name,
        ),
        "success",
    )
    return redirect(url_for("matchmaking.home"))


@bp.post("/matchmaking/requests/<int:request_id>/withdraw")
@delegate
def withdraw(request_id: int) -> Response:
    event, participant = current_viewer()
    meeting_requests.withdraw(event, request_id, participant, utcnow())
    flash(_("Your request is withdrawn."), "success")
    return redirect(url_for("matchmaking.home"))


@bp.post("/matchmaking/meetings/<int:meeting_id>/cancel")
@delegate
def cancel(meeting_id: int) -> Response:
    event, participant = current_viewer()
    form = ReasonForm()
    if not form.validate():
        raise MatchmakingError(*form.reason.errors)
    booking.cancel(event, meeting_id, participant, form.reason.data or "", utcnow())
    flash(_("The meeting is cancelled; the other side is told."), "success")
    return redirect(url_for("matchmaking.home"))


@bp.route("/matchmaking/meetings/<int:meeting_id>/move", methods=["GET", "POST"])
@delegate
def move(meeting_id: int) -> Response | str:
    event, participant = current_viewer()
    now = utcnow()
    mine = next((m for m in meetings_of(participant) if m.meeting.id == meeting_id), None)
    if mine is None:
        raise MatchmakingError(_("That meeting does not exist."), status=404)
    common = availability.common_free_slots(event, participant, mine.other, now)
    form = MoveForm(slots=common, with_day=_several_days(event))
    if form.validate_on_submit():
        moved = booking.move(event, meeting_id, participant, form.slot.data, now)
        flash(
            _(
                "The meeting is moved to %(when)s, %(place)s; the other side is told.",
                when=notices.when({"starts_at": moved.slot.starts_at.isoformat()}),
                place=place_of(settings_of(event).room, moved, reader_language()),
            ),
            "success",
        )
        return redirect(url_for("matchmaking.home"))
    return render_template(
        "matchmaking/move.html", event=event, participant=participant, mine=mine, form=form
    )


@bp.post("/matchmaking/meetings/<int:meeting_id>/outcome")
@delegate
def outcome(meeting_id: int) -> Response:
    event, participant = current_viewer()
    outcomes.record_outcome(
        event, participant, meeting_id, request.form.get("outcome", ""), utcnow()
    )
    flash(_("Thank you: the outcome is saved. Only you see it."), "success")
    return redirect(url_for("matchmaking.home") + f"#meeting-{meeting_id}")


@bp.route("/matchmaking/availability", methods=["GET", "POST"])
@delegate
def availability_page() -> Response | str:
    event, participant = current_viewer()
    now = utcnow()
    day = availability.day_of(event, participant, now)
    markable = [s.slot for s in day if s.state in (availability.FREE, availability.UNAVAILABLE)]
    form = AvailabilityForm(slots=markable)
    if form.validate_on_submit():
        unavailable = {s.id for s in markable} - set(form.available.data or [])
        availability.set_unavailable(event, participant, unavailable, now)
        flash(_("Your availability is saved."), "success")
        return redirect(url_for("matchmaking.availability_page"))
    return render_template(
        "matchmaking/availability.html",
        event=event,
        participant=participant,
        day=day,
        form=form,
        has_slots=bool(slots_of(event)),
        several_days=_several_days(event),
    )
