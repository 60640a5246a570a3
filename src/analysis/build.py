"""The build: raw folder → tidy tables in the output folder.

List the files (:mod:`analysis.listing`) → plan (:mod:`analysis.plan`): files unchanged since the last
build (same path, size and modification time) keep their stored rows; new and changed files are
processed in batches by worker processes (a few in the warm worker of :mod:`analysis.worker`), each
batch written as columnar tables into the store (:mod:`analysis.batches`) → duplicates marked on the
documents table → corpus-wide steps on compact columns (:mod:`analysis.corpus`:
year-to-year checks, keywords, themes, the panel, copy-paste) → publish atomically: per-report tables
as folders of parts (a stored batch is hard-linked, not copied), the rest as
single files.

Memory stays bounded: no step holds every report's text; the corpus-wide steps
read only the columns they need.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from tqdm import tqdm

from . import __version__, panel
from .cache import cache_dir
from .corpus import Published, similarity_table
from .corpus import jobs as corpus_jobs
from .listing import Entry, list_files
from .publish import Staging, has_csv
from .plan import MANIFEST_SCHEMA, PLACED_SCHEMA, collect_garbage, compact, plan, read_manifest, write_manifest
from .schema import DOCUMENTS, PER_REPORT, ROW_TABLES
from .worker import WarmWorker, default_jobs, start_for_rerun

SERIAL_BELOW = 64  # fewer new files than this are processed in this process: starting workers costs about a second
CORPUS_THREADS = 6  # threads of the corpus-wide steps and their writes
FILTERED = "filtered"  # batches without the rows of reports that turned out to be duplicates of others


@dataclass(frozen=True)
class Summary:
    n_files: int
    n_ok: int
    n_skipped: int
    n_error: int
    seconds: float
    out: Path
    n_cached: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step of the build

    def line(self) -> str:
        return (
            f"build: {self.n_files} files: {self.n_ok} ok, {self.n_skipped} skipped, {self.n_error} errors "
            f"in {self.seconds:.1f} s ({self.n_cached} unchanged since the last build) → {self.out}"
        )


PROGRESS_EVERY = 15.0  # seconds between progress lines when stderr is not a terminal


class _ProgressLines:
    """Progress of a long build where no bar can be drawn (a log file, a notebook's ``!make build``):
    a line every PROGRESS_EVERY seconds with the files done, the rate and the time left; nothing for a
    build shorter than that."""

    def __init__(self, total: int, stream=None, clock=time.monotonic, every: float | None = None) -> None:
        self.total, self.stream, self.clock = total, stream or sys.stderr, clock
        self.every = PROGRESS_EVERY if every is None else every
        self.done = 0
        self.start = self.last = clock()

    def update(self, n: int) -> None:
        self.done += n
        now = self.clock()
        if now - self.last < self.every or self.done >= self.total:
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        left = (self.total - self.done) / rate if rate else float("inf")
        print(f"build: {self.done:,} of {self.total:,} files processed ({self.done / self.total:.0%}), "
              f"{rate:,.0f} files/s, about {_duration(left)} left", file=self.stream, flush=True)

    def close(self) -> None:
        pass


def _duration(secs: float) -> str:
    if secs == float("inf"):
        return "an unknown time"
    secs = round(secs)
    return f"{secs // 60} min {secs % 60:02d} s" if secs >= 60 else f"{secs} s"


def _run(store: Path, new: list[tuple[str, list[Entry]]], jobs: int, progress: str, warm: WarmWorker | None = None) -> None:
    """Process the new batches; ``progress``: "bar" (a terminal), "lines" (anything else) or "off".
    A few files are processed in the ``warm`` worker when there is one, else in this process."""
    total = sum(len(es) for _, es in new)
    if progress == "lines":
        bar = _ProgressLines(total)
    else:
        bar = tqdm(total=total, unit="file", desc="build", disable=progress != "bar", file=sys.stderr, mininterval=0.5)
    try:
        if jobs <= 1 or len(new) <= 1 or total < SERIAL_BELOW or not _workers_can_start():
            for bid, es in new:
                if warm is None or not warm.run(store / "batches" / bid, es):
                    from .batches import run_batch  # the extraction is loaded only when files are processed here

                    run_batch(store / "batches" / bid, es)
                bar.update(len(es))
        else:
            from .batches import run_batch

            # Not fork: this process has started Polars' thread pool, and a forked child can deadlock on its locks.
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["analysis.batches"])
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                futures = [pool.submit(run_batch, store / "batches" / bid, es) for bid, es in new]
                for fut in as_completed(futures):
                    bar.update(fut.result()[1])
    finally:
        bar.close()


def _workers_can_start() -> bool:
    """Worker processes re-import the main script; a program read from stdin has none to import."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or os.path.exists(main_file)


# -------------------------------------------------------------- assemble ---


def _read_documents(store: Path, batches: list[str]) -> pl.DataFrame:
    """The documents rows of these stored batches, each tagged with its batch: one parallel scan."""
    if not batches:
        return pl.DataFrame(schema={**DOCUMENTS.schema, "batch": pl.String})
    files = [str(store / "batches" / b / "documents.parquet") for b in batches]
    return (pl.scan_parquet(files, include_file_paths="file")
            .with_columns(pl.col("file").str.split("/").list.get(-2).alias("batch")).drop("file").collect())


def _documents(store: Path, batches: list[str], manifest: pl.DataFrame, read: pl.DataFrame | None = None) -> pl.DataFrame:
    """All documents rows (with their batch), duplicates marked: the same clean text under several names keeps the first path.
    ``read``: rows of some batches read already (those still among ``batches`` are not read again)."""
    have = set(read["batch"].unique().to_list()) & set(batches) if read is not None else set()
    docs = _read_documents(store, [b for b in batches if b not in have])
    if have:
        docs = pl.concat([read.filter(pl.col("batch").is_in(list(have))), docs], how="vertical_relaxed")
    # A file listed in the manifest under one batch may also linger in another (before a filter ran): keep the manifest's.
    # A batch holds a row for each file it was made from, so a batch with as many rows as the manifest gives it
    # holds just those: only the others are matched path by path (a join on 100,000 paths costs a tenth of a second).
    listed = manifest.group_by("batch").len("listed")
    held = docs.group_by("batch").len("held").join(listed, on="batch", how="left")
    odd = held.filter(pl.col("held") != pl.col("listed").fill_null(-1))["batch"]
    if odd.len():
        docs = pl.concat([docs.filter(~pl.col("batch").is_in(odd.implode())),
                          docs.filter(pl.col("batch").is_in(odd.implode())).join(
                              manifest.select("source_path", "batch"), on=["source_path", "batch"], how="semi")])
    docs = docs.sort("source_path")
    ok = docs.filter(pl.col("status") == "ok")
    first = ok.group_by("text_sha256", maintain_order=True).agg(
        pl.col("source_path").first().alias("orig_path"), pl.col("report_id").first().alias("orig_id"))
    docs = docs.join(first, on="text_sha256", how="left").with_columns(
        is_dup=(pl.col("status") == "ok") & (pl.col("source_path") != pl.col("orig_path")))
    docs = docs.with_columns(
        pl.when("is_dup").then(pl.lit("skipped")).otherwise(pl.col("status")).alias("status"),
        pl.when("is_dup").then(pl.col("orig_id")).otherwise(pl.col("duplicate_of")).alias("duplicate_of"),
        pl.when("is_dup").then(pl.format("duplicate of {} (same clean text)", "orig_path")).otherwise(pl.col("reason")).alias("reason"),
    )
    return docs.drop("orig_path", "orig_id", "is_dup")


def _parts(stage: Staging, store: Path, docs: pl.DataFrame) -> list[Published]:
    """Publish each batch's per-report tables as parts; a batch with rows of duplicates is filtered first."""
    # A batch has rows for its reports that were ok before duplicates were marked; it publishes those still ok.
    had_rows = (pl.col("status") == "ok") | pl.col("duplicate_of").is_not_null()
    present_by = dict(docs.filter(had_rows).group_by("batch").agg(pl.col("report_id").unique()).iter_rows())
    allowed_by = dict(docs.filter(pl.col("status") == "ok").group_by("batch").agg(pl.col("report_id").unique()).iter_rows())
    out = []
    for batch in docs["batch"].unique().sort().to_list():
        folder = store / "batches" / batch
        allowed = set(allowed_by.get(batch, []))
        present = set(present_by.get(batch, []))
        if present == allowed:
            for t in PER_REPORT:
                stage.link_part(t.name, f"part-{batch}", folder / f"{t.name}.parquet", folder / f"{t.name}.csv")
            out.append(Published(folder, allowed))
            continue
        # The batch without its duplicates is kept in the store too, named after the reports it keeps: the next
        # build links it like any batch instead of filtering and writing it again (seconds per build when
        # every batch of a large corpus holds a duplicate, as real corpora do).
        key = hashlib.sha256("\n".join(sorted(allowed)).encode()).hexdigest()[:16]
        filtered = store / FILTERED / f"{batch}-{key}"
        if not (filtered / "documents.parquet").is_file():
            keep = list(allowed)
            frames = {name: pl.read_parquet(folder / f"{name}.parquet").filter(pl.col("report_id").is_in(keep)) for name in ROW_TABLES}
            frames["documents"] = pl.read_parquet(folder / "documents.parquet").filter(pl.col("report_id").is_in(keep))
            from .batches import with_partials, write_batch

            write_batch(filtered, with_partials(frames))
        for t in PER_REPORT:
            stage.link_part(t.name, f"part-{batch}", filtered / f"{t.name}.parquet", filtered / f"{t.name}.csv")
        out.append(Published(filtered, allowed))
    return out


def build(raw: Path, out: Path, jobs: int | None = None, progress: bool | None = None, use_cache: bool = True,
          warm: WarmWorker | None = None) -> Summary:
    """Rebuild every table in ``out`` from the files in ``raw``; never writes inside ``raw``.

    A rerun of a large corpus processes its few new files in a warm worker (:mod:`analysis.worker`): the one
    given (the command line starts it before importing the build), else one started here; the build stops it.

    Python's cycle collector is paused meanwhile: the build makes a few hundred thousand small objects (a
    tuple per file) and no cycles worth collecting, and the collector's passes over them cost a tenth of
    a rerun's time at 100,000 files."""
    collecting, switch = gc.isenabled(), sys.getswitchinterval()
    gc.disable()
    # The corpus-wide steps run in threads, most of them Polars calls that release the GIL between short
    # stretches of Python: a shorter switch interval keeps them from queueing behind a thread in pure Python.
    sys.setswitchinterval(0.0005)
    try:
        if warm is None and use_cache:
            warm = start_for_rerun(out, jobs)
        return _build(raw, out, jobs, progress, use_cache, warm)
    finally:
        if warm is not None:
            warm.close()
        sys.setswitchinterval(switch)
        if collecting:
            gc.enable()


def _build(raw: Path, out: Path, jobs: int | None, progress: bool | None, use_cache: bool, warm: WarmWorker | None) -> Summary:
    start = time.perf_counter()
    raw, out = Path(raw), Path(out)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    if out.resolve() == raw.resolve() or raw.resolve() in out.resolve().parents:
        raise ValueError(f"output folder {out} must not be inside the raw folder {raw}")
    jobs = jobs or default_jobs()
    # A bar on a terminal, a line now and then anywhere else (a log, a notebook), nothing when asked for none.
    mode = ("bar" if sys.stderr.isatty() else "lines") if progress is None else ("bar" if progress else "off")
    timings: dict[str, float] = {}
    clock = [time.perf_counter()]

    def step(name: str) -> None:
        now = time.perf_counter()
        timings[name] = timings.get(name, 0.0) + now - clock[0]
        clock[0] = now

    store = cache_dir(out)
    manifest = read_manifest(store) if use_cache else pl.DataFrame(schema=MANIFEST_SCHEMA)
    listing = list_files(raw)
    step("discover files")
    collect_garbage(store, set(manifest["batch"].unique().to_list()))
    kept, filters, new, ids = plan(listing, manifest, store, jobs)
    if filters:
        from .batches import filter_batch

        for src, dst, stay in filters:
            filter_batch(store / "batches" / src, store / "batches" / dst, stay)
    step("plan (unchanged, moved files)")
    # While the warm worker processes the new files, the stored batches' documents are read beside it.
    early = ThreadPoolExecutor(max_workers=1) if warm is not None and new else None
    stored_docs = early.submit(_read_documents, store, kept["batch"].unique().sort().to_list()) if early else None
    _run(store, new, jobs, mode, warm)
    if warm is not None:
        warm.close()  # its memory and its core are the corpus-wide steps' now
    step(f"process {sum(len(es) for _, es in new)} files" + (" (warm worker)" if warm is not None and warm.used else ""))
    rows = pl.concat([kept, pl.DataFrame([(e.rel, e.size, e.mtime_ns, bid) for bid, es in new for e in es], schema=PLACED_SCHEMA, orient="row")])
    placed = compact(store, rows, ids).sort("source_path")
    batches = placed["batch"].unique().sort().to_list()
    docs = _documents(store, batches, placed, stored_docs.result() if stored_docs else None)
    if early:
        early.shutdown()
    write_manifest(store, placed.join(docs.select("source_path", "sha256"), on="source_path", how="left"))
    step("documents, duplicates")
    with Staging(out) as stage:
        parts = _parts(stage, store, docs)
        step("publish parts")
        # Threads: Polars computes, reads and writes without the GIL, so the corpus-wide steps (checks, keywords,
        # panel, copy-paste similarity) run side by side, and each table is written (Parquet, CSV, Stata, each
        # its own task) as soon as it is computed. Each step's own time is in the timings, marked "(thread)";
        # "corpus-wide steps and writing" is the wall-clock time of all of them together. Six threads: every step
        # starts at once and a table's writes do not queue behind a step (with three, a rerun of 100,000 reports
        # took a tenth longer, in alternating runs).
        frames: dict[str, pl.DataFrame] = {}
        with ThreadPoolExecutor(max_workers=CORPUS_THREADS) as threads:
            def timed(label: str, job):
                started = time.perf_counter()
                result = job()
                timings[f"{label} (thread)"] = time.perf_counter() - started
                return result

            def writes(name: str, df: pl.DataFrame) -> list:
                if name == "checks":
                    return [threads.submit(stage.write_part, name, "part-cross", df)]
                out = [threads.submit(stage.write_parquet, name, df)]
                if has_csv(name):
                    out.append(threads.submit(stage.write_csv, name, df))
                if name == "panel":  # also for Stata
                    out.append(threads.submit(timed, "write panel.dta", lambda: panel.write_dta(df, stage.dir / "panel.dta", previous=stage.out / "panel.dta")))
                return out

            # The longest chain first (the panel, then its Stata file), then similarity, then the rest.
            corpus = dict(corpus_jobs(docs, parts, store))
            corpus["copy-paste similarity"] = lambda: {"similarity": similarity_table(parts, docs, store)}
            first = ["panel", "copy-paste similarity"]
            order = first + [k for k in corpus if k not in first]
            jobs = {threads.submit(timed, label, corpus[label]): label for label in order}
            written = []
            for fut in as_completed(jobs):
                for name, df in fut.result().items():
                    frames[name] = df
                    written += writes(name, df)
            for w in written:
                w.result()
        step("corpus-wide steps and writing")
        for t in PER_REPORT:
            stage.ensure_part(t.name, t.schema)
        counts = {s: docs.filter(pl.col("status") == s).height for s in ("ok", "skipped", "error")}
        heights = {name: df.height for name, df in frames.items() if name != "checks"}
        heights.update(_part_heights(stage.dir, store))
        stage.write_json(
            "build.json",
            {"analysis_version": __version__, "raw": str(raw), "files": listing.height, "status_counts": counts,
             "batches": len(batches), "unchanged_files": kept.height, "tables": heights,
             "environment": package_versions()},
        )
        step("build.json")
    step("swap in outputs")
    collect_garbage(cache_dir(out), set(batches))
    for stale in (cache_dir(out) / FILTERED).glob("*"):  # filtered batches this build did not publish
        if stale.name not in {p.folder.name for p in parts}:
            shutil.rmtree(stale, ignore_errors=True)
    return Summary(listing.height, counts["ok"], counts["skipped"], counts["error"], time.perf_counter() - start, out, kept.height, timings)


HEIGHTS = "part_heights.json"  # row counts of published part files, by file identity: a stored file never changes


def _part_heights(staged: Path, store: Path) -> dict[str, int]:
    """Rows of each per-report table: the sum over its parts, each part's count read from its Parquet metadata
    once and then remembered (a part is a hard link to a stored file, which is never written again)."""
    try:
        known = json.loads((store / HEIGHTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    seen, out = {}, {}
    for t in PER_REPORT:
        total = 0
        for f in sorted((staged / t.name).glob("*.parquet")):
            st = f.stat()
            key = f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"
            if key not in known:
                known[key] = pl.scan_parquet(f).select(pl.len()).collect().item()
            seen[key] = known[key]
            total += known[key]
        out[t.name] = total
    tmp = store / f".tmp-{HEIGHTS}"
    tmp.write_text(json.dumps(seen), encoding="utf-8")
    os.replace(tmp, store / HEIGHTS)
    return out


def package_versions() -> dict[str, object]:
    """The versions this build ran with: Python and each runtime dependency of the project (as installed).

    The names come from the project's pyproject.toml when running from a checkout (it may list a
    dependency the installed metadata does not know yet), else from the installed project's metadata.
    """
    import importlib.metadata as md
    import platform
    import re

    names: list[str] = []
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        if project.get("name") == "analysis":
            names = list(project["dependencies"])
    except (OSError, KeyError, ValueError, ImportError):
        names = []
    if not names:
        try:
            names = [r for r in md.requires("analysis") or [] if "extra ==" not in r]
        except md.PackageNotFoundError:
            names = []
    packages = {}
    for req in names:
        name = re.split(r"[\s<>=!~\[;]", req.strip(), maxsplit=1)[0]
        try:
            packages[name] = md.version(name)
        except md.PackageNotFoundError:
            packages[name] = None  # declared but not installed: the build ran without it
    return {"python": platform.python_version(), "packages": dict(sorted(packages.items()))}
