"""Deliveries: a versioned course package (rendered forms + manifest) with its norms report.

The package (a folder or a .zip) is checked as untrusted input, stored once in the
content-addressed file store, described by a manifest (every file's path, size and SHA-256), and
checked against the newest published norm set. A report with a blocking failure refuses the
delivery with its findings listed; the refused attempt is kept (``status='refused'``), so the
first-pass norms rate can be computed later, and the order does not move.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core import staging
from creator_studio.core.errors import InvalidTransition, NotFound, ValidationError
from creator_studio.core.market import idempotency, normsets, permissions
from creator_studio.core.market.orders import get_order, transition, transition_params_hash
from creator_studio.core.store.filestore import FileStore, FileTooLarge
from creator_studio.core.store.models import Delivery, OrderTransition, User

MAX_MEMBERS = 20_000
MAX_RATIO = 200  # a member expanding more than 200× its compressed size is a zip bomb


class DeliveryRefused(ValidationError):
    """The norms report has a blocking failure; ``details['findings']`` lists them."""

    code = "NORMS_BLOCKED"
    keep_changes = True  # the refused attempt and its report are kept for the record


def _safe_member(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return not p.is_absolute() and ".." not in p.parts and name.strip() != ""


def _unpack(zip_path: Path, dest: Path, max_bytes: int) -> None:
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError("交付包不是有效的 zip 文件", f"Not a valid zip package: {exc}",
                              code="BAD_PACKAGE") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ValidationError("交付包文件过多", "Too many files in the package", code="BAD_PACKAGE")
        total = sum(i.file_size for i in infos)
        if total > max_bytes:
            raise FileTooLarge("交付包解压后超过大小上限", "The unpacked package exceeds the size cap",
                               details={"max_bytes": max_bytes})
        for info in infos:
            if not _safe_member(info.filename):
                raise ValidationError(f"交付包含有不安全的路径：{info.filename}",
                                      f"Unsafe path in package: {info.filename}", code="BAD_PACKAGE")
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise ValidationError("交付包压缩比异常（疑似压缩炸弹）",
                                      "Suspicious compression ratio (zip bomb?)", code="BAD_PACKAGE")
            if info.flag_bits & 0x1:
                raise ValidationError("交付包已加密", "The package is encrypted", code="BAD_PACKAGE")
        try:
            zf.extractall(dest)
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise ValidationError("交付包损坏", f"Damaged package: {exc}", code="BAD_PACKAGE") from None


def _zip_folder(folder: Path, out: Path, max_bytes: int) -> None:
    """A deterministic zip (sorted names, fixed timestamps): same folder → same hash."""
    # Symlinks are skipped: a package must not smuggle files from outside its folder.
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    if sum(p.stat().st_size for p in files) > max_bytes:
        raise FileTooLarge("交付包超过大小上限", "The package exceeds the size cap",
                           details={"max_bytes": max_bytes})
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for p in files:
            info = zipfile.ZipInfo(p.relative_to(folder).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(p, "rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)


def _manifest(root: Path) -> dict[str, Any]:
    files = []
    for p in sorted(x for x in root.rglob("*") if x.is_file() and not x.is_symlink()):
        h = hashlib.sha256()
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                h.update(chunk)
        files.append({"path": p.relative_to(root).as_posix(), "size": p.stat().st_size,
                      "sha256": h.hexdigest()})
    package: dict[str, Any] = {}
    mf = root / "manifest.json"
    if mf.is_file():
        try:
            package = json.loads(mf.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            package = {"error": "manifest.json unreadable"}
    return {"files": files, "package": package,
            "total_size": sum(f["size"] for f in files)}


def deliver(session: Session, actor: User, order_id: int, package: Path, *, key: str,
            now: datetime, store: FileStore, note: str = "",
            norms_checker: Callable[[Path, dict | None], Any] | None = None) -> Delivery:
    """Deliver `package` (folder or .zip) for an order. Raises `DeliveryRefused` on blocking norms."""
    order = get_order(session, actor, order_id)
    permissions.check(actor, "order.deliver", order)  # permission first, then any replay
    idempotency.check_key(key)
    package = Path(package)
    earlier = session.scalar(select(OrderTransition).where(OrderTransition.idempotency_key == key))
    if earlier is not None:
        return _replay_delivery(session, actor, order, earlier, package, note, key, store)
    if order.status not in ("in_progress", "revision_requested"):
        raise InvalidTransition("当前订单状态不能交付", f"Cannot deliver an order that is {order.status}")
    if not package.exists():
        raise NotFound("交付包不存在", f"Package not found: {package}")

    with staging.temp_dir("cs-delivery-") as tmp:
        tmp_path = Path(tmp)
        if package.is_dir():
            unpacked = package
            zipped = tmp_path / "package.zip"
            _zip_folder(package, zipped, store.max_bytes)
        else:
            if package.stat().st_size > store.max_bytes:
                raise FileTooLarge("交付包超过大小上限", "The package exceeds the size cap",
                                   details={"max_bytes": store.max_bytes})
            unpacked = tmp_path / "unpacked"
            unpacked.mkdir()
            _unpack(package, unpacked, store.max_bytes)
            zipped = package
        manifest = _manifest(unpacked)
        version_row = normsets.current_normset(session)
        report = normsets.check_package(unpacked, version_row, norms_checker)
        digest = store.put_file(zipped)
        size = zipped.stat().st_size

    attempts = session.scalar(select(func.count()).select_from(Delivery)
                              .where(Delivery.order_id == order.id)) or 0
    blocking = bool(report["blocking"])
    version = None
    if not blocking:
        version = (session.scalar(select(func.max(Delivery.version))
                                  .where(Delivery.order_id == order.id)) or 0) + 1
    delivery = Delivery(order_id=order.id, attempt=attempts + 1, version=version,
                        status="refused" if blocking else "submitted", package_sha256=digest,
                        package_size=size, manifest=manifest, norms_report=report,
                        norms_blocking=blocking,
                        normset_version_id=version_row.id if version_row else None,
                        note=note, created_by=actor.id, created_at=now)
    session.add(delivery)
    session.flush()
    if blocking:
        failures = [f for f in report["findings"] if f.get("status") == "fail"]
        lines = "；".join(f.get("message_zh", f.get("rule_id", "")) for f in failures[:5])
        raise DeliveryRefused(f"交付未通过上传规范，共 {len(failures)} 项不合格：{lines}",
                              f"The package fails {len(failures)} blocking norm(s)",
                              details={"delivery_id": delivery.id, "findings": failures})
    transition(session, actor, "order", order.id, "deliver", key=key, now=now,
               delivery_id=delivery.id, replay_params=_delivery_params(digest, note))
    return delivery


def _delivery_params(package_sha256: str, note: str) -> dict[str, Any]:
    """What makes two delivery calls the same: the package's bytes and the note."""
    return {"package_sha256": package_sha256, "note": note or ""}


def _package_digest(package: Path, max_bytes: int) -> str:
    """The SHA-256 the store would file `package` under (a folder is zipped deterministically)."""
    if not package.exists():
        raise NotFound("交付包不存在", f"Package not found: {package}")
    if package.is_dir():
        with staging.temp_dir("cs-delivery-") as tmp:
            zipped = Path(tmp) / "package.zip"
            _zip_folder(package, zipped, max_bytes)
            return _sha256_file(zipped)
    return _sha256_file(package)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(chunk)
    return h.hexdigest()


def _replay_delivery(session: Session, actor: User, order, earlier: OrderTransition,  # noqa: ANN001
                     package: Path, note: str, key: str, store: FileStore) -> Delivery:
    """A retry of a delivery already made: the same maker, order, package and note get the
    earlier delivery back; anything else under the key is IDEMPOTENCY_KEY_REUSED."""
    if earlier.action != "deliver" or earlier.order_id != order.id:
        raise idempotency.key_reused(key, "action")
    if earlier.actor_id != actor.id:
        raise idempotency.key_reused(key, "actor")
    delivery = session.get(Delivery, (earlier.params or {}).get("delivery_id"))
    if delivery is None:
        raise idempotency.key_reused(key, "action")
    expected = earlier.params_hash or transition_params_hash(
        "order", order.id, "deliver", None,
        _delivery_params(delivery.package_sha256, delivery.note or ""))
    got = transition_params_hash("order", order.id, "deliver", None,
                                 _delivery_params(_package_digest(package, store.max_bytes), note))
    if got != expected:
        raise idempotency.key_reused(key, "params")
    return delivery


def list_deliveries(session: Session, actor: User, order_id: int) -> list[Delivery]:
    order = get_order(session, actor, order_id)
    return list(session.scalars(select(Delivery).where(Delivery.order_id == order.id)
                                .order_by(Delivery.attempt)))


def fetch_package(session: Session, actor: User, delivery_id: int, store: FileStore,
                  dest: Path) -> Path:
    """Copy a delivered package to `dest`, verifying its hash (typed error on mismatch)."""
    delivery = session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound("交付不存在", f"No delivery #{delivery_id}")
    get_order(session, actor, delivery.order_id)
    return store.copy_to(delivery.package_sha256, dest)
