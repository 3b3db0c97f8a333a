"""Declarative base shared by every table of the studio database.

The naming convention gives every constraint and index a stable, predictable name. Alembic needs
that on SQLite, where changing a table means rebuilding it in "batch" mode and constraints can only
be dropped or recreated by name, and it keeps PostgreSQL and SQLite schemas identical by name.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
