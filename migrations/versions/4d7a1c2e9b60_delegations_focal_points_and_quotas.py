"""delegations, focal points and quotas; the focal point and security officer roles

- delegations: an organisation's group (name, its Latin form, type, country), its quota
  of places and its focal point (e-mail, name, account).
- delegation_category_quotas: a delegation's share of places per badge category.
- delegation_members: which registration belongs to which delegation, who added it,
  whether it was registered on the member's behalf, and its replacement.
- event_quotas: the most accredited people per organisation, country or badge category.
- users.role accepts "focal_point" and "security_officer". On PostgreSQL the CHECK
  constraint is dropped and created again. On SQLite, whose ALTER TABLE cannot change a
  constraint, the table's definition is edited in sqlite_schema as SQLite documents for
  loosening a CHECK constraint (https://sqlite.org/lang_altertable.html, "otheralter"):
  rebuilding users instead would fire the ON DELETE actions of every table that refers to
  it (sign-in sessions deleted, audit actors set to NULL), as foreign keys are on.

Downgrade deletes the focal point and security officer accounts (their roles cease to
exist), then restores the constraint and drops the tables.

Revision ID: 4d7a1c2e9b60
Revises: b7c3e9f10a42
Create Date: 2026-12-02 03:03:14.875758

"""

from alembic import op
import sqlalchemy as sa

OLD_ROLES = ("organiser", "officer", "staff", "delegate")
NEW_ROLES = (*OLD_ROLES, "focal_point", "security_officer")


def _role_check(roles) -> str:
    return "role IN (" + ", ".join(f"'{role}'" for role in roles) + ")"


def _set_role_check(old, new) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_users_role"), "users", type_="check")
        op.create_check_constraint(op.f("ck_users_role"), "users", _role_check(new))
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'"
    ).scalar()
    changed = sql.replace(_role_check(old), _role_check(new))
    if changed == sql:
        raise RuntimeError("users.role: the CHECK constraint is not the one expected")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'users'", (changed,)
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


# revision identifiers, used by Alembic.
revision = "4d7a1c2e9b60"
down_revision = "b7c3e9f10a42"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_latin", sa.String(length=200), nullable=False),
        sa.Column(
            "organisation_type",
            sa.Enum(
                "eu_institution",
                "eu_government",
                "ua_government",
                "eu_industry",
                "ua_industry",
                "association",
                "partner",
                "press",
                name="organisation_type",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("focal_point_name", sa.String(length=200), nullable=False),
        sa.Column("focal_point_email", sa.String(length=254), nullable=False),
        sa.Column("focal_point_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quota >= 0", name=op.f("ck_delegations_quota_not_negative")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_delegations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["focal_point_id"],
            ["users.id"],
            name=op.f("fk_delegations_focal_point_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegations")),
        sa.UniqueConstraint("event_id", "name", name="uq_delegations_event_name"),
    )
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegations_focal_point_id"), ["focal_point_id"], unique=False
        )

    op.create_table(
        "event_quotas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "organisation",
                "country",
                "category",
                name="quota_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("places >= 0", name=op.f("ck_event_quotas_places_not_negative")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_quotas_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_quotas")),
        sa.UniqueConstraint("event_id", "kind", "value", name="uq_event_quotas_kind_value"),
    )
    op.create_table(
        "delegation_category_quotas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "delegate",
                "speaker",
                "vip",
                "press",
                "organiser",
                "staff",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "places >= 0", name=op.f("ck_delegation_category_quotas_places_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegations.id"],
            name=op.f("fk_delegation_category_quotas_delegation_id_delegations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_category_quotas")),
        sa.UniqueConstraint(
            "delegation_id", "category", name="uq_delegation_category_quotas_category"
        ),
    )
    op.create_table(
        "delegation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("on_behalf", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replacement_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["users.id"],
            name=op.f("fk_delegation_members_added_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegations.id"],
            name=op.f("fk_delegation_members_delegation_id_delegations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_delegation_members_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["replacement_id"],
            ["delegation_members.id"],
            name=op.f("fk_delegation_members_replacement_id_delegation_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_members")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_delegation_members_registration_id")),
    )
    with op.batch_alter_table("delegation_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegation_members_delegation_id"), ["delegation_id"], unique=False
        )

    _set_role_check(OLD_ROLES, NEW_ROLES)


def downgrade():
    op.execute("DELETE FROM users WHERE role IN ('focal_point', 'security_officer')")
    _set_role_check(NEW_ROLES, OLD_ROLES)
    with op.batch_alter_table("delegation_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_members_delegation_id"))

    op.drop_table("delegation_members")
    op.drop_table("delegation_category_quotas")
    op.drop_table("event_quotas")
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegations_focal_point_id"))

    op.drop_table("delegations")
