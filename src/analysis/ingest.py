"""Find the files under the raw folder and turn each into one documents row.

:func:`discover` lists every entry (never following a link out of the raw
folder); :func:`process_file` reads one file and hands its bytes to the pure
:func:`process_bytes`, which decides the status and produces the clean text.
Nothing here raises for a bad file: every failure becomes a status and a reason.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import NamedTuple
from pathlib import Path, PurePosixPath

import polars as pl

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

TEXT_EXT = {".txt", ".text", ".md", ""}
CONVERTED_EXT = {".pdf": "pdf", ".docx": "word"}  # read through analysis.convert
HTML_EXT = {".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php"}
UNSUPPORTED = {
    ".doc": ("word", "legacy Word document (.doc, binary): not readable here; save it as .docx, .txt or .html"),
    ".wps": ("word", "WPS document (binary): not readable here; save it as .docx, .txt or .html"),
    ".rtf": ("word", "RTF documents are not supported: save as .txt or .html"),
    ".xls": ("spreadsheet", "spreadsheets are not reports: not processed"),
    ".xlsx": ("spreadsheet", "spreadsheets are not reports: not processed"),
    ".jpg": ("image", "images are not supported (no OCR)"),
    ".jpeg": ("image", "images are not supported (no OCR)"),
    ".png": ("image", "images are not supported (no OCR)"),
    ".gif": ("image", "images are not supported (no OCR)"),
    ".zip": ("archive", "archives are not unpacked: extract the reports into the raw folder"),
    ".rar": ("archive", "archives are not unpacked: extract the reports into the raw folder"),
    ".7z": ("archive", "archives are not unpacked: extract the reports into the raw folder"),
    ".gz": ("archive", "archives are not unpacked: extract the reports into the raw folder"),
}
SIDECAR_EXT = {".csv", ".tsv", ".json", ".yaml", ".yml", ".xml", ".parquet"}
SIDECAR_NAMES = {"sources.csv", "readme", "readme.md", "readme.txt", "license", "manifest.json"}
MIN_REPORT_CHARS = 20
MAX_BYTES = 20_000_000  # a report page is at most a few hundred kB; bigger files are concatenations or junk


class Entry(NamedTuple):
    """A file found under the raw folder; ``problem`` is set when it must not be read.

    A named tuple, not a dataclass: a build of 100,000 files makes 100,000 of them on every rerun.
    """

    rel: str
    path: str  # absolute path
    problem: tuple[str, str, str] | None = None  # (status, format, reason)
    size: int = -1  # from stat(), with the modification time: how a rerun tells an unchanged file (as git does)
    mtime_ns: int = -1


@dataclass
class DocResult:
    row: dict
    text: str | None = None
    header_fields: list[tuple[str, str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    tokens: list[tuple[str, str, int]] = field(default_factory=list)


LISTING_SCHEMA = {"source_path": pl.String, "path": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64,
                  "problem_status": pl.String, "problem_format": pl.String, "problem_reason": pl.String,
                  "path_bytes": pl.Binary}  # the real path, for the rare name that is not UTF-8 (null for the others)


_SCAN_BY_FD = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")  # POSIX


def list_files(raw: Path) -> pl.DataFrame:
    """Every file under ``raw`` (recursive), one row each, sorted by its path under ``raw`` (``source_path``):
    its absolute ``path``, ``size`` and ``mtime_ns`` (-1 when it cannot be read) and, for a file that must not be
    read (a link out of ``raw``, a broken link), the ``problem_*`` it gets instead. Links are never followed out of ``raw``.

    One ``scandir`` per folder and one ``stat`` per file, gathered in columns: a rerun over 100,000 files makes
    no Python object per file beyond its strings.
    """
    raw = raw.resolve()
    rels: list[str] = []
    paths: list[str] = []
    sizes: list[int] = []
    mtimes: list[int] = []
    problems: dict[int, tuple[str, str, str]] = {}
    stack = [(str(raw), "")]
    while stack:
        folder, prefix = stack.pop()
        # A folder opened once and listed by its descriptor: each stat then looks up a name in it, not the
        # whole path again (a sixth of the listing's time).
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY) if _SCAN_BY_FD else None
        except OSError:
            continue
        try:
            listing = os.scandir(fd if fd is not None else folder)
        except OSError:
            if fd is not None:
                os.close(fd)
            continue
        try:
            with listing as it:
                for item in it:
                    path = folder + os.sep + item.name
                    if item.is_symlink():
                        problem = _link_problem(Path(path), raw)
                        if problem:
                            problems[len(rels)] = problem
                    elif item.is_dir(follow_symlinks=False):
                        stack.append((path, prefix + item.name + "/"))
                        continue
                    try:
                        st = item.stat()  # follows a link inside the raw folder: the file that is read
                        sizes.append(st.st_size)
                        mtimes.append(st.st_mtime_ns)
                    except OSError:
                        sizes.append(-1)
                        mtimes.append(-1)
                    rels.append(prefix + item.name)
                    paths.append(path)
        except OSError:
            pass
        finally:
            if fd is not None:
                os.close(fd)
    cols: dict[str, list] = {"source_path": rels, "path": paths, "size": sizes, "mtime_ns": mtimes}
    for k, name in enumerate(("problem_status", "problem_format", "problem_reason")):
        cols[name] = [None] * len(rels)
        for i, problem in problems.items():
            cols[name][i] = problem[k]
    cols["path_bytes"] = [None] * len(rels)
    try:
        return pl.DataFrame(cols, schema=LISTING_SCHEMA).sort("source_path")
    except UnicodeEncodeError:  # a name that is not UTF-8 (a GBK name unpacked from a Windows archive): see _readable_names
        return pl.DataFrame(_readable_names(cols), schema=LISTING_SCHEMA).sort("source_path")


def _readable_names(cols: dict[str, list]) -> dict[str, list]:
    """The listing with each name that is not valid UTF-8 written with \\x escapes of its bytes (年度.txt in GBK:
    ``\\xc4\\xea\\xb6\\xc8.txt``), the file being read from its real path (kept as bytes, ``path_bytes``)."""
    out = dict(cols)
    out["source_path"], out["path"], out["path_bytes"] = [], [], [None] * len(cols["source_path"])
    for i, (rel, path) in enumerate(zip(cols["source_path"], cols["path"])):
        try:
            rel.encode("utf-8")
            path.encode("utf-8")
        except UnicodeEncodeError:
            out["path_bytes"][i] = os.fsencode(path)
            rel, path = (os.fsencode(x).decode("utf-8", "backslashreplace") for x in (rel, path))
        out["source_path"].append(rel)
        out["path"].append(path)
    return out


def entries_of(listing: pl.DataFrame) -> list[Entry]:
    """The rows of :func:`list_files` as entries, in order."""
    return [Entry(rel, os.fsdecode(raw) if raw is not None else path, (ps, pf, pr) if ps is not None else None, size, mtime)
            for rel, path, size, mtime, ps, pf, pr, raw in listing.select(list(LISTING_SCHEMA)).iter_rows()]


def discover(raw: Path) -> list[Entry]:
    """Every file under ``raw`` (recursive, sorted by path) as an entry: :func:`list_files`."""
    return entries_of(list_files(raw))


def _link_problem(path: Path, raw: Path) -> tuple[str, str, str] | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return ("error", "unknown", "broken symbolic link")
    if target.is_dir():
        return ("skipped", "unknown", "symbolic link to a directory: not followed")
    if raw not in target.parents:
        return ("skipped", "unknown", "symbolic link pointing outside the raw folder: not followed")
    return None


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


def _format_from_name(rel: str) -> str:
    name = PurePosixPath(rel).name
    ext = PurePosixPath(name.lower()).suffix
    if name.startswith("."):
        return "hidden"
    if name.lower() in SIDECAR_NAMES or ext in SIDECAR_EXT:
        return "sidecar"
    if ext in UNSUPPORTED:
        return UNSUPPORTED[ext][0]
    if ext in CONVERTED_EXT:
        return CONVERTED_EXT[ext]
    if ext in HTML_EXT:
        return "html"
    if ext in TEXT_EXT:
        return "text"
    return "unknown"


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
