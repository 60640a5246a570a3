"""Tables flattened into text → a stream of cells with offsets.

Scraped tables arrive as pipe rows (``a | b | c``, from HTML or markdown), one
cell per line with a trailing ``|`` (the Xiangtan seed), or whitespace-separated
runs. Each becomes a :class:`Cell` keeping its offset in the clean text, so
parsers can find a label and read the cells after it whatever the shape.
:func:`first_match` finds a table's anchor labels in a whole report quickly.
"""

from __future__ import annotations

import re
from typing import NamedTuple


# A PDF page number on a line of its own inside a table ("- 3 -", "— 12 —"): no cell.
PAGE_MARK = re.compile(r"\s*[-—–－]{1,2}\s*\d{1,3}\s*[-—–－]{1,2}\s*")


class Cell(NamedTuple):
    """A named tuple, not a dataclass: one report's tables make hundreds of cells."""

    text: str  # stripped; "" for an empty cell of a pipe row
    start: int  # offset in the text
    end: int


def split_cells(text: str, start: int = 0, end: int | None = None) -> list[Cell]:
    """Cells of ``text[start:end]``: pipe-separated where a line has pipes, whitespace tokens otherwise."""
    end = len(text) if end is None else end
    out: list[Cell] = []
    pos = start
    for line in text[start:end].split("\n"):
        if line[:1] in " -—–－\t" and PAGE_MARK.fullmatch(line):
            pos += len(line) + 1
            continue
        if "|" in line:
            pieces = line.split("|")
            last = len(pieces) - 1
            at = pos
            for k, piece in enumerate(pieces):
                stripped = piece.strip()
                # A leading "| " or trailing " |" delimits, it does not add an empty cell.
                if stripped or 0 < k < last:
                    cell_start = at + len(piece) - len(piece.lstrip())
                    out.append(Cell(stripped, cell_start, cell_start + len(stripped)))
                at += len(piece) + 1
        else:
            at = 0
            for token in line.split():  # str.split and re's \s agree on what is whitespace
                at = line.find(token, at)
                out.append(Cell(token, pos + at, pos + at + len(token)))
                at += len(token)
        pos += len(line) + 1
    return out


def is_table_row(line: str) -> bool:
    """A flattened table row (pipes as cell separators), not prose that happens to contain a '|'."""
    if "|" not in line:  # most lines: no need to strip them
        return False
    stripped = line.strip()
    return stripped.startswith("|") or stripped.endswith("|") or (stripped.count("|") >= 2 and len(stripped) < 300)


def first_match(patterns: tuple[re.Pattern[str], ...], text: str, pos: int = 0) -> re.Match[str] | None:
    """The leftmost match of any of ``patterns`` (the earlier pattern on a tie), as their alternation would find.

    re scans a whole text slowly for an alternation whose branches start with
    different characters, but fast for a pattern that starts with a literal:
    so anchors are kept as one such pattern per leading literal.
    """
    best = None
    for rx in patterns:
        m = rx.search(text, pos)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best
