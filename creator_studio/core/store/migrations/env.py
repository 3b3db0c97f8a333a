"""Alembic environment: runs on the connection handed in by `engine.upgrade_to`, or on a URL."""

from __future__ import annotations

import importlib

from alembic import context
from sqlalchemy import create_engine

from creator_studio.core.store.base import Base
import creator_studio.core.store.models  # noqa: F401  (registers the market tables)

# Other areas add their tables in their own modules; import them when present so autogenerate
# sees the whole schema.
for _name in ("creator_studio.core.store.models_cert", "creator_studio.core.store.models_server",
              "creator_studio.core.store.models_thread", "creator_studio.core.store.models_contest"):
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:
        if exc.name != _name:
            raise

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters via table copies
        compare_type=True,
    )


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
