"""Public, unauthenticated endpoints: health, the issuer's keys, certificate verification.

The issuer key and HMAC secret never leave the server; only the public half is published:
``/.well-known/jwks.json`` (JWKS) and ``/.well-known/did.json`` (the ``did:web`` document whose
verification method an Open Badges credential's header names). ``/api/verify/{code}`` answers
the same question as ``creator-studio verify CODE`` — with the server's secret.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from creator_studio.core.market import credentials
from creator_studio.server.deps import server_state

router = APIRouter(tags=["public"])


class Health(BaseModel):
    ok: bool
    version: str
    database: str
    schema_revision: str | None


class VerifyResult(BaseModel):
    valid: bool
    status: str
    message_zh: str
    message_en: str
    number: str | None = None
    holder: str | None = None
    forms: list[str] | None = None
    expires_at: datetime | None = None


class MarketStatus(BaseModel):
    users: int
    samples: list[dict] = []


@router.get("/api/health", response_model=Health, summary="Liveness and schema revision")
def health(state=Depends(server_state)) -> Health:  # noqa: ANN001
    from importlib.metadata import PackageNotFoundError, version

    from creator_studio.core.store.engine import current_revision

    try:
        v = version("creator-studio")
    except PackageNotFoundError:
        v = "dev"
    return Health(ok=True, version=v, database=state.svc.engine.dialect.name,
                  schema_revision=current_revision(state.svc.engine))


@router.get("/api/status", response_model=MarketStatus,
            summary="How many accounts exist (the sign-in screen's line); no sample accounts")
def status(state=Depends(server_state)) -> MarketStatus:  # noqa: ANN001
    from creator_studio.core.market import reads

    return MarketStatus(users=state.svc.query(reads.user_count), samples=[])


@router.get("/.well-known/jwks.json", summary="The issuer's public key (JWKS)")
def jwks() -> dict:
    return {"keys": [dict(credentials.public_jwk(), use="sig", alg="EdDSA")]}


@router.get("/.well-known/did.json", summary="The issuer's did:web document")
def did() -> dict:
    return credentials.did_document()


@router.get("/api/verify/{code}", response_model=VerifyResult,
            summary="Is this certificate code genuine and valid? (public, like the QR code)")
def verify(code: str, state=Depends(server_state)) -> VerifyResult:  # noqa: ANN001
    from creator_studio.core.market import certification

    with state.svc.read() as s:
        v = certification.verify(s, code, state.svc.now())
    return VerifyResult(valid=v.valid, status=v.status, message_zh=v.message_zh,
                        message_en=v.message_en, number=v.number, holder=v.holder,
                        forms=v.forms, expires_at=v.expires_at)
