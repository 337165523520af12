"""The tags officers may set on a registration for the door (forum.checkin.attention), with
their words in the reader's language. Kept apart, with nothing to import but Babel, so that
the audit log's wording can name them too."""

import enum

from flask_babel import lazy_gettext as _l


class AttentionTag(enum.StrEnum):
    CHECK_ID = "check_id"
    CALL_PROTOCOL = "call_protocol"
    ESCORT = "escort"
    ASSISTANCE = "assistance"

    @property
    def label(self) -> str:
        return str(TAG_LABELS[self])


TAG_LABELS = {
    AttentionTag.CHECK_ID: _l("Check the ID document"),
    AttentionTag.CALL_PROTOCOL: _l("Call protocol"),
    AttentionTag.ESCORT: _l("Escort to the seat"),
    AttentionTag.ASSISTANCE: _l("Needs assistance"),
}


KNOWN_TAGS = frozenset(tag.value for tag in AttentionTag)
