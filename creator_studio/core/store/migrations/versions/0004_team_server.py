"""team server sessions, uploads and login throttling (#12)

Revision ID: 0004_team_server
Revises: 0003_idempotency_params
"""
from __future__ import annotations

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0004_team_server'
down_revision = '0003_idempotency_params'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
