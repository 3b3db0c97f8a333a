"""order thread, attachments and pinned review comments (#17)

Revision ID: 0005_order_thread
Revises: 0004_team_server
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0005_order_thread'
down_revision = '0004_team_server'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('order_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('author_role', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=128), nullable=False),
    sa.Column('params_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_order_messages_author_id_users')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_messages_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_messages')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_order_messages_idempotency_key'))
    )
    op.create_index('ix_order_messages_order', 'order_messages', ['order_id', 'id'], unique=False)
    op.create_table('order_thread_reads',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('last_message_id', sa.BigInteger(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_thread_reads_order_id_orders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_order_thread_reads_user_id_users')),
    sa.PrimaryKeyConstraint('order_id', 'user_id', name=op.f('pk_order_thread_reads'))
    )
    op.create_table('order_message_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('size >= 0', name=op.f('ck_order_message_files_size_nonneg')),
    sa.ForeignKeyConstraint(['message_id'], ['order_messages.id'], name=op.f('fk_order_message_files_message_id_order_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_message_files'))
    )
    op.create_index(op.f('ix_order_message_files_message_id'), 'order_message_files', ['message_id'], unique=False)
    op.create_table('review_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('form', sa.String(length=32), nullable=True),
    sa.Column('anchor', sa.String(length=16), nullable=False),
    sa.Column('page_id', sa.String(length=64), nullable=True),
    sa.Column('page_label', sa.String(length=200), nullable=False),
    sa.Column('x_bp', sa.Integer(), nullable=True),
    sa.Column('y_bp', sa.Integer(), nullable=True),
    sa.Column('time_ms', sa.BigInteger(), nullable=True),
    sa.Column('line_id', sa.String(length=64), nullable=True),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_by', sa.Integer(), nullable=True),
    sa.Column('status_at', sa.DateTime(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('revision_round', sa.Integer(), nullable=True),
    sa.Column('idempotency_key', sa.String(length=128), nullable=False),
    sa.Column('params_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("anchor IN ('page', 'time', 'line', 'general')", name=op.f('ck_review_comments_anchor_known')),
    sa.CheckConstraint("severity IN ('must_fix', 'suggestion')", name=op.f('ck_review_comments_severity_known')),
    sa.CheckConstraint("status IN ('open', 'resolved', 'done', 'reopened')", name=op.f('ck_review_comments_status_known')),
    sa.CheckConstraint('(x_bp IS NULL OR (x_bp BETWEEN 0 AND 10000)) AND (y_bp IS NULL OR (y_bp BETWEEN 0 AND 10000))', name=op.f('ck_review_comments_position_range')),
    sa.CheckConstraint('time_ms IS NULL OR time_ms >= 0', name=op.f('ck_review_comments_time_nonneg')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_review_comments_author_id_users')),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], name=op.f('fk_review_comments_delivery_id_deliveries')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_review_comments_order_id_orders')),
    sa.ForeignKeyConstraint(['status_by'], ['users.id'], name=op.f('fk_review_comments_status_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_comments')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_review_comments_idempotency_key'))
    )
    op.create_index('ix_review_comments_order', 'review_comments', ['order_id', 'id'], unique=False)
    op.create_table('review_comment_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=128), nullable=False),
    sa.Column('params_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_review_comment_events_actor_id_users')),
    sa.ForeignKeyConstraint(['comment_id'], ['review_comments.id'], name=op.f('fk_review_comment_events_comment_id_review_comments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_comment_events')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_review_comment_events_idempotency_key'))
    )
    op.create_index('ix_review_comment_events_comment', 'review_comment_events', ['comment_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_review_comment_events_comment', table_name='review_comment_events')
    op.drop_table('review_comment_events')
    op.drop_index('ix_review_comments_order', table_name='review_comments')
    op.drop_table('review_comments')
    op.drop_index(op.f('ix_order_message_files_message_id'), table_name='order_message_files')
    op.drop_table('order_message_files')
    op.drop_table('order_thread_reads')
    op.drop_index('ix_order_messages_order', table_name='order_messages')
    op.drop_table('order_messages')
