"""Deliveries: versioned packages in the content-addressed store, hash check on read, size cap,
untrusted zips, and refusal on a blocking norms report (crafted and real)."""

from __future__ import annotations

import zipfile

import pytest
from sqlalchemy import select

from creator_studio.core.errors import PermissionDenied, StudioError, ValidationError
from creator_studio.core.market import deliveries, normsets
from creator_studio.core.market.deliveries import DeliveryRefused
from creator_studio.core.store.filestore import FileIntegrityError, FileStore, FileTooLarge
from creator_studio.core.store.models import Delivery


def _blocking(_d, _r):
    return {"blocking": True, "findings": [
        {"rule_id": "forbidden-words", "status": "fail", "page": "p3",
         "message_zh": "出现禁用词「保本」", "message_en": "Forbidden wording 保本"},
        {"rule_id": "cover", "status": "warn", "message_zh": "缺少封面", "message_en": "no cover"}]}


def test_blocking_report_refuses(svc, world, mk):
    oid = mk.awarded_order()
    with pytest.raises(DeliveryRefused) as e:
        mk.deliver(oid, checker=_blocking)
    assert e.value.code == "NORMS_BLOCKED"
    assert "保本" in e.value.message_zh
    assert [f["rule_id"] for f in e.value.details["findings"]] == ["forbidden-words"]
    assert mk.order(oid).status == "in_progress"  # the order did not move
    with svc.read() as s:
        rows = list(s.scalars(select(Delivery).where(Delivery.order_id == oid)))
    assert [(d.status, d.attempt, d.version, d.norms_blocking) for d in rows] == [
        ("refused", 1, None, True)]
    assert rows[0].norms_report["findings"][0]["page"] == "p3"
    ok = mk.deliver(oid)  # fixed package passes
    assert (ok.attempt, ok.version, ok.status) == (2, 1, "submitted")
    assert mk.order(oid).status == "delivered"


def test_real_norms_checker_runs_on_a_package(svc, world, mk):
    """Without a crafted checker the real norms module judges the package (an empty one fails)."""
    oid = mk.awarded_order()
    loose = mk.tmp / "loose"
    loose.mkdir()
    (loose / "readme.txt").write_text("nothing rendered", encoding="utf-8")
    with pytest.raises(StudioError) as e:  # not a rendered package at all
        svc.call(deliveries.deliver, world.maker, oid, loose, key="real-0", store=svc.store)
    assert e.value.code == "NOT_A_PACKAGE"
    empty = mk.tmp / "empty-pkg"
    empty.mkdir()
    (empty / "manifest.json").write_text('{"schema": 1, "lesson": {}, "forms": {}}', encoding="utf-8")
    with pytest.raises(DeliveryRefused) as e:
        svc.call(deliveries.deliver, world.maker, oid, empty, key="real-1", store=svc.store)
    assert "package-has-forms" in [f["rule_id"] for f in e.value.details["findings"]]


def test_published_normset_is_handed_to_the_checker(svc, world, mk):
    seen = {}

    def spy(d, rules):  # noqa: ANN001
        seen["rules"] = rules
        return {"blocking": False, "findings": []}

    svc.call(normsets.publish_norms, world.staff, {"id": "corp", "rules": []}, title="v1")
    v2 = svc.call(normsets.publish_norms, world.staff, {"id": "corp", "rules": []}, title="v2")
    assert v2.version == 2
    oid = mk.awarded_order()
    d = mk.deliver(oid, checker=spy)
    assert seen["rules"]["version"] == 2 and d.normset_version_id == v2.id


def test_manifest_versions_and_hash_check_on_read(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    d1 = mk.deliver(oid)
    assert {f["path"] for f in d1.manifest["files"]} == {"manifest.json", "h5/index.html"}
    assert d1.manifest["package"]["forms"] == {"h5": {}}
    out = svc.call(lambda s, a, now: deliveries.fetch_package(s, a, d1.id, svc.store,
                                                              tmp_path / "got.zip"), world.buyer)
    assert zipfile.ZipFile(out).read("h5/index.html").startswith(b"<html>")
    with pytest.raises(PermissionDenied):  # another buyer cannot fetch it
        svc.call(lambda s, a, now: deliveries.fetch_package(s, a, d1.id, svc.store,
                                                            tmp_path / "x.zip"), world.buyer2)
    # damage the stored file: reading it is a typed error, never wrong bytes
    stored = svc.store.path_for(d1.package_sha256)
    data = bytearray(stored.read_bytes())
    data[-1] ^= 0xFF
    stored.write_bytes(bytes(data))
    with pytest.raises(FileIntegrityError):
        svc.store.read_bytes(d1.package_sha256)
    with pytest.raises(FileIntegrityError):
        svc.store.copy_to(d1.package_sha256, tmp_path / "bad.zip")
    assert not (tmp_path / "bad.zip").exists()


def test_zip_package_and_idempotent_delivery(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    z = tmp_path / "course.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("manifest.json", '{"forms": {"long-image": {}}}')
        zf.writestr("long-image/part-01.png", b"\x89PNG fake")
    a = svc.call(deliveries.deliver, world.maker, oid, z, key="dlv-1", store=svc.store,
                 norms_checker=lambda d, r: {"blocking": False, "findings": []})
    b = svc.call(deliveries.deliver, world.maker, oid, z, key="dlv-1", store=svc.store,
                 norms_checker=lambda d, r: {"blocking": False, "findings": []})
    assert a.id == b.id and mk.order(oid).status == "delivered"


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/passwd"])
def test_unsafe_zip_is_refused(svc, world, mk, tmp_path, member):
    oid = mk.awarded_order()
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(member, "x")
    with pytest.raises(ValidationError) as e:
        svc.call(deliveries.deliver, world.maker, oid, z, key="evil", store=svc.store)
    assert e.value.code == "BAD_PACKAGE"


def test_not_a_zip_is_refused(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(ValidationError):
        svc.call(deliveries.deliver, world.maker, oid, bad, key="bad", store=svc.store)


def test_size_cap(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    small = FileStore(tmp_path / "small", max_bytes=1000)
    pkg = mk.package("big")
    (pkg / "h5" / "video.bin").write_bytes(b"\0" * 5000)
    with pytest.raises(FileTooLarge):
        svc.call(deliveries.deliver, world.maker, oid, pkg, key="big", store=small,
                 norms_checker=lambda d, r: {"blocking": False, "findings": []})
    with pytest.raises(FileTooLarge):
        small.put_bytes(b"x" * 1001)
    assert not any(p.is_file() for p in (tmp_path / "small").rglob("*"))  # no temp left behind


def test_filestore_roundtrip_and_dedup(tmp_path):
    fs = FileStore(tmp_path / "fs")
    a = fs.put_bytes(b"hello")
    b = fs.put_bytes(b"hello")
    assert a == b and fs.read_bytes(a) == b"hello"
    assert len([p for p in (tmp_path / "fs").rglob("*") if p.is_file()]) == 1
    with pytest.raises(ValidationError):
        fs.path_for("../../etc/passwd")


def test_uncertified_maker_cannot_deliver(svc, world, mk):
    from creator_studio.core.store.models import Certificate

    oid = mk.awarded_order()
    with svc.write() as s:
        for c in s.scalars(select(Certificate).where(Certificate.holder_id == world.maker)):
            c.status = "revoked"
    with pytest.raises(PermissionDenied) as e:
        mk.deliver(oid)
    assert e.value.code == "NOT_CERTIFIED"


def test_symlinks_are_not_packed(svc, world, mk, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    oid = mk.awarded_order()
    pkg = mk.package("withlink")
    (pkg / "h5" / "leak.txt").symlink_to(secret)
    d = svc.call(deliveries.deliver, world.maker, oid, pkg, key="link", store=svc.store,
                 norms_checker=lambda d, r: {"blocking": False, "findings": []})
    assert "h5/leak.txt" not in {f["path"] for f in d.manifest["files"]}
    names = zipfile.ZipFile(svc.store.path_for(d.package_sha256)).namelist()
    assert "h5/leak.txt" not in names
