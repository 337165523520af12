"""The e-mails of a registration's life, each in the delegate's language."""

from forum.events.models import Event
from forum.mail import external_url, send_mail
from forum.mail.models import OutgoingMail
from forum.registration.links import make_confirm_token, make_invitation_token
from forum.registration.models import Registration

# The delegate's badge (PDF), drawn by the worker when the mail leaves, at the badge's
# version of that moment (forum/badges/attachments.py registers the builder).
BADGE_PDF = "badge_pdf"


def _send(registration: Registration, template: str, **context) -> OutgoingMail:
    return send_mail(
        registration.email,
        template,
        registration.locale,
        registration=registration,
        event=registration.event,
        dashboard_url=external_url("registration.dashboard"),
        **context,
    )


def send_confirm_email(registration: Registration) -> None:
    url = external_url("registration.confirm", token=make_confirm_token(registration.public_id))
    _send(registration, "confirm_email", confirm_url=url)


def send_received(registration: Registration) -> None:
    _send(registration, "registration_received")


def send_approved(registration: Registration) -> None:
    _with_badge(registration, _send(registration, "registration_approved", badge_url=badge_url()))


def send_promoted(registration: Registration) -> None:
    _with_badge(registration, _send(registration, "registration_promoted", badge_url=badge_url()))


def _with_badge(registration: Registration, mail: OutgoingMail) -> None:
    """Attach the badge to an accreditation mail, when the delegate has one (not while
    security vetting holds it)."""
    if registration.is_accredited:
        mail.attachments = [{"kind": BADGE_PDF, "registration_id": registration.id}]


def send_rejected(registration: Registration) -> None:
    _send(registration, "registration_rejected")


def send_waitlisted(registration: Registration) -> None:
    _send(registration, "registration_waitlisted")


def send_cancelled(registration: Registration) -> None:
    _send(registration, "registration_cancelled")


def send_invitation(registration: Registration) -> None:
    _send(registration, "invitation", invitation_url=_invitation_url(registration))


def send_invitation_reminder(registration: Registration, number: int) -> None:
    """The `number`th reminder of an invitation not taken up (forum.registration.reminders)."""
    _send(
        registration,
        "invitation_reminder",
        invitation_url=_invitation_url(registration),
        last=number >= 2,
    )


def _invitation_url(registration: Registration) -> str:
    """A new personal link to complete the registration (the earlier ones still work)."""
    return external_url(
        "registration.accept_invitation", token=make_invitation_token(registration.public_id)
    )


def send_already_registered(event: Event, email: str, locale: str) -> None:
    """Someone registered with an e-mail that has a registration or account already."""
    send_mail(
        email,
        "already_registered",
        locale,
        event=event,
        sign_in_url=external_url("auth.sign_in"),
        reset_url=external_url("auth.reset_request"),
    )


def badge_url() -> str:
    """Where an accredited delegate downloads the badge."""
    return external_url("badges.my_badge")
