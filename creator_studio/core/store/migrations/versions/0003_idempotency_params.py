"""idempotency parameters and system timer keys (#20, #12)

Revision ID: 0003_idempotency_params
Revises: 0002_cert_grading
"""
from __future__ import annotations

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0003_idempotency_params'
down_revision = '0002_cert_grading'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
