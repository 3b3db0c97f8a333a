"""The team server's OpenAPI document: every operation declares a concrete answer, the market
answers are typed from the `MarketClient` protocol's return annotations, and real answers match
their declared models (and still decode into the same frozen rows)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import httpx
import pytest

from creator_studio.core.market import wire
from creator_studio.core.market.queries import OpenRequestRow, OrderRow

UNTYPED = ({}, {"type": "object"}, {"type": "object", "additionalProperties": True})


def resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def ref_name(schema: dict) -> str:
    return schema["$ref"].rsplit("/", 1)[-1]


def result_of(spec: dict, method: str) -> dict:
    op = spec["paths"][f"/api/market/{method}"]["post"]
    return op["responses"]["200"]["content"]["application/json"]["schema"]


def fields_of_row(spec: dict, schema: dict) -> dict:
    """The field schemas of a wire row model ({"$t": "row", "n": …, "v": {fields}})."""
    row = resolve(spec, schema)
    assert row["properties"]["$t"]["const"] == "row"
    return resolve(spec, row["properties"]["v"])["properties"]


# -- without a server: the generator itself ------------------------------------------------------

def test_every_routed_method_gets_a_response_model_from_its_annotation():
    from creator_studio.server import market_routes, schemas

    names = [n for n in market_routes.protocol_methods() if n not in market_routes.NOT_ROUTED]
    models = {n: schemas.result_model(n) for n in names}
    assert len({m.__name__ for m in models.values()}) == len(names)  # one model per method
    for name, model in models.items():
        assert model.model_fields["result"].annotation is not None, name


def test_no_routed_answer_is_loosely_typed():
    """A method annotated plain ``dict`` / ``list[dict]`` would be documented as a JSON object
    without named keys. None is left; a new one must declare a `shapes` TypedDict instead."""
    from creator_studio.core.market.client import MarketClient
    from creator_studio.server import market_routes, schemas

    loose = [n for n in market_routes.protocol_methods() if n not in market_routes.NOT_ROUTED
             and schemas.return_type(getattr(MarketClient, n)) in (dict, list[dict], dict | None)]
    assert not loose, sorted(loose)
    assert not {"open_requests", "buyer_orders", "maker_orders", "award", "order_action",
                "offers_for", "deliveries", "order_dossier", "request_files", "request_brief",
                "unread_counts", "disputes"} & set(loose)


def test_a_wire_row_validates_against_its_model_and_decodes_to_the_same_row():
    from datetime import datetime

    from creator_studio.server import schemas

    row = OpenRequestRow(7, "车险理赔微课", None, "王需求", 250_000, datetime(2026, 12, 3, 18), 2,
                         ("h5", "long-image"))
    answer = {"result": wire.encode([row]), "files": {}}
    schemas.result_model("open_requests").model_validate(answer)
    assert wire.decode(answer["result"]) == [row]
    with pytest.raises(Exception):  # a field of the wrong type is a mismatch
        bad = wire.encode([dataclasses.replace(row, budget_fen="lots")])
        schemas.result_model("open_requests").model_validate({"result": bad, "files": {}})


def test_the_check_mode_refuses_an_answer_that_does_not_match():
    from datetime import datetime

    from creator_studio.server import market_routes

    spec = market_routes.method_spec("buyer_orders")
    with pytest.raises(RuntimeError, match="buyer_orders"):
        market_routes._checked(spec, {"result": [{"id": "not a row"}], "files": {}})
    good = OrderRow(1, 2, "t", "张创客", 100, "in_progress", datetime(2026, 12, 1), False,
                    datetime(2026, 11, 1))
    answer = {"result": wire.encode([good]), "files": {}}
    assert market_routes._checked(spec, answer) is answer


# -- the live document ---------------------------------------------------------------------------

pg = pytest.mark.postgres


@pg
def test_every_api_operation_declares_a_concrete_200_schema(team):
    spec = httpx.get(team.url + "/openapi.json").json()
    seen = 0
    for path, ops in spec["paths"].items():
        if not path.startswith(("/api/", "/.well-known/")):
            continue
        for method, op in ops.items():
            seen += 1
            where = f"{method.upper()} {path}"
            content = op["responses"]["200"].get("content") or {}
            assert content, f"{where}: no 200 content"
            if "application/json" not in content:  # a download or the event stream
                (kind, body), = content.items()
                assert kind in ("application/octet-stream", "text/event-stream"), where
                assert body["schema"]["type"] == "string", where
                continue
            schema = content["application/json"]["schema"]
            assert "$ref" in schema, f"{where}: answer is not a named model: {schema}"
            model = resolve(spec, schema)
            assert model.get("properties"), f"{where}: answer model has no fields"
            if path.startswith("/api/market/"):
                name = path.rsplit("/", 1)[-1]
                assert ref_name(schema) == "".join(w.title() for w in name.split("_")) + "Result"
                result = model["properties"]["result"]
                assert result not in ({}, {"title": "Result"}), f"{where}: result untyped"
    assert seen > 100


@pg
def test_known_answers_list_their_real_fields(team):
    spec = httpx.get(team.url + "/openapi.json").json()

    # the maker's open-requests list: an array of OpenRequestRow rows with every field
    items = result_of(spec, "open_requests")
    items = resolve(spec, items)["properties"]["result"]
    assert items["type"] == "array"
    row = fields_of_row(spec, items["items"])
    assert set(row) == {f.name for f in dataclasses.fields(OpenRequestRow)}
    assert row["budget_fen"]["type"] == "integer"
    assert ref_name(row["deadline"]) == "WireDatetime"
    row_model = resolve(spec, items["items"])
    assert row_model["properties"]["n"]["const"] == "creator_studio.core.market.queries:OpenRequestRow"

    # the buyer's order list
    orders = resolve(spec, result_of(spec, "buyer_orders"))["properties"]["result"]
    assert set(fields_of_row(spec, orders["items"])) == {f.name for f in dataclasses.fields(OrderRow)}

    # award / order actions answer a TransitionResult
    moved = resolve(spec, result_of(spec, "order_action"))["properties"]["result"]
    assert {"from_status", "to_status", "replayed", "order_id"} <= set(fields_of_row(spec, moved))

    # the order detail (dossier): the order's terms and each delivery's hash and norms
    dossier = resolve(spec, resolve(spec, result_of(spec, "order_dossier"))["properties"]["result"])
    assert {"order", "timeline", "thread", "deliveries", "comments"} <= set(dossier["properties"])
    order = resolve(spec, dossier["properties"]["order"])["properties"]
    assert {"status", "price_fen", "due_at", "maker_name", "buyer_name",
            "revisions_used"} <= set(order)
    assert ref_name(order["due_at"]) == "WireDatetime"
    delivery = resolve(spec, dossier["properties"]["deliveries"]["items"])["properties"]
    assert {"sha256", "version", "norms"} <= set(delivery)

    # offers the buyer compares: the maker's rating is an exact decimal (or null)
    offer = resolve(spec, resolve(spec, result_of(spec, "offers_for"))["properties"]["result"]
                    ["items"])["properties"]
    assert {"price_fen", "days", "maker", "rating", "level"} <= set(offer)
    assert any(ref_name(s) == "WireDecimal" for s in offer["rating"]["anyOf"] if "$ref" in s)

    # the public key documents
    jwks = resolve(spec, spec["paths"]["/.well-known/jwks.json"]["get"]["responses"]["200"]
                   ["content"]["application/json"]["schema"])
    assert jwks["properties"]["keys"]["type"] == "array"


@pg
def test_real_answers_match_their_models_and_decode_to_rows(team):
    from creator_studio.server import schemas

    buyer, maker = team.client("buyer02"), team.client("maker02")
    rid = buyer.post_request(buyer.user, title="OpenAPI 样例需求", forms=["h5"],
                             budget_fen=300_000, deadline=buyer.now() + timedelta(days=9))
    raw = httpx.post(team.url + "/api/market/open_requests", json={"limit": 200, "offset": 0},
                     headers={"Authorization": f"Bearer {maker.token}"}).json()
    schemas.result_model("open_requests").model_validate(raw)
    rows = wire.decode(raw["result"])
    assert all(type(r) is OpenRequestRow for r in rows) and rid in {r.id for r in rows}
    assert rows == maker.open_requests(maker.user, 200, 0)  # the HTTP client yields the same rows

    oid = maker.make_offer(maker.user, rid, 250_000, 4)
    buyer.award(buyer.user, rid, oid)
    order = buyer.buyer_orders(buyer.user, 50, 0)[0]
    assert type(order) is OrderRow and order.request_id == rid
    raw = httpx.post(team.url + "/api/market/order_dossier", json={"order_id": order.id},
                     headers={"Authorization": f"Bearer {buyer.token}"}).json()
    schemas.result_model("order_dossier").model_validate(raw)
    assert raw["result"]["order"]["status"] == "in_progress"
    # every answer above also went through the server's own check (CHECK_RESPONSES=1 in tests)
    for name in ("offers_for", "buyer_requests", "deliveries", "notifications"):
        assert isinstance(getattr(buyer, name)(buyer.user, *((rid,) if name == "offers_for" else
                                                              (order.id,) if name == "deliveries"
                                                              else ())), list)
    assert set(maker.maker_summary(maker.user)) >= {"summary", "explain", "certificates",
                                                     "earnings"}
    staff = team.client("staff01")
    ran = staff.run_timers(staff.user)
    assert set(ran) == {"fired", "stale", "errors"} and all(type(f) is tuple for f in ran["fired"])
