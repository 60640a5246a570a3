"""Benchmarks that print figures (not timed tests): `make bench`.

Sections:
  tokenizer  segmentation throughput of rjieba and jieba (the reference) on report text, in MB/s
  synthetic  build time and accuracy on generated corpora (benchmarks/generate.py) of each size
  build      full-build throughput on the shipped reports replicated N times, against the floor
             (read every file and run one regex over its text with as many processes), and the
             rebuild time after adding one report (unchanged files come from the content-hash cache)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analysis.aggregates import report_values  # noqa: E402
from analysis.build import build, default_jobs  # noqa: E402
from generate import generate  # noqa: E402
from analysis.clean import clean_text  # noqa: E402
from analysis.segment import segmenter  # noqa: E402


def sample_text(min_bytes: int) -> str:
    texts = [clean_text(p.read_text(encoding="utf-8")).text for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    text = "\n".join(texts)
    reps = max(1, min_bytes // len(text.encode()) + 1)
    return "\n".join([text] * reps)


def bench_tokenizer(mb: float) -> None:
    text = sample_text(int(mb * 1e6))
    size = len(text.encode()) / 1e6
    print(f"tokenizer: {size:.1f} MB of report text")
    for engine in ("rjieba", "jieba"):
        try:
            name, cut = segmenter(engine)
        except ImportError:
            print(f"  {engine:7s} not installed")
            continue
        cut("预热")
        start = time.perf_counter()
        cut(text)
        secs = time.perf_counter() - start
        print(f"  {name:7s} {size / secs:7.2f} MB/s  ({secs:.2f} s)")


def _floor_one(path: str) -> int:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    return len(re.findall(r"政府信息公开", text))


def floor(raw: Path, jobs: int) -> float:
    files = [str(p) for p in raw.rglob("*") if p.is_file()]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_floor_one, files, chunksize=64))
    return time.perf_counter() - start


def bench_build(copies: int, jobs: int) -> None:
    seeds = sorted((ROOT / "data" / "raw").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        n = 0
        for i in range(copies):
            for p in seeds:
                # A distinct report per copy: same text with a marker line, so duplicates are not skipped.
                (raw / f"{i:05d}_{p.name}").write_bytes(p.read_bytes() + f"\n(副本{i})".encode())
                n += 1
        size = sum(p.stat().st_size for p in raw.iterdir()) / 1e6
        f = floor(raw, jobs)
        start = time.perf_counter()
        summary = build(raw, Path(tmp) / "out", jobs=jobs, progress=False)
        secs = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"build: {n} reports, {size:.1f} MB, {jobs} jobs")
        print(f"  build {secs:7.2f} s  {n / secs:8.1f} reports/s  {size / secs:6.2f} MB/s  ({summary.n_ok} ok)")
        print(f"  floor {f:7.2f} s  (read + decode + one regex)   build/floor = {secs / f:.1f}")
        print(f"  peak RSS: main {rss:.0f} MB, largest worker {rss_children:.0f} MB")
        (raw / "new_report.txt").write_bytes(seeds[0].read_bytes() + "\n(新增)".encode())
        start = time.perf_counter()
        again = build(raw, Path(tmp) / "out", jobs=jobs, progress=False)
        print(f"  rebuild after adding one report: {time.perf_counter() - start:.2f} s ({again.n_cached} files from the cache)")


def accuracy(out: Path, truth: Path) -> dict[str, float]:
    """Share of true values the build got right, per field (metadata) and over all stated figures."""
    import json

    import polars as pl

    docs = pl.read_parquet(out / "documents.parquet")
    values = report_values(pl.read_parquet(out / "indicators.parquet"))
    by_path = {r["source_path"]: r for r in docs.iter_rows(named=True)}
    got_values = {(r["report_id"], r["indicator"]): r["value"] for r in values.iter_rows(named=True)}
    right: dict[str, list[bool]] = {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        row = by_path.get(t["file"], {})
        for field in ("jurisdiction", "province", "year", "template"):
            right.setdefault(field, []).append(row.get(field) == t[field])
        for name, value in t["indicators"].items():
            right.setdefault("figures", []).append(got_values.get((row.get("report_id"), name)) == value)
    return {k: sum(v) / len(v) for k, v in right.items()}


def bench_synthetic(sizes: list[int], jobs: int) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-syn-") as tmp:
            raw, truth = Path(tmp) / "raw", Path(tmp) / "truth.jsonl"
            generate(n, raw, truth)
            size = sum(p.stat().st_size for p in raw.rglob("*") if p.is_file()) / 1e6
            f = floor(raw, jobs)
            start = time.perf_counter()
            build(raw, Path(tmp) / "out", jobs=jobs, progress=False)
            secs = time.perf_counter() - start
            acc = accuracy(Path(tmp) / "out", truth)
            print(f"synthetic: {n} reports, {size:.1f} MB: build {secs:.2f} s ({n / secs:.0f} reports/s), floor {f:.2f} s, build/floor {secs / f:.1f}")
            print("  accuracy: " + ", ".join(f"{k} {v:.1%}" for k, v in acc.items()))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tokenizer-mb", type=float, default=5.0, help="MB of text to segment (default 5)")
    p.add_argument("--copies", type=int, default=200, help="copies of the shipped reports for the build benchmark (default 200)")
    p.add_argument("--jobs", type=int, default=default_jobs())
    p.add_argument("--only", choices=("tokenizer", "build", "synthetic"))
    p.add_argument("--sizes", default="1000,10000", help="synthetic corpus sizes (default 1000,10000)")
    args = p.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.only in (None, "tokenizer"):
        bench_tokenizer(args.tokenizer_mb)
    if args.only in (None, "build"):
        bench_build(args.copies, args.jobs)
    if args.only in (None, "synthetic"):
        bench_synthetic([int(x) for x in args.sizes.split(",")], args.jobs)


if __name__ == "__main__":
    main()
