"""Public, unauthenticated endpoints: health, the issuer's keys, certificate verification.

The issuer key and HMAC secret never leave the server; only the public half is published:
``/.well-known/jwks.json`` (JWKS) and ``/.well-known/did.json`` (the ``did:web`` document whose
verification method an Open Badges credential's header names). ``/api/verify/{code}`` answers
the same question as ``creator-studio verify CODE`` — with the server's secret.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

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


class Jwk(BaseModel):
    """The issuer's Ed25519 public key as a JSON Web Key (RFC 8037)."""

    kty: str
    crv: str
    x: str
    kid: str | None = None
    use: str | None = None
    alg: str | None = None


class Jwks(BaseModel):
    keys: list[Jwk]


class VerificationMethod(BaseModel):
    id: str
    type: str
    controller: str
    publicKeyJwk: Jwk  # noqa: N815 - the DID Core name


class DidDocument(BaseModel):
    """The issuer's ``did:web`` document (DID Core)."""

    model_config = ConfigDict(populate_by_name=True)

    context: list[str] = Field(alias="@context")
    id: str
    verificationMethod: list[VerificationMethod]  # noqa: N815
    assertionMethod: list[str]  # noqa: N815
    authentication: list[str]


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


@router.get("/.well-known/jwks.json", response_model=Jwks, summary="The issuer's public key (JWKS)")
def jwks() -> JSONResponse:
    return JSONResponse({"keys": [dict(credentials.public_jwk(), use="sig", alg="EdDSA")]})


@router.get("/.well-known/did.json", response_model=DidDocument,
            summary="The issuer's did:web document")
def did() -> JSONResponse:
    return JSONResponse(credentials.did_document())  # as built: "@context" keeps its name


@router.get("/api/verify/{code}", response_model=VerifyResult,
            summary="Is this certificate code genuine and valid? (public, like the QR code)")
def verify(code: str, state=Depends(server_state)) -> VerifyResult:  # noqa: ANN001
    from creator_studio.core.market import certification

    with state.svc.read() as s:
        v = certification.verify(s, code, state.svc.now())
    return VerifyResult(valid=v.valid, status=v.status, message_zh=v.message_zh,
                        message_en=v.message_en, number=v.number, holder=v.holder,
                        forms=v.forms, expires_at=v.expires_at)
