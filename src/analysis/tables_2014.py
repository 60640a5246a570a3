"""The pre-2019 statistics tables: 统计指标 | 单位 | 合计 (2014–2018) and the older local forms.

The table is found by its header (统计指标 / 指标名称), read as a cell stream
whatever its flattened shape, and each row label is looked up in
``data/labels_2014.tsv``. The cell after a label is its unit, the next its
value; a value glued to its label (主动公开信息数条2626) is only read when the
table has a single value column, because with two columns the split is a guess.
A report without the header costs two fast scans of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .cells import Cell, first_match, split_cells
from .datafiles import read_tsv
from .figures import Figure, parse_cell, scale, snippet

# 统计指标 | 指标名称, one pattern per leading literal (see first_match).
_HEADERS = (re.compile(r"统\s*计\s*指\s*标"), re.compile(r"指\s*标\s*名\s*称"))
_NUMBERING = re.compile(r"^(其中[:：]?)?([一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[、.．]|\(\d+\))?(其中[:：]?)?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HEADER_CELL = re.compile(r"(计量)?单\s*位|合\s*计|(\d{4}\s*)?年度|本年度?|(历年)?累计")
_UNIT_CELL = re.compile(r"(计量)?单\s*位")
_TOP = re.compile(r"^\s*[一二三四五六七八九十]+[、.]")
UNITS = ("人次", "万元", "亿元", "千元", "条", "件", "次", "篇", "人", "个", "元", "项", "期", "场", "/")
_GLUED_VALUE = r"(?P<unit>人次|万元|条|件|次|篇|人|个|元|项)?(?P<num>\d+(\.\d+)?)"
_GLUED = re.compile(rf"^{_GLUED_VALUE}$")


@dataclass(frozen=True)
class LabelRule:
    group: re.Pattern[str] | None
    label: re.Pattern[str]
    indicator: str
    unit: str


@lru_cache(maxsize=1)
def label_rules() -> tuple[LabelRule, ...]:
    rows = read_tsv("labels_2014.tsv")
    return tuple(
        LabelRule(re.compile(r["group"]) if r["group"] else None, re.compile(r["label"]), r["indicator"], r["unit"]) for r in rows
    )


@lru_cache(maxsize=1)
def _any_label() -> re.Pattern[str]:
    """Any rule's label, alone or glued to its value: a label that fails this matches no rule.

    One match of this instead of one per rule turns down the many cells that are not labels
    (signatures, dates, units) cheaply.
    """
    labels = "|".join(f"(?:{rule.label.pattern})" for rule in label_rules())
    return re.compile(rf"(?:{labels})(?:{_GLUED_VALUE})?")


def normalize_label(text: str) -> str:
    """'(一)收到申请数' → '收到申请数'; '其中:涉及国家秘密' → '涉及国家秘密'."""
    return _NUMBERING.sub("", "".join(text.split()), count=1)


@lru_cache(maxsize=8192)
def _label(cell_text: str) -> tuple[str | None, str | None] | None:
    """(the group a top-level row 一、… starts, the label to look up), each None when the cell is not one;
    None when it is neither (numbers, units, dates, signatures).

    Cached: most cells are the same labels and numbers in report after report.
    """
    norm = normalize_label(cell_text)
    top = norm if _TOP.match(cell_text) else None
    label = norm if norm and _HAN.search(norm) and _any_label().fullmatch(norm) else None
    return None if top is None and label is None else (top, label)


@lru_cache(maxsize=8192)
def _rule_for(norm: str, group: str) -> tuple[LabelRule, str] | None:
    """The matching rule and what follows the label (non-empty only for glued cells).

    Cached: the same labels under the same group headings recur in report after report.
    """
    for prefix_ok in ((False, True) if norm[-1:].isdigit() else (False,)):
        for rule in label_rules():
            if rule.group is not None and not rule.group.search(group):
                continue
            m = rule.label.fullmatch(norm) if not prefix_ok else rule.label.match(norm)
            if m and (not prefix_ok or _GLUED.match(norm[m.end() :])):
                return rule, norm[m.end() :]
    return None


def _value_columns(header: list[Cell]) -> int:
    """Number of value columns named in the header (合计 → 1; 2012年度 | 历年累计 → 2)."""
    names = [c.text for c in header[1:] if c.text and not _UNIT_CELL.fullmatch(c.text)]
    return max(1, len(names))


def parse_2014(text: str) -> list[Figure]:
    """Every figure of the statistics table(s) in a clean report text."""
    figures: list[Figure] = []
    pos = 0
    while m := first_match(_HEADERS, text, pos):
        figures.extend(_read_table(text, split_cells(text, m.start())))
        pos = m.end()
    return _first_per_indicator(figures)


def _read_table(text: str, cells: list[Cell]) -> list[Figure]:
    i = _header_end(cells)
    ncols = _value_columns(cells[:i])
    out: list[Figure] = []
    group = ""
    # Only labels and top-level rows do anything; i skips the cells a row has read.
    for k, label in enumerate(map(_label, [c.text for c in cells])):
        if label is None or k < i:
            continue
        top, norm = label
        if top is not None:
            group = top
        found = _rule_for(norm, group) if norm else None
        if found:
            figure, i = _read_row(text, cells, k, *found, ncols)
            if figure:
                out.append(figure)
    return out


def _header_end(cells: list[Cell]) -> int:
    """Index of the first cell after the header cell and the column names."""
    i = 1
    while i < len(cells) and i < 6 and (not cells[i].text or _HEADER_CELL.fullmatch(cells[i].text)):
        i += 1
    return i


def _read_row(text: str, cells: list[Cell], i: int, rule: LabelRule, glued: str, ncols: int) -> tuple[Figure | None, int]:
    """The figure of the row labelled by cells[i] (None if it has no value), and the index of the next cell to read."""
    cell = cells[i]
    if glued:
        if ncols != 1:
            return None, i + 1  # 主动公开信息数条2626 with two value columns: not splittable
        g = _GLUED.match(glued)
        value, unit = scale(float(g["num"]), g["unit"] or rule.unit)
        pos = cell.start + cell.text.rfind(g["num"])
        return Figure(rule.indicator, value, "reported", "table", cell.text, snippet(text, cell.start, cell.end),
                      pos, unit, None, "table_2014"), i + 1
    j = i + 1
    unit = rule.unit
    if j < len(cells) and cells[j].text.replace(" ", "") in UNITS:
        unit = cells[j].text.replace(" ", "") if cells[j].text.strip() != "/" else rule.unit
        j += 1
    parsed = parse_cell(cells[j].text) if j < len(cells) else None
    if parsed is None:
        return None, j
    value, kind = parsed
    value, unit = scale(value, unit)
    figure = Figure(rule.indicator, value, kind, "table", cell.text, snippet(text, cell.start, cells[j].end),
                    cells[j].start, unit, None, "table_2014")
    i = j + 1
    # Skip the remaining value columns (e.g. 历年累计).
    k = 1
    while k < ncols and i < len(cells) and parse_cell(cells[i].text) is not None:
        i += 1
        k += 1
    return figure, i


def _first_per_indicator(figures: list[Figure]) -> list[Figure]:
    seen: set[str] = set()
    out = []
    for f in figures:
        if f.indicator not in seen:
            seen.add(f.indicator)
            out.append(f)
    return out
