"""Bytes → str for scraped report files, never silently lossy.

Government sites serve UTF-8, GBK/GB18030, Big5 and occasionally UTF-16. A
byte string that decodes without error is not necessarily decoded right (GBK
bytes are often valid Big5 and vice versa), so every candidate that decodes is
scored by how much it reads like Chinese: the share of its Han characters that
belong to the most frequent few hundred (``data/common_chars.txt``). When no
candidate decodes cleanly, the best one is decoded with replacement and the
number of replaced characters is returned, so the caller can flag it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from charset_normalizer import from_bytes

from .datafiles import read_text

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # ord < 32 except \t\n\v\f\r; 0x7F–0x9F
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Candidates tried for non-UTF-8 bytes, in order of preference on ties.
_CJK_CANDIDATES = ("gb18030", "big5hkscs")
# Sample size used for scoring; decoding itself always covers the whole file.
_SAMPLE = 64 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    n_replaced: int  # characters that could not be decoded and were replaced by U+FFFD

    @cached_property
    def han(self) -> tuple[float, int]:
        """:func:`chinese_score` of the start of the text; computed only when a choice needs it."""
        return chinese_score(self.text[:_SAMPLE])

    @property
    def score(self) -> float:
        """Share of Han characters among the common ones (1.0 if no Han at all)."""
        score, n_han = self.han
        return score if n_han else 1.0


class NotText(ValueError):
    """The bytes do not look like text in any supported encoding."""


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    raw = read_text("common_chars.txt")
    return frozenset("".join(line for line in raw.splitlines() if not line.startswith("#")))


@lru_cache(maxsize=1)
def _common_table() -> np.ndarray | None:
    """A lookup table: is this BMP character common? None if some common character is not Han."""
    chars = common_chars()
    if not all(_HAN.match(ch) for ch in chars):
        return None
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(ch) for ch in chars]] = True
    return table


@lru_cache(maxsize=1)
def _common_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(common_chars())) + "]")


def chinese_score(text: str) -> tuple[float, int]:
    """Share of Han characters that are common characters, and the Han count.

    Counted on an array of UTF-16 code units instead of one regex match object per
    character (10x faster). The Han range is in the BMP, so its characters are
    single code units, and halves of surrogate pairs never fall in it.
    """
    text = text[:16384]
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    han = units[(units >= 0x4E00) & (units <= 0x9FFF)]
    n_han = int(han.size)
    if not n_han:
        return 0.0, 0
    table = _common_table()
    n_common = int(np.count_nonzero(table[han])) if table is not None else len(_common_re().findall(text))
    return n_common / n_han, n_han


def _control_share(text: str) -> float:
    """Share of C0 controls other than whitespace, DEL and C1 controls."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without BOM: many NULs, concentrated on odd (LE) or even (BE) positions."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or sample.count(0) < len(sample) // 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 3 * max(even, 1):
        return "utf-16-le"
    if even > 3 * max(odd, 1):
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _normal_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def decode_bytes(data: bytes, *, html_hint: bool = False) -> Decoded:
    """Decode ``data``; raise NotText for binary content."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return _result(text, enc, text.count("\ufffd"))
    utf16 = _utf16_guess(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        if _control_share(text[:_SAMPLE]) < 0.01:
            return _result(text, utf16, text.count("\ufffd"))
    has_nul = b"\x00" in data[:_SAMPLE]
    if not has_nul:
        text = _strict(data, "utf-8")
        if text is not None:
            return _result(text, "utf-8", 0)

    candidates: list[str] = []
    if html_hint:
        m = _HTML_CHARSET.search(data[:4096])
        if m:
            candidates.append(_normal_name(m.group(1).decode("ascii", "ignore")))
    candidates += [c for c in _CJK_CANDIDATES if c not in candidates and not has_nul]
    if len(data) % 2 == 0:
        # UTF-16 without BOM and almost no ASCII has no NUL bytes to give it away.
        candidates += ["utf-16-le", "utf-16-be"]
    best = _best_candidate(data, candidates)
    if best is not None:
        return best
    if has_nul:
        raise NotText("binary content (NUL bytes), not a text or HTML file")

    # Nothing decodes cleanly: ask the general-purpose detector, then fall back
    # to the best CJK candidate with replacement characters counted.
    guess = from_bytes(data[:_SAMPLE], steps=5, chunk_size=512).best()
    lossy: list[Decoded] = []
    for enc in ([guess.encoding] if guess else []) + list(_CJK_CANDIDATES) + ["utf-8"]:
        enc = _normal_name(enc)
        text = data.decode(enc, errors="replace")
        lossy.append(_result(text, enc, text.count("\ufffd")))
    plausible = [d for d in lossy if _plausible(d)]
    if not plausible:
        raise NotText("not decodable as text in any supported encoding (binary or corrupt file)")
    return max(plausible, key=lambda d: (d.score, -d.n_replaced))


def _best_candidate(data: bytes, candidates: list[str]) -> Decoded | None:
    sample = data[:_SAMPLE]
    scored = []
    for rank, enc in enumerate(candidates):
        text = _strict(sample, enc)
        if text is None and len(data) > _SAMPLE:
            # The sample may cut a multi-byte character in half; retry one byte shorter.
            text = _strict(sample[:-1], enc)
        if text is None:
            continue
        score, n_han = chinese_score(text)
        scored.append((score, -rank, enc, n_han))
    if not scored:
        return None
    score, _, enc, n_han = max(scored)
    full = _strict(data, enc)
    if full is None:
        return None
    enc = "gbk" if enc == "gb18030" and _strict(data, "gbk") is not None else enc
    result = _result(full, enc, 0)
    return result if _plausible(result) else None


def _result(text: str, encoding: str, n_replaced: int) -> Decoded:
    return Decoded(text=text, encoding=encoding, n_replaced=n_replaced)


def _plausible(d: Decoded) -> bool:
    """Real text: few control characters, few replacements, and Han text that reads like Chinese."""
    sample = d.text[:_SAMPLE]
    if not sample.strip():
        return True
    if _control_share(sample) > 0.01:
        return False
    if d.n_replaced > max(8, len(d.text) // 50):
        return False
    _, n_han = d.han
    return n_han < 20 or d.score >= 0.2
