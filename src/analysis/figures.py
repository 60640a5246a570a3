"""What every indicator extractor returns, and how a printed number becomes a value.

A figure keeps the label and snippet it was read from and its offset in the
clean text, so every published number can be traced back. Blank cells stay
blank and "/" stays not-applicable: only a printed 0 or a sentence saying
"none" becomes zero.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

VALUE_KINDS = ("reported", "zero_stated", "blank", "not_applicable", "undetermined")
SOURCES = ("table", "prose")


class Figure(NamedTuple):
    """One value as read. A named tuple: reports have hundreds, and a tuple is made ~4x faster than a frozen dataclass."""

    indicator: str
    value: float | None
    value_kind: str  # one of VALUE_KINDS; undetermined: printed, but how to read it is not decided (the label says why)
    source: str  # one of SOURCES
    label: str  # the row/column label or phrase as printed
    evidence: str  # a snippet of the text around the figure
    offset: int  # offset of the value (or of the statement) in the clean text
    unit: str = ""  # canonical unit: 件, 条, 次, 人, 人次, 个, 元, 篇 …
    breakdown: str | None = None  # applicant column of the 2021 requests table, else None
    parser: str = ""  # which extractor produced it (e.g. "table_2014", "prose")


NOT_APPLICABLE = {"/", "／", "—", "——", "-", "--", "－", "\\", "不适用", "N/A", "n/a"}
_NUMBER = re.compile(r"^[+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# Unit words printed in cells or after numbers, and how they become canonical units.
UNIT_SCALE = {"万元": ("元", 10000.0), "亿元": ("元", 100000000.0), "千元": ("元", 1000.0), "元": ("元", 1.0)}


@lru_cache(maxsize=4096)
def parse_cell(text: str) -> tuple[float | None, str] | None:
    """A table cell → (value, value_kind); None when the cell is not a value at all (a label).

    Cached: a report's cells are mostly the same few values ("0", "1", "/"), read hundreds of times per report.
    """
    s = text.strip().replace("\u3000", "").replace(" ", "")
    if s == "":
        return None, "blank"
    if s in NOT_APPLICABLE:
        return None, "not_applicable"
    if _NUMBER.match(s):
        return float(s.replace(",", "")), "reported"
    return None


def scale(value: float | None, unit: str) -> tuple[float | None, str]:
    """Money to yuan (496.5 万元 → 4965000 元); other units unchanged."""
    canon, factor = UNIT_SCALE.get(unit, (unit, 1.0))
    if value is None:
        return None, canon
    return round(value * factor, 2), canon


def snippet(text: str, start: int, end: int, pad: int = 30) -> str:
    """The text around [start, end), on one line."""
    a, b = max(0, start - pad), min(len(text), end + pad)
    return text[a:b].replace("\n", " ⏎ ").strip()
