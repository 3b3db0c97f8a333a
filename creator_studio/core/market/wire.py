"""JSON on the wire between the team server and `HttpMarketClient`, keeping Python types.

The market client returns plain values whose types the window relies on: ``datetime`` objects
it formats, tuples it unpacks, frozen rows (`queries.OrderRow`…) it reads by attribute. Plain
JSON would turn them into strings and lists, so values travel tagged:

``{"$t": "datetime", "v": "2026-11-02T09:00:00"}``, ``date``, ``decimal``, ``tuple``, ``set``,
``map`` (a dict whose keys are not all strings, or one that has a ``"$t"`` key of its own) and
``row`` (a frozen dataclass, by module and class name).

Decoding only rebuilds dataclasses defined under `creator_studio.core.market`: a server never
makes the client import or construct anything else.
"""

from __future__ import annotations

import dataclasses
import importlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

TAG = "$t"
ROW_MODULES = ("creator_studio.core.market.",)


def encode(value: Any) -> Any:
    """A JSON-ready copy of `value` (see the module docstring for the tags)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, Decimal):
        return {TAG: "decimal", "v": str(value)}
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (list,)):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {TAG: "set", "v": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and TAG not in value:
            return {k: encode(v) for k, v in value.items()}
        return {TAG: "map", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {TAG: "row", "n": f"{cls.__module__}:{cls.__qualname__}",
                "v": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot send {type(value).__name__} over the wire")


def _row_class(name: str) -> type:
    module, _, qual = name.partition(":")
    if not module.startswith(ROW_MODULES) or not qual or "." in qual:
        raise ValueError(f"row type not allowed: {name}")
    cls = getattr(importlib.import_module(module), qual, None)
    if cls is None or not dataclasses.is_dataclass(cls):
        raise ValueError(f"not a row type: {name}")
    return cls


def decode(value: Any) -> Any:
    """The inverse of `encode`."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tag = value.get(TAG)
    if tag is None:
        return {k: decode(v) for k, v in value.items()}
    v = value.get("v")
    if tag == "datetime":
        return datetime.fromisoformat(v)
    if tag == "date":
        return date.fromisoformat(v)
    if tag == "decimal":
        return Decimal(v)
    if tag == "tuple":
        return tuple(decode(x) for x in v)
    if tag == "set":
        return frozenset(decode(x) for x in v)
    if tag == "map":
        return {_hashable(decode(k)): decode(x) for k, x in v}
    if tag == "row":
        cls = _row_class(value["n"])
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: decode(x) for k, x in v.items() if k in names})
    raise ValueError(f"unknown wire tag {tag!r}")


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


# -- how each MarketClient parameter travels -------------------------------------------------------

OUTPUT_PATHS = {"out", "dest", "path"}  # a file the call writes: the server sends its bytes back


@dataclasses.dataclass(frozen=True)
class Param:
    """One parameter of a `MarketClient` method and how it crosses the network.

    kind: ``value`` (JSON), ``upload`` (a local file or folder → an upload id), ``uploads`` (a
    list of them), ``output`` (a local path the answer's bytes are written to; only its file
    name travels), ``kwargs`` (``**params``, a JSON object). ``user`` and ``job`` never travel.
    """

    name: str
    kind: str
    annotation: Any
    default: Any


def _is_path(tp: Any) -> bool:
    import types
    import typing
    from pathlib import Path

    if tp is Path:
        return True
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and Path in typing.get_args(tp)


def _is_path_list(tp: Any) -> bool:
    import collections.abc
    import typing
    from pathlib import Path

    args = typing.get_args(tp)
    return typing.get_origin(tp) in (list, tuple, collections.abc.Iterable) and bool(args) \
        and args[0] is Path


def method_params(fn: Any) -> tuple[bool, list[Param]]:
    """``(takes_user, params)`` for a protocol method, from its signature and type hints."""
    import inspect
    import typing

    def probe() -> None: ...

    # The parameters' hints only: a return annotation may name a row type that only the server
    # resolves (see `MarketClient`), and the HTTP client never needs it.
    probe.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != "return"}
    hints = typing.get_type_hints(probe, globalns=fn.__globals__)
    sig = inspect.signature(fn)
    out: list[Param] = []
    for p in list(sig.parameters.values())[1:]:
        if p.name in ("user", "job"):
            continue
        tp = hints.get(p.name, Any)
        default = p.default
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            kind = "kwargs"
        elif _is_path(tp):
            kind = "output" if p.name in OUTPUT_PATHS else "upload"
        elif _is_path_list(tp):
            kind = "uploads"
        else:
            kind = "value"
        out.append(Param(p.name, kind, tp, default))
    return "user" in sig.parameters, out
