"""The files of a raw folder: listed in columns, each with its size and modification time, and its format
guessed from its name. Light on purpose: a rerun lists 100,000 files before anything else is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import polars as pl

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
