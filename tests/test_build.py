"""The build end to end: one row per file, statuses and reasons, tables, safety of raw and outputs."""

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from analysis import tables
from analysis import publish
from analysis.build import build
from analysis.cli import main
from analysis.schema import DOCUMENTS, TABLES
from conftest import RAW, SEEDS, checksums, seed_bytes

REPORT = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,全县主动公开政府信息1234条,收到政府信息公开申请12件。\n"


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def docs_of(out: Path) -> pl.DataFrame:
    return tables.load("documents", out)


def status_of(docs: pl.DataFrame, path: str) -> tuple[str, str]:
    row = docs.filter(pl.col("source_path") == path).row(0, named=True)
    return row["status"], row["reason"]


# ------------------------------------------------------------------ seeds


def test_every_seed_is_ok(seeds_build):
    docs = seeds_build["documents"]
    seeds = docs.filter(pl.col("source_path").is_in(list(SEEDS.values())))
    assert seeds["status"].to_list() == ["ok"] * 5


def test_sources_manifest_is_listed_and_skipped(seeds_build):
    assert status_of(seeds_build["documents"], "SOURCES.csv") == ("skipped", "not a report: metadata or data file (.csv)")


def test_wendeng_clean_text_is_simplified_without_pinyin(seeds_build):
    docs, texts = seeds_build["documents"], seeds_build["texts"]
    row = docs.filter(pl.col("source_path") == SEEDS["wendeng"]).row(0, named=True)
    text = texts.filter(pl.col("report_id") == row["report_id"])["text"].item()
    assert row["script"] == "traditional"
    assert "年度报告" in text and "国务院" in text
    assert row["n_pinyin_removed"] > 400 and row["has_mojibake"]


def test_report_id_is_derived_from_content(seeds_build):
    import hashlib

    row = seeds_build["documents"].filter(pl.col("source_path") == SEEDS["hongze"]).row(0, named=True)
    assert row["report_id"] == hashlib.sha256(seed_bytes("hongze")).hexdigest()[:16]


def test_texts_hold_one_row_per_ok_document(seeds_build):
    ok = seeds_build["documents"].filter(pl.col("status") == "ok")["report_id"].sort().to_list()
    assert seeds_build["texts"]["report_id"].sort().to_list() == ok


def test_header_fields_of_hongze(seeds_build):
    rid = seeds_build["documents"].filter(pl.col("source_path") == SEEDS["hongze"])["report_id"].item()
    fields = seeds_build["header_fields"].filter(pl.col("report_id") == rid)
    assert fields.filter(pl.col("field") == "published")["value"].to_list() == ["2018-02-24"]


def test_dictionary_covers_every_column_of_every_table(seeds_build):
    dd = seeds_build["data_dictionary"]
    for table in TABLES:
        assert dd.filter(pl.col("table") == table.name)["column"].to_list() == [c.name for c in table.columns]
    assert seeds_build["documents"].columns == [c.name for c in DOCUMENTS.columns]


# ------------------------------------------------------------- bad inputs


def test_empty_random_and_pdf_files_get_a_row_and_the_build_exits_0(make_raw, tmp_path, capsys):
    raw = make_raw({"report.txt": REPORT, "empty.txt": b"", "random.txt": os.urandom(5000), "scan.pdf": b"%PDF-1.4\n%\xe2\xe3\n"})
    out = tmp_path / "out"
    assert main(["build", "--raw", str(raw), "--out", str(out), "--no-progress"]) == 0
    docs = docs_of(out)
    assert docs.height == 4
    assert status_of(docs, "report.txt") == ("ok", None)
    assert status_of(docs, "empty.txt") == ("error", "empty file (0 bytes)")
    status, reason = status_of(docs, "random.txt")
    assert status == "error" and ("binary" in reason or "not decodable" in reason)
    status, reason = status_of(docs, "scan.pdf")
    assert status == "error" and reason.startswith("broken PDF: cannot be opened")
    assert capsys.readouterr().out.strip().startswith("build: 4 files: 1 ok, 0 skipped, 3 errors")


def test_gbk_big5_utf16_and_html_files(make_raw, tmp_path):
    # Distinct texts: the same text in two encodings would be (rightly) a duplicate.
    html = "<html><head><meta charset='gbk'><title>年报</title></head><body><p>当前位置:首页 > 年报</p><p>" + REPORT + "丁</p></body></html>"
    raw = make_raw({
        "gbk.txt": (REPORT + "甲").encode("gbk"),
        "big5.txt": to_traditional(REPORT + "乙").encode("big5"),
        "utf16.txt": (REPORT + "丙").encode("utf-16"),
        "page.htm": html.encode("gbk"),
    })
    build(raw, tmp_path / "out", jobs=1, progress=False)
    docs = docs_of(tmp_path / "out").sort("source_path")
    assert docs.select("source_path", "status", "encoding", "format").rows() == [
        ("big5.txt", "ok", "big5hkscs", "text"),
        ("gbk.txt", "ok", "gbk", "text"),
        ("page.htm", "ok", "gbk", "html"),
        ("utf16.txt", "ok", "utf-16", "text"),
    ]


def test_html_page_text_has_no_markup_or_breadcrumb(make_raw, tmp_path):
    raw = make_raw({"page.html": "<html><body><p>当前位置:首页 > 年报</p><script>alert(1)</script><p>" + REPORT + "</p></body></html>"})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    text = tables.load("texts", tmp_path / "out")["text"].item()
    assert text.splitlines()[0] == "某某县人民政府2023年政府信息公开工作年度报告"
    assert "alert" not in text and "<" not in text


def test_same_report_under_two_names_is_counted_once(make_raw, tmp_path):
    raw = make_raw({"a.txt": REPORT, "copy of a.txt": REPORT, "b/a-gbk.txt": REPORT.encode("gbk")})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    docs = docs_of(tmp_path / "out")
    kept = docs.filter(pl.col("source_path") == "a.txt")["report_id"].item()
    assert docs.filter(pl.col("status") == "ok")["source_path"].to_list() == ["a.txt"]
    dups = docs.filter(pl.col("status") == "skipped")
    assert sorted(dups["source_path"].to_list()) == ["b/a-gbk.txt", "copy of a.txt"]
    assert dups["duplicate_of"].to_list() == [kept, kept]
    assert tables.load("texts", tmp_path / "out").height == 1


def test_hidden_files_and_unicode_names(make_raw, tmp_path):
    raw = make_raw({".DS_Store": b"\x00\x01", "报告 2023 📄.txt": REPORT})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    docs = docs_of(tmp_path / "out")
    assert status_of(docs, ".DS_Store")[0] == "skipped"
    assert status_of(docs, "报告 2023 📄.txt") == ("ok", None)


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(make_raw, tmp_path):
    """A GBK name unpacked from a Windows archive stopped the whole build; now the file is read, its bytes escaped in the name."""
    raw = make_raw({"a.txt": REPORT})
    gbk = os.fsencode(str(raw)) + b"/" + "年度报告".encode("gbk") + b".txt"
    with open(gbk, "wb") as fh:
        fh.write((REPORT + "乙").encode("utf-8"))
    first = build(raw, tmp_path / "out", jobs=1, progress=False)
    docs = docs_of(tmp_path / "out")
    assert first.n_ok == 2 and status_of(docs, "\\xc4\\xea\\xb6ȱ\\xa8\\xb8\\xe6.txt") == ("ok", None)
    assert build(raw, tmp_path / "out", jobs=1, progress=False).n_cached == 2  # and it is found unchanged on a rerun


def test_the_listing_is_in_path_order_with_sizes_and_the_problems_of_links(tmp_path):
    from analysis.ingest import discover, list_files

    raw = tmp_path / "raw"
    (raw / "b").mkdir(parents=True)
    (raw / "b" / "2.txt").write_bytes(b"xx")
    (raw / "a.txt").write_bytes(b"x")
    (raw / "c.txt").symlink_to(tmp_path / "missing")
    listing = list_files(raw)
    assert listing.select("source_path", "size", "problem_status").rows() == [("a.txt", 1, None), ("b/2.txt", 2, None), ("c.txt", -1, "error")]
    assert [e.rel for e in discover(raw)] == ["a.txt", "b/2.txt", "c.txt"] and discover(raw)[1].path == str((raw / "b" / "2.txt").resolve())


def test_symlink_out_of_raw_is_not_followed(make_raw, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(REPORT, encoding="utf-8")
    raw = make_raw({"a.txt": REPORT + "甲"})
    (raw / "link.txt").symlink_to(secret)
    (raw / "broken.txt").symlink_to(tmp_path / "missing.txt")
    build(raw, tmp_path / "out", jobs=1, progress=False)
    docs = docs_of(tmp_path / "out")
    assert status_of(docs, "link.txt") == ("skipped", "symbolic link pointing outside the raw folder: not followed")
    assert status_of(docs, "broken.txt") == ("error", "broken symbolic link")


def test_unreadable_file_is_an_error_row(make_raw, tmp_path, monkeypatch):
    raw = make_raw({"locked.txt": REPORT})
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)  # chmod 0 does not stop root, so simulate it
    build(raw, tmp_path / "out", jobs=1, progress=False)
    assert status_of(docs_of(tmp_path / "out"), "locked.txt") == ("error", "cannot read file: Permission denied")


def test_same_report_in_big5_and_gbk_is_one_report(make_raw, tmp_path):
    raw = make_raw({"a-gbk.txt": REPORT.encode("gbk"), "b-big5.txt": to_traditional(REPORT).encode("big5")})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    assert status_of(docs_of(tmp_path / "out"), "b-big5.txt") == ("skipped", "duplicate of a-gbk.txt (same clean text)")


def test_tiny_text_is_an_error_not_a_report(make_raw, tmp_path):
    raw = make_raw({"nav.html": "<html><body><p>打印本页 关闭窗口</p></body></html>"})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    status, reason = status_of(docs_of(tmp_path / "out"), "nav.html")
    assert status == "error" and reason.startswith("no report text")


# ---------------------------------------------------- safety and determinism


def test_raw_folder_is_never_modified(tmp_path):
    before = checksums(RAW)
    build(RAW, tmp_path / "out", jobs=2, progress=False)
    assert checksums(RAW) == before


def test_two_builds_give_identical_tables(tmp_path):
    build(RAW, tmp_path / "a", jobs=1, progress=False)
    build(RAW, tmp_path / "b", jobs=2, progress=False)
    for table in TABLES:
        a = tables.load(table.name, tmp_path / "a")
        b = tables.load(table.name, tmp_path / "b")
        assert a.equals(b), table.name
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.csv") if ".cache" not in p.parts)
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.csv") if ".cache" not in p.parts)
    for f in files:  # every CSV byte for byte, parts included: the layout does not depend on --jobs
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_output_inside_raw_is_refused(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT})
    assert main(["build", "--raw", str(raw), "--out", str(raw / "out")]) == 1
    assert not (raw / "out").exists()


def test_missing_raw_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["build", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 1
    assert "raw folder not found" in capsys.readouterr().err


def test_failed_build_leaves_previous_outputs(tmp_path, make_raw, monkeypatch):
    raw = make_raw({"a.txt": REPORT})
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)

    def tables_only(folder):  # the cache may grow during a failed build; the published tables may not change
        return {k: v for k, v in checksums(folder).items() if not k.startswith(".cache/")}

    before = tables_only(out)

    def boom(self, name, df):
        raise OSError("disk full")

    monkeypatch.setattr(publish.Staging, "write_parquet", boom)
    (raw / "b.txt").write_text(REPORT + "乙", encoding="utf-8")
    with pytest.raises(OSError):
        build(raw, out, jobs=1, progress=False)
    assert tables_only(out) == before
    assert not list(tmp_path.glob(".out.staging-*"))


def test_rebuild_replaces_all_tables_and_keeps_dotfiles(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT})
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)
    (out / ".gitkeep").write_text("")
    (raw / "b.txt").write_text(REPORT + "乙", encoding="utf-8")
    build(raw, out, jobs=1, progress=False)
    assert docs_of(out).height == 2 and (out / ".gitkeep").exists()


def test_interrupted_fallback_swap_is_recovered(tmp_path):
    out = tmp_path / "out"
    previous = tmp_path / "out.previous"
    previous.mkdir()
    (previous / "documents.csv").write_text("x")
    publish.recover(out)
    assert (out / "documents.csv").read_text() == "x" and not previous.exists()


# -------------------------------------------------------------------- CLI


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["site", "--help"]])
def test_every_command_has_help(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0


def test_bad_usage_exits_2():
    with pytest.raises(SystemExit) as exc:
        main(["build", "--jobs", "0"])
    assert exc.value.code == 2


def test_python_dash_m_entry_point(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT})
    proc = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, check=True)
    assert proc.stdout.strip().startswith("build: 1 files: 1 ok, 0 skipped, 0 errors")


# ------------------------------------------------------------------ cache


def test_rerun_takes_unchanged_files_from_the_cache_with_identical_tables(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT, "b.txt": REPORT + "乙", "c.pdf": b"%PDF-1.4"})
    first = build(raw, tmp_path / "out", jobs=1, progress=False)
    fresh = {t.name: tables.load(t.name, tmp_path / "out") for t in TABLES}
    (raw / "d.txt").write_text(REPORT + "丁", encoding="utf-8")
    second = build(raw, tmp_path / "out", jobs=1, progress=False)
    assert (first.n_cached, second.n_cached) == (0, 3)
    build(raw, tmp_path / "nocache", jobs=1, progress=False, use_cache=False)
    for t in TABLES:
        assert tables.load(t.name, tmp_path / "out").equals(tables.load(t.name, tmp_path / "nocache")), t.name
    assert fresh["documents"].height == 3


def test_cache_is_keyed_on_content_not_name(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    (raw / "a.txt").rename(raw / "renamed.txt")
    summary = build(raw, tmp_path / "out", jobs=1, progress=False)
    assert summary.n_cached == 1
    assert tables.load("documents", tmp_path / "out")["source_path"].to_list() == ["renamed.txt"]


def test_cache_is_dropped_when_the_code_changes(tmp_path, make_raw, monkeypatch):
    import analysis.cache

    raw = make_raw({"a.txt": REPORT})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    monkeypatch.setattr(analysis.cache, "fingerprint", lambda: "another-version")
    assert build(raw, tmp_path / "out", jobs=1, progress=False).n_cached == 0
    assert [p.name for p in (tmp_path / "out" / ".cache").iterdir()] == ["another-version"]


def test_deleting_the_output_folder_forces_a_full_build(tmp_path, make_raw):
    import shutil

    raw = make_raw({"a.txt": REPORT})
    build(raw, tmp_path / "out", jobs=1, progress=False)
    shutil.rmtree(tmp_path / "out")
    assert build(raw, tmp_path / "out", jobs=1, progress=False).n_cached == 0


def test_a_traditional_html_title_is_stored_in_simplified_script():
    from analysis.ingest import process_bytes

    body = "".join(f"<p>{line}</p>" for line in REPORT.splitlines())
    page = f"<html><head><title>洪澤區2021年政府資訊公開工作年度報告</title></head><body>{body}</body></html>"
    import opencc

    res = process_bytes(opencc.OpenCC("s2t").convert(page).encode("utf-8"), "page.html")
    title = dict((f, v) for f, _, v in res.header_fields).get("html_title")
    assert res.row["script"] == "traditional" and title == "洪泽区2021年政府资讯公开工作年度报告"


# ------------------------------------------------------------- progress


class _FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_lines_every_interval_with_rate_and_time_left():
    import io

    from analysis.build import _ProgressLines

    clock, out = _FakeClock(), io.StringIO()
    p = _ProgressLines(10_000, stream=out, clock=clock, every=15.0)
    clock.now = 10.0
    p.update(1_000)  # before the first interval: nothing
    assert out.getvalue() == ""
    clock.now = 20.0
    p.update(1_000)
    assert out.getvalue() == "build: 2,000 of 10,000 files processed (20%), 100 files/s, about 1 min 20 s left\n"
    clock.now = 30.0
    p.update(1_000)  # 10 s after the last line: nothing
    clock.now = 40.0
    p.update(2_000)
    assert out.getvalue().splitlines()[-1] == "build: 5,000 of 10,000 files processed (50%), 125 files/s, about 40 s left"
    clock.now = 90.0
    p.update(5_000)  # done: the build prints its own summary
    assert len(out.getvalue().splitlines()) == 2


def test_build_prints_progress_lines_only_when_not_told_otherwise(tmp_path, capsys, monkeypatch):
    import analysis.build as b
    from analysis import plan

    monkeypatch.setattr(b, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(plan, "MIN_BATCH", 1)  # one file per batch: progress is counted per batch
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, seed in enumerate(sorted(RAW.glob("*.txt"))[:3]):
        (raw / f"{i}.txt").write_bytes(seed.read_bytes())
    b.build(raw, tmp_path / "out", jobs=1, progress=None)  # stderr is not a terminal under pytest
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["build: 1 of 3 files processed", "build: 2 of 3 files processed"]
    b.build(raw, tmp_path / "out2", jobs=1, progress=False)
    assert capsys.readouterr().err == ""


def test_batches_are_read_in_order_whether_stored_or_filtered(tmp_path):
    from analysis.corpus import Published as _Published
    from analysis.corpus import read_all as _read_all

    parts = []
    for i in range(5):
        folder = tmp_path / f"b{i}"
        folder.mkdir()
        df = pl.DataFrame({"report_id": [f"r{i}a", f"r{i}b"], "n": [2 * i, 2 * i + 1]})
        df.write_parquet(folder / "carry.parquet")
        # batches 1 and 3 had a duplicate's rows dropped: they are read from their filtered frames
        frames = {"carry": df.head(1)} if i in (1, 3) else None
        parts.append(_Published(folder, set(), frames))
    got = _read_all(parts, "carry").collect()
    assert got["n"].to_list() == [0, 1, 2, 4, 5, 6, 8, 9]


# ------------------------------------------------------- CSV and export


def test_csv_copies_only_for_tables_that_ask_for_them(tmp_path):
    out = tmp_path / "out"
    build(RAW, out, jobs=1, progress=False)
    published = {p.relative_to(out).as_posix() for p in out.rglob("*.csv") if ".cache" not in p.parts}
    assert published == {f"{t.name}.csv" for t in TABLES if t.csv}
    assert {"documents.csv", "data_dictionary.csv", "keywords_by_group.csv", "themes_by_year.csv"} <= published
    assert not list((out / "indicators").glob("*.csv")) and list((out / "indicators").glob("part-*.parquet"))
    assert not list((out / ".cache").rglob("*.csv")), "the store keeps no CSV of tables without CSV copies"
    files = dict(tables.load("data_dictionary", out).select("table", "files").unique().iter_rows())
    assert files["indicators"] == "indicators/part-*.parquet" and files["documents"] == "documents.parquet, documents.csv"


def test_export_writes_a_table_of_parts_as_one_csv(tmp_path, capsys):
    out = tmp_path / "out"
    build(RAW, out, jobs=1, progress=False)
    assert main(["export", "--csv", "indicators", "documents", "--data", str(out), "--out", str(tmp_path / "csv")]) == 0
    assert "indicators.csv" in capsys.readouterr().out
    got = pl.read_csv(tmp_path / "csv" / "indicators.csv", schema=tables.scan("indicators", out).collect_schema())
    assert got.sort(list(got.columns)).equals(tables.load("indicators", out).sort(list(got.columns)))
    assert (tmp_path / "csv" / "documents.csv").read_bytes() == (out / "documents.csv").read_bytes()
    assert not list((tmp_path / "csv").glob(".tmp-*"))


def test_export_refuses_an_unknown_table_before_writing(tmp_path, capsys):
    out = tmp_path / "out"
    build(RAW, out, jobs=1, progress=False)
    assert main(["export", "--csv", "documents", "no_such_table", "--data", str(out), "--out", str(tmp_path / "csv")]) == 1
    assert "unknown table 'no_such_table'" in capsys.readouterr().err
    assert not (tmp_path / "csv" / "documents.csv").exists()


def test_export_without_a_build_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--csv", "documents", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "csv")]) == 1
    assert "not found" in capsys.readouterr().err


def test_build_json_records_the_package_versions(tmp_path):
    import importlib.metadata
    import json
    import platform

    out = tmp_path / "out"
    build(RAW, out, jobs=1, progress=False)
    env = json.loads((out / "build.json").read_text(encoding="utf-8"))["environment"]
    assert env["python"] == platform.python_version()
    assert env["packages"]["polars"] == importlib.metadata.version("polars") == pl.__version__
    assert {"numpy", "pyarrow", "rjieba", "opencc", "lxml"} <= set(env["packages"])


def test_a_batch_holding_a_duplicate_is_filtered_once_and_linked_afterwards(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT, "a-gbk.txt": REPORT.encode("gbk"), "b.txt": REPORT + "乙"})
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)
    part = next((out / "indicators").glob("part-*.parquet"))
    inode = part.stat().st_ino
    assert part.stat().st_nlink >= 2, "the part published is the store's filtered batch, linked"
    (raw / "d.txt").write_text(REPORT + "丁", encoding="utf-8")
    build(raw, out, jobs=1, progress=False)
    assert (out / "indicators" / part.name).stat().st_ino == inode, "the filtered batch is not written again"
    build(raw, tmp_path / "nocache", jobs=1, progress=False, use_cache=False)
    for t in TABLES:
        assert tables.load(t.name, out).equals(tables.load(t.name, tmp_path / "nocache")), t.name
    (raw / "a-gbk.txt").unlink()  # the duplicate gone: its batch is published whole again, the filtered copy dropped
    build(raw, out, jobs=1, progress=False)
    assert not [p for p in (out / ".cache").rglob("filtered/*")]
    assert tables.load("documents", out)["status"].to_list() == ["ok", "ok", "ok"]
    build(raw, tmp_path / "nocache2", jobs=1, progress=False, use_cache=False)
    for t in TABLES:  # keyword sums included: a part left, so they are summed again
        assert tables.load(t.name, out).equals(tables.load(t.name, tmp_path / "nocache2")), t.name


def test_keyword_sums_add_the_new_parts_to_the_last_builds(tmp_path, make_raw):
    raw = make_raw({"a.txt": REPORT, "b.txt": REPORT.replace("2023", "2022")})
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)
    (raw / "c.txt").write_text(REPORT.replace("某某县", "某某市").replace("培训", "监督"), encoding="utf-8")
    build(raw, out, jobs=1, progress=False)
    import json as _json

    saved = _json.loads(next((out / ".cache").rglob("keyword_sums/parts.json")).read_text(encoding="utf-8"))
    assert len(saved) == 2  # the first build's part and the new one
    build(raw, tmp_path / "nocache", jobs=1, progress=False, use_cache=False)
    for name in ("keywords_by_group", "keywords_keyness"):
        assert tables.load(name, out).equals(tables.load(name, tmp_path / "nocache")), name


def test_many_small_reruns_merge_their_batches_with_identical_tables(tmp_path, make_raw, monkeypatch):
    from analysis import plan

    monkeypatch.setattr(plan, "MAX_SMALL", 2)
    raw = make_raw({"a.txt": REPORT})
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)
    for i, extra in enumerate("乙丙丁戊"):
        (raw / f"n{i}.txt").write_text(REPORT + extra, encoding="utf-8")
        summary = build(raw, out, jobs=1, progress=False)
        assert summary.n_cached == i + 1
    batches = [p for p in (out / ".cache").glob("*/batches/*") if p.is_dir()]
    assert len(batches) <= 3  # five one-file batches, merged whenever more than two were small
    build(raw, tmp_path / "nocache", jobs=1, progress=False, use_cache=False)
    for t in TABLES:
        assert tables.load(t.name, out).equals(tables.load(t.name, tmp_path / "nocache")), t.name


# ------------------------------------------------------------------ warm worker (reruns of large corpora)


def _large_rerun(make_raw, out, monkeypatch, files):
    """A built corpus with one new file, counted as large enough for a warm worker: its raw folder."""
    from analysis import worker

    raw = make_raw(files)
    build(raw, out, jobs=2, progress=False)
    (raw / "c.txt").write_text(REPORT + "丙", encoding="utf-8")
    monkeypatch.setattr(worker, "WARM_FROM", 1)
    return raw


def test_a_rerun_of_a_large_corpus_processes_its_new_files_in_the_warm_worker(tmp_path, make_raw, monkeypatch):
    from analysis import batches

    out = tmp_path / "out"
    raw = _large_rerun(make_raw, out, monkeypatch, {"a.txt": REPORT, "b.txt": REPORT + "乙"})
    monkeypatch.setenv("ANALYSIS_WARM_WAIT", "120")  # and the worker is waited for, however slow the machine

    def not_here(*args):
        raise AssertionError("processed in the build's own process, not in the warm worker")

    monkeypatch.setattr(batches, "run_batch", not_here)
    summary = build(raw, out, jobs=2, progress=False)
    assert "process 1 files (warm worker)" in summary.timings and summary.n_cached == 2
    monkeypatch.undo()
    build(raw, tmp_path / "nocache", jobs=1, progress=False, use_cache=False)
    for t in TABLES:
        assert tables.load(t.name, out).equals(tables.load(t.name, tmp_path / "nocache")), t.name


def test_a_warm_worker_that_dies_leaves_its_files_to_the_build(tmp_path, make_raw, monkeypatch):
    from analysis import worker
    from analysis.worker import WarmWorker

    out = tmp_path / "out"
    raw = _large_rerun(make_raw, out, monkeypatch, {"a.txt": REPORT})
    started = []

    class Dying(WarmWorker):
        def __init__(self):
            super().__init__()
            self._proc.kill()
            self._proc.wait()
            started.append(self)

    monkeypatch.setattr(worker, "WarmWorker", Dying)
    summary = build(raw, out, jobs=2, progress=False)
    assert started and started[0].closed and (summary.n_ok, summary.n_cached) == (2, 1)
    assert sorted(docs_of(out)["source_path"].to_list()) == ["a.txt", "c.txt"]


def test_no_warm_worker_for_a_small_corpus_or_one_job(tmp_path, make_raw, monkeypatch):
    from analysis import worker

    raw = make_raw({"a.txt": REPORT})
    build(raw, tmp_path / "out", jobs=2, progress=False)
    (raw / "c.txt").write_text(REPORT + "丙", encoding="utf-8")
    assert not any("warm" in k for k in build(raw, tmp_path / "out", jobs=2, progress=False).timings)
    monkeypatch.setattr(worker, "WARM_FROM", 1)
    (raw / "d.txt").write_text(REPORT + "丁", encoding="utf-8")
    assert not any("warm" in k for k in build(raw, tmp_path / "out", jobs=1, progress=False).timings)


def test_the_warm_worker_runs_no_script_of_its_caller(tmp_path, make_raw):
    """A script calling build() without an ``if __name__ == "__main__"`` guard is not run again by the worker."""
    raw = make_raw({"a.txt": REPORT, "b.txt": REPORT + "乙"})
    out, marks = tmp_path / "out", tmp_path / "marks"
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import analysis.build as b, analysis.worker as w\n"
        f"open({str(marks)!r}, 'a').write('ran\\n')\n"
        "w.WARM_FROM = 1\n"
        "import os; os.environ['ANALYSIS_WARM_WAIT'] = '120'\n"
        f"s = b.build({str(raw)!r}, {str(out)!r}, jobs=2, progress=False)\n"
        "print(sorted(s.timings))\n", encoding="utf-8")
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True)
    (raw / "c.txt").write_text(REPORT + "丙", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True)
    assert "(warm worker)" in proc.stdout
    assert marks.read_text().splitlines() == ["ran", "ran"]  # once per run of the script, never in the worker
    assert sorted(docs_of(out)["source_path"].to_list()) == ["a.txt", "b.txt", "c.txt"]


def test_a_failed_build_from_the_command_line_exits_1_with_its_message(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "raw folder not found" in proc.stderr


def test_a_row_lingering_in_a_second_batch_is_read_from_the_batch_the_manifest_names(tmp_path, make_raw):
    import analysis.build as b
    from analysis import plan

    raw = make_raw({"a.txt": REPORT, "b.txt": REPORT + "乙"})
    out = tmp_path / "out"
    build(raw, out, jobs=1, progress=False)
    store = next((out / ".cache").iterdir())
    manifest = plan.read_manifest(store)
    (batch,) = manifest["batch"].unique().to_list()
    # A second batch holding a stale copy of a.txt's row (as a build interrupted before its filter leaves)
    stale = store / "batches" / "b999999"
    stale.mkdir()
    row = pl.read_parquet(store / "batches" / batch / "documents.parquet").filter(pl.col("source_path") == "a.txt")
    row.with_columns(pl.lit("stale").alias("title")).write_parquet(stale / "documents.parquet")
    docs = b._documents(store, sorted([batch, "b999999"]), manifest.drop("sha256"))
    assert docs["source_path"].to_list() == ["a.txt", "b.txt"] and "stale" not in docs["title"].to_list()


def test_the_command_line_starts_the_warm_worker_when_the_last_build_was_large(tmp_path, make_raw):
    import json

    raw = make_raw({"a.txt": REPORT})
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(out), "--timings", "--jobs", "2"]
    subprocess.run(cmd, check=True, capture_output=True)
    meta = json.loads((out / "build.json").read_text(encoding="utf-8"))
    (out / "build.json").write_text(json.dumps({**meta, "files": 100_000}), encoding="utf-8")  # as after a large build
    (raw / "c.txt").write_text(REPORT + "丙", encoding="utf-8")
    proc = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "ANALYSIS_WARM_WAIT": "120"})
    assert "process 1 files (warm worker)" in proc.stdout and proc.stdout.startswith("build: 2 files: 2 ok")
    proc = subprocess.run(cmd + ["--jobs", "1"], check=True, capture_output=True, text=True)
    assert "warm worker" not in proc.stdout


def test_a_worker_not_warm_in_time_leaves_the_files_to_the_build(tmp_path, make_raw, monkeypatch):
    from analysis import batches, worker

    out = tmp_path / "out"
    raw = _large_rerun(make_raw, out, monkeypatch, {"a.txt": REPORT})
    monkeypatch.setattr(worker, "READY_WAIT", 0.0)  # never waited for
    here = []
    real = batches.run_batch
    monkeypatch.setattr(batches, "run_batch", lambda folder, entries: here.append(len(entries)) or real(folder, entries))
    summary = build(raw, out, jobs=2, progress=False)
    assert here == [1] and summary.n_ok == 2 and "process 1 files" in summary.timings
