"""The badge PDF attached to the accreditation mail, drawn by the worker when the mail leaves.

The mail row keeps only {"kind": "badge_pdf", "registration_id": ...}: the badge is
drawn at delivery, so it carries the badge's version of that moment, and a delegate
who has no badge any more (cancelled, held by vetting meanwhile) gets none: the
attempt fails and the mail is retried, then marked failed, rather than send a door key
that should not exist.
"""

from io import BytesIO

from forum.badges.pdf import DEFAULT_LAYOUT
from forum.badges.services import has_badge, write_badges
from forum.extensions import db
from forum.mail.attachments import Attachment, AttachmentError, attachment_kind
from forum.registration.models import Registration
from forum.registration.notifications import BADGE_PDF


@attachment_kind(BADGE_PDF)
def badge_pdf(registration_id: int) -> Attachment:
    registration = db.session.get(Registration, registration_id)
    if not has_badge(registration):
        raise AttachmentError(f"registration {registration_id} has no badge (any more)")
    out = BytesIO()
    write_badges(registration.event, [registration], out, DEFAULT_LAYOUT)
    return Attachment(f"badge-{registration.event.slug}.pdf", "application/pdf", out.getvalue())
