"""Tables of the 2019–2020 interim and the 2021 report formats → figures.

Both formats print the same 申请 (requests) and 复议/诉讼 (review) tables and
differ only in the 第二十条 (proactive) tables. Labels and indicator names live
in data/labels_2021.tsv. Each row is read from the cells after its label, whatever
the flattening: pipe grids with empty span cells, markdown, one cell per line,
whitespace runs or glued digits. A row whose cells cannot be told apart yields
nothing: a missing number is better than a wrong one. A report without these
tables is turned down after a few fast scans for the tables' headers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .cells import PAGE_MARK, Cell, first_match, split_cells
from .datafiles import read_tsv
from .figures import UNIT_SCALE, Figure, parse_cell, scale, snippet

APPLICANTS = (
    ("自然人", "natural_person"),
    ("商业企业", "business"),
    ("科研机构", "research"),
    ("社会公益组织", "nonprofit"),
    ("法律服务机构", "legal_services"),
    ("其他", "other_org"),
    ("总计", "total"),
)
LITIGATION_PARTS = ("upheld", "corrected", "other", "pending", "total")

# Table headers, one pattern per leading literal (see first_match).
_MARKERS = {
    "2021": (re.compile(r"本年(?:制发件数|废[止纸]件数|收费金额)"), re.compile(r"现行有效件数"), re.compile(r"先行有效件数")),
    "2019": (re.compile(r"本年新(?:制作|公开)数量"), re.compile(r"对外公开总数量"), re.compile(r"上一年项目数量"), re.compile(r"采购项目数量")),
}
_PROACTIVE = (
    re.compile(r"第二十条\s*第?\s*\(\s*[一五六八九]\s*\)\s*项"),
    re.compile(r"本年(?:制发件数|新制作数量|处理决定数量)"),
    re.compile(r"上一年项目数量"),
)
_REQUESTS = (re.compile(r"申请人情况"), re.compile(r"勾稽关系"), re.compile(r"钩稽关系"), re.compile(r"本年新收\s*政府信息公开申请数量"))
_REVIEW = re.compile(r"行政法?复议")  # 行政法复议 is a typo seen in print
_REVIEW_HEADER = (re.compile(r"维\s*持"), re.compile(r"审\s*结"))
_REVIEW_SPAN = 1500  # the review table ends well within this many characters of its heading

_UNITS = "万元|亿元|千元|元|笔|个|件|项|条|次"
_NUMBER = re.compile(rf"([-−+]?)(\d[\d,]*(?:\.\d+)?)({_UNITS})?")
# A run of values: steps that are each a separator, or something parse_cell (or _NUMBER) reads as a value.
_RUN = re.compile(rf"(?:[ \t|]+|[-−+]?\d[\d,]*(?:\.\d+)?(?:{_UNITS})?|/|／|—{{1,2}}|-{{1,2}}(?!-)|\\|不适用)*")
_HAS_VALUE = re.compile(r"\d|/|／|—|-|\\|不适用")
_HEADER_UNIT = re.compile(r"(?:单位\s*:?\s*|\(\s*)(万元|亿元|千元|元)\s*\)?")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LEADING_PIPE = re.compile(r"\s*\|")
_NOTE = re.compile(r" \[.*\]$")


@dataclass(frozen=True)
class Column:
    indicator: str
    label: str  # printed column label
    unit: str  # printed (default) unit
    breakdown: str | None


@dataclass(frozen=True)
class Row:
    template: str
    table: str
    pattern: re.Pattern[str]
    columns: tuple[Column, ...]


def _split(field: str, n: int) -> list[str]:
    parts = [p.strip() for p in field.split(",")] if field else [""]
    return parts * n if len(parts) == 1 else parts


@lru_cache(maxsize=1)
def label_rows() -> tuple[Row, ...]:
    """The rows of labels_2021.tsv, in file order."""
    rows = []
    for r in read_tsv("labels_2021.tsv"):
        if r["table"] == "requests":
            cols = tuple(Column(r["indicator"], lab, r["unit"], code) for lab, code in APPLICANTS)
        else:
            inds = _split(r["indicator"], 1)
            labs, units = _split(r["columns"], len(inds)), _split(r["unit"], len(inds))
            if not len(inds) == len(labs) == len(units):
                raise ValueError(f"labels_2021.tsv: column counts differ in row {r['label_pattern']!r}")
            cols = tuple(Column(i, lab, u, None) for i, lab, u in zip(inds, labs, units))
        rows.append(Row(r["template"], r["table"], re.compile(r["label_pattern"]), cols))
    return tuple(rows)


# ------------------------------------------------------------- regions ---


def detect_template(text: str) -> str | None:
    """"2021" or "2019" from the proactive-table headers (the first marker printed wins); None without them."""
    hits = [(m.start(), name) for name, rxs in _MARKERS.items() if (m := first_match(rxs, text))]
    return min(hits)[1] if hits else None


def _regions(text: str) -> dict[str, tuple[int, int]]:
    """Where each table sits, anchored on table headers (prose mentions the same headings earlier)."""
    out: dict[str, tuple[int, int]] = {}
    p = first_match(_PROACTIVE, text)
    req = first_match(_REQUESTS, text, p.start() if p else 0)
    after = req.start() if req else (p.start() if p else 0)
    review = None
    for m in _REVIEW.finditer(text, after):
        if all(rx.search(text, m.start(), m.start() + 400) for rx in _REVIEW_HEADER):
            review = m.start()
            break
    if p:
        end = req.start() if req else review if review else min(len(text), p.start() + 4000)
        out["proactive"] = (p.start(), end)
    if req:
        nxt = _REVIEW.search(text, req.start())
        out["requests"] = (req.start(), nxt.start() if nxt else len(text))
    if review is not None:
        out["review"] = (review, min(len(text), review + _REVIEW_SPAN))
    return out


# ---------------------------------------------------------- cell reading ---


def _run_end(text: str, pos: int, limit: int) -> int:
    """End of the run of values and separators starting at pos (never past limit or a line end)."""
    start = pos
    pos = _RUN.match(text, pos, limit).end()  # pos <= limit: the run may be empty, never None
    # A run glued to the next item number ("00000002.其他…"): its last digit is that number.
    if start < pos < len(text) - 1 and text[pos] in ".、" and _HAN.match(text[pos + 1]) and text[pos - 1].isdigit():
        pos -= 1
    return pos


def _line_cells(text: str, start: int, end: int) -> Iterator[Cell | None]:
    """Each non-empty line of text[start:end] as one cell ("0 |"; "|" alone is an empty cell), or None.

    Lazy: readers stop at the first line that is not a value, often long before end.
    """
    at = start
    while at <= end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end == -1 else line_end
        line = text[at:line_end]
        core = line.strip()
        if core and core[0] in "-—–－" and PAGE_MARK.fullmatch(core):
            core = ""  # a page number of a PDF between two cells of a column
        if core:
            core = "" if core == "|" else core.removeprefix("|").removesuffix("|").strip()
            if "|" in core or _value(core) is None:
                yield None
            else:
                cell_start = at + (line.index(core) if core else line.index("|"))
                yield Cell(core, cell_start, cell_start + len(core))
        at = line_end + 1


def _vertical_cells(text: str, pos: int, limit: int) -> list[Cell]:
    """One cell per line after the line of pos, up to the first line that is not a single value."""
    nl = text.find("\n", pos)
    if nl == -1 or nl >= limit:
        return []
    cells: list[Cell] = []
    for cell in _line_cells(text, nl + 1, limit):
        if cell is None:
            break
        cells.append(cell)
    return cells


def _row_cells(text: str, label_start: int, label_end: int, limit: int) -> tuple[list[Cell], bool]:
    """The cells printed after a row label, and whether the row is printed with no cells at all.

    Cells end at limit (the next label), at the end of the line, or where the run of
    values stops; a row with nothing on its line reads one value per following line.
    """
    end = _run_end(text, label_end, limit)
    segment = text[label_end:end]
    if _HAS_VALUE.search(segment) or "|" in segment:
        cells = split_cells(text, label_end, end)
        # A grid row from HTML (not led by "|") ending in "|" ends with an empty cell, not a delimiter.
        line_start = text.rfind("\n", 0, label_start) + 1
        if cells and segment.rstrip().endswith("|") and not _LEADING_PIPE.match(text, line_start):
            at = label_end + len(segment.rstrip())
            cells.append(Cell("", at, at))
        if cells:
            return cells, False
    line_end = text.find("\n", end)
    if line_end != -1 and not text[end:line_end].strip(" \t|"):
        return _vertical_cells(text, end, limit), False
    empty_row = end == limit and "\n" not in segment and not segment.strip()
    return [], empty_row


@lru_cache(maxsize=4096)
def _value(cell_text: str) -> tuple[float | None, str, str] | None:
    """Cell text → (value, value_kind, unit printed in the cell); None for a non-value (cached, as parse_cell)."""
    m = _NUMBER.fullmatch(cell_text.replace(" ", ""))
    if m:
        parsed = parse_cell(m.group(2))
        if parsed is None:
            return None
        value, kind = parsed
        return (-value if m.group(1) and m.group(1) != "+" else value), kind, m.group(3) or ""
    parsed = parse_cell(cell_text)
    return None if parsed is None else (parsed[0], parsed[1], "")


def _sums_ok(values: list[float], table: str) -> bool:
    """A glued row split digit by digit is trusted only if its totals add up.

    A blank cell next to a two-digit number also glues to one digit per cell;
    the totals catch that (and also drop rows the source itself got wrong).
    """
    if table == "requests":  # six applicant columns, then 总计
        groups = [values]
    elif table == "review":  # 复议, 直接起诉, 复议后起诉: four results, then 总计
        groups = [values[i : i + 5] for i in range(0, len(values), 5)]
    else:
        groups = []
    return all(g[-1] == sum(g[:-1]) for g in groups)


def _drop_subtotal(cells: list[Cell]) -> list[Cell]:
    """An 8-column requests row (自然人, 法人或其他组织 subtotal, its five columns, 总计) without its subtotal.

    Dropped only when the table's arithmetic says the second cell is the subtotal (it equals the five after it
    and 总计 the two before them); otherwise the row stays as printed and does not fit.
    """
    vals = [_value(c.text) for c in cells]
    if None in vals or any(v[0] is None for v in vals):
        return cells
    nums = [v[0] for v in vals]
    if abs(nums[1] - sum(nums[2:7])) < 1e-9 and abs(nums[7] - nums[0] - nums[1]) < 1e-9:
        return [cells[0], *cells[2:]]
    return cells


def _fit(cells: list[Cell], n: int, table: str) -> tuple[list[Cell], list[tuple[float | None, str, str]], str] | None:
    """Exactly n cells with their values, or None. Returns (cells, values, glued digits or "")."""
    cells = list(cells)
    if table == "requests" and len(cells) == n + 1:
        cells = _drop_subtotal(cells)
    excess = len(cells) - n
    while excess > 0 and not cells[0].text:  # empty span cells left of the values (pipe grids)
        cells.pop(0)
        excess -= 1
    while excess > 0 and not cells[-1].text:  # padding right of a narrow sub-table
        cells.pop()
        excess -= 1
    glued = ""
    if len(cells) < n and all(c.text.isdigit() for c in cells) and sum(len(c.text) for c in cells) == n:
        glued = "".join(c.text for c in cells)  # e.g. "1000001" or "0 0 0 0 0 00" for seven cells
        cells = [Cell(ch, c.start + i, c.start + i + 1) for c in cells for i, ch in enumerate(c.text)]
    if len(cells) != n:
        return None
    values = [_value(c.text) for c in cells]
    if None in values:
        return None
    if glued and not _sums_ok([v[0] for v in values], table):  # type: ignore[index]
        return None
    return cells, values, glued  # type: ignore[return-value]


# -------------------------------------------------------------- figures ---


def _money_unit(text: str, region_start: int, label_start: int, default: str) -> str:
    hits = _HEADER_UNIT.findall(text, max(region_start, label_start - 80), label_start)
    return hits[-1] if hits else default


_MAX_SPLITS = 20000  # ways to cut a glued run worth trying (15 digits into 7 cells: 3003)


def _splits(digits: str, n: int, table: str) -> list[tuple[int, ...]]:
    """Every way to cut a glued run into n numbers (cut positions), without leading zeros, whose totals add up."""
    from itertools import combinations
    from math import comb

    if comb(len(digits) - 1, n - 1) > _MAX_SPLITS:
        return []
    out = []
    for cuts in combinations(range(1, len(digits)), n - 1):
        bounds = (0, *cuts, len(digits))
        parts = [digits[a:b] for a, b in zip(bounds, bounds[1:])]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        if table in ("requests", "review") and not _sums_ok([float(p) for p in parts], table):
            continue
        out.append(bounds)
    return out


def _undetermined(text: str, row: Row, label: str, cells: list[Cell], parser: str) -> list[Figure]:
    """A row of glued digits that does not split into its cells one digit each: each cell that has the same value in
    every reading (no leading zeros; the requests and review totals add up) is read, every other cell is recorded as
    undetermined with the reason, never guessed (行政许可4500 = 4|50|0 or 45|0|0: 处理决定数量 0, the rest open)."""
    n = len(row.columns)
    if not cells or len(cells) >= n or not all(c.text.isdigit() for c in cells):
        return []
    digits = "".join(c.text for c in cells)
    if len(digits) < n:
        return []
    splits = _splits(digits, n, row.table) if len(cells) == 1 else []
    if not splits:
        why = (f"glued digits {digits}: one digit per cell does not add up" if len(digits) == n
               else f"glued digits {digits}: {n} cells, no reading decided")
    else:
        why = f"glued digits {digits}: {len(splits)} readings, this cell differs between them"
    prefix = f"{label} / " if label else ""
    start = cells[0].start
    out = []
    for i, col in enumerate(row.columns):
        readings = {(b[i], b[i + 1]) for b in splits}
        values = {digits[a:b] for a, b in readings}
        unit = "元" if col.unit in UNIT_SCALE else col.unit
        if len(values) == 1:
            (a, b), = readings if len(readings) == 1 else ((min(r[0] for r in readings), min(r[1] for r in readings)),)
            value, unit = scale(float(values.pop()), col.unit if col.unit in UNIT_SCALE else unit)
            at = start + a if len(readings) == 1 else start
            out.append(Figure(col.indicator, value, "reported", "table",
                              f"{prefix}{col.label} [glued digits {digits}: the same in all {len(splits)} readings]",
                              snippet(text, at, at + 1), at, unit, col.breakdown, parser))
        else:
            out.append(Figure(col.indicator, None, "undetermined", "table", f"{prefix}{col.label} [{why}]",
                              snippet(text, start, cells[-1].end), start, unit, col.breakdown, parser))
    return out


def _figures(text: str, row: Row, label: str, label_start: int, region_start: int, cells: list[Cell], parser: str) -> list[Figure]:
    fitted = _fit(cells, len(row.columns), row.table)
    if fitted is None:
        return _undetermined(text, row, label, cells, parser)
    cells, values, glued = fitted
    prefix = f"{label} / " if label else ""
    note = f" [split glued digits {glued}]" if glued else ""
    out = []
    for col, (_, start, end), (value, kind, cell_unit) in zip(row.columns, cells, values):
        unit = col.unit
        if unit in UNIT_SCALE:
            unit = cell_unit if cell_unit in UNIT_SCALE else _money_unit(text, region_start, label_start, unit)
        value, unit = scale(value, unit)
        out.append(
            Figure(col.indicator, value, kind, "table", prefix + col.label + note, snippet(text, start, end),
                   start, unit, col.breakdown, parser)
        )
    return out


def _label_text(m: re.Match[str]) -> str:
    return "".join(m.group().split())


def _read_rows(text: str, rows: list[Row], region: tuple[int, int], parser: str, in_order: bool) -> list[Figure]:
    """Find each row label in the region and read its cells up to the next label found.

    in_order: search each label after the previous one (the requests table repeats
    item numbers 1. 2. … under each heading); otherwise each label from the region start.
    """
    start, end = region
    found: list[tuple[Row, re.Match[str]]] = []
    cursor = start
    for row in rows:
        m = row.pattern.search(text, cursor, end)
        if m:
            found.append((row, m))
            cursor = m.end() if in_order else start
    starts = sorted(m.start() for _, m in found)
    out: list[Figure] = []
    for row, m in found:
        k = bisect_left(starts, m.end())
        limit = starts[k] if k < len(starts) else end
        cells, empty_row = _row_cells(text, m.start(), m.end(), limit)
        if not cells and (again := _repeated_label(text, m, limit)) is not None:
            m = again  # a label printed as a heading over its own small table (### (一)予以公开 / | 予以公开 | 290 |…)
            cells, empty_row = _row_cells(text, m.start(), m.end(), limit)
        if empty_row and limit < end:  # two labels with nothing between: every cell printed blank
            cells = [Cell("", m.end(), m.end())] * len(row.columns)
        out.extend(_figures(text, row, _label_text(m), m.start(), start, cells, parser))
    return out


_ITEM_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十]+\s*\)|\d+\s*[.、])\s*")


def _repeated_label(text: str, m: re.Match[str], limit: int) -> re.Match[str] | None:
    """The same label again (without its item number) at the start of a row before limit, or None."""
    core = _ITEM_NUMBER.sub("", _label_text(m))
    if len(core) < 2:
        return None
    rx = re.compile(r"(?:^|\|)[ \t]*(" + r"\s*".join(map(re.escape, core)) + ")", re.M)
    again = rx.search(text, m.end(), limit)
    if again is None:
        return None
    return re.compile(re.escape(again.group(1))).search(text, again.start(1), again.end(1))


def _sub_tables(text: str, region: tuple[int, int], n: int, table: str, width: int = 5) -> list[Cell]:
    """The review table printed as one small table per part (行政复议 / 直接起诉 / 复议后起诉), each a header of four
    results and 总计 over one data row: the data rows in order, when there are exactly n // width of them."""
    start, end = region
    rows: list[list[Cell]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + line.start(), start + line.end()
        if not _DATA_ROW.fullmatch(text, a, b):
            continue
        cells = split_cells(text, a, b)
        if len(cells) == width and _fit(cells, width, table) is not None:
            rows.append(cells)
    if len(rows) * width != n:
        return []
    cells = [c for r in rows for c in r]
    return cells if _fit(cells, n, table) is not None else []


_DATA_ROW = re.compile(r"[ \t|]*\d[\d ,.\t|]*")


def _review_cells(text: str, region: tuple[int, int], n: int, table: str) -> list[Cell]:
    """The review table's data row: the first run of cells in the region that makes n values.

    Runs are horizontal (pipes, spaces, glued digits); failing those, n lines of one cell each.
    """
    start, end = region
    pos = start
    while (m := _HAS_VALUE.search(text, pos, end)) is not None:
        run_start = m.start()
        while run_start > start and text[run_start - 1] in " \t|":
            run_start -= 1
        run_end = _run_end(text, m.start(), end)
        cells = split_cells(text, run_start, run_end) if run_end > m.start() else []
        if cells and _fit(cells, n, table) is not None:
            return cells
        pos = max(run_end, m.start() + 1)
    column: list[Cell] = []
    for cell in _line_cells(text, start, end):
        if cell is not None:
            column.append(cell)
        elif column:
            break
    return column if len(column) == n else _sub_tables(text, region, n, table)


def _review_figures(text: str, row: Row, region: tuple[int, int], parser: str) -> list[Figure]:
    """The 15 cells of the review table, plus the litigation sums."""
    cells = _review_cells(text, region, len(row.columns), row.table)
    if not cells:  # a glued run of one digit per cell whose totals do not add up: undetermined, with the reason
        m = re.compile(rf"(?<!\d)\d{{{len(row.columns)}}}(?!\d)").search(text, *region)
        return _undetermined(text, row, "", [Cell(m.group(), m.start(), m.end())], parser) if m else []
    figs = _figures(text, row, "", region[0], region[0], cells, parser)
    return figs + _litigation_sums(text, figs, parser)


def _litigation_sums(text: str, figs: list[Figure], parser: str) -> list[Figure]:
    """litigation_X = 未经复议直接起诉 X + 复议后起诉 X, when both cells print a number."""
    by = {f.indicator: f for f in figs}
    out = []
    for part in LITIGATION_PARTS:
        d, a = by.get(f"litigation_direct_{part}"), by.get(f"litigation_after_review_{part}")
        if d and a and d.value_kind == a.value_kind == "reported" and d.value is not None and a.value is not None:
            base = [_NOTE.sub("", f.label) for f in (d, a)]
            note = _NOTE.search(d.label)
            label = " + ".join(base) + (note.group() if note else "")
            lo, hi = min(d.offset, a.offset), max(d.offset, a.offset)
            out.append(
                Figure(f"litigation_{part}", d.value + a.value, "reported", "table", label,
                       snippet(text, lo, hi + 1), d.offset, d.unit, None, parser)
            )
    return out


def _parse(text: str, template: str, regions: dict[str, tuple[int, int]]) -> list[Figure]:
    parser = f"table_{template}"
    rows = [r for r in label_rows() if r.template in (template, "both")]
    out: list[Figure] = []
    if "proactive" in regions:
        out += _read_rows(text, [r for r in rows if r.table == "proactive"], regions["proactive"], parser, in_order=False)
    if "requests" in regions:
        out += _read_rows(text, [r for r in rows if r.table == "requests"], regions["requests"], parser, in_order=True)
    if "review" in regions:
        out += _review_figures(text, next(r for r in rows if r.table == "review"), regions["review"], parser)
    return out


def parse_2021(text: str) -> list[Figure]:
    """Figures of a 2021-format report; [] when the text is in the interim format or has no such tables.

    Without any proactive header the shared requests/review tables are read as 2021.
    """
    regions = _regions(text)  # first: a report without tables needs no template check
    return _parse(text, "2021", regions) if regions and detect_template(text) != "2019" else []


def parse_2019(text: str) -> list[Figure]:
    """Figures of a report in the 2019–2020 interim format; [] for any other text."""
    if not first_match(_MARKERS["2019"], text):  # the common case, decided without the 2021 markers
        return []
    return _parse(text, "2019", _regions(text)) if detect_template(text) == "2019" else []


def parse_tables(text: str) -> list[Figure]:
    """Whichever of parse_2019 / parse_2021 fits the text."""
    return parse_2019(text) if detect_template(text) == "2019" else parse_2021(text)
