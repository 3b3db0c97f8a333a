"""A small but real xAPI LRS + cmi5 launch service for the runtime tests (FastAPI on uvicorn).

What it does, as an LMS/LRS pair would for a cmi5 AU:
* `launch(...)` writes the `LMS.LaunchData` state document (JSON, new session id per launch) and
  returns the launch URL with a **one-time** `fetch` URL (cmi5 §8.2: a second POST gets an error);
* `POST /fetch/<id>` → `{"auth-token": ...}`; every xAPI call must carry `Authorization: Basic
  <token>` and `X-Experience-API-Version`, otherwise 401/400;
* Statements API: `POST/PUT /xapi/statements` (JSON bodies only, basic shape checks, ids kept),
  `GET /xapi/statements?registration=&verb=` (what an LMS uses to decide moveOn);
* State API: `PUT/POST/GET/DELETE /xapi/activities/state` keyed by (activityId, agent,
  registration, stateId), stored with its Content-Type. A document sent as `application/json`
  must parse as JSON (400 otherwise — real LRSs merge JSON documents on POST, so a plain-text body
  labelled JSON is an error, issue 20 #11). `POST` of JSON merges objects, as xAPI specifies.

Browsers call it cross-origin, so CORS (incl. Private Network Access preflights) is answered.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version",
    "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Private-Network": "true",
    "Access-Control-Expose-Headers": "X-Experience-API-Version",
}


@dataclass
class StateDoc:
    body: bytes
    content_type: str


@dataclass
class LRSData:
    statements: list[dict] = field(default_factory=list)
    states: dict[tuple[str, str, str, str], StateDoc] = field(default_factory=dict)
    state_writes: list[dict] = field(default_factory=list)   # every PUT/POST: id, content type, body
    fetch_urls: dict[str, str | None] = field(default_factory=dict)  # launch id -> token (None once used)
    tokens: set[str] = field(default_factory=set)
    rejected: list[dict] = field(default_factory=list)          # 4xx answers, for the assertions
    fail_statements: bool = False                               # simulate an LRS outage


def _agent_key(raw: str | None) -> str:
    try:
        agent = json.loads(raw or "")
    except json.JSONDecodeError:
        return ""
    for k in ("account", "mbox", "mbox_sha1sum", "openid"):
        if k in agent:
            return json.dumps({k: agent[k]}, sort_keys=True)
    return ""


def make_app(data: LRSData) -> FastAPI:
    app = FastAPI()

    def refuse(code: int, why: str, request: Request) -> JSONResponse:
        data.rejected.append({"status": code, "why": why, "path": request.url.path})
        return JSONResponse({"error": why}, status_code=code, headers=CORS)

    def check_auth(request: Request) -> JSONResponse | None:
        if not request.headers.get("X-Experience-API-Version", "").startswith("1.0"):
            return refuse(400, "missing X-Experience-API-Version", request)
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Basic ") or auth[6:] not in data.tokens:
            return refuse(401, "bad credentials", request)
        return None

    @app.options("/{path:path}")
    async def preflight(path: str) -> Response:
        return Response(status_code=204, headers=CORS)

    @app.post("/fetch/{launch_id}")
    async def fetch(launch_id: str, request: Request) -> JSONResponse:
        if launch_id not in data.fetch_urls:
            return refuse(404, "unknown launch", request)
        token = data.fetch_urls[launch_id]
        if token is None:  # cmi5 §8.2.2: the fetch URL works once
            return JSONResponse({"error-code": "1", "error-text": "already in use"}, headers=CORS)
        data.fetch_urls[launch_id] = None
        data.tokens.add(token)
        return JSONResponse({"auth-token": token}, headers=CORS)

    @app.api_route("/xapi/statements", methods=["POST", "PUT"])
    async def post_statements(request: Request) -> Response:
        if (bad := check_auth(request)) is not None:
            return bad
        if data.fail_statements:
            return refuse(503, "LRS unavailable", request)
        if not request.headers.get("Content-Type", "").startswith("application/json"):
            return refuse(400, "statements must be application/json", request)
        try:
            body = json.loads(await request.body())
        except json.JSONDecodeError:
            return refuse(400, "statement body is not JSON", request)
        batch = body if isinstance(body, list) else [body]
        ids = []
        for st in batch:
            if not (isinstance(st, dict) and st.get("actor") and isinstance(st.get("verb"), dict)
                    and st["verb"].get("id") and isinstance(st.get("object"), dict) and st["object"].get("id")):
                return refuse(400, "statement lacks actor/verb/object", request)
            st.setdefault("id", str(uuid.uuid4()))
            st["stored"] = time.time()
            ids.append(st["id"])
        data.statements.extend(batch)
        return JSONResponse(ids, headers=CORS)

    @app.get("/xapi/statements")
    async def get_statements(request: Request) -> Response:
        if (bad := check_auth(request)) is not None:
            return bad
        q = request.query_params
        out = [s for s in data.statements
               if (not q.get("registration") or s.get("context", {}).get("registration") == q["registration"])
               and (not q.get("verb") or s["verb"]["id"] == q["verb"])]
        return JSONResponse({"statements": out, "more": ""}, headers=CORS)

    def state_key(request: Request) -> tuple[str, str, str, str] | None:
        q = request.query_params
        if not q.get("activityId") or not q.get("agent") or not q.get("stateId"):
            return None
        return (q["activityId"], _agent_key(q["agent"]), q.get("registration", ""), q["stateId"])

    @app.api_route("/xapi/activities/state", methods=["GET", "PUT", "POST", "DELETE"])
    async def state(request: Request) -> Response:
        if (bad := check_auth(request)) is not None:
            return bad
        key = state_key(request)
        if key is None:
            return refuse(400, "activityId, agent and stateId are required", request)
        if request.method == "GET":
            doc = data.states.get(key)
            if doc is None:
                return Response(status_code=404, headers=CORS)
            return Response(doc.body, media_type=doc.content_type, headers=CORS)
        if request.method == "DELETE":
            data.states.pop(key, None)
            return Response(status_code=204, headers=CORS)
        body = await request.body()
        ctype = request.headers.get("Content-Type", "application/octet-stream").split(";")[0].strip()
        data.state_writes.append({"stateId": key[3], "registration": key[2], "method": request.method,
                                  "content_type": ctype, "body": body.decode("utf-8", "replace")})
        if ctype == "application/json":
            try:
                parsed = json.loads(body)
            except json.JSONDecodeError:
                return refuse(400, "Content-Type application/json but the body is not JSON", request)
            old = data.states.get(key)
            if request.method == "POST" and old is not None and old.content_type == "application/json":
                merged = json.loads(old.body)  # xAPI: POST merges JSON objects
                if isinstance(merged, dict) and isinstance(parsed, dict):
                    merged.update(parsed)
                    body = json.dumps(merged).encode()
        data.states[key] = StateDoc(body, ctype)
        return Response(status_code=204, headers=CORS)

    return app


class XapiLRS:
    """Runs the app on 127.0.0.1 in a thread; `launch()` plays the LMS's part of a cmi5 launch."""

    def __init__(self) -> None:
        self.data = LRSData()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(make_app(self.data), log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> XapiLRS:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.02)
        raise RuntimeError("LRS did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    # -- the LMS side --------------------------------------------------------------------
    def put_state(self, activity_id: str, actor: dict, registration: str, state_id: str, doc) -> None:
        key = (activity_id, _agent_key(json.dumps(actor)), registration, state_id)
        self.data.states[key] = StateDoc(json.dumps(doc).encode(), "application/json")

    def launch(self, au_url: str, *, actor: dict, registration: str, activity_id: str,
               mastery: float | None = 0.6, launch_mode: str = "Normal", write_launch_data: bool = True,
               return_url: str | None = None) -> tuple[str, str]:
        """Prepare a launch like an LMS: LaunchData + one-time fetch URL. Returns (url, session id)."""
        session = str(uuid.uuid4())
        if write_launch_data:
            ld = {"contextTemplate": {"extensions": {
                      "https://w3id.org/xapi/cmi5/context/extensions/sessionid": session},
                      "contextActivities": {"grouping": [{"id": activity_id, "objectType": "Activity"}]}},
                  "launchMode": launch_mode, "moveOn": "CompletedAndPassed"}
            if mastery is not None:
                ld["masteryScore"] = mastery
            if return_url:
                ld["returnURL"] = return_url
            self.put_state(activity_id, actor, registration, "LMS.LaunchData", ld)
        launch_id = uuid.uuid4().hex
        token = base64.b64encode(f"au:{launch_id}".encode()).decode()
        self.data.fetch_urls[launch_id] = token
        params = {"endpoint": self.url + "/xapi/", "fetch": f"{self.url}/fetch/{launch_id}",
                  "actor": json.dumps(actor), "registration": registration, "activityId": activity_id}
        return au_url + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items()), session

    def verbs(self, registration: str | None = None, session: str | None = None) -> list[str]:
        sid = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
        return [s["verb"]["id"].rsplit("/", 1)[-1] for s in self.data.statements
                if (registration is None or s.get("context", {}).get("registration") == registration)
                and (session is None or s.get("context", {}).get("extensions", {}).get(sid) == session)]
