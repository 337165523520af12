"""Every model, imported in one place for Alembic, the shell and the tests."""

from forum.audit.models import AuditEntry
from forum.auth.models import Role, SignInSession, User, staff_checkpoints
from forum.badges.models import PrintRun, RunState
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
from forum.exports.models import ExportJob, ExportState
from forum.files.models import StoredFile
from forum.mail.models import MailState, OutgoingMail
from forum.mailings.models import Mailing, MailingState
from forum.matchmaking.meeting_models import (
    MatchmakingSettings,
    Meeting,
    MeetingBlock,
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    MeetingTable,
    Notice,
    Unavailability,
)
from forum.matchmaking.models import CapabilityTag, MatchProfile, Participant
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
from forum.questions.answer_models import Answer, AnswerFile
from forum.questions.held_files import HeldAnswerFile
from forum.questions.models import Choice, Question, Section
from forum.registration.held_photos import HeldPhoto
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Photo,
    Registration,
    RegistrationState,
)
from forum.search.models import SearchTerm, TermField
from forum.vetting.models import Vetting, VettingSettings

__all__ = [
    "Answer",
    "AnswerFile",
    "HeldAnswerFile",
    "AuditEntry",
    "BadgeCategory",
    "CapabilityTag",
    "Checkpoint",
    "Choice",
    "Delegation",
    "DelegationCategoryQuota",
    "DelegationMember",
    "DevicePairing",
    "DeviceToken",
    "ErasureRequest",
    "HeldPhoto",
    "MatchProfile",
    "MatchmakingSettings",
    "Meeting",
    "MeetingBlock",
    "MeetingRequest",
    "MeetingSeat",
    "MeetingSlot",
    "MeetingTable",
    "Notice",
    "ErasureState",
    "Direction",
    "Event",
    "EventQuota",
    "MailState",
    "OrganisationType",
    "Participant",
    "OutgoingMail",
    "Mailing",
    "MailingState",
    "PrintRun",
    "ExportJob",
    "ExportState",
    "RunState",
    "StoredFile",
    "Photo",
    "Question",
    "Registration",
    "RegistrationState",
    "Role",
    "Room",
    "Scan",
    "Section",
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
    "Unavailability",
    "User",
    "Vetting",
    "VettingSettings",
    "WorkingSession",
    "staff_checkpoints",
]
