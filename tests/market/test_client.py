"""The in-process `MarketClient`: plain values out, request source files in and out, permissions.

Runs on SQLite and PostgreSQL (the market conftest's engines) through `InProcessClient`, the same
object the window uses.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import timedelta

import pytest

from creator_studio.core.errors import NotFound, PermissionDenied, StudioError
from creator_studio.core.market.client import InProcessClient, MarketClient, UserInfo, open_market
from creator_studio.core.store.filestore import FileTooLarge


def _user(client: InProcessClient, login: str) -> UserInfo:
    """The world's accounts have no passwords (login is tested in test_accounts.py)."""
    from creator_studio.core.market import accounts, reads

    with client.svc.read() as s:
        info = reads.user_info(s, accounts.user_by_login(s, login).id)
    return UserInfo(info["id"], info["login"], info["display_name"], frozenset(info["roles"]),
                    info["business_line"])


@pytest.fixture
def client(svc, world) -> InProcessClient:
    return InProcessClient(svc)


def _deck(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_in_process_client_implements_the_protocol(client):
    assert isinstance(client, MarketClient)
    proto = {n for n in vars(MarketClient) if not n.startswith("_")}
    assert proto <= set(dir(client))


def test_open_market_refuses_a_bad_url_with_a_typed_error():
    with pytest.raises(StudioError) as exc:
        open_market("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert exc.value.code == "DB_UNAVAILABLE"


def test_attachments_stored_and_downloaded_by_buyer_awarded_maker_and_staff(client, svc, mk,
                                                                            tmp_path):
    buyer = _user(client, "buyer01")
    deck = _deck(tmp_path, "理赔流程.pptx", b"PK\x03\x04 deck bytes " * 100)
    doc = _deck(tmp_path, "附件说明.docx", b"PK\x03\x04 doc bytes")
    rid = client.post_request(buyer, title="理赔流程微课", forms=["h5"], budget_fen=500_000,
                              deadline=svc.now() + timedelta(days=20),
                              attachments=[deck, doc])
    files = client.request_files(buyer, rid)
    assert [f["name"] for f in files] == ["理赔流程.pptx", "附件说明.docx"]
    assert files[0]["sha256"] == hashlib.sha256(deck.read_bytes()).hexdigest()
    assert all(type(v) in (int, str) or v is None or hasattr(v, "isoformat")
               for f in files for v in f.values())

    maker, other = _user(client, "maker01"), _user(client, "maker02")
    # Before the award, a bidding maker sees the description only.
    with pytest.raises(PermissionDenied):
        client.request_files(maker, rid)
    oid = client.make_offer(maker, rid, 400_000, 10, "ok")
    client.make_offer(other, rid, 390_000, 10, "ok")
    client.award(buyer, rid, oid)

    got = client.fetch_request_file(maker, files[0]["id"], tmp_path / "dl" / "deck.pptx")
    assert got.read_bytes() == deck.read_bytes()
    staff = _user(client, "staff01")
    assert len(client.request_files(staff, rid)) == 2
    for outsider in (other, _user(client, "buyer02")):
        with pytest.raises(PermissionDenied):
            client.request_files(outsider, rid)
        with pytest.raises(PermissionDenied):
            client.fetch_request_file(outsider, files[0]["id"], tmp_path / "x.pptx")
    assert not (tmp_path / "x.pptx").exists()
    with pytest.raises(NotFound):
        client.fetch_request_file(staff, 999_999, tmp_path / "y.pptx")


def test_oversized_attachment_refused_and_nothing_posted(client, svc, tmp_path):
    buyer = _user(client, "buyer01")
    big = _deck(tmp_path, "big.pptx", b"0" * (svc.store.max_bytes + 1))
    with pytest.raises(FileTooLarge) as exc:
        client.post_request(buyer, title="大文件", forms=["h5"], budget_fen=100_000,
                            deadline=svc.now() + timedelta(days=5), attachments=[big])
    assert exc.value.code == "FILE_TOO_LARGE"
    assert client.buyer_requests(buyer) == []  # one unit of work: no half-posted request


def test_reads_return_plain_values_and_staff_lists_check_the_role(client, mk):
    oid = mk.awarded_order()
    maker, buyer, staff = (_user(client, x) for x in ("maker01", "buyer01", "staff01"))
    rows = client.maker_orders(maker, 50, 0)
    assert rows and dataclasses.is_dataclass(rows[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].status = "paid"  # type: ignore[misc]
    assert client.my_offers(maker)[0]["status"] == "awarded"
    assert client.buyer_requests(buyer)[0]["status"] == "awarded"
    assert client.certificates(maker) and client.certificates(buyer) == []
    assert client.earnings(maker) == []
    for staff_only in (client.disputes, client.cert_queue, client.all_certificates,
                       client.dashboard):
        with pytest.raises(PermissionDenied):
            staff_only(maker)
        with pytest.raises(PermissionDenied):
            staff_only(buyer)
        staff_only(staff)
    assert client.dashboard(staff)["status"] == [("in_progress", 1)]
    assert oid


def test_earnings_and_home_page_survive_an_accepted_order_without_an_acceptance_time(client, mk):
    """Imported history can hold an accepted order with no acceptance time: it has no month, so
    it sorts after the real months instead of breaking the maker's home page (seen on the load
    test's data set: the home page answered 500)."""
    from sqlalchemy import update

    from creator_studio.core.store.models import Order

    dated, undated = mk.awarded_order(), mk.awarded_order()
    with client.svc.write() as s:
        s.execute(update(Order).where(Order.id == dated).values(
            status="accepted", accepted_at=client.now(), payout_fen=2000))
        s.execute(update(Order).where(Order.id == undated).values(
            status="accepted", accepted_at=None, payout_fen=1000))
    maker = _user(client, "maker01")
    rows = client.earnings(maker)
    assert [r["month"] for r in rows] == [client.now().strftime("%Y-%m"), None]
    assert [r["paid_fen"] for r in rows] == [2000, 1000]
    assert client.maker_summary(maker)["earnings"] == rows
    buyer = _user(client, "buyer01")
    req = client.buyer_requests(buyer)[0]
    assert req["forms"] and req["offers"] >= 1  # the plain-column read keeps forms and counts
