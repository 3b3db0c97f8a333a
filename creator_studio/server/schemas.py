"""Typed response models for the market routes, derived from the `MarketClient` protocol.

One place turns a method's return annotation into the pydantic model of its answer, so
``/openapi.json`` documents what each ``POST /api/market/<method>`` really returns and nothing is
copied by hand. The answer travels in the tagged JSON of `core.market.wire`, and the models
describe exactly that form:

- ``int``, ``str``, ``bool``, ``float``, ``None`` and ``dict[str, X]`` as themselves;
- ``datetime`` / ``date`` / ``Decimal`` as ``{"$t": "datetime"|"date"|"decimal", "v": …}``;
- ``tuple`` and ``frozenset`` as ``{"$t": "tuple"|"set", "v": [...]}``;
- a frozen row dataclass (`queries.OrderRow`, `orders.TransitionResult`…) as
  ``{"$t": "row", "n": "<module>:<Class>", "v": {<its fields>}}`` — the fields from the
  dataclass's own annotations;
- a `TypedDict` of `core.market.shapes` as a JSON object with its declared keys (more may come);
- a ``Path`` a call wrote as the server-side name (the bytes come in ``files``).

The return annotations may name types the HTTP client never imports (`MarketClient` imports them
only for type checkers); they are resolved here, on the server, with `ANNOTATION_NAMES`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model


def annotation_names() -> dict[str, Any]:
    """The names return annotations may use beyond their own module's globals."""
    from creator_studio.core.market import client, orders, queries, shapes
    from creator_studio.core.market.client import LevelExplanation
    from creator_studio.core.market.nps import NpsSummary
    from creator_studio.core.market.queries import MakerSummary

    return {"orders": orders, "queries": queries, "shapes": shapes, "client": client,
            "LevelExplanation": LevelExplanation, "MakerSummary": MakerSummary,
            "NpsSummary": NpsSummary}


def _hints(obj: Any) -> dict[str, Any]:
    module = sys.modules.get(getattr(obj, "__module__", ""), None)
    ns = {**(vars(module) if module else {}), **getattr(obj, "__globals__", {}),
          **annotation_names()}
    # localns too: a TypedDict's annotations are forward references bound to their own module,
    # which ignore `globalns` (names imported there only for type checkers resolve from here)
    return typing.get_type_hints(obj, globalns=ns, localns=annotation_names())


def return_type(fn: Any) -> Any:
    """The resolved return annotation of a protocol method (``Any`` when it has none)."""
    return _hints(fn).get("return", Any)


class FilePayload(BaseModel):
    """A small file a call wrote (PDF, badge, statement, export): its bytes, base64."""

    name: str
    b64: str
    folder: bool = False


class _Wire(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")


def _tagged(name: str, tag: str, value_type: Any, doc: str, **extra: Any) -> type[BaseModel]:
    fields: dict[str, Any] = {"t": (Literal[tag], Field(alias="$t")), **extra,
                              "v": (value_type, ...)}
    return create_model(name, __base__=_Wire, __doc__=doc, **fields)


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", text) if w)


def _label(tp: Any) -> str:
    """A short readable name for a type, used in the names of generated models."""
    if tp is type(None):
        return "None"
    if isinstance(tp, type):
        return _camel(tp.__name__)
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not Ellipsis]
    base = getattr(origin, "__name__", str(origin))
    return _camel(base) + "Of" + "".join(_label(a) for a in args)


@functools.cache
def wire_type(tp: Any) -> Any:
    """The pydantic type of `tp`'s tagged-JSON form (see the module docstring)."""
    if tp is Any or tp is object:
        return Any
    if tp is type(None) or tp is None:
        return type(None)
    if tp in (int, str, bool, float):
        return tp
    if tp is datetime:
        return _tagged("WireDatetime", "datetime", datetime, "A date and time (ISO 8601).")
    if tp is date:
        return _tagged("WireDate", "date", date, "A calendar date (ISO 8601).")
    if tp is Decimal:
        return _tagged("WireDecimal", "decimal", str, "An exact decimal number, as text.")
    if tp is Path or (isinstance(tp, type) and issubclass(tp, Path)):
        return str
    if tp is dict:
        return dict[str, Any]
    if tp in (list, tuple, set, frozenset):
        return list[Any] if tp is list else wire_type(tp[Any, ...] if tp is tuple else tp[Any])
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _row_model(tp)
    if typing.is_typeddict(tp):
        return _typeddict_model(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(wire_type(a) for a in args)]  # noqa: UP007 - built at run time
    if origin is list or origin is typing.Sequence:
        return list[wire_type(args[0] if args else Any)]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis or not args:
            value = list[wire_type(args[0] if args else Any)]
        else:
            value = tuple[tuple(wire_type(a) for a in args)]
        return _tagged(f"Wire{_label(tp)}", "tuple", value, f"A tuple ({_label(tp)}).")
    if origin in (set, frozenset):
        return _tagged(f"Wire{_label(tp)}", "set", list[wire_type(args[0] if args else Any)],
                       f"A set ({_label(tp)}).")
    if origin is dict:
        key, value = args or (str, Any)
        if key is str:
            return dict[str, wire_type(value)]
        pair = tuple[wire_type(key), wire_type(value)]
        return _tagged(f"Wire{_label(tp)}", "map", list[pair],
                       "A mapping whose keys are not text, as [key, value] pairs.")
    if origin is Literal:
        return tp
    raise TypeError(f"no wire model for {tp!r}")


def _row_model(cls: type) -> type[BaseModel]:
    hints = _hints(cls)
    fields = {f.name: (wire_type(hints.get(f.name, Any)), ...) for f in dataclasses.fields(cls)}
    doc = (cls.__doc__ or "").strip()
    if doc.startswith(f"{cls.__name__}("):  # the signature dataclasses put there: no news
        doc = ""
    values = create_model(f"{cls.__name__}Fields", __base__=_Wire, __doc__=doc or None, **fields)
    ref = f"{cls.__module__}:{cls.__qualname__}"
    return _tagged(f"{cls.__name__}Wire", "row", values,
                   f"A frozen `{cls.__name__}` row ({ref}).", n=(Literal[ref], ...))


def _typeddict_model(td: type) -> type[BaseModel]:
    hints = _hints(td)
    required = getattr(td, "__required_keys__", frozenset(hints))
    fields = {k: (wire_type(tp), ... if k in required else None) for k, tp in hints.items()}
    return create_model(td.__name__, __base__=_Wire, __doc__=(td.__doc__ or "").strip() or None,
                        **fields)


@functools.cache
def result_model(method: str) -> type[BaseModel]:
    """The response model of ``POST /api/market/<method>``: ``{result, files}`` with `result`
    typed by the protocol method's return annotation."""
    from creator_studio.core.market.client import MarketClient

    tp = return_type(getattr(MarketClient, method))
    return create_model(
        f"{_camel(method)}Result", __base__=BaseModel,
        __doc__=f"The answer of `MarketClient.{method}` in the tagged JSON of `core.market.wire`.",
        result=(wire_type(tp), ...),
        files=(dict[str, FilePayload], Field(default_factory=dict, description=(
            "The files the call wrote, by parameter name (only for calls that write files)."))))
