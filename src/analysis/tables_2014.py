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
from itertools import product
from typing import NamedTuple

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
        if is_glued_table(text, m.start()):
            figures.extend(_read_glued(text, m.start()))
        else:
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


# ------------------------------------------------------------ glued tables ---
# A crawler's one-line copy of the local forms runs cells together with no separator:
# 指标名称计量单位2012年度历年累计主动公开信息数条2626其中：1、网站公开条26262、政府公报公开条00…
# Labels are runs of Han characters and digits are runs of digits, so rows are found without knowing the labels;
# what a digit run holds (this year's value, the cumulative, the next row's number) is decided by the table:
# the next row's number is the one the numbering expects (其中：1、… 2、…), the cumulative is at least the year's,
# and the parts (其中 rows) add up to their row. A row those do not decide is recorded as undetermined, never guessed.

_GLUE_TOKENS = re.compile(r"\d+|[^\d]+")
_ROW_SEP = "、.．"
_QIZHONG = re.compile(r"其中[:：]?$")
_LEADING_ZERO = re.compile(r"0\d")
_TABLE_END = ("附件", "印发")
_MAX_COMBOS = 20000
_VALUE_UNITS = ("人次", "万元", "亿元", "千元", "条", "件", "次", "篇", "人", "个", "元", "项")


class _GluedRow(NamedTuple):
    rule: LabelRule | None  # None: a row the label map does not name (its digits still count in the sums)
    label: str
    unit: str
    digits: str  # this row's values, the next row's number taken off
    start: int  # offset of the digits in the text
    parent: int | None  # index of the row its 其中 rows add up to
    reason: str  # why the row cannot be read ("" when it can)


def _compact(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """text[start:end] without whitespace, and each kept character's offset."""
    kept = [(ch, start + i) for i, ch in enumerate(text[start:end]) if not ch.isspace()]
    return "".join(ch for ch, _ in kept), [o for _, o in kept]


_GLUED_CELL = re.compile(r"[\u4e00-\u9fff]{2}(?:条|件|个|人|次|项|元)\d")


def is_glued_table(text: str, start: int) -> bool:
    """A local form whose cells run together (…主动公开信息数条2626其中：1、网站公开条26262、…): a label, its unit
    and its value with no space between, among the first rows, and no pipes."""
    end = min(len(text), start + 160)
    return "|" not in text[start:end] and _GLUED_CELL.search(text, start, end) is not None  # pipes: cells are kept


def _glued_rows(text: str, start: int) -> tuple[list[_GluedRow], int]:
    """The rows of a glued table starting at its header, and how many value columns it has (2 with 历年累计)."""
    c, offsets = _compact(text, start, min(len(text), start + 4000))
    toks = [(m.group(), m.start()) for m in _GLUE_TOKENS.finditer(c)]
    rows: list[_GluedRow] = []
    ncols, started, group = 1, False, ""
    number: int | None = None  # the number of the last numbered row
    parent: int | None = None
    force_numbered = False
    i = 0
    while i < len(toks):
        tok, _ = toks[i]
        if tok[0].isdigit():
            i += 1
            continue
        numbered = tok[0] in _ROW_SEP or force_numbered
        force_numbered = False
        han = tok.lstrip(_ROW_SEP)
        if started and han.startswith("其中"):
            parent, number = (len(rows) - 1 if rows else None), 0
            i += 1
            if i < len(toks) and toks[i][0] == "1":  # 其中：1、… : the first part's number
                i += 1
                force_numbered = True
            continue
        unit = next((u for u in _VALUE_UNITS if han.endswith(u)), "")
        label = han[: len(han) - len(unit)]
        norm = normalize_label(label)
        found = _rule_for(norm, group) if norm and _HAN.search(norm) else None
        if not started:
            ncols = 2 if "累计" in tok else ncols
            if found is None:
                # the header runs into the first row's label (…历年累计主动公开信息数条): its longest known tail
                for j in range(1, len(label)):
                    tail = normalize_label(label[j:])
                    if tail and _HAN.search(tail) and (found := _rule_for(tail, group)):
                        norm = tail
                        break
            if found is None:
                i += 1
                continue
            started = True
        if any(w in han for w in _TABLE_END) or (found is None and len(han) > 24):
            break
        if _TOP.match(label):
            group = label
        if numbered:
            number = (number or 0) + 1
        else:
            number, parent = None, None
        digits, reason, d_at = "", "", None
        if i + 1 < len(toks) and toks[i + 1][0][0].isdigit():
            digits, d_at = toks[i + 1]
            after = toks[i + 2][0] if i + 2 < len(toks) else ""
            if after[:1] and after[0] in _ROW_SEP:
                want = str((number or 0) + 1)
                if digits.endswith(want) and len(digits) > len(want):
                    digits = digits[: -len(want)]
                else:
                    digits, reason = "", f"the digits {toks[i + 1][0]} do not end with the next row's number {want}"
            i += 2
        else:
            reason = "no value printed"
            i += 1
        rows.append(_GluedRow(found[0] if found else None, norm, unit or (found[0].unit if found else ""), digits,
                              offsets[d_at] if d_at is not None else offsets[toks[i - 1][1]], parent if numbered else None, reason))
    return rows, ncols


def _splits(digits: str, ncols: int) -> list[tuple[int, ...]]:
    """Every way a digit run holds ncols numbers with no leading zeros, the cumulative at least the year's."""
    ok = lambda s: s == "0" or s[0] != "0"  # noqa: E731
    if not digits:
        return []
    if ncols == 1:
        return [(int(digits),)] if ok(digits) else []
    if ncols != 2:
        return []
    return [(int(digits[:k]), int(digits[k:])) for k in range(1, len(digits))
            if ok(digits[:k]) and ok(digits[k:]) and int(digits[k:]) >= int(digits[:k])]


def _solve(rows: list[_GluedRow], ncols: int) -> tuple[list[list[tuple[int, ...]]], list[str]]:
    """Each row's splits that the table's sums leave (parts add up to their row), and a note per row."""
    cands = [_splits(r.digits, ncols) for r in rows]
    notes = [""] * len(rows)
    groups: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        if r.parent is not None:
            groups.setdefault(r.parent, []).append(k)
    for p, children in groups.items():
        members = [p, *children]
        if any(not cands[m] for m in members):
            continue
        size = 1
        for m in members:
            size *= len(cands[m])
        if size == 1 or size > _MAX_COMBOS:
            continue
        keep = [combo for combo in product(*(cands[m] for m in members))
                if all(combo[0][col] == sum(c[col] for c in combo[1:]) for col in range(ncols))]
        if not keep:
            for m in members:
                notes[m] = "the parts do not add up to their row for any split"
            continue
        for j, m in enumerate(members):
            cands[m] = sorted({combo[j] for combo in keep})
    return cands, notes


def _read_glued(text: str, start: int) -> list[Figure]:
    """Figures of a glued local table: each row whose split the table decides; the others as undetermined."""
    rows, ncols = _glued_rows(text, start)
    cands, notes = _solve(rows, ncols)
    out = []
    for r, cand, note in zip(rows, cands, notes):
        if r.rule is None:
            continue
        ev = snippet(text, r.start, r.start + len(r.digits))
        if len(cand) == 1:
            value, unit = scale(float(cand[0][0]), r.unit if r.unit in UNITS else r.rule.unit)
            cols = " | ".join(map(str, cand[0]))
            out.append(Figure(r.rule.indicator, value, "reported", "table", f"{r.label} [glued cells {r.digits} read as {cols}]",
                              ev, r.start, unit, None, "table_2014"))
            continue
        if cand:
            why = f"glued cells {r.digits}: the table's sums and columns allow " + ", ".join(" | ".join(map(str, c)) for c in cand)
        else:
            why = r.reason or note or f"glued cells {r.digits} cannot be split into {ncols} values"
        _, unit = scale(None, r.unit if r.unit in UNITS else r.rule.unit)
        out.append(Figure(r.rule.indicator, None, "undetermined", "table", f"{r.label} [{why}]", ev, r.start, unit, None, "table_2014"))
    return out
