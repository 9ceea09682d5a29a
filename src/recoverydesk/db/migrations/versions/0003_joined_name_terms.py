"""Search terms for names typed without their apostrophe or hyphen (obrien, smithjones).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

Data only: every member's search terms are rebuilt with the current rules.
"""

import sqlalchemy as sa
from alembic import op

from recoverydesk.db.repositories.members import member_terms

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    members = conn.execute(
        sa.text("SELECT id, code, first_name, last_name, preferred_name, phone FROM members")
    ).all()
    conn.execute(sa.text("DELETE FROM member_search_terms"))
    rows = [
        {"member_id": m.id, "term": term}
        for m in members
        for term in sorted(
            member_terms(m.code, m.first_name, m.last_name, m.preferred_name, m.phone)
        )
    ]
    insert = sa.text("INSERT INTO member_search_terms (term, member_id) VALUES (:term, :member_id)")
    for start in range(0, len(rows), BATCH):
        conn.execute(insert, rows[start : start + BATCH])


def downgrade() -> None:
    pass
