"""Mutations of real Office files for the importer fuzzer (tests/fuzz/test_importer_fuzz.py).

A PPTX/DOCX is a zip of XML parts, so byte-flipping the whole file mostly tests zlib's CRC check.
The mutations here work at three levels so the parsers behind the zip layer are reached:

* the zip structure: drop, duplicate or rename a member, swap two members' contents, truncate the
  file, flip bytes in the raw container (headers, central directory);
* the bytes of one member: flips, inserts, deletes, truncation, repeated chunks;
* XML-aware edits of one member: an attribute value or a text node replaced by a hostile value
  (huge/negative/non-numeric numbers, empty, NUL-free control characters, very long strings),
  an element duplicated or removed — the shapes of input that break `int(...)`, indexing, and
  "this element is always there" assumptions.

Every mutation is a plain description (`list[tuple]`) applied deterministically, so a crash found
by Hypothesis is reproducible and can be written to `tests/data/fuzz/` as a fixed test case.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

HOSTILE_VALUES = [
    "", "0", "-1", "-2147483649", "2147483648", "99999999999999999999999", "1e309", "NaN", "inf",
    "-0", "0.5", "abc", "%", "1,5", "ffffff", "#", "rId999", "rId1", "..", "../../../../etc/passwd",
    "/", "\u202e", "\ufffd" * 3, "x" * 5000, "true", "false", "none", "999", "-999999",
]
_ATTR = re.compile(rb'="([^"<>]{0,200})"')
_TEXT = re.compile(rb">([^<>]{1,200})<")
_ELEMENT = re.compile(rb"<([A-Za-z][\w.-]*:[\w.-]+)(?:\s[^<>]*)?(?:/>|>.*?</\1>)", re.S)


@dataclass
class Seed:
    name: str
    members: list[tuple[zipfile.ZipInfo, bytes]]
    raw: bytes

    @classmethod
    def load(cls, path: Path) -> Seed:
        raw = Path(path).read_bytes()
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            members = [(i, z.read(i)) for i in z.infolist()]
        return cls(Path(path).name, members, raw)


def _edit_bytes(data: bytes, edits: list[tuple[str, float, int]]) -> bytes:
    buf = bytearray(data)
    for kind, where, value in edits:
        if not buf and kind != "insert":
            continue
        pos = min(int(where * len(buf)), max(len(buf) - 1, 0))
        if kind == "flip":
            buf[pos] ^= (value % 255) + 1
        elif kind == "set":
            buf[pos] = value % 256
        elif kind == "insert":
            buf[pos:pos] = bytes([value % 256]) * (1 + value % 7)
        elif kind == "delete":
            del buf[pos:pos + 1 + value % 64]
        elif kind == "truncate":
            del buf[pos:]
        elif kind == "repeat":
            chunk = bytes(buf[pos:pos + 1 + value % 200])
            buf[pos:pos] = chunk * (1 + value % 20)
    return bytes(buf)


def _nth(pattern: re.Pattern, data: bytes, k: int) -> re.Match | None:
    found = list(pattern.finditer(data))
    return found[k % len(found)] if found else None


def _edit_xml(data: bytes, kind: str, k: int, value: int) -> bytes:
    hostile = HOSTILE_VALUES[value % len(HOSTILE_VALUES)].encode()
    if kind == "attr":
        m = _nth(_ATTR, data, k)
        return data if m is None else data[:m.start(1)] + hostile + data[m.end(1):]
    if kind == "text":
        m = _nth(_TEXT, data, k)
        return data if m is None else data[:m.start(1)] + hostile + data[m.end(1):]
    m = _nth(_ELEMENT, data, k)
    if m is None:
        return data
    if kind == "drop-element":
        return data[:m.start()] + data[m.end():]
    if kind == "dup-element":
        return data[:m.end()] + m.group(0) * (1 + value % 3) + data[m.end():]
    return data


def apply(seed: Seed, ops: list[tuple]) -> bytes:
    """Apply mutation `ops` (see module doc) to `seed`; returns the new file's bytes."""
    members = [(info, data) for info, data in seed.members]
    raw_edits: list[tuple[str, float, int]] = []
    for op in ops:
        kind = op[0]
        if not members:
            break
        i = op[1] % len(members)
        info, data = members[i]
        if kind == "member-bytes":
            members[i] = (info, _edit_bytes(data, op[2]))
        elif kind == "xml":
            members[i] = (info, _edit_xml(data, op[2], op[3], op[4]))
        elif kind == "drop":
            del members[i]
        elif kind == "dup":
            members.insert(i, (info, op[2] and data[: len(data) // 2] or data))
        elif kind == "swap":
            j = op[2] % len(members)
            members[i], members[j] = (info, members[j][1]), (members[j][0], data)
        elif kind == "rename":
            new = zipfile.ZipInfo(op[2], date_time=info.date_time)
            members[i] = (new, data)
        elif kind == "raw":
            raw_edits.extend(op[2])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info, data in members:
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED if len(data) > 4096 else zipfile.ZIP_STORED
            z.writestr(zi, data, compresslevel=1)
    blob = out.getvalue()
    return _edit_bytes(blob, raw_edits) if raw_edits else blob
