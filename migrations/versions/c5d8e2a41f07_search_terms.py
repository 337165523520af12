"""search terms: every word of a person's names, organisation and e-mail as its search key

search_terms holds forum.translit.search_key of each word of a registration's,
guest speaker's or account's names (as written and in Latin letters),
organisation and e-mail address, so that a search typed in either script is an
index range scan on (event_id, term) instead of a LIKE '%...%' over every row.
The application keeps it current (forum/search/terms.py); existing rows are
filled here with the same rules (forum.search.keys.words_of). Erased people get
no terms. Latin-form columns are used when the database has them.

Downgrade drops the table.

Revision ID: c5d8e2a41f07
Revises: b7e4d1c9a062
Create Date: 2026-12-02 01:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

from forum.search.keys import words_of

# revision identifiers, used by Alembic.
revision = "c5d8e2a41f07"
down_revision = "b7e4d1c9a062"
branch_labels = None
depends_on = None

OWNERS = ("registration_id", "speaker_profile_id", "user_id")
ERASED = "@erased.invalid"  # forum.privacy.services.ERASED_DOMAIN
SOURCES = {
    "registrations": (
        "registration_id",
        {
            "name": (
                "given_name",
                "family_name",
                "passport_given_name",
                "passport_family_name",
            ),
            "organisation": ("organisation", "organisation_latin"),
            "email": ("email",),
        },
    ),
    "speaker_profiles": (
        "speaker_profile_id",
        {
            "name": ("full_name", "full_name_latin"),
            "organisation": ("organisation", "organisation_latin"),
        },
    ),
    "users": ("user_id", {"name": ("full_name", "full_name_latin"), "email": ("email",)}),
}


def upgrade():
    op.create_table(
        "search_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.Column("speaker_profile_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column(
            "field",
            sa.Enum(
                "name",
                "organisation",
                "email",
                name="term_field",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("term", sa.String(length=60), nullable=False),
        sa.CheckConstraint(
            "CASE WHEN registration_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN speaker_profile_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN user_id IS NULL THEN 0 ELSE 1 END = 1",
            name=op.f("ck_search_terms_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_search_terms_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_search_terms_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_profile_id"],
            ["speaker_profiles.id"],
            name=op.f("fk_search_terms_speaker_profile_id_speaker_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_search_terms_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_terms")),
    )
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.create_index("ix_search_terms_event_term", ["event_id", "term"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_search_terms_registration_id"), ["registration_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_search_terms_speaker_profile_id"), ["speaker_profile_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_search_terms_user_id"), ["user_id"], unique=False)
    fill()


def fill():
    """Terms for the rows already there, computed as the application computes them."""
    connection = op.get_bind()
    inspector = sa.inspect(connection)
    terms = sa.table(
        "search_terms",
        *(sa.column(c) for c in OWNERS),
        sa.column("event_id"),
        sa.column("field"),
        sa.column("term"),
    )
    for table, (owner, fields) in SOURCES.items():
        present = {c["name"] for c in inspector.get_columns(table)}
        fields = {f: [c for c in columns if c in present] for f, columns in fields.items()}
        wanted = {"id", "email", "event_id"} & present | {c for cs in fields.values() for c in cs}
        source = sa.table(table, *(sa.column(c) for c in wanted))
        rows = []
        for person in connection.execute(sa.select(*source.c)).mappings():
            if person.get("email", "").endswith(ERASED):
                continue
            for field, columns in fields.items():
                for term in sorted(words_of(*(person[c] or "" for c in columns))):
                    rows.append(
                        {
                            **dict.fromkeys(OWNERS),
                            owner: person["id"],
                            "event_id": person.get("event_id"),
                            "field": field,
                            "term": term,
                        }
                    )
        for start in range(0, len(rows), 5000):
            connection.execute(terms.insert(), rows[start : start + 5000])


def downgrade():
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_terms_user_id"))
        batch_op.drop_index(batch_op.f("ix_search_terms_speaker_profile_id"))
        batch_op.drop_index(batch_op.f("ix_search_terms_registration_id"))
        batch_op.drop_index("ix_search_terms_event_term")
    op.drop_table("search_terms")
