"""What a rerun must do: which files are unchanged since the last build (same path, size and modification
time, as git does), which stored batches are copied without some of their files, which files are new and in
which batches they are processed, and when small batches (left by many small reruns) are merged.

The build's store holds a manifest (where each file's rows are stored, with the SHA-256 of its bytes) and a
folder per batch of results (:mod:`analysis.batches`). Files moved, renamed or copied are found by their
bytes and their rows reused.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
from pathlib import Path

import polars as pl

from .listing import MAX_BYTES, Entry, _format_from_name, entries_of

BATCH_FILES = 1000  # most files per batch: a batch is also one part of each published per-report table
MIN_BATCH = 50  # a corpus smaller than this is one batch
SMALL_BATCH = 100  # batches below this size are merged once there are more than MAX_SMALL of them
MAX_SMALL = 16
MANIFEST = "manifest.parquet"
MANIFEST_SCHEMA = {"source_path": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "batch": pl.String, "sha256": pl.String}
PLACED_SCHEMA = {k: v for k, v in MANIFEST_SCHEMA.items() if k != "sha256"}  # where each file's rows are stored


# ------------------------------------------------------------------ store ---


def read_manifest(store: Path) -> pl.DataFrame:
    path = store / MANIFEST
    try:
        df = pl.read_parquet(path)
        if dict(df.schema) == MANIFEST_SCHEMA and all((store / "batches" / b).is_dir() for b in df["batch"].unique().to_list()):
            return df
    except (OSError, pl.exceptions.PolarsError):
        pass
    return pl.DataFrame(schema=MANIFEST_SCHEMA)


def write_manifest(store: Path, df: pl.DataFrame) -> None:
    tmp = store / f".tmp-{MANIFEST}"
    df.write_parquet(tmp)
    os.replace(tmp, store / MANIFEST)


def batch_ids(store: Path):
    n = 0
    for p in (store / "batches").glob("b*"):
        if p.name[1:].isdigit():
            n = max(n, int(p.name[1:]) + 1)
    while True:
        yield f"b{n:06d}"
        n += 1


def collect_garbage(store: Path, live: set[str]) -> None:
    """Remove batch folders no manifest refers to (left by an interrupted or superseded build)."""
    for p in (store / "batches").glob("*"):
        if p.name not in live:
            shutil.rmtree(p, ignore_errors=True)


# ------------------------------------------------------------------- plan ---


def plan(listing: pl.DataFrame, manifest: pl.DataFrame, store: Path, jobs: int):
    """(kept manifest rows, batches to copy without some files, new batches to process, the batch id generator),
    from the files found (:func:`analysis.listing.list_files`).

    A file is unchanged when its path, size and modification time are those of the manifest (as git does).
    """
    found = listing.select("source_path", pl.col("size").alias("size_now"), pl.col("mtime_ns").alias("mtime_now"),
                           pl.col("problem_status").is_null().alias("readable"))
    same = (found.join(manifest, on="source_path", how="inner")
            .filter(pl.col("readable") & (pl.col("size") == pl.col("size_now")) & (pl.col("mtime_ns") == pl.col("mtime_now"))
                    & (pl.col("size") >= 0)))
    # Entries (Python objects) only for the files to process: the listing is already in path order.
    todo = entries_of(listing.join(same.select("source_path"), on="source_path", how="anti", maintain_order="left"))
    ids = batch_ids(store)
    # A batch some of whose files are gone or changed is copied without them (the old one stays until publishing).
    sizes = manifest.group_by("batch").len()
    staying = same.group_by("batch").agg(pl.col("source_path"))
    renamed: dict[str, str] = {}
    filters = []
    for batch, n, stay in sizes.join(staying, on="batch").sort("batch").select("batch", "len", "source_path").iter_rows():
        if len(stay) < n:
            renamed[batch] = next(ids)
            filters.append((batch, renamed[batch], set(stay)))
    # Frames, not lists of tuples: a Python object per file costs a second at 100,000 files.
    kept = same.select("source_path", "size", "mtime_ns", pl.col("batch").replace(renamed) if renamed else pl.col("batch"))
    todo, reused = _known_content(todo, manifest, store, ids)
    if reused:
        kept = pl.concat([kept, pl.DataFrame(reused, schema=PLACED_SCHEMA, orient="row")])
    # The batch size depends on the corpus, not on --jobs, so the published parts are the same with any --jobs.
    size = min(BATCH_FILES, max(MIN_BATCH, math.ceil(len(todo) / 8)))
    new = [(next(ids), todo[i : i + size]) for i in range(0, len(todo), size)]
    return kept, filters, new, ids


def _known_content(todo: list[Entry], manifest: pl.DataFrame, store: Path, ids):
    """Files whose bytes the store already holds (moved, renamed or copied): their rows are reused, not recomputed."""
    if manifest.is_empty() or not todo:
        return todo, []
    # Only a file of a known size can hold known bytes: others are not read here.
    sizes_now = list({e.size for e in todo})
    maybe = manifest.filter(pl.col("size").is_in(sizes_now) & pl.col("sha256").is_not_null())
    known = {sha: (path, batch) for path, _, _, batch, sha in maybe.iter_rows() if sha}
    sizes = set(maybe["size"].to_list())
    rest, items, rows = [], [], []
    for e in todo:
        hit = None
        if e.problem is None and 0 < e.size <= MAX_BYTES and e.size in sizes:
            try:
                hit = known.get(hashlib.sha256(Path(e.path).read_bytes()).hexdigest())
            except OSError:
                hit = None
        if hit and _format_from_name(hit[0]) == _format_from_name(e.rel) and Path(hit[0]).suffix.lower() == Path(e.rel).suffix.lower():
            items.append((store / "batches" / hit[1], hit[0], e.rel))
            rows.append((e.rel, e.size, e.mtime_ns))
        else:
            rest.append(e)
    if not items:
        return todo, []
    batch = next(ids)
    from .batches import copy_reports

    copy_reports(items, store / "batches" / batch)
    return rest, [(p, s, m, batch) for p, s, m in rows]


def compact(store: Path, rows: pl.DataFrame, ids) -> pl.DataFrame:
    """Merge small batches (left by many small reruns) once there are too many of them."""
    counts = rows.group_by("batch").len()
    small = sorted(counts.filter(pl.col("len") < SMALL_BATCH)["batch"].to_list())
    if len(small) <= MAX_SMALL:
        return rows
    merged = next(ids)
    from .batches import merge_batches

    merge_batches([store / "batches" / b for b in small], store / "batches" / merged)
    return rows.with_columns(pl.when(pl.col("batch").is_in(small)).then(pl.lit(merged)).otherwise(pl.col("batch")).alias("batch"))
