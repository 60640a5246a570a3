"""How the report viewer's data shards are written compactly: a string table per shard.

A report carries about two hundred figures, whose labels, units, kinds and sources repeat across figures
and reports, and whose evidence snippets are overlapping windows of the same table rows. A shard stores
each distinct string once and each figure key (indicator, breakdown, unit, kind, source) once; a report's
figures and metadata refer to them by position (:func:`compact`; the page's script and :func:`expand`
undo it). Everything written into JavaScript goes through :func:`js_literal`.
"""

from __future__ import annotations

import json
import operator
import re

FIGURE_COLUMNS = ("indicator", "breakdown", "value", "unit", "value_kind", "source", "label", "evidence")


def js_literal(obj) -> str:
    """JSON that is also a safe JavaScript expression inside or outside a script element: every '<' is
    written \\u003c (no '</script>' or '<!--' can appear) and U+2028/9 are escaped."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _literal_bytes(item) -> int:
    """len(js_literal(item).encode()), for a string without building it (the encoder's C string escaper)."""
    if not isinstance(item, str):
        return len(js_literal(item).encode())
    return len(_escape(item).encode()) + 5 * item.count("<") + 3 * (item.count("\u2028") + item.count("\u2029"))


_escape = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a string


class Table:
    """Values each stored once, referred to by position; knows the bytes they take written out."""

    def __init__(self):
        self.items: list = []
        self._at: dict = {}
        self._bytes = [0]  # bytes written for the first k items, k = 0..len

    def __len__(self) -> int:
        return len(self.items)

    def ref(self, item) -> int:
        at = self._at.get(item)
        if at is None:
            at = self._at[item] = len(self.items)
            self.items.append(item)
            self._bytes.append(self._bytes[-1] + _literal_bytes(item) + 1)
        return at

    def bytes_since(self, mark: int) -> int:
        """Bytes the items added after the first ``mark`` take."""
        return self._bytes[-1] - self._bytes[mark]

    def truncate(self, mark: int) -> None:
        """Forget the items added after the first ``mark``."""
        for item in self.items[mark:]:
            del self._at[item]
        del self.items[mark:], self._bytes[mark + 1:]


_KEY = tuple(FIGURE_COLUMNS.index(c) for c in ("indicator", "breakdown", "unit", "value_kind", "source"))
_key_of_figure = operator.itemgetter(*_KEY)
_VALUE, _LABEL, _EVIDENCE = (FIGURE_COLUMNS.index(c) for c in ("value", "label", "evidence"))


class StringTable:
    """A shard's strings, each stored once, and its figures' keys (indicator, breakdown, unit, kind, source:
    five positions in the strings), each stored once: its reports' figures and metadata refer to them by
    position (labels, units, sources and evidence snippets repeat across figures and reports)."""

    def __init__(self):
        self.texts, self.keys = Table(), Table()
        self._key_of: dict[tuple, int] = {}  # the key's five strings → its position (most figures' keys are known)

    @property
    def strings(self) -> list[str]:
        return self.texts.items

    def ref(self, s: str | None) -> int | None:
        if s is None:
            return None
        if not isinstance(s, str):
            raise TypeError(f"only strings go into the string table, not {s!r}")
        return self.texts.ref(s)

    def key(self, figure) -> int:
        raw = _key_of_figure(figure)
        at = self._key_of.get(raw)
        if at is None:
            at = self._key_of[raw] = self.keys.ref(tuple(self.ref(v) for v in raw))
        return at

    def mark(self) -> tuple[int, int]:
        return len(self.texts), len(self.keys)

    def bytes_since(self, mark: tuple[int, int]) -> int:
        """Bytes the strings and keys added since ``mark`` take in the shard."""
        return self.texts.bytes_since(mark[0]) + self.keys.bytes_since(mark[1])

    def truncate(self, mark: tuple[int, int]) -> None:
        """Forget the strings and keys added since ``mark`` (a report that went to the next shard)."""
        self.texts.truncate(mark[0])
        self.keys.truncate(mark[1])
        self._key_of = {raw: at for raw, at in self._key_of.items() if at < mark[1]}


MIN_OVERLAP = 8  # characters two evidence snippets must share to be stored as windows of one string
RECENT_BASES = 8  # a snippet is tried against the report's last few joined strings (snippets come in text order)


def windows(snippets: list[str]) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """Join a report's evidence snippets that overlap (the windows around the cells of one flattened table
    row, or around neighbouring sentences) into longer strings: returns the strings and, for each snippet,
    (which string, start) — the snippet is that string's characters from start on, as many as it has."""
    bases: list[str] = []
    where: dict[str, tuple[int, int]] = {}
    for e in dict.fromkeys(x for x in snippets if x):
        for i in range(len(bases) - 1, max(-1, len(bases) - 1 - RECENT_BASES), -1):
            b = bases[i]
            at = b.find(e)
            if at >= 0:
                where[e] = (i, at)
                break
            head = e[:MIN_OVERLAP]
            at = b.find(head, max(0, len(b) - len(e)))
            while at >= 0 and not e.startswith(b[at:]):
                at = b.find(head, at + 1)
            if at >= 0:  # e goes on where b ends
                bases[i] = b + e[len(b) - at:]
                where[e] = (i, at)
                break
        else:
            where[e] = (len(bases), 0)
            bases.append(e)
    return bases, where


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # two UTF-16 code units each


def _utf16(s: str, i: int, astral: bool = True) -> int:
    """Position i of s counted in UTF-16 code units, as JavaScript's String.slice counts."""
    return len(s[:i].encode("utf-16-le")) // 2 if astral else i


def _number(v):
    """A whole float as an int: the page shows both alike (String(85.0) is '85'), the int is shorter."""
    return int(v) if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53 else v


def compact(report: dict, strings: StringTable) -> dict:
    """A report's entry with its metadata's labels and sources as positions in the shard's strings and each
    figure as [key, value, label, evidence]: positions in the shard's keys and strings (``expand`` and the
    page's script undo it). An evidence snippet is a position, or [position, start, end] of a window of a
    longer string (UTF-16 positions, as JavaScript counts)."""
    bases, where = windows([f[_EVIDENCE] for f in report["figures"]])
    refs = [strings.ref(b) for b in bases]
    astral = [bool(_ASTRAL.search(b)) for b in bases]

    def evidence(e):
        if e is None:
            return None
        i, at = where[e] if e else (None, 0)
        if e == "" or (at == 0 and len(e) == len(bases[i])):
            return strings.ref(e)
        return [refs[i], _utf16(bases[i], at, astral[i]), _utf16(bases[i], at + len(e), astral[i])]

    out = dict(report)
    out["figures"] = [[strings.key(f), _number(f[_VALUE]), strings.ref(f[_LABEL]), evidence(f[_EVIDENCE])] for f in report["figures"]]
    out["meta"] = [[strings.ref(label), value, strings.ref(found)] for label, value, found in report["meta"]]
    return out


def _window(strings: list[str], v) -> str | None:
    if v is None or isinstance(v, int):
        return None if v is None else strings[v]
    units = strings[v[0]].encode("utf-16-le")
    return units[2 * v[1]:2 * v[2]].decode("utf-16-le")


def expand(report: dict, strings: list[str], keys: list) -> dict:
    """The entry ``compact`` encoded, from the shard's strings and keys (what the page's script does)."""

    def text(i):
        return None if i is None else strings[i]

    def figure(f):
        out = [None] * len(FIGURE_COLUMNS)
        for i, k in zip(_KEY, keys[f[0]]):
            out[i] = text(k)
        out[_VALUE], out[_LABEL], out[_EVIDENCE] = f[1], text(f[2]), _window(strings, f[3])
        return out

    out = dict(report)
    out["figures"] = [figure(f) for f in report["figures"]]
    out["meta"] = [[strings[label], value, text(found)] for label, value, found in report["meta"]]
    return out
