"""Stata files (.dta, format 118: Stata 14 and later, Unicode) written straight from a Polars frame.

pandas' writer encodes cells one by one and walks long strings (strL) row by row: 5 s per 100,000
panel rows, paid again whenever one report is added. Here each column becomes one NumPy array and
the file is assembled from them, as the format specifies
(https://www.stata.com/help.cgi?dta, "Stata 14 .dta format"):

    <stata_dta><header>…</header><map>…</map><variable_types>…</variable_types><varnames>…</varnames>
    <sortlist>…</sortlist><formats>…</formats><value_label_names>…</value_label_names>
    <variable_labels>…</variable_labels><characteristics></characteristics><data>…</data>
    <strls>…</strls><value_labels>…</value_labels></stata_dta>

Column types: a string column becomes str1…str2045 (its longest value in bytes), or strL when longer;
a string column named in ``value_labelled`` becomes integer codes with a value label of the same name
(categories in sorted order); an integer column without nulls becomes byte, int or long when its values
fit, otherwise double; every other number is a double. Nulls: "" for strings (Stata has no missing
string), "." for numbers. Little-endian throughout.
"""

from __future__ import annotations

import os
import re
import struct
from datetime import datetime
from pathlib import Path

import numpy as np
import polars as pl

FORMAT_VERSION = 1  # of this writer: part of the panel file's stamp, so a change of writer rewrites the file
STR_MAX = 2045  # longest fixed-width string; longer ones are strLs
STRL, DOUBLE, LONG, INT, BYTE = 32768, 65526, 65528, 65529, 65530
# Largest valid value of each integer type (larger ones are Stata's missing values) and the base missing value.
_INT_TYPES = ((BYTE, "i1", -127, 100, 101), (INT, "<i2", -32767, 32740, 32741), (LONG, "<i4", -2147483647, 2147483620, 2147483621))
_MISSING_DOUBLE = struct.unpack("<d", struct.pack("<Q", 0x7FE0000000000000))[0]  # "."
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _tag(name: str, body: bytes) -> bytes:
    return b"<" + name.encode() + b">" + body + b"</" + name.encode() + b">"


def _padded(text: str, size: int) -> bytes:
    """``text`` in UTF-8, cut to fit ``size`` bytes with a terminating NUL, padded with NULs."""
    raw = text.encode("utf-8")[: size - 1]
    while raw:  # never cut a character in half
        try:
            raw.decode("utf-8")
            break
        except UnicodeDecodeError:
            raw = raw[:-1]
    return raw + b"\0" * (size - len(raw))


def _fixed_width(col: pl.Series, width: int) -> np.ndarray:
    """A string column as fixed-width bytes (NUL-padded), built from one buffer of all its UTF-8 bytes."""
    col = col.fill_null("")
    n = col.len()
    lens = col.str.len_bytes().to_numpy().astype(np.int64)
    out = np.zeros((n, width), dtype=np.uint8)
    if n and lens.sum():
        blob = np.frombuffer(col.str.join("").item().encode("utf-8"), dtype=np.uint8)
        starts = np.cumsum(lens) - lens
        out[np.repeat(np.arange(n), lens), np.arange(blob.size) - np.repeat(starts, lens)] = blob
    return out.view(f"S{width}").reshape(n)


def _int_type(values: np.ndarray) -> tuple[int, str] | None:
    lo, hi = (int(values.min()), int(values.max())) if values.size else (0, 0)
    for code, dtype, low, high, _ in _INT_TYPES:
        if low <= lo and hi <= high:
            return code, dtype
    return None


def _strls(col: pl.Series, var: int) -> tuple[np.ndarray, bytes]:
    """The (variable, observation) keys of a strL column, and its distinct strings, each stored once (GSO records)."""
    values = col.fill_null("")
    frame = pl.DataFrame({"s": values}).with_row_index("row")
    first = frame.group_by("s", maintain_order=True).agg(pl.col("row").first())
    keyed = first.with_columns(
        pl.when(pl.col("s") == "").then(pl.lit(0, dtype=pl.UInt64))
        .otherwise(pl.lit(var, dtype=pl.UInt64) + (pl.col("row").cast(pl.UInt64) + 1) * (1 << 16)).alias("key"))
    keys = frame.join(keyed.select("s", "key"), on="s", how="left", maintain_order="left")["key"].to_numpy().astype("<u8")
    stored = first.filter(pl.col("s") != "")
    return keys, _gso_block(var, stored["row"].to_numpy().astype(np.uint64) + 1, stored["s"])


_GSO_HEAD = np.dtype([("gso", "S3"), ("v", "<u4"), ("o", "<u8"), ("t", "u1"), ("len", "<u4")])  # 20 bytes, unaligned


def _gso_block(var: int, observations: np.ndarray, strings: pl.Series) -> bytes:
    """GSO records (a header, the UTF-8 bytes, a NUL) of one strL variable, laid out with array arithmetic:
    a Python loop over 100,000 strings took a third of the panel's Stata file."""
    n = strings.len()
    if not n:
        return b""
    lens = strings.str.len_bytes().to_numpy().astype(np.int64)
    head = np.zeros(n, dtype=_GSO_HEAD)
    head["gso"], head["v"], head["o"], head["t"], head["len"] = b"GSO", var, observations, 130, lens + 1
    sizes = _GSO_HEAD.itemsize + lens + 1
    starts = np.cumsum(sizes) - sizes
    out = np.zeros(int(sizes.sum()), dtype=np.uint8)  # the NULs stay
    out[(starts[:, None] + np.arange(_GSO_HEAD.itemsize)).ravel()] = head.view(np.uint8)
    blob = np.frombuffer(strings.str.join("").item().encode("utf-8"), dtype=np.uint8)
    if blob.size:
        src_starts = np.cumsum(lens) - lens
        out[np.repeat(starts + _GSO_HEAD.itemsize - src_starts, lens) + np.arange(blob.size)] = blob
    return out.tobytes()


def _value_label(name: str, categories: list[str]) -> bytes:
    texts = [c.encode("utf-8") for c in categories]
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype("<i4") if texts else np.zeros(0, "<i4")
    txt = b"".join(t + b"\0" for t in texts)
    table = (struct.pack("<ii", len(texts), len(txt)) + offsets.tobytes()
             + np.arange(len(texts), dtype="<i4").tobytes() + txt)
    return _tag("lbl", struct.pack("<i", len(table)) + _padded(name, 129) + b"\0\0\0" + table)


def data_label(path: Path) -> str | None:
    """The data label of a format-118 file (read from its header only), or None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return None
    m = re.match(rb"<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>..</K><N>.{8}</N><label>", head, re.S)
    if not m:
        return None
    (size,) = struct.unpack("<H", head[m.end() : m.end() + 2])
    return head[m.end() + 2 : m.end() + 2 + size].decode("utf-8", "replace")


def write(df: pl.DataFrame, path: Path, *, labels: dict[str, str], value_labelled: set[str] | tuple[str, ...] = (),
          label: str = "", time_stamp: datetime | None = None) -> None:
    """Write ``df`` as a Stata 118 file at ``path`` (atomically: a temporary file, then a rename).

    ``labels``: variable labels (at most 80 characters each); ``value_labelled``: string columns stored as
    labelled integers; ``label``: the dataset's label (at most 80 characters).
    """
    n, names = df.height, df.columns
    fields, types, formats, vl_names, value_labels, gso = [], [], [], [], [], []  # gso: bytes of each strL variable
    for var, name in enumerate(names, start=1):
        col = df[name]
        vl_name = ""
        if col.dtype == pl.String and name in value_labelled and n:
            filled = col.fill_null("")
            categories = filled.unique().sort().to_list()  # UTF-8 byte order, which is code point order
            codes = filled.cast(pl.Enum(categories)).to_physical().cast(pl.Int64).to_numpy()
            code, dtype = _int_type(codes) or (DOUBLE, "<f8")
            values, fmt, vl_name = codes.astype(dtype), "%8.0g" if code != LONG else "%12.0g", name
            value_labels.append(_value_label(name, categories))
        elif col.dtype == pl.String:
            width = int(col.fill_null("").str.len_bytes().max() or 0)
            if width > STR_MAX:
                values, gso_part = _strls(col, var)
                gso.append(gso_part)
                code, dtype, fmt = STRL, "<u8", "%9s"
            else:
                width = max(width, 1)
                values, code, dtype, fmt = _fixed_width(col, width), width, f"S{width}", f"%{width}s"
        elif col.dtype.is_integer() and col.null_count() == 0 and (kind := _int_type(col.to_numpy())):
            code, dtype = kind
            values, fmt = col.to_numpy().astype(dtype), "%8.0g" if code != LONG else "%12.0g"
        elif col.dtype.is_numeric() or col.dtype == pl.Boolean or col.dtype == pl.Null:
            values = col.cast(pl.Float64).fill_nan(None).fill_null(_MISSING_DOUBLE).to_numpy().astype("<f8")
            code, dtype, fmt = DOUBLE, "<f8", "%10.0g"
        else:
            raise TypeError(f"column {name}: type {col.dtype} has no Stata equivalent here")
        fields.append((name, dtype, values))
        types.append(code)
        formats.append(fmt)
        vl_names.append(vl_name)
    records = np.zeros(n, dtype=[(f"f{i}", dtype) for i, (_, dtype, _) in enumerate(fields)])
    for i, (_, _, values) in enumerate(fields):
        records[f"f{i}"] = values
    stamp = time_stamp or datetime.now()
    text_stamp = f"{stamp:%d} {_MONTHS[stamp.month - 1]} {stamp:%Y %H:%M}"
    encoded_label = _padded(label[:80], 321).rstrip(b"\0")
    header = _tag("header", _tag("release", b"118") + _tag("byteorder", b"LSF") + _tag("K", struct.pack("<H", len(names)))
                  + _tag("N", struct.pack("<Q", n)) + _tag("label", struct.pack("<H", len(encoded_label)) + encoded_label)
                  + _tag("timestamp", b"\x11" + text_stamp.encode()))
    blocks = [
        ("variable_types", struct.pack(f"<{len(types)}H", *types)),
        ("varnames", b"".join(_padded(x[:32], 129) for x in names)),
        ("sortlist", b"\0\0" * (len(names) + 1)),
        ("formats", b"".join(_padded(f, 57) for f in formats)),
        ("value_label_names", b"".join(_padded(v, 129) for v in vl_names)),
        ("variable_labels", b"".join(_padded(labels.get(x, "")[:80], 321) for x in names)),
        ("characteristics", b""),
        ("data", memoryview(records).cast("B") if n else b""),
        ("strls", b"".join(gso)),
        ("value_labels", b"".join(value_labels)),
    ]
    start = len(b"<stata_dta>") + len(header)
    map_size = len(_tag("map", b"\0" * 8 * 14))
    offsets, pos = [0, start], start + map_size
    for name, body in blocks:
        offsets.append(pos)
        pos += len(name) * 2 + 5 + len(body)  # <name>body</name>
    offsets += [pos, pos + len(b"</stata_dta>")]
    tmp = path.with_name(f".tmp-{path.name}")
    with open(tmp, "wb") as fh:
        fh.write(b"<stata_dta>" + header + _tag("map", struct.pack("<14Q", *offsets)))
        for name, body in blocks:  # the tags written around the body, not joined to it (the data are megabytes)
            fh.write(b"<" + name.encode() + b">")
            fh.write(body)
            fh.write(b"</" + name.encode() + b">")
        fh.write(b"</stata_dta>")
    os.replace(tmp, path)
