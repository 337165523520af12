"""The demo forum's delegations: a ministry, an EU institution and three companies, each with
its focal point (an account that signs in) and members in every state a member can be in.

Built from model objects, as the rest of the demo is (no mails leave while seeding): the
members are invited registrations of the delegation's organisation, some completed and
decided, one registered on its member's behalf, one replaced by another person.
"""

import random
import secrets
from datetime import datetime, timedelta

from forum.auth.models import Role
from forum.auth.services import create_user
from forum.delegations.models import Delegation, DelegationCategoryQuota, DelegationMember
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Registration,
    RegistrationState,
)
from forum.translit import passport_latin

S = RegistrationState
T = OrganisationType

# name, Latin form, type, country, quota, VIP share, focal point (name, e-mail), members:
# (given name, family name, category, state; "behalf" registered on the member's behalf).
DELEGATIONS = [
    (
        "Міністерство з питань стратегічних галузей промисловості України",
        "Ministry of Strategic Industries of Ukraine",
        T.UA_GOVERNMENT,
        "UA",
        8,
        2,
        ("Оксана Мельник", "focal.point@forum.example"),
        [
            ("Ірина", "Гриценко", BadgeCategory.VIP, S.APPROVED),
            ("Тарас", "Бойко", BadgeCategory.DELEGATE, S.APPROVED),
            ("Наталія", "Лисенко", BadgeCategory.DELEGATE, S.PENDING),
            ("Богдан", "Кравчук", BadgeCategory.DELEGATE, "behalf"),
            ("Дмитро", "Савченко", BadgeCategory.DELEGATE, S.SUBMITTED),
            ("Андрій", "Мороз", BadgeCategory.DELEGATE, "replaced"),
        ],
    ),
    (
        "European Commission, DG Defence Industry and Space",
        "",
        T.EU_INSTITUTION,
        "BE",
        5,
        1,
        ("Hélène Dupont", "focal.dg-defis@forum.example"),
        [
            ("Matthias", "Becker", BadgeCategory.VIP, S.APPROVED),
            ("Camille", "Lefèvre", BadgeCategory.DELEGATE, S.APPROVED),
            ("Jonas", "Lindqvist", BadgeCategory.DELEGATE, S.WAITLISTED),
            ("Sofia", "Marino", BadgeCategory.DELEGATE, S.WITHDRAWN),
        ],
    ),
    (
        "Ardennes Munitions SA",
        "",
        T.EU_INDUSTRY,
        "BE",
        3,
        0,
        ("Luc Janssens", "focal.ardennes@forum.example"),
        [
            ("Pieter", "Claes", BadgeCategory.DELEGATE, S.APPROVED),
            ("Élodie", "Martin", BadgeCategory.DELEGATE, S.REJECTED),
            ("Wout", "Peeters", BadgeCategory.DELEGATE, S.PENDING),
        ],
    ),
    (
        "Київські дронові системи",
        "Kyiv Drone Systems",
        T.UA_INDUSTRY,
        "UA",
        4,
        0,
        ("Олег Бондар", "focal.kds@forum.example"),
        [
            ("Юлія", "Ткаченко", BadgeCategory.DELEGATE, S.APPROVED),
            ("Максим", "Шевчук", BadgeCategory.DELEGATE, S.CANCELLED),
            ("Віктор", "Поліщук", BadgeCategory.DELEGATE, "behalf"),
        ],
    ),
    (
        "Baltic Armour Works AS",
        "",
        T.EU_INDUSTRY,
        "EE",
        3,
        0,
        ("Kadri Tamm", "focal.baltic@forum.example"),
        [
            ("Marten", "Kask", BadgeCategory.DELEGATE, S.APPROVED),
            ("Liis", "Saar", BadgeCategory.DELEGATE, S.SUBMITTED),
        ],
    ),
]
# Registrations the delegations add to the demo's invented delegates (a replaced member and
# the person who took the place are two).
MEMBERS = sum(
    len(people) + sum(state == "replaced" for *_n, state in people) for *_d, people in DELEGATIONS
)
REJECTED_REASON = "Registration is limited to organisations working on joint production."


def seed_delegations(
    event: Event, clock: datetime, rng: random.Random
) -> list[tuple[str, str, str]]:
    """Add the demo delegations; returns the first focal point's login (role, e-mail, password)."""
    logins = []
    for name, latin, org_type, country, quota, vip, (fp_name, fp_email), people in DELEGATIONS:
        password = secrets.token_urlsafe(9)
        focal_point = create_user(fp_email, password, Role.FOCAL_POINT, full_name=fp_name)
        if not logins:
            logins.append((Role.FOCAL_POINT.value, fp_email, password))
        delegation = Delegation(
            event_id=event.id,
            name=name,
            name_latin=latin or name,
            organisation_type=org_type,
            country=country,
            quota=quota,
            focal_point_name=fp_name,
            focal_point_email=fp_email,
            focal_point=focal_point,
        )
        if vip:
            delegation.category_quotas.append(
                DelegationCategoryQuota(category=BadgeCategory.VIP, places=vip)
            )
        db.session.add(delegation)
        for n, (given, family, category, state) in enumerate(people):
            added = clock - timedelta(days=20 - n, hours=rng.randrange(1, 9))
            member = _member(delegation, given, family, category, state, added, focal_point)
            if state == "replaced":
                replacement = _member(
                    delegation, "Олена", "Руденко", category, S.PENDING, added, focal_point
                )
                member.replaced_at = added + timedelta(days=3)
                member.replacement = replacement
    db.session.flush()
    return logins


def _member(
    delegation: Delegation,
    given: str,
    family: str,
    category: BadgeCategory,
    state,
    added: datetime,
    focal_point,
) -> DelegationMember:
    on_behalf = state == "behalf"
    real_state = {"behalf": S.SUBMITTED, "replaced": S.CANCELLED}.get(state, state)
    domain = (delegation.name_latin or delegation.name).split(",")[0].lower()
    domain = "".join(c for c in domain if c.isalnum())[:20] or "delegation"
    registration = Registration(
        event_id=delegation.event_id,
        given_name=given,
        family_name=family,
        email=f"{_ascii(given)}.{_ascii(family)}@{domain}.example",
        organisation=delegation.name,
        organisation_latin=delegation.name_latin,
        organisation_type=delegation.organisation_type,
        country=delegation.country,
        category=category,
        requested_category=category,
        locale="uk" if delegation.country == "UA" else "en",
        state=real_state,
        invited=True,
        phone="+380441234567" if on_behalf else "",
        job_title="Adviser" if on_behalf else "",
        created_at=added,
        updated_at=added,
        state_reason=REJECTED_REASON if real_state is S.REJECTED else "",
    )
    if real_state is not S.SUBMITTED:
        registration.confirmed_at = added + timedelta(days=1)
        registration.consent_data_at = registration.confirmed_at
        registration.consent_data_version = "2024-03"
    if real_state in (S.APPROVED, S.REJECTED, S.WAITLISTED):
        registration.decided_at = added + timedelta(days=2)
    if real_state is S.WAITLISTED:
        registration.waitlisted_at = registration.decided_at
    registration.refresh_keys()
    member = DelegationMember(
        delegation=delegation,
        registration=registration,
        added_by_id=focal_point.id,
        on_behalf=on_behalf,
        created_at=added,
    )
    db.session.add_all([registration, member])
    return member


def _ascii(name: str) -> str:
    return "".join(c for c in passport_latin(name).lower() if c.isalpha()) or "member"
