"""The team server: the market as one multi-user service (FastAPI on uvicorn, PostgreSQL).

It alone holds the database, the signing secrets and the files. Desktops and the CLI reach it
through `core.market.http_client.HttpMarketClient`; every route authenticates the session and
calls the same `InProcessClient` method the embedded mode uses, as the session's user. See
`docs/server.md`.
"""
