"""Turn each file of the raw folder into one documents row.

:func:`process_file` reads one file (listed by :mod:`analysis.listing`, never following a link out of the
raw folder) and hands its bytes to the pure :func:`process_bytes`, which decides the status and produces
the clean text. Nothing here raises for a bad file: every failure becomes a status and a reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .clean import clean_text
from .convert import NotConvertible, docx_to_text, pdf_to_text, sniff
from .decode import Decoded, NotText, decode_bytes
from .html import html_to_text, looks_like_html
from .checks import Check, check_report
from .figures import Figure
from .genre import report_verdict
from .indicators import extract_figures
from .keywords import place_words, report_tokens
from .metadata import Metadata, extract
from .sections import Section, split_sections
from .listing import (  # noqa: F401  (re-exported: the file listing was part of this module)
    CONVERTED_EXT, HTML_EXT, LISTING_SCHEMA, MAX_BYTES, SIDECAR_EXT, SIDECAR_NAMES, TEXT_EXT, UNSUPPORTED, Entry,
    _format_from_name, discover, entries_of, list_files,
)

MIN_REPORT_CHARS = 20


@dataclass
class DocResult:
    row: dict
    text: str | None = None
    header_fields: list[tuple[str, str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    tokens: list[tuple[str, str, int]] = field(default_factory=list)


def process_file(entry: Entry) -> DocResult:
    """Read one file (the only I/O), then process its bytes."""
    if entry.problem:
        status, fmt, reason = entry.problem
        return DocResult(_row(entry.rel, status=status, format=fmt, reason=reason))
    try:
        data = Path(entry.path).read_bytes()
    except OSError as exc:
        return DocResult(_row(entry.rel, status="error", format=_format_from_name(entry.rel), reason=f"cannot read file: {exc.strerror or exc}"))
    return process_bytes(data, entry.rel)


def process_bytes(data: bytes, rel: str) -> DocResult:
    """Pure: the documents row, clean text and header fields for one file's bytes."""
    digest = hashlib.sha256(data).hexdigest()
    base = {"report_id": digest[:16], "sha256": digest, "file_bytes": len(data)}
    fmt = _format_from_name(rel)
    ext = PurePosixPath(rel.lower()).suffix
    if fmt == "hidden":
        return DocResult(_row(rel, status="skipped", format=fmt, reason="hidden file (name starts with a dot)", **base))
    if fmt == "sidecar":
        return DocResult(_row(rel, status="skipped", format=fmt, reason=f"not a report: metadata or data file ({ext or PurePosixPath(rel).name})", **base))
    if not data:
        return DocResult(_row(rel, status="error", format=fmt, reason="empty file (0 bytes)", **base))
    kind = sniff(data)  # the bytes decide: a PDF saved as .html is still a PDF, a .doc may be a .docx
    if kind == "ole" and fmt in {"word", "text", "html", "unknown"}:
        reason = UNSUPPORTED[ext][1] if ext in (".doc", ".wps") else "legacy binary Office document (OLE: .doc/.wps/.xls): not readable here; save it as .docx, .txt or .html"
        return DocResult(_row(rel, status="skipped", format="word", reason=reason, **base))
    if fmt in {"spreadsheet", "image", "archive"} or (fmt == "word" and kind is None):
        reason = UNSUPPORTED[ext][1] if ext in UNSUPPORTED else "not a Word document (.docx) despite its name: cannot be read"
        return DocResult(_row(rel, status="skipped" if ext in UNSUPPORTED else "error", format=fmt, reason=reason, **base))
    if len(data) > MAX_BYTES:
        return DocResult(_row(rel, status="skipped", format=fmt,
                              reason=f"file too large ({len(data) / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB): not read as a single report", **base))
    converted = None
    if kind in ("pdf", "docx"):
        fmt = "pdf" if kind == "pdf" else "word"
        try:
            converted = pdf_to_text(data) if kind == "pdf" else docx_to_text(data)
        except NotConvertible as exc:
            return DocResult(_row(rel, status=exc.status, format=fmt, reason=exc.reason, **base))
        text = converted.text
        decoded = Decoded(text, "pdf text layer" if kind == "pdf" else "docx (XML)", 0)
    elif fmt == "pdf":
        return DocResult(_row(rel, status="error", format=fmt, reason="not a PDF despite its name (no %PDF- header): cannot be read", **base))
    else:
        try:
            decoded = decode_bytes(data, html_hint=fmt == "html")
        except NotText as exc:
            return DocResult(_row(rel, status="error", format=fmt, reason=str(exc), **base))
        text = decoded.text
    is_html = converted is None and (fmt == "html" or looks_like_html(text))
    html_title = ""
    if is_html:
        html_title, text = html_to_text(text)
        fmt = "html"
    cleaned = clean_text(text)
    html_title = cleaned.in_text_script(html_title)  # a traditional page's <title> in the clean text's script
    fields = ([("html_title", "<title>", html_title)] if html_title else []) + cleaned.header.fields
    notes = []
    if converted is not None:
        pages = f"{converted.n_pages} pages, " if converted.n_pages is not None else ""
        dropped = f", {converted.n_dropped_lines} running heads/feet and page numbers dropped" if converted.n_dropped_lines else ""
        notes.append(f"converted from {converted.kind.upper()}: {pages}{converted.n_tables} tables{dropped}")
    if decoded.n_replaced:
        notes.append(f"{decoded.n_replaced} undecodable characters replaced by U+FFFD")
    if cleaned.n_mojibake:
        notes.append(f"{cleaned.n_mojibake} runs of lost characters (?? or U+FFFD) in the source")
    row = _row(
        rel,
        status="ok",
        format=fmt,
        reason="; ".join(notes) or None,
        encoding=decoded.encoding,
        script=cleaned.script,
        traditional_share=cleaned.traditional_share,
        n_chars=len(cleaned.text),
        text_sha256=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        n_decode_errors=decoded.n_replaced,
        n_mojibake=cleaned.n_mojibake,
        n_pinyin_removed=cleaned.n_pinyin_removed,
        n_boilerplate_removed=cleaned.n_boilerplate_removed,
        n_header_fields=len(fields),
        is_html=is_html,
        **base,
    )
    if len(cleaned.text) < MIN_REPORT_CHARS:
        row["status"] = "error"
        row["reason"] = f"no report text: only {len(cleaned.text)} characters left after cleaning"
        return DocResult(row)
    first = {}
    for f, _, value in fields:
        if value and f not in first:
            first[f] = value
    row.update(vars(extract(cleaned.text, first)))
    sections = split_sections(cleaned.text)
    verdict = report_verdict(cleaned.text, sections, row["title"])
    if verdict:
        row["status"], row["reason"] = "skipped", verdict
        return DocResult(row)
    figures = extract_figures(cleaned.text, sections, row["template"])
    places = place_words(row["jurisdiction"], row["county"], row["prefecture"], row["province"])
    return DocResult(row, cleaned.text, fields, sections, figures, check_report(figures, row["template"]), report_tokens(sections, places))


def _row(rel: str, **values) -> dict:
    row = {
        "source_path": rel,
        "report_id": None,
        "status": None,
        "reason": None,
        "format": "unknown",
        "file_bytes": None,
        "sha256": None,
        "encoding": None,
        "script": None,
        "traditional_share": None,
        "n_chars": None,
        "text_sha256": None,
        "duplicate_of": None,
        "n_decode_errors": None,
        "n_mojibake": None,
        "n_pinyin_removed": None,
        "n_boilerplate_removed": None,
        "n_header_fields": None,
        "is_html": None,
        **vars(Metadata()),
    }
    row.update(values)
    row["has_decode_errors"] = None if row["n_decode_errors"] is None else row["n_decode_errors"] > 0
    row["has_mojibake"] = None if row["n_mojibake"] is None else row["n_mojibake"] > 0
    return row
