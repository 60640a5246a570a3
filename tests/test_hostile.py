"""Nothing lost, nothing run: a folder of every kind of bad input, interrupted builds, no network."""

import codecs
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from analysis import tables
from analysis.build import build
from analysis.cli import main
from analysis.ingest import MAX_BYTES
from analysis.schema import TABLES
from conftest import RAW, checksums, seed_bytes

REPORT = ("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,全县主动公开政府信息{n}条。\n"
          "二、主动公开政府信息情况\n全年主动公开政府信息{n}条。\n三、存在的主要问题及改进情况\n信息更新不够及时。下一步将加强培训。\n")


def report(n: int) -> str:
    return REPORT.format(n=n)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw = base / "raw"
    raw.mkdir()
    outside = base / "outside.txt"
    outside.write_text(report(99), encoding="utf-8")
    files = {
        "empty.txt": b"",
        "random.bin": os.urandom(20000),
        "truncated.txt": report(1).encode("utf-8")[:-2],
        "gbk.txt": report(2).encode("gbk"),
        "gb18030.txt": (report(3) + "𠀀").encode("gb18030"),
        "big5.txt": __import__("opencc").OpenCC("s2t").convert(report(4)).encode("big5"),
        "utf16-bom.txt": report(5).encode("utf-16"),
        "utf16le-nobom.txt": report(6).encode("utf-16-le"),
        "utf16be-nobom.txt": report(7).encode("utf-16-be"),
        "utf8-bom.txt": codecs.BOM_UTF8 + report(8).encode("utf-8"),
        "scripts.html": ("<html><head><script>alert(1)</script><style>p{}</style></head><body><iframe src='x'></iframe>"
                         "<p>" + report(9).replace("\n", "</p><p>") + "</p><script>document.write('x')</script></body></html>").encode("utf-8"),
        "huge.txt": b"a" * (MAX_BYTES + 1),
        "long-line.txt": (report(10).replace("\n", " ") + "信息公开" * 250_000).encode("utf-8"),
        "copy one.txt": report(11).encode("utf-8"),
        "copy two 副本 📄.txt": report(11).encode("utf-8"),
        "news.txt": "我县召开全县经济工作会议\n12月28日,县委县政府召开全县经济工作会议,部署2024年任务。".encode("utf-8"),
        "notice.txt": "关于做好2023年政府信息公开工作年度报告编制发布工作的通知\n各乡镇人民政府:\n请按时公布年度报告。".encode("utf-8"),
        "scan.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "seed.txt": seed_bytes("hongze"),
        "子目录/嵌套 报告.txt": report(12).encode("utf-8"),
    }
    for rel, data in files.items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        (raw / rel).write_bytes(data)
    (raw / "link-outside.txt").symlink_to(outside)
    (raw / "link-inside.txt").symlink_to(raw / "gbk.txt")
    before = checksums(raw)
    out = base / "out"
    code = main(["build", "--raw", str(raw), "--out", str(out), "--no-progress"])
    return {"raw": raw, "out": out, "code": code, "before": before, "n_files": len(files) + 2,
            "docs": tables.load("documents", out)}


def status(h, rel):
    row = h["docs"].filter(pl.col("source_path") == rel).row(0, named=True)
    return row["status"], row["reason"] or ""


def test_exit_0_and_one_row_per_file(hostile):
    assert hostile["code"] == 0
    assert hostile["docs"].height == hostile["n_files"]
    assert hostile["docs"]["source_path"].n_unique() == hostile["n_files"]
    assert hostile["docs"].filter(pl.col("status") != "ok")["reason"].null_count() == 0


@pytest.mark.parametrize(
    ("rel", "expected", "reason_part"),
    [
        ("empty.txt", "error", "empty file"),
        ("random.bin", "error", ""),
        ("truncated.txt", "ok", "undecodable"),
        ("gbk.txt", "ok", ""),
        ("gb18030.txt", "ok", ""),
        ("big5.txt", "ok", ""),
        ("utf16-bom.txt", "ok", ""),
        ("utf16le-nobom.txt", "ok", ""),
        ("utf16be-nobom.txt", "ok", ""),
        ("utf8-bom.txt", "ok", ""),
        ("scripts.html", "ok", ""),
        ("huge.txt", "skipped", "too large"),
        ("long-line.txt", "ok", ""),
        ("copy one.txt", "ok", ""),
        ("copy two 副本 📄.txt", "skipped", "duplicate of copy one.txt"),
        ("news.txt", "skipped", "not_a_report"),
        ("notice.txt", "skipped", "not_a_report: a notice"),
        ("scan.pdf", "error", "broken PDF"),
        ("seed.txt", "ok", ""),
        ("子目录/嵌套 报告.txt", "ok", ""),
        ("link-outside.txt", "skipped", "outside the raw folder"),
        ("link-inside.txt", "skipped", "duplicate of gbk.txt"),
    ],
)
def test_each_case(hostile, rel, expected, reason_part):
    got, reason = status(hostile, rel)
    assert got == expected, reason
    assert reason_part in reason


def test_encodings_are_recorded(hostile):
    enc = dict(hostile["docs"].select("source_path", "encoding").iter_rows())
    assert enc["gbk.txt"] == "gbk" and enc["gb18030.txt"] == "gb18030" and enc["big5.txt"].startswith("big5")
    assert enc["utf16-bom.txt"] == "utf-16" and enc["utf16le-nobom.txt"] == "utf-16-le" and enc["utf8-bom.txt"] == "utf-8-sig"


def test_duplicates_are_counted_once_in_every_aggregate(hostile):
    texts = tables.load("texts", hostile["out"])
    indicators = tables.load("indicators", hostile["out"])
    kept = hostile["docs"].filter(pl.col("source_path") == "copy one.txt")["report_id"].item()
    assert texts.filter(pl.col("report_id") == kept).height == 1
    assert set(indicators["report_id"]) <= set(hostile["docs"].filter(pl.col("status") == "ok")["report_id"])


def test_raw_is_untouched(hostile):
    assert checksums(hostile["raw"]) == hostile["before"]


def test_html_scripts_do_not_reach_the_text(hostile):
    rid = hostile["docs"].filter(pl.col("source_path") == "scripts.html")["report_id"].item()
    text = tables.load("texts", hostile["out"]).filter(pl.col("report_id") == rid)["text"].item()
    assert "alert" not in text and "document.write" not in text and "主动公开政府信息9条" in text


def test_unwritable_output_folder_is_a_clear_error(tmp_path, capsys, make_raw):
    raw = make_raw({"a.txt": report(1)})
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["build", "--raw", str(raw), "--out", str(blocker / "out")]) == 1
    assert "cannot write outputs" in capsys.readouterr().err


def test_the_build_makes_no_network_request(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    summary = build(RAW, tmp_path / "out", jobs=1, progress=False)
    reports = [p for p in RAW.rglob("*") if p.is_file() and p.name != "SOURCES.csv"]
    assert summary.n_ok == len(reports) > 50


# -------------------------------------------------------------- kill test


def _consistent(out: Path) -> bool:
    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    frames = {t.name: tables.load(t.name, out) for t in TABLES}
    assert {n: df.height for n, df in frames.items()} == info["tables"]
    ok = set(frames["documents"].filter(pl.col("status") == "ok")["report_id"])
    assert set(frames["texts"]["report_id"]) == ok
    assert set(frames["indicators"]["report_id"]) <= ok
    return True


def test_killed_builds_leave_the_previous_outputs_complete(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(150):
        (raw / f"r{i:03d}.txt").write_text(report(i) + f"(第{i}份)", encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(out), "--no-progress", "--jobs", "2"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    duration = time.perf_counter() - start
    assert _consistent(out)
    first = tables.load("documents", out).height
    for i in range(150, 200):
        (raw / f"r{i:03d}.txt").write_text(report(i) + f"(第{i}份)", encoding="utf-8")
    heights = set()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(duration * fraction)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _consistent(out), fraction  # previous or new outputs, always whole
        heights.add(tables.load("documents", out).height)
    assert heights <= {first, 200}
    subprocess.run(cmd, check=True, capture_output=True)
    assert tables.load("documents", out).height == 200
    assert not list(tmp_path.glob(".out.staging-*"))


@pytest.mark.parametrize(
    "filler",
    ["信息公开" * 50_000, "0" * 200_000, "0 " * 100_000, "| " * 100_000, "(一)" * 50_000, "一、\n" * 50_000, "1," * 100_000, "?" * 200_000],
    ids=["han", "digits", "spaced-digits", "pipes", "parens", "headings", "commas", "question-marks"],
)
def test_pathological_text_is_processed_without_hanging(filler):
    from analysis.ingest import process_bytes

    def hang(signum, frame):
        raise TimeoutError("processing a pathological file did not finish in 60 s (a regular expression gone quadratic?)")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    try:
        result = process_bytes((report(1) + filler).encode("utf-8"), "x.txt")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert result.row["status"] == "ok"
