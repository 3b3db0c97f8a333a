"""The certificate gate at each action (offer, award, deliver), checked at the moment of the action.

Certificates are revoked/suspended through the certification service, so this is the same path
staff use; on SQLite and PostgreSQL (the `svc` fixture of conftest.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from creator_studio.core.errors import PermissionDenied
from creator_studio.core.market import certification, requests
from creator_studio.core.store.models import Certificate, User


def _set_status(svc, world, maker_id, status, reason="违反创客行为规范"):
    with svc.write() as s:
        staff = s.get(User, world.staff)
        cert = s.scalar(select(Certificate).where(Certificate.holder_id == maker_id))
        return [o.id for o in certification.set_certificate_status(s, staff, cert.id, status, reason,
                                                                   now=svc.now())]


def test_uncertified_maker_cannot_offer(mk, world):
    rid = mk.open_request()
    with pytest.raises(PermissionDenied) as exc:
        mk.offer(rid, maker=world.uncertified)
    assert exc.value.code == "NOT_CERTIFIED" and exc.value.details["action"] == "offer"


def test_certificate_must_cover_every_requested_form(mk, world, svc):
    with svc.write() as s:
        s.add(Certificate(number="CS-ONLY-LI", holder_id=world.uncertified, forms=["long-image"],
                          status="valid", issued_at=svc.now(), expires_at=svc.now().replace(year=2030),
                          verification_code="only-li"))
    rid = mk.open_request(forms=("long-image", "skit"))
    with pytest.raises(PermissionDenied) as exc:
        mk.offer(rid, maker=world.uncertified)
    assert exc.value.details["missing_forms"] == ["skit"]
    assert mk.offer(mk.open_request(forms=("long-image",)), maker=world.uncertified)


def test_suspended_between_offer_and_award_blocks_the_award(mk, world, svc):
    rid = mk.open_request()
    oid = mk.offer(rid, maker=world.maker2)
    _set_status(svc, world, world.maker2, "suspended")
    with pytest.raises(PermissionDenied) as exc:
        svc.call(requests.award, world.buyer, rid, oid, key=mk.key("award"))
    assert exc.value.details["action"] == "award"
    with svc.read() as s:
        from creator_studio.core.store.models import Request

        assert s.get(Request, rid).status == "open"  # nothing changed


def test_revoked_mid_order_blocks_delivery_and_new_offers_and_lists_open_orders(mk, world, svc):
    order_id = mk.awarded_order()
    open_orders = _set_status(svc, world, world.maker, "revoked")
    assert order_id in open_orders  # staff decide what happens to it
    with pytest.raises(PermissionDenied) as exc:
        mk.deliver(order_id)
    assert exc.value.details["action"] == "deliver"
    with pytest.raises(PermissionDenied):
        mk.offer(mk.open_request())
    assert mk.order(order_id).status == "in_progress"
