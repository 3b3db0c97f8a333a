"""Verification codes can't be forged without the secret; OB 3.0 credentials verify and detect tampering."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from creator_studio.core.errors import ValidationError
from creator_studio.core.market import credentials as c

FIELDS = c.CodeFields("2026-000123", "E10086", ("h5", "long-image"), "2026-11-01", "2028-11-01", 1)


def test_code_round_trip_and_secret_bound():
    code = c.verification_code(FIELDS, b"s3cret")
    assert code.startswith("CSV1-2026-000123-") and c.code_number(code) == "2026-000123"
    assert c.code_matches(code, FIELDS, b"s3cret")
    assert not c.code_matches(code, FIELDS, b"other-secret")


@pytest.mark.parametrize("change", [
    {"number": "2026-000124"}, {"holder": "E10087"}, {"forms": ("h5", "long-image", "skit")},
    {"expires": "2030-11-01"}, {"program_version": 2}])
def test_any_changed_field_breaks_the_code(change):
    code = c.verification_code(FIELDS, b"k")
    forged = c.CodeFields(**{**FIELDS.__dict__, **change})
    assert not c.code_matches(code, forged, b"k")


def test_malformed_code_is_typed():
    with pytest.raises(ValidationError) as exc:
        c.code_number("hello")
    assert exc.value.code == "BAD_VERIFICATION_CODE"


def test_secret_is_created_once_and_kept(monkeypatch):
    monkeypatch.delenv("CREATOR_STUDIO_SECRET", raising=False)
    assert c.platform_secret() == c.platform_secret() and len(c.platform_secret()) == 32


def _cred(valid_from, valid_until):
    return c.open_badge_credential(
        credential_id="urn:uuid:5b2f0c1e-0000-4000-8000-000000000001",
        issuer_id="https://university.example.internal/issuer", issuer_name="集团企业大学",
        subject_id="urn:employee:E10086", subject_name="王小明",
        achievement_id="https://university.example.internal/cert/maker/v1",
        achievement_name="认证创客（长图文、H5）", description="持证上岗", criteria="培训+考试+实践课程",
        valid_from=valid_from, valid_until=valid_until, exam_pass_mark=80)


def test_open_badge_credential_shape_and_signature():
    now = datetime.now(timezone.utc)
    cred = _cred(now - timedelta(days=1), now + timedelta(days=700))
    assert cred["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(cred["type"])
    assert cred["credentialSubject"]["achievement"]["achievementType"] == "Certification"
    key = Ed25519PrivateKey.generate()
    token = c.sign_credential(cred, key)
    claims = c.verify_credential_jwt(token, c.public_jwk(key))
    assert claims["credentialSubject"]["name"] == "王小明" and claims["jti"] == cred["id"]
    # Tampering with the payload breaks the signature.
    h, p, s = token.split(".")
    body = json.loads(c._b64url_decode(p))
    body["credentialSubject"]["name"] = "李四"
    forged = ".".join([h, c._b64url(json.dumps(body).encode()), s])
    with pytest.raises(ValidationError) as exc:
        c.verify_credential_jwt(forged, c.public_jwk(key))
    assert exc.value.code == "BAD_SIGNATURE"
    # Another key does not verify it.
    with pytest.raises(ValidationError):
        c.verify_credential_jwt(token, c.public_jwk(Ed25519PrivateKey.generate()))


def test_expired_credential_is_refused():
    now = datetime.now(timezone.utc)
    key = Ed25519PrivateKey.generate()
    token = c.sign_credential(_cred(now - timedelta(days=800), now - timedelta(days=70)), key)
    with pytest.raises(ValidationError) as exc:
        c.verify_credential_jwt(token, c.public_jwk(key))
    assert exc.value.code == "CERT_EXPIRED"
