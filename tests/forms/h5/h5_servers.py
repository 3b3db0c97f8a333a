"""Tiny local servers for the tracking tests: a static LMS host and a recording cmi5 LRS."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

TOKEN = "dGVzdDpzZWNyZXQ="
SESSION = "9d2a5b3e-5c1e-4d7e-a0f5-cc1f0f3a5e11"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 (the 'LMS' hosting the course in an iframe)."""

    def __init__(self, root: Path) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class LRS:
    """Records cmi5 traffic: token fetches, LaunchData reads, statements in arrival order."""

    def __init__(self, mastery: float = 0.6, launch_mode: str = "Normal") -> None:
        self.statements: list[dict] = []
        self.auth: list[str | None] = []
        self.fetches = 0
        self.states: dict[str, str] = {}
        self.launch_data = {
            "contextTemplate": {"extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": SESSION},
                                "contextActivities": {"grouping": [{"id": "urn:test:course", "objectType": "Activity"}]}},
            "launchMode": launch_mode, "masteryScore": mastery, "moveOn": "CompletedAndPassed",
        }
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, code: int, body: bytes = b"", ctype: str = "application/json") -> None:
                self.send_response(code)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Headers",
                                 "Authorization, Content-Type, X-Experience-API-Version")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS")
                self.send_header("Access-Control-Allow-Private-Network", "true")
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _body(self) -> bytes:
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def do_OPTIONS(self):
                self._send(204)

            def do_POST(self):
                url = urlparse(self.path)
                body = self._body()
                if url.path == "/fetch":
                    lrs.fetches += 1
                    self._send(200, json.dumps({"auth-token": TOKEN}).encode())
                elif url.path == "/xapi/statements":
                    lrs.auth.append(self.headers.get("Authorization"))
                    st = json.loads(body)
                    lrs.statements.append(st)
                    self._send(200, json.dumps([st.get("id")]).encode())
                else:
                    self._send(404)

            def do_GET(self):
                url = urlparse(self.path)
                q = parse_qs(url.query)
                if url.path == "/xapi/activities/state":
                    sid = q.get("stateId", [""])[0]
                    if sid == "LMS.LaunchData":
                        self._send(200, json.dumps(lrs.launch_data).encode())
                    elif sid in lrs.states:
                        self._send(200, lrs.states[sid].encode(), "text/plain")
                    else:
                        self._send(404)
                else:
                    self._send(404)

            def do_PUT(self):
                url = urlparse(self.path)
                q = parse_qs(url.query)
                lrs.states[q.get("stateId", [""])[0]] = self._body().decode()
                self._send(204)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def verbs(self) -> list[str]:
        return [s["verb"]["id"].rsplit("/", 1)[-1] for s in self.statements]


LMS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Test LMS</title></head><body>
<script>
window.calls = [];
var preset = {};
try { preset = JSON.parse(decodeURIComponent(location.hash.slice(1) || "%7B%7D")); } catch (e) {}
var data = {"cmi.core.lesson_status": "not attempted", "cmi.core.entry": "ab-initio",
            "cmi.suspend_data": "", "cmi.core.lesson_location": "", "cmi.interactions._count": "0",
            "cmi.student_data.mastery_score": "", "cmi.core.student_name": "Test, Learner"};
for (var k in preset) { data[k] = preset[k]; }
window.lmsData = data;
function rec() { window.calls.push(Array.prototype.slice.call(arguments)); }
window.API = {
  LMSInitialize: function (a) { rec("LMSInitialize", a); return preset.__init || "true"; },
  LMSGetValue: function (k) { rec("LMSGetValue", k); return k in data ? data[k] : ""; },
  LMSSetValue: function (k, v) { rec("LMSSetValue", k, v); data[k] = v; return "true"; },
  LMSCommit: function (a) { rec("LMSCommit", a); return "true"; },
  LMSFinish: function (a) { rec("LMSFinish", a); return "true"; },
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script>
<iframe id="wrap" src="frame.html" width="420" height="700"></iframe>
</body></html>
"""

FRAME_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="sco" src="course/index.html" width="400" height="680"></iframe></body></html>
"""
