"""Initial schema: members, settings, counters.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 03:11:44.869440
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("next_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.bulk_insert(counters, [{"name": "member_code", "next_value": 10000}])
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("preferred_name", sa.String(length=80), nullable=False),
        sa.Column("pronouns", sa.String(length=40), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("phone_last4", sa.String(length=4), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column(
            "focus",
            sa.Enum(
                "substance-use",
                "mental-health",
                "both",
                "family-ally",
                name="focus",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
        sa.Column("recovery_start", sa.Date(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "guest", "member", "archived", name="memberstatus", native_enum=False, length=30
            ),
            nullable=False,
        ),
        sa.Column("archived_reason", sa.String(length=400), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("desk_note", sa.String(length=200), nullable=False),
        sa.Column("peer_wants_to_see", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        sa.Column("sort_key", sa.String(length=300), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("code", name=op.f("uq_members_code")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_joined_on"), ["joined_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_members_phone_last4"), ["phone_last4"], unique=False)
        batch_op.create_index("ix_members_search_key", ["search_key"], unique=False)
        batch_op.create_index("ix_members_sort_key_id", ["sort_key", "id"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "emergency_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("relationship", sa.String(length=80), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_emergency_contacts_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_contacts")),
    )
    with op.batch_alter_table("emergency_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_emergency_contacts_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "member_pathways",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "pathway",
            sa.Enum(
                "12-step",
                "smart",
                "faith-based",
                "medication-assisted",
                "harm-reduction",
                "secular",
                "other",
                name="pathway",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_pathways_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "pathway", name=op.f("pk_member_pathways")),
    )
    op.create_table(
        "member_search_terms",
        sa.Column(
            "term",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_search_terms_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "member_id", name=op.f("pk_member_search_terms")),
    )
    with op.batch_alter_table("member_search_terms", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_search_terms_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("member_search_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_search_terms_member_id"))

    op.drop_table("member_search_terms")
    op.drop_table("member_pathways")
    with op.batch_alter_table("emergency_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emergency_contacts_member_id"))

    op.drop_table("emergency_contacts")
    op.drop_table("settings")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_sort_key_id")
        batch_op.drop_index("ix_members_search_key")
        batch_op.drop_index(batch_op.f("ix_members_phone_last4"))
        batch_op.drop_index(batch_op.f("ix_members_joined_on"))

    op.drop_table("members")
    op.drop_table("counters")
