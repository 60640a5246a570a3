"""Benchmarks that print figures (not timed tests): `make bench`.

Sections:
  tokenizer  segmentation throughput of rjieba and jieba (the reference) on report text, in MB/s
  scale      for each corpus (--corpus: "synthetic", benchmarks/generate.py, and "real", benchmarks/realbased.py:
             real reports replicated with places, years, figures and wording changed, near-copies included)
             and each size (default 1,000 / 10,000 / 100,000 generated reports; --real-sizes for the real corpus):
             the floor (with as many processes as the build: read and decode every file and run one
             compiled regex over its text), a full build (`analysis build` in a subprocess: time,
             reports/s, MB/s, peak memory of the whole process tree, build/floor), accuracy against
             the generator's truth, the time to update the tables after adding one report, and the
             site's render time and page size
  stages     where a worker's time goes: milliseconds of one core per report for each extraction
             step, building the batch's tables and writing them (generated reports, one process)
  seeds      full build of the shipped real reports replicated N times, against the floor

Peak memory is sampled from /proc every 50 ms over the build's process tree (main process,
fork server and workers): the sum at the worst moment, and the main process alone.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analysis.build import default_jobs  # noqa: E402
from analysis.clean import clean_text  # noqa: E402
from analysis.segment import segmenter  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


# ------------------------------------------------------------ tokenizer ---


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


# ---------------------------------------------------------------- floor ---

_FLOOR_RE = re.compile(r"政府信息公开")


def _floor_chunk(paths: list[str]) -> int:
    n = 0
    for path in paths:
        data = Path(path).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        n += len(_FLOOR_RE.findall(text))
    return n


def floor(raw: Path, jobs: int) -> float:
    """Read and decode every file and run one compiled regex over its text, with ``jobs`` processes."""
    files = sorted(str(p) for p in raw.rglob("*") if p.is_file())
    chunks = [files[i : i + 500] for i in range(0, len(files), 500)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_floor_chunk, chunks))
    return time.perf_counter() - start


# ------------------------------------------------------- process memory ---


def _tree_rss(root_pid: int) -> tuple[int, int]:
    """(sum of RSS over the process tree, RSS of the root) in bytes, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            parents[int(d)] = int(fields[1])
            rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree), rss.get(root_pid, 0)


def run_measured(cmd: list[str]) -> tuple[float, int, int, str]:
    """Run a command; (seconds, peak tree RSS, peak main RSS, stdout+stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV, cwd=ROOT)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                tree, main = _tree_rss(proc.pid)
                peak[0], peak[1] = max(peak[0], tree), max(peak[1], main)
            except OSError:
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    output = proc.communicate()[0].decode("utf-8", errors="replace")
    secs = time.perf_counter() - start
    done.set()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{output[-2000:]}")
    return secs, peak[0], peak[1], output


# ---------------------------------------------------------------- scale ---


def accuracy(out: Path, truth: Path) -> dict[str, float]:
    """Share of true values the build got right, per field (metadata) and over all stated figures."""
    from analysis import tables
    from analysis.aggregates import report_values

    docs = tables.load("documents", out).select("source_path", "report_id", "jurisdiction", "province", "year", "template")
    got = report_values(tables.scan("indicators", out).select("report_id", "indicator", "value", "value_kind", "breakdown", "source").collect())
    by_path = {r["source_path"]: r for r in docs.iter_rows(named=True)}
    got_values = {(r, i): v for r, i, v in got.iter_rows()}
    right: dict[str, list[bool]] = {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        row = by_path.get(t["file"], {})
        for field in ("jurisdiction", "province", "year", "template"):
            right.setdefault(field, []).append(row.get(field) == t[field])
        for name, value in t["indicators"].items():
            right.setdefault("figures", []).append(got_values.get((row.get("report_id"), name)) == value)
    return {k: sum(v) / len(v) for k, v in right.items()}


def accuracy_real(out: Path, truth: Path) -> dict[str, float]:
    """Share of the known values (jurisdiction, province, year, template) the build got right (benchmarks/realbased.py)."""
    from analysis import tables

    docs = tables.load("documents", out).select("source_path", "jurisdiction", "province", "year", "template")
    by_path = {r["source_path"]: r for r in docs.iter_rows(named=True)}
    right: dict[str, list[bool]] = {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        row = by_path.get(t["file"], {})
        for field in ("jurisdiction", "province", "year", "template"):
            if t[field] is not None:
                right.setdefault(field, []).append(row.get(field) == t[field])
    sims = tables.load("similarity", out)
    near = {"near-copy of previous": sims["is_near_copy_of_previous"].mean() or 0.0, "near-copy of other": sims["is_near_copy_of_other"].mean() or 0.0}
    return {**{k: sum(v) / len(v) for k, v in right.items()}, **near}


def _du(path: Path, pattern: str = "*") -> float:
    """MB of the files under ``path`` matching ``pattern``, a file hard-linked several times counted once
    (published parts are links to the store's files, as ``du`` counts them)."""
    sizes = {}
    for p in path.rglob(pattern):
        if p.is_file():
            st = p.stat()
            sizes[(st.st_dev, st.st_ino)] = st.st_size
    return sum(sizes.values()) / 1e6


def bench_scale(n: int, jobs: int, work: Path, keep: bool, corpus: str = "synthetic", site_too: bool = True) -> None:
    if corpus == "real":
        from realbased import generate  # noqa: E402  (benchmarks/ is on the path)
    else:
        from generate import generate  # noqa: E402

    raw, truth, out, site = work / "raw", work / "truth.jsonl", work / "out", work / "site"
    start = time.perf_counter()
    generate(n, raw, truth, jobs=jobs)
    gen_secs = time.perf_counter() - start
    size = _du(raw)
    print(f"scale ({corpus}): {n} generated reports, {size:,.0f} MB ({size / n * 1e3:.1f} kB per report), generated in {gen_secs:.1f} s")
    f = floor(raw, jobs)
    cmd = [PY, "-m", "analysis", "build", "--raw", str(raw), "--out", str(out), "--jobs", str(jobs), "--no-progress"]
    secs, tree, main, _ = run_measured(cmd)
    print(f"  floor  {f:8.2f} s  (read + decode + one regex, {jobs} processes)")
    print(f"  build  {secs:8.2f} s  {n / secs:8.0f} reports/s  {size / secs:6.1f} MB/s  build/floor = {secs / f:.1f}")
    print(f"  peak memory: {tree / 2**20:,.0f} MB (whole process tree), main process {main / 2**20:,.0f} MB")
    parquet, csv, everything = _du(out, "*.parquet"), _du(out, "*.csv"), _du(out)
    print(f"  outputs: {parquet:,.0f} MB Parquet, {csv:,.0f} MB CSV; the output folder with its store: {everything:,.0f} MB "
          f"({everything / parquet:.2f} x the Parquet)")
    acc = accuracy_real(out, truth) if corpus == "real" else accuracy(out, truth)
    print("  accuracy: " + ", ".join(f"{k} {v:.1%}" for k, v in acc.items()))
    # One more report, as a researcher adds one: the same command again. Three times, one report each: the
    # first comes straight after the full build, whose outputs may have pushed the store out of the page cache.
    extra = work / "extra"
    generate(3, extra, work / "extra.jsonl", seed=n + 7)
    times, steps = [], []
    for k, new in enumerate(sorted(p for p in extra.rglob("*") if p.is_file())):
        shutil.copyfile(new, raw / f"added-{time.time_ns()}{new.suffix}")  # a new name and a new modification time
        secs1, tree1, _, output = run_measured(cmd + ["--timings"])
        times.append(secs1)
        steps.append(_timings(output))
        line = output.strip().splitlines()[-1]
        if f"({n + k} unchanged" not in output:
            print(f"  (warning: added report {k + 1} was not new to the build)")
        line = next((x for x in output.splitlines() if x.startswith("build:")), line)
    print(f"  add one report and rebuild, three times: {', '.join(f'{t:.2f}' for t in times)} s, median {sorted(times)[1]:.2f} s "
          f"(whole command; peak memory {tree1 / 2**20:,.0f} MB); the last: {line}")
    for name in steps[0]:
        if max(s.get(name, 0.0) for s in steps) >= 0.05:
            print(f"    {name:34s} " + ", ".join(f"{s.get(name, 0.0):.2f}" for s in steps) + " s")
    secs2, _, _, output = run_measured(cmd)
    print(f"  rebuild with nothing changed: {secs2:.2f} s")
    if not site_too:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    secs3, _, _, output = run_measured([PY, "-m", "analysis", "site", "--data", str(out), "--out", str(site), "--renderer", "fallback"])
    pages = sorted(p for p in site.rglob("*.html") if "data" not in p.relative_to(site).parts)
    print(f"  site: {secs3:.1f} s to render {len(pages)} pages, {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB of pages "
          f"(largest {max((p.stat().st_size for p in pages), default=0) / 1e6:.1f} MB)")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)


def _timings(output: str) -> dict[str, float]:
    """The steps of ``analysis build --timings`` (lines "  <step>   <seconds> s")."""
    found = {}
    for m in re.finditer(r"(?m)^  (\S.*?)\s+(\d+\.\d+) s$", output):
        found[m.group(1)] = float(m.group(2))
    return found


# --------------------------------------------------------------- stages ---

# (module, function, label): the steps of ingest.process_bytes, then the parts of the two largest.
STAGES = (
    ("ingest", "decode_bytes", "decode bytes"),
    ("ingest", "html_to_text", "HTML to text"),
    ("ingest", "clean_text", "clean text"),
    ("clean", "_clean_lines", "  header and boilerplate lines"),
    ("clean", "traditional_share", "  traditional share"),
    ("clean", "normalize_width", "  full-width characters"),
    ("ingest", "extract", "metadata"),
    ("ingest", "split_sections", "sections"),
    ("ingest", "report_verdict", "is it a report"),
    ("ingest", "extract_figures", "figures"),
    ("indicators", "parse_2014", "  tables before 2019"),
    ("indicators", "parse_2019", "  tables 2019-2020"),
    ("indicators", "parse_2021", "  tables 2021 on"),
    ("indicators", "parse_prose", "  prose"),
    ("ingest", "check_report", "checks"),
    ("ingest", "report_tokens", "keyword tokens"),
)


def bench_stages(n: int, work: Path, jobs: int) -> None:
    """Per-report cost of each step in one process (wall clock of one busy core, so it is CPU time)."""
    import importlib

    from generate import generate  # noqa: E402  (benchmarks/ is on the path)

    from analysis.batches import frames, write_batch
    from analysis.ingest import discover, process_file

    raw = work / "raw"
    generate(n, raw, work / "truth.jsonl")
    entries = discover(raw)
    for e in entries[:20]:  # warm-up: dictionaries, label maps and caches are loaded once per worker
        process_file(e)
    spent: dict[str, float] = {}

    def timed(f, label):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - t0
        return wrapper

    originals = []
    for module_name, name, label in STAGES:
        module = importlib.import_module(f"analysis.{module_name}")
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, timed(getattr(module, name), label))
    gc.disable()  # as in a worker (batches.run_batch)
    try:
        t0 = time.perf_counter()
        results = [process_file(e) for e in entries]
        t1 = time.perf_counter()
        tables = frames(results)
        t2 = time.perf_counter()
        write_batch(work / "batch", tables)
        t3 = time.perf_counter()
    finally:
        gc.enable()
        for module, name, f in originals:
            setattr(module, name, f)
    ms = 1000 / len(entries)
    print(f"stages: {len(entries)} generated reports in one process, milliseconds per report")
    print(f"  {'extraction (ingest.process_file)':34s} {(t1 - t0) * ms:6.2f}")
    for _, _, label in STAGES:
        print(f"  {'  ' + label:34s} {spent.get(label, 0.0) * ms:6.2f}")
    print(f"  {'batch tables (batches.frames)':34s} {(t2 - t1) * ms:6.2f}")
    print(f"  {'writing them (Parquet; CSV if any)':34s} {(t3 - t2) * ms:6.2f}")
    total = (t3 - t0) * ms
    print(f"  {'total':34s} {total:6.2f}  (one core: {1000 / total:.0f} reports/s)")
    _print_budget(entries, jobs, extraction=(t1 - t0) * ms, tables=(t3 - t1) * ms)
    shutil.rmtree(work, ignore_errors=True)


def _print_budget(entries, jobs: int, extraction: float, tables: float) -> None:
    """What the throughput targets leave per report on one core, next to what the steps above cost.

    The floor here is the scale section's floor in one process over the same files (files already in the
    page cache), so it is the floor's cost per report on one core.
    """
    paths = [e.path for e in entries]
    _floor_chunk(paths)  # warm: files in the page cache, as for the timed run
    t0 = time.perf_counter()
    _floor_chunk(paths)
    floor_ms = (time.perf_counter() - t0) * 1000 / len(paths)
    per_second, ratio = 1000, 12  # the targets: reports/s of a full build, build/floor
    rate_budget, floor_budget, spent = jobs * 1000 / per_second, ratio * floor_ms, extraction + tables
    print(f"budget: milliseconds of one core per report that the throughput targets allow on {jobs} cores")
    print(f"  {f'{per_second:,} reports/s':34s} {rate_budget:6.2f}")
    print(f"  {f'{ratio} x the floor ({floor_ms:.3f} ms)':34s} {floor_budget:6.2f}")
    print(f"  spent: extraction {extraction:.2f}, building and writing the tables {tables:.2f}, "
          f"in all {spent:.2f} ({spent / rate_budget:.1f}x and {spent / floor_budget:.1f}x the two budgets)")


# ---------------------------------------------------------------- seeds ---


def bench_seeds(copies: int, jobs: int, work: Path) -> None:
    seeds = sorted((ROOT / "data" / "raw").glob("*.txt"))
    raw = work / "raw"
    raw.mkdir(parents=True)
    n = 0
    for i in range(copies):
        for p in seeds:
            # A distinct report per copy: same text with a marker line, so duplicates are not skipped.
            (raw / f"{i:05d}_{p.name}").write_bytes(p.read_bytes() + f"\n(副本{i})".encode())
            n += 1
    size = _du(raw)
    f = floor(raw, jobs)
    secs, tree, main, _ = run_measured([PY, "-m", "analysis", "build", "--raw", str(raw), "--out", str(work / "out"),
                                        "--jobs", str(jobs), "--no-progress"])
    print(f"seeds: {n} copies of the five real reports, {size:.1f} MB, {jobs} jobs")
    print(f"  build {secs:7.2f} s  {n / secs:8.1f} reports/s  {size / secs:6.2f} MB/s; floor {f:.2f} s; build/floor = {secs / f:.1f}; "
          f"peak memory {tree / 2**20:,.0f} MB")
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tokenizer-mb", type=float, default=5.0, help="MB of text to segment (default 5)")
    p.add_argument("--copies", type=int, default=200, help="copies of the shipped reports for the seeds benchmark (default 200)")
    p.add_argument("--jobs", type=int, default=default_jobs())
    p.add_argument("--only", choices=("tokenizer", "scale", "stages", "seeds"))
    p.add_argument("--stage-reports", type=int, default=1000, help="generated reports for the stages section (default 1000)")
    p.add_argument("--sizes", default="1000,10000,100000", help="generated corpus sizes (default 1000,10000,100000)")
    p.add_argument("--corpus", choices=("synthetic", "real", "both"), default="both",
                   help="scale section: the synthetic corpus (generate.py), the real-based one (realbased.py) or both (default)")
    p.add_argument("--real-sizes", default="20000,100000", help="real-based corpus sizes (default 20000,100000)")
    p.add_argument("--work", type=Path, help="folder for the generated corpora (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    args = p.parse_args()
    import platform

    print(f"machine: {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB RAM, Python {sys.version.split()[0]}, jobs {args.jobs}")
    base = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    if args.only in (None, "tokenizer"):
        bench_tokenizer(args.tokenizer_mb)
    if args.only in (None, "scale"):
        if args.corpus in ("synthetic", "both"):
            for n in [int(x) for x in args.sizes.split(",")]:
                bench_scale(n, args.jobs, base / f"scale-{n}", args.keep)
        if args.corpus in ("real", "both"):
            for n in [int(x) for x in args.real_sizes.split(",")]:
                bench_scale(n, args.jobs, base / f"real-{n}", args.keep, corpus="real", site_too=False)
    if args.only in (None, "stages"):
        bench_stages(args.stage_reports, base / "stages", args.jobs)
    if args.only in (None, "seeds"):
        bench_seeds(args.copies, args.jobs, base / "seeds")
    if not args.keep and not args.work:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
