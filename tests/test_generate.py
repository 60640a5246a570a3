"""The synthetic corpus generator (benchmarks only): shapes, truth file, and accuracy of a build on it."""

import json
import subprocess
import sys

import pytest

from analysis.build import build
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import accuracy  # noqa: E402
from generate import generate  # noqa: E402


def test_generated_corpus_builds_with_its_truth(tmp_path):
    generate(60, tmp_path / "raw", tmp_path / "truth.jsonl", seed=7)
    truth = [json.loads(line) for line in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    files = sorted(p for p in (tmp_path / "raw").rglob("*") if p.is_file())
    assert len(truth) == len(files) == 60
    assert {p.suffix for p in files} == {".txt", ".html"}
    summary = build(tmp_path / "raw", tmp_path / "out", jobs=1, progress=False)
    assert summary.n_ok == 60
    acc = accuracy(tmp_path / "out", tmp_path / "truth.jsonl")
    assert acc["year"] == acc["template"] == acc["figures"] == 1.0
    assert acc["jurisdiction"] >= 0.95


def test_same_seed_same_corpus(tmp_path):
    generate(5, tmp_path / "a", tmp_path / "a.jsonl", seed=1)
    generate(5, tmp_path / "b", tmp_path / "b.jsonl", seed=1)
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()


def test_never_writes_into_data_raw():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "3", str(ROOT / "data" / "raw")], capture_output=True, text=True)
    assert proc.returncode == 2 and "never written into data/raw" in proc.stderr
