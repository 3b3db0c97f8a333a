"""Certificate cryptography: unforgeable verification codes and signed Open Badges 3.0 credentials.

- The verification code printed (and QR-encoded) on a certificate is the certificate number plus
  an HMAC-SHA256 over the fields that matter, keyed with the platform's secret: changing any
  field, or inventing a number, fails the check without the secret.
- The Open Badges 3.0 export is a W3C Verifiable Credential (`OpenBadgeCredential`) secured as a
  VC-JWT: a compact JWS signed with the platform's Ed25519 key (JOSE `alg: EdDSA`), so anyone
  with the published public key (a JWK) can verify it outside the platform.

Secrets live in the user config folder (created on first use, mode 600) unless
`CREATOR_STUDIO_SECRET` / `CREATOR_STUDIO_ISSUER_KEY` provide them (team mode keeps them on the
server).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from creator_studio.core import atomic
from creator_studio.core.errors import ValidationError
from creator_studio.core.paths import config_dir

CODE_PREFIX = "CSV1"
OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2",
              "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def secrets_dir() -> Path:
    """Where the HMAC secret and the issuer key live.

    The team server points ``CREATOR_STUDIO_SECRETS_DIR`` at its own config folder, so one
    deployment has exactly one secret and one issuer key, and no workstation holds either. The
    embedded single-user mode keeps them in the user's config folder.
    """
    env = os.environ.get("CREATOR_STUDIO_SECRETS_DIR")
    if env:
        path = Path(env)
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path
    return config_dir()


def issuer_did() -> str | None:
    """The issuer's ``did:web`` when a server publishes the key (``CREATOR_STUDIO_ISSUER_URL``).

    ``https://studio.example.org`` → ``did:web:studio.example.org`` (a port is %3A-encoded, a
    path becomes colon-separated), resolved by anyone at ``<url>/.well-known/did.json``.
    """
    url = os.environ.get("CREATOR_STUDIO_ISSUER_URL", "").strip().rstrip("/")
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.netloc.replace(":", "%3A")
    path = ":".join(p for p in parts.path.split("/") if p)
    return f"did:web:{host}" + (f":{path}" if path else "")


def verification_method(key: Ed25519PrivateKey | Ed25519PublicKey | None = None) -> str | None:
    did = issuer_did()
    return f"{did}#{public_jwk(key)['kid']}" if did else None


def did_document(key: Ed25519PrivateKey | Ed25519PublicKey | None = None) -> dict:
    """The issuer's DID document: the one public key credentials are checked against."""
    did = issuer_did()
    if did is None:
        raise ValidationError("未配置签发方地址", "No issuer URL configured", code="NO_ISSUER_URL")
    jwk = public_jwk(key)
    vm = f"{did}#{jwk['kid']}"
    return {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
            "id": did,
            "verificationMethod": [{"id": vm, "type": "JsonWebKey2020", "controller": did,
                                    "publicKeyJwk": {k: v for k, v in jwk.items() if k != "kid"}}],
            "assertionMethod": [vm], "authentication": [vm]}


def verify_against_did_document(token: str, doc: dict, now: datetime | None = None) -> dict:
    """Check a VC-JWT with the key its header names in the issuer's published DID document —
    never with a key the credential carries itself — and that the issuer is that DID."""
    try:
        header = json.loads(_b64url_decode(token.split(".")[0]))
    except (ValueError, json.JSONDecodeError, IndexError):
        raise ValidationError("证书凭证格式不正确", "Malformed credential token",
                              code="BAD_CREDENTIAL") from None
    kid = header.get("kid", "")
    vm = next((m for m in doc.get("verificationMethod", []) if m.get("id") == kid), None)
    if vm is None or not kid.startswith(f"{doc.get('id')}#"):
        raise ValidationError("签名密钥不属于该签发方", "The signing key is not the issuer's",
                              code="BAD_SIGNATURE")
    claims = verify_credential_jwt(token, vm["publicKeyJwk"], now)
    if claims.get("iss") != doc.get("id"):
        raise ValidationError("证书的签发方与密钥不符", "The credential names another issuer",
                              code="BAD_SIGNATURE")
    return claims


def _private_file(name: str, make: callable) -> bytes:
    path = secrets_dir() / name
    if not path.is_file():
        atomic.write_bytes(path, make())
        os.chmod(path, 0o600)
    return path.read_bytes()


def platform_secret() -> bytes:
    env = os.environ.get("CREATOR_STUDIO_SECRET")
    if env:
        return env.encode("utf-8")
    return _private_file("platform-secret.key", lambda: secrets.token_bytes(32))


def issuer_key() -> Ed25519PrivateKey:
    env = os.environ.get("CREATOR_STUDIO_ISSUER_KEY")
    if env:
        pem = Path(env).read_bytes()
    else:
        pem = _private_file("issuer-ed25519.pem", lambda: Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError("签发密钥不是 Ed25519 密钥", "Issuer key is not an Ed25519 key",
                              code="BAD_ISSUER_KEY")
    return key


def public_jwk(key: Ed25519PrivateKey | Ed25519PublicKey | None = None) -> dict:
    key = key or issuer_key()
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw)}
    jwk["kid"] = _b64url(hashlib.sha256(json.dumps(jwk, sort_keys=True).encode()).digest()[:12])
    return jwk


# ---------------------------------------------------------------------------------------------
# Verification codes


@dataclass(frozen=True)
class CodeFields:
    """What a verification code vouches for."""

    number: str
    holder: str  # employee id / login, never a display name that may change
    forms: tuple[str, ...]
    issued: str  # ISO date
    expires: str  # ISO date
    program_version: int

    def canonical(self) -> bytes:
        return "|".join([self.number, self.holder, ",".join(sorted(self.forms)), self.issued,
                         self.expires, str(self.program_version)]).encode("utf-8")


def verification_code(fields: CodeFields, secret: bytes | None = None) -> str:
    mac = hmac.new(secret or platform_secret(), fields.canonical(), hashlib.sha256).digest()
    tag = base64.b32encode(mac[:15]).decode("ascii")  # 24 chars, no padding, easy to type
    return f"{CODE_PREFIX}-{fields.number}-{tag}"


def normalise_code(code: str) -> str:
    """A typed code as compared: trimmed, upper case (the tag is base32, the number upper case).
    Anything that is not short printable ASCII is a typed error, never a crash (#20 defect 3)."""
    text = code.strip() if isinstance(code, str) else ""
    if not text or not text.isascii() or not text.isprintable() or len(text) > 200:
        raise ValidationError("验证码格式不正确（只能包含英文字母、数字和连字符）",
                              "Malformed verification code (letters, digits and hyphens only)",
                              code="BAD_VERIFICATION_CODE")
    return text.upper()


def code_number(code: str) -> str:
    """The certificate number inside a code; a malformed code is a typed error."""
    parts = normalise_code(code).split("-")
    if len(parts) < 3 or parts[0] != CODE_PREFIX:
        raise ValidationError("验证码格式不正确", "Malformed verification code",
                              code="BAD_VERIFICATION_CODE")
    return "-".join(parts[1:-1])


def code_matches(code: str, fields: CodeFields, secret: bytes | None = None) -> bool:
    return hmac.compare_digest(normalise_code(code).encode("ascii"),
                               verification_code(fields, secret).upper().encode("ascii"))


# ---------------------------------------------------------------------------------------------
# Open Badges 3.0 (VC-JWT)


def open_badge_credential(*, credential_id: str, issuer_id: str, issuer_name: str,
                          subject_id: str, subject_name: str, achievement_id: str,
                          achievement_name: str, description: str, criteria: str,
                          valid_from: datetime, valid_until: datetime | None,
                          exam_pass_mark: int | None = None, status_url: str | None = None,
                          evidence_url: str | None = None) -> dict:
    def iso(dt: datetime) -> str:
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    achievement = {"id": achievement_id, "type": ["Achievement"], "achievementType": "Certification",
                   "name": achievement_name, "description": description,
                   "criteria": {"narrative": criteria}}
    if exam_pass_mark is not None:
        achievement["resultDescription"] = [{
            "id": achievement_id + "#exam", "type": ["ResultDescription"], "name": "考试 / Exam",
            "resultType": "Percent", "requiredValue": str(exam_pass_mark)}]
    issuer_id = issuer_did() or issuer_id  # a server's credentials name its published DID
    cred = {
        "@context": OB_CONTEXT,
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": issuer_name},
        "validFrom": iso(valid_from),
        "name": achievement_name,
        "credentialSubject": {"id": subject_id, "type": ["AchievementSubject"],
                              "name": subject_name, "achievement": achievement},
    }
    if valid_until is not None:
        cred["validUntil"] = iso(valid_until)
    if status_url:
        cred["credentialStatus"] = {"id": status_url, "type": "1EdTechRevocationList"}
    if evidence_url:
        cred["evidence"] = [{"id": evidence_url, "type": ["Evidence"], "name": "实践课程 / Practical course"}]
    return cred


def sign_credential(cred: dict, key: Ed25519PrivateKey | None = None) -> str:
    """VC-JWT: the credential is the claims set, plus the registered iss/sub/jti/nbf/exp claims."""
    key = key or issuer_key()
    header = {"alg": "EdDSA", "typ": "JWT", "kid": verification_method(key) or public_jwk(key)["kid"]}
    claims = dict(cred)
    claims["iss"] = cred["issuer"]["id"]
    claims["jti"] = cred["id"]
    claims["sub"] = cred["credentialSubject"]["id"]
    claims["nbf"] = int(datetime.fromisoformat(cred["validFrom"].replace("Z", "+00:00")).timestamp())
    if "validUntil" in cred:
        claims["exp"] = int(datetime.fromisoformat(cred["validUntil"].replace("Z", "+00:00")).timestamp())
    signing_input = (_b64url(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + _b64url(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()))
    sig = key.sign(signing_input.encode("ascii"))
    return signing_input + "." + _b64url(sig)


def verify_credential_jwt(token: str, jwk: dict, now: datetime | None = None) -> dict:
    """Check the signature and validity window; returns the claims. Typed errors otherwise."""
    try:
        h64, p64, s64 = token.split(".")
        header = json.loads(_b64url_decode(h64))
        claims = json.loads(_b64url_decode(p64))
        sig = _b64url_decode(s64)
    except (ValueError, json.JSONDecodeError):
        raise ValidationError("证书凭证格式不正确", "Malformed credential token",
                              code="BAD_CREDENTIAL") from None
    if header.get("alg") != "EdDSA" or jwk.get("crv") != "Ed25519":
        raise ValidationError("不支持的签名算法", "Unsupported signature algorithm",
                              code="BAD_CREDENTIAL")
    pub = Ed25519PublicKey.from_public_bytes(_b64url_decode(jwk["x"]))
    try:
        pub.verify(sig, f"{h64}.{p64}".encode("ascii"))
    except InvalidSignature:
        raise ValidationError("证书签名无效（可能被篡改）", "Invalid credential signature (tampered?)",
                              code="BAD_SIGNATURE") from None
    ts = (now or datetime.now(timezone.utc)).timestamp()
    if "nbf" in claims and ts < claims["nbf"]:
        raise ValidationError("证书尚未生效", "Credential not yet valid", code="NOT_YET_VALID")
    if "exp" in claims and ts > claims["exp"]:
        raise ValidationError("证书已过期", "Credential expired", code="CERT_EXPIRED")
    return claims
