"""The audit log in plain words, in the reader's language.

An entry stores an action name ("registration.category") and details as the code
wrote them ({"old": "delegate", "new": "speaker"}). Officers and organisers read
sentences instead: "Badge category changed from Delegate to Speaker", with field
labels rather than column names, and values as the pages show them (labels,
dates, yes/no), never a Python value. An action this module does not know yet
still reads as words, not as its code name.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.audit.models import AuditEntry
from forum.auth.models import Role
from forum.badges.forms import LAYOUT_LABELS
from forum.checkin.tags import AttentionTag
from forum.registration.models import BadgeCategory, OrganisationType, RegistrationState

S = RegistrationState

# What happened, for actions whose sentence needs no detail.
ACTIONS = {
    "account.created": _l("Account created"),
    "registration.invitation_reminded": _l("Invitation reminder sent"),
    "account.activated": _l("Account switched on"),
    "account.changed": _l("Account changed"),
    "account.deactivated": _l("Account switched off and signed out everywhere"),
    "audit.exported": _l("Audit log exported"),
    "badge.printed": _l("Badge printed"),
    "badges.line_changed": _l(
        "Answer line of the badges changed: printed badges are to be reprinted"
    ),
    "badge.reissued": _l("New badge issued: the old QR code no longer opens doors"),
    "calendar_token.replaced": _l("Calendar link replaced"),
    "checkpoint.create": _l("Door created"),
    "checkpoint.open": _l("Door opened for scanning"),
    "checkpoint.close": _l("Door closed for scanning"),
    "checkpoint.rename": _l("Door renamed"),
    "checkpoint.settings": _l("Door's opening hours or answer time changed"),
    "device_token.create": _l("Scanning device added"),
    "device_token.revoke": _l("Scanning device revoked"),
    "device_token.pairing_code": _l("Pairing code made for a door phone"),
    "device_token.paired": _l("Door phone paired with a scanning device"),
    "device_token.signed_out": _l("Door phone signed out of its scanning device"),
    "event.settings": _l("Event settings changed"),
    "event.texts": _l("Texts of the event changed"),
    "mailing.saved": _l("Mailing saved"),
    "mailing.tested": _l("Test of a mailing sent"),
    "mailing.sent": _l("Mailing sent to the outbox"),
    "mailing.scheduled": _l("Mailing scheduled"),
    "mailing.cancelled": _l("Schedule of a mailing cancelled"),
    "matchmaking.block_added": _l("Matchmaking block added"),
    "matchmaking.block_removed": _l("Matchmaking block removed"),
    "matchmaking.meeting_cancelled": _l("B2B meeting cancelled by the organisers"),
    "matchmaking.meeting_moved": _l("B2B meeting moved by the organisers"),
    "matchmaking.meeting_placed": _l("B2B meeting set by the organisers"),
    "matchmaking.opted_out": _l("Left B2B matchmaking"),
    "matchmaking.profile_saved": _l("Matchmaking profile saved by a delegation's focal point"),
    "matchmaking.settings": _l("Matchmaking rules changed"),
    "matchmaking.tag_deleted": _l("Capability tag deleted"),
    "matchmaking.tag_saved": _l("Capability tag saved"),
    "matchmaking.tags_added": _l("Usual capability tags added"),
    "privacy.data_exported": _l("Personal data downloaded by the delegate"),
    "privacy.erasure_requested": _l("Erasure of personal data requested"),
    "privacy.erasure_completed": _l("Personal data erased"),
    "privacy.erasure_declined": _l("Erasure request declined"),
    "privacy.purged": _l("Old registrations anonymised"),
    "programme.published": _l("Programme published"),
    "question.created": _l("Question added to the registration form"),
    "question.updated": _l("Question of the registration form changed"),
    "question.retired": _l("Question of the registration form retired"),
    "question.restored": _l("Question of the registration form asked again"),
    "question.deleted": _l("Question of the registration form deleted"),
    "question_section.created": _l("Section added to the registration form"),
    "question_section.updated": _l("Section of the registration form changed"),
    "question_section.deleted": _l("Section of the registration form deleted"),
    "questions.reordered": _l("Questions of the registration form reordered"),
    "programme.unpublished": _l("Programme unpublished"),
    "registration.submitted": _l("Registered online"),
    "registration.walk_in": _l("Registered at the accreditation desk"),
    "registration.edited": _l("Details changed"),
    "registration.answers": _l("Answers to the organisers' questions changed"),
    "registration.category": _l("Badge category changed"),
    "registration.promoted": _l("Moved up from the waiting list"),
    "registration.attention": _l("Note for the door changed"),
    "registrations.exported": _l("Registrations exported"),
    "registrations.export_requested": _l("Export of registrations asked for"),
    "registrations.imported": _l("Invitations imported"),
    "room.created": _l("Room created"),
    "room.updated": _l("Room changed"),
    "room.deleted": _l("Room deleted"),
    "scan.annul": _l("Scan annulled"),
    "scans.export": _l("Scans exported"),
    "security.two_factor_enabled": _l("Two-factor sign-in switched on"),
    "security.two_factor_disabled": _l("Two-factor sign-in switched off"),
    "security.recovery_code_used": _l("Recovery code used to sign in"),
    "security.recovery_codes_replaced": _l("Recovery codes replaced"),
    "session.created": _l("Working session created"),
    "session.updated": _l("Working session changed"),
    "session.moved": _l("Working session moved"),
    "session.deleted": _l("Working session deleted"),
    "sign_up.promoted": _l("Moved up from a session's waiting list"),
    "speaker.assigned": _l("Speaker added to a session"),
    "speaker.updated": _l("Speaker's role changed"),
    "speaker.removed": _l("Speaker removed from a session"),
    "speaker_profile.created": _l("Guest speaker added"),
    "speaker_profile.updated": _l("Guest speaker changed"),
    "speaker_profile.deleted": _l("Guest speaker deleted"),
    "staff.checkpoints": _l("Doors of a door-staff account changed"),
    "delegation.created": _l("Delegation created"),
    "delegation.updated": _l("Delegation changed"),
    "delegation.member_invited": _l("Invited by the delegation's focal point"),
    "delegation.member_registered": _l("Registered by the delegation's focal point"),
    "delegation.member_replaced": _l("Replaced in the delegation"),
    "delegation.badges_printed": _l("Badges of the delegation printed"),
    "delegation.focal_point_changed": _l("Focal point of the delegation changed"),
    "delegation.focal_point_removed": _l("No longer the focal point of a delegation"),
    "delegation.member_added": _l("Added to a delegation by the organisers"),
    "quota.set": _l("Quota set"),
    "quota.deleted": _l("Quota removed"),
    "vetting.switched": _l("Security vetting switched"),
    "vetting.identity_submitted": _l("Identity data for security vetting given"),
    "vetting.answered": _l("Security vetting answered"),
    "vetting.identity_viewed": _l("Identity data viewed by a security officer"),
    "vetting.exported": _l("People awaiting security vetting exported"),
    "vetting.imported": _l("Security vetting answers imported"),
    "vetting.purged": _l("Identity data deleted after the retention period"),
    "vetting.retention_changed": _l("Retention of identity data changed"),
    "vetting.erased": _l("Identity data deleted by the organisers"),
    "vetting.identity_exported": _l("Identity data downloaded by the person themself"),
}

# A registration's state changes: registration.<new state>.
STATE_ACTIONS = {
    S.APPROVED: _l("Approved"),
    S.REJECTED: _l("Rejected"),
    S.WAITLISTED: _l("Put on the waiting list"),
    S.WITHDRAWN: _l("Withdrawn by the delegate"),
    S.CANCELLED: _l("Registration cancelled"),
    S.PENDING: _l("Awaiting accreditation again"),
}

# Labels of the details' keys, and of the fields named in "fields" (a registration's or
# the event's).
LABELS = {
    "reason": _l("Reason"),
    "fields": _l("Changed"),
    "questions": _l("Questions"),
    "question": _l("Question"),
    "role": _l("Role"),
    "via": _l("Created with"),
    "name": _l("Name"),
    "name_uk": _l("Name in Ukrainian"),
    "session": _l("Working session"),
    "session_id": _l("Working session"),
    "categories": _l("Categories"),
    "checkpoints": _l("Doors"),
    "checkpoint": _l("Door"),
    "request_id": _l("Request"),
    "before": _l("Before"),
    "after": _l("After"),
    "events": _l("Events"),
    "registrations": _l("Registrations"),
    "format": _l("Format"),
    "count": _l("Number"),
    "filter": _l("Filter"),
    "capacity": _l("Capacity"),
    "nonce": _l("Scan"),
    "remaining": _l("Recovery codes left"),
    "title": _l("Title"),
    "starts_at": _l("Starts"),
    "room": _l("Room"),
    "published": _l("Published"),
    "version": _l("Badge version"),
    "previous_version": _l("Previous badge version"),
    "layout": _l("Layout"),
    "reprint": _l("Printed before"),
    "note": _l("Note for the door"),
    "tags": _l("Tags for the door"),
    "answer_seconds": _l("Answer on the scanner (seconds)"),
    "entry_windows": _l("Opening hours"),
    "day": _l("Day"),
    "from": _l("From"),
    "to": _l("To"),
    "by_token": _l("With the token itself"),
    "action_filter": _l("Action"),
    "actor_filter": _l("By"),
    "date_from": _l("From"),
    "date_to": _l("To"),
    "old": _l("Before"),
    "new": _l("After"),
    "delegation": _l("Delegation"),
    "replacement": _l("Replaced by"),
    "status": _l("Status"),
    "required": _l("Vetting on"),
    "retention_days": _l("Days kept after the event"),
    "again": _l("After a clearance"),
    "places": _l("Places"),
    "kind": _l("Quota for"),
    "value": _l("Which"),
    "quota": _l("Places"),
    "badges": _l("Badges"),
    "on": _l("On"),
    "event": _l("Event"),
    "subject": _l("Subject"),
    "recipients": _l("Recipients"),
    "send_at": _l("Send at"),
    # A registration's fields.
    "given_name": _l("Given name"),
    "family_name": _l("Family name"),
    "full_name": _l("Full name"),
    "full_name_latin": _l("Name in Latin letters"),
    "passport_given_name": _l("Given name in the passport"),
    "passport_family_name": _l("Family name in the passport"),
    "phone": _l("Mobile phone"),
    "job_title": _l("Job title"),
    "organisation": _l("Organisation"),
    "organisation_latin": _l("Organisation in Latin letters"),
    "organisation_type": _l("Type of organisation"),
    "country": _l("Country"),
    "requested_category": _l("Requested category"),
    "dietary_needs": _l("Dietary needs"),
    "accessibility_needs": _l("Accessibility needs"),
    "consent_list": _l("Participant list"),
    "photo": _l("Badge photo"),
    "email": _l("E-mail"),
    "q": _l("Search"),
    "state": _l("Status"),
    "category": _l("Category"),
    "sort": _l("Sorted by"),
    "desc": _l("Newest first"),
    "page": _l("Page"),
    # The event's settings.
    "delegate_capacity": _l("Delegate capacity"),
    "registration_opens_at": _l("Registration opens"),
    "registration_closes_at": _l("Registration closes"),
    "auto_promote_waitlist": _l("Automatic promotion from the waiting list"),
    "invited_skip_approval": _l("Invited delegates accredited at once"),
    "invitation_reminder_days": _l("Days before an invitation is reminded"),
    # The event's texts (each also in Ukrainian: "..._uk", see label()).
    "short_name": _l("Short name"),
    "venue": _l("Venue"),
    "venue_address": _l("Address of the venue"),
    "city": _l("City"),
    "organisers": _l("Organisers"),
    "description": _l("About the event"),
    "mail_footer": _l("Mail footer"),
}

# Reasons the code itself writes (not an officer's words), as the reader reads them.
SYSTEM_REASONS = {
    "badge category changed": _l("badge category changed"),
    "details printed on the badge changed": _l("details printed on the badge changed"),
    # forum.questions.answers: REVIEW_REASON and BADGE_REASON.
    "answers needing review changed": _l("answers the accreditation team reviews changed"),
    "answer printed on the badge changed": _l("answer printed on the badge changed"),
}
CHANGED_PREFIX = "changed "  # forum.registration.services: "changed family_name, photo"

# Where a detail's value is the value of an enumeration with labels.
ENUMS: dict[str, Callable[[str], str]] = {
    "role": lambda v: Role(v).label,
    "requested_category": lambda v: BadgeCategory(v).label,
    "category": lambda v: BadgeCategory(v).label,
    "organisation_type": lambda v: OrganisationType(v).label,
    "state": lambda v: RegistrationState(v).label,
    "layout": lambda v: str(LAYOUT_LABELS[v]),
    "tags": lambda v: AttentionTag(v).label,
}
SENTENCE_KEYS = {"old", "new"}  # said in the sentence itself, not listed again


def label(key: str) -> str:
    """The label of a detail key or a field name; a text's Ukrainian column (forum.bilingual)
    as "<its label> in Ukrainian"; an unknown one reads as words."""
    known = LABELS.get(key)
    if known is not None:
        return str(known)
    if key.endswith("_uk") and key.removesuffix("_uk") in LABELS:
        return _("%(field)s in Ukrainian", field=label(key.removesuffix("_uk")))
    return key.replace("_", " ").capitalize()


def _enum_label(key: str, value: Any) -> str | None:
    try:
        return ENUMS[key](value)
    except (KeyError, ValueError):
        return None


def value_text(key: str, value: Any) -> str:
    """A detail's value as a page shows it."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "—"
    if key == "fields" and isinstance(value, list):
        return ", ".join(label(name) for name in value)
    if key == "reason" and isinstance(value, str):
        return reason_text(value)
    if isinstance(value, list):
        return ", ".join(value_text(key, item) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{label(k)}: {value_text(k, v)}" for k, v in value.items()) or "—"
    if key == "format" and isinstance(value, str):
        return value.upper()
    enum = _enum_label(key, value)
    if enum is not None:
        return enum
    if isinstance(value, str) and key.endswith("_at"):
        try:
            return format_datetime(datetime.fromisoformat(value), "d MMM yyyy, HH:mm")
        except ValueError:
            return value
    return str(value)


def reason_text(reason: str) -> str:
    """A state reason or reissue reason: an officer's words as written, the code's in words."""
    if reason in SYSTEM_REASONS:
        return str(SYSTEM_REASONS[reason])
    if reason.startswith(CHANGED_PREFIX):
        names = [n.strip() for n in reason.removeprefix(CHANGED_PREFIX).split(",")]
        if all(n in LABELS for n in names):
            return _("changed: %(fields)s", fields=", ".join(label(n) for n in names))
    return reason


def action_label(action: str) -> str:
    """What an action is called in the audit log's filter."""
    prefix, _dot, name = action.partition(".")
    if action in ACTIONS:
        return str(ACTIONS[action])
    if prefix == "registration" and name in set(S):
        return _("Status: %(state)s", state=S(name).label)
    return action.replace(".", ": ").replace("_", " ").capitalize()


def describe(entry: AuditEntry) -> str:
    """What happened, as one sentence: "Badge category changed from Delegate to Speaker"."""
    action, details = entry.action, entry.details or {}
    prefix, _dot, name = action.partition(".")
    if action == "registration.category" and "old" in details and "new" in details:
        return _(
            "Badge category changed from %(old)s to %(new)s",
            old=value_text("category", details["old"]),
            new=value_text("category", details["new"]),
        )
    if action == "account.changed" and "old" in details and "new" in details:
        return _(
            "Role changed from %(old)s to %(new)s",
            old=value_text("role", details["old"]),
            new=value_text("role", details["new"]),
        )
    if action == "registration.pending" and details.get("old") == S.SUBMITTED.value:
        return _("E-mail address confirmed; awaiting accreditation")
    if prefix == "registration" and name in set(S) and S(name) in STATE_ACTIONS:
        return str(STATE_ACTIONS[S(name)])
    if action == "badge.printed" and details.get("reprint"):
        return _("Badge printed again")
    return action_label(action)


def describe_with_actor(entry: AuditEntry, who: str | None) -> str:
    """The sentence and who did it: "Approved by Ilse Virtanen"."""
    what = describe(entry)
    return _("%(what)s by %(who)s", what=what, who=who) if who else what


def notes(entry: AuditEntry, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The entry's other details as (label, text), for the lines beneath the sentence."""
    details = entry.details or {}
    shown = []
    for key, value in details.items():
        if key in skip or value in ("", None, [], {}):
            continue
        if key in SENTENCE_KEYS and entry.action.startswith(("registration.", "account.")):
            continue
        shown.append((label(key), value_text(key, value)))
    return shown
