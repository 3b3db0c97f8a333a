"""order thread, attachments and pinned review comments (#17)

Revision ID: 0005_order_thread
Revises: 0004_team_server
"""
from __future__ import annotations

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0005_order_thread'
down_revision = '0004_team_server'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
