"""One typed route per `MarketClient` method, made from the protocol's own signatures.

``POST /api/market/<method>`` takes a JSON body whose fields are the method's parameters (minus
``user``) as a pydantic model, so OpenAPI lists every call with its types. The route:

1. authenticates the bearer token (`auth.authenticate`, in the call's worker thread);
2. replaces ``user`` with the session's user — a client cannot name anyone else;
3. turns upload references into files on the server (`files.materialize`) and output paths into
   temporary files whose bytes go back in the answer;
4. calls the same `InProcessClient` method the embedded mode calls, whose services check the
   permission table before anything else;
5. returns the value in the tagged JSON of `core.market.wire` (types survive the trip), under
   a response model derived from the method's return annotation (`server.schemas`), so
   ``/openapi.json`` documents each answer's fields. The answer is not re-validated on every
   call (it is built by the same code the embedded mode runs); with
   ``CREATOR_STUDIO_SERVER_CHECK_RESPONSES=1`` (the server tests) every answer is checked
   against its model and a mismatch is a logged 500.

A method added to the protocol gets its route without code here. Methods that make no sense
over the network (``load_demo``, ``sample_accounts``, ``close``) or have their own endpoint
(``login`` → ``/api/session``; ``fetch_delivery`` / ``fetch_request_file`` → ``/api/files``)
are left out.
"""

from __future__ import annotations

import base64
import contextlib
import inspect
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, create_model

from creator_studio.core.errors import PermissionDenied, ValidationError
from creator_studio.core.market import wire
from creator_studio.core.market.client import MarketClient, UserInfo
from creator_studio.server.deps import bearer_token, server_state
from creator_studio.server.schemas import result_model

log = logging.getLogger(__name__)

NOT_ROUTED = {"close", "login", "load_demo", "sample_accounts", "status", "fetch_delivery",
              "fetch_request_file"}
STAFF_ONLY = {"cert_program"}  # the in-process reader hands out the question bank with its key
FOLDER_PARAMS = {"package"}  # a folder (or zip) that the client sends zipped


class UploadRef(BaseModel):
    """A finished upload of the caller's (`POST /api/uploads` … `/complete`)."""

    upload_id: str
    folder: bool = False  # the client zipped a folder: the server unpacks it before the call


@dataclass
class MethodSpec:
    name: str
    takes_user: bool
    params: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)
    model: type[BaseModel] | None = None
    returns: str = ""
    response: type[BaseModel] | None = None  # {result, files}, typed by the return annotation

    @property
    def carries_files(self) -> bool:
        """Uploads in or files out: the slow lane (unpacking, norms checks, PDFs, OCR)."""
        return any(kind in ("upload", "uploads", "output") for _, kind in self.params)


def protocol_methods() -> list[str]:
    return sorted(n for n, v in vars(MarketClient).items()
                  if callable(v) and not n.startswith("_"))


def method_spec(name: str) -> MethodSpec:
    import inspect as _inspect

    fn = getattr(MarketClient, name)
    takes_user, params = wire.method_params(fn)
    spec = MethodSpec(name, takes_user=takes_user,
                      returns=str(_inspect.signature(fn).return_annotation).replace("typing.", ""))
    fields: dict[str, Any] = {}
    for p in params:
        required = p.default is inspect.Parameter.empty
        spec.params.append((p.name, p.kind))
        if p.kind == "kwargs":
            fields[p.name] = (dict[str, Any], {})
        elif p.kind == "output":
            fields[p.name] = (str, ...)  # the file name the caller wants (its suffix matters)
        elif p.kind == "upload":
            fields[p.name] = (UploadRef | None, ... if required else None)
        elif p.kind == "uploads":
            fields[p.name] = (list[UploadRef], [])
        else:
            fields[p.name] = (p.annotation, ... if required else p.default)
    spec.model = create_model(f"{''.join(w.title() for w in name.split('_'))}Body", **fields)
    spec.response = result_model(name)
    return spec


def check_responses() -> bool:
    return os.environ.get("CREATOR_STUDIO_SERVER_CHECK_RESPONSES", "") == "1"


def _unpack_folder(state, zip_path: Path) -> Path:  # noqa: ANN001
    from creator_studio.core.market.deliveries import _unpack

    dest = zip_path.parent / "folder"
    dest.mkdir()
    _unpack(zip_path, dest, state.store.max_bytes)  # the same bomb/path checks as deliveries
    return dest


def run_method(state, user: UserInfo, spec: MethodSpec, body: BaseModel) -> dict:  # noqa: ANN001
    """Call the method as `user`; the JSON answer ``{result, files}`` as a plain dict."""
    from creator_studio.server.files import materialize, safe_name

    if spec.name in STAFF_ONLY and "staff" not in user.roles:
        raise PermissionDenied("只有平台运营可以执行此操作", "Only staff may do this")
    kwargs: dict[str, Any] = {}
    outputs: dict[str, Path] = {}
    with contextlib.ExitStack() as stack:
        def upload(ref: UploadRef) -> Path:
            p = stack.enter_context(materialize(state, user, ref.upload_id))
            return _unpack_folder(state, p) if ref.folder else p

        for pname, kind in spec.params:
            value = getattr(body, pname)
            if kind == "upload":
                kwargs[pname] = upload(value) if value is not None else None
            elif kind == "uploads":
                kwargs[pname] = [upload(v) for v in value]
            elif kind == "output":
                tmp = Path(tempfile.mkdtemp(prefix="cs-out-", dir=state.work_dir))
                stack.callback(shutil.rmtree, tmp, True)
                outputs[pname] = kwargs[pname] = tmp / safe_name(value)
            elif kind == "kwargs":
                clash = set(value) & ({n for n, _ in spec.params} | {"user", "self"})
                if clash:
                    raise ValidationError("参数名冲突", f"Parameter names clash: {sorted(clash)}",
                                          code="BAD_PARAMS")
                kwargs.update(value)
            else:
                kwargs[pname] = value
        method = getattr(state.client, spec.name)
        result = method(user, **kwargs) if spec.takes_user else method(**kwargs)
        files: dict[str, dict] = {}
        for pname, p in outputs.items():
            if p.is_dir():  # a folder answer (an unpacked package): sent zipped, unpacked there
                zpath = Path(shutil.make_archive(str(p.parent / f"{p.name}-out"), "zip", p))
                files[pname] = {"name": p.name, "folder": True,
                                "b64": base64.b64encode(zpath.read_bytes()).decode()}
            elif p.is_file():
                files[pname] = {"name": p.name, "folder": False,
                                "b64": base64.b64encode(p.read_bytes()).decode()}
        return {"result": wire.encode(result), "files": files}


def _checked(spec: MethodSpec, answer: dict) -> dict:
    """`answer`, after checking it against the route's declared model (test servers only)."""
    from pydantic import ValidationError as ModelMismatch

    try:
        spec.response.model_validate(answer)
    except ModelMismatch as exc:
        log.error("answer of %s does not match %s: %s", spec.name, spec.response.__name__, exc)
        raise RuntimeError(f"answer of {spec.name} does not match its response model") from exc
    return answer


def _answer(state, token, request, spec: MethodSpec, body: BaseModel) -> JSONResponse:  # noqa: ANN001
    from creator_studio.server import auth

    user = auth.authenticate(state, token)
    request.state.user = user
    answer = run_method(state, user, spec, body)
    if check_responses():
        answer = _checked(spec, answer)
    # Sent as built: the declared model documents it (and the test servers check it);
    # re-validating every answer in production would only cost time.
    return JSONResponse(answer)


def build_router() -> APIRouter:
    router = APIRouter(prefix="/api/market", tags=["market"])
    for name in protocol_methods():
        if name in NOT_ROUTED:
            continue
        spec = method_spec(name)

        async def handler(body, request, token=None, state=None, _spec=spec):  # noqa: ANN001, ANN202
            # The session check and the call run in one worker thread (one hand-off from the
            # event loop), in the lane of the call: calls carrying files (package checks,
            # PDFs) have their own small pool so they never hold up the lists (config.py).
            lane = state.lanes.get("files" if _spec.carries_files else "quick")
            return await anyio.to_thread.run_sync(_answer, state, token, request, _spec, body,
                                                  limiter=lane)

        handler.__signature__ = inspect.Signature([
            inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=spec.model),
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              annotation=Request),
            inspect.Parameter("token", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              default=Depends(bearer_token), annotation=str | None),
            inspect.Parameter("state", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              default=Depends(server_state)),
        ])
        handler.__name__ = f"market_{name}"
        doc = (getattr(MarketClient, name).__doc__ or "").strip()
        router.add_api_route(
            f"/{name}", handler, methods=["POST"], response_model=spec.response,
            summary=name.replace("_", " "),
            description=(f"`MarketClient.{name}` as the session's user. Returns "
                         f"`{spec.returns}` in the tagged JSON of `core.market.wire`. {doc}"))
    return router
