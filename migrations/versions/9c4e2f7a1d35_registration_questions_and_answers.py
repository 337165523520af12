"""registration questions and answers

The organisers' own questions on the registration form (issue 19):

- question_sections: the form's parts, titles in English and Ukrainian, in order;
- questions: the question, its type, texts (EN/UK), rules (required, categories asked,
  one condition on another question's answer, length or range, consent version),
  whether an accredited delegate may change it or must be reviewed again, and the one
  question per event printed on badges (unique partial index on_badge) and the one
  shown at the door (at_door); retired questions keep their answers;
- question_choices: a choice question's choices, with optional places;
- answers: one per registration and question (unique), its value in the column of its
  type; deleted with the registration (ON DELETE CASCADE); a question with answers
  cannot be deleted (no cascade);
- answer_choices: the chosen choices, indexed by choice for the officers' filter and
  the count of places;
- answer_files: uploaded files, apart, so that lists never load them.

New tables only. Downgrade drops them.

Revision ID: 9c4e2f7a1d35
Revises: 4d7a1c2e9b60
Create Date: 2026-12-02 04:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9c4e2f7a1d35"
down_revision = "4d7a1c2e9b60"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "question_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_uk", sa.String(length=200), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_question_sections_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_sections")),
    )
    op.create_index(
        op.f("ix_question_sections_event_id"), "question_sections", ["event_id"], unique=False
    )

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "short_text",
                "long_text",
                "number",
                "date",
                "single_choice",
                "multiple_choice",
                "yes_no",
                "country",
                "file",
                "consent",
                name="question_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("label_uk", sa.String(length=300), server_default="", nullable=False),
        sa.Column("short_label", sa.String(length=60), server_default="", nullable=False),
        sa.Column("short_label_uk", sa.String(length=60), server_default="", nullable=False),
        sa.Column("help", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("help_uk", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "display",
            sa.Enum(
                "radio",
                "list",
                name="choice_display",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("categories", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("condition_question_id", sa.Integer(), nullable=True),
        sa.Column("condition_value", sa.String(length=40), server_default="", nullable=False),
        sa.Column("max_length", sa.Integer(), nullable=True),
        sa.Column("min_number", sa.Integer(), nullable=True),
        sa.Column("max_number", sa.Integer(), nullable=True),
        sa.Column("min_date", sa.Date(), nullable=True),
        sa.Column("max_date", sa.Date(), nullable=True),
        sa.Column("consent_version", sa.String(length=20), server_default="", nullable=False),
        sa.Column("editable_after_approval", sa.Boolean(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("on_badge", sa.Boolean(), nullable=False),
        sa.Column("at_door", sa.Boolean(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "max_length IS NULL OR max_length > 0", name=op.f("ck_questions_max_length_positive")
        ),
        sa.CheckConstraint(
            "min_date IS NULL OR max_date IS NULL OR min_date <= max_date",
            name=op.f("ck_questions_date_range_in_order"),
        ),
        sa.CheckConstraint(
            "min_number IS NULL OR max_number IS NULL OR min_number <= max_number",
            name=op.f("ck_questions_number_range_in_order"),
        ),
        sa.ForeignKeyConstraint(
            ["condition_question_id"],
            ["questions.id"],
            name=op.f("fk_questions_condition_question_id_questions"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_questions_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["question_sections.id"],
            name=op.f("fk_questions_section_id_question_sections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    op.create_index(op.f("ix_questions_event_id"), "questions", ["event_id"], unique=False)
    op.create_index(op.f("ix_questions_section_id"), "questions", ["section_id"], unique=False)
    op.create_index(
        "uq_questions_event_at_door",
        "questions",
        ["event_id"],
        unique=True,
        sqlite_where=sa.text("at_door"),
        postgresql_where=sa.text("at_door"),
    )
    op.create_index(
        "uq_questions_event_on_badge",
        "questions",
        ["event_id"],
        unique=True,
        sqlite_where=sa.text("on_badge"),
        postgresql_where=sa.text("on_badge"),
    )

    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("date_value", sa.Date(), nullable=True),
        sa.Column("flag", sa.Boolean(), nullable=True),
        sa.Column("consent_version", sa.String(length=20), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_answers_question_id_questions")
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_answers_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint("registration_id", "question_id", name="uq_answers_registration"),
    )
    op.create_index(op.f("ix_answers_question_id"), "answers", ["question_id"], unique=False)

    op.create_table(
        "question_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("label_uk", sa.String(length=200), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "places IS NULL OR places >= 0", name=op.f("ck_question_choices_places_positive")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_choices_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_choices")),
    )
    op.create_index(
        op.f("ix_question_choices_question_id"), "question_choices", ["question_id"], unique=False
    )

    op.create_table(
        "answer_choices",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("choice_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_answer_choices_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["choice_id"],
            ["question_choices.id"],
            name=op.f("fk_answer_choices_choice_id_question_choices"),
        ),
        sa.PrimaryKeyConstraint("answer_id", "choice_id", name=op.f("pk_answer_choices")),
    )
    op.create_index(
        op.f("ix_answer_choices_choice_id"), "answer_choices", ["choice_id"], unique=False
    )

    op.create_table(
        "answer_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_answer_files_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_files")),
        sa.UniqueConstraint("answer_id", name=op.f("uq_answer_files_answer_id")),
    )


def downgrade():
    op.drop_table("answer_files")
    op.drop_index(op.f("ix_answer_choices_choice_id"), table_name="answer_choices")

    op.drop_table("answer_choices")
    op.drop_index(op.f("ix_question_choices_question_id"), table_name="question_choices")

    op.drop_table("question_choices")
    op.drop_index(op.f("ix_answers_question_id"), table_name="answers")

    op.drop_table("answers")
    op.drop_index("uq_questions_event_on_badge", table_name="questions")
    op.drop_index("uq_questions_event_at_door", table_name="questions")
    op.drop_index(op.f("ix_questions_section_id"), table_name="questions")
    op.drop_index(op.f("ix_questions_event_id"), table_name="questions")

    op.drop_table("questions")
    op.drop_index(op.f("ix_question_sections_event_id"), table_name="question_sections")

    op.drop_table("question_sections")
