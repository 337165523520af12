"""Every model, imported in one place for Alembic, the shell and the tests."""

from forum.audit.models import AuditEntry
from forum.auth.models import Role, SignInSession, User, staff_checkpoints
from forum.checkin.models import (
    Checkpoint,
    DevicePairing,
    DeviceToken,
    Direction,
    Scan,
    ScanStatus,
)
from forum.delegations.models import (
    Delegation,
    DelegationCategoryQuota,
    DelegationMember,
    EventQuota,
)
from forum.events.models import Event
from forum.privacy.models import ErasureRequest, ErasureState
from forum.programme.models import (
    Room,
    SessionFormat,
    SignUp,
    SignUpState,
    SpeakerAssignment,
    SpeakerProfile,
    SpeakerRole,
    WorkingSession,
)
from forum.registration.held_photos import HeldPhoto
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Photo,
    Registration,
    RegistrationState,
)
from forum.search.models import SearchTerm, TermField

__all__ = [
    "AuditEntry",
    "BadgeCategory",
    "Checkpoint",
    "Delegation",
    "DelegationCategoryQuota",
    "DelegationMember",
    "DevicePairing",
    "DeviceToken",
    "ErasureRequest",
    "HeldPhoto",
    "ErasureState",
    "Direction",
    "Event",
    "EventQuota",
    "OrganisationType",
    "Photo",
    "Registration",
    "RegistrationState",
    "Role",
    "Room",
    "Scan",
    "ScanStatus",
    "SearchTerm",
    "SessionFormat",
    "SignInSession",
    "SignUp",
    "SignUpState",
    "SpeakerAssignment",
    "SpeakerProfile",
    "SpeakerRole",
    "TermField",
    "User",
    "WorkingSession",
    "staff_checkpoints",
]
