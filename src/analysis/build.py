"""The build: raw folder → tidy tables in the output folder.

Load (discover files) → process each file in worker processes → mark
duplicates → assemble and validate the tables → publish them atomically.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from tqdm import tqdm

from . import __version__
from .cache import cache_dir
from .ingest import DocResult, discover, mark_duplicates, process_file
from .publish import Staging
from .checks import carry_over_checks
from .indicators import catalogue
from .keywords import by_group, keyness_table
from .similarity import similarities
from .themes import report_themes, themes_by_year
from .schema import (
    CHECKS, DOCUMENTS, HEADER_FIELDS, INDICATOR_LABELS, INDICATORS, KEYWORDS_BY_GROUP, KEYWORDS_KEYNESS, REPORT_THEMES,
    SECTIONS_TABLE, SIMILARITY, TEXTS, THEMES_BY_YEAR, TOKENS, conform, dictionary_frame,
)


@dataclass(frozen=True)
class Summary:
    n_files: int
    n_ok: int
    n_skipped: int
    n_error: int
    seconds: float
    out: Path
    n_cached: int = 0

    def line(self) -> str:
        return (
            f"build: {self.n_files} files: {self.n_ok} ok, {self.n_skipped} skipped, {self.n_error} errors "
            f"in {self.seconds:.1f} s ({self.n_cached} unchanged, from cache) → {self.out}"
        )


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_files(entries, jobs: int, progress: bool, cache: Path | None = None) -> list[DocResult]:
    bar = tqdm(total=len(entries), unit="file", desc="build", disable=not progress, file=sys.stderr, mininterval=0.5)
    results: list[DocResult] = []
    try:
        if jobs <= 1 or len(entries) < 8:
            for entry in entries:
                results.append(process_file(entry, cache))
                bar.update()
        else:
            chunk = max(1, min(64, len(entries) // (jobs * 8)))
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for res in pool.map(process_file, entries, [cache] * len(entries), chunksize=chunk):
                    results.append(res)
                    bar.update()
    finally:
        bar.close()
    return results


def tables(results: list[DocResult]) -> dict[str, pl.DataFrame]:
    """Assemble and validate every table from the per-file results."""
    docs = conform(DOCUMENTS, [r.row for r in results])
    texts = conform(TEXTS, [{"report_id": r.row["report_id"], "text": r.text} for r in results if r.text is not None])
    fields = conform(
        HEADER_FIELDS,
        [
            {"report_id": r.row["report_id"], "ordinal": i, "field": f, "label": label, "value": value}
            for r in results
            if r.text is not None
            for i, (f, label, value) in enumerate(r.header_fields)
        ],
    )
    sections = conform(
        SECTIONS_TABLE,
        [{"report_id": r.row["report_id"], **{k: v for k, v in vars(s).items()}} for r in results if r.text is not None for s in r.sections],
    )
    indicators = conform(
        INDICATORS,
        [{"report_id": r.row["report_id"], **vars(f)} for r in results if r.text is not None for f in r.figures],
    )
    checks = conform(
        CHECKS,
        [{"report_id": r.row["report_id"], **vars(c)} for r in results if r.text is not None for c in r.checks]
        + carry_over_checks(docs, indicators),
    )
    tokens = conform(
        TOKENS,
        [{"report_id": r.row["report_id"], "part": p, "token": t, "count": n} for r in results if r.text is not None for p, t, n in r.tokens],
    )
    ok_docs = docs.filter(pl.col("status") == "ok")
    themes = conform(REPORT_THEMES, report_themes(tokens))
    pi_texts = (
        sections.filter(pl.col("section").is_in(["problems", "improvements"]))
        .sort("report_id", "ordinal")
        .group_by("report_id", maintain_order=True)
        .agg(pl.col("text").str.join("\n"))
    )
    return {
        "documents": docs, "texts": texts, "header_fields": fields, "sections": sections,
        "indicators": indicators, "checks": checks, "tokens": tokens,
        "keywords_by_group": conform(KEYWORDS_BY_GROUP, by_group(tokens, ok_docs)),
        "keywords_keyness": conform(KEYWORDS_KEYNESS, keyness_table(tokens, ok_docs)),
        "report_themes": themes, "themes_by_year": conform(THEMES_BY_YEAR, themes_by_year(themes, ok_docs)),
        "similarity": conform(SIMILARITY, similarities(pi_texts, ok_docs)),
        "indicator_labels": conform(INDICATOR_LABELS, catalogue()), "data_dictionary": dictionary_frame(),
    }


def build(raw: Path, out: Path, jobs: int | None = None, progress: bool | None = None, use_cache: bool = True) -> Summary:
    """Rebuild every table in ``out`` from the files in ``raw``; never writes inside ``raw``."""
    start = time.perf_counter()
    raw, out = Path(raw), Path(out)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    if out.resolve() == raw.resolve() or raw.resolve() in out.resolve().parents:
        raise ValueError(f"output folder {out} must not be inside the raw folder {raw}")
    entries = discover(raw)
    progress = sys.stderr.isatty() if progress is None else progress
    cache = cache_dir(out) if use_cache else None
    results = run_files(entries, jobs or default_jobs(), progress, cache)
    n_cached = sum(bool(r.row.pop("from_cache", False)) for r in results)
    mark_duplicates(results)
    frames = tables(results)
    docs = frames["documents"]
    counts = {s: docs.filter(pl.col("status") == s).height for s in ("ok", "skipped", "error")}
    with Staging(out) as stage:
        for name, df in frames.items():
            stage.write_table(name, df)
        stage.write_json(
            "build.json",
            {"analysis_version": __version__, "raw": str(raw), "files": len(entries), "status_counts": counts,
             "tables": {name: df.height for name, df in frames.items()}},
        )
    return Summary(len(entries), counts["ok"], counts["skipped"], counts["error"], time.perf_counter() - start, out, n_cached)
