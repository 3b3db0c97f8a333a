"""idempotency parameters and system timer keys (#20, #12)

A replay must come from the same actor with the same parameters: order_transitions gets the hash
of the parameters, and writes that are not state moves (offers, posted requests) get their own
idempotency table. System (timer) keys live in the reserved ``sys:`` namespace, which user keys
may not use; keys of that form logged by users before this revision are renamed out of the way so
they can never block a timer.

Revision ID: 0003_idempotency_params
Revises: 0002_cert_grading
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003_idempotency_params'
down_revision = '0002_cert_grading'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('order_transitions') as batch:
        batch.add_column(sa.Column('params_hash', sa.String(length=64), nullable=True))
    op.create_table(
        'idempotency_records',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=128), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('operation', sa.String(length=48), nullable=False),
        sa.Column('params_hash', sa.String(length=64), nullable=False),
        sa.Column('result', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'],
                                name=op.f('fk_idempotency_records_actor_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotency_records')),
        sa.UniqueConstraint('key', name=op.f('uq_idempotency_records_key')),
    )
    # Timers now use "sys:timer:<id>" (old: "timer:<id>", which a user could take first). A key in
    # the new system namespace logged by a *user* before this revision is moved aside (the row
    # and its audit stay; only the key text changes) so it can never block a system move.
    op.execute(sa.text(
        "UPDATE order_transitions SET idempotency_key = 'user-legacy:' || CAST(id AS VARCHAR(20)) "
        "WHERE actor_id IS NOT NULL AND idempotency_key LIKE 'sys:%'"))


def downgrade() -> None:
    op.drop_table('idempotency_records')
    with op.batch_alter_table('order_transitions') as batch:
        batch.drop_column('params_hash')
