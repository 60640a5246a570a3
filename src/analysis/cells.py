"""Tables flattened into text → a stream of cells with offsets.

Scraped tables arrive as pipe rows (``a | b | c``, from HTML or markdown), one
cell per line with a trailing ``|`` (the Xiangtan seed), or whitespace-separated
runs. Each becomes a list of :class:`Cell` keeping its offset in the clean text,
so parsers can find a label and read the cells after it whatever the shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Cell:
    text: str  # stripped; "" for an empty cell of a pipe row
    start: int  # offset in the text
    end: int
    line: int  # line number within the region


def split_cells(text: str, start: int = 0, end: int | None = None) -> list[Cell]:
    """Cells of ``text[start:end]``: pipe-separated where a line has pipes, whitespace tokens otherwise."""
    end = len(text) if end is None else end
    out: list[Cell] = []
    pos = start
    for n, line in enumerate(text[start:end].split("\n")):
        line_start = pos
        pos += len(line) + 1
        if "|" in line:
            pieces = line.split("|")
            offsets = []
            p = line_start
            for piece in pieces:
                offsets.append(p)
                p += len(piece) + 1
            # A leading "| " or trailing " |" delimits, it does not add an empty cell.
            first = 1 if not pieces[0].strip() and line.lstrip().startswith("|") else 0
            last = len(pieces) - 1 if not pieces[-1].strip() and line.rstrip().endswith("|") else len(pieces)
            for piece, off in zip(pieces[first:last], offsets[first:last]):
                lead = len(piece) - len(piece.lstrip())
                stripped = piece.strip()
                out.append(Cell(stripped, off + lead, off + lead + len(stripped), n))
        else:
            for m in _TOKEN.finditer(line):
                out.append(Cell(m.group(), line_start + m.start(), line_start + m.end(), n))
    return out


def is_table_row(line: str) -> bool:
    """A flattened table row (pipes as cell separators), not prose that happens to contain a '|'."""
    stripped = line.strip()
    return stripped.startswith("|") or stripped.endswith("|") or (stripped.count("|") >= 2 and len(stripped) < 300)
