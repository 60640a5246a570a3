"""Write a build's tables so that readers only ever see a complete build.

All tables are written into a staging folder next to the output folder, then
the two folders are swapped in one step (Linux ``renameat2(RENAME_EXCHANGE)``);
where that call is missing, two renames with a recovery step are used. A build
killed at any moment leaves the previous outputs complete and consistent.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

# How every table is written: zstd at its fastest level, which at this data's sizes compresses as well as
# the default level in two thirds of the time; no column statistics (no reader here filters by them).
PARQUET = {"compression": "zstd", "compression_level": 1, "statistics": False}

def has_csv(table: str) -> bool:
    """Whether a build writes ``table`` as CSV too (the table's ``csv`` flag in the data dictionary)."""
    from .schema import TABLES

    return any(t.name == table and t.csv for t in TABLES)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the platform cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def recover(out: Path) -> None:
    """Finish a swap that was interrupted between its two renames (fallback path only)."""
    old = out.with_name(out.name + ".previous")
    if not out.exists() and old.exists():
        old.rename(out)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)


class Staging:
    """Context manager: a staging folder that replaces ``out`` on success."""

    def __init__(self, out: Path):
        self.out = out
        self.dir: Path | None = None

    def __enter__(self) -> "Staging":
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out)
        self.dir = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.staging-", dir=self.out.parent))
        umask = os.umask(0)
        os.umask(umask)
        self.dir.chmod(0o777 & ~umask)  # mkdtemp makes it private; the outputs are not
        return self

    def write_table(self, name: str, df: pl.DataFrame) -> None:
        """A table as one Parquet file, and a CSV copy when its definition asks for one (:func:`has_csv`)."""
        self.write_parquet(name, df)
        if has_csv(name):
            self.write_csv(name, df)

    def write_parquet(self, name: str, df: pl.DataFrame) -> None:
        assert self.dir is not None
        df.write_parquet(self.dir / f"{name}.parquet", **PARQUET)
        flush_to_disk(self.dir / f"{name}.parquet")

    def write_csv(self, name: str, df: pl.DataFrame) -> None:
        assert self.dir is not None
        df.write_csv(self.dir / f"{name}.csv")
        flush_to_disk(self.dir / f"{name}.csv")

    def write_part(self, table: str, part: str, df: pl.DataFrame) -> None:
        """One part of a table published as a folder of parts."""
        assert self.dir is not None
        folder = self.dir / table
        folder.mkdir(exist_ok=True)
        df.write_parquet(folder / f"{part}.parquet", **PARQUET)
        if has_csv(table):
            df.write_csv(folder / f"{part}.csv")

    def link_part(self, table: str, part: str, parquet: Path, csv: Path | None = None) -> None:
        """Publish stored files as a part: a hard link (instant, no space), or a copy where links are impossible.

        Stored files are never written again after they are made, so sharing them is safe. The CSV file
        is published only for a table that has CSV copies.
        """
        assert self.dir is not None
        folder = self.dir / table
        folder.mkdir(exist_ok=True)
        for src, ext in ((parquet, "parquet"), (csv, "csv")):
            if src is None or (ext == "csv" and not has_csv(table)):
                continue
            dst = folder / f"{part}.{ext}"
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)

    def ensure_part(self, table: str, schema: dict) -> None:
        """A partitioned table with no rows still gets one (empty) part, so readers find its columns."""
        assert self.dir is not None
        folder = self.dir / table
        if not any(folder.glob("*.parquet")):
            self.write_part(table, "part-empty", pl.DataFrame(schema=schema))

    def write_json(self, name: str, obj: object) -> None:
        assert self.dir is not None
        (self.dir / name).write_text(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.dir is not None
        if exc_type is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            return
        if (self.out / ".cache").is_dir() and not (self.dir / ".cache").exists():
            (self.out / ".cache").rename(self.dir / ".cache")  # the content-hash cache lives on with the outputs
        if self.out.exists():
            # Carry over files the build does not own (e.g. .gitkeep).
            for keep in self.out.glob(".*"):
                if keep.is_file() and not (self.dir / keep.name).exists():
                    shutil.copy2(keep, self.dir / keep.name)
        _fsync_files(self.dir)
        _fsync_dir(self.dir)
        if self.out.exists() and _exchange(self.dir, self.out):
            shutil.rmtree(self.dir, ignore_errors=True)
        elif self.out.exists():
            old = self.out.with_name(self.out.name + ".previous")
            self.out.rename(old)
            self.dir.rename(self.out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            self.dir.rename(self.out)
        _fsync_dir(self.out.parent)


def flush_to_disk(path: Path) -> None:
    """Write a file's data to disk now, in the thread that wrote it: the build's writers run beside its
    computations, so the disk works while they compute, and the last pass over the staged outputs (which
    must reach the disk before the swap) finds little left to write."""
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_files(path: Path) -> None:
    for child in path.iterdir():
        if child.is_file():
            with open(child, "rb") as fh:
                os.fsync(fh.fileno())
        elif child.is_dir() and not child.name.startswith("."):
            _fsync_files(child)
            _fsync_dir(child)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
