"""HTML → plain text that keeps a report's structure.

Paragraphs and line breaks become lines; every table row becomes one line
``| a | b | c |`` whose cells are joined by `` | `` on a grid expanded for rowspan/colspan (spanned
positions are left empty, never repeated, so no number is counted twice).
Scripts, styles, iframes, forms and comments are dropped.
"""

from __future__ import annotations

import re

from lxml import etree

CELL_SEP = " | "
_DROP = ("script", "style", "iframe", "noscript", "object", "embed", "template", "svg", "canvas", "form", "button", "select")
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "center", "caption",
    "table", "tbody", "thead", "tfoot", "body", "html", "main", "nav", "aside", "figure", "figcaption", "hr",
}
_SPACE = r"[ \t\r\f\v\u00a0\u3000]"
_CELL_SPACE = r"[\n \t\r\f\v\u00a0\u3000]"  # in a cell, line breaks are spaces too


def _space_runs(space: str) -> re.Pattern[str]:
    """Runs of spaces to replace by one " ", leaving out a lone " " (most runs, and unchanged by the
    replacement). The pattern starts with a plain character class so that re skips ahead to it."""
    return re.compile(f"{space}(?:(?<! )|(?={space})){space}*")


_WS = _space_runs(_SPACE)
_CELL_WS = _space_runs(_CELL_SPACE)
_LOOKS_HTML = re.compile(r"<(!doctype\s+html|html|body|head|div|p|table|tr|td|br|span)\b", re.I)
# lxml's plain HTML parser: the same tree as lxml.html.document_fromstring, but made of plain
# etree elements, for which lxml does not call a Python class lookup each time one is touched.
# Comments and processing instructions are left out while parsing (their neighbouring texts join).
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
_TAG = re.compile(r"<[^>]+>")
_STRING_VALUE = etree.XPath("string()")  # what lxml.html's text_content() computes


def looks_like_html(text: str) -> bool:
    """True for a .txt that is really an HTML page (many scrapers save pages as .txt)."""
    head = text[:4096]
    return bool(_LOOKS_HTML.search(head)) and head.count("<") >= 5


def html_to_text(markup: str) -> tuple[str, str]:
    """Return (title, text) of an HTML document or fragment."""
    if not markup.strip():
        return "", ""
    try:
        root = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, ValueError):
        root = None
    if root is None:  # not parseable, or no element at all ("Document is empty" for lxml.html)
        return "", _WS.sub(" ", _TAG.sub(" ", markup)).strip()
    title_el = root.find(".//title")
    title = _WS.sub(" ", _STRING_VALUE(title_el)).strip() if title_el is not None else ""
    for el in list(root.iter(*_DROP, "head")):
        _remove_keep_tail(el)
    out: list[str] = []
    _walk(root, out)
    lines = _WS.sub(" ", "".join(out)).split("\n")  # _WS never matches a newline
    return title, "\n".join(line for line in map(str.strip, lines) if line)


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def _walk(el, out: list[str]) -> None:
    _walk_inner(el, out)
    if el.tail:
        out.append(el.tail)


def _walk_inner(el, out: list[str]) -> None:
    tag = el.tag
    if not isinstance(tag, str):
        tag = ""
    if tag == "table":
        out.append("\n")
        out.extend(line + "\n" for line in _table_lines(el))
        return
    if tag == "br":
        out.append("\n")
        return
    block = tag in _BLOCK
    if block:
        out.append("\n")
    if text := el.text:
        out.append(text)
    for child in el:
        _walk_inner(child, out)  # _walk, inlined: this runs once per element
        if tail := child.tail:
            out.append(tail)
    if block or tag == "tr":
        out.append("\n")


def _cell_text(cell) -> str:
    if len(cell):
        parts: list[str] = []
        _walk_inner(cell, parts)
        text = "".join(parts)
    else:
        text = cell.text or ""  # what _walk_inner gives for a cell without children, quicker
    if text.isalnum():  # a number or a word: no space or pipe to normalise
        return text
    return _CELL_WS.sub(" ", text).strip().replace("|", "/")


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value), 200))
    except ValueError:
        return 1


def _table_lines(table) -> list[str]:
    """Rows of a table (nested tables are flattened into their cell), grid-aligned."""
    rows = table.iter("tr")
    if table.find(".//table") is not None:  # the rows of a nested table belong to its cell
        rows = [tr for tr in rows if _nearest_table(tr) is table]
    lines: list[str] = []
    spanned: set[tuple[int, int]] = set()  # (row, col) positions taken by a rowspan from above
    for r, tr in enumerate(rows):
        row: list[str] = []
        for cell in tr.iterchildren("td", "th"):
            _skip_spanned(row, r, spanned)
            col = len(row)
            colspan, rowspan = _span(cell.get("colspan")), _span(cell.get("rowspan"))
            row.append(_cell_text(cell))
            row.extend([""] * (colspan - 1))
            for dr in range(1, rowspan):
                spanned.update((r + dr, col + dc) for dc in range(colspan))
        _skip_spanned(row, r, spanned)
        # Rows are bounded by pipes ("| a | b |  |") so that an empty first or last cell survives.
        if any(row):
            lines.append("| " + CELL_SEP.join(row) + " |")
    return lines


def _skip_spanned(row: list[str], r: int, spanned: set[tuple[int, int]]) -> None:
    """Leave empty the positions a rowspan from above covers where the row goes on."""
    while spanned and (r, len(row)) in spanned:
        spanned.remove((r, len(row)))
        row.append("")


def _nearest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent
