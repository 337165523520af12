"""Signals by which one feature tells the others that something happened to a registration.

Registration does not import the features built on it (badges, the programme):
it sends one of these, and each feature connects its receiver when its blueprint
is registered. Blinker calls receivers at once, in the sender's thread, so what
they do is part of the same database transaction as the change that caused it.
"""

from blinker import Namespace

_signals = Namespace()

# sender: the Registration that left for withdrawn, cancelled or rejected (not flushed yet).
registration_left = _signals.signal("registration-left")

# sender: the accredited Registration whose printed details changed;
# keyword arguments: reason (str, for the audit log) and actor (User or None).
badge_details_changed = _signals.signal("badge-details-changed")

# sender: the Registration an officer is about to approve, with the event's row locked. A
# receiver that must refuse (a quota is full) returns why, for the officer; else None.
accreditation_requested = _signals.signal("accreditation-requested")

# sender: the Registration whose agenda is shown (My agenda, the calendar feed); keyword
# arguments: event and language. A receiver returns a list of
# forum.programme.agenda_extras.AgendaEntry (a B2B meeting, ...), texts in that language.
agenda_entries = _signals.signal("agenda-entries")

# sender: the User whose password was right, before the session starts. A receiver that
# must keep the account out returns (message, url): why, and where to go instead.
password_accepted = _signals.signal("password-accepted")

# sender: the Registration that has just changed state (in `move`, not flushed yet); keyword
# arguments: old and new (RegistrationState) and actor (User or None).
registration_moved = _signals.signal("registration-moved")

# sender: the Registration that has just become accredited: approved by an officer and, when
# the event vets its participants, cleared (whichever came last).
registration_accredited = _signals.signal("registration-accredited")
