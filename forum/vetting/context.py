"""What vetting adds to registration's pages, which know nothing of it.

The delegate's dashboard asks for the identity data (or says where vetting stands);
the officers' registration page shows the vetting status (never the identity data); the
delegate's "My data" page says their download and erasure include their identity data.
"""

from dataclasses import dataclass

from flask import request, url_for
from flask_login import current_user

from forum.events.services import find_current_event
from forum.extensions import db
from forum.registration.models import Registration
from forum.registration.queries import registration_of
from forum.vetting import services
from forum.vetting.models import VettingStatus

V = VettingStatus


@dataclass(frozen=True)
class VettingNotice:
    status: VettingStatus
    url: str

    @property
    def asks(self) -> bool:
        """The person must act: give their data, or more of it."""
        return self.status in (V.MISSING, V.MORE_INFORMATION)


def page_context() -> dict:
    if request.endpoint == "registration.dashboard":
        return _dashboard()
    if request.endpoint == "registration.admin_detail":
        return _officers_page()
    if request.endpoint == "privacy.my_data":
        return _my_data()
    return {}


def _dashboard() -> dict:
    event = find_current_event()
    if event is None or not services.is_required(event):
        return {}
    registration = registration_of(current_user, event)
    if registration is None or registration.state.value in ("withdrawn", "cancelled"):
        return {}
    notice = VettingNotice(services.status_of(registration), url_for("vetting.my_identity"))
    return {"vetting_notice": notice}


def _officers_page() -> dict:
    registration_id = (request.view_args or {}).get("registration_id")
    registration = db.session.get(Registration, registration_id) if registration_id else None
    if registration is None or not services.is_required(registration.event_id):
        return {}
    return {"vetting_status": services.status_of(registration)}


def _my_data() -> dict:
    event = find_current_event()
    registration = registration_of(current_user, event) if event is not None else None
    vetting = services.vetting_of(registration) if registration is not None else None
    return {"identity_data_held": vetting is not None and vetting.identity is not None}
