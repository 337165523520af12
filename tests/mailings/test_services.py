"""Mailings as services: who is in a segment, which language each person gets, placeholders,
scheduling and cancelling."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.checkin.models import Direction, Scan, ScanStatus
from forum.extensions import db
from forum.mail.models import OutgoingMail
from forum.mailings import services
from forum.mailings.models import MAILING_PRIORITY, MailingState
from forum.mailings.placeholders import PlaceholderError
from forum.mailings.segments import Segment
from forum.programme.models import SpeakerAssignment, SpeakerRole
from forum.registration.models import BadgeCategory, OrganisationType, RegistrationState
from tests import factories

S = RegistrationState


def emails(event, segment: Segment) -> set[str]:
    from forum.mailings.segments import recipients_query

    return {row.email for row in db.session.execute(recipients_query(event.id, segment))}


def person(event, email, **fields):
    return factories.create_registration(event, email=email, **fields)


def test_each_filter_narrows_the_segment_and_filters_combine_with_and(app, event):
    now = datetime.now(UTC)
    approved_be = person(event, "a@example.org", state=S.APPROVED, confirmed_at=now)
    approved_ua = person(
        event,
        "b@example.org",
        state=S.APPROVED,
        country="UA",
        organisation_type=OrganisationType.UA_GOVERNMENT,
        category=BadgeCategory.VIP,
        confirmed_at=now,
    )
    unconfirmed = person(event, "c@example.org", state=S.SUBMITTED)
    person(event, "d@example.org", state=S.CANCELLED, confirmed_at=now)
    other_event = factories.create_event()
    person(other_event, "elsewhere@example.org", state=S.APPROVED)
    session = factories.create_session(event)
    factories.create_sign_up(session, approved_be)
    db.session.add(
        SpeakerAssignment(
            session_id=session.id, registration_id=approved_ua.id, role=SpeakerRole.KEYNOTE
        )
    )
    door = factories.create_checkpoint(event)
    db.session.add(
        Scan(
            nonce="n1",
            checkpoint_id=door.id,
            registration_id=approved_be.id,
            direction=Direction.IN,
            status=ScanStatus.ACCEPTED,
        )
    )
    db.session.flush()

    everyone = {"a@example.org", "b@example.org", "c@example.org", "d@example.org"}
    assert emails(event, Segment()) == everyone
    assert emails(event, Segment(states=(S.APPROVED,))) == {"a@example.org", "b@example.org"}
    assert emails(event, Segment(categories=(BadgeCategory.VIP,))) == {"b@example.org"}
    assert emails(event, Segment(organisation_types=(OrganisationType.UA_GOVERNMENT,))) == {
        "b@example.org"
    }
    assert emails(event, Segment(countries=("ua",))) == {"b@example.org"}
    assert emails(event, Segment(session_ids=(session.id,))) == {"a@example.org"}
    assert emails(event, Segment(speakers_only=True)) == {"b@example.org"}
    assert emails(event, Segment(not_confirmed=True)) == {unconfirmed.email}
    # Accredited and never let in: the one who entered has collected their badge.
    assert emails(event, Segment(badge_not_collected=True)) == {"b@example.org"}
    # AND: approved people from Belgium.
    assert emails(event, Segment(states=(S.APPROVED,), countries=("BE",))) == {"a@example.org"}
    # AND with nobody matching both.
    assert emails(event, Segment(speakers_only=True, countries=("BE",))) == set()
    assert services.count_recipients(event.id, Segment(states=(S.APPROVED,))) == 2


def test_a_segment_survives_being_stored_as_json(app):
    segment = Segment(
        states=(S.APPROVED, S.PENDING),
        categories=(BadgeCategory.SPEAKER,),
        countries=("UA",),
        session_ids=(3,),
        badge_not_collected=True,
    )
    assert Segment.from_dict(segment.to_dict()) == segment


def draft(
    event, subject="Practical information", body="Dear {title_name},\n\nSee {agenda_link}.", **texts
):
    return services.save_mailing(
        event,
        services.Texts(subject, body, texts.get("subject_uk", ""), texts.get("body_uk", "")),
        Segment(states=(S.APPROVED,)),
        author=None,
    )


def test_each_recipient_gets_their_language_and_english_when_ukrainian_is_not_written(app, event):
    english = person(event, "en@example.org", state=S.APPROVED, locale="en", title="Dr")
    ukrainian = person(
        event,
        "uk@example.org",
        state=S.APPROVED,
        locale="uk",
        given_name="Олена",
        family_name="Коваленко",
    )
    mailing = draft(
        event, subject_uk="Практична інформація", body_uk="Шановна {name}, див. {agenda_link}."
    )
    assert services.queue_mailing(mailing, event, actor=None) == 2
    mails = {m.recipient: m for m in db.session.scalars(sa.select(OutgoingMail))}
    assert mails[english.email].subject == "Practical information"
    assert f"Dear Dr Sébastien {english.family_name}," in mails[english.email].text_body
    assert mails[ukrainian.email].subject == "Практична інформація"
    assert "Шановна Олена Коваленко, див. http" in mails[ukrainian.email].text_body
    assert "/my/agenda" in mails[ukrainian.email].text_body
    assert {m.priority for m in mails.values()} == {MAILING_PRIORITY}
    assert {m.mailing_id for m in mails.values()} == {mailing.id}
    assert mailing.state is MailingState.QUEUED and mailing.recipient_count == 2

    # Without a Ukrainian version, Ukrainian readers get the English one.
    only_english = draft(event, subject="Only in English", body="Hello {given_name}")
    services.queue_mailing(only_english, event, actor=None)
    (to_ukrainian,) = db.session.scalars(
        sa.select(OutgoingMail).where(
            OutgoingMail.mailing_id == only_english.id, OutgoingMail.recipient == ukrainian.email
        )
    )
    assert to_ukrainian.subject == "Only in English"
    assert "Hello Олена" in to_ukrainian.text_body


def test_an_unknown_placeholder_is_refused_with_the_known_ones_and_nothing_is_saved(app, event):
    person(event, "a@example.org", state=S.APPROVED)
    with pytest.raises(PlaceholderError) as refused:
        draft(event, body="Dear {firstname}, see {agenda_link}")
    assert "{firstname}" in refused.value.message
    assert "{name}" in refused.value.message and "{agenda_link}" in refused.value.message
    with pytest.raises(PlaceholderError):
        draft(event, body="A brace { alone")
    with pytest.raises(PlaceholderError):
        draft(event, body="{name.__class__}")
    db.session.flush()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail)) == 0


def test_a_mailing_changed_behind_the_forms_back_is_still_checked_and_nothing_is_queued(app, event):
    person(event, "a@example.org", state=S.APPROVED)
    mailing = draft(event)
    mailing.body_uk = "Шановний {імʼя}"
    with pytest.raises(PlaceholderError):
        services.queue_mailing(mailing, event, actor=None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail)) == 0


def test_a_mailing_leaves_once(app, event):
    person(event, "a@example.org", state=S.APPROVED)
    mailing = draft(event)
    services.queue_mailing(mailing, event, actor=None)
    with pytest.raises(services.MailingError):
        services.queue_mailing(mailing, event, actor=None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail)) == 1


def test_a_scheduled_mailing_leaves_at_its_time_and_a_cancelled_one_does_not(app, event):
    person(event, "a@example.org", state=S.APPROVED)
    now = datetime(2030, 1, 10, 9, 0, tzinfo=UTC)
    at = now + timedelta(hours=2)
    kept, cancelled = draft(event, subject="Kept"), draft(event, subject="Cancelled")
    services.schedule(kept, at, now=now)
    services.schedule(cancelled, at, now=now)
    with pytest.raises(services.MailingError):
        services.schedule(draft(event), now - timedelta(minutes=1), now=now)
    db.session.commit()

    assert services.queue_due_mailings(now + timedelta(hours=1)) == 0
    services.cancel_schedule(cancelled)
    db.session.commit()
    assert cancelled.state is MailingState.DRAFT

    assert services.queue_due_mailings(at) == 1
    db.session.rollback()
    subjects = db.session.scalars(sa.select(OutgoingMail.subject)).all()
    assert subjects == ["Kept"]
    assert db.session.get(type(kept), kept.id).state is MailingState.QUEUED
    # Too late to cancel once it has left.
    with pytest.raises(services.MailingError):
        services.cancel_schedule(db.session.get(type(kept), kept.id))


def test_the_preview_is_written_to_the_first_recipient_in_both_languages(app, event):
    person(event, "a@example.org", state=S.APPROVED, title="Dr", family_name="Aalto")
    mailing = draft(event, subject_uk="Інформація", body_uk="Шановні {title_name}")
    shown = services.preview(mailing, event)
    assert shown["en"][0] == "Practical information"
    assert "Dear Dr Sébastien Aalto," in shown["en"][1]
    assert shown["uk"][0] == "Інформація"
    assert "Шановні д-р Sébastien Aalto" in shown["uk"][1]  # the title in Ukrainian
    # Both come with the HTML version in the forum's look.
    assert "Dear Dr Sébastien Aalto," in shown["en"][2] and "<html" in shown["en"][2]


def test_a_scheduled_mailing_whose_group_emptied_leaves_to_nobody_once(app, event):
    registration = person(event, "a@example.org", state=S.APPROVED)
    now = datetime(2030, 1, 10, 9, 0, tzinfo=UTC)
    mailing = draft(event)
    services.schedule(mailing, now + timedelta(hours=1), now=now)
    registration.state = S.WITHDRAWN
    db.session.commit()
    assert services.queue_due_mailings(now + timedelta(hours=2)) == 1
    assert services.queue_due_mailings(now + timedelta(hours=3)) == 0
    mailing = db.session.get(type(mailing), mailing.id)
    assert mailing.state is MailingState.QUEUED and mailing.recipient_count == 0


def test_a_confirmation_queued_after_a_mailing_leaves_before_it(app, event, queued_tasks):
    from forum.mail import queue_mail
    from forum.mail.delivery import claim

    for n in range(30):
        person(event, f"p{n}@example.org", state=S.APPROVED)
    services.queue_mailing(draft(event), event, actor=None)
    db.session.commit()
    queue_mail("new@example.org", "Please confirm your e-mail address", "Hello")
    db.session.commit()
    first = claim(limit=5)
    assert first[0].recipient == "new@example.org"
    assert len(first) == 5
