"""The synthetic corpus generator (benchmarks only): determinism, shapes, truth file, sizes, the data/raw guard, and a build on it."""

import json
import random
import statistics
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import CHUNK, FIRST_YEAR, LAST_YEAR, TEXT_SHAPES, generate, template_of

N = 400  # enough for every template, format, encoding and table shape at seed 7 (about a second)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("generated")
    generate(N, base / "raw", base / "truth.jsonl", seed=7)
    truth = [json.loads(line) for line in (base / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    return base / "raw", truth


def _files(raw):
    return sorted(p for p in raw.rglob("*") if p.is_file())


def test_one_truth_line_per_file_in_file_order(corpus):
    raw, truth = corpus
    files = _files(raw)
    assert len(truth) == len(files) == N
    assert [t["file"] for t in truth] == sorted(p.relative_to(raw).as_posix() for p in files)
    assert len({(t["issuer"], t["parent"], t["year"]) for t in truth}) == N  # no issuer reports twice for a year


def test_same_seed_same_corpus_whatever_the_number_of_processes(tmp_path):
    n = 2 * CHUNK + 10  # three chunks
    generate(n, tmp_path / "a", tmp_path / "a.jsonl", seed=1, jobs=1)
    generate(n, tmp_path / "b", tmp_path / "b.jsonl", seed=1, jobs=2)
    generate(n, tmp_path / "c", tmp_path / "c.jsonl", seed=2, jobs=2)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "c.jsonl").read_bytes()


def test_every_template_format_and_shape_is_present(corpus):
    raw, truth = corpus
    assert {t["template"] for t in truth} == {"pre2014", "2014_2018", "2019", "2021"}
    assert {t["year"] for t in truth} >= {2008, 2013, 2014, 2018, 2019, 2020, 2021, 2025}
    assert {t["format"] for t in truth} == {"text", "html", "dump"}
    encodings = {t["encoding"] for t in truth}
    assert {"utf-8", "gbk"} <= encodings and encodings & {"big5", "big5hkscs"}
    assert {t["script"] for t in truth} == {"simplified", "traditional"}
    assert {t["table_shape"] for t in truth if t["format"] == "text"} == {s for s, _ in TEXT_SHAPES}
    assert {t["table_shape"] for t in truth if t["format"] == "dump"} == {"oneline", "glued"}
    assert {t["issuer_kind"] for t in truth} == {"government", "department", "township"}
    assert {p.suffix for p in _files(raw)} >= {".txt", ".html", ".htm"}
    assert any("inconsistencies" in t for t in truth) and any("copied_from" in t for t in truth)
    shares = Counter(t["format"] for t in truth)
    assert shares["text"] > shares["html"] > shares["dump"] > 0


def test_truth_lines_parse_and_agree_with_the_files(corpus):
    from analysis import gazetteer

    raw, truth = corpus
    for t in truth:
        assert FIRST_YEAR <= t["year"] <= LAST_YEAR and t["template"] == template_of(t["year"])
        assert t["jurisdiction"] and t["province"] and t["indicators"]
        if t["issuer_kind"] != "township":
            assert gazetteer.lookup(t["jurisdiction"]), t["jurisdiction"]
        assert all(isinstance(v, (int, float)) for v in t["indicators"].values())
        data = (raw / t["file"]).read_bytes()
        assert len(data) == t["bytes"]
        text = data.decode("utf-8-sig" if t["encoding"] == "utf-8" else t["encoding"])
        if t["format"] == "html":
            assert text.startswith("<!DOCTYPE html>") and "</html>" in text
        if t["format"] == "dump":
            head, body = text.split("==================== 正文 ====================\n")
            assert head.startswith("标题: ") and "\n" not in body
        if t["script"] == "traditional":
            assert "報告" in text and "报告" not in text
        else:
            assert "报告" in text


def test_figures_are_consistent_unless_a_deliberate_inconsistency_is_recorded(corpus):
    _, truth = corpus
    checked = Counter()
    for t in truth:
        v = t["indicators"]
        noted = {n["indicator"] for n in t.get("inconsistencies", [])}
        if t["template"] in ("2019", "2021"):
            assert {"requests_received", "outcome_total", "review_total", "litigation_total"} <= v.keys()
            if not noted & {"requests_received", "outcome_total"} and "requests_carried_forward" in v:
                assert v["requests_received"] + v["requests_carried_over"] == v["outcome_total"] + v["requests_carried_forward"]
                checked["identity"] += 1
            for part in ("upheld", "corrected", "other", "pending", "total"):
                assert v[f"litigation_{part}"] == v[f"litigation_direct_{part}"] + v[f"litigation_after_review_{part}"]
            assert v["review_total"] == sum(v[f"review_{p}"] for p in ("upheld", "corrected", "other", "pending"))
        elif "staff_total" in v:  # the national 2014–2018 table
            parts = ("outcome_already_public", "outcome_granted", "outcome_partial", "outcome_denied", "outcome_not_this_agency",
                     "outcome_not_held", "outcome_clarify", "outcome_other_channel")
            if all(p in v for p in parts):
                assert v["outcome_total"] == sum(v[p] for p in parts)
                checked["outcomes"] += 1
            assert v["staff_total"] == v["staff_fulltime"] + v["staff_parttime"]
        elif "proactive_total" in v and t["template"] == "pre2014" and "requests_in_person" in v and not noted:
            channels = ("requests_in_person", "requests_fax", "requests_online", "requests_email", "requests_letter")
            assert v["requests_received"] == sum(v[c] for c in channels)
            checked["channels"] += 1
    assert checked["identity"] > 20 and checked["outcomes"] > 20 and checked["channels"] > 10


def test_sizes_are_real_sized_and_varied(corpus):
    _, truth = corpus
    sizes = sorted(t["bytes"] for t in truth)
    assert 14_000 < statistics.mean(sizes) < 28_000
    assert 10_000 < statistics.median(sizes) < 24_000
    assert sizes[len(sizes) // 10] < 10_000 and sizes[-len(sizes) // 10] > 30_000
    assert sizes[0] > 2_000 and sizes[-1] < 150_000


def _shingles(text: str, k: int = 5) -> set[str]:
    s = "".join(text.split())
    return {s[i : i + k] for i in range(len(s) - k + 1)}


def test_two_reports_are_not_near_copies(corpus):
    """Character 5-gram Jaccard similarity (as the copy-paste measure uses) of random pairs of reports."""
    raw, truth = corpus
    plain = [t for t in truth if t["format"] == "text" and t["encoding"] == "utf-8" and t["script"] == "simplified" and "copied_from" not in t]
    rng = random.Random(3)
    sims = []
    for _ in range(30):
        a, b = rng.sample(plain, 2)
        if a["issuer"] != b["issuer"]:
            x, y = (_shingles((raw / t["file"]).read_text(encoding="utf-8-sig")) for t in (a, b))
            sims.append(len(x & y) / len(x | y))
    assert max(sims) < 0.6 and statistics.mean(sims) < 0.35


def test_never_writes_into_data_raw(tmp_path):
    before = sorted(p.name for p in (ROOT / "data" / "raw").iterdir())
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "3", str(ROOT / "data" / "raw")], capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "never written into data/raw" in proc.stderr
    for target in (ROOT / "data" / "raw", ROOT / "data" / "raw" / "sub"):
        with pytest.raises(ValueError, match="never written into data/raw"):
            generate(3, target, tmp_path / "truth.jsonl")
    assert sorted(p.name for p in (ROOT / "data" / "raw").iterdir()) == before


def test_generated_corpus_builds_with_its_truth(tmp_path):
    from bench import accuracy

    from analysis.build import build

    generate(40, tmp_path / "raw", tmp_path / "truth.jsonl", seed=11)
    summary = build(tmp_path / "raw", tmp_path / "out", jobs=1, progress=False)
    assert summary.n_ok == 40
    acc = accuracy(tmp_path / "out", tmp_path / "truth.jsonl")
    assert acc["year"] >= 0.9 and acc["template"] >= 0.9 and acc["province"] >= 0.9 and acc["jurisdiction"] >= 0.85
    assert acc["figures"] >= 0.97


def test_bench_stages_times_every_step_and_puts_the_functions_back(tmp_path, capsys):
    import bench

    from analysis import clean, indicators, ingest

    before = {(m.__name__, n): getattr(m, n) for m, n in ((ingest, "clean_text"), (clean, "_clean_lines"), (indicators, "parse_prose"))}
    bench.bench_stages(30, tmp_path / "stages", jobs=2)
    out = capsys.readouterr().out
    lines, budget = out.split("\nbudget: ")
    lines = lines.splitlines()
    times = {line[:36].strip(): float(line[36:].split()[0]) for line in lines[1:]}
    assert lines[0].startswith("stages: 30 generated reports")
    for label in ("decode bytes", "clean text", "header and boilerplate lines", "sections", "figures", "prose",
                  "batch tables (batches.frames)", "writing them (Parquet; CSV if any)"):
        assert times[label] > 0, label
    top = sum(times[label.strip()] for _, _, label in bench.STAGES if not label.startswith(" "))
    assert top <= times["extraction (ingest.process_file)"]
    assert times["total"] >= times["extraction (ingest.process_file)"] + times["batch tables (batches.frames)"]
    budget = budget.splitlines()
    assert budget[0].endswith("allow on 2 cores")
    assert float(budget[1].split()[-1]) == 2.0  # 1,000 reports/s on 2 cores: 2 ms of one core per report
    floor = float(budget[2].split("(")[1].split(" ms")[0])
    assert 0 < floor < times["decode bytes"] + times["clean text"]  # reading and one regex cost less than decoding and cleaning
    # Both figures are printed rounded (the floor to 3 decimals, the budget to 2): 12 x 0.0005 + 0.005 apart at most.
    assert float(budget[2].split()[-1]) == pytest.approx(12 * floor, abs=0.0111)
    for (module, name), f in before.items():
        assert getattr(sys.modules[module], name) is f
    assert not (tmp_path / "stages").exists()


# ------------------------------------------------ the real-based corpus ---

import realbased  # noqa: E402  (benchmarks/ is on the path)


@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("realbased")
    realbased.generate(120, base / "raw", base / "truth.jsonl", seed=3)
    return base


def test_real_based_corpus_is_deterministic_and_has_a_truth_line_per_file(real_corpus, tmp_path):
    raw = real_corpus / "raw"
    truth = [json.loads(line) for line in (real_corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    files = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    assert [t["file"] for t in truth] == files and len(files) == 120
    realbased.generate(120, tmp_path / "raw", tmp_path / "truth.jsonl", seed=3)
    assert all((raw / f).read_bytes() == (tmp_path / "raw" / f).read_bytes() for f in files)
    assert {t["format"] for t in truth} == {"text", "html"} and "gbk" in {t["encoding"] for t in truth}
    assert len({t["source"] for t in truth}) > 20  # many real reports, not one


def test_real_based_figures_and_years_change_consistently():
    text = "2019年,共主动公开信息120条,其中网站公开100条、公报公开20条。| 收到申请 | 15 |\n二〇一九年十二月"
    assert realbased.scale_figures(text, 3) == "2019年,共主动公开信息360条,其中网站公开300条、公报公开60条。| 收到申请 | 45 |\n二〇一九年十二月"
    assert realbased.shift_years(text, 2).startswith("2021年") and text.endswith("二〇一九年十二月")
    assert realbased.shift_years(text, 2).endswith("二〇二一年十二月")


def test_real_based_corpus_builds_and_reads_as_its_truth_says(real_corpus):
    from analysis import tables
    from analysis.build import build

    out = real_corpus / "out"
    build(real_corpus / "raw", out, jobs=1, progress=False)
    docs = {r["source_path"]: r for r in tables.load("documents", out).iter_rows(named=True)}
    truth = [json.loads(line) for line in (real_corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(docs[t["file"]]["status"] == "ok" for t in truth)
    assert statistics.mean(docs[t["file"]]["year"] == t["year"] for t in truth) > 0.95
    known = [t for t in truth if t["jurisdiction"]]
    assert statistics.mean(docs[t["file"]]["jurisdiction"] == t["jurisdiction"] for t in known) > 0.8
    sims = tables.load("similarity", out)
    assert sims["is_near_copy_of_previous"].any()  # an issuer's reports of consecutive years are near-copies


def test_real_based_corpus_never_writes_into_data_raw():
    with pytest.raises(SystemExit, match="never written into data/raw"):
        realbased.generate(1, ROOT / "data" / "raw" / "x", ROOT / "truth.jsonl")
