"""A person's vetting data in their copy of their data (GDPR art. 15 and 20,
forum/privacy/export.py).

Their identity data, decrypted (the copy is downloaded by the person themself, signed
in), their vetting status and its dates. The security service's note is left out: it is
written for the security officers, about the vetting, not given by the person. The
download of identity data is audited like every other read of it. Erasure deletes the
whole vetting row (forum.vetting.services.erase_identity).
"""

from datetime import datetime

from forum.audit.services import record
from forum.registration.models import Registration
from forum.vetting.services import vetting_of


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def vetting_export(registration: Registration) -> dict | None:
    """The person's identity data and vetting status, or None when they never gave any."""
    vetting = vetting_of(registration)
    if vetting is None:
        return None
    if vetting.identity is not None:
        record("vetting.identity_exported", registration, actor=registration.user)
    return {
        "status": vetting.status.value,
        "identity": dict(vetting.identity) if vetting.identity is not None else None,
        "submitted_at": _when(vetting.submitted_at),
        "answered_at": _when(vetting.answered_at),
        "identity_deleted_at": _when(vetting.purged_at),
    }
