"""PDF and Word reports → the plain text the rest of the pipeline reads.

Governments publish many reports only as PDF or DOCX attachments. Both become lines of text with
every table row as ``| a | b | c |`` (the shape :mod:`analysis.html` gives an HTML table: cells on a
grid, spanned positions left empty, never repeated, so no number is counted twice).

PDF: pdfplumber (on pdfminer.six, pure Python, MIT licence). It reads CID-keyed Chinese fonts through
pdfminer's bundled CMaps and finds ruled tables by their lines, which the official tables always have;
pypdf extracts text about as well but has no table finder, and PyMuPDF is faster but AGPL-licensed,
which an MIT toolkit cannot require. Lines are rejoined into paragraphs (a PDF breaks every line at
the margin, even inside a number: 主动公开信息1 / 234条), running heads and feet repeated on most pages
and page numbers (- 3 -, 第3页, 3/12) are dropped. A PDF without a text layer (a scan) is refused with
a reason: there is no OCR here.

DOCX: python-docx, paragraphs and tables in document order. Legacy binary Word (.doc, .wps: an OLE
container) cannot be read by any well-kept pure-Python library and gets a clear reason.
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from dataclasses import dataclass

CELL_SEP = " | "
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MIN_TEXT_CHARS_PER_PAGE = 20  # fewer characters per page on average: a scan (page numbers at most), or empty
MAX_PAGES = 300  # an annual report has 5–60 pages; more is a compilation, read the first pages only


class NotConvertible(Exception):
    """A document that cannot be turned into text; ``status`` is skipped (by design) or error (broken)."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Converted:
    text: str
    kind: str  # "pdf" or "docx"
    n_pages: int | None
    n_tables: int
    n_dropped_lines: int  # running heads, feet and page numbers removed


def sniff(data: bytes) -> str | None:
    """What an office document's bytes are, whatever its name says: pdf, docx, ole (legacy .doc/.wps/.xls) or None."""
    if data[:5] == b"%PDF-" or (len(data) > 5 and b"%PDF-" in data[:1024]):
        return "pdf"
    if data[:8] == OLE_MAGIC:
        return "ole"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
    return None


def _why(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__


# ------------------------------------------------------------------ cells


def _cell(value: str | None) -> str:
    """A cell's text on one line: a PDF or Word cell breaks its text where the column is narrow."""
    if not value:
        return ""
    parts = [p.strip() for p in value.replace("\r", "\n").split("\n")]
    out = ""
    for p in parts:
        if not p:
            continue
        # Chinese runs on with no space; keep one between two Latin letters or digits ("ISO 9001").
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum() and not (out[-1].isdigit() and p[0].isdigit()):
            out += " "
        out += p
    return re.sub(r"[ \t\u00a0\u3000]+", " ", out).strip().replace("|", "/")


def _row_line(cells: list[str]) -> str | None:
    return "| " + CELL_SEP.join(cells) + " |" if any(cells) else None


# ------------------------------------------------------------------ PDF

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－~～·•]*\s*\d{1,4}\s*[-—–－~～·•]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = tuple("。！？；：!?;:")
# A line that opens a numbered heading or item (一、 （一） 1. 第一部分) starts a paragraph of its own.
_HEADING_START = re.compile(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|第[一二三四五六七八九十]+[章节部分条])")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    page: int
    size: float  # character height: a line ends at the margin when within about one character of it
    table: bool = False


def pdf_to_text(data: bytes) -> Converted:
    """The text of a PDF's text layer, tables as pipe rows, paragraphs rejoined."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
        raise NotConvertible("error", f"broken PDF: cannot be opened ({_why(exc)})") from exc
    lines: list[_Line] = []
    n_tables = 0
    with pdf:
        pages = pdf.pages[:MAX_PAGES]
        text_chars = 0
        for number, page in enumerate(pages):
            try:
                page_lines, page_tables = _pdf_page(page, number)
            except Exception as exc:  # one damaged page does not lose the others
                raise NotConvertible("error", f"broken PDF: page {number + 1} cannot be read ({_why(exc)})") from exc
            n_tables += page_tables
            text_chars += sum(len(l.text.strip()) for l in page_lines)
            lines += page_lines
        n_pages = len(pdf.pages)
    if text_chars < MIN_TEXT_CHARS_PER_PAGE * max(1, len(pages)):
        raise NotConvertible("skipped", "scanned PDF: no text layer (images only; no OCR here)")
    kept, dropped = _drop_running_lines(lines, n_pages)
    text = "\n".join(_paragraphs(kept))
    return Converted(text=text, kind="pdf", n_pages=n_pages, n_tables=n_tables, n_dropped_lines=dropped)


def _pdf_page(page, number: int) -> tuple[list[_Line], int]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    body = page.filter(outside) if boxes else page
    out: list[_Line] = []
    for line in body.extract_text_lines(return_chars=True, strip=True):
        text = line["text"]
        if not text.strip():
            continue
        sizes = [c["size"] for c in line.get("chars", []) if c.get("size")]
        out.append(_Line(text, line["x0"], line["x1"], line["top"], number, statistics.median(sizes) if sizes else 10.0))
    for table in tables:
        top = table.bbox[1]
        for i, row in enumerate(table.extract()):
            cells = [_cell(c) for c in row]
            line = _row_line(cells)
            if line:
                out.append(_Line(line, table.bbox[0], table.bbox[2], top + i * 0.001, number, 10.0, table=True))
    out.sort(key=lambda l: l.top)
    return out, len(tables)


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def _drop_running_lines(lines: list[_Line], n_pages: int) -> tuple[list[_Line], int]:
    """Drop page numbers, and running heads and feet: the same line (digits aside) at the same edge,
    top or bottom, of most pages. Only the copies at that edge go: a report's signature may repeat
    its running head at the foot of the last page."""
    if not lines:
        return lines, 0
    by_page: dict[int, list[_Line]] = {}
    for l in lines:
        if not l.table:
            by_page.setdefault(l.page, []).append(l)
    counts: dict[tuple[str, str], int] = {}
    for page_lines in by_page.values():
        edge = {("top", _running_key(l.text)) for l in page_lines[:2]} | {("foot", _running_key(l.text)) for l in page_lines[-2:]}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    running = {k for k, c in counts.items() if n_pages >= 3 and c >= max(3, n_pages // 2)}
    at_edge: dict[int, str] = {}
    for page_lines in by_page.values():
        at_edge.update({id(l): "foot" for l in page_lines[-2:]})
        at_edge.update({id(l): "top" for l in page_lines[:2]})
    kept = []
    for l in lines:
        if not l.table and (_PAGE_NUMBER.match(l.text) or (id(l) in at_edge and (at_edge[id(l)], _running_key(l.text)) in running)):
            continue
        kept.append(l)
    return kept, len(lines) - len(kept)


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Rejoin lines a PDF broke at the right margin: a line reaching the margin runs on into the next
    one unless that one is indented (a new paragraph), a table row, or a numbered heading after a
    finished sentence."""
    body = [l for l in lines if not l.table]
    if not body:
        return [l.text for l in lines]
    right = max(l.x1 for l in body)
    left = min(l.x0 for l in body)
    out: list[str] = []
    prev: _Line | None = None
    for l in lines:
        joins = (
            prev is not None
            and not prev.table
            and not l.table
            and prev.x1 >= right - 1.5 * prev.size
            and l.x0 <= left + 0.8 * l.size
            and not (prev.text.rstrip().endswith(_SENTENCE_END) and _HEADING_START.match(l.text))
        )
        if joins:
            out[-1] = _join(out[-1], l.text)
        else:
            out.append(l.text)
        prev = l
    return out


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.lstrip()
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


# ------------------------------------------------------------------ DOCX


def docx_to_text(data: bytes) -> Converted:
    """Paragraphs and tables of a .docx in document order (headers and footers are not read)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise NotConvertible("error", f"broken Word document: cannot be opened ({_why(exc)})") from exc
    out: list[str] = []
    n_tables = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                out.append(text)
        elif tag == "tbl":
            n_tables += 1
            out += _docx_table(Table(child, document))
    return Converted(text="\n".join(out), kind="docx", n_pages=None, n_tables=n_tables, n_dropped_lines=0)


def _docx_table(table) -> list[str]:
    """Rows on the grid: a merged cell's text once, at its first position (python-docx repeats it)."""
    lines: list[str] = []
    above: list = []
    for row in table.rows:
        cells = row.cells
        seen: set[int] = set()
        texts: list[str] = []
        for col, cell in enumerate(cells):
            tc = id(cell._tc)
            spanned = tc in seen or (col < len(above) and above[col] is cell._tc)
            seen.add(tc)
            texts.append("" if spanned else _cell(cell.text))
        above = [c._tc for c in cells]
        if line := _row_line(texts):
            lines.append(line)
    return lines
