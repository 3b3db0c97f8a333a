"""team server sessions, uploads and login throttling (#12)

Revision ID: 0004_team_server
Revises: 0003_idempotency_params
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0004_team_server'
down_revision = '0003_idempotency_params'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'server_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.Column('client', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_server_sessions_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_server_sessions')),
        sa.UniqueConstraint('token_sha256', name=op.f('uq_server_sessions_token_sha256')),
    )
    op.create_index('ix_server_sessions_user', 'server_sessions', ['user_id'], unique=False)
    op.create_table(
        'login_failures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('login', sa.String(length=64), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failures')),
    )
    op.create_index('ix_login_failures_login_at', 'login_failures', ['login', 'at'], unique=False)
    op.create_index('ix_login_failures_address_at', 'login_failures', ['address', 'at'],
                    unique=False)
    op.create_table(
        'server_uploads',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('chunks', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('completed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_server_uploads_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_server_uploads')),
    )
    op.create_index('ix_server_uploads_user', 'server_uploads', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_server_uploads_user', table_name='server_uploads')
    op.drop_table('server_uploads')
    op.drop_index('ix_login_failures_address_at', table_name='login_failures')
    op.drop_index('ix_login_failures_login_at', table_name='login_failures')
    op.drop_table('login_failures')
    op.drop_index('ix_server_sessions_user', table_name='server_sessions')
    op.drop_table('server_sessions')
