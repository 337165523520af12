"""The scan log as CSV: UTF-8 with a byte-order mark, formula-safe, times in the event's zone,
door names in the language of the organiser who downloads it."""

import csv
import io

from flask_babel import format_datetime
from flask_babel import gettext as _

from forum.bilingual import reader_language
from forum.checkin import messages, stats
from forum.events.models import Event
from forum.extensions import db
from forum.text import spreadsheet_safe


def scans_csv(event: Event) -> bytes:
    """Every scan of the event, newest first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Scanned at"),
            _("Received at"),
            _("Checkpoint"),
            _("Direction"),
            _("Result"),
            _("Reason"),
            _("Name"),
            _("Organisation"),
            _("Category"),
            _("Offline"),
            _("Flagged"),
            _("Annulled"),
            _("Scanner"),
            _("Nonce"),
        ]
    )
    rows = db.session.execute(stats.scan_log_query(event)).all()
    for scan, door, registration, user_email, device_name in rows:
        row = [
            format_datetime(scan.scanned_at, "yyyy-MM-dd HH:mm:ss"),
            format_datetime(scan.received_at, "yyyy-MM-dd HH:mm:ss"),
            door.localized("name", reader_language()),
            _("In") if scan.direction.value == "in" else _("Out"),
            _("Accepted") if scan.status.value == "accepted" else _("Refused"),
            messages.reason_label(scan.reason) if scan.reason else "",
            registration.display_name if registration is not None else "",
            registration.organisation if registration is not None else "",
            registration.category.label if registration is not None else "",
            _("yes") if scan.offline else "",
            _("yes") if scan.flagged else "",
            _("yes") if scan.annulled_at is not None else "",
            device_name or user_email or "",
            scan.nonce,
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return out.getvalue().encode("utf-8-sig")
